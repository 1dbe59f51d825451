"""Topics, stance and conditions of each statement, read from the dependency parse.

For every statement the topic words inside its content are found (:mod:`.topics`: lemmas, phrases and
Matcher patterns from ``data/topics.toml``). Each mention is read along the path from the topic word up to
its clause's root and on to the attribution cue ("Veldt *rejected* the talks") into signals
(:mod:`.signals`), and the first verdict rule that answers (:mod:`.rules`) gives its stance:

- stance words on the path multiply (``rejected calls for talks`` = −1 × +1),
- each negation that governs the path flips the sign (``did not exclude talks``),
- an evaluative predicate of the topic word as subject counts (``talks would be a trap``),
- a hedge or a question makes the mention neutral,
- a mention under another actor's attitude verb (``Kastell wants talks``) is not the speaker's.

Conditional clauses (``if``, ``only if``, ``unless``, ``once``, ``as long as``,
``provided that``, ``in exchange for`` ...) in the same sentence — or, for
``Without that, ...``, in the sentence before — turn a support into
``conditional``; their spans are the conditions.

Pure functions: :class:`TopicMatcher` is built once per component and
:func:`find_stances` reads a Doc and its attribution drafts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ...config import Topics
from ..columns import sentence_starts
from . import account, breach, carry, frames, holders, questions, rules, senses, signals, threats
from .account import time_clause
from .calibration import abstains, rule_confidence
from .conditions import end_char, find_conditions, other_clause
from .counterpart import find_counterpart
from .rules import Verdict
from .topics import PRONOUN_REACH, Mention, Mentions, TopicMatcher, pronoun_topics, target


@dataclass(frozen=True, slots=True)
class StanceDraft:
    """A statement's stance on one topic, in character offsets, with the name of the rule that decided it."""

    topic: str
    stance: str
    target: tuple[int, int]
    conditions: tuple[tuple[int, int], ...] = ()
    cues: tuple[str, ...] = ()
    confidence: float = 0.0
    rule: str = ""
    #: The phrase naming the other party ("with Tarsk"), character offsets; None: none named.
    counterpart: tuple[int, int] | None = None
    #: Where the topic was named when the content only points back to it ("the talks ... they're finished"),
    #: character offsets; None: the content names it (:mod:`.carry`).
    carried_from: tuple[int, int] | None = None


def find_stances(
    doc: Doc,
    statements: Sequence,
    topics: Topics,
    matcher: TopicMatcher,
    *,
    titles: tuple[str, ...] | None = None,
) -> list[list[StanceDraft]]:
    """The stances of every statement, in ``statements`` order.

    Args:
        doc: A parsed Doc.
        statements: Attribution drafts (``content`` char pieces, ``cue`` Span, ``source`` Span).
        topics: The topic vocabulary.
        matcher: A :class:`TopicMatcher` for ``topics``.
        titles: Office titles (:func:`stanceline.config.load_titles`); ``None``: the shipped ones.

    Returns:
        One list of :class:`StanceDraft` per statement (one per topic it bears on).
    """
    if not statements:
        return []
    mentions = Mentions(matcher(doc))  # indexed by head: a statement reads only the mentions near it
    heads = holders.title_heads(titles)
    political = _political(doc, mentions, topics)  # once per Doc: the senses read the whole text
    ids = frozenset(id(m) for m in political)
    out: list[list[StanceDraft]] = []
    for st in statements:
        drafts = list(_statement_stances(doc, st, mentions, topics, heads, ids))
        # the statements a pointing word can reach back to (carry.PARAGRAPHS_BACK paragraphs), not every
        # statement before: a list of all of them for each statement was quadratic on long articles
        first = len(out)
        here = getattr(st, "paragraph", 0)
        while first > 0 and here - getattr(statements[first - 1], "paragraph", 0) <= carry.PARAGRAPHS_BACK:
            first -= 1
        earlier = list(zip(statements[first : len(out)], out[first:], strict=True))
        named = frozenset(d.topic for d in drafts)
        drafts += _carried(doc, st, earlier, mentions, political, topics, heads, named)
        out.append(sorted(drafts, key=lambda d: d.target))
    return out


def _carried(
    doc: Doc,
    st,
    earlier: list,
    mentions: Mentions,
    political: list[Mention],
    topics: Topics,
    heads,
    named: frozenset[str] = frozenset(),
) -> list[StanceDraft]:
    """The stances of a statement whose content points back to a topic (:mod:`.carry`), read on the
    pointing word, with a lower confidence; a particle that points back must take a side. ``named``: the
    topics the content names itself; with some, only a particle with its object left out points back, to
    another topic ("we are backing off in light of the attack": the talks, not the attack)."""
    inside = _content_tokens(doc, st.content)
    if not inside:
        return []
    found = carry.carried_mentions(doc, st, inside, cue_word(st), earlier, political, topics)
    if named:
        found = [(m, a) for m, a in found if m.root(doc).pos_ != "PRON" and m.topic not in named]
    out: dict[str, StanceDraft] = {}
    for m, ante in found:
        for d in _statement_stances(doc, st, mentions, topics, heads, given=[m]):
            if d.rule == "no-stance-word" and m.root(doc).pos_ != "PRON":
                continue
            word = m.root(doc)
            if word.pos_ != "PRON":  # "backing off": the verb with its particle
                d = replace(
                    d, target=(min(word.head.idx, word.idx), max(d.target[1], word.head.idx + len(word.head)))
                )
            draft = replace(
                d,
                confidence=round(d.confidence * carry.CARRIED_CONFIDENCE, 2),
                counterpart=d.counterpart or ante.counterpart,
                carried_from=ante.span,
            )
            if d.topic not in out or out[d.topic].rule == "no-stance-word":
                out[d.topic] = draft
    return sorted(out.values(), key=lambda d: d.target)


def _content_tokens(doc: Doc, pieces: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in pieces:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def _statement_stances(
    doc: Doc,
    st,
    mentions: Mentions,
    topics: Topics,
    heads: frozenset[str] | None = None,
    political: frozenset[int] | None = None,
    given: list[Mention] | None = None,
) -> Iterable[StanceDraft]:
    """The stances of one statement. ``political``: the ids of the Doc's mentions in their political sense
    (:func:`_political`; None: read here); ``given``: read these mentions only (words that point back)."""
    inside = _content_tokens(doc, st.content)
    if not inside:
        return []
    cue_root = cue_word(st)
    if given is not None:
        mine, framed, frame, threat, open_threat, pointing = given, [], set(), None, None, {}
    else:
        if political is None:
            political = frozenset(id(m) for m in _political(doc, mentions, topics))
        mine, framed, frame, pointing = _mentions(doc, st, inside, cue_root, mentions, topics, political)
        threat = threats.find_threat(doc, inside, topics)  # "they will face fire and fury if ..."
        open_threat = None if threat else threats.find_open_threat(doc, inside, topics)  # "you'll see"
    if not mine and not framed and threat is None and open_threat is None:
        return []
    sents: list[Span] = []
    starts = sentence_starts(doc)
    for i in sorted(inside):
        k = bisect_right(starts, i) - 1
        if not sents or sents[-1].start != starts[k]:
            sents.append(doc[starts[k] : starts[k + 1] if k + 1 < len(starts) else len(doc)])
    conditions = find_conditions(doc, sents, inside | fronted_clause(cue_root, inside), topics)
    # Read once per sentence, not once per topic word: a long quote may hold many.
    facts = {sent.start: questions.sentence_facts(sent, conditions, topics, inside) for sent in sents}
    cond_tokens = {i for c in conditions for i in range(c.start, c.end)}
    ctx = signals.Context(
        doc,
        inside,
        cue_root,
        (st.source.start, st.source.end) if st.source is not None else None,
        facts,
        topics,
        {m.root(doc).i for m in mine},
        holders.other_people(doc, st),
        heads,
    )
    best: dict[str, tuple[Verdict, tuple[int, int]]] = {}
    read = [(m, rules.decide(signals.read(m, ctx))) for m in mine if m.root(doc).i not in cond_tokens]
    # ("once the sanctions are lifted": the condition, not the position)
    verdicts = {m.root(doc).i: got for m, got in read}
    demand = account.demanded_readiness(doc, inside, topics)
    for m, got in read:
        got = _in_context(doc, m, got, verdicts, demand, topics)
        if got.stance is not None and not abstains(got.rule, got.stance, got.confidence):
            _keep(best, m.topic, got, target(doc, m))
    if threat is not None or open_threat is not None:
        _threat_verdict(doc, threat or open_threat, conditions, best, bare=open_threat is not None)
    for m in framed:
        if m.topic not in best:
            topic = topics.topics[m.topic]
            asked = frames.asked_of(m.root(doc), frame, topic, topics)
            answer = frames.answer_stance(doc, inside, conditions, asked, topic, topics)
            if not abstains(answer.rule, answer.stance, answer.confidence):
                best[m.topic] = (answer, target(doc, m))
    # "Kalden, who voted for every sanctions package, now argues ...": a relative clause tells the
    # background of the speaker; the news is the main clause's.
    background = 0.1 if cue_root is not None and cue_root.dep_ == "relcl" else 0.0
    # The mentions of a topic are weighed by their rules' own confidences (which rule is more specific);
    # what is given is the rule's measured precision (:mod:`.calibration`).
    drafts = [
        _draft(doc, topic, v, span, background, pointing.get(_first_token(doc, span), None), inside, mentions)
        for topic, (v, span) in best.items()
    ]
    return sorted(drafts, key=lambda d: d.target)


def _in_context(
    doc: Doc,
    m: Mention,
    got: Verdict,
    verdicts: dict[int, Verdict],
    demand: tuple[int, int] | None,
    topics: Topics,
) -> Verdict:
    """A mention's verdict as the rest of the statement qualifies it: an accused breach (the speaker holds to
    what another party broke), the content of a favoured topic word (:func:`agreed_content`), a demand that
    the other side show its readiness (:func:`_on_demand`)."""
    broken = (
        breach.accused_breach(m.root(doc)) if got.rule == "stance-word" and got.stance == "oppose" else None
    )
    if broken:  # "Velmora's claims run counter to the letter of the treaty": the speaker holds to it
        got = Verdict("support", (broken,), 0.6, "accused-breach")
    if got.rule == "no-stance-word" and not topics.topics[m.topic].pressure:
        got = agreed_content(m.root(doc), verdicts) or got
    # (a mention only named, "when I met the Front today", takes the demand's terms too)
    open_to = got.stance == "support" or got.rule == "no-stance-word"
    if demand is not None and open_to and not demand[0] <= m.start < demand[1]:
        got = _on_demand(doc, got, demand)
    return got


def _first_token(doc: Doc, span: tuple[int, int]) -> int | None:
    words = doc.char_span(*span, alignment_mode="expand")
    return words.start if words is not None else None


def _draft(
    doc: Doc,
    topic: str,
    v: Verdict,
    span: tuple[int, int],
    background: float,
    antecedent: int | None,
    inside: set[int],
    mentions: Mentions,
) -> StanceDraft:
    """One topic's stance draft, its confidence the rule's measured precision less ``background``."""
    return StanceDraft(
        topic,
        v.stance or "neutral",
        span,
        v.conditions,
        v.cues,
        round(rule_confidence(v.rule, v.confidence) - background, 2),
        v.rule,
        *_party(doc, span, antecedent, inside, mentions),
    )


def _party(
    doc: Doc, span: tuple[int, int], antecedent: int | None, inside: set[int], mentions: Mentions
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The counterpart of a stance, and where its topic was named when a pronoun points back to a topic
    word outside the content: the counterpart follows the antecedent ("talks with Tarsk ... we respect
    them")."""
    if antecedent is None:
        return _counterpart(doc, span) or _earlier_counterpart(doc, span, mentions), None
    named = next((target(doc, m) for m in mentions.between(antecedent, antecedent + 1)), None)
    return (
        _counterpart(doc, span) or find_counterpart(doc, doc[antecedent]),
        named if antecedent not in inside else None,
    )


#: Sentences back where a definite topic noun's earlier mention gives its counterpart.
_SENTENCES_BACK = 3


def _earlier_counterpart(doc: Doc, span: tuple[int, int], mentions: Mentions) -> tuple[int, int] | None:
    """A definite topic noun with no party of its own refers back ("talks with Tarsk opened ... the talks
    stalled"): the counterpart of the nearest earlier mention of its topic, in its sentence or the
    :data:`_SENTENCES_BACK` before, that names one."""
    words = doc.char_span(*span, alignment_mode="expand")
    if words is None or words.root.pos_ != "NOUN" or not senses.definite(words.root):
        return None
    root = words.root
    topic = next((m.topic for m in mentions.between(root.i, root.i + 1)), None)
    sent = root.sent
    for _ in range(_SENTENCES_BACK):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    # the window's mentions of the topic, nearest first (filtered before sorting: a long article has
    # thousands of mentions, and this runs for each definite topic noun)
    window = [m for m in mentions.between(sent.start, root.i) if m.topic == topic]
    for m in sorted(window, key=lambda m: m.head, reverse=True):
        found = find_counterpart(doc, m.root(doc))
        if found is not None:
            return found
    return None


# What links a topic word to the topic word whose content it is: "a deal with Tarsk on a
# pause in the shelling", "a deal that might lead to a pause in the shelling".
CONTENT_DEPS = frozenset({"pobj", "prep", "pcomp", "relcl", "acl", "xcomp", "dobj"})


def agreed_content(root: Token, verdicts: dict[int, Verdict]) -> Verdict | None:
    """A topic word that only names what another topic word of the statement is about takes its side when
    that one is favoured: "we have struck a deal with Tarsk on a pause in the shelling" favours
    the pause (rule ``agreed-content``; ``verdicts`` by topic-word index). Not for measures of pressure:
    "talks on the sanctions" favour no sanction."""
    tok = root
    for _ in range(4):
        if tok.dep_ not in CONTENT_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
        host = verdicts.get(tok.i)
        if host is not None and host.stance in ("support", "conditional") and host.rule != "no-stance-word":
            return Verdict(host.stance, host.cues, 0.6, "agreed-content", host.conditions)
    return None


def _on_demand(doc: Doc, got: Verdict, demand: tuple[int, int]) -> Verdict:
    """A support next to a demand that the other party show its readiness ("we will hold talks; the Front
    must show they are willing and able to ..."): conditional on it (rule ``demanded-readiness``); so is a
    mention only named ("when I met the Front today, ... the Front must show they are willing ..."): what the
    speaker demands of the other side before going on is the condition, read with less confidence (0.4: the
    mention itself takes no side, so a day's firmer reading outweighs it in a timeline). A mention another
    rule reads as neutral (a report, a forecast) stays so."""
    last = doc[demand[1] - 1]
    span = (doc[demand[0]].idx, last.idx + len(last))
    confidence = 0.4 if got.rule == "no-stance-word" else 0.65
    return Verdict(
        "conditional", (*got.cues, "must"), confidence, "demanded-readiness", (*got.conditions, span)
    )


def _counterpart(doc: Doc, span: tuple[int, int]) -> tuple[int, int] | None:
    """The other party named around the topic word of ``span`` (:mod:`.counterpart`)."""
    words = doc.char_span(*span, alignment_mode="expand")
    return find_counterpart(doc, words.root) if words is not None else None


def _mentions(
    doc: Doc,
    st,
    inside: set[int],
    cue_root: Token | None,
    mentions: Mentions,
    topics: Topics,
    political: frozenset[int],
) -> tuple[list[Mention], list[Mention], set[int], dict[int, int]]:
    """The statement's topic mentions in their political sense: those of its content (with the pronouns
    that point back to a topic word), those of the question it answers, that question's tokens, and the
    topic word each pronoun points back to (by token index)."""
    speaker = senses.speaker_words(doc, st)  # "The dockworkers' union said ... their strike": a labour strike
    other = speaker & topics.cue("other_domains")

    def topical(m: Mention) -> bool:
        return id(m) in political and not other and not speaker & topics.topics[m.topic].senses

    # only the mentions among the content's tokens, and the 60 before that a pronoun can point back to
    lo, hi = min(inside), max(inside) + 1
    near = mentions.between(lo - PRONOUN_REACH, hi)
    mine = [m for m in near if m.head in inside and topical(m)]  # (m.head: m.root(doc).i, no Token made)
    # "Asked whether Tarsk would return to the talks, Veldt said: ...": the topic of the question answered
    frame = frames.frame_tokens(doc, cue_root, inside)
    framed = (
        [m for m in mentions.between(min(frame), max(frame) + 1) if m.head in frame and topical(m)]
        if frame
        else []
    )
    # "it" and "they" whose nearest noun before is a topic word take its topic: "we respect it"
    kept = {id(m) for m in mine}
    pointing: dict[int, int] = {}
    for topic, i, j in pronoun_topics(
        doc, inside, {m.head: m.topic for m in near if id(m) in kept or m.head not in inside}
    ):
        mine.append(Mention(topic, i, i + 1, i))
        pointing[i] = j
    return mine, framed, frame, pointing


def _political(doc: Doc, mentions: Mentions, topics: Topics) -> list[Mention]:
    """The mentions in their political sense, as far as the text around them shows it (the statement's
    speaker may show another: :func:`_mentions`)."""
    domains = topics.cue("other_domains")
    argued = senses.argued_topics(doc, mentions, topics)  # "a meeting with the president ... the meeting"
    named = senses.named_topics(doc, mentions, topics)  # "the talks in Halden ... the meetings there"
    return [
        m
        for m in mentions
        if not senses.signs_something_else(doc, m, mentions, topics)
        # a phrase ("hit back", "open fire") needs no argument; a single argued word does
        and (m.end - m.start > 1 or senses.in_sense(m.root(doc), topics.topics[m.topic], argued, named))
        and not senses.other_sense(m.root(doc), topics.topics[m.topic].senses, domains)
    ]


def _threat_verdict(
    doc: Doc,
    m: Mention,
    conditions: list,
    best: dict[str, tuple[Verdict, tuple[int, int]]],
    bare: bool = False,
) -> None:
    """A threat with its conditions is conditional military action (rule ``threat``): "they will face fire
    and fury if they threaten us again", "Tarsk had better stop its shelling, or ...". A threat that needs
    none (``bare``: :func:`.threats.find_open_threat`) is support without them (rule ``open-threat``):
    "you'll see"."""
    tok = m.root(doc)
    verb = tok.head if tok.lower_ == "better" else tok
    conds = [
        c
        for c in conditions
        if c.sent == tok.sent.start and c.kind != "until" and not other_clause(doc, c, verb)
    ]
    if not conds:
        if bare:
            got = Verdict("support", (tok.lower_,), 0.6, "open-threat")
            _keep(best, m.topic, got, (tok.idx, tok.idx + len(tok)))
        return
    spans = tuple(sorted({(doc[c.start].idx, end_char(doc, c)) for c in conds}))
    cues = tuple(dict.fromkeys((tok.lower_, *(c.words for c in conds if c.words))))
    _keep(best, m.topic, Verdict("conditional", cues, 0.7, "threat", spans), (tok.idx, tok.idx + len(tok)))


def _keep(
    best: dict[str, tuple[Verdict, tuple[int, int]]], topic: str, got: Verdict, span: tuple[int, int]
) -> None:
    """Keep the strongest verdict per topic; two conditional ones are one position."""
    prev = best.get(topic)
    if prev is not None and prev[0].stance == got.stance == "conditional":
        # Two conditional mentions of one topic ("Once they honour the accord, they may
        # join the talks. Without that, there is nothing to discuss."): one position.
        was = prev[0]
        cues_seen = tuple(dict.fromkeys(was.cues + got.cues))  # in order, once each
        conditions = tuple(sorted(set(was.conditions) | set(got.conditions)))
        best[topic] = (Verdict(was.stance, cues_seen, was.confidence, was.rule, conditions), prev[1])
    elif prev is None or _rank(got) > _rank(prev[0]):
        best[topic] = (got, span)


def _rank(v: Verdict) -> tuple[int, float]:
    return (2 if v.stance == "conditional" else 1 if v.stance != "neutral" else 0, v.confidence)


# Auxiliaries that open an inverted condition the parser may take for the cue's complement: "Should Tarsk
# respond, ..."
INVERTED = frozenset({"should", "had", "were"})


def fronted_clause(cue_root: Token | None, inside: set[int]) -> set[int]:
    """The tokens of an adverbial clause of the cue that opens the sentence before the content: "Should
    Tarsk withdraw its troops, Veldt said the talks would resume" (its conditions are the content's; a past
    time clause, "When the talks began, Veldt said ...", is when it was said, and a participle, "Asked if
    ...", the question answered)."""
    if cue_root is None or not inside:
        return set()
    first = min(inside)
    return {
        i
        for c in cue_root.children
        if (c.dep_ == "advcl" or (c.dep_ == "ccomp" and c.left_edge.lower_ in INVERTED))
        and c.right_edge.i < first
        and c.right_edge.i < cue_root.i
        and not time_clause(c)
        # "Asked if the embargo would last, Veldt said ...": a participle with no subject frames a question
        and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for i in range(c.left_edge.i, c.right_edge.i + 1)
    }


def cue_word(st) -> Token | None:
    """The word of the cue that takes the stance: its lemma's word ("critical" in "has been critical of"),
    else the cue's root."""
    if st.cue is None:
        return None
    first = (st.cue_lemma or "").split(" ")[0]
    return next((t for t in st.cue if first and first in (t.lower_, t.lemma_.lower())), st.cue.root)
