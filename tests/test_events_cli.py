"""Events in the command line: ``export --what events``, ``timeline`` (events between the statements, and
``--no-events``), ``shifts`` (what happened in between) and ``relink --event-window``."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from eventkit import CORPUS
from typer.testing import CliRunner

from stanceline import export as X
from stanceline.cli import app
from stanceline.store import Store, relink


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("events") / "e.db")
    with Store(path) as store:
        store.put([(a, "v1") for a in CORPUS])
        relink(store)
    return path


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_events_one_row_per_report(db, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    result = run("export", "--what", "events", "--format", fmt, "--out", str(out), "--db", db)
    assert result.exit_code == 0, result.output
    if fmt == "parquet":
        table = pq.read_table(out)
        cols, rows = table.column_names, table.to_pylist()
    elif fmt == "csv":
        reader = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
        rows, cols = list(reader), list(reader.fieldnames or [])
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        cols = list(rows[0])
    assert cols == list(X.COLUMNS["events"])
    assert len(rows) == sum(len(a.events) for a in CORPUS) == 6  # every report, folded or not
    strike = [r for r in rows if r["type"] == "ASSAULT" and str(r["negated"]) in ("False", "false", "0")]
    assert len(strike) == 2 and len({r["event_id"] for r in strike}) == 1  # two reports of one event
    assert {r["trigger"] for r in strike} == {"struck", "shelled"} and {
        str(r["sightings"]) for r in strike
    } == {"2"}
    texts = {a.article.id: a.article.text for a in CORPUS}
    for r in rows:  # offsets index the stored text
        assert texts[r["article_id"]][int(r["trigger_start"]) : int(r["trigger_end"])] == r["trigger"]
    assert f"{len(rows)} events rows" in result.stderr


@pytest.mark.parametrize(
    "args, shown, hidden",
    [
        # what happened between her two statements, threats marked; the negated strike never shown
        (
            ["Anaya Veldt"],
            [
                "event ASSAULT",
                "event THREATEN (threat/plan)",
                "event SANCTION",
                "event ACCUSE",
                "Tarsk → Velmora",
            ],
            ["attacked"],
        ),
        (["Anaya Veldt", "--no-events"], ["We will not join"], ["event "]),
        (["Anaya Veldt", "--from", "2024-07-20"], ["event SANCTION", "event ACCUSE"], ["event ASSAULT"]),
    ],
)
def test_timeline_prints_events_between_statements(db, args, shown, hidden):
    result = run("timeline", *args, "--db", db)
    assert result.exit_code == 0, result.output
    for s in shown:
        assert s in result.stdout, s
    for s in hidden:
        assert s not in result.stdout, s
    if "--no-events" not in args and "--from" not in args:
        lines = [line for line in result.stdout.splitlines() if line[:4] == "2024"]
        kinds = ["event" if " event " in line else "said" for line in lines]
        # in order of time: her first statement, the events of July, the accusation, then her second one
        assert kinds[0] == "said" and kinds[-1] == "said" and kinds[1:-1] == ["event"] * 4


def test_timeline_as_data_keeps_statement_rows_only(db):
    result = run("timeline", "Anaya Veldt", "--format", "jsonl", "--db", db)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 2 and all("statement_id" in r for r in rows)


def test_shifts_list_what_happened_in_between(db):
    result = run("shifts", "--db", db)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "oppose → support" in out and "in between: 3 event(s)" in out
    assert out.index("before") < out.index("in between") < out.index("after")
    assert "attacked" not in out  # said not to have happened
    rows = [json.loads(line) for line in run("shifts", "--format", "jsonl", "--db", db).stdout.splitlines()]
    (shift,) = rows
    # the accusation is read from the statement after the shift: evidence, not something in between
    assert [e["type"] for e in shift["between"]] == ["ASSAULT", "THREATEN", "SANCTION"]
    assert shift["between"][0]["sightings"] == 2 and shift["between"][1]["hypothetical"] is True
    plain = [
        json.loads(line)
        for line in run("shifts", "--format", "jsonl", "--no-events", "--db", db).stdout.splitlines()
    ]
    assert "between" not in plain[0]
    assert "in between" not in run("shifts", "--no-events", "--db", db).stdout


@pytest.mark.parametrize(
    "window, code, events",
    [("0", 0, "6 events (6 reports)"), ("3", 0, "5 events (6 reports)"), ("-2", 2, None), ("400", 2, None)],
)
def test_relink_event_window(tmp_path, window, code, events):
    path = str(tmp_path / "w.db")
    with Store(path) as store:
        store.put([(a, "v1") for a in CORPUS])
    result = run("relink", "--event-window", window, "--db", path)
    assert result.exit_code == code, result.output
    if events:
        assert events in result.stderr
    else:
        assert "E023 bad value" in result.stderr and "--event-window" in result.stderr
