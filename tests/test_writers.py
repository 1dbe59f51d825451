"""Writers: JSONL and JSON carry the contract objects; the table is for people and fits the terminal."""

from __future__ import annotations

import io
import json

import pytest

from stanceline.io.writers import (
    FORMATS,
    JsonlWriter,
    JsonWriter,
    TableWriter,
    make_writer,
    said_on_cell,
    stance_cell,
)
from stanceline.model import Actor, Analysis, Article, Cue, Published, SaidOn, Source, Span, Stance, Statement

TEXT = (
    '"We will not sign [the treaty] now, [/b] or ever, because the terms are an insult to every farmer in '
    'the valley," Prime Minister Anaya Veldt said.\r\nHe added that the border would stay closed.'
)


def _span(sub: str) -> Span:
    start = TEXT.index(sub)
    return Span.of(TEXT, start, start + len(sub))


def analysis(path: str | None = "news/[2021] talks.txt", title: str | None = "Talks [live]") -> Analysis:
    veldt, he = _span("Prime Minister Anaya Veldt"), _span("He")
    said, added = _span("said"), _span("added")
    quote = _span(TEXT[1 : TEXT.index(',"') + 1])
    return Analysis(
        article=Article(text=TEXT, path=path, title=title, published=Published("2021-06-14", "given")),
        actors=(Actor("a1", "Anaya Veldt", "person", ("Prime Minister",), None, (veldt, he)),),
        statements=(
            Statement(
                "s1",
                "direct",
                Source(veldt.start, veldt.end, veldt.text, "a1", "name"),
                Cue(said.start, said.end, said.text, "say"),
                (quote,),
                confidence=0.9,
            ),
            Statement(
                "s2",
                "indirect",
                Source(he.start, he.end, he.text, "a1", "pronoun"),
                Cue(added.start, added.end, added.text, "add"),
                (_span("that the border would stay closed"),),
                confidence=0.8,
            ),
            Statement(
                "s3",
                "indirect",
                Source(None, None, None, None, "none"),
                None,
                (_span("the border would stay closed"),),
            ),
        ),
    )


def write_all(writer_class, items) -> str:
    """What a writer prints for ``items``, closed."""
    out = io.StringIO()
    writer = writer_class(out)
    for a in items:
        writer.write(a)
    writer.close()
    return out.getvalue()


def empty_analysis() -> Analysis:
    return Analysis(article=Article(text="Veldt signed the decree.", path="b.txt"))


@pytest.mark.parametrize("items", [[], [analysis()], [analysis(), empty_analysis(), analysis(path=None)]])
def test_jsonl_one_contract_object_a_line(items):
    lines = write_all(JsonlWriter, items).splitlines()
    assert len(lines) == len(items)
    assert [json.loads(line) for line in lines] == [a.to_dict() for a in items]
    assert all("\n" not in line and "\r" not in line for line in lines)  # CRLF in spans stays escaped


@pytest.mark.parametrize("items", [[], [analysis()], [analysis(), empty_analysis()]])
def test_json_is_one_valid_array(items):
    printed = write_all(JsonWriter, items)
    assert json.loads(printed) == [a.to_dict() for a in items]
    assert printed.endswith("\n")


def test_json_keeps_non_ascii_text_readable():
    out = io.StringIO()
    w = JsonWriter(out)
    w.write(Analysis(article=Article(text="Café “talks”", title="Café")))
    w.close()
    assert "Café “talks”" not in out.getvalue()  # the text is only written with --include-text
    assert '"title": "Café"' in out.getvalue()


def _table(items, width: int) -> str:
    out = io.StringIO()
    w = TableWriter(out, width=width)
    for a in items:
        w.write(a)
    w.close()
    return out.getvalue()


@pytest.mark.parametrize("width", [60, 80, 120])
def test_table_fits_the_width_and_names_the_speaker(width):
    got = _table([analysis()], width)
    lines = got.splitlines()
    assert max(len(line) for line in lines) <= width
    cols = next(
        i
        for i, line in enumerate(lines)
        if line.split() == ["speaker", "cue", "kind", "said", "on", "content"]
    )
    # the heading line wraps on a narrow terminal; the rows are cut
    assert (
        " ".join(" ".join(lines[:cols]).split())
        == "news/[2021] talks.txt Talks [live] (2021-06-14, 3 statements)"
    )
    rows = lines[cols + 1 :]
    assert rows[0].startswith("Anaya Veldt ") and " said " in rows[0] and " direct " in rows[0]
    assert rows[0].rstrip().endswith("…")  # the long quote is cut, not wrapped
    assert rows[1].startswith("Anaya Veldt (pronoun) ") and "that t" in rows[1]
    assert rows[2].split()[:4] == ["-", "-", "indirect", "?"]  # no said_on: "?"
    assert rows[3:] == [""]


def test_table_keeps_brackets_as_text():
    # "[the treaty]" and "[/b]" are text, not rich markup (a stray "[/b]" used to crash the run)
    got = _table([analysis()], 400)
    assert "We will not sign [the treaty] now, [/b] or ever," in got


def test_table_article_without_statements():
    assert (
        _table([empty_analysis()], 80) == "b.txt    (date unknown, 0 statements)\n  no statements found\n\n"
    )


def test_table_one_line_per_row_for_spans_over_line_ends():
    text = "The minister\r\nsaid that the border\r\nwould stay closed."
    s = Statement(
        "s1",
        "indirect",
        Source(0, 12, "The minister", None, "none"),
        Cue(14, 18, "said", "say"),
        (Span.of(text, 19, len(text) - 1),),
    )
    got = _table([Analysis(article=Article(text=text, path="c.txt"), statements=(s,))], 100)
    assert got.splitlines()[2].split() == [
        "The",
        "minister",
        "(unresolved)",
        "said",
        "indirect",
        "?",
        "that",
        "the",
        "border",
        "would",
        "stay",
        "closed",
    ]


@pytest.mark.parametrize(
    ("said_on", "cell"),
    [
        (None, "?"),
        (SaidOn(None), "?"),
        (SaidOn("2024-03-03", "day", "explicit"), "2024-03-03"),
        (SaidOn("2023-08", "month", "context"), "2023-08"),
        (SaidOn("2024-03-04", "day", "publication"), "≤2024-03-04"),
    ],
)
def test_said_on_cell_shows_uncertainty(said_on, cell):
    assert said_on_cell(said_on) == cell


@pytest.mark.parametrize(
    ("fmt", "cls"), list(zip(FORMATS, (JsonlWriter, JsonWriter, TableWriter), strict=True))
)
def test_make_writer(fmt, cls):
    assert isinstance(make_writer(fmt, io.StringIO()), cls)


def test_make_writer_unknown_format():
    with pytest.raises(ValueError, match="unknown format 'csv'; use one of jsonl, json, table"):
        make_writer("csv", io.StringIO())


def test_table_shows_stance_and_conditions_compactly():
    text = '"We will return to the talks once the embargo is lifted," Veldt said.'
    talks, once = text.index("the talks"), text.index("once the embargo is lifted")
    stance = Stance(
        "negotiations",
        "conditional",
        Span.of(text, talks, talks + 9),
        (Span.of(text, once, once + 26),),
        ("once",),
        0.75,
    )
    s = Statement(
        "s1",
        "direct",
        Source(59, 64, "Veldt", None, "name"),
        Cue(65, 69, "said", "say"),
        (Span.of(text, 1, 56),),
        stances=(stance,),
    )
    got = _table([Analysis(article=Article(text=text, path="d.txt"), statements=(s,))], 200)
    assert got.splitlines()[1].split()[-1] == "stance"
    assert got.splitlines()[2].rstrip().endswith("negotiations:conditional (once the embargo is lifted)")


@pytest.mark.parametrize(
    ("stances", "cell"),
    [
        ((), "-"),
        ((Stance("sanctions", "oppose"),), "sanctions:oppose"),
        (
            (
                Stance("aid", "conditional", conditions=(Span(0, 2, "if"), Span(5, 9, "once"))),
                Stance("trade", "support"),
            ),
            "aid:conditional (if / once); trade:support",
        ),
    ],
)
def test_stance_cell(stances, cell):
    assert stance_cell(stances) == cell
