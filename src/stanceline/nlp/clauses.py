"""The shared core of attribution: the record, the reading context, and how a cue's
subject, source phrase, cue span and content spans are taken from the parse.

Used by :mod:`.attribution` (passes over cue words) and :mod:`.quoted` (passes
over quotation marks).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..config import Cues
from .quotes import MARKS, Quote

MARKS_AND_SPACE = MARKS | set(" \t\r\n\u00a0")

# Words that may stand between a content and its cue without breaking the link.
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CONTENT_DEPS = frozenset({"ccomp"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_EXPLETIVES = frozenset({"it", "there"})
_EDGE_PUNCT = frozenset(",.;:—–-")
_CONDITION_WORDS = frozenset({"if", "unless", "provided", "providing", "once", "as", "until", "only"})
_CONDITION_MARKS = frozenset({"if", "unless", "once", "after", "until", "provided", "providing", "when"})
_MAX_GAP = 12  # tokens between a quotation and its cue


@dataclass
class Attribution:
    """One attribution found in a Doc, before speakers are resolved.

    ``content`` holds character offsets (quotes are found on characters).
    ``actor``/``resolved_by`` are filled by the speakers component.
    """

    kind: str
    cue: Span | None
    cue_lemma: str | None
    source: Span | None
    content: list[tuple[int, int]]
    confidence: float
    carryover: bool = False
    carried_from: Span | None = None  # for a carry-over: where its speaker was named
    paragraph: int = 0
    actor: str | None = None
    resolved_by: str = "none"

    @property
    def start(self) -> int:
        firsts = [self.content[0][0]]
        if self.cue is not None:
            firsts.append(self.cue.start_char)
        if self.source is not None:
            firsts.append(self.source.start_char)
        return min(firsts)


@dataclass
class _Context:
    doc: Doc
    text: str                     # doc.text, built once (spaCy rebuilds it on every access)
    cues: Cues
    quotes: list[Quote]
    paras: list[tuple[int, int]]
    tok_quote: list[int]          # token index -> quote index, or -1
    used: set[int] = field(default_factory=set)
    quote_tokens: dict[int, tuple[int, int]] = field(default_factory=dict)  # quote -> (first, last) token
    para_ends: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Derived once per Doc, so passes over quotes and paragraphs stay linear.
        for i, qi in enumerate(self.tok_quote):
            if qi >= 0:
                first, _ = self.quote_tokens.get(qi, (i, i))
                self.quote_tokens[qi] = (first, i)
        self.para_ends = [e for _, e in self.paras]

    def in_quote(self, tok: Token) -> bool:
        return self.tok_quote[tok.i] >= 0

    def paragraph_of(self, char: int) -> int:
        return min(bisect_right(self.para_ends, char), max(len(self.paras) - 1, 0))


def _map_tokens(doc: Doc, quotes: list[Quote]) -> list[int]:
    """Token index -> index of the quote that holds it (marks included), or -1."""
    tok_quote = [-1] * len(doc)
    bounds: list[tuple[int, int, int]] = []
    for qi, q in enumerate(quotes):
        bounds.append((q.open_at, q.close_at, qi))  # a multi-paragraph quote's pieces lie inside
    j = 0
    bounds.sort()
    for tok in doc:
        while j < len(bounds) and bounds[j][1] <= tok.idx:
            j += 1
        for k in range(j, min(j + 3, len(bounds))):
            s, e, qi = bounds[k]
            if s <= tok.idx < e:
                tok_quote[tok.i] = qi
                break
    return tok_quote


def is_cue_verb(tok: Token, cues: Cues) -> bool:
    """A verb from the cue vocabulary used as a verb (not ``the said treaty``)."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound"):
        return False
    if tok.pos_ == "AUX" and tok.dep_ in ("aux", "auxpass"):
        return False
    return cues.is_verb(verb_key(tok, cues))


def verb_key(tok: Token, cues: Cues) -> str:
    """The cue file's entry for a verb: its lemma, or lemma and particle where the file
    lists the phrasal verb (``rule out``, ``turn down``)."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "prt":
            key = f"{lemma} {child.lower_}"
            if key in cues.verbs:
                return key
    return lemma


# "went on to criticize", "took to the radio to attack", "used the speech to praise": what
# follows is said, not a purpose.
_SPEECH_VEHICLES = frozenset({"go", "proceed", "continue", "take", "use", "turn", "rise", "stand", "return"})
_VERB_GROUP = frozenset({"aux", "auxpass", "neg", "advmod", "prt"})


def _verb_group_start(tok: Token) -> int:
    """Index of the first word of ``tok``'s verb group: auxiliaries, negation and
    adverbs right before it (``has also said``, ``did not want``, ``boldly suggested``)."""
    start = tok.i
    for child in reversed(list(tok.lefts)):
        if child.dep_ in _VERB_GROUP and child.i == start - 1 and not child.is_punct:
            start = child.i
        else:
            break
    return start


def _cue_span(tok: Token, prep: Token | None = None) -> Span:
    """The cue as PolNeAR marks it: the verb with its verb group (``has also
    learned``), the verb it completes (``went on to say``, ``seemed to think``)
    and the preposition that introduces its content (``called for``)."""
    doc = tok.doc
    start = _verb_group_start(tok)
    head = tok.head
    # "went on to say", "appeared to suggest": an infinitive cue takes the verb it completes.
    if (tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and head.lemma_.lower() in _SPEECH_VEHICLES)) \
            and head.i < tok.i and head.pos_ in ("VERB", "AUX") \
            and all(doc[k].dep_ in _VERB_GROUP or doc[k].i == head.i for k in range(head.i, start)):
        start = _verb_group_start(head)
    end = tok.i + 1
    # A particle right after the verb ("pointed out"), and the passive's "by" ("is supported by").
    if end < len(doc) and doc[end].dep_ == "prt" and doc[end].head.i == tok.i:
        end += 1
    if end < len(doc) and doc[end].dep_ == "agent" and doc[end].head.i == tok.i:
        end += 1
    if prep is not None and prep.i == end:
        end += 1
    return doc[start:end]



def _agent(tok: Token) -> Token | None:
    """The passive's agent: ``Velmora`` in ``was rejected by Velmora``."""
    return next((p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)


def _has_that(tok: Token) -> bool:
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in tok.children)


def _predicated(noun: Token) -> Token:
    """For a noun that describes a subject (``Veldt is a leader who has vowed ...``,
    ``Kastell, a hawk who ...``), the subject it describes; else the noun itself."""
    cur = noun
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "attr":
        subj = next((c for c in cur.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
    if cur.dep_ == "appos" and cur.head.pos_ in ("PROPN", "PRON"):
        return cur.head
    return noun


def _subject(tok: Token) -> Token | None:
    """The grammatical subject of a cue verb, looking through coordination,
    participles (``..., saying that``) and relative clauses (``Veldt, who said``)."""
    seen = 0
    cur: Token | None = tok
    while cur is not None and seen < 4:
        seen += 1
        # In the passive the agent speaks: "The plan was rejected by Veldt".
        agent = _agent(cur)
        if agent is not None:
            return agent
        for child in cur.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in ("who", "that", "which") and cur.dep_ == "relcl":
                    return _predicated(cur.head)
                return child
        if cur.dep_ in ("conj", "advcl", "xcomp", "relcl", "acl") and cur.head != cur:
            if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return cur.head
            cur = cur.head
        else:
            break
    return None


def _source_span(subj: Token, cue: Token | None = None) -> Span | None:
    """The subject's noun phrase, trimmed of edge punctuation and of the clause that
    holds the cue itself (``The envoy who said ...``, ``Veldt, a veteran who vowed ...``)."""
    if subj.lower_ in _EXPLETIVES:
        return None
    left, right = subj.left_edge.i, subj.right_edge.i
    doc = subj.doc
    if cue is not None and left <= cue.i <= right:
        for child in subj.rights:
            if child.left_edge.i <= cue.i <= child.right_edge.i:
                right = min(right, child.left_edge.i - 1)
    # A comma-set participle is circumstance, not the source: "Trump, speaking to veterans, said".
    for child in subj.rights:
        if child.dep_ == "acl" and child.tag_ in ("VBG", "VBN") and doc[child.left_edge.i - 1].text == ",":
            right = min(right, child.left_edge.i - 1)
    # A long subject is usually a parse error dragging in a clause: keep the core.
    while right > subj.i and (doc[right].is_punct or doc[right].dep_ in ("cc",)):
        right -= 1
    while left < subj.i and (doc[left].is_punct or doc[left].dep_ == "cc"):
        left += 1
    if right - left > 24:
        left, right = max(left, subj.i - 4), min(right, subj.i + 12)
    return doc[left:right + 1]


def _trim_tokens(toks: list[Token]) -> list[Token]:
    while toks and (toks[0].is_space or toks[0].text in _EDGE_PUNCT):
        toks = toks[1:]
    while toks and (toks[-1].is_space or toks[-1].text in _EDGE_PUNCT or toks[-1].text in "?!"):
        toks = toks[:-1]
    return toks


def _char_runs(toks: Iterable[Token], doc_text: str) -> list[tuple[int, int]]:
    """Contiguous character runs covering ``toks`` (sorted, punctuation at edges trimmed)."""
    ordered = _trim_tokens(sorted(toks, key=lambda t: t.i))
    runs: list[tuple[int, int]] = []
    prev: Token | None = None
    for t in ordered:
        if prev is not None and t.i == prev.i + 1:
            runs[-1] = (runs[-1][0], t.idx + len(t.text))
        else:
            runs.append((t.idx, t.idx + len(t.text)))
        prev = t
    # Trim punctuation left at the edges of inner runs (``The talks,`` ``he said,``).
    out = []
    for s, e in runs:
        while e > s and doc_text[e - 1] in ",;:—– ":
            e -= 1
        while s < e and doc_text[s] in ",;:—– ":
            s += 1
        if e > s:
            out.append((s, e))
    return out


_BARE_OBJECTS = frozenset({"it", "that", "this", "them", "him", "her", "so"})


def _content_tokens(tok: Token, ctx: _Context) -> tuple[list[Token], str, Token | None] | None:
    """Content tokens of a cue verb from the parse, the construction found, and the
    preposition that introduces the content (``called for``), if any."""
    tags = ctx.cues.verbs.get(verb_key(tok, ctx.cues), frozenset())
    children = list(tok.children)
    clauses = [c for c in children if c.dep_ in _CONTENT_DEPS]
    if clauses:
        # Prefer a that-clause, then one after the verb: a fronted participle
        # ("Writing for the panel, Barabak noted that ...") can be parsed as a ccomp too.
        best = min(clauses, key=lambda c: (not _has_that(c), c.i < tok.i, c.i))
        toks = _prune_clause(best, ctx)
        # "said the offer was fair, but that Tarsk would refuse it": a second that-clause
        # the parser joined to the cue verb is more of the same content.
        for c in children:
            if c.dep_ == "conj" and c.i > best.i and _has_that(c):
                toks.extend(t for t in tok.doc[best.right_edge.i + 1:c.right_edge.i + 1] if not t.is_space)
        # A condition the parser hung on the cue verb belongs to what was said:
        # "he would sign the deal, provided the clauses stay" ("provided" is a child of "said").
        for c in children:
            if c.i > best.right_edge.i and c.dep_ in ("advcl", "prep", "mark", "advmod") \
                    and tok.doc[c.left_edge.i].lower_ in _CONDITION_WORDS:
                toks.extend(c.subtree)
            elif c.i > best.right_edge.i and c.dep_ == "conj" and not is_cue_verb(c, ctx.cues) \
                    and any(g.dep_ == "mark" and g.lower_ in _CONDITION_MARKS for g in c.children):
                # "..., but only once Velmora dropped the sanctions", parsed as a second clause of "said"
                toks.extend(t for t in tok.doc[best.right_edge.i + 1:c.right_edge.i + 1] if not t.is_space)
        return toks, "ccomp", None
    for child in children:
        if child.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            if ("weak" in tags or "noinf" in tags) and "intent" not in tags:
                continue
            toks = list(child.subtree)
            # Object control: "urged Tarsk to reject the offer", "called on members to stay":
            # who is to act is part of what was said.
            between = [c for c in children if tok.i < c.i < child.i]
            agent = next((c for c in between if c.dep_ in ("dobj", "dative")), None)
            prep = next((c for c in between if c.dep_ == "prep" and c.lower_ == "on" and c.lower_ in tags
                         and c.i == tok.i + 1), None) if agent is None else None
            if prep is not None:
                agent = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if agent is not None:
                toks = [*agent.subtree, *toks]
            return toks, "xcomp", prep if agent is not None else None
    if "object" in tags:
        dobj = next((c for c in children if c.dep_ == "dobj" and c.i > tok.i), None)
        described = dobj is not None and any(c.i > dobj.i and c.dep_ in ("oprd", "xcomp") for c in children)
        if dobj is not None and (described or dobj.lower_ not in _BARE_OBJECTS):
            # "called the offer an insult", "urged Tarsk to return", "described it as a trap"
            toks = list(dobj.subtree)
            for c in children:
                if c.i > dobj.i and (c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as")):
                    toks.extend(c.subtree)
            return toks, "object", None
    for child in children:
        if child.dep_ == "prep" and child.lower_ in tags and child.i > tok.i:
            pobj = [t for t in child.subtree if t.i != child.i]
            if pobj:
                return pobj, "prep", child
    if "object" in tags and any(c.dep_ == "agent" for c in children):
        # Passive: "The offer was rejected by Tarsk" -- the subject is what was rejected.
        theme = next((c for c in children if c.dep_ == "nsubjpass"), None)
        if theme is not None and theme.lower_ not in ("it", "that", "this", "they", "he", "she"):
            return list(theme.subtree), "object", None
    block = _block_after_colon(tok, ctx)
    if block:
        return block, "ccomp", None
    # Parenthetical cue: "The talks, he said, will fail." / "..., officials said."
    if tok.dep_ in ("parataxis", "advcl") and tok.head != tok and tok.head.pos_ in ("VERB", "AUX"):
        inner = set(t.i for t in tok.subtree)
        toks = [t for t in tok.head.subtree if t.i not in inner]
        if tok.dep_ == "advcl" and not any(t.i > tok.i for t in tok.head.subtree if t.i not in inner):
            # "..., she said" parsed as advcl at the end of the clause
            return toks, "parenthetical", None
        if tok.dep_ == "parataxis":
            return toks, "parenthetical", None
    return None


_CONTRAST = frozenset({"but", "yet", "while", "whereas", "although", "though"})


def _tail_participle(tok: Token, ctx: _Context) -> bool:
    """``..., calling the attack a provocation``: a comma-set participle of a cue verb
    that reports a second act of speech, not part of the first one's content."""
    doc = tok.doc
    return (tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj", "acl") and tok.i > tok.head.i
            and tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text == ","
            and not ctx.in_quote(tok) and is_cue_verb(tok, ctx.cues))


def _contrast_conjunct(tok: Token, ctx: _Context) -> int | None:
    """``the mails were personal, but for Republicans it is a smoking gun``: a clause with
    its own subject joined by a contrastive conjunction after a comma is the writer's
    comment on what was said, not more of it (``..., but that ...`` is still reported).

    Returns:
        The index of the comma before the conjunction, or ``None``.
    """
    if tok.dep_ != "conj" or tok.pos_ not in ("VERB", "AUX") or ctx.in_quote(tok):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children) \
            or any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
        return None
    cc = next((c for c in tok.head.children if c.dep_ == "cc" and tok.head.i < c.i < tok.i), None)
    if cc is None or cc.lower_ not in _CONTRAST or cc.i == 0 or tok.doc[cc.i - 1].text != "," \
            or ctx.in_quote(cc):
        return None
    return cc.i - 1


def _reporting_verb(tok: Token, ctx: _Context) -> Token | None:
    """For a tail participle inside reported content (``he says he would release
    them, calling them boring``), the cue verb whose content holds it: its speaker
    is that verb's subject, not the subject of the clause it hangs on."""
    if not _tail_participle(tok, ctx):
        return None
    cur = tok.head
    for _ in range(4):
        if cur.dep_ == "ccomp" and is_cue_verb(cur.head, ctx.cues):
            return cur.head
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _prune_clause(root: Token, ctx: _Context) -> list[Token]:
    """A content clause's tokens, less trailing parts that are not what was said."""
    cut: set[int] = set()
    doc = root.doc
    for t in root.subtree:
        if t.i in cut or t.i == root.i:
            continue
        start = None
        if _tail_participle(t, ctx):
            start = t.left_edge.i - 1
        elif t.head.i == root.i:
            start = _contrast_conjunct(t, ctx)
        if start is not None:
            cut.update(range(start, t.right_edge.i + 1))
    return [t for t in doc[root.left_edge.i:root.right_edge.i + 1] if t.i not in cut]


def _block_after_colon(tok: Token, ctx: _Context) -> list[Token]:
    """``Limbaugh added:`` ending its paragraph: the content is the next paragraph."""
    doc = ctx.doc
    i = tok.i + 1
    while i < len(doc) and i - tok.i <= 4 and doc[i].text != ":" and not doc[i].is_space \
            and doc[i].head.i == tok.i and doc[i].dep_ in ("dobj", "dative", "npadvmod", "advmod"):
        i += 1  # "told reporters:", "said Monday:"
    if i >= len(doc) or doc[i].text != ":":
        return []
    p = ctx.paragraph_of(doc[i].idx)
    if ctx.text[doc[i].idx + 1:ctx.paras[p][1]].strip() or p + 1 >= len(ctx.paras):
        return []
    start, end = ctx.paras[p + 1]
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _quotes_touched(toks: Iterable[Token], ctx: _Context) -> list[int]:
    return sorted({ctx.tok_quote[t.i] for t in toks if ctx.tok_quote[t.i] >= 0})


def _build(ctx: _Context, cue_tok: Token | None, cue: Span | None, lemma: str | None, source: Span | None,
           toks: list[Token], base_conf: float) -> Attribution | None:
    """Turn content tokens into an :class:`Attribution`, widening to whole quotations."""
    touched = [qi for qi in _quotes_touched(toks, ctx) if qi not in ctx.used]
    if any(ctx.tok_quote[t.i] >= 0 and ctx.tok_quote[t.i] in ctx.used for t in toks):
        toks = [t for t in toks if ctx.tok_quote[t.i] < 0 or ctx.tok_quote[t.i] not in ctx.used]
    outside = [t for t in toks if ctx.tok_quote[t.i] < 0 and not t.is_punct and not t.is_space
               and t.lower_ not in ("that", "and", "but")]
    if touched and not outside:
        content = [p for qi in touched for p in ctx.quotes[qi].pieces]
        kind = "direct"
    else:
        runs = _char_runs(toks, ctx.text)
        if not runs:
            return None
        if touched:
            # Mixed: reported content with quoted fragments; stretch over the quotes.
            lo = min(runs[0][0], *(ctx.quotes[qi].open_at for qi in touched))
            hi = max(runs[-1][1], *(ctx.quotes[qi].close_at for qi in touched))
            content, kind = [(lo, hi)], "mixed"
        else:
            content, kind = runs, "indirect"
        words = sum(len(ctx.text[s:e].split()) for s, e in content)
        if words < 2:
            return None
    ctx.used.update(touched)
    conf = base_conf - (0.1 if source is None else 0.0)
    return Attribution(kind=kind, cue=cue, cue_lemma=lemma, source=source, content=content,
                       confidence=round(max(0.05, min(conf, 0.99)), 2),
                       paragraph=ctx.paragraph_of(content[0][0]))
