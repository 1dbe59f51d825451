"""Attribution passes that start from quotation marks rather than cue words:
a cue next to a quotation, split and follow-on quotes, quote-only paragraphs
that carry the speaker over, transcript labels (``WALLACE: ...``) and
dash-signed quotations.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Span, Token

from ..lexicon import FIRST_PERSON, FIRST_PERSON_SUBJECTS
from ..text import Coverage, Quote, datelines
from .record import (
    MARKS_AND_SPACE,
    MAX_GAP,
    Attribution,
    Context,
    cue_span,
    cue_subject,
    inverted_speaker,
    is_cue_verb,
    source_span,
    verb_key,
)


def _adjacent_cue(ctx: Context, qi: int) -> tuple[Token, Span | None] | None:
    """A cue verb right after (``"...," he said``) or right before (``He said: "..."``) quotation ``qi``."""
    doc = ctx.doc
    q = ctx.quotes[qi]
    if qi not in ctx.quote_tokens:
        return None
    first, last = ctx.quote_tokens[qi]
    # After: only the subject, adverbials and punctuation may stand between.
    for i in range(last + 1, min(last + 1 + MAX_GAP, len(doc))):
        t = doc[i]
        if ctx.in_quote(t) or t.is_sent_start and i > last + 1 and t.text not in ",":
            break
        if is_cue_verb(t, ctx.cues) and not _conditional(t) and not _opens_own_content(t):
            between = [doc[k] for k in range(last + 1, i)]
            subtree = {s.i for s in t.subtree}
            named = _named_between(between)
            if all(b.i in subtree or b.is_punct for b in between) or named is not None:
                subj = cue_subject(t)
                if subj is not None and subj.left_edge.i <= last and subj.right_edge.i >= first:
                    # The parser may take the quotation's last words for the subject ('"Not a promise,
                    # a pullback," Ardell said', '"Who trades with them?" asked Tollen'): a subject
                    # after the mark speaks. With none, the quotation is inside the subject: 'The
                    # so-called "peace plan" was rejected'.
                    subj = next(
                        (c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > last), None
                    )
                    if subj is None and named is None:
                        return None
                if named is not None and (subj is None or named.start <= subj.i < named.end):
                    return t, named
                if subj is None and all(b.is_punct for b in between):
                    subj = inverted_speaker(t)  # '"What is it worth?" asked the monitor'
                return t, (source_span(subj, t) if subj is not None else None)
            break
        if t.text in ".!?" and not t.is_sent_start:
            break
    # Before: the cue's clause ends right before the opening mark.
    for i in range(first - 1, max(first - 1 - MAX_GAP, -1), -1):
        t = doc[i]
        if ctx.in_quote(t) or t.text in ".!?":
            break
        if is_cue_verb(t, ctx.cues):
            between = [doc[k] for k in range(i + 1, first)]
            subtree = {s.i for s in t.subtree}
            # "She said: "..."", "he told reporters, "..."": the quotation follows
            # the cue's clause after a colon or comma, not inside its object
            # ("Critics call the plan a "charm offensive"").
            lead = between[-1] if between else t
            recipient = (
                lead.head == t
                and lead.dep_ in ("dobj", "dative")
                and ctx.cues.tagged(verb_key(t, ctx.cues), "recipient")
            )
            if q.words(ctx.text) < 3 or not (lead == t or lead.text in (":", ",") or recipient):
                break
            if all(b.i in subtree or b.is_punct for b in between):
                subj = cue_subject(t)
                if subj is not None and subj.lower_ in FIRST_PERSON:
                    return None
                return t, (source_span(subj, t) if subj is not None else None)
            break
    return None


def _opens_own_content(verb: Token) -> bool:
    """'"...." However, she added: "..."': a cue after a quotation that opens a content of its own after
    a colon does not claim the quotation before it (that one is the previous cue's)."""
    doc = verb.doc
    nxt = verb.i + 1
    while (
        nxt < len(doc)
        and nxt - verb.i <= 4
        and doc[nxt].head.i == verb.i
        and doc[nxt].dep_
        in (
            "dobj",
            "dative",
            "npadvmod",
            "advmod",
        )
    ):
        nxt += 1  # "told reporters:", "said Monday:"
    return nxt < len(doc) and doc[nxt].text == ":"


def _conditional(verb: Token) -> bool:
    """A verb inside an if/unless clause ("... back of the queue if it wanted a deal") speaks for nobody."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children
    )


_NAME_TAGS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "NUM", "PUNCT", "PART"})


def _named_between(between: list[Token]) -> Span | None:
    """The words between a closing mark and a cue verb when they are a bare noun phrase
    ('"...," Secretary-General Idris Calloway posted'), however the parser hung them."""
    words = [b for b in between if not b.is_punct]
    if (
        not words
        or len(words) > 8
        or words[-1].pos_ not in ("PROPN", "NOUN")
        or any(b.pos_ not in _NAME_TAGS and not (b.is_title and b.ent_type_) for b in words)
        or between[-1].is_punct
    ):
        # (a place in a title may be tagged as a verb: '"...," Tulsa police Chief Chuck Jordan said')
        return None
    return words[0].doc[words[0].i : words[-1].i + 1]


def quote_before_cue(ctx: Context, verb: Token) -> Attribution | None:
    """'"...," Tulsa police Chief Chuck Jordan said': a cue right after a quotation that opens its sentence
    and a bare name. The parser may hang the name inside the quotation and the cue on its verb, so the
    quotation is read here, before any other cue can take it as part of its clause."""
    doc = ctx.doc
    i = verb.i - 1
    while i >= 0 and verb.i - i <= 9 and ctx.tok_quote[i] < 0 and not doc[i].is_sent_start:
        i -= 1
    qi = ctx.tok_quote[i] if i >= 0 else -1
    if qi < 0 or i == verb.i - 1 or qi not in ctx.quote_tokens or qi in ctx.used:
        return None
    first = ctx.quote_tokens[qi][0]
    if any(not t.is_punct and not t.is_space for t in doc[doc[first].sent.start : first]):
        return None  # 'Not paying taxes "makes me smart," Trump said': the words before are content too
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        return None  # '"...," Veldt said, and that ...': content of its own
    if _named_between([doc[k] for k in range(i + 1, verb.i)]) is None or ctx.quotes[qi].words(ctx.text) < 2:
        return None
    hit = _adjacent_cue(ctx, qi)
    if hit is None or hit[0].i != verb.i:
        return None
    ctx.used.add(qi)
    q = ctx.quotes[qi]
    return Attribution(
        kind="direct",
        cue=cue_span(verb, ctx.cues),
        cue_lemma=verb_key(verb, ctx.cues),
        source=hit[1],
        content=list(q.pieces),
        confidence=0.8 if hit[1] is not None else 0.6,
        paragraph=ctx.paragraph_of(q.start),
    )


def _continued_content(ctx: Context, q: Quote, found: list[Attribution]) -> Attribution | None:
    """'Veldt says the rebels boast of their arms, "but ours are stronger."': a quotation that opens in
    lower case right after a comma that ends a reported content goes on with it. Of the statements whose
    content ends there, the outermost (the one whose content starts first) says it."""
    text = ctx.text
    if not text[q.start : q.start + 1].islower():
        return None
    best: Attribution | None = None
    for att in found:
        if att.kind == "direct" or not att.content or att.content[-1][1] > q.open_at:
            continue
        gap = text[att.content[-1][1] : q.open_at]
        if gap.strip() != "," or "\n" in gap:
            continue
        if best is None or att.content[0][0] < best.content[0][0]:
            best = att
    return best


def from_adjacent_quotes(ctx: Context, found: list[Attribution]) -> list[Attribution]:
    """Quotations no parse link claimed, tied to a cue next to them; split quotes joined."""
    out: list[Attribution] = []
    by_cue = {a.cue.start: a for a in found if a.cue is not None}
    for qi, q in enumerate(ctx.quotes):
        if qi in ctx.used or q.words(ctx.text) < 2:
            continue
        going_on = _continued_content(ctx, q, found)
        if going_on is not None:
            # 'Veldt says the rebels boast of their arms, "but ours are stronger."': more of that content
            going_on.content = sorted([*going_on.content, *q.pieces])
            going_on.kind = "mixed"
            ctx.used.add(qi)
            continue
        hit = _adjacent_cue(ctx, qi)
        if hit is None:
            signed = _signature(ctx, q)
            if signed is not None:
                ctx.used.add(qi)
                out.append(
                    Attribution(
                        kind="direct",
                        cue=signed[0],
                        cue_lemma=signed[0].text,
                        source=signed[1],
                        content=list(q.pieces),
                        confidence=0.6,
                        paragraph=ctx.paragraph_of(q.start),
                    )
                )
            continue
        verb, source = hit
        cue = cue_span(verb, ctx.cues)
        prior = by_cue.get(cue.start)
        if prior is not None and prior.kind == "direct":
            # Split quote: the second half of "...," she said, "..."
            prior.content = sorted([*prior.content, *q.pieces])  # in text order, whichever half came first
            ctx.used.add(qi)
            continue
        if prior is not None:
            continue
        ctx.used.add(qi)
        att = Attribution(
            kind="direct",
            cue=cue,
            cue_lemma=verb_key(verb, ctx.cues),
            source=source,
            content=list(q.pieces),
            confidence=0.8 if source is not None else 0.6,
            paragraph=ctx.paragraph_of(q.start),
        )
        by_cue[cue.start] = att
        out.append(att)
    return out


def carryovers(ctx: Context, found: list[Attribution]) -> list[Attribution]:
    """Quote-only paragraphs right after a quoted speaker: same speaker, no cue."""
    out: list[Attribution] = []
    text = ctx.text
    quoted_paras = {a.paragraph for a in found}
    starts = [a.start for a in found]  # found is in text order
    for qi, q in enumerate(ctx.quotes):
        if qi in ctx.used:
            continue
        p = ctx.paragraph_of(q.open_at)
        # '"A," she said. "B."': a further quotation in the same paragraph, with no
        # cue of its own, goes on with the statement before it.
        k = bisect_left(starts, q.open_at)
        prev = found[k - 1] if k else None
        if prev is not None and prev.paragraph == p and prev.kind == "direct" and prev.cue is not None:
            prev.content.extend(q.pieces)
            ctx.used.add(qi)
            continue
        ps, pe = ctx.paras[p]
        body = sum(1 for ch in text[ps:pe] if not ch.isspace())
        inside = sum(1 for s, e in q.pieces if s < pe for ch in text[s : min(e, pe)] if not ch.isspace())
        if body == 0 or inside / body < 0.8 or (p - 1) not in quoted_paras:
            continue
        ctx.used.add(qi)
        att = Attribution(
            kind="direct",
            cue=None,
            cue_lemma=None,
            source=None,
            content=list(q.pieces),
            confidence=0.6,
            carryover=True,
            paragraph=p,
        )
        out.append(att)
        quoted_paras.add(p + len(q.pieces) - 1)
    return out


_FIRST_PERSON_WORDS = FIRST_PERSON | {"my", "our"}
_FIRST_PERSON_RE = re.compile(r"\b(?:I|[Ww]e|me|us|[Mm]y|[Oo]ur)\b")  # (not "US", the country)


def first_person_paragraphs(ctx: Context, found: list[Attribution]) -> list[Attribution]:
    """A transcript excerpt set without quotation marks: a paragraph whose first sentence speaks in the
    first person as its main subject ("Minister Veldt and I have initialled a border protocol. We also
    settled ...") right after a statement in a speaker's own words (direct or mixed), or after another
    such paragraph (then "me" and "us" go on in the same voice). Only in a text whose writer says "I"
    nowhere else: an essayist's "I" is the writer's. The speaker goes on (a carry-over, resolved like a
    quote-only paragraph)."""
    doc, text = ctx.doc, ctx.text
    # every content and quotation, merged: one bisection a word, not a scan of them all
    spans = [(s, e) for a in found for s, e in a.content] + [(q.open_at, q.close_at) for q in ctx.quotes]
    inside = Coverage(spans)
    # (found on the characters first: most texts have no first-person word of their own)
    hits = {ctx.paragraph_of(m.start()) for m in _FIRST_PERSON_RE.finditer(text) if m.start() not in inside}
    if not hits:
        return []
    own_words = {a.paragraph: a for a in found if a.kind in ("direct", "mixed") and a.source is not None}

    def voiced(t: Token) -> bool:  # a first-person word of the text itself, not of a quote or content
        return t.lower_ in _FIRST_PERSON_WORDS and t.text != "US" and t.idx not in inside

    out: list[Attribution] = []
    writer_speaks = False
    for p in sorted(hits):
        ps, pe = ctx.paras[p]
        span = doc.char_span(ps, pe, alignment_mode="expand")
        toks = [t for t in span or () if not t.is_space]
        if not toks or not any(voiced(t) for t in toks):
            continue
        chained = bool(out) and out[-1].paragraph == p - 1
        first = [t for t in toks if t.sent.start == toks[0].sent.start and voiced(t)]
        before = own_words.get(p - 1)
        if (
            before is not None
            and not any(ctx.in_quote(t) for t in toks)
            and len(text[ps:pe].split()) >= 8
            and any(chained or _main_subject(t) for t in first)
            and (chained or _speaks_as_i(ctx, before, found))
            and not _names(toks, before)
        ):
            out.append(
                Attribution(
                    kind="direct",
                    cue=None,
                    cue_lemma=None,
                    source=None,
                    content=[(ps, pe)],
                    confidence=0.5,
                    carryover=True,
                    paragraph=p,
                )
            )
            own_words[p] = before
        else:
            writer_speaks = True
    return [] if writer_speaks else out


def _speaks_as_i(ctx: Context, before: Attribution, found: list[Attribution]) -> bool:
    """Whether the words quoted in the paragraphs up to ``before`` (three at most) say "I" or "we": the
    voice a transcript excerpt goes on in."""
    for att in found:
        if att.kind == "indirect" or not before.paragraph - 2 <= att.paragraph <= before.paragraph:
            continue
        for s, e in att.content:
            words = (w.strip(".,;:!?\"'“”‘’()").lower() for w in ctx.text[s:e].split())
            if any(w in _FIRST_PERSON_WORDS for w in words):
                return True
    return False


def _names(toks: list[Token], before: Attribution) -> bool:
    """Whether the paragraph names the speaker of ``before`` (then it is not them speaking: "I have
    covered Kalden for a decade")."""
    names = {t.lower_ for t in before.source or () if t.pos_ == "PROPN"}
    return any(t.lower_ in names for t in toks)


def _main_subject(t: Token) -> bool:
    """ "I just signed", "Chairman Veldt and I signed", "we also agreed": "I" or "we" as the subject of
    the sentence's main verb (not "everyone I interviewed", a relative clause)."""
    if t.lower_ not in FIRST_PERSON_SUBJECTS:
        return False
    subj = t.head if t.dep_ == "conj" else t
    verb = subj.head
    return subj.dep_ in ("nsubj", "nsubjpass") and (
        verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
    )


_SPEAKER_LABEL = re.compile(r"([\"“”']?)([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4}):[ \u00a0]+(?=\S)")

_SPEAKING_ENTS = frozenset({"PERSON", "ORG", "NORP"})


def from_speaker_labels(ctx: Context) -> tuple[list[Attribution], set[int]]:
    """Transcript and headline labels: ``WALLACE: ...``, ``Veldt: No talks while threats go on``."""
    out: list[Attribution] = []
    claimed: set[int] = set()
    text = ctx.text
    people = {
        t.text for e in ctx.doc.ents if e.label_ == "PERSON" for t in e
    }  # "Veldt:" once named elsewhere
    places = {s for s, _ in datelines(text, ctx.paras)}
    for n, (ps, pe) in enumerate(ctx.paras):
        m = _SPEAKER_LABEL.match(text, ps, pe)
        if m is None or m.start(2) in places:  # "TARSK: ..." is a dateline, not a speaker's label
            continue
        label = m.group(2)
        if label.lower() in ctx.cues.not_speakers or len(label) < 2:
            continue
        src = ctx.doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if src is None or any(t.pos_ in ("VERB", "AUX") and not t.is_upper for t in src):
            continue
        # A transcript label (WALLACE:) or a named speaker (Anaya Veldt:), not a place or thing
        # (Kelvik Bridge:).
        if not (
            all(t.is_upper or t.is_punct for t in src)
            or any(t.ent_type_ in _SPEAKING_ENTS for t in src)
            or src[-1].text in people
        ):
            continue
        cs, ce = m.end(), pe
        while ce > cs and text[ce - 1] in MARKS_AND_SPACE:
            ce -= 1
        if len(text[cs:ce].split()) < 2:
            continue
        colon = m.end(2)
        cue = ctx.doc.char_span(colon, colon + 1, alignment_mode="expand")
        claimed.add(n)
        out.append(
            Attribution(
                kind="direct" if m.group(1) or n > 0 else "indirect",
                cue=cue,
                cue_lemma=":",
                source=src,
                content=[(cs, ce)],
                confidence=0.6,
                paragraph=n,
            )
        )
    return out, claimed


def _signature(ctx: Context, q: Quote) -> tuple[Span, Span] | None:
    """A quotation signed with a dash: ``"..." ― Carla Mendes`` → (dash, name)."""
    text = ctx.text
    i = q.close_at
    while i < len(text) and text[i] in " \u00a0":
        i += 1
    if i >= len(text) or text[i] not in "―—–-":
        return None
    j = i + 1
    while j < len(text) and text[j] in "-― \u00a0":
        j += 1
    end = text.find("\n", j)
    end = len(text) if end < 0 else end
    name_end = j
    while name_end < end and text[name_end] not in ",;(\n":
        name_end += 1
    name = text[j:name_end].strip().rstrip(".")
    if not name or not name[0].isupper() or len(name.split()) > 5:
        return None
    dash = ctx.doc.char_span(i, j, alignment_mode="expand")
    src = ctx.doc.char_span(j, j + len(name), alignment_mode="expand")
    if dash is None or src is None:
        return None
    return ctx.doc[dash.start : dash.start + 1], src
