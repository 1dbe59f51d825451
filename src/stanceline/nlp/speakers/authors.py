"""Sources that are not speakers: documents and hearsay, whose author speaks, and descriptions of a
person the article names.

- A source that cannot speak (``a letter``, ``rumors``, ``a statement on Sunday``: the ``[documents]``
  of ``sources.txt``, or a time expression) hands over to its author named in the same sentence: the
  owner (``Veldt's statement``, ``a Tarsk Embassy statement``), the ``by``/``from`` agent (``a letter
  from Kalden``), or the subject of the clause that holds it (``Kalden released a letter saying``,
  ``Veldt called the reports rumors, saying``, ``Tarsk rejected the plan, according to a statement``);
  with no author, nobody speaks.
- A description (``the Velmoran-born diplomat``, ``Tarsk's top negotiator``) names a person of the
  article: the person who spoke last, else the person in focus, else the person named as the subject
  of the next sentence (``Tarsk's top negotiator says ... "...," Ivo Marn said``).

Used by :mod:`.resolve`, which resolves the token these functions return.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...config import SourceWords
from ..lexicon import PERSONAL, THIRD_PERSON

# Entity labels of names that can speak: people, bodies, places standing for their government, groups.
_SPEAKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_TIME_LABELS = frozenset({"DATE", "TIME"})


def cannot_speak(tok: Token, words: SourceWords) -> bool:
    """A source head that is a thing: a document, hearsay, a sign, a time (``Sunday``)."""
    if tok.ent_type_ in _SPEAKING_LABELS or tok.pos_ in ("PRON", "PROPN"):
        return False
    documents = words.documents
    return tok.ent_type_ in _TIME_LABELS or tok.lemma_.lower() in documents or tok.lower_ in documents


def _can_author(tok: Token, words: SourceWords) -> bool:
    return (
        tok.ent_type_ in _SPEAKING_LABELS
        or tok.pos_ == "PROPN"
        or (tok.pos_ == "PRON" and (tok.lower_ in PERSONAL or tok.lower_ in THIRD_PERSON))
        or words.speaking(tok.lemma_.lower())
    )


def author_of(noun: Token, words: SourceWords, depth: int = 0) -> Token | None:
    """Whose words the document ``noun`` carries, named in its sentence; ``None`` when nobody is."""
    for child in noun.children:
        if child.dep_ == "poss" and _can_author(child, words):
            return child  # "Veldt's statement", "the president's website"
    for child in noun.children:
        if child.dep_ == "compound" and child.ent_type_ in _SPEAKING_LABELS:
            return child  # "a Tarsk Embassy statement"
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of", "on", "in"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if child.lower_ in ("by", "from", "of") and _can_author(pobj, words):
                return pobj  # "a letter from Kalden", "the website of President Kalden"
            if pobj.lemma_.lower() in words.documents and depth < 3 and child.lower_ != "by":
                # "a statement on the president's website", "the translation of his statement"
                found = author_of(pobj, words, depth + 1)
                if found is not None:
                    return found
    head = noun.head
    verb: Token | None = None
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        # "said in a statement that ...", "rejected the plan, according to a communique on Friday"
        verb = head.head.head if head.head.lower_ == "according" else head.head
    elif noun.dep_ in ("dobj", "oprd", "attr"):
        verb = head  # "released a letter saying ...", "called the reports rumors, saying ..."
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return _verbless_root(noun, words)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ == "acl" and depth < 3:
        return author_of(verb.head, words, depth + 1)  # "in a tweet called the reports rumors, saying"
    if subj is None or subj.i == noun.i or not _can_author(subj, words):
        return None
    return subj


def _verbless_root(noun: Token, words: SourceWords) -> Token | None:
    """A sentence the parser left with a noun for its root (``A Tarsk spokesman Ivo Marn in a post
    called the reports rumors``): that noun, or the name in apposition to it, is the one who writes."""
    root = noun.sent.root
    if root.i == noun.i or root.pos_ not in ("NOUN", "PROPN") or not _can_author(root, words):
        return None
    return next((c for c in root.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), root)


def description(span: Span, titles: tuple[str, ...], words: SourceWords) -> bool:
    """A phrase that describes one person without naming them, with a modifier that sets them
    apart: ``the Velmoran-born diplomat``, ``the Tarskian leader``, ``Tarsk's top negotiator``
    (not a bare ``the minister``, not ``officials``, not a name)."""
    root = span.root
    if root.tag_ != "NN" or any(t.ent_type_ == "PERSON" or t.pos_ == "PRON" for t in span):
        return False
    low = root.lemma_.lower()
    if low not in titles and low not in words.people:
        return False
    det = next((c for c in root.children if c.dep_ in ("det", "poss") and c.i < root.i), None)
    if det is None or (det.dep_ == "det" and det.lower_ != "the"):
        return False
    return any(c.dep_ in ("amod", "compound", "nmod") and c.i < root.i for c in root.children) or (
        det.dep_ == "poss"
    )
