"""The same statement in many articles (store/fold.py): sightings folded into statements, pure tables."""

from __future__ import annotations

import random

import pytest

from stanceline.store.fold import MIN_WORDS, Sighting, fold, same_statement, words

LONG = "We will not sign the border treaty while our farmers are being punished"


def sg(
    article: str,
    content: str,
    *,
    actor: str | None = "ac_anna",
    published: str | None = "2023-03-01",
    local: str = "s1",
    seq: int = 0,
    said_on: str | None = None,
    basis: str = "publication",
    granularity: str = "day",
) -> Sighting:
    return Sighting(
        article, local, seq, actor, content, said_on if said_on else published, granularity, basis, published
    )


CASES = {
    # case: (sightings, expected groups as sets of article ids)
    "identical content, same actor": ([sg("a1", LONG), sg("a2", LONG), sg("a3", LONG)], [{"a1", "a2", "a3"}]),
    "case and punctuation ignored": (
        [sg("a1", LONG + "."), sg("a2", "“" + LONG.upper() + ",”"), sg("a3", LONG.replace(" ", "  "))],
        [{"a1", "a2", "a3"}],
    ),
    "near-identical: a trimmed clause": (
        [sg("a1", LONG + ", and we will say so in Kelmar"), sg("a2", LONG)],
        [{"a1", "a2"}],
    ),
    "near-identical: one word changed at the end": (
        [sg("a1", LONG + " by them"), sg("a2", LONG + " by anyone")],
        [{"a1", "a2"}],
    ),
    "same words, different actor": (
        [sg("a1", LONG, actor="ac_anna"), sg("a2", LONG, actor="ac_boris")],
        [{"a1"}, {"a2"}],
    ),
    "different statements, same actor": (
        [sg("a1", LONG), sg("a2", "There is no alternative to the grain corridor for the people of Varnia")],
        [{"a1"}, {"a2"}],
    ),
    "short contents fold when identical": (
        [sg("a1", "We will not talk."), sg("a2", "we will not talk")],
        [{"a1", "a2"}],
    ),
    "short contents do not fold when they differ": (
        [sg("a1", "We will not talk."), sg("a2", "We will not talk now.")],
        [{"a1"}, {"a2"}],
    ),
    "no known speaker: never folded": (
        [sg("a1", LONG, actor=None), sg("a2", LONG, actor=None)],
        [{"a1"}, {"a2"}],
    ),
    "two sightings in one article": (
        [sg("a1", LONG, local="s1", seq=0), sg("a1", LONG, local="s2", seq=1)],
        [{"a1"}],
    ),
}


def grouped(folded) -> list[set[str]]:
    return sorted(({s.article_id for s in f.sightings} for f in folded), key=sorted)


@pytest.mark.parametrize("case", CASES)
def test_fold(case):
    items, want = CASES[case]
    got = fold(items)
    assert grouped(got) == sorted(want, key=sorted)
    assert sum(len(f.sightings) for f in got) == len(items)


def test_sightings_first_seen_and_representative():
    items = [
        sg("a2", LONG, published="2023-03-05"),
        sg("a1", LONG, published="2023-03-09"),
        sg("a3", LONG, published=None),
        sg("a4", LONG, published="2023-03-02"),
    ]
    (f,) = fold(items)
    assert f.first_seen == "2023-03-02"
    assert [s.article_id for s in f.sightings] == ["a4", "a2", "a1", "a3"]  # earliest first, undated last
    assert f.actor_id == "ac_anna"


@pytest.mark.parametrize(
    "items, want",
    [
        # An explicit date beats "on or before publication".
        (
            [
                sg("a1", LONG, published="2023-03-05"),
                sg("a2", LONG, published="2023-03-07", said_on="2023-03-02", basis="explicit"),
            ],
            ("2023-03-02", "day", "explicit"),
        ),
        # Only publication dates: the earliest bounds it.
        (
            [sg("a1", LONG, published="2023-03-05"), sg("a2", LONG, published="2023-03-04")],
            ("2023-03-04", "day", "publication"),
        ),
        # Two explicit readings: the one more sightings agree on.
        (
            [
                sg("a1", LONG, said_on="2023-03-01", basis="explicit"),
                sg("a2", LONG, said_on="2023-03-02", basis="explicit"),
                sg("a3", LONG, said_on="2023-03-02", basis="context"),
            ],
            ("2023-03-02", "day", "explicit"),
        ),
        # "In August" read by three articles, "on August 22" by one: the day, within that month.
        (
            [sg(f"a{n}", LONG, said_on="2023-08", basis="explicit", granularity="month") for n in range(3)]
            + [sg("a9", LONG, said_on="2023-08-22", basis="context")],
            ("2023-08-22", "day", "context"),
        ),
        # Nothing known.
        ([sg("a1", LONG, published=None)], (None, "unknown", "unknown")),
    ],
)
def test_date_of_a_folded_statement(items, want):
    (f,) = fold(items)
    assert (f.said_on, f.granularity, f.basis) == want


def test_ids_do_not_depend_on_input_order():
    rng = random.Random(11)
    items = []
    for i in range(40):
        actor = rng.choice(["ac_anna", "ac_boris", None])
        content = rng.choice(
            [LONG, LONG + " now", "We will not talk.", "No comment on the ceasefire today at all"]
        )
        items.append(sg(f"a{i:02d}", content, actor=actor, published=f"2023-03-{rng.randint(1, 28):02d}"))
    first = fold(items)
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert fold(shuffled) == first
    assert len({f.id for f in first}) == len(first)


def test_same_statement_threshold():
    base = words(LONG)
    assert len(base) >= MIN_WORDS
    assert same_statement(base, base)
    assert not same_statement(base, words("We will sign the border treaty as soon as the farmers are paid"))
    assert not same_statement(words("no"), words("yes"))


def test_the_same_words_said_again_later_are_a_new_statement():
    again = [
        sg("a1", LONG, said_on="2023-01-12", basis="explicit"),
        sg("a2", LONG, said_on="2023-01", basis="context"),
        sg("a3", LONG, said_on="2024-04-29", basis="explicit", published="2024-04-30"),
        sg("a4", LONG, published="2024-05-02"),
    ]  # only "on or before publication": may be either
    groups = sorted(sorted(s.article_id for s in f.sightings) for f in fold(again))
    assert groups == [["a1", "a2", "a4"], ["a3"]]
