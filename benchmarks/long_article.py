"""One long article through the pipeline: the time of each component and the peak memory of the process.

A dense made-up article (fictional states and people; a statement, a date and a speaker in nearly every
sentence) of N characters, generated with a fixed seed, so that a stage whose cost grows faster than the text
shows up: issue 18 asks for 1,000,000 characters in at most 60 s and 1.5 GB.

    .venv/bin/python benchmarks/long_article.py [--chars N] [--cprofile OUT]
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
    args = ap.parse_args(argv)

    import stanceline
    from stanceline.analysis import to_analysis
    from stanceline.model import Article

    text = article(args.chars)
    nlp = stanceline.pipeline()
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    prof = None
    if args.cprofile:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
    start = time.perf_counter()
    doc = nlp.make_doc(text)
    times: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        doc = proc(doc)
        times[name] = time.perf_counter() - t
    t = time.perf_counter()
    to_analysis(doc, Article(text=text))
    times["record (to_analysis)"] = time.perf_counter() - t
    total = time.perf_counter() - start
    if prof is not None:
        prof.disable()
        prof.dump_stats(args.cprofile)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"{len(text):,} characters, {len(doc):,} tokens, {len(doc._.statements or [])} statements")
    print(
        f"total {total:.1f} s, peak memory {peak:,.0f} MB (targets at 1,000,000 characters: 60 s, 1,500 MB)"
    )
    for name, sec in sorted(times.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28s} {sec:7.2f} s  {100 * sec / total:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
