"""Corrections that last: ``stanceline correct``, ``actors rename`` and ``actors merge``, end to end.

A small fictional corpus is ingested once; each test works on a copy of its database. A correction must
survive a re-ingest that analyses every article again, and show as ``corrected`` in every output.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select
from storekit import dump
from typer.testing import CliRunner

from stanceline.cli import app
from stanceline.store import Store
from stanceline.store import schema as S
from stanceline.store.corrections import check_said_on, check_stance

ARTICLES = {
    "01-anna.txt": (
        "KELMAR, 2 March 2023 - Prime Minister Anna Veldt said on Monday that the ceasefire would hold. "
        '"We will not sign the border treaty while our farmers are being punished," Veldt said.\n'
    ),
    "02-boris.txt": (
        "OSTERHOLM, 5 March 2023 - Senator Boris Veldt told reporters on Tuesday that the sanctions were "
        'working. "The sanctions must stay until the troops leave," he said.\n'
    ),
    "03-bare.txt": (
        'KELMAR, 9 March 2023 - "There is no alternative to the talks," Veldt told reporters on Thursday.\n'
    ),
}
#: A topic file that changes the analysis settings, so that a re-ingest analyses every article again.
EXTRA_TOPIC = '[topics.fisheries]\nlemmas = ["fishery", "trawler"]\n'


def cli(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(autouse=True)
def _model_loaded(nlp):
    """Load the pipeline once for the session (the CLI's --workers 1 gets the same cached object)."""


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, nlp) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("corr")
    corpus = d / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    db = d / "c.db"
    r = cli("ingest", str(corpus), "--db", str(db), "--silent", "--workers", "1")
    assert r.exit_code == 0, r.stderr
    return corpus, db


@pytest.fixture
def db(ingested, tmp_path) -> str:
    _, src = ingested
    for suffix in ("", "-wal", "-shm"):
        if Path(str(src) + suffix).exists():
            shutil.copy(str(src) + suffix, str(tmp_path / "c.db") + suffix)
    return str(tmp_path / "c.db")


def statements(db: str) -> dict[str, dict]:
    """Exported statement rows by the first words of their content."""
    r = cli("export", "--what", "statements", "--db", db)
    assert r.exit_code == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    return {" ".join(row["content"].split()[:4]): row for row in rows}


def ref(row: dict) -> str:
    return f"{row['article_id']}:{row['sighting']}"


def reingest(corpus: Path, db: str, tmp_path: Path) -> None:
    topics = tmp_path / "topics.toml"
    topics.write_text(EXTRA_TOPIC, encoding="utf-8")
    r = cli("ingest", str(corpus), "--db", db, "--silent", "--workers", "1", "--topics", str(topics))
    assert r.exit_code == 0, r.stderr
    with Store(db) as store, store.connect() as conn:
        runs = list(conn.execute(select(S.runs.c.updated).order_by(S.runs.c.id)))
    assert runs[-1].updated == len(ARTICLES)  # every article analysed again


NO_ALT = "There is no alternative"
SANCTIONS = "The sanctions must stay"


# --- each correction, kept across a re-ingest ---------------------------------------------------------------

CORRECTIONS = {
    # case: (statement, options, what the exported row must then hold, the corrected object's fields)
    "speaker": (
        NO_ALT,
        ["--speaker", "Anna Veldt"],
        {"actor": "Anna Veldt"},
        {"speaker": "Anna Veldt", "said_on": None, "stances": None},
    ),
    "said on, a day": (
        NO_ALT,
        ["--said-on", "2023-03-01"],
        {"said_on": "2023-03-01", "said_granularity": "day", "said_basis": "explicit"},
        {"speaker": None, "said_on": "2023-03-01", "stances": None},
    ),
    "said on, a month": (
        SANCTIONS,
        ["--said-on", "2023-02"],
        {"said_on": "2023-02", "said_granularity": "month"},
        {"said_on": "2023-02"},
    ),
    "a stance": (
        SANCTIONS,
        ["--stance", "sanctions=oppose"],
        {"statement_stances": {"sanctions": "oppose"}},
        {"stances": {"sanctions": "oppose"}},
    ),
    "a new topic, and one taken away": (
        SANCTIONS,
        ["--stance", "military_action=oppose", "--stance", "sanctions=none"],
        {"statement_stances": {"military_action": "oppose"}},
        {"stances": {"military_action": "oppose", "sanctions": "none"}},
    ),
    "all at once, by the statement's id": (
        NO_ALT,
        ["--speaker", "Boris Veldt", "--said-on", "2023", "--stance", "negotiations=support"],
        {"actor": "Boris Veldt", "said_on": "2023", "statement_stances": {"negotiations": "support"}},
        {"speaker": "Boris Veldt", "said_on": "2023", "stances": {"negotiations": "support"}},
    ),
}


def statement_stances(db: str, statement_id: str) -> dict[str, str]:
    r = cli("timeline", "--db", db, "--format", "jsonl", statements_actor(db, statement_id))
    for line in r.stdout.splitlines():
        row = json.loads(line)
        if row["statement_id"] == statement_id:
            return {s["topic"]: s["stance"] for s in row["stances"]}
    return {}


def statements_actor(db: str, statement_id: str) -> str:
    return next(r["actor_id"] for r in statements(db).values() if r["statement_id"] == statement_id)


@pytest.mark.parametrize("case", CORRECTIONS)
def test_a_correction_applies_and_survives_reingest(case, ingested, db, tmp_path):
    content, options, want_row, want_corrected = CORRECTIONS[case]
    corpus, _ = ingested
    row = next(r for r in statements(db).values() if content in r["content"])
    target = row["statement_id"] if "id" in case else ref(row)
    r = cli("correct", target, *options, "--db", db)
    assert r.exit_code == 0, r.stderr
    assert r.stderr.startswith(f"stanceline: corrected statement {row['statement_id']}")
    assert r.stderr.rstrip().endswith("kept across re-ingests")
    for again in (False, True):  # after the correction, and after a re-ingest that analyses everything again
        if again:
            reingest(corpus, db, tmp_path)
        got = next(x for x in statements(db).values() if x["content"] == row["content"])
        for key, value in want_row.items():
            if key == "statement_stances":
                assert statement_stances(db, got["statement_id"]) == value, case
            else:
                assert got[key] == value, (case, key)
        corrected = json.loads(got["corrected"])
        assert corrected["by"] == "user" and corrected["at"]
        for key, value in want_corrected.items():
            assert corrected[key] == value, (case, key)


# --- errors: coded, and nothing stored ----------------------------------------------------------------------

ERRORS = [
    # (statement, options, the start of the one error line)
    ("st_nope", ["--said-on", "2023-03-01"], "E028 no statement 'st_nope' in the database"),
    ("nope:s1", ["--said-on", "2023-03-01"], "E028 no statement 'nope:s1' in the database"),
    ("{ref}", ["--speaker", "Nobody Known"], "E021 no actor 'Nobody Known' in the database"),
    ("{ref}", ["--said-on", "2023-13"], "E029 bad correction '2023-13' for --said-on: give the date"),
    ("{ref}", ["--said-on", "2023-02-30"], "E029 bad correction '2023-02-30' for --said-on"),
    ("{ref}", ["--said-on", "last week"], "E029 bad correction 'last week' for --said-on"),
    (
        "{ref}",
        ["--stance", "sanctions=maybe"],
        "E029 bad correction 'sanctions=maybe' for --stance: the label",
    ),
    ("{ref}", ["--stance", "weather=oppose"], "E029 bad correction 'weather=oppose' for --stance: no topic"),
    ("{ref}", ["--stance", "sanctions"], "E029 bad correction 'sanctions' for --stance: give TOPIC=LABEL"),
    ("{ref}", [], "E029 bad correction '' for stanceline correct: give --speaker ACTOR"),
]


@pytest.mark.parametrize("statement, options, start", ERRORS)
def test_correction_errors_are_coded_and_change_nothing(db, statement, options, start):
    statement = statement.replace("{ref}", ref(statements(db)[" ".join(NO_ALT.split()[:4])]))
    before = dump(db)
    r = cli("correct", statement, *options, "--db", db)
    assert r.exit_code == 2 and r.stderr.startswith(start), r.stderr
    assert len(r.stderr.splitlines()) == 1
    assert dump(db) == before


@pytest.mark.parametrize(
    "value, want",
    [("2023-03-01", ("2023-03-01", "day")), ("2023-03", ("2023-03", "month")), (" 2023 ", ("2023", "year"))],
)
def test_check_said_on(value, want):
    assert check_said_on(value) == want


@pytest.mark.parametrize(
    "value, want",
    [("sanctions=oppose", ("sanctions", "oppose")), (" sanctions = Support", ("sanctions", "support"))],
)
def test_check_stance(value, want):
    assert check_stance(value, ["sanctions"]) == want


# --- corrected in every output ------------------------------------------------------------------------------


def test_corrected_shows_in_every_output(db):
    row = statements(db)[" ".join(SANCTIONS.split()[:4])]
    r = cli("correct", ref(row), "--stance", "sanctions=oppose", "--said-on", "2023-02", "--db", db)
    assert r.exit_code == 0, r.stderr
    sid = statements(db)[" ".join(SANCTIONS.split()[:4])]["statement_id"]
    plain = next(x for x in statements(db).values() if x["statement_id"] != sid)
    assert plain["corrected"] is None  # the others are not corrected

    # export: CSV holds the object as JSON in one cell
    out = cli("export", "--what", "statements", "--format", "csv", "--db", db).stdout
    cells = {r["statement_id"]: r["corrected"] for r in csv.DictReader(io.StringIO(out))}
    assert json.loads(cells[sid])["said_on"] == "2023-02" and cells[plain["statement_id"]] == ""

    # timeline (JSONL) and shifts evidence carry it
    lines = cli("timeline", row["actor_id"], "--db", db, "--format", "jsonl").stdout.splitlines()
    point = next(json.loads(x) for x in lines if json.loads(x)["statement_id"] == sid)
    assert point["corrected"]["stances"] == {"sanctions": "oppose"}
    table = cli("timeline", row["actor_id"], "--db", db).stdout
    assert "corrected]" in table

    # the API, the article record and the dashboard's statement page
    from web_fixtures import client_class

    from stanceline.web import create_app

    with client_class()(create_app(db)) as client:
        got = client.get(f"/api/statements/{sid}").json()
        assert got["corrected"]["said_on"] == "2023-02" and got["corrected"]["by"] == "user"
        assert got["said_on"] == "2023-02"
        listed = client.get("/api/statements", params={"limit": 50}).json()["items"]
        assert {s["id"]: s["corrected"] is not None for s in listed}[sid]
        points = client.get("/api/timeline", params={"actor": row["actor_id"]}).json()["points"]
        assert any(p["corrected"] for p in points if p["statement_id"] == sid)
        record = client.get(f"/api/articles/{row['article_id']}").json()
        by_local = {s["id"]: s["corrected"] for s in record["statements"]}
        assert by_local[row["sighting"]]["stances"] == {"sanctions": "oppose"}
        assert all(v is None for k, v in by_local.items() if k != row["sighting"])
        page = client.get(f"/statements/{sid}").text
        assert "corrected by hand" in page and "said on 2023-02" in page and "sanctions: oppose" in page
        exported = client.get("/export/statements.jsonl").text.splitlines()
        assert any(json.loads(x)["corrected"] for x in exported)


# --- actors rename and merge --------------------------------------------------------------------------------


def actor_names(db: str) -> dict[str, dict]:
    r = cli("actors", "--db", db, "--format", "jsonl")
    return {a["name"]: a for a in map(json.loads, r.stdout.splitlines())}


RENAMES = [
    # (actor, new name, exit code, the start of stderr)
    ("Anna Veldt", "Anna M. Veldt", 0, "stanceline: Anna Veldt ("),
    ("Nobody Known", "X", 2, "E021 no actor 'Nobody Known' in the database"),
    ("Anna Veldt", "Boris Veldt", 2, "E023 bad value 'Boris Veldt' for NEW_NAME: ac_"),
    ("Anna Veldt", "   ", 2, "E023 bad value '   ' for NEW_NAME: give a name"),
]


@pytest.mark.parametrize("actor, new, code, start", RENAMES)
def test_rename(ingested, db, tmp_path, actor, new, code, start):
    before = dump(db)
    r = cli("actors", "rename", actor, new, "--db", db)
    assert r.exit_code == code and r.stderr.startswith(start), r.stderr
    if code:
        assert dump(db) == before
        return
    names = actor_names(db)
    assert new in names and actor not in names and actor in names[new]["aliases"]
    reingest(ingested[0], db, tmp_path)
    assert new in actor_names(db)
    assert cli("timeline", actor, "--db", db).exit_code == 0  # the old name still finds it


def test_merge_keeps_the_name_of_a(db):
    r = cli("actors", "merge", "Boris Veldt", "Anna Veldt", "--db", db)
    assert r.exit_code == 0, r.stderr
    names = actor_names(db)
    assert "Anna Veldt" not in names and "Anna Veldt" in names["Boris Veldt"]["aliases"]
