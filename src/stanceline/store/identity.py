"""Who is who across articles: in-article actors → corpus actors, with the evidence.

Pure functions over plain rows; :mod:`stanceline.store.link` loads the rows and
writes the result. The rules, in order:

1. **Gazetteer** names and aliases pin an identity (``--gazetteer FILE``).
2. **Not a name**: a "name" of more than six words that is no proper name (a
   description or a clause the attribution took whole), or a person's name that
   starts in lower case (``pro Clinton``), makes no corpus actor: its statements
   keep their source text and have no actor (:func:`stanceline.store.names.not_a_name`).
3. **Governments by country, capital or seat**: an organisation, country or group
   named by a country, its capital or its seat of government (``Washington``,
   ``the Kremlin``, ``Pyongyang``, ``the Afghan government``) is that country's
   actor, with its ISO 3166 alpha-3 code (:mod:`stanceline.places`).
4. **Same full name** (two or more words): one person, whatever the article; so is
   the same name spelled another way (``Zelensky`` / ``Zelenskyy``, ``Kim Jong-un`` /
   ``Kim Jong Un``) or with a middle initial no other namesake has (``Donald J.
   Trump``): :mod:`stanceline.store.names`.
5. **A bare title** (``the Supreme Guide``, ``the Guide``), also with a country
   (``the Afghan president``, ``Seoul's leader``, ``the president of Afghanistan``),
   goes to the one person who holds that title, of that country, *on the date its
   statements were said* (the article's date when the text gives none) — a gazetteer
   range, or the span of dates the corpus shows that person with it (widened by
   :data:`TITLE_SLACK`; a title the gazetteer dates is held only then). ``leader``
   of a country is its head of state or government. With two candidates it stays an
   actor of its own in that article; with none, one actor per title, country and
   year. A title with another qualifier (``Democratic senator``, ``former chairman``)
   is narrower than the title and is given to nobody who merely holds the title.
6. **A bare surname** goes to the one full-name person with that surname (or that
   family name, for names written family-name first: ``Moon`` for ``Moon Jae-in``),
   sharing its titles, when it has any. With several candidates: the one named in
   full in the same article; failing that, a **dominant** one — at least
   :data:`DOMINANCE` times as many statements as all the others together, each of
   them with at most :data:`RARE` — when none of the others is in the article. Else it
   stays apart, in each article: two people are never merged on a shared surname
   without evidence. A group named by a single capitalised word (``Trump``, read as a
   group) is resolved the same way when it finds a person. ``actors merge A NAME``
   folds every remaining fragment of NAME into A at once.
7. Organisations, countries and named groups (``officials in Tarsk``): the same
   name is the same actor. Unnamed groups (``officials``, ``one of them``) and
   anonymous sources are never merged across articles.
8. The analyst's ``split`` (an alias taken away from an actor), ``merge`` (one actor
   folded into another, which keeps its name) and ``rename`` are applied last, in the
   order they were made, and survive re-ingests. They name actors by id or by name.
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
from ..places import country_name, country_named, country_of_phrase
from .names import family_name_first, not_a_name, same_family_name, skeleton, spelling_block, tokens
from .offices import Office, office, same_office

#: How far before the first and after the last sighting an observed title still counts.
TITLE_SLACK = dt.timedelta(days=183)
#: A bare surname goes to the full-name person with at least this many times the statements of
#: all the other candidates together ...
DOMINANCE = 5
#: ... when each of the others has at most this many statements (they are rare).
RARE = 3
#: Last words that make an organisation's name its country's government ("the Afghan government").
GOVERNMENT_WORDS = ("government", "regime")


@dataclass(frozen=True)
class LocalActor:
    """One actor of one article, as the pipeline found it.

    ``statements`` counts the statements it is the source of in that article; ``said_on``
    is when they were said when the text says so (the date a bare title is resolved by);
    ``sources`` are the source texts of its statements ("South Korean President Han Seo-jin",
    "Han"), which show a country or a short name the actor's name does not.
    """

    article_id: str
    local_id: str
    name: str
    kind: str
    titles: tuple[str, ...]
    country: str | None
    date: str | None  # the article's publication date, YYYY-MM-DD
    statements: int = 0
    said_on: str | None = None
    sources: tuple[str, ...] = ()


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
    label: str | None = None  # the name given by the analyst (rename, merge) or the country's name
    statements: int = 0  # statements of the local actors linked to it by name (for dominance)
    short: set[str] = field(default_factory=set)  # single words it is called by (source texts)


@dataclass(frozen=True)
class Identities:
    """The outcome: corpus actors and, per (article, local actor), the actor and why.

    ``unlinked`` holds the local actors that make no corpus actor (names that are no
    names), with the reason.
    """

    actors: dict[str, CorpusActor]
    links: dict[tuple[str, str], tuple[str, str]]
    unlinked: dict[tuple[str, str], str] = field(default_factory=dict)


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


def _is_title(key: str, titles: tuple[str, ...] | None = None) -> bool:
    """Whether a name key is an office title (``prime minister``, ``guide`` of ``supreme guide``)."""
    keys = _title_keys(titles)
    return key in keys or any(t.endswith(" " + key) for t in keys)


@lru_cache(maxsize=1 << 16)  # one call per in-article actor: a corpus says the same names again and again
def title_phrase(name: str, titles: tuple[str, ...] | None = None) -> Office | None:
    """The office a name means, when it names one: a bare title (``the Guide``) or a title phrase
    (``the Afghan president``, ``Seoul's leader``, ``Democratic senator``)."""
    found = office(name, titles=titles)
    if found is not None:
        return found
    key = norm(name)
    return Office(key) if key and _is_title(key, titles) else None


@lru_cache(maxsize=4096)
def _held(title: str, titles: tuple[str, ...] | None = None) -> Office:
    """A title as held (a gazetteer term, or a title seen with a name), its country read apart."""
    return office(title, strict=False, titles=titles) or Office(norm(title))


def government_of(name: str, kind: str) -> str | None:
    """The country (ISO alpha-3) an organisation, country or group name stands for, if it is a
    government named by its country, capital or seat: "Washington", "the Kremlin", "the Afghan
    government"."""
    if kind not in ("organization", "country", "group"):
        return None
    code = country_named(name)
    if code:
        return code
    words = norm(name).split()
    if len(words) > 1 and words[-1] in GOVERNMENT_WORDS:
        return country_of_phrase(" ".join(words[:-1]))
    return None


def _bare_name(la: LocalActor, key: str) -> bool:
    """A one-word name that may be a person's surname: a person's, or a group read from a single
    capitalised word ("Trump")."""
    if len(key.split()) != 1:
        return False
    return la.kind == "person" or (la.kind == "group" and la.name.strip()[:1].isupper())


class _Resolver:
    def __init__(self, gazetteer: Iterable[Entry], titles: tuple[str, ...] | None = None) -> None:
        self.titles = titles  # the office titles the articles were analysed with (None: the shipped ones)
        self.actors: dict[str, CorpusActor] = {}
        self.by_key: dict[str, str] = {}  # gazetteer name/alias key → actor id
        self.by_country: dict[str, str] = {}  # ISO alpha-3 → the gazetteer's country actor
        self.links: dict[tuple[str, str], tuple[str, str]] = {}
        self.unlinked: dict[tuple[str, str], str] = {}
        self.in_article: dict[str, set[str]] = defaultdict(set)  # article → people named in full there
        for e in gazetteer:
            aid = actor_id(e.kind, "gazetteer:" + norm(e.name))
            self.actors[aid] = CorpusActor(aid, e.name, e.kind, e.country, True, terms=list(e.titles))
            for key in (norm(e.name), *(norm(a) for a in e.aliases)):
                self.by_key.setdefault(key, aid)
            if e.kind == "country" and e.country:
                self.by_country.setdefault(e.country, aid)

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

    def link_named(self, la: LocalActor, actor: CorpusActor, evidence: str) -> None:
        """Link a person named in full: its statements count, its source texts tell titles and short names."""
        self.link(la, actor, evidence)
        actor.statements += la.statements
        self.in_article[la.article_id].add(actor.id)
        _learn_from_sources(actor, la, self.titles)

    def country(self, code: str) -> CorpusActor:
        if code in self.by_country:
            return self.actors[self.by_country[code]]
        actor = self._actor("country", "iso:" + code, country_name(code) or code, code)
        actor.label = country_name(code)
        return actor

    def people(self) -> list[CorpusActor]:
        return [a for a in self.actors.values() if a.kind == "person"]

    def holders(self, mention: Office, date: str | None) -> list[CorpusActor]:
        """People who hold the office ``mention`` on ``date``.

        The title itself first (``the prime minister`` is the Prime Minister,
        not the Deputy Prime Minister); only when nobody holds it, a longer
        title ending with it (``the minister``, ``the Guide``).
        """
        exact, longer = [], []
        for a in self.people():
            terms = [
                (t, m) for t in a.terms if (m := same_office(mention, _held(t.title, self.titles), a.country))
            ]
            # The gazetteer's dates for a title are the truth; only titles it does not date are
            # bounded by when the corpus shows them.
            dated = {norm(t.title) for t, _ in terms}
            for t, d in a.titles.items():
                m = same_office(mention, _held(t, self.titles), a.country)
                if m and norm(t) not in dated:
                    terms.append((_seen_term(t, d), m))
            held = [m for t, m in terms if _in_term(date, t)]
            if "exact" in held:
                exact.append(a)
            elif held:
                longer.append(a)
        return exact or longer


def _learn_from_sources(actor: CorpusActor, la: LocalActor, titles: tuple[str, ...] | None = None) -> None:
    """What the source texts of a named person's statements say about it: a title with a country
    ("South Korean President Han Seo-jin": President, of KOR), a single word it goes by ("Han")."""
    name_words = tokens(la.name)
    if not name_words:
        return
    for text in la.sources:
        words = tokens(text)
        if len(words) == 1 and words[0] in name_words:
            actor.short.add(words[0])
            continue
        if len(words) <= len(name_words) or words[-len(name_words) :] != name_words:
            continue
        raw, i, seen = text.split(), len(text.split()), 0
        while i > 0 and seen < len(name_words):  # the words before the name, as written
            i -= 1
            seen += len(tokens(raw[i]))
        title = " ".join(raw[:i])
        found = office(title, strict=False, titles=titles) if seen == len(name_words) and title else None
        if found is None or not found.country:
            continue
        if actor.country is None:
            actor.country = found.country
        actor.titles.setdefault(re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.IGNORECASE), []).append(
            la.said_on or la.date or ""
        )


def _spellings(rows: list[LocalActor], people: list[tuple[LocalActor, str]]) -> dict[str, tuple[str, str]]:
    """Full-name keys of people → (the key of the name they are one with, the evidence).

    Spelling variants (same given names, a family name spelled two ways) and joined or split
    hyphens go together; so does a name with a middle initial and the name without it, when no
    other middle initial is seen with that name. The key of a group is its smallest member, so the
    same names give the same ids whatever their order and counts.
    """
    keys = sorted({key for _, key in people})
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    why: dict[str, str] = {}
    toks = {k: tokens(k) for k in keys}
    joined: dict[str, str] = {}
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for k in keys:
        j = "".join(toks[k])
        if j in joined:
            union(joined[j], k)
            why.setdefault(joined[j], "same name, with or without a hyphen")
            why.setdefault(k, "same name, with or without a hyphen")
        else:
            joined[j] = k
        blocks[spelling_block(toks[k])].append(k)
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if toks[a][:-1] == toks[b][:-1] and same_family_name(toks[a][-1], toks[b][-1]):
                    union(a, b)
                    why.setdefault(a, "same name spelled another way")
                    why.setdefault(b, "same name spelled another way")
    initials: dict[tuple[str, ...], dict[tuple[str, ...], list[str]]] = defaultdict(lambda: defaultdict(list))
    for k in keys:
        bare, marks = skeleton(toks[k])
        initials[bare][marks].append(k)
    for variants in initials.values():
        with_marks = [m for m in variants if m]
        if () in variants and len(with_marks) == 1:
            for k in (*variants[()], *variants[with_marks[0]]):
                union(variants[()][0], k)
                why.setdefault(k, "same name, with or without a middle initial")
    out: dict[str, tuple[str, str]] = {}
    for k in keys:
        root = find(k)
        out[k] = (root, why.get(k, "same full name") if find(k) != k or k in why else "same full name")
    return out


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
        overrides: The analyst's ``("merge", A, B)``, ``("split", ACTOR, NAME)`` and
            ``("rename", ACTOR, NAME)``, oldest first.
        titles: The office titles the articles were analysed with (:func:`stanceline.config.load_titles`),
            to tell a title from a name; ``None``: the shipped ones.

    Returns:
        :class:`Identities`; the same input always gives the same ids.
    """
    r = _Resolver(gazetteer, titles)
    rows = sorted(local, key=lambda a: (a.article_id, a.local_id))
    offices: list[tuple[LocalActor, Office]] = []
    bare: list[tuple[LocalActor, str]] = []
    named: list[tuple[LocalActor, str]] = []
    for la in rows:
        key = norm(la.name)
        if la.kind == "anonymous" or not key:
            r.link(
                la, r._actor("anonymous", f"{la.article_id}/{la.local_id}", la.name), "anonymous: kept apart"
            )
        elif key in r.by_key:
            actor = r.actors[r.by_key[key]]
            (r.link_named if actor.kind == "person" else r.link)(la, actor, f"gazetteer name {la.name!r}")
        elif (why := not_a_name(la.name, la.kind)) and not (
            la.kind == "person" and title_phrase(la.name, r.titles)
        ):
            r.unlinked[(la.article_id, la.local_id)] = why
        elif code := government_of(la.name, la.kind):
            r.link(la, r.country(code), f"{la.name!r}: the government of {country_name(code) or code}")
        elif la.kind == "person" and (off := title_phrase(la.name, r.titles)) is not None:
            offices.append((la, off))
        elif _bare_name(la, key):
            bare.append((la, key))
        elif la.kind == "group" and not _named_group(la.name):
            # "officials", "one of them", "two leaders": who they are depends on the article.
            r.link(
                la, r._actor("group", f"{la.article_id}/{la.local_id}", la.name), "unnamed group: kept apart"
            )
        elif la.kind == "person":
            named.append((la, key))
        else:
            r.link(la, r._actor(la.kind, key, la.name, la.country), "same name")
    spelled = _spellings(rows, named)
    for la, key in named:
        root, evidence = spelled[key]
        r.link_named(la, r._actor("person", root, la.name), evidence)
    for la, off in offices:
        _resolve_title(r, la, off)
    index = _SurnameIndex(r.people())
    for la, key in bare:
        _resolve_surname(r, index, la, key)
    # The analyst's corrections, in the order they were made: a split after a merge undoes part of it.
    for action, a_ref, b_ref in overrides:
        if action == "merge":
            _merge(r, a_ref, b_ref)
        elif action == "split":
            _split(r, rows, a_ref, b_ref)
        elif action == "rename":
            _rename(r, a_ref, b_ref)
    used = {aid for aid, _ in r.links.values()}
    actors = {aid: a for aid, a in r.actors.items() if aid in used or a.pinned}
    for a in actors.values():
        a.name = display_name(a, r.titles)
    return Identities(actors, r.links, r.unlinked)


def _resolve_title(r: _Resolver, la: LocalActor, off: Office) -> None:
    """A title in place of a name: its one holder on the date said, else an actor of the title."""
    date = la.said_on or la.date
    holders = r.holders(off, date)
    if len(holders) == 1:
        r.link(la, holders[0], f"title {la.name!r} held on {date or 'an unknown date'}")
    elif holders:  # two people may be meant: this mention stays on its own
        r.link(
            la,
            r._actor("person", f"title:{off.title}@{la.article_id}/{la.local_id}", la.name),
            f"title only ({len(holders)} holders on that date)",
        )
    else:  # nobody known: one title-holder per title, country and year ("the prime minister" of 2020)
        when = (date or "")[:4]
        country = off.country or la.country or ""
        r.link(
            la,
            r._actor("person", f"title:{off.title}:{country}:{when}", la.name, off.country),
            f"title only (no holder on that date; grouped with the same title in {when or 'undated'} "
            "articles)",
        )


class _SurnameIndex:
    """People by the single words a bare name may be: surnames (also spelled another way), family names
    written first (``Moon`` of ``Moon Jae-in``), and the words source texts called them by."""

    def __init__(self, people: list[CorpusActor]) -> None:
        self.exact: dict[str, set[str]] = defaultdict(set)
        self.fuzzy: dict[tuple, set[str]] = defaultdict(set)  # sound of a surname → people
        self.people = {a.id: a for a in people}
        for a in people:
            names = [n for n, c in a.names.items() if c > 0 and len(norm(n).split()) > 1]
            if a.pinned:
                names.append(a.name)
            for n in names:
                words = tokens(n)
                if len(words) < 2:
                    continue
                self.exact[words[-1]].add(a.id)
                self.fuzzy[spelling_block((words[-1],))].add(a.id)
                if family_name_first(n):
                    self.exact[words[0]].add(a.id)
            if names:
                for w in a.short:
                    self.exact[w].add(a.id)

    def candidates(self, key: str) -> list[CorpusActor]:
        words = tokens(key)
        if len(words) != 1:
            return []
        ids = set(self.exact.get(words[0], ()))
        for aid in self.fuzzy.get(spelling_block(words), ()):
            if aid not in ids and any(
                len(t := tokens(n)) > 1 and same_family_name(words[0], t[-1]) for n in self.people[aid].names
            ):
                ids.add(aid)
        return [self.people[i] for i in sorted(ids)]


def _dominant(cands: list[CorpusActor]) -> CorpusActor | None:
    """The one candidate far ahead in statements while the others are rare, if there is one."""
    ranked = sorted(cands, key=lambda a: (-a.statements, a.id))
    lead, others = ranked[0], ranked[1:]
    rest = sum(a.statements for a in others)
    if all(a.statements <= RARE for a in others) and lead.statements >= DOMINANCE * max(rest, 1):
        return lead
    return None


def _resolve_surname(r: _Resolver, index: _SurnameIndex, la: LocalActor, key: str) -> None:
    """A bare surname: the one full-name person it can be, else an actor of its own (see rule 6)."""
    cands = [a for a in index.candidates(key) if not (la.country and a.country and la.country != a.country)]
    if la.titles and len(cands) > 1:
        cands = [a for a in cands if set(la.titles) & set(a.titles)] or cands
    here = [a for a in cands if a.id in r.in_article[la.article_id]]
    lead = _dominant(cands) if len(cands) > 1 else None
    as_group = " (read as a group)" if la.kind == "group" else ""
    if len(cands) == 1:
        r.link(la, cands[0], f"surname {la.name!r}: the only candidate{as_group}")
    elif len(here) == 1 and (lead is None or lead is here[0]):
        # A rare namesake in the article does not outweigh a dominant person who is not: apart.
        r.link(la, here[0], f"surname {la.name!r}: named in full in the same article{as_group}")
    elif lead is not None and not here:
        r.link(
            la,
            lead,
            f"surname {la.name!r}: the dominant candidate ({lead.statements} statements; "
            f"{len(cands) - 1} other(s) with {sum(a.statements for a in cands) - lead.statements}){as_group}",
        )
    elif la.kind == "group":  # no person found: a group by that name, as before
        if _named_group(la.name):
            r.link(la, r._actor("group", key, la.name, la.country), "same name")
        else:
            r.link(
                la, r._actor("group", f"{la.article_id}/{la.local_id}", la.name), "unnamed group: kept apart"
            )
    elif cands:  # "Berg" with Anna Berg and Boris Berg about: nobody can say which, so it stays apart
        r.link(
            la,
            r._actor("person", f"{key}@{la.article_id}/{la.local_id}", la.name),
            f"surname only ({len(cands)} candidates)",
        )
    else:
        r.link(la, r._actor("person", key, la.name), "surname only (no full name seen)")


def display_name(actor: CorpusActor, titles: tuple[str, ...] | None = None) -> str:
    """The name an actor is shown by: the analyst's (rename, or the name kept by a merge), the
    gazetteer's, a country's own name, else its fullest name still in use.

    A name before a bare title (``Anaya Veldt``, not ``the prime minister`` or ``the Afghan
    president`` that was linked to her), then the longest, the most frequent.
    """
    if actor.label:
        return actor.label
    names = [n for n, c in actor.names.items() if c > 0]
    if actor.pinned or not names:
        return actor.name
    return max(names, key=lambda n: (title_phrase(n, titles) is None, len(n.split()), actor.names[n], n))


def _split(r: _Resolver, rows: list[LocalActor], actor_ref: str, name: str) -> None:
    """Mentions of ``actor_ref`` by ``name`` become an actor of their own."""
    actor = find_actor(r.actors, actor_ref, r.titles)
    key = norm(name)
    if actor is None or not key:
        return  # the actor no longer exists: nothing to do
    for la in rows:
        link = (la.article_id, la.local_id)
        if r.links.get(link, ("",))[0] != actor.id or norm(la.name) != key:
            continue
        own = r._actor(la.kind, "split:" + key, la.name)
        if own.id == actor.id:
            continue
        actor.names[la.name] -= 1
        r.links[link] = (own.id, f"split from {display_name(actor, r.titles)!r} by the analyst")
        own.names[la.name] += 1


def find_actor(
    actors: dict[str, CorpusActor], ref: str, titles: tuple[str, ...] | None = None
) -> CorpusActor | None:
    """The actor an analyst means by ``ref``: an id, a name, or an alias (unique)."""
    if ref in actors:
        return actors[ref]
    key = norm(ref)
    named = [a for a in actors.values() if a.kind != "anonymous" and (a.names or a.pinned)]
    hits = [a for a in named if norm(display_name(a, titles)) == key]
    if not hits:
        hits = [a for a in named if any(norm(n) == key for n, c in a.names.items() if c > 0)]
    return hits[0] if len(hits) == 1 else None


def fragments(
    actors: dict[str, CorpusActor], ref: str, titles: tuple[str, ...] | None = None
) -> list[CorpusActor]:
    """The unpinned actors shown by exactly the name ``ref``: a bare surname or title that
    could not be told apart ("Veldt" with two Veldts about), one actor per mention."""
    key = norm(ref)
    return [a for a in actors.values() if not a.pinned and a.names and norm(display_name(a, titles)) == key]


def _merge(r: _Resolver, a_ref: str, b_ref: str) -> None:
    """Actor ``b_ref`` is folded into ``a_ref`` (every fragment of that name, when it names several).

    A keeps the name it is shown by, whatever names B brings.
    """
    a = find_actor(r.actors, a_ref, r.titles)
    b = find_actor(r.actors, b_ref, r.titles)
    if a is None:
        return
    others = [o for o in ([b] if b is not None else fragments(r.actors, b_ref, r.titles)) if o.id != a.id]
    if others:
        a.label = display_name(a, r.titles)
    for other in others:
        _merge_one(r, a, other)


def _rename(r: _Resolver, actor_ref: str, name: str) -> None:
    """The analyst's name for an actor: shown everywhere; its other names stay its aliases."""
    actor = find_actor(r.actors, actor_ref, r.titles)
    if actor is not None and name.strip():
        actor.label = name.strip()


def _merge_one(r: _Resolver, a: CorpusActor, b: CorpusActor) -> None:
    for k, (aid, ev) in list(r.links.items()):
        if aid == b.id:
            r.links[k] = (a.id, f"{ev}; merged into {display_name(a, r.titles)!r} by the analyst")
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
