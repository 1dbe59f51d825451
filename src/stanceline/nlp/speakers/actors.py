"""The actors of one article: named mentions clustered into people, organisations and
countries, with the titles the article gives them.

``Prime Minister Anaya Veldt`` = ``Anaya Veldt`` = ``Veldt``; two people who share a
surname stay apart, and a bare surname goes to the one named most recently; titles are
learned from the name they stand before or from apposition; unfamiliar names the model
tags as places or organisations are sorted by how the text uses them. Used by
:mod:`.speakers`, which resolves each statement's source against this registry.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ...config import SourceWords, load_source_words, load_title_genders
from ..columns import positions
from ..text import datelines, doc_text, paragraphs


@dataclass
class ActorDraft:
    """An actor as it is being built: mentions are (start, end) character offsets."""

    key: str
    name: str
    kind: str
    titles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None
    # Sorted offsets of mentions outside quotes, and of those as subject or source: focus.
    seen: list[int] = field(default_factory=list)
    seen_as_subject: list[int] = field(default_factory=list)
    seen_as_object: list[int] = field(default_factory=list)  # "relayed to Ardell", "met Brekke"
    starts: list[int] = field(default_factory=list)  # sorted starts of all mentions

    @property
    def last_seen(self) -> int:
        return self.seen[-1] if self.seen else -1

    def seen_before(self, at: int, *, subject: bool = False, obj: bool = False) -> int:
        """Offset of the latest mention outside quotes before ``at`` (-1 if none)."""
        offsets = self.seen_as_subject if subject else self.seen_as_object if obj else self.seen
        i = bisect_left(offsets, at)
        return offsets[i - 1] if i else -1

    def mentioned_in(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end

    def add_title(self, title: str) -> None:
        canon = " ".join(w.capitalize() if w.islower() else w for w in title.split())
        if canon.lower() not in {t.lower() for t in self.titles}:
            self.titles.append(canon)

    def mention(self, start: int, end: int) -> None:
        i = bisect_left(self.mentions, (start, end))
        if i == len(self.mentions) or self.mentions[i] != (start, end):
            self.mentions.insert(i, (start, end))
            insort(self.starts, start)


class Registry:
    """The actors of one article, with lookups by surname, title and key, and the vocabulary that
    sorts them: office titles, the titles that tell a gender, and the nouns of sources."""

    def __init__(
        self,
        doc: Doc,
        titles: tuple[str, ...],
        in_quote: list[bool],
        *,
        words: SourceWords | None = None,
        genders: Mapping[str, str] | None = None,
    ) -> None:
        """An empty registry for ``doc``.

        Args:
            doc: The parsed Doc.
            titles: Office titles, lower case, longest first (:func:`stanceline.config.load_titles`).
            in_quote: Per token, whether it lies in reported content.
            words: Source nouns (:func:`stanceline.config.load_source_words`); ``None``: the shipped.
            genders: Titles that tell a gender (:func:`stanceline.config.load_title_genders`);
                ``None``: the shipped.
        """
        self.doc = doc
        self.titles = titles
        self.in_quote = in_quote
        self.words = words if words is not None else load_source_words()
        self.genders = genders if genders is not None else load_title_genders()
        self.actors: list[ActorDraft] = []
        # The actors by the last word of their key, in the order of ``actors``: a name is looked up among
        # those of its surname, not compared with every actor of a long article.
        self.by_surname: dict[str, list[ActorDraft]] = {}
        self.title_ends = titles_by_last_word(tuple(titles))
        # The principal an agent noun last spoke for: "the spokesperson" after "a Tarsk spokesperson".
        self.principals: dict[str, ActorDraft] = {}
        # The cue words of the article's statements: a statement reported inside another is found already.
        self.cue_words: set[int] = set()
        self.by_key: dict[str, ActorDraft] = {}
        # doc.ents is rebuilt on every access: keep it, and each token's entity. The place of a dateline
        # ("TARSK (Meridian Wire) -") is nobody.
        text = doc_text(doc)
        places = datelines(text, paragraphs(text))
        self.ents: tuple[Span, ...] = tuple(
            _relabel(e, self.words.organizations)
            for e in doc.ents
            if not any(s <= e.start_char < end for s, end in places)
        )
        self.sent_starts = [sent.start_char for sent in doc.sents]
        self.ent_at: list[Span | None] = [None] * len(doc)
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent

    def short_form(self, name: str) -> ActorDraft | None:
        """A body named before in full, now by the end of its name: ``the Herald`` after
        ``the Tarsk Herald``, ``the Defence Ministry`` after ``Tarsk's Defence Ministry``
        (the latest one, when several fit)."""
        low = name.lower()
        last = low.rsplit(" ", 1)[-1]
        if last not in self.words.organizations:
            return None  # "Ostland" is no short form of "Tarsk rebuffs Ostland"
        if low in self.words.outlet_nouns:  # "the newspaper" after "the Tarsk Herald"
            outlets = self.words.outlets
            fits = [
                a for a in self.actors if a.kind == "organization" and a.key.rsplit(" ", 1)[-1] in outlets
            ]
        else:
            fits = [a for a in self.actors if a.kind == "organization" and a.key.endswith(" " + low)]
        return max(fits, key=lambda a: a.last_seen) if fits else None

    def ents_in(self, span: Span) -> list[Span]:
        """Entities lying wholly inside ``span``, in order."""
        out: list[Span] = []
        for i in range(span.start, span.end):
            ent = self.ent_at[i]
            if ent is not None and ent.start == i and ent.end <= span.end:
                out.append(ent)
        return out

    # --- building -------------------------------------------------------
    def get(self, key: str, name: str, kind: str) -> ActorDraft:
        actor = self.by_key.get(key)
        if actor is None:
            actor = ActorDraft(key=key, name=name, kind=kind)
            self.by_key[key] = actor
            self.actors.append(actor)
            self.by_surname.setdefault(surname_of(key), []).append(actor)
        return actor

    def rekey(self, actor: ActorDraft, key: str) -> None:
        """Give ``actor`` a new key (a bare surname become a full name), keeping the indexes."""
        old = actor.key
        del self.by_key[old]
        actor.key = key
        self.by_key[key] = actor
        if surname_of(old) != surname_of(key):  # (the same last word, whenever a surname becomes a full name)
            self.by_surname[surname_of(old)].remove(actor)
            place = {id(a): n for n, a in enumerate(self.actors)}
            self.by_surname.setdefault(surname_of(key), []).append(actor)
            self.by_surname[surname_of(key)].sort(key=lambda a: place[id(a)])

    def people_named(self, surname: str) -> list[ActorDraft]:
        """The people whose key ends in ``surname`` (lower case), in the order of ``actors``."""
        return [a for a in self.by_surname.get(surname, ()) if a.kind == "person"]

    def touch(
        self, actor: ActorDraft, start: int, end: int, *, subject: bool = False, obj: bool = False
    ) -> None:
        actor.mention(start, end)
        tok = self.doc.char_span(start, end, alignment_mode="expand")
        quoted = tok is not None and len(tok) > 0 and self.in_quote[tok[0].i]
        if not quoted:
            insort(actor.seen, start)
            if subject:
                insort(actor.seen_as_subject, start)
            elif obj:
                insort(actor.seen_as_object, start)

    def sentence_of(self, at: int) -> int:
        """Index of the sentence holding character ``at``."""
        return bisect_right(self.sent_starts, at) - 1

    def person(self, words: list[str]) -> ActorDraft:
        """The person actor for a name, merging with an earlier fuller or shorter form."""
        words = [w for w in words if w.strip()]
        surname = words[-1].lower()
        full = " ".join(words)
        candidates = self.people_named(surname)
        same = [
            a
            for a in candidates
            if set(w.lower() for w in words) <= set(a.key.split())
            or set(a.key.split()) <= set(w.lower() for w in words)
        ]
        if len(words) > 1:
            # A full name: merge only with a compatible form (same first name, or a bare surname).
            exact = [a for a in same if a.key == full.lower()]
            if exact:
                return exact[0]
            bare = [a for a in same if len(a.key.split()) == 1]
            if bare and not [a for a in candidates if len(a.key.split()) > 1]:
                actor = bare[0]
                self.rekey(actor, full.lower())
                actor.name = full
                return actor
            if (
                same
                and len(same) == 1
                and len(same[0].key.split()) > 1
                and len(words) >= len(same[0].key.split())
            ):
                actor = same[0]
                if len(full) > len(actor.name):
                    actor.name = full
                return actor
            return self.get(full.lower(), full, "person")
        if candidates:
            return max(candidates, key=lambda a: a.last_seen)
        return self.get(surname, words[0], "person")

    def by_title(self, title: str, at: int) -> ActorDraft | None:
        """The holder of ``title`` named most recently before offset ``at``."""
        holders = [a for a in self.actors if title in {t.lower() for t in a.titles}]
        if not holders and " " not in title:
            # "the minister" after "Foreign Minister Jonas Brekke"
            holders = [a for a in self.actors if any(t.lower().split()[-1] == title for t in a.titles)]
        return max(holders, key=lambda a: a.seen_before(at)) if holders else None

    # --- title matching ---------------------------------------------------
    def match_title(self, words: list[str]) -> str | None:
        """The longest known title that ends ``words``: ``Tarskian Foreign Minister`` → ``Foreign
        Minister`` (as written)."""
        low = [w.lower().rstrip(".") for w in words]
        if not low:
            return None
        for parts in self.title_ends.get(low[-1], ()):
            if len(parts) <= len(low) and low[-len(parts) :] == parts:
                return " ".join(words[-len(parts) :])
        return None


def name_words(span: Span, registry: Registry) -> tuple[list[str], str | None]:
    """Split a PERSON mention into name words and a leading title (``Prime Minister``)."""
    words = [t.text for t in span if not t.is_punct and not t.is_space and t.text not in ("'s", "’s")]
    title = None
    for cut in range(len(words) - 1, 0, -1):
        found = registry.match_title(words[:cut])
        if found and len(found.split()) == cut:
            title, words = found, words[cut:]
            break
    return words, title


def title_before(tok: Token, registry: Registry) -> tuple[str | None, int]:
    """A title standing right before a name: ``Prime Minister`` in ``Prime Minister Anaya Veldt``."""
    doc = tok.doc
    words: list[str] = []
    i = tok.i - 1
    # Lower-case words count too ("Tarskan foreign minister Ivo Marn"): only a known title is kept.
    while (
        i >= 0
        and len(words) < 4
        and (
            doc[i].is_title
            or doc[i].is_upper
            or doc[i].lower_ in ("of", "mr.", "ms.")
            or (doc[i].pos_ in ("NOUN", "ADJ") and doc[i].is_lower)
        )
        and not doc[i].is_punct
        and doc[i].ent_type_ not in ("PERSON",)
    ):
        words.insert(0, doc[i].text)
        i -= 1
    for k in range(len(words)):
        found = registry.match_title(words[k:])
        if found and len(found.split()) == len(words) - k:
            return found, tok.i - (len(words) - k)
    return None, tok.i


def _appos_title(root: Token, registry: Registry) -> str | None:
    """``Veldt, the prime minister,``  or  ``the prime minister, Anaya Veldt`` → ``prime minister``."""
    for child in root.children:
        if child.dep_ == "appos":
            words = [
                t.text
                for t in child.subtree
                if not t.is_punct and t.dep_ not in ("det", "poss", "case") and t.i <= child.i
            ]
            found = registry.match_title(words)
            if found:
                return found
    if root.dep_ == "appos":
        words = [
            t.text
            for t in root.head.subtree
            if t.i <= root.head.i and not t.is_punct and t.dep_ not in ("det", "poss", "case")
        ]
        found = registry.match_title(words)
        if found:
            return found
    return None


#: Tags of a finite verb: in headline case ("Veldt Says Talks Are Over") the model takes it into the name.
_FINITE = frozenset({"VBZ", "VBD", "VBP"})


def _relabel(ent: Span, org_words: frozenset[str]) -> Span:
    """A "person" the model found that is a body: ``The Tarsk Herald``, ``Kelvik Radio``
    (a leading article, or an organisation word as the last word); a "person" that runs into a finite verb
    (``Veldt Says`` in a headline) ends before it."""
    if ent.label_ == "PERSON" and (ent[0].lower_ == "the" or ent[-1].lower_ in org_words):
        return Span(ent.doc, ent.start, ent.end, label="ORG")
    if ent.label_ == "PERSON":
        verb = next((t.i for t in ent[1:] if t.tag_ in _FINITE and t.pos_ == "VERB"), None)
        if verb is not None:
            return Span(ent.doc, ent.start, verb, label="PERSON")
    return ent


def collect_actors(doc: Doc, registry: Registry) -> None:
    """First pass: named people, organisations and countries, with their titles."""
    for ent in registry.ents:
        if ent.label_ == "PERSON" and not _names_pair(ent):
            words, title = name_words(ent, registry)
            if not any(w.strip() for w in words):
                continue
            actor = registry.person(words)
            if title is None:
                title, _ = title_before(ent[0], registry)
            appos = _appos_title(ent.root, registry)
            for t in (title, appos):
                if t:
                    actor.add_title(t)
                    g = registry.genders.get(t.lower().split()[-1])
                    actor.gender = actor.gender or g
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if prev in registry.genders:
                actor.gender = actor.gender or registry.genders[prev]
            registry.touch(
                actor, ent.start_char, ent.end_char, subject=as_subject(ent.root), obj=as_object(ent.root)
            )
    for ent in registry.ents:
        if ent.label_ in ("ORG", "GPE"):
            subject = as_subject(ent.root)
            words = _person_like(ent, registry)
            if words:
                actor = registry.person(words)
                registry.touch(actor, ent.start_char, ent.end_char, subject=subject, obj=as_object(ent.root))
                continue
            kind = "country" if ent.label_ == "GPE" else "organization"
            name = ent_org_name(ent)
            actor = registry.short_form(name) or registry.get(name.lower(), name, kind)
            registry.touch(actor, ent.start_char, ent.end_char, subject=subject)
    # A bare name the model left untagged, as the subject of a verb ("Kastell disagreed."):
    # a person, so that a later "he" can find him. Places among them are sorted out later.
    for i in positions(doc, {"POS": ("PROPN",), "DEP": ("nsubj",)}):
        tok = doc[i]
        if (
            not tok.ent_type_
            and tok.is_title
            and tok.head.pos_ == "VERB"
            and not any(c.dep_ == "compound" for c in tok.children)
            and tok.lower_ not in registry.titles
            and tok.lower_ not in registry.words.organizations
        ):
            actor = registry.person([tok.text])
            registry.touch(actor, tok.idx, tok.idx + len(tok.text), subject=True)


def _names_pair(ent: Span) -> bool:
    """Two names joined by a hyphen that modify a noun (``the Veldt-Kalden summit``): a pair of
    people, not one person named ``Veldt Kalden``."""
    hyphen = any(t.text in ("-", "–") for t in ent[1:-1])
    return hyphen and ent.end < len(ent.doc) and ent.doc[ent.end].pos_ == "NOUN"


def as_subject(tok: Token) -> bool:
    """A mention that puts its actor in focus: the subject, a name in apposition to
    the subject (``The foreign minister, Dario Mensk, said``), or the owner of an active
    subject (``Kalden's reversal is striking``; not ``Veldt's conditions were relayed to Ardell``)."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    return (tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass")) or (
        tok.dep_ == "poss" and tok.head.dep_ == "nsubj"
    )


def as_object(tok: Token) -> bool:
    """A mention as a verb's object or recipient (``met Brekke``, ``relayed to Ardell``): in focus
    after the subjects of its sentence."""
    if tok.dep_ in ("dobj", "dative"):
        return tok.head.pos_ in ("VERB", "AUX")
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.pos_ == "VERB"


def _person_like(ent: Span, registry: Registry) -> list[str] | None:
    """Name words of an ORG/GPE entity that is really a person.

    The small English model often tags unfamiliar names as organisations.
    Such an entity is taken for a person when it is a known person's surname,
    or when it is a short bare name that owns a spokesman (``Kastell's
    spokesman``) or carries a person's title (``President Kastell``).
    """
    words = [t.text for t in ent if not t.is_punct and t.text not in ("'s", "’s")]
    if not words or len(words) > 3 or ent[0].lower_ == "the":
        return None
    if any(w.lower() in registry.words.organizations for w in words) or not all(
        w[:1].isupper() for w in words
    ):
        return None
    low = words[-1].lower()
    if registry.people_named(low):
        return words
    if ent.label_ == "GPE":
        return None
    root = ent.root
    agents = registry.words.agents
    if root.dep_ == "poss" and (root.head.lower_ in agents or root.head.lemma_.lower() in agents):
        return words
    title, _ = title_before(ent[0], registry)
    if title:
        return words
    return None


# Prepositions of place and direction (a closed class, used only here): "in Velmora", "troops to Velmora".
_PLACE_PREPS = frozenset(
    "in to from into across throughout within against toward towards between inside with".split()
)


def places_not_people(doc: Doc, registry: Registry, speaking: set[int]) -> None:
    """Single-word "people" that behave like places become countries.

    The small model tags unfamiliar country names (``Velmora``) as PERSON. A
    one-word name with no title, seen more often after ``in``/``to``/``from``,
    owning a government, troops or a minister, or tagged as a place elsewhere, than
    speaking, is a place.
    """
    agents = registry.words.agents
    for actor in registry.actors:
        if actor.kind != "person" or actor.titles or len(actor.key.split()) != 1:
            continue
        votes = 0  # place evidence minus person evidence (a mention that speaks)
        for s, e in actor.mentions:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) != 1 and span.root.text.lower() != actor.key:
                continue
            tok = span.root
            if tok.i in speaking:
                votes -= 1
            elif tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS:
                votes += 1
            elif tok.dep_ == "poss" and tok.head.pos_ == "NOUN" and tok.head.lower_ not in agents:
                votes += 1
            elif tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
                votes += 1
            elif registry.ent_at[tok.i] is not None and registry.ent_at[tok.i].label_ in ("GPE", "LOC"):
                votes += 1  # the model itself took this mention for a place ("President Kalden of Velmora")
        if votes > 0:
            actor.kind = "country"


def org_name(text: str) -> str:
    """``the Tarsk Herald`` → ``Tarsk Herald``; ``Tarsk's Foreign Ministry`` → ``Tarsk Foreign Ministry``."""
    if text.lower().startswith("the "):
        text = text[4:]
    return text.replace("'s ", " ").replace("’s ", " ")


def ent_org_name(ent: Span) -> str:
    """An organisation's name from its entity, with the country that owns it:
    ``Tarsk's Defence Ministry`` → ``Tarsk Defence Ministry``."""
    name = org_name(ent.text).removesuffix("'s").removesuffix("’s")
    owner = next(
        (
            c
            for c in ent.root.children
            if c.dep_ == "poss" and c.i < ent.start and c.ent_type_ in ("GPE", "NORP", "ORG")
        ),
        None,
    )
    if owner is None or ent.label_ != "ORG":
        return name
    # the owner's whole name: "North Tarsk's Foreign Ministry" is the North Tarsk Foreign Ministry
    whole = org_name(ent.doc[owner.left_edge.i : owner.i + 1].text)
    return f"{whole} {name}"


@lru_cache(maxsize=8)
def titles_by_last_word(titles: tuple[str, ...]) -> dict[str, tuple[list[str], ...]]:
    """The words of the titles by their last word, in the order of ``titles`` (longest first): a title
    can end a phrase only if their last words are the same."""
    out: dict[str, list[list[str]]] = {}
    for title in titles:
        parts = title.split()
        if parts:
            out.setdefault(parts[-1], []).append(parts)
    return {k: tuple(v) for k, v in out.items()}


def surname_of(key: str) -> str:
    parts = key.split()
    return parts[-1] if parts else ""
