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
    noun_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    adjectives: dict[str, frozenset[str]] = field(default_factory=dict)  # "critical" -> {"of"}

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
    noun_preps: dict[str, frozenset[str]] = {}
    phrases: list[str] = []
    adjectives: dict[str, frozenset[str]] = {}
    for line in _lines(text):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            continue
        word, _, tags = line.partition("|")
        word = " ".join(word.lower().split())
        if section == "verbs":
            verbs[word] = frozenset(t.strip() for t in tags.split() if t.strip()) | verbs.get(
                word, frozenset()
            )
        elif section == "nouns":
            nouns.add(word)
            if tags.split():
                noun_preps[word] = frozenset(tags.split()) | noun_preps.get(word, frozenset())
        elif section == "phrases":
            phrases.append(word)
        elif section == "adjectives":
            adjectives[word] = frozenset(tags.split()) | adjectives.get(word, frozenset())
    return Cues(
        verbs=verbs,
        nouns=frozenset(nouns),
        phrases=tuple(sorted(set(phrases), key=len, reverse=True)),
        noun_preps=noun_preps,
        adjectives=adjectives,
    )


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
    return SourceWords(
        **{k: frozenset(v) for k, v in sections.items() if k in ("agents", "people", "organizations")}
    )


@dataclass(frozen=True)
class Topic:
    """One topic: the words that name it and the words that carry a stance on it (``data/topics.toml``)."""

    name: str
    lemmas: tuple[str, ...] = ()  # "lemma" or "lemma:POS"
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict, ...], ...] = ()
    exclude: tuple[str, ...] = ()
    support: frozenset[str] = frozenset()
    oppose: frozenset[str] = frozenset()
    pressure: bool = False  # a measure of pressure: lifting it on conditions keeps it till then
    barriers: frozenset[str] = frozenset()  # lemmas naming a barrier to the topic ("tariff"): stance flipped
    senses: frozenset[str] = (
        frozenset()
    )  # words that, linked to a topic word, show another sense ("strike" of workers)


@dataclass(frozen=True)
class Topics:
    """The topic vocabulary: topics by name, and the stance cue words shared by all of them."""

    topics: dict[str, Topic] = field(default_factory=dict)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)

    def cue(self, kind: str) -> frozenset[str]:
        return self.cues.get(kind, frozenset())


_CUE_KINDS = (
    "support",
    "oppose",
    "oppose_particles",
    "positive_eval",
    "negative_eval",
    "negators",
    "hedges",
    "hedge_phrases",
    "possibility",
    "reported",
    "other_domains",
    # word classes of the stance readings (nlp/stance)
    "dispositions",
    "other_groups",
    "institutions",
    "attitude_nouns",
    "naming_verbs",
    "judging_verbs",
    "holding_verbs",
    "dismissive_idioms",
    "better_than",
    "worse_than",
    "preference_adverbs",
    "proposals",
    "demand_nouns",
    "retractions",
    "denials",
    "scant",
    "softeners",
    "knowing_verbs",
    "schedule_verbs",
    "attitude_verbs",
    "signing_verbs",
    "condition_verbs",
    "depending_verbs",
    "need_verbs",
    "condition_adjectives",
    "acts",
    "documents",
    "prospective",
    "question_verbs",
    "free_of",
    "who_denies",
    "earnest_adverbs",
    "expectation_verbs",
    "yes_answers",
    "no_answers",
    "nominal_endings",
)


def _words(values: object) -> list[str]:
    if not isinstance(values, list):
        return []
    return [" ".join(str(v).lower().split()) for v in values if str(v).strip()]


def parse_topics(data: dict, base: Topics | None = None) -> Topics:
    """Build a :class:`Topics` from a parsed topic file, on top of ``base``.

    Each ``[topics.NAME]`` table adds a topic or replaces ``base``'s topic of that
    name; ``[cues]`` lists add to ``base``'s.

    Args:
        data: The file as a dict (TOML or YAML, same layout).
        base: The vocabulary to extend (the shipped default), or ``None``.

    Returns:
        The merged :class:`Topics`.
    """
    topics = dict(base.topics) if base else {}
    for name, spec in (data.get("topics") or {}).items():
        spec = spec or {}
        topics[str(name)] = Topic(
            name=str(name),
            lemmas=tuple(_words(spec.get("lemmas"))),
            phrases=tuple(_words(spec.get("phrases"))),
            patterns=tuple(tuple(p) for p in spec.get("patterns") or () if isinstance(p, list)),
            exclude=tuple(_words(spec.get("exclude"))),
            support=frozenset(_words(spec.get("support"))),
            oppose=frozenset(_words(spec.get("oppose"))),
            pressure=bool(spec.get("pressure", False)),
            barriers=frozenset(_words(spec.get("barriers"))),
            senses=frozenset(_words(spec.get("senses"))),
        )
    cues = dict(base.cues) if base else {}
    for kind in _CUE_KINDS:
        cues[kind] = cues.get(kind, frozenset()) | frozenset(_words((data.get("cues") or {}).get(kind)))
    return Topics(topics=topics, cues=cues)


def read_data_file(path: str, code: str = "E017") -> dict:
    """Read a user's TOML or YAML file (by suffix) into a dict; ``code`` names the error."""
    from .errors import UsageError

    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise UsageError.make(code, path=path, detail=f"cannot read it ({err.strerror or err})") from None
    if p.suffix.lower() in (".yaml", ".yml"):
        try:
            import yaml  # type: ignore[import-untyped]
        except ImportError:
            raise UsageError.make(
                code, path=path, detail="YAML needs PyYAML, which is not installed; write it as TOML"
            ) from None
        try:
            data = yaml.safe_load(raw.decode("utf-8")) or {}
        except Exception as err:  # noqa: BLE001 - yaml's own error types
            raise UsageError.make(code, path=path, detail=f"not valid YAML ({err})") from None
    else:
        import tomllib

        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise UsageError.make(code, path=path, detail=f"not valid TOML ({err})") from None
    if not isinstance(data, dict):
        raise UsageError.make(code, path=path, detail="expected tables at the top level")
    return data


def _read_topic_file(path: str) -> dict:
    data = read_data_file(path, "E017")
    _check_topic_file(data, path)
    return data


_LIST_KEYS = ("lemmas", "phrases", "exclude", "support", "oppose", "barriers", "senses")


def _check_topic_file(data: dict, path: str) -> None:
    """Refuse what would otherwise be dropped in silence or fail later in the pipeline."""
    from spacy.lang.en import English
    from spacy.matcher import Matcher

    from .errors import UsageError

    topics = data.get("topics", {})
    if not isinstance(topics, dict):
        raise UsageError.make("E017", path=path, detail="'topics' must be a table of [topics.NAME] tables")
    matcher = Matcher(English().vocab)
    for name, spec in topics.items():
        if not isinstance(spec, dict):
            raise UsageError.make("E017", path=path, detail=f"[topics.{name}] must be a table")
        for key in _LIST_KEYS:
            value = spec.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError.make(
                    "E017", path=path, detail=f"topics.{name}.{key} must be a list of strings"
                )
        patterns = spec.get("patterns", [])
        try:
            if patterns:
                matcher.add(f"check-{name}", [list(p) for p in patterns])
        except Exception as err:  # spaCy names the bad token pattern
            raise UsageError.make(
                "E017", path=path, detail=f"topics.{name}.patterns is not a spaCy Matcher pattern ({err})"
            ) from None
    for key, value in (data.get("cues") or {}).items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError.make("E017", path=path, detail=f"cues.{key} must be a list of strings")


@lru_cache(maxsize=8)
def load_topics(path: str | None = None) -> Topics:
    """Load the shipped topics, with a user file's topics added or replacing them by name.

    Args:
        path: A TOML (or, with PyYAML installed, YAML) topic file, or ``None`` for the default.

    Returns:
        The :class:`Topics`.

    Raises:
        UsageError: E017 when the file cannot be read or parsed.
    """
    import tomllib

    shipped = parse_topics(tomllib.loads(_data_text("topics.toml")))
    return parse_topics(_read_topic_file(path), shipped) if path else shipped
