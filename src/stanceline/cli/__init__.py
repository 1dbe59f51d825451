"""The ``stanceline`` command: thin wrappers over library functions."""

from __future__ import annotations

import typer

from .analyze import analyze_command

app = typer.Typer(
    name="stanceline",
    help="Who said what, about what, with which stance, on which conditions, and when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("analyze")(analyze_command)


@app.callback()
def _root() -> None:
    """Who said what, about what, with which stance, on which conditions, and when."""


def main() -> None:
    """Console-script entry point."""
    app()
