"""The grammar of an event in the parse: its trigger (a verb or an event noun of the vocabulary), who did it
(the subject; the "by" agent of a passive; the possessor of a noun), to whom (the object, a prepositional
target), where ("in X"), and whether it is said not to have happened or only meant, feared or asked about.

Pure functions over spaCy tokens and :class:`~.vocabulary.EventWords`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .senses import not_an_act, only_a_clause, only_when, stranded
from .vocabulary import VERBAL_TYPES, EventWord, EventWords

# Modals and auxiliaries of the future or the hypothetical ("would attack", "could meet", "will sign").
MODALS = frozenset(
    {"will", "would", "could", "might", "may", "can", "shall", "should", "must", "'ll", "wo", "ca"}
)
FUTURE = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Prepositions that lead to whom an event is done ("sanctions on Tarsk", "talks with Ostland").
TARGET_PREPS = frozenset(
    {"on", "against", "with", "to", "at", "into", "toward", "towards", "upon", "for", "from"}
)
LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_ENTS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
# Dependents that hold what a verb says, asks or promises: an event inside them is its content.
# Nouns whose event an undoing verb takes back ("lifted the sanctions", "met the demands").
UNDONE_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "REQUEST", "THREATEN"})
COMPLEMENTS = frozenset({"dobj", "xcomp", "ccomp", "prep", "dative", "attr", "oprd", "pcomp", "acomp", "obj"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "us", "me"})
POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Marks of a clause of time that sets a condition when the clause it hangs on is still to come ("will sign
# once the sanctions are lifted", "would not talk until Tarsk withdrew", "will not talk while they threaten
# us"); of a past clause they tell when.
PENDING_MARKS = frozenset({"once", "until", "till", "while", "provided", "providing"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word of the vocabulary in an event's position: the word, its entry, and for a noun the verb that
    carries it ("imposed" of "imposed sanctions"), if any."""

    token: Token
    word: EventWord
    noun: bool
    light: Token | None = None  # the light or undoing verb of a noun trigger
    particle: Token | None = None  # the particle or preposition of a phrasal entry ("pull out", "call for")

    @property
    def verb(self) -> Token:
        """The verb whose clause holds the event: the trigger verb, or a noun's light verb (or the noun)."""
        return self.light if self.light is not None else self.token


def verb_lemma(tok: Token, known: dict | frozenset) -> str:
    """The verb's lemma, or the form its inflection gives when the model's lemma is not a known word
    ("staged" lemmatised "stag" is "stage")."""
    lemma = tok.lemma_.lower()
    if lemma in known or tok.tag_ not in ("VBD", "VBN", "VBZ", "VBG"):
        return lemma
    low = tok.lower_
    if low.endswith("ed"):
        bases: tuple[str, ...] = (low[:-1], low[:-2])
    elif low.endswith("ing"):
        bases = (low[:-3] + "e", low[:-3])
    elif low.endswith("s"):
        bases = (low[:-1],)
    else:
        bases = ()
    return next((b for b in bases if b in known), lemma)


# Dependents whose lemma makes a phrase with its verb in [verbs] ("shake hands", "hold ... responsible").
_PHRASE_WORDS = frozenset({"dobj", "obj", "oprd", "acomp", "ccomp"})


def verb_entry(tok: Token, words: EventWords) -> tuple[EventWord, Token | None] | None:
    """The vocabulary entry of a verb: with its object's or predicate's lemma ("shake hand"), particle or
    preposition first ("pull out"), then bare."""
    if tok.pos_ not in ("VERB",) and not (tok.pos_ == "AUX" and tok.dep_ != "aux"):
        return None
    lemma = verb_lemma(tok, words.verbs)
    has_object = any(c.dep_ in ("dobj", "obj") for c in tok.children)
    for child in tok.rights:
        if child.dep_ in _PHRASE_WORDS:  # "shook hands", "returned fire", "holds Velmora responsible"
            hit = words.verbs.get(f"{lemma} {child.lemma_.lower()}")
            if hit is not None:
                return hit, child
        phrasal = child.dep_ in ("prt", "agent")
        if phrasal or (child.dep_ == "prep" and not only_when(child) and not stranded(child)):
            hit = words.verbs.get(f"{lemma} {child.lower_}")
            # "withdrew from the accord", but "withdrew its troops from the valley" is the bare verb's
            if hit is not None and not (child.dep_ == "prep" and has_object and lemma in words.verbs):
                return hit, child
    hit = words.verbs.get(lemma)
    return (hit, None) if hit is not None else None


def noun_entry(tok: Token, words: EventWords) -> EventWord | None:
    """The vocabulary entry of a noun: with its modifier first ("hunger strike"), then bare."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = tok.lemma_.lower()
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "nmod"):
            hit = words.nouns.get(f"{child.lower_} {lemma}")
            if hit is not None:
                return hit
    return words.nouns.get(lemma) or words.nouns.get(tok.lower_)


def has_object(verb: Token) -> bool:
    """Does a verb have a direct object, a passive subject or a prepositional target (a participle, the noun
    it describes: "the treaty, signed in 2019")? An infinitive is no object ("helped draft the text")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative", "obj", "ccomp"):
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in TARGET_PREPS | {"of", "over"}
            and any(g.dep_ in ("pobj", "pcomp") for g in child.children)
        ):
            return True
    return False


def carrier(noun: Token, words: EventWords) -> Token | None:
    """The light or undoing verb a noun is the object of ("launched an attack", "lifted the sanctions")."""
    head = noun.head
    if noun.dep_ == "conj":  # "imposed sanctions and a blockade"
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        noun = head
        head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "obj") and head.pos_ in ("VERB", "AUX"):
        lemma = verb_lemma(head, words.light_verbs | frozenset(words.undoing_verbs))
        phrasal = next((f"{lemma} {c.lower_}" for c in head.children if c.dep_ == "prt"), None)
        for name in (phrasal, lemma):
            if name and (name in words.light_verbs or name in words.undoing_verbs):
                return head
    verb = head.head  # "return to talks": a light verb with its preposition
    if noun.dep_ == "pobj" and head.dep_ == "prep" and verb.pos_ == "VERB":
        lemma = verb_lemma(verb, words.light_verbs)
        if f"{lemma} {head.lower_}" in words.light_verbs:
            return verb
    return None


def eventive(noun: Token, verbal: bool = True) -> bool:
    """Does a noun name its own parties ("Tarsk's attack", "an attack by rebels", "sanctions on Tarsk",
    "talks between Tarsk and Velmora")?"""
    for child in noun.children:
        if child.dep_ in ("poss", "agent"):
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in ("by", "on", "against", "with", "from", "between")
            and (verbal or child.lower_ != "from")  # "a withdrawal from the valley": a place, not a party
            and any(g.dep_ == "pobj" for g in child.children)
        ):
            return True
    return False


def find_triggers(sent, words: EventWords) -> list[Trigger]:
    """Every trigger of a sentence, in token order: verbs of ``[verbs]`` (those tagged ``object`` only with
    an object or a target) and nouns of ``[nouns]`` in an event's position."""
    out: list[Trigger] = []
    undone: dict[int, Trigger] = {}
    for tok in sent:
        found = verb_entry(tok, words)
        if found is not None:
            word, particle = found
            if (
                ("object" not in word.tags or (has_object(tok) and not only_a_clause(tok, word)))
                and not _anonymity(tok, word)
                and not not_an_act(tok, word, verb_lemma(tok, words.verbs), words)
            ):
                out.append(Trigger(tok, word, False, None, particle))
            continue
        noun = noun_entry(tok, words)
        if noun is None:
            continue
        light = carrier(tok, words)
        if light is not None:
            undo = _undoing(light, words)
            if undo is not None:
                if noun.type in UNDONE_TYPES and light.i not in undone:
                    undone[light.i] = Trigger(light, undo, False, None, None)
                    out.append(undone[light.i])
                continue
            out.append(Trigger(tok, noun, True, light))
        elif eventive(tok, noun.type in VERBAL_TYPES):
            out.append(Trigger(tok, noun, True, None))
    # An undoing verb is that, whatever else the verb is ("accepted the demands" is no AGREE).
    return [t for t in out if t.token.i not in undone or t is undone[t.token.i]]


def _anonymity(verb: Token, word: EventWord) -> bool:
    """A request not to be named ("asked not to be identified") is about the report, not an event; nor is
    the reporter's question that opens a sentence ("Asked whether ..., she said ...")."""
    if word.type != "REQUEST":
        return False
    if (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and not any(c.dep_ in SUBJECTS | {"agent"} for c in verb.children)
    ):
        return True
    return any(
        c.dep_ == "xcomp"
        and any(g.dep_ == "neg" for g in c.children)
        and any(g.dep_ == "auxpass" for g in c.children)
        for c in verb.children
    )


def _undoing(verb: Token, words: EventWords) -> EventWord | None:
    lemma = verb_lemma(verb, frozenset(words.undoing_verbs))
    phrasal = next((f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt"), None)
    return (words.undoing_verbs.get(phrasal) if phrasal else None) or words.undoing_verbs.get(lemma)


def resolve_overlaps(triggers: list[Trigger]) -> list[Trigger]:
    """One event per verb: a noun carried by a verb that is itself an event ("signed an accord", "struck a
    deal") goes with the verb when the verb is a thing said (verbal types), else the noun wins."""
    by_verb = {t.token.i: t for t in triggers if not t.noun}
    drop: set[int] = set()
    for t in triggers:
        if t.noun and t.light is not None and t.light.i in by_verb:
            verb = by_verb[t.light.i]
            if verb.word.type in VERBAL_TYPES and "weak" not in verb.word.tags:
                drop.add(id(t))
            else:
                drop.add(id(verb))
    return [t for t in triggers if id(t) not in drop]


#: The entry of a request read from an obligation reported ("said that Tarsk must withdraw").
OBLIGATION = EventWord("REQUEST", None, frozenset({"weak"}))


def obligations(sent) -> list[Trigger]:
    """Requests said as obligations: a reported clause with "must" or "should" ("Velmora said Tarsk must
    withdraw" is Velmora's REQUEST to Tarsk). The trigger is the modal; its "light" verb the reporting
    verb."""
    out = []
    for tok in sent:
        if tok.dep_ != "aux" or tok.lower_ not in ("must", "should"):
            continue
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ == "have") for c in tok.head.children):
            continue  # "should have begun a year ago" reproaches the past: it asks nothing of anyone
        clause = tok.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:  # "had failed and should be lifted"
            clause = clause.head
        if clause.dep_ == "ccomp" and clause.head.pos_ in ("VERB", "AUX"):
            out.append(Trigger(tok, OBLIGATION, False, clause.head))
        elif clause.dep_ == "ROOT":  # a quoted sentence: the speaker of its statement asks (coder)
            out.append(Trigger(tok, OBLIGATION, False, None))
    return out


def inside_complement(tok: Token, of: Token) -> bool:
    """Is ``tok`` in the complement of ``of`` (its object, clause, infinitive), not its subject or a
    coordinated clause?"""
    climb = tok
    while climb.head.i != climb.i:
        if climb.head.i == of.i:
            return climb.dep_ in COMPLEMENTS
        climb = climb.head
    return False


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The subject of a verb's event, and whether the clause is passive (the subject is then the target).

    Climbs through infinitives and coordination ("agreed to set up", "met and signed") and reads a
    relative clause's head noun ("troops that crossed the border").
    """
    tok = verb
    for _ in range(6):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.tag_ in ("WDT", "WP") and tok.dep_ in ("relcl", "acl"):
                    return tok.head, passive
                return child, passive
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head, tok.tag_ == "VBN"
        if tok.dep_ in ("xcomp", "conj", "advcl") and tok.head.i != tok.i:
            if tok.dep_ == "xcomp":  # object control: "urged Tarsk to withdraw" -> Tarsk withdraws
                obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None:
                    return obj, False
            tok = tok.head
            continue
        return None, passive
    return None, False


def agent_of(verb: Token) -> Token | None:
    """The "by" agent of a passive verb or an event noun."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def actor_like(tok: Token, sectors: dict[str, str]) -> bool:
    """Could this word name someone: a person, an organisation, a state, a pronoun, a sector noun?"""
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"):
        return False
    if tok.ent_type_ in ACTOR_ENTS or tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ in PERSONAL_PRONOUNS
    low = tok.lemma_.lower()
    return (
        low in sectors
        or tok.lower_ in sectors
        or any(
            c.dep_ in ("compound", "amod") and (c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN")
            for c in tok.lefts
        )
    )


def prep_target(head: Token, sectors: dict[str, str], skip: Token | None = None) -> Token | None:
    """The object of a target preposition of ``head`` that names someone ("on Tarsk", "with Ostland")."""
    for child in head.children:
        if (
            child.dep_ in ("prep", "agent")
            and child.lower_ in TARGET_PREPS
            and (skip is None or child.i != skip.i)
        ):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and actor_like(pobj, sectors) and not _place_only(pobj):
                return pobj
    return None


def named_in_clause(verb: Token, skip: tuple[int, int] | None) -> Token | None:  # noqa: C901
    """The first state, organisation, people or person named in a verb's clause apart from its subject
    (the event's other party when no object or preposition names it: "agreed to open a centre in Tokyo",
    "demanded that Moscow withdraw")."""
    subject = {t.i for c in verb.children if c.dep_ in SUBJECTS for t in c.subtree}
    for tok in verb.subtree:
        if tok.i in subject or tok.ent_type_ not in ACTOR_ENTS or tok.ent_iob_ != "B":
            continue
        if skip is not None and skip[0] <= tok.idx < skip[1]:
            continue
        if _is_location_of(tok, verb):
            continue
        end = tok
        while end.i + 1 < len(tok.doc) and tok.doc[end.i + 1].ent_iob_ == "I":
            end = tok.doc[end.i + 1]
        return end if end.dep_ not in ("compound", "amod", "poss") else end.head
    return None


def named_before(trigger: Token, skip: tuple[int, int] | None) -> Token | None:
    """The nearest state, organisation, people or person named before a trigger in its sentence (the
    actor of an event whose clause names none: "an Israeli blockade", "in a Tarskan raid on ...")."""
    for tok in reversed(trigger.doc[trigger.sent.start : trigger.i]):
        if tok.ent_type_ in ACTOR_ENTS and tok.ent_iob_ != "O":
            if skip is not None and skip[0] <= tok.idx < skip[1]:
                continue
            end = tok
            while end.i + 1 < len(tok.doc) and tok.doc[end.i + 1].ent_iob_ == "I":
                end = tok.doc[end.i + 1]
            return end if end.dep_ not in ("compound", "poss") else end.head
    return None


def _is_location_of(tok: Token, verb: Token) -> bool:
    """Is the entity at ``tok`` where the verb's event happened ("protested in Corvenna")?"""
    place = location_of(verb)
    return place is not None and place.left_edge.i <= tok.i <= place.i


def _place_only(tok: Token) -> bool:
    return tok.ent_type_ in ("LOC", "FAC")


def location_of(verb: Token) -> Token | None:
    """Where an event happened: a place after "in", "at", "near" on its verb or noun ("in Brennport")."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in LOCATION_PREPS:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and (
                pobj.ent_type_ in PLACE_ENTS or (pobj.pos_ == "PROPN" and not pobj.ent_type_)
            ):
                return pobj
    return None


def negated(trigger: Trigger, words: EventWords) -> bool:
    """Said not to have happened: a negation on the verb ("did not attack", "never met"), "no" on the noun
    ("no sanctions were imposed"), or an infinitive under a verb of failure ("failed to agree")."""
    verb = trigger.verb
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in verb.children):
        return True
    if trigger.noun and any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.token.children):
        return True
    head = verb.head
    if _going_to(verb) and any(c.dep_ == "neg" for c in head.children):  # "is not going to lift"
        return True
    return verb.dep_ == "xcomp" and head.lemma_.lower() in words.failure_verbs


def modality(trigger: Trigger, words: EventWords, question: bool) -> str | None:
    """How the event is not (yet) real: ``future`` (said to come or meant: "will meet", "plans to visit",
    "would" of reported speech), ``conditional`` (its clause has "unless" or "if" hanging on it: "will
    withdraw unless ..."), ``hypothetical`` (a modal of possibility, a question, inside an "if" clause:
    "could strike", "if Tarsk attacks"), or ``None``."""
    if question:
        return "hypothetical"
    tok = trigger.verb
    future = False
    for _ in range(5):
        for child in tok.children:
            if child.dep_ == "aux" and child.lower_ in MODALS:
                if child.lower_ in FUTURE or (child.lower_ == "would" and _reported(tok)):
                    future = True
                elif child.lower_ not in ("must", "should"):
                    return "hypothetical"
            if child.dep_ == "mark" and (
                child.lower_ in CONDITIONAL_MARKS or (child.lower_ in PENDING_MARKS and _awaited(tok))
            ):
                return "hypothetical"
            if (
                child.dep_ == "aux"
                and child.lower_ == "to"
                and tok.dep_ in ("xcomp", "acomp")
                and _intends(tok.head, words)
            ):
                future = True
        if _going_to(tok):
            future = True
        if tok.dep_ in ("conj", "xcomp") or (
            tok.dep_ == "advcl" and any(c.lower_ == "to" for c in tok.children)
        ):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            continue
        break
    if future and _conditioned(trigger.verb):
        return "conditional"
    return "future" if future else None


def _awaited(clause: Token) -> bool:
    """Is a clause of time ("once ...", "until ...") hung on a verb of the future or a modal ("will be at
    the table once they lift the sanctions")?"""
    if clause.dep_ != "advcl" or clause.head.i == clause.i:
        return False
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in clause.head.children) or _going_to(clause.head)


def _reported(verb: Token) -> bool:
    """Is a clause reported speech ("said it would ..."): the complement clause of a verb?"""
    while verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ccomp"


def _conditioned(verb: Token) -> bool:
    """Does an "unless" or "if" clause hang on the verb ("will withdraw unless ...")?"""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)
        for c in verb.children
    )


def purpose_of(verb: Token) -> bool:
    """Is the verb a purpose infinitive of another clause ("staged a rally to demand reforms")?"""
    return verb.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _intends(verb: Token, words: EventWords) -> bool:
    """A verb or adjective of intention ("plans to", "is ready to", "is set to")."""
    return verb.lemma_.lower() in words.intention_verbs or f"be {verb.lower_}" in words.intention_verbs


def _going_to(tok: Token) -> bool:
    head = tok.head
    return tok.dep_ == "xcomp" and head.lower_ == "going" and any(c.dep_ == "aux" for c in head.children)


def tree_depth(tok: Token) -> int:
    """Steps from ``tok`` up to its sentence's root (at most 50)."""
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok = tok.head
        n += 1
    return n
