"""Attributions carried by cue nouns and phrases: "Veldt's claim that ...", "the ministry's statement
that ...", "her support for the talks", "according to X, ...". Used by :func:`.cues.find_attributions`.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..columns import positions, strings_of
from ..lexicon import (
    EXPLETIVES,
    FIRST_PERSON,
)
from .record import (
    SPEAKER_ENTS,
    Attribution,
    Context,
    build,
    cue_span,
    cue_subject,
    has_that,
    is_cue_verb,
    source_span,
    verb_group_start,
    verb_key,
)


def from_phrases(ctx: Context) -> list[Attribution]:
    """Multi-word cues from the cue file's ``[phrases]``: ``according to X, ...``,
    ``in the words of X, ...``. The source is the object of the phrase's last
    word; the content is the clause the phrase modifies, less the phrase."""
    out: list[Attribution] = []
    doc = ctx.doc
    phrases = [p.split() for p in ctx.cues.phrases]
    firsts = {words[0] for words in phrases}
    lowers = strings_of(doc, "LOWER")
    for i, low in enumerate(lowers):
        if low not in firsts:
            continue
        tok = doc[i]
        for words in phrases:
            end = i + len(words)
            if lowers[i:end] != words or ctx.in_quote(tok):
                continue
            last = doc[end - 1]
            pobj = next((c for c in last.children if c.dep_ == "pobj"), None) or next(
                (c for c in tok.children if c.dep_ == "pobj"), None
            )
            head = tok.head
            if pobj is None or head.i == tok.i:
                continue
            phrase = {t.i for w in doc[tok.i : end] for t in w.subtree}
            scope = head.subtree if head.dep_ != "ROOT" else tok.sent
            toks = [t for t in scope if t.i not in phrase]
            att = build(ctx, tok, doc[tok.i : end], " ".join(words), source_span(pobj), toks, 0.85)
            if att is not None:
                out.append(att)
            break
    return out


_EXPLETIVE_OWNERS = EXPLETIVES | {"this", "that", "its"}


def noun_owner(tok: Token) -> Token | None:
    """Who a cue noun belongs to: its possessor (``Veldt's remarks``), ``by``/``from``
    X (``calls from the opposition``), or a compound name (``Republican calls``)."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None)
    owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if owner is not None and (owner.ent_type_ in SPEAKER_ENTS or owner.pos_ in ("PROPN", "PRON")):
        return owner
    return next(
        (
            c
            for c in tok.children
            if c.dep_ in ("compound", "amod") and c.ent_type_ in ("NORP", "ORG", "PERSON", "GPE")
        ),
        None,
    )


def noun_with_prep(ctx: Context, tok: Token) -> Attribution | None:
    """A cue noun whose content is a prepositional object: ``her support for the
    talks``, ``Tarsk raised questions about the deal``. Only with a speaker."""
    preps = ctx.cues.noun_preps.get(tok.lemma_.lower())
    prep = (
        next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i), None)
        if preps
        else None
    )
    pobj = [t for t in prep.subtree if t.i != prep.i] if prep is not None else []
    if not pobj:
        return None
    doc = ctx.doc
    verb = tok.head if tok.dep_ == "dobj" else None
    if verb is None or verb.lemma_.lower() not in ctx.cues.light_verbs or verb.i > tok.i:
        return None
    cue = doc[verb_group_start(verb) : prep.i + 1]
    owner = noun_owner(tok) or cue_subject(verb)
    if owner is None or owner.lower_ in FIRST_PERSON or owner.lower_ in _EXPLETIVE_OWNERS:
        return None
    return build(ctx, tok, cue, tok.lemma_.lower(), source_span(owner), pobj, 0.5)


def from_cue_nouns(ctx: Context) -> list[Attribution]:
    """Nouns that carry an attribution: ``Veldt's claim that ...``, ``the ministry's
    statement that ...``, ``her support for the talks``."""
    out: list[Attribution] = []
    nouns = ctx.cues.nouns
    for i in positions(ctx.doc, {"POS": ("NOUN",), "LEMMA": lambda lemma: lemma.lower() in nouns}):
        tok = ctx.doc[i]
        if ctx.in_quote(tok):
            continue
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and has_that(c)), None)
        if clause is None:
            att = noun_with_prep(ctx, tok)
            if att is not None:
                out.append(att)
            continue
        cue = ctx.doc[tok.i : tok.i + 1]
        lemma = tok.lemma_.lower()
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            prep = next(
                (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None
            )
            owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "in" else None
        if owner is None and verb is not None and is_cue_verb(verb, ctx.cues):
            # "X said in a statement that ...", the clause parsed onto the noun: the verb is the cue.
            owner, cue, lemma = cue_subject(verb), cue_span(verb, ctx.cues), verb.lemma_.lower()
        elif (
            owner is None
            and tok.dep_ == "dobj"
            and tok.head.pos_ == "VERB"
            and not is_cue_verb(tok.head, ctx.cues)
        ):
            owner = cue_subject(tok.head)  # "he voiced hope that ...", "Tarsk expressed concern that ..."
        source = source_span(owner) if owner is not None else None
        if source is not None and owner is not None and owner.lower_ in FIRST_PERSON:
            continue
        if source is None and tok.lemma_.lower() in ctx.cues.owned_nouns:
            continue  # "amid fears that ...": nobody's in particular
        att = build(ctx, tok, cue, lemma, source, list(clause.subtree), 0.6)
        if att is not None:
            out.append(att)
    return out


def clause_of_governed_noun(ctx: Context, verb: Token, toks: list[Token]) -> Attribution | None:
    """ "Brekke responded to the Tarsk ministry's comment, after her trip, that Velmora made a unilateral
    demand": a verb that takes no clause of its own (tagged ``intransitive``: "respond", "reply") with a
    that-clause after a cue noun it governs through a preposition. The clause is the noun's content, and
    the noun's owner said it. ``toks``: the clause the parser gave the verb."""
    if not toks or not ctx.cues.tagged(verb_key(verb, ctx.cues), "intransitive"):
        return None
    first = min(t.i for t in toks)
    for prep in verb.children:
        if prep.dep_ != "prep" or not verb.i < prep.i < first:
            continue
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if noun is None or noun.lemma_.lower() not in ctx.cues.nouns:
            continue
        owner = noun_owner(noun)
        if owner is None or owner.lower_ in FIRST_PERSON or owner.lower_ in _EXPLETIVE_OWNERS:
            return None
        cue = ctx.doc[noun.i : noun.i + 1]
        return build(ctx, noun, cue, noun.lemma_.lower(), source_span(owner), toks, 0.6)
    return None
