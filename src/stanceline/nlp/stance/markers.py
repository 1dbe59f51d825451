"""Markers of a condition clause and where the clause ends.

:data:`MARKERS` lists the words that open a condition ("only if", "as long as", "in exchange for",
"unless", "without" ...), longest first, with the kind of condition each opens; :func:`marks_condition`
says whether one does where it stands ("as if", "if need be", "asked if", "for as long as it takes",
"without preconditions", "For once" do not); :func:`clause_end` and :func:`to_comma` find where its
clause ends. Pure functions, used by :mod:`.conditions`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...config import Topics

# Markers of a conditional clause, longest first; "neg" ones hold when something does NOT happen.
MARKERS: tuple[tuple[tuple[str, ...], str], ...] = (
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
    (("supposing",), "positive"),
    (("in", "case"), "positive"),
    (("upon",), "positive"),
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
    (("whenever",), "positive"),
    (("unless", "and", "until"), "negative"),
    (("after",), "positive"),
    (("unless",), "negative"),
    (("until",), "until"),
    (("without",), "negative"),
)


# Markers whose condition runs to the next comma: "subject to a Concord audit of the contractors, ...",
# "Failing a credible census, ...", "on one condition: that ...".
TO_COMMA = frozenset(
    {
        ("subject", "to"),
        ("only", "with"),
        ("assuming",),
        ("failing",),
        ("on", "one", "condition"),
        ("on", "the", "condition"),
        ("upon",),
    }
)
# Markers that open a condition only at the start of a clause (after a comma or the sentence start):
# not "banks subject to sanctions", "a plan failing its test", "assuming office".
CLAUSE_INITIAL = frozenset(
    {
        ("subject", "to"),
        ("assuming",),
        ("supposing",),
        ("failing",),
        ("not", "before"),
        ("in", "case"),
        ("upon",),
    }
)
# Words that make "without" an adverb of manner: "without fail", "without exception", "without question".
WITHOUT_IDIOMS = frozenset({"fail", "exception", "question", "doubt"})
# Entity labels and adverbs of a time: "until yesterday", "until next spring" say how long.
TIMES = frozenset({"DATE", "TIME"})
TIME_ADVERBS = frozenset({"now", "then", "today", "yesterday", "tomorrow", "recently", "lately"})
# Verb tags of a clause that looks back: "when the talks began", "the day the tank rolled in".
PAST = frozenset({"VBD", "VBN"})


def marks_condition(first: Token, last: Token, words: tuple[str, ...], topics: Topics) -> bool:
    """Whether the marker ``words`` (from ``first`` to ``last``) opens a condition here."""
    w = words[-1]
    if words == ("upon",):
        # "Upon the withdrawal of the last unit, the signing will go ahead": a phrase opening the sentence
        # before a main clause that looks ahead; not "upon arrival, she said ..."
        main = first.head
        return first.i == first.sent.start + _lead(first.sent) and (
            any(c.tag_ == "MD" for c in main.children) or present(main)
        )
    if first.i > 0 and first.doc[first.i - 1].lower_ == "even":
        return (
            False  # "even if they begged, ...", "even supposing ...": a concession, the main clause decides
        )
    if (
        words[-3:] == ("as", "long", "as")
        and first.i > 0
        and first.doc[first.i - 1].lower_ == "for"
        and not _reciprocal(last)
    ):
        return False  # "for as long as it takes", "for as long as the roads are cut": how long, not terms
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
    if w == "until" and last.dep_ == "prep":
        # "until yesterday", "until next spring": a time, how long, not a term to be met
        obj = next((c for c in last.children if c.dep_ == "pobj"), None)
        return obj is None or not (obj.ent_type_ in TIMES or obj.lower_ in TIME_ADVERBS)
    if w == "once":
        # "For once", "she once championed": an adverb of time, not a conjunction.
        return last.dep_ == "mark" or (last.pos_ == "SCONJ")
    if w in ("when", "whenever"):
        # "when" opening a clause that conditions a future, modal or present main clause ("when they
        # withdraw, we are ready to talk"); not a time in the past ("when the talks began, ...").
        before = first.doc[first.i - 1] if first.i > 0 else None
        if before is not None and before.lemma_.lower() in topics.cue("question_verbs"):
            return False  # "who decides when the sanctions end?": an embedded question
        return (
            last.dep_ in ("advmod", "mark")
            and last.head.dep_ == "advcl"
            and looks_ahead(last.head.head, last.head)
        )
    if w in ("moment", "day"):
        # "the moment our soldiers' safety is guaranteed": a clause hangs on the noun, and the
        # main clause looks ahead ("would welcome"); "died the day the tank rolled in" is no condition.
        # The parser may take it for an object ("slap sanctions on Tarskan shipping the moment ...").
        clause = next((c for c in last.children if c.dep_ in ("relcl", "acl")), None)
        return (
            last.dep_ in ("npadvmod", "advmod", "dobj")
            and clause is not None
            and (
                any(c.tag_ == "MD" for v in (last.head, *last.head.ancestors) for c in v.children)
                or looks_ahead(last.head, clause)
            )
        )
    return True


def looks_ahead(main: Token, clause: Token) -> bool:
    """Whether a main clause looks ahead of a time clause: a modal on it ("we will return to the talks once
    ..."), or both in the present ("the moment the embargo goes, our door is open"), not in the past."""
    if any(c.tag_ == "MD" for c in main.children):
        return True
    if not present(main):
        return False
    # the time clause's finite form: "when they have withdrawn" looks ahead, "when the talks began" back
    finite = next((c for c in clause.children if c.dep_ in ("aux", "auxpass") and c.i < clause.i), clause)
    return finite.tag_ not in PAST


def present(main: Token) -> bool:
    """A main clause in the present, not a question: "our door is open", "the signing is expected to
    move forward" (its first auxiliary, or the verb itself, is a present form; an imperative is not)."""
    if any(t.text == "?" for t in main.sent):
        return False  # a question asks about the time: "who decides when the sanctions end?"
    finite = next((c for c in main.children if c.dep_ in ("aux", "auxpass") and c.i < main.i), main)
    return finite.tag_ in ("VBZ", "VBP")


def _lead(sent: Span) -> int:
    n = 0
    while n < len(sent) and (sent[n].is_quote or sent[n].is_space):
        n += 1
    return n


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
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if nxt is not None and nxt.lower_ in WITHOUT_IDIOMS:
        return False  # "will obtain without fail results ...": a manner, not a term
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


def opening_time_clause(doc: Doc, sent: Span, first: Token, last: Token, words: tuple[str, ...]) -> bool:
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
        or (sent.root.i > comma and looks_ahead(sent.root, doc[last.i + 1]))
        or (comma + 1 < sent.end and doc[comma + 1].lower_ == "then")
    )


def _after_clause(after: Token) -> bool:
    """ "after the last tank has left the valley" parsed as a phrase: a finite verb follows before the
    comma."""
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
    """ "for as long as Velmora does", "for as long as no patrol boat puts out": a term another party keeps
    (a condition); not "for as long as it takes", "as the roads are cut" or "as she was prime minister"
    (how long)."""
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
    """ "touching, if a little late", "a fair offer, if belated": an "if" that concedes, between an adjective
    and a verbless phrase."""
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


def clause_end(doc: Doc, sent: Span, first: Token, last: Token) -> int:
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
    return any(words[: len(m)] == m for m, _ in MARKERS if m[0] not in ("the", "when", "without"))


def to_comma(doc: Doc, sent: Span, last: Token) -> int:
    k = last.i + 1
    while (
        k < sent.end and doc[k].text not in (",", ";", "—", "–") and not (doc[k].is_quote and k > last.i + 1)
    ):
        k += 1
    while k - 1 > last.i and (doc[k - 1].is_punct or doc[k - 1].is_space):
        k -= 1
    return k
