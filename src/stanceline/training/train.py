"""``stanceline train attribution``: train the attribution tagger on brat folders.

One run: parse the texts once (the English model with stanceline's paragraph breaks, as at
analysis time), fold the gold relations into tags, train the tagger for up to ``epochs`` epochs on
the training part with a fixed seed, score the held-out part (and a dev folder, when given) after
each epoch with the attribution scorer of :mod:`stanceline.evaluate`, and keep the epoch with the
best held-out exact F1 (the mean of source, cue and content). The log (``train_log.jsonl``) has
one line per epoch.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from ..errors import InputError
from ..evaluate import AttributionScores, Relation, score_corpus
from ..nlp.attribution import Attribution
from ..nlp.learned import SPANS_KEY, TAGS, group_spans, tagged_spans, to_attributions, write_manifest
from ..nlp.learned.component import DEFAULT_CONFIG
from ..nlp.pipeline import load_model
from .data import BratDocument, parse, read_brat_folder, split_held_out, to_examples

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class TrainResult:
    """What a training run did: the best epoch's figures and where the model went."""

    out: Path
    best_epoch: int
    epochs: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0


def relations_of(attributions: Sequence[Attribution]) -> list[Relation]:
    """Attribution records as scorer relations (character pieces)."""
    out = []
    for a in attributions:
        src = ((a.source.start_char, a.source.end_char),) if a.source is not None else None
        cue = ((a.cue.start_char, a.cue.end_char),) if a.cue is not None else None
        out.append(Relation(src, cue, tuple(sorted(a.content))))
    return out


def learned_relations(doc: Doc) -> list[Relation]:
    """The relations the tagger's spans on ``doc`` make, grouped as the pipeline groups them."""
    return relations_of(to_attributions(doc, group_spans(doc, tagged_spans(doc))))


def score_tagger(nlp: Language, parsed: Sequence[Doc], docs: Sequence[BratDocument]) -> AttributionScores:
    """Tag ``parsed`` with the pipeline's tagger and score the grouped relations against ``docs``."""
    tagger = nlp.get_pipe("stanceline_attribution_tagger")
    for doc in tagger.pipe(parsed, batch_size=32):
        assert SPANS_KEY in doc.spans
    return score_corpus(
        (d.text, learned_relations(doc), d.relations) for doc, d in zip(parsed, docs, strict=True)
    )


def figures(scores: AttributionScores) -> dict[str, float]:
    """Exact F1 per role and content overlap F1, in %, rounded to 0.1."""
    out = {role: round(getattr(scores, role).exact.f1 * 100, 1) for role in ("source", "cue", "content")}
    out["content_overlap"] = round(scores.content.overlap.f1 * 100, 1)
    return out


def parser_pipeline(model: str) -> Language:
    """The English model with stanceline's paragraph breaks, as :func:`stanceline.pipeline` parses."""
    nlp = load_model(model)
    if "stanceline_paragraphs" not in nlp.pipe_names:
        anchor = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe("stanceline_paragraphs", **anchor)
    return nlp


def _epoch(
    tagger: Any,
    examples: list[Example],
    optimizer: Any,
    rng: random.Random,
    progress: Progress | None,
    dropout: float = 0.0,
) -> float:
    rng.shuffle(examples)
    losses: dict[str, float] = {}
    done = 0
    for batch in minibatch(examples, size=4):
        tagger.update(list(batch), sgd=optimizer, losses=losses, drop=dropout)
        done += len(batch)
        if progress:
            progress("train", done, len(examples))
    return losses.get(tagger.name, 0.0)


def train_attribution(
    data: Path,
    out: Path,
    *,
    epochs: int = 10,
    seed: int = 0,
    held_out: float = 0.1,
    dev: Path | None = None,
    model: str = "en_core_web_sm",
    patience: int = 3,
    progress: Progress | None = None,
    parsed: dict[str, list[Doc]] | None = None,
    problems: list[InputError] | None = None,
    network: dict[str, Any] | None = None,
    dropout: float = 0.0,
) -> TrainResult:
    """Train the attribution tagger and save the best epoch's weights with a manifest.

    Args:
        data: A brat folder (see :func:`stanceline.training.read_brat_folder`) to train on.
        out: Where the model folder goes (created).
        epochs: The most epochs to run.
        seed: Seeds the split, the shuffling and the weights' initialisation.
        held_out: Share of ``data`` kept out of training, for choosing the epoch.
        dev: Another brat folder to score after each epoch (reported only; never trained on).
        model: The spaCy model that parses (the one the analyses will use).
        patience: Stop after this many epochs without a better held-out figure.
        progress: Called with ``(stage, done, total)`` as work advances.
        parsed: Parsed Docs to reuse, by ``"train"``/``"held"``/``"dev"`` (same order as the split).
        problems: Where to add the E038 error of each annotation file left out.
        network: Settings of the network that replace the defaults of
            :data:`stanceline.nlp.learned.component.DEFAULT_CONFIG` (``width``, ``depth``, ``window_size``).
        dropout: Dropout rate while training.

    Returns:
        The run's figures per epoch and the best epoch.

    Raises:
        UsageError: E038 when ``data`` or ``dev`` is no brat folder (or has no annotated text).
    """
    started = time.perf_counter()
    fix_random_seed(seed)
    train_docs, held_docs = split_held_out(
        read_brat_folder(data, problems=problems), fraction=held_out, seed=seed
    )
    dev_docs = read_brat_folder(dev, problems=problems) if dev is not None else []
    nlp = parser_pipeline(model)
    parsed = dict(parsed or {})
    for key, docs in (("train", train_docs), ("held", held_docs), ("dev", dev_docs)):
        if key not in parsed:
            if progress:
                progress(f"parse {key}", 0, len(docs))
            parsed[key] = parse(nlp, docs)
    examples = to_examples(parsed["train"], train_docs)
    from thinc.api import Config

    config = {**Config().from_str(DEFAULT_CONFIG)["model"], **(network or {})}
    tagger = nlp.add_pipe("stanceline_attribution_tagger", config={"model": config})
    tagger.initialize(lambda: examples[:50], nlp=nlp, labels=list(TAGS))
    optimizer = tagger.create_optimizer()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    result = TrainResult(out=out, best_epoch=0)
    best = -1.0
    with open(out / "train_log.jsonl", "w", encoding="utf-8") as log:
        for epoch in range(1, epochs + 1):
            loss = _epoch(tagger, examples, optimizer, rng, progress, dropout)
            with tagger.model.use_params(optimizer.averages):
                row: dict[str, Any] = {"epoch": epoch, "loss": round(loss, 1)}
                row["held_out"] = figures(score_tagger(nlp, parsed["held"], held_docs))
                if dev_docs:
                    row["dev"] = figures(score_tagger(nlp, parsed["dev"], dev_docs))
                mean = sum(row["held_out"][r] for r in ("source", "cue", "content")) / 3
                if mean > best:
                    best, result.best_epoch = mean, epoch
                    tagger.to_disk(out, exclude=["vocab"])
            row["seconds"] = round(time.perf_counter() - started, 1)
            result.epochs.append(row)
            log.write(json.dumps(row) + "\n")
            log.flush()
            if progress:
                progress(f"epoch {epoch}: held-out {row['held_out']}", epoch, epochs)
            if epoch - result.best_epoch >= patience:
                break
    result.seconds = time.perf_counter() - started
    best_row = result.epochs[result.best_epoch - 1]
    write_manifest(
        out,
        {k: v for k, v in config.items()},
        {
            "trained": {
                "data": str(data),
                "seed": seed,
                "held_out": held_out,
                "dropout": dropout,
                "epochs_run": len(result.epochs),
                "best_epoch": result.best_epoch,
                "train_docs": len(train_docs),
                "held_out_docs": len(held_docs),
                "spacy_model": model,
            },
            "figures": {k: v for k, v in best_row.items() if k in ("held_out", "dev")},
        },
    )
    return result
