"""The event record the component leaves on the Doc (``doc._.events``): character offsets and actor keys,
before the article's actor ids and the publication date turn it into the contract's ``events`` object."""

from __future__ import annotations

from dataclasses import dataclass

from ..temporal import DatingDraft


@dataclass(frozen=True, slots=True)
class Party:
    """The source, target or location of an event: a stretch of the text and whom it stands for.

    ``actor`` is the speakers component's actor key (``ActorDraft.key``) when the phrase resolves to one of
    the article's actors; ``country`` is an ISO 3166 alpha-3 code; ``sector`` a PLOVER/CAMEO sector code.
    """

    start: int
    end: int
    actor: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class EventDraft:
    """One coded event.

    Attributes:
        type: One of PLOVER 2.0's 16 types.
        mode: The PLOVER mode, or ``None``.
        context: PLOVER contexts from the sentence's words, then the auxiliary modes that apply
            (``future``, ``hypothetical``, ``negation``).
        trigger: ``(start, end)`` of the verb or noun that reports it.
        source, target: Who did it and to whom, or ``None``.
        location: Where ("in Brennport"), or ``None``.
        dating: When it happened, as a draft like a statement's (explicit, context, publication).
        negated: Said not to have happened ("did not attack", "failed to agree").
        hypothetical: Conditional, future, asked, intended or threatened, not reported as done.
        statement: Index in ``doc._.statements`` of the statement it was read from, or ``None``.
        confidence: How sure the reading is, 0..1.
        depth: How deep the trigger is in its sentence's parse (0: the root), to pick a sentence's main event.
    """

    type: str
    mode: str | None
    context: tuple[str, ...]
    trigger: tuple[int, int]
    source: Party | None
    target: Party | None
    location: Party | None
    dating: DatingDraft
    negated: bool = False
    hypothetical: bool = False
    statement: int | None = None
    confidence: float = 0.5
    depth: int = 0
