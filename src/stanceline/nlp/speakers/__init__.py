"""Speakers: the actors of an article (names, titles, groups) and the actor behind each source.

- :mod:`.actors`: actor drafts, the registry of names and titles, mentions;
- :mod:`.resolve`: sources to actors (names, titles, pronouns, spokespeople, carry-over) —
  :func:`resolve_speakers`.
"""

from .actors import ActorDraft, Registry
from .resolve import resolve_speakers

__all__ = ["ActorDraft", "Registry", "resolve_speakers"]
