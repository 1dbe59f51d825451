"""Attribution: find source / cue / content relations in a parsed Doc.

Pure functions over a spaCy ``Doc`` (tagged and dependency-parsed). The
component that stores the result on the Doc lives in :mod:`stanceline.nlp.pipeline`.
The words it reads are the cue file's (``data/cues.txt``), in ``ctx.cues``.

How it reads a text:

1. Quotation marks are paired on the characters (:mod:`stanceline.nlp.text`), across
   sentences and paragraphs.
2. Every cue verb outside a quote (``say``, ``warn``, ``tell`` ... from the cue
   file) gets its content from the parse by the construction strategies of
   :mod:`.content`: its clausal complement (``ccomp``), an infinitive (``vowed
   to``), an object, or, when it is parenthetical (``The talks, he said, will
   fail``), the clause it interrupts. ``according to X`` takes the
   clause it modifies. A content that touches a quotation takes the whole
   quotation: wholly quoted content is ``direct``, partly quoted ``mixed``.
3. A quotation no cue claimed is tied to a cue right after it (``"...," said
   the minister``) or right before it (``She said: "..."``); a second quotation
   right after the cue's clause continues it (split quotes).
4. A paragraph that is only a quotation and follows a quoted speaker is a
   carried-over statement with no cue; :mod:`stanceline.nlp.speakers` gives it its speaker.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ...config import Cues, SourceWords, load_source_words, load_titles
from ..columns import positions
from ..lexicon import (
    FIRST_PERSON,
    GENERIC_SUBJECTS,
    INDEFINITE_PERSONS,
    NEGATIVE_QUANTIFIERS,
    SPEAKER_SUBJECTS,
)
from ..text import Holders, doc_text, find_quotes, paragraphs
from .adjectives import from_attitude_adjectives
from .announced import from_announced_text
from .clauses import chained_participle, reporting_verb
from .content import content_tokens
from .headlines import headline_end
from .nouns import clause_of_governed_noun, from_cue_nouns, from_phrases
from .quotations import (
    carryovers,
    first_person_paragraphs,
    from_adjacent_quotes,
    from_speaker_labels,
    quote_before_cue,
)
from .record import (
    SPEAKER_ENTS,
    Attribution,
    Context,
    agent_of,
    build,
    cue_span,
    cue_subject,
    has_that,
    inverted_speaker,
    is_cue_verb,
    map_tokens,
    source_span,
    verb_key,
)

__all__ = ["Attribution", "find_attributions", "is_cue_verb"]


_QUESTION_MARKS = frozenset({"whether", "if"})
# "has yet to say", "never confirmed": the adverbs that, like "not", say a verb's act did not happen.
_NEGATING_ADVERBS = frozenset({"never", "yet"})


def _negated(tok: Token) -> bool:
    """``has not commented``, ``did not say``, ``has yet to say``, ``never confirmed``."""
    for t in (tok, tok.head if tok.dep_ == "xcomp" else None):
        if t is not None and any(c.dep_ == "neg" or c.lower_ in _NEGATING_ADVERBS for c in t.children):
            return True
    return False


def _conditional_content(first: Token, cue: Token, cues: Cues) -> bool:
    """ "Veldt said if the sanctions were lifted, Tarsk would return to the talks": an "if" that opens a
    condition of the content's main clause, not an open question ("would not say if Tarsk would return")."""
    if _negated(cue):
        return False
    if (
        first.head.dep_ in ("csubj", "nsubj", "nsubjpass")
        and first.head.head.lemma_.lower() in cues.dependence_verbs
    ):
        return True  # "Whether Ostland joins the embargo depends on the inspectors, Brekke said"
    if first.lower_ != "if":
        return False
    main = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > first.i), None)
    if main is None and cue.dep_ in ("parataxis", "advcl", "ccomp", "conj") and cue.head.i > first.i:
        main = cue.head  # "If this fails, Castañeda argues, there are other tools": a parenthetical cue
    return main is not None and first.head.i != main.i


def _denied(tok: Token, cues: Cues) -> bool:
    """The cue's clause is denied by the writer: "it is not the case that Tarsk opposes ...", "it is untrue
    that Velmora asked ..."."""
    head = tok.head
    if tok.dep_ in ("acl", "relcl") and head.lower_ == "case" and head.dep_ == "attr":
        return any(c.dep_ == "neg" for c in head.head.children)
    return (
        tok.dep_ == "ccomp"
        and head.lemma_.lower() == "be"
        and any(
            c.dep_ == "acomp"
            and (
                c.lower_ in cues.denying_adjectives
                or (c.lower_ == "true" and any(n.dep_ == "neg" for n in head.children))
            )
            for c in head.children
        )
    )


def _refusal_says_nothing(tok: Token, subj: Token | None, cues: Cues) -> bool:
    """A refusal that states nothing: "declined to comment", "refused to say" (silence), "refused to be
    named", a cue verb in the infinitive of a refusal; "refused to sign the accord" is a position, said by
    someone in particular ("rather than simply refusing to negotiate" is not)."""
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in cues.refusals:
        return True
    refusal = cues.refusals.get(tok.lemma_.lower())
    if refusal is None:
        return False
    act = next((c for c in tok.children if c.dep_ == "xcomp"), None)
    # "refused to say", "declined to comment" (a verb of speech that can be silent), "refused to be
    # named"; not "refused to endorse Trump", a position
    if (
        act is None
        or "no-position" in refusal
        or cues.tagged(act.lemma_.lower(), "silent")
        or act.lemma_.lower() in cues.silent_acts
    ):
        return True
    return subj is None or subj.lower_ in GENERIC_SUBJECTS  # "people who refuse to pay"


def _not_a_statement(tok: Token, toks: list[Token], subj: Token | None, cues: Cues) -> bool:
    """Cue verbs that say nothing: questions, refusals, silence, anonymity formulas,
    negated subjects, passive belief (``is expected to``)."""
    tags = cues.verbs.get(verb_key(tok, cues), frozenset())
    if "silent" in tags and _negated(tok):
        return True
    for verb in (tok, tok.head if tok.dep_ == "xcomp" else None):
        # "is expected to", "is expected to challenge": a forecast about the subject
        if (
            verb is not None
            and cues.tagged(verb.lemma_.lower(), "weak")
            and any(c.dep_ == "auxpass" for c in verb.children)
        ):
            return True
    first = next((t for t in toks if not t.is_punct), None)
    # "declined to say whether ...", "has not said whether ...": an open question, not content;
    # but "asked whether ..." reports the question itself
    if (
        first is not None
        and first.lower_ in _QUESTION_MARKS
        and not cues.tagged(tok.lemma_.lower(), "asks")
        and not _conditional_content(first, tok, cues)
    ):
        return True
    if _refusal_says_nothing(tok, subj, cues):
        return True
    if (
        subj is not None
        and cues.tagged(tok.lemma_.lower(), "evidence")
        and subj.lemma_.lower() in cues.arguments
    ):
        return True  # "History suggests that ...": the writer's argument, not a source's
    if subj is not None and subj.lower_ in INDEFINITE_PERSONS:
        # "someone in Corvenna announces ...", "someone who refuses to turn": nobody in particular
        return True
    # "who asked not to be named"
    if any(t.lemma_.lower() in cues.anonymity_verbs and t.tag_ == "VBN" for t in toks) and len(toks) <= 8:
        return True
    # "It is not the case that Tarsk opposes ...", "it is untrue that Velmora asked ...": a denied claim
    if _denied(tok, cues):
        return True
    # "troops would be sent only if Tarsk attacked first": a verb inside a condition reports nobody's words
    if tok.dep_ == "advcl" and any(
        c.dep_ == "mark"
        and (c.lower_ in ("if", "unless", "provided") or (c.lower_ == "once" and tok.tag_ != "VBD"))
        for c in tok.children
    ):  # (a past "once" is "after")
        return True
    # "Neither ministry would confirm the report", "no one said ..."
    if subj is not None and (
        subj.lower_ in NEGATIVE_QUANTIFIERS
        or any(c.dep_ == "det" and c.lower_ in NEGATIVE_QUANTIFIERS for c in subj.children)
    ):
        return True
    return False


def _other_verb_with_clause(ctx: Context, tok: Token) -> Attribution | None:
    """A verb outside the cue list that still reports a person's words or mind:
    a named or pronoun subject with a ``that``-clause (``Veldt conceded that``,
    ``he reasoned that``). Low confidence: the verb is not a known cue."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() in ctx.cues.not_cues or tok.dep_ in ("amod", "compound"):
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and has_that(c)), None)
    if clause is None:
        return None
    subj = cue_subject(tok)
    if subj is None or not (subj.ent_type_ in SPEAKER_ENTS or subj.lower_ in SPEAKER_SUBJECTS):
        return None
    toks = list(clause.subtree)
    if _not_a_statement(tok, toks, subj, ctx.cues):
        return None
    return build(ctx, tok, cue_span(tok, ctx.cues), tok.lemma_.lower(), source_span(subj), toks, 0.45)


def _speaker_token(tok: Token, ctx: Context) -> tuple[bool, Token | None]:
    """Who speaks through a cue verb: its subject, the subject of the cue verb whose
    content holds it (a tail participle), or, for a fronted participle without a
    subject (``Asked whether ..., the minister said``), only a named agent.

    Returns:
        Whether the cue is such a fronted participle, and the speaker's token.
    """
    if (
        tok.tag_ in ("VBN", "VBD")
        and tok.dep_ in ("advcl", "ccomp")
        and tok.i < tok.head.i
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
    ):
        return True, agent_of(tok)
    outer = reporting_verb(tok, ctx)
    subj = cue_subject(outer if outer is not None else tok)
    if subj is None and tok.i > 0 and tok.doc[tok.i - 1].is_quote:
        subj = inverted_speaker(tok)  # '"What is a ballot worth?" asked the monitor'
    return False, subj


def _frame_says_nothing(tok: Token, how: str, subj: Token | None, cues: Cues) -> bool:
    """An infinitive cue that reports no one's words: the writer's impersonal frame
    (``it would be wrong to say that ...``) or a purpose (``met Brekke to discuss the
    flood relief``; not ``went on to criticize``)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    if (subj is None or subj.lower_ in ("it", "there")) and (
        head.pos_ == "ADJ" or any(c.lower_ == "it" and c.dep_ in ("nsubj", "expl") for c in head.children)
    ):
        return True
    return (
        how in ("object", "prep") and tok.dep_ == "advcl" and head.lemma_.lower() not in cues.speech_vehicles
    )


_CHAIN_DEPS = frozenset({"appos", "compound", "poss", "case", "det", "amod", "punct", "nmod"})


def _swallowed_speaker(tok: Token) -> tuple[list[Token], Span] | None:
    """ "Ostland will resume imports of timber, Ostland's economy minister, Kaj Ormond, said.": a cue
    ending its sentence with no subject, whose speaker the parser hung on the content's last noun as
    an apposition. Returns the content tokens and the speaker's span."""
    doc = tok.doc
    sent = tok.sent
    if (
        any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
        or tok.i < sent.start + 4
        or doc[tok.i - 1].text != ","
        or any(not t.is_punct for t in doc[tok.i + 1 : sent.end])
    ):
        return None
    end = tok.i - 1  # the comma before the cue
    start = end
    while (
        start > sent.start
        and end - start < 12
        and doc[start - 1].dep_ in _CHAIN_DEPS
        and doc[start - 1].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PART", "PUNCT")
    ):
        start -= 1
    while start < end and doc[start].is_punct:
        start += 1
    if (
        start >= end
        or doc[start - 1].text != ","
        or not any(doc[k].dep_ == "appos" for k in range(start, end))
        or doc[end - 1].pos_ not in ("PROPN", "NOUN")
    ):
        return None
    content = [t for t in doc[sent.start : start - 1] if not t.is_space]
    if len(content) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in content):
        return None
    return content, doc[start:end]


def _from_cue_verbs(ctx: Context) -> list[Attribution]:
    out: list[Attribution] = []
    doc = ctx.doc
    for i in positions(doc, {"POS": ("VERB", "AUX")}):  # what is no verb is no cue, nor a verb with a clause
        tok = doc[i]
        if ctx.in_quote(tok):
            continue
        if not is_cue_verb(tok, ctx.cues):
            att = _other_verb_with_clause(ctx, tok)
            if att is not None:
                out.append(att)
            continue
        if (
            tok.dep_ == "xcomp"
            and is_cue_verb(tok.head, ctx.cues)
            and content_tokens(tok.head, ctx) is not None
        ):
            continue  # "vowed to reject the offer": one act of speech, told by "vowed"
        if (
            tok.dep_ == "conj"
            and chained_participle(tok.head, ctx) == tok
            and is_cue_verb(tok.head, ctx.cues)
        ):
            continue  # "calling it a puppet and insisting on talks": told with "calling"
        quoted = quote_before_cue(ctx, tok)
        if quoted is not None:
            out.append(quoted)
            continue
        found = content_tokens(tok, ctx)
        fronted, subj = _speaker_token(tok, ctx)
        if subj is None and not fronted:
            repaired = _swallowed_speaker(tok)
            if repaired is not None:
                if _not_a_statement(tok, repaired[0], repaired[1].root, ctx.cues):
                    continue
                cue = cue_span(tok, ctx.cues)
                att = build(ctx, tok, cue, verb_key(tok, ctx.cues), repaired[1], repaired[0], 0.6)
                if att is not None:
                    out.append(att)
                continue
        if found is None:
            continue
        toks, how, prep = found.tokens, found.construction, found.prep
        if fronted and subj is None:
            continue  # "Asked whether ..., the minister said no": an unnamed reporter's question
        if subj is not None and subj.lower_ in FIRST_PERSON and not ctx.in_quote(subj):
            continue  # the author speaking, not an attribution
        if _frame_says_nothing(tok, how, subj, ctx.cues) or _not_a_statement(tok, toks, subj, ctx.cues):
            continue
        if subj is not None and any(t.i == subj.i for t in toks):
            continue
        moved = clause_of_governed_noun(ctx, tok, toks) if how == "ccomp" else None
        if moved is not None:
            out.append(moved)  # "responded to the ministry's comment ... that ...": the ministry's
            continue
        source = source_span(subj, tok) if subj is not None else None
        lemma = verb_key(tok, ctx.cues)
        weak = ctx.cues.tagged(lemma, "weak")
        base = {"ccomp": 0.85, "xcomp": 0.7, "object": 0.6, "prep": 0.6, "parenthetical": 0.75}[how] * (
            0.6 if weak else 1
        )
        if weak and how not in ("ccomp", "xcomp"):
            continue
        # "The union endorsed Clinton": a named object is content enough
        named = how == "object" and len([t for t in toks if not t.is_punct]) == 1 and toks[0].pos_ == "PROPN"
        att = build(
            ctx, tok, cue_span(tok, ctx.cues, prep), lemma, source, toks, base, min_words=1 if named else 2
        )
        if att is not None:
            out.append(att)
    return out


def find_attributions(
    doc: Doc,
    cues: Cues,
    *,
    titles: tuple[str, ...] | None = None,
    source_words: SourceWords | None = None,
) -> list[Attribution]:
    """Find every attribution in a parsed Doc.

    Args:
        doc: A Doc with tags, lemmas and a dependency parse.
        cues: The cue vocabulary (see :func:`stanceline.config.load_cues`).
        titles: Office titles (:func:`stanceline.config.load_titles`); ``None``: the shipped ones.
        source_words: Source nouns (:func:`stanceline.config.load_source_words`); ``None``: the shipped.

    Returns:
        Attributions in text order. Speakers are not resolved yet.
    """
    text = doc_text(doc)
    paras = paragraphs(text)
    quotes = find_quotes(text, paras)
    ctx = Context(
        doc=doc,
        text=text,
        cues=cues,
        quotes=quotes,
        paras=paras,
        tok_quote=map_tokens(doc, quotes),
        titles=load_titles() if titles is None else titles,
        source_words=load_source_words() if source_words is None else source_words,
    )
    labelled, claimed = from_speaker_labels(ctx)
    for qi, q in enumerate(quotes):
        if ctx.paragraph_of(q.open_at) in claimed:
            ctx.used.add(qi)
    found = labelled + _from_cue_verbs(ctx)
    found += from_phrases(ctx)
    found += from_cue_nouns(ctx)
    found += from_attitude_adjectives(ctx)
    found += from_adjacent_quotes(ctx, found)
    found.sort(key=lambda a: a.start)
    found += carryovers(ctx, found)
    found += first_person_paragraphs(ctx, found)
    found += from_announced_text(ctx)
    # (a carry-over paragraph before a statement that starts where it starts: the speaker goes on first)
    found.sort(key=lambda a: (a.start, not a.carryover))
    title = doc._.title if doc.has_extension("title") else None
    end = headline_end(text, paras, doc=doc, cues=cues, title=title)
    tags = [m.span() for m in _MARKUP.finditer(text)] if "<" in text else []
    reported = Holders((s, e, o) for o in found if o.kind != "direct" for s, e in o.content)
    return [
        a
        for a in found
        if a.start >= end
        and not _nested_non_speaker(a, ctx, reported)
        and not (tags and a.cue is not None and _inside(a.cue.start_char, tags))
    ]


# Markup left in a plain-text input (``<tweet author="..." ...>``): its words report nothing.
_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]{0,400}>")


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= at < e for s, e in spans)


def _nested_non_speaker(att: Attribution, ctx: Context, reported: Holders) -> bool:
    """An attribution inside another's reported content whose "speaker" is a thing
    (in 'Brekke said the clash showed how quickly ...', the clash reports nothing), or
    whose cue is a forecast ('an official predicted that Veldt would want ...').
    ``reported``: the indirect contents of every attribution found, with their attributions (a cue outside
    another's is no nested one; only the contents around the cue are read, not every attribution's)."""
    if att.cue is None or att.source is None:
        return False
    at = att.cue.start_char
    if not any(o is not att for o in reported.owners(at)):
        return False
    if any(
        c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in ("would", "will", "might", "could", "may")
        for c in att.cue.root.children
    ):
        return True  # "an official predicted that Veldt would still want ...": a forecast, not her statement
    root = att.source.root
    if root.pos_ == "PRON" or root.ent_type_:
        return False  # a person or body named or referred to
    if ctx.cues.tagged(att.cue_lemma or "", "weak"):
        return True  # "the clash showed", "the figures suggest"
    named = root.pos_ == "PROPN" or root.lower_ in ctx.titles
    return not (named or ctx.source_words.speaking(root.lemma_.lower()))
