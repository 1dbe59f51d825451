"""The ``stanceline`` command: thin wrappers over library functions."""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from .analyze import analyze_command
from .ingest import ingest_command
from .serve import serve_command
from .store_cmds import actors_app, correct_command, export_command, relink_command
from .timeline import shifts_command, timeline_command
from .train import train_app

app = typer.Typer(
    name="stanceline",
    help="Who said what, about what, with which stance, on which conditions, and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("analyze")(analyze_command)
app.command("ingest")(ingest_command)
app.add_typer(actors_app, name="actors")
app.command("timeline")(timeline_command)
app.command("shifts")(shifts_command)
app.command("correct")(correct_command)
app.command("export")(export_command)
app.command("relink")(relink_command)
app.command("serve")(serve_command)
app.add_typer(train_app, name="train")


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"stanceline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Who said what, about what, with which stance, on which conditions, and when."""


def main() -> None:
    """Console-script entry point. A database that fails in any command (a full disk, a lost server) is
    one coded line, E033, and exit code 3, never a traceback."""
    try:
        app()
    except Exception as exc:
        from ..store import DATABASE_ERRORS, storage_error  # imported here: a command starts faster
        from .common import STORAGE_EXIT, err

        if not isinstance(exc, DATABASE_ERRORS):
            raise
        err(str(storage_error(exc, "the database")))
        raise SystemExit(STORAGE_EXIT) from None
