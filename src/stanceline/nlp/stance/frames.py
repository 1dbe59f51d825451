"""The question a statement answers, when its topic is named outside what was said.

Interviews and briefings put the topic in the frame, not in the quote:

- "*Asked whether Tarsk would return to the talks*, Veldt said: "Not this year."" (oppose)
- "*Of a renewed offensive*, Rovan said only that all options remained open." (neutral)
- "*Would Ostland host a signing ceremony for the revised accord?* "In a heartbeat," Brekke replied."
  (support)

The topic words of such a frame take the stance of the answer, turned by what the
question asks of the topic ("whether further sanctions could be *lifted*"): a short yes
or no decides, conditions in the answer make it conditional (for a measure of pressure
whose lifting is asked, they are exit terms: support), anything else is neutral (the
speaker addressed the topic without a side we can read). Pure functions, used by
:mod:`.stance`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...config import Topic, Topics
from . import questions
from .conditions import Condition, end_char
from .polarity import polarity
from .rules import Verdict, unique

_FRONTED_PREPS = frozenset(
    {"of", "about", "regarding", "concerning"}
)  # not "On the first day of ..., X said"


def frame_tokens(doc: Doc, cue_root: Token | None, inside: set[int]) -> set[int]:
    """Token indices of the frame of a statement whose cue is ``cue_root`` and whose content is ``inside``:
    an "Asked about/whether ..." clause or a fronted "Of/On ..." phrase on the cue verb, or the writer's
    question in the sentence right before a content that opens its sentence."""
    out: set[int] = set()
    if cue_root is not None:
        for c in cue_root.children:
            if c.i > cue_root.i or c.i in inside:
                continue
            asked = c.dep_ == "advcl" and c.lemma_.lower() == "ask" and c.tag_ == "VBN"
            fronted = (
                c.dep_ == "prep"
                and c.lower_ in _FRONTED_PREPS
                and c.i == c.sent.start
                and c.right_edge.i + 1 < len(doc)
                and doc[c.right_edge.i + 1].text == ","
            )
            if asked or fronted:
                out.update(t.i for t in c.subtree if t.i != c.i and t.i not in inside)
    if inside:
        first = doc[min(inside)]
        sent = first.sent
        lead = [t for t in doc[sent.start : first.i] if not (t.is_quote or t.is_space or t.is_punct)]
        if not lead and sent.start > 0:
            prev = doc[sent.start - 1].sent
            words = [t for t in prev if not t.is_space]
            if (
                words
                and words[-1].text == "?"
                and not any(t.is_quote for t in words)
                and not any(t.i in inside for t in words)
            ):
                out.update(t.i for t in words)
    return out


def asked_of(root: Token, frame: set[int], topic: Topic, topics: Topics) -> int:
    """What the question asks of the topic word ``root``: -1 for "whether further sanctions could be
    lifted", +1 for "whether Tarsk would return to the talks" or a bare mention."""
    sign, tok = 1, root
    while tok.head.i != tok.i and tok.head.i in frame:
        below, tok = tok, tok.head
        sign *= polarity(tok, tok.lemma_.lower(), topic, topics, below) or 1
    return sign


def answer_stance(
    doc: Doc, inside: set[int], conditions: list[Condition], asked: int, topic: Topic, topics: Topics
) -> Verdict:
    """The stance an answer (the content ``inside``) takes on the question's topic, given what the question
    asks of it (``asked``, from :func:`asked_of`): a short no (``asked-answered-no``), conditions (exit
    terms of a measure of pressure whose lifting is asked, ``asked-exit-terms``; else
    ``asked-conditional``), a short yes (``asked-answered-yes``), or no side (``asked-no-side``)."""
    toks = [doc[i] for i in sorted(inside)]
    said = questions.short_answer(toks, topics)
    answer = (questions.answer_words(toks),) if said else ()
    if said < 0:
        return Verdict("oppose" if asked > 0 else "support", answer, 0.6, "asked-answered-no")
    if conditions:
        markers = unique(tuple(c.words for c in conditions if c.words))
        if (
            topic.pressure and asked < 0
        ):  # "whether further sanctions could be lifted" -- "that depends": exit terms
            return Verdict("support", markers, 0.6, "asked-exit-terms")
        spans = tuple(sorted({(doc[c.start].idx, end_char(doc, c)) for c in conditions}))
        return Verdict("conditional", markers, 0.6, "asked-conditional", spans)
    if said > 0:
        return Verdict("support" if asked > 0 else "oppose", answer, 0.6, "asked-answered-yes")
    return Verdict("neutral", (), 0.5, "asked-no-side")
