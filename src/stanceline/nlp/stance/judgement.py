"""Judgements of the topic: evaluative predicates ("talks would be a *trap*", "the sanctions are
*working*"), names given by verbs of naming ("called the embargo *a cruelty*", "described the accord *as a
chain*") and prepositional idioms ("*out of the question*"). The name judges; a verb of naming takes no side.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...config import Topics
from . import valence
from .grammar import COPULAS, SUBJECT

# Parts of speech that VADER's valence may judge as a predicate: "poison", "harmful", "failed".
_LEXICON_POS = frozenset({"ADJ", "NOUN", "VERB"})


def describing(lemma: str, topics: Topics) -> bool:
    """A verb of naming: in "described the accord as a chain", "called the talks a farce" what it is called
    decides, not the verb (``naming_verbs``); the judging ones ("dismissed the plan as fantasy", "hailed the
    accord as a triumph", ``judging_verbs``) decide themselves when the name says nothing."""
    return lemma in topics.cue("naming_verbs") or lemma in topics.cue("judging_verbs")


def names_given(verb: Token, obj: Token, deps: tuple[str, ...] = ("oprd",)) -> list[Token]:
    """What ``verb`` names its object ``obj``: the "as" phrase (on the verb, or hung by the parser on the
    object's last noun: "dismissed the demand for an end to the sanctions as fantasy"), the object
    predicate ("called the embargo a cruelty"), or a quoted name the parser took for an apposition
    ("called the treaty "a gift to every smuggler"")."""
    out = [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    out += [c for c in verb.children if c.dep_ in deps and c.i > obj.i]
    if not out:
        as_ = [t for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "as" and t.i > obj.i]
        out = [g for g in as_[-1:] for g in g.children if g.dep_ == "pobj"]
    if not out:
        doc = obj.doc
        out = [
            c for c in obj.children if c.dep_ == "appos" and c.i > obj.i and doc[c.left_edge.i - 1].is_quote
        ]
    return out


def evaluation(root: Token, topics: Topics) -> Judgement | None:
    """Polarity of what is predicated of ``root`` as subject: ``a trap`` (−1), ``working`` (+1)."""
    if root.dep_ in ("dobj", "nsubjpass") and describing(root.head.lemma_.lower(), topics):
        # "called the embargo a cruelty"; passive: "the suspension was described by Brekke as a tragedy"
        # "described the accord as a chain": what it is described as
        words = names_given(root.head, root)
        # "called the ceasefire "fragile, but the most precious thing we have"": the parser may hang the
        # second name on the verb
        words += [c for c in root.head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "ADJ") and words]
        return judge(_with_modifiers(words), root.head, topics, lexicon=True)
    if root.dep_ == "dobj" and root.head.lemma_.lower() == "have" and root.pos_ == "NOUN":
        # "we had a very good meeting with the president": what the speaker had, judged by its adjective
        return judge([c for c in root.children if c.dep_ == "amod"], root.head, topics, lexicon=True)
    if root.dep_ not in SUBJECT and root.dep_ != "csubj":
        return None
    if any(
        c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in ("that", "which") for g in c.children)
        for c in root.children
    ):
        return None  # "Sanctions that take years are a luxury" judges slow sanctions, not sanctions
    head = root.head
    words: list[Token] = []
    if head.lemma_.lower() in COPULAS:
        for c in head.children:
            if c.dep_ in ("attr", "acomp", "oprd"):
                words.append(c)
                words.extend(g for g in c.children if g.dep_ in ("amod", "compound", "advmod", "conj"))
            elif c.dep_ == "prep":
                idiom = _idiom(c, topics)
                if idiom is not None:
                    return idiom  # "elections were out of the question"
                words.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "advmod" and c.i > head.i:
                # "the talks are the only way forward": the parser makes the predicate an adverb
                words.extend([c, *(g for g in c.children if g.dep_ == "npadvmod")])
    else:
        words.append(head)
        # "the talks were going nowhere (fast)"
        words.extend(w for c in head.children if c.dep_ == "advmod" for w in c.subtree if w.dep_ == "advmod")
        if head.lemma_.lower() in topics.cue("holding_verbs") or (
            head.lemma_.lower() == "do" and head.pos_ == "VERB"
        ):
            # "the offensive had his full support", "the embargo was doing more harm than good"
            words.extend(c for c in head.children if c.dep_ == "dobj")
    return judge(words, head, topics, lexicon=True)


def _idiom(prep: Token, topics: Topics) -> tuple[int, str, int] | None:
    """A prepositional idiom that puts the topic out of reach (``dismissive_idioms``), on the copula: its
    polarity and its words ("out of the question")."""
    words = [prep.lower_]
    tok = prep
    while True:
        nxt = next((c for c in tok.children if c.dep_ in ("prep", "pobj")), None)
        if nxt is None:
            break
        words.append(nxt.lower_)
        tok = nxt
    if " ".join(words) not in topics.cue("dismissive_idioms"):
        return None
    return (-1, prep.doc[prep.i : tok.i + 1].text.lower(), 0)


Judgement = tuple[int, str, int] | tuple[int, str, int, bool]  # polarity, word, negations[, by the lexicon]


def judge(words: list[Token], head: Token, topics: Topics, lexicon: bool = False) -> Judgement | None:
    """The first evaluative word among ``words``, with the negations on it: our lists (``positive_eval``,
    ``negative_eval``) first, then, with ``lexicon``, VADER's valence (:mod:`.valence`). A verdict of the
    lexicon has a fourth element, True."""
    pos, neg = topics.cue("positive_eval"), topics.cue("negative_eval")
    for w in words:
        lemma = w.lemma_.lower()
        polar = -1 if lemma in neg else 1 if lemma in pos else 0
        if polar:
            return (polar, w.text.lower(), _negations(w, head))
    if lexicon:
        for w in words:
            if w.pos_ in _LEXICON_POS and w.i != head.i or (w.pos_ == "ADJ" and w.i == head.i):
                polar = valence.polarity(w.lemma_, w.lower_)
                if polar:
                    return (polar, w.text.lower(), _negations(w, head), True)
    return None


def _negations(w: Token, head: Token) -> int:
    """ "not a victory", "not on the agenda": a negation on the predicate itself (the copula's is on the
    path). Only a negation before the word: in "a tool, not a goal" the "not" is the goal's. The predicate's
    own negation ("had not failed") is on the path and counted there."""
    if w.i == head.i:
        return 0
    near = [w, *([w.head] if w.head.i != head.i else [])]
    return sum(
        1 for t in near for c in t.children if (c.dep_ == "neg" or c.lower_ in ("not", "never")) and c.i < w.i
    )


def named_as(tok: Token, topics: Topics) -> bool:
    """ "did not regard itself as bound by the truce": an "as" clause that completes a verb of naming."""
    return (
        tok.dep_ == "advcl"
        and describing(tok.head.lemma_.lower(), topics)
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    )


def naming(t: Token, prev: Token, topics: Topics) -> bool:
    """``t`` names ``prev`` as something ("called the embargo a cruelty", "described the accord as a chain"):
    the name judges, the verb of naming takes no side (a judging verb does when the name says nothing)."""
    lemma = t.lemma_.lower()
    if not describing(lemma, topics) or prev.dep_ != "dobj":
        return False
    words = names_given(t, prev, ("oprd", "xcomp"))
    return bool(words) and (
        lemma in topics.cue("naming_verbs")
        or judge(_with_modifiers(words), t, topics, lexicon=True) is not None
    )


def _with_modifiers(words: list[Token]) -> list[Token]:
    return [*words, *(g for w in words for g in w.children if g.dep_ in ("amod", "compound"))]
