"""Whose stance it is: the speaker's own, or an attitude of others the speaker only reports.

"Veldt said the opposition wanted the vote postponed", "Kastell's enthusiasm for a fresh offensive", "the
prime minister was ready to talk" told by her foreign minister: positions held by someone else, not taken.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from ...config import Topics, load_titles
from ..text import doc_text
from .grammar import COPULAS, SUBJECT


def other_people(doc: Doc, st) -> tuple[MentionStarts, frozenset[str], MentionStarts]:
    """Start offsets of the mentions of people other than the speaker, the speaker's titles, and the start
    offsets of the mentions of other actors that are not people (countries, organisations)."""
    actor = getattr(st, "actor", None)
    key = ("stanceline.other_people", actor)  # the same for every statement of one actor: read once per Doc
    if key not in doc.user_data:
        people, things, titles = _actor_index(doc)
        doc.user_data[key] = (
            MentionStarts(people, actor),
            frozenset(titles.get(actor, ())),
            MentionStarts(things, actor),
        )
    return doc.user_data[key]


class MentionStarts:
    """The start offsets of some actors' mentions, less those of one actor: ``at in starts``. Built from one
    index per Doc, not a set per speaker (a long article's every mention, once for each of its speakers)."""

    __slots__ = ("actor", "owners")

    def __init__(self, owners: dict[int, list[str]], actor: str | None) -> None:
        self.owners = owners  # start offset -> the keys of the actors mentioned there
        self.actor = actor

    def __contains__(self, at: object) -> bool:
        keys = self.owners.get(at)  # type: ignore[call-overload]
        return keys is not None and any(k != self.actor for k in keys)


def _actor_index(doc: Doc) -> tuple[dict[int, list[str]], dict[int, list[str]], dict[str, set[str]]]:
    """The keys of the people and of the other actors mentioned at each start offset, and each actor's
    titles (lower case); once per Doc."""
    key = ("stanceline.actor_index",)
    if key not in doc.user_data:
        people: dict[int, list[str]] = {}
        things: dict[int, list[str]] = {}
        titles: dict[str, set[str]] = {}
        for d in getattr(doc._, "actors", None) or ():
            titles.setdefault(d.key, set()).update(t.lower() for t in d.titles)
            into = people if d.kind == "person" else things
            for start, _ in d.mentions:
                into.setdefault(start, []).append(d.key)
        doc.user_data[key] = (people, things, titles)
    return doc.user_data[key]


def held_by_other(t: Token, others: tuple, topics: Topics, heads: frozenset[str] | None = None) -> bool:
    """Whether ``t`` is an attitude ("was ready to", "wants") of another person: a full name, or a title
    the speaker does not hold. ``heads``: the last words of the titles (:func:`title_heads`)."""
    lemma = t.lemma_.lower()
    ready = topics.cue("dispositions")  # "X was ready to talk": an attitude, whose holder is the subject
    if lemma not in topics.cue("reported") and not (
        lemma in COPULAS and any(c.dep_ == "acomp" and c.lemma_.lower() in ready for c in t.children)
    ):
        return False
    starts, titles = others[:2]
    heads = title_heads() if heads is None else heads
    for c in t.children:
        if (
            c.dep_ != "nsubj"
            or c.pos_ == "PRON"
            or any(g.dep_ == "poss" and g.lower_ in ("our", "my") for g in c.children)
        ):
            continue
        span = c.doc[c.left_edge.i : c.i + 1]
        if c.lemma_.lower() in heads and not any(tok.ent_type_ == "PERSON" for tok in span):
            title = " ".join(tok.lower_ for tok in span if tok.dep_ not in ("det", "poss", "case"))
            if not any(title == x or x.endswith(" " + title) or title.endswith(" " + x) for x in titles):
                return True  # "the prime minister", told by her foreign minister
        elif sum(tok.ent_type_ == "PERSON" for tok in span) >= 2 and any(tok.idx in starts for tok in span):
            return True  # a full name of someone else; one capitalised word may be a country
    return False


@lru_cache(maxsize=8)
def title_heads(titles: tuple[str, ...] | None = None) -> frozenset[str]:
    """Last words of the titles (``None``: the shipped ones): "minister", "president", "guide"."""
    return frozenset(t.split()[-1] for t in (load_titles() if titles is None else titles))


def theirs(t: Token, prev: Token, topics: Topics, source: tuple[int, int] | None, others: tuple) -> bool:
    """``t`` is the attitude of someone the speaker only reports: a verb of saying or wanting whose subject
    is a group of others ("ministers had been telling farmers that ...", "the opposition wanted ..."), or
    a noun of attitude owned by another person ("Kastell's enthusiasm for a fresh offensive"; a country's
    support may be the speaker's own).

    Args:
        t: A word of the path above ``prev``.
        prev: The word under it.
        topics: The vocabulary (``reported`` verbs, ``other_groups``, ``institutions``, ``attitude_nouns``).
        source: The speaker's span (character offsets), if any.
        others: From :func:`other_people`.
    """
    lemma = t.lemma_.lower()
    if t.pos_ in ("VERB", "AUX") and lemma in topics.cue("reported"):
        return any(c.dep_ in SUBJECT and _others(c, topics, source) for c in t.children)
    if t.pos_ == "NOUN" and prev.dep_ == "prep" and lemma in topics.cue("attitude_nouns"):
        people, _, things = others
        return any(
            c.dep_ == "poss"
            and c.pos_ == "PROPN"
            and not (source and source[0] <= c.idx < source[1])
            and (c.idx in people or (c.ent_type_ == "PERSON" and c.idx not in things))
            for c in t.children
        )
    return False


def _others(n: Token, topics: Topics, source: tuple[int, int] | None) -> bool:
    """The subject ``n`` names others than the speaker: a group ("the opposition", "ministers") or an
    institution with a name that is not the speaker's ("the Tarskan government")."""
    if source and source[0] <= n.idx < source[1]:
        return False
    if any(g.dep_ == "poss" and g.lower_ in ("our", "my") for g in n.children):
        return False
    said_by = doc_text(n.doc)[source[0] : source[1]] if source else ""
    if n.lemma_.lower() in topics.cue("institutions") and any(
        c.dep_ in ("compound", "amod") and c.text[:1].isupper() and c.text not in said_by for c in n.children
    ):
        return True  # "the Tarskan government had told him it would accept relief only through the Concord"
    return (
        n.lemma_.lower() in topics.cue("other_groups")
        and n.tag_ in ("NN", "NNS")
        and not (n.lemma_.lower() == "minister" and n.tag_ == "NN")
    )
