"""Word sense of a topic word, read from the words linked to it in the parse.

A topic word names its topic only in the political sense: a dockers' *strike* is not a
military strike, *talks* with a museum board are not negotiations, a club's *deal* for a
midfielder is no agreement, a *vote* on a bill is no election, the *relief* musicians felt
is no aid, a chess *truce* is no ceasefire. The words that show the other sense are word
classes in ``data/topics.toml``: each topic's ``senses``, and the shared ``other_domains``
(sport, music, business) of ``[cues]``. They count only when the parse links
them to the topic word: its modifiers, what its prepositions take (``talks *with the
auditors*``), the subject and verb of the clause it is the object or subject of
(``*dockworkers began* a strike``, ``the relief the musicians *felt*``), a clause on it.
A capitalised topic word in quotation marks is the title of a work (``"The Long Truce"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ...config import Topics
from ..lexicon import THIRD_PERSON_PEOPLE
from .grammar import SUBJECT

if TYPE_CHECKING:
    from .topics import Mention

_TIME = frozenset({"before", "after", "since"})
_MODIFIERS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "npadvmod"})
_ARGUMENTS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj"})


def _noun_words(t: Token) -> list[Token]:
    """A noun with its compounds and modifiers: "two junior players", "the port authority"."""
    return [t, *(c for c in t.children if c.dep_ in ("compound", "amod", "poss"))]


def linked(root: Token) -> list[Token]:
    """The words that the parse links to a topic word, which may show its sense."""
    out: list[Token] = []
    for c in root.children:
        if c.dep_ in _MODIFIERS:
            out.extend(c.subtree)  # "a 48-hour strike", "the railway workers' strike"
        elif c.dep_ == "prep":
            for g in c.children:  # "talks with the auditors", "a deal for the midfielder"
                if g.dep_ == "pobj":
                    out.extend(_noun_words(g))
        elif c.dep_ in ("relcl", "acl"):
            out.append(c)  # "the relief the musicians felt"
            out.extend(w for g in c.children if g.dep_ in SUBJECT for w in _noun_words(g))
    head = root.head
    if root.dep_ == "compound" and head.pos_ in ("NOUN", "PROPN"):
        out.append(head)  # "relief buses", "the trade winds": the noun it names a kind of
    elif root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        out.append(head.head)  # "a sigh of relief"
    if root.dep_ in _ARGUMENTS and head.i != root.i:
        if root.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head  # "a truce over the rule" -> the verb above the preposition
        if head.pos_ in ("VERB", "AUX"):
            out.append(head)
            for c in head.children:
                if c.i == root.i:
                    continue
                if c.dep_ in SUBJECT:  # "the two grandmasters had agreed a truce"
                    out.extend(_noun_words(c))
                elif c.dep_ == "prep" and c.lower_ in ("with", "between") and root.dep_ != "pobj":
                    out.extend(w for g in c.children if g.dep_ == "pobj" for w in _noun_words(g))
    return out


def speaker_words(doc: Doc, st) -> frozenset[str]:
    """The lemmas of the statement's source noun and its modifiers: a union, a club, an orchestra speaking
    shows the sense of the topic words it uses ("The dockworkers' union said its members would extend their
    strike")."""
    if st.source is None:
        return frozenset()
    head = st.source.root
    return frozenset(t.lemma_.lower() for t in _noun_words(head) if t.pos_ in ("NOUN", "PROPN"))


def other_sense(root: Token, senses: frozenset[str], domains: frozenset[str]) -> bool:
    """Whether the words linked to ``root`` show that it is used in another sense than its topic's."""
    if root.is_title and root.i != root.sent.start and any(c.is_quote for c in root.lefts):
        return True  # "a new production of "The Long Truce"": a title
    if root.dep_ == "pobj" and (
        root.head.lower_ in _TIME or (root.head.lower_ == "of" and root.head.head.lower_ == "ahead")
    ):
        return True  # "six months before an election", "ahead of the vote": a time, not the topic
    words = senses | domains
    return any(t.lemma_.lower() in words or t.lower_ in words for t in linked(root) if t.i != root.i)


def signs_something_else(doc: Doc, m: Mention, mentions: list[Mention], topics: Topics) -> bool:
    """ "We are signing a promise": a verb of signing (``signing_verbs``) names an agreement only when what is
    signed is one."""
    root = m.root(doc)
    if root.pos_ != "VERB" or root.lemma_.lower() not in topics.cue("signing_verbs"):
        return False
    if any(c.dep_ == "prt" and c.lower_ == "off" for c in root.children) and not any(
        c.dep_ == "prep" and c.lower_ == "on" for c in root.children
    ):
        return True  # "the accounts will be signed off by June"; not "sign off on the deal"
    # what is signed: the object, or the subject of a passive ("the accounts to be signed")
    objs = [c for c in root.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
    # "sign up to a ceasefire", "sign off on a relief package"; "no ceasefire would be worth signing"
    preps = [
        c
        for c in root.children
        if c.dep_ in ("prep", "prt") and c.lower_ in ("to", "on", "up", "off", "onto")
    ]
    preps += [p for c in preps for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "on", "onto")]
    objs += [g for c in preps for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
    if root.head.lower_ == "worth" and root.head.dep_ == "acomp":
        objs += [c for c in root.head.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
    # (the index of a long article's mentions answers at once; a plain list is read through)
    named = (
        mentions.heads_of(m.topic)
        if hasattr(mentions, "heads_of")
        else {x.head for x in mentions if x.topic == m.topic}
    )
    return bool(objs) and not any(o.i in named for o in objs)


# Prepositions whose object is a verb's or noun's counterpart or target: "meet with the envoy", "talks between
# Tarsk and Velmora", "fire at the border posts", "an attack on Hallum".
_ARG_PREPS = frozenset({"with", "between", "at", "on", "against", "into", "upon", "toward", "towards"})


def _argued(root: Token, argued: tuple[str, ...]) -> bool:
    lemma = root.lemma_.lower()
    return lemma in argued or f"{lemma}:{root.pos_.lower()}" in argued


def arguments(root: Token) -> list[Token]:
    """The heads of a topic word's arguments: its object (or a passive subject), what its prepositions of
    counterpart or target take, a noun's possessor, compounds and adjectives; with their appositions and
    conjuncts ("meet with Kastell and Veldt"). Not the subject: in "the two sides will meet in Halden" or
    "the artillery fired" no counterpart or target is named.
    Only heads: in "meet Tarsk's demands" the possessor is not what is met."""
    objs = [c for c in root.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ in _ARG_PREPS:
            objs += [g for g in c.children if g.dep_ == "pobj"]
        elif root.pos_ in ("NOUN", "PROPN") and c.dep_ in ("poss", "compound", "amod", "nmod"):
            objs.append(c)
    objs += [g for o in objs for g in o.conjuncts]
    return [*objs, *(c for o in objs for c in o.children if c.dep_ == "appos")]


def lacks_argument(root: Token, topic) -> bool:
    """Whether ``root`` is one of ``topic.argued`` with no argument that makes it the topic: "meet" names
    negotiations with a political counterpart ("meet the president", "meet with Velmora's envoy"), not "meet
    the deadline"; "destroy" names military action with a country, a city or weapons as its target, not
    "destroy evidence". An argument counts when it is an entity of ``argument_entities`` or a word of
    ``arguments``."""
    if not topic.argued or not _argued(root, topic.argued):
        return False
    words, kinds = topic.arguments, topic.argument_entities
    return not any(
        t.ent_type_ in kinds
        or t.lemma_.lower() in words
        or t.lower_ in words
        # "we are meeting with them": people named before, met with (not "meet them": targets, expectations)
        or (t.lower_ in THIRD_PERSON_PEOPLE and t.dep_ == "pobj" and t.head.lower_ in ("with", "between"))
        for t in arguments(root)
    )


def argued_topics(doc: Doc, mentions: list[Mention], topics: Topics) -> frozenset[tuple[str, str]]:
    """The (topic, lemma) of the ``argued`` words the Doc uses at least once with their argument: one sense
    per discourse, so that after "we met the president" or "a meeting with the president" a later "the
    meeting" is that meeting (:func:`in_sense`)."""
    return frozenset(
        (m.topic, m.root(doc).lemma_.lower())
        for m in mentions
        if _argued(m.root(doc), topics.topics[m.topic].argued)
        and not lacks_argument(m.root(doc), topics.topics[m.topic])
    )


def in_sense(
    root: Token, topic, argued: frozenset[tuple[str, str]], named: Mapping[str, int] | None = None
) -> bool:
    """Whether ``root`` names ``topic`` as far as its arguments go: it needs none, it has one, or it is a noun
    (not a verb: "meet the deadline" stays a deadline) of a word the Doc has argued before, itself or its verb
    ("met the president ... the meeting"); "the right conversation" after a meeting is no conversation.
    A definite noun ("the meetings", "this understanding") also counts after the topic was named before it
    by a word that needs no argument (``named``, :func:`named_topics`): "talks in Halden ... the meetings
    were productive" refers back to the talks."""
    if root.pos_ == "NOUN":
        lemma = root.lemma_.lower()
        if any(t == topic.name and lemma.startswith(w) for t, w in argued):
            return True
        first = (named or {}).get(topic.name)
        # a predicate noun describes its subject, it does not refer back: "were the right conversation"
        if (
            first is not None
            and first < root.i
            and root.dep_ != "attr"
            and (definite(root) or _acted_on(root, topic))
        ):
            return True
    return not lacks_argument(root, topic)


#: Determiners of a noun that refers back to what the text has named: "the", "this", "these", "those", "that".
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def definite(noun: Token) -> bool:
    """A noun with a definite determiner or a possessor ("the meetings", "our talks", "Tarsk's meeting")."""
    return any((c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in noun.children)


def _acted_on(noun: Token, topic) -> bool:
    """The object of one of the topic's own verbs ("cancel a meeting", "hold a meeting", "attend a
    meeting" for talks): after the topic was named, a meeting cancelled is a meeting of the talks."""
    head = noun.head
    return (
        noun.dep_ in ("dobj", "nsubjpass")
        and head.pos_ == "VERB"
        and (head.lemma_.lower() in topic.support or head.lemma_.lower() in topic.oppose)
    )


def named_topics(doc: Doc, mentions: list[Mention], topics: Topics) -> dict[str, int]:
    """Each topic's first mention in the Doc by a word or phrase that needs no argument ("talks",
    "negotiations", "a summit"): the topic is then one the text is about."""
    out: dict[str, int] = {}
    for m in mentions:
        topic = topics.topics[m.topic]
        if m.end - m.start == 1 and _argued(m.root(doc), topic.argued):
            continue
        out[m.topic] = min(out.get(m.topic, m.start), m.start)
    return out
