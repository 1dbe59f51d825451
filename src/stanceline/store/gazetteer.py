"""The analyst's gazetteer: identities pinned by name, aliases, kind, country and dated titles.

A TOML (or YAML) file with one ``[[actor]]`` table per identity::

    [[actor]]
    name = "Mira Kalden"
    kind = "person"                      # person | organization | country | group
    country = "XVM"                      # ISO 3166-1 alpha-3
    aliases = ["Senator Kalden"]
    titles = [
      { title = "Senator", to = "2024-12-01" },     # held until (not including) that day
      { title = "President", from = "2024-12-01" },
    ]

A date may be a month or a year: ``from = "2014-09"`` is its first day, ``to = "2021-08"``
holds through August 2021 (to the first day after it). A title may name its country
(``"President of Afghanistan"``, ``"Afghan President"``), so that "the Afghan president"
goes to whoever held it on the day.
"""

from __future__ import annotations

import datetime as dt
import re

from ..config import read_data_file
from ..errors import UsageError
from .identity import Entry, TitleTerm

KINDS = ("person", "organization", "country", "group")


def _bad(path: str, detail: str) -> UsageError:
    return UsageError.make("E018", path=path, detail=detail)  # type: ignore[return-value]


def _date(value: object, path: str, where: str, *, end: bool = False) -> str | None:
    """A title's start (or, ``end``, its first day no longer held) from a date, a month or a year."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", text):  # a month: from its first day, through its last
            y, m = int(text[:4]), int(text[5:])
            return dt.date(y + (m == 12 and end), (m % 12 + 1) if end else m, 1).isoformat()
        if re.fullmatch(r"\d{4}", text):  # a year: from 1 January, through 31 December
            return dt.date(int(text) + end, 1, 1).isoformat()
    except ValueError:
        pass
    raise _bad(path, f"{where}: {value!r} is not a date YYYY-MM-DD (or a month YYYY-MM, a year YYYY)")


def load_gazetteer(path: str) -> list[Entry]:
    """Read and check a gazetteer file.

    Raises:
        UsageError: E018 naming the file and the entry that is wrong.
    """
    data = read_data_file(path, "E018")
    items = data.get("actor", data.get("actors"))
    if not isinstance(items, list):
        raise _bad(path, "expected [[actor]] tables")
    out = []
    for n, item in enumerate(items, start=1):
        where = f"actor #{n}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise _bad(path, f"{where} needs a name")
        where = f"actor {item['name']!r}"
        unknown = set(item) - {"name", "kind", "country", "aliases", "titles"}
        if unknown:
            raise _bad(path, f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        kind = item.get("kind", "person")
        if kind not in KINDS:
            raise _bad(path, f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
        country = item.get("country")
        if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{3}", country)):
            raise _bad(path, f"{where}: country {country!r} is not an ISO 3166 alpha-3 code like 'FRA'")
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise _bad(path, f"{where}: aliases must be a list of names")
        terms = []
        for t in item.get("titles", []):
            if isinstance(t, str):
                terms.append(TitleTerm(t))
            elif isinstance(t, dict) and isinstance(t.get("title"), str):
                start, end = _date(t.get("from"), path, where), _date(t.get("to"), path, where, end=True)
                if start and end and start >= end:
                    raise _bad(path, f"{where}: title {t['title']!r} ends ({end}) before it starts ({start})")
                terms.append(TitleTerm(t["title"], start, end))
            else:
                raise _bad(path, f"{where}: each title is a name or {{ title = ..., from = ..., to = ... }}")
        out.append(
            Entry(item["name"].strip(), kind, tuple(a.strip() for a in aliases), country, tuple(terms))
        )
    return out
