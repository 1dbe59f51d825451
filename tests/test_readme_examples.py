"""Every example in README.md and in the reference pages (docs/*.md) runs: their ```sh and ```python code
blocks are extracted and executed.

The shell lines that are ``stanceline ...`` commands run through the CLI in-process (typer's CliRunner)
against the sample corpus (``examples/articles``, ``examples/actors.toml``), in a folder of their own where
``examples`` is the repository's; every ``--db`` is one database of the sample corpus, ingested once for
this module. ``cat FILE | stanceline ...`` feeds FILE on stdin and ``stanceline ... > FILE`` writes FILE.
The python blocks run with ``exec``; a comment line at the start of a line in a python block is output that
the block must print. A line that cannot run in a test (a server, a network, PostgreSQL, the Makefile) says
so in the page with a comment ``# not run by the tests: WHY``; every other line must run, exit 0 and print.
The examples run in order, README.md first, then the pages of docs/ by name: ``actors merge`` and
``correct`` (docs/corpus.md) change the database the later ones read.
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
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARK = "# not run by the tests:"
FENCE = re.compile(
    r"^(?P<indent>[ ]*)```(?P<lang>sh|python)[ ]*\n(?P<body>.*?)^(?P=indent)```[ ]*$", re.M | re.S
)
ANY_FENCE = re.compile(r"^[ ]*```(?P<lang>[\w-]*)[ ]*\n(?P<body>.*?)^[ ]*```[ ]*$", re.M | re.S)


def _blocks(page: Path) -> list[tuple[str, str, int, str]]:
    """A page's ```sh and ```python blocks as ``(where, lang, line, body)``, in order."""
    text = page.read_text(encoding="utf-8")
    where = page.relative_to(ROOT).as_posix()
    return [(where, m["lang"], text.count("\n", 0, m.start()) + 1, m["body"]) for m in FENCE.finditer(text)]


def _shell_lines(body: str) -> list[str]:
    """The commands of a sh block, continuation lines joined; comment-only lines left out."""
    lines = re.sub(r"\\\n\s*", " ", body).splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


BLOCKS = [block for page in PAGES for block in _blocks(page)]
SHELL = [(f"{w}:{n}", line) for w, lang, n, body in BLOCKS if lang == "sh" for line in _shell_lines(body)]
RUN = [(at, line) for at, line in SHELL if MARK not in line]
SKIPPED = [(at, line) for at, line in SHELL if MARK in line]
PYTHON = [(f"{w}:{n}", body) for w, lang, n, body in BLOCKS if lang == "python"]


def _command(line: str) -> str:
    return shlex.split(line, comments=True)[1]


def test_the_examples_are_found():
    # guards the extraction itself: the blocks of README.md and of every page of docs/ are all there
    assert {p.name for p in PAGES} >= {"README.md", "cli.md", "corpus.md", "dashboard.md", "python-api.md"}
    assert len(PYTHON) >= 3
    assert len(RUN) >= 20
    assert {"analyze", "ingest", "actors", "timeline", "shifts", "export", "correct", "relink"} <= {
        _command(line) for _, line in RUN if line.startswith("stanceline ")
    }
    readme = [line for at, line in RUN if at.startswith("README.md:")]
    assert len(readme) >= 5 and any(at.startswith("README.md:") for at, _ in PYTHON)


def test_the_lines_not_run_are_few_and_say_why():
    # 8, and the 3 lines of a SLURM cluster in docs/corpus.md (running on a cluster)
    assert len(SKIPPED) <= 11, [line for _, line in SKIPPED]
    for _, line in SKIPPED:
        why = line.split(MARK, 1)[1].strip()
        assert len(why) > 5, f"say why it is not run: {line}"


def test_the_readme_opens_with_the_two_commands():
    """README.md's first code block is ``make run`` and ``make test``, and nothing else."""
    first = ANY_FENCE.search(PAGES[0].read_text(encoding="utf-8"))
    assert first is not None and first["lang"] == "sh"
    assert [line.split("#")[0].strip() for line in _shell_lines(first["body"])] == ["make run", "make test"]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_no_example_hides_in_a_block_the_tests_skip(page):
    """A block that shows stanceline commands or Python is fenced as sh or python, so that it runs; a
    plain or other-language block may show output, JSON, TOML or a tree, never a command to type."""
    for m in ANY_FENCE.finditer(page.read_text(encoding="utf-8")):
        if m["lang"] in ("sh", "python"):
            continue
        starts = [line.strip() for line in m["body"].splitlines()]
        assert not any(line.startswith(("stanceline ", "import ", ">>> ")) for line in starts), (
            f"{page.name}: a ```{m['lang']} block holds a command; fence it as sh or python"
        )


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
    assert words[0] == "stanceline", f"not a stanceline command: mark it `{MARK} WHY` in its page: {line}"
    args = words[1:]
    for i, word in enumerate(args[:-1]):
        if word == "--db":
            args[i + 1] = db
    return args, stdin, out


@pytest.mark.slow  # about 20 s with the ingest and the analyses of the sample corpus
@pytest.mark.parametrize(("at", "line"), RUN, ids=[f"{at}:{line.split('#')[0][:60]}" for at, line in RUN])
def test_shell_example_runs(corpus, at, line):
    here, db = corpus
    args, stdin, out = _argv(line, db)
    with contextlib.chdir(here):
        text = Path(stdin).read_text(encoding="utf-8") if stdin else None
        r = CliRunner().invoke(app, args, input=text, env={"STANCELINE_DB": db}, catch_exceptions=False)
        if out:
            Path(out).write_text(r.stdout, encoding="utf-8")
    assert r.exit_code == 0, f"{at}: `{line}` exited {r.exit_code}:\n{r.output}"
    assert r.output.strip(), f"{at}: `{line}` printed nothing"


@pytest.mark.slow
@pytest.mark.parametrize(("at", "body"), PYTHON, ids=[at for at, _ in PYTHON])
def test_python_example_runs(corpus, at, body):
    here, _ = corpus
    printed = io.StringIO()
    with contextlib.chdir(here), contextlib.redirect_stdout(printed):
        exec(compile(body, at, "exec"), {"__name__": "readme_example"})
    expected = [line[1:].strip() for line in body.splitlines() if line.startswith("#")]
    for want in expected:
        assert want in printed.getvalue(), f"the block at {at} should print {want!r}"
    assert printed.getvalue().strip() or "add_pipe" in body, f"the block at {at} printed nothing"


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
