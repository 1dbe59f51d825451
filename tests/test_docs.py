"""The documentation keeps up with the code: every command and option of the CLI says what it does
(``--help``) and is in the CLI reference (docs/cli.md), the error-code table of docs/errors.md lists exactly
the codes of errors.py, and every relative link of README.md and docs/*.md leads to a file and heading
that exist.

The commands are read from typer's own command tree, so a new command or option fails here until
it has help text and a place in the CLI reference.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from stanceline.cli import app
from stanceline.errors import Errors

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
#: The page where every command and long option is shown, and the one with the error-code table.
CLI_REFERENCE = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
ERRORS_PAGE = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
CODE = re.compile(r"\b[EW]\d{3}\b")


def _commands() -> list[tuple[str, object]]:
    """Every command and sub-command as ``("actors merge", command)``; the root is ``""``."""
    found = []

    def walk(cmd, path: str) -> None:
        found.append((path, cmd))
        for name, sub in sorted((getattr(cmd, "commands", None) or {}).items()):
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(app), "")
    return found


COMMANDS = _commands()
SUBCOMMANDS = [(path, cmd) for path, cmd in COMMANDS if path]
PARAMS = [
    (f"{path or 'stanceline'} {param.name}", param)
    for path, cmd in COMMANDS
    for param in cmd.params
    if not getattr(param, "hidden", False)
]
LONG_OPTIONS = sorted(
    {
        opt
        for _, param in PARAMS
        if param.param_type_name == "option"
        for opt in [*param.opts, *param.secondary_opts]
        if opt.startswith("--")
    }
)


def test_the_cli_is_introspected():
    # guards the test itself: typer's tree is walked, sub-commands and options included
    assert {"analyze", "ingest", "actors", "actors merge", "serve"} <= {p for p, _ in SUBCOMMANDS}
    assert {"--db", "--format", "--gazetteer"} <= set(LONG_OPTIONS)


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[p or "stanceline" for p, _ in COMMANDS])
def test_every_command_has_help(path, cmd):
    assert (cmd.help or "").strip(), f"`stanceline {path}` has no help text (its docstring or help=)"


@pytest.mark.parametrize(("where", "param"), PARAMS, ids=[w for w, _ in PARAMS])
def test_every_option_and_argument_has_help(where, param):
    name = "/".join(param.opts) if param.param_type_name == "option" else param.name.upper()
    assert (getattr(param, "help", None) or "").strip(), f"{name} of `{where}` has no help text"


@pytest.mark.parametrize("path", [p for p, _ in SUBCOMMANDS])
def test_every_command_is_in_the_cli_reference(path):
    words = r"\s+".join(map(re.escape, path.split()))
    assert re.search(rf"\bstanceline\s+{words}\b", CLI_REFERENCE), (
        f"docs/cli.md never shows `stanceline {path}`"
    )


@pytest.mark.parametrize("option", LONG_OPTIONS)
def test_every_long_option_is_in_the_cli_reference(option):
    found = re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", CLI_REFERENCE)
    assert found, f"docs/cli.md never names {option}"


def _readme_codes() -> set[str]:
    """The codes in the first column of docs/errors.md's table headed ``| code | meaning |``."""
    lines = ERRORS_PAGE.splitlines()
    start = next(i for i, line in enumerate(lines) if re.fullmatch(r"\|\s*code\s*\|\s*meaning\s*\|", line))
    codes: set[str] = set()
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        codes |= set(CODE.findall(line.split("|")[1]))
    return codes


def test_error_codes_are_the_readme_table():
    defined = {name for name in vars(Errors) if CODE.fullmatch(name)}
    table = _readme_codes()
    assert len(defined) > 20 and len(table) > 20  # both were found
    missing, unknown = sorted(defined - table), sorted(table - defined)
    assert not missing, f"in errors.py but not in the error-code table of docs/errors.md: {missing}"
    assert not unknown, f"in the error-code table of docs/errors.md but not in errors.py: {unknown}"


LINK = re.compile(r"!?\[[^\]]*\]\((?P<target>[^)\s]+)\)")
FENCED = re.compile(r"^[ ]*```.*?^[ ]*```[ ]*$", re.M | re.S)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation but ``-`` and ``_`` dropped, spaces to ``-``."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of a page's headings (outside code blocks; a repeated heading gets ``-1``, ...)."""
    found: set[str] = set()
    for line in FENCED.sub("", page.read_text(encoding="utf-8")).splitlines():
        if m := re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line):
            base = slug(m[1])
            name, n = base, 0
            while name in found:
                n += 1
                name = f"{base}-{n}"
            found.add(name)
    return found


def links(page: Path) -> list[str]:
    """The link and image targets of a page, code blocks and inline code left out."""
    text = FENCED.sub("", page.read_text(encoding="utf-8"))
    return [m["target"] for m in LINK.finditer(re.sub(r"`[^`\n]*`", "", text))]


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Current figures", "current-figures"),
        ("Output contract: `stanceline.article/1`", "output-contract-stancelinearticle1"),
        ("When: temporal expressions and `said_on`", "when-temporal-expressions-and-said_on"),
        (
            "Dashboard latency (2026-11-29) and load (2026-12-07)",
            "dashboard-latency-2026-11-29-and-load-2026-12-07",
        ),
        ("`ingest` and the commands that list things", "ingest-and-the-commands-that-list-things"),
    ],
)
def test_slug_is_githubs_anchor(heading, anchor):
    assert slug(heading) == anchor


def broken_links(page: Path) -> list[str]:
    """The links of a page that are not URLs and name no file that exists, or no heading of that file."""
    broken = []
    for target in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):
            continue  # http:, https:, mailto: ...
        path, _, anchor = target.partition("#")
        file = (page.parent / path) if path else page
        if not file.exists():
            broken.append(f"{target}: no file {path}")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file):
            broken.append(f"{target}: no heading #{anchor} in {file.name}")
    return broken


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(ROOT).as_posix() for p in PAGES])
def test_every_relative_link_resolves(page):
    """Every link of README.md and docs/*.md that is not a URL names a file that exists, and its
    ``#anchor`` a heading of that file."""
    assert not broken_links(page)


def test_the_links_are_found_and_every_page_is_linked_from_the_readme():
    # guards the link test itself, and no reference page is left where nobody finds it
    readme = links(README)
    assert "docs/img/actor-page.png" in readme and "docs/cli.md" in readme
    for page in PAGES[1:]:
        assert f"docs/{page.name}" in readme, f"README.md does not link docs/{page.name}"


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("[a](docs/cli.md)", []),
        ("[a](docs/nope.md)", ["docs/nope.md: no file docs/nope.md"]),
        ("![a](docs/img/nope.png)", ["docs/img/nope.png: no file docs/img/nope.png"]),
        (
            "[a](docs/cli.md#no-such-heading)",
            ["docs/cli.md#no-such-heading: no heading #no-such-heading in cli.md"],
        ),
        ("[a](#current-figures)", []),
        ("[a](#nowhere)", ["#nowhere: no heading #nowhere in README.md"]),
        ("`[a](nope.md)`", []),
        ("[a](https://example.org/x)", []),
    ],
)
def test_a_broken_link_is_caught(tmp_path, text, broken):
    """README.md with one more line, beside the repository's files: only that line's bad link is reported."""
    for entry in ("docs", "benchmarks", "examples", "CHANGELOG.md"):
        (tmp_path / entry).symlink_to(ROOT / entry)
    fake = tmp_path / "README.md"
    fake.write_text(README.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    assert broken_links(fake) == broken
