"""Quality gate on the project's own sample corpus (examples/).

The floors below were measured on the gold in examples/gold and may only go
up: raise them when the pipeline improves, never lower them to make a change
pass. Figures are fractions (0.90 = 90 %).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import stanceline
from stanceline.evaluate import score_sample
from stanceline.model import Article, Published

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

FLOORS = {
    "statement_precision": 0.88,
    "statement_recall": 0.98,
    "statement_f1": 0.925,
    "speaker_accuracy": 0.91,
    "cue_exact_f1": 0.92,
    "content_exact_f1": 0.87,
    "content_overlap_f1": 0.91,
}


@pytest.fixture(scope="module")
def scores(nlp):
    pairs = []
    for path in sorted((EXAMPLES / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (EXAMPLES / gold["article"]["path"]).read_text(encoding="utf-8")
        pub = gold["article"].get("published")
        article = Article(text=text, path=gold["article"]["path"],
                          published=Published(pub, "given") if pub else Published())
        pairs.append((next(stanceline.analyze_articles([article], nlp=nlp)), gold))
    assert len(pairs) >= 20, "the sample corpus must have at least 20 gold articles"
    return score_sample(pairs)


def test_gold_is_consistent_with_the_articles():
    """Every gold span matches its article text; ids, keys and values are valid."""
    done = subprocess.run([sys.executable, str(EXAMPLES / "verify_gold.py")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_statements_meet_the_floors(scores):
    got = {
        "statement_precision": scores.statements.precision,
        "statement_recall": scores.statements.recall,
        "statement_f1": scores.statements.f1,
        "speaker_accuracy": scores.speaker_accuracy,
        "cue_exact_f1": scores.cue_exact.f1,
        "content_exact_f1": scores.content_exact.f1,
        "content_overlap_f1": scores.content_overlap.f1,
    }
    below = {k: round(v, 3) for k, v in got.items() if v < FLOORS[k]}
    assert not below, f"below the floor: {below} (floors {FLOORS})"
