"""The word vocabularies: cue words, titles, source nouns and temporal words (``cues.txt``,
``titles.txt``, ``sources.txt``, ``temporal.txt``), each loaded once, a user's file layered over the shipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import NoReturn

from ..nlp.lexicon import PREPOSITIONS
from .files import data_text, layered, numbered_lines, user_text, word_sections


@dataclass(frozen=True)
class Cues:
    """The attribution vocabulary of a cue file (``data/cues.txt``, where each section is described).

    Cue words: verb lemmas with tags, cue nouns (with the prepositions that may carry their content),
    multi-word phrases and attitude adjectives. Then the word lists the attribution reader checks, one
    field per section of the file: ``[light verbs]`` is :attr:`light_verbs`, and so on.
    """

    verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    nouns: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()
    noun_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    owned_nouns: frozenset[str] = frozenset()  # "voiced hope that": a statement only with an owner
    adjectives: dict[str, frozenset[str]] = field(default_factory=dict)  # "critical" -> {"of"}
    light_verbs: frozenset[str] = frozenset()  # "voiced objections to"
    # "refuse" -> {}, "fail" -> {"no-position"}
    refusals: dict[str, frozenset[str]] = field(default_factory=dict)
    silent_acts: frozenset[str] = frozenset()  # "declined to elaborate"
    arguments: frozenset[str] = frozenset()  # "history suggests"
    anonymity_verbs: frozenset[str] = frozenset()  # "asked not to be named"
    dependence_verbs: frozenset[str] = frozenset()  # "whether ... depends on"
    denying_adjectives: frozenset[str] = frozenset()  # "it is untrue that"
    not_cues: frozenset[str] = frozenset()  # "make sure that"
    speech_vehicles: frozenset[str] = frozenset()  # "went on to say"
    linking_verbs: frozenset[str] = frozenset()  # "is critical of"
    adverbial_nouns: frozenset[str] = frozenset()  # "the day that"
    lemma_slips: dict[str, str] = field(default_factory=dict)  # "hoped" -> "hope"
    not_speakers: frozenset[str] = frozenset()  # "UPDATE:"

    def is_verb(self, lemma: str) -> bool:
        return lemma in self.verbs

    def tagged(self, lemma: str, tag: str) -> bool:
        return tag in self.verbs.get(lemma, frozenset())


# The sections of a cue file; those after [adjectives] are plain word lists (a field of Cues each).
_CUE_SECTIONS = (
    "verbs",
    "nouns",
    "phrases",
    "adjectives",
    "light verbs",
    "refusals",
    "silent acts",
    "arguments",
    "anonymity verbs",
    "dependence verbs",
    "denying adjectives",
    "not cues",
    "speech vehicles",
    "linking verbs",
    "adverbial nouns",
    "lemma slips",
    "not speakers",
)


# The tags a line of each section may carry (the meanings are in data/cues.txt); sections not named
# take none, but [lemma slips], whose one "tag" is the lemma.
_VERB_TAGS = frozenset(
    {
        "weak",
        "intent",
        "recipient",
        "learn",
        "silent",
        "noinf",
        "object",
        "asks",
        "evidence",
        "as-source",
        "intransitive",
        "thing",
    }
)
_SECTION_TAGS = {
    "verbs": _VERB_TAGS | PREPOSITIONS,
    "nouns": PREPOSITIONS | {"owned"},
    "adjectives": frozenset({"that", "to", "speaking"}) | PREPOSITIONS,
    "refusals": frozenset({"no-position"}),
}
_SHIPPED_CUES = "stanceline/data/cues.txt"


def parse_cues(text: str, path: str = _SHIPPED_CUES) -> Cues:
    """Parse a cue file (see ``data/cues.txt`` for the layout).

    Args:
        text: The file's contents.
        path: Where it was read from, for the error message.

    Returns:
        The parsed :class:`Cues`.

    Raises:
        UsageError: E027 for an unknown section or tag, naming its line.
    """
    sections: dict[str, dict[str, frozenset[str]]] = {name: {} for name in _CUE_SECTIONS}
    section = "verbs"
    for n, line in numbered_lines(text):
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().lower()
            if section not in sections:
                _bad_cue_line(
                    path, n, f"unknown section [{section}]; the sections are {_listed(_CUE_SECTIONS)}"
                )
            continue
        word, _, tags = line.partition("|")
        word = " ".join(word.lower().split())
        _check_cue_line(path, n, section, word, tags.split())
        sections[section][word] = frozenset(tags.split()) | sections[section].get(word, frozenset())
    nouns = sections["nouns"]
    words = {name: frozenset(sections[name]) for name in _CUE_SECTIONS[4:]}
    return Cues(
        verbs=sections["verbs"],
        nouns=frozenset(nouns),
        phrases=tuple(sorted(sections["phrases"], key=len, reverse=True)),
        noun_preps={word: preps - {"owned"} for word, preps in nouns.items() if preps - {"owned"}},
        owned_nouns=frozenset(word for word, tags in nouns.items() if "owned" in tags),
        adjectives=sections["adjectives"],
        light_verbs=words["light verbs"],
        refusals=sections["refusals"],
        silent_acts=words["silent acts"],
        arguments=words["arguments"],
        anonymity_verbs=words["anonymity verbs"],
        dependence_verbs=words["dependence verbs"],
        denying_adjectives=words["denying adjectives"],
        not_cues=words["not cues"],
        speech_vehicles=words["speech vehicles"],
        linking_verbs=words["linking verbs"],
        adverbial_nouns=words["adverbial nouns"],
        lemma_slips={form: min(lemma) for form, lemma in sections["lemma slips"].items()},
        not_speakers=words["not speakers"],
    )


def _listed(names: Iterable[str]) -> str:
    return ", ".join(f"[{name}]" for name in names)


def _bad_cue_line(path: str, n: int, detail: str) -> NoReturn:
    from ..errors import UsageError

    raise UsageError.make("E027", path=path, detail=f"line {n}: {detail}")


def _check_cue_line(path: str, n: int, section: str, word: str, tags: list[str]) -> None:
    """Refuse a tag the reader would not understand, rather than let it be dropped in silence."""
    if not word:
        _bad_cue_line(path, n, f"no word before the tags {' '.join(tags)!r} in [{section}]")
    if section == "lemma slips":
        if len(tags) != 1:
            _bad_cue_line(path, n, f"{word!r} in [lemma slips] needs its one lemma after '|' (hoped | hope)")
        return
    known = _SECTION_TAGS.get(section, frozenset())
    for tag in tags:
        if tag in known:
            continue
        if not known:
            _bad_cue_line(path, n, f"tag {tag!r} on {word!r}: [{section}] takes no tags")
        choices = ", ".join(sorted(known - PREPOSITIONS))
        if PREPOSITIONS <= known:
            choices = f"{choices} or a preposition" if choices else "a preposition"
        _bad_cue_line(path, n, f"unknown tag {tag!r} on {word!r} in [{section}]; known: {choices}")


@lru_cache(maxsize=8)
def load_cues(path: str | None = None) -> Cues:
    """Load the cue vocabulary from ``path``, or the shipped default.

    A user's file replaces the shipped one as a whole.

    Raises:
        UsageError: E027 when the file cannot be read, or has an unknown section or tag.
    """
    if not path:
        return parse_cues(data_text("cues.txt"))
    return parse_cues(user_text(path, "E027"), path)


_TITLE_SECTIONS = ("titles", "male", "female")


@lru_cache(maxsize=8)
def _title_sections(path: str | None) -> dict[str, list[str]]:
    return layered("titles.txt", path, known=_TITLE_SECTIONS, default="titles", code="E025")


@lru_cache(maxsize=8)
def load_titles(path: str | None = None) -> tuple[str, ...]:
    """Load office titles (lower case), longest first so the longest match wins.

    Args:
        path: A titles file (``data/titles.txt`` layout): each section it has replaces the shipped
            one, so a list of titles with no header replaces the shipped titles; ``None``: the shipped.

    Raises:
        UsageError: E025 when the file cannot be read, or has an unknown section.
    """
    titles = set(_title_sections(path).get("titles", ()))
    return tuple(sorted(titles, key=lambda t: (-len(t.split()), -len(t), t)))


@lru_cache(maxsize=8)
def load_title_genders(path: str | None = None) -> Mapping[str, str]:
    """Titles and forms of address that tell a person's gender (``data/titles.txt``, ``[male]`` and
    ``[female]``): ``{"mr": "m", "spokeswoman": "f", ...}``.

    Raises:
        UsageError: E025 as :func:`load_titles`.
    """
    sections = _title_sections(path)
    genders = {w: "m" for w in sections.get("male", ())}
    genders.update({w: "f" for w in sections.get("female", ())})
    return MappingProxyType(genders)


@dataclass(frozen=True)
class SourceWords:
    """Words that tell what kind of source a phrase is (``data/sources.txt``, a field per section)."""

    agents: frozenset[str] = frozenset()  # speak for someone else: "Veldt's spokesman"
    people: frozenset[str] = frozenset()  # heads of anonymous or collective sources: "officials"
    organizations: frozenset[str] = frozenset()  # make a name a body's: "the Foreign Ministry"
    outlets: frozenset[str] = frozenset()  # end a news outlet's name: "the Tarsk Herald"
    outlet_nouns: frozenset[str] = frozenset()  # refer back to an outlet: "the newspaper"
    group_modifiers: frozenset[str] = frozenset()  # make a source a group: "senior official"
    agent_modifiers: frozenset[str] = frozenset()  # leave an agent its principal's: "press secretary"
    documents: frozenset[str] = frozenset()  # carry someone's words, cannot speak: "a letter", "rumors"

    def speaking(self, lemma: str) -> bool:
        """A noun that can head a speaking source (not ``the clash``, ``the report``)."""
        return lemma in self.agents or lemma in self.people or lemma in self.organizations


_SOURCE_SECTIONS = (
    "agents",
    "people",
    "organizations",
    "outlets",
    "outlet nouns",
    "group modifiers",
    "agent modifiers",
    "documents",
)


@lru_cache(maxsize=8)
def load_source_words(path: str | None = None) -> SourceWords:
    """Load the source nouns: the shipped ones, each section of the file at ``path`` replacing the shipped
    section of that name.

    Raises:
        UsageError: E026 when the file cannot be read, has an unknown section or a word outside every
            section.
    """
    sections = layered("sources.txt", path, known=_SOURCE_SECTIONS, default=None, code="E026")
    return SourceWords(**{name.replace(" ", "_"): frozenset(words) for name, words in sections.items()})


@dataclass(frozen=True)
class TemporalWords:
    """Open-class nouns the temporal component reads (``data/temporal.txt``, a field per section)."""

    occasions: frozenset[str] = frozenset()  # a date on one sets a scene: "an address on Sunday"
    numbered: frozenset[str] = frozenset()  # a number after one is a label: "Section 2013"
    counted: tuple[str, ...] = ()  # a number before one is a count: "2000 troops" (file order)
    dated_plurals: frozenset[str] = frozenset()  # a year before one dates it: "the 2012 elections"
    holidays: tuple[tuple[str, int, int], ...] = ()  # named days of a fixed date: ("christmas day", 12, 25)
    # named days on a weekday of a month: ("thanksgiving", 11, 3, 4) is the fourth Thursday of November
    # (weekday 0 is Monday; -1 counts the last)
    weekday_holidays: tuple[tuple[str, int, int, int], ...] = ()
    anaphoric: tuple[str, ...] = ()  # phrases pointing back to the scene's date: "at the time", "that day"
    reactions: frozenset[str] = frozenset()  # verbs of a reply to what came before: "respond", "shoot back"
    standing: frozenset[str] = frozenset()  # verbs of a position held over time: "maintain"
    undated_month: tuple[str, ...] = ()  # adverbials of an earlier occasion in the month: "earlier"
    undated_year: tuple[str, ...] = ()  # adverbials of an earlier occasion in the year: "previously"


_TEMPORAL_SECTIONS = (
    "occasions",
    "numbered",
    "counted",
    "dated plurals",
    "holidays",
    "weekday holidays",
    "anaphoric",
    "reactions",
    "standing",
    "undated month",
    "undated year",
)


def _holiday(line: str) -> tuple[str, int, int]:
    """``christmas day = 12-25`` -> ``("christmas day", 12, 25)``."""
    name, _, date = line.partition("=")
    month, _, day = date.strip().partition("-")
    if not (name.strip() and month.isdigit() and day.isdigit()):
        raise ValueError(f"stanceline/data/temporal.txt: [holidays] wants 'name = MM-DD', not {line!r}")
    return name.strip(), int(month), int(day)


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekday_holiday(line: str) -> tuple[str, int, int, int]:
    """``thanksgiving = 11-thu-4`` -> ``("thanksgiving", 11, 3, 4)``; ``memorial day = 05-mon-last`` ->
    ``("memorial day", 5, 0, -1)``."""
    name, _, date = line.partition("=")
    parts = date.strip().split("-")
    if not (
        name.strip()
        and len(parts) == 3
        and parts[0].isdigit()
        and parts[1] in _WEEKDAYS
        and (parts[2] in ("1", "2", "3", "4", "last"))
    ):
        raise ValueError(
            "stanceline/data/temporal.txt: [weekday holidays] wants 'name = MM-ddd-N' (N 1-4 or last), "
            f"not {line!r}"
        )
    return name.strip(), int(parts[0]), _WEEKDAYS.index(parts[1]), -1 if parts[2] == "last" else int(parts[2])


@lru_cache(maxsize=1)
def load_temporal_words() -> TemporalWords:
    """Load the shipped nouns of the temporal component (not a user setting yet)."""
    name = "temporal.txt"
    sections = word_sections(
        data_text(name), known=_TEMPORAL_SECTIONS, default=None, path=f"stanceline/data/{name}", code=None
    )
    return TemporalWords(
        occasions=frozenset(sections.get("occasions", ())),
        numbered=frozenset(sections.get("numbered", ())),
        counted=tuple(dict.fromkeys(sections.get("counted", ()))),
        dated_plurals=frozenset(sections.get("dated plurals", ())),
        holidays=tuple(_holiday(line) for line in sections.get("holidays", ())),
        weekday_holidays=tuple(_weekday_holiday(line) for line in sections.get("weekday holidays", ())),
        anaphoric=tuple(dict.fromkeys(sections.get("anaphoric", ()))),
        reactions=frozenset(sections.get("reactions", ())),
        standing=frozenset(sections.get("standing", ())),
        undated_month=tuple(dict.fromkeys(sections.get("undated month", ()))),
        undated_year=tuple(dict.fromkeys(sections.get("undated year", ()))),
    )
