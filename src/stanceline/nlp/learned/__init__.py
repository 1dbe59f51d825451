"""The learned attribution reading: a trainable tagger of source / cue / content spans.

- :mod:`.labels`: the folded BIO tags (two layers: source/cue, content), encoding gold relations
  and decoding under the BIO constraints;
- :mod:`.component`: the spaCy component ``stanceline_attribution_tagger`` and its thinc network;
- :mod:`.grouping`: tagged spans → relations → :class:`~stanceline.nlp.attribution.Attribution`
  records, and the hybrid merge with the rules' records;
- :mod:`.shipped`: the trained weights' folder, its manifest and integrity check (E037).
"""

from .component import SPANS_KEY, AttributionTagger, make_attribution_tagger, tagged_spans
from .grouping import Group, group_spans, merge_with_rules, to_attributions
from .labels import TAGS, decode, encode, viterbi
from .shipped import load_into, read_manifest, shipped_model_dir, write_manifest

__all__ = [
    "SPANS_KEY",
    "TAGS",
    "AttributionTagger",
    "Group",
    "decode",
    "encode",
    "group_spans",
    "load_into",
    "make_attribution_tagger",
    "merge_with_rules",
    "read_manifest",
    "shipped_model_dir",
    "tagged_spans",
    "to_attributions",
    "viterbi",
    "write_manifest",
]
