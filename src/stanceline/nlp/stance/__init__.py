"""Stance: the topics a statement bears on, its stance toward each, and the conditions attached.

- :mod:`.reader`: topic mentions and the stance of each — :func:`find_stances`, :class:`TopicMatcher`;
- :mod:`.polarity`, :mod:`.modality`, :mod:`.conditions`, :mod:`.questions`, :mod:`.frames`,
  :mod:`.senses`, :mod:`.grammar`, :mod:`.holders`, :mod:`.judgement`, :mod:`.negation`, :mod:`.wordforms`:
  the signals it reads (negation, modality, condition spans,
  questions and answers, the question a statement answers, word senses, whose stance it is).
"""

from .reader import Mention, StanceDraft, TopicMatcher, find_stances

__all__ = ["Mention", "StanceDraft", "TopicMatcher", "find_stances"]
