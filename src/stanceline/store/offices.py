"""Offices named in place of a person: "the Afghan president", "Seoul's leader", "the president of Kenya".

Pure functions over strings, used by :mod:`stanceline.store.identity`. A title phrase is an office
title from ``data/titles.txt`` with an optional qualifier before it (``South Korean``, ``Seoul's``,
``Indiana``, ``former``) or after it (``of Afghanistan``). A qualifier that names one country (a
country, its capital or seat, a demonym: :func:`stanceline.places.country_of_phrase`) makes the
office that country's; any other qualifier (``Democratic``, ``former``) says the phrase is narrower
than the title, so it is not given to whoever holds the title. ``leader`` with a country is that
country's head of state or government: any of :data:`HEAD_TITLES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import load_titles
from ..places import country_of_phrase

#: Titles of a country's head of state or government: what "Seoul's leader" may mean.
HEAD_TITLES = frozenset(
    ("president", "prime minister", "premier", "chancellor", "supreme leader", "leader")
    + ("king", "queen", "emir", "sultan", "chairman")
)

# A dateline the attribution took in with the name: "SEOUL - North Korea's leader".
_DATELINE = re.compile(r"^[A-Z][A-Z .,'/-]*\s+[-\u2013\u2014]+\s+")
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Office:
    """A title phrase read apart: the title (with any qualifier that is not a country) and the country."""

    title: str  # lower case: "president", "democratic senator", "secretary general of the united nations"
    country: str | None = None  # ISO 3166 alpha-3


def _key(text: str) -> str:
    s = text.replace("\u2019", "'").casefold()
    return " ".join(re.sub(r"[^\w'-]+", " ", s).split())


@lru_cache(maxsize=8)
def _titles(titles: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The office titles as keys, longest first (``titles``: a user's, :func:`stanceline.config.load_titles`;
    ``None``: the shipped ones)."""
    return tuple(_key(t) for t in (load_titles() if titles is None else titles))


def _title_end(words: list[str], titles: tuple[str, ...] | None = None) -> int | None:
    """Where the longest title that ends the words starts, or ``None``."""
    for t in _titles(titles):
        tw = t.split()
        if len(tw) <= len(words) and words[-len(tw) :] == tw:
            return len(words) - len(tw)
    return None


def _title_start(words: list[str], titles: tuple[str, ...] | None = None) -> int | None:
    """Where the longest title that starts the words ends, or ``None``."""
    for t in _titles(titles):
        tw = t.split()
        if len(tw) <= len(words) and words[: len(tw)] == tw:
            return len(tw)
    return None


def _country(words: list[str]) -> str | None:
    phrase = re.sub(r"'s?$", "", " ".join(words))
    return country_of_phrase(phrase) if phrase else None


@lru_cache(maxsize=8192)
def office(name: str, *, strict: bool = True, titles: tuple[str, ...] | None = None) -> Office | None:
    """Read a title phrase, or ``None`` when ``name`` is no title phrase.

    Args:
        name: A local actor's name or a title as written ("the South Korean president",
            "Seoul's leader", "President of Afghanistan", "Democratic senator").
        strict: A qualifier that is no country makes a title phrase only when the title is
            written in lower case (``Democratic senator``, not ``Steve King``).

    >>> office("the South Korean president")
    Office(title='president', country='KOR')
    >>> office("Steve King") is None
    True
    """
    text = _DETERMINER.sub("", _DATELINE.sub("", name.strip()))
    raw = text.replace("\u2019", "'").split()
    words = _key(text).split()
    if not words or len(words) != len(raw):
        return None
    if " ".join(words) in _titles(titles):
        return Office(" ".join(words))
    # "<qualifier> <title>": "South Korean president", "Seoul's leader", "Indiana governor"
    i = _title_end(words, titles)
    if i is not None and i > 0:
        code = _country(words[:i])
        if code:
            return Office(" ".join(words[i:]), code)
        if not strict or raw[i][:1].islower():
            return Office(" ".join(words))
    # "<title> of <qualifier>": "president of Afghanistan", "secretary general of the United Nations"
    j = _title_start(words, titles)
    if j is not None and j < len(words) - 1 and words[j] == "of":
        code = _country([w for w in words[j + 1 :] if w != "the"])
        if code:
            return Office(" ".join(words[:j]), code)
        if not strict or raw[0][:1].islower():
            return Office(" ".join(words))
    return None


def same_office(mention: Office, held: Office, holder_country: str | None) -> str | None:
    """Whether a mentioned office is a held one: ``"exact"`` (the title itself), ``"longer"`` (a
    longer title ending with it: ``the minister`` for a Foreign Minister), or ``None``.

    A mention with a country needs the office to be of that country (the title's own country, or
    the holder's when the title names none); ``leader`` with a country is any head of state or
    government of it.
    """
    if mention.country:
        if (held.country or holder_country) != mention.country:
            return None
        if mention.title == "leader" and held.title in HEAD_TITLES:
            return "exact"
    if held.title == mention.title or held.title.startswith(mention.title + " of "):
        return "exact"  # "the president" is the President of Velmora
    if held.title.endswith(" " + mention.title):
        return "longer"
    return None
