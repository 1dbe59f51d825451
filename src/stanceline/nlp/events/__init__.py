"""Events: political events coded in PLOVER 2.0 (16 types) from the parse, beside the statements.

- :mod:`.vocabulary`: the event words (``data/events.txt``) and a user's file over them;
- :mod:`.grammar`: triggers, subjects, objects, targets, places, negation and modality in the parse;
- :mod:`.parties`: phrases to the article's actors, countries (ISO 3166 alpha-3) and sectors;
- :mod:`.coder`: each sentence's events with their parties, dates and statements — :func:`find_events`;
- :mod:`.bridge`: statements whose saying is the event ("declared the accord dead": REJECT);
- :mod:`.record`: the :class:`EventDraft` the component leaves in ``doc._.events``.
"""

from .coder import find_events
from .record import EventDraft, Party
from .vocabulary import PLOVER_TYPES, VERBAL_TYPES, EventWord, EventWords, load_event_words

__all__ = [
    "PLOVER_TYPES",
    "VERBAL_TYPES",
    "EventDraft",
    "EventWord",
    "EventWords",
    "Party",
    "find_events",
    "load_event_words",
]
