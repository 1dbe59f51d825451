"""Property-based fuzzing of the readers (issue 18): whatever bytes a file or stdin holds (random bytes,
mangled HTML, JSONL lines of any shape), reading gives articles or coded ``InputError`` results naming
the input, never another exception. Bounded: a few dozen examples per reader, no deadline."""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stanceline.errors import InputError
from stanceline.io.readers import read_inputs

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is one a re-run shows again
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MAX_CHARS = 5_000
BAD_CHARS = re.compile("[\x00\ud800-\udfff]")

WORDS = ["Veldt", "said", "Tarsk", "the", "talks", "would", "fail", ".", ",", '"', "\n", "\n\n", "é", "—"]
TAGS = [
    "<p>",
    "</p>",
    "<html>",
    "<body>",
    "<article>",
    "<h1>",
    "</h1>",
    "<script>",
    "<!--",
    "-->",
    "<![CDATA[",
]
METAS = ['<meta charset="{}">', '<meta http-equiv="Content-Type" content="text/html; charset={}">']
CHARSETS = ["utf-8", "latin1", "base64", "hex", "rot13", "punycode", "utf-16", "x-unknown", "", "utf-7"]

texts = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
odd_text = st.text(max_size=200)  # any code point, lone surrogates and NUL included


def encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``, lone surrogates kept in the UTFs, what latin-1 has not as ``?``."""
    return text.encode(encoding, errors="replace" if encoding == "latin-1" else "surrogatepass")


html_docs = st.builds(
    lambda meta, charset, parts, tail, encoding: encode(
        meta.format(charset) + "".join(parts) + tail, encoding
    ),
    st.sampled_from(METAS),
    st.sampled_from(CHARSETS),
    st.lists(st.one_of(st.sampled_from(TAGS), texts, odd_text), max_size=20),
    st.sampled_from(["", "</body></html>", "<p", "&#0;", "&#xD800;", "&nbsp;"]),
    st.sampled_from(["utf-8", "latin-1", "utf-16"]),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | odd_text | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
FIELDS = ["text", "id", "title", "url", "published", "source"]
jsonl_lines = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6).map(json.dumps),
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6).map(
        lambda d: json.dumps(d, ensure_ascii=False)
    ),
    odd_text,  # a line that is no JSON at all
    st.just('{"text": "\\ud800 lone"}'),
    st.just('{"text": "nul \\u0000 inside"}'),
)
jsonl_files = st.lists(jsonl_lines, max_size=6).map(
    lambda lines: "\n".join(lines).encode("utf-8", errors="surrogatepass")
)


def check(results: list) -> None:
    """Every result an article with clean text, or a coded error that names the input."""
    assert results, "an input must give at least one result"
    for r in results:
        assert (r.article is None) != (r.error is None)
        if r.error is not None:
            assert isinstance(r.error, InputError)
            assert re.fullmatch(r"E\d{3}", r.error.code)
            assert r.error.path and r.error.path in str(r.error)
        else:
            assert isinstance(r.article.text, str) and r.article.text.strip()
            assert not BAD_CHARS.search(r.article.text)
            assert len(r.article.text) <= MAX_CHARS


def read_file(name: str, data: bytes) -> list:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d, name)
        path.write_bytes(data)
        return list(read_inputs([str(path)], max_chars=MAX_CHARS))


@FUZZ
@given(st.binary(max_size=2_000), st.sampled_from(["a.txt", "a.md", "a.html", "a.htm", "a.jsonl"]))
def test_random_bytes_in_any_file_give_articles_or_coded_errors(data, name):
    check(read_file(name, data))


@FUZZ
@given(html_docs)
def test_mangled_html_gives_articles_or_coded_errors(data):
    check(read_file("page.html", data))


@FUZZ
@given(jsonl_files)
def test_jsonl_lines_of_any_shape_give_articles_or_coded_errors(data):
    results = read_file("corpus.jsonl", data)
    check(results)
    # one result a non-blank line (a file with no line: one E002)
    lines = [ln for ln in data.split(b"\n") if ln.strip()]
    assert len(results) == max(1, len(lines))


@FUZZ
@given(st.one_of(st.binary(max_size=2_000), texts.map(str.encode)))
def test_stdin_gives_an_article_or_a_coded_error(data):
    check(list(read_inputs(["-"], max_chars=MAX_CHARS, stdin=io.BytesIO(data))))


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("a.txt", b"", "E002"),
        ("a.txt", b"\x00\x01\x02 binary", "E003"),
        ("a.jsonl", b"{not json", None),
        ("a.jsonl", b'{"text": "\\ud800"}', None),
        ("a.txt", b"Veldt said the talks would fail.", None),
    ],
)
def test_fuzz_check_holds_for_known_inputs(name, data, code):
    results = read_file(name, data)
    check(results)
    if code is not None:
        assert [r.error.code for r in results] == [code]
