"""The overview's corpus-wide counts, kept in three small tables instead of counted at every request.

``summary_counts`` (rows per main table), ``summary_months`` (statements per month said) and
``summary_stances`` (statements per topic and stance) hold a few hundred rows whatever the size of the
corpus. A relink keeps them in line in SQL:

* an **incremental** relink tallies, batch by batch, the months and stances of the statements it is about
  to replace (``GROUP BY`` over the batch's scope, read through the same indexes as the batch itself) and
  of those it wrote, and adds the difference at its end (:class:`Tally`);
* a **full** relink, and the migration to schema 6, count them anew (:func:`rebuild`);
* every relink writes the row counts (:func:`write_counts`).

So the overview reads a few rows; ``GROUP BY`` over ten million statements is never part of a request.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, insert, literal, select, tuple_

from . import schema as S

#: The tables whose rows ``summary_counts`` holds (the overview's counts).
COUNTED = ("articles", "sightings", "statements", "actors", "failures")


def _month() -> Any:
    return func.substr(S.statements.c.said_on, 1, 7)


def _months_query(scope: Any = None) -> Any:
    st, m = S.statements, _month()
    q = select(m.label("month"), func.count().label("n")).where(func.length(st.c.said_on) >= 7)
    return (q if scope is None else q.where(scope)).group_by(m)


def _stances_query(scope: Any = None) -> Any:
    ss = S.statement_stances
    q = select(ss.c.topic, ss.c.stance, func.count().label("n"))
    if scope is not None:
        q = q.where(ss.c.statement_id.in_(select(S.statements.c.id).where(scope)))
    return q.group_by(ss.c.topic, ss.c.stance)


@dataclass
class Tally:
    """What an incremental relink changed in the summaries: per month and per (topic, stance), the
    statements it wrote less those it replaced."""

    months: Counter[str] = field(default_factory=Counter)
    stances: Counter[tuple[str, str]] = field(default_factory=Counter)

    def take(self, conn: Any, scope: Any, sign: int) -> None:
        """Count the statements ``scope`` selects now, with ``sign`` (-1 before a batch, +1 after)."""
        for r in conn.execute(_months_query(scope)):
            self.months[r.month] += sign * r.n
        for r in conn.execute(_stances_query(scope)):
            self.stances[(r.topic, r.stance)] += sign * r.n

    def write(self, store: Any, conn: Any) -> None:
        """Add the differences to the summary tables (a row left at 0 goes)."""
        _add(store, conn, S.summary_months, ("month",), {(k,): n for k, n in self.months.items() if n})
        _add(
            store, conn, S.summary_stances, ("topic", "stance"), {k: n for k, n in self.stances.items() if n}
        )


def _add(store: Any, conn: Any, table: Any, keys: tuple[str, ...], delta: dict[tuple, int]) -> None:
    if not delta:
        return
    cols = [table.c[k] for k in keys]
    wanted = sorted(delta)
    have: dict[tuple, int] = {}
    for i in range(0, len(wanted), 300):
        chunk = wanted[i : i + 300]
        where = cols[0].in_([k[0] for k in chunk]) if len(cols) == 1 else tuple_(*cols).in_(chunk)
        have.update({tuple(r[:-1]): r[-1] for r in conn.execute(select(*cols, table.c.n).where(where))})
    rows, gone = [], []
    for key, n in delta.items():
        total = have.get(key, 0) + n
        if total > 0:
            rows.append({**dict(zip(keys, key, strict=True)), "n": total})
        elif key in have:
            gone.append(key)
    for key in gone:
        conn.execute(delete(table).where(*(c == v for c, v in zip(cols, key, strict=True))))
    for i in range(0, len(rows), 1000):
        store.upsert(conn, table, rows[i : i + 1000])


def rebuild(conn: Any) -> None:
    """Count the months and stances of every statement anew (``INSERT ... SELECT ... GROUP BY``), and
    the row counts."""
    conn.execute(delete(S.summary_months))
    conn.execute(insert(S.summary_months).from_select(["month", "n"], _months_query()))
    conn.execute(delete(S.summary_stances))
    conn.execute(insert(S.summary_stances).from_select(["topic", "stance", "n"], _stances_query()))
    write_counts(conn)


def write_counts(conn: Any, known: dict[str, int] | None = None) -> None:
    """Write the rows of each of :data:`COUNTED` (``known``: counts the caller has already)."""
    known = known or {}
    conn.execute(delete(S.summary_counts))
    for name in COUNTED:
        if name in known:
            conn.execute(insert(S.summary_counts).values(name=name, n=known[name]))
            continue
        table = S.metadata.tables[name]
        q = select(literal(name), func.count()).select_from(table)
        conn.execute(insert(S.summary_counts).from_select(["name", "n"], q))


def read(conn: Any) -> tuple[dict[str, int], list[tuple[str, int]], dict[str, dict[str, int]]]:
    """``(counts, months, topics)``: rows per table, statements per month (in order), and per topic its
    statements per stance."""
    counts = dict.fromkeys(COUNTED, 0)
    counts.update({r.name: int(r.n) for r in conn.execute(select(S.summary_counts))})
    mo = S.summary_months
    months = [(r.month, int(r.n)) for r in conn.execute(select(mo).order_by(mo.c.month))]
    topics: dict[str, dict[str, int]] = {}
    sm = S.summary_stances
    for r in conn.execute(select(sm).order_by(sm.c.topic, sm.c.stance)):
        topics.setdefault(r.topic, {})[r.stance] = int(r.n)
    return counts, months, topics


__all__ = ["COUNTED", "Tally", "read", "rebuild", "write_counts"]
