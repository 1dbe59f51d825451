"""Article text with spans highlighted, built from character offsets, every piece escaped.

The text is untrusted: it is cut at the span boundaries and each piece is
escaped on its own, so no markup in the article can open or close an element.
Spans may overlap (a condition inside the content); a piece inside several gets
all their classes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..store.search import Term, fold, porter

#: The kinds of span, in the order the legend lists them, with what each means.
KINDS = {
    "source": "source (who)",
    "cue": "cue (said, warned …)",
    "content": "content (what)",
    "condition": "condition",
    "date": "date of the statement",
    "target": "topic word",
}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # one of KINDS
    ref: str | None = None  # the statement it belongs to (a key of ``links``)


@dataclass(frozen=True)
class Link:
    """Where the marks of one statement lead, and what hovering them says (the resolved speaker)."""

    href: str
    title: str


def highlight(
    text: str,
    marks: Iterable[Mark],
    *,
    anchor: str | None = "ev",
    links: Mapping[str, Link] | None = None,
    notes: Mapping[int, str] | None = None,
) -> Markup:
    """``text`` as HTML with each mark in ``<mark class="hl hl-KIND">``.

    Args:
        text: The article text.
        marks: Spans to highlight; out-of-range or empty ones are dropped.
        anchor: The ``id`` given to the first piece of content (so ``#ev`` scrolls to the statement).
        links: For a mark's ``ref``, the link its text becomes (a piece in several statements' marks links
            to the first).
        notes: Text shown after the character offset given (as ``<span class="who">``): who a source
            span was resolved to.
    """
    links = links or {}
    notes = notes or {}
    n = len(text)
    spans = [m for m in marks if m.kind in KINDS and 0 <= m.start < m.end <= n]
    cuts = sorted(
        {0, n, *(m.start for m in spans), *(m.end for m in spans), *(k for k in notes if 0 < k < n)}
    )
    out: list[str] = []
    anchored = anchor is None
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a:b])
        kinds = [k for k in KINDS if any(m.kind == k and m.start <= a and b <= m.end for m in spans)]
        note = Markup('<span class="who"> [{}]</span>').format(notes[b]) if b in notes else Markup("")
        if not kinds:
            out.append(piece + note)
            continue
        ref = next((m.ref for m in spans if m.ref in links and m.start <= a and b <= m.end), None)
        if ref is not None:
            piece = Markup('<a href="{}" title="{}">{}</a>').format(links[ref].href, links[ref].title, piece)
        attrs = Markup(' class="{}" title="{}"').format(
            " ".join(["hl", *(f"hl-{k}" for k in kinds)]), ", ".join(kinds)
        )
        if not anchored and "content" in kinds:
            attrs += Markup(' id="{}"').format(anchor)
            anchored = True
        out.append(Markup("<mark{}>{}</mark>").format(attrs, piece) + note)
    return Markup("").join(out)


_WORD = re.compile(r"[^\W_]+")  # letters and digits, as the search index splits words


def highlight_terms(text: str, terms: Sequence[Term]) -> Markup:
    """``text`` escaped, with the words a search found in ``<mark class="term">``.

    A word is found as the search finds it: case and Latin diacritics folded, then stemmed (``sanction``
    marks ``Sanctions``). Excluded words (``-trade``) are not marked; each word of a phrase is.
    """
    stems = {porter(w) for t in terms if not t.exclude for w in t.words}
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        if porter(fold(m.group())) in stems:
            out.append(escape(text[last : m.start()]))
            out.append(Markup('<mark class="term">{}</mark>').format(m.group()))
            last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def safe_url(url: str | None) -> str | None:
    """An article URL fit for ``href``: http(s) only (``javascript:`` escapes no escaping)."""
    if not url:
        return None
    u = url.strip()
    return u if u.lower().startswith(("http://", "https://")) else None
