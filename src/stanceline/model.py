"""Plain, frozen records for what stanceline reads and what it finds.

Every record that points into an article carries character offsets into the
article text *as analysed* (see ``docs``: the output contract
``stanceline.article/1``). ``to_dict()`` on :class:`Analysis` returns exactly
the contract object; ``Analysis.from_dict()`` reads it back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "stanceline.article/1"

#: The 16 event types of PLOVER 2.0, in PLOVER's order (cooperation to conflict): the contract's
#: ``events[].type``, the words' types in ``data/events.txt``, the API's ``type`` filter.
EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

StatementKind = Literal["direct", "indirect", "mixed"]
ActorKind = Literal["person", "organization", "country", "group", "anonymous"]
ResolvedBy = Literal["name", "title", "pronoun", "carryover", "none"]
PublishedBasis = Literal["given", "html", "inferred", "unknown"]


def text_id(text: str) -> str:
    """Return the article id: the first 16 hex digits of the text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the analysed text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Build the span of ``text[start:end]``."""
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Published:
    """The publication date of an article and where it came from."""

    value: str | None = None
    basis: PublishedBasis = "unknown"

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "basis": self.basis}


@dataclass(frozen=True, slots=True)
class Article:
    """One input document, as read: the text to analyse plus its metadata.

    ``id`` defaults to the content hash of ``text`` (see :func:`text_id`);
    a JSONL corpus may give its own. ``published`` may be given as a
    ``YYYY-MM-DD`` string or a :class:`datetime.date` (basis ``given``); a
    string that is not a date raises E010.
    """

    text: str
    id: str = ""
    path: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: Published = field(default_factory=Published)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", text_id(self.text))
        if not isinstance(self.published, Published):  # Article(text=..., published="2024-05-08")
            object.__setattr__(self, "published", _published(self.published))


def _published(value: Any) -> Published:
    """A publication date given as a string, a date or nothing, as a :class:`Published`."""
    import datetime as dt

    if value is None or value == "":
        return Published()
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Published(value.isoformat(), "given")
    from .io.readers import parse_date  # io imports this module

    return Published(parse_date(str(value), "published"), "given")


@dataclass(frozen=True, slots=True)
class Actor:
    """One distinct speaker or referent in an article."""

    id: str
    name: str
    kind: ActorKind
    titles: tuple[str, ...] = ()
    country: str | None = None
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "titles": list(self.titles),
            "country": self.country,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d["id"],
            name=d["name"],
            kind=d["kind"],
            titles=tuple(d.get("titles") or ()),
            country=d.get("country"),
            mentions=tuple(Span.from_dict(m) for m in d.get("mentions") or ()),
        )


@dataclass(frozen=True, slots=True)
class Source:
    """Who a statement is attributed to, as written, and whom that resolves to.

    ``start``/``end``/``text`` are ``None`` for a carried-over speaker, who is
    not written in the statement's own sentence.
    """

    start: int | None
    end: int | None
    text: str | None
    actor: str | None = None
    resolved_by: ResolvedBy = "none"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "actor": self.actor,
            "resolved_by": self.resolved_by,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(
            d.get("start"), d.get("end"), d.get("text"), d.get("actor"), d.get("resolved_by") or "none"
        )


@dataclass(frozen=True, slots=True)
class Cue:
    """The word(s) that signal attribution: ``said``, ``according to``, ``statement``."""

    start: int
    end: int
    text: str
    lemma: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "lemma": self.lemma}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Cue:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]), str(d.get("lemma") or ""))


@dataclass(frozen=True, slots=True)
class SaidOn:
    """When a statement was made (filled by the dating component)."""

    value: str | None
    granularity: str = "unknown"
    basis: str = "unknown"
    evidence: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "granularity": self.granularity,
            "basis": self.basis,
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SaidOn:
        ev = d.get("evidence")
        return cls(
            d.get("value"),
            d.get("granularity", "unknown"),
            d.get("basis", "unknown"),
            Span.from_dict(ev) if ev else None,
        )


@dataclass(frozen=True, slots=True)
class Counterpart:
    """The other party of a stance ("talks *with Tarsk*"): the phrase, and whom it stands for."""

    text: str  # the phrase with its preposition: "with Tarsk", "on Velmora", "Velmora-Tarsk"
    actor: str | None = None  # the article's actor id ("a2") when the phrase names one of its actors
    country: str | None = None  # ISO 3166 alpha-3 when the phrase names one country (or its capital)

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "country": self.country, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Counterpart | None:
        if not d:
            return None
        return cls(text=d.get("text") or "", actor=d.get("actor"), country=d.get("country"))


@dataclass(frozen=True, slots=True)
class Stance:
    """A statement's stance toward one topic (filled by the stance component)."""

    topic: str
    stance: str
    target: Span | None = None
    conditions: tuple[Span, ...] = ()
    cues: tuple[str, ...] = ()  # words of the text that decided the stance (possibly none)
    confidence: float = 0.0
    rule: str | None = None  # the name of the rule that decided it ("conditional-clause"); None: not known
    counterpart: Counterpart | None = None  # with whom ("talks with Tarsk"); None: no other party named
    # where the topic was named when the content only points back to it ("the talks ... they're finished");
    # None: the content names its topic
    carried_from: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "target": self.target.to_dict() if self.target else None,
            "stance": self.stance,
            "conditions": [c.to_dict() for c in self.conditions],
            "cues": list(self.cues),
            "rule": self.rule,
            "confidence": self.confidence,
            "counterpart": self.counterpart.to_dict() if self.counterpart else None,
            "carried_from": self.carried_from.to_dict() if self.carried_from else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Stance:
        t = d.get("target")
        return cls(
            topic=d["topic"],
            stance=d["stance"],
            target=Span.from_dict(t) if t else None,
            conditions=tuple(Span.from_dict(c) for c in d.get("conditions") or ()),
            cues=tuple(d.get("cues") or ()),
            confidence=float(d.get("confidence") or 0.0),
            rule=d.get("rule"),
            counterpart=Counterpart.from_dict(d.get("counterpart")),
            carried_from=Span.from_dict(d["carried_from"]) if d.get("carried_from") else None,
        )


@dataclass(frozen=True, slots=True)
class Statement:
    """One attribution relation: a source, a cue and one or more content spans."""

    id: str
    kind: StatementKind
    source: Source | None
    cue: Cue | None
    content: tuple[Span, ...]
    said_on: SaidOn | None = None
    stances: tuple[Stance, ...] = ()
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": [c.to_dict() for c in self.content],
            "said_on": self.said_on.to_dict() if self.said_on else None,
            "stances": [s.to_dict() for s in self.stances],
            # Only a human corrects a statement, in the store (`stanceline correct`); analysis never does.
            "corrected": None,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Statement:
        src, cue, said = d.get("source"), d.get("cue"), d.get("said_on")
        return cls(
            id=d["id"],
            kind=d["kind"],
            source=Source.from_dict(src) if src else None,
            cue=Cue.from_dict(cue) if cue else None,
            content=tuple(Span.from_dict(c) for c in d.get("content") or ()),
            said_on=SaidOn.from_dict(said) if said else None,
            stances=tuple(Stance.from_dict(s) for s in d.get("stances") or ()),
            confidence=float(d.get("confidence") or 0.0),
        )


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression with its TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Timex:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]), str(d["type"]), d.get("value"))


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything stanceline found in one article; ``to_dict()`` is the contract object."""

    article: Article
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[dict[str, Any], ...] = ()
    language: str = "en"
    include_text: bool = False

    def actor(self, actor_id: str | None) -> Actor | None:
        """Return the actor with this id, or ``None``."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        article: dict[str, Any] = {
            "id": a.id,
            "path": a.path,
            "url": a.url,
            "title": a.title,
            "source": a.source,
            "published": a.published.to_dict(),
            "language": self.language,
            "chars": len(a.text),
        }
        if self.include_text:
            article["text"] = a.text
        return {
            "schema": SCHEMA,
            "article": article,
            "actors": [x.to_dict() for x in self.actors],
            "statements": [s.to_dict() for s in self.statements],
            "timexes": [t.to_dict() for t in self.timexes],
            "events": list(self.events),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str | None = None) -> Analysis:
        """Read a contract object back. ``text`` supplies the article text when
        the object was written without ``--include-text``."""
        art = d["article"]
        pub = art.get("published") or {}
        body = text if text is not None else art.get("text", "")
        article = Article(
            text=body,
            id=art["id"],
            path=art.get("path"),
            url=art.get("url"),
            title=art.get("title"),
            source=art.get("source"),
            published=Published(pub.get("value"), pub.get("basis", "unknown")),
        )
        return cls(
            article=article,
            actors=tuple(Actor.from_dict(x) for x in d.get("actors") or ()),
            statements=tuple(Statement.from_dict(s) for s in d.get("statements") or ()),
            timexes=tuple(Timex.from_dict(t) for t in d.get("timexes") or ()),
            events=tuple(d.get("events") or ()),
            language=art.get("language", "en"),
            include_text="text" in art,
        )
