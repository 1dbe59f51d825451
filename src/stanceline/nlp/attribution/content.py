"""What a cue verb reports: its content tokens from the parse (where such a clause starts and
ends, a tail participle or the writer's contrastive clause apart, is :mod:`.clauses`).

The content is read by construction strategies (:data:`STRATEGIES`), tried in order: the first
that finds a content wins. Used by :mod:`.cues`; the record, context and span helpers are in
:mod:`.record`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon import SCENE_PREPOSITIONS
from .clauses import (
    CONDITION_MARKS,
    block_after_colon_tokens,
    chained_participle,
    misplaced_clause_of,
    prune_clause,
    trailing_cue,
)
from .record import Context, cue_subject, for_clause, has_that, is_cue_verb, someone, verb_key

_CONDITION_WORDS = frozenset({"if", "unless", "provided", "providing", "once", "as", "until", "only"})
# The marks of a condition that stays with an object's content ("warned of dire consequences if ...");
# not a time ("condemned the launch as Tarsk fired", "after", "when").
_IF_MARKS = frozenset({"if", "unless", "provided", "providing"})
_CONTENT_DEPS = frozenset({"ccomp"})
_BARE_OBJECTS = frozenset({"it", "that", "this", "them", "him", "her", "so"})
_BARE_THEMES = frozenset({"it", "that", "this", "they", "he", "she"})
# What a verb's object is said to be or to have done: "described it as", "accused X of", "praised X for",
# "credited X with".
_OBJECT_PREPS = frozenset({"as", "of", "for", "with"})


@dataclass(frozen=True, slots=True)
class Content:
    """What a cue verb reports, as one construction reads it.

    Attributes:
        tokens: The content's tokens, in the order the construction gathered them.
        construction: What was found, which sets the statement's confidence: ``ccomp`` (a clause),
            ``xcomp`` (an infinitive), ``object`` (the verb's object or passive subject), ``prep``
            (a preposition's object) or ``parenthetical`` (the clause the cue interrupts).
        prep: The preposition that introduces the content and belongs to the cue (``called for``,
            ``called on X to``), if any.
    """

    tokens: list[Token]
    construction: str
    prep: Token | None = None


def content_tokens(tok: Token, ctx: Context) -> Content | None:
    """What the cue verb ``tok`` reports: the first construction of :data:`STRATEGIES` that finds it.

    Args:
        tok: A cue verb.
        ctx: The reading context (the cue vocabulary, quotations, paragraphs).

    Returns:
        The :class:`Content`, or ``None`` when no construction holds one.
    """
    tags = ctx.cues.verbs.get(verb_key(tok, ctx.cues), frozenset())
    for strategy in STRATEGIES:
        found = strategy(tok, ctx, tags)
        if found is not None:
            second = (
                chained_participle(tok, ctx) if found.construction in ("object", "prep", "xcomp") else None
            )
            if second is not None and found.tokens:
                # "calling the council a puppet and insisting on talks": the content runs on
                last = max(t.i for t in found.tokens)
                more = [t for t in tok.doc[last + 1 : second.right_edge.i + 1] if not t.is_space]
                return Content([*found.tokens, *more], found.construction, found.prep)
            return found
    return None


# ---- 1. that-clause ------------------------------------------------------------------------------


def that_clause(tok: Token, ctx: Context, tags: frozenset[str]) -> Content | None:
    """ "said (that) the talks will fail": the cue's clausal complement, with the pieces of it that the
    parser hung on the cue verb (a fronted subject, a run-on clause, a second that-clause, a condition)."""
    clauses = [
        c
        for c in tok.children
        if c.dep_ in _CONTENT_DEPS and not trailing_cue(c, ctx) and not _own_sentence_before(c, tok)
    ]
    if not clauses:
        return None
    # Prefer a that-clause, then one after the verb: a fronted participle
    # ("Writing for the panel, Barabak noted that ...") can be parsed as a ccomp too.
    best = min(clauses, key=lambda c: (not has_that(c), c.i < tok.i, c.i))
    # "the talks, which she said are intended to ...": the parser may set the cue inside its clause
    own = {tok.i} | {t.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    own |= {c.i for c in best.children if c.i < tok.i < best.i and c.tag_ in ("WDT", "WP")}  # ("which")
    toks = [*_fronted_subject(tok, best, ctx), *(t for t in prune_clause(best, ctx) if t.i not in own)]
    end = max(t.i for t in toks) if toks else best.right_edge.i
    toks += _run_on_clauses(tok, best, end, ctx)
    toks += _second_that_clauses(tok, best)
    toks += _trailing_conditions(tok, best.right_edge.i, ctx)
    return Content(toks, "ccomp")


def _own_sentence_before(clause: Token, tok: Token) -> bool:
    """ "Tarsk has demanded relief; Velmora has refused to lift sanctions": a clause before the cue and a
    semicolon is a sentence of its own, not what the cue reports."""
    if clause.i > tok.i:
        return False
    return any(t.text == ";" for t in tok.doc[clause.right_edge.i + 1 : tok.i])


def _fronted_subject(tok: Token, best: Token, ctx: Context) -> list[Token]:
    """ "Resuming grain exports, he told members, would require ...": the clause's fronted gerund
    subject, which the parser hung on the cue verb; empty when there is none."""
    if (
        best.i < tok.i
        or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in best.children)
        or ctx.in_quote(best)
        or tok.doc[best.left_edge.i - 1].text != ","
    ):
        return []
    front = next(
        (
            c
            for c in tok.children
            if c.i < tok.i
            and c.tag_ == "VBG"
            and c.dep_ in ("advcl", "csubj")
            and c.left_edge.i == tok.sent.start
        ),
        None,
    )
    return list(front.subtree) if front is not None else []


def _run_on_clauses(tok: Token, best: Token, end: int, ctx: Context) -> list[Token]:
    """ "said he wants to attack four provisions in the tax code that address how ...": the clause's
    relative clause, which the parser hung on the cue verb as a second clause right where the first ends."""
    out: list[Token] = []
    for c in tok.children:
        if (
            c.dep_ == "ccomp"
            and c.i != best.i
            and c.left_edge.i == end + 1
            and best.i > tok.i
            and not ctx.in_quote(c)
            and not is_cue_verb(c, ctx.cues)
            and c.sent.start == tok.sent.start
            and not any(t.is_space or t.dep_ == "cc" or t.text in "—–;," for t in tok.doc[end : c.i])
        ):
            out.extend(c.subtree)
            end = c.right_edge.i
    return out


def _second_that_clauses(tok: Token, best: Token) -> list[Token]:
    """ "said the offer was fair, but that Tarsk would refuse it": a second that-clause the parser joined
    to the cue verb is more of the same content."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "conj" and c.i > best.i and has_that(c):
            out.extend(t for t in tok.doc[best.right_edge.i + 1 : c.right_edge.i + 1] if not t.is_space)
    return out


def _trailing_conditions(
    tok: Token, end: int, ctx: Context, marks: frozenset[str] = _CONDITION_WORDS
) -> list[Token]:
    """A condition the parser hung on the cue verb after the content (which ends at token ``end``)
    belongs to what was said: "he would sign the deal, provided the clauses stay" ("provided" is a child
    of "said"), "warned of dire consequences if Tarsk attacks"."""
    out: list[Token] = []
    for c in tok.children:
        if (
            c.i > end
            and c.dep_ in ("advcl", "prep", "mark", "advmod", "ccomp")
            and tok.doc[c.left_edge.i].lower_ in marks
        ):
            out.extend(c.subtree)
        elif (
            c.i > end
            and c.dep_ == "conj"
            and not is_cue_verb(c, ctx.cues)
            and any(g.dep_ == "mark" and g.lower_ in CONDITION_MARKS for g in c.children)
        ):
            # "..., but only once Velmora dropped the sanctions", parsed as a second clause of "said"
            out.extend(t for t in tok.doc[end + 1 : c.right_edge.i + 1] if not t.is_space)
    return out


def object_tail(tok: Token, end: int, ctx: Context) -> list[Token]:
    """ "hinted at overtures to Tarsk", "demanded relief ahead of a verified disarmament", "warned of a rough
    road ahead after the accord", "warned of dire consequences if Tarsk attacks": the phrases the parser
    hung on the cue verb right after its object (which ends at token ``end``) are part of what was said;
    not a phrase of the scene (a time, "amid ...", "at a briefing", :data:`SCENE_PREPOSITIONS`), nor a
    lone adverb ("again")."""
    out: list[Token] = []
    doc = tok.doc
    taken = end  # the last token of the content with its tail
    for c in sorted((c for c in tok.children if c.i > end), key=lambda c: c.i):
        if c.is_quote and c.i == end + 1:
            end = c.i  # a closing quotation mark the parser hung on the verb
            continue
        first = doc[c.left_edge.i]
        if (
            c.left_edge.i != end + 1
            or first.is_punct
            or doc[end].text in (",", ";", ":")
            or (doc[end].is_quote and doc[end - 1].text in (",", ";", ":"))
            or any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree)
        ):
            break  # (nor after a comma: "..., meaning ...", "— lambasting ...")
        if c.dep_ == "prep" and (
            c.lower_ in SCENE_PREPOSITIONS
            or not any(g.dep_ in ("pobj", "pcomp") for g in c.children)
            or any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("advcl", "pcomp", "ccomp") for t in c.children)
            or any(g.dep_ == "pobj" and g.pos_ == "PRON" for g in c.children)
        ):
            break  # "at a briefing", "as Tarsk fired three missiles" (a clause of time), "to me" (the hearer)
        # "stressed the power of the state advancing its strength": a participle right after the object
        participle = c.dep_ == "advcl" and c.tag_ == "VBG" and not is_cue_verb(c, ctx.cues)
        if c.dep_ not in ("prep", "advmod", "xcomp", "oprd", "acomp") and not participle:
            break
        end = c.right_edge.i
        if c.dep_ != "advmod" or c.left_edge.i != c.right_edge.i:
            out.extend(tok.doc[taken + 1 : end + 1])  # (a lone adverb only with what follows it)
            taken = end
    return out + _trailing_conditions(tok, taken, ctx, marks=_IF_MARKS)


# ---- 2. infinitive -------------------------------------------------------------------------------


def infinitive(tok: Token, ctx: Context, tags: frozenset[str]) -> Content | None:
    """ "vowed to reject the offer", "told his advisers to find a way", "urged Tarsk to return": a
    to-infinitive, with who is to act when the cue names them."""
    children = list(tok.children)
    for child in children:
        if child.dep_ != "xcomp" or not any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            continue
        # "told his advisers to find a way"; not "told jokes to lighten the mood"
        told = "recipient" in tags and any(
            c.dep_ in ("dobj", "dative") and tok.i < c.i < child.i and someone(c, ctx.source_words)
            for c in children
        )
        if ("weak" in tags or "noinf" in tags) and "intent" not in tags and not told:
            continue
        agent, prep = _controller(tok, child, tags)
        toks = list(child.subtree)
        if agent is not None:
            toks = [*agent.subtree, *toks]
        return Content(toks, "xcomp", prep)
    return None


def _controller(tok: Token, act: Token, tags: frozenset[str]) -> tuple[Token | None, Token | None]:
    """Object control: "urged Tarsk to reject the offer", "called on members to stay": who is to act is
    part of what was said. Returns who, and the cue's preposition that names them (``called on``)."""
    between = [c for c in tok.children if tok.i < c.i < act.i]
    agent = next((c for c in between if c.dep_ in ("dobj", "dative")), None)
    if agent is not None:
        return agent, None
    prep = next(
        (
            c
            for c in between
            if c.dep_ == "prep" and c.lower_ == "on" and c.lower_ in tags and c.i == tok.i + 1
        ),
        None,
    )
    agent = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    return (agent, prep) if agent is not None else (None, None)


# ---- 3. for-to clause ----------------------------------------------------------------------------


def for_to_clause(tok: Token, ctx: Context, tags: frozenset[str]) -> Content | None:
    """ "called for the talks to resume", parsed as a clause whose "for" is a mark: the preposition is
    the cue's, the clause is what was called for."""
    for child in tok.children:
        mark = for_clause(child) if child.i > tok.i else None
        if mark is not None and mark.lower_ in tags and mark.i == tok.i + 1:
            return Content([t for t in child.subtree if t.i != mark.i], "prep", mark)
    return None


# ---- 4. direct object ----------------------------------------------------------------------------


def direct_object(tok: Token, ctx: Context, tags: frozenset[str]) -> Content | None:
    """For a verb tagged ``object``: "rejected the proposal", "called the offer an insult", "described it
    as a trap", "accused Tarsk of stalling"; or a gerund, "proposes doing away with the mandate"."""
    if "object" not in tags:
        return None
    children = list(tok.children)
    dobj = next((c for c in children if c.dep_ == "dobj" and c.i > tok.i), None)
    if dobj is not None:
        # "called it a trap", "cited it as an example", "accusing her of lying": a pronoun object is
        # content when something is said of it
        said_of = [
            c
            for c in children
            if c.i > dobj.i
            and (c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS))
        ]
        if "thing" in tags and someone(dobj, ctx.source_words):
            return None  # "threatened Tarsk": whom, not what
        if said_of or dobj.lower_ not in _BARE_OBJECTS:
            toks = [*dobj.subtree, *(t for c in said_of for t in c.subtree)]
            return Content([*toks, *object_tail(tok, max(t.i for t in toks), ctx)], "object")
        return None
    gerund = next((c for c in children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > tok.i), None)
    if gerund is not None and not any(is_cue_verb(t, ctx.cues) for t in gerund.subtree):
        # (not "denied saying that ...": "saying" is the cue)
        # "proposes doing away with the mandate", "cited improving care for veterans as a priority"
        return Content(list(gerund.subtree), "object")
    return None


# ---- 5. preposition object -----------------------------------------------------------------------


def preposition_object(tok: Token, ctx: Context, tags: frozenset[str]) -> Content | None:
    """ "warned of war", "called for talks", "pointed to the polls": the object of a preposition the
    verb is tagged with."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in tags and child.i > tok.i:
            pobj = [t for t in child.subtree if t.i != child.i]
            if pobj:
                # "warned Tarsk of more harm to come": whom the cue addresses, before the preposition
                hearer = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < child.i), None)
                if hearer is not None:
                    pobj = list(tok.doc[hearer.left_edge.i : child.right_edge.i + 1])
                return Content([*pobj, *object_tail(tok, child.right_edge.i, ctx)], "prep", child)
    return None


# ---- 6. misplaced clause -------------------------------------------------------------------------


def misplaced_clause(tok: Token, ctx: Context, tags: frozenset[str]) -> Content | None:
    """ "told a meeting of island leaders that few people understood ...": the cue's that-clause, which
    the parser hung on a noun after the cue as a relative clause (:func:`misplaced_clause_of`)."""
    misplaced = misplaced_clause_of(tok, ctx)
    return Content(list(misplaced.subtree), "ccomp") if misplaced is not None else None


# ---- 7. passive subject --------------------------------------------------------------------------


def passive_subject(tok: Token, ctx: Context, tags: frozenset[str]) -> Content | None:
    """For a verb tagged ``object`` in the passive: "The offer was rejected by Tarsk" -- the subject is
    what was rejected."""
    if "object" not in tags or not any(c.dep_ == "agent" for c in tok.children):
        return None
    theme = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if theme is None or theme.lower_ in _BARE_THEMES:
        return None
    return Content(list(theme.subtree), "object")


# ---- 8. block after a colon ----------------------------------------------------------------------


def block_after_colon(tok: Token, ctx: Context, tags: frozenset[str]) -> Content | None:
    """ "Limbaugh added:" ending its paragraph: the content is the next paragraph."""
    block = block_after_colon_tokens(tok, ctx)
    return Content(block, "ccomp") if block else None


# ---- 9. parenthetical ----------------------------------------------------------------------------


def parenthetical(tok: Token, ctx: Context, tags: frozenset[str]) -> Content | None:
    """A cue set inside or after what was said: "The talks, he said, will fail.", "..., officials said.",
    "As Brekke observed, the early days of a government are the best time for a deal". The content is
    the clause the cue interrupts, less the cue's own clause."""
    if not (
        (tok.dep_ in ("parataxis", "advcl", "conj") or _comma_set(tok) or trailing_cue(tok, ctx))
        and tok.head != tok
        and tok.head.pos_ in ("VERB", "AUX")
    ):
        return None
    toks = _interrupted_clause(tok)
    return Content(toks, "parenthetical") if _sets_off(tok, toks, ctx) else None


def _comma_set(tok: Token) -> bool:
    """ "These employees, Stumpf explained, were well paid": a comma-set cue the parser made a clause of
    the verb after it."""
    doc = tok.doc
    speaker = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    return (
        tok.dep_ == "ccomp"
        and tok.i < tok.head.i
        and speaker is not None
        and speaker.left_edge.i > 0
        and doc[speaker.left_edge.i - 1].text == ","
        and "," in (doc[tok.right_edge.i].text, doc[min(tok.right_edge.i + 1, len(doc) - 1)].text)
    )


def _interrupted_clause(tok: Token) -> list[Token]:
    """The clause a parenthetical cue interrupts, less the cue's own clause."""
    head = tok.head
    while head.dep_ in ("aux", "auxpass") and head.head.i != head.i:
        head = head.head  # "These employees, Brekke explained, were well paid", hung on "were"
    inner = set(t.i for t in tok.subtree)
    # "... so long as none of it is felled, the minister told exporters", "If this fails, Castañeda
    # argues, there are other tools": a piece of what was said that the parser hung on the cue, before
    # the comma that opens the cue's clause
    subj = (
        cue_subject(tok)
        if tok.dep_ in ("parataxis", "ccomp")
        else next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    )
    if (
        subj is not None
        and subj.head.i == tok.i
        and subj.left_edge.i > 0
        and tok.doc[subj.left_edge.i - 1].text == ","
    ):
        for c in tok.children:
            if (
                c.dep_ in ("advmod", "advcl", "prep", "npadvmod", "nsubj")
                and c.i != subj.i
                and c.right_edge.i < subj.left_edge.i - 1
            ):
                inner -= {t.i for t in c.subtree}
    return [t for t in head.subtree if t.i not in inner]


def _sets_off(tok: Token, toks: list[Token], ctx: Context) -> bool:
    """Whether the cue ``tok`` is set off from the clause ``toks`` as a parenthetical: a trailing
    ``..., she said`` parsed as an adverbial clause, ``As X noted, ...``, a comma-joined second clause
    with its own subject, or a parataxis or clause the parser made of it."""
    last = not any(t.i > tok.i and not t.is_punct and not t.is_space for t in toks)
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    if tok.dep_ == "advcl" and last and own_subject:
        return True  # "..., she said" parsed as advcl at the end of the clause
    if tok.dep_ == "advcl" and own_subject and _as_said(tok, ctx):
        return True  # "As Brekke observed, the early days of a government are the best time for a deal"
    if (
        tok.dep_ == "conj"
        and last
        and tok.doc[tok.left_edge.i - 1].text == ","
        and tok.doc[tok.left_edge.i].dep_ != "cc"
        and own_subject
    ):
        # "..., with results expected by Tuesday, the commission's spokesman told a briefing":
        # parsed as a second clause with no "and" -- it is the cue of the first
        return True
    return tok.dep_ in ("parataxis", "ccomp")


def _as_said(tok: Token, ctx: Context) -> bool:
    """ "As Brekke observed, ...": an "as" clause of a verb that names a source in it, with nothing after
    the verb but particles, adverbs and a date."""
    return (
        ctx.cues.tagged(verb_key(tok, ctx.cues), "as-source")
        and tok.tag_ != "VBG"
        and any(c.dep_ == "mark" and c.lower_ == "as" and c.i == tok.left_edge.i for c in tok.children)
        and all(
            c.dep_ in ("prt", "advmod", "punct", "npadvmod")
            or (c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.subtree))
            for c in tok.children
            if c.i > tok.i
        )
    )


Strategy = Callable[[Token, Context, frozenset[str]], Content | None]

# The constructions, in the order they are tried: the first that finds a content wins.
STRATEGIES: tuple[Strategy, ...] = (
    that_clause,
    infinitive,
    for_to_clause,
    direct_object,
    preposition_object,
    misplaced_clause,
    passive_subject,
    block_after_colon,
    parenthetical,
)
