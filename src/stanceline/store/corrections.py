"""The analyst's corrections of statements: who said it, when it was said, its stance on a topic.

``stanceline correct STATEMENT --speaker ACTOR | --said-on DATE | --stance TOPIC=LABEL``
records a correction of every report of the statement (one ``corrections`` row per report
and field), as ``merge`` and ``split`` record overrides: facts of the analyst, never
touched by an ingest, applied by every relink (:func:`stanceline.store.link.relink`).
A report is named by its article and its content's offsets there, which do not change when
the article is analysed again. Every output marks a corrected statement with the contract's
``corrected`` object (:func:`corrected`)::

    {"speaker": "Anaya Veldt", "said_on": "2023-03", "stances": {"sanctions": "oppose"},
     "by": "user", "at": "2026-12-07T10:31:02.123456+00:00"}

(``null`` for what was not corrected.)
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, select

from ..errors import UsageError
from . import schema as S
from .store import Store, now

#: Stance labels a correction may give; ``none`` takes the topic away from the statement.
LABELS = ("support", "oppose", "conditional", "neutral")
REMOVE = "none"

#: A correction as the store keeps it: ``{field: (value, when)}``, fields ``speaker``, ``said_on``
#: and ``stance:TOPIC``.
Fields = dict[str, tuple[str, str]]


def _bad(value: str, option: str, detail: str) -> UsageError:
    return UsageError.make("E029", value=value, option=option, detail=detail)  # type: ignore[return-value]


def check_said_on(value: str) -> tuple[str, str]:
    """A corrected date: ``(value, granularity)`` for ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

    Raises:
        UsageError: E029 for anything else, or a day that does not exist.
    """
    v = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", v)
    try:
        if m is None:
            raise ValueError
        dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise _bad(value, "--said-on", "give the date it was said as YYYY-MM-DD, YYYY-MM or YYYY") from None
    return v, "day" if m[3] else "month" if m[2] else "year"


def check_stance(value: str, topics: Iterable[str]) -> tuple[str, str]:
    """A corrected stance: ``(topic, label)`` from ``TOPIC=LABEL``.

    Raises:
        UsageError: E029 for a value without ``=``, an unknown topic or label.
    """
    topic, sep, label = value.partition("=")
    topic, label = topic.strip(), label.strip().casefold()
    if not sep or not topic or not label:
        raise _bad(value, "--stance", "give TOPIC=LABEL, e.g. sanctions=oppose")
    known = sorted(set(topics))
    if topic not in known:
        raise _bad(value, "--stance", f"no topic {topic!r}; topics: {', '.join(known) or 'none'}")
    if label not in (*LABELS, REMOVE):
        raise _bad(
            value, "--stance", f"the label is one of {', '.join(LABELS)}, or {REMOVE} to take the topic away"
        )
    return topic, label


def known_topics(conn: Any) -> set[str]:
    """Topics a stance may be corrected on: the shipped ones and those the corpus has statements on."""
    from ..config import load_topics

    shipped = set(load_topics().topics)
    return shipped | {r.topic for r in conn.execute(select(S.statement_stances.c.topic).distinct())}


def find_statement(conn: Any, ref: str) -> tuple[str, list[tuple[str, int, int]]]:
    """A statement by its id or by one of its reports (``ARTICLE_ID:STATEMENT_ID``), with the
    reports that make it up as ``(article id, content start, content end)``.

    Raises:
        UsageError: E028 when there is no such statement.
    """
    st, mem, sg = S.statements, S.statement_sightings, S.sightings
    sid = conn.execute(select(st.c.id).where(st.c.id == ref)).scalar()
    if sid is None and ":" in ref:
        article, local = ref.rsplit(":", 1)
        sid = conn.execute(
            select(mem.c.statement_id).where(mem.c.article_id == article, mem.c.local_id == local)
        ).scalar()
    if sid is None:
        raise UsageError.make("E028", path=repr(ref))
    q = (
        select(sg.c.article_id, sg.c.content_start, sg.c.content_end)
        .select_from(mem.join(sg, and_(sg.c.article_id == mem.c.article_id, sg.c.local_id == mem.c.local_id)))
        .where(mem.c.statement_id == sid)
        .order_by(sg.c.article_id, sg.c.content_start)
    )
    return sid, [(r.article_id, r.content_start, r.content_end) for r in conn.execute(q)]


@dataclass(frozen=True)
class Recorded:
    """What :func:`record` stored: the statement, and the fields as given."""

    statement_id: str
    reports: tuple[tuple[str, int, int], ...]
    speaker: dict[str, Any] | None = None
    said_on: str | None = None
    stances: dict[str, str] = field(default_factory=dict)


def record(
    store: Store,
    ref: str,
    *,
    speaker: str | None = None,
    said_on: str | None = None,
    stances: Sequence[str] = (),
) -> Recorded:
    """Check and store a correction of a statement; it applies from the next relink on.

    Args:
        store: The store.
        ref: A statement id, or one of its reports as ``ARTICLE_ID:STATEMENT_ID``.
        speaker: The actor who said it (an id, a name or an alias).
        said_on: When it was said: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
        stances: ``TOPIC=LABEL`` items (label ``none`` takes the topic away).

    Raises:
        UsageError: E028 no such statement; E021 no such actor (or several); E029 a bad date,
            topic or label, or nothing to correct. Nothing is stored then.
    """
    from .queries import actor_ref, find_actor

    if not (speaker or said_on or stances):
        raise _bad("", "stanceline correct", "give --speaker ACTOR, --said-on DATE or --stance TOPIC=LABEL")
    date = check_said_on(said_on)[0] if said_on else None
    actor = find_actor(store, speaker) if speaker else None
    with store.begin() as conn:
        topics = known_topics(conn) if stances else set()
        labels = dict(check_stance(s, topics) for s in stances)
        sid, reports = find_statement(conn, ref)
        values = {"speaker": actor_ref(store, actor) if actor else None, "said_on": date}
        values.update({f"stance:{t}": label for t, label in labels.items()})
        at = now(precise=True)
        rows = [
            {
                "article_id": art,
                "content_start": start,
                "content_end": end,
                "field": name,
                "value": value,
                "created_at": at,
            }
            for art, start, end in reports
            for name, value in values.items()
            if value is not None
        ]
        store.upsert(conn, S.corrections, rows)
    return Recorded(sid, tuple(reports), actor, date, labels)


def statement_at(store: Store, report: tuple[str, int, int]) -> str | None:
    """The id of the statement a report belongs to now (a corrected speaker gives it a new id)."""
    sg, mem = S.sightings, S.statement_sightings
    art, start, end = report
    with store.connect() as conn:
        return conn.execute(
            select(mem.c.statement_id)
            .select_from(
                sg.join(mem, and_(mem.c.article_id == sg.c.article_id, mem.c.local_id == sg.c.local_id))
            )
            .where(sg.c.article_id == art, sg.c.content_start == start, sg.c.content_end == end)
        ).scalar()


def load(conn: Any) -> dict[tuple[str, int, int], Fields]:
    """Every correction, per report ``(article id, content start, content end)``."""
    out: dict[tuple[str, int, int], Fields] = defaultdict(dict)
    for r in conn.execute(select(S.corrections).order_by(S.corrections.c.created_at)):
        out[(r.article_id, r.content_start, r.content_end)][r.field] = (r.value, r.created_at)
    return dict(out)


def merged(reports: Iterable[Fields]) -> Fields:
    """The corrections of a statement from those of its reports: the latest of each field."""
    out: Fields = {}
    for fields in reports:
        for name, (value, at) in fields.items():
            if name not in out or at > out[name][1]:
                out[name] = (value, at)
    return out


def contract(fields: Fields, speaker_name: str | None) -> dict[str, Any] | None:
    """The contract's ``corrected`` object for a statement's corrections (``None`` when there are none)."""
    if not fields:
        return None
    stances = {k.split(":", 1)[1]: v for k, (v, _) in sorted(fields.items()) if k.startswith("stance:")}
    return {
        "speaker": speaker_name if "speaker" in fields else None,
        "said_on": fields["said_on"][0] if "said_on" in fields else None,
        "stances": stances or None,
        "by": "user",
        "at": max(at for _, at in fields.values()),
    }


def corrected(conn: Any, statement_ids: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
    """The ``corrected`` object of each corrected statement (of ``statement_ids``, or of all)."""
    c, sg, mem, st, a = S.corrections, S.sightings, S.statement_sightings, S.statements, S.actors
    q = select(mem.c.statement_id, c.c.field, c.c.value, c.c.created_at, a.c.name).select_from(
        c.join(
            sg,
            and_(
                sg.c.article_id == c.c.article_id,
                sg.c.content_start == c.c.content_start,
                sg.c.content_end == c.c.content_end,
            ),
        )
        .join(mem, and_(mem.c.article_id == sg.c.article_id, mem.c.local_id == sg.c.local_id))
        .join(st, st.c.id == mem.c.statement_id)
        .outerjoin(a, a.c.id == st.c.actor_id)
    )
    # Corrections are few and statements many: read from the corrected articles out (a planner without
    # statistics, SQLite's, would otherwise walk every statement's sightings to find them).
    articles = [r[0] for r in conn.execute(select(c.c.article_id).distinct().order_by(c.c.article_id))]
    by_article = [q.where(sg.c.article_id.in_(articles[i : i + 500])) for i in range(0, len(articles), 500)]
    chunks = (
        by_article
        if statement_ids is None
        else [
            part.where(mem.c.statement_id.in_(list(statement_ids)[i : i + 500]))
            for part in by_article
            for i in range(0, len(statement_ids), 500)
        ]
    )
    fields: dict[str, list[Fields]] = defaultdict(list)
    names: dict[str, str | None] = {}
    for chunk in chunks:
        for r in conn.execute(chunk):
            fields[r.statement_id].append({r.field: (r.value, r.created_at)})
            names[r.statement_id] = r.name
    out = {}
    for sid, parts in fields.items():
        value = contract(merged(parts), names[sid])
        if value is not None:
            out[sid] = value
    return out
