"""Training data for the attribution tagger: brat folders (PolNeAR's layout) → spaCy Examples.

A folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (brat standoff: ``T`` lines
``Source|Cue|Content START END TEXT``, ``E`` lines tying them into one ``Attribution``). Any brat
data in that layout trains, so users can train on their own annotations.

- **Several annotators** of one text: the first ``.ann`` file in name order is read, the others are
  not (a relation is one annotator's reading; mixing two would teach both boundaries at once).
- **Overlapping and nested relations** are folded into two tag layers as
  :mod:`stanceline.nlp.learned.labels` describes (outermost content kept).
- A file that cannot be read is reported (E038) and left out; the others are read.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ..errors import InputError, UsageError
from ..evaluate import Relation, load_brat, read_text
from ..nlp.learned import encode


@dataclass(frozen=True, slots=True)
class BratDocument:
    """One annotated text: its name, text and gold relations (one annotator's)."""

    name: str
    text: str
    relations: tuple[Relation, ...]


def read_brat_folder(
    directory: Path | str, *, problems: list[InputError] | None = None
) -> list[BratDocument]:
    """Read the annotated texts of one brat folder, in name order.

    Args:
        directory: A folder with ``text/`` and ``attributions/``.
        problems: Where to add an E038 error for each file left out (``None``: they are dropped silently).

    Returns:
        One document per text that has an annotation file.

    Raises:
        UsageError: E038 when the folder has no ``text/`` or ``attributions/`` folder, or no text
            with an annotation file.
    """
    directory = Path(directory)
    text_dir, ann_dir = directory / "text", directory / "attributions"
    for needed in (text_dir, ann_dir):
        if not needed.is_dir():
            raise UsageError.make("E038", path=str(directory), detail=f"no {needed.name}/ folder in it")
    anns: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        if txt.stem not in anns:
            continue
        ann = anns[txt.stem][0]
        try:
            docs.append(BratDocument(txt.stem, read_text(txt), tuple(load_brat(ann, txt))))
        except (OSError, UnicodeDecodeError, ValueError) as err:
            if problems is not None:
                problems.append(
                    InputError.make("E038", path=str(ann), detail=str(err).replace(f"{ann}:", "line "))
                )
    if not docs:
        raise UsageError.make(
            "E038", path=str(directory), detail="no text in text/ has an annotation file in attributions/"
        )
    return docs


def split_held_out(
    docs: Sequence[BratDocument], *, fraction: float = 0.1, seed: int = 0
) -> tuple[list[BratDocument], list[BratDocument]]:
    """Split documents into training and held-out parts (for early stopping), reproducibly.

    Returns:
        ``(train, held_out)``; held-out has at least one document when there are two or more.
    """
    order = sorted(range(len(docs)), key=lambda i: docs[i].name)
    random.Random(seed).shuffle(order)
    n = min(max(1, round(len(docs) * fraction)), len(docs) - 1) if len(docs) > 1 else 0
    held = set(order[:n])
    return [d for i, d in enumerate(docs) if i not in held], [d for i, d in enumerate(docs) if i in held]


def parse(nlp: Language, docs: Iterable[BratDocument], *, batch_size: int = 16) -> list[Doc]:
    """Parse the texts with ``nlp`` (the English model with stanceline's paragraph breaks)."""
    return list(nlp.pipe((d.text for d in docs), batch_size=batch_size))


def to_examples(parsed: Sequence[Doc], docs: Sequence[BratDocument]) -> list[Example]:
    """Training examples: the parsed Doc as predicted, its folded gold tags as the reference's tags."""
    return [
        Example.from_dict(doc, {"tags": encode(doc, d.relations)})
        for doc, d in zip(parsed, docs, strict=True)
    ]
