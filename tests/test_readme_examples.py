"""Every example in README.md runs: its ```sh and ```python code blocks are extracted and executed.

The shell lines that are ``stanceline ...`` commands run through the CLI in-process (typer's CliRunner)
against the sample corpus (``examples/articles``, ``examples/actors.toml``), in a folder of their own where
``examples`` is the repository's; every ``--db`` is one database of the sample corpus, ingested once for
this module. ``cat FILE | stanceline ...`` feeds FILE on stdin and ``stanceline ... > FILE`` writes FILE.
The python blocks run with ``exec``; a comment line at the start of a line in a python block is output that
the block must print. A line that cannot run in a test (a server, a network, PostgreSQL, the Makefile) says
so in the README with a comment ``# not run by the tests: WHY``; every other line must run, exit 0 and print.
The examples run in README order: ``actors merge`` and ``correct`` change the database the later ones read.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stanceline.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MARK = "# not run by the tests:"
FENCE = re.compile(
    r"^(?P<indent>[ ]*)```(?P<lang>sh|python)[ ]*\n(?P<body>.*?)^(?P=indent)```[ ]*$", re.M | re.S
)


def _blocks() -> list[tuple[str, int, str]]:
    """The README's ```sh and ```python blocks as ``(lang, line, body)``, in order."""
    return [(m["lang"], README.count("\n", 0, m.start()) + 1, m["body"]) for m in FENCE.finditer(README)]


def _shell_lines(body: str) -> list[str]:
    """The commands of a sh block, continuation lines joined; comment-only lines left out."""
    lines = re.sub(r"\\\n\s*", " ", body).splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


BLOCKS = _blocks()
SHELL = [(n, line) for lang, n, body in BLOCKS if lang == "sh" for line in _shell_lines(body)]
RUN = [(n, line) for n, line in SHELL if MARK not in line]
SKIPPED = [(n, line) for n, line in SHELL if MARK in line]
PYTHON = [(n, body) for lang, n, body in BLOCKS if lang == "python"]


def test_the_examples_are_found():
    # guards the extraction itself: the blocks of Usage, Python, Corpus and Dashboard are all there
    assert len(PYTHON) >= 2
    assert len(RUN) >= 15
    assert {"analyze", "ingest", "actors", "timeline", "shifts", "export", "correct"} <= {
        shlex.split(line, comments=True)[1] for _, line in RUN if line.startswith("stanceline ")
    }


def test_the_lines_not_run_are_few_and_say_why():
    assert len(SKIPPED) <= 8, [line for _, line in SKIPPED]
    for _, line in SKIPPED:
        why = line.split(MARK, 1)[1].strip()
        assert len(why) > 5, f"say why it is not run: {line}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder to run in (``examples`` links to the repository's) and the sample corpus's database."""
    here = tmp_path_factory.mktemp("readme")
    (here / "examples").symlink_to(ROOT / "examples")
    db = str(here / "sample.db")
    args = [
        "ingest",
        "examples/articles",
        "--db",
        db,
        "--gazetteer",
        "examples/actors.toml",
        "--workers",
        "1",
    ]
    with contextlib.chdir(here):
        r = CliRunner().invoke(app, [*args, "--silent"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return here, db


def _argv(line: str, db: str) -> tuple[list[str], str | None, str | None]:
    """``stanceline ARGS`` with ``--db`` the test database, the file piped in (``cat F |``), the file out."""
    words = shlex.split(line, comments=True)
    stdin = out = None
    if "|" in words:
        i = words.index("|")
        assert words[:1] == ["cat"] and i == 2, f"only `cat FILE | stanceline ...` can run: {line}"
        stdin, words = words[1], words[i + 1 :]
    if ">" in words:
        i = words.index(">")
        out, words = words[i + 1], words[:i]
    assert words[0] == "stanceline", f"not a stanceline command: mark it `{MARK} WHY` in README.md: {line}"
    args = words[1:]
    for i, word in enumerate(args[:-1]):
        if word == "--db":
            args[i + 1] = db
    return args, stdin, out


@pytest.mark.slow  # about 20 s with the ingest and the analyses of the sample corpus
@pytest.mark.parametrize(
    ("n", "line"), RUN, ids=[f"README.md:{n}:{line.split('#')[0][:60]}" for n, line in RUN]
)
def test_shell_example_runs(corpus, n, line):
    here, db = corpus
    args, stdin, out = _argv(line, db)
    with contextlib.chdir(here):
        text = Path(stdin).read_text(encoding="utf-8") if stdin else None
        r = CliRunner().invoke(app, args, input=text, env={"STANCELINE_DB": db}, catch_exceptions=False)
        if out:
            Path(out).write_text(r.stdout, encoding="utf-8")
    assert r.exit_code == 0, f"README.md line {n}: `{line}` exited {r.exit_code}:\n{r.output}"
    assert r.output.strip(), f"README.md line {n}: `{line}` printed nothing"


@pytest.mark.slow
@pytest.mark.parametrize(("n", "body"), PYTHON, ids=[f"README.md:{n}" for n, _ in PYTHON])
def test_python_example_runs(corpus, n, body):
    here, _ = corpus
    printed = io.StringIO()
    with contextlib.chdir(here), contextlib.redirect_stdout(printed):
        exec(compile(body, f"README.md:{n}", "exec"), {"__name__": "readme_example"})
    expected = [line[1:].strip() for line in body.splitlines() if line.startswith("#")]
    for want in expected:
        assert want in printed.getvalue(), f"README.md block at line {n} should print {want!r}"
    assert printed.getvalue().strip() or "add_pipe" in body, f"README.md block at line {n} printed nothing"


@pytest.mark.parametrize(
    ("line", "args", "stdin", "out"),
    [
        ("stanceline actors --db corpus.db  # a comment", ["actors", "--db", "DB"], None, None),
        (
            "cat a.txt | stanceline analyze - --include-text",
            ["analyze", "-", "--include-text"],
            "a.txt",
            None,
        ),
        (
            "stanceline analyze x.txt --format json > out.json",
            ["analyze", "x.txt", "--format", "json"],
            None,
            "out.json",
        ),
        (
            'stanceline timeline "Anaya Veldt" --from 2023',
            ["timeline", "Anaya Veldt", "--from", "2023"],
            None,
            None,
        ),
    ],
)
def test_a_shell_line_is_read_as_the_shell_would(line, args, stdin, out):
    assert _argv(line, "DB") == (args, stdin, out)


@pytest.mark.parametrize(
    "line", ["make run", "curl -s https://example.org/a.html > a.html && stanceline analyze a.html"]
)
def test_a_line_that_is_not_a_stanceline_command_must_be_marked(line):
    with pytest.raises(AssertionError, match="not a stanceline command|only `cat FILE"):
        _argv(line, "DB")
