"""Where a reported clause starts and ends: a clause the parser hung on a noun after the cue, the
writer's own tail after the content (a participle, a contrastive clause, a cue of its own), the block of
text after a colon. Used by the construction strategies of :mod:`.content` and by :mod:`.cues`.
"""

from __future__ import annotations

from spacy.tokens import Token

from .record import Context, has_that, is_cue_verb

# Marks of a clause that states a condition or a time ("if", "once", "until"): kept with the content.
CONDITION_MARKS = frozenset({"if", "unless", "once", "after", "until", "provided", "providing", "when"})


def misplaced_clause_of(tok: Token, ctx: Context) -> Token | None:
    """ "told a meeting of island leaders that few people understood ...", "tweeted in the early hours that
    Machado was ...": the cue's that-clause, which the parser hung on a noun after the cue as a relative
    clause. A relative clause has "that" as its subject or object; this one has a subject of its own."""
    if ctx.cues.tagged(tok.lemma_.lower(), "intransitive"):
        return None
    for child in tok.children:
        if child.i < tok.i or child.dep_ not in ("dobj", "dative", "prep", "npadvmod"):
            continue
        for t in child.subtree:
            if t.dep_ not in ("relcl", "acl") or t.i - tok.i > 15:
                continue
            first = t.doc[t.left_edge.i]
            host = t.head.lemma_.lower()
            if host in ctx.cues.nouns or (host in ctx.cues.adverbial_nouns and not _for_the_nth_time(t.head)):
                continue  # "his prediction that ...": the noun's own content; "on the day that ..."
            if (
                first.lower_ == "that"
                and first.dep_ in ("mark", "advmod")
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in t.children)
            ):
                return t
    return None


def _for_the_nth_time(noun: Token) -> bool:
    """ "suggested for once that ...": an adverbial of the verb, whose "that" is the verb's."""
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "for"
        and any(c.dep_ == "amod" and (c.ent_type_ == "ORDINAL" or c.lower_ == "last") for c in noun.children)
    )


def trailing_cue(tok: Token, ctx: Context) -> bool:
    """ "Tarsk wants no relief, now or later, Interior Minister Kessen told a briefing.": a comma-set cue
    with its own subject ending the sentence, which the parser made the clausal object of the verb before."""
    doc = tok.doc
    return (
        tok.dep_ == "ccomp"
        and tok.i > tok.head.i
        and is_cue_verb(tok, ctx.cues)
        and any(c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP") for c in tok.children)
        and not has_that(tok)
        and tok.left_edge.i > 0
        and doc[tok.left_edge.i - 1].text == ","
        and all(t.is_punct or t.is_space for t in doc[tok.right_edge.i + 1 : tok.sent.end])
    )


CONTRAST = frozenset({"but", "yet", "while", "whereas", "although", "though"})
KEPT_MARKS = CONDITION_MARKS | {"that", "before"}


def tail_participle(tok: Token, ctx: Context) -> bool:
    """``..., calling the attack a provocation``: a comma-set participle of a cue verb
    that reports a second act of speech, not part of the first one's content."""
    doc = tok.doc
    return (
        tok.tag_ == "VBG"
        and tok.dep_ in ("advcl", "xcomp", "conj", "acl")
        and tok.i > tok.head.i
        and tok.left_edge.i > 0
        and doc[tok.left_edge.i - 1].text == ","
        and not ctx.in_quote(tok)
        and is_cue_verb(tok, ctx.cues)
        and tok.lower_ not in ("providing", "assuming", "supposing")
    )  # ", providing Corvenna scrapped ...": a condition


def contrast_conjunct(tok: Token, ctx: Context) -> int | None:
    """``the mails were personal, but for Republicans it is a smoking gun``: a clause with
    its own subject joined by a contrastive conjunction after a comma is the writer's
    comment on what was said, not more of it (``..., but that ...`` is still reported).

    Returns:
        The index of the comma before the conjunction, or ``None``.
    """
    if tok.dep_ != "conj" or tok.pos_ not in ("VERB", "AUX") or ctx.in_quote(tok):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children) or any(
        c.dep_ == "mark" and c.lower_ in KEPT_MARKS for c in tok.children
    ):
        return None  # "..., but that ...", "..., but only after ...": still what was said
    cc = next((c for c in tok.head.children if c.dep_ == "cc" and tok.head.i < c.i < tok.i), None)
    if (
        cc is None
        or cc.lower_ not in CONTRAST
        or cc.i == 0
        or tok.doc[cc.i - 1].text != ","
        or ctx.in_quote(cc)
    ):
        return None
    return cc.i - 1


def chained_participle(tok: Token, ctx: Context) -> Token | None:
    """ "..., calling the council a puppet and insisting on talks with Tarsk alone": a second participle
    of speech joined by "and" to the cue participle ``tok``, with no subject and no clause of its own ("and
    saying that ..." is a statement of its own): one act of speech in two verbs, whose content runs on
    through the second. Returns the second participle, or ``None``."""
    if tok.tag_ != "VBG" or ctx.in_quote(tok):
        return None
    for c in tok.children:
        if (
            c.dep_ == "conj"
            and c.tag_ == "VBG"
            and is_cue_verb(c, ctx.cues)
            and not any(g.dep_ in ("nsubj", "nsubjpass", "ccomp") for g in c.children)
            and any(g.dep_ == "cc" and g.lower_ == "and" and tok.i < g.i < c.i for g in tok.children)
        ):
            return c
    return None


def coordinated_cue(tok: Token, ctx: Context) -> bool:
    """ "Kalden said he would receive Veldt, and suggested that the tariffs could come up": a cue
    verb with no subject of its own joined by ", and" to the clause a cue verb reports is that speaker's
    second act of speech, which the parser hung on the reported clause."""
    doc = tok.doc
    return (
        tok.dep_ == "conj"
        and tok.tag_ in ("VBD", "VBZ", "VBP")
        and tok.head.dep_ == "ccomp"
        and is_cue_verb(tok.head.head, ctx.cues)
        and is_cue_verb(tok, ctx.cues)
        and not ctx.in_quote(tok)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        and tok.left_edge.i == tok.i
        and doc[tok.i - 1].lower_ == "and"
        and doc[tok.i - 2].text == ","
    )


def reporting_verb(tok: Token, ctx: Context) -> Token | None:
    """For a tail participle inside reported content (``he says he would release
    them, calling them boring``) or a cue verb joined to it (:func:`coordinated_cue`), the cue verb
    whose content holds it: its speaker is that verb's subject, not the subject of the clause it
    hangs on."""
    if not tail_participle(tok, ctx) and not coordinated_cue(tok, ctx):
        return None
    cur = tok.head
    for _ in range(4):
        if cur.dep_ == "ccomp" and is_cue_verb(cur.head, ctx.cues):
            return cur.head
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


# Prepositions that set a concession against what was said: "..., despite Tarsk calling the talks a failure".
CONCESSIVE_PREPOSITIONS = frozenset({"despite", "notwithstanding"})


def concessive_speech(tok: Token, ctx: Context) -> int | None:
    """ "Brekke said the talks were productive, despite Tarsk describing them as a failure": a comma-set
    concession whose clause is someone else's act of speech (a cue verb with its own subject) is the
    writer's contrast, not what the first speaker said.

    Returns:
        The index of the comma before the preposition, or ``None``.
    """
    if tok.dep_ != "prep" or tok.lower_ not in CONCESSIVE_PREPOSITIONS or ctx.in_quote(tok):
        return None
    if tok.i == 0 or tok.doc[tok.i - 1].text != ",":
        return None
    for c in tok.children:
        # "despite Tarsk describing ...": a gerund with its subject, or (as the parser may read it) the
        # speaker as the preposition's object with the participle on it
        if c.dep_ == "pcomp" and any(g.dep_ in ("nsubj", "poss") for g in c.children):
            act: Token | None = c
        elif c.dep_ == "pobj":
            act = next((g for g in c.children if g.dep_ == "acl" and g.tag_ == "VBG"), None)
        else:
            continue
        if act is not None and is_cue_verb(act, ctx.cues):
            return tok.i - 1
    return None


def prune_clause(root: Token, ctx: Context) -> list[Token]:
    """A content clause's tokens, less trailing parts that are not what was said."""
    cut: set[int] = set()
    doc = root.doc
    for t in root.subtree:
        if t.i in cut or t.i == root.i:
            continue
        start = None
        if tail_participle(t, ctx):
            start = t.left_edge.i - 1
        elif t.head.i == root.i and coordinated_cue(t, ctx):
            start = t.i - 2  # the comma before "and"
        elif t.head.i == root.i:
            start = contrast_conjunct(t, ctx) or concessive_speech(t, ctx)
        if start is not None:
            cut.update(range(start, t.right_edge.i + 1))
    return [t for t in doc[root.left_edge.i : root.right_edge.i + 1] if t.i not in cut]


def block_after_colon_tokens(tok: Token, ctx: Context) -> list[Token]:
    """``Limbaugh added:`` ending its paragraph: the content is the next paragraph."""
    doc = ctx.doc
    i = tok.i + 1
    while (
        i < len(doc)
        and i - tok.i <= 4
        and doc[i].text != ":"
        and not doc[i].is_space
        and doc[i].head.i == tok.i
        and doc[i].dep_ in ("dobj", "dative", "npadvmod", "advmod")
    ):
        i += 1  # "told reporters:", "said Monday:"
    if i >= len(doc) or doc[i].text != ":":
        return []
    p = ctx.paragraph_of(doc[i].idx)
    if ctx.text[doc[i].idx + 1 : ctx.paras[p][1]].strip() or p + 1 >= len(ctx.paras):
        return []
    start, end = ctx.paras[p + 1]
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []
