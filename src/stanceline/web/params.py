"""Query parameters of the pages and the API: checked once, here, with one error type.

Every bad value becomes an :class:`ApiError` (status 400, code ``bad_parameter``)
whose message names the parameter and what to give instead; the app turns it
into the one error shape, ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from dataclasses import dataclass, fields, replace
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Query

from ..model import EVENT_TYPES
from ..timeline import period

STANCES = ("support", "oppose", "conditional", "neutral")
Stance = Literal["support", "oppose", "conditional", "neutral"]
MAX_LIMIT = 500
#: Ints in a cursor are below this: sort keys (``search.seq``: days << 40 | id bits) and counts.
CURSOR_INT_LIMIT = 2**62
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

# ---- the rules, as the OpenAPI schema states them ---------------------------------------------------
# Patterns for JSON Schema (ECMA-262 and Python's re read them alike). The checks below apply the same
# rules with their own messages; the schema states them so that a client (or schemathesis) knows what
# the server takes without trying.

#: Free text and ids: no control character (tab, newline and carriage return are spaces here).
TEXT_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$"
_YEAR = r"(?:[1-9]\d{3}|0[1-9]\d{2}|00[1-9]\d|000[1-9])"
_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
_LEAP_YEAR = r"(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
#: A date of the calendar as YYYY, YYYY-MM or YYYY-MM-DD (year 0001 to 9999; 29 February in leap
#: years only), or nothing.
DATE_PATTERN = rf"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_DAY}|{_LEAP_YEAR}-02-29)?$"
#: A full-text query: empty, or its first term a word or a phrase to find (other forms, such as an
#: excluded word first, are taken too as long as some word is to be found; this is the simple rule).
QUERY_PATTERN = r"^(?:[ ]*|\"?[^\W_][^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*)$"


class ApiError(Exception):
    """An error answered with ``{"error": {"code", "message"}}`` and ``status``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def bad(message: str) -> ApiError:
    return ApiError(400, "bad_parameter", message)


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)


def clean_text(value: str | None, name: str, *, max_len: int = 200) -> str | None:
    """A free-text parameter, stripped; ``None`` when empty.

    Raises:
        ApiError: 400 for control characters (NUL and the like) or an over-long value.
    """
    if value is None:
        return None
    if _CONTROL.search(value):
        raise bad(f"{name}: control characters are not allowed")
    value = value.strip()
    if len(value) > max_len:
        raise bad(f"{name}: at most {max_len} characters, got {len(value)}")
    return value or None


def clean_id(value: str, name: str) -> str:
    """An id (or name) from the path, as given: any text a database can hold.

    Raises:
        ApiError: 400 for control characters (a NUL is not even storable in PostgreSQL) or a lone surrogate.
    """
    if _CONTROL.search(value):
        raise bad(f"{name}: control characters are not allowed")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise bad(f"{name}: not valid text") from None
    return value


def clean_date(value: str | None, name: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a year or month means all of it); ``None`` when empty."""
    value = clean_text(value, name, max_len=20)
    if value is None:
        return None
    if not _DATE.fullmatch(value) or period(value) is None or value[:4] == "0000":
        raise bad(f"{name}: give a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


def clean_range(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """``from`` and ``to`` checked as dates and as a range.

    Wherever dates are taken, ``from`` after ``to`` is a 400.

    Raises:
        ApiError: 400 for a bad date, or a range whose start is after its end.
    """
    lo, hi = clean_date(date_from, "from"), clean_date(date_to, "to")
    if lo and hi and first_day(lo) > last_day(hi):
        raise bad(f"from: {lo} is after to: {hi}; give from <= to")
    return lo, hi


def first_day(value: str) -> dt.date:
    return period(value)[0]  # type: ignore[index]


def last_day(value: str) -> dt.date:
    return period(value)[1]  # type: ignore[index]


# ---- cursors ----------------------------------------------------------------------------------------


def encode_cursor(kind: str, *key: Any) -> str:
    """An opaque cursor: the last row's sort key, tagged with the list it belongs to."""
    raw = json.dumps([kind, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str | None, kind: str, types: tuple[type, ...]) -> list[Any] | None:
    """The key in a cursor made by :func:`encode_cursor` for the list ``kind``.

    Only what :func:`encode_cursor` can make is taken back: a JSON list of the
    right length and types, each int in ``0 <= v < 2**62`` (a sort key or a
    count: what every database's BIGINT holds, with room to step past it) and
    each string at most 200 characters, with no control character or lone
    surrogate (nothing a driver would refuse). Anything else was forged or
    damaged, and is a bad parameter, never a server or database error.

    Raises:
        ApiError: 400 when it is not such a cursor.
    """
    value = clean_text(value, "cursor", max_len=400)
    if value is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(value.encode("ascii") + b"=" * (-len(value) % 4))
        got = json.loads(raw)
        ok = (
            isinstance(got, list)
            and len(got) == len(types) + 1
            and got[0] == kind
            and all(_cursor_value_ok(v, t) for v, t in zip(got[1:], types, strict=True))
        )
    except (ValueError, RecursionError):  # binascii.Error, UnicodeError and JSONDecodeError are ValueErrors
        ok = False
    if not ok:
        raise bad("cursor: not a cursor of this list; give the next_cursor of the previous page, or none")
    return got[1:]


def _cursor_value_ok(v: Any, t: type) -> bool:
    if type(v) is not t:  # bool is not int here
        return False
    if t is int:
        return 0 <= v < CURSOR_INT_LIMIT
    if t is str:
        if len(v) > 200 or _CONTROL.search(v):
            return False
        try:
            v.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate ("\ud800" in the JSON)
            return False
    return True


# ---- filters ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementFilters:
    """What ``/api/statements``, ``/search`` and their exports filter on."""

    q: str | None = None
    actor: str | None = None
    topic: str | None = None
    stance: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def query(self, **extra: Any) -> str:
        """These filters (and ``extra``) as a URL query string, for links that can be shared."""
        names = {"date_from": "from", "date_to": "to"}
        pairs = [(names.get(f.name, f.name), getattr(self, f.name)) for f in fields(self)]
        pairs += list(extra.items())
        return urlencode([(k, v) for k, v in pairs if v not in (None, "")])

    def without(self, name: str) -> StatementFilters:
        return replace(self, **{name: None})

    @property
    def empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


ACTOR_HELP = "Actor id (see /api/actors), name or alias (case ignored), or a surname only one person has"
#: A free-text parameter's rule, for the schema only (``pattern`` as a schema keyword, not a FastAPI check:
#: :func:`clean_text` applies it with a message that says what to give instead).
TEXT = {"pattern": TEXT_PATTERN}
DATE = {"pattern": DATE_PATTERN}
QText = Annotated[str | None, Query(max_length=200, json_schema_extra=TEXT)]
QFrom = Annotated[
    str | None,
    Query(
        alias="from",
        max_length=20,
        description="Said on or after (YYYY, YYYY-MM, YYYY-MM-DD; a year or a month means all of it). "
        "Not after `to`",
        json_schema_extra=DATE,
    ),
]
QTo = Annotated[
    str | None,
    Query(
        alias="to",
        max_length=20,
        description="Said on or before (as for from). Not before `from`",
        json_schema_extra=DATE,
    ),
]


def statement_filters(
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description='Full text: words (stemmed), "exact phrases", -excluded words; at least one word '
            "to find",
            json_schema_extra={"pattern": QUERY_PATTERN},
        ),
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description=ACTOR_HELP, json_schema_extra=TEXT)
    ] = None,
    topic: QText = None,
    stance: Annotated[
        Stance | None, Query(description="Stance on the topic (on any topic without one)")
    ] = None,
    date_from: QFrom = None,
    date_to: QTo = None,
) -> StatementFilters:
    """The filters of a statement list, checked (a FastAPI dependency)."""
    lo, hi = clean_range(date_from, date_to)
    return StatementFilters(
        q=clean_text(q, "q"),
        actor=clean_text(actor, "actor"),
        topic=clean_text(topic, "topic"),
        stance=stance,
        date_from=lo,
        date_to=hi,
    )


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (1–{MAX_LIMIT})")]
CURSOR_HELP = "next_cursor of the previous page (an opaque value the server made for this list)"
Cursor = Annotated[str | None, Query(max_length=400, description=CURSOR_HELP)]
#: The cursors of each list, as the schema names them (format ``stanceline-cursor-KIND``: only a
#: next_cursor this list gave is taken; anything else is a 400).
ActorsCursor = Annotated[
    str | None,
    Query(max_length=400, description=CURSOR_HELP, json_schema_extra={"format": "stanceline-cursor-a"}),
]
StatementsCursor = Annotated[
    str | None,
    Query(max_length=400, description=CURSOR_HELP, json_schema_extra={"format": "stanceline-cursor-s"}),
]
ShiftsCursor = Annotated[
    str | None,
    Query(max_length=400, description=CURSOR_HELP, json_schema_extra={"format": "stanceline-cursor-h"}),
]
EventsCursor = Annotated[
    str | None,
    Query(max_length=400, description=CURSOR_HELP, json_schema_extra={"format": "stanceline-cursor-e"}),
]
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]  # the 16 PLOVER types, as Literal values
HappenedFrom = Annotated[
    str | None,
    Query(
        alias="from",
        max_length=20,
        description="Happened on or after (YYYY, YYYY-MM, YYYY-MM-DD; a year or a month means all of it). "
        "Not after `to`; an undated event is in no range",
        json_schema_extra=DATE,
    ),
]
HappenedTo = Annotated[
    str | None,
    Query(
        alias="to",
        max_length=20,
        description="Happened on or before (as for from). Not before `from`",
        json_schema_extra=DATE,
    ),
]
