"""The learned attribution reading: a trainable tagger of source / cue / content spans.

- :mod:`.labels`: the folded BIO tags (two layers: source/cue, content), encoding gold relations
  and decoding under the BIO constraints;
- :mod:`.component`: the spaCy component ``stanceline_attribution_tagger`` and its thinc network;
- :mod:`.grouping`: tagged spans → relations → :class:`~stanceline.nlp.attribution.Attribution`
  records, and the hybrid merge with the rules' records;
- :mod:`.encoder`: the spaCy component ``stanceline_attribution_encoder``: a fine-tuned MiniLM-L6 in
  int8 ONNX on ONNX Runtime (the ``[encoder]`` extra), writing the same spans as the tagger;
- :mod:`.pieces`: word pieces ↔ spaCy tokens and the overlapping windows of a long text;
- :mod:`.shipped`: the trained weights' folders, their manifests and integrity check (E037).
"""

from .component import SPANS_KEY, AttributionTagger, make_attribution_tagger, tagged_spans
from .encoder import ENCODER_FORMAT, AttributionEncoder, make_attribution_encoder
from .grouping import Group, group_spans, merge_with_rules, to_attributions
from .labels import TAGS, decode, encode, viterbi
from .pieces import first_pieces, owners, piece_logits, token_tags, windows
from .shipped import load_into, read_manifest, shipped_encoder_dir, shipped_model_dir, write_manifest

__all__ = [
    "ENCODER_FORMAT",
    "SPANS_KEY",
    "TAGS",
    "AttributionEncoder",
    "AttributionTagger",
    "Group",
    "decode",
    "encode",
    "first_pieces",
    "group_spans",
    "load_into",
    "make_attribution_encoder",
    "make_attribution_tagger",
    "merge_with_rules",
    "owners",
    "piece_logits",
    "read_manifest",
    "shipped_encoder_dir",
    "shipped_model_dir",
    "tagged_spans",
    "to_attributions",
    "token_tags",
    "viterbi",
    "windows",
    "write_manifest",
]
