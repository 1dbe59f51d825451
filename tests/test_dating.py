"""Statement dating (``said_on``): tables of cases, and a floor on the sample corpus gold."""

from __future__ import annotations

from pathlib import Path

import pytest

import stanceline
from stanceline.evaluate import read_sample_gold, score_dating

ROOT = Path(__file__).resolve().parents[1]
PUB = "2021-06-14"  # a Monday

# (text, [(value, granularity, basis, evidence text)] per statement, in order)
CASES = [
    # explicit: a date on the cue or its clause, outside the content
    (
        "Prime Minister Anaya Veldt said on Tuesday that Tarsk would return to talks.",
        [("2021-06-08", "day", "explicit", "Tuesday")],
    ),
    (
        "In a speech on March 3, Prime Minister Anaya Veldt said Tarsk would return to talks.",
        [("2021-03-03", "day", "explicit", "March 3")],
    ),
    (
        "Last August, Prime Minister Anaya Veldt told the assembly that Tarsk would never negotiate.",
        [("2020-08", "month", "explicit", "Last August")],
    ),
    (
        "In a 2013 speech, Prime Minister Anaya Veldt said Tarsk would never negotiate.",
        [("2013", "year", "explicit", "2013")],
    ),
    (
        'Veldt\'s remarks on Sunday that Tarsk had "never left the accord" drew scorn.',
        [("2021-06-13", "day", "explicit", "Sunday")],
    ),
    # a date inside the content is what was said, not when
    (
        "Prime Minister Anaya Veldt said Tarsk would sign the accord in 2022.",
        [(PUB, "day", "publication", None)],
    ),
    ('"We will sign on Friday," Prime Minister Anaya Veldt said.', [(PUB, "day", "publication", None)]),
    # context: the scene carries to the statements made there
    (
        'The shift came in a televised address on Sunday evening. "We have been patient," Prime Minister '
        'Anaya Veldt said. "But patience has limits," she added.',
        [
            ("2021-06-13", "day", "context", "Sunday evening"),
            ("2021-06-13", "day", "context", "Sunday evening"),
        ],
    ),
    (
        "Foreign Minister Dario Mensk told reporters on Monday that the offer was final. He said Tarsk "
        "expected an answer within weeks.",
        [("2021-06-14", "day", "explicit", "Monday"), ("2021-06-14", "day", "context", "Monday")],
    ),
    # someone else speaking ends the scene
    (
        "Foreign Minister Dario Mensk told reporters on Thursday that the offer was final.\n\n"
        "Velmora's Foreign Ministry said it had taken note of the offer.",
        [("2021-06-10", "day", "explicit", "Thursday"), (PUB, "day", "publication", None)],
    ),
    # publication: nothing dates it
    ("Velmora's Foreign Ministry said it had taken note of the offer.", [(PUB, "day", "publication", None)]),
    # a bare title as a sentence's subject sets its holder's scene, over that speaker's earlier date
    (
        "Tarsk's Supreme Guide, Halvar Ostrem, spoke on Sunday. Last August, he told clerics that talks were "
        "pointless. But in March, speaking to parliament, the Supreme Guide struck a different note. "
        '"Once they lift the sanctions, they may take part," he said.',
        [("2020-08", "month", "explicit", "Last August"), ("2021-03", "month", "context", "March")],
    ),
]

# The date a statement was made, from the grammar of real reports (publication date a Monday, PUB).
SCENE_CASES = [
    # a weekday on the cue is the one on or before publication, whatever the tense of its clause
    (
        "President Kalden said on Friday he would \u201ctotally reject\u201d any deal that left Tarsk "
        "exposed.",
        [("2021-06-11", "day", "explicit", "Friday")],
    ),
    (
        "Prime Minister Anaya Veldt said on Monday that talks would resume.",
        [(PUB, "day", "explicit", "Monday")],
    ),
    (
        "This past March, Prime Minister Anaya Veldt stated that Tarsk would never negotiate.",
        [("2021-03", "month", "explicit", "This past March")],
    ),
    # named days of a fixed date (data/temporal.txt [holidays]), the latest before publication
    (
        "In his New Year's address, President Kalden said Tarsk was ready for talks.",
        [("2021-01-01", "day", "explicit", "New Year's")],
    ),
    (
        "President Kalden said on Christmas Day that Tarsk would keep its troops at the border.",
        [("2020-12-25", "day", "explicit", "Christmas Day")],
    ),
    # the speaker's scene carries past another speaker's statement
    (
        "President Kalden said on Thursday that the border would stay closed.\n\n"
        "Velmora's Foreign Ministry said it had taken note of the offer.\n\n"
        "Kalden also said Tarsk would not pay reparations.",
        [
            ("2021-06-10", "day", "explicit", "Thursday"),
            (PUB, "day", "publication", None),
            ("2021-06-10", "day", "context", "Thursday"),
        ],
    ),
    # an occasion that is the speaker's sets the speaker's scene, even inside what was said
    (
        "It was the first reply to President Kalden's New Year's Day speech, the Velmoran daily reported.\n\n"
        "Kalden said Tarsk was ready to meet.",
        [(PUB, "day", "publication", None), ("2021-01-01", "day", "context", "New Year's Day")],
    ),
    # "then", "at the time": the scene before, whoever set it ...
    (
        "President Kalden told reporters on Tuesday that the border would stay shut. "
        "Prime Minister Anaya Veldt said then that Velmora would wait.",
        [("2021-06-08", "day", "explicit", "Tuesday"), ("2021-06-08", "day", "context", "Tuesday")],
    ),
    # ... which without them is someone else's
    (
        "President Kalden told reporters on Tuesday that the border would stay shut. "
        "Prime Minister Anaya Veldt said that Velmora would wait.",
        [("2021-06-08", "day", "explicit", "Tuesday"), (PUB, "day", "publication", None)],
    ),
    # the report a statement is the content of: made by then, its month known, not its day
    (
        "President Kalden said he was willing to hold on until the close of the year, the state news agency "
        "reported on Saturday.",
        [("2021-06", "month", "context", "Saturday")],
    ),
    # the past perfect: before the events reported, on a day not given (a position held over time is today's)
    ("President Kalden had said Tarsk would never negotiate.", [("2021-06", "month", "context", None)]),
    (
        "President Kalden had repeatedly said Tarsk would never negotiate.",
        [(PUB, "day", "publication", None)],
    ),
    (
        "President Kalden met Veldt on Friday. The Velmoran government had maintained that the sanctions "
        "would remain until Tarsk withdrew.",
        [(PUB, "day", "publication", None)],
    ),
    (
        "President Kalden met Veldt on Friday. The Velmoran government had insisted that the sanctions "
        "would remain until Tarsk withdrew.",
        [("2021-06", "month", "context", None)],
    ),
    # a statement with no source of its own, inside another, is the outer one's
    (
        "Prime Minister Anaya Veldt said on Saturday it was widely hoped that the ferry link would reopen.",
        [("2021-06-12", "day", "explicit", "Saturday"), ("2021-06-12", "day", "explicit", "Saturday")],
    ),
    # a lead that sums up takes the date of the speaker's quote that follows it ...
    (
        'President Kalden called the accord a triumph. "We have won the peace," Kalden said in a statement '
        "on Friday.",
        [("2021-06-11", "day", "context", "Friday"), ("2021-06-11", "day", "explicit", "Friday")],
    ),
    # ... not an older date, which is a contrast ...
    (
        "President Kalden called the accord a triumph. Last August, Kalden said the accord was a trap.",
        [(PUB, "day", "publication", None), ("2020-08", "month", "explicit", "Last August")],
    ),
    # ... nor another speaker's
    (
        'President Kalden called the accord a triumph. "It is a trap," Prime Minister Anaya Veldt said on '
        "Friday.",
        [(PUB, "day", "publication", None), ("2021-06-11", "day", "explicit", "Friday")],
    ),
    # must keep the publication date: no date evidence ...
    (
        "Prime Minister Anaya Veldt told USA TODAY that talks would resume.",
        [(PUB, "day", "publication", None)],
    ),
    # ... a year or month of a deadline or a purpose ...
    (
        "Prime Minister Anaya Veldt added the goal for 2019 is to reopen the border.",
        [(PUB, "day", "publication", None)],
    ),
    ("Prime Minister Anaya Veldt said a deal must be reached by March.", [(PUB, "day", "publication", None)]),
    # ... a date of a clause that looks ahead ...
    (
        '"The ratification is expected to go ahead" at the end of May, Prime Minister Anaya Veldt said.',
        [(PUB, "day", "publication", None)],
    ),
    # ... a neighbouring sentence's date under a present perfect cue (a position held now)
    (
        "President Kalden met Veldt on June 2, 2021. Kalden has repeatedly said that talks are pointless.",
        [(PUB, "day", "publication", None)],
    ),
]
CASES += SCENE_CASES

# a statement reported inside another's content: made by then, in the host's month, on a day not given
# (unless it has a date of its own); the speaker's later statements keep the host's day
NESTED_CASES = [
    (
        "President Kalden said on Tuesday that his warning that Tarsk would face sanctions was not strong "
        'enough. "They should be very nervous," Kalden said.',
        [
            ("2021-06-08", "day", "explicit", "Tuesday"),
            ("2021-06", "month", "context", "Tuesday"),
            ("2021-06-08", "day", "context", "Tuesday"),
        ],
    ),
    (
        "Prime Minister Anaya Veldt said on Sunday that the talks were useful, despite Tarsk describing them "
        "as a failure.",
        [("2021-06-13", "day", "explicit", "Sunday"), ("2021-06", "month", "context", "Sunday")],
    ),
    (
        "Prime Minister Anaya Veldt said on Sunday that Kalden told her on Friday that Tarsk would sign.",
        [("2021-06-13", "day", "explicit", "Sunday"), ("2021-06-11", "day", "explicit", "Friday")],
    ),
]
CASES += NESTED_CASES

# a reply with no date of its own after another speaker's dated statement in its paragraph: that month
# (the day is not given); a reaction in a relative clause, a statement that is no reply, or one in another
# paragraph keeps the publication date
BYSTANDER_CASES = [
    (
        "On Friday, President Kalden declared the talks with Tarsk dead. On the radio, Prime Minister Anaya "
        "Veldt shot back, warning Velmora of more harm to come.",
        [("2021-06-11", "day", "explicit", "Friday"), ("2021-06", "month", "context", "Friday")],
    ),
    (
        "President Kalden said on Saturday that the border would stay shut. Prime Minister Anaya Veldt "
        "responded that Tarsk would wait.",
        [("2021-06-12", "day", "explicit", "Saturday"), ("2021-06", "month", "context", "Saturday")],
    ),
    (
        "Veldt's remarks on Sunday that Tarsk would sign drew scorn in Corvenna, where officials noted that "
        "the troops remain.",
        [("2021-06-13", "day", "explicit", "Sunday"), (PUB, "day", "publication", None)],
    ),
    (
        "President Kalden said on Friday that the talks were dead.\n\nPrime Minister Anaya Veldt replied "
        "that the decision was a mistake.",
        [("2021-06-11", "day", "explicit", "Friday"), (PUB, "day", "publication", None)],
    ),
]
CASES += BYSTANDER_CASES

# an earlier occasion on a day not given: an adverbial of the cue ("previously", "until recently": the
# publication year; "earlier": its month), a clause of time apart from the scene ("days after ... said")
UNDATED_CASES = [
    (
        "President Kalden met Veldt on Friday. Kalden previously said that Tarsk would never negotiate.",
        [("2021", "year", "context", None)],
    ),
    (
        "Until recently, Velmoran officials insisted that the sanctions would stay.",
        [("2021", "year", "context", None)],
    ),
    (
        "Prime Minister Anaya Veldt earlier told reporters that Tarsk would wait.",
        [("2021-06", "month", "context", None)],
    ),
    (
        "The talks on Saturday came days after President Kalden said that Tarsk would test a missile.",
        [("2021-06", "month", "context", "Saturday")],
    ),
    (
        "The talks on Saturday ended when President Kalden said that Tarsk would test a missile.",
        [("2021-06-12", "day", "context", "Saturday")],
    ),
]
CASES += UNDATED_CASES

# the same speaker by a bare family name, in a later paragraph; another bare name is someone else
NAME_CASES = [
    (
        'President Oren Kastell said on Friday that talks would resume.\n\n"We are ready," Kastell said.',
        [("2021-06-11", "day", "explicit", "Friday"), ("2021-06-11", "day", "context", "Friday")],
    ),
    (
        'President Oren Kastell said on Friday that talks would resume.\n\n"We are ready," Veldt said.',
        [("2021-06-11", "day", "explicit", "Friday"), (PUB, "day", "publication", None)],
    ),
]
CASES += NAME_CASES

# a week, a weekend, a season said of a statement: the month, else the year, that holds it up to publication
PERIOD_CASES = [
    (
        "Prime Minister Anaya Veldt said last week that Tarsk would wait.",
        [("2021-06", "month", "explicit", "last week")],
    ),
    (
        "President Kalden said over the weekend that the border would stay shut.",
        [("2021-06", "month", "explicit", "the weekend")],
    ),
    (
        "Veldt told reporters last summer that Tarsk would never sign.",
        [("2020", "year", "explicit", "last summer")],
    ),
    # winter straddles two years: nothing the statement could be dated by
    ("Veldt said last winter that talks were over.", [(PUB, "day", "publication", None)]),
]
CASES += PERIOD_CASES

# a date right after the cue dates it, wherever the parser hangs it; one that is part of a noun of what is
# said, or at its end, does not
ADJACENT_CASES = [
    (
        "President Oren Kalden said on Saturday he was ready to wait.",
        [("2021-06-12", "day", "explicit", "Saturday")],
    ),
    ("Kalden told reporters Friday the talks were over.", [("2021-06-11", "day", "explicit", "Friday")]),
    ("Kalden said Saturday's vote was rigged.", [(PUB, "day", "publication", None)]),
    ("Kalden said Tarsk would sign on Saturday.", [(PUB, "day", "publication", None)]),
]
CASES += ADJACENT_CASES

# a lead that sums up takes the month of the speaker's next statement dated by a report
LEAD_CASES = [
    (
        "Kalden said talks would require new proposals.\n\nPresident Oren Kalden said he was willing to "
        "hold on until the close of the year, the state news agency reported on Saturday.",
        [("2021-06", "month", "context", "Saturday"), ("2021-06", "month", "context", "Saturday")],
    ),
    (
        "Kalden said talks would require new proposals.\n\nVeldt said he was willing to hold on, the state "
        "news agency reported on Saturday.",
        [
            (PUB, "day", "publication", None),
            ("2021-06", "month", "context", "Saturday"),
            ("2021-06-12", "day", "explicit", "Saturday"),
        ],
    ),
]
CASES += LEAD_CASES


def _said_on(result):
    out = []
    for s in result.statements:
        d = s.said_on.to_dict()
        out.append((d["value"], d["granularity"], d["basis"], (d["evidence"] or {}).get("text")))
    return out


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_said_on(analyze, text, expected):
    result = analyze(text, published=PUB)
    assert _said_on(result) == expected
    for s in result.statements:
        ev = s.said_on.evidence
        assert ev is None or text[ev.start : ev.end] == ev.text


def test_unknown_without_a_publication_date(analyze):
    result = analyze("Velmora's Foreign Ministry said it had taken note of the offer.")
    assert _said_on(result) == [(None, "unknown", "unknown", None)]


def test_relative_explicit_date_stays_null_without_a_publication_date(analyze):
    result = analyze("Prime Minister Anaya Veldt said on Tuesday that Tarsk would return to talks.")
    assert _said_on(result) == [(None, "unknown", "explicit", "Tuesday")]


def test_absolute_explicit_date_needs_no_publication_date(analyze):
    result = analyze(
        "In a speech on March 3, 2021, Prime Minister Anaya Veldt said Tarsk would return to talks."
    )
    assert _said_on(result) == [("2021-03-03", "day", "explicit", "March 3, 2021")]


# ---- the sample corpus: floors only go up ------------------------------------------------------

SAID_ON_ACCURACY_FLOOR = 0.975  # measured 0.978 (225/230)


@pytest.mark.slow  # the whole sample corpus: a quality gate, not the inner loop
def test_said_on_accuracy_on_the_sample_corpus(nlp):
    golds = read_sample_gold(ROOT / "examples")
    analyses = stanceline.analyze_articles([g.article for g in golds], nlp=nlp)
    result = score_dating(zip(golds, analyses, strict=True))
    assert result["accuracy"] >= SAID_ON_ACCURACY_FLOOR, result


# ---- publication dates inferred from the text --------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Veldt opens door\n\nTARSK, March 14, 2024 (Meridian Wire) — Veldt said on Sunday ...",
            ("2024-03-14", "inferred"),
        ),
        (
            "By Petra Hallin | Commentary | 20 February 2023\n\nThe talks of 3 January 2023 failed.",
            ("2023-02-20", "inferred"),
        ),
        ("The minister said the talks were over.", (None, "unknown")),
        ("The summit is set for March 3, 2999.", (None, "unknown")),  # never after today
    ],
)
def test_infer_published(text, expected):
    from stanceline.io.readers import infer_published

    pub = infer_published(text)
    assert (pub.value, pub.basis) == expected


def test_plain_text_without_a_date_given_infers_one(tmp_path):
    from stanceline.io.readers import read_inputs

    path = tmp_path / "a.txt"
    path.write_text("Headline\n\nTARSK, March 14, 2024 (Meridian Wire) — Veldt said no.\n", encoding="utf-8")
    [given] = list(read_inputs([str(path)], published="2024-03-15"))
    [inferred] = list(read_inputs([str(path)]))
    assert (given.article.published.value, given.article.published.basis) == ("2024-03-15", "given")
    assert (inferred.article.published.value, inferred.article.published.basis) == ("2024-03-14", "inferred")


@pytest.mark.parametrize(
    ("text", "value", "basis"),
    [
        # "last"/"next" are strict: last April, read in March 2024, is April 2023
        ("Veldt said last April that the talks were a trap.", "2023-04", "explicit"),
        # a date after publication is no evidence of when a reported statement was made
        ("Veldt said on March 20 that the talks were a trap.", "2024-03-07", "publication"),
        (
            "The summit on Friday will decide the matter. Veldt said the talks must resume.",
            "2024-03-07",
            "publication",
        ),
        # a week is no calendar date: the month, else the year, that holds it (here 26 February - 3 March)
        ("Veldt said last week that the talks were a trap.", "2024", "explicit"),
        ("Veldt said earlier this week that the talks were a trap.", "2024-03", "explicit"),
    ],
)
def test_said_on_never_after_publication(text, value, basis):
    [s] = stanceline.analyze(text, published="2024-03-07").statements
    assert (s.said_on.value, s.said_on.basis) == (value, basis)
