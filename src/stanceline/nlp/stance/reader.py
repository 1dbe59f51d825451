"""Topics, stance and conditions of each statement, read from the dependency parse.

For every statement the topic words inside its content are found (lemmas,
phrases and Matcher patterns from ``data/topics.toml``). Each mention gets a
polarity from the words that govern it in the parse — the path from the topic
word up to its clause's root, and on to the attribution cue ("Veldt *rejected*
the talks"):

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
from ..attribution import for_clause
from ..lexicon import FIRST_PERSON
from ..lexicon import FIRST_PERSON_SUBJECTS as _FIRST_PERSON
from . import frames, grammar, holders, judgement, modality, negation, questions, senses
from .conditions import end_char, find_conditions, other_clause
from .grammar import COPULAS, SUBJECT
from .polarity import cue_text as _cue_text
from .polarity import polarity as _polarity
from .topics import Mention, TopicMatcher, pronoun_topics, target


@dataclass(frozen=True, slots=True)
class StanceDraft:
    """A statement's stance on one topic, in character offsets."""

    topic: str
    stance: str
    target: tuple[int, int]
    conditions: tuple[tuple[int, int], ...] = ()
    cues: tuple[str, ...] = ()
    confidence: float = 0.0


# Subjects that are the speaker or a pronoun, never another named actor.
_NOT_ANOTHER_ACTOR = FIRST_PERSON | {"he", "she", "it"}
_STOP_DEPS = frozenset({"advcl", "relcl"})
# "the conditions for lifting the sanctions": what must happen first, so the measure stays until then.
_DEMAND_NOUNS = frozenset({"condition", "precondition", "prerequisite", "price", "term", "requirement"})
# "I was wrong", "we were mistaken": a speaker taking back what they did or said before.
_RETRACTION = frozenset({"wrong", "mistaken"})
# Hedges that soften the speaker's own readiness; with a condition attached they make a conditional
# ("they might join the talks if ..."). Deliberation ("will consider lifting ... if ...") commits to nothing.
_SOFTENERS = frozenset({"might", "perhaps", "maybe", "possibly"})
# Quantities next to nothing: "little appetite", "scant interest" deny what the noun wants.
_SCANT = frozenset({"little", "scant", "zero"})
# Conditions that end a refusal or a measure: "unless", "without that", "until".
_EXIT_KINDS = frozenset({"negative", "until"})
# "as long as" after keeping a measure of pressure says how long it stays: exit terms too
_WHILE_MARKERS = frozenset({"as long as", "so long as"})


def find_stances(
    doc: Doc, statements: Sequence, topics: Topics, matcher: TopicMatcher
) -> list[list[StanceDraft]]:
    """The stances of every statement, in ``statements`` order.

    Args:
        doc: A parsed Doc.
        statements: Attribution drafts (``content`` char pieces, ``cue`` Span, ``source`` Span).
        topics: The topic vocabulary.
        matcher: A :class:`TopicMatcher` for ``topics``.

    Returns:
        One list of :class:`StanceDraft` per statement (one per topic it bears on).
    """
    if not statements:
        return []
    mentions = matcher(doc)
    return [list(_statement_stances(doc, st, mentions, topics)) for st in statements]


def _content_tokens(doc: Doc, pieces: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in pieces:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            out.update(range(span.start, span.end))
    return out


def _statement_stances(doc: Doc, st, mentions: list[Mention], topics: Topics) -> Iterable[StanceDraft]:
    inside = _content_tokens(doc, st.content)
    if not inside:
        return []
    domains = topics.cues.get("other_domains", frozenset())
    speaker = senses.speaker_words(doc, st)  # "The dockworkers' union said ... their strike": a labour strike
    cue_root = cue_word(st)

    def topical(m: Mention) -> bool:
        return (
            not senses.signs_something_else(doc, m, mentions)
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
    if not mine and not framed:
        return []
    sents: list[Span] = []
    for i in sorted(inside):
        s = doc[i].sent
        if not sents or sents[-1].start != s.start:
            sents.append(s)
    conditions = find_conditions(doc, sents, inside)
    # Read once per sentence, not once per topic word: a long quote may hold many.
    facts = {sent.start: questions.sentence_facts(sent, conditions, topics.cues, inside) for sent in sents}
    cond_tokens = {i for c in conditions for i in range(c.start, c.end)}
    source = (st.source.start, st.source.end) if st.source is not None else None
    best: dict[str, tuple] = {}
    roots = {m.root(doc).i for m in mine}
    others = holders.other_people(doc, st)
    for m in mine:
        if m.root(doc).i in cond_tokens:
            continue  # "once the sanctions are lifted": the condition, not the position
        got = _mention_stance(doc, m, inside, cue_root, source, facts, topics, roots, others)
        if got is None:
            continue
        prev = best.get(m.topic)
        if prev is not None and prev[0] == got[0] == "conditional":
            # Two conditional mentions of one topic ("Once they honour the accord, they may
            # join the talks. Without that, there is nothing to discuss."): one position.
            cues_seen = tuple(dict.fromkeys(prev[3] + got[3]))  # in order, once each
            got = (prev[0], prev[1], tuple(sorted(set(prev[2]) | set(got[2]))), cues_seen, prev[4])
            best[m.topic] = got
        elif prev is None or _rank(got) > _rank(prev):
            best[m.topic] = got
    for m in framed:
        if m.topic not in best:
            topic = topics.topics[m.topic]
            asked = frames.asked_of(m.root(doc), frame, topic, topics.cues)
            stance, spans, cues_used, conf = frames.answer_stance(
                doc, inside, conditions, asked, topic.pressure
            )
            best[m.topic] = (stance, target(doc, m), spans, cues_used, conf)
    # "Kalden, who voted for every sanctions package, now argues ...": a relative clause tells the
    # background of the speaker; the news is the main clause's.
    background = 0.1 if cue_root is not None and cue_root.dep_ == "relcl" else 0.0
    out = []
    for topic, (stance, span, conds, cues, conf) in best.items():
        out.append(StanceDraft(topic, stance, span, conds, cues, round(conf - background, 2)))
    out.sort(key=lambda d: d.target)
    return out


def _rank(got: tuple) -> tuple[int, float]:
    stance, _, _, _, conf = got
    return (2 if stance == "conditional" else 1 if stance != "neutral" else 0, conf)


def _mention_stance(
    doc: Doc,
    m: Mention,
    inside: set[int],
    cue_root: Token | None,
    source: tuple[int, int] | None,
    sentence_facts: dict[int, questions.SentenceFacts],
    topics: Topics,
    roots: set[int],
    others: tuple = (frozenset(), frozenset(), frozenset()),
):
    cues = topics.cues
    topic = topics.topics[m.topic]
    root = m.root(doc)
    path = [root]
    tok = root
    while tok.head.i != tok.i:
        if tok.dep_ == "relcl" and tok is not root and tok.head.dep_ in ("pobj", "dobj"):
            noun, gov = tok.head, tok.head.head
            if gov.i in inside and _polarity(gov, gov.lemma_.lower(), topic, cues):
                path.extend([noun, gov])  # "vote against any bill that loosened the embargo"
                tok = gov
                continue
        if (
            tok.dep_ in _STOP_DEPS
            and path[-1] is not root
            and not grammar.infinitival(tok)
            and not (cue_root is not None and tok.head.i == cue_root.i and for_clause(tok) is not None)
            and not judgement.named_as(tok)
            and not grammar.proposal_clause(tok)
        ):
            break
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok is not root:
            break  # a coordinated clause is an assertion of its own
        if (
            tok.dep_ in ("acl", "ccomp", "relcl")
            and tok.head.pos_ == "NOUN"
            and tok is not root
            and tok.head.lower_ != "case"
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in tok.children)
        ):
            break  # "there is no doubt that talks must resume": the clause, not the noun's negation
            # (but "it is not the case that ..." denies it)
        head = tok.head
        if cue_root is not None and head.i == cue_root.i:
            path.append(head)
            break
        if (
            cue_root is not None
            and head.dep_ == "prep"
            and head.head.i == cue_root.i
            and head.i not in inside
        ):
            path.extend([head, cue_root])  # "called for new talks": the cue's own preposition
            break
        if head.lemma_ == tok.lemma_ and tok.pos_ == "VERB" and tok.dep_ in ("ccomp", "parataxis"):
            break  # "we are not rejecting the talks; we are rejecting the date": a correction, two clauses
        if head.i not in inside or grammar.ellipsis_echo(tok, head):
            break
        path.append(head)
        if tok.dep_ in _STOP_DEPS and not grammar.infinitival(tok):
            break
        tok = head
    sign = 0
    decided: list[str] = []
    negations = 0
    hedged = False
    softened = True  # every hedge so far only softens the speaker's own readiness ("would consider", "might")
    demand = False
    attitude = shared = theirs = False
    retracted = any(
        doc[i].lemma_.lower() in _RETRACTION
        and doc[i].dep_ == "acomp"
        and any(c.dep_ in SUBJECT and c.lower_ in _FIRST_PERSON for c in doc[i].head.children)
        for i in inside
    )
    for k, t in enumerate(path):
        lemma = t.lemma_.lower()
        if k > 0:
            # Another actor's position: "Kastell wants talks" inside Veldt's statement.
            if lemma in cues["reported"] and (cue_root is None or t.i != cue_root.i):
                subj = next((c for c in t.children if c.dep_ in SUBJECT), None)
                if (
                    subj is not None
                    and subj.lower_ not in _NOT_ANOTHER_ACTOR
                    and (subj.pos_ == "PROPN" or any(c.dep_ == "poss" for c in subj.children))
                    and not (source and source[0] <= subj.idx < source[1])
                ):  # "Kalden's critics want"
                    return None
            if (cue_root is None or t.i != cue_root.i) and holders.theirs(
                t, path[k - 1], cues["reported"], source, others
            ):
                theirs = (
                    True  # "the opposition wanted ...", "Kastell's enthusiasm for ...": reported, not taken
                )
                decided.append(f"{t.text.lower()} (theirs)")
                continue
            if lemma == "let" and any(
                c.dep_ in SUBJECT and c.lower_ in ("them", "him", "her") for c in path[k - 1].children
            ):
                return None  # "Let them keep their sanctions": a shrug at another party's choice
            if t.dep_ == "prep" and t.head.lemma_.lower() in _DEMAND_NOUNS and topic.pressure and sign < 0:
                sign, demand = 1, True  # "the conditions for lifting the sanctions were unchanged"
                decided.append(f"{t.head.text.lower()} {t.lower_}")
                continue
            if (cue_root is None or t.i != cue_root.i) and holders.held_by_other(t, others, cues["reported"]):
                return None  # "the prime minister had always been ready to talk", told by her minister
            polar = (
                0
                if judgement.naming(t, path[k - 1], cues) or modality.counted(t)
                else _polarity(t, lemma, topic, cues, path[k - 1])
            )
            judged = modality.judged_clause(path[k - 1], t, cues)
            if judged and not polar:
                polar, negations = judged[0], negations + judged[2]  # "a mistake to lift the sanctions"
                decided.append(judged[1])
            if modality.denied_clause(path[k - 1], t):
                negations += 1  # "it was untrue that Tarsk had turned away the lorries"
                decided.append("untrue")
            if modality.dispreferred(path[k - 1], t):
                polar = -1  # "would sooner resign than sign the accord"
                decided.append(f"{path[k - 1].text.lower()} rather")
            elif not polar and (modality.preferred(path[k - 1], t) or modality.compared(path[k - 1], t)):
                polar = modality.compared(path[k - 1], t) or 1  # "rather see the talks drag on than ...",
                decided.append(t.text.lower())  # "better than no election"
            if (
                polar
                and retracted
                and t.tag_ == "VBD"
                and any(c.dep_ in SUBJECT and c.lower_ in _FIRST_PERSON for c in t.children)
            ):
                polar = -polar  # "I supported the sanctions ... I was wrong"
                decided.append("wrong")
            if polar:
                sign = polar if sign == 0 else sign * polar
                decided.append(_cue_text(t))
                if t.i != root.head.i:
                    attitude = True  # a stance above the topic's own verb: "hoped trade could restart"
            if negation.not_enough(t):
                # "did not go far enough": wants more of it (the negation is spent); what came
                # before still counts ("lifting the sanctions had not gone far enough").
                sign, negations = sign or 1, negations - 1
                decided.append("not enough")
            if lemma in cues["negators"] and t.dep_ not in ("prep", "cc"):
                negations += 1
                decided.append(t.text.lower())
        if (
            lemma in cues["hedges"]
            and k > 0
            and not (lemma == "question" and any(c.lower_ == "no" for c in t.children))
        ):  # "there is no question of accepting it": a refusal
            hedged = True
            softened = softened and lemma in _SOFTENERS
            decided.append(t.text.lower())
        for c in t.children:
            if c.i >= m.start and c.i < m.end and k == 0 and c.i != root.i and c.dep_ not in ("det", "neg"):
                continue
            cl = c.lower_
            if k > 0 and c.dep_ == "amod" and cl in _SCANT and t.pos_ == "NOUN":
                negations += 1  # "little appetite for a war", "scant interest in talks"
                decided.append(cl)
            elif c.dep_ == "amod" and cl == "more" and any(g.lower_ == "no" for g in c.children):
                negations += 1  # "No more strikes on the valley"
                decided.append("no more")
            elif (
                c.dep_ == "neg"
                or (
                    cl in cues["negators"]
                    and c.dep_ in ("det", "advmod", "npadvmod", "neg", "preconj", "dobj")
                )
                or (k > 0 and cl in cues["negators"] and c.dep_ in ("nsubj", "nsubjpass"))
            ):  # "nobody wants"
                if negation.not_a_clause_negation(c, t, path[k - 1] if k else None):
                    continue  # "not only", "not all of the aid", "yesterday, not next year"
                negations += 1
                decided.append(c.text.lower())
            elif negation.negated_dependent(c, k, cues["negators"]) and not (k > 0 and c.i == path[k - 1].i):
                # (a subject on the path has had its "no" counted already: "that no sanction be lifted")
                negations += 1  # "was not opposed" (the "not" hangs on the auxiliary), "no one wants"
                decided.append(c.text.lower())
            elif (
                k > 0
                and c.lemma_.lower() in cues["hedges"]
                and c.dep_ in ("advmod", "aux", "mark", "acomp")
                and not grammar.framed_by_condition(c)
            ):
                hedged = True
                softened = softened and c.lemma_.lower() in _SOFTENERS
                decided.append(c.text.lower())
    if any(modality.pretended(t) for t in path[1:]):
        negations += 1  # "It is not as though we have ever refused to talk": the clause is denied
        decided.append("not as though")
    done = grammar.passive_infinitive(root)  # "called for the measures to be phased out"
    if done is not None and (polar := _polarity(done, done.lemma_.lower(), topic, cues)):
        sign = polar if sign == 0 else sign * polar
        decided.append(_cue_text(done))
    # The topic word as the subject of an evaluative predicate: "talks would be a trap"; or the noun
    # that carries it: "Veldt's call for a truce was a ploy".
    ev = judgement.evaluation(root, cues)
    carried = False
    if ev is None:
        # the carrier may be a gerund: "reopening trade now would be reckless"
        carrier = next(
            (
                t
                for t in path[1:]
                if (t.pos_ == "NOUN" or t.tag_ == "VBG")
                and (
                    t.dep_ in (*SUBJECT, "csubj")
                    or (t.dep_ == "dobj" and t.head.lemma_.lower() in judgement.DESCRIBE)
                )
            ),
            None,
        )
        if carrier is not None:
            ev = judgement.evaluation(carrier, cues)
            carried = ev is not None
    if ev and (
        carried
        or judgement.naming(root.head, root, cues)
        or not (
            root.head.lemma_.lower() not in COPULAS
            and _polarity(root.head, root.head.lemma_.lower(), topic, cues)
        )
    ):
        sign = ev[0] if sign == 0 else sign * ev[0]
        decided.append(ev[1])
        negations += ev[2]
    if sign == 0:
        # "the truce had become a shield and should end": a predicate it shares with another.
        # "the proposed assistance package ... was misconceived and should be withdrawn": the noun the topic
        # word qualifies holds the predicates
        for v in modality.shared_predicates(root.head if root.dep_ == "compound" else root):
            polar = _polarity(v, v.lemma_.lower(), topic, cues)
            if polar:
                # its own negation only: in "were not aimed at farmers and would remain" the "not" is the first's
                sign = polar
                negations = sum(1 for c in v.children if c.dep_ == "neg")
                decided.append(_cue_text(v))
                path.append(v)
                shared = True
                break
    if sign == 0 and modality.deontic(path):
        sign = 1  # "aid must reach Hallum today": the speaker wants it
        decided.append("must")
    if (modality.forecast(root) or modality.scheduled(root)) and not attitude:
        hedged, softened = True, False  # "trade could pick up again if the crossing reopened": a forecast
        decided.append("could")
    if root.dep_ in SUBJECT and any(
        c.dep_ == "attr" and c.i in roots and c.i != root.i for c in root.head.children
    ):
        return None  # "A ceasefire is not a negotiation" is about negotiations
    sent = root.sent
    facts = sentence_facts[sent.start]
    # "asked whether Velmora would send troops": an embedded question takes no side either
    question = facts.question or any(
        c.dep_ == "mark" and c.lower_ == "whether" and not grammar.framed_by_condition(c)
        for t in path
        for c in t.children
    )
    if root.lemma_.lower() in topic.barriers and sign:
        sign = -sign  # "lifting the tariffs" favours trade: a tariff is a barrier to it
        decided.append(f"{root.lemma_.lower()} (a barrier)")
    polarity = sign if sign else (1 if root.pos_ == "VERB" else 0)
    if negations % 2:
        polarity = -polarity if polarity else -1
    confidence = 0.8 if sign else 0.6
    if negations >= 2 or (negations and sign < 0 < polarity):
        confidence = 0.55  # double negation: "did not exclude talks" is a softened yes
    if facts.answer < 0 and sign:
        polarity = -polarity  # "Are we against trade? Of course not."; "Is it realistic? No." takes no side
        decided.append("answered no")
    elif abs(facts.answer) == 2:
        # "Would we sit across a table from them? We would not.": the answer echoes the speaker's own act
        polarity = (polarity or 1) * (1 if facts.answer > 0 else -1)
        decided.append("answered")
    span = target(doc, m)
    if facts.hedges:
        hedged, softened = True, False
        decided.extend(facts.hedges)
    possible = any(
        t.lemma_.lower() in cues["possibility"]
        or " ".join([t.lemma_.lower(), *(c.lower_ for c in t.children if c.dep_ == "prt")])
        in cues["possibility"]
        for t in path
    )
    if negations % 2 and (
        modality.knowing(path, cue_root)
        or (sign == 0 and root.pos_ != "VERB" and modality.past_event(path, cue_root))
    ):
        # "nobody knows what the ballot will bring", "he had not yet read the accord": no position
        return ("neutral", span, (), tuple(decided), 0.5)
    if theirs and not ev:
        return (
            "neutral",
            span,
            (),
            tuple(decided),
            0.5,
        )  # another's attitude, reported without a judgement
    if negations % 2 and possible:
        return ("neutral", span, (), tuple(decided), 0.55)  # "did not exclude talks": a door left open
    if question and facts.rhetorical:
        # "Who in their right mind would sit down with them?" asks for no answer: it denies.
        return ("oppose" if polarity >= 0 else "support", span, (), tuple(decided) + ("?",), 0.6)
    conds = tuple(c for c in facts.conditions if not other_clause(doc, c, root))
    if hedged and softened and not question and polarity >= 0 and any(c.kind != "until" for c in conds):
        hedged = False  # "Tarsk might join the talks if Velmora lifted the embargo": a conditional yes
    if hedged or question:
        return ("neutral", span, (), tuple(decided) + (("?",) if question else ()), 0.5)
    if (modality.reported_event(root) and not shared) or (
        modality.happened(root, path)
        and not (ev and negations % 2)
        and (ev or _polarity(root.head, root.head.lemma_.lower(), topic, cues))
    ):
        return ("neutral", span, (), ("had been",), 0.5)  # "the ceasefire had been violated": a fact
    if negations % 2 == 0 and modality.tally(doc, m, path, cue_root, cues):
        return ("neutral", span, (), ("figures",), 0.5)  # "has delivered 2,300 tonnes of food aid": a tally
    if demand:
        return ("support", span, (), tuple(decided), 0.7)
    kinds = {c.kind for c in conds}
    if (
        conds
        and topic.pressure
        and (
            sign < 0
            or (polarity > 0 and (kinds <= _EXIT_KINDS or all(c.marker in _WHILE_MARKERS for c in conds)))
        )
    ):  # "the embargo stays as long as a soldier stands in Kelvik"
        # Lifting a measure of pressure on conditions keeps it until they are met:
        # "we will lift the sanctions once they withdraw" supports the sanctions.
        return ("support", span, (), tuple(decided) + tuple(c.marker for c in conds), 0.7)
    if polarity >= 0:
        # "until" ends a refusal ("will not trade until they pay"); after a yes it only says how long.
        conds = tuple(c for c in conds if c.kind != "until")
        kinds = {c.kind for c in conds}
    if conds and (polarity >= 0 or kinds & _EXIT_KINDS):
        spans = tuple(
            sorted(
                {
                    (doc[c.start].idx, end_char(doc, c))
                    for c in conds
                    if polarity >= 0 or c.kind in _EXIT_KINDS
                }
            )
        )
        markers = tuple(c.marker for c in conds)
        return ("conditional", span, spans, tuple(decided) + markers, 0.75)
    if polarity > 0:
        return ("support", span, (), tuple(decided), confidence)
    if polarity < 0:
        return ("oppose", span, (), tuple(decided), confidence)
    return ("neutral", span, (), tuple(decided), 0.5)


def cue_word(st) -> Token | None:
    """The word of the cue that takes the stance: its lemma's word ("critical" in "has been critical of"),
    else the cue's root."""
    if st.cue is None:
        return None
    first = (st.cue_lemma or "").split(" ")[0]
    return next((t for t in st.cue if first and first in (t.lower_, t.lemma_.lower())), st.cue.root)
