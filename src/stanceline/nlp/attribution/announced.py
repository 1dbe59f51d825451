"""A text set out after the sentence that announces it: "The whole text of her letter is
below." / "Her statement follows:" -- each paragraph after it, to the end of the text, is that
statement, said by the statement's author (:mod:`stanceline.nlp.speakers` reads the source, a
document, as its author).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import TEXT_FOLLOWS
from .record import Attribution, Context, source_span


def _announcer(ctx: Context, root: Token) -> tuple[Token, Token] | None:
    """The pointing word and the document subject of a sentence that announces a text below."""
    pointer = root if root.lemma_.lower() in TEXT_FOLLOWS else None
    if pointer is None and root.lemma_.lower() == "be":
        pointer = next(
            (c for c in root.children if c.dep_ in ("advmod", "acomp", "attr") and c.lower_ in TEXT_FOLLOWS),
            None,
        )
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if pointer is None or subj is None:
        return None
    documents = ctx.source_words.documents
    nouns = [subj, *(p for c in subj.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj")]
    if not any(n.lemma_.lower() in documents for n in nouns):
        return None
    return pointer, subj


def from_announced_text(ctx: Context) -> list[Attribution]:
    """The paragraphs after "The full text of X's statement is below.", each a statement of X's (what
    they report in turn stays reported too: "Both sides were ready, we said")."""
    doc, text = ctx.doc, ctx.text
    for sent in doc.sents:
        p = ctx.paragraph_of(sent.start_char)
        if ctx.in_quote(sent.root) or p + 1 >= len(ctx.paras) or sent.end_char < ctx.paras[p][1] - 1:
            continue  # the announcing sentence closes its paragraph, and a text follows
        hit = _announcer(ctx, sent.root)
        if hit is None:
            continue
        pointer, subj = hit
        source = source_span(subj)
        out = []
        for n in range(p + 1, len(ctx.paras)):
            start, end = ctx.paras[n]
            if len(text[start:end].split()) < 3:
                continue
            out.append(
                Attribution(
                    kind="direct",
                    cue=doc[pointer.i : pointer.i + 1],
                    cue_lemma=pointer.lemma_.lower(),
                    source=source,
                    content=[(start, end)],
                    confidence=0.5,
                    paragraph=n,
                )
            )
        return out
    return []
