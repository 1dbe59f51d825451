"""Topic mentions: the topic words and phrases of ``data/topics.toml`` found in a Doc.

:class:`TopicMatcher` is built once per vocabulary (lemmas, ``lemma:POS``, phrases, Matcher patterns,
exclusions); a :class:`Mention` is one topic word or phrase; :func:`target` is its span with its left
modifiers; :func:`pronoun_topics` lets "it" and "they" take the topic of the noun they point back to.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from ...config import Topics
from ..columns import strings_of
from .grammar import COPULAS
from .polarity import NP_LEFT


@dataclass(frozen=True, slots=True)
class Mention:
    """A topic word or phrase in the Doc: tokens ``start..end``."""

    topic: str
    start: int
    end: int
    head: int  # the index of the root token (of a phrase: its syntactic head)

    def root(self, doc: Doc) -> Token:
        return doc[self.head]


class Mentions(list[Mention]):
    """The Doc's mentions (a list, in the matcher's order) with an index by head token, so that a statement
    looks up the few mentions among its own tokens instead of scanning every mention of a long article."""

    def __init__(self, items: Iterable[Mention] = ()) -> None:
        super().__init__(items)
        self.by_head: list[tuple[int, int]] | None = None  # (head, position in the list), sorted
        self.heads: list[int] = []
        self.topic_heads: dict[str, frozenset[int]] = {}

    def between(self, lo: int, hi: int) -> list[Mention]:
        """The mentions whose head is token ``lo`` .. ``hi - 1``, in the list's order."""
        if self.by_head is None:
            self.by_head = sorted((m.head, k) for k, m in enumerate(self))
            self.heads = [h for h, _ in self.by_head]
        a, b = bisect_left(self.heads, lo), bisect_left(self.heads, hi)
        return [self[k] for k in sorted(k for _, k in self.by_head[a:b])]

    def heads_of(self, topic: str) -> frozenset[int]:
        """The head tokens of the mentions of ``topic``."""
        if topic not in self.topic_heads:
            self.topic_heads[topic] = frozenset(m.head for m in self if m.topic == topic)
        return self.topic_heads[topic]


class TopicMatcher:
    """Finds topic mentions in a Doc; built once per vocabulary and spaCy vocab."""

    def __init__(self, nlp, topics: Topics) -> None:
        vocab = nlp.vocab
        self.topics = topics
        self.matcher = Matcher(vocab)
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.excluded = PhraseMatcher(vocab, attr="LOWER")
        self.lemma_any: dict[str, list[str]] = {}
        self.lemma_pos: dict[tuple[str, str], list[str]] = {}
        for topic in topics.topics.values():
            for entry in topic.lemmas:
                lemma, _, pos = entry.partition(":")
                if pos:
                    self.lemma_pos.setdefault((lemma, pos.upper()), []).append(topic.name)
                else:
                    self.lemma_any.setdefault(lemma, []).append(topic.name)
            if topic.patterns:
                self.matcher.add(topic.name, [list(p) for p in topic.patterns])
            if topic.phrases:
                self.phrases.add(topic.name, [nlp.make_doc(p) for p in topic.phrases])
            if topic.exclude:
                self.excluded.add(topic.name, [nlp.make_doc(p) for p in topic.exclude])

    def __call__(self, doc: Doc) -> list[Mention]:
        """Return the topic mentions of ``doc``, longest first where two of a topic overlap."""
        found: list[Mention] = []
        # the words' columns, not a Token per word; each distinct lemma lower-cased once
        lemmas = strings_of(doc, "LEMMA")
        lowered = {lemma: lemma.lower() for lemma in set(lemmas)}
        for i, (lemma, lower, pos) in enumerate(
            zip(lemmas, strings_of(doc, "LOWER"), strings_of(doc, "POS"), strict=True)
        ):
            lemma = lowered[lemma]
            names = self.lemma_any.get(lemma) or self.lemma_any.get(lower) or ()
            names = [*names, *self.lemma_pos.get((lemma, pos), ())]
            for name in names:
                found.append(Mention(name, i, i + 1, i))
        vocab = doc.vocab.strings
        for match_id, start, end in [*self.matcher(doc), *self.phrases(doc)]:
            found.append(Mention(vocab[match_id], start, end, doc[start:end].root.i))
        blocked = {(vocab[m], i) for m, s, e in self.excluded(doc) for i in range(s, e)}
        found = [m for m in found if (m.topic, m.head) not in blocked]
        found.sort(key=lambda m: (m.topic, m.start, -(m.end - m.start)))
        out: list[Mention] = []
        for m in found:
            if out and out[-1].topic == m.topic and m.start < out[-1].end:
                continue  # inside a longer mention of the same topic
            out.append(m)
        # A word inside a longer phrase of another topic is that phrase's: "the trade talks" is trade. The
        # phrases are indexed by the tokens they cover (a few each), not compared with every other mention.
        covering: dict[int, list[Mention]] = {}
        for n in out:
            if n.end - n.start > 1:
                for i in range(n.start, n.end):
                    covering.setdefault(i, []).append(n)
        return [
            m
            for m in out
            if not any(
                n.topic != m.topic and n.end - n.start > max(1, m.end - m.start) and m.end <= n.end
                for n in covering.get(m.start, ())
                if n.start <= m.start
            )
        ]


def target(doc: Doc, m: Mention) -> tuple[int, int]:
    """The mention with its determiners and modifiers on the left: ``the Halden Accord``, ``direct talks``."""
    start = m.start
    root = m.root(doc)
    if root.pos_ in ("NOUN", "PROPN"):
        for c in root.lefts:
            if (
                c.dep_ in NP_LEFT
                and c.i < start
                and all(doc[k].dep_ in NP_LEFT or doc[k].head.i != root.i for k in range(c.i, start))
            ):
                start = c.i
                break
    end_tok = doc[m.end - 1]
    return (doc[start].idx, end_tok.idx + len(end_tok))


#: How many words back a pronoun looks for the noun it stands for.
PRONOUN_REACH = 60

_PRONOUNS = {"it": False, "they": True, "them": True}  # plural?


def pronoun_topics(doc: Doc, inside: set[int], topic_roots: dict[int, str]) -> list[tuple[str, int, int]]:
    """Pronouns of the content that point back to a topic word: the nearest noun before the pronoun (within
    60 words), of the same number, is a topic word ("this accord ... we are not going to
    drop it"). An "it" that stands for a clause ("it would be wrong to ...") points at nothing.
    Each as (topic, the pronoun's index, the topic word's index)."""
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
        for j in range(i - 1, max(0, i - PRONOUN_REACH) - 1, -1):
            n = doc[j]
            if (
                n.pos_ in ("NOUN", "PROPN")
                and n.dep_ not in ("compound", "poss", "npadvmod", "nmod")
                and (n.tag_ in ("NNS", "NNPS")) == plural
            ):
                if j in topic_roots:
                    out.append((topic_roots[j], i, j))
                break
    return out
