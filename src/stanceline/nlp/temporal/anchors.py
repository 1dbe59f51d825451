"""Where a date hangs in the parse: the grammar :mod:`.dating` reads to tell when a statement was made.

Pure functions over spaCy tokens: does a date hang on a cue (:func:`hangs_on`), on an occasion
(:func:`scene_noun`, :func:`occasion_owner`), can it say when something was said (:func:`can_date`), and
what the tense of a cue says about the scene before it (:func:`present_cue`, :func:`points_back`), and
whether the cue replies (:func:`reacts`), holds a position over time (:func:`standing`) or lies in a clause
of time apart from its main clause (:func:`apart_in_time`).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..text import Coverage
from .timex import TimexDraft, tense_of

# Timex values that are not a point in time a statement could be made at.
NOT_A_POINT = ("P", "PRESENT_REF", "PAST_REF", "FUTURE_REF")
MAX_CLIMB = 10  # the most heads climbed from a date
# Prepositions that make a date a deadline, a span or a purpose, not when something was said
# ("the goal for 2018", "a deal by March", "talks until Friday").
NOT_WHEN = frozenset(
    {"for", "by", "until", "till", "through", "to", "since", "from", "beyond", "toward", "towards"}
)


def is_point(t: TimexDraft) -> bool:
    """A date or time a statement could be made at (not a duration, a set or ``PRESENT_REF``)."""
    if t.type not in ("DATE", "TIME"):
        return False
    return not (t.value or "").startswith(NOT_A_POINT)


def root_of(doc: Doc, t: TimexDraft) -> Token | None:
    """The syntactic head of an expression's tokens."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def hangs_on(tok: Token, target: Token, quoted: Sequence[tuple[int, int]] | Coverage = ()) -> bool:
    """Does ``tok`` reach ``target`` through its heads without crossing another verb's clause?

    A verb inside a quoted fragment (``declared the accord "dead and buried" in December``,
    parsed as if December were when it was buried) is passed through when the date itself is
    outside the quotation marks. ``quoted``: the quotations' pieces, or (for a long article, one
    bisection a look-up) their :class:`~stanceline.nlp.text.Coverage`.
    """
    if not isinstance(quoted, Coverage):
        quoted = Coverage(quoted)
    outside = tok.idx not in quoted
    for _ in range(MAX_CLIMB):
        if tok is target or tok.i == target.i:
            return True
        if tok.head == tok:
            return False
        if (
            tok.pos_ in ("VERB", "AUX")
            and tok.dep_ not in ("amod", "acl")
            and tok.i != target.i
            and not (outside and tok.idx in quoted)
        ):
            return False
        tok = tok.head
    return tok.i == target.i


def scene_noun(tok: Token, occasions: frozenset[str]) -> Token | None:
    """The occasion noun a date hangs on (``address`` in ``an address on Sunday``), if any."""
    for _ in range(MAX_CLIMB):
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in occasions:
            return tok
        if tok.head == tok or tok.pos_ in ("VERB", "AUX"):
            return None
        tok = tok.head
    return None


def inside(start: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in spans)


def cue_targets(cue: Token) -> list[Token]:
    """Tokens a date may hang on to date this cue: the cue, and for a participle or a
    conjoined verb (``launched her bid on Monday, telling supporters``; ``stood outside
    and told reporters``) the verb it depends on."""
    out = [cue]
    if cue.dep_ in ("advcl", "conj", "xcomp") and (cue.tag_ in ("VBG", "VBN") or cue.dep_ == "conj"):
        out.append(cue.head)
    return out


def fronted(tok: Token, cue: Token) -> bool:
    """A date in the opening adverbial of the cue's own sentence (``Last month, on the evening
    the ceasefire was signed, Veldt said``), when the cue is the sentence's main verb."""
    sent = cue.sent
    return (
        tok.sent.start == sent.start
        and tok.i - sent.start <= 3
        and tok.i < cue.i
        and (cue.dep_ == "ROOT" or (cue.dep_ == "conj" and cue.head.dep_ == "ROOT"))
    )


def backgrounded(cue: Token) -> bool:
    """A cue in a relative or subordinate clause (``Veldt, who in 2023 vowed ...``, ``after he
    declared ...``): its date does not set the scene for what follows."""
    if cue.dep_ == "advcl":
        return any(c.dep_ == "mark" for c in cue.children)
    return cue.dep_ in ("relcl", "acl", "pcomp", "pobj")


def subject_extent(tok: Token) -> tuple[int, int] | None:
    """Character extent of the subject of the verb a date hangs on, if the date hangs on the root."""
    verb = tok
    for _ in range(MAX_CLIMB):
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


def can_date(tok: Token) -> bool:
    """Can the date at ``tok`` say when something was said? Not after a preposition of deadline, span or
    purpose ("the goal for 2018", "by March"), nor after the verb of a clause that looks ahead
    ("... should go ahead" at the end of February, Veldt said)."""
    if tok.dep_ == "pobj" and tok.head.lower_ in NOT_WHEN:
        return False
    verb = tok
    for _ in range(MAX_CLIMB):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    return not (verb.pos_ in ("VERB", "AUX") and tok.i > verb.i and tense_of(tok) == "future")


def occasion_owner(noun: Token, t: TimexDraft) -> Token | None:
    """The possessor of an occasion, outside its date ("Veldt" in "Veldt's New Year's Day address")."""
    words = [noun, *(w for w in noun.subtree if t.start <= w.idx < t.end)]
    for w in words:
        for c in w.children:
            if c.dep_ == "poss" and not t.start <= c.idx < t.end:
                return c
    return None


def present_cue(cue: Token) -> bool:
    """A cue in the present or the present perfect (``says``, ``has said``; for ``saying`` the verb it
    hangs on): what is said stands now, so no scene of the past dates it."""
    verb = cue.head if cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp", "conj") else cue
    if verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return cue is verb or verb.pos_ == "VERB"
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)


def points_back(cue: Token, phrases: Sequence[str]) -> bool:
    """Does an adverbial of the cue point back to the scene's date (``said at the time``, ``then``)?"""
    for child in cue.children:
        if child.dep_ not in ("advmod", "prep", "npadvmod", "advcl"):
            continue
        words = " ".join(t.lower_ for t in child.subtree)
        if words in phrases:
            return True
    return False


# Adverbs of a position held over time: "had repeatedly said" is a standing position, not one occasion.
HABITUAL = frozenset({"repeatedly", "long", "always", "often", "consistently", "frequently", "routinely"})


def pluperfect_cue(cue: Token) -> bool:
    """``had said``, ``had referred to ... and said``, ``had ratcheted down ..., declaring``: a cue in the
    past perfect, or conjoined with or hanging on one, on one occasion (not "had repeatedly said")."""
    verb = cue
    for _ in range(3):
        if any(c.lower_ in HABITUAL for c in verb.children):
            return False
        if verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
            return True
        if verb.dep_ not in ("advcl", "xcomp", "conj") or not (verb.tag_ == "VBG" or verb.dep_ == "conj"):
            return False
        verb = verb.head
    return False


def _verb_names(verb: Token) -> set[str]:
    """The lemma of a verb, and with its particle ("shoot back", parsed as a particle or an adverb)."""
    lemma = verb.lemma_.lower()
    return {lemma} | {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod")}


def reacts(cue: Token, reactions: frozenset[str]) -> bool:
    """Is the cue, or the verb it hangs on (``shot back, warning ...``), a verb of reply?"""
    return any(_verb_names(verb) & reactions for verb in cue_targets(cue))


def standing(cue: Token, verbs: frozenset[str]) -> bool:
    """Is the cue a verb of a position held over time (``had maintained that ...``)?"""
    return cue.lemma_.lower() in verbs


# Subordinators of a clause of time that lies apart from its main clause's ("days after Tarsk said").
APART = frozenset({"after", "before", "since", "until", "till"})


def apart_in_time(cue: Token) -> bool:
    """Is the cue in a clause of time before or after its main clause (``came days after Tarsk said``,
    ``before Veldt declared``), on a day the main clause's date does not give?"""
    verb = cue.head if cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp", "conj") else cue
    return (
        verb.dep_ in ("advcl", "pcomp")
        and any(c.dep_ == "mark" and c.lower_ in APART for c in verb.children)
        or (verb.dep_ == "pcomp" and verb.head.lower_ in APART)
    )


def follows_cue(tok: Token, start: int, cue: Token) -> bool:
    """A date right after the cue, before what is said (``said on Saturday he was ready``, ``told
    reporters Friday the talks were over``): the parser may hang it in the reported clause, but it dates
    the cue. Not a date that is part of a noun there (``said Saturday's vote was rigged``)."""
    if tok.dep_ in ("poss", "compound", "nmod", "amod"):
        return False
    k = cue.i + 1
    doc = cue.doc
    while k < len(doc) and doc[k].dep_ in ("dobj", "dative", "prt") and doc[k].head.i == cue.i:
        k += 1  # "told reporters on Friday"
    if k < len(doc) and doc[k].lower_ == "on":
        k += 1
    return k < len(doc) and doc[k].idx == start
