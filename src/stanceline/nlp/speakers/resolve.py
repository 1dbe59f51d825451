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

from bisect import bisect_left, bisect_right
from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from ...config import SourceWords
from ..attribution import Attribution
from ..columns import positions
from ..lexicon import FEMALE as _FEMALE
from ..lexicon import MALE as _MALE
from ..lexicon import THIRD_PERSON as _PRONOUNS
from .actors import ActorDraft, Registry, collect_actors, places_not_people
from .authors import author_of, cannot_speak, description
from .lookup import group_or_org, pronoun_target, resolve_named, resolve_np


def _learn_genders(doc: Doc, registry: Registry) -> None:
    """Give a gender to people referred to by an unambiguous pronoun.

    A pronoun whose sentence (or, failing that, the previous sentence) names
    exactly one person of unknown gender tells that person's gender -- unless a
    pronoun of that gender already stood earlier in the sentence, before the
    person was named: in "She is right, and Kastell should borrow her clarity",
    both pronouns belong to someone named before.
    """
    sents = list(doc.sents)
    starts = [sent.start for sent in sents]
    # every mention of a person, by offset: a window's people are found by bisection, not by asking each
    # actor of a long article for each pronoun
    mentions = sorted((at, k) for k, a in enumerate(registry.actors) if a.kind == "person" for at in a.starts)
    offsets = [at for at, _ in mentions]

    def people_in(window: Span) -> list[ActorDraft]:
        """The people mentioned in ``window``, two at most (one is what counts)."""
        found: list[ActorDraft] = []
        lo, hi = bisect_left(offsets, window.start_char), bisect_left(offsets, window.end_char)
        for _, k in mentions[lo:hi]:
            if registry.actors[k] not in found:
                found.append(registry.actors[k])
                if len(found) > 1:
                    break
        return found

    seen: dict[str, int] = {}  # gender -> offset of its first pronoun in this sentence
    current = -1
    for i in positions(doc, {"LOWER": _MALE | _FEMALE}):  # the pronouns, in order
        n = bisect_right(starts, i) - 1
        sent, tok = sents[n], doc[i]
        if n != current:
            current, seen = n, {}
        g = "m" if tok.lower_ in _MALE else "f"
        first = seen.setdefault(g, tok.idx)
        for window in (doc[sent.start : tok.i], sents[n - 1] if n else None):
            if window is None:
                continue
            people = people_in(window)
            if not people:
                continue
            if (
                len(people) == 1
                and people[0].gender is None
                and not (
                    window.start_char == sent.start_char
                    and first < tok.idx
                    and not people[0].mentioned_in(sent.start_char, first)
                )
            ):
                people[0].gender = g
            break


def _principal(source: Span, registry: Registry, speakers: list[ActorDraft]) -> tuple[ActorDraft, str] | None:
    """For ``X's spokesman`` / ``a spokeswoman for X``: X, and how X was found."""
    head = source.root
    words = registry.words
    if head.lemma_.lower() not in words.agents and head.lower_ not in words.agents:
        return None
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children):
        return None  # "Veldt's spokesman, Ivo Marn, said": Marn speaks, as himself
    body = next(
        (c for c in head.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "GPE", "NORP")), None
    )
    if body is not None:  # "a Tarsk Foreign Ministry spokesperson": the ministry speaks
        span = source.doc[body.left_edge.i : body.i + 1]
        return resolve_named(span, registry) or (group_or_org(span, registry), "name")
    if any(c.dep_ in ("compound", "amod") and c.lower_ not in words.agent_modifiers for c in head.children):
        return None  # "Velmora's statistics office" is a body of its own, not Velmora's voice
    for child in head.children:
        if child.dep_ == "poss":
            return resolve_np(child, registry, speakers, at=child.idx)
        if child.dep_ == "prep" and child.lower_ == "for":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return resolve_np(pobj, registry, speakers, at=pobj.idx)
    if source.root.i == source.start + 1 and source[0].lower_ == "the":
        # "the spokesperson" after "a State Department spokesperson": the same principal
        known = registry.principals.get(head.lemma_.lower())
        return (known, "title") if known is not None else None
    return None


def _content_subject(att: Attribution, registry: Registry) -> tuple[ActorDraft, str] | None:
    """``President Oren Kastell will attend the funerals, his office said``: a pronoun
    source (or owner) after its own content, in the same sentence, refers to the person
    that content is about -- the subject of its clause -- when the gender fits."""
    source = att.source
    if source is None or att.cue is None or not att.content or att.content[0][0] > source.start_char:
        return None
    root = source.root
    pron = (
        root
        if root.lower_ in _MALE | _FEMALE
        else next((c for c in root.children if c.dep_ == "poss" and c.lower_ in _MALE | _FEMALE), None)
    )
    if (
        pron is None
        or pron.sent.start != root.doc.char_span(*att.content[0], alignment_mode="expand").sent.start
    ):
        return None
    want = "m" if pron.lower_ in _MALE else "f"
    doc = source.doc
    s, e = att.content[0]
    for tok in doc.char_span(s, e, alignment_mode="expand") or ():
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.ent_type_ != "PERSON":
            continue
        ent = registry.ent_at[tok.i]
        lo, hi = (ent.start_char, ent.end_char) if ent is not None else (tok.idx, tok.idx + len(tok.text))
        for a in registry.actors:
            if a.kind == "person" and a.gender in (want, None) and a.mentioned_in(lo, hi):
                return a, "pronoun"
    return None


def _owner_before(pron: Token, att: Attribution, registry: Registry) -> tuple[ActorDraft, str] | None:
    """ "The talks had followed Kalden's visit to the troops, when he voiced hope that ...": a "he" or
    "she" whose sentence names one person before it, as the owner of a noun outside what is said (not
    "Veldt's conditions, she said, were ..."), refers to that person."""
    if pron.lower_ not in _MALE | _FEMALE:
        return None
    want = "m" if pron.lower_ in _MALE else "f"
    doc = pron.doc
    start = pron.sent.start
    owners = [
        t
        for t in doc[start : pron.i]
        if t.dep_ == "poss" and t.pos_ == "PROPN" and not any(s <= t.idx < e for s, e in att.content)
    ]
    sent_start = doc[start].idx
    people = [a for a in registry.actors if a.kind == "person" and a.mentioned_in(sent_start, pron.idx)]
    if len(owners) != 1 or len(people) != 1 or people[0].gender not in (None, want):
        return None
    owner = owners[0]
    ent = registry.ent_at[owner.i]
    lo, hi = (ent.start_char, ent.end_char) if ent is not None else (owner.idx, owner.idx + len(owner.text))
    return (people[0], "pronoun") if people[0].mentioned_in(lo, hi) else None


def _title_subjects(doc: Doc, registry: Registry) -> None:
    """A bare title as a subject (``the Supreme Guide struck a different note``) is a
    mention of its holder: it puts them in focus for the next ``he`` and sets their scene."""
    for i in positions(doc, {"DEP": ("nsubj", "nsubjpass"), "POS": ("NOUN", "PROPN")}):
        tok = doc[i]
        if registry.ent_at[tok.i] is not None and registry.ent_at[tok.i].label_ == "PERSON":
            continue
        words = [
            t.text
            for t in doc[tok.left_edge.i : tok.i + 1]
            if t.dep_ not in ("det", "poss", "case") and not t.is_punct
        ]
        title = registry.match_title(words) if words else None
        if title is None or len(title.split()) != len(words):
            continue
        holder = registry.by_title(title.lower(), tok.idx)
        if holder is not None:
            registry.touch(holder, doc[tok.left_edge.i].idx, tok.idx + len(tok.text), subject=True)


def _reported_tokens(doc: Doc, attributions: list[Attribution]) -> list[bool]:
    """Per token, whether it lies in what a statement reports: mentions there are talked about, not
    talking, and do not put their actor in focus."""
    in_quote = [False] * len(doc)
    for att in attributions:
        spans = [doc.char_span(s, e, alignment_mode="expand") for s, e in att.content]
        if att.kind == "indirect" and not any(
            t.pos_ in ("VERB", "AUX") for sp in spans if sp is not None for t in sp
        ):
            continue  # an object ("credited Ardell with the deal"): a participant of the sentence, in view
        for span in spans:
            if span is not None:
                for t in span:
                    in_quote[t.i] = True
    return in_quote


def _carried_over(
    att: Attribution, prev: Attribution | None, registry: Registry
) -> tuple[ActorDraft | None, str]:
    """A quote-only paragraph's speaker: the one of the statement right before, in the previous
    paragraph or this one."""
    if prev is None or not prev.actor or prev.paragraph < att.paragraph - 1:
        return None, "none"
    att.carried_from = prev.source if prev.source is not None else prev.carried_from
    return registry.by_key.get(prev.actor), "carryover"


def _source_actor(
    att: Attribution, registry: Registry, speakers: list[ActorDraft], after: Attribution | None = None
) -> tuple[ActorDraft | None, str]:
    """The actor a statement's source names or refers to, and how it was found; a source that names
    no known actor is kept as written (a group, an anonymous source, a body). ``after``: the next
    statement, whose speaker a description may name first."""
    source = att.source
    if source is None:
        return None, "none"
    if cannot_speak(source.root, registry.words):
        return _author_actor(source, registry, speakers)
    relayed = _relayed(att, registry, speakers, after)
    if relayed is not None:
        registry.touch(relayed[0], *_mention_span(source, registry.words.agents), subject=True)
        return relayed
    pronoun = source.root.lower_ in _PRONOUNS
    principal = _principal(source, registry, speakers)
    if principal is not None:
        registry.principals[source.root.lemma_.lower()] = principal[0]
    found = (
        _content_subject(att, registry)
        or principal
        or (_owner_before(source.root, att, registry) if pronoun else None)
        or (
            resolve_np(source.root, registry, speakers, at=source.start_char)
            if pronoun
            else resolve_named(source, registry)
        )
    )
    actor: ActorDraft | None = None
    how = "none"
    if found is not None:
        actor, how = found
    elif not pronoun and description(source, registry.titles, registry.words):
        actor = _described(source, registry, speakers, after)
        how = "title" if actor is not None else "none"
    if actor is None and not pronoun:
        actor = group_or_org(source, registry)
        how = "name" if actor.kind in ("organization",) else "none"
    if actor is not None:
        registry.touch(actor, *_mention_span(source, registry.words.agents), subject=True)
    return actor, how


# Heads of a source that relays what others said: "local media", "state television", "the Tarsk Herald".
def _outlet(tok: Token, registry: Registry) -> bool:
    words = registry.words
    low = tok.lemma_.lower()
    return tok.lower_ == "media" or low in words.outlets or low in words.outlet_nouns


def _relayed(
    att: Attribution, registry: Registry, speakers: list[ActorDraft], after: Attribution | None
) -> tuple[ActorDraft, str] | None:
    """``The Velmoran envoy hopes to cement a deal by April, local media reported``: an outlet that relays
    someone's words or wishes (the content's subject, with a clause or an infinitive of their own)
    hands them the statement; an outlet that reports an event (``Velmora imposed sanctions, state media
    reported``) speaks itself."""
    source = att.source
    if source is None or not att.content or not _outlet(source.root, registry):
        return None
    content = source.doc.char_span(*att.content[0], alignment_mode="expand")
    if content is None:
        return None
    root = content.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (
        root.i in registry.cue_words  # "'...,' Veldt said, according to the Herald": her own statement
        or subj is None
        or root.pos_ != "VERB"
        or not any(c.dep_ in ("xcomp", "ccomp") for c in root.children)
        or not (subj.ent_type_ == "PERSON" or subj.lemma_.lower() in registry.titles)
    ):
        return None
    span = source.doc[subj.left_edge.i : subj.i + 1]
    found = resolve_named(span, registry)
    if found is None and description(span, registry.titles, registry.words):
        described = _described(span, registry, speakers, after)
        found = (described, "title") if described is not None else None
    return found


def _author_actor(
    source: Span, registry: Registry, speakers: list[ActorDraft]
) -> tuple[ActorDraft | None, str]:
    """A source that cannot speak (a letter, rumours, a statement): its author, or nobody."""
    author = author_of(source.root, registry.words)
    if author is None:
        return None, "none"
    found = resolve_np(author, registry, speakers, at=author.idx)
    if found is None and author.lower_ in _PRONOUNS:
        return None, "none"
    actor, how = found or (group_or_org(source.doc[author.left_edge.i : author.i + 1], registry), "name")
    registry.touch(actor, author.idx, author.idx + len(author.text), subject=True)
    return actor, how


def _described(
    source: Span, registry: Registry, speakers: list[ActorDraft], after: Attribution | None
) -> ActorDraft | None:
    """The person a description (``the Velmoran-born diplomat``) stands for: the person who spoke last,
    within a few sentences, else the person who speaks by name in the next sentence, else the person in
    focus. A description with an office (``the Velmoran envoy``) fits only a person whose office is not
    known (the holder of a known one is found by title)."""
    at = source.start_char
    here = registry.sentence_of(at)
    titled = registry.match_title([t.text for t in source if t.i <= source.root.i]) is not None

    def fits(a: ActorDraft) -> bool:
        # "the foreign minister" is not Prime Minister Veldt: an office goes only to someone with none known
        return a.kind == "person" and not (titled and a.titles)

    for a in reversed(speakers):
        if a.kind == "person":
            if fits(a) and here - registry.sentence_of(max(a.seen_before(at), 0)) <= 4:
                return a
            break
    named = _named_next(source, after, registry)
    if named is not None and fits(named):
        return named
    focus = pronoun_target(registry, "they", at, speakers=speakers, kinds=("person",))
    # in focus: a subject or object within three sentences
    last = max(focus.seen_before(at, subject=True), focus.seen_before(at, obj=True)) if focus else -1
    if focus is not None and fits(focus) and last >= 0 and here - registry.sentence_of(last) <= 3:
        return focus
    return None


def _named_next(source: Span, after: Attribution | None, registry: Registry) -> ActorDraft | None:
    """A description no one before fits (``Tarsk's top negotiator says ... "...," Ivo Marn said``): the
    person who speaks by name in the next sentence."""
    if after is None or after.source is None or after.carryover:
        return None
    if not 0 < registry.sentence_of(after.source.start_char) - registry.sentence_of(source.start_char) <= 2:
        return None  # (two: the parser may cut a sentence at a stray quotation mark)
    found = resolve_named(after.source, registry)
    return found[0] if found is not None and found[0].kind == "person" and found[1] == "name" else None


def resolve_speakers(
    doc: Doc,
    attributions: list[Attribution],
    titles: tuple[str, ...],
    *,
    source_words: SourceWords | None = None,
    title_genders: Mapping[str, str] | None = None,
) -> list[ActorDraft]:
    """Resolve every attribution's source to an actor; return the article's actors.

    Sets ``actor`` (the actor's key) and ``resolved_by`` on each attribution.

    Args:
        doc: The parsed Doc.
        attributions: Attributions in text order (see :func:`find_attributions`).
        titles: Office titles, lower case (see :func:`stanceline.config.load_titles`).
        source_words: The nouns of sources (:func:`stanceline.config.load_source_words`);
            ``None``: the shipped ones.
        title_genders: Titles that tell a gender (:func:`stanceline.config.load_title_genders`);
            ``None``: the shipped ones.

    Returns:
        The actors, in order of first mention, that are speakers or mentioned by name.
    """
    in_quote = _reported_tokens(doc, attributions)
    registry = Registry(doc, titles, in_quote, words=source_words, genders=title_genders)
    collect_actors(doc, registry)
    registry.cue_words = {t.i for a in attributions if a.cue is not None for t in a.cue}
    places_not_people(doc, registry, {a.source.root.i for a in attributions if a.source is not None})
    _learn_genders(doc, registry)
    _title_subjects(doc, registry)
    speakers: list[ActorDraft] = []
    for n, att in enumerate(attributions):
        if att.carryover:
            actor, how = _carried_over(att, attributions[n - 1] if n else None, registry)
        else:
            after = attributions[n + 1] if n + 1 < len(attributions) else None
            actor, how = _source_actor(att, registry, speakers, after)
        if actor is None:
            continue
        att.actor, att.resolved_by = actor.key, how
        pron = att.source.root.lower_ if att.source is not None else ""
        if how == "pronoun" and pron in _PRONOUNS:
            actor.gender = actor.gender or ("m" if pron in _MALE else "f" if pron in _FEMALE else None)
        speakers.append(actor)
    return registry.actors


def _mention_span(source: Span, agents: frozenset[str]) -> tuple[int, int]:
    """The words of a source that name its actor: the owner of ``his spokesman`` or
    ``Veldt's office``, a name in apposition, else the phrase up to its head noun
    (``the prime minister`` in ``the prime minister, who arrived late``)."""
    root = source.root
    if root.lemma_.lower() in agents or root.lower_ in agents:
        for child in root.children:
            owner = (
                child
                if child.dep_ == "poss"
                else next((c for c in child.children if c.dep_ == "pobj"), None)
                if child.dep_ == "prep"
                else None
            )
            if owner is not None:
                left = owner.left_edge.i
                return source.doc[left].idx, owner.idx + len(owner.text)
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            ent = source.doc[child.left_edge.i : child.i + 1]
            return ent.start_char, ent.end_char
    left = max(root.left_edge.i, source.start)
    return source.doc[left].idx, root.idx + len(root.text)
