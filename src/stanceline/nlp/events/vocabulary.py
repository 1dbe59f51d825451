"""The event vocabulary (``data/events.txt``, where each section is described), and a user's file over it.

A user's file replaces each section it has, or adds to it when the header starts with ``+``
(``[+verbs]``); sections it leaves out stay as shipped. A bad line is the coded error E034, naming the file
and the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ...errors import UsageError
from ...model import EVENT_TYPES

#: The 16 event types of PLOVER 2.0.
PLOVER_TYPES = EVENT_TYPES
#: Types that are things said: they hold their complement ("threatened to strike" is one THREATEN).
VERBAL_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
TAGS = frozenset({"object", "weak", "cue"})
SECTIONS = (
    "verbs",
    "nouns",
    "light verbs",
    "undoing verbs",
    "intention verbs",
    "failure verbs",
    "sectors",
    "contexts",
    "countries",
    "speech acts",
    "stance acts",
    "not events",
)
_TYPED = ("verbs", "nouns", "undoing verbs", "speech acts", "stance acts")
STANCES = ("support", "oppose", "conditional", "neutral")


@dataclass(frozen=True, slots=True)
class EventWord:
    """One entry of ``[verbs]``, ``[nouns]`` or ``[undoing verbs]``: the type, PLOVER mode and tags."""

    type: str
    mode: str | None = None
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventWords:
    """The event vocabulary: a field per section of ``data/events.txt``.

    ``verbs`` and ``nouns`` map a lemma, or a lemma with its particle or modifier ("pull out", "air strike"),
    to its :class:`EventWord`; ``sectors`` and ``contexts`` map a word or phrase to a sector or a context;
    ``countries`` maps a state's name to its ISO 3166 alpha-3 code, for states the package ``pycountry``
    does not know (a user's fictional or historical states; the shipped section is empty).
    ``speech_acts`` maps a cue's lemma ("argue"), ``stance_acts`` a topic and a stance ("agreement oppose"),
    to the event a statement with that cue or that stance is (:mod:`.bridge`); ``not_events`` holds a verb's
    lemma with a word of its phrase that make it no event ("cut short": :mod:`.senses`).
    """

    verbs: dict[str, EventWord] = field(default_factory=dict)
    nouns: dict[str, EventWord] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    undoing_verbs: dict[str, EventWord] = field(default_factory=dict)
    intention_verbs: frozenset[str] = frozenset()
    failure_verbs: frozenset[str] = frozenset()
    sectors: dict[str, str] = field(default_factory=dict)
    contexts: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    speech_acts: dict[str, EventWord] = field(default_factory=dict)
    stance_acts: dict[str, EventWord] = field(default_factory=dict)
    not_events: frozenset[str] = frozenset()


def _sections(text: str, path: str) -> dict[str, tuple[bool, list[tuple[int, str]]]]:
    """``section -> (adds to the shipped one, [(line number, line)])``; raises E034 on a stray line."""
    out: dict[str, tuple[bool, list[tuple[int, str]]]] = {}
    current: str | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            name = " ".join(line[1:-1].lower().split())
            add = name.startswith("+")
            name = name.lstrip("+ ")
            if name not in SECTIONS:
                known = ", ".join(f"[{s}]" for s in SECTIONS)
                raise UsageError.make(
                    "E034", path=path, detail=f"line {n}: unknown section [{name}] (known: {known})"
                )
            current = name
            out.setdefault(name, (add, []))
            continue
        if current is None:
            raise UsageError.make("E034", path=path, detail=f"line {n}: {line!r} is outside every section")
        out[current][1].append((n, line))
    return out


def _entry(line: str, n: int, path: str) -> tuple[str, EventWord]:
    cells = [c.strip() for c in line.split("|")]
    words = " ".join(cells[0].lower().split())
    spec = cells[1].split() if len(cells) > 1 else []
    if not words or not spec or spec[0] not in PLOVER_TYPES or len(spec) > 2 or len(cells) > 3:
        raise UsageError.make(
            "E034",
            path=path,
            detail=f"line {n}: {line!r} should be 'words | TYPE [mode] [| tags]', TYPE one of PLOVER's 16",
        )
    tags = frozenset(cells[2].split()) if len(cells) > 2 else frozenset()
    if tags - TAGS:
        bad = ", ".join(sorted(tags - TAGS))
        raise UsageError.make(
            "E034", path=path, detail=f"line {n}: unknown tag {bad} (known: object, weak, cue)"
        )
    return words, EventWord(spec[0], spec[1] if len(spec) > 1 else None, tags)


def _stance_key(line: str, n: int, path: str) -> None:
    key = line.split("|", 1)[0].split()
    if len(key) not in (2, 3) or key[1].lower() not in STANCES:
        raise UsageError.make(
            "E034",
            path=path,
            detail=f"line {n}: {line!r} should be 'topic stance [rule] | TYPE [mode]', "
            f"stance one of {', '.join(STANCES)}",
        )


def _pair(line: str, n: int, path: str) -> tuple[str, str]:
    cells = [c.strip() for c in line.split("|")]
    if len(cells) != 2 or not cells[0] or not cells[1] or len(cells[1].split()) != 1:
        raise UsageError.make("E034", path=path, detail=f"line {n}: {line!r} should be 'words | CODE'")
    return " ".join(cells[0].lower().split()), cells[1]


def _country(line: str, n: int, path: str) -> tuple[str, str]:
    name, code = _pair(line, n, path)
    if not (len(code) == 3 and code.isascii() and code.isalpha() and code.isupper()):
        raise UsageError.make(
            "E034", path=path, detail=f"line {n}: {code!r} is no ISO 3166 alpha-3 code (three capitals: XTK)"
        )
    return name, code


def _parse(text: str, path: str) -> dict[str, tuple[bool, dict]]:
    parsed: dict[str, tuple[bool, dict]] = {}
    for name, (add, lines) in _sections(text, path).items():
        if name in _TYPED:
            parsed[name] = (add, dict(_entry(line, n, path) for n, line in lines))
            if name == "stance acts":
                for n, line in lines:
                    _stance_key(line, n, path)
        elif name in ("sectors", "contexts"):
            parsed[name] = (add, dict(_pair(line, n, path) for n, line in lines))
        elif name == "countries":
            parsed[name] = (add, dict(_country(line, n, path) for n, line in lines))
        else:
            parsed[name] = (add, {" ".join(line.lower().split()): True for _, line in lines})
    return parsed


@lru_cache(maxsize=8)
def load_event_words(path: str | None = None) -> EventWords:
    """Load the event vocabulary: the shipped ``data/events.txt``, with a user's file over it.

    Args:
        path: A file of the same layout: each section it has replaces the shipped one, or adds to it
            when its header starts with ``+``; ``None``: the shipped vocabulary.

    Returns:
        The :class:`EventWords`.

    Raises:
        UsageError: E034 when the file cannot be read, or has an unknown section, type or tag, or a line
            outside every section.
    """
    shipped = resources.files("stanceline").joinpath("data", "events.txt").read_text(encoding="utf-8")
    sections = {
        name: dict(words) for name, (_, words) in _parse(shipped, "stanceline/data/events.txt").items()
    }
    if path:
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except OSError as err:
            raise UsageError.make(
                "E034", path=path, detail=f"cannot read it ({err.strerror or err})"
            ) from None
        except UnicodeDecodeError as err:
            raise UsageError.make(
                "E034", path=path, detail=f"not UTF-8 (invalid bytes at offset {err.start})"
            ) from None
        for name, (add, words) in _parse(text, path).items():
            sections[name] = {**sections.get(name, {}), **words} if add else words
    get = sections.get
    return EventWords(
        verbs=get("verbs", {}),
        nouns=get("nouns", {}),
        light_verbs=frozenset(get("light verbs", {})),
        undoing_verbs=get("undoing verbs", {}),
        intention_verbs=frozenset(get("intention verbs", {})),
        failure_verbs=frozenset(get("failure verbs", {})),
        sectors=get("sectors", {}),
        contexts=get("contexts", {}),
        countries=get("countries", {}),
        speech_acts=get("speech acts", {}),
        stance_acts=get("stance acts", {}),
        not_events=frozenset(get("not events", {})),
    )
