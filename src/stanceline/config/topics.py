"""The topic vocabulary (``topics.toml``): the words that name each topic and those that carry a stance
on it; a user's TOML or YAML file adds topics or replaces them by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .files import data_text, read_data_file


@dataclass(frozen=True)
class Topic:
    """One topic: the words that name it and the words that carry a stance on it (``data/topics.toml``)."""

    name: str
    lemmas: tuple[str, ...] = ()  # "lemma" or "lemma:POS"
    phrases: tuple[str, ...] = ()
    patterns: tuple[tuple[dict, ...], ...] = ()
    exclude: tuple[str, ...] = ()
    support: frozenset[str] = frozenset()
    oppose: frozenset[str] = frozenset()
    pressure: bool = False  # a measure of pressure: lifting it on conditions keeps it till then
    barriers: frozenset[str] = frozenset()  # lemmas naming a barrier to the topic ("tariff"): stance flipped
    senses: frozenset[str] = (
        frozenset()
    )  # words that, linked to a topic word, show another sense ("strike" of workers)
    # words ("lemma" or "lemma:POS") that name the topic only with an argument of the kinds below ("meet
    # with the president", "destroy the missile sites"): an entity of ``argument_entities`` or a word of
    # ``arguments``
    argued: tuple[str, ...] = ()
    arguments: frozenset[str] = frozenset()
    argument_entities: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Topics:
    """The topic vocabulary: topics by name, and the stance cue words shared by all of them."""

    topics: dict[str, Topic] = field(default_factory=dict)
    cues: dict[str, frozenset[str]] = field(default_factory=dict)

    def cue(self, kind: str) -> frozenset[str]:
        return self.cues.get(kind, frozenset())


_CUE_KINDS = (
    "support",
    "oppose",
    "oppose_particles",
    "positive_eval",
    "negative_eval",
    "negators",
    "hedges",
    "hedge_phrases",
    "possibility",
    "reported",
    "other_domains",
    # word classes of the stance readings (nlp/stance)
    "dispositions",
    "other_groups",
    "institutions",
    "attitude_nouns",
    "naming_verbs",
    "judging_verbs",
    "holding_verbs",
    "dismissive_idioms",
    "better_than",
    "worse_than",
    "preference_adverbs",
    "proposals",
    "demand_nouns",
    "retractions",
    "denials",
    "scant",
    "softeners",
    "knowing_verbs",
    "schedule_verbs",
    "attitude_verbs",
    "signing_verbs",
    "condition_verbs",
    "depending_verbs",
    "need_verbs",
    "condition_adjectives",
    "acts",
    "documents",
    "prospective",
    "question_verbs",
    "free_of",
    "who_denies",
    "earnest_adverbs",
    "expectation_verbs",
    "yes_answers",
    "no_answers",
    "nominal_endings",
    "occurrence_verbs",
    "threat_verbs",
)


def _words(values: object) -> list[str]:
    if not isinstance(values, list):
        return []
    return [" ".join(str(v).lower().split()) for v in values if str(v).strip()]


def parse_topics(data: dict, base: Topics | None = None) -> Topics:
    """Build a :class:`Topics` from a parsed topic file, on top of ``base``.

    Each ``[topics.NAME]`` table adds a topic or replaces ``base``'s topic of that
    name; ``[cues]`` lists add to ``base``'s.

    Args:
        data: The file as a dict (TOML or YAML, same layout).
        base: The vocabulary to extend (the shipped default), or ``None``.

    Returns:
        The merged :class:`Topics`.
    """
    topics = dict(base.topics) if base else {}
    for name, spec in (data.get("topics") or {}).items():
        spec = spec or {}
        topics[str(name)] = Topic(
            name=str(name),
            lemmas=tuple(_words(spec.get("lemmas"))),
            phrases=tuple(_words(spec.get("phrases"))),
            patterns=tuple(tuple(p) for p in spec.get("patterns") or () if isinstance(p, list)),
            exclude=tuple(_words(spec.get("exclude"))),
            support=frozenset(_words(spec.get("support"))),
            oppose=frozenset(_words(spec.get("oppose"))),
            pressure=bool(spec.get("pressure", False)),
            barriers=frozenset(_words(spec.get("barriers"))),
            senses=frozenset(_words(spec.get("senses"))),
            argued=tuple(_words(spec.get("argued"))),
            arguments=frozenset(_words(spec.get("arguments"))),
            argument_entities=frozenset(str(e).upper() for e in spec.get("argument_entities") or ()),
        )
    cues = dict(base.cues) if base else {}
    for kind in _CUE_KINDS:
        cues[kind] = cues.get(kind, frozenset()) | frozenset(_words((data.get("cues") or {}).get(kind)))
    return Topics(topics=topics, cues=cues)


def _read_topic_file(path: str) -> dict:
    data = read_data_file(path, "E017")
    _check_topic_file(data, path)
    return data


_LIST_KEYS = ("lemmas", "phrases", "exclude", "support", "oppose", "barriers", "senses")


def _check_topic_file(data: dict, path: str) -> None:
    """Refuse what would otherwise be dropped in silence or fail later in the pipeline."""
    from spacy.lang.en import English
    from spacy.matcher import Matcher

    from ..errors import UsageError

    topics = data.get("topics", {})
    if not isinstance(topics, dict):
        raise UsageError.make("E017", path=path, detail="'topics' must be a table of [topics.NAME] tables")
    matcher = Matcher(English().vocab)
    for name, spec in topics.items():
        if not isinstance(spec, dict):
            raise UsageError.make("E017", path=path, detail=f"[topics.{name}] must be a table")
        for key in _LIST_KEYS:
            value = spec.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError.make(
                    "E017", path=path, detail=f"topics.{name}.{key} must be a list of strings"
                )
        patterns = spec.get("patterns", [])
        try:
            if patterns:
                matcher.add(f"check-{name}", [list(p) for p in patterns])
        except Exception as err:  # spaCy names the bad token pattern
            raise UsageError.make(
                "E017", path=path, detail=f"topics.{name}.patterns is not a spaCy Matcher pattern ({err})"
            ) from None
    for key, value in (data.get("cues") or {}).items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError.make("E017", path=path, detail=f"cues.{key} must be a list of strings")


@lru_cache(maxsize=8)
def load_topics(path: str | None = None) -> Topics:
    """Load the shipped topics, with a user file's topics added or replacing them by name.

    Args:
        path: A TOML (or, with PyYAML installed, YAML) topic file, or ``None`` for the default.

    Returns:
        The :class:`Topics`.

    Raises:
        UsageError: E017 when the file cannot be read or parsed.
    """
    import tomllib

    shipped = parse_topics(tomllib.loads(data_text("topics.toml")))
    return parse_topics(_read_topic_file(path), shipped) if path else shipped
