"""Long texts through the model in paragraph-aligned segments (issue 18): the same text, tokens and offsets
as one Doc, and the statements stanceline's components read on one Doc, reached across the cuts (speaker
carried over, pronouns, dates). A small ``segment_chars`` makes short invented texts "long"."""

from __future__ import annotations

import pytest

from stanceline.io.readers import ReadResult
from stanceline.model import Article
from stanceline.nlp.segments import parse, segment_bounds
from stanceline.runner import analyse_results

P1 = (
    "MENSK, 4 May 2024 - Prime Minister Anaya Veldt of Velmora said on Monday that Velmora would "
    "support the border treaty."
)
P2 = '"We will not lift the embargo until the troops leave Ostrem," she added.'
P3 = "President Kalden of Tarsk rejected the talks on Tuesday."
P4 = '"The sanctions must stay," he told reporters in Mensk.'
P5 = "The meeting in Ostrem ended without agreement."


def text_of(*paras: str, sep: str = "\n\n") -> str:
    return sep.join(paras) + "\n"


@pytest.mark.parametrize(
    ("text", "size", "cuts"),
    [
        # no longer than the limit: one segment, whatever its paragraphs
        (text_of(P1, P2), 10_000, []),
        (P1, 50, []),  # one paragraph, no line break: never cut inside it
        # each paragraph over the limit: a cut before every paragraph
        (text_of(P1, P2, P3), 50, [P2, P3]),
        # two short paragraphs fit together; the long one stands alone
        (text_of(P3, P5, P1, P4), 110, [P1, P4]),
        # single line breaks start paragraphs too
        (text_of(P1, P3, P5, sep="\n"), 130, [P3]),
    ],
)
def test_segments_start_at_paragraphs(nlp, text, size, cuts):
    doc = nlp.make_doc(text)
    bounds = segment_bounds(doc, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))  # in order, no gap
    assert [doc[a].idx for a, _ in bounds[1:]] == [text.index(p) for p in cuts]


def statements(analysis) -> list[tuple]:
    return [
        (
            s.source.text,
            s.source.actor,
            s.cue.text if s.cue else None,
            [(p.start, p.end) for p in s.content],
            s.said_on.value if s.said_on else None,
            [(t.topic, t.stance) for t in s.stances],
        )
        for s in analysis.statements
    ]


@pytest.mark.parametrize(
    ("paras", "speakers"),
    [
        # "she" and "he" in a segment of their own: their speakers are named in the segment before
        ((P1, P2, P3, P4), ["Anaya Veldt", "Anaya Veldt", "Kalden", "Kalden"]),
        ((P3, P5, P4), ["Kalden", "Kalden"]),
        # nobody speaks: nothing, cut or not
        ((P5, P5, P5), []),
    ],
)
def test_segmented_text_gives_the_one_doc_statements(nlp, paras, speakers):
    text = text_of(*paras)
    article = Article(text=text)
    one = next(analyse_results([ReadResult(article=article)], nlp, segment_chars=0)).analysis
    cut = next(analyse_results([ReadResult(article=article)], nlp, segment_chars=60)).analysis
    assert statements(cut) == statements(one)
    assert cut.to_dict() == one.to_dict()
    names = {a.id: a.name for a in cut.actors}
    assert [names.get(s.source.actor) for s in cut.statements] == speakers


@pytest.mark.parametrize("size", [60, 150, 400])
def test_joined_doc_keeps_the_text_and_every_offset(nlp, size):
    text = text_of(P1, P2, P3, P4, P5, P2)
    whole = nlp.make_doc(text)
    doc = parse(nlp, nlp.make_doc(text), segment_chars=size)
    assert doc.text == text
    assert [(t.idx, t.text, t.whitespace_) for t in doc] == [(t.idx, t.text, t.whitespace_) for t in whole]
    # every sentence and entity lies inside the text at its own offsets, and a segment opens a sentence
    assert all(text[s.start_char : s.end_char] == s.text for s in [*doc.sents, *doc.ents])
    starts = {doc[a].idx for a, _ in segment_bounds(whole, size)}
    assert starts <= {s.start_char for s in doc.sents}
    assert doc._.statements  # stanceline's components ran on the joined Doc


@pytest.mark.parametrize(
    "texts",
    [
        # long ones (over 200 characters: in segments) between short ones, in input order
        [P3, text_of(P1, P2, P3, P4), P5, text_of(P3, P4, P1, P2)],
        [text_of(P1, P2, P3, P4)],
        [P5, P3],  # none over the limit: one nlp.pipe batch, as before
    ],
)
def test_a_batch_mixing_long_and_short_texts_keeps_its_order(nlp, texts):
    reads = [ReadResult(article=Article(text=t)) for t in texts]
    one = [o.analysis.to_dict() for o in analyse_results(reads, nlp, segment_chars=0)]
    cut = [o.analysis.to_dict() for o in analyse_results(reads, nlp, segment_chars=200)]
    assert cut == one
    assert [d["article"]["id"] for d in cut] == [Article(text=t).id for t in texts]
