"""Readers: files, directories, JSONL corpora, HTML pages and stdin → :class:`Article`.

Each reader checks its input at the boundary (size, encoding, binary content,
language) before any NLP runs. A bad document becomes an :class:`InputError`
naming the file, *yielded* in its place so that a batch reports it and goes on.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, UsageError
from ..model import Article, Published
from .checks import check_binary, check_chars, check_text, decode_bytes, decode_html, display_path

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

#: spaCy's own default ``nlp.max_length``; longer texts need too much memory to parse.
DEFAULT_MAX_CHARS = 1_000_000
#: Seconds the analysis of one document may take by default (``--time-budget``, E032 past it): a document
#: of ``DEFAULT_MAX_CHARS`` characters takes well under a minute, so only a pathological one reaches it.
DEFAULT_TIME_BUDGET = 300.0


@dataclass(frozen=True)
class ReadResult:
    """What came of one document: an article, or the error that stopped it."""

    article: Article | None = None
    error: InputError | None = None


def parse_date(value: str, option: str = "--published") -> str:
    """Check a ``YYYY-MM-DD`` date and return it.

    Raises:
        UsageError: E010 when the value is not a calendar date.
    """
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise UsageError.make("E010", value=value, option=option) from None


def first_line_title(text: str) -> str | None:
    """The first line, when it reads like a headline (short, set apart)."""
    stripped = text.lstrip()
    line = stripped.split("\n", 1)[0].strip()
    if 0 < len(line) <= 200 and not line.endswith((".", ",", ";", ":")):
        return line
    return None


def infer_published(text: str, *, today: dt.date | None = None) -> Published:
    """The publication date read from the text itself: the latest explicit full date
    (a dateline ``TARSK, March 14, 2024 (Meridian Wire) —``, a byline ``| 20 February 2023``)
    that is not after today, with basis ``inferred``; ``unknown`` when there is none.

    Args:
        text: The article text.
        today: The latest acceptable date (default: today).

    Returns:
        The :class:`Published` record.
    """
    from ..nlp.temporal import full_dates

    limit = today or dt.date.today()
    dates = [d for d in full_dates(text) if d <= limit]
    return Published(max(dates).isoformat(), "inferred") if dates else Published()


def read_text(data: bytes, path: str, *, published: str | None, max_chars: int) -> Article:
    """Read a plain-text document from its bytes; without ``published``, the date is inferred
    from the text (:func:`infer_published`)."""
    text = decode_bytes(data, path, max_chars=max_chars)
    check_text(text, path, max_chars=max_chars)
    return Article(
        text=text,
        path=path,
        title=first_line_title(text),
        published=Published(published, "given") if published else infer_published(text),
    )


def read_html(data: bytes, path: str, *, published: str | None, max_chars: int) -> Article:
    """Read an HTML page: main text and title by trafilatura, original publication date by htmldate.

    A date in the page's markup wins over ``published``, which fills in for a page without one.
    """
    import trafilatura
    from htmldate import find_date

    if not data.strip():
        raise InputError.make("E002", path=path)
    if len(data) > 20 * max_chars:
        raise InputError.make("E005", path=path, size=len(data), unit="bytes", limit=max_chars)
    check_binary(data, path)
    html = decode_html(data, path)
    today = dt.date.today().isoformat()
    try:
        # Metadata extraction runs htmldate on the markup once (no text search: see _html_date).
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": today,
                "outputformat": "%Y-%m-%d",
            },
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError.make("E006", path=path) from exc
    body = doc.text if doc is not None else None
    if not body or not body.strip():
        raise InputError.make("E006", path=path)
    check_text(body, path, max_chars=max_chars)
    check_chars(doc.title, path, "title")
    pub = Published(doc.date, "html") if doc.date else _date_from_text(html, find_date, today)
    if published and pub.basis != "html":
        pub = Published(published, "given")
    return Article(text=body, path=path, title=doc.title or None, published=pub)


def _date_from_text(html: str, find_date: Callable[..., str | None], today: str) -> Published:
    """A publication date htmldate can only guess from the visible text, never after today.

    The markup (meta tags, ``<time>``, the URL) had none, so this is ``inferred`` (a
    "Copyright 2021" footer reads as 2021-01-01), and a date the user gives wins over it.
    """
    try:
        found = find_date(
            html, original_date=True, outputformat="%Y-%m-%d", max_date=today, extensive_search=True
        )
    except Exception:  # htmldate may trip on odd markup; the date is then unknown, not an error
        found = None
    return Published(found, "inferred") if found else Published()


def read_jsonl(
    stream: Iterable[bytes], path: str, *, published: str | None, max_chars: int
) -> Iterator[ReadResult]:
    """Read a JSONL corpus: one article per line, ``text`` required.

    Optional fields: ``id``, ``title``, ``url``, ``published`` (YYYY-MM-DD),
    ``source``. A bad line yields an error naming ``path:LINE``; the others go on.
    A file with no line at all yields one E002, so that it is not passed over in silence.
    """
    seen = False
    for n, raw in enumerate(stream, start=1):
        where = f"{path}:{n}"
        if not raw.strip():
            continue
        seen = True
        # A line holds one article: refuse a huge one before parsing it.
        if len(raw) > 4 * max_chars:
            yield ReadResult(
                error=InputError.make("E005", path=where, size=len(raw), unit="bytes", limit=max_chars)
            )
            continue
        try:
            # Without its line end, so an unclosed string reads as one, not as "invalid control character".
            obj = json.loads(raw.rstrip(b"\r\n"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield ReadResult(error=InputError.make("E008", path=where, detail=str(exc)))
            continue
        except RecursionError:  # "[[[[...]]]]" nested deeper than the parser goes
            yield ReadResult(error=InputError.make("E008", path=where, detail="nested too deeply"))
            continue
        if not isinstance(obj, dict):
            yield ReadResult(error=InputError.make("E008", path=where, detail="not a JSON object"))
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield ReadResult(error=InputError.make("E009", path=where))
            continue
        fields = {k: _opt_str(obj.get(k)) for k in ("id", "url", "title", "source")}
        try:
            check_text(text, where, max_chars=max_chars)
            for k, v in fields.items():
                check_chars(v, where, f"{k!r} field")
            pub = Published(published, "given") if published else infer_published(text)
            if obj.get("published"):
                pub = Published(parse_date(str(obj["published"]), option=f"'published' in {where}"), "given")
        except (InputError, UsageError) as exc:
            yield ReadResult(error=InputError(exc.code, exc.message, path=where))
            continue
        yield ReadResult(
            article=Article(
                text=text,
                id=fields["id"] or "",
                path=where,
                url=fields["url"],
                title=fields["title"],
                source=fields["source"],
                published=pub,
            )
        )
    if not seen:
        yield ReadResult(error=InputError.make("E002", path=path))


def _opt_str(value: object) -> str | None:
    """A JSONL metadata field as the contract's string or null (``"title": 5`` becomes ``"5"``)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def iter_files(root: Path) -> Iterator[Path]:
    """Files under ``root``, recursively, in sorted order; hidden files and folders left out.

    Files of types stanceline does not read are listed too, so that reading them
    reports E012 instead of passing them over in silence. What cannot be listed or is no
    regular file is left out here; :func:`walk_inputs` reports it.
    """
    for item in walk_inputs(root):
        if isinstance(item, Path):
            yield item


def walk_inputs(root: Path) -> Iterator[Path | InputError]:
    """Everything under the folder ``root``, recursively, sorted by name, hidden entries left out: each
    regular file as its path, and as a coded error naming its path whatever would otherwise be passed
    over in silence (a folder that cannot be listed, a dangling or looping symbolic link, a FIFO,
    socket or device: E013 / E031). Folders reached through symbolic links are walked once per path,
    a link back to a folder above is a loop."""
    yield from _walk(root, frozenset())


def _walk(folder: Path, above: frozenset[tuple[int, int]]) -> Iterator[Path | InputError]:
    try:
        st = folder.stat()
        here = (st.st_dev, st.st_ino)
        with os.scandir(folder) as it:
            entries = sorted((e.name for e in it), key=os.fsencode)
    except OSError as exc:
        yield InputError.make("E013", path=display_path(folder), detail=exc.strerror or str(exc))
        return
    if here in above:
        yield InputError.make("E013", path=display_path(folder), detail="a symbolic link loop")
        return
    for name in entries:
        if name.startswith("."):
            continue
        path = folder / name
        kind = path_kind(path)
        if kind == "folder":
            yield from _walk(path, above | {here})
        else:
            yield path if kind == "file" else kind


def path_kind(path: Path) -> str | InputError:
    """``"file"`` for a regular file, ``"folder"`` for a folder (through symbolic links), else the coded
    error that says what the path is: E001 nothing there, E013 a dangling or looping link or no access,
    E031 a FIFO, socket or device (reading a FIFO would wait forever)."""
    name = display_path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        if os.path.islink(path):
            if exc.errno == errno.ELOOP:
                detail = "a symbolic link loop"
            else:
                target = display_path(os.readlink(path))
                detail = f"a dangling symbolic link (to {target}, which does not exist)"
            return InputError.make("E013", path=name, detail=detail)
        if isinstance(exc, FileNotFoundError):
            return InputError.make("E001", path=name)
        return InputError.make("E013", path=name, detail=exc.strerror or str(exc))
    if stat.S_ISDIR(st.st_mode):
        return "folder"
    if stat.S_ISREG(st.st_mode):
        return "file"
    what = (
        "a FIFO (named pipe)"
        if stat.S_ISFIFO(st.st_mode)
        else "a socket"
        if stat.S_ISSOCK(st.st_mode)
        else "a device"
    )
    return InputError.make("E031", path=name, detail=what)


def _read_file(
    path: Path, *, published: str | None, max_chars: int, skipped: Counter[str] | None = None
) -> Iterator[ReadResult]:
    name = display_path(path)
    suffix = path.suffix.lower()
    try:
        if path.name.lower().endswith((".warc", ".warc.gz")):  # a web archive: its HTML responses
            from .warc import read_warc

            yield from read_warc(path, name, published=published, max_chars=max_chars, skipped=skipped)
            return
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from read_jsonl(fh, name, published=published, max_chars=max_chars)
            return
        if suffix not in SUPPORTED:
            raise InputError.make("E012", path=name)
        size = path.stat().st_size
        limit = (20 if suffix in HTML_SUFFIXES else 4) * max_chars
        if size > limit:  # refused before a byte is read
            raise InputError.make("E005", path=name, size=size, unit="bytes", limit=max_chars)
        data = path.read_bytes()
        reader = read_html if suffix in HTML_SUFFIXES else read_text
        yield ReadResult(article=reader(data, name, published=published, max_chars=max_chars))
    except InputError as exc:
        yield ReadResult(error=exc)
    except OSError as exc:
        yield ReadResult(error=InputError.make("E013", path=name, detail=exc.strerror or str(exc)))


def _read_capped(stream: BinaryIO, name: str, *, max_chars: int) -> bytes:
    """Read a stream of at most ``4 * max_chars`` bytes (UTF-8 has up to 4 bytes a character).

    A longer stream is drained, to count it, but not kept in memory.

    Raises:
        InputError: E005 when the stream is too long.
    """
    limit = 4 * max_chars
    data = stream.read(limit + 1)
    if len(data) <= limit:
        return data
    size = len(data)
    del data
    while chunk := stream.read(1 << 20):
        size += len(chunk)
    raise InputError.make("E005", path=name, size=size, unit="bytes", limit=max_chars)


def read_inputs(
    paths: Iterable[str],
    *,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: BinaryIO | None = None,
    skipped: Counter[str] | None = None,
) -> Iterator[ReadResult]:
    """Read every input in order: files, directories (recursively, sorted), ``-`` for stdin.

    Args:
        paths: Input paths as given on the command line.
        published: Publication date (YYYY-MM-DD) for inputs that lack one.
        max_chars: Longest text accepted, in characters.
        stdin: Stream to read for ``-`` (default: ``sys.stdin.buffer``).
        skipped: Counts the WARC records passed over (not HTML pages), by kind.

    Yields:
        One :class:`ReadResult` per document, in input order.
    """
    if published:
        published = parse_date(published)
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                yield ReadResult(
                    article=read_text(
                        _read_capped(stream, "<stdin>", max_chars=max_chars),
                        "<stdin>",
                        published=published,
                        max_chars=max_chars,
                    )
                )
            except InputError as exc:
                yield ReadResult(error=exc)
            continue
        path = Path(raw)
        kind = path_kind(path)
        if kind == "folder":
            found = False
            for item in walk_inputs(path):
                found = True
                if isinstance(item, InputError):
                    yield ReadResult(error=item)
                else:
                    yield from _read_file(item, published=published, max_chars=max_chars, skipped=skipped)
            if not found:
                yield ReadResult(error=InputError.make("E016", path=display_path(raw)))
        elif kind == "file":
            yield from _read_file(path, published=published, max_chars=max_chars, skipped=skipped)
        else:
            assert isinstance(kind, InputError)
            yield ReadResult(error=kind)
