"""Quotation marks and paragraphs: pure functions over the raw text (and :func:`doc_text`, a Doc's text
built once).

Quotes are found on characters, not tokens, so that marks the tokenizer glues
to words (``us,"``) and quotes that run over sentences or paragraphs are
handled the same way. A paragraph that opens a quote and does not close it,
followed by a paragraph that opens with a quotation mark, continues the same
quote (the newspaper convention); such pieces come back as one
:class:`Quote` with several pieces.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

OPENERS = frozenset("“„«")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
MARKS = OPENERS | CLOSERS | {STRAIGHT}
_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
#: Where :func:`doc_text` keeps a Doc's text, in ``doc.user_data``.
TEXT_KEY = ("stanceline.text",)
_LINE_BREAK = re.compile(r"\n\s*")


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc and kept in its ``user_data``: spaCy joins every token again at each
    access, a walk of the whole Doc that the components asked for about ten times per article."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None or len(text) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: one or more pieces of text strictly inside quotation marks.

    ``pieces`` are ``(start, end)`` character offsets of the quoted text
    (marks excluded). ``open_at`` is the offset of the first opening mark,
    ``close_at`` the offset just past the last closing mark (or the end of the
    last piece when the quote is never closed).
    """

    pieces: tuple[tuple[int, int], ...]
    open_at: int
    close_at: int
    closed: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def words(self, text: str) -> int:
        return sum(len(text[s:e].split()) for s, e in self.pieces)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into paragraphs: ``(start, end)`` offsets, blank lines between.

    Texts with no blank line at all (one paragraph a line) are split on line
    breaks instead.
    """
    breaker = _PARA_BREAK if _PARA_BREAK.search(text) else _LINE_BREAK
    out: list[tuple[int, int]] = []
    pos = 0
    for m in breaker.finditer(text):
        if text[pos : m.start()].strip():
            out.append(_trim(text, pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append(_trim(text, pos, len(text)))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Quotation marks in ``text[start:end]``: (offset, length, kind).

    ``kind`` is the mark itself, with two apostrophes or backticks (an old
    typewriter convention, ``''We are ready,'' he said``) read as a straight mark.
    """
    out: list[tuple[int, int, str]] = []
    i = start
    while i < end:
        ch = text[i]
        if ch in MARKS:
            out.append((i, 1, ch))
        elif ch in "'`" and i + 1 < end and text[i + 1] == ch:
            out.append((i, 2, STRAIGHT))
            i += 1
        i += 1
    return out


def _is_opening(text: str, i: int, length: int, kind: str, inside: bool) -> bool:
    if kind in OPENERS:
        return True
    if kind in CLOSERS:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + length] if i + length < len(text) else " "
    if inside:
        # A straight mark inside a quote closes it unless it clearly opens a new one.
        return before.isspace() and not after.isspace() and after not in ",.;:!?)"
    return not after.isspace() or before.isspace() or before in "([{—–-"


def _nested_quotes(text: str, marks: list[tuple[int, int, str]]) -> list[tuple[int, int, int, int]] | None:
    """“Some points are open. We sign “nothing” before the whole text.” : a quotation inside a
    quotation with the same curly marks, as some papers print it. The outer quotation is the quote (the
    inner one is part of it). ``None`` when the paragraph nests none, or leaves a mark open (then an
    opener with the first unclosed is a stray mark, as :func:`_paragraph_quotes` reads it)."""
    found: list[tuple[int, int, int, int]] = []
    stack: list[tuple[int, int]] = []
    nested = False
    for i, length, kind in marks:
        if kind in OPENERS:
            nested = nested or bool(stack)
            stack.append((i, length))
        elif kind in CLOSERS and stack:
            o, n = stack.pop()
            if not stack:
                found.append((o, o + n, i, i + length))
        elif kind not in CLOSERS:
            return None  # a straight mark: its reading is left to the plain pass
    return found if nested and not stack else None


def _paragraph_quotes(
    text: str, start: int, end: int
) -> tuple[list[tuple[int, int, int, int]], tuple[int, int] | None]:
    """Quotes inside one paragraph as (open mark, inner start, inner end, past close mark),
    and (open mark, inner start) of a quote left open at the paragraph's end."""
    marks = _marks(text, start, end)
    nested = _nested_quotes(text, marks)
    if nested is not None:
        return nested, None
    found: list[tuple[int, int, int, int]] = []
    open_at: tuple[int, int] | None = None
    for i, length, kind in marks:
        if open_at is None:
            if _is_opening(text, i, length, kind, inside=False):
                open_at = (i, length)
        elif kind in CLOSERS or not _is_opening(text, i, length, kind, inside=True):
            found.append((open_at[0], open_at[0] + open_at[1], i, i + length))
            open_at = None
        elif kind in OPENERS:
            # A second opener with the first unclosed: the first was a stray mark.
            open_at = (i, length)
    return found, ((open_at[0], open_at[0] + open_at[1]) if open_at else None)


def find_quotes(text: str, paras: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Find every quotation in ``text``, joining multi-paragraph quotes.

    Args:
        text: The article text.
        paras: Its paragraphs, if already computed (see :func:`paragraphs`).

    Returns:
        Quotes in text order. Empty quotes are dropped.
    """
    paras = paras if paras is not None else paragraphs(text)
    quotes: list[Quote] = []
    carry: list[tuple[int, int]] = []  # pieces of a quote left open in earlier paragraphs
    carry_open = 0
    for pstart, pend in paras:
        found, left_open = _paragraph_quotes(text, pstart, pend)
        if carry:
            starts_with_mark = bool(_marks(text, pstart, min(pstart + 2, pend))) and (
                not found or found[0][0] == pstart or (left_open is not None and left_open[0] == pstart)
            )
            if not starts_with_mark:
                quotes.append(Quote(tuple(carry), carry_open, carry[-1][1], closed=False))
                carry = []
            elif found and found[0][0] == pstart:
                first = found.pop(0)
                quotes.append(Quote(tuple(carry) + ((first[1], first[2]),), carry_open, first[3]))
                carry = []
        for o, inner_s, inner_e, c in found:
            if text[inner_s:inner_e].strip():
                quotes.append(Quote(((inner_s, inner_e),), o, c))
        if left_open is not None:
            piece = _trim(text, left_open[1], pend)
            if carry:
                carry.append(piece)
            else:
                carry = [piece]
                carry_open = left_open[0]
    if carry:
        quotes.append(Quote(tuple(carry), carry_open, carry[-1][1], closed=False))
    quotes.sort(key=lambda q: q.open_at)
    return [q for q in quotes if any(text[s:e].strip() for s, e in q.pieces)]


# An all-caps place opening a paragraph, with an optional date after a comma and an optional agency in
# parentheses, then a colon or a dash: "TARSK:", "KELVIK (Meridian Wire) -", "TARSK, March 4 —".
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’]+(?:[ \u00a0][A-Z][A-Z.'’]+){0,2})"
    r"(?P<date>,[^\n:—–()]{1,40}?)?(?P<agency>[ \u00a0]*\([^()\n]{1,40}\))?"
    r"[ \u00a0]*(?P<mark>:|—|–|--|-)[ \u00a0]"
)


def datelines(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The places of the datelines that open paragraphs: ``(start, end)`` of ``TARSK`` in ``TARSK (Meridian
    Wire) - ...``. An all-caps word and a bare colon is a dateline only when it is the text's one such
    opener, in its first paragraphs: several (``KALDEN: ...``, ``VELDT: ...``) are a transcript's labels."""
    found: list[tuple[int, int, bool]] = []
    for n, (start, end) in enumerate(paras):
        m = _DATELINE.match(text, start, end)
        if m is None:
            continue
        bare = m.group("date") is None and m.group("agency") is None and m.group("mark") == ":"
        found.append((m.start("place"), m.end("place"), bare and n > 2))
    labels = [f for f in found if f[2] or text[f[1] : f[1] + 1] == ":"]
    return [(s, e) for s, e, late in found if not late and (len(labels) < 2 or text[e : e + 1] != ":")]


class Coverage:
    """Character spans merged where they overlap or touch, so that "is this offset inside any of them?" is
    one bisection: on a long article, a loop over every statement's content for every statement is
    quadratic."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(sp for sp in spans if sp[0] < sp[1]):
            if self.ends and s <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], e)
            else:
                self.starts.append(s)
                self.ends.append(e)

    def __contains__(self, at: int) -> bool:
        i = bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.ends[i]


class Holders:
    """Character spans that each belong to an owner, so that "whose spans hold this offset?" reads only the
    spans that start at most one longest span before it (a bisection), not every span of a long article."""

    def __init__(self, spans: Iterable[tuple[int, int, object]] = ()) -> None:
        items = sorted((sp for sp in spans if sp[0] < sp[1]), key=lambda sp: (sp[0], sp[1]))
        self.starts = [s for s, _, _ in items]
        self.items = items
        self.longest = max((e - s for s, e, _ in items), default=0)

    def owners(self, at: int) -> Iterator[object]:
        """The owners of the spans that hold offset ``at`` (``start <= at < end``)."""
        first = bisect_left(self.starts, at - self.longest)
        for s, e, owner in self.items[first : bisect_right(self.starts, at)]:
            if s <= at < e:
                yield owner
