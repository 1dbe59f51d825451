"""``stanceline export``: statements, actors and shifts as JSONL, CSV and Parquet, streamed.

Every statement and shift row points at its evidence (article id, URL, source, offsets), and the offsets
index the stored article text exactly.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from stanceline import export as X
from stanceline.cli import app
from stanceline.ingest import ingest
from stanceline.store import Store, relink

WHAT = ("statements", "actors", "shifts")
FORMATS = ("jsonl", "csv", "parquet")

# Prime Minister Anna Veldt turns from opposing the ceasefire to supporting it: one shift.
ARTICLES = {
    "01.txt": (
        'KELMAR, 6 March 2023 - "We will never accept this ceasefire," Prime Minister Anna Veldt said on '
        "Monday. Senator Boris Kell said the sanctions were working.\n"
    ),
    "02.txt": (
        'OSTERHOLM, 8 March 2023 - "We will never accept this ceasefire," Anna Veldt said on Monday, '
        "according to the Osterholm Courier.\n"
    ),
    "03.txt": (
        'KELMAR, 14 June 2023 - "We support the ceasefire and we will defend it," Prime Minister Anna Veldt '
        'told parliament on Tuesday. "It is the only way," she said, "to bring the soldiers home."\n'
    ),
}
WIRE = {
    "id": "wire-7",
    "text": (
        "Foreign Minister Mira Tollen said on Friday that Varnia opposed the sanctions. "
        '"The sanctions must end," Tollen told reporters.'
    ),
    "url": "https://wire.example/7",
    "source": "Kelmar Wire",
    "published": "2023-04-15",
}


@pytest.fixture(scope="module")
def db(nlp, tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("export")
    corpus = d / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "wire.jsonl").write_text(json.dumps(WIRE) + "\n", encoding="utf-8")
    path = str(d / "c.db")
    with Store(path) as store:
        counts = ingest([str(corpus)], store, workers=1)
    assert counts.new == 4 and counts.failed == 0
    return path


def export_rows(db: str, what: str, fmt: str, tmp_path: Path) -> tuple[list[str], list[dict]]:
    """Export, then read the file back as a user would: (columns, rows)."""
    with Store(db) as store:
        if fmt == "parquet":
            out = tmp_path / f"{what}.parquet"
            n = X.export(store, what, fmt, path=str(out))
            table = pq.read_table(out)
            assert table.num_rows == n
            return table.column_names, table.to_pylist()
        buf = io.StringIO()
        n = X.export(store, what, fmt, out=buf)
    text = buf.getvalue()
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(text))
        rows = list(reader)
        assert len(rows) == n
        return list(reader.fieldnames or []), rows
    rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) == n
    cols = list(rows[0]) if rows else list(X.COLUMNS[what])
    assert all(list(r) == cols for r in rows)
    return cols, rows


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("what", WHAT)
def test_columns_are_the_documented_ones(db, tmp_path, what, fmt):
    cols, rows = export_rows(db, what, fmt, tmp_path)
    assert cols == list(X.COLUMNS[what])
    assert rows, f"no {what} exported"


def texts(db: str) -> dict[str, str]:
    with Store(db) as store:
        from sqlalchemy import select

        from stanceline.store import schema as S

        with store.connect() as conn:
            return dict(conn.execute(select(S.articles.c.id, S.articles.c.text)).all())


@pytest.mark.parametrize("fmt", FORMATS)
def test_statement_rows_point_at_their_evidence(db, tmp_path, fmt):
    _, rows = export_rows(db, "statements", fmt, tmp_path)
    text = texts(db)
    with Store(db) as store:
        n_sightings = store.counts()["sightings"]
    assert len(rows) == n_sightings  # one row per sighting
    single = 0
    for r in rows:
        assert r["article_id"] in text and r["statement_id"] and r["sighting"]
        start, end = int(r["content_start"]), int(r["content_end"])
        assert 0 <= start < end <= len(text[r["article_id"]])
        if " … " not in r["content"]:
            assert r["content"] == text[r["article_id"]][start:end]
            single += 1
        if r["source_text"]:
            assert text[r["article_id"]][int(r["source_start"]) : int(r["source_end"])] == r["source_text"]
        if r["cue"]:
            assert text[r["article_id"]][int(r["cue_start"]) : int(r["cue_end"])] == r["cue"]
    assert single >= len(rows) - 1
    wire = [r for r in rows if r["article_id"] == "wire-7"]
    assert wire and all((r["url"], r["source"]) == ("https://wire.example/7", "Kelmar Wire") for r in wire)
    # The same quote in two articles: one statement, two sightings, two rows.
    quote = [r for r in rows if r["content"].startswith("We will never accept this ceasefire")]
    assert len(quote) == 2 and quote[0]["statement_id"] == quote[1]["statement_id"]
    assert {str(r["sightings"]) for r in quote} == {"2"}
    # A split quote is one row with both spans' text joined.
    split = [r for r in rows if "bring the soldiers home" in r["content"]]
    assert len(split) == 1 and " … " in split[0]["content"]


def test_shift_rows_point_at_both_sides(db, tmp_path):
    _, rows = export_rows(db, "shifts", "jsonl", tmp_path)
    text = texts(db)
    veldt = [r for r in rows if r["actor"] == "Anna Veldt" and r["topic"] == "ceasefire"]
    assert len(veldt) == 1, rows
    s = veldt[0]
    # after: "We support the ceasefire ..." and "It is the only way ...", whose "it" is the ceasefire of her
    # statement just before (topic carry-over)
    assert (s["from"], s["to"]) == ("oppose", "support") and s["before_count"] == 1 and s["after_count"] == 2
    for side in ("before", "after"):
        aid = s[f"{side}_article_id"]
        start, end = s[f"{side}_content_start"], s[f"{side}_content_end"]
        assert text[aid][start:end] == s[f"{side}_content"] or " … " in s[f"{side}_content"]
        assert s[f"{side}_statement_id"]


def test_actor_rows(db, tmp_path):
    _, rows = export_rows(db, "actors", "csv", tmp_path)
    anna = next(r for r in rows if r["name"] == "Anna Veldt")
    assert anna["statements"] == "3" and anna["articles"] == "3" and anna["kind"] == "person"
    assert "Prime Minister" in anna["titles"]


@pytest.mark.parametrize("what", WHAT)
def test_empty_store_exports_headers_only(tmp_path, what):
    db = str(tmp_path / "empty.db")
    Store(db).close()
    with Store(db) as store:
        buf = io.StringIO()
        assert X.export(store, what, "csv", out=buf) == 0
        assert buf.getvalue() == ",".join(X.COLUMNS[what]) + "\r\n"
        buf = io.StringIO()
        assert X.export(store, what, "jsonl", out=buf) == 0 and buf.getvalue() == ""
        out = tmp_path / f"{what}.parquet"
        assert X.export(store, what, "parquet", path=str(out)) == 0
        table = pq.read_table(out)
        assert table.num_rows == 0 and table.column_names == list(X.COLUMNS[what])


@pytest.mark.slow
def test_streamed_in_row_groups(tmp_path, monkeypatch, analyses_many):
    """A few thousand rows go through in groups (Parquet row groups of GROUP), and rows come lazily."""
    big, n = analyses_many
    monkeypatch.setattr(X, "GROUP", 500)
    with Store(big) as store:
        lazy = X.rows(store, "statements")
        first = next(lazy)
        assert set(first) == set(X.COLUMNS["statements"])
        lazy.close()
        out = tmp_path / "big.parquet"
        assert X.export(store, "statements", "parquet", path=str(out)) == n
        meta = pq.ParquetFile(out).metadata
        assert meta.num_rows == n and meta.num_row_groups == -(-n // 500)
        buf = io.StringIO()
        assert X.export(store, "statements", "csv", out=buf) == n
        assert buf.getvalue().count("\n") == n + 1


@pytest.fixture(scope="module")
def analyses_many(nlp, tmp_path_factory):
    """1,200 stored articles of three statements each (copies of one analysis under other ids)."""
    import stanceline

    base = stanceline.analyze(ARTICLES["03.txt"] + ARTICLES["01.txt"], published="2023-06-14", nlp=nlp)
    assert len(base.statements) >= 3
    path = str(tmp_path_factory.mktemp("big") / "big.db")
    with Store(path) as store:
        batch = [
            (replace(base, article=replace(base.article, id=f"syn{i:05d}", path=f"/syn/{i}.txt")), "s")
            for i in range(1200)
        ]
        for i in range(0, len(batch), 300):
            store.put(batch[i : i + 300])
        relink(store)
        n = store.counts()["sightings"]
    assert n >= 3600
    return path, n


# --- the command line ---------------------------------------------------------------------------------------


def cli(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export_to_a_file(db, tmp_path, fmt):
    out = tmp_path / f"statements.{fmt}"
    r = cli("export", "--what", "statements", "--format", fmt, "--out", str(out), "--db", db)
    assert r.exit_code == 0 and r.stdout == ""
    with Store(db) as store:
        n = store.counts()["sightings"]
    assert r.stderr == f"stanceline: {n} statements rows → {out}\n"
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == n
    elif fmt == "csv":
        assert len(list(csv.DictReader(out.open(encoding="utf-8", newline="")))) == n
    else:
        assert len(out.read_text(encoding="utf-8").splitlines()) == n


def test_cli_export_to_stdout(db):
    r = cli("export", "--what", "actors", "--db", db)
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows and list(rows[0]) == list(X.COLUMNS["actors"])
    assert r.stderr == f"stanceline: {len(rows)} actors rows\n"


@pytest.mark.parametrize(
    "args, start",
    [
        (
            ["--format", "parquet"],
            "E023 bad value 'parquet' for --format: Parquet is binary: give --out FILE",
        ),
        (["--what", "speeches"], "Usage:"),
        (
            ["--format", "csv", "--out", "/no/such/dir/x.csv"],
            "E023 bad value '/no/such/dir/x.csv' for --out: ",
        ),
        (
            ["--format", "parquet", "--out", "/no/such/dir/x.parquet"],
            "E023 bad value '/no/such/dir/x.parquet' for --out",
        ),
    ],
)
def test_cli_export_usage_errors(db, args, start):
    r = cli("export", *args, "--db", db)
    assert r.exit_code == 2 and (r.stderr.startswith(start) or start in r.stderr), r.stderr


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1", "'+1"),
        ("-2 percent", "'-2 percent"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("We will not talk", "We will not talk"),
        (3, 3),
        (None, None),
    ],
)
def test_csv_cells_cannot_run_formulas(value, cell):
    from stanceline.export import csv_cell, write_csv

    assert csv_cell(value) == cell
    out = io.StringIO()
    write_csv([{"content": value}], out, ("content",))
    assert out.getvalue().splitlines()[0] == "content"


def test_cli_export_into_a_closed_pipe_stops_quietly(db):
    """`stanceline export | head -1`: the reader goes away; no coded error, no traceback on stderr."""
    code = "from stanceline.cli import main; main()"
    with subprocess.Popen(
        [sys.executable, "-c", code, "export", "--what", "statements", "--db", db],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as p:
        first = p.stdout.readline()
        p.stdout.close()  # as head does after its first line
        err = p.stderr.read().decode()
        p.wait()
    assert json.loads(first)["statement_id"]
    assert "E023" not in err and "Traceback" not in err, err


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_cli_version(flag):
    from stanceline import __version__

    r = cli(flag)
    assert r.exit_code == 0 and r.stdout == f"stanceline {__version__}\n"


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["export", "-h"], ["actors", "-h"]])
def test_cli_short_help(args):
    r = cli(*args)
    assert r.exit_code == 0 and "Usage:" in r.stdout
