"""When was each statement made? (``said_on``)

Pure functions over a parsed Doc, its attributions (:mod:`.clauses`) and its
temporal expressions (:mod:`.timex`). For each statement, in text order:

* ``explicit`` — a date expression hangs on the cue in the parse, outside the
  content: ``Veldt said on Tuesday``, ``Last August, Veldt told ...``, ``In a speech
  on March 3, Veldt said``, ``in a 2013 speech``, ``Veldt's remarks on Sunday``. A date
  inside the content ("we will sign in 2022") is what was said, not when.
* ``context`` — the scene set earlier carries over: an explicit date of the same
  speaker's previous statement (``He said ...`` after ``Mensk told reporters on
  Monday``), or a scene sentence (``The shift came in a televised address on Sunday
  evening``) followed by the statements made there, or ``at the same rally``.
  A statement by someone else ends the scene.
* ``publication`` — otherwise: made on or before the publication date.

The value is fixed later against the publication date (:func:`resolve_said_on`),
so the component needs none; without a publication date a relative date stays
``None`` and a statement with no date at all is ``unknown``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...model import SaidOn, Span
from ..attribution import Attribution
from ..lexicon import THIRD_PERSON_PEOPLE as _PRONOUNS
from ..text import find_quotes, paragraphs
from .timex import TimexDraft, as_date, granularity, resolve

# Nouns that name an occasion of speaking: a date hanging on one sets the scene.
SCENE_NOUNS = frozenset(
    [
        "address",
        "speech",
        "interview",
        "rally",
        "conference",
        "briefing",
        "statement",
        "meeting",
        "session",
        "summit",
        "debate",
        "hearing",
        "remarks",
        "broadcast",
        "appearance",
        "event",
        "ceremony",
        "visit",
        "talk",
        "talks",
        "sermon",
        "lecture",
        "podcast",
        "programme",
        "program",
        "show",
        "forum",
        "congress",
        "convention",
        "parliament",
        "assembly",
        "news",
    ]
)
# Timex values that are not a point in time a statement could be made at.
_NOT_A_POINT = ("P", "PRESENT_REF", "PAST_REF", "FUTURE_REF")
_MAX_CLIMB = 10


@dataclass(frozen=True, slots=True)
class DatingDraft:
    """The basis of one statement's date and the expression it rests on (``None`` if none)."""

    basis: str
    timex: TimexDraft | None = None


def _is_point(t: TimexDraft) -> bool:
    if t.type not in ("DATE", "TIME"):
        return False
    return not (t.value or "").startswith(_NOT_A_POINT)


def _root(doc: Doc, t: TimexDraft) -> Token | None:
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _hangs_on(tok: Token, target: Token, quoted: Sequence[tuple[int, int]] = ()) -> bool:
    """Does ``tok`` reach ``target`` through its heads without crossing another verb's clause?

    A verb inside a quoted fragment (``declared the accord "dead and buried" in December``,
    parsed as if December were when it was buried) is passed through when the date itself is
    outside the quotation marks.
    """
    outside = not _inside(tok.idx, quoted)
    for _ in range(_MAX_CLIMB):
        if tok is target or tok.i == target.i:
            return True
        if tok.head == tok:
            return False
        if (
            tok.pos_ in ("VERB", "AUX")
            and tok.dep_ not in ("amod", "acl")
            and tok.i != target.i
            and not (outside and _inside(tok.idx, quoted))
        ):
            return False
        tok = tok.head
    return tok.i == target.i


def _scene_noun(tok: Token) -> Token | None:
    """The occasion noun a date hangs on (``address`` in ``an address on Sunday``), if any."""
    for _ in range(_MAX_CLIMB):
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in SCENE_NOUNS:
            return tok
        if tok.head == tok or tok.pos_ in ("VERB", "AUX"):
            return None
        tok = tok.head
    return None


def _inside(start: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in spans)


def _targets(cue: Token) -> list[Token]:
    """Tokens a date may hang on to date this cue: the cue, and for a participle or a
    conjoined verb (``launched her bid on Monday, telling supporters``; ``stood outside
    and told reporters``) the verb it depends on."""
    out = [cue]
    if cue.dep_ in ("advcl", "conj", "xcomp") and (cue.tag_ in ("VBG", "VBN") or cue.dep_ == "conj"):
        out.append(cue.head)
    return out


def _fronted(tok: Token, cue: Token) -> bool:
    """A date in the opening adverbial of the cue's own sentence (``Last month, on the evening
    the ceasefire was signed, Veldt said``), when the cue is the sentence's main verb."""
    sent = cue.sent
    return (
        tok.sent.start == sent.start
        and tok.i - sent.start <= 3
        and tok.i < cue.i
        and (cue.dep_ == "ROOT" or (cue.dep_ == "conj" and cue.head.dep_ == "ROOT"))
    )


def _backgrounded(cue: Token) -> bool:
    """A cue in a relative or subordinate clause (``Veldt, who in 2023 vowed ...``, ``after he
    declared ...``): its date does not set the scene for what follows."""
    if cue.dep_ == "advcl":
        return any(c.dep_ == "mark" for c in cue.children)
    return cue.dep_ in ("relcl", "acl", "pcomp", "pobj")


def _same_speaker(att: Attribution, scene: tuple[TimexDraft, str | None, int, str]) -> bool:
    """Is ``att`` by the speaker of the scene? The same actor; or, in the scene's paragraph, a
    pronoun or a name already in the scene's source (``the economist Ruth Anselm`` ... ``said
    Anselm``) — where the speakers component may have resolved them apart."""
    _, actor, para, source = scene
    if att.actor is not None and actor == att.actor:
        return True
    if att.paragraph != para or att.source is None or not source:
        return False
    words = att.source.text.lower().split()
    if not words:
        return False
    if words[-1] in _PRONOUNS:
        # A pronoun the speakers component gave to someone else is someone else.
        return att.actor is None or actor is None
    return len(words[-1]) > 2 and words[-1] in source.lower().split()


def _subject_mentions(tok: Token) -> tuple[int, int] | None:
    """Character extent of the subject of the verb a date hangs on, if the date hangs on the root."""
    verb = tok
    for _ in range(_MAX_CLIMB):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    if verb.dep_ != "ROOT":
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            sub = list(child.subtree)
            return sub[0].idx, sub[-1].idx + len(sub[-1])
    return None


def date_statements(
    doc: Doc, statements: Sequence[Attribution], timexes: Sequence[TimexDraft], actors: Sequence[object] = ()
) -> list[DatingDraft]:
    """The dating draft of every statement, in the statements' order.

    Args:
        doc: The parsed Doc.
        statements: Its attributions (speakers resolved, so ``actor`` is set).
        timexes: Its temporal expressions (:func:`.timex.find_timex_drafts`).
        actors: The speakers component's actor drafts (``key``, ``mentions``), to tell
            whose scene a sentence sets (``Mensk went further earlier this month.``).

    Returns:
        One :class:`DatingDraft` per statement.
    """
    points = [t for t in timexes if _is_point(t)]
    all_content = [span for a in statements for span in a.content]
    roots = {id(t): _root(doc, t) for t in points}
    mentions = {getattr(a, "key", None): list(getattr(a, "mentions", ())) for a in actors}
    paras = paragraphs(doc.text)
    starts = [s for s, _ in paras]
    quoted = [piece for q in find_quotes(doc.text, paras) for piece in q.pieces] if points else []

    def para_of(char: int) -> int:
        return max(0, bisect_right(starts, char) - 1)

    # Scenes: a date outside every content on an occasion noun ("in a televised address on
    # Sunday evening": anyone's), or on a sentence's main verb (whose subject it is, read below).
    noun_scenes: list[TimexDraft] = []
    subject_scenes: list[tuple[TimexDraft, tuple[int, int]]] = []
    for t in points:
        tok = roots[id(t)]
        if tok is None or _inside(t.start, all_content):
            continue
        if _scene_noun(tok) is not None:
            noun_scenes.append(t)
        subj = _subject_mentions(tok)
        if subj is not None:
            subject_scenes.append((t, subj))
    order = sorted(range(len(statements)), key=lambda i: statements[i].start)
    out: list[DatingDraft] = [DatingDraft("publication")] * len(statements)
    current: tuple[TimexDraft, str | None, int, str] | None = None  # (expression, speaker, paragraph, source)
    used: set[int] = set()
    for i in order:
        att = statements[i]
        cue = att.cue.root if att.cue is not None else None
        explicit = None
        if cue is not None:
            targets = _targets(cue)
            best = None
            for t in points:
                tok = roots[id(t)]
                if tok is None or tok.sent.start != cue.sent.start:
                    continue
                own = _inside(t.start, att.content)
                if (own and att.kind == "direct") or (not own and _inside(t.start, all_content)):
                    continue
                if any(_hangs_on(tok, target, quoted) for target in targets) or (
                    not own and _fronted(tok, cue)
                ):
                    dist = abs(tok.i - cue.i)
                    if best is None or dist < best[0]:
                        best = (dist, t)
            if best is None and cue.dep_ == "relcl" and _scene_noun(cue.head) is not None:
                # "a televised address in which Veldt said": the date of the address
                for t in points:
                    tok = roots[id(t)]
                    if (
                        tok is not None
                        and tok.sent.start == cue.sent.start
                        and t.start < att.cue.start_char
                        and not _inside(t.start, all_content)
                    ):
                        best = (0, t)
            explicit = best[1] if best else None
        if explicit is not None:
            out[i] = DatingDraft("explicit", explicit)
            used.add(id(explicit))
            if cue is None or not _backgrounded(cue):
                current = (
                    explicit,
                    att.actor,
                    att.paragraph,
                    att.source.text if att.source is not None else "",
                )
            continue
        if cue is not None and cue.tag_ in ("VBZ", "VBP"):
            # "She now says ...": a present-tense cue is today's position, not the earlier scene's
            current = None
            continue
        # the latest scene before this statement, in its paragraph or the one before
        here = att.start
        candidates: list[TimexDraft] = []
        if current is not None and _same_speaker(att, current):
            candidates.append(current[0])
        for t in noun_scenes:
            if id(t) not in used and t.start < here and 0 <= att.paragraph - para_of(t.start) <= 1:
                candidates.append(t)
        own_mentions = mentions.get(att.actor, []) if att.actor is not None else []
        for t, (ss, se) in subject_scenes:
            if id(t) in used or t.start >= here or not 0 <= att.paragraph - para_of(t.start) <= 1:
                continue
            if any(ms < se and me > ss for ms, me in own_mentions):
                candidates.append(t)
        if candidates:
            scene = max(candidates, key=lambda t: t.start)
            out[i] = DatingDraft("context", scene)
            current = (scene, att.actor, att.paragraph, att.source.text if att.source is not None else "")
            continue
        current = None
    return out


def resolve_said_on(draft: DatingDraft, published: dt.date | None, text: str) -> SaidOn:
    """The :class:`~stanceline.model.SaidOn` record of a draft for a publication date.

    Args:
        draft: A :class:`DatingDraft`.
        published: The publication date, or ``None``.
        text: The analysed text (for the evidence span).

    Returns:
        The record; ``unknown`` when neither an expression nor the publication date dates it.
    """
    if draft.timex is not None:
        t = draft.timex
        value = as_date(resolve(t, published))
        # A statement reported in an article was made on or before it appeared: a date that
        # resolves later (a future scene, a misread year) or to no calendar date (a week, a
        # season) is no evidence of when it was made.
        if value is not None and (published is None or value <= published.isoformat()[: len(value)]):
            return SaidOn(value, granularity(value), draft.basis, Span.of(text, t.start, t.end))
        if published is None and value is None:
            return SaidOn(None, "unknown", draft.basis, Span.of(text, t.start, t.end))
    if published is not None:
        return SaidOn(published.isoformat(), "day", "publication", None)
    return SaidOn(None, "unknown", "unknown", None)
