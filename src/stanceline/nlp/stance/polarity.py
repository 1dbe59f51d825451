"""The stance a word takes toward the topic below it in the parse: +1 (wants it), -1 (against it), 0.

A word is looked up with its particle ("rule out"), its preposition ("live with"), a light verb's noun
("take part", "gave his backing to", "pulled the plug on": the noun decides), and, for a noun made from a
verb ("any lifting of"), the verb's form. Pure functions, used by :mod:`.stance`.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...config import Topic, Topics
from .grammar import to_infinitive
from .wordforms import base_forms, nominal_endings, verb_of

NP_LEFT = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case"})


def polarity(t: Token, lemma: str, topic: Topic, topics: Topics, below: Token | None = None) -> int:
    """The stance ``t`` (lemma ``lemma``) takes toward what lies under it, for ``topic``: +1, -1 or 0.

    Args:
        t: A word above the topic word.
        lemma: Its lemma, lower-cased.
        topic: The topic, with its own stance words.
        topics: The vocabulary, for the stance words shared by all topics.
        below: The word of the path under ``t``, if any.
    """
    if lemma in ("have", "need", "ought") and below is not None and below.dep_ in ("nsubj", "nsubjpass"):
        # "the shelling had to end", "aid has to keep moving": what it has to do, and that it must
        act = next((c for c in t.children if c.dep_ == "xcomp" and to_infinitive(c)), None)
        if act is not None:
            if (
                act.lemma_.lower() == "go"
                and topic.pressure
                and not any(c.dep_ == "prt" for c in act.children)
            ):
                return -1  # "the embargo had to go"
            return polarity(act, act.lemma_.lower(), topic, topics) or 1
    if (
        t.lower_ == "gone"
        and t.dep_ in ("ccomp", "xcomp", "oprd", "acomp")
        and not any(c.dep_ in ("aux", "auxpass") for c in t.children)
    ):
        return -1  # "I want this embargo gone before the harvest"
    particles = topics.cue("oppose_particles")
    for c in t.children:  # "rule out", and "stay away" whose "away" the parser takes for an adverb
        if c.dep_ in ("prt", "advmod") and f"{lemma} {c.lower_}" in particles:
            return -1
    oppose, support = topics.cue("oppose"), topics.cue("support")
    if (
        below is not None
        and below.dep_ == "prep"
        and below.head.i == t.i
        and below.lower_ in oppose
        and any(w in (*topic.oppose, *oppose) for w in (f"{lemma} {below.lower_}", lemma))
    ):
        return 1  # "argued against the sanctions", "protesting against the treaty": the "against" has said it
    for word in _lookups(t, lemma, topic, topics, below):
        if word in topic.oppose:
            return -1
        if word in topic.support:
            return 1
        if word in oppose:
            return -1
        if word in support:
            return 1
    return 0


def _lookups(t: Token, lemma: str, topic: Topic, topics: Topics, below: Token | None) -> list[str]:
    """What ``t`` is looked up as, first match first: a light verb with its noun, the verb with its
    preposition or particle, the lemma, and the verbs the word may be made from."""
    # A verb with its preposition ("live with", "push for"), and a light verb with its bare noun
    # ("take part in", "lose patience with"), are looked up whole.
    phrasal = [
        f"{lemma} {c.lower_}" for c in t.children if c.dep_ in ("prep", "prt", "advmod")
    ]  # "come round"
    light = [
        f"{lemma} {c.lower_}"
        for c in t.children
        if c.dep_ == "dobj" and not any(g.dep_ in NP_LEFT for g in c.children)
    ]
    light += [
        f"{lemma} {c.lower_} {g.lower_}"
        for c in t.children
        if c.dep_ == "prep"
        for g in c.children
        if g.dep_ == "pobj"
    ]  # "stand in the way of"
    if lemma in topics.cue("light_verbs"):  # the cue file's [light verbs], put there by the stance component
        # "gave his backing to", "pulled the plug on", "threw its weight behind": the noun with its
        # preposition, then the noun alone, unless the topic hangs on the noun (its stance is counted there)
        for c in t.children:
            if c.dep_ == "dobj" and (below is None or c.i != below.i):
                noun = c.lemma_.lower()
                preps = [p.lower_ for p in (*t.children, *c.children) if p.dep_ in ("prep", "dative")]
                light = [f"{lemma} {noun} {p}" for p in preps] + [f"{lemma} {noun}"] + light
                if c.pos_ == "NOUN" and noun not in topic.oppose and noun not in topic.support:
                    light.append(noun)
    # A noun made from a verb has the verb's stance: "any lifting of the blockade", "postponement".
    # The tagger's lemma may be wrong ("hoped" -> "hop"): a verb's own form is tried as well.
    # A passive participle the tagger took for an adjective ("will be relaxed") is a verb too.
    derived = (
        verb_of(lemma, nominal_endings(topics.cue("nominal_endings")))
        if t.pos_ == "NOUN"
        else base_forms(t.lower_)
        if (t.pos_ == "VERB" and t.lower_ != lemma)
        or (t.tag_ == "JJ" and t.lower_.endswith("ed") and any(c.dep_ == "auxpass" for c in t.children))
        else ()
    )
    phrasal += [
        f"{v} {c.lower_}" for v in derived for c in t.children if c.dep_ == "prep"
    ]  # "standing between"
    return [*light, *phrasal, lemma, *derived]


def cue_text(t: Token) -> str:
    """A verb with its particles, as the text writes them: "ruled out"."""
    prt = [c.text for c in t.children if c.dep_ == "prt"]
    return " ".join([t.text, *prt]).lower()
