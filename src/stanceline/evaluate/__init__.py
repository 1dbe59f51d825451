"""Scoring stanceline against gold: pure functions, no NLP; benchmarks and the quality gates import them.

- :mod:`.attribution`: source / cue / content relations (PolNeAR brat files), exact and overlap P/R/F1;
- :mod:`.sample`: the project's own sample corpus (statements, speakers, spans);
- :mod:`.stance`: topics, stance labels and condition spans (stance gold JSONL, and the sample corpus);
- :mod:`.dating`: statement dates (``said_on``) on the sample corpus;
- :mod:`.shifts`: stance shifts against a gold list;
- :mod:`.events`: coded events against PLOVER gold records and the sample corpus gold events.
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
from .dating import DATING_TARGET, score_dating
from .events import (
    PLOVER_TARGETS,
    SAMPLE_TARGETS,
    PloverRecord,
    PloverScores,
    SampleEventScores,
    format_plover,
    format_sample_events,
    read_plover,
    score_plover,
    score_sample_events,
)
from .sample import (
    STATEMENT_MATCH_F,
    GoldArticle,
    KindCounts,
    SampleScores,
    format_sample,
    match_statements,
    read_sample_gold,
    score_sample,
    statement_relations,
)
from .stance import (
    STANCE_LABELS,
    STANCE_TARGETS,
    StanceItem,
    StanceTally,
    format_stance,
    gold_item_stances,
    read_stance_gold,
    score_stance_items,
    score_stance_sample,
    unite_stances,
)

__all__ = [
    "DATING_TARGET",
    "PLOVER_TARGETS",
    "PRF",
    "ROLES",
    "STANCE_LABELS",
    "SAMPLE_TARGETS",
    "STANCE_TARGETS",
    "STATEMENT_MATCH_F",
    "AttributionScores",
    "Document",
    "GoldArticle",
    "KindCounts",
    "PloverRecord",
    "PloverScores",
    "Relation",
    "SampleEventScores",
    "SampleScores",
    "SpanScores",
    "StanceItem",
    "StanceTally",
    "Tokens",
    "format_plover",
    "format_sample",
    "format_sample_events",
    "format_stance",
    "format_table",
    "gold_item_stances",
    "load_brat",
    "match_relations",
    "match_statements",
    "normalise",
    "read_plover",
    "read_stance_gold",
    "read_sample_gold",
    "read_text",
    "relations_from_analysis",
    "score_corpus",
    "score_dating",
    "score_plover",
    "score_sample",
    "score_sample_events",
    "score_stance_items",
    "score_stance_sample",
    "statement_relations",
    "unite_stances",
]
