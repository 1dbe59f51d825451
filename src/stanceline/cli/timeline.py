"""``stanceline timeline ACTOR`` and ``stanceline shifts``: positions over time, from the database."""

from __future__ import annotations

import shutil
import sys
from collections import defaultdict
from typing import Annotated

import typer

from ..errors import StancelineError, UsageError
from ..io.readers import parse_date
from .common import DEFAULT_DB, DbOption, err, fail, open_store
from .output import FormatOption, LimitOption, ListFormat, write_rows

FromOption = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="From this date on (YYYY, YYYY-MM, YYYY-MM-DD).")
]
ToOption = Annotated[str | None, typer.Option("--to", metavar="DATE", help="Up to this date (a period too).")]
EventsOption = Annotated[
    bool,
    typer.Option(
        "--events/--no-events",
        help="Show what happened (events the actor or its country is a party to) between the statements.",
    ),
]


def _date_opt(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    v = value.strip()
    if len(v) in (4, 7) and v[:4].isdigit():  # a year or a month is a period too
        try:
            parse_date(v + ("-01-01" if len(v) == 4 else "-01"), option)
            return v
        except StancelineError:
            pass
    return parse_date(v, option)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def _timeline_row(sid: str, ps: list) -> dict:
    """One statement of a timeline as a row of ``--format jsonl|json|csv``: its stances on every topic."""
    p = ps[0]
    return {
        "statement_id": sid,
        "actor_id": p.actor_id,
        "actor": p.actor,
        "said_on": p.said_on,
        "granularity": p.granularity,
        "basis": p.basis,
        "uncertain": p.uncertain,
        "stances": [
            {"topic": q.topic, "stance": q.stance, "conditions": list(q.conditions)} for q in ps if q.topic
        ],
        "content": p.content,
        "article_id": p.article_id,
        "ref": p.ref,
        "url": p.url,
        "sightings": p.sightings,
        "corrected": p.corrected,
    }


def timeline_command(
    actor: Annotated[
        str | None,
        typer.Argument(
            help="Actor id, name or alias (see `stanceline actors`); "
            "default: the person with the most statements."
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    topic: Annotated[str | None, typer.Option(help="Only statements on this topic.")] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    limit: LimitOption = None,
    format: FormatOption = ListFormat.table,
    events: EventsOption = True,
) -> None:
    """An actor's dated statements in order, with stance, conditions and article; the events the
    actor (or its country) is a party to between them.

    A date shown as ≤2024-03-05 is only known to be on or before that day (the
    article's publication): the statement carries no date of its own. Events are
    printed in the table only (`stanceline export --what events` and `/api/events`
    give them as data); a threatened or planned one is marked so, and one said not
    to have happened is never shown.
    """
    from ..store.queries import check_range, check_topic, find_actor, points
    from ..timeline import timeline

    try:
        lo, hi = _date_opt(date_from, "--from"), _date_opt(date_to, "--to")
        check_range(lo, hi)
    except StancelineError as exc:
        raise fail(exc) from None
    with open_store(db) as store:
        try:
            check_topic(store, topic)
            if actor is None:
                from ..store.queries import actors

                top = actors(store, kind="person", limit=1)
                if not top:
                    raise UsageError.make("E021", path="to show", detail=" (nothing ingested yet)")
                who = top[0]
            else:
                who = find_actor(store, actor)
        except StancelineError as exc:
            raise fail(exc) from None
        pts = timeline(
            points(store, actor_id=who["id"], topic=topic, with_unstanced=topic is None),
            topic=topic,
            date_from=lo,
            date_to=hi,
        )
        happened = _actor_events(store, who, lo, hi) if events and format is ListFormat.table else []
    # One line per statement: its stances on every topic together.
    by_statement: dict[str, list] = defaultdict(list)
    order = []
    for p in pts:
        if p.statement_id not in by_statement:
            order.append(p.statement_id)
        by_statement[p.statement_id].append(p)
    order = order[:limit] if limit else order
    if format is not ListFormat.table:
        write_rows((_timeline_row(sid, by_statement[sid]) for sid in order), format)
        return

    width = shutil.get_terminal_size((120, 24)).columns
    print(
        f"{who['name']} — {len(order)} statement(s)"
        + (f" on {topic}" if topic else "")
        + (f" from {lo}" if lo else "")
        + (f" to {hi}" if hi else "")
    )
    if happened:
        print(f"  and {len(happened)} event(s) the actor or its country is a party to")
    for kind, item in _interleave([by_statement[sid] for sid in order], happened):
        if kind == "event":
            print(event_line(item, width))
            continue
        ps = item
        p = ps[0]
        stance = ", ".join(f"{q.topic}:{q.stance}" for q in ps if q.topic) or "—"
        seen = (f" ×{p.sightings}" if p.sightings > 1 else "") + (" corrected" if p.corrected else "")
        # One line a statement: date, stances, the words, where they are; conditions below.
        head = f"{p.when:<12} {stance:<28} "
        tail = f"  [{p.ref}{seen}]"
        print(head + _cut(f'"{p.content}"', max(width - len(head) - len(tail), 20)) + tail)
        for q in ps:
            for c in q.conditions:
                print(" " * 13 + _cut(f"condition: {c}", max(width - 14, 20)))


def _actor_events(store, who: dict, lo: str | None, hi: str | None) -> list:
    """The events (never a negated one) the actor or its country is a party to, in the dates asked."""
    from ..eventline import in_range
    from ..store.events import event_points

    found = event_points(
        store, actor_ids=[who["id"]], countries=[who["country"]] if who.get("country") else []
    )
    return [e for e in in_range(found, lo, hi) if e.drawn]


def _interleave(statements: list[list], events: list) -> list[tuple[str, object]]:
    """Statements (each a list of its points) and events in one order of time: an event before the
    statements of its day (what happened, then what was said of it); undated ones last."""
    import datetime as dt

    def key(when: tuple | None, kind: int, n: int) -> tuple:
        return (when[0] if when else dt.date.max, kind, n)

    keyed = [(key(ps[0].period, 1, n), "statement", ps) for n, ps in enumerate(statements)]
    keyed += [(key(e.period, 0, n), "event", e) for n, e in enumerate(events)]
    return [(kind, item) for _, kind, item in sorted(keyed, key=lambda k: k[0])]


def event_line(e, width: int, indent: str = "") -> str:
    """One event as a line of text: date, type (and whether it only was threatened or planned), who did it
    to whom, the words that say it, where it is reported."""
    kind = f"{e.type}{' (threat/plan)' if e.hypothetical else ''}"
    head = f"{indent}{e.when:<12} event {kind:<22} "
    tail = f"  [{e.ref}{f' ×{e.sightings}' if e.sightings > 1 else ''}]"
    body = e.parties + (f": {e.trigger}" if e.trigger else "")
    return head + _cut(body, max(width - len(head) - len(tail), 20)) + tail


def shifts_command(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="Only this actor (id, name or alias).")] = None,
    topic: Annotated[str | None, typer.Option(help="Only this topic.")] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    limit: LimitOption = None,
    format: FormatOption = ListFormat.table,
    events: EventsOption = True,
    since: Annotated[
        str | None, typer.Option("--since", hidden=True, help="Deprecated: the old name of --from.")
    ] = None,
) -> None:
    """Changes of stance (oppose ↔ support/conditional) with the evidence on both sides, and what happened in
    between: the events the actor, its country or the shift's counterpart is a party to, dated from the last
    statement before to the first after (`between` in JSON, CSV and JSONL)."""
    from ..store import shiftstore
    from ..store.events import shift_events
    from ..store.queries import check_range, check_topic, find_actor, points
    from ..timeline import detect_shifts, period

    if since is not None:  # old scripts keep working
        err("stanceline: --since is deprecated; use --from (and --to)")
        date_from = date_from or since
    try:
        lo = _date_opt(date_from, "--since" if date_from is since else "--from")
        hi = _date_opt(date_to, "--to")
        check_range(lo, hi)
    except StancelineError as exc:
        raise fail(exc) from None

    with open_store(db) as store:
        try:
            check_topic(store, topic)
            aid = find_actor(store, actor)["id"] if actor else None
        except StancelineError as exc:
            raise fail(exc) from None
        if aid:
            shifts = detect_shifts(points(store, actor_id=aid, topic=topic), since=lo)
        else:  # every actor's: as relink detected them over the whole corpus (the shifts table)
            with store.connect() as conn:
                shifts = shiftstore.read(conn, topic=topic)
            if lo:  # a shift dates from its first statement with the new stance: from the start of the period
                start = period(lo)[0]  # type: ignore[index]
                shifts = [s for s in shifts if (span := s.after[0].period) is not None and span[1] >= start]
        if hi:  # a shift dates from its first statement with the new stance: up to the end of the period
            end = period(hi)[1]  # type: ignore[index]
            shifts = [s for s in shifts if (span := period(s.date)) is not None and span[0] <= end]
        shifts = shifts[:limit] if limit else shifts
        between = shift_events(store, shifts) if events else None
    if format is not ListFormat.table:
        write_rows(
            (
                {**s.to_dict(), **({"between": [e.to_dict() for e in between[i]]} if between else {})}
                for i, s in enumerate(shifts)
            ),
            format,
        )
        return
    print_shifts(shifts, between=between)


def print_shifts(shifts: list, out=None, *, between: list[list] | None = None) -> None:
    """Shifts as text for people: the change, its date, the last word before and the first after, and
    ``between[i]``, the events between the two sides of shift ``i`` (none printed when ``None``)."""
    out = out or sys.stdout
    width = shutil.get_terminal_size((120, 24)).columns
    if not shifts:
        print("no stance shifts found", file=out)
        return
    print(f"{len(shifts)} stance shift(s)", file=out)
    for i, s in enumerate(shifts):
        print(f"\n{s.when:<12} {s.actor} on {s.topic}: {s.from_stance} → {s.to_stance}", file=out)
        for label, p, n in (("before", s.before[-1], len(s.before)), ("after", s.after[0], len(s.after))):
            more = f" (+{n - 1} more)" if n > 1 else ""
            line = f"  {label:<7}{p.when:<12} "
            print(line + _cut(f'"{p.content}"', max(width - len(line) - 1, 20)), file=out)
            for c in p.conditions:
                print(" " * 21 + _cut(f"condition: {c}", max(width - 22, 20)), file=out)
            print(" " * 21 + f"[{p.ref}]{more}", file=out)
            if label == "before" and between is not None:
                happened = between[i]
                print(f"  in between: {len(happened) or 'no'} event(s)", file=out)
                for e in happened:
                    print(event_line(e, width, indent="    "), file=out)
