"""Vocabularies shipped in ``stanceline/data``, loaded once, overridable by users.

The files are plain text with ``#`` comments so an analyst can read and
extend them without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path


def _data_text(name: str) -> str:
    return resources.files("stanceline").joinpath("data", name).read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    out = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


@dataclass(frozen=True)
class Cues:
    """Attribution cue vocabulary: verb lemmas with tags, cue nouns, multi-word phrases."""

    verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    nouns: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()

    def is_verb(self, lemma: str) -> bool:
        return lemma in self.verbs

    def tagged(self, lemma: str, tag: str) -> bool:
        return tag in self.verbs.get(lemma, frozenset())


def parse_cues(text: str) -> Cues:
    """Parse a cue file (see ``data/cues.txt`` for the layout).

    Args:
        text: The file's contents.

    Returns:
        The parsed :class:`Cues`.
    """
    section = "verbs"
    verbs: dict[str, frozenset[str]] = {}
    nouns: set[str] = set()
    phrases: list[str] = []
    for line in _lines(text):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            continue
        word, _, tags = line.partition("|")
        word = " ".join(word.lower().split())
        if section == "verbs":
            verbs[word] = frozenset(t.strip() for t in tags.split() if t.strip()) | verbs.get(word, frozenset())
        elif section == "nouns":
            nouns.add(word)
        elif section == "phrases":
            phrases.append(word)
    return Cues(verbs=verbs, nouns=frozenset(nouns), phrases=tuple(sorted(set(phrases), key=len, reverse=True)))


@lru_cache(maxsize=8)
def load_cues(path: str | None = None) -> Cues:
    """Load the cue vocabulary from ``path``, or the shipped default."""
    text = Path(path).read_text(encoding="utf-8") if path else _data_text("cues.txt")
    return parse_cues(text)


@lru_cache(maxsize=8)
def load_titles(path: str | None = None) -> tuple[str, ...]:
    """Load office titles (lower case), longest first so the longest match wins."""
    text = Path(path).read_text(encoding="utf-8") if path else _data_text("titles.txt")
    titles = {" ".join(t.lower().split()) for t in _lines(text)}
    return tuple(sorted(titles, key=lambda t: (-len(t.split()), -len(t), t)))


@dataclass(frozen=True)
class SourceWords:
    """Nouns that tell what kind of source a phrase is (``data/sources.txt``)."""

    agents: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    organizations: frozenset[str] = frozenset()

    def speaking(self, lemma: str) -> bool:
        """A noun that can head a speaking source (not ``the clash``, ``the report``)."""
        return lemma in self.agents or lemma in self.people or lemma in self.organizations


@lru_cache(maxsize=8)
def load_source_words(path: str | None = None) -> SourceWords:
    """Load the source nouns from ``path``, or the shipped default."""
    text = Path(path).read_text(encoding="utf-8") if path else _data_text("sources.txt")
    sections: dict[str, set[str]] = {"agents": set(), "people": set(), "organizations": set()}
    current = "people"
    for line in _lines(text):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip().lower()
            sections.setdefault(current, set())
            continue
        sections[current].add(line.lower())
    return SourceWords(**{k: frozenset(v) for k, v in sections.items() if k in ("agents", "people", "organizations")})
