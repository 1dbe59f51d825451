"""WARC input: the HTML responses of a web archive become articles; everything else is skipped and counted;
a damaged record is E041 (file and offset) and the rest of the file is read.

The archives are written here, with warcio's writer, from the sample corpus rendered as small HTML pages.
"""

from __future__ import annotations

import html
import io
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from stanceline.io.readers import read_html, read_inputs

ARTICLES = sorted((Path(__file__).parent.parent / "examples" / "articles").glob("*.txt"))[:3]
# No date anywhere in it: the record's WARC-Date is the only one there is.
UNDATED = (
    b"<html><head><title>Mensk hears the ministers out</title></head><body><article>"
    b"<h1>Mensk hears the ministers out</h1>"
    b"<p>President Kalden said the talks with Ostrem would go on as long as both sides kept to the "
    b"ceasefire line. The foreign minister of Mensk told the assembly that the grain corridor was open "
    b"again, and that her government would not close it while the talks lasted.</p>"
    b"<p>Officials in Tarsk said they had not been asked to join, and that they would wait for a written "
    b"offer before they took any position on the plan.</p></article></body></html>"
)


def page(path: Path) -> bytes:
    """A sample article as a small news page: its first line the headline, its paragraphs as <p>."""
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    paras = "".join(f"<p>{html.escape(p.strip())}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body><article><h1>{html.escape(title)}</h1>{paras}</article></body></html>"
    ).encode()


class Archive:
    """A WARC being written: records appended one at a time, with their offsets."""

    def __init__(self, gzip: bool) -> None:
        self.buf = io.BytesIO()
        self.writer = WARCWriter(self.buf, gzip=gzip)
        self.offsets: list[int] = []

    def add(self, uri: str, rec_type: str, payload: bytes = b"", **http: str) -> int:
        headers = None
        if rec_type == "response":
            status = http.pop("status", "200 OK")
            headers = StatusAndHeaders(status, list(http.items()), protocol="HTTP/1.1")
        elif rec_type == "request":
            headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "wire.example")], is_http_request=True)
        rec = self.writer.create_warc_record(
            uri,
            rec_type,
            payload=io.BytesIO(payload),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2023-06-09T08:30:00Z"},
        )
        self.offsets.append(self.buf.tell())
        self.writer.write_record(rec)
        return self.offsets[-1]

    def html(self, uri: str, body: bytes) -> int:
        return self.add(uri, "response", body, **{"Content-Type": "text/html; charset=utf-8"})

    def bytes(self, *, cut: int | None = None) -> bytes:
        """The file; with ``cut``, the record at that offset loses 40 bytes from its middle (truncated)."""
        data = self.buf.getvalue()
        if cut is None:
            return data
        end = next((o for o in self.offsets if o > cut), len(data))
        mid = (cut + end) // 2
        return data[:mid] + data[mid + 40 :]


def mixed(gzip: bool) -> tuple[bytes, dict[str, object]]:
    """Three sample pages, a truncated page between them, and records of every kind that is skipped."""
    a = Archive(gzip)
    a.writer.write_record(a.writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    a.offsets.append(0)
    a.add("https://wire.example/1", "request")
    a.html("https://wire.example/1", page(ARTICLES[0]))
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    a.add("https://wire.example/logo.png", "response", png, **{"Content-Type": "image/png"})
    broken = a.html("https://wire.example/broken", page(ARTICLES[1]))
    a.html("https://wire.example/2", page(ARTICLES[1]))
    a.add("https://wire.example/r.pdf", "response", b"%PDF-1.4 ...", **{"Content-Type": "application/pdf"})
    a.add(
        "https://wire.example/gone",
        "response",
        b"<html>gone</html>",
        status="404 Not Found",
        **{"Content-Type": "text/html"},
    )
    a.add("https://wire.example/1", "metadata", b"fetchTimeMs: 12\r\n")
    a.html("https://wire.example/3", page(ARTICLES[2]))
    want = {
        "urls": ["https://wire.example/1", "https://wire.example/2", "https://wire.example/3"],
        "broken": broken,
        "skipped": Counter(
            {"warcinfo": 1, "request": 1, "image/png": 1, "application/pdf": 1, "HTTP 404": 1, "metadata": 1}
        ),
    }
    return a.bytes(cut=broken), want


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_are_read_and_the_rest_counted(tmp_path, gzip):
    data, want = mixed(gzip)
    f = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    f.write_bytes(data)
    skipped: Counter[str] = Counter()
    got = list(read_inputs([str(f)], skipped=skipped))
    arts = [r.article for r in got if r.article is not None]
    errors = [r.error for r in got if r.error is not None]
    assert [a.url for a in arts] == want["urls"]
    assert [a.title for a in arts] == [p.read_text(encoding="utf-8").split("\n", 1)[0] for p in ARTICLES]
    # The text is what the HTML reader makes of the page saved as a file.
    for a, p in zip(arts, ARTICLES, strict=True):
        assert a.text == read_html(page(p), "x.html", published=None, max_chars=1_000_000).text
    assert [e.code for e in errors] == ["E041"]
    assert str(errors[0]).startswith(f"E041 damaged WARC record in {f} at byte offset {want['broken']}: ")
    assert [a.path for a in arts][0].startswith(f"{f}@")
    assert skipped == want["skipped"]


@pytest.mark.parametrize(
    ("records", "skipped"),
    [
        ([("request", b"", {})], {"request": 1}),
        ([("response", b"GIF89a", {"Content-Type": "image/gif"})], {"image/gif": 1}),
        ([("response", b"{}", {"Content-Type": "application/json"})], {"application/json": 1}),
        ([("response", b"", {"status": "301 Moved", "Location": "/x"})], {"HTTP 301": 1}),
        ([("metadata", b"a: b\r\n", {}), ("resource", b"x", {})], {"metadata": 1, "resource": 1}),
    ],
)
def test_archives_without_pages_give_nothing_but_counts(tmp_path, records, skipped):
    a = Archive(gzip=True)
    for rec_type, payload, http in records:
        a.add("https://wire.example/x", rec_type, payload, **http)
    f = tmp_path / "other.warc.gz"
    f.write_bytes(a.bytes())
    seen: Counter[str] = Counter()
    assert list(read_inputs([str(f)], skipped=seen)) == []
    assert seen == Counter(skipped)


@pytest.mark.parametrize(
    ("published", "want"),
    [(None, ("2023-06-09", "inferred")), ("2023-05-01", ("2023-05-01", "given"))],
)
def test_the_crawl_date_stands_in_for_a_missing_date(tmp_path, published, want):
    a = Archive(gzip=False)
    a.html("https://wire.example/undated", UNDATED)
    f = tmp_path / "one.warc"
    f.write_bytes(a.bytes())
    (res,) = read_inputs([str(f)], published=published)
    assert res.article is not None, res.error
    assert (res.article.published.value, res.article.published.basis) == want
    assert res.article.url == "https://wire.example/undated"


@pytest.mark.parametrize(
    ("data", "codes"),
    [
        (b"", ["E002"]),
        (b"\x1f\x8b\x08 not really gzip at all", ["E041"]),
        (b"GET / HTTP/1.1\r\n\r\nnot a warc", ["E041"]),
    ],
)
def test_files_that_are_no_archive(tmp_path, data, codes):
    f = tmp_path / "bad.warc.gz"
    f.write_bytes(data)
    got = list(read_inputs([str(f)]))
    assert [r.error.code for r in got if r.error] == codes and not [r for r in got if r.article]


def test_a_folder_of_archives_is_read_in_name_order(tmp_path):
    for i, p in enumerate(ARTICLES[:2]):
        a = Archive(gzip=bool(i))
        a.html(f"https://wire.example/{i}", page(p))
        (tmp_path / f"{i}-part.{'warc.gz' if i else 'warc'}").write_bytes(a.bytes())
    got = [r.article.url for r in read_inputs([str(tmp_path)]) if r.article]
    assert got == ["https://wire.example/0", "https://wire.example/1"]


def test_ingest_reports_what_it_skipped(tmp_path, nlp):
    from typer.testing import CliRunner

    from stanceline.cli import app
    from stanceline.store import Store

    data, want = mixed(gzip=True)
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(data)
    db = tmp_path / "w.db"
    r = CliRunner().invoke(app, ["ingest", str(f), "--db", str(db), "--workers", "1"])
    assert r.exit_code == 1, r.stderr  # the damaged record
    lines = r.stderr.splitlines()
    assert lines[0].startswith(f"E041 damaged WARC record in {f} at byte offset {want['broken']}: ")
    assert lines[1] == (
        "stanceline: skipped 6 WARC records that are no HTML page "
        "(1 HTTP 404, 1 application/pdf, 1 image/png, 1 metadata, 1 request, 1 warcinfo)"
    )
    assert "3 new, 0 updated, 0 unchanged, 1 failed" in lines[2]
    with Store(str(db)) as store:
        assert [row["code"] for row in store.failures()] == ["E041"]
        assert store.counts()["articles"] == 3


def test_analyze_reads_an_archive_and_reports_what_it_skipped(tmp_path, nlp):
    import json

    from typer.testing import CliRunner

    from stanceline.cli import app

    data, want = mixed(gzip=False)
    f = tmp_path / "crawl.warc"
    f.write_bytes(data)
    r = CliRunner().invoke(app, ["analyze", str(f)])
    assert r.exit_code == 1, r.stderr
    assert [json.loads(line)["article"]["url"] for line in r.stdout.splitlines()] == want["urls"]
    lines = r.stderr.splitlines()
    assert lines[0].startswith(f"E041 damaged WARC record in {f} at byte offset {want['broken']}: ")
    assert lines[1].startswith("stanceline: skipped 6 WARC records that are no HTML page (1 HTTP 404, ")
    assert lines[2].startswith("stanceline: 3 analysed, 1 failed, ")
