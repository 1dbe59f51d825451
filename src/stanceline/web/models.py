"""The JSON API's response shapes, for the OpenAPI schema (``/openapi.json``) and its checks."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

PERMALINK = (
    "A lasting link to the statement's page through one of its sightings (/sightings/ARTICLE/ID); "
    "statement ids can change when the corpus is re-folded, sightings do not"
)


class ErrorDetail(BaseModel):
    code: str = Field(
        description="bad_parameter (400), bad_host (400: a Host header not of this server), "
        "not_found (404), method_not_allowed (405), "
        "database_unavailable (503) or internal_error (500)"
    )
    message: str = Field(description="What was wrong, and what to give instead")


class ErrorBody(BaseModel):
    """Every error of the API has this shape."""

    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad parameter"},
    404: {"model": ErrorBody, "description": "Not found"},
    503: {"model": ErrorBody, "description": "The database could not answer (code database_unavailable)"},
}
#: The 200 of an export: a CSV or JSONL download, streamed.
EXPORT_OK: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The rows, streamed as a download (CSV with a header row, or one JSON object a line)",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }
}


class ActorRef(BaseModel):
    id: str
    name: str | None


class ActorSummary(BaseModel):
    id: str
    name: str
    kind: str = Field(description="person, organization, country, group or anonymous")
    country: str | None
    articles: int
    statements: int
    page: str = Field(description="The actor's page")


class Title(BaseModel):
    title: str
    valid_from: str | None
    valid_to: str | None
    origin: str = Field(description="seen (in the articles) or gazetteer")


class ActorDetail(ActorSummary):
    pinned: bool = Field(description="Named by the gazetteer")
    aliases: list[str]
    titles: list[Title]
    topics: dict[str, dict[str, int]] = Field(description="Statements per topic and stance")


class ActorPage(BaseModel):
    items: list[ActorSummary]
    next_cursor: str | None


class StanceOut(BaseModel):
    topic: str
    stance: str
    confidence: float
    conditions: list[str]
    target: str | None


class ArticleRef(BaseModel):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    path: str | None


class Corrected(BaseModel):
    """What the analyst corrected in a statement (`stanceline correct`); null fields were not corrected."""

    speaker: str | None = Field(description="The corrected speaker's name")
    said_on: str | None = Field(description="The corrected date: 2024-03-03, 2024-03 or 2024")
    stances: dict[str, str] | None = Field(
        description="Topic → corrected stance (support, oppose, conditional, neutral, or none: taken away)"
    )
    by: str = Field(description="Always user: a human correction")
    at: str = Field(description="When it was made (ISO 8601, UTC)")


CORRECTED = (
    "What a human correction changed (`stanceline correct`), kept across re-ingests; null when nothing"
)


class StatementOut(BaseModel):
    id: str
    actor: ActorRef | None
    said_on: str | None = Field(description="TIMEX3-style date: 2024-03-03, 2024-03, 2024")
    when: str = Field(description="As shown: ≤2024-03-05 when only 'on or before publication' is known")
    said_on_basis: str = Field(description="explicit, context, publication, inferred or unknown")
    said_on_granularity: str
    said_on_uncertain: bool
    content: str
    content_start: int
    content_end: int
    stances: list[StanceOut]
    article: ArticleRef
    sighting: str = Field(description="The statement's id within that article")
    sightings: int = Field(description="How many articles report it")
    page: str = Field(description="The evidence page")
    permalink: str = Field(description=PERMALINK)
    corrected: Corrected | None = Field(description=CORRECTED)


class StatementPage(BaseModel):
    items: list[StatementOut]
    next_cursor: str | None
    export: dict[str, str] = Field(description="CSV and JSONL export of the whole list (same filters)")


class Evidence(BaseModel):
    statement_id: str
    said_on: str
    stance: str | None
    content: str
    conditions: list[str]
    confidence: float | None = None  # the reading's confidence
    counterpart: str | None = None  # the phrase naming the other party ("with Tarsk")
    article_id: str
    ref: str
    url: str | None
    sightings: int
    permalink: str = Field(description=PERMALINK)
    corrected: Corrected | None = Field(description=CORRECTED)


class EventBrief(BaseModel):
    """An event as a shift lists it (what happened between its two sides)."""

    event_id: str
    type: str
    family: str
    happened_on: str | None
    when: str
    negated: bool
    hypothetical: bool
    source: str | None = Field(description="The source's name (or the report's words)")
    source_actor_id: str | None
    source_country: str | None
    target: str | None
    target_actor_id: str | None
    target_country: str | None
    trigger: str | None
    location: str | None
    statement_id: str | None
    article_id: str
    ref: str
    url: str | None
    sightings: int
    confidence: float


class ShiftOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    actor_id: str
    actor: str
    topic: str
    from_: str = Field(alias="from")
    to: str
    date: str | None
    date_uncertain: bool
    confidence: float = 0.0  # the weaker side's strength (see stanceline.timeline)
    counterpart: str | None = None  # the series' counterpart country (ISO alpha-3); None: none named
    before: list[Evidence]
    after: list[Evidence]
    between: list[EventBrief] = Field(
        default_factory=list,
        description="What happened in between, dated from the last statement before to the first after: "
        "the actor's own events, deeds by or against its country or the counterpart, and words between the "
        "two sides (none said not to have happened, none read from the shift's own statements)",
    )


class ShiftPage(BaseModel):
    items: list[ShiftOut]
    next_cursor: str | None


class PointOut(BaseModel):
    statement_id: str
    topic: str | None
    stance: str | None
    said_on: str | None
    when: str
    uncertain: bool
    granularity: str
    basis: str
    content: str
    conditions: list[str]
    confidence: float
    sightings: int
    article_id: str
    page: str
    permalink: str = Field(description=PERMALINK)
    corrected: Corrected | None = Field(description=CORRECTED)


class EventParty(BaseModel):
    actor: ActorRef | None = Field(description="The corpus actor, when the report's words resolve to one")
    text: str | None = Field(description="The words of the representative report")
    country: str | None = Field(description="ISO 3166 alpha-3")
    sector: str | None = Field(description="PLOVER sector: GOV, MIL, REB, IGO, ...")


class EventPlace(BaseModel):
    text: str
    country: str | None


class EventStatementRef(BaseModel):
    id: str
    page: str


class EventReport(BaseModel):
    """One article's report of the event."""

    article_id: str
    local_id: str = Field(description="The event's id within that article")
    trigger: str | None
    happened_on: str | None = Field(description="The date this report gives")
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    page: str = Field(description="The article's page")


class EventOut(BaseModel):
    id: str
    type: str = Field(description="PLOVER 2.0 type: AGREE, CONSULT, ..., ASSAULT")
    family: str = Field(
        description="verbal cooperation, material cooperation, verbal conflict, material conflict"
    )
    mode: str | None
    happened_on: str | None = Field(description="TIMEX3-style date: 2024-03-03, 2024-03, 2024")
    when: str = Field(description="As shown: ≤2024-03-05 when only 'on or before publication' is known")
    granularity: str
    basis: str = Field(description="explicit, context, publication or unknown")
    uncertain: bool
    negated: bool = Field(description="Said not to have happened (never drawn as happened)")
    hypothetical: bool = Field(description="Threatened, planned or conditional")
    trigger: str | None
    source: EventParty
    target: EventParty
    location: EventPlace | None
    statement: EventStatementRef | None = Field(
        description="The statement it was read from (reported speech)"
    )
    confidence: float
    sightings: int = Field(description="How many articles report it")
    reports: list[EventReport] = Field(description="Every report of it, earliest published first")


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None


class TimelineOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    actor: ActorRef
    topic: str | None
    from_: str | None = Field(alias="from")
    to: str | None
    points: list[PointOut]
    shifts: list[ShiftOut]
    events: list[EventBrief] = Field(
        default_factory=list,
        description="The events the actor or its country is a party to, in the order they happened (none "
        "said not to have happened); /api/events gives each with its reports",
    )


class SightingRef(BaseModel):
    article_id: str
    local_id: str
    title: str | None
    source: str | None
    published: str | None
    path: str | None
    permalink: str = Field(description=PERMALINK)


class StatementDetail(StatementOut):
    all_sightings: list[SightingRef]
