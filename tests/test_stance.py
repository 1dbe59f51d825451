"""Stance: topics, stance and conditions of each statement (``stanceline_stance``).

Sentences in, expected ``(topic, stance, conditions)`` out, including sentences
that must yield no stance. The sample-corpus floors at the end may only go up.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import stanceline
from stanceline.config import load_topics, parse_topics
from stanceline.errors import UsageError
from stanceline.evaluate import read_sample_gold, read_stance_gold, score_stance_items, score_stance_sample

ROOT = Path(__file__).resolve().parents[1]


def stances(analyze, text: str) -> set[tuple[str, str, tuple[str, ...]]]:
    result = analyze(text)
    return {
        (s.topic, s.stance, tuple(c.text for c in s.conditions))
        for st in result.statements
        for s in st.stances
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # plain support, refusal and support verbs; the cue verb itself decides
        ('"We welcome the talks," Prime Minister Anaya Veldt said.', {("negotiations", "support", ())}),
        ("Veldt rejected the talks.", {("negotiations", "oppose", ())}),
        (
            "Ostland said it was ready to host talks between Tarsk and Velmora.",
            {("negotiations", "support", ())},
        ),
        # negation and its scope
        ('"We will not talk while they threaten us," Veldt said.', {("negotiations", "oppose", ())}),
        ("Veldt said Tarsk would not return to negotiations with Velmora.", {("negotiations", "oppose", ())}),
        (
            "Kastell said he will not lift a single sanction.",
            {("sanctions", "support", ())},
        ),  # double negation
        # an attitude adjective with its preposition takes the stance ("critical of", not "critical to")
        ("Kalden has been critical of the sanctions.", {("sanctions", "oppose", ())}),
        ("Ardell is supportive of the talks.", {("negotiations", "support", ())}),
        # a "no" on the subject counts once, at the subject ("the president's insistence that no sanction be
        # lifted")
        ("Kastell insisted that no sanction be lifted before the vote.", {("sanctions", "support", ())}),
        ('"A ceasefire is not a negotiation," Veldt said.', {("negotiations", "oppose", ())}),
        # evaluative predicates
        ('"Talks would be a trap," Veldt said.', {("negotiations", "oppose", ())}),
        ('"The sanctions are working," Kastell said.', {("sanctions", "support", ())}),
        # conditions
        (
            "Veldt said Tarsk would return to negotiations with Velmora if the sanctions were lifted.",
            {("negotiations", "conditional", ("if the sanctions were lifted",))},
        ),
        (
            '"Tarsk will respect the ceasefire as long as Velmora does," Veldt said.',
            {("ceasefire", "conditional", ("as long as Velmora does",))},
        ),
        (
            'Brekke said Velmora would be ready to return to talks in exchange for "a verifiable '
            'withdrawal".',
            {("negotiations", "conditional", ('in exchange for "a verifiable withdrawal"',))},
        ),
        (
            '"No talks without an apology for Kelvik," Dario Mensk told reporters.',
            {("negotiations", "conditional", ("without an apology for Kelvik",))},
        ),
        # a condition in one sentence, the position in the next
        (
            '"Once they honour the accord, they may join. Without that, there is nothing to discuss," Veldt '
            "said.",
            {("negotiations", "conditional", ("Once they honour the accord", "Without that"))},
        ),
        # a condition pointed back to across a split quote leaves the cue out
        (
            '"They must withdraw," she said, "and apologise. Only then will we return to the talks."',
            {("negotiations", "conditional", ("They must withdraw", "and apologise", "Only then"))},
        ),
        # whose stance it is: a shrug at another party's choice, another person's readiness
        ('"Let them keep their sanctions," Veldt said.', set()),
        ("Dario Mensk told reporters that the prime minister had always been ready to talk.", set()),
        (
            "Dario Mensk, the foreign minister, said the foreign minister was ready to talk.",
            {("negotiations", "support", ())},
        ),
        # conditions for lifting a measure keep it; "not far enough" wants more of it
        (
            "A spokesman said Velmora's conditions for lifting the sanctions were unchanged.",
            {("sanctions", "support", ())},
        ),
        ("Kalden said the sanctions did not go far enough.", {("sanctions", "support", ())}),
        ("Kalden said that lifting the sanctions had not gone far enough.", {("sanctions", "oppose", ())}),
        # a retraction turns the speaker's own past support around
        (
            '"I supported the sanctions. I was wrong to believe they would be enough," Kalden said.',
            {("sanctions", "oppose", ())},
        ),
        # a judgement of a kind of sanctions, and a negation that belongs to the contrast
        ('"Sanctions that take years are a luxury," Kalden said.', {("sanctions", "neutral", ())}),
        ('Kastell said sanctions were "a tool, not a goal".', {("sanctions", "support", ())}),
        # "sign" names an agreement only when what is signed is one
        ('"We are signing a promise," Kalden said.', set()),
        ("Mensk said he expected Brekke to host a signing ceremony.", {("agreement", "support", ())}),
        ("Kalden said Velmora would pay to rebuild the shelled villages.", {("aid", "support", ())}),
        # a judgement of the noun that carries the topic, and "described as"
        ('Kastell said Veldt\'s call for a truce was "a ploy to rearm."', {("ceasefire", "oppose", ())}),
        (
            'Ostrem described the Halden Accord as "a chain around the neck of every Tarskan."',
            {("agreement", "oppose", ())},
        ),
        # a past passive reports an event, not a position
        (
            "Rovan said the ceasefire had been violated eleven times overnight.",
            {("ceasefire", "neutral", ())},
        ),
        # a correction ("not X; Y"), and a stance reaching through "any bill that ..."
        (
            '"We are not rejecting the talks; we are rejecting the date they chose," Mensk said.',
            {("negotiations", "support", ())},
        ),
        (
            "Kalden said she would vote against any bill that loosened the embargo.",
            {("sanctions", "support", ())},
        ),
        # what someone else's critics want is theirs: their own statement supports, Anselm's has no stance
        ("Anselm said Kalden's critics wanted to keep the embargo forever.", {("sanctions", "support", ())}),
        # questions and hedges are neutral
        ('"Perhaps talks will come," Veldt said.', {("negotiations", "neutral", ())}),
        # a negation outside the topic's clause, and a negative subject
        ("Veldt said there was no doubt that talks must resume.", {("negotiations", "support", ())}),
        ("Veldt said nobody wants a war.", {("military_action", "oppose", ())}),
        # a door left open is not a yes; a rhetorical question is a no
        ("Veldt said she did not exclude talks.", {("negotiations", "neutral", ())}),
        (
            '"Who in their right mind would sit down with people who shell schools?" Veldt asked.',
            {("negotiations", "oppose", ())},
        ),
        # lifting a measure of pressure on conditions keeps it until then
        (
            "Kastell said Velmora would lift its sanctions once the last soldier had left the valley.",
            {("sanctions", "support", ())},
        ),
    ],
)
def test_stance_of_a_statement(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # negation on an auxiliary, a negative quantifier subject, "no reason to" + a verb of putting off
        ("Mensk said the Assembly was not opposed to fresh talks.", {("negotiations", "support", ())}),
        (
            '"No one in this government wants the truce to collapse," Veldt said.',
            {("ceasefire", "support", ())},
        ),
        ("Ardell said she saw no reason to postpone the referendum.", {("elections", "support", ())}),
        # nouns made from verbs keep the verb's stance: against easing a measure of pressure keeps it
        ("Kastell said he was against any easing of the embargo.", {("sanctions", "support", ())}),
        ("Ardell said Velmora opposed any postponement of the vote.", {("elections", "support", ())}),
        # a refusal that lasts "until" is conditional; "Otherwise" and "Until they do" point back
        (
            "Brekke said Ostland would stay away from the summit until Tarsk freed the journalists.",
            {("negotiations", "conditional", ("until Tarsk freed the journalists",))},
        ),
        (
            '"Pay the fishermen. Otherwise there will be no trade," Ferrant said.',
            {("trade", "conditional", ("Pay the fishermen", "Otherwise"))},
        ),
        (
            '"They must apologise. Until they do, we will not negotiate," Veldt said.',
            {("negotiations", "conditional", ("They must apologise", "Until they do"))},
        ),
        (
            "Halm said the vote was contingent on a full census.",
            {("elections", "conditional", ("contingent on a full census",))},
        ),
        # not conditions: a duration, a manner, an exit term of a measure of pressure
        (
            "The Concord will keep delivering food aid for as long as the bridge is down, Fenwarth said.",
            {("aid", "support", ())},
        ),
        ('"We accept the accord without hesitation," Ostrem said.', {("agreement", "support", ())}),
        ("The blockade remains unless Brennport pays, Kastell said.", {("sanctions", "support", ())}),
        # a judged clause, a preference, a shared predicate, deontic "must"
        (
            "Kalden said it would be a mistake to ease the sanctions this winter.",
            {("sanctions", "support", ())},
        ),
        ("Veldt said Tarsk would rather fight than sign the treaty.", {("agreement", "oppose", ())}),
        ("Ardell said the ceasefire was fragile and should be extended.", {("ceasefire", "support", ())}),
        ('"Relief must get through to Hallum," Fenwarth said.', {("aid", "support", ())}),
        ("Drummond said an invasion would be folly.", {("military_action", "oppose", ())}),
        ("Kastell said it was untrue that Velmora had blocked the aid.", {("aid", "support", ())}),
        # no position: a forecast, a negated past event, negated knowing, a past event of the topic itself
        ("Anselm said exports could rise next year if the tariff fell.", {("trade", "neutral", ())}),
        ("Ostrem said he had not seen the text of the treaty.", {("agreement", "neutral", ())}),
        ('"Nobody knows whether the truce will last," Calloway said.', {("ceasefire", "neutral", ())}),
        ("Mensk said the summit had ended on Tuesday.", {("negotiations", "neutral", ())}),
        # a "why would" question asks for no answer
        ('"Why would we sign a treaty with liars?" Veldt asked.', {("agreement", "oppose", ())}),
        # predicates the parser hangs elsewhere: an adverb, the object of "have" / "do", a prepositional idiom
        ('"Mediation is the only way forward," Brekke said.', {("negotiations", "support", ())}),
        ("Rovan said the air strikes had the cabinet's full backing.", {("military_action", "support", ())}),
        ("Anselm said the blockade was doing more harm than good.", {("sanctions", "oppose", ())}),
        ("Mensk said new elections were out of the question.", {("elections", "oppose", ())}),
        # a light verb with its noun; a verb whose lemma the tagger gets wrong ("hoped" -> "hop")
        ("Halm said his party would take part in the election.", {("elections", "support", ())}),
        ("Ardell said Velmora had lost patience with the mediation.", {("negotiations", "oppose", ())}),
        ("Ferrant said he hoped exports could resume by May.", {("trade", "support", ())}),
        # ... but "could" / "might" with the topic as subject and no attitude above it is a forecast
        ('"Talks might resume in the spring," Calloway said.', {("negotiations", "neutral", ())}),
        (
            '"Talks might resume in the spring if the shelling stops," Calloway said.',
            {("negotiations", "neutral", ())},
        ),
        # the speaker's own "might" with a condition is a conditional yes; deliberation commits to nothing
        (
            "Veldt said Tarsk might join the talks if Velmora lifted the embargo.",
            {("negotiations", "conditional", ("if Velmora lifted the embargo",))},
        ),
        (
            "Veldt said her government would consider returning to the talks if Velmora lifted the embargo.",
            {("negotiations", "neutral", ())},
        ),
        # a gerund clause judged as a whole; "little" denies the noun; a verb with its prepositional idiom
        ("Kalden said resuming talks now would be naive.", {("negotiations", "oppose", ())}),
        ("Rovan said Tarsk had little appetite for a war.", {("military_action", "oppose", ())}),
        ("Ardell said Velmora would not stand in the way of the election.", {("elections", "support", ())}),
        # "had yet to" is no "had to": undecided
        ("Pell said the government had yet to decide on the blockade.", {("sanctions", "neutral", ())}),
        # a word inside a longer phrase of another topic is that phrase's; a barrier to trade reverses the
        # stance
        ("Ferrant said Tarsk would join the trade talks in May.", {("trade", "support", ())}),
        ("Anselm said she favoured scrapping the tariffs on grain.", {("trade", "support", ())}),
        ("Ferrant said Tarsk would raise tariffs on Velmoran steel.", {("trade", "oppose", ())}),
        # an elliptical echo does not negate again; a whether-clause framed by "depends on" is the condition's
        ('"We are not against the truce, we never were," Roske said.', {("ceasefire", "support", ())}),
        (
            '"Whether we sign the treaty depends on Velmora," Veldt said.',
            {("agreement", "conditional", ("depends on Velmora",))},
        ),
        # a verb with its preposition
        ("Ostrem said Tarsk could live with a ceasefire.", {("ceasefire", "support", ())}),
        # the topic as subject of a past verb tells an event, unless a position follows in the same breath
        (
            "Mensk said the truce collapsed the day the shelling resumed.",
            {("ceasefire", "neutral", ()), ("military_action", "neutral", ())},
        ),
        ("Kalden said the embargo had failed and should be lifted.", {("sanctions", "oppose", ())}),
    ],
)
def test_stance_follows_general_constructions(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # word sense
        ("Holm said the nurses' strike would end on Friday.", set()),
        ("Vorst said she had held friendly talks with the publisher about her memoirs.", set()),
        ("The coach said the club had agreed a deal with the striker.", set()),
        ("Kalden said the vote on the budget bill would be close.", set()),
        ("Ardell said the sanctions on the three players were fair.", set()),
        ("Orr said the relief he felt was enormous.", set()),
        ("Rovan said the air strikes must continue.", {("military_action", "support", ())}),
        ("Mensk said the talks with Velmora would resume.", {("negotiations", "support", ())}),
        ("Anselm said the accounts would be signed off in May.", set()),
        # naming verbs: what it is called decides
        ('Kalden called the embargo "a cruelty".', {("sanctions", "oppose", ())}),
        ('Drummond called the accord "our most precious asset".', {("agreement", "support", ())}),
        # partial and contrastive "not"; "never once"
        ("Fenwarth said not all of the aid would arrive this year.", {("aid", "neutral", ())}),
        ('Ferrant said Velmora wanted the tariffs lifted "now, not next year".', {("trade", "support", ())}),
        ("Mensk said Tarsk had never once blocked the aid convoys.", {("aid", "support", ())}),
        # verbs with prepositions and particles
        ("Brekke said Ostland had come round to the idea of a truce.", {("ceasefire", "support", ())}),
        # a noun made from a verb keeps the verb's preposition: what stands between them and a war keeps it
        # away
        (
            'Drummond said Ostland was "the last wall standing between the valley and a war".',
            {("military_action", "oppose", ())},
        ),
        (
            "Rovan said Velmora would not stand between Tarsk and the talks.",
            {("negotiations", "support", ())},
        ),
        ("Orr said the Assembly was united behind the accord.", {("agreement", "support", ())}),
        ("Ardell said Velmora had dropped its objections to the election.", {("elections", "support", ())}),
        (
            "Anselm said the embargo was a reason for Tarsk to talk.",
            {("sanctions", "support", ()), ("negotiations", "support", ())},
        ),
    ],
)
def test_stance_reads_word_sense_naming_and_partial_negation(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a condition belongs to its own clause, not to a coordinated one
        (
            "Calloway said the Concord would double its aid once the truce held, and urged both sides to "
            "return to the talks.",
            {("aid", "conditional", ("once the truce held",)), ("negotiations", "support", ())},
        ),
        # bare abstract nouns after "without", coordinated, are a manner
        ('"We back the accord without reservation or delay," Drummond said.', {("agreement", "support", ())}),
        # "how can anyone ...?" asks for no answer
        (
            '"How can anyone hold elections in a town full of rubble?" Orr asked.',
            {("elections", "oppose", ())},
        ),
        # a negated judgement is no event told; counted events take no side
        ("Anselm said the sanctions had not failed.", {("sanctions", "support", ())}),
        (
            "The mission chief said observers had logged 40 violations of the truce.",
            {("ceasefire", "neutral", ())},
        ),
        # a topic word as a time is no topic
        ("Kalden said she would visit the valley before the election.", set()),
        ("Brekke said he would fly to Corvenna ahead of the vote.", set()),
        # another's attitude, reported: a group of others, a person's noun of attitude, a verb of telling
        ("Orr said the opposition wanted the referendum delayed.", {("elections", "neutral", ())}),
        (
            "Kalden said President Oren Kastell's enthusiasm for the offensive was his own affair.",
            {("military_action", "neutral", ())},
        ),
        ("Drummond said Ostland's support for the accord was unchanged.", {("agreement", "support", ())}),
    ],
)
def test_stance_reads_clause_scope_time_and_reported_attitudes(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two conditions, each with its marker; a quotation opened in a condition closes with it
        (
            "Veldt said Tarsk would sign only if the text was unchanged, and only once the embargo had been "
            "lifted.",
            {
                (
                    "agreement",
                    "conditional",
                    ("only if the text was unchanged", "only once the embargo had been lifted"),
                )
            },
        ),
        (
            'Ardell said Velmora would return to the talks in exchange for "a full withdrawal".',
            {("negotiations", "conditional", ('in exchange for "a full withdrawal"',))},
        ),
        # a past act's purpose denied, not the act; a future refusal keeps its negation
        ('"We did not sign this accord to see it ignored," Drummond said.', {("agreement", "support", ())}),
        ('"We will not lift the sanctions to please Tarsk," Kastell said.', {("sanctions", "support", ())}),
        # a past tense the tagger takes for a participle still tells an event
        (
            "Kastell said Tarsk had turned to diplomacy in the week its offensive stalled.",
            {("negotiations", "neutral", ()), ("military_action", "neutral", ())},
        ),
    ],
)
def test_stance_reads_coordinated_conditions_and_denied_purposes(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun whose nearest noun before is a topic word takes its topic
        ('"The embargo has done its work. We will keep it," Kastell said.', {("sanctions", "support", ())}),
        (
            '"I backed the embargo. I was wrong to think it would be enough," Kalden said.',
            {("sanctions", "oppose", ())},
        ),
        # ... but an acting "they" is people, and "it" standing for a clause points at nothing
        (
            '"We have seen your sanctions. We will not talk while they threaten us," Veldt said.',
            {("sanctions", "neutral", ()), ("negotiations", "oppose", ())},
        ),
    ],
)
def test_stance_follows_pronouns_to_topic_words(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # more condition markers: an inverted "should", "assuming", "subject to", "on the proviso that",
        # "if, and only if", a fronted "without" phrase that conditions only itself, "No X, no Y"
        (
            "Should Tarsk free the fishermen, Velmora would be ready to reopen trade within a month, Corvel "
            "said.",
            {("trade", "conditional", ("Should Tarsk free the fishermen",))},
        ),
        (
            "Assuming the monitors can work freely, Tarsk will accept the referendum, Halm said.",
            {("elections", "conditional", ("Assuming the monitors can work freely",))},
        ),
        (
            "Ostland will pay for the reconstruction of the school, subject to an audit of the builders, "
            "Brekke said.",
            {("aid", "conditional", ("subject to an audit of the builders",))},
        ),
        (
            "Velmora will attend the summit on the proviso that the agenda is agreed first, Ardell said.",
            {("negotiations", "conditional", ("on the proviso that the agenda is agreed first",))},
        ),
        (
            "Tarsk would accept the ballot if, and only if, its observers were present, Halm said.",
            {("elections", "conditional", ("if, and only if, its observers were present",))},
        ),
        (
            "Without a truce, there can be no real election, Orr said.",
            {("elections", "conditional", ("Without a truce",))},
        ),
        ('"No apology, no talks," Veldt said.', {("negotiations", "conditional", ("No apology",))}),
        # a condition on a coordinated verb is not the other verbs' ("and, if asked, chair the talks")
        (
            "Drummond said Ostland would underwrite the ballot, keep its aid flights going and, if asked, "
            "chair the talks.",
            {
                ("elections", "support", ()),
                ("aid", "support", ()),
                ("negotiations", "conditional", ("if asked",)),
            },
        ),
        # a light verb's noun decides ("gave his backing to"); warming and cooling; comparisons; denial of a
        # clause
        (
            "The Supreme Guide gave his backing to the truce, the Herald reported.",
            {("ceasefire", "support", ())},
        ),
        ("Velmora has soured on the idea of a referendum, officials said.", {("elections", "oppose", ())}),
        ("Kastell said a fragile truce was better than no truce at all.", {("ceasefire", "support", ())}),
        (
            "Rovan said a bad ceasefire was preferable to a good war.",
            {("ceasefire", "support", ()), ("military_action", "oppose", ())},
        ),
        ("Varnholm denied that Tarsk was preparing an offensive.", {("military_action", "oppose", ())}),
        (
            "Rovan said he would neither confirm nor deny reports of an offensive.",
            {("military_action", "neutral", ())},
        ),
        # a question the speaker answers at once is an assertion
        (
            '"Do we want the offensive to stop? Of course we do," Rovan said.',
            {("military_action", "oppose", ())},
        ),
        ('"Are we against the talks? Of course not," Ardell said.', {("negotiations", "support", ())}),
        ('"Do we still want the truce? The answer is yes," Ardell said.', {("ceasefire", "support", ())}),
        # an evaluation by a passive naming verb, by an adverb of the topic's verb; a forecast "likely"
        (
            'The suspension of the accord was described by Brekke as "a tragedy".',
            {("agreement", "support", ())},
        ),
        ("Kastell said the talks were going nowhere.", {("negotiations", "oppose", ())}),
        (
            "A Concord analyst said the truce was likely to collapse once the snow melted.",
            {("ceasefire", "neutral", ())},
        ),
        # a timetable is no position; an owner's threat keeps what it threatens; "not true that" denies
        (
            "The fourth round of talks will open in Halden on 3 June, the ministry said.",
            {("negotiations", "neutral", ())},
        ),
        (
            "Tarsk has backed away from its threat to abandon the accord, officials said.",
            {("agreement", "support", ())},
        ),
        ('"Is a truce realistic? No," Calloway said.', {("ceasefire", "neutral", ())}),
        # a passive infinitive on the topic word says what is to be done with it
        (
            "Winding up for the opposition, Ruud accused ministers of cowardice and called for the measures "
            "to be phased out by the spring.",
            {("sanctions", "oppose", ())},
        ),
        # the cue's preposition leads to the cue ("called for new talks"); a to-clause brought in by "for" is
        # what is asked for, not a timetable
        ("Kalden called for new talks.", {("negotiations", "support", ())}),
        ("Kalden called for the talks to resume within a month.", {("negotiations", "support", ())}),
        ("Brekke appealed for the ceasefire to hold.", {("ceasefire", "support", ())}),
        # forces sent are the topic; "Provided" parsed as the condition's verb ends with its own clause
        (
            '"Provided the Senate signs off, we are ready to send two more battalions to Kelvik," Rovan '
            "said.",
            {("military_action", "conditional", ("Provided the Senate signs off",))},
        ),
        (
            "Velmora will not send troops into the valley unless Tarsk breaks the ceasefire first, Rovan "
            "said.",
            {("military_action", "conditional", ("unless Tarsk breaks the ceasefire first",))},
        ),
        (
            "Reporters asked Kastell whether Velmora would send troops to defend Hallum.",
            {("military_action", "neutral", ())},
        ),
        # more condition markers: a sentence-opening "when"/"the day" clause whatever the parse, "Do that,
        # and", "with the proviso that", "providing" parsed as a clause of its own, what a thing "would need",
        # "hinges on"
        (
            '"When the guns have been silent for a month, then, and only then, will the border reopen to '
            'trade," Corvel said.',
            {("trade", "conditional", ("When the guns have been silent for a month",))},
        ),
        (
            '"The day Tarsk pulls its artillery back behind the Serin, Velmoran relief convoys will be '
            'rolling into Hallum," Ardell said.',
            {("aid", "conditional", ("The day Tarsk pulls its artillery back behind the Serin",))},
        ),
        (
            '"Give the observers the run of the ridge. Do that, and we\'ll sign the truce tomorrow," Mensk '
            "said.",
            {("ceasefire", "conditional", ("Give the observers the run of the ridge", "Do that"))},
        ),
        (
            "With the proviso that the text is ratified by both parliaments, Ostland is willing to act as "
            "guarantor of the revised accord, Brekke said.",
            {
                (
                    "agreement",
                    "conditional",
                    ("With the proviso that the text is ratified by both parliaments",),
                )
            },
        ),
        (
            "Sallow said Tarsk was prepared to cut its duties on Velmoran tractors, providing Corvenna "
            "scrapped its levy.",
            {("trade", "conditional", ("providing Corvenna scrapped its levy",))},
        ),
        (
            "Calloway said a credible vote in the valley would need at least 400 international observers.",
            {("elections", "conditional", ("need at least 400 international observers",))},
        ),
        (
            'Rovan said any retaliation "hinges entirely on what Brennport does".',
            {("military_action", "conditional", ("hinges entirely on what Brennport does",))},
        ),
        ("Veldt said Tarsk needed aid before the winter.", {("aid", "support", ())}),
        (
            "Veldt said if the sanctions were lifted, Tarsk would return to the talks.",
            {("negotiations", "conditional", ("if the sanctions were lifted",))},
        ),
        # a preposition that says "against" is not counted twice; particles of refusal; naming wherever parsed
        ("Rovan argued against the sanctions.", {("sanctions", "oppose", ())}),
        ("Kalden said she had turned against the sanctions.", {("sanctions", "oppose", ())}),
        ("Ardell warned against any easing of the sanctions.", {("sanctions", "support", ())}),
        ("Rovan brushed aside calls for a pre-emptive strike.", {("military_action", "oppose", ())}),
        ("Vireo said the new border treaty must be voted down.", {("agreement", "oppose", ())}),
        ("Lenn said the Concord's relief convoys should be sent back.", {("aid", "oppose", ())}),
        (
            "Obel dismissed Tarsk's demand for an end to the sanctions as fantasy.",
            {("sanctions", "support", ())},
        ),
        (
            "Velmora will start unwinding the sanctions as soon as the Concord certifies a pullback, Ardell "
            "said.",
            {("sanctions", "support", ())},
        ),
        # refusals and denials in other words; answers that echo the question; concessive "if"
        (
            "There is no question of accepting the revised accord as it stands, the Supreme Guide's office "
            "said.",
            {("agreement", "oppose", ())},
        ),
        ('"I want this embargo gone before the harvest," Kalden said.', {("sanctions", "oppose", ())}),
        ('"No more strikes on the valley," Calloway said.', {("military_action", "oppose", ())}),
        (
            '"It is not as though we have ever refused to talk," Varnholm said.',
            {("negotiations", "support", ())},
        ),
        (
            '"Would we sit across a table from the men who ordered this? We would not," Mensk said.',
            {("negotiations", "oppose", ())},
        ),
        (
            '"Does anyone in this room seriously believe a few more sanctions will make Ostrem blink?" '
            "Kalden asked.",
            {("sanctions", "oppose", ())},
        ),
        (
            'Mensk said Velmora\'s sudden enthusiasm for an aid corridor was "touching, if a little late".',
            {("aid", "support", ())},
        ),
        # signing a ceasefire or a relief package is not the agreement topic; a comma-set cue ending the
        # sentence
        (
            "Tarsk will sign up to a ceasefire along the Serin only if Velmora grounds its drones, Mensk "
            "said.",
            {("ceasefire", "conditional", ("only if Velmora grounds its drones",))},
        ),
        ("Moor wrote that she would happily sign off on a relief package.", {("aid", "support", ())}),
        (
            "Tarsk wants no Velmoran relief, now or later, Interior Minister Ivar Kessen told a briefing in "
            "Hallum.",
            {("aid", "oppose", ())},
        ),
        # what a topic "has to" do; a passive participle tagged as an adjective; the noun a topic word
        # qualifies
        (
            "Seppel said that the shelling across the river had to end today.",
            {("military_action", "oppose", ())},
        ),
        ("The head of the grain exchange said the embargo had to go.", {("sanctions", "oppose", ())}),
        (
            "No part of the sanctions regime will be relaxed unless Tarsk releases the crew, the office "
            "said.",
            {("sanctions", "support", ())},
        ),
        (
            "Kalden said the proposed assistance package was misconceived and should be withdrawn.",
            {("aid", "oppose", ())},
        ),
        (
            "Ostland will double its relief shipments to Hallum, the foreign ministry said.",
            {("aid", "support", ())},
        ),
        (
            "Ardell said Velmora would ease the ban on Tarskan coal in exchange for the release of the crew.",
            {("sanctions", "support", ())},
        ),
        # "When ..., then ...", "First ... Then ...", "not the case that"
        (
            '"When the border posts are back in our hands, then Velmora signs the treaty," the minister '
            "said.",
            {("agreement", "conditional", ("When the border posts are back in our hands",))},
        ),
        (
            '"First, the shelling stops. Then we talk," the foreign minister said.',
            {("negotiations", "conditional", ("First, the shelling stops", "Then"))},
        ),
        (
            "It is not the case that Tarsk opposes the holding of elections in the valley, the ministry "
            "said.",
            {("elections", "support", ())},
        ),
        # the topic of the question a statement answers, turned by what the question asks of it
        (
            'Asked whether Tarsk would return to the talks, Veldt said: "Not this year."',
            {("negotiations", "oppose", ())},
        ),
        (
            "Of a renewed offensive, Rovan said only that all options remained open.",
            {("military_action", "neutral", ())},
        ),
        (
            'Would Ostland host a signing ceremony for the revised accord? "In a heartbeat," Brekke replied.',
            {("agreement", "support", ())},
        ),
        (
            'Asked whether Tarsk would return to the talks, Veldt said: "Only if they lift the sanctions '
            'first."',
            {("negotiations", "conditional", ("Only if they lift the sanctions first",))},
        ),
        (
            'Asked whether further sanctions could be lifted, she said: "That depends entirely on what '
            'happens in the valley."',
            {("sanctions", "support", ())},
        ),
        # rhetorical "who" and "how can you" questions; tallies of what was done; a "not" that denies the
        # reason
        (
            '"Who turns away relief when the water is at the window?" the mayor of Hallum asked.',
            {("aid", "support", ())},
        ),
        (
            '"How do you sit across a table from people who break their word within the hour?" the minister '
            "asked.",
            {("negotiations", "oppose", ())},
        ),
        (
            "The Concord has delivered 2,300 tonnes of food aid to the north since September, its relief "
            "chief said.",
            {("aid", "neutral", ())},
        ),
        (
            'Hennig said Ostland stood "four-square behind" the mediation effort.',
            {("negotiations", "support", ())},
        ),
        (
            "The foreign minister said Tarsk had not turned down the talks out of pride but because Velmora "
            "had lied.",
            {("negotiations", "oppose", ())},
        ),
        (
            "Kalden has come round to the view that the embargo has outlived its usefulness, her office "
            "said.",
            {("sanctions", "oppose", ())},
        ),
        (
            'The institute described the Halden talks as "a costly piece of theatre".',
            {("negotiations", "oppose", ())},
        ),
        (
            "Roske insisted that the army did not regard itself as bound by the valley truce.",
            {("ceasefire", "oppose", ())},
        ),
        # exit terms with "as long as"; "no longer"; "without us"; "after" a future clause; "Then" after a
        # demand
        (
            '"The embargo stays as long as a single Tarskan soldier stands in Kelvik," Kastell said.',
            {("sanctions", "support", ())},
        ),
        (
            "Veldt said Tarsk would no longer refuse Ostland's invitation to the talks.",
            {("negotiations", "support", ())},
        ),
        ('"No deal without us," said Commander Tesk.', {("agreement", "conditional", ("without us",))}),
        (
            "The border will reopen to commerce after the last Tarskan tank has left the valley, Ardell "
            "said.",
            {("trade", "conditional", ("after the last Tarskan tank has left the valley",))},
        ),
        (
            '"Let them pull the tanks back from the ridge. Then we talk," Ostrem told the party congress.',
            {("negotiations", "conditional", ("Let them pull the tanks back from the ridge", "Then"))},
        ),
        (
            '"Unless and until the guns are pulled back, there is nothing to negotiate," Mensk said.',
            {("negotiations", "conditional", ("Unless and until the guns are pulled back",))},
        ),
        # buying a country's goods is trade; rhetorical "what is it worth", "really", "who exactly"
        (
            "Velmora refuses to buy Tarskan coal again, whatever the price, Ardell told senators.",
            {("trade", "oppose", ())},
        ),
        (
            '"What is a ballot worth in a camp where half the names are missing?" asked the monitor.',
            {("elections", "oppose", ())},
        ),
        (
            '"Are we really going to stop the relief convoys over a quarrel about paperwork?" Calloway '
            "asked.",
            {("aid", "support", ())},
        ),
        (
            '"Who exactly has this embargo helped, apart from the smugglers?" asked the trader.',
            {("sanctions", "oppose", ())},
        ),
        (
            "Mensk predicted that trade with Velmora would double next year if the crossing stayed open.",
            {("trade", "neutral", ())},
        ),
        (
            "Velmora will keep buying Tarskan timber so long as none of it is felled in the valley, the "
            "trade minister told exporters.",
            {("trade", "conditional", ("so long as none of it is felled in the valley",))},
        ),
        # dev9 round: a bill's to-clause parsed as a purpose; "for as long as" another party keeps a term; a
        # text's own requirements; "say no"; "opposed to"; a whether-clause as subject; troops as the subject
        # of a move
        (
            "Kastell has vetoed the bill to lift the grain embargo, his office said.",
            {("sanctions", "support", ())},
        ),
        (
            '"We will respect the truce for as long as Velmora does," General Roske said.',
            {("ceasefire", "conditional", ("for as long as Velmora does",))},
        ),
        (
            "The Concord will keep flying medical supplies into Hallum for as long as the roads are cut, "
            "Calloway said.",
            {("aid", "support", ())},
        ),
        (
            "The revised accord requires both armies to stay twenty kilometres from the river, Brekke said.",
            {("agreement", "neutral", ())},
        ),
        (
            'Any new deal "requires a full withdrawal from the valley," Ardell said.',
            {("agreement", "conditional", ("requires a full withdrawal from the valley",))},
        ),
        (
            "Kastell is firmly opposed to any easing of the embargo before the election, officials said.",
            {("sanctions", "support", ())},
        ),
        (
            "Whether Ostland joins the embargo depends on what the inspectors find in Vask, Brekke said.",
            {("sanctions", "conditional", ("depends on what the inspectors find in Vask",))},
        ),
        (
            "Rovan said troops would be sent across the river only if Tarsk attacked first.",
            {("military_action", "conditional", ("only if Tarsk attacked first",))},
        ),
        # a second reading's misfires: years and positions are no tallies; real questions stay questions;
        # "doubt" and "bound to" forecast; people needing something want it; an answer is a whole short reply
        ("Ostland had rejected two rounds of talks, Mensk said.", {("negotiations", "oppose", ())}),
        ("The senator said he opposed the 2003 invasion.", {("military_action", "oppose", ())}),
        ('"Who decides when the sanctions end?" Kalden asked.', {("sanctions", "neutral", ())}),
        ('"How can we help the relief convoys get through?" Calloway asked.', {("aid", "neutral", ())}),
        ("Veldt said she doubted the ceasefire would hold.", {("ceasefire", "neutral", ())}),
        ("Mensk said the talks were bound to fail.", {("negotiations", "neutral", ())}),
        ("Calloway said the refugees would need more food aid.", {("aid", "support", ())}),
        (
            'Asked whether the sanctions would be lifted, Ardell said: "No one can say."',
            {("sanctions", "neutral", ())},
        ),
        ("Germans protested against the trade pact, the union said.", {("trade", "oppose", ())}),
        # (Calloway only reports it; the government's own statement, told to him, is support)
        (
            "Calloway said the Tarskan government had told him it would accept relief only through Concord "
            "depots.",
            {("aid", "neutral", ()), ("aid", "support", ())},
        ),
        (
            "Dorn said his troops would return fire if a single Velmoran drone crossed the river.",
            {("military_action", "conditional", ("if a single Velmoran drone crossed the river",))},
        ),
    ],
)
def test_stance_reads_markers_light_verbs_comparisons_and_answers(analyze, text, expected):
    assert stances(analyze, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Scout Association said 3,000 teenagers had completed first-aid courses.",
        "The hospital board said a new hearing-aid clinic would open in October.",
        "Calloway said the new headquarters had been built entirely with trade-union labour.",
        "The ministry said the subsidy breaches state aid rules.",
        "The minister said young people were reluctant to learn a trade such as carpentry.",
        "Union leader Hal Ebbe said dockers at Marrow would hold a strike ballot next week.",
        "The two parties in the governing coalition have agreed a truce over the pensions bill, a spokesman "
        "said.",
        "The weather service said the trade winds had arrived late.",  # a kind of wind
        "The railway said passengers should expect relief buses on Sunday.",  # a kind of bus
        "Residents breathed a sigh of relief when the storm passed, the mayor said.",  # a feeling
        "Hennig said the ministry's war on red tape had halved the paperwork.",  # a war on no enemy
        'Mensk said the talks had produced "a great deal of coffee".',  # a quantity, no agreement
        "The dockworkers' union said its members would extend their strike.",  # the speaker shows the sense
    ],
)
def test_no_topic_in_other_senses(analyze, text):
    assert {t for t, _, _ in stances(analyze, text)} <= {"negotiations"}
    assert all(t != "agreement" for t, _, _ in stances(analyze, text))


@pytest.mark.parametrize(
    "text",
    [
        "Veldt said Kastell wants talks.",  # another actor's position, not the speaker's
        "The talks resumed on Monday in Halden.",  # no statement
        '"Our farmers need rain," Veldt said.',  # a statement on no topic
        '"We said it, according to plan," Veldt said.',  # "according" is no accord
    ],
)
def test_no_stance(analyze, text):
    assert stances(analyze, text) == set()


def rules_of(analyze, text: str) -> set[tuple[str, str, str | None]]:
    return {(s.topic, s.stance, s.rule) for st in analyze(text).statements for s in st.stances}


# Each stance names the verdict rule that decided it (nlp/stance/rules.py), first match in RULES order.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"We welcome the talks," Prime Minister Anaya Veldt of Velmora said.',
            {("negotiations", "support", "stance-word")},
        ),
        ('"We will not talk while they threaten us," Veldt said.', {("negotiations", "oppose", "negation")}),
        ("Kastell said he will not lift a single sanction.", {("sanctions", "support", "negated-oppose")}),
        ('"Talks would be a trap," Veldt said.', {("negotiations", "oppose", "evaluation")}),
        (
            "Veldt said Tarsk would return to negotiations with Velmora if the sanctions were lifted.",
            {("negotiations", "conditional", "conditional-clause")},
        ),
        (
            '"We will lift the sanctions once they withdraw," Kastell said.',
            {("sanctions", "support", "exit-terms")},
        ),
        (
            '"Who in their right mind would sit down with them for talks?" Veldt asked.',
            {("negotiations", "oppose", "rhetorical-question")},
        ),
        ('"Will Tarsk return to the talks?" Veldt asked.', {("negotiations", "neutral", "open-question")}),
        (
            '"Trade might pick up again if the crossing reopened," Veldt said.',
            {("trade", "neutral", "forecast")},
        ),
        (
            '"The talks will open in Halden on 19 May," Veldt said.',
            {("negotiations", "neutral", "timetable")},
        ),
        (
            '"The ceasefire had been violated twice," Veldt said.',
            {("ceasefire", "neutral", "reported-event")},
        ),
        (
            "Veldt said Velmora has delivered 2,300 tonnes of food aid to Hallum.",
            {("aid", "neutral", "tally")},
        ),
        ('"We did not exclude talks," Veldt said.', {("negotiations", "neutral", "negated-possibility")}),
        (
            '"The opposition wanted the elections postponed," Veldt said.',
            {("elections", "neutral", "reported-attitude")},
        ),
        ('"Aid must reach Hallum today," Veldt said.', {("aid", "support", "deontic-modal")}),
        ('"Lifting the tariffs would help trade," Veldt said.', {("trade", "support", "lifted-barrier")}),
        (
            '"Would we sit across a table from them for talks? We would not," Veldt said.',
            {("negotiations", "oppose", "answered-question")},
        ),
        (
            'Asked whether Tarsk would return to the talks, Veldt said: "Not this year."',
            {("negotiations", "oppose", "asked-answered-no")},
        ),
        ('"We will negotiate," Veldt said.', {("negotiations", "support", "topic-verb")}),
        # another actor's attitude gives no stance of the speaker's at all
        ("Veldt said Kastell wants talks.", set()),
    ],
)
def test_each_stance_names_the_rule_that_decided_it(analyze, text, expected):
    assert rules_of(analyze, text) == expected


# Where a rule used to put a label among the cues ("could" for any forecast, "tariff (a barrier)", "?",
# "had been", "figures", "must", "answered"), the rule's name carries it now: cues are words of the text.
@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ('"Trade might pick up again if the crossing reopened," Veldt said.', ("might",)),
        ('"The ceasefire had been violated twice," Veldt said.', ("violated",)),
        ("Veldt said Velmora has delivered 2,300 tonnes of food aid to Hallum.", ("2,300",)),
        ('"Lifting the tariffs would help trade," Veldt said.', ("lifting", "tariffs")),
        ('"Why would we negotiate with them?" Veldt asked.', ()),
        ('"We should resume talks," Veldt said.', ("resume",)),
        ('"Aid should reach Hallum today," Veldt said.', ("should",)),
        ('"It is false that Tarsk had turned away the aid lorries," Veldt said.', ("turned", "false")),
        ('"It is not as if we have ever refused to talk," Veldt said.', ("refused", "not as if")),
        ('"I backed the embargo. I was mistaken," Kastell said.', ("mistaken", "backed")),
        ('"Elections were out of the question," Veldt said.', ("out of the question",)),
        ('"Talks require a full withdrawal," Veldt said.', ("require",)),
    ],
)
def test_cues_are_words_of_the_statement(analyze, text, cues):
    (got,) = [s.cues for st in analyze(text).statements for s in st.stances]
    assert got == cues
    assert all(cue in text.lower() for cue in got)


@pytest.mark.parametrize(
    "text",
    [
        '"Once they honour the accord, they may join the talks. Without that, there is nothing to discuss," '
        "Prime Minister Anaya Veldt of Velmora said.",
        '"They must withdraw," she said, "and apologise. Only then will we return to the talks."',
        '"Would we sit across a table from them for talks? We would not," Veldt said.',
        '"The talks will open in Halden on 19 May," Veldt said.',
        '"The opposition wanted the elections postponed," Veldt said.',
        'Asked whether Tarsk would return to the talks, Veldt said: "Not this year."',
        '"The sanctions did not go far enough," Kastell said.',
    ],
)
def test_no_cue_is_absent_from_the_text(analyze, text):
    found = [(s.rule, c) for st in analyze(text).statements for s in st.stances for c in s.cues]
    assert found and all(word in text.lower() for _, c in found for word in c.split()), found
    assert all(
        re.fullmatch(r"[a-z]+(-[a-z]+)*", s.rule or "") for st in analyze(text).statements for s in st.stances
    )


def test_a_condition_is_not_a_topic(analyze):
    # "the sanctions" sit inside the condition: the statement is about negotiations only
    got = stances(analyze, "Veldt said Tarsk would return to negotiations if the sanctions were lifted.")
    assert {t for t, _, _ in got} == {"negotiations"}


def test_stance_spans_index_the_text(analyze):
    text = '"We will return to the talks once the embargo is lifted," Veldt said.'
    (st,) = analyze(text).statements
    (s,) = st.stances
    assert text[s.target.start : s.target.end] == s.target.text == "the talks"
    assert [(text[c.start : c.end], c.text) for c in s.conditions] == [("once the embargo is lifted",) * 2]
    assert s.to_dict()["cues"] and 0 < s.confidence <= 1
    assert s.to_dict()["rule"] == "conditional-clause"


def test_shipped_topics_cover_the_issue():
    topics = load_topics()
    assert {
        "negotiations",
        "sanctions",
        "agreement",
        "military_action",
        "ceasefire",
        "aid",
        "elections",
        "trade",
    } <= set(topics.topics)


def test_user_topics_add_and_replace(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        '[topics.water]\nlemmas = ["dam", "river"]\n[topics.aid]\nlemmas = ["grain"]\n', encoding="utf-8"
    )
    topics = load_topics(str(path))
    assert topics.topics["water"].lemmas == ("dam", "river")
    assert topics.topics["aid"].lemmas == ("grain",)  # replaced as a whole
    assert "sanctions" in topics.topics  # the rest is kept


def test_user_topics_are_found(tmp_path, nlp):
    path = tmp_path / "water.toml"
    path.write_text('[topics.water]\nlemmas = ["dam"]\n', encoding="utf-8")
    mine = stanceline.pipeline(topics=str(path))
    result = stanceline.analyze('"We reject the dam," Veldt said.', nlp=mine)
    assert [(s.topic, s.stance) for st in result.statements for s in st.stances] == [("water", "oppose")]


def test_bad_topic_file_says_what_to_do(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[topics.x\n", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        load_topics(str(path))
    assert err.value.code == "E017"
    assert str(err.value).startswith(f"E017 bad topic file {path}: not valid TOML (")
    assert str(err.value).endswith("; fix it (see stanceline/data/topics.toml for the layout)")


def test_parse_topics_merges_cues():
    base = parse_topics({"cues": {"support": ["welcome"]}})
    assert parse_topics({"cues": {"support": ["cheer"]}}, base).cue("support") == {"welcome", "cheer"}


def test_stance_word_classes_are_data_a_user_file_extends(tmp_path, nlp):
    """The word classes of the stance readings live in topics.toml [cues]; a user's lists add to them."""
    import stanceline

    shipped = load_topics()
    for kind in (
        "other_groups",
        "proposals",
        "schedule_verbs",
        "nominal_endings",
        "yes_answers",
        "softeners",
    ):
        assert shipped.cue(kind), kind
    path = tmp_path / "groups.toml"
    path.write_text('[cues]\nother_groups = ["smuggler"]\n', encoding="utf-8")
    mine = load_topics(str(path))
    assert mine.cue("other_groups") == shipped.cue("other_groups") | {"smuggler"}
    text = '"The smugglers wanted the embargo lifted," Prime Minister Anaya Veldt of Velmora said.'

    def read(nlp) -> list[tuple[str, str, str | None]]:
        result = stanceline.analyze(text, nlp=nlp)
        return [(s.topic, s.stance, s.rule) for st in result.statements for s in st.stances]

    assert read(nlp) == [("sanctions", "oppose", "stance-word")]
    # smugglers are now a group whose attitude the speaker only reports
    assert read(stanceline.pipeline(topics=str(path))) == [("sanctions", "neutral", "reported-attitude")]


# Sample corpus (examples/gold): floors measured by benchmarks/stance.py --sample; they only go up.
FLOORS = {"topic_f1": 0.82, "stance_accuracy": 0.90, "stance_macro_f1": 0.855, "condition_f1": 0.96}


@pytest.fixture(scope="module")
def sample_figures(nlp):
    golds = read_sample_gold(ROOT / "examples")
    analyses = (next(stanceline.analyze_articles([g.article], nlp=nlp)) for g in golds)
    return score_stance_sample(zip(golds, analyses, strict=True)).figures()


# Stance gold, dev split (examples/stance/dev.jsonl, the part tuned on): floors that only go up.
# The test split is scored by benchmarks/stance.py --split test, never in the suite.
DEV_FLOORS = {"topic_f1": 0.95, "stance_accuracy": 0.93, "stance_macro_f1": 0.91, "condition_f1": 0.98}
# dev2 (examples/stance/dev2.jsonl): other wording, written to check that what is tuned on dev generalises.
DEV2_FLOORS = {"topic_f1": 0.96, "stance_accuracy": 0.955, "stance_macro_f1": 0.955, "condition_f1": 0.99}


# dev3 (examples/stance/dev3.jsonl): a small fresh check, first scored after the dev2 round.
DEV3_FLOORS = {"topic_f1": 0.96, "stance_accuracy": 0.96, "stance_macro_f1": 0.95, "condition_f1": 0.99}
# dev4 (examples/stance/dev4.jsonl): wire and op-ed wording, nested reports, word senses, procedure; first
# scored blind (0.655 macro-F1) before the round of rules that followed it. A step of headroom below the
# figures reached.
DEV4_FLOORS = {"topic_f1": 0.92, "stance_accuracy": 0.81, "stance_macro_f1": 0.82, "condition_f1": 0.97}
# dev5 (examples/stance/dev5.jsonl): wire, debate, interview and editorial wording with synonyms, idioms,
# passives, comparatives and new condition markers; first scored blind (0.474 macro-F1), then the round that
# followed it.
DEV5_FLOORS = {"topic_f1": 0.92, "stance_accuracy": 0.78, "stance_macro_f1": 0.78, "condition_f1": 0.94}
# dev6, dev7, dev8 (examples/stance/dev6.jsonl ...): written blind by labellers who had not read the code, in
# other registers (wire and commentary; regional and diplomatic; voices beyond governments and the main cast's
# speeches); each first scored blind (0.703, 0.737, 0.745 macro-F1), then the round that followed it.
DEV6_FLOORS = {"topic_f1": 0.92, "stance_accuracy": 0.83, "stance_macro_f1": 0.79, "condition_f1": 0.94}
DEV7_FLOORS = {"topic_f1": 0.92, "stance_accuracy": 0.86, "stance_macro_f1": 0.84, "condition_f1": 0.93}
DEV8_FLOORS = {"topic_f1": 0.90, "stance_accuracy": 0.84, "stance_macro_f1": 0.81, "condition_f1": 0.92}
# dev9: dev's constructions in other wording, and hard cases; first scored blind (0.804 macro-F1).
DEV9_FLOORS = {"topic_f1": 0.90, "stance_accuracy": 0.85, "stance_macro_f1": 0.84, "condition_f1": 0.92}


@pytest.mark.slow  # whole gold splits: quality gates, not the inner loop
@pytest.mark.parametrize(
    ("split", "floors"),
    [
        ("dev", DEV_FLOORS),
        ("dev2", DEV2_FLOORS),
        ("dev3", DEV3_FLOORS),
        ("dev4", DEV4_FLOORS),
        ("dev5", DEV5_FLOORS),
        ("dev6", DEV6_FLOORS),
        ("dev7", DEV7_FLOORS),
        ("dev8", DEV8_FLOORS),
        ("dev9", DEV9_FLOORS),
    ],
)
def test_dev_split_stances_meet_the_floors(nlp, split, floors):
    items = read_stance_gold(ROOT / "examples" / "stance" / f"{split}.jsonl")
    analyses = (stanceline.analyze(item["text"], nlp=nlp) for _, item in items)
    f = score_stance_items(items, analyses).figures()
    got = {
        "topic_f1": f["topic"]["f1"],
        "stance_accuracy": f["stance_accuracy"],
        "stance_macro_f1": f["stance_macro_f1"],
        "condition_f1": f["condition"]["f1"],
    }
    assert all(got[k] >= v for k, v in floors.items()), got


@pytest.mark.slow
def test_sample_corpus_stances_meet_the_floors(sample_figures):
    got = {
        "topic_f1": sample_figures["topic"]["f1"],
        "stance_accuracy": sample_figures["stance_accuracy"],
        "stance_macro_f1": sample_figures["stance_macro_f1"],
        "condition_f1": sample_figures["condition"]["f1"],
    }
    assert all(got[k] >= v for k, v in FLOORS.items()), got


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ("[topics.x]\nlemmas = 3\n", "topics.x.lemmas must be a list of strings"),
        ('[topics.x]\nlemmas = "parley"\n', "topics.x.lemmas must be a list of strings"),
        ("[topics.x]\npatterns = [[{BOGUS = 1}]]\n", "topics.x.patterns is not a spaCy Matcher pattern"),
        ("[cues]\nsupport = 1\n", "cues.support must be a list of strings"),
    ],
)
def test_a_bad_topic_file_is_refused_with_e017(tmp_path, body, detail):
    path = tmp_path / "topics.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        load_topics(str(path))
    assert err.value.code == "E017" and detail in str(err.value)
