"""From a processed Doc and its Article to the :class:`~stanceline.model.Analysis` record."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from typing import Any

from spacy.tokens import Doc

from .model import Actor, Analysis, Article, Counterpart, Cue, SaidOn, Source, Span, Stance, Statement, Timex
from .nlp.temporal import as_date, granularity, resolve, resolve_said_on
from .nlp.text import doc_text


def to_analysis(doc: Doc, article: Article, *, include_text: bool = False) -> Analysis:
    """Build the contract record of one article from its processed Doc.

    Args:
        doc: The Doc after the stanceline components ran.
        article: The article the Doc was made from (``doc.text == article.text``).
        include_text: Add the analysed text to the output (``--include-text``).

    Returns:
        The :class:`Analysis`.
    """
    text = article.text
    drafts = doc._.actors or []
    attributions = doc._.statements or []
    speaking = {a.actor for a in attributions if a.actor}
    kept = [d for d in drafts if d.key in speaking or d.kind == "person"]
    kept.sort(key=lambda d: min((s for s, _ in d.mentions), default=len(text)))
    ids = {d.key: f"a{n}" for n, d in enumerate(kept, start=1)}
    actors = tuple(
        Actor(
            id=ids[d.key],
            name=d.name,
            kind=d.kind,  # type: ignore[arg-type]
            titles=tuple(d.titles),
            mentions=tuple(Span.of(text, s, e) for s, e in sorted(d.mentions)),
        )
        for d in kept
    )
    published = _date(article.published.value)
    places = _Places(doc, actors)
    dating = doc._.said_on or []
    stances = doc._.stances or []
    statements = []
    for n, att in enumerate(attributions, start=1):
        actor_id = ids.get(att.actor) if att.actor else None
        if att.source is not None:
            source: Source | None = Source(
                att.source.start_char,
                att.source.end_char,
                att.source.text,
                actor_id,
                att.resolved_by if actor_id else "none",
            )  # type: ignore[arg-type]
        elif att.carryover and actor_id and att.carried_from is not None:
            # The speaker is not named again: point at where they were named.
            src = att.carried_from
            source = Source(src.start_char, src.end_char, src.text, actor_id, "carryover")
        else:
            source = None
        cue = (
            Cue(
                att.cue.start_char,
                att.cue.end_char,
                att.cue.text,
                att.cue_lemma or att.cue.root.lemma_.lower(),
            )
            if att.cue is not None
            else None
        )
        statements.append(
            Statement(
                id=f"s{n}",
                kind=att.kind,  # type: ignore[arg-type]
                source=source,
                cue=cue,
                content=tuple(Span.of(text, s, e) for s, e in att.content),
                said_on=resolve_said_on(dating[n - 1], published, text) if n <= len(dating) else None,
                stances=tuple(
                    Stance(
                        topic=d.topic,
                        stance=d.stance,
                        target=Span.of(text, *d.target),
                        conditions=tuple(Span.of(text, s, e) for s, e in d.conditions),
                        cues=d.cues,
                        confidence=round(d.confidence, 2),
                        rule=d.rule,
                        counterpart=places.counterpart(d.counterpart),
                        carried_from=Span.of(text, *d.carried_from) if d.carried_from else None,
                    )
                    for d in (stances[n - 1] if n <= len(stances) else ())
                ),
                confidence=att.confidence,
            )
        )
    timexes = tuple(Timex(t.start, t.end, t.text, t.type, resolve(t, published)) for t in doc._.timexes or [])
    return Analysis(
        article=article,
        actors=actors,
        statements=tuple(statements),
        timexes=timexes,
        events=tuple(event_dicts(doc._.events or [], text, ids, published)),
        include_text=include_text,
    )


def event_dicts(
    drafts: list, text: str, actor_ids: dict[str, str], published: dt.date | None
) -> list[dict[str, Any]]:
    """The contract's ``events`` objects of a Doc's event drafts (``doc._.events``).

    Args:
        drafts: The :class:`~stanceline.nlp.events.EventDraft` list.
        text: The analysed text.
        actor_ids: Actor key -> the article's actor id (``a1``...); a party whose actor is not among the
            article's actors keeps its text, country and sector with ``actor`` null.
        published: The publication date, for ``happened_on``.

    Returns:
        One dict per event, ``id`` ``e1``... in text order.
    """

    def party(p, *, location: bool = False) -> dict[str, Any] | None:
        if p is None:
            return None
        out: dict[str, Any] = Span.of(text, p.start, p.end).to_dict()
        if not location:
            out |= {
                "actor": actor_ids.get(p.actor) if p.actor else None,
                "country": p.country,
                "sector": p.sector,
            }
        else:
            out["country"] = p.country
        return out

    events = []
    for n, d in enumerate(drafts, start=1):
        when = resolve_said_on(d.dating, published, text)
        if d.hypothetical and d.dating.timex is not None:  # a date ahead is when it would happen
            value = as_date(resolve(d.dating.timex, published))
            if value is not None:
                t = d.dating.timex
                when = SaidOn(value, granularity(value), "explicit", Span.of(text, t.start, t.end))
        events.append(
            {
                "id": f"e{n}",
                "type": d.type,
                "mode": d.mode,
                "context": list(d.context),
                "trigger": Span.of(text, *d.trigger).to_dict(),
                "source": party(d.source),
                "target": party(d.target),
                "location": party(d.location, location=True),
                "happened_on": when.to_dict(),
                "negated": d.negated,
                "hypothetical": d.hypothetical,
                "statement": f"s{d.statement + 1}" if d.statement is not None else None,
                "confidence": d.confidence,
            }
        )
    return events


class _Places:
    """The article's actor mentions and named entities, sorted by offset, so that each counterpart finds
    what lies inside it by bisection (``Span.ents`` walks every entity of the Doc from its start)."""

    def __init__(self, doc: Doc, actors: tuple[Actor, ...]) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # Doc.text joins every token again at each call
        self.mentions = sorted((m.start, m.end, n) for n, a in enumerate(actors) for m in a.mentions)
        self.mention_starts = [m[0] for m in self.mentions]
        self.actor_ids = [a.id for a in actors]
        self.ents = [(e.start_char, e.end_char, e.text) for e in doc.ents]
        self.ent_starts = [e[0] for e in self.ents]

    def counterpart(self, span: tuple[int, int] | None) -> Counterpart | None:
        """The counterpart phrase resolved to the article's actor it names (a mention inside it; the first
        such actor) and to the one country it names (:func:`country_of`)."""
        if span is None:
            return None
        start, end = span
        first = None  # the first actor (in the article's order) with a mention inside the phrase
        k = bisect_left(self.mention_starts, start)
        while k < len(self.mentions) and self.mentions[k][0] <= end:
            if self.mentions[k][1] <= end and (first is None or self.mentions[k][2] < first):
                first = self.mentions[k][2]
            k += 1
        actor = self.actor_ids[first] if first is not None else None
        words = self.doc.char_span(start, end, alignment_mode="expand")
        names = []
        if words is not None:  # the entities inside it (all of them: entities do not overlap)
            k = bisect_left(self.ent_starts, words.start_char)
            while k < len(self.ents) and self.ents[k][1] <= words.end_char:
                names.append(self.ents[k][2])
                k += 1
        codes = {c for c in map(country_of, names) if c}
        return Counterpart(self.text[start:end], actor, codes.pop() if len(codes) == 1 else None)


def country_of(name: str) -> str | None:
    """The ISO alpha-3 code of the one country a name stands for ("Washington", "the US", "Tarskan").

    The one place the counterpart reads the table of places (:mod:`stanceline.places`), so that it is
    easy to repoint.
    """
    from .places import country_of_phrase

    return country_of_phrase(name)


def _date(value: str | None) -> dt.date | None:
    """The publication date as a date (any ``YYYY-MM-DD`` prefix), or ``None``."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
