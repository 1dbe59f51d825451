"""Countries by any of their names: for matching a government with its country or capital.

The table and its lookups live in :mod:`stanceline.places` (the store uses them at run time too:
"Pyongyang" is North Korea's government); the benchmark's speaker matching reads them from here.
ISO 3166 names come from ``pycountry``; the short names, demonyms and capitals ISO lacks from
``stanceline/data/places.txt``, for every UN member state and a few other states.
"""

from __future__ import annotations

from ..places import Words, find_places, place_index, words

__all__ = ["Words", "find_places", "place_index", "words"]
