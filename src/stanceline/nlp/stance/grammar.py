"""Grammar the stance readings share: subjects, copulas, to-infinitives and the clauses they make.

Pure functions over spaCy tokens: a verb with its "to", the passive infinitive that says what is to be done
with a noun ("called for the measures *to be phased out*"), an infinitive that completes its noun ("no
reason *to delay*"), a proposal's own clause ("vetoed the bill *to lift the embargo*"), an elliptical echo
("..., we never were") and a whether-clause that a verb of condition frames.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...config import Topics

SUBJECT = frozenset({"nsubj", "nsubjpass"})
COPULAS = frozenset({"be", "remain", "become", "seem", "look", "prove", "stay"})


def to_infinitive(t: Token) -> bool:
    """A verb with its "to": "to lift", "to be phased out"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def passive_infinitive(root: Token) -> Token | None:
    """ "called for the measures to be phased out": the passive infinitive that says what is to be done with
    the topic word it hangs on (its verb), or None."""
    for c in root.children:
        if (
            c.dep_ in ("relcl", "acl")
            and c.pos_ == "VERB"
            and any(g.dep_ == "auxpass" for g in c.children)
            and to_infinitive(c)
        ):
            return c
    return None


def infinitival(tok: Token) -> bool:
    """A to-infinitive hung on a noun as a relative clause: "no reason to delay", "plans to send". It
    completes the noun (what the reason or the plan is), unlike a relative clause with its own subject."""
    return (
        tok.dep_ == "relcl"
        and tok.head.pos_ == "NOUN"
        and to_infinitive(tok)
        and not any(c.dep_ in SUBJECT or c.tag_ in ("WDT", "WP") for c in tok.children)
    )


def ellipsis_echo(tok: Token, head: Token) -> bool:
    """ "We are not opposed to it, we never were": the parser may hang the clause on the elliptical echo
    after it, a bare auxiliary with nothing of its own; its negation restates, it does not add."""
    return (
        tok.dep_ in ("ccomp", "parataxis")
        and head.i > tok.i
        and head.pos_ == "AUX"
        and not any(
            c.dep_ in ("attr", "acomp", "dobj", "xcomp", "ccomp", "prep")
            for c in head.children
            if c.i != tok.i
        )
    )


def framed_by_condition(mark: Token, topics: Topics) -> bool:
    """ "Whether we keep to the truce depends on them": a whether-clause that a verb of condition frames
    (``depending_verbs``) is what the condition decides, not an open question."""
    clause = mark.head
    return (
        mark.lower_ == "whether"
        and clause.dep_ in ("csubj", "nsubj")
        and clause.head.lemma_.lower() in topics.cue("depending_verbs")
    )


def proposal_clause(tok: Token, topics: Topics) -> bool:
    """ "vetoed the bill to lift the embargo", parsed as a purpose of the verb: the clause is the noun's
    (a noun of the ``proposals`` word class)."""
    if tok.dep_ != "advcl" or not to_infinitive(tok):
        return False
    obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
    return (
        obj is not None
        and obj.lemma_.lower() in topics.cue("proposals")
        and obj.right_edge.i + 1 == tok.left_edge.i
    )


# Subjects of a main clause that take up what a concession said: "even supposing a meeting did happen one
# day, it would never be with this cabinet".
_TAKEN_UP = frozenset({"it", "they", "this", "that"})


def conceded(path: list[Token]) -> bool:
    """The topic word inside a concession ("even if Tarsk lifted the embargo, we would not negotiate"): what
    it concedes is no position of the speaker's, unless the main clause takes it up again ("even supposing
    a meeting did happen one day, it would never be with this cabinet": the main clause decides)."""
    for t in path[1:]:
        if t.dep_ != "advcl" or not any(c.lower_ == "even" and c.i < t.i for c in t.children):
            continue
        return not any(c.dep_ in SUBJECT and c.lower_ in _TAKEN_UP for c in t.head.children)
    return False
