"""The speaker's own account of a topic event: read when no stance word takes a side.

Parties to a conflict often give their position as an account of what they do rather than with an
attitude word: "talks with Tarsk will start soon", "the ceasefire will last until the festival ends", "our
missiles can reach every city of Tarsk", "we had substantive conversations". Read affirmatively (no
negation, no question, no hedge: the earlier rules have those), such an account favours the topic:

- :func:`announced`: the topic event announced or able, with the topic itself or the speaker's side as its
  subject: "will", "shall", "'ll", "going to", "can" on its verb ("talks will start soon", "we will hold the
  talks", "our missiles can reach ...");
- :func:`promised_outcome`: what will come of the topic event ("more developments will result from the
  meeting");
- :func:`attributed`: the topic noun judged by an adjective of the evaluative lists ("substantive
  conversations", "fruitless talks");
- :func:`own_means`: the topic held by the speaker's side, "our sanctions", "my missiles";
- :func:`awaited`: "I will wait for the president to change his attitude": what the speaker waits for the
  other side to do is the condition of its position.

What is told of others in the past takes no side (:func:`others_past_act`): "officials from Tarsk and
Ostland held meetings on Sunday" reports their act.

Pure functions over the parse, used by :mod:`.signals`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...config import Topic, Topics
from ..lexicon import DEONTIC_MODALS, FIRST_PERSON, FIRST_PERSON_SUBJECTS
from . import modality
from .grammar import SUBJECT, to_infinitive
from .polarity import polarity

# Auxiliaries that announce the event or say it can be done ("will", "can"); not the epistemic ones
# ("could", "might", "may": forecasts) nor the deontic ones (read by the deontic rule).
ANNOUNCING = frozenset({"will", "shall", "'ll", "can", "ca"})
# Pronoun subjects that are the speaker's side: "we", "I", and in reported speech "he", "she", "they"
# (the speaker's own pronoun: "Kalden said he will ..."); a named subject is someone else's act.
OWN_SUBJECTS = FIRST_PERSON_SUBJECTS | {"he", "she", "they", "it"}
OWN_POSSESSIVES = frozenset({"our", "my"})
# Verbs of having: "we have missiles" (the auxiliary "have" of a perfect is no object's verb).
POSSESSING = frozenset({"have", "possess"})
# Prepositions of what happened within the topic event: "progress in the talks", "during the talks".
WITHIN = frozenset({"in", "during", "at", "within"})
# Complex prepositions of cause: what they take is the reason for an act, not its object.
CAUSES = frozenset(
    {"in light of", "in view of", "in response to", "in retaliation for", "because of", "due to", "owing to"}
)
# What comes of the topic event: "further progress will grow out of the summit".
OUT_OF = frozenset({"from", "of"})
OUTCOME_VERBS = frozenset({"result", "come", "emerge", "flow", "stem", "follow", "arise"})
NO_OUTCOME = frozenset({"nothing", "none", "little"})
# Modals of what may come about: "things can happen".
POSSIBLE = frozenset({"can", "could", "may", "might"})
# Verbs of waiting: "wait for Tarsk to change its attitude" puts the speaker's position on the other's move.
WAITING = frozenset({"wait", "await"})
# Subordinators of a time clause: "When I met Kalden today, I expressed outrage" tells when, not what.
TIME_MARKS = frozenset({"when", "while", "as", "after", "before", "since"})
_PARTY_ENTITIES = frozenset({"PERSON", "GPE", "NORP", "ORG"})


def _clause_verb(root: Token) -> Token | None:
    """The verb whose event the topic word takes part in: the word itself, the verb it is the subject or
    object of, climbing through a "to" infinitive of purpose or complement ("will build on it to deliver a
    ceasefire")."""
    if root.pos_ in ("VERB", "AUX"):
        verb = root
    elif root.dep_ in (*SUBJECT, "dobj") and root.head.pos_ in ("VERB", "AUX"):
        verb = root.head
    else:
        return None
    while verb.dep_ in ("xcomp", "advcl") and to_infinitive(verb) and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    return verb


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT), None)


def _announcing_aux(verb: Token) -> Token | None:
    """ "will", "can", or "going" of "going to" on ``verb``, or on the first conjunct it shares them with."""
    for v in (verb, verb.head) if verb.dep_ == "conj" else (verb,):
        aux = next(
            (c for c in v.children if c.dep_ == "aux" and (c.lower_ in ANNOUNCING or c.lower_ == "going")),
            None,
        )
        if aux is not None:
            return aux
    return None


def announced(root: Token, roots: set[int]) -> str | None:
    """The topic event announced or able, affirmatively, by the speaker's side or of the topic itself:
    "talks will start soon", "we will hold talks", "our missiles can reach every city of Tarsk".

    Args:
        root: The topic word.
        roots: Token indices of the statement's topic words (a subject that is one is the event itself).

    Returns:
        The auxiliary ("will", "can"), or None.
    """
    verb = _clause_verb(root)
    if verb is None or any(c.dep_ == "neg" for c in verb.children):
        return None
    aux = _announcing_aux(verb)
    if aux is None:
        return None
    subj = _subject(verb) or (_subject(verb.head) if verb.dep_ == "conj" else None)
    if subj is None:
        return None
    own = (
        subj.i == root.i
        or subj.i in roots
        or subj.lower_ in OWN_SUBJECTS
        or any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in subj.children)
    )
    return aux.lower_ if own else None


def promised_outcome(root: Token) -> str | None:
    """What will come of the topic event, announced: "further progress will grow out of the summit",
    "good things will come out of the talks" (not "nothing will come of the talks"). Returns the
    auxiliary, or None."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in OUT_OF:
        return None
    verb = prep.head.head if prep.head.lower_ == "out" else prep.head
    if verb.lemma_.lower() not in OUTCOME_VERBS or any(c.dep_ == "neg" for c in verb.children):
        return None
    aux = next(
        (c for c in verb.children if c.dep_ == "aux" and c.lower_.replace("’", "'") in ANNOUNCING), None
    )
    subj = _subject(verb)
    if aux is None or subj is None or subj.lower_ in NO_OUTCOME:
        return None
    if any(c.dep_ == "det" and c.lower_ in ("no", "little") for c in subj.children):
        return None
    return aux.lower_


def attributed(root: Token, topics: Topics) -> tuple[int, str] | None:
    """The topic noun judged by an adjective of the evaluative lists: "fruitful negotiations" (+1),
    "fruitless talks" (-1). Returns the sign and the adjective, or None."""
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    adjectives = [c for c in root.children if c.dep_ == "amod" and c.pos_ == "ADJ"]
    adjectives += [g for a in adjectives for g in a.conjuncts if g.pos_ == "ADJ"]
    positive, negative = topics.cue("positive_eval"), topics.cue("negative_eval")
    for outcome in _outcomes(root):
        if outcome.lemma_.lower() in positive | negative:
            return (1 if outcome.lemma_.lower() in positive else -1), outcome.lower_
    for a in adjectives:
        lemma = a.lemma_.lower()
        if lemma in negative:
            return -1, a.lower_
        if lemma in positive:
            return 1, a.lower_
    return None


def _outcomes(root: Token) -> list[Token]:
    """The nouns of what came of the topic event: "progress in the talks", "progress was made during the
    talks", "we made a breakthrough at the summit" (not "of": "an act of war", "the threat of sanctions"
    name the topic, they do not judge it)."""
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ not in WITHIN:
        return []
    head = prep.head
    if head.pos_ == "NOUN":
        return [head]
    if head.pos_ != "VERB":
        return []
    # (a noun opening the sentence may be tagged a name: "Progress made during the talks ...")
    out = [
        c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.pos_ in ("NOUN", "PROPN")
    ]
    return out + ([head.head] if head.dep_ == "acl" and head.head.pos_ == "NOUN" else [])


def own_means(root: Token) -> str | None:
    """The topic held by the speaker's side: "our missiles", "my sanctions", "we have missiles on alert",
    "he has the launch codes in his safe" (said of himself). Returns the possessive or the verb."""
    poss = next((c for c in root.children if c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES), None)
    if poss is not None:
        return poss.lower_
    verb = root.head
    if root.dep_ == "dobj" and verb.lemma_.lower() in POSSESSING:
        subj = _subject(verb)
        if subj is not None and subj.lower_ in OWN_SUBJECTS and subj.lower_ != "it":
            return verb.lower_
    return None


def awaited(sent: Span, inside: set[int]) -> tuple[Token, int] | None:
    """A verb of waiting of the speaker's side on another party's move, in the statement's sentence: "I
    will wait for the president", "ready to wait for Tarsk to change its attitude". Returns the "for" and
    the token offset after what is waited for."""
    for t in sent:
        if t.i not in inside or t.lemma_.lower() not in WAITING or any(c.dep_ == "neg" for c in t.children):
            continue
        subj = _subject(t) or (_subject(t.head) if t.dep_ in ("xcomp", "conj") else None)
        if subj is not None and subj.lower_ not in OWN_SUBJECTS:
            continue
        for c in t.children:
            # "wait for Tarsk to change ...": the parser makes "for" the mark of the infinitive's clause
            mark = next((g for g in c.children if g.dep_ == "mark" and g.lower_ == "for"), None)
            if c.dep_ == "advcl" and mark is not None and (subj := _subject(c)) is not None and _party(subj):
                return mark, c.right_edge.i + 1
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if c.dep_ == "prep" and c.lower_ == "for" and obj is not None and _party(obj):
                return c, c.right_edge.i + 1
    return None


def _party(t: Token) -> bool:
    """A word that names a party: a name, a pronoun for people, or a noun with a name on it."""
    return (
        t.pos_ == "PROPN"
        or t.lower_ in ("him", "her", "them", "us", "you")
        or any(w.ent_type_ in _PARTY_ENTITIES for w in t.subtree)
    )


def others_past_act(root: Token, topic: Topic, cue: Token | None) -> str | None:
    """The topic's own act verb in the past, done by others: "officials from Tarsk held meetings on
    Sunday". Returns the verb, or None. Only a common noun is others: a pronoun may be the speaker, and a
    state or a body named may be the speaker's own ("the Republic had resumed talks", said by its
    president); the cue is the speaker's own act ("announced a ceasefire"). A reported "he" or "she" who
    held meetings in the past ("Veldt said she has chaired four rounds of talks with the factions") tells a
    record too, not a position ("we held talks" takes part: the stance word decides)."""
    verb = root.head
    if root.dep_ != "dobj" or verb.lemma_.lower() not in topic.support:
        return None
    if cue is not None and cue.i == verb.i:
        return None
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    past = (verb.tag_ == "VBD" and not aux) or (
        verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had") for a in aux)
    )
    subj = _subject(verb)
    if not past or subj is None or (subj.pos_ != "NOUN" and subj.lower_ not in ("he", "she")):
        return None
    if any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in subj.children):
        return None
    return verb.lower_


def time_clause(tok: Token) -> bool:
    """``tok`` heads a past time clause, told as given: "When I met Kalden today, ...", "Now that Kastell
    has suspended the talks, ...": a circumstance, not a position."""
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    past = (tok.tag_ == "VBD" and not aux) or (
        tok.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had") for a in aux)
    )
    return (
        tok.dep_ == "advcl"
        and past
        and any(
            c.dep_ in ("mark", "advmod") and (c.lower_ in TIME_MARKS or _now_that(c)) for c in tok.children
        )
    )


def _now_that(mark: Token) -> bool:
    """The "that" of "now that" (the parser may hang "now" on the main clause)."""
    return mark.lower_ == "that" and mark.i > 0 and mark.nbor(-1).lower_ == "now"


def others_circumstance(path: list[Token], cue: Token | None, roots: set[int]) -> str | None:
    """The topic inside a past time clause whose subject names another party: "Now that President Kastell
    has announced the suspension of talks, ...": Kastell's act, told as the scene. Returns the verb. (The
    cue's own clause is the statement: "days after Tarsk said it had fired a missile".)"""
    last = path[-1]
    if len(path) < 2 or not time_clause(last) or (cue is not None and last.i == cue.i):
        return None
    subj = _subject(last)
    if subj is None or subj.i == path[0].i or subj.i in roots:
        return None  # "When the truce collapsed in March, ...": an event of the topic, told (neutral)
    return last.lower_ if subj.pos_ in ("PROPN", "NOUN") else None


def finished_state(t: Token, below: Token, topics: Topics) -> bool:
    """A disposition adjective said of a thing, not of a party: "a treaty that was ready to be initialled" is
    finished, nobody's readiness (``below``: the passive infinitive under ``t``)."""
    if t.lemma_.lower() not in topics.cue("dispositions") or below.dep_ != "xcomp":
        return False
    if not any(c.dep_ == "auxpass" for c in below.children):
        return False
    subj = _subject(t.head) if t.dep_ == "acomp" else None
    if subj is not None and subj.dep_ != "nsubj":
        return False
    if subj is not None and subj.tag_ == "WDT" and t.head.dep_ == "relcl":
        subj = t.head.head  # "an accord that was ready ...": the noun the relative clause is about
    return subj is not None and subj.lower_ not in OWN_SUBJECTS | FIRST_PERSON and not _party(subj)


def denied_report(path: list[Token], cue: Token | None, topic: Topic, topics: Topics) -> str | None:
    """The topic's clause is what a report said, and the cue rejects the report: "dismissed rumours that
    they would go back to the talks", "denied claims that ...". Returns the cue, or None."""
    last = path[-1]
    noun = last.head
    if cue is None or last.dep_ not in ("acl", "ccomp") or noun.pos_ != "NOUN" or noun.head.i != cue.i:
        return None
    if noun.dep_ != "dobj" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in last.children):
        return None
    lemma = cue.lemma_.lower()
    return cue.lower_ if lemma == "deny" or polarity(cue, lemma, topic, topics) < 0 else None


def unmet(root: Token) -> str | None:
    """The topic as the subject of a denied verb whose object is the speaker's side's: "the negotiations
    have not fulfilled our expectations", "the talks did not serve our interests": a failure the speaker
    holds against it. Returns the verb, or None."""
    verb = root.head
    if root.dep_ != "nsubj" or not any(c.dep_ == "neg" for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ == "dobj" and (
            c.lower_ in ("us", "me")
            or any(g.dep_ == "poss" and g.lower_ in OWN_POSSESSIVES for g in c.children)
        ):
            return verb.lower_
    return None


def left_open(root: Token, topics: Topics) -> tuple[int, int] | None:
    """The topic's clause followed by "but" and an event that could come about: "the tariffs stay for now but
    some day in the course of the talks that may change": the position holds until then. Returns the
    token offsets of the "but" clause (without "but")."""
    verb = root.head if root.dep_ in SUBJECT else None
    if verb is None or any(c.dep_ == "neg" for c in verb.children):
        return None
    for c in verb.children:
        but = c.i > 0 and any(g.dep_ == "cc" and g.lower_ == "but" for g in verb.children if g.i < c.i)
        if (
            c.dep_ == "conj"
            and but
            and any(a.dep_ == "aux" and a.lower_ in POSSIBLE for a in c.children)
            and modality.occurs(c, topics)
        ):
            return c.left_edge.i, c.right_edge.i + 1
    return None


def cause_adjunct(tok: Token) -> bool:
    """``tok`` is what a complex preposition of cause takes: "backing off in light of the attack", "in
    response to the strikes": the reason for the act, not what the act is done to."""
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    phrase = [prep.lower_]
    if prep.head.dep_ == "pobj" and prep.head.head.dep_ == "prep":
        phrase = [prep.head.head.lower_, prep.head.lower_, prep.lower_]
    elif prep.head.pos_ in ("ADP", "SCONJ", "ADV", "ADJ") and prep.head.dep_ in ("prep", "advmod", "amod"):
        phrase = [prep.head.lower_, prep.lower_]
    return " ".join(phrase) in CAUSES


def others_claim(path: list[Token], source: tuple[int, int] | None) -> str | None:
    """The topic's clause is what another party's noun of attitude holds: "the breakdown on Tarsk's
    insistence that all the sanctions be lifted": Tarsk's, not the speaker's (unless the possessor is the
    statement's source, ``source`` in token offsets as :class:`.signals.Context` has it). Returns the
    noun."""
    last = path[-1]
    noun = last.head
    if len(path) < 2 or last.dep_ not in ("acl", "ccomp") or noun.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in last.children):
        return None
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None or poss.lower_ in OWN_POSSESSIVES or poss.pos_ not in ("PROPN", "NOUN"):
        return None
    if source is not None and source[0] <= poss.i < source[1]:
        return None
    return noun.lower_


def equated(path: list[Token]) -> str | None:
    """The topic in the second term of an equative: "as prepared for a fight on the border as for a seat
    at the conference": held equal to another, the topic is not chosen. Returns the word compared."""
    for k, t in enumerate(path):
        if t.dep_ != "prep" or t.lower_ != "as":
            continue
        for w in path[k + 1 :]:
            if any(c.dep_ == "advmod" and c.lower_ == "as" and c.i < t.i for c in w.children):
                return w.lower_
    return None


def prerequisite(path: list[Token]) -> tuple[int, int] | None:
    """The topic after "before" under a demand: "North Korea must agree to abandon its weapons before
    receiving sanctions relief": what must come first is the condition. Returns the token offsets of the
    demand (up to "before")."""
    for k, t in enumerate(path):
        if t.lower_ != "before" or t.dep_ not in ("prep", "mark"):
            continue
        for v in path[k + 1 : k + 4]:
            if any(c.dep_ == "aux" and c.lower_ in DEONTIC_MODALS for c in v.children):
                subj = _subject(v)
                start = subj.left_edge.i if subj is not None and subj.i < v.i else v.i
                return start, t.i
    return None


def demanded_readiness(doc: Doc, inside: set[int], topics: Topics) -> tuple[int, int] | None:
    """A demand that another party show its readiness, in the statement: "the Front must show they are
    willing and able to respond": the speaker's position on the process waits on it. Returns the token
    offsets of the demand."""
    ready = topics.cue("dispositions")
    for i in sorted(inside):
        t = doc[i]
        if not any(c.dep_ == "aux" and c.lower_ in DEONTIC_MODALS for c in t.children):
            continue
        subj = _subject(t)
        if subj is None or subj.lower_ in FIRST_PERSON or subj.i > t.i:
            continue
        clauses = [c for c in t.children if c.dep_ in ("ccomp", "xcomp")]
        if any(a.dep_ == "acomp" and a.lemma_.lower() in ready for c in clauses for a in c.children):
            return subj.left_edge.i, t.right_edge.i + 1
    return None


@dataclass(slots=True)
class Account:
    """What the speaker's own account says of one topic mention (see the module's docstring)."""

    announced: str | None = None  # "will", "can"
    attributed: tuple[int, str] | None = None  # (+1, "fruitful")
    own_means: str | None = None  # "our"
    awaited: tuple[int, int] | None = None  # character offsets of "for the president to ..."
    awaited_words: str = ""  # "wait for"
    others_act: str | None = None  # "held"
    act: bool = False  # the topic is the object of its own act verb ("held talks", "imposed sanctions")
    unmet: str | None = None  # "have not fulfilled our expectations"
    circumstance: str | None = None  # "Now that Kastell has announced the suspension of talks, ..."
    left_open: tuple[int, int] | None = None  # character offsets of "things can happen" after "but"
    claim: str | None = None  # "Tarsk's insistence that all the sanctions be lifted"
    equated: str | None = None  # "as ready to fight as to talk"
    prerequisite: tuple[int, int] | None = (
        None  # character offsets of "Tarsk must withdraw" (... before talks)
    )


def read(
    path: list[Token],
    topic: Topic,
    topics: Topics,
    roots: set[int],
    inside: set[int],
    cue: Token | None,
    source: tuple[int, int] | None = None,
) -> Account:
    """The :class:`Account` of the topic word ``path[0]`` (``path``: up to the cue; ``roots``: the
    statement's topic words; ``inside``: its content's token indices; ``cue``: the cue's word; ``source``:
    the source's token offsets)."""
    root = path[0]
    out = Account(
        announced=announced(root, roots) or promised_outcome(root),
        attributed=attributed(root, topics),
        own_means=own_means(root),
        others_act=others_past_act(root, topic, cue),
        act=root.dep_ == "dobj" and root.head.lemma_.lower() in topic.support,
        unmet=unmet(root),
        circumstance=others_circumstance(path, cue, roots),
        claim=others_claim(path, source),
        equated=equated(path),
    )
    first = prerequisite(path)
    if first is not None:
        last = root.doc[first[1] - 1]
        out.prerequisite = (root.doc[first[0]].idx, last.idx + len(last))
    opened = left_open(root, topics)
    if opened is not None:
        doc = root.doc
        out.left_open = (doc[opened[0]].idx, doc[opened[1] - 1].idx + len(doc[opened[1] - 1]))
    waits = awaited(root.sent, inside)
    if waits is not None:
        prep, end = waits
        doc = root.doc
        out.awaited = (prep.idx, doc[end - 1].idx + len(doc[end - 1]))
        out.awaited_words = prep.lower_
    return out
