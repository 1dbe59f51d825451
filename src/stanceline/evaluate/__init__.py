"""Scoring stanceline against gold: pure functions, no NLP; benchmarks and the quality gates import them.

- :mod:`.attribution`: source / cue / content relations (PolNeAR brat files), exact and overlap P/R/F1;
- :mod:`.sample`: the project's own sample corpus (statements, speakers, spans);
- :mod:`.shifts`: stance shifts against a gold list.
"""

from .attribution import (
    PRF,
    ROLES,
    AttributionScores,
    Document,
    Relation,
    SpanScores,
    Tokens,
    format_table,
    load_brat,
    match_relations,
    normalise,
    read_text,
    relations_from_analysis,
    score_corpus,
)
from .sample import STATEMENT_MATCH_F, KindCounts, SampleScores, format_sample, score_sample

__all__ = [
    "PRF",
    "ROLES",
    "STATEMENT_MATCH_F",
    "AttributionScores",
    "Document",
    "KindCounts",
    "Relation",
    "SampleScores",
    "SpanScores",
    "Tokens",
    "format_sample",
    "format_table",
    "load_brat",
    "match_relations",
    "normalise",
    "read_text",
    "relations_from_analysis",
    "score_corpus",
    "score_sample",
]
