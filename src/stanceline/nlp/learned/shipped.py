"""The shipped (or a user's) trained tagger: a folder with its weights, a manifest and a model card.

The folder holds ``cfg`` and ``model`` (the component as spaCy serialises it, vocab left out) and
``manifest.json``: the network's config, the labels, and the SHA-256 of each file. :func:`load_into`
checks every hash before it loads, so a truncated or edited file is a clear error (E037), never a
model that quietly tags nonsense.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language

from ...errors import UsageError

MANIFEST = "manifest.json"
WEIGHT_FILES = ("cfg", "model")
TAGGER_FORMAT = "stanceline.attribution-tagger/1"
#: The weight files of each kind of model folder, by the manifest's ``format``.
FILES_OF = {TAGGER_FORMAT: WEIGHT_FILES, "stanceline.attribution-encoder/1": ("model.onnx", "tokenizer.json")}


def shipped_model_dir() -> Path:
    """The folder of the attribution model that ships with stanceline."""
    return Path(str(resources.files("stanceline").joinpath("data/models/attribution")))


def shipped_encoder_dir() -> Path:
    """The folder of the encoder model (MiniLM-L6, int8 ONNX) that ships with stanceline."""
    return Path(str(resources.files("stanceline").joinpath("data/models/attribution-encoder")))


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes (hex)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(
    folder: Path, config: dict[str, Any], extra: dict[str, Any] | None = None, *, kind: str = TAGGER_FORMAT
) -> Path:
    """Write ``manifest.json`` for the weights in ``folder`` (hashes of :data:`FILES_OF` ``kind``)."""
    manifest = {
        "format": kind,
        "config": config,
        "files": {name: file_sha256(folder / name) for name in FILES_OF[kind]},
        **(extra or {}),
    }
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a model folder, after checking every file's hash.

    Raises:
        UsageError: E037 when the folder, its manifest or a weight file is missing, unreadable or
            does not match its hash.
    """

    def fail(detail: str) -> UsageError:
        return UsageError.make("E037", path=str(folder), detail=detail)

    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise fail(f"{MANIFEST} is missing") from None
    except (OSError, ValueError) as err:
        raise fail(f"{MANIFEST} cannot be read ({err})") from None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not isinstance(manifest.get("config"), dict):
        raise fail(f"{MANIFEST} lacks its files or config")
    kind = manifest.get("format", TAGGER_FORMAT)
    if kind not in FILES_OF:
        raise fail(f"{MANIFEST} names an unknown format {kind!r}")
    for name in FILES_OF[kind]:
        path = folder / name
        if not path.is_file():
            raise fail(f"{name} is missing")
        if file_sha256(path) != files.get(name):
            raise fail(f"{name} does not match its SHA-256 in {MANIFEST} (damaged or replaced)")
    return manifest


def load_into(nlp: Language, folder: Path | None = None, *, before: str | None = None) -> None:
    """Add the trained tagger in ``folder`` (default: the shipped one) to ``nlp``.

    Args:
        nlp: A pipeline that tags and parses.
        folder: A folder written by ``stanceline train attribution``, or ``None`` for the shipped model.
        before: The component to put it before (``None``: last).

    Raises:
        UsageError: E037 when the model is missing or damaged; E051 when an encoder folder is given
            and ``onnxruntime``/``tokenizers`` are not installed.
    """
    folder = Path(folder) if folder is not None else shipped_model_dir()
    manifest = read_manifest(folder)
    anchor = {"before": before} if before else {"last": True}
    if manifest.get("format") != TAGGER_FORMAT:
        nlp.add_pipe("stanceline_attribution_encoder", config={"path": str(folder)}, **anchor)
        return
    tagger = nlp.add_pipe("stanceline_attribution_tagger", config={"model": manifest["config"]}, **anchor)
    try:
        tagger.from_disk(folder, exclude=["vocab"])
    except (OSError, ValueError, KeyError) as err:
        nlp.remove_pipe("stanceline_attribution_tagger")
        raise UsageError.make("E037", path=str(folder), detail=f"the weights do not load ({err})") from None
