"""Headlines: the first line an editor wrote over the body yields no statement, period or not."""

from __future__ import annotations

import pytest

from stanceline.model import Article

BODY = "Prime Minister Anaya Veldt said on Monday that Tarsk would not return to the talks."

CASES = [
    # a short first line with no final stop (as before)
    (f"Veldt says talks are off\n\n{BODY}", None, 1),
    # with a final stop, set apart by a blank line, reporting nothing in the past tense
    (f"Veldt says Tarsk 'will never' return to talks.\n\n{BODY}", None, 1),
    (f"Veldt: Tarsk Won't Be at the Table, Kalden Was 'Bluffing'.\n\n{BODY}", None, 1),
    # a headline with its deck
    (f"Velmora urges sanctions on Tarsk;\nMember of the cabinet says Tarsk must pay.\n\n{BODY}", None, 1),
    # the given title, whatever its punctuation
    (f'Veldt: "Tarsk will not come back"\n\n{BODY}', 'Veldt: "Tarsk will not come back"', 1),
    # must NOT change: a lead sentence that reports in the past tense is a statement of its own
    (f"Veldt rejected the talks on Monday.\n\n{BODY}", None, 2),
    # ... and so is a first line with a period in a text of one paragraph a line
    (f"Veldt says Tarsk will never return to talks.\n{BODY}", None, 2),
    # ... or a first line that is not the given title and ends in a quotation
    (f'Veldt said Tarsk "will not come back"\n\n{BODY}', "Talks are off", 2),
]


@pytest.mark.parametrize(("text", "title", "statements"), CASES, ids=[c[0][:40] for c in CASES])
def test_a_headline_yields_no_statement(analyze, text, title, statements):
    result = analyze(text, title=title)
    assert len(result.statements) == statements
    assert all(s.content[0].start >= text.index(BODY) for s in result.statements[statements - 1 :])


def test_the_title_reaches_the_pipeline_through_analyze_articles(nlp):
    import stanceline

    text = f'Veldt: "We will not come back"\n\n{BODY}'
    titled = Article(text=text, title='Veldt: "We will not come back"')
    untitled = Article(text=text, title=None)
    first, second = stanceline.analyze_articles([titled, untitled], nlp=nlp)
    assert [s.source.text for s in first.statements] == ["Prime Minister Anaya Veldt"]
    assert [s.source.text for s in second.statements] == ["Veldt", "Prime Minister Anaya Veldt"]
