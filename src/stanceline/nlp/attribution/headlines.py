"""Headlines: the first line of a text that an editor wrote over the body. What it attributes
("Veldt says talks are off") summarises a statement the body reports, so it is no statement itself.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...config import Cues
from .record import is_cue_verb

_MAX_WORDS = 25
_FINAL = (".", "!", "?", ":", '"', "”", "’")


def headline_end(
    text: str,
    paras: list[tuple[int, int]],
    *,
    doc: Doc | None = None,
    cues: Cues | None = None,
    title: str | None = None,
) -> int:
    """Where the headline ends, or 0 when the text opens with no headline.

    The first line is a headline when it is the article's given ``title``, or when it reads as one: a
    short line with no final full stop, or with one but set apart by a blank line and reporting nothing
    in the past tense (``Veldt rejects talks, calls them a trap.``, not the lead ``Veldt rejected the
    talks on Monday.``). A second short line in the same paragraph that reads as a headline too is its
    deck (``Lawmaker urges sanctions;`` / ``Member of panel says ...``).
    """
    if len(paras) < 2:
        return 0
    start, end = paras[0]
    lines = text[start:end].split("\n")
    if len(lines) > 2:
        return 0
    blank = text.count("\n", end, paras[1][0]) > 1
    at, out = start, 0
    for n, line in enumerate(lines):
        stop = at + len(line)
        given = n == 0 and title is not None and _same_line(line, title)
        if not given and not _reads_as_headline(
            line, at, stop, blank or n == 0 and len(lines) > 1, doc, cues
        ):
            break
        out, at = stop, stop + 1
    return out if out and (len(lines) == 1 or out == end or blank) else 0


def _reads_as_headline(
    line: str, start: int, end: int, apart: bool, doc: Doc | None, cues: Cues | None
) -> bool:
    """A short line with no final stop, or with one but set ``apart`` and reporting nothing in the past."""
    if not line.strip() or len(line.split()) > _MAX_WORDS:
        return False
    if not line.rstrip().endswith(_FINAL):
        return True
    if not apart or not line.rstrip().endswith((".", ";")) or doc is None or cues is None:
        return False
    words = doc.char_span(start, end, alignment_mode="expand")
    return words is not None and not any(t.tag_ == "VBD" and is_cue_verb(t, cues) for t in words)


def _same_line(line: str, title: str) -> bool:
    """The first line is the given title, less case, spacing and final punctuation."""

    def norm(s: str) -> str:
        return " ".join(s.split()).rstrip(" .!?:;,").casefold()

    return bool(norm(title)) and norm(line) == norm(title)
