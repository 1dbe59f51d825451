"""Speakers: who each attribution's source is, within one article.

Pure functions over a parsed Doc and its attributions:

- named mentions are clustered into actors (``Prime Minister Anaya Veldt`` =
  ``Anaya Veldt`` = ``Veldt``); two different people who share a surname stay
  apart, and a bare surname goes to the one most recently named;
- titles are learned from the name they stand before (``Prime Minister Anaya
  Veldt``) or from apposition (``Veldt, the prime minister,``), so a later
  ``the prime minister`` resolves to her;
- pronouns (``she said``, ``his spokesman``) go to the most recent actor in
  focus whose gender fits; gender is learned from titles (``Mr``,
  ``spokeswoman``) and from unambiguous pronouns earlier in the text;
- ``X's spokesman`` speaks for X;
- group and anonymous sources are kept as written (``officials in Tarsk``,
  ``a source close to the talks``);
- a quote-only paragraph takes the speaker of the statement before it.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..config import load_source_words
from .attribution import Attribution

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_NEUTER = frozenset({"it", "its", "itself"})
_PRONOUNS = _MALE | _FEMALE | _PLURAL | _NEUTER
# Heads of sources that speak for someone else, of anonymous or collective sources,
# and words of organisations: data/sources.txt.
_WORDS = load_source_words()
_AGENT_HEADS = _WORDS.agents
_ANON_HEADS = _WORDS.people
_ORG_WORDS = _WORDS.organizations

_GENDERED_TITLES = {
    "mr": "m", "mr.": "m", "sir": "m", "king": "m", "prince": "m", "spokesman": "m", "chairman": "m",
    "emir": "m", "sultan": "m", "crown prince": "m",
    "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "madam": "f", "queen": "f", "princess": "f",
    "spokeswoman": "f", "chairwoman": "f",
}
# Heads of sources that speak for someone else: "Veldt's spokesman", "a spokeswoman for the ministry".
# Nouns heading anonymous or collective sources.


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
    starts: list[int] = field(default_factory=list)  # sorted starts of all mentions

    @property
    def last_seen(self) -> int:
        return self.seen[-1] if self.seen else -1

    def seen_before(self, at: int, *, subject: bool = False) -> int:
        """Offset of the latest mention outside quotes before ``at`` (-1 if none)."""
        offsets = self.seen_as_subject if subject else self.seen
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


class _Registry:
    """The actors of one article, with lookups by surname, title and key."""

    def __init__(self, doc: Doc, titles: tuple[str, ...], in_quote: list[bool]) -> None:
        self.doc = doc
        self.titles = titles
        self.in_quote = in_quote
        self.actors: list[ActorDraft] = []
        self.by_key: dict[str, ActorDraft] = {}
        # doc.ents is rebuilt on every access: keep it, and each token's entity.
        self.ents: tuple[Span, ...] = tuple(doc.ents)
        self.ent_at: list[Span | None] = [None] * len(doc)
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent

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
        return actor

    def touch(self, actor: ActorDraft, start: int, end: int, *, subject: bool = False) -> None:
        actor.mention(start, end)
        tok = self.doc.char_span(start, end, alignment_mode="expand")
        quoted = tok is not None and len(tok) > 0 and self.in_quote[tok[0].i]
        if not quoted:
            insort(actor.seen, start)
            if subject:
                insort(actor.seen_as_subject, start)

    def person(self, words: list[str]) -> ActorDraft:
        """The person actor for a name, merging with an earlier fuller or shorter form."""
        words = [w for w in words if w.strip()]
        surname = words[-1].lower()
        full = " ".join(words)
        candidates = [a for a in self.actors if a.kind == "person" and _surname(a.key) == surname]
        same = [a for a in candidates if set(w.lower() for w in words) <= set(a.key.split())
                or set(a.key.split()) <= set(w.lower() for w in words)]
        if len(words) > 1:
            # A full name: merge only with a compatible form (same first name, or a bare surname).
            exact = [a for a in same if a.key == full.lower()]
            if exact:
                return exact[0]
            bare = [a for a in same if len(a.key.split()) == 1]
            if bare and not [a for a in candidates if len(a.key.split()) > 1]:
                actor = bare[0]
                del self.by_key[actor.key]
                actor.key, actor.name = full.lower(), full
                self.by_key[actor.key] = actor
                return actor
            if same and len(same) == 1 and len(same[0].key.split()) > 1 and len(words) >= len(same[0].key.split()):
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
        """The longest known title that ends ``words`` (``Tarskian Foreign Minister`` → ``foreign minister``)."""
        low = [w.lower().rstrip(".") for w in words]
        for title in self.titles:
            parts = title.split()
            if len(parts) <= len(low) and low[-len(parts):] == parts:
                return " ".join(words[-len(parts):])
        return None


def _name_words(span: Span, registry: _Registry) -> tuple[list[str], str | None]:
    """Split a PERSON mention into name words and a leading title (``Prime Minister``)."""
    words = [t.text for t in span if not t.is_punct and not t.is_space and t.text not in ("'s", "’s")]
    title = None
    for cut in range(len(words) - 1, 0, -1):
        found = registry.match_title(words[:cut])
        if found and len(found.split()) == cut:
            title, words = found, words[cut:]
            break
    return words, title


def _title_before(tok: Token, registry: _Registry) -> tuple[str | None, int]:
    """A title standing right before a name: ``Prime Minister`` in ``Prime Minister Anaya Veldt``."""
    doc = tok.doc
    words: list[str] = []
    i = tok.i - 1
    while i >= 0 and len(words) < 4 and (doc[i].is_title or doc[i].is_upper or doc[i].lower_ in ("of", "mr.", "ms.")) \
            and not doc[i].is_punct and doc[i].ent_type_ not in ("PERSON",):
        words.insert(0, doc[i].text)
        i -= 1
    for k in range(len(words)):
        found = registry.match_title(words[k:])
        if found and len(found.split()) == len(words) - k:
            return found, tok.i - (len(words) - k)
    return None, tok.i


def _appos_title(root: Token, registry: _Registry) -> str | None:
    """``Veldt, the prime minister,``  or  ``the prime minister, Anaya Veldt`` → ``prime minister``."""
    for child in root.children:
        if child.dep_ == "appos":
            words = [t.text for t in child.subtree if not t.is_punct and t.dep_ not in ("det", "poss", "case")
                     and t.i <= child.i]
            found = registry.match_title(words)
            if found:
                return found
    if root.dep_ == "appos":
        words = [t.text for t in root.head.subtree if t.i <= root.head.i and not t.is_punct
                 and t.dep_ not in ("det", "poss", "case")]
        found = registry.match_title(words)
        if found:
            return found
    return None


def collect_actors(doc: Doc, registry: _Registry) -> None:
    """First pass: named people, organisations and countries, with their titles."""
    for ent in registry.ents:
        if ent.label_ == "PERSON":
            words, title = _name_words(ent, registry)
            if not any(w.strip() for w in words):
                continue
            actor = registry.person(words)
            if title is None:
                title, _ = _title_before(ent[0], registry)
            appos = _appos_title(ent.root, registry)
            for t in (title, appos):
                if t:
                    actor.add_title(t)
                    g = _GENDERED_TITLES.get(t.lower().split()[-1])
                    actor.gender = actor.gender or g
            prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if prev in _GENDERED_TITLES:
                actor.gender = actor.gender or _GENDERED_TITLES[prev]
            registry.touch(actor, ent.start_char, ent.end_char, subject=_as_subject(ent.root))
    for ent in registry.ents:
        if ent.label_ in ("ORG", "GPE"):
            subject = _as_subject(ent.root)
            words = _person_like(ent, registry)
            if words:
                actor = registry.person(words)
                registry.touch(actor, ent.start_char, ent.end_char, subject=subject)
                continue
            kind = "country" if ent.label_ == "GPE" else "organization"
            name = _org_name(ent.text).removesuffix("'s").removesuffix("’s")
            actor = registry.get(name.lower(), name, kind)
            registry.touch(actor, ent.start_char, ent.end_char, subject=subject)


def _as_subject(tok: Token) -> bool:
    """A mention that puts its actor in focus: the subject, a name in apposition to
    the subject (``The foreign minister, Dario Mensk, said``), or the subject's owner
    (``Kalden's reversal is striking``)."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return True
    return tok.dep_ in ("appos", "poss") and tok.head.dep_ in ("nsubj", "nsubjpass")


def _person_like(ent: Span, registry: _Registry) -> list[str] | None:
    """Name words of an ORG/GPE entity that is really a person.

    The small English model often tags unfamiliar names as organisations.
    Such an entity is taken for a person when it is a known person's surname,
    or when it is a short bare name that owns a spokesman (``Kastell's
    spokesman``) or carries a person's title (``President Kastell``).
    """
    words = [t.text for t in ent if not t.is_punct and t.text not in ("'s", "’s")]
    if not words or len(words) > 3 or ent[0].lower_ == "the":
        return None
    if any(w.lower() in _ORG_WORDS for w in words) or not all(w[:1].isupper() for w in words):
        return None
    low = words[-1].lower()
    if any(a.kind == "person" and _surname(a.key) == low for a in registry.actors):
        return words
    if ent.label_ == "GPE":
        return None
    root = ent.root
    if root.dep_ == "poss" and (root.head.lower_ in _AGENT_HEADS or root.head.lemma_.lower() in _AGENT_HEADS):
        return words
    title, _ = _title_before(ent[0], registry)
    if title:
        return words
    return None


_PLACE_PREPS = frozenset({"in", "to", "from", "into", "across", "throughout", "within", "against", "toward",
                          "towards", "between", "inside", "with"})


def _places_not_people(doc: Doc, registry: _Registry, speaking: set[int]) -> None:
    """Single-word "people" that behave like places become countries.

    The small model tags unfamiliar country names (``Velmora``) as PERSON. A
    one-word name with no title, seen more often after ``in``/``to``/``from`` or
    owning a government, troops or a minister than speaking, is a place.
    """
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
            elif tok.dep_ == "poss" and tok.head.pos_ == "NOUN" and tok.head.lower_ not in _AGENT_HEADS:
                votes += 1
            elif tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
                votes += 1
        if votes > 0:
            actor.kind = "country"


def _pronoun_target(registry: _Registry, pron: str, at: int, *, speakers: list[ActorDraft]) -> ActorDraft | None:
    """The actor a pronoun at offset ``at`` most likely refers to."""
    pron = pron.lower()
    if pron in _PLURAL:
        kinds = ("group", "organization", "country", "anonymous")
    elif pron in _NEUTER:
        kinds = ("organization", "country")
    else:
        kinds = ("person",)
    want = "m" if pron in _MALE else "f" if pron in _FEMALE else None
    last_speaker = speakers[-1] if speakers else None
    best: tuple[tuple[int, int], ActorDraft] | None = None
    for a in registry.actors:
        if a.kind not in kinds or (want and a.gender and a.gender != want):
            continue
        last = a.seen_before(at)
        if last < 0:
            continue
        # Focus = the latest place the actor was a subject, or spoke: the last speaker
        # keeps focus only until another fitting actor becomes a subject after them.
        focus = max(a.seen_before(at, subject=True), last if a is last_speaker else -1)
        if want and a.gender == want:
            focus += 150  # a known, fitting gender outweighs a sentence or so of recency
        key = (focus, last)
        if best is None or key > best[0]:
            best = (key, a)
    return best[1] if best else None


def _learn_genders(doc: Doc, registry: _Registry) -> None:
    """Give a gender to people referred to by an unambiguous pronoun.

    A pronoun whose sentence (or, failing that, the previous sentence) names
    exactly one person of unknown or matching gender tells that person's gender.
    """
    sents = list(doc.sents)
    for n, sent in enumerate(sents):
        for tok in sent:
            low = tok.lower_
            if low not in _MALE and low not in _FEMALE:
                continue
            g = "m" if low in _MALE else "f"
            for window in (doc[sent.start:tok.i], sents[n - 1] if n else None):
                if window is None:
                    continue
                people = {id(a): a for a in registry.actors if a.kind == "person"
                          and a.mentioned_in(window.start_char, window.end_char)}
                if not people:
                    continue
                fitting = [a for a in people.values() if a.gender in (None, g)]
                if len(people) == 1 and len(fitting) == 1 and fitting[0].gender is None:
                    fitting[0].gender = g
                break


def _principal(source: Span, registry: _Registry, speakers: list[ActorDraft]) -> tuple[ActorDraft, str] | None:
    """For ``X's spokesman`` / ``a spokeswoman for X``: X, and how X was found."""
    head = source.root
    if head.lemma_.lower() not in _AGENT_HEADS and head.lower_ not in _AGENT_HEADS:
        return None
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children):
        return None  # "Veldt's spokesman, Ivo Marn, said": Marn speaks, as himself
    for child in head.children:
        if child.dep_ == "poss":
            return _resolve_np(child, registry, speakers, at=child.idx)
        if child.dep_ == "prep" and child.lower_ == "for":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return _resolve_np(pobj, registry, speakers, at=pobj.idx)
    return None


def _resolve_np(tok: Token, registry: _Registry, speakers: list[ActorDraft], *, at: int) -> tuple[ActorDraft, str] | None:
    """Resolve a single noun-phrase head token (a name, a pronoun, a title)."""
    if tok.lower_ in _PRONOUNS:
        target = _pronoun_target(registry, tok.lower_, at, speakers=speakers)
        return (target, "pronoun") if target else None
    sub = tok.doc[tok.left_edge.i:tok.i + 1]
    return _resolve_named(sub, registry)


def _resolve_named(span: Span, registry: _Registry) -> tuple[ActorDraft, str] | None:
    """A source with a name in it, or a title alone (``the prime minister``)."""
    doc = span.doc
    root = span.root
    for ent in registry.ents_in(span):
        if ent.label_ == "PERSON":
            # The name must be the head of the phrase or stand in apposition to it:
            # "Ostland's foreign minister, Jonas Brekke" is Brekke, not Ostland.
            head = ent.root
            if not (ent.start <= root.i < ent.end or (head.dep_ == "appos" and head.head.i == root.i)):
                continue
            words, _ = _name_words(ent, registry)
            if words:
                actor = registry.person(words)
                return actor, "name"
    # Title alone: "the prime minister", "Tarsk's foreign minister"
    title_words = [t.text for t in span if t.i <= root.i and not t.is_punct and t.dep_ not in ("det", "poss", "case")]
    title = registry.match_title(title_words)
    # The phrase is only a title ("the prime minister", "the Supreme Guide"), not a name with one.
    if title and (len(title.split()) == len(title_words) or root.pos_ == "NOUN"):
        holder = registry.by_title(title.lower(), span.start_char)
        if holder is not None:
            return holder, "title"
        return None
    for ent in registry.ents_in(span):
        if ent.label_ in ("ORG", "GPE") and ent.start <= root.i < ent.end:
            name = _org_name(ent.text).removesuffix("'s").removesuffix("’s")
            actor = registry.by_key.get(name.lower())
            if actor is not None:
                return actor, "name"
    # Proper nouns spaCy did not tag as a person: a known surname, or a fresh name.
    propn = [t for t in span if t.pos_ == "PROPN"]
    if propn and root.pos_ == "PROPN":
        lowered = root.lower_
        known = [a for a in registry.actors if a.kind == "person" and _surname(a.key) == lowered]
        if known:
            return max(known, key=lambda a: a.last_seen), "name"
        if not any(t.lower_ in _ORG_WORDS for t in span) and len(propn) <= 3 and root.ent_type_ not in ("GPE", "ORG"):
            w, title = _name_words(doc[propn[0].i:propn[-1].i + 1], registry)
            if w:
                actor = registry.person(w)
                if title:
                    actor.add_title(title)
                return actor, "name"
    return None


def _group_or_org(span: Span, registry: _Registry) -> ActorDraft:
    """Sources kept as written: groups, anonymous sources, unnamed bodies."""
    root = span.root
    low = root.lower_
    first = span[0].lower_
    if low in _ORG_WORDS or root.lemma_.lower() in _ORG_WORDS:
        kind = "organization"
    elif low in registry.titles and root.tag_ == "NN":
        kind = "person"  # an office whose holder the article has not named: "the minister"
    elif root.tag_ in ("NNS", "NNPS") or first in ("two", "three", "several", "some", "many", "senior"):
        kind = "group"
    elif low in _ANON_HEADS or root.lemma_.lower() in _ANON_HEADS:
        kind = "anonymous" if first in ("a", "an", "one", "another", "the") else "group"
    else:
        kind = "organization" if root.pos_ == "PROPN" else "group"
    # The phrase as written, less comma-set asides ("a senior official, speaking on
    # condition of anonymity", "one diplomat, who asked not to be named").
    end = span.end
    for child in root.children:
        if child.dep_ in ("relcl", "acl", "appos") and child.i > root.i and child.left_edge.i > span.start \
                and span.doc[child.left_edge.i - 1].text == ",":
            end = min(end, child.left_edge.i - 1)
    name = " ".join(span.doc[span.start:end].text.split()).strip(" ,")
    if kind != "anonymous":
        name = _org_name(name)
    return registry.get(f"{kind}:{name.lower()}", name, kind)


def _org_name(text: str) -> str:
    """``the Tarsk Herald`` → ``Tarsk Herald``; ``Tarsk's Foreign Ministry`` → ``Tarsk Foreign Ministry``."""
    if text.lower().startswith("the "):
        text = text[4:]
    return text.replace("'s ", " ").replace("’s ", " ")


def resolve_speakers(doc: Doc, attributions: list[Attribution], titles: tuple[str, ...]) -> list[ActorDraft]:
    """Resolve every attribution's source to an actor; return the article's actors.

    Sets ``actor`` (the actor's key) and ``resolved_by`` on each attribution.

    Args:
        doc: The parsed Doc.
        attributions: Attributions in text order (see :func:`find_attributions`).
        titles: Office titles, lower case (see :func:`stanceline.config.load_titles`).

    Returns:
        The actors, in order of first mention, that are speakers or mentioned by name.
    """
    in_quote = [False] * len(doc)
    # What a statement reports is talked about, not talking: mentions inside any
    # content do not put their actor in focus.
    for att in attributions:
        for s, e in att.content:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                for t in span:
                    in_quote[t.i] = True
    registry = _Registry(doc, titles, in_quote)
    collect_actors(doc, registry)
    _places_not_people(doc, registry, {a.source.root.i for a in attributions if a.source is not None})
    _learn_genders(doc, registry)
    speakers: list[ActorDraft] = []
    for n, att in enumerate(attributions):
        actor: ActorDraft | None = None
        how = "none"
        if att.carryover:
            # Only from the statement right before, in the previous paragraph or this one.
            prev = attributions[n - 1] if n else None
            if prev is not None and prev.actor and prev.paragraph >= att.paragraph - 1:
                actor = registry.by_key.get(prev.actor)
                how = "carryover"
                att.carried_from = prev.source if prev.source is not None else prev.carried_from
        elif att.source is not None:
            found = _principal(att.source, registry, speakers) or (
                _resolve_np(att.source.root, registry, speakers, at=att.source.start_char)
                if att.source.root.lower_ in _PRONOUNS else _resolve_named(att.source, registry))
            if found is not None:
                actor, how = found
            elif att.source.root.lower_ not in _PRONOUNS:
                actor = _group_or_org(att.source, registry)
                how = "name" if actor.kind in ("organization",) else "none"
            if actor is not None:
                registry.touch(actor, *_mention_span(att.source), subject=True)
        if actor is not None:
            att.actor, att.resolved_by = actor.key, how
            if how == "pronoun" and att.source is not None and att.source.root.lower_ in _PRONOUNS:
                g = "m" if att.source.root.lower_ in _MALE else "f" if att.source.root.lower_ in _FEMALE else None
                actor.gender = actor.gender or g
            speakers.append(actor)
    return registry.actors


def _mention_span(source: Span) -> tuple[int, int]:
    """The words of a source that name its actor: the owner of ``his spokesman`` or
    ``Veldt's office``, a name in apposition, else the phrase up to its head noun
    (``the prime minister`` in ``the prime minister, who arrived late``)."""
    root = source.root
    if root.lemma_.lower() in _AGENT_HEADS or root.lower_ in _AGENT_HEADS:
        for child in root.children:
            owner = child if child.dep_ == "poss" else next(
                (c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
            if owner is not None:
                left = owner.left_edge.i
                return source.doc[left].idx, owner.idx + len(owner.text)
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            ent = source.doc[child.left_edge.i:child.i + 1]
            return ent.start_char, ent.end_char
    left = max(root.left_edge.i, source.start)
    return source.doc[left].idx, root.idx + len(root.text)


def _surname(key: str) -> str:
    parts = key.split()
    return parts[-1] if parts else ""
