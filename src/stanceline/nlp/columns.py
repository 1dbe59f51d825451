"""Token attributes read as columns (``Doc.to_array``): the few words a rule looks at, found without a spaCy
``Token`` object for every word of the Doc (each ``for tok in doc`` makes one per word, and a component
that walks the Doc a few times spent more on those than on its rules).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

import numpy as np
from spacy.tokens import Doc

#: What a column's value must be: one of these strings, or a test of the string.
Wanted = Collection[str] | Callable[[str], bool]


def positions(doc: Doc, want: Mapping[str, Wanted]) -> list[int]:
    """Indices, in order, of the tokens whose every attribute named in ``want`` (``"POS"``, ``"DEP"``,
    ``"LOWER"``, ``"LEMMA"``, ...: the names of ``spacy.attrs``) has a wanted value: the same tokens as
    ``[t.i for t in doc if t.pos_ in ... and t.dep_ in ...]``."""
    if not len(doc) or not want:
        return []
    names = list(want)
    table = doc.to_array(names).reshape(len(doc), len(names))
    strings = doc.vocab.strings
    mask = None
    for col, name in enumerate(names):
        column = table[:, col]
        test = want[name]
        ok = test if callable(test) else test.__contains__
        values = [v for v in set(column.tolist()) if ok(strings[v])]
        if not values:
            return []
        hit = (column[:, None] == np.array(values, dtype=column.dtype)).any(axis=1)
        mask = hit if mask is None else mask & hit
    return np.flatnonzero(mask).tolist()


def strings_of(doc: Doc, name: str) -> list[str]:
    """One attribute of every token as strings, in order: ``[t.lower_ for t in doc]`` for ``"LOWER"``."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    column = doc.to_array(name).tolist()
    found = {v: strings[v] for v in set(column)}
    return [found[v] for v in column]


#: Where :func:`sentence_starts` keeps a Doc's sentence starts, in ``doc.user_data``.
SENTS_KEY = ("stanceline.sentence_starts",)


def sentence_starts(doc: Doc) -> list[int]:
    """The first token of each sentence, in order (``[s.start for s in doc.sents]``), read once per Doc.

    The sentence of token ``i`` is ``doc[starts[k] : next start]`` for ``k = bisect_right(starts, i) - 1``,
    with no ``Token.sent`` (a ``Token`` and a walk to both ends of the sentence) per word."""
    starts = doc.user_data.get(SENTS_KEY)
    if starts is None or (starts and starts[-1] >= len(doc)):
        starts = [s.start for s in doc.sents] if len(doc) else []
        doc.user_data[SENTS_KEY] = starts
    return starts
