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


@dataclass(slots=True)
class Condition:
    start: int  # token index of the first word (marker included)
    end: int  # token index after the last word
    kind: str  # "positive" (if, once ...), "negative" (unless, without that) or "until"
    #                     (a term that ends a refusal: "we will not trade until they pay")
    marker: str  # the kind of marker ("as long as", "require", "the sentence before"), for the rules
    sent: int  # sentence start token of the clause it conditions
    words: str = ""  # the marker as the text writes it ("as long as", "requires"); "" when it has none


# Markers of a conditional clause, longest first; "neg" ones hold when something does NOT happen.
_MARKERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("if", ",", "and", "only", "if"), "positive"),
    (("on", "the", "condition", "that"), "positive"),
    (("on", "the", "proviso", "that"), "positive"),
    (("with", "the", "proviso", "that"), "positive"),
    (("on", "the", "understanding", "that"), "positive"),
    (("in", "the", "event", "that"), "positive"),
    (("in", "the", "event", "of"), "positive"),
    (("on", "one", "condition"), "positive"),
    (("on", "the", "condition"), "positive"),
    (("subject", "to"), "positive"),
    (("only", "with"), "positive"),
    (("not", "before"), "positive"),
    (("assuming",), "positive"),
    (("failing",), "negative"),
    (("on", "condition", "that"), "positive"),
    (("only", "as", "long", "as"), "positive"),
    (("as", "long", "as"), "positive"),
    (("so", "long", "as"), "positive"),
    (("as", "soon", "as"), "positive"),
    (("in", "exchange", "for"), "positive"),
    (("in", "return", "for"), "positive"),
    (("provided", "that"), "positive"),
    (("providing", "that"), "positive"),
    (("only", "if"), "positive"),
    (("only", "once"), "positive"),
    (("only", "when"), "positive"),
    (("only", "after"), "positive"),
    (("only", "because"), "positive"),
    (("the", "moment"), "positive"),
    (("the", "day"), "positive"),
    (("provided",), "positive"),
    (("providing",), "positive"),
    (("if",), "positive"),
    (("once",), "positive"),
    (("when",), "positive"),
    (("unless", "and", "until"), "negative"),
    (("after",), "positive"),
    (("unless",), "negative"),
    (("until",), "until"),
    (("without",), "negative"),
)


# Markers whose condition runs to the next comma: "subject to a Concord audit of the contractors, ...",
# "Failing a credible census, ...", "on one condition: that ...".
_TO_COMMA = frozenset(
    {
        ("subject", "to"),
        ("only", "with"),
        ("assuming",),
        ("failing",),
        ("on", "one", "condition"),
        ("on", "the", "condition"),
    }
)
# Markers that open a condition only at the start of a clause (after a comma or the sentence start):
# not "banks subject to sanctions", "a plan failing its test", "assuming office".
_CLAUSE_INITIAL = frozenset({("subject", "to"), ("assuming",), ("failing",), ("not", "before")})


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
    return out


def _marker_conditions(
    doc: Doc, sent: Span, inside: set[int], topics: Topics, taken: set[int]
) -> list[Condition]:
    """Clauses opened by a marker of :data:`_MARKERS` ("only if", "as long as", "in exchange for"); the
    tokens they cover are added to ``taken``."""
    out: list[Condition] = []
    lowers = [t.lower_ for t in sent]
    for k, tok in enumerate(sent):
        if tok.i in taken or tok.i not in inside:
            continue
        for words, kind in _MARKERS:
            if tuple(lowers[k : k + len(words)]) != words:
                continue
            last = doc[tok.i + len(words) - 1]
            to_comma = words == ("after",) and last.dep_ == "prep"  # its clause parsed as the phrase's
            if not _is_condition_marker(tok, last, words, topics):
                if not _opening_time_clause(doc, sent, tok, last, words):
                    continue
                to_comma = True  # the parse is broken; the clause runs to its comma
            if (
                words in _CLAUSE_INITIAL
                and tok.i > sent.start
                and not doc[tok.i - 1].is_punct
                and doc[tok.i - 1].dep_ != "cc"
            ):
                continue
            end = (
                _to_comma(doc, sent, last)
                if words in _TO_COMMA or to_comma
                else _clause_end(doc, sent, tok, last)
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
            out.append(Condition(start, end, kind, " ".join(words), sent.start, said))
            taken.update(range(tok.i, end))
            break
    return out


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


def _to_comma(doc: Doc, sent: Span, last: Token) -> int:
    k = last.i + 1
    while (
        k < sent.end and doc[k].text not in (",", ";", "—", "–") and not (doc[k].is_quote and k > last.i + 1)
    ):
        k += 1
    while k - 1 > last.i and (doc[k - 1].is_punct or doc[k - 1].is_space):
        k -= 1
    return k


def _denied_pair(doc: Doc, sent: Span, inside: set[int], taken: set[int]) -> list[Condition]:
    """ "No withdrawal, no deal": the first of two denied nouns side by side is the condition of the second."""
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
    """ "Should Tarsk withdraw its gunboats, ...": a modal before its subject in an adverbial clause is an "if"."""
    for tok in sent:
        if tok.lower_ != "should" or tok.i not in inside or tok.i in taken:
            continue
        verb = tok.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if verb.dep_ == "advcl" and subj is not None and tok.i < subj.i < verb.i:
            end = verb.right_edge.i
            while end > tok.i and (doc[end].is_punct or doc[end].is_space):
                end -= 1
            return Condition(tok.i, end + 1, "positive", "should", sent.start, tok.lower_)
    return None


def _is_condition_marker(first: Token, last: Token, words: tuple[str, ...], topics: Topics) -> bool:
    """Whether the marker ``words`` (from ``first`` to ``last``) opens a condition here."""
    w = words[-1]
    if (
        words[-3:] == ("as", "long", "as")
        and first.i > 0
        and first.doc[first.i - 1].lower_ == "for"
        and not _reciprocal(last)
    ):
        return False  # "for as long as it takes", "for as long as the roads are cut": how long, not on what terms
    if (
        w == "as"
        and last.i + 2 < len(first.doc)
        and first.doc[last.i + 1].lower_ == "it"
        and first.doc[last.i + 2].lemma_ == "take"
    ):
        return False  # "as long as it takes" is no condition
    if words == ("after",):
        # "The border will reopen after the last tank has left": a clause with its own verb before a main
        # clause that looks ahead; not "after talks in Halden", not a past "after".
        clause = last.head
        if last.dep_ == "mark":
            return (
                clause.dep_ == "advcl"
                and clause.pos_ in ("VERB", "AUX")
                and any(c.tag_ == "MD" for c in clause.head.children)
            )
        return last.dep_ == "prep" and any(c.tag_ == "MD" for c in clause.children) and _after_clause(last)
    if w in ("if", "unless", "provided", "providing", "that", "as", "for", "because", "after", "of"):
        return w != "if" or _conditional_if(first, last, topics)
    if w == "without":
        return _conditional_without(last, topics)
    if w == "once":
        # "For once", "she once championed": an adverb of time, not a conjunction.
        return last.dep_ == "mark" or (last.pos_ == "SCONJ")
    if w == "when":
        # "when" opening a clause that conditions a future or modal main clause.
        return (
            last.dep_ in ("advmod", "mark")
            and last.head.dep_ == "advcl"
            and any(c.tag_ == "MD" for c in last.head.head.children)
        )
    if w in ("moment", "day"):
        # "the moment our soldiers' safety is guaranteed": a clause hangs on the noun, and the
        # main clause looks ahead ("would welcome"); "died the day the tank rolled in" is no condition.
        # The parser may take it for an object ("slap sanctions on Tarskan shipping the moment ...").
        return (
            last.dep_ in ("npadvmod", "advmod", "dobj")
            and any(c.dep_ in ("relcl", "acl") for c in last.children)
            and any(c.tag_ == "MD" for v in (last.head, *last.head.ancestors) for c in v.children)
        )
    return True


def _conditional_if(first: Token, last: Token, topics: Topics) -> bool:
    """An "if" that opens a condition: not "as if", "even if", "what if"; not a concession ("touching, if a
    little late"), "if need be", "if any"; not an indirect question ("asked if", ``question_verbs``)."""
    doc = first.doc
    if first.i > 0 and doc[first.i - 1].lower_ in ("as", "even", "what", "ask", "whether"):
        return False
    if (
        _concessive(first)
        or [t.lower_ for t in doc[last.i + 1 : last.i + 3]] == ["need", "be"]
        or [t.lower_ for t in doc[last.i + 1 : last.i + 2]] in (["any"], ["so"], ["not"])
    ):
        return False
    return not (
        last.dep_ not in ("mark", "advmod", "prep", "cc", "dep")
        and last.head.pos_ == "VERB"
        and last.head.lemma_.lower() in topics.cue("question_verbs")
    )


def _conditional_without(last: Token, topics: Topics) -> bool:
    """ "No talks without an apology"; not "without preconditions" (``free_of``), not the anaphoric "Without
    that", not a bare abstract noun of manner ("without reservation"), not in a past report ("the talks
    ended without a statement")."""
    obj = next((c for c in last.children if c.dep_ == "pobj"), None)
    if (
        obj is None
        or obj.lemma_.lower() in topics.cue("free_of")
        or obj.lemma_.lower() in ("that", "this")
        or (obj.is_stop and obj.lower_ not in ("us", "them", "him", "her", "me"))
    ):  # "No deal without us"
        return False
    if obj.tag_ == "NN" and all(
        c.dep_ in ("cc", "conj") and c.tag_ in ("CC", "NN") and not any(True for _ in c.children)
        for c in obj.children
    ):
        return (
            False  # bare abstract nouns are a manner: "without reservation (or delay)", "without hesitation"
        )
    return not _past_report(last.head)  # "the talks ended without a statement" reports what happened


def _opening_time_clause(doc: Doc, sent: Span, first: Token, last: Token, words: tuple[str, ...]) -> bool:
    """ "When the guns have been silent for a month, then ... will the border reopen", "The day Tarsk pulls
    back, the convoys will be rolling": a "when" or "the day" clause opening the sentence, closed by a
    comma, before a main clause that looks ahead (a modal), however the parser hung the pieces."""
    if words not in (("when",), ("the", "day"), ("the", "moment")):
        return False
    k = first.i - 1
    while k >= sent.start and (doc[k].is_punct or doc[k].is_space):
        k -= 1
    if k >= sent.start:
        return False
    comma = next((t.i for t in doc[last.i + 1 : sent.end] if t.text == ","), None)
    return comma is not None and (
        any(t.tag_ == "MD" for t in doc[comma : sent.end])
        or (comma + 1 < sent.end and doc[comma + 1].lower_ == "then")
    )


def _after_clause(after: Token) -> bool:
    """ "after the last tank has left the valley" parsed as a phrase: a finite verb follows before the comma."""
    for t in after.doc[after.i + 1 : after.sent.end]:
        if t.text in (",", ";") or t.is_quote:
            return False
        if t.pos_ in ("VERB", "AUX") and (
            t.tag_ in ("VBZ", "VBD", "VBP")
            or any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in t.children)
        ):
            return True
    return False


def _reciprocal(last: Token) -> bool:
    """ "for as long as Velmora does", "for as long as no patrol boat puts out": a term another party keeps (a
    condition); not "for as long as it takes", "as the roads are cut" or "as she was prime minister" (how long)."""
    clause = last.head
    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return (
        clause.pos_ in ("VERB", "AUX")
        and subj is not None
        and (
            subj.pos_ == "PROPN"
            or any(
                c.dep_ in ("compound", "amod", "poss") and c.pos_ in ("PROPN", "ADJ") and c.text[:1].isupper()
                for c in subj.children
            )
        )
    )


def _concessive(first: Token) -> bool:
    """ "touching, if a little late", "a fair offer, if belated": an "if" that concedes, between an adjective and
    a verbless phrase."""
    doc = first.doc
    if first.i < 2 or doc[first.i - 1].text != "," or doc[first.i - 2].pos_ not in ("ADJ", "ADV"):
        return False
    for t in doc[first.i + 1 :]:
        if t.is_punct or t.is_quote:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return True


def _past_report(verb: Token) -> bool:
    """A verb in the past indicative with no modal and no negation: what happened, not a position."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    kids = list(verb.children)
    if any(c.tag_ == "MD" or c.dep_ == "neg" for c in kids):
        return False
    return verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and any(c.lower_ in ("had", "has", "have", "was", "were") for c in kids)
    )  # "the accord that was written"


def _clause_end(doc: Doc, sent: Span, first: Token, last: Token) -> int:
    """Token index after the condition clause that ``first..last`` opens."""
    if last.lower_ in ("moment", "day"):
        edge = last.right_edge.i
    elif last.dep_ == "prep" and last.head.i > last.i and any(c.dep_ == "pobj" for c in last.children):
        edge = (
            last.right_edge.i
        )  # "Without a ceasefire, there will be no elections": the phrase, not its head
    elif last.lower_ in ("for", "that") and last.dep_ in ("prep",):
        edge = last.right_edge.i
    elif last.dep_ == "advcl" and last.head.i > last.i and last.right_edge.i > last.i:
        edge = (
            last.right_edge.i
        )  # "Provided the Senate signs off, we are ready": the marker parsed as the clause's verb
    else:
        head = last.head
        # The clause verb the marker hangs on; if it lies before the marker, take the marker's own subtree.
        if head.i > last.i:
            edge = head.right_edge.i
        else:
            after = [t for t in doc[last.i + 1 : sent.end] if t.head.i == head.i or t.head.i == last.i]
            edge = max((t.right_edge.i for t in after), default=last.right_edge.i)
            if head.i < first.i and head.dep_ == "ROOT" and edge >= sent.end - 1:
                edge = sent.end - 1
    edge = min(edge, sent.end - 1)
    if not any(doc[k].pos_ in ("VERB", "AUX") for k in range(last.i + 1, edge + 1)):
        # The parse hung the clause elsewhere ("as long as not a crown of it reached the army"):
        # run to the next clause boundary instead.
        k = last.i + 1
        while k < sent.end and doc[k].text not in (",", ";", "—", "–"):
            k += 1
        edge = k - 1
    for k in range(last.i + 1, edge + 1):
        if doc[k].text == ";" or (doc[k].lower_ in ("and", "or") and _opens_condition(doc, k + 1)):
            edge = k - 1  # "only if X, and only once Y": two conditions, each with its marker
            break
    while edge > last.i and (doc[edge].is_punct or doc[edge].is_space or doc[edge].dep_ == "cc"):
        edge -= 1
    if (
        edge + 1 < sent.end
        and doc[edge + 1].is_quote
        and sum(doc[k].is_quote and not _apostrophe(doc[k]) for k in range(first.i, edge + 1)) % 2
    ):
        edge += (
            1  # the quotation opened inside the condition closes with it: 'in exchange for "a withdrawal"'
        )
    return edge + 1


def _apostrophe(tok: Token) -> bool:
    """The possessive mark of a plural ("our soldiers’ safety"), not a quotation mark."""
    return (
        tok.text in ("'", "’")
        and tok.i > 0
        and not tok.nbor(-1).whitespace_
        and tok.nbor(-1).lower_.endswith("s")
        and bool(tok.whitespace_)
    )


def _opens_condition(doc: Doc, i: int) -> bool:
    words = tuple(t.lower_ for t in doc[i : i + 4])
    return any(words[: len(m)] == m for m, _ in _MARKERS if m[0] not in ("the", "when", "without"))


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
