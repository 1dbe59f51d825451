"""Senses of an event word that are no political act: an idiom of the vocabulary's ``[not events]`` ("cut
short a visit", "results released on Wednesday"), force done to an event or a text rather than to anyone
("killed the accord"), a material act whose only "object" is a clause ("worth recalling how ..."), and a
preposition that only tells when ("insisted in a speech on November 3" is no "insist on") or has lost its
object to a relative clause ("the collapse that farmers paid for").

Pure functions over spaCy tokens and :class:`~.vocabulary.EventWords`.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import NEGATIVE_QUANTIFIERS
from .vocabulary import VERBAL_TYPES, EventWord, EventWords

# Dependents whose word makes a verb an idiom ("cut short", "move on", "released the results", "declined to
# comment").
_IDIOM_DEPS = frozenset({"prt", "advmod", "acomp", "oprd", "dobj", "obj", "nsubjpass", "prep", "xcomp"})
# Types whose verb done to an event noun is a figure of speech ("killed the accord", "attacked the plan"),
# unless the noun is itself force ("fired 200 shells", "moved two brigades").
_FORCE = frozenset({"ASSAULT", "COERCE"})
_MATERIAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
_WHEN = frozenset({"DATE", "TIME"})
# Prepositions of time or means: a gerund after them is a deed ("after shelling the town", "replied by
# recalling its envoy"); after any other it names an activity ("careers built on refusing", "no intention of
# begging", "conditions for lifting the sanctions").
_SEQUENCE = frozenset({"after", "before", "since", "until", "by", "upon", "following", "while", "when"})
# Adverbs of frequency (a closed class): a deed done "often" or "rarely" is a habit, no event.
_HABITS = frozenset(
    {"often", "rarely", "seldom", "usually", "frequently", "sometimes", "always", "occasionally"}
)


def not_an_act(verb: Token, word: EventWord, lemma: str, words: EventWords) -> bool:
    """Is a verb of the vocabulary, here, no political act (the module's senses)?"""
    if words.not_events and _idiom(verb, lemma, words.not_events):
        return True
    if an_activity(verb) or a_habit(verb) or admitted(verb, word):
        return True
    if word.type in _FORCE:
        for child in verb.children:
            noun = words.nouns.get(child.lemma_.lower()) if child.dep_ in ("dobj", "obj") else None
            if noun is not None and noun.type not in _MATERIAL and child.pos_ == "NOUN":
                return True
    return False


def an_activity(verb: Token) -> bool:
    """Is a verb a gerund that names an activity rather than reports a deed: a subject ("talking works",
    "withdrawing 12,000 soldiers is not easy") or the object of a preposition other than one of time or means
    ("built careers on refusing", "without either side conceding anything"), or a verb it completes?"""
    while verb.dep_ == "xcomp" and verb.tag_ != "VBG" and verb.head.i != verb.i:
        verb = verb.head  # "rather than refusing to negotiate": what the activity names is none either
    if verb.tag_ != "VBG":
        return False
    if verb.dep_ in ("csubj", "nsubj", "nsubjpass"):
        return True
    if any(c.dep_ in ("mark", "prep") and c.lower_ == "without" for c in verb.children):
        return True  # "without either side conceding": what was not done
    return verb.dep_ == "pcomp" and verb.head.lower_ not in _SEQUENCE


def a_habit(verb: Token) -> bool:
    """Does an adverb of frequency make a verb a habit, not an event ("who has often clashed with", "who
    rarely agrees with", "had always been ready to talk")? Read on the verb and on the verbs or adjectives
    it completes."""
    tok = verb
    for _ in range(3):
        if any(c.dep_ == "advmod" and c.lower_ in _HABITS for c in tok.children):
            return True
        if tok.dep_ not in ("xcomp", "acomp") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def admitted(verb: Token, word: EventWord) -> bool:
    """Is a concession only a fact admitted ("conceded that the truce was fragile"): a clause said, with
    nothing given up?"""
    return (
        word.type == "CONCEDE"
        and any(c.dep_ == "ccomp" for c in verb.children)
        and not any(c.dep_ in ("dobj", "obj", "prep", "nsubjpass") for c in verb.children)
    )


def no_one(tok: Token) -> bool:
    """Is a doer no one: "nobody", "nothing", "neither side", or a quantifier denied ("not everyone")?"""
    return tok.lower_ in NEGATIVE_QUANTIFIERS or any(
        c.dep_ in ("neg", "advmod") and c.lower_ == "not" for c in tok.children
    )


def only_a_clause(verb: Token, word: EventWord) -> bool:
    """Is the only "object" of a material act a clause ("worth recalling how absolute ... has been")? A
    thing said may take a clause ("denied that ..."); a sanction, a strike or a move takes someone."""
    if word.type in VERBAL_TYPES:
        return False
    children = list(verb.children)
    return any(c.dep_ == "ccomp" for c in children) and not any(
        c.dep_ in ("dobj", "obj", "nsubjpass", "dative") or (c.dep_ == "prep" and c.lower_ != "of")
        for c in children
    )


def only_when(prep: Token) -> bool:
    """Does a preposition after a verb only tell when ("on November 3"): no phrasal verb with it?"""
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return pobj is not None and pobj.ent_type_ in _WHEN


def stranded(prep: Token) -> bool:
    """Is a preposition left without its object by a relative clause ("a collapse that farmers paid for"),
    so that it makes no phrasal verb ("paid for the mission")?"""
    return not any(g.dep_ in ("pobj", "pcomp") for g in prep.children)


def _idiom(verb: Token, lemma: str, idioms: frozenset[str]) -> bool:
    words = {
        c.lemma_.lower()
        for c in verb.children
        if c.dep_ in _IDIOM_DEPS and not (c.dep_ == "prep" and only_when(c))  # "moved ... on Friday"
    }
    if verb.dep_ in ("acl", "relcl") and verb.head.i != verb.i:  # "official results released ..."
        words.add(verb.head.lemma_.lower())
    return any(f"{lemma} {w}" in idioms for w in words)
