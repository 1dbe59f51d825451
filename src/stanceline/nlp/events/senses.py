"""Senses of an event word that are no political act: an idiom of the vocabulary's ``[not events]`` ("cut
short a visit", "results released on Wednesday"), force done to an event or a text rather than to anyone
("killed the accord"), a material act whose only "object" is a clause ("worth recalling how ..."), and a
preposition that only tells when ("insisted in a speech on November 3" is no "insist on") or has lost its
object to a relative clause ("the collapse that farmers paid for").

Pure functions over spaCy tokens and :class:`~.vocabulary.EventWords`.
"""

from __future__ import annotations

from spacy.tokens import Token

from .vocabulary import VERBAL_TYPES, EventWord, EventWords

# Dependents whose word makes a verb an idiom ("cut short", "move on", "released the results").
_IDIOM_DEPS = frozenset({"prt", "advmod", "acomp", "oprd", "dobj", "obj", "nsubjpass", "prep"})
# Types whose verb done to an event noun is a figure of speech ("killed the accord", "attacked the plan"),
# unless the noun is itself force ("fired 200 shells", "moved two brigades").
_FORCE = frozenset({"ASSAULT", "COERCE"})
_MATERIAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
_WHEN = frozenset({"DATE", "TIME"})


def not_an_act(verb: Token, word: EventWord, lemma: str, words: EventWords) -> bool:
    """Is a verb of the vocabulary, here, no political act (the module's senses)?"""
    if words.not_events and _idiom(verb, lemma, words.not_events):
        return True
    if word.type in _FORCE:
        for child in verb.children:
            noun = words.nouns.get(child.lemma_.lower()) if child.dep_ in ("dobj", "obj") else None
            if noun is not None and noun.type not in _MATERIAL and child.pos_ == "NOUN":
                return True
    return False


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
