"""Who is who across articles: in-article actors → corpus actors, with the evidence.

Pure functions over plain rows; :mod:`stanceline.store.link` loads the rows and
writes the result. The rules, in order:

1. **Gazetteer** names and aliases pin an identity (``--gazetteer FILE``).
2. **Same full name** (two or more words): one person, whatever the article.
3. **A bare title** (``the Supreme Guide``, ``the Guide``) goes to the one person
   who holds that title *on the article's date* (the title itself before a longer
   one ending with it) — a gazetteer range, or the span
   of dates the corpus shows that person with it (widened by :data:`TITLE_SLACK`;
   a title the gazetteer dates is held only then). With two candidates it stays an
   actor of its own in that article; with none, one actor per title, country and year.
4. **A bare surname** goes to the one full-name person with that surname (sharing
   its titles, when it has any); with two candidates it stays apart, in each
   article — two people are never merged on a shared surname without evidence.
   ``actors merge A NAME`` folds every such fragment of NAME into A at once.
5. Organisations, countries and named groups (``officials in Tarsk``): the same
   name is the same actor. Unnamed groups (``officials``, ``one of them``) and
   anonymous sources are never merged across articles.
6. The analyst's ``split`` (an alias taken away from an actor) and ``merge``
   (one actor folded into another) are applied last, in the order they were
   made, and survive re-ingests. They name actors by id or by name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import load_titles

#: How far before the first and after the last sighting an observed title still counts.
TITLE_SLACK = dt.timedelta(days=183)


@dataclass(frozen=True)
class LocalActor:
    """One actor of one article, as the pipeline found it."""

    article_id: str
    local_id: str
    name: str
    kind: str
    titles: tuple[str, ...]
    country: str | None
    date: str | None  # the article's publication date, YYYY-MM-DD


@dataclass(frozen=True)
class TitleTerm:
    """A title held from ``start`` to ``end`` (ISO dates; ``None`` = open)."""

    title: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Entry:
    """One gazetteer record: a pinned identity."""

    name: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    country: str | None = None
    titles: tuple[TitleTerm, ...] = ()


@dataclass
class CorpusActor:
    """One identity across the corpus, with what is known of it."""

    id: str
    name: str
    kind: str
    country: str | None = None
    pinned: bool = False
    names: Counter[str] = field(default_factory=Counter)
    titles: dict[str, list[str]] = field(default_factory=dict)  # title → dates seen
    terms: list[TitleTerm] = field(default_factory=list)  # gazetteer title ranges


@dataclass(frozen=True)
class Identities:
    """The outcome: corpus actors and, per (article, local actor), the actor and why."""

    actors: dict[str, CorpusActor]
    links: dict[tuple[str, str], tuple[str, str]]


def norm(name: str) -> str:
    """The comparison key of a name: case, quotes, a leading "the" and a possessive ignored."""
    s = unicodedata.normalize("NFKC", name).replace("\u2019", "'").casefold().strip()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s?$", "", s)
    return re.sub(r"[^\w'-]+", " ", s).strip()


def _named_group(name: str) -> bool:
    """Whether a group's name carries a proper name after its first word: "Diplomats in Halden"."""
    return any(w[:1].isupper() for w in name.split()[1:])


def actor_id(kind: str, key: str) -> str:
    """A stable id for an identity: the hash of its kind and key."""
    return "ac_" + hashlib.sha256(f"{kind}\x1f{key}".encode()).hexdigest()[:12]


def _in_term(date: str | None, term: TitleTerm) -> bool:
    if date is None:
        return term.start is None and term.end is None
    return (term.start is None or term.start <= date) and (term.end is None or date < term.end)


def _seen_term(title: str, dates: list[str]) -> TitleTerm:
    known = sorted(d for d in dates if d)
    if not known:
        return TitleTerm(title)
    first = dt.date.fromisoformat(known[0]) - TITLE_SLACK
    last = dt.date.fromisoformat(known[-1]) + TITLE_SLACK
    return TitleTerm(title, first.isoformat(), last.isoformat())


@lru_cache(maxsize=8)
def _title_keys(titles: tuple[str, ...] | None = None) -> frozenset[str]:
    """The titles (``None``: the shipped ones) as name keys."""
    return frozenset(norm(t) for t in (load_titles() if titles is None else titles))


def _is_title(key: str, title_keys: frozenset[str] | None = None) -> bool:
    """Whether a name key is an office title (``prime minister``, ``guide`` of ``supreme guide``)."""
    titles = _title_keys() if title_keys is None else title_keys
    return key in titles or any(t.endswith(" " + key) for t in titles)


def _title_matches(key: str, title: str) -> bool:
    t = norm(title)
    return t == key or t.endswith(" " + key)


class _Resolver:
    def __init__(self, gazetteer: Iterable[Entry], titles: tuple[str, ...] | None = None) -> None:
        self.actors: dict[str, CorpusActor] = {}
        self.by_key: dict[str, str] = {}  # gazetteer name/alias key → actor id
        self.links: dict[tuple[str, str], tuple[str, str]] = {}
        for e in gazetteer:
            aid = actor_id(e.kind, "gazetteer:" + norm(e.name))
            self.actors[aid] = CorpusActor(aid, e.name, e.kind, e.country, True, terms=list(e.titles))
            for key in (norm(e.name), *(norm(a) for a in e.aliases)):
                self.by_key.setdefault(key, aid)
        self.title_words = _title_keys(titles)

    def _actor(self, kind: str, key: str, name: str, country: str | None = None) -> CorpusActor:
        aid = actor_id(kind, key)
        if aid not in self.actors:
            self.actors[aid] = CorpusActor(aid, name, kind, country)
        return self.actors[aid]

    def link(self, la: LocalActor, actor: CorpusActor, evidence: str) -> None:
        self.links[(la.article_id, la.local_id)] = (actor.id, evidence)
        actor.names[la.name] += 1
        if actor.country is None and la.country:
            actor.country = la.country
        for t in la.titles:
            actor.titles.setdefault(t, []).append(la.date or "")

    def is_title(self, key: str) -> bool:
        return _is_title(key, self.title_words)

    def people(self) -> list[CorpusActor]:
        return [a for a in self.actors.values() if a.kind == "person"]

    def holders(self, key: str, date: str | None) -> list[CorpusActor]:
        """People who hold a title matching ``key`` on ``date``.

        The title itself first (``the prime minister`` is the Prime Minister,
        not the Deputy Prime Minister); only when nobody holds it, a longer
        title ending with it (``the minister``, ``the Guide``).
        """
        exact, longer = [], []
        for a in self.people():
            terms = [t for t in a.terms if _title_matches(key, t.title)]
            # The gazetteer's dates for a title are the truth; only titles it does not date are
            # bounded by when the corpus shows them.
            dated = {norm(t.title) for t in terms}
            terms += [
                _seen_term(t, d)
                for t, d in a.titles.items()
                if _title_matches(key, t) and norm(t) not in dated
            ]
            held = [t for t in terms if _in_term(date, t)]
            if any(norm(t.title) == key for t in held):
                exact.append(a)
            elif held:
                longer.append(a)
        return exact or longer


def resolve(
    local: Iterable[LocalActor],
    gazetteer: Iterable[Entry] = (),
    overrides: Iterable[tuple[str, str, str]] = (),
    *,
    titles: tuple[str, ...] | None = None,
) -> Identities:
    """Assign every in-article actor to a corpus actor.

    Args:
        local: The in-article actors of the whole corpus (any order).
        gazetteer: Pinned identities.
        overrides: The analyst's ``("merge", A, B)`` and ``("split", ACTOR, NAME)``.
        titles: The office titles the articles were analysed with (:func:`stanceline.config.load_titles`),
            to tell a bare title from a surname; ``None``: the shipped ones.

    Returns:
        :class:`Identities`; the same input always gives the same ids.
    """
    r = _Resolver(gazetteer, titles)
    rows = sorted(local, key=lambda a: (a.article_id, a.local_id))
    deferred = []
    for la in rows:
        key = norm(la.name)
        if la.kind == "anonymous" or not key:
            r.link(
                la, r._actor("anonymous", f"{la.article_id}/{la.local_id}", la.name), "anonymous: kept apart"
            )
        elif key in r.by_key:
            r.link(la, r.actors[r.by_key[key]], f"gazetteer name {la.name!r}")
        elif la.kind == "person" and (len(key.split()) < 2 or r.is_title(key)):
            deferred.append((la, key))
        elif la.kind == "group" and not _named_group(la.name):
            # "officials", "one of them", "two leaders": who they are depends on the article.
            r.link(
                la, r._actor("group", f"{la.article_id}/{la.local_id}", la.name), "unnamed group: kept apart"
            )
        else:
            r.link(
                la,
                r._actor(la.kind, key, la.name, la.country),
                "same full name" if la.kind == "person" else "same name",
            )
    for la, key in deferred:
        if r.is_title(key):
            holders = r.holders(key, la.date)
            if len(holders) == 1:
                r.link(la, holders[0], f"title {la.name!r} held on {la.date or 'an unknown date'}")
            elif holders:  # two people may be meant: this mention stays on its own
                r.link(
                    la,
                    r._actor("person", f"title:{key}@{la.article_id}/{la.local_id}", la.name),
                    f"title only ({len(holders)} holders on that date)",
                )
            else:  # nobody known: one title-holder per title, country and year ("the prime minister" of 2020)
                when = (la.date or "")[:4]
                r.link(
                    la,
                    r._actor("person", f"title:{key}:{la.country or ''}:{when}", la.name),
                    f"title only (no holder on that date; grouped with the same title in {when or 'undated'} "
                    "articles)",
                )
            continue
        cands = [
            a
            for a in r.people()
            if any(norm(n).split()[-1:] == [key] and len(norm(n).split()) > 1 for n in a.names)
            or (a.pinned and norm(a.name).split()[-1:] == [key])
        ]
        if la.titles and len(cands) > 1:
            cands = [a for a in cands if set(la.titles) & set(a.titles)] or cands
        if len(cands) == 1:
            r.link(la, cands[0], f"surname {la.name!r}: the only candidate")
        elif cands:  # "Berg" with Anna Berg and Boris Berg about: nobody can say which, so it stays apart
            r.link(
                la,
                r._actor("person", f"{key}@{la.article_id}/{la.local_id}", la.name),
                f"surname only ({len(cands)} candidates)",
            )
        else:
            r.link(la, r._actor("person", key, la.name), "surname only (no full name seen)")
    # The analyst's corrections, in the order they were made: a split after a merge undoes part of it.
    for action, a_ref, b_ref in overrides:
        if action == "merge":
            _merge(r, a_ref, b_ref)
        elif action == "split":
            _split(r, rows, a_ref, b_ref)
    used = {aid for aid, _ in r.links.values()}
    actors = {aid: a for aid, a in r.actors.items() if aid in used or a.pinned}
    for a in actors.values():
        a.name = display_name(a, r.title_words)
    return Identities(actors, r.links)


def display_name(actor: CorpusActor, title_keys: frozenset[str] | None = None) -> str:
    """The name an actor is shown by: the gazetteer's, else its fullest name still in use.

    A name before a bare title (``Anaya Veldt``, not ``the prime minister`` that
    was linked to her), then the longest, the most frequent. ``title_keys``: the titles as name
    keys (``None``: the shipped ones).
    """
    names = [n for n, c in actor.names.items() if c > 0]
    if actor.pinned or not names:
        return actor.name
    return max(names, key=lambda n: (not _is_title(norm(n), title_keys), len(n.split()), actor.names[n], n))


def _split(r: _Resolver, rows: list[LocalActor], actor_ref: str, name: str) -> None:
    """Mentions of ``actor_ref`` by ``name`` become an actor of their own."""
    actor = find_actor(r.actors, actor_ref, r.title_words)
    key = norm(name)
    if actor is None or not key:
        return  # the actor no longer exists: nothing to do
    for la in rows:
        link = (la.article_id, la.local_id)
        if r.links[link][0] != actor.id or norm(la.name) != key:
            continue
        own = r._actor(la.kind, "split:" + key, la.name)
        if own.id == actor.id:
            continue
        actor.names[la.name] -= 1
        r.links[link] = (own.id, f"split from {display_name(actor, r.title_words)!r} by the analyst")
        own.names[la.name] += 1


def find_actor(
    actors: dict[str, CorpusActor], ref: str, title_keys: frozenset[str] | None = None
) -> CorpusActor | None:
    """The actor an analyst means by ``ref``: an id, a name, or an alias (unique)."""
    if ref in actors:
        return actors[ref]
    key = norm(ref)
    named = [a for a in actors.values() if a.kind != "anonymous" and (a.names or a.pinned)]
    hits = [a for a in named if norm(display_name(a, title_keys)) == key]
    if not hits:
        hits = [a for a in named if any(norm(n) == key for n, c in a.names.items() if c > 0)]
    return hits[0] if len(hits) == 1 else None


def fragments(
    actors: dict[str, CorpusActor], ref: str, title_keys: frozenset[str] | None = None
) -> list[CorpusActor]:
    """The unpinned actors shown by exactly the name ``ref``: a bare surname or title that
    could not be told apart ("Veldt" with two Veldts about), one actor per mention."""
    key = norm(ref)
    return [
        a for a in actors.values() if not a.pinned and a.names and norm(display_name(a, title_keys)) == key
    ]


def _merge(r: _Resolver, a_ref: str, b_ref: str) -> None:
    """Actor ``b_ref`` is folded into ``a_ref`` (every fragment of that name, when it names several)."""
    a = find_actor(r.actors, a_ref, r.title_words)
    b = find_actor(r.actors, b_ref, r.title_words)
    for other in [b] if b is not None else fragments(r.actors, b_ref, r.title_words):
        if a is not None and other.id != a.id:
            _merge_one(r, a, other)


def _merge_one(r: _Resolver, a: CorpusActor, b: CorpusActor) -> None:
    for k, (aid, ev) in list(r.links.items()):
        if aid == b.id:
            r.links[k] = (a.id, f"{ev}; merged into {display_name(a, r.title_words)!r} by the analyst")
    a.names.update({n: c for n, c in b.names.items() if c > 0})
    for t, d in b.titles.items():
        a.titles.setdefault(t, []).extend(d)
    a.terms.extend(b.terms)
    if a.country is None:
        a.country = b.country
    # B is nobody now (a gazetteer identity stays listed, without the names it no longer has).
    b.names.clear()
    b.titles.clear()


def all_names(actors: dict[str, CorpusActor]) -> dict[str, list[str]]:
    """Every name seen per actor, most frequent first (for listings)."""
    out: dict[str, list[str]] = defaultdict(list)
    for aid, a in actors.items():
        out[aid] = [n for n, c in a.names.most_common() if c > 0]
    return out
