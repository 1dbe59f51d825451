"""Word forms the lemmatiser may miss: the verb a noun is made from ("lifting" -> "lift", "postponement"
-> "postpone") and the base forms of an inflected verb ("hoped" -> "hope", not "hop"). Candidates only: the
caller looks them up in its word classes."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=16)
def nominal_endings(entries: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The ``nominal_endings`` word class parsed: ``"ation:ate,e,"`` is the ending "ation" with what may be
    put back ("ate", "e" or nothing), longest ending first."""
    out = []
    for entry in entries:
        ending, _, backs = entry.partition(":")
        out.append((ending.strip(), tuple(b.strip() for b in backs.split(","))))
    return tuple(sorted(out, key=lambda e: (-len(e[0]), e[0])))


@lru_cache(maxsize=4096)
def verb_of(noun: str, endings: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    """The verbs a noun lemma may be made from, most likely first (candidates: the caller checks them);
    ``endings`` from :func:`nominal_endings`."""
    out = []
    for ending, backs in endings:
        if noun.endswith(ending) and len(noun) > len(ending) + 2:
            stem = noun[: -len(ending)]
            out.extend(stem + b for b in backs)
            if ending == "ing" and len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "cutting" -> "cut"
    return tuple(out)


@lru_cache(maxsize=4096)
def base_forms(word: str) -> tuple[str, ...]:
    """Base forms an inflected verb may have, for when the lemmatiser errs ("hoped" -> "hope", not "hop")."""
    out = []
    for ending, backs in (
        ("ied", ("y",)),
        ("ed", ("e", "")),
        ("ing", ("e", "")),
        ("ies", ("y",)),
        ("es", ("e", "")),
        ("s", ("",)),
    ):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            out.extend(stem + b for b in backs)
            if ending in ("ed", "ing") and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "banned" -> "ban"
            break
    return tuple(out)
