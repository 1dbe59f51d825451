"""Coding the events of a parsed Doc (:func:`find_events`): each trigger of a sentence with its parties,
place, date, negation and modality, tied to the statement it was read from.

Reuses the pipeline's earlier work: the attributions (``doc._.statements``: an event whose trigger is a
statement's cue, "accused", or lies in its content, is read from that statement), the speakers' actors
(``doc._.actors``: "he", "the minister" and "Tarsk" resolve to the article's actors), the temporal
expressions and the statements' dating (``doc._.timexes``, ``doc._.said_on``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..lexicon import INDEFINITE_PERSONS
from ..temporal import DatingDraft, TimexDraft, hangs_on, is_point, root_of
from ..text import doc_text
from .bridge import StatementIndex, reframe_warnings, speaker_party, statement_events
from .grammar import (
    OBLIGATION,
    POSSESSIVES,
    Trigger,
    actor_like,
    agent_of,
    find_triggers,
    inside_complement,
    location_of,
    modality,
    named_before,
    named_in_clause,
    negated,
    obligations,
    prep_target,
    purpose_of,
    resolve_overlaps,
    subject_of,
    tree_depth,
)
from .parties import Cast
from .record import EventDraft, Party
from .senses import no_one
from .vocabulary import VERBAL_TYPES, EventWords

# PLOVER codes one type, not a type and an auxiliary mode: cooperation said to come is a commitment (AGREE),
# a retreat announced a concession (CONCEDE), force or pressure announced a threat (THREATEN); so is a
# withdrawal announced on a condition ("will withdraw unless ...").
_FUTURE_TYPES = {
    "CONSULT": "AGREE",
    "SUPPORT": "AGREE",
    "COOPERATE": "AGREE",
    "AID": "AGREE",
    "RETREAT": "CONCEDE",
    "PROTEST": "THREATEN",
    "SANCTION": "THREATEN",
    "MOBILIZE": "THREATEN",
    "COERCE": "THREATEN",
    "ASSAULT": "THREATEN",
}
_CONDITIONAL_TYPES = {**_FUTURE_TYPES, "RETREAT": "THREATEN"}
# A commitment or a concession said to come is made when it is said, on conditions or not ("will accept
# help only if ...", "will lift the sanctions"): it stays what it is, and is no longer hypothetical.
_COMMITMENTS = frozenset({"AGREE", "CONCEDE"})
# Cooperation refused for the time to come ("will not talk", "would not send a delegation") is a refusal,
# which happened: PLOVER's REJECT.
_REFUSABLE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_UNPUBLISHED = DatingDraft("publication")


def find_events(
    doc: Doc,
    words: EventWords,
    *,
    statements: Sequence = (),
    actors: Sequence = (),
    timexes: Sequence[TimexDraft] = (),
    said_on: Sequence[DatingDraft] = (),
    stances: Sequence = (),
) -> list[EventDraft]:
    """Code the events of a parsed Doc.

    Args:
        doc: The parsed Doc.
        words: The event vocabulary (:func:`~.vocabulary.load_event_words`).
        statements: ``doc._.statements`` (attributions with their resolved actors), if any.
        actors: ``doc._.actors`` (the speakers component's actor drafts), if any.
        timexes: ``doc._.timexes``, if any.
        said_on: ``doc._.said_on`` (a dating draft per statement), if any.
        stances: ``doc._.stances`` (stance drafts per statement), if any: a statement whose stance is an
            act (``[stance acts]``) is an event (:mod:`.bridge`).

    Returns:
        The :class:`EventDraft` list, in text order.
    """
    cast = Cast(doc, actors, statements, words.sectors, words.countries)
    said = StatementIndex(statements, said_on)
    dates = sorted((t for t in timexes if is_point(t) and t.type == "DATE"), key=lambda t: t.start)
    date_starts = [t.start for t in dates]
    out: list[EventDraft] = []
    for sent in doc.sents:
        triggers = resolve_overlaps(find_triggers(sent, words))
        musts = obligations(sent)
        if not triggers and not musts:
            continue
        verbal = [t for t in triggers if not t.noun and t.word.type in VERBAL_TYPES]
        held = {t.i for m in musts for t in m.token.head.subtree}  # what is requested is not done
        kept = [
            t
            for t in triggers
            if not any(v.token.i != t.token.i and inside_complement(t.verb, v.token) for v in verbal)
            and not (purpose_of(t.verb) and len(triggers) > 1)
            and t.verb.i not in held
        ]
        verbs = {t.token.i for t in kept if not t.noun}
        kept = [  # "host talks between Tarsk and Velmora": one event, the verb's
            t
            for t in kept
            if not (
                t.noun and t.light is None and t.token.dep_ in ("dobj", "obj") and t.token.head.i in verbs
            )
        ]
        kept += [m for m in musts if not any(inside_complement(m.token.head, v.token) for v in verbal)]
        kept.sort(key=lambda t: t.token.i)
        question = _is_question(sent)
        contexts = _contexts(sent, words)
        lo, hi = bisect_left(date_starts, sent.start_char), bisect_left(date_starts, sent.end_char)
        sent_dates = dates[lo:hi]
        for trig in kept:
            event = _event(trig, words, cast, said, sent_dates, question, contexts)
            if event is not None:
                out.append(event)
    out = reframe_warnings(doc, out, words)
    bridged = statement_events(doc, words, said, stances, out, cast)
    if bridged:
        out = sorted(out + bridged, key=lambda e: e.trigger)
    return _date_headline(doc_text(doc), out)


def _date_headline(text: str, events: list[EventDraft]) -> list[EventDraft]:
    """A headline tells what its story tells ("Velmora offers aid" over "... said on Wednesday it would
    send"): an event of the headline with no date of its own takes the date of the first event of the
    same type and source that the story dates."""
    cut = text.find("\n")
    headline = text[:cut].strip() if cut > 0 else ""
    if not headline or len(headline) > 200 or headline.endswith((".", "?", "!")):
        return events
    out = list(events)
    for n, ev in enumerate(events):
        if ev.trigger[0] >= cut:
            break
        if ev.dating.basis != "publication":
            continue
        story = next(
            (
                e
                for e in events[n + 1 :]
                if e.trigger[0] > cut
                and e.type == ev.type
                and _same_party(e.source, ev.source)
                and e.dating.timex is not None
            ),
            None,
        )
        if story is not None:
            out[n] = replace(ev, dating=replace(story.dating, basis="context"))
    return out


def _same_party(a: Party | None, b: Party | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.actor is not None and a.actor == b.actor) or (a.country is not None and a.country == b.country)


def _event(
    trig: Trigger,
    words: EventWords,
    cast: Cast,
    said: StatementIndex,
    dates: list[TimexDraft],
    question: bool,
    contexts: tuple[str, ...],
) -> EventDraft | None:
    statement, is_cue = said.of(trig.token)
    quoted_must = trig.word is OBLIGATION and trig.light is None
    if quoted_must and statement is None:
        return None  # "Corvenna should hold its nerve" in the writer's own voice asks no one of anything
    source_tok, target_tok = _parties(trig, words)
    if _no_doer(source_tok, words):
        source_tok = None
    if trig.noun and trig.light is None and _theirs(source_tok, cast, said, statement):
        return None  # "let them keep their sanctions" in a quote: a mention of sanctions, by someone unnamed
    if source_tok is None and not is_cue and not quoted_must:
        source_tok = named_before(trig.token, _extent(target_tok))
    source = cast.party(source_tok, statement) if source_tok is not None else None
    if (is_cue or quoted_must) and statement is not None and (source is None or source.actor is None):
        source = speaker_party(said.items[statement], cast) or source
    if target_tok is None:  # the other party named in the event's clause
        target_tok = named_in_clause(trig.verb, (source.start, source.end) if source else None)
    if target_tok is not None and target_tok.ent_type_ in _WHEN:
        target_tok = None  # "insisted in November": a date is when, never whom
    target = cast.party(target_tok, statement) if target_tok is not None else None
    if target is not None and source is not None and target.start < source.end and source.start < target.end:
        target = None
    if target is not None and source is not None and target.actor and target.actor == source.actor:
        target = replace(target, actor=None)  # "Veldt ... her government": no one is both sides of an event
    place = location_of(trig.verb) or (location_of(trig.token) if trig.noun else None)
    location = cast.party(place, statement) if place is not None else None
    if location is not None:
        location = Party(location.start, location.end, None, location.country, None)
    clause = _clause_of(trig)
    neg = negated(clause, words)
    mood = modality(clause, words, question)
    if any(no_one(t) for t in (source_tok, subject_of(trig.verb)[0]) if t is not None):
        neg = True  # "nobody asked us", "not everyone applauded", "nothing is agreed": no one did
    elif mood is None and _as_a_rule(clause.verb) and _anyone(source_tok):
        mood = "hypothetical"  # "someone who refuses to turn first": no one in particular, no act done
    kind = trig.word.type
    hypothetical = mood is not None
    table = _CONDITIONAL_TYPES if mood == "conditional" else _FUTURE_TYPES
    recoded = False
    if mood in ("future", "conditional") and not neg and (kind in table or kind in _COMMITMENTS):
        kind, hypothetical, recoded = table.get(kind, kind), False, True
    elif neg and kind in _REFUSABLE and (mood == "future" or (mood is None and _as_a_rule(clause.verb))):
        kind, hypothetical, neg, recoded = "REJECT", False, False, True
    aux = tuple(m for m, on in (("negation", neg), (mood or "", mood is not None)) if on)
    # A commitment, refusal or threat read from an act to come happened when it was said.
    said_by = statement if is_cue or recoded or quoted_must else None
    dating = _dating(clause, dates, said, said_by, said_when=recoded)
    confidence = 0.85 if not trig.noun else 0.7
    confidence -= 0.15 * ("weak" in trig.word.tags) + 0.15 * hypothetical + 0.05 * neg
    if source is None or (source.actor is None and source.country is None):
        confidence -= 0.15
    start = trig.token.idx
    end = trig.particle.idx + len(trig.particle) if trig.particle is not None else start + len(trig.token)
    return EventDraft(
        type=kind,
        mode=trig.word.mode,
        context=contexts + aux,
        trigger=(start, end),
        source=source,
        target=target,
        location=location,
        dating=dating,
        negated=neg,
        hypothetical=hypothetical,
        statement=statement,
        confidence=round(max(0.1, min(0.95, confidence)), 2),
        depth=tree_depth(trig.verb),
    )


def _no_doer(tok: Token | None, words: EventWords) -> bool:
    """Is a subject one that does nothing: an event, a number or a date ("the bombing killed", "last
    month's clash")?"""
    if tok is None:
        return False
    return tok.lemma_.lower() in words.nouns or tok.pos_ == "NUM" or tok.ent_type_ in _WHEN


def _theirs(tok: Token | None, cast: Cast, said: StatementIndex, statement: int | None) -> bool:
    """Is a noun's only party, in a statement, a possessive pronoun of the third person that is not the
    speaker's own ("let them keep their sanctions", not "repeated that his offer stood"): others the article
    may never name?"""
    if tok is None or statement is None or tok.lower_ not in _THIRD_POSSESSIVES:
        return False
    actor = cast.party(tok, statement).actor
    return actor is None or actor != said.items[statement].actor


_THIRD_POSSESSIVES = frozenset({"its", "their", "his", "her"})


def _clause_of(trig: Trigger) -> Trigger:
    """The trigger as its clause's negation and modality see it: a noun that is the object of a verb's
    preposition ("would not return to negotiations with Velmora") is as real as that verb."""
    tok = trig.token
    if trig.noun and trig.light is None and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        verb = tok.head.head
        if verb.pos_ in ("VERB", "AUX") and verb.i != tok.i:
            return replace(trig, light=verb)
    return trig


def _parties(trig: Trigger, words: EventWords) -> tuple[Token | None, Token | None]:
    """The tokens heading the source and target phrases of an event."""
    sectors = words.sectors
    tok = trig.token
    if trig.word is OBLIGATION:  # the reporter (or the quote's speaker) asks the clause's subject
        clause = tok.head
        target = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return (subject_of(trig.light)[0] if trig.light is not None else None), target
    if trig.noun:
        source = next((c for c in tok.children if c.dep_ == "poss"), None) or agent_of(tok)
        if source is not None and source.lower_ in POSSESSIVES and trig.light is not None:
            # "Velmora imposed its sanctions": the pronoun stands for the light verb's subject
            subject, passive = subject_of(trig.light)
            source = (agent_of(trig.light) if passive else subject) or source
        if source is None and trig.word.type in VERBAL_TYPES:  # "praise from Kalden", "criticism from Tarsk"
            source = _pobj(tok, "from")
        between = _pobj(tok, "between") if source is None else None
        if between is not None:  # "talks between Tarsk and Velmora": the first and the other
            other = next((c for c in between.children if c.dep_ == "conj"), None)
            return between, other
        target = prep_target(tok, sectors, skip=None)
        if source is None and trig.light is None and _pobj(tok, "with") is not None:
            source = _clause_subject(tok)  # "Mensk spoke after two days of meetings with Brekke": Mensk met
        if trig.light is not None:
            if source is None and trig.word.type in VERBAL_TYPES:  # "drew praise from Kalden"
                source = _pobj(trig.light, "from")
            if source is None:
                subject, passive = subject_of(trig.light)
                source = agent_of(trig.light) if passive else subject
            if target is None:
                target = _object(trig.light, sectors, dative_only=True) or prep_target(trig.light, sectors)
        return source, target
    subject, passive = subject_of(tok)
    if passive:
        return agent_of(tok), subject
    target = None
    word = trig.particle
    if word is not None and word.dep_ == "prep":
        target = next((g for g in word.children if g.dep_ == "pobj"), None)
    elif word is not None and word.dep_ not in ("prt", "agent"):  # "holds Tarsk responsible", "shook hands"
        target = next((g for g in word.children if g.dep_ == "nsubj"), None) or prep_target(tok, sectors)
    if target is None:
        material = trig.word.type in ("ASSAULT", "COERCE", "SANCTION")  # done to whatever it is done to
        target = _object(tok, sectors, material=material) or prep_target(tok, sectors)
    if target is not None and word is not None and target.i == word.i:
        target = None  # "returned fire": the phrase's own word is no party
    return subject, target


def _object(
    verb: Token, sectors: dict[str, str], dative_only: bool = False, material: bool = False
) -> Token | None:
    """The object that names whom an event is done to: someone ("urged Tarsk"), or for a material event
    whatever it is done to ("arrested the editor", "shelled the village"); else the target of the object
    noun ("imposed sanctions on Tarsk")."""
    for child in verb.children:
        if child.dep_ == "dative" or (not dative_only and child.dep_ in ("dobj", "obj")):
            if actor_like(child, sectors) or (material and child.dep_ != "dative" and _thing(child)):
                return child
            if child.dep_ in ("dobj", "obj") and not dative_only:  # "sanctions on Tarsk": the noun's target
                return prep_target(child, sectors)
    return None


def _clause_subject(noun: Token) -> Token | None:
    """The subject of the clause a noun's phrase modifies through prepositions ("after talks with ...")."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in ("pobj", "prep") or tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX") or tok.i == noun.i:
        return None
    subject, passive = subject_of(tok)
    return None if passive else subject


def _pobj(head: Token, prep: str) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == prep:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


_WHEN = ("DATE", "TIME")


def _thing(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in (*_WHEN, "CARDINAL", "MONEY", "PERCENT")


def _extent(tok: Token | None) -> tuple[int, int] | None:
    return (tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)) if tok is not None else None


def _dating(
    trig: Trigger, dates: list[TimexDraft], said: StatementIndex, cue_of: int | None, said_when: bool = False
) -> DatingDraft:
    """When the event happened: a date hanging on its verb or noun (explicit), else its statement's date
    when the trigger is the statement's cue, else on or before publication. With ``said_when`` (a commitment,
    refusal or threat: "vowed in January she would not talk") the act is the saying: a date hanging on the
    verb that reports the clause counts, and so does the date of the statement it is read from."""
    verb = trig.verb
    for t in dates:  # "the evening Velmora imposed its sanctions": a clause on a date is that date's
        if verb.dep_ in ("relcl", "advcl", "acl") and _within(verb.head, t):
            return DatingDraft("explicit", t)
    anchors = [verb] + ([trig.token] if trig.noun else []) + _borrowed_anchors(trig)
    if said_when:
        head = trig.verb
        while head.dep_ in ("ccomp", "xcomp", "conj") and head.head.i != head.i:
            head = head.head
            anchors.append(head)
    for t in dates:
        root = root_of(trig.token.doc, t)
        if root is None:
            continue
        if any(hangs_on(root, a) for a in anchors):
            return DatingDraft("explicit", t)
    if cue_of is not None and cue_of < len(said.said_on):
        return said.said_on[cue_of]
    return _UNPUBLISHED


# Nouns of a stretch of the calendar: a closed class ("the evening Velmora imposed ...").
_TIME_NOUNS = frozenset(
    {"day", "evening", "morning", "afternoon", "night", "week", "weekend", "month", "year"}
)


def _anyone(tok: Token | None) -> bool:
    """Is a subject no one in particular: "someone", or a noun with "a", "any" or "every" that a relative
    clause describes ("a president who lifts sanctions ...")?"""
    if tok is None:
        return False
    if tok.lower_ in INDEFINITE_PERSONS:
        return True
    return any(c.dep_ == "relcl" for c in tok.children) and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "any", "every") for c in tok.children
    )


def _as_a_rule(verb: Token) -> bool:
    """Is a verb in the simple present ("Tarsk does not negotiate with ..."): a standing refusal when
    negated, where the past ("did not meet") only says it did not happen?"""
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ in ("does", "do") for c in verb.children)


def _within(tok: Token, t: TimexDraft) -> bool:
    """Is a token inside a date, or a time noun set beside it ("January 12, 2023, the evening ...")?"""
    if t.start <= tok.idx < t.end:
        return True
    if tok.lemma_.lower() not in _TIME_NOUNS:
        return False
    before = tok.left_edge.i - 1
    if before >= 0 and tok.doc[before].text == ",":
        before -= 1
    return before >= 0 and t.start <= tok.doc[before].idx < t.end


def _borrowed_anchors(trig: Trigger) -> list[Token]:
    """Words whose date is the event's too: the noun a past participle describes ("the 2019 treaty, signed
    in ..."), the clause a "when" clause or a participle hangs on ("in January, when the ceasefire was
    signed"), the verb an event noun is the subject or the object of ("the talks ended last month")."""
    verb = trig.verb
    out = []
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        out.append(verb.head)
    if verb.dep_ == "advcl" and (
        verb.tag_ == "VBG" or any(c.lower_ == "when" for c in verb.children if c.dep_ in ("advmod", "mark"))
    ):
        out.append(verb.head)  # "launched her campaign on Monday, telling supporters ..."
    noun = trig.token
    if trig.noun and trig.light is None:
        if noun.dep_ in ("dobj", "obj"):  # "attended a meeting in October"
            out.append(noun.head)
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head  # "the first round of talks ended"
        if noun.dep_ in ("nsubj", "nsubjpass"):
            out.append(noun.head)
    return out


def _is_question(sent: Span) -> bool:
    for tok in reversed(sent):
        if tok.is_space or tok.is_quote or tok.text in ("”", "’", ")"):
            continue
        return tok.text == "?"
    return False


def _contexts(sent: Span, words: EventWords) -> tuple[str, ...]:
    found: dict[str, None] = {}
    prev = ""
    for tok in sent:
        low = tok.lower_
        for key in (f"{prev} {low}", low, tok.lemma_.lower()):
            hit = words.contexts.get(key)
            if hit:
                found.setdefault(hit, None)
        prev = low
    return tuple(found)
