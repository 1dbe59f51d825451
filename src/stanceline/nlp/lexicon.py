"""Closed-class words the components share: pronouns, modals, determiners.

Only closed classes live here (a language has a fixed, small set of them); open-class
vocabularies (cue verbs, titles, topic words, attitude words) are data files under
``stanceline/data`` that a user can see and extend. Every set holds lower-cased forms.
"""

from __future__ import annotations

# ---- pronouns ----------------------------------------------------------------------------------

FIRST_PERSON = frozenset({"i", "we", "me", "us"})
FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
NEUTER = frozenset({"it", "its", "itself"})
THIRD_PERSON = MALE | FEMALE | PLURAL | NEUTER
# Third-person pronouns for people, as subject and as object ("he said", "told them").
THIRD_PERSON_PEOPLE = frozenset({"he", "she", "they", "him", "her", "them"})
# ... as the subject of a verb of saying.
SPEAKER_SUBJECTS = frozenset({"he", "she", "they"})
# Pronouns for people, as subject or object ("told them to ..."); not "it", "this", "that".
PERSONAL = THIRD_PERSON_PEOPLE | {"you"} | FIRST_PERSON
# Subjects with no referent of their own: "it is said", "there were reports".
EXPLETIVES = frozenset({"it", "there"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})

# Words that point to a text set out after the sentence: "The full text of his statement is below",
# "Her statement follows", "It read as follows".
TEXT_FOLLOWS = frozenset({"below", "follow", "follows", "following"})

# ---- prepositions -------------------------------------------------------------------------------

# The prepositions a cue file may name as the one that carries a cue word's content ("warn | of").
PREPOSITIONS = frozenset(
    {
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "amid",
        "among",
        "around",
        "as",
        "at",
        "before",
        "behind",
        "below",
        "beside",
        "between",
        "beyond",
        "by",
        "despite",
        "during",
        "for",
        "from",
        "in",
        "inside",
        "into",
        "like",
        "near",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "past",
        "regarding",
        "since",
        "through",
        "throughout",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "upon",
        "versus",
        "via",
        "with",
        "within",
        "without",
    }
)

# Prepositions of the scene of an act of speech rather than of what was said: a phrase of one of these
# that the parser hung on the cue verb after its object ("hinted at overtures amid sanctions", "rejected
# the offer at a briefing") is not read into the content; others are ("hinted at overtures to Tarsk",
# "warned of a rough road ahead after the accord").
SCENE_PREPOSITIONS = frozenset(
    {
        "amid",
        "at",
        "before",
        "by",
        "despite",
        "during",
        "from",
        "in",
        "on",
        "since",
        "through",
        "via",
        "while",
        "with",
    }
)

# ---- determiners and quantifiers ---------------------------------------------------------------

# Indefinite pronouns for a person: a subject that is nobody in particular ("someone in Corvenna announces").
INDEFINITE_PERSONS = frozenset({"someone", "somebody", "anyone", "anybody"})
# Subjects that stand for people in general ("people who refuse to pay", "one refuses to"): with
# "people", a noun used as a pronoun.
GENERIC_SUBJECTS = INDEFINITE_PERSONS | {"everyone", "everybody", "one", "people"}
# A subject so quantified says that nobody spoke: "no official would confirm", "neither ministry".
NEGATIVE_QUANTIFIERS = frozenset({"no", "neither", "nobody", "none", "nothing", "noone", "no-one"})

# ---- modals ------------------------------------------------------------------------------------

DEONTIC_MODALS = frozenset({"must", "should", "ought", "shall"})
EPISTEMIC_MODALS = frozenset({"could", "might", "may"})
# Auxiliaries (and "going" of "going to") that put a verb in the future or the hypothetical.
FUTURE_AUXILIARIES = frozenset(
    {"will", "shall", "'ll", "wo", "going", "would", "could", "might", "may", "can", "should", "must"}
)
