"""Quotation marks and paragraphs, on raw text (no model)."""

from __future__ import annotations

import pytest

from stanceline.nlp.text import Coverage, Holders, find_quotes, paragraphs


def inner(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.pieces] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will not talk," he said.', [["We will not talk,"]]),
        ("“We will not talk,” he said.", [["We will not talk,"]]),
        ('He said: "Talks are over. We are done."', [["Talks are over. We are done."]]),
        ('"A," she said, "B and C."', [["A,"], ["B and C."]]),
        ("She called it “an insult dressed as a gift” on Monday.", [["an insult dressed as a gift"]]),
        ("“Nested ‘scare’ quotes stay inside,” he said.", [["Nested ‘scare’ quotes stay inside,"]]),
        # a quotation inside a quotation with the same curly marks: the outer one is the quote
        (
            "He added: “Few issues are left. Nothing is settled, and “nothing” means the truce too.”",
            [["Few issues are left. Nothing is settled, and “nothing” means the truce too."]],
        ),
        # two quotations side by side are not nested
        ("She said “yes” and then “no”.", [["yes"], ["no"]]),
        # an opener left unclosed is a stray mark: the quotation after it stands alone
        ("A stray “ mark before “the real quote” here.", [["the real quote"]]),
        ("No quotes here at all.", []),
        ('An empty "" pair is dropped.', []),
    ],
)
def test_quotes_in_one_paragraph(text, expected):
    assert inner(text) == expected


def test_multi_paragraph_quote_is_one_quote():
    text = (
        "“We will not talk while they threaten us.\n\n“Talks with this government would be poison,” she said."
    )
    assert inner(text) == [
        ["We will not talk while they threaten us.", "Talks with this government would be poison,"]
    ]


def test_unclosed_quote_without_continuation_ends_at_paragraph():
    text = '"We will not talk while\n\nThe next paragraph is narration.'
    quotes = find_quotes(text)
    assert len(quotes) == 1 and not quotes[0].closed
    assert text[quotes[0].start : quotes[0].end] == "We will not talk while"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.\n\n\nThree.", ["One.", "Two.", "Three."]),
        ("One.\nTwo.", ["One.", "Two."]),
        ("One.\r\n\r\nTwo.", ["One.", "Two."]),
        ("  \n", []),
    ],
)
def test_paragraphs(text, expected):
    assert [text[s:e] for s, e in paragraphs(text)] == expected


def test_typewriter_marks_open_where_the_mark_is():
    text = "Intro.\n\n''We are ready.\n\n''We are waiting,'' he said."
    (q,) = find_quotes(text)
    assert q.open_at == text.index("''")
    assert [text[s:e] for s, e in q.pieces] == ["We are ready.", "We are waiting,"]


@pytest.mark.parametrize(
    "spans, inside, outside",
    [
        ([(0, 5), (3, 8), (10, 12)], [0, 4, 7, 10, 11], [8, 9, 12, 20, -1]),
        ([(5, 10), (10, 15)], [5, 10, 14], [4, 15]),  # touching spans merge
        ([(4, 4), (6, 3)], [], [3, 4, 5, 6]),  # empty and reversed spans hold nothing
        ([], [], [0, 1]),
    ],
)
def test_coverage_answers_inside_any_span(spans, inside, outside):
    covered = Coverage(spans)
    assert all(at in covered for at in inside)
    assert not any(at in covered for at in outside)
    # the same answer as the loop it replaces
    for at in range(-2, 22):
        assert (at in covered) == any(s <= at < e for s, e in spans)


@pytest.mark.parametrize(
    "spans, at, owners",
    [
        ([(0, 5, "a"), (3, 8, "b"), (10, 12, "c")], 4, ["a", "b"]),
        ([(0, 5, "a"), (3, 8, "b"), (10, 12, "c")], 5, ["b"]),  # an end is outside
        ([(0, 5, "a"), (3, 8, "b"), (10, 12, "c")], 9, []),
        # a long span far before still holds the offset; a short one that starts later does not
        ([(0, 1000, "long"), (900, 905, "short"), (990, 995, "near")], 992, ["long", "near"]),
        ([(4, 4, "empty"), (6, 3, "reversed")], 4, []),
        ([], 0, []),
    ],
)
def test_holders_name_the_owners_of_the_spans_around_an_offset(spans, at, owners):
    held = Holders(spans)
    assert sorted(held.owners(at)) == sorted(owners)
    assert sorted(held.owners(at)) == sorted(o for s, e, o in spans if s <= at < e)
