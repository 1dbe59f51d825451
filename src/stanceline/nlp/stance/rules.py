"""The verdict rules: the stance of one topic mention, decided from its :class:`~.signals.Signals`.

:data:`RULES` is an ordered tuple of small functions ``(signals) -> Verdict | None``; the first that
answers decides (:func:`decide`). Each verdict carries the name of its rule, which the output gives as
``rule``. In order:

1. not the speaker's: ``another-actors-attitude``, ``let-them``, ``held-by-other``, ``others-circumstance``
   ("now that Kastell has suspended the talks, ..."), ``others-claim`` ("Tarsk's insistence that the
   sanctions be lifted"), ``topic-as-subject`` (no stance at all);
2. no side taken: ``negated-knowing``, ``unmet-expectations`` (the exception: "the talks have not
   fulfilled our expectations" opposes them), ``negated-past-event``, ``reported-attitude``, ``neither-nor``,
   ``equal-terms`` ("as ready for war as for talks"), ``concession``, ``negated-possibility``;
3. questions and hedges: ``rhetorical-question`` (it denies), ``open-question``, ``possible-on-terms`` (an
   event that could come about on a condition: conditional), ``forecast``,
   ``timetable``, ``hedge``;
4. facts told: ``reported-event``, ``past-event``, ``tally``;
5. conditions: ``demand-terms``, ``exit-terms`` (a measure of pressure kept until its terms are met:
   support), ``conditional-clause``, ``awaited-move`` ("I will wait for the president to change his
   attitude": conditional), ``left-open`` ("the sanctions remain but things can happen": conditional),
   ``prerequisite`` ("Tarsk must withdraw before any talks": conditional);
6. the polarity of the words, named after what decided it: ``answered-question``, ``retraction``,
   ``lifted-barrier``, ``not-far-enough``, ``denied-clause``, ``double-negation``, ``negated-oppose``,
   ``negated-support``, ``negation``, ``preference``, ``judged-clause``, ``lexicon-evaluation`` (a predicate
   judged by VADER's valence), ``evaluation``,
   ``deontic-modal``, ``attributive-evaluation`` ("substantive conversations", before the topic's own act
   verb: "held fruitless talks"), ``others-past-act`` ("officials held meetings": neutral), ``stance-word``,
   ``topic-verb``;
7. the speaker's own account (:mod:`.account`), when no word takes a side: ``announced-event`` ("talks will
   start soon", "our missiles can reach ..."), ``own-means`` ("our missiles"), and last ``no-stance-word``
   (neutral).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .account import time_clause
from .conditions import Condition, end_char
from .signals import Signals

# Conditions that end a refusal or a measure: "unless", "without that", "until".
EXIT_KINDS = frozenset({"negative", "until"})
# "as long as" after keeping a measure of pressure says how long it stays: exit terms too
WHILE_MARKERS = frozenset({"as long as", "so long as"})


@dataclass(frozen=True, slots=True)
class Verdict:
    """A stance with what decided it: the words of the text, a confidence and the rule's name.

    ``stance`` is None when the mention gives the speaker no stance at all (another's attitude).
    """

    stance: str | None
    cues: tuple[str, ...]
    confidence: float
    rule: str
    conditions: tuple[tuple[int, int], ...] = ()  # character offsets


Rule = Callable[[Signals], "Verdict | None"]


def decide(s: Signals) -> Verdict:
    """The verdict of the first rule of :data:`RULES` that answers."""
    for rule in RULES:
        verdict = rule(s)
        if verdict is not None:
            return verdict
    raise AssertionError("no-stance-word always answers")  # pragma: no cover


def _say(
    s: Signals, stance: str | None, confidence: float, rule: str, extra: tuple[str, ...] = ()
) -> Verdict:
    return Verdict(stance, unique((*s.words, *extra)), confidence, rule)


def unique(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` in order, once each ("mistake" read as the judgement and as the stance word)."""
    return tuple(dict.fromkeys(words))


def _markers(conds: tuple[Condition, ...]) -> tuple[str, ...]:
    """The conditions' markers as the text writes them (a condition pointed back to has none of its own)."""
    return tuple(c.words for c in conds if c.words)


# ---- 1. not the speaker's ---------------------------------------------------------------------------


def another_actors_attitude(s: Signals) -> Verdict | None:
    """ "Veldt said Kastell wants talks": Kastell's position, not Veldt's."""
    return _say(s, None, 0.0, "another-actors-attitude") if s.another_actor else None


def let_them(s: Signals) -> Verdict | None:
    """ "Let them keep their sanctions": a shrug at another party's choice."""
    return _say(s, None, 0.0, "let-them") if s.shrug else None


def held_by_other(s: Signals) -> Verdict | None:
    """ "The prime minister had always been ready to talk", told by her minister: hers."""
    return _say(s, None, 0.0, "held-by-other") if s.held_by_other else None


def others_circumstance(s: Signals) -> Verdict | None:
    """ "Now that President Kastell has announced the suspension of talks, ...": another party's act, told as
    the scene of what the speaker says."""
    return _say(s, None, 0.0, "others-circumstance") if s.account.circumstance else None


def others_claim(s: Signals) -> Verdict | None:
    """ "The breakdown on Tarsk's insistence that all the sanctions be lifted": what another party insists
    on, reported."""
    return _say(s, None, 0.0, "others-claim") if s.account.claim else None


def topic_as_subject(s: Signals) -> Verdict | None:
    """ "A ceasefire is not a negotiation" is about negotiations, not the ceasefire."""
    return _say(s, None, 0.0, "topic-as-subject") if s.predicated else None


# ---- 2. no side taken -------------------------------------------------------------------------------


def negated_knowing(s: Signals) -> Verdict | None:
    """ "Nobody knows what the ballot will bring": uncertainty, no position."""
    return _say(s, "neutral", 0.5, "negated-knowing") if s.unknowable else None


def unmet_expectations(s: Signals) -> Verdict | None:
    """ "The talks have fallen short of what we hoped for": the topic failed the speaker's side."""
    verb = s.account.unmet
    return Verdict("oppose", unique((*s.words, verb)), 0.7, "unmet-expectations") if verb and s.odd else None


def negated_past_event(s: Signals) -> Verdict | None:
    """ "He had not yet read the accord": a fact, no position."""
    return _say(s, "neutral", 0.5, "negated-past-event") if s.negated_past else None


def reported_attitude(s: Signals) -> Verdict | None:
    """ "The opposition wanted the vote postponed": another's attitude, reported without a judgement."""
    return _say(s, "neutral", 0.5, "reported-attitude") if s.theirs and not s.evaluation else None


def neither_nor(s: Signals) -> Verdict | None:
    """ "Would neither confirm nor deny reports of an offensive": both sides denied, none taken."""
    return _say(s, "neutral", 0.55, "neither-nor") if s.balanced else None


def equal_terms(s: Signals) -> Verdict | None:
    """ "As prepared for a fight on the border as for a seat at the conference": the topic held equal to
    another, not chosen."""
    word = s.account.equated
    return _say(s, "neutral", 0.55, "equal-terms", (word,)) if word else None


def concession(s: Signals) -> Verdict | None:
    """ "Even if Tarsk lifted the embargo, we would not negotiate": what is conceded is no position; the
    main clause decides its own topics."""
    return _say(s, "neutral", 0.5, "concession") if s.conceded else None


def negated_possibility(s: Signals) -> Verdict | None:
    """ "Did not exclude talks": a door left open, no side."""
    return _say(s, "neutral", 0.55, "negated-possibility") if s.odd and s.possible else None


# ---- 3. questions and hedges ------------------------------------------------------------------------


def rhetorical_question(s: Signals) -> Verdict | None:
    """ "Who in their right mind would sit down with them?" asks for no answer: it denies."""
    if s.question and s.rhetorical:
        return _say(s, "oppose" if s.polarity >= 0 else "support", 0.6, "rhetorical-question")
    return None


def open_question(s: Signals) -> Verdict | None:
    """ "Will Tarsk return to the talks?", "asked whether Velmora would send troops": no side."""
    return _say(s, "neutral", 0.5, "open-question") if s.question else None


def possible_on_terms(s: Signals) -> Verdict | None:
    """ "Talks could happen if the blockade ended", "more tests could take place if the drills go on": the
    event comes about on a condition, a conditional position (the conditions as in
    :func:`conditional_clause`)."""
    if s.forecast != "forecast" or not s.occurs or s.question:
        return None
    verdict = conditional_clause(s)
    return replace(verdict, rule="possible-on-terms") if verdict is not None else None


def forecast(s: Signals) -> Verdict | None:
    """ "Trade could pick up again if the crossing reopened": a forecast, not a position."""
    return _say(s, "neutral", 0.5, "forecast") if s.hedging and s.forecast == "forecast" else None


def timetable(s: Signals) -> Verdict | None:
    """ "The talks will open on 19 May": a schedule, not a position."""
    return _say(s, "neutral", 0.5, "timetable") if s.hedging and s.forecast == "timetable" else None


def hedge(s: Signals) -> Verdict | None:
    """ "We might consider talks", "it remains to be seen": the matter left open."""
    return _say(s, "neutral", 0.5, "hedge") if s.hedging else None


# ---- 4. facts told ----------------------------------------------------------------------------------


def reported_event(s: Signals) -> Verdict | None:
    """ "The ceasefire had been violated": an event told, not a position."""
    return Verdict("neutral", (s.root.head.lower_,), 0.5, "reported-event") if s.reported_event else None


def past_event(s: Signals) -> Verdict | None:
    """ "The talks ended": the topic as the subject of a past intransitive verb."""
    return Verdict("neutral", (s.root.head.lower_,), 0.5, "past-event") if s.happened else None


def tally(s: Signals) -> Verdict | None:
    """ "Has delivered 2,300 tonnes of food aid": figures of what was done."""
    return Verdict("neutral", (s.tally,), 0.5, "tally") if s.tally else None


# ---- 5. conditions ----------------------------------------------------------------------------------


def demand_terms(s: Signals) -> Verdict | None:
    """ "The conditions for lifting the sanctions were unchanged": the measure stays until they are met."""
    return _say(s, "support", 0.7, "demand-terms") if s.demand else None


def exit_terms(s: Signals) -> Verdict | None:
    """Lifting a measure of pressure on conditions keeps it until they are met: "we will lift the
    sanctions once they withdraw", "the embargo stays as long as a soldier stands in Kelvik"."""
    conds = s.conditions
    if not conds or not s.topic.pressure:
        return None
    kinds = {c.kind for c in conds}
    if s.sign < 0 or (
        s.polarity > 0 and (kinds <= EXIT_KINDS or all(c.marker in WHILE_MARKERS for c in conds))
    ):
        return _say(s, "support", 0.7, "exit-terms", _markers(conds))
    return None


def conditional_clause(s: Signals) -> Verdict | None:
    """A position on conditions: "we will return to the talks once the embargo is lifted"; a refusal
    that lasts "until" or holds "unless" something happens."""
    conds = s.conditions
    if s.polarity >= 0:
        # "until" ends a refusal ("will not trade until they pay"); after a yes it only says how long.
        conds = tuple(c for c in conds if c.kind != "until")
    if not conds or not (s.polarity >= 0 or {c.kind for c in conds} & EXIT_KINDS):
        return None
    doc = s.root.doc
    spans = {(doc[c.start].idx, end_char(doc, c)) for c in conds if s.polarity >= 0 or c.kind in EXIT_KINDS}
    return Verdict(
        "conditional", unique((*s.words, *_markers(conds))), 0.75, "conditional-clause", tuple(sorted(spans))
    )


def prerequisite(s: Signals) -> Verdict | None:
    """ "Tarsk must agree to abandon its weapons before receiving sanctions relief": what must come first is
    the condition of the topic."""
    span = s.account.prerequisite
    if span is None or s.question:
        return None
    return Verdict("conditional", unique((*s.words, "before")), 0.7, "prerequisite", (span,))


def left_open(s: Signals) -> Verdict | None:
    """ "The tariffs stay for now but some day in the course of the talks that may change": the position
    holds until what may come about."""
    span = s.account.left_open
    if span is None or s.polarity <= 0 or s.negations:
        return None
    return Verdict("conditional", unique((*s.words, "but")), 0.65, "left-open", (span,))


def awaited_move(s: Signals) -> Verdict | None:
    """ "I will wait for the president to change his attitude to the talks": the speaker's side waits on
    the other's move, a position on that condition."""
    span = s.account.awaited
    if span is None or s.polarity < 0 or s.negations:
        return None
    words = unique((*s.words, s.account.awaited_words))
    return Verdict("conditional", words, 0.7, "awaited-move", (span,))


# ---- 6. the polarity of the words -------------------------------------------------------------------


def _polar(s: Signals, rule: str) -> Verdict | None:
    if s.polarity > 0:
        return _say(s, "support", s.confidence, rule)
    if s.polarity < 0:
        return _say(s, "oppose", s.confidence, rule)
    return None


def answered_question(s: Signals) -> Verdict | None:
    """ "Are we against trade? Of course not.", "Would we sit down with them? We would not."."""
    return _polar(s, "answered-question") if s.answered else None


def retraction(s: Signals) -> Verdict | None:
    """ "I supported the sanctions ... I was wrong"."""
    return _polar(s, "retraction") if s.retracted else None


def lifted_barrier(s: Signals) -> Verdict | None:
    """ "Lifting the tariffs" favours trade: a tariff is a barrier to it."""
    return _polar(s, "lifted-barrier") if s.barrier else None


def not_far_enough(s: Signals) -> Verdict | None:
    """ "Lifting the sanctions had not gone far enough": wants more of it."""
    return _polar(s, "not-far-enough") if s.not_enough else None


def denied_clause(s: Signals) -> Verdict | None:
    """ "It was untrue that Tarsk had turned away the lorries", "it is not as though we refused"."""
    return _polar(s, "denied-clause") if s.denied else None


def double_negation(s: Signals) -> Verdict | None:
    """ "Nobody said we would not talk": two negations."""
    return _polar(s, "double-negation") if s.negations >= 2 and not s.odd else None


def negated_oppose(s: Signals) -> Verdict | None:
    """ "Did not reject the talks", "will not lift a single sanction": a softened yes."""
    return _polar(s, "negated-oppose") if s.odd and s.sign < 0 else None


def negated_support(s: Signals) -> Verdict | None:
    """ "We do not want talks"."""
    return _polar(s, "negated-support") if s.odd and s.sign > 0 else None


def negation(s: Signals) -> Verdict | None:
    """ "We will not talk while they threaten us", "no talks": the topic itself denied."""
    return _polar(s, "negation") if s.odd else None


def preference(s: Signals) -> Verdict | None:
    """ "Would sooner resign than sign", "a flawed election is better than none"."""
    return _polar(s, "preference") if s.preferred else None


def judged_clause(s: Signals) -> Verdict | None:
    """ "It would be a mistake to lift the sanctions"."""
    return _polar(s, "judged-clause") if s.judged else None


def lexicon_evaluation(s: Signals) -> Verdict | None:
    """ "The talks were honest", "the sanctions are harmful": a predicate in neither of our lists, judged by
    VADER's valence (its confidence is lower)."""
    return _polar(s, "lexicon-evaluation") if s.evaluated and s.lexical else None


def evaluation(s: Signals) -> Verdict | None:
    """ "Talks would be a trap", "the sanctions are working", "called the embargo a cruelty"."""
    return _polar(s, "evaluation") if s.evaluated else None


def deontic_modal(s: Signals) -> Verdict | None:
    """ "Aid must reach Hallum today": the speaker wants it."""
    return _polar(s, "deontic-modal") if s.deontic else None


def others_past_act(s: Signals) -> Verdict | None:
    """ "Officials from Tarsk and Ostland held meetings on Sunday": the topic's own act, done by others in the
    past, is a report (the speaker's side, "we held talks", takes part: the stance word decides)."""
    act = s.account.others_act
    if act and s.sign > 0 and not s.negations and not s.attitude and s.account.attributed is None:
        return Verdict("neutral", (act,), 0.5, "others-past-act")
    return None


def stance_word(s: Signals) -> Verdict | None:
    """ "Veldt rejected the talks", "we welcome the accord": a stance word governs the topic."""
    return _polar(s, "stance-word") if s.sign else None


def topic_verb(s: Signals) -> Verdict | None:
    """ "We will negotiate": the topic word is the speaker's own act (not a passive infinitive: "an accord
    ready to be signed" is nobody's act)."""
    passive = s.root.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in s.root.children)
    # nor the time of another act: "When I met Kalden today, I expressed outrage"
    return None if (passive or time_clause(s.root)) and not s.sign else _polar(s, "topic-verb")


def _affirmed(s: Signals) -> bool:
    """No negation, question or hedge on the mention: an affirmative account."""
    return not s.negations and not s.question and not s.hedged


def attributive_evaluation(s: Signals) -> Verdict | None:
    """ "We had substantive conversations with Tarsk", "we held fruitless talks": the topic noun judged by
    its adjective."""
    got = s.account.attributed
    # a stance word above decides ("rejected the fruitful talks"), not the topic's own act verb ("held")
    if got is None or not _affirmed(s) or (s.sign and not (s.account.act and not s.attitude)):
        return None
    return _say(s, "support" if got[0] > 0 else "oppose", 0.7, "attributive-evaluation", (got[1],))


def announced_event(s: Signals) -> Verdict | None:
    """ "Talks with Tarsk will start soon", "we will hold talks", "our missiles can reach every city of
    Tarsk": the topic event announced or able, by the speaker's side or of the topic itself, favours it."""
    aux = s.account.announced
    return _say(s, "support", 0.65, "announced-event", (aux,)) if aux and _affirmed(s) else None


def own_means(s: Signals) -> Verdict | None:
    """ "Our missiles are on alert": the topic held by the speaker's side, affirmed."""
    poss = s.account.own_means
    return _say(s, "support", 0.6, "own-means", (poss,)) if poss and _affirmed(s) else None


def no_stance_word(s: Signals) -> Verdict | None:
    """Nothing takes a side: the topic is only mentioned."""
    return _say(s, "neutral", 0.5, "no-stance-word")


RULES: tuple[Rule, ...] = (
    another_actors_attitude,
    let_them,
    held_by_other,
    others_circumstance,
    others_claim,
    topic_as_subject,
    negated_knowing,
    unmet_expectations,
    negated_past_event,
    reported_attitude,
    neither_nor,
    equal_terms,
    concession,
    negated_possibility,
    rhetorical_question,
    open_question,
    possible_on_terms,
    forecast,
    timetable,
    hedge,
    reported_event,
    past_event,
    tally,
    demand_terms,
    exit_terms,
    conditional_clause,
    awaited_move,
    prerequisite,
    left_open,
    answered_question,
    retraction,
    lifted_barrier,
    not_far_enough,
    denied_clause,
    double_negation,
    negated_oppose,
    negated_support,
    negation,
    preference,
    judged_clause,
    lexicon_evaluation,
    evaluation,
    deontic_modal,
    attributive_evaluation,
    others_past_act,
    stance_word,
    topic_verb,
    announced_event,
    own_means,
    no_stance_word,
)
