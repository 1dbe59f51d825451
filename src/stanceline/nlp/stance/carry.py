"""Topic carried across sentences: a statement whose content names no topic but points back to one.

"They're finished", "we walked away", "it will be led by the deputy minister": the content's words stand for
a topic named before it, and the stance they take is a stance on that topic. Two kinds of words point back
(:func:`anchors`):

- a pronoun or demonstrative (``it``, ``they``, ``them``, ``this``, ``that``, ``these``, ``those``) as the
  subject of a copula or a passive, an object, or what a preposition takes ("we walked away *from it*");
- the particle of a verb of refusal whose object is left out: a verb with its particle among
  ``oppose_particles`` ("we are backing *off*", "they pulled *out*") with no object, clause or prepositional
  object of its own. The particle stands in for the object, so the stance is read from the verb up.

What they point back to, the antecedent, is the first that answers (:func:`antecedent`):

1. the cue's clause: a topic word that a preposition of the cue takes ("he said *of the talks*");
2. the same speaker's previous statement with a stance, at most two paragraphs back: its latest topic
   of the pronoun's number (and its counterpart: "talks with Tarsk ... they're finished" is about talks
   with Tarsk). A pronoun of a speaker left unresolved ("she added") right after a statement is that
   statement's speaker.

A topic word just before the pronoun is its antecedent already (:func:`.topics.pronoun_topics`, "the talks
... they are dead"). A noun of the pronoun's number earlier in the content is what the pronoun stands for
("our farmers are angry; we must help them"), so nothing is carried; the subject of the pronoun's own verb
is not ("Tarsk would not return to it"). A particle with its object left out carries the topic also when
the content names other topics ("backing off ... in light of the attack"), unless it is one of them.

The stance is then read on the pointing word as if it were the topic word, by the same rules; it is given
with a lower confidence (:data:`CARRIED_CONFIDENCE`) and the place where the topic was named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...config import Topics
from ..lexicon import THIRD_PERSON_PEOPLE
from .counterpart import find_counterpart
from .grammar import COPULAS
from .topics import Mention, target

#: The share of a reading's confidence kept when its topic is carried from an antecedent.
CARRIED_CONFIDENCE = 0.8
#: Pronouns and demonstratives that can stand for a topic, and whether they are plural.
POINTING = {
    "it": False,
    "this": False,
    "that": False,
    "they": True,
    "them": True,
    "these": True,
    "those": True,
}
#: Prepositions of a cue that name what the statement is about: "said *of* the talks", "spoke *about* it".
ABOUT = frozenset({"of", "about", "on", "regarding", "concerning", "over"})
#: Prepositions that take the object of a verb of refusal or support: "walk away *from*", "back out *of*".
_OBJECT_PREPS = frozenset({"from", "of", "on", "to", "with", "out", "into", "for", "against"})
_OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "nsubjpass", "attr", "oprd", "dative"})
_PERSONAL = frozenset({"it", "them"})
_PERSONAL_SUBJECTS = frozenset({"it", "they"})
#: How the parser attaches a verb's particle: "pulled *out*" (prt), "walked *away*" (advmod).
_PARTICLES = frozenset({"prt", "advmod"})
#: Prepositions of leaving or holding to a thing: "walk away *from* it", "back out *of* it", "stick *to* it".
_AWAY_FROM = frozenset({"from", "of", "on", "to", "out"})
#: Paragraphs back where the same speaker's previous statement still gives the topic.
PARAGRAPHS_BACK = 2


@dataclass(frozen=True, slots=True)
class Antecedent:
    """A topic named before: its topic, the words that named it (characters) and their counterpart."""

    topic: str
    span: tuple[int, int]
    plural: bool | None  # None: not known (a verb, a phrase)
    counterpart: tuple[int, int] | None = None


def anchors(doc: Doc, inside: set[int], topics: Topics) -> list[tuple[Token, bool | None]]:
    """The words of the content that point back to a topic, with the number a pronoun asks of it (None
    for a verb)."""
    out: list[tuple[Token, bool | None]] = []
    for i in sorted(inside):
        t = doc[i]
        if t.pos_ == "PRON" and t.lower_ in POINTING and _pointing(t, topics) and not _claimed(t, inside):
            out.append((t, POINTING[t.lower_]))
        elif t.dep_ in _PARTICLES and t.head.pos_ == "VERB" and _elided_object(t.head, t, topics):
            out.append((t, None))  # the particle stands in for the object: "backing *off*", "walked *away*"
    return out


def _claimed(pron: Token, inside: set[int]) -> bool:
    """Whether a noun of the pronoun's number comes before it in the content: the pronoun stands for that
    noun ("our farmers are angry; we must help them"), not for a topic named before the content."""
    plural = POINTING[pron.lower_]
    # the pronoun's own verb: its subject is not what the pronoun stands for ("Tarsk would not return to it")
    verb = pron.head.head if pron.dep_ == "pobj" else pron.head
    verb = verb.head if verb.dep_ in _PARTICLES else verb
    return any(
        (n := pron.doc[j]).pos_ in ("NOUN", "PROPN")
        and n.dep_ not in ("compound", "poss", "npadvmod", "nmod")
        and not (n.dep_ == "nsubj" and n.head.i == verb.i)
        and (n.tag_ in ("NNS", "NNPS")) == plural
        for j in range(min(inside), pron.i)
        if j in inside
    )


def _pointing(t: Token, topics: Topics) -> bool:
    """A pronoun that stands for a thing: the subject of a copula or a passive, or of a verb said of
    measures and treaties (``positive_eval``, ``negative_eval``: "they have collapsed", "it is working"),
    the object of a verb, what a verb's preposition of refusal takes ("walk away *from it*"); not a relative
    "that", an object named or made something ("calling it a puppet"), a demonstrative object (an act: "to
    do that"), nor an "it" that stands for a clause or acts ("it is time to ...", "it is not able to ...")."""
    head = t.head
    if t.dep_ == "nsubjpass":
        return not (t.lower_ == "that" and head.dep_ == "relcl")
    if t.dep_ == "dobj":
        return t.lower_ in _PERSONAL and not any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in head.children)
    if t.dep_ == "pobj":
        gov = head.head.head if head.head.dep_ in _PARTICLES else head.head  # "walk away from it"
        return t.lower_ in _PERSONAL and head.lower_ in _AWAY_FROM and gov.pos_ == "VERB"
    if t.dep_ == "nsubj" and head.pos_ == "VERB" and t.lower_ in _PERSONAL_SUBJECTS:
        lemma = head.lemma_.lower()
        return lemma in topics.cue("positive_eval") or lemma in topics.cue("negative_eval")
    if t.dep_ != "nsubj" or head.lemma_.lower() not in COPULAS:
        return False  # "they threaten us": an acting subject is people, not a measure or a treaty
    if head.dep_ == "relcl" and t.lower_ == "that":
        return False
    return not any(
        c.dep_ in ("ccomp", "xcomp", "csubj") or any(g.dep_ in ("xcomp", "ccomp") for g in c.children)
        for c in head.children
    )


def _elided_object(verb: Token, particle: Token, topics: Topics) -> bool:
    """A verb with its particle of refusal (``oppose_particles``) and its object left out: "we are backing
    off", "they walked away" (not "walked away from it": the pronoun points back; not "called off the
    strike")."""
    if any(c.dep_ in _OBJECTS for c in verb.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS for c in (*verb.children, *particle.children)):
        return False
    return f"{verb.lemma_.lower()} {particle.lower_}" in topics.cue("oppose_particles")


def antecedent(
    doc: Doc,
    st,
    inside: set[int],
    cue_root: Token | None,
    earlier: Sequence[tuple[object, Sequence]],
    political: Sequence[Mention],
    plural: bool | None,
) -> Antecedent | None:
    """What the content points back to (see the module's doc), or None.

    Args:
        earlier: The statements before this one, each with its stance drafts, in text order.
        political: The Doc's topic mentions in their political sense.
        plural: The number the pointing word asks of the antecedent (None: any).
    """
    if cue_root is not None:
        # a mention hanging on the cue's "of/about/on" ("said of the talks"): the words under those
        # prepositions, found from the cue (not by making a Token of every mention of the Doc)
        about = {w.i for p in cue_root.children if p.dep_ == "prep" and p.lower_ in ABOUT for w in p.children}
        for m in political:
            if m.head in about and m.head not in inside:
                return _of_mention(doc, m)
    return _previous_statement(doc, st, earlier, plural)


def _of_mention(doc: Doc, m: Mention) -> Antecedent:
    root = m.root(doc)
    return Antecedent(m.topic, target(doc, m), _plural(root), find_counterpart(doc, root))


def _plural(t: Token) -> bool | None:
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    return t.tag_ in ("NNS", "NNPS")


def _previous_statement(
    doc: Doc, st, earlier: Sequence[tuple[object, Sequence]], plural: bool | None
) -> Antecedent | None:
    """The topic of the same speaker's previous statement with a stance, not more than
    :data:`PARAGRAPHS_BACK` paragraphs back."""
    actor = getattr(st, "actor", None)
    for n, (prev, drafts) in enumerate(reversed(earlier)):
        if getattr(st, "paragraph", 0) - getattr(prev, "paragraph", 0) > PARAGRAPHS_BACK:
            return None
        same = actor is not None and getattr(prev, "actor", None) == actor
        # "she added" right after a statement: a pronoun the speakers left unresolved is the last speaker
        same = same or (actor is None and n == 0 and _pronoun_source(st))
        if not same or not drafts:
            continue
        # its latest topic of the pronoun's number: "the accord ... the talks. ... they're finished": talks
        for d in sorted(drafts, key=lambda d: d.target, reverse=True):
            span = d.carried_from or d.target
            words = doc.char_span(*span, alignment_mode="expand")
            number = _plural(words.root) if words is not None else None
            if plural is None or number is None or number == plural:
                return Antecedent(d.topic, span, number, d.counterpart)
        return None
    return None


def _pronoun_source(st) -> bool:
    source = getattr(st, "source", None)
    return source is not None and len(source) == 1 and source[0].lower_ in THIRD_PERSON_PEOPLE


def carried_mentions(
    doc: Doc,
    st,
    inside: set[int],
    cue_root: Token | None,
    earlier: Sequence[tuple[object, Sequence]],
    political: Sequence[Mention],
    topics: Topics,
) -> list[tuple[Mention, Antecedent]]:
    """The pointing words of the content as mentions of their antecedent's topic."""
    out: list[tuple[Mention, Antecedent]] = []
    for word, plural in anchors(doc, inside, topics):
        ante = antecedent(doc, st, inside, cue_root, earlier, political, plural)
        if ante is not None:
            out.append((Mention(ante.topic, word.i, word.i + 1, word.i), ante))
    return out
