"""Long texts through the model in paragraph-aligned segments, read by stanceline's components as one Doc.

spaCy's parser and entity recognizer take about 1 GB of temporary memory per 100,000 characters of one
Doc. A text longer than ``segment_chars`` is therefore tokenized whole, cut at paragraph starts into
pieces of at most about ``segment_chars`` characters, and the model's own components (tagger, parser,
entities, lemmas, and ``stanceline_paragraphs``) run over the pieces one at a time (``nlp.pipe``). The
pieces are joined again with ``Doc.from_docs``: the same tokens, the same text and the same character
offsets as the whole Doc. stanceline's components (timex, attribution, speakers, dating, stance) then run
on the joined Doc, so what reaches across paragraphs (speaker carry-over, pronouns, topics carried
back, the dating context) reaches across the cuts as well.

A text up to ``segment_chars`` is run as before, as one Doc.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc

from .text import doc_text

#: Texts longer than this many characters go through the model in segments of at most about this size.
DEFAULT_SEGMENT_CHARS = 50_000

#: stanceline's components that read the whole Doc; everything before the first of them runs on segments.
DOCUMENT_COMPONENTS = (
    "stanceline_timex",
    "stanceline_attribution",
    "stanceline_speakers",
    "stanceline_dating",
    "stanceline_stance",
)


def segment_bounds(doc: Doc, segment_chars: int) -> list[tuple[int, int]]:
    """Token ranges ``(start, end)`` that cover ``doc`` in order, each starting at a paragraph (the first
    token after a line break) and holding at most about ``segment_chars`` characters; a paragraph
    longer than that is a segment of its own. One range when the text is no longer than that."""
    if len(doc_text(doc)) <= segment_chars or len(doc) == 0:
        return [(0, len(doc))]

    def at(i: int) -> int:
        return doc[i].idx if i < len(doc) else len(doc_text(doc))

    out: list[tuple[int, int]] = []
    first = last = 0  # the segment's first token; the last paragraph start seen in it
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.is_space or not ("\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)):
            continue
        if at(tok.i) - at(first) > segment_chars and last > first:
            out.append((first, last))  # this paragraph would overflow it: cut before the one that did
            first = last
        last = tok.i
    if at(len(doc)) - at(first) > segment_chars and last > first:
        out.append((first, last))
        first = last
    out.append((first, len(doc)))
    return out


def cut_pieces(doc: Doc, bounds: list[tuple[int, int]]) -> Iterator[Doc]:
    """``doc[a:b].as_doc()`` for each range, the whole Doc's attributes read once: ``Span.as_doc`` reads
    them from the whole Doc for every piece (0.7 of 1.45 s for the 21 pieces of 1,000,000 characters)."""
    head = getattr(Doc, "_get_array_attrs", None)  # spaCy's list of what as_doc copies (3.x)
    if head is None:
        yield from (doc[a:b].as_doc() for a, b in bounds)
        return
    attrs = head()
    array = doc.to_array(attrs)
    for a, b in bounds:
        yield doc[a:b].as_doc(array_head=attrs, array=array)


def parse(nlp: Language, doc: Doc, *, segment_chars: int = DEFAULT_SEGMENT_CHARS) -> Doc:
    """``nlp(doc)`` for a Doc from ``nlp.make_doc``; a text longer than ``segment_chars`` goes through the
    model in segments (see the module's description), and comes back as one Doc of the same text.

    Args:
        nlp: The pipeline.
        doc: The tokenized text (with its Doc extensions set, such as ``doc._.title``).
        segment_chars: The longest text run as one Doc; ``0``: always one Doc.

    Returns:
        The analysed Doc.
    """
    bounds = segment_bounds(doc, segment_chars) if segment_chars > 0 else [(0, len(doc))]
    if len(bounds) == 1:
        return nlp(doc)
    names = nlp.pipe_names
    cut = next((i for i, n in enumerate(names) if n in DOCUMENT_COMPONENTS), len(names))
    pieces = nlp.pipe(cut_pieces(doc, bounds), batch_size=1, disable=names[cut:])
    joined = Doc.from_docs(list(pieces), ensure_whitespace=False)
    for key, value in doc.user_data.items():  # the Doc's own extensions (its title)
        joined.user_data.setdefault(key, value)
    for name in names[cut:]:
        joined = nlp.get_pipe(name)(joined)
    return joined


def parse_all(
    nlp: Language, docs: Iterable[Doc], *, batch_size: int = 16, segment_chars: int = DEFAULT_SEGMENT_CHARS
) -> Iterator[Doc]:
    """``nlp.pipe(docs)``, in order, with each text longer than ``segment_chars`` run by :func:`parse`."""
    for long, group in groupby(docs, key=lambda d: segment_chars > 0 and len(d.text) > segment_chars):
        if long:
            for doc in group:
                yield parse(nlp, doc, segment_chars=segment_chars)
        else:
            yield from nlp.pipe(group, batch_size=batch_size)
