"""Attribution: source / cue / content relations found in a parsed Doc.

- :mod:`.record`: the relation record, the reading context, and the subject, source and cue spans;
- :mod:`.cues`: the passes over cue words (verbs, nouns, ``according to``) — :func:`find_attributions`;
- :mod:`.content`: what a cue verb reports;
- :mod:`.quotations`: the passes over quotation marks (quote-first, carry-over, speaker labels);
- :mod:`.adjectives`: attitudes said with an adjective ("has been critical of");
- :mod:`.headlines`: where a text's headline ends (its statements are the body's).
"""

from .cues import find_attributions
from .record import Attribution, for_clause, is_cue_verb

__all__ = ["Attribution", "find_attributions", "for_clause", "is_cue_verb"]
