"""Vocabularies shipped in ``stanceline/data``, loaded once, overridable by users.

The files are plain text with ``#`` comments (or TOML, for the topics) so an analyst can read and
extend them without touching code. ``files`` reads them, ``words`` holds the word vocabularies (cues,
titles, source nouns, temporal words), ``topics`` the topic vocabulary.
"""

from .files import read_data_file
from .topics import Topic, Topics, load_topics, parse_topics
from .words import (
    Cues,
    SourceWords,
    TemporalWords,
    load_cues,
    load_source_words,
    load_temporal_words,
    load_title_genders,
    load_titles,
    parse_cues,
)

__all__ = [
    "Cues",
    "SourceWords",
    "TemporalWords",
    "Topic",
    "Topics",
    "load_cues",
    "load_source_words",
    "load_temporal_words",
    "load_title_genders",
    "load_titles",
    "load_topics",
    "parse_cues",
    "parse_topics",
    "read_data_file",
]
