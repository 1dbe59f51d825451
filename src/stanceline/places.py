"""Countries by any of their names: ISO 3166 names and codes, short names, demonyms, capitals and seats.

The ISO 3166 names and alpha-3 codes come from ``pycountry`` (the maintained resource: short,
official and common names). ISO lists neither capitals nor demonyms and lacks the short forms news
writes ("Russia", "Britain"), so ``data/places.txt`` adds them, with the seats of government that
stand for one ("the Kremlin"). The store uses this to make "Washington", "Pyongyang" and "the
Kremlin" the country actors they speak for, and to read "the Afghan president" as an office of a
country; the real-news benchmark (:mod:`stanceline.evaluate.places`) matches speakers with it.

>>> country_named("Pyongyang"), country_named("the Kremlin"), country_named("Velmora")
('PRK', 'RUS', None)
>>> country_name("PRK")
'North Korea'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .config.files import data_text

_WORD = re.compile(r"[^\W_]+")
Words = tuple[str, ...]

#: States news names that ISO 3166 does not list, with the code in common use (EU, IMF, World Bank).
_NO_ISO = {"XK": ("XKX", "Kosovo")}


def words(text: str) -> tuple[Words, Words]:
    """Split a name into words, twice: as written and case-folded.

    Accents are dropped, a possessive ``'s`` and the dots of abbreviations go ("U.S." is
    ``US``), and hyphens and other punctuation separate words ("Jong-un" is two).

    Args:
        text: A name or a phrase.

    Returns:
        ``(raw words, folded words)``, of equal length.
    """
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"'s\b", "", text).replace(".", "")
    raw = tuple(_WORD.findall(text))
    return raw, tuple(w.casefold() for w in raw)


def _sections() -> dict[str, list[list[str]]]:
    """``data/places.txt`` as rows of ``|``-separated cells, per ``[section]``."""
    out: dict[str, list[list[str]]] = {}
    section = ""
    for raw in data_text("places.txt").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        out.setdefault(section, []).append([c.strip() for c in line.split("|")])
    return out


def _pycountry():
    try:
        import pycountry
    except ImportError as err:  # pragma: no cover - a runtime dependency
        raise ImportError("stanceline needs pycountry: pip install 'pycountry>=24.6'") from err
    return pycountry


class _Index:
    """Phrases (as word tuples) → alpha-2 codes, folded and as written (abbreviations)."""

    def __init__(self) -> None:
        self.folded: dict[Words, set[str]] = {}
        self.exact: dict[Words, set[str]] = {}

    def add(self, name: str, code: str) -> None:
        name = name.strip()
        if not name:
            return
        raw, fold = words(name)
        if not raw:
            return
        if name.isupper():
            self.exact.setdefault(raw, set()).add(code)
        else:
            self.folded.setdefault(fold, set()).add(code)

    def frozen(self) -> tuple[dict[Words, frozenset[str]], dict[Words, frozenset[str]], int]:
        longest = max((len(k) for k in (*self.folded, *self.exact)), default=1)
        return (
            {k: frozenset(v) for k, v in self.folded.items()},
            {k: frozenset(v) for k, v in self.exact.items()},
            longest,
        )


@lru_cache(maxsize=1)
def place_index() -> tuple[dict[Words, frozenset[str]], dict[Words, frozenset[str]], int]:
    """The names of every country: ``(folded phrases, as-written abbreviations, longest phrase)``.

    Each maps a phrase's words to the alpha-2 codes it may name: ISO names and alpha-3 codes,
    and the short names, demonyms and capitals of ``data/places.txt``. Built once.
    """
    idx = _Index()
    for country in _pycountry().countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name and "," not in name and "(" not in name:  # "Korea, Republic of" is no usable name
                idx.add(name, country.alpha_2)
        idx.add(country.alpha_3, country.alpha_2)
    for code, *cells in _sections().get("countries", []):
        for cell in cells:
            for name in cell.split(";"):
                idx.add(name, code)
    return idx.frozen()


@lru_cache(maxsize=1)
def _seat_index() -> dict[Words, frozenset[str]]:
    idx = _Index()
    for code, *cells in _sections().get("seats", []):
        for cell in cells:
            for name in cell.split(";"):
                idx.add(name, code)
    return idx.frozen()[0]


def find_places(raw: Words, folded: Words) -> tuple[frozenset[str], frozenset[int]]:
    """The countries a name mentions, by name, demonym, capital or abbreviation.

    Scans left to right, taking the longest phrase at each word ("North Korean" before
    "Korean", "South Sudan" before "Sudan").

    Args:
        raw: The name's words as written (see :func:`words`).
        folded: The same words case-folded.

    Returns:
        ``(alpha-2 codes, indices of the words that belong to a place phrase)``.
    """
    by_fold, by_raw, longest = place_index()
    codes: set[str] = set()
    used: set[int] = set()
    i = 0
    while i < len(folded):
        for n in range(min(longest, len(folded) - i), 0, -1):
            hit = by_raw.get(raw[i : i + n]) or by_fold.get(folded[i : i + n])
            if hit:
                codes |= hit
                used.update(range(i, i + n))
                i += n
                break
        else:
            i += 1
    return frozenset(codes), frozenset(used)


@lru_cache(maxsize=512)
def alpha3(code: str) -> str | None:
    """The ISO 3166 alpha-3 code of an alpha-2 code (``KP`` → ``PRK``)."""
    if code in _NO_ISO:
        return _NO_ISO[code][0]
    country = _pycountry().countries.get(alpha_2=code)
    return country.alpha_3 if country else None


@lru_cache(maxsize=512)
def country_name(code3: str) -> str | None:
    """The name a country is shown by: ISO's common name, else its short name, else the short name
    news uses when ISO's is an inverted one ("Korea, Democratic People's Republic of")."""
    for c3, name in _NO_ISO.values():
        if c3 == code3:
            return name
    country = _pycountry().countries.get(alpha_3=code3)
    if country is None:
        return None
    for name in (getattr(country, "common_name", None), country.name):
        if name and "," not in name and "(" not in name:
            return name
    for code, others, *_ in _sections().get("countries", []):
        if code == country.alpha_2 and others:
            return others.split(";")[0].strip()
    return country.name


def _one(codes: frozenset[str] | set[str]) -> str | None:
    return alpha3(next(iter(codes))) if len(codes) == 1 else None


def _strip(name: str) -> str:
    return re.sub(r"^\s*the\s+", "", name.strip(), flags=re.IGNORECASE)


@lru_cache(maxsize=4096)
def country_named(name: str) -> str | None:
    """The alpha-3 code of the one country a whole name stands for: its name, an abbreviation, its
    capital or its seat of government ("Washington", "the Kremlin", "U.S."); ``None`` otherwise.

    Demonyms do not count ("Afghan" alone names no government), nor a name that could be two
    countries.
    """
    codes, folded = _codes(name)
    if not codes or (folded is not None and _is_demonym(folded)):
        return None
    return _one(codes)


def _codes(text: str) -> tuple[frozenset[str], Words | None]:
    """The codes a whole name or qualifier matches, with its folded words; a seat of government first
    (its words ``None``: a seat is never a demonym)."""
    raw, folded = words(_strip(text))
    if not raw:
        return frozenset(), None
    seat = _seat_index().get(folded)
    if seat:
        return seat, None
    by_fold, by_raw, _ = place_index()
    return by_raw.get(raw) or by_fold.get(folded) or frozenset(), folded


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[Words]:
    out = set()
    for _code, *cells in _sections().get("countries", []):
        if len(cells) > 1:
            out.update(words(d)[1] for d in cells[1].split(";") if d.strip())
    return frozenset(out)


def _is_demonym(folded: Words) -> bool:
    return folded in _demonyms()


@lru_cache(maxsize=4096)
def country_of_phrase(phrase: str) -> str | None:
    """The alpha-3 code of the one country a qualifier names as a whole: a country, its capital or seat,
    an abbreviation or a demonym ("South Korean", "Seoul's", "Afghanistan"); ``None`` otherwise."""
    return _one(_codes(phrase)[0])
