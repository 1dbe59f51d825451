"""Who is who across articles (store/identity.py): pure-function tables over hand-made rows, no NLP.

Each case is a small corpus of in-article actors (article id, local id, name, kind, titles, date) and the
groups they must end up in: actors in the same group are one corpus actor, different groups different ones.
"""

from __future__ import annotations

import random

import pytest

from stanceline.store.gazetteer import load_gazetteer
from stanceline.store.identity import Entry, LocalActor, TitleTerm, actor_id, find_actor, norm, resolve


def la(
    article: str,
    name: str,
    *,
    kind: str = "person",
    titles: tuple[str, ...] = (),
    date: str | None = None,
    local: str = "a1",
    country: str | None = None,
) -> LocalActor:
    return LocalActor(article, local, name, kind, titles, country, date)


def groups(ident, rows: list[LocalActor]) -> list[set[str]]:
    """The rows' labels ("article/local") grouped by the corpus actor they were linked to."""
    by: dict[str, set[str]] = {}
    for r in rows:
        by.setdefault(ident.links[(r.article_id, r.local_id)][0], set()).add(f"{r.article_id}/{r.local_id}")
    return sorted(by.values(), key=sorted)


def same(ident, *rows: LocalActor) -> bool:
    return len({ident.links[(r.article_id, r.local_id)][0] for r in rows}) == 1


def actor_of(ident, row: LocalActor):
    return ident.actors[ident.links[(row.article_id, row.local_id)][0]]


# --- names ----------------------------------------------------------------------------------------------

ANNA1 = la("art1", "Anna Veldt")
ANNA2 = la("art2", "Anna Veldt")
ANNA_CASE = la("art3", "ANNA VELDT")
BORIS = la("art4", "Boris Veldt")
VELDT = la("art5", "Veldt")
VELDT_POSS = la("art6", "Veldt's")
KELL = la("art7", "Kell")
ORG1 = la("art1", "Tarsk Foreign Ministry", kind="organization", local="a2")
ORG2 = la("art2", "Tarsk Foreign Ministry", kind="organization", local="a2")
ANON1 = la("art1", "a senior official", kind="anonymous", local="a3")
ANON2 = la("art2", "a senior official", kind="anonymous", local="a3")
ANON3 = la("art2", "a senior official", kind="anonymous", local="a4")

NAME_CASES = {
    # case: (rows, expected groups as sets of "article/local")
    "same full name across articles": ([ANNA1, ANNA2, ANNA_CASE], [{"art1/a1", "art2/a1", "art3/a1"}]),
    "bare surname, one candidate": ([ANNA1, VELDT, VELDT_POSS], [{"art1/a1", "art5/a1", "art6/a1"}]),
    "bare surname, two candidates: kept apart": (
        [ANNA1, BORIS, VELDT],
        [{"art1/a1"}, {"art4/a1"}, {"art5/a1"}],
    ),
    "bare surname with no full name": ([VELDT, VELDT_POSS, KELL], [{"art5/a1", "art6/a1"}, {"art7/a1"}]),
    "organisations by the same name": ([ORG1, ORG2], [{"art1/a2", "art2/a2"}]),
    "anonymous never merged": ([ANON1, ANON2, ANON3], [{"art1/a3"}, {"art2/a3"}, {"art2/a4"}]),
    "named groups merged, unnamed ones kept apart": (
        [
            la("art1", "Officials in Tarsk", kind="group"),
            la("art2", "officials in Tarsk", kind="group"),
            la("art1", "one of them", kind="group", local="a2"),
            la("art2", "One of them", kind="group", local="a2"),
            la("art3", "officials", kind="group"),
            la("art4", "officials", kind="group"),
        ],
        [{"art1/a1", "art2/a1"}, {"art1/a2"}, {"art2/a2"}, {"art3/a1"}, {"art4/a1"}],
    ),
    "different kinds of the same name stay apart": (
        [la("art1", "Osterholm", kind="country"), la("art2", "Osterholm", kind="organization")],
        [{"art1/a1"}, {"art2/a1"}],
    ),
}


@pytest.mark.parametrize("case", NAME_CASES)
def test_names(case):
    rows, want = NAME_CASES[case]
    ident = resolve(rows)
    assert groups(ident, rows) == sorted(want, key=sorted)
    assert set(ident.links) == {(r.article_id, r.local_id) for r in rows}


def test_evidence_says_why():
    rows = [ANNA1, ANNA2, VELDT, ORG1, ANON1]
    ident = resolve(rows)
    ev = {k: v[1] for k, v in ident.links.items()}
    assert ev[("art2", "a1")] == "same full name"
    assert ev[("art5", "a1")].startswith("surname 'Veldt'")
    assert ev[("art1", "a2")] == "same name"
    assert ev[("art1", "a3")].startswith("anonymous")
    shared = resolve([ANNA1, BORIS, VELDT]).links[("art5", "a1")][1]
    assert shared == "surname only (2 candidates)"


def test_shared_surname_with_title_evidence():
    """Two Veldts; the bare "Veldt" who is called Prime Minister is the one with that title."""
    anna = la("art1", "Anna Veldt", titles=("Prime Minister",), date="2021-03-01")
    boris = la("art2", "Boris Veldt", titles=("Senator",), date="2021-03-02")
    veldt = la("art3", "Veldt", titles=("Prime Minister",), date="2021-03-05")
    ident = resolve([anna, boris, veldt])
    assert same(ident, anna, veldt) and not same(ident, boris, veldt)


def test_display_name_is_the_fullest():
    rows = [la("art1", "Veldt"), la("art2", "Anna Veldt"), la("art3", "Veldt", local="a2")]
    ident = resolve(rows)
    assert actor_of(ident, rows[0]).name == "Anna Veldt"
    assert sorted(actor_of(ident, rows[0]).names) == ["Anna Veldt", "Veldt"]


def test_ids_are_deterministic_and_order_free():
    rows = [
        ANNA1,
        ANNA2,
        BORIS,
        VELDT,
        VELDT_POSS,
        ORG1,
        ORG2,
        ANON1,
        ANON2,
        ANON3,
        la("art8", "the prime minister", date="2020-05-01"),
        la("art9", "Anna Veldt", titles=("Prime Minister",), date="2020-04-01"),
    ]
    first = resolve(rows)
    for seed in range(5):
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        again = resolve(shuffled)
        assert again.links == first.links
        assert {k: (a.name, a.kind) for k, a in again.actors.items()} == {
            k: (a.name, a.kind) for k, a in first.actors.items()
        }
    assert first.links[("art1", "a1")][0] == actor_id("person", "anna veldt")


# --- titles bound to time ----------------------------------------------------------------------------------

GAZ_PM = [
    Entry(
        "Anna Veldt",
        "person",
        ("Madam Veldt",),
        "XVA",
        (TitleTerm("Prime Minister", "2019-01-01", "2022-01-01"),),
    ),
    Entry("Boris Kell", "person", (), "XVA", (TitleTerm("Prime Minister", "2022-01-01", None),)),
]

TITLE_CASES = {
    # case: (gazetteer, rows, {label of a bare-title row: name of the actor it must be, or None = title only})
    "gazetteer: 2020 and 2023 prime ministers differ": (
        GAZ_PM,
        [
            la("t20", "the prime minister", date="2020-06-01"),
            la("t23", "the Prime Minister", date="2023-02-01"),
        ],
        {"t20": "Anna Veldt", "t23": "Boris Kell"},
    ),
    "gazetteer: term end is exclusive": (
        GAZ_PM,
        [
            la("t1", "the prime minister", date="2022-01-01"),
            la("t2", "the prime minister", date="2021-12-31"),
        ],
        {"t1": "Boris Kell", "t2": "Anna Veldt"},
    ),
    "gazetteer: unknown date and closed terms: title only": (
        GAZ_PM,
        [la("t0", "the prime minister", date=None)],
        {"t0": None},
    ),
    "seen titles: near the sightings only": (
        [],
        [
            la("s1", "Anna Veldt", titles=("Prime Minister",), date="2020-03-01"),
            la("t20", "the prime minister", date="2020-05-01"),
            la("t23", "the prime minister", date="2023-05-01"),
        ],
        {"t20": "Anna Veldt", "t23": None},
    ),
    "seen titles: two holders at once: title only": (
        [],
        [
            la("s1", "Anna Veldt", titles=("Foreign Minister",), date="2020-03-01"),
            la("s2", "Boris Kell", titles=("Defence Minister",), date="2020-03-02"),
            la("t1", "the minister", date="2020-04-01"),
        ],
        {"t1": None},
    ),
    "seen titles: a longer title ending with it counts when it is the only one": (
        [],
        [
            la("s1", "Anna Veldt", titles=("Foreign Minister",), date="2020-03-01"),
            la("t1", "the minister", date="2020-04-01"),
        ],
        {"t1": "Anna Veldt"},
    ),
    "the prime minister is not the deputy prime minister": (
        [],
        [
            la("s1", "Anna Veldt", titles=("Prime Minister",), date="2020-03-01"),
            la("s2", "Boris Kell", titles=("Deputy Prime Minister",), date="2020-03-01"),
            la("t1", "the prime minister", date="2020-04-01"),
        ],
        {"t1": "Anna Veldt"},
    ),
}


@pytest.mark.parametrize("case", TITLE_CASES)
def test_titles_bound_to_time(case):
    gaz, rows, want = TITLE_CASES[case]
    ident = resolve(rows, gaz)
    for r in rows:
        if r.article_id not in want:
            continue
        actor = actor_of(ident, r)
        if want[r.article_id] is None:
            assert ident.links[(r.article_id, r.local_id)][1].startswith("title only"), case
            assert actor.name.casefold() == "the prime minister" or actor.name == r.name
        else:
            assert actor.name == want[r.article_id], case
            assert ident.links[(r.article_id, r.local_id)][1].startswith("title ")


def test_title_only_actors_are_one_per_title_and_year():
    """With no known holder, "the prime minister" of one year is one actor; of another year, maybe not."""
    rows = [
        la("t1", "the prime minister", date="2024-01-01"),
        la("t2", "the Prime Minister", date="2024-06-01"),
        la("t3", "the prime minister", date="2020-01-01"),
    ]
    ident = resolve(rows)
    assert same(ident, rows[0], rows[1]) and not same(ident, rows[0], rows[2])


def test_ambiguous_surnames_stay_apart_in_every_article():
    rows = [ANNA1, BORIS, VELDT, la("art9", "Veldt", local="a2")]
    ident = resolve(rows)
    assert not same(ident, VELDT, rows[3]) and not same(ident, ANNA1, VELDT) and not same(ident, BORIS, VELDT)
    assert ident.links[("art5", "a1")][1] == "surname only (2 candidates)"


def test_gazetteer_dates_outrank_dates_seen_in_articles():
    """Kastell is seen as President into December, but the gazetteer says Kalden holds it from the 1st."""
    gaz = [
        Entry("Oren Kastell", titles=(TitleTerm("President", None, "2024-12-01"),)),
        Entry("Mira Kalden", titles=(TitleTerm("President", "2024-12-01", None),)),
    ]
    rows = [
        la("k1", "Oren Kastell", titles=("President",), date="2024-11-20"),
        la("k2", "the President", date="2024-12-10"),
        la("k3", "the President", date="2024-11-10"),
    ]
    ident = resolve(rows, gaz)
    assert actor_of(ident, rows[1]).name == "Mira Kalden"
    assert actor_of(ident, rows[2]).name == "Oren Kastell"


# --- gazetteer -------------------------------------------------------------------------------------------


def test_gazetteer_names_and_aliases_pin_the_identity():
    rows = [la("g1", "Anna Veldt"), la("g2", "Madam Veldt"), la("g3", "Veldt"), la("g4", "Boris Kell")]
    ident = resolve(rows, GAZ_PM)
    anna = actor_of(ident, rows[0])
    assert anna.pinned and anna.country == "XVA" and anna.name == "Anna Veldt"
    assert same(ident, *rows[:3]) and not same(ident, rows[0], rows[3])
    assert ident.links[("g2", "a1")][1] == "gazetteer name 'Madam Veldt'"
    # Pinned identities are listed even when the corpus never mentions them.
    assert {a.name for a in resolve([], GAZ_PM).actors.values()} == {"Anna Veldt", "Boris Kell"}


def test_gazetteer_file(tmp_path):
    path = tmp_path / "actors.toml"
    path.write_text(
        '[[actor]]\nname = "Anna Veldt"\ncountry = "XVA"\naliases = ["Madam Veldt"]\n'
        'titles = [{ title = "Prime Minister", from = "2019-01-01", to = "2022-01-01" }]\n'
        '[[actor]]\nname = "Tarsk Foreign Ministry"\nkind = "organization"\n'
        'aliases = ["the ministry in Tarsk"]\n',
        encoding="utf-8",
    )
    entries = load_gazetteer(str(path))
    assert entries == [
        Entry(
            "Anna Veldt",
            "person",
            ("Madam Veldt",),
            "XVA",
            (TitleTerm("Prime Minister", "2019-01-01", "2022-01-01"),),
        ),
        Entry("Tarsk Foreign Ministry", "organization", ("the ministry in Tarsk",), None, ()),
    ]


@pytest.mark.parametrize(
    "body, detail",
    [
        ('[[actor]]\nkind = "person"\n', "actor #1 needs a name"),
        ('[[actor]]\nname = "X Y"\nkind = "robot"\n', "kind 'robot'"),
        ('[[actor]]\nname = "X Y"\ncountry = "fr"\n', "ISO 3166 alpha-3"),
        (
            '[[actor]]\nname = "X Y"\n'
            'titles = [{ title = "Senator", from = "2024-01-01", to = "2023-01-01" }]\n',
            "ends (2023-01-01) before it starts",
        ),
        ('[[actor]]\nname = "X Y"\ntitles = [{ title = "Senator", from = "soon" }]\n', "is not a date"),
        ('[[actor]]\nname = "X Y"\nnickname = "Z"\n', "unknown key(s) nickname"),
        ('name = "X Y"\n', "expected [[actor]] tables"),
    ],
)
def test_bad_gazetteer_is_e018(tmp_path, body, detail):
    from stanceline.errors import UsageError

    path = tmp_path / "actors.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(UsageError) as exc:
        load_gazetteer(str(path))
    assert exc.value.code == "E018" and detail in str(exc.value)


# --- the analyst's overrides -----------------------------------------------------------------------------

BASE = [ANNA1, BORIS, VELDT, la("art9", "Veldt", local="a2")]


def test_merge_by_name_and_by_id():
    for a_ref in ("Anna Veldt", actor_id("person", "anna veldt")):
        ident = resolve(BASE, overrides=[("merge", a_ref, "Veldt")])
        assert same(ident, ANNA1, VELDT, BASE[3]) and not same(ident, ANNA1, BORIS)
        assert ident.links[("art5", "a1")][1].endswith("merged into 'Anna Veldt' by the analyst")
        assert actor_id("person", "veldt") not in ident.actors  # folded away


def test_split_takes_a_name_away():
    rows = [ANNA1, VELDT, BASE[3]]
    assert same(resolve(rows), *rows)
    ident = resolve(rows, overrides=[("split", "Anna Veldt", "Veldt")])
    assert same(ident, VELDT, BASE[3]) and not same(ident, ANNA1, VELDT)
    assert actor_of(ident, ANNA1).name == "Anna Veldt" and actor_of(ident, VELDT).name == "Veldt"
    assert ident.links[("art5", "a1")][1] == "split from 'Anna Veldt' by the analyst"


def test_overrides_apply_in_the_order_made():
    """A split after a merge undoes part of it; a merge after a split puts it back."""
    rows = [ANNA1, BORIS, ANNA2]
    merged = resolve(rows, overrides=[("merge", "Anna Veldt", "Boris Veldt")])
    assert same(merged, ANNA1, BORIS)
    undone = resolve(
        rows, overrides=[("merge", "Anna Veldt", "Boris Veldt"), ("split", "Anna Veldt", "Boris Veldt")]
    )
    assert not same(undone, ANNA1, BORIS) and same(undone, ANNA1, ANNA2)
    assert actor_of(undone, BORIS).name == "Boris Veldt" and actor_of(undone, ANNA1).name == "Anna Veldt"
    again = resolve(
        rows, overrides=[("split", "Anna Veldt", "Boris Veldt"), ("merge", "Anna Veldt", "Boris Veldt")]
    )
    assert same(again, ANNA1, BORIS)


def test_split_of_the_longest_name_renames_the_rest():
    """The display name never is a name the actor no longer has."""
    rows = [la("x1", "Veldt"), la("x2", "Veldt"), la("x3", "Anna Veldt"), la("x4", "Veldt")]
    ident = resolve(rows, overrides=[("split", "Anna Veldt", "Anna Veldt")])
    assert actor_of(ident, rows[0]).name == "Veldt"
    assert actor_of(ident, rows[2]).name == "Anna Veldt" and not same(ident, rows[0], rows[2])


def test_overrides_naming_nobody_are_ignored():
    ident = resolve(
        BASE,
        overrides=[
            ("merge", "Nobody Known", "Veldt"),
            ("split", "Anna Veldt", "Someone"),
            ("merge", "Veldt", "Veldt"),
        ],
    )
    assert groups(ident, BASE) == groups(resolve(BASE), BASE)


def test_find_actor():
    ident = resolve([ANNA1, VELDT, BORIS, ANON1, ANON2])
    anna = actor_of(ident, ANNA1)
    assert find_actor(ident.actors, anna.id) is anna
    assert find_actor(ident.actors, "anna veldt") is anna
    assert find_actor(ident.actors, "Veldt").id == actor_id("person", "veldt@art5/a1")  # the one fragment
    assert find_actor(ident.actors, "a senior official") is None  # anonymous: by id only
    assert find_actor(ident.actors, "Nobody") is None


@pytest.mark.parametrize(
    "name, key",
    [
        ("Anna Veldt", "anna veldt"),
        ("the Prime Minister", "prime minister"),
        ("Veldt's", "veldt"),
        ("Veldt\u2019s", "veldt"),
        ("  ANNA   VELDT ", "anna veldt"),
        ("O'Hara", "o'hara"),
    ],
)
def test_norm(name, key):
    assert norm(name) == key
