"""stanceline against the project's own gold: ``examples/gold/*.json``.

Usage::

    .venv/bin/python benchmarks/sample.py [--examples DIR] [--json]

Each gold file names its article (``article.path``, relative to the examples
folder, e.g. ``articles/01.txt``). The articles are analysed with the full
pipeline and scored with :func:`stanceline.evaluate.score_sample`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stanceline.evaluate import format_sample, read_text, score_sample

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load_gold(examples: Path) -> list[tuple[dict[str, Any], str, Path]]:
    """Read every gold file with its article's text.

    Args:
        examples: The folder holding ``gold/`` and ``articles/``.

    Returns:
        ``(gold dict, article text, article path)`` per gold file, in name order.

    Raises:
        FileNotFoundError: if there is no gold file, or a gold file's article is missing.
    """
    files = sorted((examples / "gold").glob("*.json"))
    if not files:
        raise FileNotFoundError(f"No gold files in {examples / 'gold'}: the sample corpus is not there yet.")
    out = []
    for path in files:
        gold = json.loads(read_text(path))
        article = examples / (gold.get("article", {}).get("path") or f"articles/{path.stem}.txt")
        if not article.is_file():
            raise FileNotFoundError(f"{path} names {article}, which does not exist: fix article.path.")
        out.append((gold, read_text(article), article))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score stanceline on the sample corpus gold.")
    parser.add_argument("--examples", type=Path, default=EXAMPLES, help="folder with gold/ and articles/")
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    args = parser.parse_args(argv)

    import stanceline
    from stanceline.model import Article, Published

    try:
        golds = load_gold(args.examples)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    articles = []
    for gold, text, path in golds:
        published = gold.get("article", {}).get("published")
        value = published.get("value") if isinstance(published, dict) else published
        articles.append(
            Article(
                text=text,
                path=str(path.relative_to(args.examples)),
                published=Published(value, "given") if value else Published(),
            )
        )
    nlp = stanceline.pipeline()
    analyses = stanceline.analyze_articles(articles, nlp=nlp)
    scores = score_sample(zip(analyses, (g for g, _, _ in golds), strict=True))
    if args.json:
        print(json.dumps(dataclasses.asdict(scores), indent=2))
    else:
        print(f"sample corpus: {args.examples.resolve()}")
        print(format_sample(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
