"""Tagged spans → attribution relations → the same :class:`Attribution` records the rules make.

The tagger marks sources, cues and contents; this module ties them together:

- a content goes to the nearest cue outside it in the same paragraph, one in the same sentence
  first (a cue between two pieces of a split quotation takes both);
- a cue with a content takes a source: the source span whose head the parse hangs on the cue
  (its subject, or the object of its ``according to``), else the nearest one in the cue's sentence
  outside the contents;
- a content stops where the tagger stopped it, or at the end of the clause the cue governs if that
  lies further (the tagger's window is short); a cue without a tagged content takes its reported
  clause (``ccomp``) from the parse, a cue without a tagged source its subject;
- a cue still without a content, and a content without a cue within :data:`MAX_GAP` tokens, make
  nothing;
- a cue that is a verb takes its verb group as the rules' cues do (:func:`widen_cue`: ``has openly
  hinted``, ``pointed out``), where that group touches none of the relation's other spans.

Speaker resolution, dating and stance then read the records as they read the rules'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from ...config import Cues, load_cues
from ..attribution import Attribution, cue_span
from ..text import MARKS, doc_text, paragraphs

TokSpan = tuple[int, int]
MAX_GAP = 40  # tokens between a content and its cue
MAX_HOLE = 3  # tokens between two content pieces of one sentence that are joined


@dataclass
class Group:
    """One relation in token spans: a cue, its source (or ``None``) and its contents."""

    cue: TokSpan
    source: TokSpan | None = None
    contents: list[TokSpan] = field(default_factory=list)


def _gap(a: TokSpan, b: TokSpan) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


def _inside(a: TokSpan, b: TokSpan) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _unit_of(starts: Sequence[int], i: int) -> int:
    """Index of the unit (sentence or paragraph) whose start list position holds token ``i``."""
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= i:
            lo = mid
        else:
            hi = mid
    return lo


def _para_starts(doc: Doc) -> list[int]:
    """The first token of each paragraph (blank-line or line-break separated)."""
    starts, j = [0], 0
    paras = paragraphs(doc_text(doc))
    for start, _ in paras[1:]:
        while j < len(doc) and doc[j].idx < start:
            j += 1
        starts.append(j)
    return starts


def _pick_cue(doc: Doc, content: TokSpan, cues: Sequence[TokSpan], sent: list[int], para: list[int]) -> int:
    """Index in ``cues`` of the cue ``content`` belongs to, or -1."""
    best, best_key = -1, None
    c_sents = {sent[content[0]], sent[content[1] - 1]}
    for k, cue in enumerate(cues):
        if _inside(cue, content) or para[cue[0]] not in (para[content[0]], para[content[1] - 1]):
            continue
        gap = _gap(cue, content)
        if gap > MAX_GAP:
            continue
        key = (sent[cue[0]] not in c_sents, gap)
        if best_key is None or key < best_key:
            best, best_key = k, key
    return best


def _pick_source(doc: Doc, group: Group, sources: Sequence[TokSpan], sent: list[int]) -> TokSpan | None:
    """The tagged source the parse hangs on the cue; else the cue's subject in the parse; else the
    nearest tagged source in the cue's sentence, outside the contents."""
    cue_root = doc[group.cue[0] : group.cue[1]].root
    best, best_key = None, None
    for src in sources:
        if sent[src[0]] != sent[group.cue[0]] or any(_inside(src, c) for c in group.contents):
            continue
        head = doc[src[0] : src[1]].root
        linked = head.head == cue_root or head.head.head == cue_root
        key = (not linked, _gap(src, group.cue), src[0] > group.cue[0])
        if best_key is None or key < best_key:
            best, best_key = src, key
    if best_key is not None and best_key[0]:
        return _parsed_subject(doc, group) or best
    return best or _parsed_subject(doc, group)


def merge_contents(doc: Doc, spans: dict[str, list[TokSpan]], sent: Sequence[int]) -> list[TokSpan]:
    """Content spans, with pieces of one sentence joined where only :data:`MAX_HOLE` tokens, none of
    them a tagged cue or source, lie between (the tagger's window is short: a long content it marks
    in pieces)."""
    marked = {i for role in ("CUE", "SOURCE") for s, e in spans[role] for i in range(s, e)}
    out: list[TokSpan] = []
    for s, e in sorted(spans["CONTENT"]):
        if out:
            ps, pe = out[-1]
            hole = range(pe, s)
            if len(hole) <= MAX_HOLE and sent[pe - 1] == sent[s] and not marked.intersection(hole):
                out[-1] = (ps, max(pe, e))
                continue
        out.append((s, e))
    return out


def group_spans(doc: Doc, spans: dict[str, list[TokSpan]], vocabulary: Cues | None = None) -> list[Group]:
    """Tie tagged spans into relations.

    Args:
        doc: The parsed Doc the spans index.
        spans: Token spans per role, as :func:`stanceline.nlp.learned.labels.decode` gives them.
        vocabulary: The cue vocabulary whose speech vehicles widen a cue (``None``: the shipped one).

    Returns:
        One :class:`Group` per cue that got a content, in text order.
    """
    if not spans["CUE"]:
        return []
    sent = [0] * len(doc)
    for k, s in enumerate(doc.sents):
        sent[s.start : s.end] = [k] * (s.end - s.start)
    pstarts = _para_starts(doc)
    para = [_unit_of(pstarts, i) for i in range(len(doc))]
    cues = sorted(spans["CUE"])
    groups = [Group(cue) for cue in cues]
    for content in merge_contents(doc, spans, sent):
        k = _pick_cue(doc, content, cues, sent, para)
        if k >= 0:
            groups[k].contents.append(content)
    for g in groups:
        if not g.contents:
            g.contents = _parsed_content(doc, g.cue, spans)
    found = [g for g in groups if g.contents]
    for g in found:
        g.source = _pick_source(doc, g, spans["SOURCE"], sent)
        g.contents = [_complete(doc, g.cue, c) for c in g.contents]
        g.cue = widen_cue(doc, g, vocabulary or load_cues())
    return found


def widen_cue(doc: Doc, group: Group, cues: Cues) -> TokSpan:
    """The group's cue, widened to the verb group the rules take for a cue verb
    (:func:`stanceline.nlp.attribution.cue_span`: auxiliaries, negation, adverbs and particle, an
    infinitive's verb), when the cue's head is a verb and the wider span touches neither the
    source nor a content. A model often tags only the verb of ``has openly hinted``; PolNeAR's
    annotators, and the rules, take the whole group."""
    root = doc[group.cue[0] : group.cue[1]].root
    if root.pos_ not in ("VERB", "AUX"):
        return group.cue
    wide = cue_span(root, cues)
    start, end = min(wide.start, group.cue[0]), max(wide.end, group.cue[1])
    taken = [*group.contents, *([group.source] if group.source else [])]
    if any(s < end and start < e for s, e in taken):
        return group.cue
    return (start, end)


def _parsed_content(doc: Doc, cue: TokSpan, spans: dict[str, list[TokSpan]]) -> list[TokSpan]:
    """For a tagged cue the tagger gave no content: its reported clause (``ccomp``) from the parse,
    when no tagged span lies in it."""
    root = doc[cue[0] : cue[1]].root
    for child in root.rights:
        if child.dep_ == "ccomp":
            span = (child.left_edge.i, child.right_edge.i + 1)
            if not any(s < span[1] and span[0] < e for role in spans.values() for s, e in role):
                return [span]
    return []


def _parsed_subject(doc: Doc, group: Group) -> TokSpan | None:
    """The cue's subject from the parse, for a cue the tagger gave no source (pronouns included)."""
    root = doc[group.cue[0] : group.cue[1]].root
    for child in root.lefts:
        if child.dep_ in ("nsubj", "nsubjpass"):
            span = (child.left_edge.i, child.right_edge.i + 1)
            if not any(_inside(span, c) or _inside(c, span) for c in group.contents):
                return span
    return None


_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "pobj", "prep", "advcl", "attr", "oprd"})


def _complete(doc: Doc, cue: TokSpan, content: TokSpan) -> TokSpan:
    """A content that starts in the clause the cue governs runs to that clause's end: the tagger's
    short window often stops inside a long reported clause ("that since X was ..., he would ...")."""
    root = doc[cue[0] : cue[1]].root
    first = doc[content[0]]
    for child in root.rights:
        if child.dep_ in _COMPLEMENTS and child.left_edge.i <= first.i <= child.right_edge.i:
            end = child.right_edge.i + 1
            while end > content[1] and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return (content[0], max(content[1], end))
    return content


def _kind(text: str, pieces: Sequence[tuple[int, int]]) -> str:
    marks = [text[s:e].strip() for s, e in pieces]
    if all(m[:1] in MARKS and m[-1:] in MARKS for m in marks if m):
        return "direct"
    return "mixed" if any(ch in MARKS for m in marks for ch in m) else "indirect"


def to_attributions(doc: Doc, groups: Sequence[Group], *, confidence: float = 0.6) -> list[Attribution]:
    """The :class:`Attribution` records of ``groups`` (speakers unresolved), in text order."""
    text = doc_text(doc)
    ends = [e for _, e in paragraphs(text)]
    out = []
    for g in groups:
        content = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in sorted(g.contents)]
        cue: Span = doc[g.cue[0] : g.cue[1]]
        para = next((k for k, e in enumerate(ends) if content[0][0] < e), max(len(ends) - 1, 0))
        out.append(
            Attribution(
                kind=_kind(text, content),
                cue=cue,
                cue_lemma=cue.root.lemma_.lower(),
                source=doc[g.source[0] : g.source[1]] if g.source else None,
                content=content,
                confidence=confidence,
                paragraph=para,
            )
        )
    out.sort(key=lambda a: a.start)
    return out


def merge_with_rules(rules: Sequence[Attribution], learned: Sequence[Attribution]) -> list[Attribution]:
    """The rules' attributions plus the learned ones that touch none of theirs (hybrid reading).

    A learned attribution is left out when its cue or any content piece overlaps a rule attribution's
    cue or content: where the rules found a statement they keep it (quotations, carry-over, their
    speakers); the model adds the statements whose cue no list holds. A rule statement the rules
    found no source for (none named, none carried over) takes the source of the learned statement on
    the same cue (:func:`lend_source`).
    """
    rules = [lend_source(a, learned) for a in rules]
    taken = sorted(
        [(a.cue.start_char, a.cue.end_char) for a in rules if a.cue is not None]
        + [p for a in rules for p in a.content]
    )

    def free(s: int, e: int) -> bool:
        return not any(ts < e and s < te for ts, te in taken)

    extra = [
        a
        for a in learned
        if (a.cue is None or free(a.cue.start_char, a.cue.end_char)) and all(free(s, e) for s, e in a.content)
    ]
    return sorted([*rules, *extra], key=lambda a: (a.start, not a.carryover))


def lend_source(rule: Attribution, learned: Sequence[Attribution]) -> Attribution:
    """``rule``, with the source of the first learned attribution whose cue overlaps its cue when the
    rules gave it none and carried none over ("... , the memo argued" where the parse hangs no subject
    on the cue); else ``rule`` itself."""
    if rule.source is not None or rule.carryover or rule.cue is None:
        return rule
    for a in learned:
        if (
            a.source is not None
            and a.cue is not None
            and a.cue.start < rule.cue.end
            and rule.cue.start < a.cue.end
        ):
            return replace(rule, source=a.source)
    return rule
