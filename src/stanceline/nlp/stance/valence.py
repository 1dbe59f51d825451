"""The valence of a word in VADER's sentiment lexicon (``vaderSentiment``, MIT): the fallback for an
evaluative predicate that is in neither ``positive_eval`` nor ``negative_eval`` of ``data/topics.toml``
("talks with them would be *poison*", "the sanctions are *harmful*").

The lexicon ships inside the ``vaderSentiment`` package as ``vader_lexicon.txt`` (word, mean valence on
−4..+4, ...); it is read once, from the installed package, with no network. A word counts when its valence
reaches :data:`THRESHOLD`: below it VADER's words describe difficulty, readiness or size rather than worth
("difficult" −1.5, "ready" +1.5, "clear" +1.6, "hostile" −1.6, "serious" −0.3), above it they judge
("useless" −1.8, "honest" +2.3, "poison" −2.5, "disastrous" −2.9). A word the lexicon lacks is looked up by
its adverb and noun ("harmful" by "harmfully", "harmfulness"), which VADER often lists when the adjective
itself is missing.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

THRESHOLD = 1.8
_DERIVED = ("ly", "ness")  # "harmful" -> "harmfully", "harmfulness": same valence, listed more often


@cache
def lexicon() -> dict[str, float]:
    """VADER's lexicon: word (lower case) -> mean valence."""
    text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return out


def valence(word: str) -> float | None:
    """The word's valence, or that of its adverb or noun in -ly, -ness; None when the lexicon has none."""
    lex = lexicon()
    word = word.lower()
    if word in lex:
        return lex[word]
    for ending in _DERIVED:
        if word + ending in lex:
            return lex[word + ending]
    return None


def polarity(*forms: str) -> int:
    """+1, −1 or 0: the first of ``forms`` (lemma, word form) the lexicon knows, against :data:`THRESHOLD`."""
    for form in forms:
        v = valence(form)
        if v is not None:
            return 1 if v >= THRESHOLD else -1 if v <= -THRESHOLD else 0
    return 0
