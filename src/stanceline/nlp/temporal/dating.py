"""When was each statement made? (``said_on``)

Pure functions over a parsed Doc, its attributions (:mod:`.clauses`) and its
temporal expressions (:mod:`.timex`). For each statement, in text order:

* ``explicit`` — a date expression hangs on the cue in the parse, outside the
  content: ``Veldt said on Tuesday``, ``Last August, Veldt told ...``, ``In a speech
  on March 3, Veldt said``, ``in a 2013 speech``, ``Veldt's remarks on Sunday``. A date
  inside the content ("we will sign in 2022") is what was said, not when.
* ``context`` — the scene set earlier carries over: an explicit date of the same
  speaker's previous statement (``He said ...`` after ``Mensk told reporters on
  Monday``), or a scene sentence (``The shift came in a televised address on Sunday
  evening``) followed by the statements made there, or ``at the same rally``.
  A statement by someone else ends the scene, but for a reply (``Kalden shot back``).
  Only the month is known of a statement recalled inside another's content (``his
  warning``), of a reply, of one in a clause of time apart from the scene (``days after
  Tarsk said``), of ``earlier`` and of a past perfect (``had said``, but not ``had
  maintained``); only the year of ``previously`` and ``until recently``.
* ``publication`` — otherwise: made on or before the publication date.

The value is fixed later against the publication date (:func:`.said_on.resolve_said_on`),
so the component needs none; without a publication date a relative date stays
``None`` and a statement with no date at all is ``unknown``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Token

from ...config import TemporalWords, load_temporal_words
from ..attribution import Attribution
from ..lexicon import THIRD_PERSON_PEOPLE
from ..text import Coverage, Holders, doc_text, find_quotes, paragraphs
from .anchors import (
    apart_in_time,
    backgrounded,
    can_date,
    cue_targets,
    follows_cue,
    fronted,
    hangs_on,
    inside,
    is_point,
    occasion_owner,
    pluperfect_cue,
    points_back,
    present_cue,
    reacts,
    root_of,
    scene_noun,
    standing,
    subject_extent,
)
from .said_on import DatingDraft, looking_back
from .timex import TimexDraft


class _Scene(NamedTuple):
    """The date a statement set for those after it: the expression, the speaker (actor key), the paragraph
    and the source as written."""

    timex: TimexDraft | None  # None: only whose it is (a speaker to compare with)
    actor: str | None
    paragraph: int
    source: str
    month: bool = False  # only its month is known

    @classmethod
    def of(cls, timex: TimexDraft, att: Attribution, month: bool = False) -> _Scene:
        return cls(timex, att.actor, att.paragraph, att.source.text if att.source is not None else "", month)


def _same_speaker(att: Attribution, scene: _Scene) -> bool:
    """Is ``att`` by the speaker of the scene? The same actor; or, in the scene's paragraph, a
    pronoun or a name already in the scene's source (``the economist Ruth Anselm`` ... ``said
    Anselm``) — where the speakers component may have resolved them apart."""
    actor, para, source = scene.actor, scene.paragraph, scene.source
    if att.actor is not None and actor == att.actor:
        return True
    if _named_by(att, actor):
        return True
    if att.paragraph != para or att.source is None or not source:
        return False
    words = att.source.text.lower().split()
    if not words:
        return False
    if words[-1] in THIRD_PERSON_PEOPLE:
        # A pronoun the speakers component gave to someone else is someone else.
        return att.actor is None or actor is None
    return len(words[-1]) > 2 and words[-1] in source.lower().split()


def _named_by(att: Attribution, actor: str | None) -> bool:
    """Is the statement's source a bare name of the actor ("Veldt said" after "Prime Minister Anaya Veldt
    said"), whatever the speakers component made of it?"""
    if actor is None or att.source is None or len(att.source) != 1:
        return False
    word = att.source[0]
    return word.pos_ == "PROPN" and len(word) > 2 and word.lower_ in actor.split(":")[-1].split()


@dataclass
class _Article:
    """What dating reads from one article, found once: the nouns of occasions, the dates that are
    points in time and the token each hangs from, every content span, the quotations, paragraph
    starts, each actor's mentions, and the scenes (see :func:`_scenes`).

    Indexed so that each statement looks only at its own sentence and every "inside some content?"
    is a bisection: linear in the article's length, where a loop over every date for every statement
    took minutes on a long article."""

    occasions: frozenset[str]
    points: list[TimexDraft]
    roots: dict[int, Token | None]  # id(timex) -> its root token
    all_content: list[tuple[int, int]]
    quoted: Coverage  # the quotations' pieces, merged
    para_starts: list[int]
    mentions: dict[object, list[tuple[int, int]]]  # actor key -> mention extents
    noun_scenes: list[TimexDraft] = field(default_factory=list)
    subject_scenes: list[tuple[TimexDraft, tuple[int, int]]] = field(default_factory=list)
    owned_scenes: list[tuple[TimexDraft, tuple[int, int]]] = field(default_factory=list)
    by_sentence: dict[int, list[TimexDraft]] = field(default_factory=dict)  # sentence start -> its points
    covered: Coverage = field(default_factory=Coverage)  # all_content merged
    hosts: Holders = field(default_factory=Holders)  # all_content, each piece its own owner
    # paragraph -> (list, position in it) of the scenes that start there, for scenes_near
    by_paragraph: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def paragraph_of(self, char: int) -> int:
        return max(0, bisect_right(self.para_starts, char) - 1)

    def scenes_near(self, paragraph: int) -> tuple[list, list, list]:
        """The noun, subject and owned scenes (in the order of those lists) that start in ``paragraph`` or
        the one before: the only ones :func:`_scene_date` can take for a statement there."""
        found: tuple[list, list, list] = ([], [], [])
        lists = (self.noun_scenes, self.subject_scenes, self.owned_scenes)
        here = self.by_paragraph.get(paragraph - 1, []) + self.by_paragraph.get(paragraph, [])
        for which, n in sorted(here):
            found[which].append(lists[which][n])
        return found

    def in_content(self, char: int) -> bool:
        """Whether ``char`` lies inside some statement's content (``inside(char, all_content)``)."""
        return char in self.covered


def _read_article(
    doc: Doc,
    statements: Sequence[Attribution],
    timexes: Sequence[TimexDraft],
    actors: Sequence[object],
    words: TemporalWords,
) -> _Article:
    points = [t for t in timexes if is_point(t)]
    text = doc_text(doc)
    paras = paragraphs(text)
    article = _Article(
        occasions=words.occasions,
        points=points,
        roots={id(t): root_of(doc, t) for t in points},
        all_content=[span for a in statements for span in a.content],
        quoted=Coverage((piece for q in find_quotes(text, paras) for piece in q.pieces) if points else ()),
        para_starts=[s for s, _ in paras],
        mentions={getattr(a, "key", None): list(getattr(a, "mentions", ())) for a in actors},
    )
    article.covered = Coverage(article.all_content)
    article.hosts = Holders((s, e, (s, e)) for s, e in article.all_content)
    for t in points:
        tok = article.roots[id(t)]
        if tok is not None:
            article.by_sentence.setdefault(tok.sent.start, []).append(t)
    _scenes(article)
    return article


def _scenes(article: _Article) -> None:
    """Dates that set a scene: outside every content, on an occasion noun ("in a televised address on
    Sunday evening": anyone's), or on a sentence's main verb (whose subject it is)."""
    for t in article.points:
        tok = article.roots[id(t)]
        if tok is None or not can_date(tok):
            continue
        noun = scene_noun(tok, article.occasions)
        owner = occasion_owner(noun, t) if noun is not None else None
        if owner is not None:  # "Veldt's annual New Year's address": Veldt's scene, even in what was said
            article.owned_scenes.append((t, (owner.idx, owner.idx + len(owner))))
        if article.in_content(t.start):
            continue
        if noun is not None:
            article.noun_scenes.append(t)
        subj = subject_extent(tok)
        if subj is not None:
            article.subject_scenes.append((t, subj))
    for which, items in enumerate((article.noun_scenes, article.subject_scenes, article.owned_scenes)):
        for n, item in enumerate(items):
            start = item.start if isinstance(item, TimexDraft) else item[0].start
            article.by_paragraph.setdefault(article.paragraph_of(start), []).append((which, n))


def _hanging_date(att: Attribution, cue: Token, article: _Article) -> TimexDraft | None:
    """The date nearest the cue, in its sentence, that hangs on it (or is fronted before it) and lies
    outside every content but the statement's own indirect one."""
    targets = cue_targets(cue)
    # a statement reported inside another's content ("Veldt said Kalden told her on Friday ...") is
    # dated in that content
    hosting = []
    if article.in_content(cue.idx):  # (one bisection first: most cues lie in no content)
        hosting = list(article.hosts.owners(cue.idx))  # (the contents around the cue, not all of them)
    best: tuple[int, TimexDraft] | None = None
    for t in article.by_sentence.get(cue.sent.start, ()):
        tok = article.roots[id(t)]
        assert tok is not None
        own = inside(t.start, att.content)
        if (own and att.kind == "direct") or (
            not own and article.in_content(t.start) and not inside(t.start, hosting)
        ):
            continue
        if not can_date(tok):
            continue
        if (
            any(hangs_on(tok, target, article.quoted) for target in targets)
            or (not own and fronted(tok, cue))
            or follows_cue(tok, t.start, cue)
        ):
            dist = abs(tok.i - cue.i)
            if best is None or dist < best[0]:
                best = (dist, t)
    return best[1] if best else None


def _occasion_date(att: Attribution, cue: Token, article: _Article) -> TimexDraft | None:
    """``a televised address in which Veldt said``: the date of the address (the last date before the
    cue in its sentence)."""
    if cue.dep_ != "relcl" or scene_noun(cue.head, article.occasions) is None:
        return None
    found = None
    for t in article.by_sentence.get(cue.sent.start, ()):
        if t.start < att.cue.start_char and not article.in_content(t.start):
            found = t
    return found


def _explicit_date(att: Attribution, cue: Token, article: _Article) -> TimexDraft | None:
    return _hanging_date(att, cue, article) or _occasion_date(att, cue, article)


def _scene_date(
    att: Attribution, current: _Scene | None, used: set[int], article: _Article
) -> TimexDraft | None:
    """The latest scene before this statement, in its paragraph or the one before: the speaker's own
    scene, an occasion, a sentence whose subject names the speaker, or an occasion the speaker's."""
    here = att.start
    candidates: list[TimexDraft] = []
    if current is not None and _same_speaker(att, current):
        candidates.append(current.timex)

    def near(t: TimexDraft) -> bool:
        return t.start < here and 0 <= att.paragraph - article.paragraph_of(t.start) <= 1

    nouns, subjects, owners = article.scenes_near(att.paragraph)
    candidates += [t for t in nouns if id(t) not in used and near(t)]
    own_mentions = article.mentions.get(att.actor, []) if att.actor is not None else []
    # a sentence whose subject is the speaker; an occasion that is the speaker's, even one that dated
    # another statement ("..., reported the daily, of Veldt's New Year's address")
    held = [(t, ext, False) for t, ext in subjects]
    held += [(t, ext, True) for t, ext in owners]
    for t, (ss, se), owned in held:
        if (owned or id(t) not in used) and near(t) and any(ms < se and me > ss for ms, me in own_mentions):
            candidates.append(t)
    return max(candidates, key=lambda t: t.start) if candidates else None


def date_statements(
    doc: Doc,
    statements: Sequence[Attribution],
    timexes: Sequence[TimexDraft],
    actors: Sequence[object] = (),
    *,
    words: TemporalWords | None = None,
) -> list[DatingDraft]:
    """The dating draft of every statement, in the statements' order.

    Args:
        doc: The parsed Doc.
        statements: Its attributions (speakers resolved, so ``actor`` is set).
        timexes: Its temporal expressions (:func:`.timex.find_timex_drafts`).
        actors: The speakers component's actor drafts (``key``, ``mentions``), to tell
            whose scene a sentence sets (``Mensk went further earlier this month.``).
        words: The words of ``data/temporal.txt`` (:func:`stanceline.config.load_temporal_words`):
            occasions, replies, standing positions, undated occasions; ``None``: the shipped ones.

    Returns:
        One :class:`DatingDraft` per statement.
    """
    words = words if words is not None else load_temporal_words()
    article = _read_article(doc, statements, timexes, actors, words)
    out: list[DatingDraft] = [DatingDraft("publication")] * len(statements)
    scenes: list[_Scene] = []  # each speaker's latest scene, the newest last
    used: set[int] = set()  # ids of the expressions that date a statement explicitly
    done: list[int] = []  # the statements dated so far, in text order
    for i in sorted(range(len(statements)), key=lambda i: statements[i].start):
        att = statements[i]
        cue = att.cue.root if att.cue is not None else None
        explicit = _explicit_date(att, cue, article) if cue is not None else None
        # only a cue inside some content can have a host: the index answers that in one bisection, and the
        # search over the statements dated so far stays off the long articles' quadratic path
        inner = att.cue is not None and article.in_content(att.cue.start_char)
        host = _host(att, statements, done) if inner else _governing(att, statements, done)
        done.append(i)
        if explicit is not None:
            used.add(id(explicit))
            explicit = looking_back(explicit)
            out[i] = DatingDraft("explicit", explicit)
            if not backgrounded(cue):
                _set_scene(scenes, _Scene.of(explicit, att))
        elif host is not None and (att.source is None or out[host].timex is not None):
            out[i] = _nested(att, out[host], scenes, statements[host])
        elif cue is not None and (report := _report_date(att, cue, article)) is not None:
            out[i] = _nested(att, DatingDraft("explicit", looking_back(report)), scenes)
        elif cue is not None and (vague := _undated(cue, words)) is not None:
            # "Veldt previously said", "Until recently, officials insisted": an earlier occasion, not the
            # scene's day
            out[i] = vague
        elif cue is not None and present_cue(cue):
            # "She now says ...", "he has said": today's position, not the earlier scene's
            _drop_scene(scenes, att)
        elif (
            cue is not None
            and pluperfect_cue(cue)
            and not standing(cue, words.standing)
            and _speaker_scene(scenes, att) is None
        ):
            # "had said": before the events reported, on a day not given
            out[i] = DatingDraft("context", None, month=True)
        else:
            out[i] = (
                _context(att, cue, scenes, used, article, words) or _reply(att, cue, scenes, words) or out[i]
            )
    _forward_scenes(statements, done, out)
    return out


def _undated(cue: Token, words: TemporalWords) -> DatingDraft | None:
    """An adverbial of the cue that places it on an earlier occasion, on a day not given: in the
    publication month ("Veldt earlier told ...") or year ("Veldt previously said")."""
    targets = cue_targets(cue)
    if any(points_back(t, words.undated_year) for t in targets):
        return DatingDraft("context", None, year=True)
    if any(points_back(t, words.undated_month) for t in targets):
        return DatingDraft("context", None, month=True)
    return None


def _forward_scenes(statements: Sequence[Attribution], order: Sequence[int], out: list[DatingDraft]) -> None:
    """A statement left undated takes the date of the speaker's next statement when that one, in the same
    or the next paragraph, is dated explicitly by a day of the week or ``yesterday``: a lead that sums up
    ("Kalden called the deal a triumph") before the quote and its date ("... ," Kalden said on Friday).
    An older date there ("Last year, Kalden said the opposite") is a contrast, not the lead's date."""
    for k, i in enumerate(order):
        if out[i].basis != "publication":
            continue
        att = statements[i]
        for j in order[k + 1 :]:
            nxt = statements[j]
            if nxt.paragraph - att.paragraph > 1:
                break
            if not (
                _same_speaker(nxt, _Scene(None, att.actor, att.paragraph, _source(att)))
                or _named_by(att, nxt.actor)
            ):
                continue
            t = out[j].timex
            # dated by a day of its own, or by the day of the report it is the content of (its month)
            if (
                (out[j].basis == "explicit" or out[j].month)
                and t is not None
                and t.rule[:1] in (("weekday",), ("day",))
            ):
                out[i] = DatingDraft("context", t, month=out[j].month)
            break


def _source(att: Attribution) -> str:
    return att.source.text if att.source is not None else ""


def _report_date(att: Attribution, cue: Token, article: _Article) -> TimexDraft | None:
    """The date of the report the statement is the content of, when the report is no statement of its
    own: "Kalden said he was ready, the agency reported on Saturday" (the parser hangs the report on
    the cue, or the cue on the report)."""
    reports = [c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i and c.tag_ in ("VBD", "VBN")]
    reports = [c for c in reports if any(s.dep_ == "nsubj" for s in c.children)]
    if cue.dep_ == "ccomp" and cue.head.pos_ == "VERB":
        reports.append(cue.head)
    for verb in reports:
        t = _hanging_date(att, verb, article)
        if t is not None and not inside(t.start, att.content):
            return t
    return None


def _nested(
    att: Attribution, host: DatingDraft, scenes: list[_Scene], host_att: Attribution | None = None
) -> DatingDraft:
    """A statement inside another's content. With no source of its own ("Veldt said on Monday *it was
    hoped* that ...") it is the outer one's; another speaker's ("Kalden said he was ready, the agency
    reported on Saturday"), or an earlier one the speaker recalls ("Veldt said on Monday his warning
    was not enough"), was made by then, in a month known, on a day not given. A recalled statement
    leaves the speaker's scene the host's day."""
    if att.source is None or host.timex is None:
        return host
    if host_att is None or not _same_speaker(
        att, _Scene(None, host_att.actor, host_att.paragraph, _source(host_att))
    ):
        _set_scene(scenes, _Scene.of(host.timex, att, month=True))
    return DatingDraft("context", host.timex, month=True)


def _context(
    att: Attribution,
    cue: Token | None,
    scenes: list[_Scene],
    used: set[int],
    article: _Article,
    words: TemporalWords,
) -> DatingDraft | None:
    """The date of the scene the statement belongs to: the one it points back to ("at the time"), or
    the speaker's, an occasion's or a sentence's before it (:func:`_scene_date`). A cue in a clause
    of time before or after the scene ("the talks on Saturday came days after Tarsk said ...") knows
    only its month, and sets no scene."""
    back = points_back(cue, words.anaphoric) if cue is not None else False
    own = scenes[-1] if back and scenes else _speaker_scene(scenes, att)
    scene = own.timex if back and own is not None else _scene_date(att, own, used, article)
    if scene is None:
        return None
    if cue is not None and apart_in_time(cue):
        return DatingDraft("context", scene, month=True)
    month = own is not None and own.month and scene is own.timex
    _set_scene(scenes, _Scene.of(scene, att, month))
    return DatingDraft("context", scene, month)


def _reply(
    att: Attribution, cue: Token | None, scenes: list[_Scene], words: TemporalWords
) -> DatingDraft | None:
    """A reply with no date of its own, in a main clause, after another speaker's dated statement in its
    paragraph ("On Monday, Veldt declared the talks dead. Kalden shot back, warning ..."): made after
    it, in the scene's month, on a day not given; it becomes the speaker's scene. Any other statement by
    someone else ends the scene (the publication date)."""
    if cue is None or backgrounded(cue) or not reacts(cue, words.reactions):
        return None
    for scene in reversed(scenes):
        if scene.timex is not None and scene.paragraph == att.paragraph and not _same_speaker(att, scene):
            _set_scene(scenes, _Scene.of(scene.timex, att, month=True))
            return DatingDraft("context", scene.timex, month=True)
    return None


def _host(att: Attribution, statements: Sequence[Attribution], done: Sequence[int]) -> int | None:
    """The statement already dated whose content holds this one's cue (and source): one with no source
    of its own ("Veldt said on Monday *it was hoped* that ..."), or an earlier statement the host reports
    ("Veldt said on Monday that *his warning* ... was not enough", "Veldt said on Sunday the talks were
    useful, despite *Tarsk describing* them as a failure")."""
    if att.cue is None:
        return None
    marks = [att.cue.start_char]
    if att.source is not None:
        marks.append(att.source.start_char)
    for j in reversed(done):
        other = statements[j]
        if other is not att and all(any(s <= at < e for s, e in other.content) for at in marks):
            return j
    return None


def _governing(att: Attribution, statements: Sequence[Attribution], done: Sequence[int]) -> int | None:
    """The statement whose clause takes this one's cue as the object of a preposition, outside its content:
    "Veldt said on Sunday the talks were useful, despite *Tarsk describing* them as a failure" (attribution
    leaves the adverbial out of Veldt's content: it is Tarsk's speech, reported in Veldt's scene). Only the
    last few statements dated can govern: they are the ones in the sentence."""
    if att.cue is None:
        return None
    cue = att.cue.root
    if cue.dep_ != "pcomp" or cue.head.dep_ != "prep":  # "despite / after / before X describing ..."
        return None
    roots = {statements[j].cue.root.i: j for j in done[-4:] if statements[j].cue is not None}
    for up in (cue.head.head, *cue.head.head.ancestors):  # the clause the adverbial hangs on, and up
        if up.i in roots:
            return roots[up.i]
    return None


def _speaker_scene(scenes: Sequence[_Scene], att: Attribution) -> _Scene | None:
    for scene in reversed(scenes):
        if _same_speaker(att, scene):
            return scene
    return None


def _drop_scene(scenes: list[_Scene], att: Attribution) -> None:
    scenes[:] = [s for s in scenes if not _same_speaker(att, s)]


def _set_scene(scenes: list[_Scene], scene: _Scene) -> None:
    """The speaker's new scene replaces the speaker's old one."""
    scenes[:] = [s for s in scenes if not (s.actor is not None and s.actor == scene.actor)]
    scenes.append(scene)
