"""stanceline's reading of a parsed text, as spaCy components (registered in :mod:`.pipeline`).

Four components, each a sub-package with a small public API (its ``__init__``):

- :mod:`.attribution`: source / cue / content relations (who said what);
- :mod:`.speakers`: actors of the article, and the actor behind each source;
- :mod:`.temporal`: temporal expressions with TIMEX3 values, and when each statement was made;
- :mod:`.stance`: topics, stance, conditions of each statement.

Shared by them: :mod:`.text` (quotation marks, paragraphs) and :mod:`.lexicon` (closed-class words).
:mod:`.segments` runs a long text through the model in paragraph-aligned segments and joins them into the
one Doc the components read (``parse``, ``parse_all``, ``DEFAULT_SEGMENT_CHARS``).
Dependencies go one way: attribution → speakers, temporal, stance; none of them imports the pipeline.
"""
