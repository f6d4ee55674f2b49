"""English nouns in counts: the singular of a plural, and the words that end a count.

Deliberately dependency-free: counted nouns in news copy are ordinary words
("soldiers", "people", "companies"), and two counts only need to agree on
their reading of the noun, so a rule table beats a tagger here.
"""

from __future__ import annotations

_IRREGULAR: dict[str, str] = {
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "wolves": "wolf",
    "thieves": "thief",
    "halves": "half",
    "shelves": "shelf",
    "loaves": "loaf",
    "leaves": "leaf",
    "calves": "calf",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "crises": "crisis",
    "analyses": "analysis",
    "theses": "thesis",
    "diagnoses": "diagnosis",
    "oases": "oasis",
    "heroes": "hero",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "vetoes": "veto",
    "echoes": "echo",
    "torpedoes": "torpedo",
    "movies": "movie",
    "cookies": "cookie",
    "calories": "calorie",
    "rookies": "rookie",
    "zombies": "zombie",
    "species": "species",
    "series": "series",
    "buses": "bus",
    "viruses": "virus",
    "bonuses": "bonus",
    "campuses": "campus",
    "census": "census",
}
# Plurals that do not end in "s" and are their own lemma.
INVARIANT_PLURALS = frozenset(
    {"police", "staff", "cattle", "sheep", "deer", "fish", "aircraft", "personnel", "livestock"}
)
# Words between a figure and its noun that end a count ("50 were", "100 of them").
_STOP_TEXT = """
    a an the of and or nor but to in on at by for from with as is are was were be been being
    has have had will would could should may might must can shall that which who whom whose this
    these those it its their his her they them he she we us you i than per not no so if into onto
    over under after before since during between about against while when where each all both
    said says say do does did up down out off then there here also only just yet because through
    across last next ago earlier later times apiece am pm more less most least such what how
    whether via within without toward towards around among amid near others"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def lemma(word: str) -> str:
    """The singular of an English noun, by rule and a small table of irregular plurals.

    Deliberately dependency-free: counted nouns in news copy are ordinary words
    ("soldiers", "people", "companies"), and a rule that compares two counts only
    needs both readings to agree.
    """
    lower = word.lower().replace("’", "'")
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if lower in INVARIANT_PLURALS or len(lower) <= 3 or not lower.endswith("s"):
        return lower
    if lower.endswith(("ss", "us", "is", "'s")):
        return lower
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return lower[:-2]
    return lower[:-1]


def looks_plural(word: str) -> bool:
    """Whether a word reads as a plural noun: how a count finds the noun it counts."""
    lower = word.lower()
    if lower in _IRREGULAR or lower in INVARIANT_PLURALS:
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s"))


# Plural forms that do not follow the "-s" rule, for patterns that look for a plural.
IRREGULAR_PLURALS = frozenset(
    w for w in set(_IRREGULAR) | set(INVARIANT_PLURALS) if not (w.endswith("s") and len(w) > 3)
)
