"""Attitudes said with an adjective: "Kalden has been critical of the sanctions", "Veldt is confident
that the accord will hold", "Brekke was quick to welcome the offer".

The adjectives, and what may carry each one's content, are the ``[adjectives]`` section of the cue file.
The speaker is the subject of the linking verb; a subject that is no one in particular, or a thing, is no
speaker ("the outcome is uncertain", "it is clear that ..."), so no statement is made of it.
"""

from __future__ import annotations

from spacy.tokens import Token

from .clauses import _FIRST_PERSON, Attribution, _build, _Context, _source_span, _verb_group_start

# Verbs that link a subject to its attitude: "is critical of", "seemed eager to", "remains wary of".
_LINKING = frozenset({"be", "seem", "remain", "appear", "sound", "become", "grow", "look"})
_SPEAKERS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_PRONOUNS = frozenset({"he", "she", "they", "we"})


def _speaker(verb: Token) -> Token | None:
    """The linking verb's subject, when it can hold an attitude: a name, a person's pronoun, a titled noun."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in _FIRST_PERSON:
        return None
    if subj.ent_type_ in _SPEAKERS or subj.lower_ in _PRONOUNS or subj.pos_ == "PROPN":
        return subj
    # "the prime minister", "Republicans", "many voters": a noun for people, with or without a name
    return subj if subj.pos_ == "NOUN" and subj.tag_ in ("NNS", "NN") and any(
        c.dep_ in ("poss", "compound", "amod") for c in subj.children) or subj.tag_ == "NNS" else None


def _content(adj: Token, takes: frozenset[str]) -> tuple[list[Token], Token | None] | None:
    """What the attitude is about, and the preposition that introduces it."""
    for c in adj.children:
        if c.i < adj.i:
            continue
        if c.dep_ == "ccomp" and "that" in takes:
            return list(c.subtree), None
        if c.dep_ == "xcomp" and "to" in takes and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return list(c.subtree), None
        if c.dep_ == "prep" and c.lower_ in takes:
            pobj = [t for t in c.subtree if t.i != c.i]
            if pobj:
                return pobj, c
    return None


def from_attitude_adjectives(ctx: _Context) -> list[Attribution]:
    """Statements of attitude: a listed adjective after a linking verb, with its content."""
    out: list[Attribution] = []
    adjectives = ctx.cues.adjectives
    if not adjectives:
        return out
    for adj in ctx.doc:
        takes = adjectives.get(adj.lower_) if adj.dep_ == "acomp" else None
        if takes is None or ctx.in_quote(adj):
            continue
        verb = adj.head
        if verb.lemma_.lower() not in _LINKING or any(c.dep_ == "neg" for c in verb.children):
            continue  # "is not opposed to": a denial, left to the stance reading of other statements
        subj = _speaker(verb)
        found = _content(adj, takes) if subj is not None else None
        if found is None:
            continue
        toks, prep = found
        end = prep.i + 1 if prep is not None else adj.i + 1
        cue = ctx.doc[_verb_group_start(verb):end]
        att = _build(ctx, adj, cue, adj.lower_, _source_span(subj, verb), toks, 0.5)
        if att is not None:
            out.append(att)
    return out
