"""One long article through the pipeline: the time of each component and the peak memory of the process.

A dense made-up article (fictional states and people; a statement, a date and a speaker in nearly every
sentence) of N characters, generated with a fixed seed, so that a stage whose cost grows faster than the text
shows up: issue 18 asks for 1,000,000 characters in at most 60 s and 1.5 GB.

    .venv/bin/python benchmarks/long_article.py [--chars N] [--segment-chars N] [--cprofile OUT]

The model's components run over paragraph-aligned segments as ``stanceline.runner`` runs them
(``--segment-chars``, default the library's; 0: the whole article as one Doc); their times are summed over
the segments, and "join (Doc.from_docs)" is the time to put the segments together again.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time

FIRST = [
    "Anaya",
    "Ilse",
    "Boris",
    "Mira",
    "Tomas",
    "Lena",
    "Oskar",
    "Petra",
    "Viktor",
    "Sana",
    "Jonas",
    "Elin",
]
LAST = [
    "Veldt",
    "Moran",
    "Kalden",
    "Tollen",
    "Aster",
    "Brand",
    "Corvin",
    "Dahl",
    "Estes",
    "Falk",
    "Gren",
    "Holm",
]
TITLES = ["President", "Prime Minister", "Foreign Minister", "Senator", "Defence Minister", "Ambassador"]
PLACES = ["Tarsk", "Velmora", "Osterholm", "Kelmar", "Varnia"]
DAYS = [
    "on Monday",
    "on Tuesday",
    "on Friday",
    "last week",
    "on March 3",
    "on 14 May 2023",
    "yesterday",
    "in June",
]
TOPICS = [
    "the sanctions",
    "the border treaty",
    "the ceasefire",
    "the embargo",
    "the grain corridor",
    "the talks",
]


def article(chars: int, seed: int = 7) -> str:
    """A dense article of about ``chars`` characters (cut at the last full stop)."""
    rnd = random.Random(seed)

    def person() -> str:
        return f"{rnd.choice(TITLES)} {rnd.choice(FIRST)} {rnd.choice(LAST)} of {rnd.choice(PLACES)}"

    def sentence() -> str:
        kind = rnd.randrange(6)
        who, day, topic = person(), rnd.choice(DAYS), rnd.choice(TOPICS)
        if kind == 0:
            return f"{who} said {day} that {topic} must end unless {rnd.choice(PLACES)} withdraws its troops."
        if kind == 1:
            return f'"We will not accept {topic}," {rnd.choice(LAST)} told reporters {day}.'
        if kind == 2:
            return f"In a speech {day}, {who} said {rnd.choice(PLACES)} would support {topic}."
        if kind == 3:
            return f"{rnd.choice(['He', 'She'])} said the government opposed {topic}."
        if kind == 4:
            return f"The meeting {day} in {rnd.choice(PLACES)} ended without agreement on {topic}."
        return f"According to {who}, {topic} would be signed {day} if the blockade was lifted."

    out, size = ["TARSK, 4 May 2024 - "], 0
    while size < chars:
        para = " ".join(sentence() for _ in range(rnd.randint(2, 5))) + "\n\n"
        out.append(para)
        size += len(para)
    text = "".join(out)[:chars]
    return text[: text.rfind(".") + 1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=1_000_000, help="the article's length (default 1,000,000)")
    ap.add_argument("--cprofile", metavar="OUT", help="write a cProfile of the whole run to OUT")
    ap.add_argument(
        "--segment-chars",
        type=int,
        default=None,
        help="segments of at most about N characters through the model (default: the library's; 0: none)",
    )
    args = ap.parse_args(argv)

    from spacy.tokens import Doc

    import stanceline
    from stanceline.analysis import to_analysis
    from stanceline.model import Article

    try:
        from stanceline.nlp.segments import DEFAULT_SEGMENT_CHARS, DOCUMENT_COMPONENTS, segment_bounds
    except ImportError:  # a source tree from before segments: the whole article as one Doc
        DEFAULT_SEGMENT_CHARS, DOCUMENT_COMPONENTS = 0, ("stanceline_timex",)
        segment_bounds = None
    try:
        from stanceline.nlp.segments import cut_pieces
    except ImportError:  # a source tree from before cut_pieces: as it cut them

        def cut_pieces(doc, bounds):
            return (doc[a:b].as_doc() for a, b in bounds)

    size = DEFAULT_SEGMENT_CHARS if args.segment_chars is None else args.segment_chars
    text = article(args.chars)
    nlp = stanceline.pipeline()
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    prof = None
    if args.cprofile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    # wall and CPU seconds per stage: on a machine shared with others, CPU seconds are what compare
    times: dict[str, list[float]] = {}

    def timed(name: str, fn, *a):
        w, c = time.perf_counter(), time.process_time()
        out = fn(*a)
        got = times.setdefault(name, [0.0, 0.0])
        got[0] += time.perf_counter() - w
        got[1] += time.process_time() - c
        return out

    start, cpu_start = time.perf_counter(), time.process_time()
    doc = timed("make_doc", nlp.make_doc, text)
    bounds = segment_bounds(doc, size) if size > 0 and segment_bounds else [(0, len(doc))]
    names = nlp.pipe_names
    cut = next((i for i, n in enumerate(names) if n in DOCUMENT_COMPONENTS), len(names))
    pieces = timed("cut (Span.as_doc)", lambda: list(cut_pieces(doc, bounds))) if len(bounds) > 1 else [doc]
    for k, piece in enumerate(pieces):  # as nlp.pipe(pieces, batch_size=1) runs them
        for name, proc in nlp.pipeline[:cut]:
            piece = timed(name, proc, piece)
        pieces[k] = piece
    if len(pieces) > 1:
        doc = timed("join (Doc.from_docs)", Doc.from_docs, pieces, False)
        assert doc.text == text
    else:
        doc = pieces[0]
    del pieces
    for name, proc in nlp.pipeline[cut:]:
        doc = timed(name, proc, doc)
    timed("record (to_analysis)", to_analysis, doc, Article(text=text))
    total, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if prof is not None:
        prof.disable()
        prof.dump_stats(args.cprofile)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(
        f"{len(text):,} characters, {len(doc):,} tokens, {len(doc._.statements or [])} statements, "
        f"{len(bounds)} segment(s) of at most about {size:,} characters"
    )
    print(
        f"total {total:.1f} s wall, {cpu:.1f} s CPU, peak memory {peak:,.0f} MB "
        "(targets at 1,000,000 characters: 60 s, 1,500 MB)"
    )
    print(f"  {'stage':28s} {'wall s':>8s} {'CPU s':>8s} {'CPU %':>6s}")
    for name, (w, c) in sorted(times.items(), key=lambda kv: -kv[1][1]):
        print(f"  {name:28s} {w:8.2f} {c:8.2f} {100 * c / cpu:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
