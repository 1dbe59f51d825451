"""Hand-made analyses with events (the contract's ``events`` objects), for the store, web and CLI tests.

Every name is invented: the states Tarsk (``XTK``) and Velmora (``XVL``), President Kalden of Tarsk and
Prime Minister Anaya Veldt of Velmora. Each article is a few short sentences, one per event or statement,
and every span's offsets point at its words in the article text.
"""

from __future__ import annotations

from dataclasses import dataclass

from stanceline.model import (
    Actor,
    Analysis,
    Article,
    Cue,
    Published,
    SaidOn,
    Source,
    Span,
    Stance,
    Statement,
)

#: name → (kind, country, title)
ACTORS = {
    "Tarsk": ("country", "XTK", None),
    "Velmora": ("country", "XVL", None),
    "Kalden": ("person", "XTK", "President"),
    "Veldt": ("person", "XVL", "Prime Minister"),
}
FULL = {"Kalden": "President Kalden", "Veldt": "Prime Minister Anaya Veldt"}
NAMES = {"Veldt": "Anaya Veldt"}


@dataclass(frozen=True)
class Ev:
    """One event to write: ``source`` verb ``target`` on ``day`` (YYYY-MM-DD, YYYY-MM or None)."""

    type: str
    source: str | None
    verb: str
    target: str | None
    day: str | None
    granularity: str = "day"
    basis: str = "explicit"
    negated: bool = False
    hypothetical: bool = False
    #: a party named only by its country code (no actor of the article): "forces of XTK"
    unresolved: bool = False


@dataclass(frozen=True)
class Said:
    """One statement of ``speaker`` on ``topic`` with ``stance``, said on ``day``."""

    speaker: str
    words: str
    topic: str
    stance: str
    day: str
    confidence: float = 0.9


def article(
    name: str,
    published: str,
    events: list[Ev] = (),
    said: list[Said] = (),
    *,
    link: dict[int, int] | None = None,
) -> Analysis:
    """An analysis of one invented article holding these events and statements.

    Args:
        name: The article's path (``wire/NAME.txt``) and title.
        published: Its publication date.
        events: Its events, in order (ids ``e1``, ``e2`` ...).
        said: Its statements (ids ``s1`` ...).
        link: Event index → statement index: the event was read from that statement (reported speech).
    """
    text = f"{name}\n\n"
    local: dict[str, str] = {}
    actors: list[Actor] = []

    def actor_of(who: str, start: int) -> str:
        if who not in local:
            kind, country, title = ACTORS[who]
            local[who] = f"a{len(local) + 1}"
            actors.append(
                Actor(local[who], NAMES.get(who, who), kind, (title,) if title else (), country, ())
            )
        return local[who]

    mentions: dict[str, list[Span]] = {}
    out_events = []
    for i, e in enumerate(events):
        parts: dict[str, dict] = {}
        for role, who in (("source", e.source), ("target", e.target)):
            if who is None:
                continue
            words = f"forces of {ACTORS[who][1]}" if e.unresolved else FULL.get(who, who)
            if role == "target":
                text += " "
            start = len(text)
            text += words
            span = {"start": start, "end": len(text), "text": words}
            if e.unresolved:
                span.update(actor=None, country=ACTORS[who][1], sector="MIL")
            else:
                aid = actor_of(who, start)
                mentions.setdefault(aid, []).append(Span(start, len(text), words))
                span.update(actor=aid, country=ACTORS[who][1], sector="GOV")
            parts[role] = span
            if role == "source":
                text += " "
                t0 = len(text)
                text += e.verb
                parts["trigger"] = {"start": t0, "end": len(text), "text": e.verb}
        if "trigger" not in parts:
            t0 = len(text)
            text += e.verb
            parts["trigger"] = {"start": t0, "end": len(text), "text": e.verb}
        text += ".\n\n"
        out_events.append(
            {
                "id": f"e{i + 1}",
                "type": e.type,
                "mode": None,
                "context": [],
                "trigger": parts["trigger"],
                "source": parts.get("source"),
                "target": parts.get("target"),
                "location": None,
                "happened_on": {
                    "value": e.day,
                    "granularity": e.granularity if e.day else "unknown",
                    "basis": e.basis if e.day else "unknown",
                    "evidence": None,
                },
                "negated": e.negated,
                "hypothetical": e.hypothetical,
                "statement": f"s{link[i] + 1}" if link and i in link else None,
                "confidence": 0.7,
            }
        )
    statements = []
    for k, s in enumerate(said):
        c0 = len(text) + 1
        text += f'"{s.words}," '
        s0 = len(text)
        who = FULL.get(s.speaker, s.speaker)
        text += who
        aid = actor_of(s.speaker, s0)
        q0 = len(text) + 1
        text += " said.\n\n"
        i = c0 + s.words.index(s.topic) if s.topic in s.words else c0
        statements.append(
            Statement(
                f"s{k + 1}",
                "direct",
                Source(s0, s0 + len(who), who, aid, "name"),
                Cue(q0, q0 + 4, "said", "say"),
                (Span(c0, c0 + len(s.words), s.words),),
                SaidOn(s.day, "day", "explicit"),
                (Stance(s.topic, s.stance, Span(i, i + len(s.topic), s.topic), (), ("test",), s.confidence),),
                0.85,
            )
        )
    with_mentions = tuple(
        Actor(a.id, a.name, a.kind, a.titles, a.country, tuple(mentions.get(a.id, ()))) for a in actors
    )
    art = Article(text=text, path=f"wire/{name}.txt", title=name, published=Published(published, "given"))
    return Analysis(art, with_mentions, tuple(statements), events=tuple(out_events))


STRIKE = "2024-07-14"
#: Three articles: a strike reported twice (once with its parties resolved, once by country only), a threat, a
#: strike said not to have happened, an accusation read from a statement and sanctions; Prime Minister Anaya
#: Veldt opposes the negotiations on 1 July and supports them on 1 August (one shift, four events between).
CORPUS = [
    article(
        "Strike one",
        "2024-07-15",
        [
            Ev("ASSAULT", "Tarsk", "struck", "Velmora", STRIKE),
            Ev("THREATEN", "Kalden", "threatened", "Velmora", STRIKE, hypothetical=True),
        ],
        [Said("Veldt", "We will not join the negotiations", "negotiations", "oppose", "2024-07-01")],
    ),
    article(
        "Strike two",
        "2024-07-16",
        [
            Ev("ASSAULT", "Tarsk", "shelled", "Velmora", "2024-07-13", unresolved=True),
            Ev("ASSAULT", "Tarsk", "attacked", "Velmora", "2024-07-20", negated=True),
        ],
    ),
    article(
        "Talks",
        "2024-08-02",
        [
            Ev("ACCUSE", "Veldt", "accused", "Tarsk", "2024-08-01"),
            Ev("SANCTION", "Velmora", "sanctioned", "Tarsk", "2024-07-25"),
        ],
        [Said("Veldt", "We are ready for the negotiations", "negotiations", "support", "2024-08-01")],
        link={0: 0},
    ),
]
