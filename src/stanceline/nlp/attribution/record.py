"""The shared core of attribution: the record, the reading context, and how a cue's
subject, source phrase and cue span are taken from the parse; content tokens become
character spans here (:func:`build`).

Used by :mod:`.cues` (passes over cue words), :mod:`.content` (what a cue verb
reports), :mod:`.quotations` (passes over quotation marks) and :mod:`.adjectives`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from ...config import Cues, SourceWords, load_source_words, load_titles
from ..lexicon import EXPLETIVES, PERSONAL
from ..text import MARKS, Quote

MARKS_AND_SPACE = MARKS | set(" \t\r\n\u00a0")

# Words that may stand between a content and its cue without breaking the link.
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
SPEAKER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_EDGE_PUNCT = frozenset(",.;:—–-")
MAX_GAP = 12  # tokens between a quotation and its cue


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
class Context:
    doc: Doc
    text: str  # doc.text, built once (spaCy rebuilds it on every access)
    cues: Cues
    quotes: list[Quote]
    paras: list[tuple[int, int]]
    tok_quote: list[int]  # token index -> quote index, or -1
    titles: tuple[str, ...] = field(default_factory=load_titles)  # the user's, or the shipped
    source_words: SourceWords = field(default_factory=load_source_words)
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


def map_tokens(doc: Doc, quotes: list[Quote]) -> list[int]:
    """Token index -> index of the quote that holds it (marks included), or -1."""
    tok_quote = [-1] * len(doc)
    bounds: list[tuple[int, int, int]] = []
    for qi, q in enumerate(quotes):
        bounds.append((q.open_at, q.close_at, qi))  # a multi-paragraph quote's pieces lie inside
    j = 0
    bounds.sort()
    if not bounds:
        return tok_quote
    for i, idx in enumerate(doc.to_array(IDX).tolist()):  # (the offsets alone, not a Token per word)
        while j < len(bounds) and bounds[j][1] <= idx:
            j += 1
        for k in range(j, min(j + 3, len(bounds))):
            s, e, qi = bounds[k]
            if s <= idx < e:
                tok_quote[i] = qi
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
    lemma = cues.lemma_slips.get(tok.lower_, tok.lemma_.lower())  # "hoped" -> "hope", not "hop"
    for child in tok.children:
        # "brushed aside the offer": the parser may take the particle for an adverb
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == tok.i + 1):
            key = f"{lemma} {child.lower_}"
            if key in cues.verbs:
                return key
    return lemma


_VERB_GROUP = frozenset({"aux", "auxpass", "neg", "advmod", "prt"})


def verb_group_start(tok: Token) -> int:
    """Index of the first word of ``tok``'s verb group: auxiliaries, negation and
    adverbs right before it (``has also said``, ``did not want``, ``boldly suggested``)."""
    start = tok.i
    for child in reversed(list(tok.lefts)):
        if (
            child.dep_ in _VERB_GROUP
            and child.i == start - 1
            and not child.is_punct
            and child.tag_ not in ("WRB", "TO")
        ):
            start = child.i
        else:
            break
    return start


def cue_span(tok: Token, cues: Cues, prep: Token | None = None) -> Span:
    """The cue as PolNeAR marks it: the verb with its verb group (``has also
    learned``), the verb it completes (``went on to say``, ``seemed to think``, a speech
    vehicle of ``cues``) and the preposition that introduces its content (``called for``)."""
    doc = tok.doc
    start = verb_group_start(tok)
    head = tok.head
    # "went on to say", "appeared to suggest": an infinitive cue takes the verb it completes.
    if (
        (tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and head.lemma_.lower() in cues.speech_vehicles))
        and head.i < tok.i
        and head.pos_ in ("VERB", "AUX")
        and all(doc[k].dep_ in _VERB_GROUP or doc[k].i == head.i for k in range(head.i, start))
    ):
        start = verb_group_start(head)
    elif start > 0 and doc[start - 1].tag_ == "TO" and doc[start - 1].head.i == tok.i:
        start -= 1  # "was forced to admit": PolNeAR's annotators take the "to" nine times in ten
    end = tok.i + 1
    # A particle right after the verb ("pointed out"); not the passive's "by" ("is supported
    # by"), which PolNeAR's annotators leave out two times in three.
    if end < len(doc) and doc[end].dep_ == "prt" and doc[end].head.i == tok.i:
        end += 1
    if prep is not None and prep.i == end:
        end += 1
    return doc[start:end]


def inverted_speaker(verb: Token) -> Token | None:
    """'"What is a ballot worth?" asked the monitor': the speaker after the cue verb that the parser took for
    its object."""
    return next(
        (c for c in verb.children if c.dep_ in ("dobj", "dative") and c.left_edge.i == verb.i + 1), None
    )


def for_clause(tok: Token) -> Token | None:
    """ "called for the talks to resume": a to-clause brought in by "for" (the parser makes "for" its mark);
    returns the "for", or None."""
    if tok.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None
    return next((c for c in tok.children if c.dep_ == "mark" and c.lower_ == "for"), None)


def agent_of(tok: Token) -> Token | None:
    """The passive's agent: ``Velmora`` in ``was rejected by Velmora``."""
    return next((p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)


def has_that(tok: Token) -> bool:
    return any(g.dep_ == "mark" and g.lower_ == "that" for g in tok.children)


def _predicated(noun: Token) -> Token:
    """For a noun that describes a subject (``Veldt is a leader who has vowed ...``,
    ``Kastell, a hawk who ...``), the subject it describes; else the noun itself."""
    cur = noun
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "attr":
        subj = next((c for c in cur.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ not in ("it", "this", "that", "there"):
            return subj  # not "it was Senator Brandt who ...": the cleft's noun is the speaker
    if cur.dep_ == "appos" and cur.head.pos_ in ("PROPN", "PRON"):
        return cur.head
    return noun


def someone(tok: Token, words: SourceWords) -> bool:
    """A noun phrase's head that can stand for a person or body: a name, a personal pronoun, a noun for
    people ("his advisers", "the prime minister"); not "jokes", "oil prices", "it". ``words``: the source
    nouns (``Context.source_words``)."""
    return (
        tok.ent_type_ in SPEAKER_ENTS
        or (tok.pos_ == "PRON" and tok.lower_ in PERSONAL)
        or words.speaking(tok.lemma_.lower())
    )


def cue_subject(tok: Token) -> Token | None:
    """The grammatical subject of a cue verb, looking through coordination,
    participles (``..., saying that``) and relative clauses (``Veldt, who said``)."""
    seen = 0
    cur: Token | None = tok
    while cur is not None and seen < 4:
        seen += 1
        # In the passive the agent speaks: "The plan was rejected by Veldt".
        agent = agent_of(cur)
        if agent is not None:
            return agent
        subjects = [c for c in cur.children if c.dep_ in _SUBJECT_DEPS]
        if len(subjects) > 1:
            # "Velmora, Brekke said, remains committed": the parser gave the cue two subjects; the one
            # next to the verb speaks, the other opens what was said
            subjects = sorted(subjects, key=lambda c: (c.i > cur.i, -c.i if c.i < cur.i else c.i))
        for child in subjects[:1]:
            if child.lower_ in ("who", "that", "which") and cur.dep_ == "relcl":
                return _predicated(cur.head)
            return _name_after_participle(child, cur)
        if cur.dep_ == "pcomp" and cur.head.lower_ == "as" and cur.head.head.pos_ == "VERB":
            cur = cur.head.head  # "Veldt was quoted as saying": the subject of "quoted"
        elif cur.dep_ in ("conj", "advcl", "xcomp", "relcl", "acl") and cur.head != cur:
            if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return cur.head
            cur = cur.head
        else:
            break
    return _subject_in_aside(tok)


def _name_after_participle(subj: Token, verb: Token) -> Token:
    """ "Speaking in Kelvik with his counterparts Veldt said ...": with the comma missing, the parser
    takes the participle's clause for the subject; the name closing it, right before the verb, speaks."""
    last = subj.doc[verb.i - 1] if verb.i > 0 else subj
    if (
        subj.dep_ == "csubj"
        and subj.tag_ == "VBG"
        and last.pos_ == "PROPN"
        and subj.left_edge.i <= last.i <= subj.right_edge.i
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in subj.children)
    ):
        return last
    return subj


def _subject_in_aside(verb: Token) -> Token | None:
    """ "Ivo Marn, in Tarsk to lead the talks, told reporters ...": the parser made the name the subject of
    the comma-set clause before the verb; a name followed by a comma opening that clause speaks."""
    for child in verb.lefts:
        if child.dep_ not in ("ccomp", "advcl"):
            continue
        subj = next((c for c in child.children if c.dep_ == "nsubj" and c.i < child.i), None)
        if (
            subj is not None
            and (subj.ent_type_ in SPEAKER_ENTS or subj.pos_ == "PROPN")
            and subj.i + 1 < child.i
            and subj.doc[subj.i + 1].text == ","
        ):
            return subj
    return None


def source_span(subj: Token, cue: Token | None = None) -> Span | None:
    """The subject's noun phrase, trimmed of edge punctuation and of the clause that
    holds the cue itself (``The envoy who said ...``, ``Veldt, a veteran who vowed ...``)."""
    if subj.lower_ in EXPLETIVES:
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
    return doc[left : right + 1]


def _trim_tokens(toks: list[Token]) -> list[Token]:
    while toks and (toks[0].is_space or toks[0].text in _EDGE_PUNCT):
        toks = toks[1:]
    while toks and (toks[-1].is_space or toks[-1].text in _EDGE_PUNCT or toks[-1].text in "?!"):
        toks = toks[:-1]
    return toks


_PIECE_EDGES = frozenset(",;:—– \n")


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
    return _trimmed(doc_text, runs)


def _trimmed(text: str, pieces: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces less the commas, colons, dashes and spaces at their edges; empty ones dropped."""
    out = []
    for s, e in pieces:
        while e > s and text[e - 1] in _PIECE_EDGES:
            e -= 1
        while s < e and text[s] in _PIECE_EDGES:
            s += 1
        if e > s:
            out.append((s, e))
    return out


def _cut(text: str, lo: int, hi: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The span ``lo:hi`` less the ``holes`` strictly inside it, pieces trimmed of edge punctuation."""
    inside = sorted((s, e) for s, e in holes if lo < s and e < hi)
    if not inside:
        return [(lo, hi)]
    pieces, at = [], lo
    for s, e in inside:
        pieces.append((at, s))
        at = max(at, e)
    pieces.append((at, hi))
    return _trimmed(text, pieces) or [(lo, hi)]


def _quotes_touched(toks: Iterable[Token], ctx: Context) -> list[int]:
    return sorted({ctx.tok_quote[t.i] for t in toks if ctx.tok_quote[t.i] >= 0})


def build(
    ctx: Context,
    cue_tok: Token | None,
    cue: Span | None,
    lemma: str | None,
    source: Span | None,
    toks: list[Token],
    base_conf: float,
    *,
    min_words: int = 2,
) -> Attribution | None:
    """Turn content tokens into an :class:`Attribution`, widening to whole quotations."""
    touched = [qi for qi in _quotes_touched(toks, ctx) if qi not in ctx.used]
    if any(ctx.tok_quote[t.i] >= 0 and ctx.tok_quote[t.i] in ctx.used for t in toks):
        toks = [t for t in toks if ctx.tok_quote[t.i] < 0 or ctx.tok_quote[t.i] not in ctx.used]
    outside = [
        t
        for t in toks
        if ctx.tok_quote[t.i] < 0
        and not t.is_punct
        and not t.is_space
        and t.lower_ not in ("that", "and", "but")
    ]
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
            # ... less a parenthetical cue and its speaker inside: "Velmora, she added, remains committed
            # to the accord and "to every line of it""
            holes = [(sp.start_char, sp.end_char) for sp in (cue, source) if sp is not None]
            if cue_tok is not None:  # with the cue's own adjuncts: "the envoy said on Monday"
                own = sorted(
                    t.i for t in cue_tok.subtree if t.i not in {k.i for k in toks} and not t.is_punct
                )
                if own:
                    first, last = ctx.doc[own[0]], ctx.doc[own[-1]]
                    holes.append((first.idx, last.idx + len(last.text)))
            content, kind = _cut(ctx.text, lo, hi, holes), "mixed"
        else:
            content, kind = runs, "indirect"
        words = sum(len(ctx.text[s:e].split()) for s, e in content)
        if words < min_words:
            return None
    ctx.used.update(touched)
    conf = base_conf - (0.1 if source is None else 0.0)
    return Attribution(
        kind=kind,
        cue=cue,
        cue_lemma=lemma,
        source=source,
        content=content,
        confidence=round(max(0.05, min(conf, 0.99)), 2),
        paragraph=ctx.paragraph_of(content[0][0]),
    )
