"""The documentation keeps up with the code: every command and option of the CLI says what it does
(``--help``) and is in README.md, and README's error-code table lists exactly the codes of errors.py.

The commands are read from typer's own command tree, so a new command or option fails here until
it has help text and a place in the README.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from stanceline.cli import app
from stanceline.errors import Errors

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
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
def test_every_command_is_in_the_readme(path):
    words = r"\s+".join(map(re.escape, path.split()))
    assert re.search(rf"\bstanceline\s+{words}\b", README), f"README.md never shows `stanceline {path}`"


@pytest.mark.parametrize("option", LONG_OPTIONS)
def test_every_long_option_is_in_the_readme(option):
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", README), f"README.md never names {option}"


def _readme_codes() -> set[str]:
    """The codes in the first column of README's table headed ``| code | meaning |``."""
    lines = README.splitlines()
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
    assert not missing, f"in errors.py but not in README's error-code table: {missing}"
    assert not unknown, f"in README's error-code table but not in errors.py: {unknown}"
