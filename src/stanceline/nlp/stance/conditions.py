"""Conditions attached to a position: "once the embargo is lifted", "only if they respect
the ceasefire", "unless the troops leave", "in exchange for full compliance", "talks require
a withdrawal", and a condition set in one sentence and pointed back to in the next
("Without that, there is nothing to discuss"). Pure functions over a parsed Doc, used by
:mod:`.stance`, which turns a supported position with conditions into ``conditional``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...config import Topics
from ..lexicon import DEMONSTRATIVES
from .markers import (
    CLAUSE_INITIAL,
    MARKERS,
    TO_COMMA,
    clause_end,
    marks_condition,
    opening_time_clause,
    to_comma,
)
from .threats import ultimatum

#: :data:`MARKERS` by their first word, each list in the order of ``MARKERS``: a word is compared only with
#: the markers it can open.
_MARKERS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in MARKERS:
    _MARKERS_BY_FIRST.setdefault(_words[0], []).append((_words, _kind))


@dataclass(slots=True)
class Condition:
    start: int  # token index of the first word (marker included)
    end: int  # token index after the last word
    kind: str  # "positive" (if, once ...), "negative" (unless, without that) or "until"
    #                     (a term that ends a refusal: "we will not trade until they pay")
    marker: str  # the kind of marker ("as long as", "require", "the sentence before"), for the rules
    sent: int  # sentence start token of the clause it conditions
    words: str = ""  # the marker as the text writes it ("as long as", "requires"); "" when it has none


def end_char(doc: Doc, c: Condition) -> int:
    last = doc[c.end - 1]
    return last.idx + len(last)


def find_conditions(doc: Doc, sents: list[Span], inside: set[int], topics: Topics) -> list[Condition]:
    """The conditions in the sentences ``sents`` of a statement whose content is ``inside``.

    Args:
        doc: The parsed Doc.
        sents: The statement's sentences, in order.
        inside: Token indices of the statement's content.
        topics: The vocabulary (word classes of condition verbs, adjectives, texts, acts ...).

    Returns:
        The conditions, sentence by sentence; a sentence opened by "Without that" gets the conditions
        (or the content) of the sentence before.
    """
    out: list[Condition] = []
    for n, sent in enumerate(sents):
        found = _sentence_conditions(doc, sent, inside, topics)
        # "Without that, there is nothing to discuss": the condition is the sentence before.
        first = next((t for t in sent if not t.is_punct and not t.is_space and t.i in inside), None)
        anaphor = _anaphoric_marker(doc, first, sents[n - 1]) if first is not None and n > 0 else None
        if anaphor is not None:
            kind, width = anaphor
            prev = sents[n - 1]
            before = [c for c in out if c.sent == prev.start]
            # The marker itself is part of the condition ("Without that"), and so is what it points back to.
            said = doc[first.i : first.i + width].text.lower()
            found.append(Condition(first.i, first.i + width, kind, said, sent.start, said))
            if before:
                found.extend(Condition(c.start, c.end, kind, "without that", sent.start) for c in before)
            else:
                toks = [t.i for t in prev if t.i in inside and not t.is_space]
                while toks and (doc[toks[-1]].is_punct or doc[toks[-1]].is_quote):
                    toks.pop()
                while toks and (doc[toks[0]].is_punct or doc[toks[0]].is_quote):
                    toks.pop(0)
                # One condition per stretch of content: a cue inside the sentence ('"They must
                # withdraw," she said, "and apologise."') is not part of what was said.
                run: list[int] = []
                for i in toks + [-2]:
                    if run and i != run[-1] + 1:
                        while run and (doc[run[-1]].is_punct or doc[run[-1]].is_quote):
                            run.pop()
                        if run:
                            found.append(
                                Condition(run[0], run[-1] + 1, kind, "the sentence before", sent.start)
                            )
                        run = []
                    run.append(i)
        out.extend(found)
    return out


_ANAPHORS = DEMONSTRATIVES | {"it"}


def _anaphoric_marker(doc: Doc, first: Token, prev: Span) -> tuple[str, int] | None:
    """A sentence opening that points back to a condition in the sentence before:
    ``Without that`` (negative), ``After that``, ``Only then``, ``Then, and only then`` (positive).
    Returns the kind and the marker's width in tokens."""
    words = [t.lower_ for t in doc[first.i : first.i + 5]]
    if words[:1] == ["without"] and len(words) > 1 and words[1] in _ANAPHORS:
        return "negative", 2
    if words[:1] == ["after"] and len(words) > 1 and words[1] in _ANAPHORS:
        return "positive", 2
    if words[:1] == ["otherwise"]:
        return "negative", 1  # "Release the fishermen first. Otherwise there is nothing to negotiate."
    if words[:1] == ["until"] and len(words) > 1 and words[1] in _ANAPHORS | {"then", "they"}:
        # "Until it does, we will not trade": the refusal lasts until what the sentence before asks.
        width = 2
        while width < len(words) and width < 4 and doc[first.i + width].pos_ in ("VERB", "AUX"):
            width += 1
        return "until", width
    if words[:2] == ["only", "then"]:
        return "positive", 2
    if words[:5] == ["then", ",", "and", "only", "then"]:
        return "positive", 5
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    # "Then we talk.": what the speaker's side will do (not "Then you will see why ...")
    if (
        words[:1] == ["then"]
        and nxt is not None
        and (nxt.lower_ in ("we", "i") or nxt.pos_ == "PROPN")
        and (
            any(t.lower_ == "first" and t.i == prev.start + lead_marks(prev) for t in prev[:3])
            or _imperative(prev)
        )
    ):
        return (
            "positive",
            1,
        )  # "First, the shelling stops. Then we talk.", "Let them pull back. Then we talk."
    if words[:1] == ["do"] and len(words) > 2 and words[1] in _ANAPHORS and words[2] in (",", "and"):
        return "positive", 2  # "Give the observers the run of the ridge. Do that, and we'll sign the truce."
    return None


def _sentence_conditions(doc: Doc, sent: Span, inside: set[int], topics: Topics) -> list[Condition]:
    taken: set[int] = set()
    out = _marker_conditions(doc, sent, inside, topics, taken)
    out.extend(_denied_pair(doc, sent, inside, taken))
    inverted = _inverted_condition(doc, sent, inside, taken)
    if inverted is not None:
        out.append(inverted)
        taken.update(range(inverted.start, inverted.end))
    out.extend(_predicate_conditions(doc, sent, inside, topics, taken))
    demand = ultimatum(doc, sent, inside)
    if demand is not None and not taken & set(range(*demand)):
        # "Tarsk had better stop its shelling, or ...": the demand is the condition of what follows
        out.append(Condition(demand[0], demand[1], "positive", "had better", sent.start, "better"))
    return out


def _marker_conditions(
    doc: Doc, sent: Span, inside: set[int], topics: Topics, taken: set[int]
) -> list[Condition]:
    """Clauses opened by a marker of :data:`MARKERS` ("only if", "as long as", "in exchange for"); the
    tokens they cover are added to ``taken``."""
    out: list[Condition] = []
    lowers = [t.lower_ for t in sent]
    for k, low in enumerate(lowers):
        if low not in _MARKERS_BY_FIRST or sent.start + k in taken or sent.start + k not in inside:
            continue
        tok = sent[k]
        for words, kind in _MARKERS_BY_FIRST[low]:
            if tuple(lowers[k : k + len(words)]) != words:
                continue
            last = doc[tok.i + len(words) - 1]
            to_the_comma = words == ("after",) and last.dep_ == "prep"  # its clause parsed as the phrase's
            if not marks_condition(tok, last, words, topics):
                if not opening_time_clause(doc, sent, tok, last, words):
                    continue
                to_the_comma = True  # the parse is broken; the clause runs to its comma
            if (
                words in CLAUSE_INITIAL
                and tok.i > sent.start
                and not doc[tok.i - 1].is_punct
                and doc[tok.i - 1].dep_ != "cc"
            ):
                continue
            end = (
                to_comma(doc, sent, last)
                if words in TO_COMMA or to_the_comma
                else clause_end(doc, sent, tok, last)
            )
            while end > last.i + 1 and end - 1 not in inside:
                # not into the speaker the parser hung on it: '..., Ostland's minister, Hilde Varga, said'
                end -= 1
            if end <= last.i + 1:
                continue
            start = (
                tok.i - 1
                if words[-3:] == ("as", "long", "as")
                and tok.i > sent.start
                and doc[tok.i - 1].lower_ == "for"
                else tok.i
            )  # "for as long as Velmora does"
            said = doc[tok.i : last.i + 1].text.lower()
            if words[-1] == "if" and _denied_clause(last):
                kind = "negative"  # "if our prisoners are not released, there will be no talks": an "unless"
            out.append(Condition(start, end, kind, " ".join(words), sent.start, said))
            taken.update(range(tok.i, end))
            break
    return out


def _denied_clause(mark: Token) -> bool:
    """The clause a marker opens is denied: "if they do not withdraw", "if the drills are not suspended";
    not an elliptical "If he does not, ...", which restates the other side of a condition just set."""
    verb = mark.head
    if verb.lemma_.lower() in ("do", "be", "have") and not any(
        c.dep_ in ("xcomp", "dobj", "acomp", "attr", "ccomp", "prep") for c in verb.children
    ):
        return False
    return mark.dep_ == "mark" and any(
        c.dep_ == "neg" or (c.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in c.children))
        for c in verb.children
    )


def _predicate_conditions(
    doc: Doc, sent: Span, inside: set[int], topics: Topics, taken: set[int]
) -> list[Condition]:
    """What a verb or an adjective of condition makes a condition: "Talks require a full withdrawal", "it
    depends on the ceasefire holding", "conditional on the return of its observers", "a credible vote would
    need 400 observers" (a requirement when a thing, not a person, needs it)."""
    out: list[Condition] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.i not in inside or tok.i in taken:
            continue
        on = None
        if lemma in topics.cue("condition_adjectives") and tok.pos_ == "ADJ":
            # "conditional on X": the "on" may hang on the adjective or on the copula after it
            near = [*tok.children, *(tok.head.children if tok.dep_ == "acomp" else ())]
            on = next(
                (c for c in near if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i > tok.i), None
            )
        if lemma == "require" and _stipulates(tok, topics):
            continue  # "The revised accord requires both armies to stay back": what the text says
        if (
            lemma in topics.cue("need_verbs")
            and tok.pos_ == "VERB"
            and _thing_needs(tok, topics)
            and any(c.tag_ == "MD" for c in tok.children)
        ):
            on = tok
        verb = tok.pos_ == "VERB" or (
            tok.tag_ == "NNS"
            and tok.dep_ in ("ccomp", "ROOT")  # '"hinges" tagged a noun
            and any(c.dep_ == "nsubj" for c in tok.children)
        )
        if (lemma in topics.cue("condition_verbs") and verb) or on is not None:
            end = max(tok.right_edge.i, on.right_edge.i if on is not None else 0) + 1
            while end - 1 > tok.i and (
                doc[end - 1].is_punct or doc[end - 1].is_space or end - 1 not in inside
            ):
                end -= 1
            if end > tok.i + 1:
                out.append(Condition(tok.i, end, "positive", tok.lemma_.lower(), sent.start, tok.lower_))
    return out


def _stipulates(verb: Token, topics: Topics) -> bool:
    """ "The revised accord requires both armies to stay back": a text that exists (``documents``) says what
    it says (not "any new deal requires a withdrawal", a requirement for one to come: ``prospective``)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        subj is not None
        and subj.lemma_.lower() in topics.cue("documents")
        and not any(c.tag_ == "MD" for c in verb.children)
        and any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "their", "our")
            for c in subj.children
        )
        and not any(c.lower_ in topics.cue("prospective") for c in subj.children)
    )


def lead_marks(sent: Span) -> int:
    """How many quotation marks (and spaces) open the sentence."""
    n = 0
    while n < len(sent) and (sent[n].is_quote or sent[n].is_space):
        n += 1
    return n


def _imperative(sent: Span) -> bool:
    """A sentence that asks for something: "Let them pull the tanks back.", "Give us the maps."."""
    root = sent.root
    return root.tag_ == "VB" and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in root.children)


def _thing_needs(verb: Token, topics: Topics) -> bool:
    """ "resuming negotiations would need an apology": the subject is a thing or an act (``acts``), so what it
    needs is a requirement; "Tarsk needs aid", "we need talks" are wants."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    if subj is None or not any(c.dep_ == "dobj" for c in verb.children):
        return False
    return subj.dep_ == "csubj" or subj.tag_ == "VBG" or subj.lemma_.lower() in topics.cue("acts")


def _denied_pair(doc: Doc, sent: Span, inside: set[int], taken: set[int]) -> list[Condition]:
    """ "No withdrawal, no deal": the first of two denied nouns side by side is the condition of the
    second."""
    out = []
    for tok in sent:
        if (
            tok.lower_ != "no"
            or tok.dep_ != "det"
            or tok.i not in inside
            or tok.i in taken
            or tok.head.i < tok.i
        ):
            continue
        noun = tok.head
        second = next(
            (
                c
                for c in noun.children
                if c.dep_ in ("appos", "conj")
                and c.i > noun.i
                and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
            ),
            None,
        )
        if second is not None and any(doc[k].text == "," for k in range(noun.i, second.i)):
            end = next(k for k in range(noun.i, second.i) if doc[k].text == ",")
            out.append(Condition(tok.i, end, "negative", "no ..., no", sent.start, tok.lower_))
    return out


def _inverted_condition(doc: Doc, sent: Span, inside: set[int], taken: set[int]) -> Condition | None:
    """ "Should Tarsk withdraw its gunboats, ...": a modal before its subject in an adverbial clause is an
    "if"."""
    for tok in sent:
        if tok.lower_ != "should" or tok.i not in inside or tok.i in taken:
            continue
        verb = tok.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        # (the parser may take a fronted one for the cue's complement: "Should Tarsk respond, Veldt said ...")
        fronted = verb.dep_ == "ccomp" and tok.i == verb.left_edge.i
        if (verb.dep_ == "advcl" or fronted) and subj is not None and tok.i < subj.i < verb.i:
            end = verb.right_edge.i
            while end > tok.i and (doc[end].is_punct or doc[end].is_space):
                end -= 1
            return Condition(tok.i, end + 1, "positive", "should", sent.start, tok.lower_)
    return None


def other_clause(doc: Doc, c: Condition, root: Token) -> bool:
    """Whether condition ``c`` belongs to a clause coordinated with the one of ``root``: in "would double its
    aid as soon as the truce held, and called for talks" the condition is not the talks'."""
    if c.sent != root.sent.start or not (root.sent.start <= c.start < root.sent.end):
        return False  # pointed back to from the next sentence: "Without that, ..."
    anchor = doc[c.start]
    while c.start <= anchor.i < c.end and anchor.head.i != anchor.i:
        anchor = anchor.head
    if c.start <= anchor.i < c.end:
        return False
    below, tok = None, root
    while tok.i != anchor.i and tok.head.i != tok.i:
        below, tok = tok, tok.head
    if tok.i != anchor.i:
        # "would underwrite the ballot, keep its flights running and, if asked, chair the talks": the
        # condition hangs on a verb coordinated with the mention's, not on one above it
        return (
            anchor.dep_ == "conj"
        )  # (the tagger may take the verb for a noun: "and, if asked, chair the talks")
    return below is not None and below.dep_ == "conj" and below.pos_ in ("VERB", "AUX")
