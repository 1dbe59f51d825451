"""WARC input: the HTML responses of ``.warc`` / ``.warc.gz`` web archives (a news crawl) → :class:`Article`.

The file is cut into records here, and each record is parsed by ``warcio`` (WARC and HTTP headers,
chunked transfer and gzip content encodings). Cutting the records ourselves is what lets a file go on
past a damaged record: in a ``.warc.gz`` every record is one gzip member, so a member that does not
decompress (truncated, bit rot: the gzip CRC catches both) is an E041 naming the file and the byte
offset, and reading starts again at the next gzip member; in a plain ``.warc`` a record whose block is
not followed by its blank lines (a wrong or truncated ``Content-Length``) is E041, and reading starts
again at the next ``WARC/1.`` line.

HTML responses (status 200, ``text/html`` or ``application/xhtml+xml``) go through
:func:`~stanceline.io.readers.read_html`, with the record's ``WARC-Target-URI`` as the article's url and
its ``WARC-Date`` as the publication date when neither the page nor ``--published`` gives one. Every
other record (requests, metadata, warcinfo, revisits, images, PDFs, redirects) is skipped and counted by
what it is, for the summary at the end of the run.
"""

from __future__ import annotations

import dataclasses
import io
import mmap
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Published
from .readers import ReadResult, read_html

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_LINE = re.compile(rb"(?:^|\r?\n)WARC/1\.[01]\r?\n")
_CHUNK = 1 << 20


def is_warc(path: str | Path) -> bool:
    """Whether a file name is a WARC file's (``.warc`` or ``.warc.gz``, any case)."""
    return str(path).lower().endswith(WARC_SUFFIXES)


def check_warcio(name: str) -> None:
    """Make sure the WARC reader is installed.

    Raises:
        InputError: E040, naming the file, when ``warcio`` is missing.
    """
    try:
        import warcio  # noqa: F401
    except ImportError:
        raise InputError.make("E040", path=name) from None


def read_warc(
    path: Path, name: str, *, published: str | None, max_chars: int, skipped: Counter[str] | None = None
) -> Iterator[ReadResult]:
    """Read the HTML responses of one WARC file, in file order.

    Args:
        path: The file.
        name: The file as it is named in messages (see :func:`~stanceline.io.checks.display_path`).
        published: Publication date for pages that give none (wins over the record's ``WARC-Date``).
        max_chars: Longest text accepted.
        skipped: Counts what was passed over, by kind (``request``, ``image/jpeg``, ``HTTP 404``...).

    Yields:
        A :class:`ReadResult` per HTML response: its article (path ``FILE@OFFSET``), or the error that
        stopped it; an E041 per damaged record.

    Raises:
        InputError: E040 when ``warcio`` is not installed (E002 for an empty file).
    """
    check_warcio(name)
    skipped = skipped if skipped is not None else Counter()
    limit = 20 * max_chars + (1 << 16)  # read_html's limit on a page, and room for the headers
    with path.open("rb") as fh:
        if path.stat().st_size == 0:
            yield ReadResult(error=InputError.make("E002", path=name))
            return
        with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            records = _gzip_records(data, limit) if data[:3] == _GZIP_MAGIC else _plain_records(data, limit)
            for offset, raw, problem in records:
                if problem is not None:
                    yield ReadResult(error=InputError.make("E041", path=name, offset=offset, detail=problem))
                    continue
                res = _record(raw, name, offset, published, max_chars, skipped)
                if res is not None:
                    yield res


def _gzip_records(data: mmap.mmap, limit: int) -> Iterator[tuple[int, bytes | None, str | None]]:
    """``(offset, record bytes, None)`` per gzip member; ``(offset, None, problem)`` for a damaged one.

    A record longer than ``limit`` keeps its first ``limit`` bytes (enough to tell what it is).
    """
    pos, end = 0, len(data)
    while pos < end:
        d = zlib.decompressobj(wbits=31)
        out, kept, at = [], 0, pos
        try:
            while not d.eof and at < end:
                piece = data[at : at + _CHUNK]
                got = d.decompress(piece)
                at += len(piece) - len(d.unused_data)
                if kept < limit:
                    out.append(got[: limit - kept])
                    kept += len(out[-1])
            problem = None if d.eof else "the gzip member ends before its data (a truncated record)"
        except zlib.error as exc:
            problem = f"the gzip member does not decompress ({exc})"
        if problem is None:
            yield pos, b"".join(out), None
            pos = at
            continue
        yield pos, None, problem
        nxt = data.find(_GZIP_MAGIC, pos + 1)
        pos = end if nxt < 0 else nxt


def _plain_records(data: mmap.mmap, limit: int) -> Iterator[tuple[int, bytes | None, str | None]]:
    """The records of an uncompressed WARC, as :func:`_gzip_records` gives them."""
    pos, end = 0, len(data)
    while pos < end:
        while pos < end and data[pos : pos + 1] in (b"\r", b"\n"):  # blank lines between records
            pos += 1
        if pos >= end:
            return
        head_end = data.find(b"\r\n\r\n", pos, pos + (1 << 20))
        length = _content_length(data[pos:head_end]) if head_end > 0 else None
        if length is not None:
            body = head_end + 4
            tail = body + length
            if data[tail : tail + 4] == b"\r\n\r\n" or tail == end:
                stop = min(tail, body + limit)
                yield pos, bytes(data[pos:stop]), None
                pos = tail + 4
                continue
            problem = "the record's block does not end where its Content-Length says (a truncated record)"
        else:
            problem = "no WARC record header here"
        yield pos, None, problem
        m = _WARC_LINE.search(data, pos + 1)
        pos = end if m is None else m.start() + (len(m.group()) - len(m.group().lstrip(b"\r\n")))


def _content_length(head: bytes) -> int | None:
    """The ``Content-Length`` of a WARC header block that starts ``WARC/1.x``; ``None`` when it is no such
    block."""
    if not head.startswith(b"WARC/1."):
        return None
    m = re.search(rb"\r\ncontent-length:[ \t]*(\d+)", head, re.IGNORECASE)
    return int(m.group(1)) if m else None


def _record(
    raw: bytes, name: str, offset: int, published: str | None, max_chars: int, skipped: Counter[str]
) -> ReadResult | None:
    """One record: the article of an HTML response, an error, or ``None`` (skipped, and counted)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        rec = next(iter(ArchiveIterator(io.BytesIO(raw))))
        kind = _kind(rec)
        if kind is not None:
            skipped[kind] += 1
            return None
        body = rec.content_stream().read()
    except (ArchiveLoadFailed, StopIteration, ValueError, OSError, zlib.error) as exc:
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        return ReadResult(error=InputError.make("E041", path=name, offset=offset, detail=detail))
    uri = rec.rec_headers.get_header("WARC-Target-URI") or None
    crawled = (rec.rec_headers.get_header("WARC-Date") or "")[:10]
    try:
        art = read_html(body, f"{name}@{offset}", published=published, max_chars=max_chars)
    except InputError as exc:
        return ReadResult(error=exc)
    if art.published.basis == "unknown" and re.fullmatch(r"\d{4}-\d\d-\d\d", crawled):
        art = dataclasses.replace(art, published=Published(crawled, "inferred"))
    return ReadResult(article=dataclasses.replace(art, url=uri))


def _kind(rec: object) -> str | None:
    """What a record is when it is not an HTML page to read (``None`` when it is one)."""
    rec_type = rec.rec_type  # type: ignore[attr-defined]
    if rec_type != "response":
        return rec_type or "unknown"
    http = rec.http_headers  # type: ignore[attr-defined]
    if http is None:
        return "response without HTTP headers"
    status = (http.get_statuscode() or "").strip()
    if status != "200":
        return f"HTTP {status or '?'}"
    mime = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    if mime not in HTML_TYPES:
        return mime or "no content type"
    return None
