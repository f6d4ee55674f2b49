"""Counts and lists: "50 Senegalese soldiers", "six other nations -- Nigeria, Togo ...".

A count is a number followed by the plural noun it counts (with up to three
words between, "50 Senegalese soldiers"); its key is the noun's singular, so
"troops" and "troop" agree. A list is a run of capitalised names joined by
commas and a final "and"/"or": the items a sentence announces by number.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from factlint.infra.regex_store import compiled_regex
from factlint.quantities.nouns import IRREGULAR_PLURALS, STOP_WORDS, lemma, looks_plural
from factlint.quantities.numbers import NUMBER_PATTERN, Number, parse_number

_WORD = r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*"
_NOT_STOP = r"(?!(?i:" + "|".join(sorted(STOP_WORDS, key=len, reverse=True)) + r")(?![\w'’-]))"
_PLURAL = (
    r"(?:(?i:" + "|".join(sorted(IRREGULAR_PLURALS, key=len, reverse=True)) + r")"
    r"|[A-Za-z][A-Za-z'’-]*[A-Za-z]{2}s(?<!ss|us|is))(?![\w'’-])"
)


# After "one" (or "1"): the very next word, an ordinary lower-case noun ("one soldier").
_SINGULAR = r"[a-z]+(?<!ly|ed|ing|s)(?![\w'’-])"


def count_pattern(number: str) -> str:
    """A count around a given figure pattern: the figure, up to three words, a plural noun;
    or the figure and one singular noun, which the reader keeps only for a figure of 1."""
    plural = rf"(?:[^\S\n]+{_NOT_STOP}{_WORD}){{0,3}}?[^\S\n]+{_NOT_STOP}{_PLURAL}"
    return rf"(?:{number})(?:{plural}|[^\S\n]+{_NOT_STOP}{_SINGULAR})"


def is_singular_noun(word: str) -> bool:
    """What "one" may count: a lower-case word that does not look plural, adverbial or
    like a verb form ("one soldier", not "one knows", "one doesn't", "one killed")."""
    return (
        word.isalpha()
        and word.islower()
        and not word.endswith(("ly", "ed", "ing", "s"))
        and word not in STOP_WORDS
    )


COUNT_PATTERN = count_pattern(NUMBER_PATTERN)
_ITEM = r"\p{Lu}[\w'’.\-]*(?:[^\S\n]\p{Lu}[\w'’.\-]*){0,3}"
LIST_PATTERN = rf"{_ITEM}(?:,[^\S\n]+{_ITEM})+,?[^\S\n]+(?:and|or)[^\S\n]+{_ITEM}"


@dataclass(frozen=True, slots=True)
class Count:
    number: Number
    noun: str  # singular of the counted noun: "soldier"
    words: tuple[str, ...]  # the words after the figure, lower case: ("senegalese", "soldiers")

    @property
    def value(self) -> float:
        return self.number.value


@dataclass(frozen=True, slots=True)
class ItemList:
    items: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.items)


@lru_cache(maxsize=1)
def _count_reader() -> regex.Pattern:
    return compiled_regex(rf"(?P<number>{NUMBER_PATTERN})(?P<words>(?:[^\S\n]+{_WORD}){{1,4}})")


@lru_cache(maxsize=4096)
def parse_count(text: str) -> Count | None:
    """Read a count; None unless the last word is a plural noun and no word between ends it."""
    found = _count_reader().fullmatch(text)
    if not found:
        return None
    number = parse_number(found["number"])
    if number is None or number.percent:
        return None
    words = tuple(found["words"].split())
    if number.value == 1 and len(words) == 1 and is_singular_noun(words[0]):
        return Count(number=number, noun=words[0], words=words)
    if any(word.lower() in STOP_WORDS for word in words) or not looks_plural(words[-1]):
        return None
    if any(looks_plural(word) and "-" not in word for word in words[:-1]):
        return None  # the noun came earlier: "5 men women" is not one count
    return Count(number=number, noun=lemma(words[-1]), words=tuple(w.lower() for w in words))


@lru_cache(maxsize=1024)
def parse_list(text: str) -> ItemList | None:
    parts = regex.split(r",?[^\S\n]+(?:and|or)[^\S\n]+|,[^\S\n]+", text.strip())
    items = tuple(part.strip() for part in parts if part.strip())
    return ItemList(items) if len(items) >= 2 else None
