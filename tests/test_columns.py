"""Token columns (``stanceline.nlp.columns``) and the Doc text built once (``stanceline.nlp.text.doc_text``):
the same tokens and strings as the walks over every ``Token`` they replace."""

from __future__ import annotations

import pytest

from stanceline.nlp.columns import positions, sentence_starts, strings_of
from stanceline.nlp.text import TEXT_KEY, doc_text

SENTENCES = [
    '"We will not talk," Prime Minister Anaya Veldt of Velmora said on Monday.',
    "President Kalden said Tarsk was ready to lift the embargo if the troops left Ostrem.",
    "She told reporters in Mensk that he would sign the border treaty.",
    "Talks.",
    "",
]

#: (what is wanted, the test a walk over the tokens makes)
WANTS = [
    ({"POS": ("VERB", "AUX")}, lambda t: t.pos_ in ("VERB", "AUX")),
    (
        {"DEP": ("nsubj", "nsubjpass"), "POS": ("NOUN", "PROPN")},
        lambda t: t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN"),
    ),
    ({"LOWER": frozenset({"he", "she", "his", "her"})}, lambda t: t.lower_ in ("he", "she", "his", "her")),
    (
        {"POS": ("NOUN",), "LEMMA": lambda s: s.lower() in {"treaty", "embargo"}},
        lambda t: t.pos_ == "NOUN" and t.lemma_.lower() in {"treaty", "embargo"},
    ),
    ({"DEP": ("acomp",), "LOWER": ("ready",)}, lambda t: t.dep_ == "acomp" and t.lower_ == "ready"),
    ({"POS": ("INTJ",)}, lambda t: t.pos_ == "INTJ"),  # in none of the sentences: nothing
]


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize(("want", "walk"), WANTS)
def test_positions_are_the_tokens_a_walk_finds(nlp, text, want, walk):
    doc = nlp(text)
    assert positions(doc, want) == [t.i for t in doc if walk(t)]


@pytest.mark.parametrize(
    ("text", "want", "expected"),
    [
        ("She told reporters in Mensk that he would sign.", {"LOWER": ("she", "he")}, [0, 6]),
        ("Talks on the treaty resumed in Tarsk.", {"LOWER": ("she", "he")}, []),
        ("", {"POS": ("NOUN",)}, []),
        ("Talks resumed.", {}, []),
    ],
)
def test_positions_by_example(nlp, text, want, expected):
    assert positions(nlp(text), want) == expected


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize(
    ("name", "attr"), [("LOWER", "lower_"), ("LEMMA", "lemma_"), ("POS", "pos_"), ("DEP", "dep_")]
)
def test_strings_of_is_each_tokens_attribute(nlp, text, name, attr):
    doc = nlp(text)
    assert strings_of(doc, name) == [getattr(t, attr) for t in doc]


@pytest.mark.parametrize("text", SENTENCES)
def test_doc_text_is_built_once_and_is_the_docs_text(nlp, text):
    doc = nlp.make_doc(text)
    assert doc_text(doc) == text
    assert doc.user_data[TEXT_KEY] == text
    doc.user_data[TEXT_KEY] = "x" * len(text)  # kept: the same length is taken for the same text
    assert doc_text(doc) == "x" * len(text)


@pytest.mark.parametrize("stale", ["Veldt said.", "A much longer text than the Doc holds, about Tarsk."])
def test_doc_text_of_another_length_is_read_again(nlp, stale):
    doc = nlp.make_doc("Kalden of Tarsk declined to comment on the ceasefire.")
    doc.user_data[TEXT_KEY] = stale  # a text that is not this Doc's (user data copied from another)
    assert doc_text(doc) == doc.text


@pytest.mark.parametrize(
    "text",
    [
        'Veldt said on Monday that the talks had failed. "We will not sign," she added.\n\nKalden disagreed.',
        "Talks.",
        "",
    ],
)
def test_sentence_starts_give_each_tokens_sentence(nlp, text):
    doc = nlp(text)
    starts = sentence_starts(doc)
    assert starts == [s.start for s in doc.sents]
    ends = [*starts[1:], len(doc)]
    for tok in doc:
        k = max(n for n, s in enumerate(starts) if s <= tok.i)
        assert (starts[k], ends[k]) == (tok.sent.start, tok.sent.end)
