"""Speakers: the actors of an article (names, titles, groups) and the actor behind each source.

- :mod:`.actors`: actor drafts, the registry of names and titles, mentions;
- :mod:`.lookup`: one phrase to an actor (pronoun in focus, name, title, or kept as written);
- :mod:`.authors`: sources that cannot speak (documents, hearsay: their author) and descriptions;
- :mod:`.resolve`: sources to actors (names, titles, pronouns, spokespeople, authors, descriptions,
  outlets relaying someone, carry-over) — :func:`resolve_speakers`.
"""

from .actors import ActorDraft, Registry
from .resolve import resolve_speakers

__all__ = ["ActorDraft", "Registry", "resolve_speakers"]
