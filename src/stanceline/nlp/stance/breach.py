"""An accused breach: the speaker says another party broke the topic, so the speaker holds to it.

"Velmora's claims run counter to the letter of the treaty", "Tarsk broke the truce once more": a verb of
breaking (or "go against", "act against") with the topic as what is broken, and another party or its act
as the subject. The verb's own polarity (−1) would read the speaker as against the topic; the accusation
says the opposite: the topic is what the speaker wants kept (rule ``accused-breach``, support). A passive
("the ceasefire had been violated") names nobody and is a report; the speaker's own side as the subject
("we broke the truce") is an admission. Pure functions over the parse, used by :mod:`.reader`.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import FIRST_PERSON
from .grammar import SUBJECT

# Verbs of breaking what was agreed, with the topic as their object.
BREACHING = frozenset({"violate", "breach", "break", "contravene", "flout", "undermine", "betray"})
# Verbs that break it through "against": "went against the accord", "acted against the truce".
AGAINST = frozenset({"go", "run", "act", "fly"})
# Nouns of what an agreement holds: "the spirit of the accord" is the accord.
PARTS = frozenset({"spirit", "letter", "term", "provision", "principle", "clause"})
_OWN = frozenset({"our", "my"})


def accused_breach(root: Token) -> str | None:
    """The verb by which another party is said to break the topic word ``root``, or None."""
    tok = root
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in PARTS:
        tok = tok.head.head  # "the spirit of the accord"
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in BREACHING:
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ == "against" and tok.head.head.lemma_.lower() in AGAINST:
        verb = tok.head.head
    else:
        return None
    # (not with a particle: "broke off the talks" ends them, it breaks no term)
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("neg", "auxpass", "prt") for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ in SUBJECT), None)
    if subj is None or subj.dep_ == "nsubjpass" or not _other_party(subj):
        return None
    return verb.lower_


def _other_party(subj: Token) -> bool:
    """A subject that names another party or its act: "Tarsk", "they", "Velmora's demands"."""
    if subj.lower_ in FIRST_PERSON:
        return False
    if subj.pos_ in ("PROPN", "PRON"):
        return subj.lower_ not in ("it", "this", "that", "which", "what")
    poss = next((c for c in subj.children if c.dep_ == "poss"), None)
    return poss is not None and poss.lower_ not in _OWN and poss.pos_ in ("PROPN", "PRON", "NOUN")
