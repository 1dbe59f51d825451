"""Article text with spans highlighted, built from character offsets, every piece escaped.

The text is untrusted: it is cut at the span boundaries and each piece is
escaped on its own, so no markup in the article can open or close an element.
Spans may overlap (a condition inside the content); a piece inside several gets
all their classes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

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


def highlight(text: str, marks: Iterable[Mark], *, anchor: str | None = "ev") -> Markup:
    """``text`` as HTML with each mark in ``<mark class="hl hl-KIND">``.

    Args:
        text: The article text.
        marks: Spans to highlight; out-of-range or empty ones are dropped.
        anchor: The ``id`` given to the first piece of content (so ``#ev`` scrolls to the statement).
    """
    n = len(text)
    spans = [m for m in marks if m.kind in KINDS and 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in spans), *(m.end for m in spans)})
    out: list[str] = []
    anchored = anchor is None
    for a, b in itertools.pairwise(cuts):
        piece = escape(text[a:b])
        kinds = [k for k in KINDS if any(m.kind == k and m.start <= a and b <= m.end for m in spans)]
        if not kinds:
            out.append(piece)
            continue
        attrs = Markup(' class="{}" title="{}"').format(
            " ".join(["hl", *(f"hl-{k}" for k in kinds)]), ", ".join(kinds)
        )
        if not anchored and "content" in kinds:
            attrs += Markup(' id="{}"').format(anchor)
            anchored = True
        out.append(Markup("<mark{}>{}</mark>").format(attrs, piece))
    return Markup("").join(out)


def safe_url(url: str | None) -> str | None:
    """An article URL fit for ``href``: http(s) only (``javascript:`` escapes no escaping)."""
    if not url:
        return None
    u = url.strip()
    return u if u.lower().startswith(("http://", "https://")) else None
