"""``stanceline actors`` (list, merge, split) and ``stanceline export``."""

from __future__ import annotations

import json
import shutil
import sys
from enum import StrEnum
from typing import Annotated

import typer

from ..errors import StancelineError, UsageError
from .common import DEFAULT_DB, DbOption, err, fail, open_store
from .ingest import GazetteerOption

actors_app = typer.Typer(
    help="Corpus actors: list them, and correct who is who.",
    no_args_is_help=False,
    invoke_without_command=True,
)


class Kind(StrEnum):
    person = "person"
    organization = "organization"
    country = "country"
    group = "group"
    anonymous = "anonymous"


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


@actors_app.callback()
def actors_list(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    kind: Annotated[Kind | None, typer.Option(help="Only this kind.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
) -> None:
    """List actors with their statement and article counts, names and titles (most quoted first)."""
    if ctx.invoked_subcommand is not None:
        return
    from ..store.queries import actors

    with open_store(db) as store:
        rows = actors(store, kind=kind.value if kind else None, limit=limit)
    if format is ListFormat.jsonl:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        return
    width = shutil.get_terminal_size((120, 24)).columns
    print(f"{'id':<16} {'statements':>10} {'articles':>8}  {'kind':<12} name / aliases / titles")
    for r in rows:
        extra = "; ".join(x for x in (", ".join(r["aliases"]), ", ".join(r["titles"])) if x)
        line = f"{r['id']:<16} {r['statements']:>10} {r['articles']:>8}  {r['kind']:<12} {r['name']}"
        if extra:
            line += f"  ({extra})"
        print(line if len(line) <= width else line[: width - 1] + "…")


def _ref(store, actor: dict) -> str:
    """How an override names an actor: by its name when that finds it again, else by its id.

    A name survives what changes ids (a gazetteer given later pins the person
    under a new id); an id is the only way to name one of two actors that
    share a name.
    """
    from ..store.queries import find_actor

    try:
        if find_actor(store, actor["name"])["id"] == actor["id"]:
            return actor["name"]
    except StancelineError:
        pass
    return actor["id"]


def _relink(store, gazetteer: str | None) -> None:
    from ..store import load_gazetteer, relink

    try:
        relink(store, load_gazetteer(gazetteer) if gazetteer else None)
    except StancelineError as exc:
        raise fail(exc) from None


@actors_app.command("merge")
def actors_merge(
    into: Annotated[str, typer.Argument(metavar="A", help="The actor to keep (id, name or alias).")],
    other: Annotated[str, typer.Argument(metavar="B", help="The actor to fold into A.")],
    db: DbOption = DEFAULT_DB,
    gazetteer: GazetteerOption = None,
) -> None:
    """Fold actor B into actor A: they are the same. Kept across re-ingests."""
    from ..store.queries import find_actor, name_fragments

    with open_store(db) as store:
        try:
            a = find_actor(store, into)
            pieces = name_fragments(store, other)  # "Veldt", unresolved in several articles: all of them
            b = find_actor(store, other) if len(pieces) < 2 else {"id": "", "name": other}
        except StancelineError as exc:
            raise fail(exc) from None
        if a["id"] == b["id"]:
            err(f"stanceline: {a['name']} and {other!r} are already one actor ({a['id']})")
            return
        store.add_override("merge", _ref(store, a), _ref(store, b) if b["id"] else other)
        _relink(store, gazetteer)
    what = f"{b['name']} ({b['id']})" if b["id"] else f"{len(pieces)} actors named {other!r}"
    err(f"stanceline: merged {what} into {a['name']} ({a['id']})")


@actors_app.command("split")
def actors_split(
    actor: Annotated[str, typer.Argument(help="The actor (id, name or alias).")],
    name: Annotated[str, typer.Argument(help="A name of it that is someone else.")],
    db: DbOption = DEFAULT_DB,
    gazetteer: GazetteerOption = None,
) -> None:
    """Take NAME away from ACTOR: mentions by that name become an actor of their own. Kept across re-ingests."""  # noqa: E501
    # One line: the docstring is the command's help, and typer keeps a line break in the list of commands.
    from ..store.queries import actors, find_actor

    with open_store(db) as store:
        try:
            a = find_actor(store, actor)
        except StancelineError as exc:
            raise fail(exc) from None
        names = next((r["aliases"] + [r["name"]] for r in actors(store) if r["id"] == a["id"]), [])
        if name.casefold() not in {n.casefold() for n in names}:
            err(
                f"E023 bad value {name!r} for NAME: {a['name']} has no such name; "
                f"its names: {', '.join(names)}"
            )
            raise typer.Exit(2)
        store.add_override("split", _ref(store, a), name)
        _relink(store, gazetteer)
    err(f"stanceline: {name!r} is no longer {a['name']}")


class ExportWhat(StrEnum):
    statements = "statements"
    actors = "actors"
    shifts = "shifts"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def export_command(
    what: Annotated[ExportWhat, typer.Option("--what", help="What to export.")] = ExportWhat.statements,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = ExportFormat.jsonl,
    out: Annotated[
        str | None, typer.Option("--out", "-o", metavar="FILE", help="Output file (default: stdout).")
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export statements (one row per sighting), actors or shifts; streamed, never capped.

    Columns are listed in the README ("Export columns").
    """
    from ..export import export

    with open_store(db) as store:
        try:
            if format is ExportFormat.parquet or out is None:
                n = export(store, what.value, format.value, out=sys.stdout, path=out)
            else:
                with open(out, "w", encoding="utf-8", newline="") as f:
                    n = export(store, what.value, format.value, out=f)
        except StancelineError as exc:
            raise fail(exc) from None
        except OSError as exc:  # the output file cannot be written
            bad = UsageError.make(
                "E023",
                value=out,
                option="--out",
                detail=f"{exc.strerror or exc}; give a file in a folder you may write to",
            )
            raise fail(bad) from None
    err(f"stanceline: {n} {what.value} rows" + (f" → {out}" if out else ""))


def relink_command(
    db: DbOption = DEFAULT_DB,
    gazetteer: GazetteerOption = None,
) -> None:
    """Rebuild actors, statements and the search index from the stored articles.

    Needed only after an ingest that was stopped, or to apply a new gazetteer
    without re-reading anything; ingest, merge and split do it themselves.
    """
    from ..store import load_gazetteer, relink

    with open_store(db) as store:
        try:
            summary = relink(store, load_gazetteer(gazetteer) if gazetteer else None)
        except StancelineError as exc:
            raise fail(exc) from None
    err(
        f"stanceline: {summary.actors} actors, {summary.statements} statements "
        f"({summary.sightings} sightings); {summary.changed} rows changed → {store.label}"
    )
