"""What the parse says about one topic mention, read along the path from the topic word to the cue.

:func:`read` walks up the dependency tree from the topic word to the statement's cue
(:func:`.path.walk`) and collects what it finds into a :class:`Signals`: the stance words on the path
and their product, the negations that govern it, hedges, whose attitude it is, judgements of the topic,
the question its sentence asks or answers, and the conditions of its clause. The verdict rules of
:mod:`.rules` decide the stance from these signals alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...config import Topic, Topics
from ..lexicon import FIRST_PERSON, FIRST_PERSON_SUBJECTS
from . import account, grammar, holders, judgement, modality, negation
from .conditions import Condition, other_clause
from .grammar import COPULAS, SUBJECT
from .path import walk
from .polarity import cue_text
from .polarity import polarity as word_polarity
from .questions import SentenceFacts
from .topics import Mention

# Subjects that are the speaker or a pronoun, never another named actor.
NOT_ANOTHER_ACTOR = FIRST_PERSON | {"he", "she", "it"}


@dataclass(frozen=True, slots=True)
class Context:
    """What one statement gives the reading of each of its topic mentions."""

    doc: Doc
    inside: set[int]  # token indices of the statement's content
    cue_root: Token | None  # the word of the cue that takes the stance
    source: tuple[int, int] | None  # the source's character offsets
    facts: dict[int, SentenceFacts]  # by sentence start
    topics: Topics
    roots: set[int]  # token indices of the statement's topic words
    others: tuple  # mentions of other people, the speaker's titles, mentions of other actors
    heads: frozenset[str] | None = None  # last words of the office titles (None: the shipped ones)
    # what is read once per statement, not once per topic mention (:func:`_retraction`)
    memo: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class Signals:
    """The signals around one topic mention; filled by :func:`read`, read by the rules."""

    mention: Mention
    root: Token  # the topic word
    topic: Topic
    path: list[Token]  # from the topic word up to the cue (or the clause's end)
    words: list[str] = field(default_factory=list)  # the words that decided, in reading order
    # -- not the speaker's stance at all (the reading stops at the first)
    another_actor: bool = False  # under a named other's attitude: "Veldt said Kastell wants talks"
    shrug: bool = False  # "Let them keep their sanctions"
    held_by_other: bool = False  # "the prime minister was ready to talk", told by her minister
    predicated: bool = False  # the subject of another topic word: "A ceasefire is not a negotiation"
    # -- the stance words and what turns them
    sign: int = 0  # product of the stance words (+1 wants it, -1 against it, 0 none)
    negations: int = 0  # negations that govern the path
    attitude: bool = False  # a stance word above the topic's own verb: "hoped trade could restart"
    judged: bool = False  # a judged clause: "a mistake to lift the sanctions"
    preferred: bool = False  # a preference or a comparison: "would sooner resign than sign", "better than"
    retracted: bool = False  # "I supported the sanctions ... I was wrong"
    not_enough: bool = False  # "did not go far enough"
    denied: bool = False  # a denied clause: "it was untrue that ...", "it is not as though ..."
    evaluation: tuple | None = None  # a judgement of the topic as subject ("a trap")
    evaluated: bool = False  # ... and it counted
    lexical: bool = False  # ... decided by VADER's valence, not by our lists: less sure
    shared: bool = False  # a predicate shared with another verb: "had become a shield and should end"
    deontic: bool = False  # "aid must reach Hallum"
    barrier: bool = False  # "lifting the tariffs": a barrier to the topic, the stance reversed
    demand: bool = False  # "the conditions for lifting the sanctions were unchanged"
    theirs: bool = False  # another's attitude, reported: "the opposition wanted ..."
    # -- hedges, questions, answers
    hedged: bool = False
    softened: bool = True  # every hedge only softens the speaker's own readiness ("might", "perhaps")
    forecast: str | None = None  # "forecast" (the topic could ...) or "timetable" (will open on 19 May)
    occurs: bool = False  # ... of the event coming about: "talks could happen", "tests could take place"
    question: bool = False
    rhetorical: bool = False
    answered: bool = False  # the speaker answers the question at once
    possible: bool = False  # a verb of possibility: "did not exclude talks"
    balanced: bool = False  # "neither confirm nor deny": two opposite verbs, both denied
    conceded: bool = False  # inside a concession: "even if Tarsk lifted the embargo, ..."
    # -- facts told rather than positions taken
    unknowable: bool = False  # negated knowing: "nobody knows what the ballot will bring"
    negated_past: bool = False  # a negated past event: "he had not yet read the accord"
    reported_event: bool = False  # "the ceasefire had been violated"
    happened: bool = False  # "the talks ended"
    tally: str | None = None  # the figure of "has delivered 2,300 tonnes of food aid"
    account: account.Account = field(default_factory=account.Account)  # the speaker's own (:mod:`.account`)
    # -- the outcome of the reading
    conditions: tuple[Condition, ...] = ()  # of the topic word's own clause
    polarity: int = 0  # the stance the words and negations give: +1, -1, 0
    confidence: float = 0.0

    @property
    def not_speakers(self) -> bool:
        """The reading stopped: the mention is not the speaker's to take a side on."""
        return self.another_actor or self.shrug or self.held_by_other or self.predicated

    @property
    def odd(self) -> bool:
        """An odd number of negations: the clause is denied."""
        return self.negations % 2 == 1

    @property
    def hedging(self) -> bool:
        """Hedged, unless a softened readiness with a condition attached is a conditional yes
        ("Tarsk might join the talks if Velmora lifted the embargo")."""
        conditional_yes = (
            self.softened
            and not self.question
            and self.polarity >= 0
            and any(c.kind != "until" for c in self.conditions)
        )
        return self.hedged and not conditional_yes


def read(m: Mention, ctx: Context) -> Signals:
    """The signals around topic mention ``m`` of a statement.

    Args:
        m: A topic mention inside the statement's content.
        ctx: The statement's context.

    Returns:
        The :class:`Signals`; when one of the "not the speaker's" signals is set, the reading stopped there.
    """
    root = m.root(ctx.doc)
    topic = ctx.topics.topics[m.topic]
    s = Signals(m, root, topic, walk(root, topic, ctx.topics, ctx.inside, ctx.cue_root))
    _read_path(s, ctx)
    if s.not_speakers:
        return s
    _read_clause(s, ctx)
    if root.dep_ in SUBJECT and any(
        c.dep_ == "attr" and c.i in ctx.roots and c.i != root.i for c in root.head.children
    ):
        s.predicated = True  # "A ceasefire is not a negotiation" is about negotiations
        return s
    _read_sentence(s, ctx)
    _read_facts(s, ctx)
    s.account = account.read(s.path, topic, ctx.topics, ctx.roots, ctx.inside, ctx.cue_root, ctx.source)
    return s


# ---- the path -----------------------------------------------------------------------------------------


def _read_path(s: Signals, ctx: Context) -> None:
    """Read every word of the path: the words above the topic word, then the hedges and the negations
    that hang on each."""
    retraction = _retraction(ctx)
    for k, t in enumerate(s.path):
        lemma = t.lemma_.lower()
        if k > 0 and _read_governor(s, ctx, k, t, lemma, retraction):
            if s.not_speakers:
                return
            continue
        if (
            lemma in ctx.topics.cue("hedges")
            and k > 0
            and not (lemma == "question" and any(c.lower_ == "no" for c in t.children))
        ):  # "there is no question of accepting it": a refusal
            _hedge(s, ctx, t.text.lower(), lemma)
        _read_dependents(s, ctx, k, t)


def _retraction(ctx: Context) -> Token | None:
    """The first retraction of the statement ("I was wrong"): a word of ``retractions`` as the complement of
    a first-person subject; read once per statement."""
    if "retraction" not in ctx.memo:
        ctx.memo["retraction"] = next(
            (
                ctx.doc[i]
                for i in sorted(ctx.inside)
                if ctx.doc[i].lemma_.lower() in ctx.topics.cue("retractions")
                and ctx.doc[i].dep_ == "acomp"
                and any(
                    c.dep_ in SUBJECT and c.lower_ in FIRST_PERSON_SUBJECTS for c in ctx.doc[i].head.children
                )
            ),
            None,
        )
    return ctx.memo["retraction"]  # type: ignore[return-value]


def _hedge(s: Signals, ctx: Context, word: str, lemma: str) -> None:
    s.hedged = True
    s.softened = s.softened and lemma in ctx.topics.cue("softeners")
    s.words.append(word)


def _read_governor(s: Signals, ctx: Context, k: int, t: Token, lemma: str, retraction: Token | None) -> bool:
    """Read ``t``, a word above the topic word; True when nothing more is to be read at ``t``."""
    prev = s.path[k - 1]
    not_cue = ctx.cue_root is None or t.i != ctx.cue_root.i
    if not_cue and lemma in ctx.topics.cue("reported") and _named_subject(t, ctx.source):
        s.another_actor = True  # "Kastell wants talks" inside Veldt's statement
        return True
    if not_cue and holders.theirs(t, prev, ctx.topics, ctx.source, ctx.others):
        s.theirs = True  # "the opposition wanted ...", "Kastell's enthusiasm for ...": reported, not taken
        s.words.append(t.text.lower())
        return True
    if lemma == "let" and any(
        c.dep_ in SUBJECT and c.lower_ in ("them", "him", "her") for c in prev.children
    ):
        s.shrug = True  # "Let them keep their sanctions": a shrug at another party's choice
        return True
    terms = ctx.topics.cue("demand_nouns")
    if t.dep_ == "prep" and t.head.lemma_.lower() in terms and s.topic.pressure and s.sign < 0:
        s.sign, s.demand = 1, True  # "the conditions for lifting the sanctions were unchanged"
        s.words.append(f"{t.head.text.lower()} {t.lower_}")
        return True
    if not_cue and holders.held_by_other(t, ctx.others, ctx.topics, ctx.heads):
        s.held_by_other = True  # "the prime minister had always been ready to talk", told by her minister
        return True
    _read_stance_word(s, ctx, k, t, lemma, retraction)
    return False


def _named_subject(t: Token, source: tuple[int, int] | None) -> bool:
    """A subject of ``t`` that names someone other than the speaker: "Kastell", "Kalden's critics"."""
    subj = next((c for c in t.children if c.dep_ in SUBJECT), None)
    return (
        subj is not None
        and subj.lower_ not in NOT_ANOTHER_ACTOR
        and (subj.pos_ == "PROPN" or any(c.dep_ == "poss" for c in subj.children))
        and not (source and source[0] <= subj.idx < source[1])
    )


def _read_stance_word(
    s: Signals, ctx: Context, k: int, t: Token, lemma: str, retraction: Token | None
) -> None:
    """The stance ``t`` takes toward the word below it, and what turns it (``retraction``: the speaker's
    "I was wrong" in the content, if any)."""
    prev = s.path[k - 1]
    topics = ctx.topics
    polar = (
        0
        if judgement.naming(t, prev, topics) or modality.counted(t) or account.finished_state(t, prev, topics)
        else word_polarity(t, lemma, s.topic, topics, prev)
    )
    judged = modality.judged_clause(prev, t, topics)
    if judged and not polar:
        polar, s.negations = judged[0], s.negations + judged[2]  # "a mistake to lift the sanctions"
        s.judged = True
        s.words.append(judged[1])
    denial = modality.denied_clause(prev, t, topics)
    if denial:
        s.negations += 1  # "it was untrue that Tarsk had turned away the lorries"
        s.denied = True
        s.words.append(denial)
    rather = modality.dispreferred(prev, t, topics)
    if rather is not None:
        polar = -1  # "would sooner resign than sign the accord"
        s.preferred = True
        s.words.append(rather.lower_)
    elif not polar and (modality.preferred(prev, t, topics) or modality.compared(prev, t, topics)):
        polar = (
            modality.compared(prev, t, topics) or 1
        )  # "rather see the talks drag on than ...", "better than none"
        s.preferred = True
        s.words.append(t.text.lower())
    if (
        polar
        and retraction is not None
        and t.tag_ == "VBD"
        and any(c.dep_ in SUBJECT and c.lower_ in FIRST_PERSON_SUBJECTS for c in t.children)
    ):
        polar = -polar  # "I supported the sanctions ... I was wrong"
        s.retracted = True
        s.words.append(retraction.lower_)
    if polar:
        s.sign = polar if s.sign == 0 else s.sign * polar
        s.words.append(cue_text(t))
        if t.i != s.root.head.i:
            s.attitude = True  # a stance above the topic's own verb: "hoped trade could restart"
    enough = negation.not_enough(t)
    if enough:
        # "did not go far enough": wants more of it (the negation is spent); what came
        # before still counts ("lifting the sanctions had not gone far enough").
        s.sign, s.negations = s.sign or 1, s.negations - 1
        s.not_enough = True
        s.words.append(enough)
    if lemma in topics.cue("negators") and t.dep_ not in ("prep", "cc"):
        s.negations += 1
        s.words.append(t.text.lower())


def _read_dependents(s: Signals, ctx: Context, k: int, t: Token) -> None:
    """The negations and hedges that hang on ``t``, the ``k``-th word of the path."""
    m, root = s.mention, s.root
    prev = s.path[k - 1] if k else None
    negators = ctx.topics.cue("negators")
    nor = negation.nor_conjunct(t)
    if nor is not None and negation.opposite_pair(t, s.root, s.topic, ctx.topics):
        s.balanced = True  # "would neither confirm nor deny reports of an offensive": no side
        s.words.append(nor.lower_)
    elif nor is not None:
        s.negations += 1  # "..., nor will we sit down with them": the conjunct is denied
        s.words.append(nor.lower_)
    # the head of a denied conjunct: its own negation is the first conjunct's ("will not X, nor Y")
    first_conjunct = prev is not None and negation.nor_conjunct(prev) is not None
    for c in t.children:
        if m.start <= c.i < m.end and k == 0 and c.i != root.i and c.dep_ not in ("det", "neg"):
            continue
        if first_conjunct and (c.dep_ == "neg" or c.lower_ in negators):
            continue
        cl = c.lower_
        if k > 0 and c.dep_ == "amod" and cl in ctx.topics.cue("scant") and t.pos_ == "NOUN":
            s.negations += 1  # "little appetite for a war", "scant interest in talks"
            s.words.append(cl)
        elif c.dep_ == "amod" and cl == "more" and any(g.lower_ == "no" for g in c.children):
            s.negations += 1  # "No more strikes on the valley"
            s.words.append("no more")
        elif (
            c.dep_ == "neg"
            or (cl in negators and c.dep_ in ("det", "advmod", "npadvmod", "neg", "preconj", "dobj"))
            or (k > 0 and cl in negators and c.dep_ in ("nsubj", "nsubjpass"))
        ):  # "nobody wants"
            if negation.not_a_clause_negation(c, t, prev):
                continue  # "not only", "not all of the aid", "yesterday, not next year"
            s.negations += 1
            s.words.append(c.text.lower())
        elif negation.negated_dependent(c, k, negators) and not (prev is not None and c.i == prev.i):
            # (a subject on the path has had its "no" counted already: "that no sanction be lifted")
            s.negations += 1  # "was not opposed" (the "not" hangs on the auxiliary), "no one wants"
            s.words.append(c.text.lower())
        elif (
            k > 0
            and c.lemma_.lower() in ctx.topics.cue("hedges")
            and c.dep_ in ("advmod", "aux", "mark", "acomp")
            and not grammar.framed_by_condition(c, ctx.topics)
        ):
            _hedge(s, ctx, c.text.lower(), c.lemma_.lower())


# ---- the clause ---------------------------------------------------------------------------------------


def _read_clause(s: Signals, ctx: Context) -> None:
    """What the topic word's clause says of it: a denied "as though", a passive infinitive, a judgement,
    a predicate shared with another verb, a deontic modal, a forecast or a timetable."""
    root, topic, topics = s.root, s.topic, ctx.topics
    pretence = next((w for t in s.path[1:] if (w := modality.pretended(t))), None)
    # "It is not as though we have ever refused to talk", "rejected reports that they would talk": denied
    pretence = pretence or account.denied_report(s.path, ctx.cue_root, topic, topics)
    if pretence:
        s.negations += 1
        s.denied = True
        s.words.append(pretence)
    done = grammar.passive_infinitive(root)  # "called for the measures to be phased out"
    if done is not None and (polar := word_polarity(done, done.lemma_.lower(), topic, topics)):
        s.sign = polar if s.sign == 0 else s.sign * polar
        s.words.append(cue_text(done))
    _read_evaluation(s, ctx)
    if s.sign == 0:
        _read_shared_predicate(s, ctx)
    modal = modality.deontic(s.path) if s.sign == 0 else None
    if modal:
        s.sign = 1  # "aid must reach Hallum today": the speaker wants it
        s.deontic = True
        s.words.append(modal)
    if not s.attitude:
        _read_forecast(s, topics)


def _read_forecast(s: Signals, topics: Topics) -> None:
    """ "Trade could pick up again if the crossing reopened": a forecast; "the talks will open on 19 May":
    a timetable. Neither is a position."""
    modal = modality.forecast(s.root)
    if modal is not None:
        s.forecast = "forecast"
        s.words.append(modal.lower_)
        if modality.occurs(s.root.head, topics):
            s.occurs = True  # "talks could happen if the blockade ended": the event, on terms
            s.words.append(s.root.head.lower_)
    elif modality.scheduled(s.root, topics):
        s.forecast = "timetable"
        s.words.append(s.root.head.lower_)
    else:
        return
    s.hedged, s.softened = True, False


def _read_evaluation(s: Signals, ctx: Context) -> None:
    """The topic word as the subject of an evaluative predicate: "talks would be a trap"; or the noun that
    carries it: "Veldt's call for a truce was a ploy", or a gerund: "reopening trade now would be
    reckless"."""
    root, topics = s.root, ctx.topics
    ev = judgement.evaluation(root, topics)
    carried = False
    if ev is None:
        carrier = next(
            (
                t
                for t in s.path[1:]
                if (t.pos_ == "NOUN" or t.tag_ == "VBG")
                and (
                    t.dep_ in (*SUBJECT, "csubj")
                    or (t.dep_ == "dobj" and judgement.describing(t.head.lemma_.lower(), topics))
                )
            ),
            None,
        )
        if carrier is not None:
            ev = judgement.evaluation(carrier, topics)
            carried = ev is not None
    s.evaluation = ev
    head = root.head
    if ev and (
        carried
        or judgement.naming(head, root, topics)
        or not (
            head.lemma_.lower() not in COPULAS and word_polarity(head, head.lemma_.lower(), s.topic, topics)
        )
    ):
        s.sign = ev[0] if s.sign == 0 else s.sign * ev[0]
        s.negations += ev[2]
        s.evaluated = True
        s.lexical = len(ev) > 3
        s.words.append(ev[1])


def _read_shared_predicate(s: Signals, ctx: Context) -> None:
    """ "the truce had become a shield and should end": a predicate the topic shares with another;
    "the proposed assistance package ... was misconceived and should be withdrawn": the noun the topic
    word qualifies holds the predicates."""
    root = s.root
    for v in modality.shared_predicates(root.head if root.dep_ == "compound" else root):
        polar = word_polarity(v, v.lemma_.lower(), s.topic, ctx.topics)
        if polar:
            # its own negation only: in "were not aimed at farmers and would remain" the "not" is the first's
            s.sign = polar
            s.negations = sum(1 for c in v.children if c.dep_ == "neg")
            s.shared = True
            s.words.append(cue_text(v))
            s.path.append(v)
            return


# ---- the sentence -------------------------------------------------------------------------------------


def _read_sentence(s: Signals, ctx: Context) -> None:
    """The polarity and its confidence, with what holds for the whole sentence: a question, its answer,
    hedge phrases, a barrier topic word."""
    root, path = s.root, s.path
    facts = ctx.facts[root.sent.start]
    # "asked whether Velmora would send troops": an embedded question takes no side either
    s.question = facts.question or any(
        c.dep_ == "mark" and c.lower_ == "whether" and not grammar.framed_by_condition(c, ctx.topics)
        for t in path
        for c in t.children
    )
    s.rhetorical = facts.rhetorical
    if root.lemma_.lower() in s.topic.barriers and s.sign:
        s.sign = -s.sign  # "lifting the tariffs" favours trade: a tariff is a barrier to it
        s.barrier = True
        s.words.append(root.lower_)
    polarity = s.sign if s.sign else (1 if root.pos_ == "VERB" else 0)
    if s.odd:
        polarity = -polarity if polarity else -1
    s.confidence = 0.8 if s.sign else 0.6
    if s.negations >= 2 or (s.negations and s.sign < 0 < polarity):
        s.confidence = 0.55  # double negation: "did not exclude talks" is a softened yes
    if s.lexical:
        s.confidence -= 0.15  # a predicate judged by VADER's valence, not by our own lists
    if facts.answer < 0 and s.sign:
        polarity = -polarity  # "Are we against trade? Of course not."; "Is it realistic? No." takes no side
        s.answered = True
        s.words.append(facts.answer_words)
    elif abs(facts.answer) == 2:
        # "Would we sit across a table from them? We would not.": the answer echoes the speaker's own act
        polarity = (polarity or 1) * (1 if facts.answer > 0 else -1)
        s.answered = True
        s.words.append(facts.answer_words)
    s.polarity = polarity
    if facts.hedges:
        s.hedged, s.softened = True, False
        s.words.extend(facts.hedges)
    s.conditions = tuple(c for c in facts.conditions if not other_clause(ctx.doc, c, root))


def _read_facts(s: Signals, ctx: Context) -> None:
    """Whether the mention tells a fact rather than a position: negated knowing or a negated past event,
    a door left open, an event reported, a tally of what was done."""
    root, path, topics = s.root, s.path, ctx.topics
    s.conceded = grammar.conceded(path)
    possibility = topics.cue("possibility")
    s.possible = any(
        t.lemma_.lower() in possibility
        or " ".join([t.lemma_.lower(), *(c.lower_ for c in t.children if c.dep_ == "prt")]) in possibility
        for t in path
    )
    s.unknowable = s.odd and modality.knowing(path, ctx.cue_root, topics)
    s.negated_past = s.odd and s.sign == 0 and root.pos_ != "VERB" and modality.past_event(path, ctx.cue_root)
    s.reported_event = modality.reported_event(root) and not s.shared
    s.happened = (
        modality.happened(root, path)
        and not (s.evaluation and s.odd)
        and bool(s.evaluation or word_polarity(root.head, root.head.lemma_.lower(), s.topic, topics))
    )
    s.tally = None if s.odd else modality.tally(ctx.doc, s.mention, path, ctx.cue_root, topics)
