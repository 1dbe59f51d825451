"""Attribution: source / cue / content relations found in a parsed Doc.

- :mod:`.record`: the relation record, the reading context, and the subject, source and cue spans;
- :mod:`.cues`: the passes over cue verbs — :func:`find_attributions`, which runs every pass;
- :mod:`.nouns`: cue nouns and phrases ("Veldt's claim that", "according to");
- :mod:`.content`: what a cue verb reports, as an ordered tuple of construction strategies;
- :mod:`.clauses`: where a reported clause starts and ends;
- :mod:`.quotations`: the passes over quotation marks (quote-first, carry-over, speaker labels);
- :mod:`.adjectives`: attitudes said with an adjective ("has been critical of");
- :mod:`.headlines`, :mod:`.announced`: headlines (no statements), texts announced as someone's statement.
"""

from .cues import find_attributions
from .record import Attribution, cue_span, for_clause, is_cue_verb

__all__ = ["Attribution", "cue_span", "find_attributions", "for_clause", "is_cue_verb"]
