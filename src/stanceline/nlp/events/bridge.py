"""The statement-to-event bridge: a reported statement whose saying is itself a political act.

"Ostrem declared the accord dead" is a REJECT, "Kalden argued that the government had been too timid" an
ACCUSE, although "declare" and "argue" are words of saying, not of any event. The coder codes a statement
whose cue is an event word ("accused", "urged", "denied"); this module codes the rest, read in this order:

1. ``[stance acts]`` of the vocabulary: the statement's stance toward a topic names the act ("agreement
   oppose | REJECT": saying an accord is dead rejects it), whatever the cue;
2. a deed of force reported of another party ("insisted that Tarskan units had opened fire first"): the
   speaker accuses the doer (ACCUSE, the doer as target), and the deed stays an event of its own;
3. ``[speech acts]`` of the vocabulary: the cue's lemma alone ("argue | ACCUSE").

One event per statement: none when its cue is already an event, and for 1 and 3 none when its content
already holds a thing said (a refusal, a request, a commitment read from the content). The event's source is
the statement's resolved speaker (none: no event), ``statement`` the statement, and it happened when the
statement was said (``said_on``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..temporal import DatingDraft
from .grammar import FUTURE, PERSONAL_PRONOUNS, actor_like, tree_depth
from .parties import Cast
from .record import EventDraft, Party
from .vocabulary import VERBAL_TYPES, EventWords

# Deeds of force: reported of another party, the report accuses it.
_FORCE = frozenset({"ASSAULT", "COERCE"})
# A statement's own act ranks after every event its sentence reports when a sentence's main event is picked
# (:attr:`~.record.EventDraft.depth`): "X said Y attacked" is first of all Y's attack.
_AFTER_DEEDS = 100
# Verbs of warning: a THREATEN when they report someone's act to come (:func:`reframe_warnings`).
_WARNINGS = frozenset({"warn", "caution"})


class StatementIndex:
    """The statements of a Doc by cue token and by content offset, with their dates."""

    def __init__(self, statements: Sequence, said_on: Sequence[DatingDraft]) -> None:
        self.items = statements
        self.said_on = said_on
        self.by_cue = {}
        for n, att in enumerate(statements):
            if att.cue is not None:
                for tok in att.cue:
                    self.by_cue.setdefault(tok.i, n)
        spans = sorted((s, e, n) for n, att in enumerate(statements) for s, e in att.content)
        self.contents = spans
        self.starts = [s for s, _, _ in spans]

    def of(self, tok: Token) -> tuple[int | None, bool]:
        """The statement an event at ``tok`` is read from, and whether ``tok`` is its cue."""
        if tok.i in self.by_cue:
            return self.by_cue[tok.i], True
        k = bisect_right(self.starts, tok.idx)
        while k:
            s, e, n = self.contents[k - 1]
            if s <= tok.idx < e:
                return n, False
            if e <= tok.idx and k < len(self.contents) - 200:
                break
            k -= 1
        return None, False


def speaker_party(att, cast: Cast) -> Party | None:
    """The source of a statement as its speakers resolved it, or ``None`` when it is not resolved."""
    span = att.source if att.source is not None else att.carried_from
    if span is None or not att.actor:
        return None
    draft = cast.drafts.get(att.actor)
    text = cast.text[span.start_char : span.end_char]
    return Party(
        span.start_char, span.end_char, att.actor, cast.country(text, draft), cast.sector(text, draft)
    )


def statement_events(
    doc: Doc,
    words: EventWords,
    said: StatementIndex,
    stances: Sequence,
    events: list[EventDraft],
    cast: Cast,
) -> list[EventDraft]:
    """The events of statements whose saying is the act (the module's rules), in statement order.

    Args:
        doc: The parsed Doc.
        words: The event vocabulary (``[speech acts]``, ``[stance acts]``).
        said: The statements and their dates.
        stances: ``doc._.stances`` (a list of stance drafts per statement), or empty.
        events: The events the coder found, with their ``statement``.
        cast: The article's actors.
    """
    if not said.items or not (words.speech_acts or words.stance_acts or events):
        return []
    cue_starts = {e.trigger[0] for e in events}
    inner: dict[int, list[EventDraft]] = {}
    for e in events:
        if e.statement is not None:
            inner.setdefault(e.statement, []).append(e)
    out = []
    for n, att in enumerate(said.items):
        if att.cue is None or not att.actor or att.cue.start_char in cue_starts:
            continue
        found = _act(doc, n, att, words, stances, inner.get(n, ()), cast)
        source = speaker_party(att, cast) if found is not None else None
        if source is None:
            continue
        kind, mode, target = found
        cue = att.cue
        dating = said.said_on[n] if n < len(said.said_on) else DatingDraft("publication")
        out.append(
            EventDraft(
                type=kind,
                mode=mode,
                context=(),
                trigger=(cue.start_char, cue.end_char),
                source=source,
                target=target,
                location=None,
                dating=dating,
                statement=n,
                confidence=0.6,
                depth=tree_depth(cue.root) + _AFTER_DEEDS,
            )
        )
    return out


def reframe_warnings(doc: Doc, events: list[EventDraft], words: EventWords) -> list[EventDraft]:
    """A warning is a threat only when what it says will come is someone's act: "warned that her
    government would not be pushed into talks" refuses (REJECT), "warned that some farms would not survive"
    threatens no one (no event)."""
    out = []
    for e in events:
        clause = _warned_clause(doc, e)
        if clause is None:
            out.append(e)
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not actor_like(subject, words.sectors):
            continue
        refused = any(c.dep_ == "neg" for c in clause.children) and any(
            c.dep_ == "aux" and c.lower_ in FUTURE | {"would"} for c in clause.children
        )
        out.append(replace(e, type="REJECT", mode=None) if refused else e)
    return out


def _warned_clause(doc: Doc, event: EventDraft) -> Token | None:
    """The clause a THREATEN read from a verb of warning reports ("warned that ..."), if it reports one."""
    if event.type != "THREATEN" or event.hypothetical or event.negated:
        return None
    span = doc.char_span(event.trigger[0], event.trigger[1], alignment_mode="expand")
    if span is None or span.root.lemma_.lower() not in _WARNINGS:
        return None
    return next((c for c in span.root.children if c.dep_ == "ccomp"), None)


def _act(
    doc: Doc,
    n: int,
    att,
    words: EventWords,
    stances: Sequence,
    inner: Sequence[EventDraft],
    cast: Cast,
) -> tuple[str, str | None, Party | None] | None:
    """The type, mode and target of the act a statement is, or ``None``."""
    for e in inner:  # "insisted that Tarskan units had opened fire first": the speaker accuses them
        if e.type in _FORCE and not (e.negated or e.hypothetical) and _done_by_other(doc, e, att, cast):
            return "ACCUSE", "allege", e.source
    if any(e.type in VERBAL_TYPES for e in inner):
        return None  # the content already holds what is said: one event for one statement
    for stance in stances[n] if n < len(stances) else ():
        key = f"{stance.topic} {stance.stance}"
        hit = words.stance_acts.get(f"{key} {stance.rule}") or words.stance_acts.get(key)
        if hit is not None:
            target = None
            if stance.counterpart is not None:
                target = _party_at(doc, cast, stance.counterpart, n)
            return hit.type, hit.mode, target
    hit = words.speech_acts.get((att.cue_lemma or att.cue.root.lemma_).lower())
    return (hit.type, hit.mode, None) if hit is not None else None


def _done_by_other(doc: Doc, event: EventDraft, att, cast: Cast) -> bool:
    """Is a deed told as done (a verb or an event noun, not a participle describing a thing: "the shelled
    villages") by someone named who is not the speaker's own side?"""
    doer = event.source
    if doer is None or (doer.actor is None and doer.country is None) or _own_side(doer, att, cast):
        return False
    if cast.text[doer.start : doer.end].lower() in PERSONAL_PRONOUNS:
        return False  # "they returned fire" in a quote: whom the pronoun stands for is too unsure to accuse
    span = doc.char_span(event.trigger[0], event.trigger[1], alignment_mode="expand")
    return span is not None and span.root.dep_ not in ("amod", "compound")


def _own_side(doer: Party, att, cast: Cast) -> bool:
    """Is the doer the speaker, or of the speaker's country?"""
    if doer.actor is not None and doer.actor == att.actor:
        return True
    speaker = speaker_party(att, cast) if doer.country is not None else None
    return speaker is not None and speaker.country == doer.country


def _party_at(doc: Doc, cast: Cast, span: tuple[int, int], statement: int) -> Party | None:
    """The party of the phrase at ``span`` (a stance's counterpart, "with Tarsk"): its last noun's."""
    phrase = doc.char_span(span[0], span[1], alignment_mode="expand")
    nouns = [t for t in phrase or () if t.pos_ in ("PROPN", "NOUN", "PRON")]
    return cast.party(nouns[-1], statement) if nouns else None
