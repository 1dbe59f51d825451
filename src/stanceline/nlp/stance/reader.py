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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...config import Topics
from . import account, frames, holders, questions, rules, senses, signals, threats
from .account import time_clause
from .calibration import abstains, rule_confidence
from .conditions import end_char, find_conditions, other_clause
from .counterpart import find_counterpart
from .rules import Verdict
from .topics import Mention, TopicMatcher, pronoun_topics, target


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
    mentions = matcher(doc)
    heads = holders.title_heads(titles)
    return [list(_statement_stances(doc, st, mentions, topics, heads)) for st in statements]


def _content_tokens(doc: Doc, pieces: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in pieces:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def _statement_stances(
    doc: Doc, st, mentions: list[Mention], topics: Topics, heads: frozenset[str] | None = None
) -> Iterable[StanceDraft]:
    inside = _content_tokens(doc, st.content)
    if not inside:
        return []
    cue_root = cue_word(st)
    mine, framed, frame = _mentions(doc, st, inside, cue_root, mentions, topics)
    threat = threats.find_threat(doc, inside, topics)  # "they will face fire and fury if ..."
    if not mine and not framed and threat is None:
        return []
    sents: list[Span] = []
    for i in sorted(inside):
        s = doc[i].sent
        if not sents or sents[-1].start != s.start:
            sents.append(s)
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
        if got.rule == "no-stance-word" and not topics.topics[m.topic].pressure:
            got = agreed_content(m.root(doc), verdicts) or got
        if demand is not None and got.stance == "support" and not demand[0] <= m.start < demand[1]:
            got = _on_demand(doc, got, demand)
        if got.stance is not None and not abstains(got.rule, got.stance, got.confidence):
            _keep(best, m.topic, got, target(doc, m))
    if threat is not None:
        _threat_verdict(doc, threat, conditions, best)
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
    out = [
        StanceDraft(
            topic,
            v.stance or "neutral",
            span,
            v.conditions,
            v.cues,
            round(rule_confidence(v.rule, v.confidence) - background, 2),
            v.rule,
            _counterpart(doc, span),
        )
        for topic, (v, span) in best.items()
    ]
    out.sort(key=lambda d: d.target)
    return out


# What links a topic word to the topic word whose content it is: "an understanding with Tarsk on a
# reduction in violence", "an understanding that could result in a reduction in violence".
CONTENT_DEPS = frozenset({"pobj", "prep", "pcomp", "relcl", "acl", "xcomp", "dobj"})


def agreed_content(root: Token, verdicts: dict[int, Verdict]) -> Verdict | None:
    """A topic word that only names what another topic word of the statement is about takes its side when
    that one is favoured: "we have come to an understanding with Tarsk on a reduction in violence" favours
    the reduction (rule ``agreed-content``; ``verdicts`` by topic-word index). Not for measures of pressure:
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
    must show they are willing and able to ..."): conditional on it (rule ``demanded-readiness``). A mention
    that takes no side stays neutral: the demand qualifies a position, it does not make one."""
    last = doc[demand[1] - 1]
    span = (doc[demand[0]].idx, last.idx + len(last))
    return Verdict("conditional", (*got.cues, "must"), 0.65, "demanded-readiness", (*got.conditions, span))


def _counterpart(doc: Doc, span: tuple[int, int]) -> tuple[int, int] | None:
    """The other party named around the topic word of ``span`` (:mod:`.counterpart`)."""
    words = doc.char_span(*span, alignment_mode="expand")
    return find_counterpart(doc, words.root) if words is not None else None


def _mentions(
    doc: Doc, st, inside: set[int], cue_root: Token | None, mentions: list[Mention], topics: Topics
) -> tuple[list[Mention], list[Mention], set[int]]:
    """The statement's topic mentions in their political sense: those of its content (with the pronouns
    that point back to a topic word), those of the question it answers, and that question's tokens."""
    domains = topics.cue("other_domains")
    speaker = senses.speaker_words(doc, st)  # "The dockworkers' union said ... their strike": a labour strike
    argued = senses.argued_topics(doc, mentions, topics)  # "a meeting with the president ... the meeting"

    def topical(m: Mention) -> bool:
        return (
            not senses.signs_something_else(doc, m, mentions, topics)
            # a phrase ("hit back", "open fire") needs no argument; a single argued word does
            and (m.end - m.start > 1 or senses.in_sense(m.root(doc), topics.topics[m.topic], argued))
            and not senses.other_sense(m.root(doc), topics.topics[m.topic].senses, domains)
            and not speaker & (topics.topics[m.topic].senses | domains)
        )

    mine = [m for m in mentions if m.root(doc).i in inside and topical(m)]
    # "Asked whether Tarsk would return to the talks, Veldt said: ...": the topic of the question answered
    frame = frames.frame_tokens(doc, cue_root, inside)
    framed = [m for m in mentions if m.root(doc).i in frame and topical(m)] if frame else []
    # "it" and "they" whose nearest noun before is a topic word take its topic: "we respect it"
    kept = {id(m) for m in mine}
    mine += [
        Mention(topic, i, i + 1, i)
        for topic, i in pronoun_topics(
            doc, inside, {m.head: m.topic for m in mentions if id(m) in kept or m.head not in inside}
        )
    ]
    return mine, framed, frame


def _threat_verdict(
    doc: Doc, m: Mention, conditions: list, best: dict[str, tuple[Verdict, tuple[int, int]]]
) -> None:
    """A threat with its conditions is conditional military action (rule ``threat``): "they will face fire
    and fury if they threaten us again", "Tarsk had better stop its shelling, or ..."."""
    tok = m.root(doc)
    verb = tok.head if tok.lower_ == "better" else tok
    conds = [
        c
        for c in conditions
        if c.sent == tok.sent.start and c.kind != "until" and not other_clause(doc, c, verb)
    ]
    if not conds:
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
