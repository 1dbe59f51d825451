"""Questions in what was said: a real one takes no side, a rhetorical one denies ("Who would trust
them?", "How do you sit across a table from ...?", "What is a ballot worth ...?", "Are we really going to
...?"), and one the speaker answers at once is an assertion ("Would we sit down with them? We would not.").
Also what else holds for a whole sentence of a statement: its hedge phrases and its conditions. Pure
functions, used by :mod:`.signals` and :mod:`.frames`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...config import Topics
from .conditions import Condition, lead_marks
from .grammar import SUBJECT


@dataclass(frozen=True)
class SentenceFacts:
    question: bool
    rhetorical: bool
    answer: int
    hedges: tuple[str, ...]
    conditions: tuple[Condition, ...]
    answer_words: str = ""  # the words of the answer: "of course not", "we would not", "yes"


def sentence_facts(
    sent: Span, conditions: list[Condition], topics: Topics, inside: set[int]
) -> SentenceFacts:
    """What holds for a whole sentence: a question, a rhetorical one, hedge phrases, its conditions."""
    text = sent.text
    low = text.lower()
    # '"What is a ballot worth?" asked the monitor.': the content's part of the sentence ends in "?"
    said = [t for t in sent if t.i in inside and not (t.is_quote or t.is_space)]
    question = text.rstrip().rstrip("\"'”’").endswith("?") or bool(said and said[-1].text == "?")
    answered, words = answer(sent, topics) if question else (0, "")
    question = question and not answered  # a question the speaker answers is an assertion
    return SentenceFacts(
        question,
        question and (rhetorical(sent, topics) or rhetorical_why(sent)),
        answered,
        tuple(p for p in topics.cue("hedge_phrases") if p in low),
        tuple(c for c in conditions if c.sent == sent.start),
        words,
    )


def rhetorical(sent: Span, topics: Topics) -> bool:
    """A question whose subject is "who" or "what" over a modal verb: "Who would trust them?", "How can
    anyone talk about free elections ...?"; or "anyone" doubting in earnest: "Does anyone in this room
    seriously believe ...?"."""
    return (
        any(
            (
                t.lower_ in ("who", "what")
                or (t.lower_ in ("anyone", "anybody") and any(w.lower_ == "how" for w in sent))
            )
            and t.dep_ in SUBJECT
            and any(c.tag_ == "MD" for c in t.head.children)
            for t in sent
        )
        or any(
            t.lower_ in ("anyone", "anybody", "who")
            and t.dep_ in SUBJECT
            and any(c.lower_ in topics.cue("earnest_adverbs") for c in t.head.children)
            for t in sent
        )
        or any(
            # "Who turns away relief when the water is at the window?": "who" over a verb of the present that
            # asks to deny ("Who wants a war?", not "Who decides ...?")
            t.lower_ == "who"
            and t.dep_ == "nsubj"
            and t.i == sent.start + lead_marks(sent)
            and t.head.tag_ in ("VBZ", "VBP")
            and t.head.pos_ == "VERB"
            and t.head.lemma_.lower() in topics.cue("who_denies")
            for t in sent
        )
        or _how_can_you(sent)
        or _worth(sent)
        or _really(sent, topics)
    )


def _worth(sent: Span) -> bool:
    """ "What is a ballot worth in a camp where half the names are missing?": what it is worth is nothing."""
    k = lead_marks(sent)
    words = [t.lower_ for t in sent[k:]]
    # (something must follow "worth": "What is the aid package worth?" may be a real question)
    return (
        words[:1] == ["what"]
        and len(words) > 2
        and words[1] in ("is", "are", "was", "were")
        and "worth" in words
        and words.index("worth") + 1 < len(words)
        and words[words.index("worth") + 1] not in ("?", "to")
    )


def _really(sent: Span, topics: Topics) -> bool:
    """ "Are we really going to stop the relief convoys over a quarrel about paperwork?": a yes-or-no question
    whose "really" expects no."""
    k = lead_marks(sent)
    first = sent[k] if k < len(sent) else None
    return (
        first is not None
        and first.tag_ in ("VBP", "VBZ", "VBD", "MD")
        and first.pos_ == "AUX"
        and any(t.lower_ == "really" and t.dep_ == "advmod" for t in sent)
        and any(t.lower_ in topics.cue("expectation_verbs") for t in sent)
    )  # "Are we really going to ...?"


def _how_can_you(sent: Span) -> bool:
    """ "How do you sit across a table from people who ...?", "How can we trust them?": "how" opening a
    question about what "you", "we" or "anyone" can or do do."""
    k = lead_marks(sent)
    words = [t.lower_ for t in sent[k : k + 3]]
    return (
        len(words) == 3
        and words[0] == "how"
        and words[1] in ("do", "can", "could", "would", "should")
        and words[2] in ("you", "anyone", "anybody", "one")
    )  # (not "How can we help ...?")


def rhetorical_why(sent: Span) -> bool:
    """ "Why would we negotiate with them?": "why" over a modal verb."""
    return any(
        t.lower_ == "why" and t.dep_ == "advmod" and any(c.tag_ == "MD" for c in t.head.children)
        for t in sent
    )


_ECHO = frozenset({"we", "i", "they", "do", "did", "does", "will", "would", "are", "is", "not", "n't"})


def answer(sent: Span, topics: Topics) -> tuple[int, str]:
    """A question the speaker answers at once: "Do we want this war to end? Of course we do." (+1), "Are we
    against trade? Of course not." (-1); an answer echoing the question's auxiliary ("Would we sit down with
    them? We would not.") is +2 or -2; 0 when no short answer follows. With the answer's words."""
    doc = sent.doc
    if sent.end >= len(doc):
        return 0, ""
    nxt = doc[sent.end].sent
    for t in nxt:  # "Does Velmora still want the talks? Ardell said the answer was yes."
        if (
            t.lemma_.lower() == "answer"
            and t.dep_ in ("nsubj", "nsubjpass")
            and t.head.lemma_.lower() == "be"
        ):
            said = next(
                (
                    c.lower_
                    for c in t.head.children
                    if c.dep_ in ("attr", "acomp", "intj", "advmod") and c.lower_ in ("yes", "no")
                ),
                None,
            )
            if said:
                return (1 if said == "yes" else -1), said
    said = short_answer(list(nxt), topics)
    return said, answer_words(list(nxt)) if said else ""


def _opening(tokens: list[Token]) -> list[Token]:
    """The words that open ``tokens``, up to the first punctuation (quotation marks skipped)."""
    toks: list[Token] = []
    for t in tokens:
        if t.is_quote or t.is_space:
            continue
        if t.is_punct:
            break
        toks.append(t)
    return toks


def answer_words(tokens: list[Token]) -> str:
    """The words of the short answer that opens ``tokens`` ("of course not")."""
    return " ".join(t.lower_ for t in _opening(tokens))


def short_answer(tokens: list[Token], topics: Topics) -> int:
    """The answer that opens ``tokens``, up to its first punctuation: "No." / "Not this year." (-1), "Yes" /
    "In a heartbeat" (+1), "We would not" (-2) / "We would" (+2), anything longer than four words (0)."""
    toks = _opening(tokens)
    words = [t.lower_ for t in toks]
    if not words or len(words) > 4:
        return 0
    # The whole answer ("No." / "Not this year." / "Of course we do."), not an opening ("No one can say").
    for k in (3, 2, 1):
        head, rest = " ".join(words[:k]), words[k:]
        if all(w in _ECHO for w in rest):
            if head in topics.cue("no_answers"):
                return -1
            if head in topics.cue("yes_answers"):
                return 1
    # "Would we sit across a table from them? We would not." -- an echo of the question's auxiliary
    if (
        len(toks) >= 2
        and toks[0].pos_ == "PRON"
        and toks[1].tag_ in ("MD", "VBP", "VBZ", "VBD")
        and toks[1].pos_ in ("AUX", "VERB")
        and all(t.pos_ in ("AUX", "PART", "ADV") for t in toks[1:])
    ):
        if toks[1].lower_ in ("might", "could", "may"):
            return 0  # "We might.": a hedge, not an answer
        return -2 if any(t.dep_ == "neg" or t.lower_ in ("not", "n't", "never") for t in toks[2:]) else 2
    return 0
