"""Threats read as conditional military action.

"They will face fire and fury if they threaten us again", "Tarsk would pay dearly if it crossed the
border", "you will regret it unless you withdraw": a verb of suffering a consequence (``threat_verbs``)
under a modal, said of another party, with a condition on it, threatens force on that condition.
"Tarsk had better stop its shelling, or ..." is an ultimatum: its demand is the condition
(:func:`ultimatum`). A threat may also come without a topic word and without a condition
(:func:`find_open_threat`): an ominous consequence announced to another party ("you'll see", "they will pay"),
one of unheard-of size ("they will meet a reckoning the like of which they have never known", "he will
get more than he bargained for"), or something harmful the speaker's side will send to another party ("it
could send an undesirable gift to Tarsk"): support for force, conditional when a condition hangs on it. Pure
functions over a parsed Doc, used by :mod:`.reader` and :mod:`.conditions`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...config import Topics
from ..lexicon import FIRST_PERSON
from .account import OWN_SUBJECTS
from .grammar import SUBJECT
from .topics import Mention
from .valence import THRESHOLD, valence

# The topic a threat bears on, when the vocabulary has it.
THREAT_TOPIC = "military_action"
# Markers of the clause a threat hangs on: what the other party must do or not do.
THREAT_MARKS = frozenset({"if", "unless", "once", "when", "should"})


def find_threat(doc: Doc, inside: set[int], topics: Topics) -> Mention | None:
    """A mention of :data:`THREAT_TOPIC` at the first threat of the statement whose content is ``inside``:
    the consequence verb ("face"), or the "better" of an ultimatum; None when there is none or the
    vocabulary lacks the topic."""
    if THREAT_TOPIC not in topics.topics:
        return None
    verbs = topics.cue("threat_verbs")
    for i in sorted(inside):
        tok = doc[i]
        better = _better(tok)
        if better is not None:
            return Mention(THREAT_TOPIC, better.i, better.i + 1, better.i)
        if _threat(tok, verbs):
            return Mention(THREAT_TOPIC, i, i + 1, i)
    return None


# Auxiliaries of what will come about (not "may", "might", "could": a forecast is no threat).
WILL = frozenset({"will", "'ll", "shall", "would", "'d"})
# Nouns of what one expects or imagines: "losses beyond anything she expects" are of unheard-of size.
EXPECTED = frozenset({"expectation", "imagination", "belief", "comprehension"})
# Dependents that complete a verb: a threat verb with none of them is an ominous ellipsis ("you'll see").
COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "prep", "acomp", "attr", "advmod", "npadvmod"})
# Pronouns of another party as a recipient: "things will happen to them".
OTHER_OBJECTS = frozenset({"them", "him", "her", "you"})


def find_open_threat(doc: Doc, inside: set[int], topics: Topics) -> Mention | None:
    """A mention of :data:`THREAT_TOPIC` at the first threat of the statement that names no consequence
    verb on a condition (:func:`find_threat` has those): "you'll see", "they will meet a reckoning the like of
    which they have never known", "it could send an undesirable gift to Tarsk"; None when there is none."""
    if THREAT_TOPIC not in topics.topics:
        return None
    verbs = topics.cue("threat_verbs")
    for i in sorted(inside):
        tok = doc[i]
        if tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children):
            continue
        if _ominous(tok, verbs) or _unheard_of(tok) or _harm_sent(tok):
            return Mention(THREAT_TOPIC, i, i + 1, i)
    return None


def _will(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_.replace("’", "'") in WILL for c in verb.children)


def _ominous(verb: Token, verbs: frozenset[str]) -> bool:
    """ "You'll see.", "They will pay.": a consequence verb announced to another party, with nothing to
    complete it."""
    if verb.lemma_.lower() not in verbs or not _will(verb):
        return False
    subj = _other_subject(verb)
    if subj is None or subj.pos_ != "PRON":
        return False
    return not any(c.dep_ in COMPLEMENTS for c in verb.children)


def _to_other(verb: Token, subject: bool = True) -> bool:
    """A party other than the speaker's side on ``verb``: its subject (unless ``subject`` is False), or what
    "to" takes ("happen to them", "send ... to Tarsk")."""
    subj = _other_subject(verb) if subject else None
    if subj is not None and subj.pos_ in ("PROPN", "PRON"):
        return True
    return any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(
            g.dep_ == "pobj" and (g.lower_ in OTHER_OBJECTS or g.pos_ == "PROPN" or g.ent_type_ == "GPE")
            for g in c.children
        )
        for c in verb.children
    )


def _unheard_of(verb: Token) -> bool:
    """ "They will meet a reckoning the like of which they have never known", "Tarsk would get more than
    it bargained for": what another party will meet, of a size it never imagined."""
    if not _will(verb) or not _to_other(verb):
        return False
    for t in verb.subtree:
        if t.lower_ == "beyond" and any(g.lemma_.lower() in EXPECTED for g in t.children):
            return True
        marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
        if t.dep_ == "advcl" and t.head.i == verb.i and marks & {"like", "as"}:
            if any(c.lower_ == "never" for c in t.children):
                return True
    return False


def _harm_sent(verb: Token) -> bool:
    """ "It could send an undesirable gift to Tarsk": the speaker's side sends another party something
    VADER judges harmful."""
    subj = next((c for c in verb.children if c.dep_ in SUBJECT), None)
    if subj is None or subj.lower_ not in OWN_SUBJECTS or not any(c.tag_ == "MD" for c in verb.children):
        return False
    if not _to_other(verb, subject=False):
        return False
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for a in obj.children:
            v = valence(a.lower_) if a.dep_ == "amod" else None
            if v is not None and v <= -THRESHOLD:
                return True
    return False


def _other_subject(verb: Token) -> Token | None:
    """Another party as the subject: a name, a pronoun, a definite noun ("the regime"); not the speaker's
    side, not a bare plural of people in general ("farmers will pay more")."""
    subj = next((c for c in verb.children if c.dep_ in SUBJECT), None)
    if subj is None or subj.lower_ in FIRST_PERSON:
        return None
    definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "some") for c in subj.children)
    named = subj.pos_ in ("PROPN", "PRON") or (subj.text[:1].isupper() and subj.i > subj.sent.start)
    return subj if named or definite or subj.text[:1].isupper() and subj.pos_ == "NOUN" else None


def _threat(tok: Token, verbs: frozenset[str]) -> bool:
    """ "The republic would meet ruin if it went on provoking us": a consequence verb under a modal,
    another party its subject, a condition clause on it; or the consequent of an ultimatum's "or"."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs or _other_subject(tok) is None:
        return False
    if not any(c.tag_ == "MD" and c.lower_ not in ("might", "may", "could") for c in tok.children):
        return False
    if any(t.tag_ in ("JJR", "RBR") for c in tok.children if c.dep_ != "advcl" for t in c.subtree):
        return False  # "will pay more", "would face higher prices": a cost, not a threat
    conditioned = any(
        c.dep_ == "advcl" and any(m.dep_ in ("mark", "aux") and m.lower_ in THREAT_MARKS for m in c.children)
        for c in tok.children
    )
    ultimatum = tok.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "or" for c in tok.head.children)
    return conditioned or (ultimatum and _better(tok.head) is not None)


def _better(tok: Token) -> Token | None:
    """ "Tarsk (had) better stop its shelling": the "better" of an ultimatum to another party on verb
    ``tok``, or None."""
    if tok.pos_ not in ("VERB", "AUX") or _other_subject(tok) is None:
        return None
    return next(
        (c for c in tok.children if c.dep_ == "advmod" and c.lower_ == "better" and c.i < tok.i), None
    )


def ultimatum(doc: Doc, sent: Span, inside: set[int]) -> tuple[int, int] | None:
    """The demand of an ultimatum in ``sent`` as token offsets ``(start, end)``: "(Tarsk had better) stop its
    shelling" (from its verb to the comma before "or", or the clause's end); None when there is none."""
    for tok in sent:
        if tok.i not in inside or _better(tok) is None:
            continue
        start = end = tok.i
        end += 1
        for t in doc[tok.i + 1 : sent.end]:
            if t.text in (",", ";", ".", "—", "–") or t.is_quote or t.i not in inside:
                break
            end = t.i + 1
        return start, end
    return None
