"""Time: temporal expressions with TIMEX3 values, and the date each statement was made.

- :mod:`.patterns`: the expression patterns, and :mod:`.builders` their value recipes;
- :mod:`.timex`: finding expressions and resolving their values against the publication date;
- :mod:`.dating`: ``said_on`` for each statement (explicit, context, publication), and :mod:`.said_on` its
  value for a publication date;
- :mod:`.anchors`: where a date hangs in the parse, the grammar dating reads;
- :mod:`.filters`: matches that only look like dates.
"""

from .anchors import hangs_on, is_point, root_of
from .dating import date_statements
from .patterns import TimexDraft
from .said_on import DatingDraft, resolve_said_on
from .timex import as_date, find_timex_drafts, find_timexes, full_dates, granularity, resolve, tense_of

__all__ = [
    "DatingDraft",
    "TimexDraft",
    "as_date",
    "date_statements",
    "find_timex_drafts",
    "find_timexes",
    "full_dates",
    "granularity",
    "hangs_on",
    "is_point",
    "resolve",
    "resolve_said_on",
    "root_of",
    "tense_of",
]
