"""Lookups of one source phrase against the article's actors: a pronoun to the actor in focus
(:func:`pronoun_target`), a name or a title to its actor (:func:`resolve_named`, :func:`resolve_np`),
and a phrase that names no known actor kept as written (:func:`group_or_org`). Used by :mod:`.resolve`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import FEMALE as _FEMALE
from ..lexicon import MALE as _MALE
from ..lexicon import NEUTER as _NEUTER
from ..lexicon import PLURAL as _PLURAL
from ..lexicon import THIRD_PERSON as _PRONOUNS
from .actors import ActorDraft, Registry, ent_org_name, name_words, org_name


def pronoun_target(
    registry: Registry,
    pron: str,
    at: int,
    *,
    speakers: list[ActorDraft],
    kinds: tuple[str, ...] | None = None,
) -> ActorDraft | None:
    """The actor a pronoun at offset ``at`` most likely refers to (``kinds``: only actors of these)."""
    pron = pron.lower()
    if kinds is None:
        kinds = (
            ("group", "organization", "country", "anonymous")
            if pron in _PLURAL
            else ("organization", "country")
            if pron in _NEUTER
            else ("person",)
        )
    want = "m" if pron in _MALE else "f" if pron in _FEMALE else None
    last_speaker = speakers[-1] if speakers else None
    best: tuple[tuple[float, int, int, int], ActorDraft] | None = None
    for a in registry.actors:
        # An anonymous speaker ("a senior economist ... told me") is "he" or "she" while they hold the floor.
        anonymous_speaker = a is last_speaker and a.kind == "anonymous" and kinds == ("person",)
        if (a.kind not in kinds and not anonymous_speaker) or (want and a.gender and a.gender != want):
            continue
        last = a.seen_before(at)
        if last < 0:
            continue
        # Focus = the latest sentence where the actor was a subject, or spoke (rank 2), or was a verb's
        # object or recipient (rank 1): "Veldt's conditions were relayed to Ardell. She told reporters"
        # is Ardell. The last speaker keeps focus, at the rank of their latest mention, only until
        # another fitting actor becomes a subject or object after them.
        subject = a.seen_before(at, subject=True)
        candidates = [(registry.sentence_of(subject), 2, subject)] if subject >= 0 else []
        obj = a.seen_before(at, obj=True)
        if obj >= 0:
            candidates.append((registry.sentence_of(obj), 1, obj))
        if a is last_speaker:
            rank = 2 if last in a.seen_as_subject else 1 if last in a.seen_as_object else 0
            candidates.append((registry.sentence_of(last), rank, last))
        if not candidates:
            candidates.append((-1, 0, -1))
        sentence, rank, where = max(candidates)
        place = float(sentence)
        if want and a.gender == want:
            place += 1.5  # a known, fitting gender outweighs a sentence or so of recency
        elif want and a.gender is None and a is last_speaker and a.key.startswith("person:"):
            # one who holds the floor, known only by a description ("the special envoy tweeted: ...
            # However, he added"), has no name to tell a gender: that outweighs a sentence of recency
            place += 1.0
        key = (place, rank, where, last)
        if best is None or key > best[0]:
            best = (key, a)
    return best[1] if best else None


def resolve_np(
    tok: Token, registry: Registry, speakers: list[ActorDraft], *, at: int
) -> tuple[ActorDraft, str] | None:
    """Resolve a single noun-phrase head token (a name, a pronoun, a title)."""
    if tok.lower_ in _PRONOUNS:
        target = pronoun_target(registry, tok.lower_, at, speakers=speakers)
        return (target, "pronoun") if target else None
    sub = tok.doc[tok.left_edge.i : tok.i + 1]
    return resolve_named(sub, registry)


def resolve_named(span: Span, registry: Registry) -> tuple[ActorDraft, str] | None:
    """A source with a name in it, or a title alone (``the prime minister``)."""
    doc = span.doc
    root = span.root
    for ent in registry.ents_in(span):
        if ent.label_ == "PERSON":
            # The name must be the head of the phrase or stand in apposition to it:
            # "Ostland's foreign minister, Jonas Brekke" is Brekke, not Ostland.
            head = ent.root
            # "Tulsa police Chief Chuck Jordan": a misparse may make the place the phrase's head, but a
            # name closing a chain of modifiers that opens with a place is the head.
            led_by_place = (
                root.ent_type_ in ("GPE", "NORP", "ORG")
                and ent.end == span.end
                and root.i < ent.start
                and all(t.pos_ in ("PROPN", "NOUN") or t.is_title for t in doc[root.i : ent.start])
            )
            if not (
                ent.start <= root.i < ent.end
                or (head.dep_ == "appos" and head.head.i == root.i)
                or led_by_place
            ):
                continue
            words, _ = name_words(ent, registry)
            if words:
                actor = registry.person(words)
                return actor, "name"
    # Title alone: "the prime minister", "Tarsk's foreign minister"
    title_words = [
        t.text
        for t in span
        if t.i <= root.i and not t.is_punct and (t.i == root.i or t.dep_ not in ("det", "poss", "case"))
    ]
    title = registry.match_title(title_words)
    # The phrase is only a title ("the prime minister", "the Supreme Guide"), not a name with one.
    if title and (len(title.split()) == len(title_words) or root.pos_ == "NOUN"):
        holder = registry.by_title(title.lower(), span.start_char)
        if holder is not None:
            return holder, "title"
        return None
    for ent in registry.ents_in(span):
        if ent.label_ in ("ORG", "GPE") and ent.start <= root.i < ent.end:
            name = ent_org_name(ent)
            actor = registry.short_form(name) or registry.by_key.get(name.lower())
            if actor is not None:
                return actor, "name"
    # Proper nouns spaCy did not tag as a person: a known surname, or a fresh name.
    propn = [t for t in span if t.pos_ == "PROPN"]
    if propn and root.pos_ == "PROPN":
        lowered = root.lower_
        known = registry.people_named(lowered)
        if known:
            return max(known, key=lambda a: a.last_seen), "name"
        if (
            not any(t.lower_ in registry.words.organizations for t in span)
            and len(propn) <= 3
            and root.ent_type_ not in ("GPE", "ORG")
        ):
            w, title = name_words(doc[propn[0].i : propn[-1].i + 1], registry)
            if w:
                actor = registry.person(w)
                if title:
                    actor.add_title(title)
                return actor, "name"
    return None


# Numbers and quantifiers that make a source a group whatever its noun's number: "two official sources".
_PLURAL_OPENERS = frozenset({"two", "three", "several", "some", "many"})


def group_or_org(span: Span, registry: Registry) -> ActorDraft:
    """Sources kept as written: groups, anonymous sources, unnamed bodies."""
    root = span.root
    low = root.lower_
    first = span[0].lower_
    words = registry.words
    if low in words.organizations or root.lemma_.lower() in words.organizations:
        kind = "organization"
    elif low in registry.titles and root.tag_ == "NN":
        kind = "person"  # an office whose holder the article has not named: "the minister"
    elif root.tag_ in ("NNS", "NNPS") or first in _PLURAL_OPENERS or first in words.group_modifiers:
        kind = "group"
    elif low in words.people or root.lemma_.lower() in words.people:
        kind = "anonymous" if first in ("a", "an", "one", "another", "the") else "group"
    else:
        kind = "organization" if root.pos_ == "PROPN" else "group"
    # The phrase as written, less comma-set asides ("a senior official, speaking on
    # condition of anonymity", "one diplomat, who asked not to be named").
    end = span.end
    for child in span:
        aside = child.dep_ in ("relcl", "acl", "appos") or (
            child.dep_ == "prep" and child.lower_ == "including"
        )
        if (
            aside
            and child.i > root.i
            and child.left_edge.i > span.start
            and span.doc[child.left_edge.i - 1].text == ","
        ):
            end = min(end, child.left_edge.i - 1)
    name = " ".join(span.doc[span.start : end].text.split()).strip(" ,")
    if kind == "organization":
        name = org_name(name)
    elif kind != "anonymous" and name.lower().startswith("the "):
        name = name[4:]  # "the opposition's deputies" as written, less the article
    if kind == "organization":
        known = registry.short_form(name) or registry.by_key.get(name.lower())
        if known is not None:
            return known  # "the Herald" after "the Tarsk Herald"
    return registry.get(f"{kind}:{name.lower()}", name, kind)
