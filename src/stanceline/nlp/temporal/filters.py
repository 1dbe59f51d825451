"""Matches of the temporal patterns that only look like dates: 'May' the modal, 'march' the verb, 'Section
2013', '2000 troops', 'a quarter of the market', 'USA TODAY'. :func:`acceptable` is asked of every match
by :func:`stanceline.nlp.temporal.timex.find_timex_drafts`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Token

from ...config import TemporalWords
from .patterns import CAP_WORDS, group


def acceptable(
    name: str, m: re.Match, text: str, tok_at: Callable[[int], Token], words: TemporalWords
) -> bool:
    """Drop matches that only look like dates: 'May' the modal, 'march' the verb, 'Section 2013'."""
    if not _names_are_dates(name, m, tok_at):
        return False
    if name == "year_span":
        return _a_year(m, text, tok_at, words)
    if name == "duration":
        return _a_duration(m) and not _a_fraction(m, text)
    if name in ("present", "past", "future"):
        return _a_reference(m, tok_at)
    if name == "deictic":
        return _a_day(m, tok_at)
    return True


def _a_day(m: re.Match, tok_at: Callable[[int], Token]) -> bool:
    """'today' as a day, not in a name: a capital inside a sentence or after an all-capitals word is
    a title ('USA TODAY', 'the Today show', 'BBC Today')."""
    tok = tok_at(m.start())
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is not None and prev.is_upper and prev.is_alpha and len(prev) > 1:
        return False
    return not (tok.text[0].isupper() and not tok.is_sent_start and prev is not None and prev.is_alpha)


def _names_are_dates(name: str, m: re.Match, tok_at: Callable[[int], Token]) -> bool:
    """Month and weekday names capitalised and used as names: not 'May' the modal, 'march' the verb, or
    a month that is part of a name ('April Ross')."""
    for cap in CAP_WORDS.finditer(m.group(0)):
        w = cap.group(0)
        if not w[0].isupper():
            return False
        tok = tok_at(m.start() + cap.start())
        if w.lower() in ("may", "march") and (tok.tag_ == "MD" or tok.pos_ in ("VERB", "AUX")):
            return False
        if w == "May" and name == "month" and tok.pos_ not in ("PROPN", "NOUN"):
            return False
        if tok.ent_type_ in ("PERSON", "ORG", "FAC", "GPE") and name == "month":
            return False
        if w == "March" and name == "month" and _a_march(tok):
            return False
    return True


def _a_march(tok: Token) -> bool:
    """'the annual March for Life', 'a March of the Mothers': the noun, after an article and before a
    preposition ('the March 6 deadline' is another rule; 'the March elections' stays a month)."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    before = [t.lower_ for t in tok.doc[max(0, tok.i - 2) : tok.i]]
    return (
        nxt is not None
        and nxt.lower_ in ("for", "of", "on", "to")
        and bool({"the", "a", "annual"} & set(before))
    )


@lru_cache(maxsize=4)
def _counted_after(counted: tuple[str, ...]) -> re.Pattern:
    """What may follow a number that is a count or an amount: '%', or one of the counted words."""
    return re.compile(r"(?:%|" + "|".join(re.escape(w) for w in counted) + r")\b")


def _a_year(m: re.Match, text: str, tok_at: Callable[[int], Token], words: TemporalWords) -> bool:
    """A bare year-like number that is a year: not a label ('Section 2013'), an amount ('2000 troops',
    '$2013') or a count ('1500 protesters'); a plural it dates is fine ('the 2012 elections')."""
    tok = tok_at(m.start())
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is not None and (prev.lower_ in words.numbered or prev.text in ("$", "#", "No.", "Nos.")):
        return False
    if _counted_after(words.counted).match(text[m.end() : m.end() + 12].lstrip()):
        return False
    if (
        tok.head.tag_ == "NNS"
        and tok.dep_ == "nummod"
        and tok.head.i > tok.i
        and tok.head.lower_ not in words.dated_plurals
    ):
        return False
    if tok.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL") and tok.ent_type_ != "DATE":
        if tok.ent_type_ != "CARDINAL" or (prev is not None and prev.like_num):
            return False
    return True


def _a_duration(m: re.Match) -> bool:
    """'the', 'some', 'many' count a duration only after 'the past', 'the next' ...: not 'the day'."""
    num = (group(m, "num") or "").lower()
    return num not in ("the", "some", "many") or m.group(0).lower().startswith(
        ("the past", "the last", "the next", "the first", "the coming")
    )


def _a_fraction(m: re.Match, text: str) -> bool:
    """'a quarter of the market', 'three-quarters of its food', 'a four-quarter test': a share, not a time."""
    if not (group(m, "unit") or "").lower().startswith("quarter"):
        return False
    after = text[m.end() : m.end() + 4]
    return bool(re.match(r"\s+of\b", after)) or "-" in m.group(0)


def _a_reference(m: re.Match, tok_at: Callable[[int], Token]) -> bool:
    """'future' as a time ('in the near future', not 'future talks'); 'current', 'recent' as modifiers."""
    tok = tok_at(m.start())
    w = m.group(0).lower()
    if w == "future" and tok.dep_ not in ("pobj",) and tok.head.lower_ not in ("near", "in"):
        return False
    return not (w in ("current", "recent") and tok.dep_ != "amod")
