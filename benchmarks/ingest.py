"""Ingest rate, scaling over workers, peak memory, and SQLite beside PostgreSQL.

Usage::

    .venv/bin/python benchmarks/ingest.py [--articles N] [--workers-max W] [--workers-min W] [--skip-pg]
                                          [--quick] [--seed S] [--profile FILE] [--json] [--save FILE]

Input: ``--articles`` (default 10,000) generated wire reports about fictional
states and their leaders, written as one JSONL corpus (``text``, ``title``,
``published``, ``source``, ``url``) in a temporary directory. The generator is
seeded, so a given ``--articles`` and ``--seed`` always give the same corpus:
250-500 words an article, a dateline, direct quotes, indirect speech ("X said
that ..."), dates ("on March 3", "last week"), conditions ("if the sanctions are
lifted") on seven topics, publication dates spread over 2022-2023, and quotes that
recur across articles and outlets (so folding sightings into statements has work).

Each run is ``stanceline.ingest.ingest(corpus, Store(db), workers=W)`` in a
fresh child process on a fresh database: SQLite with 1, 2, ... ``--workers-max``
workers, then PostgreSQL (a throwaway cluster, ``tests/pgserver.py``) with
``--workers-max`` workers unless ``--skip-pg``. The parent samples the child's
process tree (driver + pool workers) every 0.2 s with psutil for the peak RSS
(the sum over the tree, so pages shared after fork count once per process: an
upper bound) and PSS (shared pages split: the honest total). The PostgreSQL
server's own processes are not in the tree; their CPU seconds are counted apart.

The machine may be shared: the CPU the rest of the machine spent during a run
is shown ("other"), with a warning when it is large enough to understate the
rate. A full run with the defaults takes about 40 minutes on 2 idle cores
(1 worker about 17, 2 workers about 9, PostgreSQL about 10); ``--quick`` about 3.

Rates count the whole ``ingest()`` call: model loading, analysis, writing and
the final relink. The driver's time is broken down by wrapping (not changing)
the library's entry points: reading the input, ``Store.analysed_with``,
``Store.put`` and ``relink``; the CPU seconds of the driver and of its workers
come from ``getrusage``. Targets (issue 5): 2-worker / 1-worker rate >= 1.7 on
2 cores; peak RSS <= 1.5 GB for 10,000 articles.

``--profile FILE`` adds one more SQLite run with ``--workers-max`` workers, not
in the table, whose driver main thread is sampled by pyinstrument (the pool
workers are not); the text report goes to FILE.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_SCALING = 1.7
TARGET_RSS_BYTES = 1.5 * 1024**3
TARGET_RSS_ARTICLES = 10_000
QUICK_ARTICLES = 400
RESULT_MARK = "@@ingest-result@@ "

# ---- the synthetic corpus ----------------------------------------------------------------------------

# name, adjective, capital, other cities, currency
STATES = [
    ("Arvenia", "Arvenian", "Lusk", ["Tamsbrook", "Orrin"], "florin"),
    ("Brastow", "Brastovian", "Kellmarch", ["Dunhollow", "Pirsk"], "thaler"),
    ("Cadrenn", "Cadrennish", "Morvain", ["Estraval", "Quill Harbour"], "crown"),
    ("Dovrakia", "Dovrakian", "Sarnow", ["Velk", "Aldermoor"], "mark"),
    ("Eskeland", "Eskish", "Hallvik", ["Fjerring", "Nordholm"], "krona"),
    ("Istrova", "Istrovan", "Belgrath", ["Tovin", "Marrask"], "lev"),
    ("Jorvath", "Jorvathi", "Kadesh Vale", ["Ummar", "Sefra"], "dinar"),
    ("Kestmark", "Kestmarker", "Ravensford", ["Colbury", "Wendle"], "pound"),
    ("Lorind", "Lorindian", "Saint Alaric", ["Corvel", "Pellan"], "livre"),
    ("Mereth", "Merethi", "Oszra", ["Talun", "Benhaven"], "rial"),
]
FIRST_F = [
    "Anaya",
    "Mira",
    "Hedda",
    "Sofia",
    "Lena",
    "Ilse",
    "Nadia",
    "Teodora",
    "Ruth",
    "Amara",
    "Greta",
    "Yara",
    "Livia",
    "Petra",
    "Saskia",
    "Zora",
]
FIRST_M = [
    "Oren",
    "Jonas",
    "Halvar",
    "Tomas",
    "Emil",
    "Casimir",
    "Dario",
    "Viktor",
    "Anselm",
    "Rurik",
    "Matteo",
    "Idris",
    "Bram",
    "Leopold",
    "Stellan",
    "Aurel",
]
SURNAMES = [
    "Kastell",
    "Veldt",
    "Brekke",
    "Ostrem",
    "Kalden",
    "Marrow",
    "Thessaly",
    "Vorn",
    "Linde",
    "Ashdown",
    "Carrow",
    "Dunmere",
    "Falk",
    "Grenholm",
    "Hask",
    "Ivers",
    "Jessup",
    "Korth",
    "Lindqvist",
    "Morrell",
    "Navarre",
    "Orsk",
    "Pell",
    "Quarry",
    "Rask",
    "Sallow",
    "Tane",
    "Ulvang",
    "Varga",
    "Wexley",
]
OFFICES = [
    "president",
    "prime minister",
    "foreign minister",
    "defence minister",
    "opposition leader",
    "trade minister",
]
SOURCES = [
    "Meridian Wire",
    "Halden Review",
    "Northgate Press",
    "The Continental",
    "Atlas News Service",
    "Lantern Daily",
    "Corvid Agency",
    "Baltic Courier",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
START = dt.date(2022, 1, 1)
DAYS = 730  # publication dates over two years

# Per topic: headline, what a supporter / opponent / conditional speaker says (direct and indirect),
# conditions, and a background sentence. {me} is the speaker's state, {other} the other party,
# {med} a mediating state, {accord} a named accord, {city} a city.
TOPICS: dict[str, dict[str, list[str]]] = {
    "talks": {
        "head": [
            "{me} and {other} agree to talks in {city}",
            "{other} rebuffs {me} offer of talks",
            "Talks between {me} and {other} stall",
        ],
        "support": [
            "We are ready to sit down with {other} tomorrow, in {city} or anywhere else",
            "The door to negotiations is open, and it will stay open",
            "Only dialogue can end this, and we will send our negotiators next week",
        ],
        "oppose": [
            "We will not negotiate while they threaten us",
            "There is nothing to discuss with a government that breaks its word",
            "{me} will not return to the table to be humiliated again",
        ],
        "cond": [
            "We will resume the talks if {other} withdraws its troops from the border",
            "We are prepared to negotiate, but only once the shelling stops",
        ],
        "ind_support": ["{me} was ready to resume talks with {other}", "the talks in {city} would go ahead"],
        "ind_oppose": [
            "{me} would not negotiate under pressure",
            "there was nothing left to discuss with {other}",
        ],
        "ind_cond": [
            "{me} would return to the talks if {other} released the detained sailors",
            "negotiations could begin as soon as the ceasefire held for a week",
        ],
        "bg": [
            "Three earlier rounds of talks, hosted by {med}, ended without a joint statement.",
            "Diplomats in {city} said the delegations had not met face to face since the spring.",
        ],
    },
    "sanctions": {
        "head": [
            "{me} imposes new sanctions on {other}",
            "{me} weighs easing sanctions on {other}",
            "Sanctions on {other} are working, {me} says",
        ],
        "support": [
            "These sanctions will stay in place until the last soldier has left the valley",
            "The sanctions are working, and we will tighten them further",
            "Sanctions are the only language the government in {other_capital} understands",
        ],
        "oppose": [
            "The sanctions hurt ordinary families and not the people who rule them",
            "It is time to lift the sanctions and start again",
            "These measures are an act of economic war",
        ],
        "cond": [
            "We will lift the sanctions once {other} withdraws its troops",
            "If the sanctions are lifted, we will reopen the port the same day",
        ],
        "ind_support": ["the sanctions on {other} would remain in force", "{me} would extend the embargo"],
        "ind_oppose": ["the sanctions had failed and should be eased", "{me} wanted the embargo lifted"],
        "ind_cond": [
            "{me} would ease the sanctions if {other} allowed inspectors back",
            "the asset freeze would end as soon as the prisoners were released",
        ],
        "bg": [
            (
                "The {other_adj} {other_currency} fell {n} percent against the {me_adj} {me_currency} "
                "in early trading."
            ),
            ("The sanctions froze the assets of {n} state banks and banned the export of machine parts."),
        ],
    },
    "accord": {
        "head": [
            "{me} suspends its part in {accord}",
            "{accord} can still be saved, {me} says",
            "{me} and {other} sign {accord}",
        ],
        "support": [
            "{accord} is the best agreement either of us will ever get",
            "We will honour {accord} to the letter",
            "Without {accord} there is no peace in the valley",
        ],
        "oppose": [
            "{accord} died the day the first tank rolled across the border",
            "We will not be bound by a treaty written in {other_adj} ink",
            "{accord} is dead, and we will not pretend otherwise",
        ],
        "cond": [
            "We will return to {accord} if {other} keeps its own promises",
            "The treaty can be saved, but only once the troops go home",
        ],
        "ind_support": ["{me} remained committed to {accord}", "{me} would ratify the treaty this year"],
        "ind_oppose": ["{me} would withdraw from {accord}", "the treaty had been violated beyond repair"],
        "ind_cond": [
            "{me} would rejoin {accord} if {other} pulled back its artillery",
            "the pact could be revived as long as {med} guaranteed it",
        ],
        "bg": [
            "{accord}, signed in {med_capital} in 2019, demilitarised the border and opened it to trade.",
            "Article 9 of the treaty provides for a joint commission that has never met.",
        ],
    },
    "ceasefire": {
        "head": [
            "Ceasefire between {me} and {other} holds for a week",
            "{other} accuses {me} of breaking the ceasefire",
            "{me} offers {other} a ceasefire",
        ],
        "support": [
            "The ceasefire is holding, and we intend to keep it",
            "Every day without shelling is a day we can build on",
            "We call on both sides to respect the truce",
        ],
        "oppose": [
            "A ceasefire now would only let them regroup",
            "We have seen their ceasefires before, and they last until nightfall",
            "There will be no truce while our villages are under fire",
        ],
        "cond": [
            "We will observe the ceasefire as long as {other} does the same",
            "If the shelling stops tonight, our guns will be silent tomorrow",
        ],
        "ind_support": ["{me} would respect the ceasefire", "the truce had held along most of the front"],
        "ind_oppose": ["{me} rejected calls for a ceasefire", "a truce would only reward aggression"],
        "ind_cond": [
            "{me} would extend the ceasefire if monitors from {med} were allowed in",
            "the truce would hold unless {other} moved its artillery forward",
        ],
        "bg": [
            "Monitors from {med} counted {n} violations along the line of contact.",
            "At least {n} people were killed in the fighting before the truce.",
        ],
    },
    "aid": {
        "head": [
            "{me} offers aid after floods in {other}",
            "{other} turns down {me} aid convoy",
            "Aid reaches {city} after weeks of delay",
        ],
        "support": [
            "Our convoys are ready, and they will cross as soon as the road is open",
            "Help for the flood victims is not a political question",
            "We will send doctors, water and tents, and we will not ask for anything in return",
        ],
        "oppose": [
            "We do not need their charity, and we will not accept it",
            "This so-called aid is propaganda on wheels",
            "Not one of their trucks will cross our border",
        ],
        "cond": [
            "We will accept the aid if it comes through {med} and not through their army",
            "The convoys can cross, but only once our inspectors have seen them",
        ],
        "ind_support": [
            "{me} would send food and medicine to {other}",
            "the aid would be delivered within days",
        ],
        "ind_oppose": ["{me} had refused the aid convoy", "the offer of help was a publicity stunt"],
        "ind_cond": [
            "the aid would be accepted if {med} took charge of it",
            "the convoys could enter as long as they carried no soldiers",
        ],
        "bg": [
            "Floods in the river valley have displaced about {n},000 people, according to the Red Cross.",
            "The convoy of {n} trucks waited at the crossing for three days.",
        ],
    },
    "elections": {
        "head": [
            "{me} heads to the polls amid tension with {other}",
            "Opposition in {me} calls the vote unfair",
            "{me} election result disputed",
        ],
        "support": [
            "This election is free and fair, and its result will stand",
            "The people will decide, and we will respect their choice",
            "We welcome observers from anywhere in the world",
        ],
        "oppose": [
            "This vote is a farce staged for the cameras",
            "We will not recognise an election held under martial law",
            "The count was rigged before the first ballot was cast",
        ],
        "cond": [
            "We will accept the result if the observers from {med} confirm the count",
            "We will take part in the election, but only once the curfew is lifted",
        ],
        "ind_support": ["the election had been free and fair", "{me} would welcome international observers"],
        "ind_oppose": ["the vote had been rigged", "the opposition would boycott the election"],
        "ind_cond": [
            "the opposition would recognise the result if the recount confirmed it",
            "the vote could go ahead as long as the observers were allowed to travel",
        ],
        "bg": [
            "Turnout was {n} percent, the lowest since independence.",
            "Observers from {med} reported queues of several hours at polling stations in {city}.",
        ],
    },
    "trade": {
        "head": [
            "{me} and {other} close in on a trade deal",
            "{me} raises tariffs on {other} steel",
            "Trade between {me} and {other} collapses",
        ],
        "support": [
            "Trade is the best peace treaty ever written",
            "We want our ports open and our trucks moving",
            "A trade deal with {other} would create thousands of jobs on both sides",
        ],
        "oppose": [
            "We will not let cheap steel from {other} destroy our industry",
            "There will be no trade deal while our farmers are being undercut",
            "Their tariffs are a declaration of economic war",
        ],
        "cond": [
            "We will cut tariffs if {other} opens its market to our grain",
            "The border can reopen to trade once the inspections are finished",
        ],
        "ind_support": [
            "{me} wanted to expand trade with {other}",
            "the tariff cuts would take effect in spring",
        ],
        "ind_oppose": ["{me} would raise tariffs on {other_adj} goods", "the trade talks had collapsed"],
        "ind_cond": [
            "{me} would lower its tariffs if {other} dropped its export ban",
            "the border would reopen to trucks as long as the inspections were completed",
        ],
        "bg": [
            "Trade between the two countries fell by {n} percent last year.",
            "Queues of lorries stretched for {n} kilometres at the crossing near {city}.",
        ],
    },
}
TAILS = [
    "",
    "",
    "",
    "",
    ", whatever they say in {other_capital}",
    ", and everyone in {city} knows it",
    " this year",
    ", and we have said so from the start",
    " — not next month, not next year",
    ", and our allies agree",
    ", and that is the end of it",
    ", and history will judge us on it",
]
GENERIC_BG = [
    "The two countries have been at odds since the border dispute flared up {n} years ago.",
    "Analysts in {city} said the next weeks would be decisive.",
    "Neither government responded to requests for comment on {weekday}.",
    "Markets in {city} were calm, and the {me_adj} {me_currency} was little changed.",
    "The dispute has dominated the news in {me} for months, and has divided the ruling coalition.",
    "A spokesman for the government in {other_capital} declined to comment.",
]


class World:
    """States, office holders (some change halfway through), accords and the quotes people repeat."""

    def __init__(self, rng: random.Random) -> None:
        self.people: list[dict[str, Any]] = []
        used: set[str] = set()
        for state in STATES:
            for office in OFFICES:
                elected = office in ("president", "prime minister") and rng.random() < 0.5
                for term in (0, 1) if elected else (None,):
                    while True:
                        female = rng.random() < 0.45
                        first = rng.choice(FIRST_F if female else FIRST_M)
                        # Surnames repeat across states: linking must not merge those people.
                        sur = rng.choice(SURNAMES)
                        if f"{first} {sur}" not in used:
                            break
                    used.add(f"{first} {sur}")
                    start, end = 0, DAYS
                    if term is not None:  # an election halfway through: two holders of the office
                        cut = rng.randrange(200, 530)
                        start, end = (0, cut) if term == 0 else (cut, DAYS)
                    self.people.append(
                        {
                            "name": f"{first} {sur}",
                            "surname": sur,
                            "female": female,
                            "office": office,
                            "state": state,
                            "from": start,
                            "to": end,
                        }
                    )
        self.accords = [f"the {s[2]} Accord" for s in STATES[:6]]
        self.accords += ["the Treaty of Orrin", "the Halvik Protocol"]
        self.quotes: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (person, topic) -> [(stance, text)]

    def holders(self, state: tuple, day: int) -> list[dict[str, Any]]:
        return [p for p in self.people if p["state"] is state and p["from"] <= day < p["to"]]


def _date_phrase(rng: random.Random, pub: dt.date) -> str:
    """When it was said, relative to the publication date (or none)."""
    back = rng.choice([0, 1, 1, 2, 3, 5, 8, 12, 20])
    when = pub - dt.timedelta(days=back)
    kind = rng.random()
    if kind < 0.3:
        return f"on {WEEKDAYS[when.weekday()]}"
    if kind < 0.5:
        return f"on {MONTHS[when.month - 1]} {when.day}"
    if kind < 0.62:
        return rng.choice(
            [
                "last week",
                "earlier this month",
                "two days ago",
                "on Monday evening",
                "late on Thursday",
                "this morning",
            ]
        )
    return ""


def _fill(template: str, ctx: dict[str, str], rng: random.Random) -> str:
    return template.format(n=rng.randrange(2, 40), weekday=rng.choice(WEEKDAYS), **ctx)


def _cap(s: str) -> str:
    return s[0].upper() + s[1:]


def article(rng: random.Random, world: World, n: int) -> dict[str, Any]:
    """One wire report."""
    day = rng.randrange(DAYS)
    pub = START + dt.timedelta(days=day)
    a, b, med = rng.sample(STATES, 3)
    topic = rng.choice(list(TOPICS))
    t = TOPICS[topic]
    source = rng.choice(SOURCES)
    city = rng.choice([a[2], *a[3], b[2], *b[3]])
    ctx = {
        "me": a[0],
        "me_adj": a[1],
        "me_currency": a[4],
        "other": b[0],
        "other_adj": b[1],
        "other_capital": b[2],
        "other_currency": b[4],
        "med": med[0],
        "med_capital": med[2],
        "accord": rng.choice(world.accords),
        "city": city,
    }
    head = _cap(_fill(rng.choice(t["head"]), ctx, rng))
    speakers = world.holders(a, day) + world.holders(b, day)
    rng.shuffle(speakers)
    speakers = speakers[: rng.randrange(2, 5)] + rng.sample(world.holders(med, day), 1)
    mentioned: set[str] = set()
    used: set[str] = set()
    target = rng.randrange(250, 480)
    paras = [
        f"{city.upper()}, {MONTHS[pub.month - 1]} {pub.day}, {pub.year} ({source}) — "
        + _fill(rng.choice(GENERIC_BG), ctx, rng)
        + " "
        + _fill(rng.choice(t["bg"]), ctx, rng)
    ]
    words = len(paras[0].split())

    def who(p: dict[str, Any]) -> str:
        adj = p["state"][1]
        if p["name"] in mentioned:
            return rng.choice([p["surname"], p["surname"], f"the {adj} {p['office']}"])
        mentioned.add(p["name"])
        if p["office"] == "opposition leader":
            return f"{p['name']}, the leader of the {adj} opposition,"
        return f"{adj} {p['office'].title()} {p['name']}"

    while words < target:
        p = rng.choice(speakers)
        me, other = (p["state"], b if p["state"] is not b else a)
        pctx = dict(
            ctx,
            me=me[0],
            me_adj=me[1],
            me_currency=me[4],
            other=other[0],
            other_adj=other[1],
            other_capital=other[2],
            other_currency=other[4],
        )
        pron = "she" if p["female"] else "he"
        stance = rng.choice(["support", "oppose", "cond"])
        when = _date_phrase(rng, pub)
        when_s = f" {when}" if when else ""
        kind = rng.random()
        if kind < 0.5:
            bank = world.quotes.setdefault((p["name"], topic), [])
            fresh = [q for q in bank if q[1] not in used]
            if fresh and rng.random() < 0.55:  # the same words again, reported by another outlet
                stance, quote = rng.choice(fresh)
            else:
                quote = _fill(rng.choice(t[stance]), pctx, rng) + _fill(rng.choice(TAILS), pctx, rng)
                if len(bank) < 4:
                    bank.append((stance, quote))
            used.add(quote)
            form = rng.randrange(4)
            speaker = who(p)
            if form == 0:
                para = f"“{quote},” {speaker} said{when_s}."
            elif form == 1:
                para = f"{_cap(speaker)} said{when_s}: “{quote}.”"
            elif form == 2:
                others = [q for q in t[stance] if q.split("{")[0] not in quote] or t[stance]
                more = _fill(rng.choice(others), pctx, rng)
                para = f"“{quote},” {speaker} told reporters in {city}{when_s}. “{_cap(more)}.”"
            else:
                para = f"{_cap(speaker)} struck a different tone{when_s}. “{quote},” {pron} said."
        elif kind < 0.85:
            clause = _fill(rng.choice(t["ind_" + stance]), pctx, rng)
            form = rng.randrange(3)
            speaker = who(p)
            if form == 0:
                para = f"{_cap(speaker)} said{when_s} that {clause}."
            elif form == 1:
                extra = _fill(rng.choice(t["ind_" + rng.choice(["support", "oppose", "cond"])]), pctx, rng)
                para = f"{_cap(speaker)} told parliament{when_s} that {clause}, adding that {extra}."
            else:
                para = f"According to {speaker.rstrip(',')}, {clause}."
        else:
            para = _fill(rng.choice(t["bg"] + GENERIC_BG), ctx, rng)
        paras.append(para.replace(",,", ","))
        words += len(para.split())
    text = head + "\n\n" + "\n\n".join(paras) + "\n"
    slug = "-".join(head.lower().replace(",", "").split())[:60]
    return {
        "text": text,
        "title": head,
        "published": pub.isoformat(),
        "source": source,
        "url": f"https://news.example/{source.lower().replace(' ', '-')}/{pub.isoformat()}/{n}-{slug}",
    }


def generate(n: int, seed: int) -> Iterator[dict[str, Any]]:
    """``n`` articles, the same for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    world = World(rng)
    for i in range(n):
        yield article(rng, world, i)


def write_corpus(path: Path, n: int, seed: int) -> tuple[int, int]:
    """Write the JSONL corpus; return (articles, words)."""
    words = 0
    with path.open("w", encoding="utf-8") as f:
        for art in generate(n, seed):
            words += len(art["text"].split())
            f.write(json.dumps(art, ensure_ascii=False) + "\n")
    return n, words


# ---- one run (in a child process) --------------------------------------------------------------------


def child(spec: dict[str, Any]) -> int:
    """Ingest ``spec['corpus']`` into ``spec['db']`` with ``spec['workers']``; print the figures as JSON."""
    import resource

    import stanceline.ingest as ing
    from stanceline.store import Store

    spent: dict[str, float] = {"read": 0.0, "analysed_with": 0.0, "put": 0.0, "relink": 0.0}
    calls: dict[str, int] = dict.fromkeys(spent, 0)

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*a: Any, **kw: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                spent[name] += time.perf_counter() - t
                calls[name] += 1

        return wrapper

    read_inputs = ing.read_inputs

    def timed_reads(*a: Any, **kw: Any) -> Iterator[Any]:
        it = iter(read_inputs(*a, **kw))
        while True:
            t = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                spent["read"] += time.perf_counter() - t
                return
            spent["read"] += time.perf_counter() - t
            calls["read"] += 1
            yield item

    ing.read_inputs = timed_reads
    ing.relink = timed("relink", ing.relink)
    Store.put = timed("put", Store.put)
    Store.analysed_with = timed("analysed_with", Store.analysed_with)

    store = Store(spec["db"])
    profiler = None
    if spec.get("profile"):
        from pyinstrument import Profiler
        from pyinstrument.low_level.stat_profile import setstatprofile

        # Pool workers are forked from this thread: without this they would inherit the sampling hook
        # (and grow and slow down with samples nobody reads).
        os.register_at_fork(after_in_child=lambda: setstatprofile(None))
        profiler = Profiler(interval=0.005)
        profiler.start()
    t0 = time.perf_counter()
    try:
        counts = ing.ingest([spec["corpus"]], store, workers=spec["workers"])
    finally:
        wall = time.perf_counter() - t0
        if profiler is not None:
            profiler.stop()
            Path(spec["profile"]).write_text(
                profiler.output_text(unicode=True, color=False, show_all=False)
                + "\n\n---- all frames ----\n"
                + profiler.output_text(unicode=True, color=False, show_all=True)
            )
        store.close()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    link = counts.link
    print(
        RESULT_MARK
        + json.dumps(
            {
                "wall_s": wall,
                "new": counts.new,
                "unchanged": counts.unchanged,
                "failed": counts.failed,
                "words": counts.words,
                "statements": counts.statements,
                "corpus": {"actors": link.actors, "statements": link.statements, "sightings": link.sightings}
                if link
                else None,
                "seconds": spent,
                "calls": calls,
                "cpu_main_s": me.ru_utime + me.ru_stime,
                "cpu_workers_s": kids.ru_utime + kids.ru_stime,
                "maxrss_main_bytes": me.ru_maxrss * 1024,
                "maxrss_worker_bytes": kids.ru_maxrss * 1024,
            }
        ),
        flush=True,
    )
    return 0


# ---- the parent: run, sample memory, report ----------------------------------------------------------


class TreeSampler(threading.Thread):
    """Peak RSS and PSS of a process and all its descendants, sampled every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        import psutil

        self.psutil = psutil
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_rss = self.peak_pss = self.peak_procs = 0
        self.samples = 0
        self.halt = threading.Event()

    def run(self) -> None:
        psutil = self.psutil
        while not self.halt.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            rss = pss = 0
            for p in procs:
                try:
                    if self.samples % 5 == 0:  # PSS reads smaps: once a second is enough
                        full = p.memory_full_info()
                        rss += full.rss
                        pss += full.pss
                    else:
                        rss += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(procs))
            self.samples += 1
            self.halt.wait(self.interval)


def server_cpu(url: str) -> float | None:
    """CPU seconds so far of the PostgreSQL server listening on the URL's port (postmaster and backends)."""
    from urllib.parse import urlsplit

    import psutil

    port = urlsplit(url).port
    try:
        pids = {
            c.pid
            for c in psutil.net_connections(kind="tcp")
            if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port and c.pid
        }
    except psutil.Error:
        return None
    total = 0.0
    for pid in pids:
        try:
            master = psutil.Process(pid)
            t = master.cpu_times()
            total += t.user + t.system + t.children_user + t.children_system
            for child in master.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    ct = child.cpu_times()
                    total += ct.user + ct.system
        except psutil.Error:
            continue
    return total if pids else None


def run_one(label: str, corpus: Path, db: str, workers: int, profile: str | None = None) -> dict[str, Any]:
    spec = {"corpus": str(corpus), "db": db, "workers": workers, "profile": profile}
    import psutil

    env = dict(os.environ, PYTHONUNBUFFERED="1")
    server = "://" in db
    server_before = server_cpu(db) if server else None
    before = psutil.cpu_times()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", json.dumps(spec)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    sampler.halt.set()
    sampler.join()
    after = psutil.cpu_times()
    server_after = server_cpu(db) if server else None
    lines = [ln for ln in out.splitlines() if ln.startswith(RESULT_MARK)]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{label}: the ingest child exited with {proc.returncode}:\n{err[-3000:]}")
    res = json.loads(lines[-1][len(RESULT_MARK) :])
    busy = sum(getattr(after, f) - getattr(before, f) for f in ("user", "nice", "system", "irq", "softirq"))
    server_s = 0.0
    if server_after is not None and server_before is not None:
        server_s = server_after - server_before
    res.update(
        label=label,
        workers=workers,
        peak_rss_bytes=sampler.peak_rss,
        peak_pss_bytes=sampler.peak_pss,
        peak_processes=sampler.peak_procs,
        steal_s=getattr(after, "steal", 0.0) - getattr(before, "steal", 0.0),
        server_cpu_s=server_s,
        # CPU the machine spent outside this run's processes (and its database server): another load
        other_cpu_s=max(0.0, busy - res["cpu_main_s"] - res["cpu_workers_s"] - server_s),
    )
    return res


def start_postgres(tmp: Path) -> tuple[str | None, Any, str]:
    """A throwaway cluster from tests/pgserver.py: (url, stop, why-not)."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import pgserver
    except ImportError as e:
        return None, None, f"tests/pgserver.py not importable ({e})"
    try:
        url, stop = pgserver.start_throwaway(tmp)
    except pgserver.PgServerError as e:
        return None, None, str(e).splitlines()[0]
    return url, stop, ""


def code_state() -> str:
    """Which stanceline is measured: where it is imported from, and its git state."""
    probe = "import stanceline; print(stanceline.__version__, stanceline.__file__)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    version, where = [*out.stdout.split(), "?", "?"][:2]
    src = Path(where).parent
    git = subprocess.run(
        ["git", "-C", str(src), "log", "-1", "--format=%h"], capture_output=True, text=True, check=False
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(src), "status", "--porcelain", "--", "."],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    state = f"git {git}" + (f" + {len(dirty)} uncommitted paths" if dirty else "")
    if not git:
        state = "not a git tree"
    return f"stanceline {version} from {src} ({state})"


def progress(r: dict[str, Any]) -> None:
    print(f"  {r['label']}: {r['wall_s']:.1f} s, peak RSS {_gb(r['peak_rss_bytes'])} GB", flush=True)


def _gb(b: float) -> str:
    return f"{b / 1024**3:.2f}"


def report(rows: list[dict[str, Any]], articles: int, words: int) -> None:
    print(
        f"\n{'run':19} {'art/s':>6} {'words/s':>7} {'wall s':>7} {'RSS GB':>6} {'PSS GB':>6} "
        f"{'CPU main':>8} {'workers':>7} {'server':>6} {'other':>6} | {'read':>5} {'lookup':>6} {'put':>6} "
        f"{'relink':>6}"
    )
    for r in rows:
        s = r["seconds"]
        print(
            f"{r['label']:19} {r['articles_per_s']:6.2f} {r['words_per_s']:7,.0f} {r['wall_s']:7.1f} "
            f"{_gb(r['peak_rss_bytes']):>6} {_gb(r['peak_pss_bytes']):>6} {r['cpu_main_s']:8.1f} "
            f"{r['cpu_workers_s']:7.1f} {r['server_cpu_s']:6.1f} {r['other_cpu_s']:6.1f} | "
            f"{s['read']:5.1f} {s['analysed_with']:6.1f} {s['put']:6.1f} {s['relink']:6.1f}"
        )
    print(
        "(RSS, PSS: peak over the process tree. CPU seconds: the driver, its pool workers, the\n"
        " PostgreSQL server, and the rest of the machine meanwhile (another load). read ... relink:\n"
        " driver seconds in reading the input, Store.analysed_with, Store.put and relink.)"
    )
    cpus = os.cpu_count() or 1
    for r in rows:
        if r["other_cpu_s"] > 0.05 * cpus * r["wall_s"]:
            print(
                f"WARNING: {r['label']}: the machine spent {r['other_cpu_s']:.0f} CPU s on other work "
                f"during the run (steal {r['steal_s']:.0f} s): its rate is understated"
            )
    first = rows[0]
    print(
        f"\nstored: {first['new']} new, {first['failed']} failed, "
        f"{first['statements']} statement sightings; "
        + (
            f"corpus {first['corpus']['actors']} actors, {first['corpus']['statements']} statements "
            f"from {first['corpus']['sightings']} sightings"
            if first["corpus"]
            else "no relink"
        )
    )
    if any(r["corpus"] != first["corpus"] or r["new"] != first["new"] for r in rows):
        print(
            "WARNING: the runs did not store the same corpus: "
            + "; ".join(f"{r['label']}: {r['new']} new, {r['corpus']}" for r in rows)
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Ingest rate, worker scaling, peak RSS, SQLite and PostgreSQL."
    )
    parser.add_argument("--articles", type=int, default=10_000, metavar="N", help="articles to generate")
    parser.add_argument(
        "--workers-max",
        type=int,
        default=2,
        metavar="W",
        help="SQLite runs with 1..W workers; PostgreSQL with W",
    )
    parser.add_argument(
        "--workers-min",
        type=int,
        default=1,
        metavar="W",
        help="fewest workers of the SQLite runs (the scaling ratio needs 1)",
    )
    parser.add_argument("--skip-pg", action="store_true", help="no PostgreSQL run")
    parser.add_argument("--quick", action="store_true", help=f"a fast check: {QUICK_ARTICLES} articles")
    parser.add_argument("--seed", type=int, default=5, help="corpus generator seed")
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="also profile the driver in an extra run (pyinstrument text report to FILE)",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--save", metavar="FILE", help="also write the machine-readable results to FILE")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(json.loads(args.child))
    if args.quick:
        args.articles = QUICK_ARTICLES
    if args.articles < 1 or not 1 <= args.workers_min <= args.workers_max:
        parser.error("--articles must be at least 1, and 1 <= --workers-min <= --workers-max")
    try:
        import psutil  # noqa: F401
    except ImportError:
        print("error: psutil is not installed (pip install -e '.[bench]')", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="stanceline-bench-ingest-") as tmp_s:
        tmp = Path(tmp_s)
        corpus = tmp / "corpus.jsonl"
        t = time.perf_counter()
        n, words = write_corpus(corpus, args.articles, args.seed)
        if not args.json:
            print(
                f"corpus: {n} generated articles, {words:,} words ({words / n:.0f} per article), "
                f"{corpus.stat().st_size / 1e6:.1f} MB JSONL, seed {args.seed}, "
                f"written in {time.perf_counter() - t:.1f} s; {os.cpu_count()} CPUs"
            )
        rows = []
        if not args.json:
            print(code_state(), flush=True)
        for w in range(args.workers_min, args.workers_max + 1):
            rows.append(run_one(f"sqlite, {w} worker{'s' * (w > 1)}", corpus, str(tmp / f"w{w}.db"), w))
            if not args.json:
                progress(rows[-1])
        pg_note = "skipped (--skip-pg)" if args.skip_pg else ""
        if not args.skip_pg:
            url, stop, why = start_postgres(tmp)
            if url is None:
                pg_note = f"skipped: no PostgreSQL server could be started ({why})"
            else:
                try:
                    w = args.workers_max
                    rows.append(run_one(f"postgres, {w} worker{'s' * (w > 1)}", corpus, url, w))
                finally:
                    stop()
                if not args.json:
                    progress(rows[-1])

        if args.profile:  # a run of its own, so that sampling slows none of the measured ones
            w = args.workers_max
            prof = run_one("profiled", corpus, str(tmp / "profiled.db"), w, profile=args.profile)
            if not args.json:
                print(
                    f"  profiled run ({w} workers, SQLite, not in the table): {prof['wall_s']:.1f} s; "
                    f"driver profile in {args.profile}",
                    flush=True,
                )

    for r in rows:
        r["articles_per_s"] = r["new"] / r["wall_s"]
        r["words_per_s"] = r["words"] / r["wall_s"]
    sqlite_rows = [r for r in rows if r["label"].startswith("sqlite")]
    base = [r["articles_per_s"] for r in sqlite_rows if r["workers"] == 1]
    scaling = {r["workers"]: r["articles_per_s"] / base[0] for r in sqlite_rows} if base else {}
    peak = max(r["peak_rss_bytes"] for r in rows)
    rss_target = TARGET_RSS_BYTES
    results = json.dumps(
        {
            "articles": n,
            "words": words,
            "seed": args.seed,
            "cpus": os.cpu_count(),
            "code": code_state(),
            "runs": rows,
            "scaling": scaling,
            "target_scaling": TARGET_SCALING,
            "peak_rss_bytes": peak,
            "target_rss_bytes": rss_target,
            "postgres": pg_note or "ran",
        },
        indent=2,
    )
    if args.save:
        Path(args.save).write_text(results + "\n")
    if args.json:
        print(results)
        return 0
    report(rows, n, words)
    if not scaling:
        print("scaling: not measured (no 1-worker run)")
    if 2 in scaling:
        verdict = "meets" if scaling[2] >= TARGET_SCALING else "BELOW"
        print(
            f"scaling 2 workers / 1 worker (SQLite) = {scaling[2]:.2f} "
            f"({verdict} the {TARGET_SCALING} target)"
        )
    for w, s in scaling.items():
        if w > 2:
            print(f"scaling {w} workers / 1 worker (SQLite) = {s:.2f}")
    verdict = "meets" if peak <= rss_target else "OVER"
    print(
        f"peak RSS of the process tree = {_gb(peak)} GB ({verdict} the {_gb(rss_target)} GB target"
        + (
            ""
            if args.articles == TARGET_RSS_ARTICLES
            else f", which is set for {TARGET_RSS_ARTICLES:,} articles"
        )
        + ")"
    )
    pg = [r for r in rows if r["label"].startswith("postgres")]
    if pg:
        same = next(r for r in sqlite_rows if r["workers"] == pg[0]["workers"])
        print(
            f"PostgreSQL / SQLite rate at {pg[0]['workers']} workers = "
            f"{pg[0]['articles_per_s'] / same['articles_per_s']:.2f}"
        )
    else:
        print(f"PostgreSQL: {pg_note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
