"""Checks at the boundary: is it text, which encoding, is it English, can every store hold it.

Every reader (files, folders, JSONL, HTML pages, WARC records, stdin) runs its bytes and texts through
these before any NLP: a bad document becomes a coded :class:`~stanceline.errors.InputError` naming the file.
"""

from __future__ import annotations

import codecs
import os
import re

from ..errors import InputError

# Frequent English function words: a text with few of them is not English prose.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "was",
        "on",
        "with",
        "as",
        "he",
        "she",
        "they",
        "be",
        "by",
        "at",
        "this",
        "have",
        "from",
        "or",
        "an",
        "are",
        "were",
        "his",
        "her",
        "their",
        "not",
        "but",
        "had",
        "has",
        "which",
        "will",
        "would",
        "said",
        "its",
        "been",
        "who",
        "we",
        "you",
        "i",
        "our",
        "after",
        "about",
        "there",
        "than",
        "more",
        "also",
        "over",
        "into",
        "when",
        "what",
        "all",
        "if",
        "can",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# What no database column takes: NUL (PostgreSQL refuses it) and lone surrogates (no UTF-8 for them).
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")
# UTF-16/32 text has NUL bytes and would pass for binary; say what it is instead.
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def guess_english(text: str, sample: int = 20_000) -> tuple[bool, str]:
    """Tell whether ``text`` reads as English prose.

    A cheap check on the share of frequent English function words among the
    first words of the text; good enough to stop a French or Chinese article
    from being parsed by an English model.

    Returns:
        ``(is_english, detail)`` where ``detail`` explains the figure.
    """
    words = _WORD.findall(text[:sample])
    if len(words) < 8:
        return True, "too short to tell"
    letters = "".join(words)
    latin = sum(1 for ch in letters if ch.isascii()) / len(letters)
    if latin < 0.6:
        return False, f"{1 - latin:.0%} of letters outside the Latin alphabet"
    share = sum(1 for w in words if w.lower() in _ENGLISH_WORDS) / len(words)
    if share < 0.12:
        return False, f"only {share:.0%} of words are common English words"
    return True, f"{share:.0%} common English words"


def check_chars(value: str | None, path: str, what: str = "text") -> None:
    """Refuse a string that a database or a UTF-8 file cannot hold: a NUL character or a lone surrogate
    (``"\\ud800"`` in JSON). The same rule for every store, so SQLite keeps nothing PostgreSQL refuses.

    Raises:
        InputError: E030, naming the character, the field and its offset.
    """
    if not value:
        return
    m = _BAD_CHARS.search(value)
    if m is not None:
        char = "a NUL character" if m.group() == "\x00" else f"a lone surrogate U+{ord(m.group()):04X}"
        raise InputError.make("E030", path=path, detail=f"{char} in the {what} at offset {m.start()}")


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text that every database and UTF-8 output take: a file name whose bytes are not UTF-8
    (as another system wrote it) has those bytes escaped, ``caf\\xe9.txt``."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        try:
            return os.fsencode(name).decode("utf-8", "backslashreplace")
        except UnicodeError:  # a surrogate that no file name decoding made
            return name.encode("utf-8", "backslashreplace").decode("utf-8")


def check_text(text: str, path: str, *, max_chars: int) -> None:
    """Check a decoded text at the boundary.

    Raises:
        InputError: E002 empty, E005 too large, E030 NUL or lone surrogates, E007 not English.
    """
    if not text.strip():
        raise InputError.make("E002", path=path)
    if len(text) > max_chars:
        raise InputError.make("E005", path=path, size=len(text), unit="characters", limit=max_chars)
    check_chars(text, path)
    ok, detail = guess_english(text)
    if not ok:
        raise InputError.make("E007", path=path, detail=detail)


def decode_bytes(data: bytes, path: str, *, max_chars: int) -> str:
    """Decode a plain-text file: UTF-8, a leading BOM dropped, line ends kept as they are.

    Offsets into the returned string index the decoded file exactly (``\\r\\n``
    stays two characters), so spans can be checked against the file as read.

    Raises:
        InputError: E002 empty, E003 binary, E004 not UTF-8, E005 too large.
    """
    if not data.strip():
        raise InputError.make("E002", path=path)
    # Bytes are at most 4 per character: refuse huge files before decoding them.
    if len(data) > 4 * max_chars:
        raise InputError.make("E005", path=path, size=len(data), unit="bytes", limit=max_chars)
    check_binary(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.make("E004", path=path, offset=exc.start) from None
    return text.removeprefix("\ufeff")


def check_binary(data: bytes, path: str) -> None:
    """Refuse bytes that are not text: UTF-16/32 (E004), NUL or control bytes (E003).

    Raises:
        InputError: E003 binary, E004 a UTF-16 or UTF-32 text.
    """
    if data.startswith(_WIDE_BOMS):
        raise InputError.make("E004", path=path, offset=0)
    head = data[:8192]
    if b"\x00" in head:
        raise InputError.make("E003", path=path, detail="NUL bytes")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(head) * 0.05:
        raise InputError.make("E003", path=path, detail=f"{controls} control bytes in the first {len(head)}")


def html_encoding(label: str) -> str:
    """The Python codec for a charset label in a page's ``<meta>``, as a browser reads it: the WHATWG
    Encoding Standard's labels (``webencodings``), so ``latin1`` is windows-1252 and a name that is no
    text encoding there (``base64``, ``hex``, ``zip``, ``rot13``, ``punycode``, ``utf-7``) or that the
    standard maps to ``replacement`` falls back to UTF-8, which most pages are. A ``<meta>`` cannot
    declare UTF-16 (its own bytes would not be ASCII): UTF-8 too."""
    import webencodings

    found = webencodings.lookup(label)
    if found is None or found.name in ("replacement", "utf-16le", "utf-16be"):
        return "utf-8"
    if found.name == "x-user-defined":
        return "cp1252"
    return found.codec_info.name


def decode_html(data: bytes, path: str) -> str:
    """Decode an HTML page: the charset its ``<meta>`` declares (:func:`html_encoding`), else UTF-8;
    invalid bytes are refused.

    Raises:
        InputError: E004 when the bytes do not decode.
    """
    encoding = "utf-8-sig"
    if not data.startswith(codecs.BOM_UTF8):
        m = _META_CHARSET.search(data[:4096])
        if m:
            encoding = html_encoding(m.group(1).decode("ascii"))
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError.make("E004", path=path, offset=exc.start) from None
