"""The path from a topic word up the dependency tree to the statement's cue.

The stance of a topic word is read from the words that govern it, up to its clause's root and on to
the attribution cue ("Veldt *rejected* the talks"); the path stops where another assertion begins: an
adverbial or relative clause of its own, a coordinated clause, a noun's that-clause, a correction ("we
are not rejecting the talks; we are rejecting the date"), the end of the content. Used by :mod:`.signals`.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...config import Topic, Topics
from ..attribution import for_clause
from . import grammar, judgement
from .account import cause_adjunct, time_clause
from .polarity import polarity

# Clauses that end the path: what an adverbial or relative clause says is its own assertion.
STOP_DEPS = frozenset({"advcl", "relcl"})


def walk(root: Token, topic: Topic, topics: Topics, inside: set[int], cue_root: Token | None) -> list[Token]:
    """The path from the topic word up to the cue: each word's head in turn, while it stays in the content
    and in the same assertion.

    Args:
        root: The topic word.
        topic: Its topic.
        topics: The vocabulary.
        inside: Token indices of the statement's content.
        cue_root: The word of the cue that takes the stance, if any.

    Returns:
        The words from ``root`` up, ``root`` first.
    """
    path = [root]
    tok = root
    while tok.head.i != tok.i:
        if tok.dep_ == "relcl" and tok is not root and tok.head.dep_ in ("pobj", "dobj"):
            noun, gov = tok.head, tok.head.head
            if gov.i in inside and polarity(gov, gov.lemma_.lower(), topic, topics):
                path.extend([noun, gov])  # "vote against any bill that loosened the embargo"
                tok = gov
                continue
        if _ends_below(tok, root, path, cue_root, topics) or time_clause(tok) or cause_adjunct(tok):
            break  # (a past time clause, "When I met Kalden today, ...", tells when, not what; "in light of
            # the attack" the reason, not what the act is done to)
        head = tok.head
        if cue_root is not None and head.i == cue_root.i:
            path.append(head)
            break
        if (
            cue_root is not None
            and head.dep_ == "prep"
            and head.head.i == cue_root.i
            and head.i not in inside
        ):
            path.extend([head, cue_root])  # "called for new talks": the cue's own preposition
            break
        if head.lemma_ == tok.lemma_ and tok.pos_ == "VERB" and tok.dep_ in ("ccomp", "parataxis"):
            break  # "we are not rejecting the talks; we are rejecting the date": a correction, two clauses
        if head.i not in inside or grammar.ellipsis_echo(tok, head):
            break
        path.append(head)
        if tok.dep_ in STOP_DEPS and not grammar.infinitival(tok):
            break
        tok = head
    return path


def _ends_below(tok: Token, root: Token, path: list[Token], cue_root: Token | None, topics: Topics) -> bool:
    """Whether the path ends at ``tok``, before its head: an adverbial or relative clause (unless it
    completes its noun, names, or is the cue's "for" clause), a coordinated clause, a noun's that-clause."""
    if (
        tok.dep_ in STOP_DEPS
        and path[-1] is not root
        and not grammar.infinitival(tok)
        and not (cue_root is not None and tok.head.i == cue_root.i and for_clause(tok) is not None)
        and not judgement.named_as(tok, topics)
        and not grammar.proposal_clause(tok, topics)
    ):
        return True
    if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok is not root:
        return True  # a coordinated clause is an assertion of its own
    # "there is no doubt that talks must resume": the clause, not the noun's negation
    # (but "it is not the case that ..." denies it)
    return (
        tok.dep_ in ("acl", "ccomp", "relcl")
        and tok.head.pos_ == "NOUN"
        and tok is not root
        and tok.head.lower_ != "case"
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in tok.children)
    )
