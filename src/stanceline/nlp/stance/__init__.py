"""Stance: the topics a statement bears on, its stance toward each, and the conditions attached.

- :mod:`.reader`: :func:`find_stances`, the stances of every statement of a Doc;
- :mod:`.topics`: topic mentions (:class:`TopicMatcher`, :class:`Mention`);
- :mod:`.carry`: the topic of a statement that only points back to one ("they're finished", "we are backing
  off"), carried from the cue's clause or the same speaker's previous statement;
- :mod:`.path`, :mod:`.signals`: the path from a topic word to the cue, and the typed signals read on it;
- :mod:`.rules`: the ordered, named verdict rules that decide a stance from its signals;
- :mod:`.account`: the speaker's own account of a topic event, read when no stance word takes a side
  (announced, able, judged by an adjective, held, waited for; others' past acts and claims);
- :mod:`.polarity`, :mod:`.modality`, :mod:`.negation`, :mod:`.judgement`, :mod:`.holders`, :mod:`.grammar`,
  :mod:`.wordforms`, :mod:`.conditions`, :mod:`.markers`, :mod:`.questions`, :mod:`.frames`,
  :mod:`.senses`: the readings behind the signals (stance words, modality, negation scope, judgements,
  whose stance it is, conditions and their markers, questions and answers, the question a statement
  answers, word senses).
"""

from .reader import Mention, StanceDraft, TopicMatcher, find_stances

__all__ = ["Mention", "StanceDraft", "TopicMatcher", "find_stances"]
