"""Readers, table-driven: what each kind of input becomes, and the exact error for each bad one."""

from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path

import pytest

from stanceline.errors import InputError, UsageError
from stanceline.io.readers import (
    decode_bytes,
    iter_files,
    parse_date,
    read_html,
    read_inputs,
    read_jsonl,
    read_text,
)
from stanceline.model import text_id
from stanceline.runner import analyse_paths

LIMIT = 1_000_000
ENGLISH = (
    '"We will not talk," Veldt said. The minister added that the border would stay closed '
    "until the government in Tarsk lifted the embargo on grain.\n"
)

# A small news page as a browser saves it: navigation, a header, the article, a footer.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Veldt rules out talks with Tarsk | The Northern Ledger</title>
<meta property="og:title" content="Veldt rules out talks with Tarsk">
<meta property="article:published_time" content="{published}">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/login">Sign in</a></li></ul></nav>
<header><p>Subscribe to our newsletter for daily updates</p></header>
<article>
<h1>Veldt rules out talks with Tarsk</h1>
<p>Prime Minister Anaya Veldt on Monday ruled out any negotiations with the neighbouring republic of Tarsk
until the embargo on grain exports is lifted, deepening a dispute that has unsettled the region for \
months.</p>
<p>"We will not talk while our farmers are being punished," Veldt said at a press conference in the capital.
"The door is open, but the embargo must go first."</p>
<p>Officials in Tarsk have said they would consider lifting the restrictions if the tariffs on their steel
were dropped, according to a statement released by the foreign ministry.</p>
</article>
<footer><p>All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body>
</html>
"""


def _page(published: str = "2021-06-14T08:30:00Z") -> str:
    return PAGE.format(published=published)


def _page_without_date() -> str:
    return "\n".join(line for line in _page().splitlines() if "published_time" not in line)


# --- plain text: decoding at the boundary ------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"Plain text.\n", "Plain text.\n"),
        (b"\xef\xbb\xbfWith a BOM.\n", "With a BOM.\n"),  # BOM dropped
        (b"Line one.\r\nLine two.\r\n", "Line one.\r\nLine two.\r\n"),  # CRLF kept: offsets index the file
        (b"\xef\xbb\xbfBoth.\r\n", "Both.\r\n"),
        ("Caf\u00e9 \u201cquoted\u201d".encode(), "Caf\u00e9 \u201cquoted\u201d"),
        (b"Tab\tand form feed\x0c are text.", "Tab\tand form feed\x0c are text."),
    ],
)
def test_decode_keeps_the_text_as_in_the_file(data, text):
    assert decode_bytes(data, "a.txt", max_chars=LIMIT) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"",
            "E002 empty input: a.txt has no text to analyse; give the article's text, or leave the file out",
        ),
        (
            b"  \r\n\t\n",
            "E002 empty input: a.txt has no text to analyse; give the article's text, or leave the file out",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "E003 binary input: a.txt looks like a binary file (NUL bytes); "
            "give a .txt, .html or .jsonl file",
        ),
        (
            bytes(range(1, 32)) * 4,
            "E003 binary input: a.txt looks like a binary file (108 control bytes in the first 124); "
            "give a .txt, .html or .jsonl file",
        ),
        (
            b"caf\xe9 au lait",
            "E004 not UTF-8: a.txt has invalid bytes at offset 3; "
            "re-encode it as UTF-8 (e.g. iconv -f latin1 -t utf-8)",
        ),
        (
            "UTF-16 text".encode("utf-16"),
            "E004 not UTF-8: a.txt has invalid bytes at offset 0; "
            "re-encode it as UTF-8 (e.g. iconv -f latin1 -t utf-8)",
        ),
        (
            b"word " * 1000,
            "E005 input too large: a.txt has 5,000 bytes, the limit is 1,000 characters; split it, "
            "or raise --max-chars",
        ),
    ],
)
def test_decode_refuses_bad_bytes(data, message):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "a.txt", max_chars=1000)
    assert str(err.value) == message
    assert err.value.path == "a.txt"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\ufeff", None),  # BOM only: empty once decoded
        ("\ufeff \r\n\r\n", None),
        (
            "Le gouvernement a déclaré mardi que les négociations avec le pays voisin ne reprendraient pas "
            "avant la levée de embargo sur les exportations de céréales.",
            "E007 not English: a.txt looks like another language "
            "(only 4% of words are common English words); stanceline's pipeline reads English only",
        ),
        (
            "政府周二表示，在谷物出口禁令解除之前，与邻国的谈判不会恢复。外交部长在首都举行的新闻发布会上说，我们不会在农民受到惩罚的时候谈判。"
            "总理说 门是敞开的 但禁运必须先取消 官员们说 如果对他们的钢铁征收的关税被取消 他们将考虑解除限制",
            "E007 not English: a.txt looks like another language "
            "(100% of letters outside the Latin alphabet); stanceline's pipeline reads English only",
        ),
    ],
)
def test_read_text_refuses_empty_and_foreign_text(text, message):
    with pytest.raises(InputError) as err:
        read_text(text.encode(), "a.txt", published=None, max_chars=LIMIT)
    expected = (
        message
        or "E002 empty input: a.txt has no text to analyse; give the article's text, or leave the file out"
    )
    assert str(err.value) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Talks stall\n\n" + ENGLISH, "Talks stall"),
        ("\r\nTalks stall\r\n\r\n" + ENGLISH, "Talks stall"),
        (ENGLISH, None),  # a first line that is a sentence is no headline
    ],
)
def test_read_text_title_from_the_first_line_offsets_from_the_file_start(text, title):
    article = read_text(text.encode(), "a.txt", published="2021-06-14", max_chars=LIMIT)
    assert article.text == text  # the title is not stripped
    assert article.title == title
    assert (article.published.value, article.published.basis) == ("2021-06-14", "given")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-06-14", "2021-06-14"),
        (" 2021-06-14 ", "2021-06-14"),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2021-13-01", "2021-02-30", "yesterday", "14/06/2021", ""])
def test_parse_date_refuses(value):
    with pytest.raises(UsageError) as err:
        parse_date(value)
    assert str(err.value) == f"E010 bad date {value!r} for --published: use YYYY-MM-DD"


# --- BOM + CRLF: offsets index the decoded file exactly, through the whole pipeline ------------


def _all_spans(d: dict) -> list[dict]:
    spans = []
    for a in d["actors"]:
        spans += a["mentions"]
    for s in d["statements"]:
        spans += [x for x in (s["source"], s["cue"]) if x and x.get("start") is not None]
        spans += s["content"]
        if s["said_on"] and s["said_on"]["evidence"]:
            spans.append(s["said_on"]["evidence"])
        for st in s["stances"]:
            spans += [st["target"]] if st["target"] else []
            spans += st["conditions"]
    spans += d["timexes"]
    return spans


@pytest.mark.parametrize(
    "raw",
    [
        b'\xef\xbb\xbf"We will not talk," Veldt said.\r\n'
        b"The minister added that the border would stay closed.\r\n",
        b'Talks stall\r\n\r\n"We will not talk," Veldt said.\r\n\r\n"The door is open," he said, '
        b'"but the embargo must go first."\r\n',
        b"\xef\xbb\xbfTalks stall\r\n\r\nThe minister said on Monday that the talks were over.\r\n",
    ],
)
def test_bom_crlf_spans_index_the_decoded_file(tmp_path, nlp, raw):
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw)
    expected_text = raw.decode("utf-8-sig")
    [outcome] = list(analyse_paths([str(path)], nlp, include_text=True))
    assert outcome.error is None
    d = outcome.analysis.to_dict()
    text = d["article"]["text"]
    assert text == expected_text and "\r\n" in text
    assert d["article"]["chars"] == len(expected_text)
    assert d["statements"], "the quote must be found"
    assert any(s["cue"] and s["cue"]["text"] == "said" for s in d["statements"])
    spans = _all_spans(d)
    assert spans
    for span in spans:
        assert span["text"] == text[span["start"] : span["end"]], span


# --- JSONL corpora -------------------------------------------------------------------------------

ID = text_id("The minister said the talks were over.")


def _jsonl(tmp_path: Path, lines: list[str], name: str = "corpus.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _summary(results) -> list[tuple[str, str]]:
    return [("ok", r.article.path) if r.article else ("error", str(r.error)) for r in results]


def test_jsonl_bad_line_in_the_middle_names_file_and_line_and_the_rest_goes_on(tmp_path):
    path = _jsonl(
        tmp_path,
        [
            '{"text": "The minister said that the talks were over."}',
            '{"text": "The envoy said the border would stay closed.", "id": "doc-2"}',
            "{not json",
            "",
            '{"title": "no text here"}',
            '["a", "list"]',
            '{"text": "   "}',
            '{"text": "Officials said the offer was withdrawn.", "published": "2021-02-30"}',
            '{"text": "Veldt told reporters the ceasefire was holding."}',
        ],
    )
    p = str(path)
    assert _summary(read_inputs([p])) == [
        ("ok", f"{p}:1"),
        ("ok", f"{p}:2"),
        (
            "error",
            f"E008 bad JSONL line {p}:3: Expecting property name enclosed in double quotes: line 1 "
            'column 2 (char 1); each line must be one JSON object with a "text" string',
        ),
        ("error", f'E009 missing text in JSONL line {p}:5: each line needs a non-empty "text" string'),
        (
            "error",
            f"E008 bad JSONL line {p}:6: not a JSON object; "
            'each line must be one JSON object with a "text" string',
        ),
        ("error", f'E009 missing text in JSONL line {p}:7: each line needs a non-empty "text" string'),
        ("error", f"E010 bad date '2021-02-30' for 'published' in {p}:8: use YYYY-MM-DD"),
        ("ok", f"{p}:9"),
    ]


@pytest.mark.parametrize(
    ("line", "given", "expected"),
    [
        # every optional field
        (
            '{"text": "The minister said the talks were over.", "id": "n1", "title": "Talks over", '
            '"url": "https://example.org/n1", "published": "2021-06-14", "source": "Ledger"}',
            None,
            ("n1", "Talks over", "https://example.org/n1", "Ledger", "2021-06-14", "given"),
        ),
        # none: the id is the text's hash, --published fills in
        (
            '{"text": "The minister said the talks were over."}',
            "2020-01-01",
            (ID, None, None, None, "2020-01-01", "given"),
        ),
        # the line's own date wins over --published
        (
            '{"text": "The minister said the talks were over.", "published": "2021-06-14"}',
            "2020-01-01",
            (ID, None, None, None, "2021-06-14", "given"),
        ),
        # no date at all
        (
            '{"text": "The minister said the talks were over.", "title": null, "url": ""}',
            None,
            (ID, None, None, None, None, "unknown"),
        ),
        # fields that are not strings become strings (the contract's type), never other JSON types
        (
            '{"text": "The minister said the talks were over.", "id": 7, "title": 5, "source": ["a"]}',
            None,
            ("7", "5", None, '["a"]', None, "unknown"),
        ),
    ],
)
def test_jsonl_fields(tmp_path, line, given, expected):
    path = _jsonl(tmp_path, [line])
    [result] = list(read_inputs([str(path)], published=given))
    a = result.article
    assert a.text == "The minister said the talks were over."
    assert (a.id, a.title, a.url, a.source, a.published.value, a.published.basis) == expected
    assert a.path == f"{path}:1"


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_jsonl_file_is_an_error_not_silence(tmp_path, content):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    assert _summary(read_inputs([str(path)])) == [
        (
            "error",
            f"E002 empty input: {path} has no text to analyse; give the article's text, "
            "or leave the file out",
        ),
    ]


def test_jsonl_bom_crlf_and_bad_bytes(tmp_path):
    stream = [
        b'\xef\xbb\xbf{"text": "The minister said the talks were over."}\r\n',
        b'{"text": "caf\xe9 said the talks were over."}\r\n',
        b'{"text": "Veldt said the border would stay closed."}\r\n',
    ]
    results = list(read_jsonl(stream, "c.jsonl", published=None, max_chars=LIMIT))
    assert results[0].article.text == "The minister said the talks were over."
    assert str(results[1].error) == (
        "E008 bad JSONL line c.jsonl:2: 'utf-8' codec can't decode byte 0xe9 in position 13: invalid "
        'continuation byte; each line must be one JSON object with a "text" string'
    )
    assert results[2].article.path == "c.jsonl:3"


def test_jsonl_huge_line_is_refused_before_parsing():
    stream = [b'{"text": "' + b"word " * 1000 + b'"}\n', b'{"text": "The minister said it was over."}\n']
    results = list(read_jsonl(stream, "c.jsonl", published=None, max_chars=1000))
    assert str(results[0].error) == (
        "E005 input too large: c.jsonl:1 has 5,013 bytes, the limit is 1,000 "
        "characters; split it, or raise --max-chars"
    )
    assert results[1].article is not None


# --- directories, stdin, missing and unsupported files ------------------------------------------


def test_directory_recursive_sorted_hidden_skipped_other_types_listed(tmp_path):
    files = [
        "b.txt",
        "a.html",
        "a/z.txt",
        "a/b/c.htm",
        "a/b/d.jsonl",
        "c.md",
        "Z.TXT",
        ".hidden.txt",
        ".git/x.txt",
        "sub/.secret/y.txt",
        "notes.pdf",
        "image.png",
        "README",
    ]
    for f in files:
        (tmp_path / f).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f).write_text("x", encoding="utf-8")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_files(tmp_path)]
    # other types are listed so that reading them reports E012, never silently
    assert got == [
        "README",
        "Z.TXT",
        "a/b/c.htm",
        "a/b/d.jsonl",
        "a/z.txt",
        "a.html",
        "b.txt",
        "c.md",
        "image.png",
        "notes.pdf",
    ]


def test_directory_inside_a_hidden_folder_is_read_when_given(tmp_path):
    root = tmp_path / ".corpus"
    (root / "2021").mkdir(parents=True)
    (root / "2021" / "a.txt").write_text(ENGLISH, encoding="utf-8")
    assert _summary(read_inputs([str(root)])) == [("ok", str(root / "2021" / "a.txt"))]


def test_inputs_in_order_with_errors_in_their_place(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "2.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "d" / "1.txt").write_bytes(b"")
    (tmp_path / "x.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "y.pdf").write_bytes(b"%PDF-1.4")
    d, x, y, missing = (str(tmp_path / n) for n in ("d", "x.txt", "y.pdf", "missing.txt"))
    stdin = io.BytesIO(ENGLISH.encode())
    assert _summary(read_inputs([x, d, missing, "-", y], stdin=stdin)) == [
        ("ok", x),
        (
            "error",
            f"E002 empty input: {d}/1.txt has no text to analyse; give the article's text, "
            "or leave the file out",
        ),
        ("ok", f"{d}/2.txt"),
        ("error", f"E001 file not found: {missing}; check the path, or give - to read stdin"),
        ("ok", "<stdin>"),
        (
            "error",
            f"E012 unsupported input {y}: give .txt, .text, .md, .html, .htm, .jsonl, .warc or .warc.gz "
            "files, a directory, or - for stdin",
        ),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbfTalks stall\r\n\r\n" + ENGLISH.encode(), ("ok", "Talks stall\r\n\r\n" + ENGLISH)),
        (
            b"",
            (
                "error",
                "E002 empty input: <stdin> has no text to analyse; give the article's text, "
                "or leave the file out",
            ),
        ),
        (
            b"\xff\xfe\x00",
            (
                "error",
                "E004 not UTF-8: <stdin> has invalid bytes at offset 0; re-encode it as UTF-8 "
                "(e.g. iconv -f latin1 -t utf-8)",
            ),
        ),
    ],
)
def test_stdin(data, expected):
    [r] = list(read_inputs(["-"], stdin=io.BytesIO(data), published="2021-06-14"))
    if r.article:
        assert ("ok", r.article.text) == expected
        assert r.article.path == "<stdin>"
        assert r.article.published.value == "2021-06-14"
    else:
        assert ("error", str(r.error)) == expected


def test_read_inputs_checks_published_first():
    with pytest.raises(UsageError) as err:
        list(read_inputs(["-"], published="14.06.2021", stdin=io.BytesIO(b"x")))
    assert str(err.value) == "E010 bad date '14.06.2021' for --published: use YYYY-MM-DD"


# --- 50 MB: refused at the boundary, before anything is read or decoded -------------------------


def _refuse_reading(monkeypatch):
    def fail(*_a, **_k):
        raise AssertionError("a file over the limit must not be read")

    monkeypatch.setattr(Path, "read_bytes", fail)
    monkeypatch.setattr("stanceline.io.readers.decode_bytes", fail)
    monkeypatch.setattr("stanceline.io.readers.read_html", fail)


@pytest.mark.parametrize("name", ["big.txt", "big.html"])
def test_50mb_file_refused_before_reading(tmp_path, monkeypatch, name):
    path = tmp_path / name
    path.write_bytes(b"word " * 10_000_000)  # 50 MB
    _refuse_reading(monkeypatch)
    start = time.perf_counter()
    [r] = list(read_inputs([str(path)]))
    assert time.perf_counter() - start < 0.5
    assert str(r.error) == (
        f"E005 input too large: {path} has 50,000,000 bytes, the limit is 1,000,000 "
        "characters; split it, or raise --max-chars"
    )


def test_50mb_stdin_refused_without_holding_it():
    [r] = list(read_inputs(["-"], stdin=io.BytesIO(b"word " * 10_000_000)))
    assert str(r.error) == (
        "E005 input too large: <stdin> has 50,000,000 bytes, the limit is 1,000,000 "
        "characters; split it, or raise --max-chars"
    )


def test_text_over_the_character_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes("\u00e9t\u00e9 ".encode() * 300)  # 1,800 bytes (under 4 x 800), 1,200 characters
    [r] = list(read_inputs([str(path)], max_chars=800))
    assert str(r.error) == (
        f"E005 input too large: {path} has 1,200 characters, the limit is 800 characters; "
        "split it, or raise --max-chars"
    )


# --- HTML ---------------------------------------------------------------------------------------


def test_html_main_text_title_and_date():
    a = read_html(_page().encode(), "page.html", published=None, max_chars=LIMIT)
    assert a.title == "Veldt rules out talks with Tarsk"
    assert (a.published.value, a.published.basis) == ("2021-06-14", "html")
    assert '"We will not talk while our farmers are being punished," Veldt said' in a.text
    assert "according to a statement released by the foreign ministry." in a.text
    for boilerplate in ("Sign in", "Subscribe", "All rights reserved", "Privacy"):
        assert boilerplate not in a.text


@pytest.mark.parametrize(
    ("html", "given", "expected"),
    [
        (_page(), None, ("2021-06-14", "html")),
        (_page(), "2020-01-01", ("2021-06-14", "html")),  # the page's own date wins
        (_page_without_date(), "2020-01-01", ("2020-01-01", "given")),  # --published fills in
        (_page_without_date(), None, (None, "unknown")),
    ],
)
def test_html_published(html, given, expected):
    a = read_html(html.encode(), "page.html", published=given, max_chars=LIMIT)
    assert (a.published.value, a.published.basis) == expected


def test_html_date_never_after_today():
    a = read_html(_page("2999-01-01T00:00:00Z").encode(), "page.html", published=None, max_chars=LIMIT)
    assert a.published.value is None or a.published.value <= dt.date.today().isoformat()


def test_html_declared_charset_is_used():
    html = (
        _page()
        .replace('charset="utf-8"', 'charset="windows-1252"')
        .replace("neighbouring", "neighbour\u2019s")
    )
    a = read_html(html.encode("cp1252"), "page.html", published=None, max_chars=LIMIT)
    assert "neighbour\u2019s republic" in a.text


E006 = (
    "E006 no main text found in HTML: page.html (broken or boilerplate-only page); "
    "save the article page itself, or give its text as a .txt file"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body><div></div>", E006),
        (b"<foo><bar></baz><<<>>>", E006),
        (b"<html><head><title>Only a title</title></head><body></body></html>", E006),
        (
            b"<html><body><ul><li>Home</li><li>World</li></ul>"
            b"<footer>All rights reserved</footer></body></html>",
            E006,
        ),
        (
            b"",
            "E002 empty input: page.html has no text to analyse; give the article's text, "
            "or leave the file out",
        ),
        (
            b"\x00\x01\x02binary",
            "E003 binary input: page.html looks like a binary file (NUL bytes); "
            "give a .txt, .html or .jsonl file",
        ),
        (_page().replace("Veldt said", "Veldt d\xe9clare").encode("latin-1"), None),  # declared UTF-8, is not
    ],
)
def test_html_bad_input(data, message):
    with pytest.raises(InputError) as err:
        read_html(data, "page.html", published=None, max_chars=LIMIT)
    if message is None:
        assert str(err.value).startswith("E004 not UTF-8: page.html has invalid bytes at offset ")
    else:
        assert str(err.value) == message


def test_html_in_another_language():
    french = (
        "<html><head><title>Les négociations</title></head><body><article>"
        + "<p>Le gouvernement a déclaré mardi que les négociations avec le pays voisin ne reprendraient pas "
        "avant la levée de embargo sur les exportations de céréales, a indiqué le ministre.</p>"
        * 3
        + "</article></body></html>"
    )
    with pytest.raises(InputError) as err:
        read_html(french.encode(), "page.html", published=None, max_chars=LIMIT)
    assert str(err.value).startswith("E007 not English: page.html looks like another language (")
