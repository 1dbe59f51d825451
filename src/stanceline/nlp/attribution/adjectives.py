"""Attitudes said with an adjective: "Kalden has been critical of the sanctions", "Veldt is confident
that the accord will hold", "Brekke was quick to welcome the offer".

The adjectives, and what may carry each one's content, are the ``[adjectives]`` section of the cue file.
The speaker is the subject of the linking verb; a subject that is no one in particular, or a thing, is no
speaker ("the outcome is uncertain", "it is clear that ..."), so no statement is made of it.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...config import SourceWords
from ..columns import positions
from ..lexicon import FIRST_PERSON
from .record import (
    Attribution,
    Context,
    build,
    is_cue_verb,
    someone,
    source_span,
    verb_group_start,
)


def _speaker(verb: Token, words: SourceWords) -> Token | None:
    """The linking verb's subject before it, when it can hold an attitude: a name, a person's pronoun, a noun
    for people or bodies ("the prime minister", "many voters"); not "oil prices", not in a question."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is None or subj.lower_ in FIRST_PERSON or subj.lower_ == "you":
        return None
    return subj if subj.pos_ == "PROPN" or someone(subj, words) else None


def _content(adj: Token, takes: frozenset[str]) -> tuple[list[Token], Token | None] | None:
    """What the attitude is about, and the preposition that introduces it."""
    for c in adj.children:
        if c.i < adj.i:
            continue
        if c.dep_ == "ccomp" and "that" in takes:
            return list(c.subtree), None
        if (
            c.dep_ == "xcomp"
            and "to" in takes
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ):
            return list(c.subtree), None
        if c.dep_ == "prep" and c.lower_ in takes:
            pobj = [t for t in c.subtree if t.i != c.i]
            if pobj:
                return pobj, c
    return None


def from_attitude_adjectives(ctx: Context) -> list[Attribution]:
    """Statements of attitude: a listed adjective after a linking verb, with its content."""
    out: list[Attribution] = []
    adjectives = ctx.cues.adjectives
    if not adjectives:
        return out
    for i in positions(ctx.doc, {"DEP": ("acomp",), "LOWER": adjectives}):
        adj = ctx.doc[i]
        takes = adjectives.get(adj.lower_)
        if takes is None or ctx.in_quote(adj):
            continue
        verb = adj.head
        if verb.lemma_.lower() not in ctx.cues.linking_verbs or any(c.dep_ == "neg" for c in verb.children):
            continue  # "is not opposed to": a denial, left to the stance reading of other statements
        if verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children
        ):
            continue  # "If Kalden is critical of the plan, ...": a supposition
        subj = _speaker(verb, ctx.source_words)
        found = _content(adj, takes) if subj is not None else None
        if found is None:
            continue
        toks, prep = found
        # "quick to" says how fast, not what is wanted: only with a verb of speech ("quick to welcome the
        # offer"), which the cue file's tag "speaking" asks for
        if "speaking" in takes and not (
            toks and is_cue_verb(toks[0].head if toks[0].dep_ == "aux" else toks[0], ctx.cues)
        ):
            continue  # "was quick to leave the room"
        end = prep.i + 1 if prep is not None else adj.i + 1
        cue = ctx.doc[verb_group_start(verb) : end]
        att = build(ctx, adj, cue, adj.lower_, source_span(subj, verb), toks, 0.5)
        if att is not None:
            out.append(att)
    return out
