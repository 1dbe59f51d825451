"""Readings of the parse that decide whose stance a statement takes, and what is judged.

Used by :mod:`stanceline.nlp.stance`: who holds an attitude ("the prime minister was
ready to talk", told by her minister, is hers), events reported rather than positions
taken, "not far enough", and evaluative predicates ("talks would be a trap", "described
the accord as a chain").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from ...config import load_titles

SUBJECT = frozenset({"nsubj", "nsubjpass"})
COPULAS = frozenset({"be", "remain", "become", "seem", "look", "prove", "stay"})
# "X was ready to talk": an attitude, whose holder is the subject.
DISPOSITIONS = frozenset(
    {"ready", "willing", "prepared", "eager", "keen", "open", "reluctant", "unwilling", "determined", "happy"}
)
# Verbs of naming: in "described the accord as a chain", "called the talks a farce" what it is called
# decides, not the verb. The judging ones ("dismissed the plan as fantasy", "hailed the accord as a
# triumph") decide themselves when the name says nothing.
_NAMING_ONLY = frozenset(
    {
        "describe",
        "call",
        "label",
        "brand",
        "characterise",
        "characterize",
        "see",
        "regard",
        "view",
        "treat",
        "portray",
        "term",
        "dub",
    }
)
_JUDGING = frozenset({"dismiss", "deride", "praise", "hail", "denounce", "condemn"})
DESCRIBE = _NAMING_ONLY | _JUDGING


def names_given(verb: Token, obj: Token, deps: tuple[str, ...] = ("oprd",)) -> list[Token]:
    """What ``verb`` names its object ``obj``: the "as" phrase (on the verb, or hung by the parser on the
    object's last noun: "dismissed the demand for an end to the sanctions as fantasy"), the object
    predicate ("called the embargo a cruelty"), or a quoted name the parser took for an apposition
    ("called the treaty "a gift to every smuggler"")."""
    out = [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    out += [c for c in verb.children if c.dep_ in deps and c.i > obj.i]
    if not out:
        as_ = [t for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "as" and t.i > obj.i]
        out = [g for g in as_[-1:] for g in g.children if g.dep_ == "pobj"]
    if not out:
        doc = obj.doc
        out = [
            c for c in obj.children if c.dep_ == "appos" and c.i > obj.i and doc[c.left_edge.i - 1].is_quote
        ]
    return out


def other_people(doc: Doc, st) -> tuple[frozenset[int], frozenset[str], frozenset[int]]:
    """Start offsets of the mentions of people other than the speaker, the speaker's titles, and the start
    offsets of the mentions of other actors that are not people (countries, organisations)."""
    actor = getattr(st, "actor", None)
    out: set[int] = set()
    titles: set[str] = set()
    things: set[int] = set()
    for d in getattr(doc._, "actors", None) or ():
        if d.key == actor:
            titles.update(t.lower() for t in d.titles)
        elif d.kind == "person":
            out.update(start for start, _ in d.mentions)
        else:
            things.update(start for start, _ in d.mentions)
    return frozenset(out), frozenset(titles), frozenset(things)


def held_by_other(
    t: Token, others: tuple, reported: frozenset[str], heads: frozenset[str] | None = None
) -> bool:
    """Whether ``t`` is an attitude ("was ready to", "wants") of another person: a full name, or a title
    the speaker does not hold. ``heads``: the last words of the titles (:func:`title_heads`)."""
    lemma = t.lemma_.lower()
    if lemma not in reported and not (
        lemma in COPULAS and any(c.dep_ == "acomp" and c.lemma_.lower() in DISPOSITIONS for c in t.children)
    ):
        return False
    starts, titles = others[:2]
    heads = title_heads() if heads is None else heads
    for c in t.children:
        if (
            c.dep_ != "nsubj"
            or c.pos_ == "PRON"
            or any(g.dep_ == "poss" and g.lower_ in ("our", "my") for g in c.children)
        ):
            continue
        span = c.doc[c.left_edge.i : c.i + 1]
        if c.lemma_.lower() in heads and not any(tok.ent_type_ == "PERSON" for tok in span):
            title = " ".join(tok.lower_ for tok in span if tok.dep_ not in ("det", "poss", "case"))
            if not any(title == x or x.endswith(" " + title) or title.endswith(" " + x) for x in titles):
                return True  # "the prime minister", told by her foreign minister
        elif sum(tok.ent_type_ == "PERSON" for tok in span) >= 2 and any(tok.idx in starts for tok in span):
            return True  # a full name of someone else; one capitalised word may be a country
    return False


@lru_cache(maxsize=8)
def title_heads(titles: tuple[str, ...] | None = None) -> frozenset[str]:
    """Last words of the titles (``None``: the shipped ones): "minister", "president", "guide"."""
    return frozenset(t.split()[-1] for t in (load_titles() if titles is None else titles))


def reported_event(root: Token) -> bool:
    """The topic as the subject of a past passive with no modal: "the ceasefire had been violated"."""
    verb = root.head
    if root.dep_ != "nsubjpass" or verb.tag_ != "VBN":
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a.lower_ in ("had", "has", "have", "was", "were") for a in aux) and not any(
        a.tag_ == "MD" for a in aux
    )


def not_enough(t: Token) -> bool:
    """A negated verb with "enough" on it: "did not go far enough", "has not done enough"."""
    neg = any(c.dep_ == "neg" for c in t.children)
    enough = any(
        c.lower_ == "enough" or any(g.lower_ == "enough" for g in c.children)
        for c in t.children
        if c.dep_ in ("advmod", "dobj", "acomp")
    )
    return neg and enough


def evaluation(root: Token, cues) -> tuple[int, str, int] | None:
    """Polarity of what is predicated of ``root`` as subject: ``a trap`` (−1), ``working`` (+1)."""
    if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in DESCRIBE:
        # "called the embargo a cruelty"; passive: "the suspension was described by Brekke as a tragedy"
        # "described the accord as a chain": what it is described as
        words = names_given(root.head, root)
        # "called the ceasefire "fragile, but the most precious thing we have"": the parser may hang the
        # second name on the verb
        words += [c for c in root.head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "ADJ") and words]
        return judge(_with_modifiers(words), root.head, cues)
    if root.dep_ not in SUBJECT and root.dep_ != "csubj":
        return None
    if any(
        c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in ("that", "which") for g in c.children)
        for c in root.children
    ):
        return None  # "Sanctions that take years are a luxury" judges slow sanctions, not sanctions
    head = root.head
    words: list[Token] = []
    if head.lemma_.lower() in COPULAS:
        for c in head.children:
            if c.dep_ in ("attr", "acomp", "oprd"):
                words.append(c)
                words.extend(g for g in c.children if g.dep_ in ("amod", "compound", "advmod", "conj"))
            elif c.dep_ == "prep":
                idiom = _idiom(c)
                if idiom is not None:
                    return idiom  # "elections were out of the question"
                words.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "advmod" and c.i > head.i:
                # "the talks are the only way forward": the parser makes the predicate an adverb
                words.extend([c, *(g for g in c.children if g.dep_ == "npadvmod")])
    else:
        words.append(head)
        # "the talks were going nowhere (fast)"
        words.extend(w for c in head.children if c.dep_ == "advmod" for w in c.subtree if w.dep_ == "advmod")
        if head.lemma_.lower() in _HAVE or (head.lemma_.lower() == "do" and head.pos_ == "VERB"):
            # "the offensive had his full support", "the embargo was doing more harm than good"
            words.extend(c for c in head.children if c.dep_ == "dobj")
    return judge(words, head, cues)


_HAVE = frozenset({"have", "enjoy", "win", "receive", "earn", "deserve", "lack", "need"})
# Prepositional idioms of judgement: "out of the question", "off the table".
_IDIOMS = {("out", "of", "question"): (-1, "out of the question"), ("off", "table"): (-1, "off the table")}


def _idiom(prep: Token) -> tuple[int, str, int] | None:
    words = [prep.lower_]
    tok = prep
    while True:
        nxt = next((c for c in tok.children if c.dep_ in ("prep", "pobj")), None)
        if nxt is None:
            break
        words.append(nxt.lower_)
        tok = nxt
    found = _IDIOMS.get(tuple(words))
    return (found[0], found[1], 0) if found else None


def judge(words: list[Token], head: Token, cues) -> tuple[int, str, int] | None:
    """The first evaluative word among ``words``, with the negations on it."""
    for w in words:
        lemma = w.lemma_.lower()
        polar = -1 if lemma in cues["negative_eval"] else 1 if lemma in cues["positive_eval"] else 0
        if polar:
            # "not a victory", "not on the agenda": a negation on the predicate itself (the copula's is on the path).
            near = [w, *([w.head] if w.head.i != head.i else [])]
            # Only a negation before the word: in "a tool, not a goal" the "not" is the goal's.
            negs = (
                sum(
                    1
                    for t in near
                    for c in t.children
                    if (c.dep_ == "neg" or c.lower_ in ("not", "never")) and c.i < w.i
                )
                if w.i != head.i
                else 0
            )
            # (the predicate's own negation, "had not failed", is on the path and counted there)
            return (polar, w.text.lower(), negs)
    return None


def to_infinitive(t: Token) -> bool:
    """A verb with its "to": "to lift", "to be phased out"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def passive_infinitive(root: Token) -> Token | None:
    """ "called for the measures to be phased out": the passive infinitive that says what is to be done with the
    topic word it hangs on (its verb), or None."""
    for c in root.children:
        if (
            c.dep_ in ("relcl", "acl")
            and c.pos_ == "VERB"
            and any(g.dep_ == "auxpass" for g in c.children)
            and to_infinitive(c)
        ):
            return c
    return None


def infinitival(tok: Token) -> bool:
    """A to-infinitive hung on a noun as a relative clause: "no reason to delay", "plans to send". It
    completes the noun (what the reason or the plan is), unlike a relative clause with its own subject."""
    return (
        tok.dep_ == "relcl"
        and tok.head.pos_ == "NOUN"
        and to_infinitive(tok)
        and not any(c.dep_ in SUBJECT or c.tag_ in ("WDT", "WP") for c in tok.children)
    )


def negated_dependent(c: Token, k: int, negators: frozenset[str]) -> bool:
    """A negation one step down from a word of the path: on its auxiliary ("was not opposed", when the
    parser hangs the "not" on "was"), or a negative quantifier in its subject ("no one", "no country")."""
    if c.dep_ in ("aux", "auxpass"):
        return any(g.dep_ == "neg" for g in c.children)
    if c.dep_ == "advmod" and c.lower_ in ("once", "even", "ever", "longer"):  # "would no longer refuse"
        return any(g.dep_ == "neg" for g in c.children)  # "never once refused", "not even considered"
    if k > 0 and c.dep_ in SUBJECT:
        return any(g.dep_ == "det" and g.lower_ in ("no", "neither") for g in c.children)
    return False


# Endings that make a noun of a verb, with what to put back: "lifting" -> "lift", "postponement" ->
# "postpone", "removal" -> "remove", "objection" -> "object", "escalation" -> "escalate".
_NOMINAL_ENDINGS = (
    ("ing", ("", "e")),
    ("ment", ("",)),
    ("al", ("", "e")),
    ("ation", ("ate", "e", "")),
    ("tion", ("t", "te")),
    ("sion", ("d", "de")),
    ("ance", ("", "e")),
)


@lru_cache(maxsize=4096)
def verb_of(noun: str) -> tuple[str, ...]:
    """The verbs a noun lemma may be made from, most likely first (candidates: the caller checks them)."""
    out = []
    for ending, backs in _NOMINAL_ENDINGS:
        if noun.endswith(ending) and len(noun) > len(ending) + 2:
            stem = noun[: -len(ending)]
            out.extend(stem + b for b in backs)
            if ending == "ing" and len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "cutting" -> "cut"
    return tuple(out)


@lru_cache(maxsize=4096)
def base_forms(word: str) -> tuple[str, ...]:
    """Base forms an inflected verb may have, for when the lemmatiser errs ("hoped" -> "hope", not "hop")."""
    out = []
    for ending, backs in (
        ("ied", ("y",)),
        ("ed", ("e", "")),
        ("ing", ("e", "")),
        ("ies", ("y",)),
        ("es", ("e", "")),
        ("s", ("",)),
    ):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            out.extend(stem + b for b in backs)
            if ending in ("ed", "ing") and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "banned" -> "ban"
            break
    return tuple(out)


def ellipsis_echo(tok: Token, head: Token) -> bool:
    """ "We are not opposed to it, we never were": the parser may hang the clause on the elliptical echo
    after it, a bare auxiliary with nothing of its own; its negation restates, it does not add."""
    return (
        tok.dep_ in ("ccomp", "parataxis")
        and head.i > tok.i
        and head.pos_ == "AUX"
        and not any(
            c.dep_ in ("attr", "acomp", "dobj", "xcomp", "ccomp", "prep")
            for c in head.children
            if c.i != tok.i
        )
    )


def framed_by_condition(mark: Token) -> bool:
    """ "Whether we keep to the truce depends on them": a whether-clause that a verb of condition frames
    is what the condition decides, not an open question."""
    clause = mark.head
    return (
        mark.lower_ == "whether"
        and clause.dep_ in ("csubj", "nsubj")
        and clause.head.lemma_.lower() in ("depend", "hinge", "rest", "turn")
    )


# After "not", words that make it a partial or an additive negation: "not all of the aid", "not only".
_PARTIAL = frozenset(
    {"only", "just", "all", "every", "everything", "everyone", "always", "necessarily", "merely"}
)


def not_a_clause_negation(neg: Token, t: Token, prev: Token | None) -> bool:
    """A "not" that negates no clause on the path: "not only", "not all of the aid will arrive" (a part),
    a contrast after the verb ("lifted yesterday, not next year"), the first conjunct's "not" reached
    from the second ("not on the valley but on trade"), or a past act's purpose ("did not sign it to ...")."""
    doc = neg.doc
    nxt = doc[neg.i + 1] if neg.i + 1 < len(doc) else None
    if neg.lower_ not in ("not", "n't", "never"):
        return False
    if nxt is not None and nxt.lower_ in _PARTIAL:
        return True
    if (
        neg.lower_ == "not"
        and neg.i > t.i
        and doc[neg.i - 1].text in (",", "—", "–")
        and nxt is not None
        and nxt.pos_ not in ("VERB", "AUX")
    ):
        return True
    if (
        prev is not None
        and prev.dep_ == "conj"
        and any(g.dep_ == "cc" and g.lower_ == "but" for g in t.children)
    ):
        return True
    # "had not turned down the talks out of pride but because Velmora lied": the "not" denies the reason
    kids = list(t.children)
    if (
        any(g.dep_ == "cc" and g.lower_ == "but" for g in kids)
        and any(
            g.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "because" for m in g.children)
            for g in kids
        )
        and any(
            g.dep_ == "prep" and g.lower_ in ("out", "because", "from", "for") and g.i < neg.i + 8
            for g in kids
        )
    ):
        return True
    # "We did not sign this treaty to watch it gather dust": the act happened, its purpose is denied
    return (
        prev is not None
        and prev.dep_ == "dobj"
        and any(a.dep_ == "aux" and a.lower_ == "did" for a in t.children)
        and any(a.dep_ in ("advcl", "xcomp") and a.i > prev.i and to_infinitive(a) for a in t.children)
    )


# Nouns whose to-infinitive says what they would do: "vetoed the bill to lift the embargo".
_PROPOSALS = frozenset(
    {
        "bill",
        "plan",
        "proposal",
        "motion",
        "attempt",
        "offer",
        "move",
        "bid",
        "effort",
        "law",
        "decree",
        "measure",
        "resolution",
        "amendment",
        "call",
        "demand",
        "request",
        "push",
        "scheme",
    }
)


def proposal_clause(tok: Token) -> bool:
    """ "vetoed the bill to lift the embargo", parsed as a purpose of the verb: the clause is the noun's."""
    if tok.dep_ != "advcl" or not to_infinitive(tok):
        return False
    obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
    return obj is not None and obj.lemma_.lower() in _PROPOSALS and obj.right_edge.i + 1 == tok.left_edge.i


def named_as(tok: Token) -> bool:
    """ "did not regard itself as bound by the truce": an "as" clause that completes a verb of naming."""
    return (
        tok.dep_ == "advcl"
        and tok.head.lemma_.lower() in DESCRIBE
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    )


def naming(t: Token, prev: Token, cues) -> bool:
    """``t`` names ``prev`` as something ("called the embargo a cruelty", "described the accord as a chain"):
    the name judges, the verb of naming takes no side (a judging verb does when the name says nothing)."""
    lemma = t.lemma_.lower()
    if lemma not in DESCRIBE or prev.dep_ != "dobj":
        return False
    words = names_given(t, prev, ("oprd", "xcomp"))
    return bool(words) and (lemma in _NAMING_ONLY or judge(_with_modifiers(words), t, cues) is not None)


def _with_modifiers(words: list[Token]) -> list[Token]:
    return [*words, *(g for w in words for g in w.children if g.dep_ in ("amod", "compound"))]


def counted(t: Token) -> bool:
    """A noun of the path with a number on it counts events: "logged 63 violations of the ceasefire" reports
    what others did, it takes no side."""
    return t.pos_ == "NOUN" and any(c.dep_ == "nummod" and c.like_num for c in t.children)


# Groups whose attitude a speaker reports rather than shares: "the opposition wanted the vote postponed".
_OTHER_GROUPS = frozenset(
    {
        "opposition",
        "critic",
        "rival",
        "opponent",
        "hardliner",
        "exporter",
        "importer",
        "farmer",
        "grower",
        "protester",
        "rebel",
        "analyst",
        "diplomat",
        "economist",
        "observer",
        "general",
        "minister",
        "official",
        "investor",
        "union",
        "creditor",
        "leader",
    }
)


def theirs(
    t: Token,
    prev: Token,
    reported: frozenset[str],
    source: tuple[int, int] | None,
    others: tuple = (frozenset(), frozenset(), frozenset()),
) -> bool:
    """``t`` is the attitude of someone the speaker only reports: a verb of saying or wanting whose subject
    is a group of others ("ministers had been telling farmers that ...", "the opposition wanted ..."), or
    a noun of attitude owned by another person ("Kastell's enthusiasm for a fresh offensive"; a country's
    support may be the speaker's own)."""

    def other(n: Token) -> bool:
        if source and source[0] <= n.idx < source[1]:
            return False
        if any(g.dep_ == "poss" and g.lower_ in ("our", "my") for g in n.children):
            return False
        said_by = n.doc.text[source[0] : source[1]] if source else ""
        if n.lemma_.lower() in _INSTITUTIONS and any(
            c.dep_ in ("compound", "amod") and c.text[:1].isupper() and c.text not in said_by
            for c in n.children
        ):
            return (
                True  # "the Tarskan government had told him it would accept relief only through the Concord"
            )
        return (
            n.lemma_.lower() in _OTHER_GROUPS
            and n.tag_ in ("NN", "NNS")
            and not (n.lemma_.lower() == "minister" and n.tag_ == "NN")
        )

    lemma = t.lemma_.lower()
    if t.pos_ in ("VERB", "AUX") and lemma in reported:
        return any(c.dep_ in SUBJECT and other(c) for c in t.children)
    if t.pos_ == "NOUN" and prev.dep_ == "prep" and lemma in _ATTITUDES:
        people, _, things = others
        return any(
            c.dep_ == "poss"
            and c.pos_ == "PROPN"
            and not (source and source[0] <= c.idx < source[1])
            and (c.idx in people or (c.ent_type_ == "PERSON" and c.idx not in things))
            for c in t.children
        )
    return False


_INSTITUTIONS = frozenset(
    {"government", "ministry", "army", "cabinet", "parliament", "senate", "command", "embassy"}
)
_ATTITUDES = frozenset(
    {
        "enthusiasm",
        "appetite",
        "desire",
        "wish",
        "support",
        "backing",
        "opposition",
        "hostility",
        "love",
        "hatred",
        "eagerness",
        "zeal",
        "preference",
        "fondness",
    }
)


_PRONOUNS = {"it": False, "they": True, "them": True}  # plural?


def pronoun_topics(doc: Doc, inside: set[int], topic_roots: dict[int, str]) -> list[tuple[str, int]]:
    """Pronouns of the content that point back to a topic word: the nearest noun before the pronoun (within
    60 words), of the same number, is a topic word ("this accord ... we are not going to
    drop it"). An "it" that stands for a clause ("it would be wrong to ...") points at nothing."""
    out = []
    for i in sorted(inside):
        t = doc[i]
        plural = _PRONOUNS.get(t.lower_)
        if plural is None or t.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            continue
        if t.dep_ == "nsubj" and t.head.lemma_.lower() not in COPULAS:
            continue  # "they threaten us": an acting subject is people, not a measure or a treaty
        if (
            t.lower_ == "it"
            and t.dep_ == "nsubj"
            and any(c.dep_ in ("ccomp", "xcomp", "csubj", "acomp", "attr") for c in t.head.children)
        ):
            continue
        for j in range(i - 1, max(0, i - 60) - 1, -1):
            n = doc[j]
            if (
                n.pos_ in ("NOUN", "PROPN")
                and n.dep_ not in ("compound", "poss", "npadvmod", "nmod")
                and (n.tag_ in ("NNS", "NNPS")) == plural
            ):
                if j in topic_roots:
                    out.append((topic_roots[j], i))
                break
    return out


def cue_word(st) -> Token | None:
    """The word of the cue that takes the stance: its lemma's word ("critical" in "has been critical of"),
    else the cue's root."""
    if st.cue is None:
        return None
    first = (st.cue_lemma or "").split(" ")[0]
    return next((t for t in st.cue if first and first in (t.lower_, t.lemma_.lower())), st.cue.root)
