"""Negations along the path from a topic word to the cue: which count, which do not.

A "not" on the auxiliary ("was not opposed") or a "no" in the subject ("no one wants") negates the clause;
a partial or additive one ("not all of the aid", "not only"), a contrast ("yesterday, not next year"), a
denied reason ("not out of pride but because ...") or a past act's denied purpose ("did not sign it to
watch it gather dust") does not; "did not go far enough" wants more.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...config import Topic, Topics
from .grammar import SUBJECT, to_infinitive
from .polarity import polarity


def not_enough(t: Token) -> str | None:
    """A negated verb with "enough" on it: "did not go far enough", "has not done enough". Returns the
    negation and "enough" ("not enough"), or None."""
    neg = next((c for c in t.children if c.dep_ == "neg"), None)
    enough = next(
        (
            w
            for c in t.children
            if c.dep_ in ("advmod", "dobj", "acomp")
            for w in (c, *c.children)
            if w.lower_ == "enough"
        ),
        None,
    )
    return f"{neg.lower_} {enough.lower_}" if neg is not None and enough is not None else None


def negated_dependent(c: Token, k: int, negators: frozenset[str]) -> bool:
    """A negation one step down from a word of the path: on its auxiliary ("was not opposed", when the
    parser hangs the "not" on "was"), or a negative quantifier in its subject ("no one", "no country")."""
    if c.dep_ in ("aux", "auxpass"):
        return any(g.dep_ == "neg" for g in c.children)
    if c.dep_ == "advmod" and c.lower_ in ("once", "even", "ever", "longer"):  # "would no longer refuse"
        return any(g.dep_ == "neg" for g in c.children)  # "never once refused", "not even considered"
    if k > 0 and c.dep_ in SUBJECT:
        return any(g.dep_ == "det" and g.lower_ in ("no", "neither") for g in c.children)
    return False


# After "not", words that make it a partial or an additive negation: "not all of the aid", "not only".
_PARTIAL = frozenset(
    {"only", "just", "all", "every", "everything", "everyone", "always", "necessarily", "merely"}
)


def not_a_clause_negation(neg: Token, t: Token, prev: Token | None) -> bool:
    """A "not" that negates no clause on the path: "not only", "not all of the aid will arrive" (a part),
    a contrast after the verb ("lifted yesterday, not next year"), the first conjunct's "not" reached
    from the second ("not on the valley but on trade"), or a past act's purpose ("did not sign it to ...")."""
    doc = neg.doc
    nxt = doc[neg.i + 1] if neg.i + 1 < len(doc) else None
    if neg.lower_ not in ("not", "n't", "never"):
        return False
    if nxt is not None and nxt.lower_ in _PARTIAL:
        return True
    if (
        neg.lower_ == "not"
        and neg.i > t.i
        and doc[neg.i - 1].text in (",", "—", "–")
        and nxt is not None
        and nxt.pos_ not in ("VERB", "AUX")
    ):
        return True
    if (
        prev is not None
        and prev.dep_ == "conj"
        and any(g.dep_ == "cc" and g.lower_ == "but" for g in t.children)
    ):
        return True
    # "had not turned down the talks out of pride but because Velmora lied": the "not" denies the reason
    kids = list(t.children)
    if (
        any(g.dep_ == "cc" and g.lower_ == "but" for g in kids)
        and any(
            g.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "because" for m in g.children)
            for g in kids
        )
        and any(
            g.dep_ == "prep" and g.lower_ in ("out", "because", "from", "for") and g.i < neg.i + 8
            for g in kids
        )
    ):
        return True
    # "We did not sign this treaty to watch it gather dust": the act happened, its purpose is denied
    return (
        prev is not None
        and prev.dep_ == "dobj"
        and any(a.dep_ == "aux" and a.lower_ == "did" for a in t.children)
        and any(a.dep_ in ("advcl", "xcomp") and a.i > prev.i and to_infinitive(a) for a in t.children)
    )


def nor_conjunct(t: Token) -> Token | None:
    """The "nor" that denies ``t``, a coordinated verb or noun: "there will be no blockade, nor will we sit
    down with them", "we will neither negotiate nor lift the sanctions"; or the "neither" before its first
    conjunct ("would neither make and test the missiles"). Returns the word, or None."""
    if t.dep_ != "conj":
        return None
    head = t.head
    nor = next(
        (
            c
            for c in head.children
            if c.dep_ in ("cc", "preconj") and c.lower_ == "nor" and head.i < c.i < t.i
        ),
        None,
    )
    if nor is not None:
        return nor
    return next(
        (c for c in head.children if c.dep_ == "preconj" and c.lower_ == "neither" and c.i < head.i), None
    )


def opposite_pair(conj: Token, root: Token, topic: Topic, topics: Topics) -> bool:
    """Two verbs, ``conj`` and its head, that share their object and take opposite sides of it ("neither
    support nor oppose the talks"), or act on what is said of the topic word ``root`` ("neither confirm nor
    deny reports of an offensive")."""
    head = conj.head
    if conj.pos_ != "VERB" or any(c.dep_ in ("dobj", "prep", "ccomp", "xcomp") for c in head.children):
        return False
    if conj.i == root.i or any(c.dep_ in SUBJECT for c in conj.children):
        return False  # a clause of its own: "..., nor will we sit down with them"
    mine = polarity(conj, conj.lemma_.lower(), topic, topics)
    theirs = polarity(head, head.lemma_.lower(), topic, topics)
    if root.head.i != conj.i:
        return mine == theirs == 0  # the topic lies deeper than the shared object: "reports of an offensive"
    return mine * theirs < 0
