"""Attribution: find source / cue / content relations in a parsed Doc.

Pure functions over a spaCy ``Doc`` (tagged and dependency-parsed). The
component that stores the result on the Doc lives in :mod:`.pipeline`.

How it reads a text:

1. Quotation marks are paired on the characters (:mod:`.quotes`), across
   sentences and paragraphs.
2. Every cue verb outside a quote (``say``, ``warn``, ``tell`` ... from the cue
   file) gets its content from the parse: its clausal complement (``ccomp``),
   an infinitive (``vowed to``), or, when it is parenthetical (``The talks, he
   said, will fail``), the clause it interrupts. ``according to X`` takes the
   clause it modifies. A content that touches a quotation takes the whole
   quotation: wholly quoted content is ``direct``, partly quoted ``mixed``.
3. A quotation no cue claimed is tied to a cue right after it (``"...," said
   the minister``) or right before it (``She said: "..."``); a second quotation
   right after the cue's clause continues it (split quotes).
4. A paragraph that is only a quotation and follows a quoted speaker is a
   carried-over statement with no cue; :mod:`.speakers` gives it its speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..config import Cues
from .quotes import MARKS, Quote, find_quotes, paragraphs

MARKS_AND_SPACE = MARKS | set(" \t\r\n\u00a0")

# Words that may stand between a content and its cue without breaking the link.
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CONTENT_DEPS = frozenset({"ccomp"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_EXPLETIVES = frozenset({"it", "there"})
_EDGE_PUNCT = frozenset(",.;:—–-")
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
    quotes: list[int] = field(default_factory=list)
    carryover: bool = False
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
    cues: Cues
    quotes: list[Quote]
    paras: list[tuple[int, int]]
    tok_quote: list[int]          # token index -> quote index, or -1
    used: set[int] = field(default_factory=set)

    def in_quote(self, tok: Token) -> bool:
        return self.tok_quote[tok.i] >= 0

    def paragraph_of(self, char: int) -> int:
        for n, (s, e) in enumerate(self.paras):
            if char < e:
                return n
        return max(len(self.paras) - 1, 0)


def _map_tokens(doc: Doc, quotes: list[Quote]) -> list[int]:
    """Token index -> index of the quote that holds it (marks included), or -1."""
    tok_quote = [-1] * len(doc)
    bounds: list[tuple[int, int, int]] = []
    for qi, q in enumerate(quotes):
        bounds.append((q.open_at, q.close_at, qi))
        for s, e in q.pieces[1:]:
            bounds.append((s - 1, e + 1, qi))
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
    return cues.is_verb(tok.lemma_.lower())


def _cue_span(tok: Token, prep: Token | None = None) -> Span:
    """The cue verb with the auxiliaries right before it (``has learned``) and the
    preposition that introduces its content (``called for``), as PolNeAR marks cues."""
    doc = tok.doc
    start = tok.i
    for child in reversed(list(tok.lefts)):
        if child.dep_ in ("aux", "auxpass") and child.i == start - 1:
            start = child.i
        else:
            break
    end = tok.i + 1
    if prep is not None and prep.i == end:
        end += 1
    return doc[start:end]


def _subject(tok: Token) -> Token | None:
    """The grammatical subject of a cue verb, looking through coordination,
    participles (``..., saying that``) and relative clauses (``Veldt, who said``)."""
    seen = 0
    cur: Token | None = tok
    while cur is not None and seen < 4:
        seen += 1
        for child in cur.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in ("who", "that", "which") and cur.dep_ == "relcl":
                    return cur.head
                return child
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if cur.dep_ in ("conj", "advcl", "xcomp", "relcl", "acl") and cur.head is not cur:
            if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return cur.head
            cur = cur.head
        else:
            break
    return None


def _source_span(subj: Token) -> Span | None:
    """The subject's noun phrase, trimmed of edge punctuation."""
    if subj.lower_ in _EXPLETIVES:
        return None
    left, right = subj.left_edge.i, subj.right_edge.i
    doc = subj.doc
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


def _char_runs(toks: Iterable[Token]) -> list[tuple[int, int]]:
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
    doc_text = ordered[0].doc.text if ordered else ""
    out = []
    for s, e in runs:
        while e > s and doc_text[e - 1] in ",;:—– ":
            e -= 1
        while s < e and doc_text[s] in ",;:—– ":
            s += 1
        if e > s:
            out.append((s, e))
    return out


def _content_tokens(tok: Token, ctx: _Context) -> tuple[list[Token], str] | None:
    """Content tokens of a cue verb from the parse, and the construction found."""
    lemma = tok.lemma_.lower()
    tags = ctx.cues.verbs.get(lemma, frozenset())
    children = list(tok.children)
    for child in children:
        if child.dep_ in _CONTENT_DEPS:
            return list(child.subtree), "ccomp"
    for child in children:
        if child.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            if ("weak" in tags and "intent" not in tags) or lemma in ("say", "tell", "add"):
                continue
            return list(child.subtree), "xcomp"
    if "object" in tags and (lemma != "rule" or any(c.dep_ == "prt" and c.lower_ == "out" for c in children)):
        dobj = next((c for c in children if c.dep_ == "dobj" and c.i > tok.i), None)
        if dobj is not None and dobj.lower_ not in ("it", "that", "this", "them", "him", "her", "so"):
            # "called the offer an insult", "urged Tarsk to return", "described it as a trap"
            toks = list(dobj.subtree)
            for c in children:
                if c.i > dobj.i and (c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as")):
                    toks.extend(c.subtree)
            return toks, "object"
    for child in children:
        if child.dep_ == "prep" and child.lower_ in tags and child.i > tok.i:
            pobj = [t for t in child.subtree if t.i != child.i]
            if pobj:
                return pobj, "prep:" + str(child.i)
    # Parenthetical cue: "The talks, he said, will fail." / "..., officials said."
    if tok.dep_ in ("parataxis", "advcl") and tok.head is not tok and tok.head.pos_ in ("VERB", "AUX"):
        inner = set(t.i for t in tok.subtree)
        toks = [t for t in tok.head.subtree if t.i not in inner]
        if tok.dep_ == "advcl" and not any(t.i > tok.i for t in tok.head.subtree if t.i not in inner):
            # "..., she said" parsed as advcl at the end of the clause
            return toks, "parenthetical"
        if tok.dep_ == "parataxis":
            return toks, "parenthetical"
    return None


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
        runs = _char_runs(toks)
        if not runs:
            return None
        if touched:
            # Mixed: reported content with quoted fragments; stretch over the quotes.
            lo = min(runs[0][0], *(ctx.quotes[qi].open_at for qi in touched))
            hi = max(runs[-1][1], *(ctx.quotes[qi].close_at for qi in touched))
            content, kind = [(lo, hi)], "mixed"
        else:
            content, kind = runs, "indirect"
        words = sum(len(ctx.doc.text[s:e].split()) for s, e in content)
        if words < 2:
            return None
    ctx.used.update(touched)
    conf = base_conf - (0.1 if source is None else 0.0)
    return Attribution(kind=kind, cue=cue, cue_lemma=lemma, source=source, content=content,
                       confidence=round(max(0.05, min(conf, 0.99)), 2), quotes=touched,
                       paragraph=ctx.paragraph_of(content[0][0]))


_NEGATIVE_SUBJECTS = frozenset({"no", "neither", "nobody", "none", "nothing", "noone", "no-one"})
_QUESTION_MARKS = frozenset({"whether", "if"})
_REFUSALS = frozenset({"decline", "refuse", "fail"})
_UNNAMED = frozenset({"name", "identify", "quote", "identified", "named", "quoted"})


def _not_a_statement(tok: Token, toks: list[Token], subj: Token | None) -> bool:
    """Cue verbs that say nothing: questions, refusals, anonymity formulas, negated subjects."""
    first = next((t for t in toks if not t.is_punct), None)
    # "declined to say whether ...", "has not said whether ...": an open question, not content
    if first is not None and first.lower_ in _QUESTION_MARKS:
        return True
    # "declined to comment", "refused to say"
    if tok.lemma_.lower() in _REFUSALS or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _REFUSALS):
        return True
    # "who asked not to be named"
    if any(t.lemma_.lower() in _UNNAMED and t.tag_ == "VBN" for t in toks) and len(toks) <= 8:
        return True
    # "Neither ministry would confirm the report", "no one said ..."
    if subj is not None and (subj.lower_ in _NEGATIVE_SUBJECTS
                             or any(c.dep_ == "det" and c.lower_ in _NEGATIVE_SUBJECTS for c in subj.children)):
        return True
    return False


_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SPEAKER_PRONOUNS = frozenset({"he", "she", "they"})
_NOT_CUES = frozenset({"be", "have", "do", "make", "get", "go", "come", "take", "see", "look", "let", "mean",
                       "seem", "appear", "ensure", "make", "help", "need", "try", "use", "keep", "want", "like"})


def _other_verb_with_clause(ctx: _Context, tok: Token) -> Attribution | None:
    """A verb outside the cue list that still reports a person's words or mind:
    a named or pronoun subject with a ``that``-clause (``Veldt conceded that``,
    ``he reasoned that``). Low confidence: the verb is not a known cue."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in _NOT_CUES or tok.dep_ in ("amod", "compound"):
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp"
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    subj = _subject(tok)
    if subj is None or not (subj.ent_type_ in _SPEAKER_ENTS or subj.lower_ in _SPEAKER_PRONOUNS):
        return None
    toks = list(clause.subtree)
    if _not_a_statement(tok, toks, subj):
        return None
    return _build(ctx, tok, _cue_span(tok), tok.lemma_.lower(), _source_span(subj), toks, 0.45)


def _from_cue_verbs(ctx: _Context) -> list[Attribution]:
    out: list[Attribution] = []
    for tok in ctx.doc:
        if ctx.in_quote(tok):
            continue
        if not is_cue_verb(tok, ctx.cues):
            att = _other_verb_with_clause(ctx, tok)
            if att is not None:
                out.append(att)
            continue
        found = _content_tokens(tok, ctx)
        if found is None:
            continue
        toks, how = found
        subj = _subject(tok)
        if subj is not None and subj.lower_ in _FIRST_PERSON and not ctx.in_quote(subj):
            continue  # the author speaking, not an attribution
        if _not_a_statement(tok, toks, subj):
            continue
        if subj is not None and any(t.i == subj.i for t in toks):
            continue
        source = _source_span(subj) if subj is not None else None
        lemma = tok.lemma_.lower()
        weak = ctx.cues.tagged(lemma, "weak")
        prep = ctx.doc[int(how.split(":")[1])] if how.startswith("prep:") else None
        how = how.split(":")[0]
        base = {"ccomp": 0.85, "xcomp": 0.7, "object": 0.6, "prep": 0.6, "parenthetical": 0.75}[how] \
            * (0.6 if weak else 1)
        if weak and how not in ("ccomp", "xcomp"):
            continue
        att = _build(ctx, tok, _cue_span(tok, prep), lemma, source, toks, base)
        if att is not None:
            out.append(att)
    return out


def _from_according_to(ctx: _Context) -> list[Attribution]:
    out: list[Attribution] = []
    doc = ctx.doc
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        if ctx.in_quote(tok):
            continue
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) or next(
            (c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        phrase = set(t.i for t in tok.subtree) | {t.i for t in to.subtree}
        head = tok.head if tok.head is not tok else None
        if head is None:
            continue
        sent = tok.sent
        toks = [t for t in (head.subtree if head.dep_ != "ROOT" else sent) if t.i not in phrase]
        att = _build(ctx, tok, doc[tok.i:tok.i + 2], "according to", _source_span(pobj), toks, 0.85)
        if att is not None:
            out.append(att)
    return out


def _adjacent_cue(ctx: _Context, q: Quote) -> tuple[Token, Span | None] | None:
    """A cue verb right after (``"...," he said``) or right before (``He said: "..."``) a quotation."""
    doc = ctx.doc
    qi = ctx.quotes.index(q)
    q_toks = [t.i for t in doc if ctx.tok_quote[t.i] == qi]
    if not q_toks:
        return None
    first, last = q_toks[0], q_toks[-1]
    # After: only the subject, adverbials and punctuation may stand between.
    for i in range(last + 1, min(last + 1 + _MAX_GAP, len(doc))):
        t = doc[i]
        if ctx.in_quote(t) or t.is_sent_start and i > last + 1 and t.text not in ",":
            break
        if is_cue_verb(t, ctx.cues):
            between = [doc[k] for k in range(last + 1, i)]
            subtree = {s.i for s in t.subtree}
            if all(b.i in subtree or b.is_punct for b in between):
                subj = _subject(t)
                return t, (_source_span(subj) if subj is not None else None)
            break
        if t.text in ".!?" and not t.is_sent_start:
            break
    # Before: the cue's clause ends right before the opening mark.
    for i in range(first - 1, max(first - 1 - _MAX_GAP, -1), -1):
        t = doc[i]
        if ctx.in_quote(t) or t.text in ".!?":
            break
        if is_cue_verb(t, ctx.cues):
            between = [doc[k] for k in range(i + 1, first)]
            subtree = {s.i for s in t.subtree}
            # "She said: "..."", "he told reporters, "..."": the quotation follows
            # the cue's clause after a colon or comma, not inside its object
            # ("Critics call the plan a "charm offensive"").
            lead = between[-1] if between else t
            recipient = lead.head is t and lead.dep_ in ("dobj", "dative") \
                and ctx.cues.tagged(t.lemma_.lower(), "recipient")
            if q.words(doc.text) < 3 or not (lead is t or lead.text in (":", ",") or recipient):
                break
            if all(b.i in subtree or b.is_punct for b in between):
                subj = _subject(t)
                if subj is not None and subj.lower_ in _FIRST_PERSON:
                    return None
                return t, (_source_span(subj) if subj is not None else None)
            break
    return None


def _from_adjacent_quotes(ctx: _Context, found: list[Attribution]) -> list[Attribution]:
    """Quotations no parse link claimed, tied to a cue next to them; split quotes joined."""
    out: list[Attribution] = []
    by_cue = {a.cue.start: a for a in found if a.cue is not None}
    for qi, q in enumerate(ctx.quotes):
        if qi in ctx.used or q.words(ctx.doc.text) < 2:
            continue
        hit = _adjacent_cue(ctx, q)
        if hit is None:
            signed = _signature(ctx, q)
            if signed is not None:
                ctx.used.add(qi)
                out.append(Attribution(kind="direct", cue=signed[0], cue_lemma=signed[0].text, source=signed[1],
                                       content=list(q.pieces), confidence=0.6, quotes=[qi],
                                       paragraph=ctx.paragraph_of(q.start)))
            continue
        verb, source = hit
        cue = _cue_span(verb)
        prior = by_cue.get(cue.start)
        if prior is not None and prior.kind == "direct":
            # Split quote: the second half of "...," she said, "..."
            prior.content.extend(q.pieces)
            prior.quotes.append(qi)
            ctx.used.add(qi)
            continue
        if prior is not None:
            continue
        ctx.used.add(qi)
        att = Attribution(kind="direct", cue=cue, cue_lemma=verb.lemma_.lower(), source=source,
                          content=list(q.pieces), confidence=0.8 if source is not None else 0.6,
                          quotes=[qi], paragraph=ctx.paragraph_of(q.start))
        by_cue[cue.start] = att
        out.append(att)
    return out


def _carryovers(ctx: _Context, found: list[Attribution]) -> list[Attribution]:
    """Quote-only paragraphs right after a quoted speaker: same speaker, no cue."""
    out: list[Attribution] = []
    text = ctx.doc.text
    quoted_paras = {a.paragraph for a in found}
    for qi, q in enumerate(ctx.quotes):
        if qi in ctx.used:
            continue
        p = ctx.paragraph_of(q.open_at)
        # '"A," she said. "B."': a further quotation in the same paragraph, with no
        # cue of its own, goes on with the statement before it.
        before = [a for a in found if a.paragraph == p and a.start < q.open_at]
        if before and before[-1].kind == "direct" and before[-1].cue is not None \
                and not any(a.start > before[-1].start and a.start < q.open_at for a in found):
            before[-1].content.extend(q.pieces)
            before[-1].quotes.append(qi)
            ctx.used.add(qi)
            continue
        ps, pe = ctx.paras[p]
        body = sum(1 for ch in text[ps:pe] if not ch.isspace())
        inside = sum(1 for s, e in q.pieces if s < pe for ch in text[s:min(e, pe)] if not ch.isspace())
        if body == 0 or inside / body < 0.8 or (p - 1) not in quoted_paras:
            continue
        ctx.used.add(qi)
        att = Attribution(kind="direct", cue=None, cue_lemma=None, source=None, content=list(q.pieces),
                          confidence=0.6, quotes=[qi], carryover=True, paragraph=p)
        out.append(att)
        quoted_paras.add(p + len(q.pieces) - 1)
    return out


_SPEAKER_LABEL = re.compile(r"^([\"“”']?)([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4}):[ \u00a0]+(?=\S)")
_NOT_SPEAKERS = frozenset({"update", "updated", "note", "editor's note", "editor’s note", "correction", "watch",
                           "related", "read", "read more", "photo", "video", "source", "sources", "q", "a",
                           "question", "answer", "warning", "breaking", "exclusive", "analysis", "opinion",
                           "live", "timeline", "background", "context", "caption", "credit", "ps", "p.s.",
                           "the latest", "latest", "more", "also", "see", "listen", "transcript"})


def _from_speaker_labels(ctx: _Context) -> tuple[list[Attribution], set[int]]:
    """Transcript and headline labels: ``WALLACE: ...``, ``Veldt: No talks while threats go on``."""
    out: list[Attribution] = []
    claimed: set[int] = set()
    text = ctx.doc.text
    for n, (ps, pe) in enumerate(ctx.paras):
        m = _SPEAKER_LABEL.match(text, ps, pe)
        if m is None:
            continue
        label = m.group(2)
        if label.lower() in _NOT_SPEAKERS or len(label) < 2:
            continue
        src = ctx.doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if src is None or any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in src):
            continue
        cs, ce = m.end(), pe
        while ce > cs and text[ce - 1] in MARKS_AND_SPACE:
            ce -= 1
        if len(text[cs:ce].split()) < 2:
            continue
        colon = m.end(2)
        cue = ctx.doc.char_span(colon, colon + 1, alignment_mode="expand")
        claimed.add(n)
        out.append(Attribution(kind="direct" if m.group(1) or n > 0 else "indirect", cue=cue, cue_lemma=":",
                               source=src, content=[(cs, ce)], confidence=0.6, paragraph=n))
    return out, claimed


def _from_cue_nouns(ctx: _Context) -> list[Attribution]:
    """Nouns that carry an attribution: ``Veldt's claim that ...``, ``the ministry's statement that ...``."""
    out: list[Attribution] = []
    for tok in ctx.doc:
        if tok.pos_ != "NOUN" or ctx.in_quote(tok) or tok.lemma_.lower() not in ctx.cues.nouns:
            continue
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if clause is None:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None:
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None)
            owner = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        source = _source_span(owner) if owner is not None else None
        if source is not None and owner is not None and owner.lower_ in _FIRST_PERSON:
            continue
        att = _build(ctx, tok, ctx.doc[tok.i:tok.i + 1], tok.lemma_.lower(), source, list(clause.subtree), 0.6)
        if att is not None:
            out.append(att)
    return out


def _signature(ctx: _Context, q: Quote) -> tuple[Span, Span] | None:
    """A quotation signed with a dash: ``"..." ― Carla Mendes`` → (dash, name)."""
    text = ctx.doc.text
    i = q.close_at
    while i < len(text) and text[i] in " \u00a0":
        i += 1
    if i >= len(text) or text[i] not in "―—–-":
        return None
    j = i + 1
    while j < len(text) and text[j] in "-― \u00a0":
        j += 1
    end = text.find("\n", j)
    end = len(text) if end < 0 else end
    name_end = j
    while name_end < end and text[name_end] not in ",;(\n":
        name_end += 1
    name = text[j:name_end].strip()
    if not name or not name[0].isupper() or len(name.split()) > 5:
        return None
    dash = ctx.doc.char_span(i, j, alignment_mode="expand")
    src = ctx.doc.char_span(j, j + len(name), alignment_mode="expand")
    if dash is None or src is None:
        return None
    return ctx.doc[dash.start:dash.start + 1], src


def find_attributions(doc: Doc, cues: Cues) -> list[Attribution]:
    """Find every attribution in a parsed Doc.

    Args:
        doc: A Doc with tags, lemmas and a dependency parse.
        cues: The cue vocabulary (see :func:`stanceline.config.load_cues`).

    Returns:
        Attributions in text order. Speakers are not resolved yet.
    """
    paras = paragraphs(doc.text)
    quotes = find_quotes(doc.text, paras)
    ctx = _Context(doc=doc, cues=cues, quotes=quotes, paras=paras, tok_quote=_map_tokens(doc, quotes))
    labelled, claimed = _from_speaker_labels(ctx)
    for qi, q in enumerate(quotes):
        if ctx.paragraph_of(q.open_at) in claimed:
            ctx.used.add(qi)
    found = labelled + _from_cue_verbs(ctx)
    found += _from_according_to(ctx)
    found += _from_cue_nouns(ctx)
    found += _from_adjacent_quotes(ctx, found)
    found.sort(key=lambda a: a.start)
    found += _carryovers(ctx, found)
    found.sort(key=lambda a: a.start)
    return found
