"""The CLI behaves like its neighbours (sqlite-utils, datasette): the same option names everywhere
(``--from/--to``, ``--limit``, ``--format table|jsonl|json|csv``), "which actor?" errors that list names
with their statement counts, and a progress bar with a total, a rate and the time left that stays quiet
when stderr is not a terminal or with ``--silent``."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.console import Console
from typer.testing import CliRunner

from stanceline.cli import app
from stanceline.cli.output import ListFormat, cell, write_rows
from stanceline.cli.progress import count_documents, make_bar

ARTICLES = [
    {
        "id": "a1",
        "published": "2024-01-10",
        "text": 'Velmora keeps its sanctions\n\n"We will never lift the sanctions on Tarsk," Prime Minister '
        "Anaya Veldt of Velmora said on Monday.\n\nSenator Boris Veldt said the sanctions were working.\n",
    },
    {
        "id": "a2",
        "published": "2024-03-12",
        "text": 'Veldt opens the door\n\n"We support lifting the sanctions on Tarsk now," Prime Minister '
        "Anaya Veldt said on Tuesday.\n\nVeldt added that the talks with President Kalden of Tarsk would "
        "begin in April.\n",
    },
    {
        "id": "a3",
        "published": "2024-05-02",
        "text": 'Talks begin\n\n"We welcome the talks," President Kalden of Tarsk said on Wednesday.\n\n'
        "Prime Minister Anaya Veldt said the sanctions should be lifted soon.\n",
    },
]


def cli(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("conventions")
    (d / "corpus.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = str(d / "c.db")
    r = cli("ingest", str(d / "corpus.jsonl"), "--db", path, "--workers", "1", "--silent")
    assert r.exit_code == 0, r.output
    return path


def rows(out: str, fmt: str) -> list[dict]:
    """What a listing printed, read back."""
    if fmt == "jsonl":
        return [json.loads(line) for line in out.splitlines() if line.strip()]
    if fmt == "json":
        return json.loads(out)
    return list(csv.DictReader(io.StringIO(out)))


LISTINGS = [
    pytest.param(["actors"], "name", id="actors"),
    pytest.param(["timeline", "Anaya Veldt"], "content", id="timeline"),
    pytest.param(["shifts"], "topic", id="shifts"),
]


@pytest.mark.parametrize(("command", "key"), LISTINGS)
def test_every_listing_prints_the_same_rows_as_jsonl_json_and_csv(db, command, key):
    read = {}
    for fmt in ("jsonl", "json", "csv"):
        r = cli(*command, "--db", db, "--format", fmt)
        assert r.exit_code == 0, r.output
        read[fmt] = rows(r.stdout, fmt)
    assert len(read["jsonl"]) >= 1
    assert read["jsonl"] == read["json"]  # the same objects, as lines or as an array
    assert [r[key] for r in read["csv"]] == [str(r[key]) for r in read["json"]]  # a header, then a row each
    assert list(read["csv"][0]) == list(read["json"][0])


@pytest.mark.parametrize(("command", "key"), LISTINGS)
def test_every_listing_takes_limit(db, command, key):
    full = rows(cli(*command, "--db", db, "-f", "jsonl").stdout, "jsonl")
    r = cli(*command, "--db", db, "-f", "jsonl", "--limit", "1")
    assert r.exit_code == 0 and rows(r.stdout, "jsonl") == full[:1]


@pytest.mark.parametrize(("command", "key"), LISTINGS)
def test_every_listing_still_prints_a_table_by_default(db, command, key):
    r = cli(*command, "--db", db)
    assert r.exit_code == 0 and r.stdout.strip() and not r.stdout.lstrip().startswith(("{", "["))


@pytest.mark.parametrize("command", [["actors"], ["timeline"], ["shifts"]])
def test_bad_limit_and_format_are_usage_errors(db, command):
    assert cli(*command, "--db", db, "--limit", "0").exit_code == 2
    assert cli(*command, "--db", db, "--format", "xml").exit_code == 2


@pytest.mark.parametrize(
    ("options", "shifts"),
    [
        ([], 1),
        (["--from", "2024-03"], 1),
        (["--from", "2024-04"], 0),  # the shift dates from its first new statement, 2024-03-12
        (["--to", "2024-03"], 1),  # up to the end of the period
        (["--to", "2024-02"], 0),
        (["--from", "2024", "--to", "2024-03-12"], 1),
        (["--since", "2024-03"], 1),  # the old name, hidden and deprecated: old scripts keep working
        (["--since", "2024-04"], 0),
    ],
)
def test_shifts_take_from_and_to(db, options, shifts):
    r = cli("shifts", "--db", db, "-f", "jsonl", *options)
    assert r.exit_code == 0, r.output
    assert len(rows(r.stdout, "jsonl")) == shifts
    assert ("--since is deprecated; use --from" in r.stderr) == ("--since" in options)


@pytest.mark.parametrize(
    ("options", "dates"),
    [
        (["--from", "2024-03"], ["2024-03-12", "2024-03-12", "2024-05-02"]),
        (["--to", "2024-01"], ["2024-01-08"]),
        (["--from", "2024-02", "--to", "2024-04"], ["2024-03-12", "2024-03-12"]),
    ],
)
def test_timeline_takes_from_and_to(db, options, dates):
    r = cli("timeline", "Anaya Veldt", "--db", db, "-f", "jsonl", *options)
    assert r.exit_code == 0, r.output
    assert [row["said_on"] for row in rows(r.stdout, "jsonl")] == dates


@pytest.mark.parametrize(
    "args",
    [
        ["shifts", "--from", "2024-05", "--to", "2024-01"],
        ["shifts", "--from", "May 2024"],
        ["timeline", "Anaya Veldt", "--from", "2024-05", "--to", "2024-01"],
    ],
)
def test_bad_periods_are_usage_errors(db, args):
    r = cli(*args, "--db", db)
    assert r.exit_code == 2 and r.stderr.startswith(("E010", "E023")), r.stderr


def test_since_is_hidden_from_help_and_from_to_are_shown():
    r = cli("shifts", "--help")
    assert "--from" in r.stdout and "--to" in r.stdout and "--limit" in r.stdout
    assert "--since" not in r.stdout


@pytest.mark.parametrize("command", [["timeline", "Veldt"], ["shifts", "--actor", "Veldt"]])
def test_which_actor_lists_names_with_statement_counts_largest_first(db, command):
    r = cli(*command, "--db", db)
    assert r.exit_code == 2
    message = r.stderr
    assert message.startswith("E021 no actor 'Veldt'")
    anaya, boris = (
        message.index("Anaya Veldt (4 statements, ac_"),
        message.index("Boris Veldt (1 statement, ac_"),
    )
    assert anaya < boris  # the most quoted first


def test_a_unique_surname_needs_no_list(db):
    r = cli("timeline", "Kalden", "--db", db, "-f", "jsonl")
    assert r.exit_code == 0 and {row["actor"] for row in rows(r.stdout, "jsonl")} == {"Kalden"}


# --- progress ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "given", "total"),
    [
        ({"a.txt": "x", "b.html": "<p>x</p>"}, ["."], 2),
        ({"a.txt": "x", "c.jsonl": '{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n'}, ["."], 4),
        ({"a.txt": "x", ".hidden.txt": "x", "sub/b.txt": "y"}, ["."], 2),  # hidden files are not read
        ({"a.txt": "x", "notes.csv": "x"}, ["."], 2),  # read, to be reported as E012
        ({"a.txt": "x"}, ["a.txt", "a.txt", "-"], 3),
        ({}, ["missing.txt"], 1),  # one failure line
        ({"empty.jsonl": ""}, ["empty.jsonl"], 1),
    ],
)
def test_count_documents_counts_what_the_readers_read(tmp_path, monkeypatch, files, given, total):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert count_documents(given) == total


def test_the_bar_shows_total_rate_and_time_left():
    out, clock = io.StringIO(), [100.0]
    bar = make_bar("ingesting", Console(file=out, width=140), get_time=lambda: clock[0])
    task = bar.add_task("4 new", total=8)
    bar.advance(task, 1)
    clock[0] += 2.0
    bar.advance(task, 3)  # 4 of 8 in 2 s: 2 articles a second, 2 s left
    Console(file=out, width=140).print(bar.get_renderable())
    shown = out.getvalue()
    assert "ingesting" in shown and "4/8" in shown and "left" in shown, shown
    assert "1.5/s" in shown or "2.0/s" in shown, shown
    assert "0:00:02" in shown or "0:00:03" in shown, shown  # elapsed and left


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "{corpus}", "--format", "jsonl"],
        ["ingest", "{corpus}", "--db", "{db}", "--workers", "1"],
    ],
)
def test_no_bar_when_stderr_is_not_a_terminal(tmp_path, args):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    r = cli(*[a.format(corpus=corpus, db=tmp_path / "p.db") for a in args])
    assert r.exit_code == 0, r.output
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("stanceline: 3 ")  # the summary, and no bar


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (True, "true"),
        (3, "3"),
        (["Prime Minister", "Senator"], "Prime Minister; Senator"),
        ([], ""),
        ([{"topic": "sanctions"}], '[{"topic": "sanctions"}]'),
        ({"a": 1}, '{"a": 1}'),
        ("Velmora", "Velmora"),
    ],
)
def test_a_csv_cell(value, expected):
    assert cell(value) == expected


def test_write_rows_csv_has_a_header_and_nothing_for_no_rows():
    out = io.StringIO()
    write_rows([{"name": "Anaya Veldt", "titles": ["Prime Minister"]}], ListFormat.csv, out)
    assert out.getvalue() == "name,titles\nAnaya Veldt,Prime Minister\n"
    empty = io.StringIO()
    write_rows([], ListFormat.csv, empty)
    assert empty.getvalue() == ""


CONDITIONS = [
    {
        "id": "c1",
        "published": "2024-02-05",
        "text": 'Veldt sets terms\n\n"We will return to the talks if Velmora lifts the sanctions," '
        "Prime Minister Anaya Veldt of Tarsk said on Monday.\n",
    },
    {
        "id": "c2",
        "published": "2024-02-06",
        "text": 'Kalden sets terms\n\n"We will sign the accord once Tarsk withdraws its troops," '
        "President Mira Kalden of Velmora said on Tuesday.\n",
    },
    {
        "id": "c3",
        "published": "2024-02-07",
        "text": 'Kastell refuses\n\n"We will never sign the accord," President Oren Kastell of Ostland '
        "said on Wednesday.\n",
    },
]


@pytest.fixture(scope="module")
def conditions_db(tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("conditions")
    (d / "corpus.jsonl").write_text("".join(json.dumps(a) + "\n" for a in CONDITIONS), encoding="utf-8")
    path = str(d / "c.db")
    r = cli("ingest", str(d / "corpus.jsonl"), "--db", path, "--workers", "1", "--silent")
    assert r.exit_code == 0, r.output
    return path


@pytest.mark.parametrize(
    ("actor", "line"),
    [
        ("Anaya Veldt", "condition: if Velmora lifts the sanctions"),
        ("Mira Kalden", "condition: once Tarsk withdraws its troops"),
        ("Oren Kastell", None),  # no condition, no condition line
    ],
)
def test_the_timeline_labels_a_condition_once(conditions_db, actor, line):
    """A condition's words keep their marker ('if', 'once'): the label is 'condition:', never 'if: if'."""
    r = cli("timeline", actor, "--db", conditions_db)
    assert r.exit_code == 0, r.output
    shown = [x.strip() for x in r.stdout.splitlines() if x.strip().startswith("condition:")]
    assert shown == ([line] if line else [])
    assert "if: " not in r.stdout
