"""The same statement in many articles: fold near-identical sightings into one statement.

Ten outlets quoting the same sentence of the same speaker give ten *sightings*
and one *statement*. Two sightings are the same statement when they have the
same corpus speaker and their contents are near-identical: the same words after
case and punctuation are ignored, or word trigrams shared with at least
:data:`OVERLAP` of the shorter one and :data:`LONGER_OVERLAP` of the longer one
(an outlet that trims a clause; not a short line repeated inside a new speech),
and their own dates do not rule it out (the same words said again a year later
are a new statement).
Pure functions; the store feeds and writes them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

#: Share of the shorter content's word trigrams that must appear in the other.
OVERLAP = 0.8
#: Share of the longer content's trigrams that must be shared too.
LONGER_OVERLAP = 0.5
#: Two outlets may date the same speech a few days apart (a misread weekday): still one statement.
DATE_SLACK = dt.timedelta(days=7)
#: Contents shorter than this (in words) fold only when identical.
MIN_WORDS = 6

_WORD = re.compile(r"\w+", re.UNICODE)
_BASIS_RANK = {"explicit": 0, "context": 1, "publication": 2, "unknown": 3}
_GRAIN_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "unknown": 4}


@dataclass(frozen=True)
class Sighting:
    """One statement as one article reports it."""

    article_id: str
    local_id: str
    seq: int
    actor_id: str | None
    content: str
    said_on: str | None
    granularity: str
    basis: str
    published: str | None


@dataclass(frozen=True)
class Folded:
    """One statement and the sightings that report it (representative first)."""

    id: str
    actor_id: str | None
    sightings: tuple[Sighting, ...]
    said_on: str | None
    granularity: str
    basis: str
    first_seen: str | None


def words(text: str) -> list[str]:
    """The content's words, case-folded (quotes and punctuation dropped)."""
    return _WORD.findall(text.casefold())


def _trigrams(ws: list[str]) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + 3]) for i in range(max(len(ws) - 2, 1))}


def same_statement(a: list[str], b: list[str]) -> bool:
    """Whether two contents (as word lists) are near-identical."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_WORDS:
        return False
    ta, tb = _trigrams(a), _trigrams(b)
    shared = len(ta & tb)
    # Most of the shorter, and a good part of the longer: a trimmed quote folds, a
    # short line repeated inside a new, longer speech does not.
    return shared / min(len(ta), len(tb)) >= OVERLAP and shared / max(len(ta), len(tb)) >= LONGER_OVERLAP


def _order(s: Sighting) -> tuple:
    return (s.published or "9999", s.article_id, s.seq)


def _date_of(group: list[Sighting]) -> tuple[str | None, str, str]:
    """When the statement was made: the best-founded date among its sightings.

    An explicit or scene date wins over "on or before publication"; among
    several, the most frequent, then the earliest. With only publication dates,
    the earliest publication bounds it.
    """
    dated = [s for s in group if s.said_on and s.basis in ("explicit", "context")]
    if dated:
        counts = Counter(s.said_on for s in dated)
        best = min(
            dated,
            key=lambda s: (
                -counts[s.said_on],
                _GRAIN_RANK.get(s.granularity, 9),
                _BASIS_RANK[s.basis],
                s.said_on,
            ),
        )
        # "in August" in three articles and "on August 22" in one: the day, which is within the month.
        finer = [s for s in dated if s.said_on != best.said_on and s.said_on.startswith(best.said_on)]  # type: ignore[union-attr]
        if finer:
            best = min(
                finer, key=lambda s: (_GRAIN_RANK.get(s.granularity, 9), -counts[s.said_on], s.said_on)
            )
        return best.said_on, best.granularity, best.basis
    pub = [s for s in group if s.said_on]
    if pub:
        best = min(pub, key=lambda s: (s.said_on, _GRAIN_RANK.get(s.granularity, 9)))
        return best.said_on, best.granularity, best.basis
    return None, "unknown", "unknown"


def fold(sightings: Iterable[Sighting]) -> list[Folded]:
    """Group sightings into statements; deterministic whatever the input order."""
    by_actor: dict[str | None, list[Sighting]] = defaultdict(list)
    for s in sightings:
        by_actor[s.actor_id].append(s)
    out = []
    for actor in sorted(by_actor, key=lambda a: a or ""):
        items = sorted(by_actor[actor], key=_order)
        if actor is None:  # no known speaker: nothing to fold on
            groups = [[s] for s in items]
        else:
            groups = _group(items)
        for g in groups:
            rep = g[0]
            said_on, grain, basis = _date_of(g)
            sid = hashlib.sha256(f"{actor}\x1f{rep.article_id}\x1f{rep.local_id}".encode()).hexdigest()[:16]
            first = min((s.published for s in g if s.published), default=None)
            out.append(Folded(sid, actor, tuple(g), said_on, grain, basis, first))
    return out


def _when(s: Sighting) -> tuple | None:
    """The days a sighting's own date (explicit or from its scene) can mean; ``None`` if it has none."""
    from ..timeline import period

    return period(s.said_on) if s.basis in ("explicit", "context") else None


def _dates_agree(s: Sighting, group: list[Sighting]) -> bool:
    """Whether ``s`` can be the same utterance as the group's sightings: no two own dates apart.

    "We will not talk while they threaten us" said on 12 January 2023 and said
    again, in the same words, on 29 April 2024 are two statements.
    """
    mine = _when(s)
    if mine is None:
        return True
    for m in group:
        theirs = _when(m)
        if theirs is not None and (theirs[1] + DATE_SLACK < mine[0] or mine[1] + DATE_SLACK < theirs[0]):
            return False
    return True


def _group(items: list[Sighting]) -> list[list[Sighting]]:
    groups: list[list[Sighting]] = []
    reps: list[list[str]] = []
    exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for s in items:
        ws = words(s.content)
        hit = next((g for g in exact.get(tuple(ws), ()) if _dates_agree(s, groups[g])), None)
        if hit is None and len(ws) >= MIN_WORDS:
            # Earliest matching group first, so the result never depends on hashing order.
            cands = sorted({g for tri in _trigrams(ws) for g in index.get(tri, ())})
            hit = next((g for g in cands if same_statement(ws, reps[g]) and _dates_agree(s, groups[g])), None)
        if hit is None:
            hit = len(groups)
            groups.append([])
            reps.append(ws)
            exact[tuple(ws)].append(hit)
            for tri in _trigrams(ws):
                index[tri].append(hit)
        groups[hit].append(s)
    return groups
