"""Modality and judgement around a topic word: readings of the parse used by :mod:`.stance`.

- deontic modals ("aid *must* reach Hallum", "the embargo *has to* stay") say the speaker wants it;
- epistemic modals on the topic as subject ("trade *could* pick up") make a forecast, not a position;
- a judged clause ("it would be a *mistake* to lift the sanctions", "*foolish* to give it up");
- a preference ("would *sooner* resign *than* sign") turns the dispreferred act around;
- predicates coordinated with the topic's own ("the truce had become a shield *and should end*");
- negation of a plain past event ("had not yet read the accord") reports a fact, and negated
  knowing ("nobody knows") is uncertainty: neither is a position;
- figures of what was done ("has delivered 2,300 tonnes of food aid") report, they take no side.

Questions (real, rhetorical, answered) are read in :mod:`.questions`.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...config import Topics
from ..lexicon import DEONTIC_MODALS as DEONTIC
from ..lexicon import EPISTEMIC_MODALS as EPISTEMIC
from .grammar import COPULAS, SUBJECT, to_infinitive
from .judgement import judge


def deontic(path: list[Token]) -> str | None:
    """A verb of the path under "must", "should", "ought to", or "have to" / "need to": the modal's words
    ("must", "had to"), or None."""
    for k, t in enumerate(path):
        modal = next((c for c in t.children if c.dep_ == "aux" and c.lower_ in DEONTIC), None)
        if t.pos_ in ("VERB", "AUX") and modal is not None:
            return modal.lower_
        if (
            k > 0
            and t.lemma_.lower() == "have"
            and path[k - 1].dep_ == "xcomp"
            and to_infinitive(path[k - 1])
            and not any(c.lower_ == "yet" for c in t.children)
        ):  # "had yet to decide" is not "had to"
            return f"{t.lower_} to"
    return None


def forecast(root: Token) -> Token | None:
    """The topic as the subject of a verb under "could", "might" or "may": "trade could pick up again".
    Returns the modal, or None."""
    if root.dep_ not in SUBJECT:
        return None
    return next((c for c in root.head.children if c.dep_ == "aux" and c.lower_ in EPISTEMIC), None)


def occurs(verb: Token, topics: Topics) -> bool:
    """A verb of an event coming about (``occurrence_verbs``, with its particle or object: "happen", "take
    place"), in a sentence that does not doubt its condition ("but that is a very big if")."""
    phrase = " ".join(
        [
            verb.lemma_.lower(),
            *(c.lower_ for c in verb.children if c.dep_ in ("prt", "dobj", "acomp", "advmod")),
        ]
    )
    occurrence = topics.cue("occurrence_verbs")
    doubted = any(t.lower_ == "if" and t.i > 0 and t.nbor(-1).pos_ in ("ADJ", "DET") for t in verb.sent)
    return (verb.lemma_.lower() in occurrence or phrase in occurrence) and not doubted


def judged_clause(prev: Token, t: Token, topics: Topics) -> tuple[int, str, int] | None:
    """The judgement of a to-infinitive clause by the word it hangs on: "a mistake to lift" (−1),
    "foolish to give up" (−1, the adjective beside it under "be"), "the only way to make them listen"."""
    if not to_infinitive(prev) or prev.dep_ not in ("acl", "relcl", "xcomp", "ccomp", "advcl"):
        return None
    if t.lemma_.lower() in COPULAS:
        return judge([c for c in t.children if c.dep_ in ("attr", "acomp") and c.i < prev.i], t, topics)
    if t.pos_ not in ("NOUN", "ADJ"):
        return None  # "fail to deliver" is a verb's own meaning, read elsewhere
    if t.pos_ == "NOUN" and any(c.dep_ == "poss" for c in t.children):
        return None  # "its threat to quit the accord": an owner's intention, not a judgement of quitting
    return judge([t], t.head, topics)


_WHEN = frozenset({"DATE", "TIME"})


def scheduled(root: Token, topics: Topics) -> bool:
    """The topic as subject of a timetable verb (``schedule_verbs``: "the talks will open on 19 May", "the
    third round will resume in Halden on Friday") with a date and no modal but "will": a schedule, not a
    position."""
    verb = root.head
    if root.dep_ not in SUBJECT or verb.lemma_.lower() not in topics.cue("schedule_verbs"):
        return False
    kids = list(verb.children)
    if to_infinitive(verb):
        return False  # "called for the talks to resume within a month": wanted, not timetabled
    if any(c.dep_ == "neg" or (c.tag_ == "MD" and c.lower_ not in ("will", "would", "'ll")) for c in kids):
        return False
    return any(
        w.ent_type_ in _WHEN for c in kids if c.dep_ in ("prep", "npadvmod", "advmod") for w in c.subtree
    )


def dispreferred(prev: Token, t: Token, topics: Topics) -> Token | None:
    """ "would sooner resign than sign": ``prev`` is the act put after "than". Returns "sooner" (or
    "rather"), or None."""
    if not any(c.dep_ == "mark" and c.lower_ == "than" for c in prev.children):
        return None
    return next(
        (c for c in t.children if c.dep_ == "advmod" and c.lower_ in topics.cue("preference_adverbs")), None
    )


def shared_predicates(root: Token) -> list[Token]:
    """Verbs coordinated with the one the topic is subject of, without a subject of their own:
    "the truce had become a shield and *should end*"."""
    if root.dep_ not in SUBJECT:
        return []
    return [
        c
        for c in root.head.children
        if c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and not any(g.dep_ in SUBJECT for g in c.children)
        and not _past(c)
    ]


def _past(verb: Token) -> bool:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in aux):
        return False
    if (
        verb.tag_ == "VBN"
        and not aux
        and verb.dep_ in ("relcl", "advcl", "ROOT")
        and any(c.dep_ == "nsubj" for c in verb.children)
    ):
        return True  # "the week its offensive stalled": a past tense the tagger took for a participle
    return verb.tag_ == "VBD" or any(a.lower_ in ("had", "has", "have", "did") for a in aux)


def past_event(path: list[Token], cue: Token | None) -> bool:
    """The first verb of the path (not the cue) tells a past event, without a modal: "had not yet read
    the accord"."""
    verb = next((t for t in path[1:] if t.pos_ in ("VERB", "AUX") and (cue is None or t.i != cue.i)), None)
    return verb is not None and verb.lemma_.lower() not in COPULAS and _past(verb)


def knowing(path: list[Token], cue: Token | None, topics: Topics) -> bool:
    """A verb of knowing on the path above the topic word, not the cue: negated ("nobody knows", "I cannot
    predict") it leaves the matter open."""
    return any(
        t.lemma_.lower() in topics.cue("knowing_verbs") and (cue is None or t.i != cue.i) for t in path[1:]
    )


def tally(doc, mention, path: list[Token], cue_root: Token | None, topics: Topics) -> str | None:
    """Figures of what was done, in the past: "has delivered 2,300 tonnes of food aid", "has moved roughly
    four thousand troops into the zone". A count of units under a past verb reports, it takes no side.
    Returns the figure ("2,300"), or None."""
    root = doc[mention.head]
    # the counted noun is the topic word or what it is a quantity of ("2,300 tonnes of food aid"); not a year
    # ("the 2003 invasion"), not "four-square behind"
    nouns = [
        root,
        *([root.head.head] if root.dep_ == "pobj" and root.head.lower_ == "of" else []),
        *doc[mention.start : mention.end],
    ]
    figure = next(
        (
            c
            for t in nouns
            if t.pos_ == "NOUN"
            for c in t.children
            if c.dep_ == "nummod"
            and c.like_num
            and c.ent_type_ != "DATE"
            and (c.text[0].isdigit() or c.whitespace_)
        ),
        None,
    )
    words = [*doc[mention.start : mention.end], *(t for t in path if cue_root is None or t.i != cue_root.i)]
    if figure is None or any(t.lemma_.lower() in topics.cue("attitude_verbs") for t in words):
        return None  # "had rejected two rounds of talks", "backed five rounds of sanctions": positions
    verb = next((t for t in words if t.pos_ == "VERB"), None)
    if verb is not None and _past(verb) and not any(c.dep_ == "neg" for c in verb.children):
        return figure.lower_
    return None


def happened(root: Token, path: list[Token]) -> bool:
    """The topic as the subject of an intransitive verb in the past: "the talks ended", "exports fell".
    An event told, not a position (the verb's stance is somebody's act when the topic is its object)."""
    verb = root.head
    return (
        root.dep_ == "nsubj"
        and len(path) > 1
        and path[1].i == verb.i
        and verb.pos_ == "VERB"
        and _past(verb)
        and not any(c.dep_ in ("dobj", "attr", "acomp", "xcomp", "ccomp") for c in verb.children)
        and not any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not _past(c) for c in verb.children)
    )
    # ("the sanctions had failed and should be lifted": the second predicate is a position)


def denied_clause(prev: Token, t: Token, topics: Topics) -> str | None:
    """``prev`` is the clause of "it was untrue that ..." (or "... is false"), or of "denied that ...".
    Returns the words that deny it ("untrue", "not true", "not the case", "denied"), or None."""
    if prev.dep_ == "ccomp" and t.lemma_.lower() == "deny":
        return (
            t.lower_
        )  # "denied that Tarsk was preparing an offensive" (not "neither confirm nor deny reports")
    if prev.dep_ != "ccomp" or t.lemma_.lower() not in COPULAS:
        return None
    kids = list(t.children)  # "it is untrue that ...", "it was not true, and never had been, that ..."
    neg = next((n for n in kids if n.dep_ == "neg"), None)
    for c in kids:
        if c.dep_ == "acomp" and c.lemma_.lower() in topics.cue("denials"):
            return c.lower_
        if c.dep_ == "acomp" and c.lower_ == "true" and neg is not None:
            return f"{neg.lower_} {c.lower_}"
    # "It is not the case that Tarsk opposes the elections"
    case = next((c for c in kids if c.dep_ == "attr" and c.lower_ == "case"), None)
    if neg is not None and case is not None:
        return t.doc[neg.i : case.i + 1].text.lower() if neg.i < case.i else f"{neg.lower_} {case.lower_}"
    return None


def pretended(t: Token) -> str | None:
    """``t`` is the clause of "it is not as though ..." / "it is not as if ...": a clause the speaker denies.
    Returns its words ("not as though"), or None."""
    marks = [c.lower_ for c in t.children if c.dep_ == "mark"]
    head = t.head
    neg = next((c for c in head.children if c.dep_ == "neg"), None)
    if (
        t.dep_ == "advcl"
        and marks[:1] == ["as"]
        and marks[1:2] in (["though"], ["if"])
        and head.lemma_.lower() in COPULAS
        and neg is not None
    ):
        return " ".join([neg.lower_, *marks[:2]])
    return None


def compared(prev: Token, t: Token, topics: Topics) -> int:
    """What ``t`` is compared with (``prev``: "than", "to") takes the other side: "a flawed election is
    better than none" (``better_than``: -1 for what follows), "worse than the war" (``worse_than``: +1)."""
    if prev.dep_ != "prep" or prev.lower_ not in ("than", "to"):
        return 0
    if t.lower_ in topics.cue("better_than"):
        return -1
    return 1 if t.lower_ in topics.cue("worse_than") else 0


def preferred(prev: Token, t: Token, topics: Topics) -> bool:
    """ "would rather see the talks drag on than lose a soldier": the act chosen over the one after "than"."""
    return (
        any(c.dep_ == "advmod" and c.lower_ in topics.cue("preference_adverbs") for c in t.children)
        and any(w.dep_ == "mark" and w.lower_ == "than" for w in t.subtree)
        and not any(c.dep_ == "mark" and c.lower_ == "than" for c in prev.children)
    )


def reported_event(root: Token) -> bool:
    """The topic as the subject of a past passive with no modal: "the ceasefire had been violated"."""
    verb = root.head
    if root.dep_ != "nsubjpass" or verb.tag_ != "VBN":
        return False
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a.lower_ in ("had", "has", "have", "was", "were") for a in aux) and not any(
        a.tag_ == "MD" for a in aux
    )


def counted(t: Token) -> bool:
    """A noun of the path with a number on it counts events: "logged 63 violations of the ceasefire" reports
    what others did, it takes no side."""
    return t.pos_ == "NOUN" and any(c.dep_ == "nummod" and c.like_num for c in t.children)
