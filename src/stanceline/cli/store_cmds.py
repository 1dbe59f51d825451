"""``stanceline actors`` (list, merge, split, rename), ``stanceline correct`` and ``stanceline export``."""

from __future__ import annotations

import shutil
import sys
from enum import StrEnum
from typing import Annotated

import typer

from ..errors import StancelineError, UsageError
from .common import DEFAULT_DB, DbOption, err, fail, open_store
from .ingest import GazetteerOption
from .output import FormatOption, LimitOption, ListFormat, write_rows

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


@actors_app.callback()
def actors_list(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    kind: Annotated[Kind | None, typer.Option(help="Only this kind.")] = None,
    limit: LimitOption = None,
    format: FormatOption = ListFormat.table,
) -> None:
    """List actors with their statement and article counts, names and titles (most quoted first)."""
    if ctx.invoked_subcommand is not None:
        return
    from ..store.queries import actors

    with open_store(db) as store:
        rows = actors(store, kind=kind.value if kind else None, limit=limit)
    if format is not ListFormat.table:
        write_rows(rows, format)
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
    """How an override names an actor (:func:`stanceline.store.queries.actor_ref`)."""
    from ..store.queries import actor_ref

    return actor_ref(store, actor)


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
            bad = UsageError.make(
                "E023",
                value=name,
                option="NAME",
                detail=f"{a['name']} has no such name; its names: {', '.join(names)}",
            )
            raise fail(bad)
        store.add_override("split", _ref(store, a), name)
        _relink(store, gazetteer)
    err(f"stanceline: {name!r} is no longer {a['name']}")


@actors_app.command("rename")
def actors_rename(
    actor: Annotated[str, typer.Argument(help="The actor (id, name or alias).")],
    new_name: Annotated[str, typer.Argument(metavar="NEW_NAME", help="The name to show it by.")],
    db: DbOption = DEFAULT_DB,
    gazetteer: GazetteerOption = None,
) -> None:
    """Show ACTOR as NEW_NAME everywhere; its other names stay its aliases. Kept across re-ingests."""
    from ..store.queries import actors_named, find_actor

    with open_store(db) as store:
        try:
            a = find_actor(store, actor)
            name = " ".join(new_name.split())
            if not name:
                raise UsageError.make("E023", value=new_name, option="NEW_NAME", detail="give a name")
            other = next((r for r in actors_named(store, name) if r["id"] != a["id"]), None)
            if other is not None:
                raise UsageError.make(
                    "E023",
                    value=new_name,
                    option="NEW_NAME",
                    detail=f"{other['id']} is called that; if they are one actor, "
                    f"`stanceline actors merge {a['id']} {other['id']}`",
                )
        except StancelineError as exc:
            raise fail(exc) from None
        store.add_override("rename", _ref(store, a), name)
        _relink(store, gazetteer)
    err(f"stanceline: {a['name']} ({a['id']}) is now shown as {name!r}")


def correct_command(
    statement: Annotated[
        str, typer.Argument(help="A statement id, or one of its reports as ARTICLE_ID:STATEMENT_ID.")
    ],
    speaker: Annotated[
        str | None, typer.Option("--speaker", metavar="ACTOR", help="Who said it (id, name or alias).")
    ] = None,
    said_on: Annotated[
        str | None, typer.Option("--said-on", metavar="DATE", help="When: YYYY-MM-DD, YYYY-MM or YYYY.")
    ] = None,
    stance: Annotated[
        list[str] | None,
        typer.Option(
            "--stance",
            metavar="TOPIC=LABEL",
            help="Its stance on a topic: support, oppose, conditional, neutral, or none (repeatable).",
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    gazetteer: GazetteerOption = None,
) -> None:
    """Correct a statement's speaker, date or stance. Kept across re-ingests and shown as corrected."""
    from ..store.corrections import record, statement_at

    with open_store(db) as store:
        try:
            done = record(store, statement, speaker=speaker, said_on=said_on, stances=stance or ())
        except StancelineError as exc:
            raise fail(exc) from None
        _relink(store, gazetteer)
        now_id = statement_at(store, done.reports[0]) if done.reports else None
    what = []
    if done.speaker:
        what.append(f"speaker {done.speaker['name']} ({done.speaker['id']})")
    if done.said_on:
        what.append(f"said on {done.said_on}")
    what += [f"{t}: {label}" for t, label in done.stances.items()]
    moved = f", now {now_id}" if now_id and now_id != done.statement_id else ""
    err(
        f"stanceline: corrected statement {done.statement_id}{moved} ({len(done.reports)} report(s)): "
        f"{'; '.join(what)}; kept across re-ingests"
    )


class ExportWhat(StrEnum):
    statements = "statements"
    actors = "actors"
    shifts = "shifts"
    events = "events"


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
    """Export statements (one row per sighting), actors, shifts or events (one row per report); streamed,
    never capped.

    Columns are listed in docs/corpus.md ("Export columns").
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
        except BrokenPipeError:  # the reader went away (`| head`): click ends quietly
            raise
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
    event_window: Annotated[
        int | None,
        typer.Option(
            "--event-window",
            metavar="DAYS",
            help="Reports of one event may date it this many days apart (default 3); kept for later relinks.",
        ),
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Refold every actor's statements, not only those of articles stored since the last.",
        ),
    ] = False,
) -> None:
    """Rebuild actors, statements, events and the search index from the stored articles.

    Needed only after an ingest that was stopped, to apply a new gazetteer
    without re-reading anything, or to fold events with another window; ingest,
    merge and split do it themselves.
    """
    from ..store import load_gazetteer, relink

    with open_store(db) as store:
        try:
            summary = relink(
                store,
                load_gazetteer(gazetteer) if gazetteer else None,
                full=full,
                event_window=event_window,
            )
        except StancelineError as exc:
            raise fail(exc) from None
    err(
        f"stanceline: {summary.actors} actors, {summary.statements} statements "
        f"({summary.sightings} sightings), {summary.events} events ({summary.event_sightings} reports); "
        f"{summary.changed} rows changed → {store.label}"
    )
