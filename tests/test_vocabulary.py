"""A user's vocabulary files (titles, sources, cues): how they layer on the shipped ones, the coded
errors for a bad one, and that every component that reads them gets them (pipeline, CLI, identity)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import stanceline
from stanceline.cli import app
from stanceline.config import load_cues, load_source_words, load_title_genders, load_titles
from stanceline.errors import UsageError
from stanceline.store.identity import LocalActor, resolve


@pytest.fixture
def write(tmp_path):
    def put(name: str, body: str | bytes) -> str:
        path = tmp_path / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
        return str(path)

    return put


# --- layering: each section the user's file has replaces the shipped one -----------------------------

SHIPPED_SOURCES = load_source_words()

# (file body, field of SourceWords, what it holds then)
SOURCES_CASES = [
    ("[agents]\nmouthpiece\nSpokesman\n", "agents", {"mouthpiece", "spokesman"}),  # lower-cased
    ("[agents]\nmouthpiece\n", "people", SHIPPED_SOURCES.people),  # a section not given is kept
    ("[outlet nouns]\nsheet\n", "outlet_nouns", {"sheet"}),
    ("[outlet nouns]\nsheet\n", "outlets", SHIPPED_SOURCES.outlets),
    ("# only a comment\n", "agents", SHIPPED_SOURCES.agents),
    ("[agents]\n", "agents", set()),  # an empty section empties the list
    ("[agents]\npress  secretary # two spaces\n", "agents", {"press secretary"}),
]


@pytest.mark.parametrize(("body", "field", "expected"), SOURCES_CASES)
def test_a_sources_file_replaces_the_sections_it_has(write, body, field, expected):
    assert getattr(load_source_words(write("sources.txt", body)), field) == expected


def test_a_plain_list_of_titles_replaces_the_titles_and_keeps_the_genders(write):
    path = write("titles.txt", "grand vizier\nvizier\n")
    assert load_titles(path) == ("grand vizier", "vizier")  # longest first
    assert load_title_genders(path) == load_title_genders()


def test_a_titles_file_may_set_the_genders(write):
    path = write("titles.txt", "[female]\nvizier\n")
    assert load_title_genders(path) == {
        **{w: g for w, g in load_title_genders().items() if g == "m"},
        "vizier": "f",
    }
    assert load_titles(path) == load_titles()


def test_the_shipped_vocabulary_without_a_file():
    assert "prime minister" in load_titles() and load_title_genders()["spokeswoman"] == "f"
    assert "spokesman" in SHIPPED_SOURCES.agents and "herald" in SHIPPED_SOURCES.outlets
    assert SHIPPED_SOURCES.agent_modifiers == {"press"} and SHIPPED_SOURCES.group_modifiers == {"senior"}


# --- a bad file: a coded error naming the file and what to do --------------------------------------

BAD_FILES = [
    (
        load_titles,
        "[ministers]\nvizier\n",
        "E025 bad titles file {path}: unknown section [ministers] on line 1; the sections are [titles], "
        "[male], [female]; fix it (see stanceline/data/titles.txt for the layout)",
    ),
    (
        load_source_words,
        "mouthpiece\n",
        "E026 bad sources file {path}: 'mouthpiece' on line 1 is in no section; put it under a [section]; "
        "fix it (see stanceline/data/sources.txt for the layout)",
    ),
    (
        load_source_words,
        "# mine\n[agents]\nmouthpiece\n[agent]\npress\n",
        "E026 bad sources file {path}: unknown section [agent] on line 4; the sections are [agents], "
        "[people], [organizations], [outlets], [outlet nouns], [group modifiers], [agent modifiers], "
        "[documents]; fix it (see stanceline/data/sources.txt for the layout)",
    ),
    (
        load_cues,
        "[verbs]\nsay\n[verb]\nclaim\n",
        "E027 bad cue file {path}: line 3: unknown section [verb]; the sections are [verbs], [nouns], "
        "[phrases], [adjectives], [light verbs], [refusals], [silent acts], [arguments], [anonymity verbs], "
        "[dependence verbs], [denying adjectives], [not cues], [speech vehicles], [linking verbs], "
        "[adverbial nouns], [lemma slips], [not speakers]; fix it "
        "(see stanceline/data/cues.txt for the layout)",
    ),
    (
        load_titles,
        b"pr\xe9sident\n",
        "E025 bad titles file {path}: not UTF-8 (invalid bytes at offset 2); fix it (see "
        "stanceline/data/titles.txt for the layout)",
    ),
]


@pytest.mark.parametrize(("load", "body", "message"), BAD_FILES)
def test_a_bad_vocabulary_file_is_a_coded_error(write, load, body, message):
    path = write("mine.txt", body)
    with pytest.raises(UsageError) as err:
        load(path)
    assert str(err.value) == message.format(path=path)


@pytest.mark.parametrize(
    ("load", "code"), [(load_titles, "E025"), (load_source_words, "E026"), (load_cues, "E027")]
)
def test_a_missing_vocabulary_file_is_a_coded_error(tmp_path, load, code):
    with pytest.raises(UsageError) as err:
        load(str(tmp_path / "missing.txt"))
    assert err.value.code == code and "cannot read it (No such file or directory)" in str(err.value)


# --- every component that reads a file gets it -------------------------------------------------------

# (component, attribute, file option, what the attribute shows of the file)
COMPONENTS = [
    ("stanceline_attribution", "titles", "titles", lambda v: "grand vizier" in v),
    ("stanceline_attribution", "source_words", "sources", lambda v: "mouthpiece" in v.agents),
    ("stanceline_speakers", "titles", "titles", lambda v: "grand vizier" in v),
    ("stanceline_speakers", "title_genders", "titles", lambda v: v.get("vizier") == "m"),
    ("stanceline_speakers", "source_words", "sources", lambda v: "mouthpiece" in v.agents),
    ("stanceline_stance", "titles", "titles", lambda v: "grand vizier" in v),
]


@pytest.fixture(scope="module")
def mine(tmp_path_factory):
    d = tmp_path_factory.mktemp("vocabulary")
    (d / "titles.txt").write_text("grand vizier\n[male]\nvizier\n", encoding="utf-8")
    (d / "sources.txt").write_text("[agents]\nmouthpiece\n", encoding="utf-8")
    files = {"titles": str(d / "titles.txt"), "sources": str(d / "sources.txt")}
    return files, stanceline.pipeline(**files)


@pytest.mark.parametrize(("component", "attribute", "option", "shows"), COMPONENTS)
def test_every_component_gets_the_users_files(nlp, mine, component, attribute, option, shows):
    _, theirs = mine
    assert shows(getattr(theirs.get_pipe(component), attribute))
    assert not shows(getattr(nlp.get_pipe(component), attribute))  # the shipped pipeline is untouched


def test_a_vizier_of_the_users_titles_is_a_he(mine):
    files, _ = mine
    text = "Grand Vizier Omar Tesk met Queen Ilse Marrow on Monday. He said the accord was dead."
    result = stanceline.analyze(text, **files)
    assert [result.actor(s.source.actor).name for s in result.statements] == ["Omar Tesk"]


def test_analyze_refuses_a_pipeline_and_a_file_at_once(nlp, mine):
    files, _ = mine
    with pytest.raises(UsageError) as err:
        stanceline.analyze("Veldt said the talks were over.", nlp=nlp, titles=files["titles"])
    assert str(err.value) == (
        f"E023 bad value {files['titles']!r} for titles: nlp= is given and has its own; build it with "
        "stanceline.pipeline(titles=...)"
    )


def test_identity_across_articles_reads_the_users_titles():
    rows = [
        LocalActor("a1", "a1", "Omar Tesk", "person", ("Grand Vizier",), None, "2024-01-02"),
        LocalActor("a2", "a1", "the Grand Vizier", "person", (), None, "2024-01-09"),
    ]
    shipped = resolve(rows)
    theirs = resolve(rows, titles=(*load_titles(), "grand vizier"))
    assert shipped.links[("a2", "a1")][0] != shipped.links[("a1", "a1")][0]  # "Grand Vizier" is a name
    assert theirs.links[("a2", "a1")] == (
        theirs.links[("a1", "a1")][0],
        "title 'the Grand Vizier' held on 2024-01-09",
    )


# --- the CLI: --titles, --sources, --cues on analyze and ingest --------------------------------------


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_the_vocabulary_options_have_help(command):
    r = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert r.exit_code == 0
    for option in ("--topics", "--cues", "--titles", "--sources"):
        assert option in r.stdout


@pytest.mark.parametrize(
    ("option", "body", "start"),
    [
        ("--titles", "[ministers]\n", "E025 bad titles file "),
        ("--sources", "mouthpiece\n", "E026 bad sources file "),
        ("--cues", "[verb]\nsay\n", "E027 bad cue file "),
    ],
)
@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_a_bad_vocabulary_file_stops_the_command_with_exit_2(
    nlp, write, tmp_path, command, option, body, start
):
    article = write("a.txt", '"We will not talk," Veldt said.\n')
    extra = ["--db", str(tmp_path / "c.db"), "--workers", "1"] if command == "ingest" else []
    r = CliRunner().invoke(app, [command, article, option, write("mine.txt", body), *extra])
    assert r.exit_code == 2 and r.stdout == "" and r.stderr.startswith(start), r.stderr
    assert not (tmp_path / "c.db").exists()


def test_analyze_with_a_titles_file(nlp, write):
    import json

    titles = write("titles.txt", "grand vizier\n")
    article = write(
        "a.txt",
        "Grand Vizier Omar Tesk arrived on Monday. Later the Grand Vizier said the accord was dead.\n",
    )
    r = CliRunner().invoke(app, ["analyze", article, "--titles", titles, "--silent"])
    assert r.exit_code == 0, r.stderr
    [out] = [json.loads(line) for line in r.stdout.splitlines()]
    [statement] = out["statements"]
    assert statement["source"]["resolved_by"] == "title"
    assert {a["id"]: a["name"] for a in out["actors"]}[statement["source"]["actor"]] == "Omar Tesk"
