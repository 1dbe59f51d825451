"""Who an event's parties are: a phrase of the parse resolved to the article's actors (the speakers
component's drafts and the statements' sources), with its country (ISO 3166 alpha-3, by name, demonym or
capital: :mod:`stanceline.places`) and its sector (``[sectors]`` of the event vocabulary)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ...places import alpha3, country_named, find_places, words
from ..lexicon import FEMALE, FIRST_PERSON, MALE, NEUTER, PLURAL
from ..speakers import ActorDraft
from ..text import doc_text
from .record import Party

# Dependents that belong to a party's phrase ("Tarsk's Foreign Ministry", "President Oren Kastell").
_PHRASE_LEFT = frozenset({"compound", "amod", "poss", "nmod", "nummod", "case"})
_PHRASE_RIGHT = frozenset({"flat", "compound"})
_KINDS_OF = {
    "person": ("person",),
    "plural": ("group", "organization", "country", "anonymous"),
    "neuter": ("organization", "country"),
}


def phrase_of(tok: Token) -> tuple[int, int]:
    """Character offsets of the noun phrase headed by ``tok``, without its determiner or clauses: the
    named entity around it when there is one."""
    if tok.ent_iob_ in ("B", "I") and tok.ent_type_ in ("PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"):
        doc, first, last = tok.doc, tok.i, tok.i  # the entity around it, read from the IOB tags
        while doc[first].ent_iob_ == "I" and first > 0:
            first -= 1
        while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
            last += 1
        start = min(doc[first].idx, _left_edge(tok).idx)
        return start, doc[last].idx + len(doc[last])
    left = _left_edge(tok)
    right = tok
    for child in tok.rights:
        if child.dep_ in _PHRASE_RIGHT and child.i == right.i + 1:
            right = child
        elif child.dep_ == "prep" and child.lower_ in ("of", "from") and child.i == right.i + 1:
            right = child.right_edge  # "the government of Tarsk", "commanders from Tarsk and Velmora"
    return left.idx, right.idx + len(right)


def _left_edge(tok: Token) -> Token:
    left = tok
    for child in tok.lefts:
        if child.dep_ in _PHRASE_LEFT:
            edge = child.left_edge
            if edge.dep_ == "det" or edge.pos_ == "DET":
                edge = tok.doc[edge.i + 1]
            left = min(left, edge, key=lambda t: t.i)
    return left


class Cast:
    """The article's actors as events see them: mentions sorted by offset, statements' sources and
    speakers, for resolving a phrase, a pronoun or a title to an actor key."""

    def __init__(
        self,
        doc: Doc,
        actors: Sequence[ActorDraft],
        statements: Sequence,
        sectors: dict[str, str],
        countries: dict[str, str] | None = None,
    ):
        self.text = doc_text(doc)
        self.countries = countries or {}
        self.drafts = {a.key: a for a in actors}
        self.mentions = sorted((s, e, a.key) for a in actors for s, e in a.mentions)
        self.starts = [m[0] for m in self.mentions]
        self.statements = statements
        self.sectors = sectors
        self.longest = max((len(k.split()) for k in sectors), default=1)
        # The first statement whose source holds a token (by the token's offset), and who holds a title.
        self.source_at: dict[int, str] = {}
        for att in statements:
            if att.source is not None and att.actor:
                for t in att.source:
                    self.source_at.setdefault(t.idx, att.actor)
        self.holders: dict[str, frozenset[str]] = {}

    def party(self, tok: Token, statement: int | None) -> Party:
        """The :class:`Party` of the phrase headed by ``tok`` (inside statement ``statement``, if any)."""
        start, end = phrase_of(tok)
        key = self._actor(tok, start, end, statement)
        draft = self.drafts.get(key) if key else None
        text = self.text[start:end]
        return Party(start, end, key, self.country(text, draft), self.sector(text, draft))

    def _actor(self, tok: Token, start: int, end: int, statement: int | None) -> str | None:
        low = tok.lower_
        if low in FIRST_PERSON and statement is not None:  # "we" in a quote is its speaker's side
            return self.statements[statement].actor
        if tok.idx in self.source_at:
            return self.source_at[tok.idx]
        for child in tok.children:  # "Tarsk's Supreme Guide, Halvar Ostrem,": the name beside it
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":
                k = bisect_right(self.starts, child.idx)
                if k and self.mentions[k - 1][0] <= child.idx < self.mentions[k - 1][1]:
                    return self.mentions[k - 1][2]
        k = bisect_right(self.starts, tok.idx)
        if k and self.mentions[k - 1][0] <= tok.idx < self.mentions[k - 1][1]:
            return self.mentions[k - 1][2]
        k = bisect_right(self.starts, end - 1)
        while k and self.mentions[k - 1][1] > start:
            if self.mentions[k - 1][0] >= start:
                return self.mentions[k - 1][2]
            k -= 1
        if low in MALE | FEMALE | PLURAL | NEUTER:
            return self._pronoun(low, tok.idx)
        return self._title(self.text[start:end].lower(), tok.idx) or self._belonging(tok)

    def _belonging(self, tok: Token) -> str | None:
        """The actor a state body or force belongs to: its possessive pronoun's ("her government", "its
        army"), or the state its adjective is the demonym of ("Velmoran artillery", "Tarskan units")."""
        if not self._sector_words(words(tok.text)[1]):
            return None
        for child in tok.children:
            if child.dep_ == "poss" and child.lower_ in MALE | FEMALE | PLURAL | NEUTER:
                return self._pronoun(child.lower_, child.idx)
            if child.dep_ in ("amod", "compound") and child.text[:1].isupper():
                key = self._demonym(child.lower_)
                if key:
                    return key
        return None

    def _demonym(self, adjective: str) -> str | None:
        """The country actor whose name a demonym extends ("Velmoran" of "Velmora", "Ostlander" of
        "Ostland")."""
        for key, a in self.drafts.items():
            name = a.name.lower()
            if (
                a.kind in ("country", "organization")  # a state the tagger did not know may be read as one
                and " " not in name
                and len(name) >= 4
                and adjective != name
                and adjective.startswith(name)
            ):
                return key
        return None

    def _pronoun(self, pron: str, at: int) -> str | None:
        kinds = _KINDS_OF["plural" if pron in PLURAL else "neuter" if pron in NEUTER else "person"]
        want = "m" if pron in MALE else "f" if pron in FEMALE else None
        k = bisect_right(self.starts, at)
        for s, _, key in reversed(self.mentions[max(0, k - 40) : k]):
            a = self.drafts[key]
            if s < at and a.kind in kinds and not (want and a.gender and a.gender != want):
                return key
        return None

    def _title(self, phrase: str, at: int) -> str | None:
        """The actor last named before ``at`` who holds the title a phrase names ("the minister")."""
        phrase = phrase.removeprefix("the ").strip()
        if not phrase:
            return None
        holders = self.holders.get(phrase)
        if holders is None:  # the actors holding that title, found once per phrase
            holders = self.holders[phrase] = frozenset(
                key
                for key, a in self.drafts.items()
                if any(t.lower() == phrase or t.lower().endswith(" " + phrase) for t in a.titles)
            )
        if not holders:
            return None
        k = bisect_right(self.starts, at)
        for _, _, key in reversed(self.mentions[:k]):
            if key in holders:
                return key
        return None

    def country(self, text: str, draft: ActorDraft | None) -> str | None:
        """The one country a phrase or its actor names (by name, demonym, capital), as alpha-3: a state of
        the vocabulary's ``[countries]`` first, then those pycountry knows."""
        listed = self._listed((draft.name if draft is not None else "", text))
        if listed:
            return listed
        if draft is not None and draft.kind == "country":
            code = country_named(draft.name)
            if code:
                return code
        codes: set[str] = set()
        for phrase in (text, draft.name if draft is not None else ""):
            if phrase:
                codes |= find_places(*words(phrase))[0]
        return alpha3(next(iter(codes))) if len(codes) == 1 else None

    def _listed(self, phrases: tuple[str, ...]) -> str | None:
        """The one code of ``[countries]`` a phrase names, by name or by a demonym extending it."""
        if not self.countries:
            return None
        for phrase in phrases:
            folded = words(phrase)[1] if phrase else ()
            joined = f" {' '.join(folded)} "
            codes = {code for name, code in self.countries.items() if f" {name} " in joined}
            codes |= {
                code
                for word in folded
                for name, code in self.countries.items()
                if " " not in name and len(name) >= 4 and word.startswith(name)
            }
            if len(codes) == 1:
                return next(iter(codes))
        return None

    def sector(self, text: str, draft: ActorDraft | None) -> str | None:
        """The sector the phrase's words or its actor's titles give; a state named as such is GOV."""
        for phrase in (text, *(draft.titles if draft is not None else ())):
            found = self._sector_words(words(phrase)[1])
            if found:
                return found
        if (draft is not None and draft.kind == "country") or country_named(text):
            return "GOV"
        return None

    def _sector_words(self, folded: tuple[str, ...]) -> str | None:
        # The phrase's head is its last word: n-grams that end there first ("foreign ministry").
        n_words = len(folded)
        for end in range(n_words, 0, -1):
            for n in range(min(self.longest, end), 0, -1):
                hit = self.sectors.get(" ".join(folded[end - n : end]))
                if hit:
                    return hit
        return None
