"""Training stanceline's learned models (``stanceline train ...``); nothing here runs at analysis time.

- :mod:`.data`: brat folders (PolNeAR's layout) → parsed Docs and tagger examples;
- :mod:`.train`: the training loop of the attribution tagger, its log and its saved folder;
- :mod:`.encoder`: fine-tuning MiniLM-L6 to tag the same spans, and its export to int8 ONNX (the
  ``[train]`` extra: torch is imported only when it runs).
"""

from .data import BratDocument, parse, read_brat_folder, split_held_out, to_examples
from .encoder import check_train_extra, export_onnx, train_and_export, train_encoder
from .train import (
    TrainResult,
    figures,
    learned_relations,
    parser_pipeline,
    relations_of,
    score_tagger,
    train_attribution,
)

__all__ = [
    "BratDocument",
    "check_train_extra",
    "export_onnx",
    "TrainResult",
    "figures",
    "learned_relations",
    "parse",
    "parser_pipeline",
    "read_brat_folder",
    "relations_of",
    "score_tagger",
    "split_held_out",
    "to_examples",
    "train_and_export",
    "train_attribution",
    "train_encoder",
]
