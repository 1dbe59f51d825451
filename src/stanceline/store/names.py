"""Names compared across articles: spelling variants, middle initials, and what is no name at all.

Pure functions over strings, used by :mod:`stanceline.store.identity`.

**Spelling.** Two full names are the same name when, compared word by word after case,
accents, dots and hyphens are folded (``Kim Jong-un`` = ``Kim Jong Un``; ``Jong-un`` =
``Jongun``), their given names are the same and their family names (the last word) are
equal or two spellings of one sound: the same Metaphone code and a Jaro-Winkler
similarity of at least :data:`SPELLING_THRESHOLD`, both from ``jellyfish``
(``Zelensky`` / ``Zelenskyy`` / ``Zelenskiy``, ``Gaddafi`` / ``Qaddafi``). Given names
must match exactly: ``Martin`` and ``Martina``, ``Karen`` and ``Karin`` are different
people who may share a family name, and ``Barack Obama`` is not ``Michelle Obama``.
Family names shorter than :data:`MIN_FUZZY_LETTERS` letters match only exactly.

**Initials.** ``Donald J. Trump`` is ``Donald Trump`` when no other middle initial is
seen with that name (``George W. Bush`` and ``George H. W. Bush`` keep a bare
``George Bush`` apart from both); see :func:`skeleton`.

**Not a name.** A "name" of more than :data:`MAX_NAME_WORDS` words that is not a proper
name (every word capitalised, a number or a function word) is a description or a clause
the attribution took whole ("A union representing flight attendants endorsed ..."); so is
a person's name that starts with a lower-case word other than a name particle (``pro
Clinton``). The store cannot parse, and a list of verbs would miss most verbs and catch
nouns ("talks", "says"), so the test is the shape of a proper name; see
:func:`not_a_name`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish

#: Least Jaro-Winkler similarity of two spellings of one family name that also sound alike
#: (Metaphone). ``Gaddafi`` / ``Qaddafi`` score 0.905, ``Jung`` / ``Jong`` 0.85 (tested in
#: tests/test_identity.py, both ways).
SPELLING_THRESHOLD = 0.9
#: Family names shorter than this are compared exactly (``Un`` / ``Nam``, ``Kim`` / ``Kin``).
MIN_FUZZY_LETTERS = 5
#: A longer "name" that is not a proper name is a description or a clause, not an actor.
MAX_NAME_WORDS = 6

#: Lower-case words that belong to personal names ("bin Salman", "de Gaulle", "al-Assad").
PARTICLES = frozenset(
    "al el bin ibn bint ben abu abd de del della di da das dos du des la le van von der den ter ten y e "
    "mac mc st".split()
)

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[str, ...]:
    """A name's words for comparison: case, accents, dots, a leading "the", a possessive and hyphens
    folded (``Kim Jong-un`` → ``('kim', 'jong', 'un')``)."""
    s = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"^\s*the\s+", "", s)
    s = re.sub(r"'s?\s*$", "", s.strip()).replace(".", " ")
    return tuple(_WORD.findall(s))


def _sounds(word: str) -> str:
    return jellyfish.metaphone(word)


def same_family_name(a: str, b: str) -> bool:
    """Whether two family names (single folded words) are one name spelled two ways."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LETTERS or not (a.isalpha() and b.isalpha()):
        return False
    return _sounds(a) == _sounds(b) and jellyfish.jaro_winkler_similarity(a, b) >= SPELLING_THRESHOLD


def same_name(a: str, b: str) -> bool:
    """Whether two names are one name written two ways (see the module docstring)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    if ta == tb or "".join(ta) == "".join(tb):
        return True
    return len(ta) == len(tb) and ta[:-1] == tb[:-1] and same_family_name(ta[-1], tb[-1])


def spelling_block(toks: tuple[str, ...]) -> tuple:
    """A key that every spelling :func:`same_name` may match shares (given names, the sound of
    the family name): names are compared only within a block."""
    last = toks[-1] if toks else ""
    sound = _sounds(last) if len(last) >= MIN_FUZZY_LETTERS and last.isalpha() else last
    return (toks[:-1], sound)


def skeleton(toks: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(the name without middle initials, the initials)``: ``donald j trump`` →
    ``(('donald', 'trump'), ('j',))``."""
    if len(toks) < 3:
        return toks, ()
    middle = toks[1:-1]
    initials = tuple(w for w in middle if len(w) == 1)
    return (toks[0], *(w for w in middle if len(w) > 1), toks[-1]), initials


def family_name_first(name: str) -> bool:
    """Whether a full name shows the family name first, as Korean and Chinese names in English do:
    a hyphenated given name (``Moon Jae-in``) or its syllables split and lower-cased (``Ban Ki moon``)."""
    words = name.split()
    if len(words) < 2:
        return False
    rest = words[1:]
    return any("-" in w.strip("-") for w in rest) or any(
        w[:1].islower() and w.casefold() not in PARTICLES for w in rest
    )


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # spaCy's lexical is_stop, without a pipeline

    return frozenset(STOP_WORDS) | PARTICLES


def _proper(word: str) -> bool:
    w = word.strip("\"'()[],.;:!?\u2018\u2019\u201c\u201d")
    return not w or w[:1].isupper() or w[:1].isdigit() or w.casefold() in _function_words()


#: Words that open a clause inside a phrase: relative pronouns and the subject pronouns of a contact clause
#: ("the experts I interviewed"). After the first word of a lower-case name, the name holds a clause.
_CLAUSE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "i", "we", "he", "she", "they"})


def not_a_name(name: str, kind: str) -> str | None:
    """Why a local actor's name cannot be a corpus actor's, or ``None`` when it can.

    Args:
        name: The name as the article gave it.
        kind: The actor's kind (person, organization, country, group, anonymous).

    Returns:
        A short reason, kept as the evidence of the statements it leaves without an actor.
    """
    words = name.split()
    if len(words) > MAX_NAME_WORDS and not all(_proper(w) for w in words):
        return f"{len(words)} words and not a proper name: a description or a clause, not an actor"
    if any(w.casefold() in _CLAUSE_WORDS for w in words[1:]) and not all(_proper(w) for w in words):
        # "sources who reviewed them", "the experts I interviewed": a relative clause in the name
        return "a clause in the name (a relative or a subject pronoun): a description, not an actor"
    if kind == "person" and words:
        first = words[0].strip("\"'\u2018\u201c(")
        head = first.split("-")[0].casefold()
        if first[:1].islower() and head not in PARTICLES and first.casefold() not in _function_words():
            return "a person's name starts with a capital: not a name"
    return None
