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
from stanceline.evaluate.events import score_sample_events
from stanceline.model import Article, Published

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

FLOORS = {
    "statement_precision": 0.89,
    "statement_recall": 0.985,
    "statement_f1": 0.937,
    "speaker_accuracy": 0.964,
    "cue_exact_f1": 0.935,
    "content_exact_f1": 0.895,
    "content_overlap_f1": 0.929,
}


@pytest.fixture(scope="module")
def analyses(nlp):
    out = []
    for path in sorted((EXAMPLES / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (EXAMPLES / gold["article"]["path"]).read_text(encoding="utf-8")
        pub = gold["article"].get("published")
        article = Article(
            text=text, path=gold["article"]["path"], published=Published(pub, "given") if pub else Published()
        )
        out.append((next(stanceline.analyze_articles([article], nlp=nlp)), gold))
    return out


def _spans(d):
    """Every span of a contract object, with where it sits."""
    for a in d["actors"]:
        for m in a["mentions"]:
            yield "mention", m
    for s in d["statements"]:
        yield from (("content", c) for c in s["content"])
        if s["cue"]:
            yield "cue", s["cue"]
        if s["source"] and s["source"]["start"] is not None:
            yield "source", s["source"]
        if s["said_on"] and s["said_on"]["evidence"]:
            yield "said_on.evidence", s["said_on"]["evidence"]
        for st in s["stances"]:
            yield "stance.target", st["target"]
            yield from (("stance.condition", c) for c in st["conditions"])
    yield from (("timex", t) for t in d["timexes"])
    for e in d["events"]:
        yield "event.trigger", e["trigger"]
        yield from ((f"event.{k}", e[k]) for k in ("source", "target", "location") if e[k])


@pytest.mark.slow
def test_every_span_of_every_sample_article_indexes_its_text(analyses):
    bad = []
    for analysis, _ in analyses:
        d, text = analysis.to_dict(), analysis.article.text
        bad += [
            (d["article"]["path"], where, sp)
            for where, sp in _spans(d)
            if text[sp["start"] : sp["end"]] != sp["text"]
        ]
    assert not bad, bad[:5]


@pytest.fixture(scope="module")
def scores(analyses):
    assert len(analyses) >= 20, "the sample corpus must have at least 20 gold articles"
    return score_sample(analyses)


def test_gold_is_consistent_with_the_articles():
    """Every gold span matches its article text; ids, keys and values are valid."""
    done = subprocess.run([sys.executable, str(EXAMPLES / "verify_gold.py")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
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


# Events: F1 of type + source over the gold events of all 24 articles (184 events), and the share of matched
# events dated right, negated and hypothetical events left out on both sides. Measured 0.611 and 0.905 (105 of
# 116) on 2026-12-07 at night (benchmarks/sample.py --events; 0.589 before the false alarms went, 0.517 and
# 0.897 before the statement-to-event bridge and the phrases of a verb and its object, 0.407 and 0.756 when
# the 24 articles first had gold events); the targets are 0.80 and 0.90: these floors keep what is
# reached.
EVENT_FLOORS = {"f1": 0.61, "happened_on": 0.90}


@pytest.mark.slow
def test_events_meet_the_floors(analyses):
    with_events = [(a.to_dict(), g, a.article.text) for a, g in analyses if "events" in g]
    assert len(with_events) == 24 and sum(len(g["events"]) for _, g, _ in with_events) >= 40
    scores = score_sample_events(with_events)
    got = {"f1": scores.prf.f1, "happened_on": scores.happened_on}
    low = {k: (round(got[k], 3), floor) for k, floor in EVENT_FLOORS.items() if got[k] < floor}
    assert not low, f"below the floor (got, floor): {low}"
