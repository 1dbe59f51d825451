"""With whom: the counterpart of a stance, read from the parse around the topic word.

A stance on talks, a deal, sanctions, strikes or aid often names the other party: "talks *with
Washington*", "sanctions *on Tarsk*", "strikes *against Velmora*", "a *Velmora-Tarsk* accord",
"*meet* President Kalden". :func:`find_counterpart` returns the character span of that phrase (with
its preposition), or ``None``. In order, the first that answers:

1. a prepositional modifier of the topic word (``with``, ``between``, ``against``, ``on``, ``toward``,
   ``towards``, ``upon``), or of a verb or participle that qualifies it ("a summit *planned with* ..."),
   or of the verb whose object it is ("*resume* talks *with* Tarsk");
2. the direct object of a meeting verb that is the topic word itself ("meet the Tarskan envoy");
3. a proper-name modifier of the topic word ("US-Tarsk talks", "Velmora sanctions").

Which actor or country the phrase stands for is decided later, against the article's actors
(:func:`stanceline.analysis.to_analysis`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

#: Prepositions that name the other party of a measure or a meeting.
PARTY_PREPS = frozenset({"with", "between", "against", "on", "upon", "toward", "towards"})
#: Verbs whose object is the party met ("meet Kalden").
MEETING_VERBS = frozenset({"meet", "negotiate", "engage"})
_NAMES = frozenset({"PROPN"})
_PARTY_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_TIMES = frozenset({"DATE", "TIME"})


def find_counterpart(doc: Doc, root: Token) -> tuple[int, int] | None:
    """The span (character offsets) of the phrase naming the other party of the topic word ``root``."""
    for head in _heads(root):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PARTY_PREPS and _is_party(child):
                return _span(child)
    if root.pos_ == "VERB" and root.lemma_.lower() in MEETING_VERBS:
        obj = next((c for c in root.children if c.dep_ == "dobj" and _named(c)), None)
        if obj is not None:
            return _span(obj)
    names = [c for c in root.lefts if c.dep_ in ("compound", "amod", "nmod") and _named(c)]
    if names:
        first = min(names, key=lambda t: t.left_edge.i)
        last = max(names, key=lambda t: t.right_edge.i)
        start, end = doc[first.left_edge.i], doc[last.right_edge.i]
        return (start.idx, end.idx + len(end))
    return None


def _heads(root: Token) -> list[Token]:
    """The topic word, the verbs or participles that qualify it, and the verb whose object it is."""
    out = [root]
    out += [c for c in root.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if root.dep_ in ("dobj", "nsubjpass") and root.head.pos_ == "VERB":
        out.append(root.head)
    return out


def _is_party(prep: Token) -> bool:
    """``on``/``toward`` only before a name ("sanctions on Tarsk", not "talks on trade"); the others
    before any noun phrase ("talks with the rebels")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return False
    if prep.lower_ in ("with", "between", "against"):
        return obj.pos_ in ("NOUN", "PROPN", "PRON") and obj.lower_ not in ("it", "this", "that")
    return _named(obj)


def _named(tok: Token) -> bool:
    """A proper name, a country's adjective or an entity that can be a party; not a date ("on Tuesday")."""
    return (tok.pos_ in _NAMES or tok.ent_type_ in _PARTY_ENTS) and tok.ent_type_ not in _TIMES


#: What follows a party's name but does not name it: "with Kalden *in Serin*", "Kalden, *who* ...".
_NOT_THE_PARTY = frozenset({"prep", "relcl", "acl", "punct", "advcl", "appos"})


def _span(tok: Token) -> tuple[int, int]:
    """The phrase of ``tok`` up to its name: without the places, clauses and appositions after it."""
    doc = tok.doc
    last = tok
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.rights:
            if c.dep_ not in _NOT_THE_PARTY:
                last = max(last, c, key=lambda x: x.i)
                stack.append(c)
    start, end = doc[tok.left_edge.i], last
    return (start.idx, end.idx + len(end))
