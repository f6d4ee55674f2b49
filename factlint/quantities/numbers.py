"""Numbers as journalists write them: "1,500", "2.16 bil", "seven", "half a million", "25pc".

A printed figure is not a float: it was rounded from an interval, it may carry a
scale word that a correction must keep, and whether it was spelled out changes
how a fix should be written. `Number` keeps all of that, and every reader here
shares one regex source so that rules, measures and the mention finder agree
on what a number is.

The public patterns are regex *source* for the `regex` module (VERSION0, no
IGNORECASE): they contain no capturing groups and no anchors, so the rule
engine can splice them into bigger patterns and name its own groups. The same
source is built a second time with named groups for our own parsing, so the
two can never drift apart.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

import regex

from factlint.infra.regex_store import compiled_regex
from factlint.infra.trie import phrase_trie

__all__ = [
    "NUMBER_PATTERN",
    "QUALIFIER_PATTERN",
    "RANGE_PATTERN",
    "ROUNDING_CAP",
    "Number",
    "find_numbers",
    "parse_number",
    "parse_qualifier",
    "parse_range",
]

# Trailing zeros of a whole number read as rounding ("1,500" is 1,450-1,550), but
# never wider than this share of the value, so "10 km (10 miles)" is still caught.
ROUNDING_CAP = 0.05


@dataclass(frozen=True, slots=True)
class Number:
    """One printed figure, its value and the interval it was rounded from."""

    value: float
    low: float
    high: float
    digits: int
    decimals: int
    scale: float
    scale_text: str | None
    percent: bool
    is_word: bool
    text: str


# ---------------------------------------------------------------------------
# Vocabulary

_SCALES: dict[str, int] = {
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "mn": 10**6,
    "million": 10**6,
    "bn": 10**9,
    "bil": 10**9,
    "billion": 10**9,
    "tn": 10**12,
    "trillion": 10**12,
    # written against the figure in capitals: "$10M", "€10B", "$2.174T"
    "b": 10**9,
    "t": 10**12,
    # South Asian scales: "Rs 35 lakh", "₹2 crore"
    "lakh": 10**5,
    "lakhs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
}
_UNIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEEN_WORDS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS_WORDS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SMALL: dict[str, int] = {"zero": 0}
_SMALL.update({w: i + 1 for i, w in enumerate(_UNIT_WORDS)})
_SMALL.update({w: i + 10 for i, w in enumerate(_TEEN_WORDS)})
_SMALL.update({w: (i + 2) * 10 for i, w in enumerate(_TENS_WORDS)})
_FRACTION_WORDS: dict[str, Fraction] = {
    "half": Fraction(1, 2),
    "halves": Fraction(1, 2),
    "third": Fraction(1, 3),
    "thirds": Fraction(1, 3),
    "quarter": Fraction(1, 4),
    "quarters": Fraction(1, 4),
    "fifth": Fraction(1, 5),
    "fifths": Fraction(1, 5),
    "tenth": Fraction(1, 10),
    "tenths": Fraction(1, 10),
}
_VULGAR: dict[str, Fraction] = {
    "½": Fraction(1, 2),
    "¼": Fraction(1, 4),
    "¾": Fraction(3, 4),
    "⅓": Fraction(1, 3),
    "⅔": Fraction(2, 3),
}
_GROUP_SEPARATORS = ",\u2009\u00a0\u202f"
_MINUS = "-\u2212"

# ---------------------------------------------------------------------------
# Pattern source

_SP = r"(?:[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*)"  # the gap between two words
_END = r"(?!\w)"


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


def _share_follows() -> str:
    """What may follow "a third" for it to be a share ("a third of", "cut by a third.")
    rather than an ordinal ("a third term"): a function word or punctuation."""
    return (
        r"(?=[^\S\n]*[^\w\s]|\s*\Z|"
        rf"{_SP}(?:of|to|and|or|in|on|at|since|from|over|last|this|compared|while|but|as"
        r"|after|before|for|than|between|with|among)\b)"
    )


def _pronoun_one() -> str:
    """ "no one", "the one", "one another", "one can": pronouns, not counts."""
    return (
        r"(?:(?<=\b(?i:no|the|this|that|which|each|every|any|another|only)[ ][Oo]ne)"
        rf"(?!{_SP}(?:hundred|thousand|million|billion|trillion|dozen)\b|-)"
        rf"|{_SP}(?:another|can|could|would|should|must|might)\b)"
    )


def _words_source() -> str:
    """Spelled-out numbers; plural multipliers ("hundreds of") never match.

    The engine tries this at every word start, so its shape is tuned for speed: a
    first word (capitalised or lower case, "SEVEN" is not read), then what may
    follow it, picked by looking back at that word. Retrying a cardinal inside
    several branches made the mention finder several times slower.
    """
    unit = _alt(_UNIT_WORDS)
    tens = _alt(_TENS_WORDS)
    teen = _alt(_TEEN_WORDS)
    scale = r"(?:thousand|million|billion|trillion)"
    frac_single = r"(?:half|third|quarter|fifth|tenth)"
    frac_any = r"(?:half|thirds?|quarters?|fifths?|tenths?)"
    not_ordinal = r"(?!-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b)"
    b100 = (
        rf"(?:{tens}(?:(?:-|{_SP}){unit}{_END})?{_END}{not_ordinal}"
        rf"|{teen}{_END}|(?:zero|{unit}){_END}{not_ordinal})"
    )
    hundred_rest = rf"hundred{_END}(?:{_SP}(?:and{_SP})?{b100})?"
    tail = rf"(?:{_SP}and{_SP}a{_SP}half{_END})?(?:{_SP}(?:{scale}|dozen){_END})?"
    of_a_scale = rf"{_SP}of{_SP}a{_SP}{scale}{_END}"
    share_follows = _share_follows()
    a_rest = (
        rf"{_SP}(?:{scale}{_END}|dozen{_END}|{hundred_rest}{tail}|half-{scale}{_END}"
        rf"|(?<!\band a )(?<!\band an ){frac_single}{_END}(?!-)(?:{of_a_scale}|{share_follows}))"
    )
    unit_rest = (
        rf"(?:(?:-|{_SP}){frac_any}{_END}(?!-)(?:{of_a_scale})?"
        rf"|{_END}{not_ordinal}(?:{_SP}{hundred_rest})?{tail})"
    )
    tens_rest = rf"(?:(?:-|{_SP}){unit}{_END})?{_END}{not_ordinal}{tail}"
    first = _trie(("a", "an", "half", "dozen", "zero") + _UNIT_WORDS + _TENS_WORDS + _TEEN_WORDS)
    # The first word is a trie the engine rejects most words with in a character or
    # two (a case-insensitive alternation there made the finder twice as slow); what
    # may follow it is chosen by looking back at that word.
    follows = (
        rf"(?<=\ban?){a_rest}"
        rf"|(?<=half){_SP}a{_SP}(?:dozen|hundred|{scale}){_END}"
        rf"|(?<=dozen){_END}"
        rf"|(?<=\b{unit}){unit_rest}"
        rf"|(?<=\b{tens}){tens_rest}"
        rf"|(?<=\b(?:zero|{teen})){_END}{tail}"
    )
    pronoun_one = _pronoun_one()
    # (checked after the first word: checks before it ran at every word and cost more
    # than the rest of the grammar)
    return (
        rf"\b(?<!-){first}{_END}(?!(?<=\b[Oo]ne){pronoun_one})"
        rf"(?i:{follows})"
    )


def _trie(words: tuple[str, ...]) -> str:
    """Words as a first-letter trie; the first letter may be a capital ("Seven")."""
    by_letter: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_letter.setdefault(word[0], []).append(word[1:])
    return (
        "(?:"
        + "|".join(
            f"[{letter}{letter.upper()}](?:{'|'.join(rests)})"
            for letter, rests in by_letter.items()
        )
        + ")"
    )


# "minus 5C", "negative 40": a sign in words
MINUS_WORD_PATTERN = r"(?i:minus|negative)[ \u00a0]+(?=\d)"
SLASH_FRACTION_PATTERN = r"[1-9]/(?:16|2|3|4|8)(?![\d/])"
_SCALE_WORDS = r"(?i:thousand|million|billion|trillion|lakhs?|crores?)"


PERCENT_SUFFIX_PATTERN: str = (
    r"(?:[ \u00a0]?%|" + _SP + r"(?i:per[ \u00a0]?cent|percent)(?![A-Za-z])|pc(?![A-Za-z]))"
)


def _scale_source(g: Callable[[str, str], str]) -> str:
    """A scale after the digits: "bn", "m" (not "m-high"), " million"; `g` names the groups."""
    return (
        "(?:"
        + "[ \u00a0]?"
        + g("sca", "bn|bil|mn|tn")
        + r"(?![A-Za-z\d])|"
        + g("scl", "m|k|M|B|T")
        + r"(?![A-Za-z\d²³]|-(?:high|tall|long|wide|deep))|"
        + _SP
        + g("scw", _SCALE_WORDS)
        + r"(?![A-Za-z]))"
    )


def _number_source(
    named: bool, *, at_boundary: bool = False, glued: bool = False, part: str = "all"
) -> str:
    """The number grammar; `named` adds groups for our parser.

    `glued` builds the variant that may follow letters directly, for currency
    marks written against the figure ("RM3.6 billion", "Rs300", "R50").

    `at_boundary` builds the finder's variant, which starts every match at a word
    boundary: the regex engine then skips everything else at C speed (three times
    faster on news copy). It leaves a sign or a leading point to find_numbers.
    """

    def g(name: str, body: str) -> str:
        return f"(?P<{name}>{body})" if named else f"(?:{body})"

    # "10,000", "10 000" (a plain space only between groups of three), "10000"
    integer = (
        r"(?:\d{1,3}(?:,\d{3}(?!\d))+|\d{1,3}(?:[\u2009\u00a0\u202f]\d{3}(?!\d))+"
        r"|\d{1,3}(?:[ ]\d{3}(?!\d)){1,4}(?![ ]\d|[,.:/]\d|[ ]?%)|\d+)"
    )
    vulgar = "[" + "".join(_VULGAR) + "]"
    # "10 1/2 miles", "1/4 mile": a proper fraction of a common denominator
    slash = rf"(?:{SLASH_FRACTION_PATTERN})"
    if at_boundary:
        start = r"(?=\d)(?<![\w,])(?<![\w.,]\.)(?<![^\W\d_]-)"
        figure = rf"(?:{slash}|{integer}(?:\.\d+|{vulgar}|[ \u00a0]{slash})?)"
    else:
        start = rf"(?:(?<![\w.,])(?:[-\u2212]|{MINUS_WORD_PATTERN}))?(?<![\w.,])(?<![^\W\d_]-)"
        if glued:
            start = r"(?<![\d,])(?<!\d\.)"  # "Rs.200" is 200, "1.5" is not "5"
        figure = rf"(?:{slash}|{integer}(?:\.\d+|{vulgar}|[ \u00a0]{slash})?|\.\d+|{vulgar})"
    core = (
        start
        + figure
        # not a piece of "1,5000", "2.1.3" or "1 5"; not an ordinal ("3rd")
        + r"(?![.,\u2009\u00a0\u202f]?\d)(?!(?:st|nd|rd|th)(?![A-Za-z]))"
    )
    scale = _scale_source(g)
    percent = PERCENT_SUFFIX_PATTERN
    # The figure itself is atomic ("1,500" never shrinks to "1"); the scale and the
    # percent sign are greedy but optional, so "400m" can still read as metres
    # inside a bigger measure pattern.
    numeric = f"(?>{g('num', core)}){scale}?"
    if not at_boundary:
        numeric = f"(?=[-\u2212.\\d{''.join(_VULGAR)}]|(?i:minus|negative)[ \u00a0])" + numeric
    words = g("w", _words_source())
    # `part="numeric"` drops the words for the finder's digit pass; the words branch
    # still declares its group (and never matches) so one reader serves both passes.
    if part == "numeric":
        words = "(?!)(?P<w>)" if named else "(?!)"
    return f"(?:(?:{numeric}|{words}){g('pct', percent)}?)"


NUMBER_PATTERN: str = _number_source(named=False)
GLUED_NUMBER_PATTERN: str = _number_source(named=False, glued=True)
# The parts that may follow a figure's digits; the rule engine matches them after a
# figure token (see engine/figures.py), where the digits are already found.
SCALE_SUFFIX_PATTERN: str = (
    r"(?:[ \u00a0]?(?:bn|bil|mn|tn)(?![A-Za-z\d])"
    r"|(?:m|k|M|B|T)(?![A-Za-z\d²³]|-(?:high|tall|long|wide|deep))"
    rf"|{_SP}{_SCALE_WORDS}(?![A-Za-z]))"
)

_QUALIFIERS: dict[str, str] = {
    "about": "~",
    "some": "~",
    "roughly": "~",
    "around": "~",
    "approximately": "~",
    "an estimated": "~",
    "estimated": "~",
    "close to": "~",
    "circa": "~",
    "~": "~",
    "more than": ">",
    "over": ">",
    "upwards of": ">",
    "just over": ">",
    "in excess of": ">",
    "above": ">",
    "at least": ">=",
    "no fewer than": ">=",
    "no less than": ">=",
    "nearly": "<",
    "almost": "<",
    "just under": "<",
    "under": "<",
    "less than": "<",
    "fewer than": "<",
    "below": "<",
    "just below": "<",
    "up to": "<=",
    "as many as": "<=",
    "at most": "<=",
    "no more than": "<=",
}

QUALIFIER_PATTERN: str = (
    r"(?:(?<!\w)(?i:" + phrase_trie([p for p in _QUALIFIERS if p != "~"], r"\s+") + r")(?!\w)|~)"
)

_SEASON = r"(?:1[89]|20)\d\d[-–/]\d\d(?!\d)"
RANGE_PATTERN: str = (
    rf"(?:(?i:between){_SP}{NUMBER_PATTERN}{_SP}(?i:and){_SP}{NUMBER_PATTERN}"
    rf"|(?:(?i:from){_SP})?(?!{_SEASON}){NUMBER_PATTERN}"
    rf"(?:[ \u00a0]?[-–][ \u00a0]?|-?{_SP}(?i:to){_SP}){NUMBER_PATTERN})"
)

# ---------------------------------------------------------------------------
# What find_numbers steps over: things written with digits that are not quantities.

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_YEAR_ITEM = rf"{_YEAR}(?:[-–/](?:{_YEAR}|\d\d)(?!\d))?(?![\d%]|[.,]\d|[ \u00a0]?%|[A-Za-z])"
_YEAR_CHAIN = rf"{_YEAR_ITEM}(?:(?:,[ ]|[ ](?:and|or|to)[ ]|[ ]?[-–][ ]?){_YEAR_ITEM})*"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# Every alternative starts at a digit, at a word boundary (the words that make a year
# a year, a "+" or a "(" are looked behind), like the finder's numbers.
_SKIP_PARTS = (
    # times and ratios: "10:30", "2:1", "10.30am", "7pm", "1930 GMT"
    r"(?<![\w.,:])\d{1,2}(?:[:.]\d\d)?[ ]?(?:[ap]\.m\.|[ap]m\b)",
    r"(?<![\w.,:])\d+(?::\d+)+",
    r"(?<![\w.,:])\d{1,2}[:.]?\d\d[ ]?(?:GMT|BST|UTC|CET|EST|EDT|PST|ET)\b",
    # phone numbers
    r"(?:(?<=\+)\d{1,3}[ -]?(?:\(0?\d{1,4}\)[ -]?)?|(?<=\()0\d{1,4}\)[ -]?|(?<![\w.,])0\d{2,4}[ -])"
    r"\d{2,4}(?:[ -]\d{3,4}){1,3}(?!\d)",
    r"(?<=\()\d{3}\)[ ]?\d{3}-\d{4}(?!\d)|(?<![\w.,-])\d{3}-\d{3}-\d{4}(?!\d)",
    # versions and addresses: "2.1.3", "192.168.0.1"; dates and fractions with slashes
    r"(?<![\w.,])\d+(?:\.\d+){2,}",
    rf"(?<![\w.,])(?!{SLASH_FRACTION_PATTERN}[ \u00a0]+[^\W\d])\d+(?:/\d+)+",
    # years: "in 2004 and 2005", "by 2010.", "Jan 21 2013", "21 January", seasons, decades
    r"(?<=\b(?i:in|since|until|till|during|early|late|spring|summer|autumn|winter|year)[ ])"
    + _YEAR_CHAIN,
    r"(?<=\b(?i:of|by|to|from|before|after|between)[ ])" + _YEAR_CHAIN + r"(?=[ ]?[^\w\s]|\s*\Z)",
    rf"(?<=\b{_MONTH}[ ])(?:{_DAY}(?:,?[ ]{_YEAR})?|{_YEAR})(?!\d)",
    rf"(?<![\w.,]){_DAY}[ ]{_MONTH}(?:,?[ ]{_YEAR})?(?!\d)",
    rf"(?<![\w.,]){_SEASON}",
    rf"(?<![\w.,]){_YEAR}[-–]{_YEAR}(?!\d)",
    r"(?<![\w.,])\d\d(?:\d\d)?'?s\b",
    rf"(?<=\(){_YEAR}(?=\))",
    # labels and names: "No 10", "Article 50", "4x4", "3D", "10 Downing Street"
    r"(?<=\b(?:No\.?|Number|Article|Chapter|Section|Clause|Channel|Radio|Formula|Windows"
    r"|Apollo|Room|Flight|Route|Platform|Page|Boeing|Junction|Gate|Terminal|Level|Grade"
    r"|Category|Series|Division|Version|Act|Part|Vol\.?)[ ])\d+\w*",
    r"(?<![\w.,])\d+[xX×]\d+\w*",
    r"(?<![\w.,])\d[DG](?![A-Za-z\d])",
    r"(?<![\w.,])\d+[ ]Downing[ ]Street",
)
_SKIP = "|".join(_SKIP_PARTS)

# ---------------------------------------------------------------------------
# Reading


# Compiled on first use, each on its own: compiling all of them costs ~0.2 s, which a
# command-line run that only parses a few figures should not pay.
@lru_cache(maxsize=1)
def _number_regex() -> regex.Pattern:
    return compiled_regex(_number_source(named=True), regex.VERSION0)


@lru_cache(maxsize=1)
def _finder() -> regex.Pattern:
    """Figures in digits, and the dates, times and labels that hide figures (`skip`)."""
    numeric = _number_source(named=True, at_boundary=True, part="numeric")
    return compiled_regex(rf"\b(?=\d)(?:(?P<skip>{_SKIP})|{numeric})", regex.VERSION0)


@lru_cache(maxsize=1)
def _word_finder() -> regex.Pattern:
    """Figures in words ("seven", "half a million"); a second pass, because one
    pattern for both kinds ran slower than the two passes together."""
    # the reader returns before reading the digit groups; `num` is declared (never
    # matched, and at the end, where it does not slow the search) for _found's check
    words = rf"(?P<w>{_words_source()})(?P<pct>{PERCENT_SUFFIX_PATTERN})?(?:(?P<num>(?!)))?"
    return compiled_regex(words, regex.VERSION0)


@lru_cache(maxsize=1)
def _lone_fraction() -> regex.Pattern:
    named = _number_source(named=True)
    return compiled_regex(rf"(?=[-\u2212]?[{''.join(_VULGAR)}]){named}", regex.VERSION0)


@lru_cache(maxsize=1)
def _range_regex() -> regex.Pattern:
    source = RANGE_PATTERN.replace(NUMBER_PATTERN, "(?P<n>" + NUMBER_PATTERN + ")")
    return compiled_regex(source, regex.VERSION0)


def _count_digits(int_digits: str, dec_digits: str) -> int:
    significant = (int_digits + dec_digits).lstrip("0")
    return max(1, len(significant))


def _figure_decimals(fraction: Fraction) -> str:
    """The decimals a figure for a fraction would show: ".5", ".25", ".33"."""
    if 1000 % fraction.denominator == 0:
        text = f"{Decimal(fraction.numerator) / Decimal(fraction.denominator):f}"
    else:
        text = f"{Decimal(fraction.numerator) / Decimal(fraction.denominator):.2f}"
    return text.partition(".")[2].rstrip("0") if "." in text else ""


def _figure_precision(mantissa: Fraction) -> tuple[int, int]:
    """digits and decimals of the figure one would write for an exact value."""
    whole = abs(mantissa.numerator) // mantissa.denominator
    part = abs(mantissa) - whole
    decimals = _figure_decimals(part) if part else ""
    return _count_digits(str(whole), decimals), len(decimals)


def _read_words(words: str) -> tuple[Fraction, str | None] | None:
    """Value in units of the scale word, and the scale word as written."""
    original = words.replace("-", " ").split()
    tokens = [t.lower() for t in original]
    scale_text = None
    if tokens[-1] in ("thousand", "million", "billion", "trillion"):
        scale_text = original[-1]
        tokens = tokens[:-1]
    multiplier = 1
    if tokens and tokens[-1] in ("dozen", "hundred") and tokens[0] == "half":
        return Fraction(6 if tokens[-1] == "dozen" else 50), scale_text
    if tokens[:2] == ["half", "a"] and not tokens[2:]:
        return Fraction(1, 2), scale_text
    if tokens and tokens[-1] == "dozen":
        multiplier, tokens = 12, tokens[:-1]
        if not tokens:
            return Fraction(12), scale_text
    half = Fraction(0)
    if tokens[-3:] == ["and", "a", "half"]:
        half, tokens = Fraction(1, 2), tokens[:-3]
    if tokens[-2:] == ["of", "a"]:
        tokens = tokens[:-2]
    if tokens and tokens[-1] in _FRACTION_WORDS:
        count = 1 if tokens[0] in ("a", "an", "one") else _SMALL.get(tokens[0], 0)
        return count * _FRACTION_WORDS[tokens[-1]], scale_text
    if tokens == ["a"] or tokens == ["an"]:
        return Fraction(multiplier), scale_text
    total = 0
    for token in tokens:
        if token == "hundred":
            total = (total or 1) * 100
        elif token in _SMALL:
            total += _SMALL[token]
        elif token not in ("a", "and"):
            return None
    return (total + half) * multiplier, scale_text


def _fraction_part(figure: str) -> tuple[str, Fraction | None]:
    """Split "10½", "10 1/2" or "1/4" into the whole part and the fraction."""
    vulgar = _VULGAR.get(figure[-1])
    if vulgar is not None:
        return figure[:-1], vulgar
    if "/" not in figure:
        return figure, None
    whole, _, fraction = figure.rpartition(" " if " " in figure else "\u00a0")
    top, _, bottom = fraction.partition("/")
    return whole, Fraction(int(top), int(bottom))


def _number_from(found: regex.Match, text: str) -> Number | None:
    """Build a Number from a match of the named number source."""
    percent = found.start("pct") >= 0
    words = found.group("w")
    if words is not None:
        read = _read_words(words)
        if read is None:
            return None
        mantissa, scale_text = read
        scale = _SCALES[scale_text.lower()] if scale_text else 1
        digits, decimals = _figure_precision(mantissa)
        value = float(mantissa * scale)
        return Number(
            value, value, value, digits, decimals, float(scale), scale_text, percent, True, text
        )
    figure = found.group("num")
    negative = figure[0] in _MINUS or figure[:1] in "mMnN"
    figure = figure.lstrip(_MINUS).lstrip("minusegatvMINUSEGATV").lstrip(" \u00a0")
    figure, vulgar = _fraction_part(figure)
    if vulgar is not None and vulgar >= 1:
        return None  # "5/4" or "24/7" is no fraction a writer means as a quantity
    for separator in _GROUP_SEPARATORS + " ":
        figure = figure.replace(separator, "")
    int_digits, _, dec_digits = figure.partition(".")
    if not all(char.isdecimal() for char in int_digits + dec_digits):
        # `regex` has newer Unicode tables than Python: it takes U+1E5F7 (Ol Onal) for
        # digits that Decimal() refuses. Such a figure is not one we can read.
        return None
    scale_text = found.group("sca") or found.group("scl") or found.group("scw")
    scale = _SCALES[scale_text.lower()] if scale_text else 1
    mantissa = Fraction(Decimal(f"{int_digits or '0'}.{dec_digits or '0'}"))
    if vulgar is not None:
        mantissa += vulgar
        dec_digits = _figure_decimals(vulgar)
        half = Fraction(0)
    elif dec_digits:
        half = Fraction(1, 2 * 10 ** len(dec_digits))
    else:
        # A whole number is read as rounded to its last digit, or to its trailing zeros,
        # but never wider than ROUNDING_CAP of its value: "6 feet" is not 5.5 to 6.5
        # feet when a conversion is at stake, any more than "$1m" is half a million.
        zeros = len(int_digits) - len(int_digits.rstrip("0")) if mantissa else 0
        half = Fraction(5 * 10 ** (zeros - 1)) if zeros else Fraction(1, 2)
        if mantissa:
            half = min(half, Fraction(str(ROUNDING_CAP)) * mantissa)
    if negative:
        mantissa = -mantissa
    return Number(
        value=float(mantissa * scale),
        low=float((mantissa - half) * scale),
        high=float((mantissa + half) * scale),
        digits=_count_digits(int_digits, dec_digits),
        decimals=len(dec_digits),
        scale=float(scale),
        scale_text=scale_text,
        percent=percent,
        is_word=False,
        text=text,
    )


@lru_cache(maxsize=4096)
def parse_number(text: str) -> Number | None:
    """Read one figure that NUMBER_PATTERN matches in full (outer whitespace aside)."""
    text = text.strip()
    found = _number_regex().fullmatch(text) if text else None
    return _number_from(found, text) if found else None


def parse_qualifier(text: str | None) -> str:
    """Normalise "about", "more than", "up to"... to "~", ">", "<=" and friends.

    An unknown phrase is a caller's bug (the text came from QUALIFIER_PATTERN), so it
    raises ValueError rather than silently reading as "exactly".
    """
    if not text or not text.strip():
        return "="
    key = " ".join(text.lower().split())
    try:
        return _QUALIFIERS[key]
    except KeyError:
        raise ValueError(f"not a qualifier: {text!r}") from None


def parse_range(text: str) -> tuple[Number, Number] | None:
    """Read "10-15%", "between 150 and 200 million": the second end's scale applies to both.

    The first end inherits the scale (and percent sign) only when it has none of its
    own and doing so keeps the range in order, so "between 500 and 1.5 million"
    stays 500 to 1.5 million.
    """
    found = _range_regex().fullmatch(text.strip())
    if not found:
        return None
    first_text, second_text = found.captures("n")
    first, second = parse_number(first_text), parse_number(second_text)
    if first is None or second is None:
        return None
    if first.scale_text is None and not first.percent and second.scale_text is not None:
        scale = second.scale
        lifted = Number(
            first.value * scale,
            first.low * scale,
            first.high * scale,
            first.digits,
            first.decimals,
            scale,
            second.scale_text,
            second.percent,
            first.is_word,
            first.text,
        )
        if lifted.value <= second.value or first.value > second.value:
            first = lifted
    elif second.percent and not first.percent and first.scale_text is None:
        first = Number(
            first.value,
            first.low,
            first.high,
            first.digits,
            first.decimals,
            first.scale,
            None,
            True,
            first.is_word,
            first.text,
        )
    return first, second


# The same figures ("2", "10%", "one") come back in every article: read each once.
_READ: dict[str, object] = {}
_UNREAD = object()


def find_numbers(text: str) -> list[tuple[int, int, Number]]:
    """Every quantity in a text with its [start, end) offsets, left to right.

    A pass for figures in digits, in which dates, times, phone numbers, versions,
    ordinals and labels ("No 10") are matched by the same pattern and dropped, so
    no number is ever found inside them; then a pass for number words outside
    those spans. (A lone "½", which no word boundary precedes, takes a
    second look, only in texts that have one.)
    """
    found = []
    taken: list[tuple[int, int]] = []  # digits and skipped spans: words never start inside
    for match in _finder().finditer(text):
        taken.append(match.span())
        if match.start("skip") < 0 and (item := _found(match, text)) is not None:
            found.append(item)
    worded = [
        item
        for match in _word_finder().finditer(text)
        if not _inside(match.start(), taken) and (item := _found(match, text)) is not None
    ]
    if worded:
        found = sorted(found + worded, key=lambda item: item[0])
    if any(char in text for char in _VULGAR):
        lone = _lone_fraction()
        found.extend(item for m in lone.finditer(text) if (item := _found(m, text)) is not None)
        found.sort(key=lambda item: item[0])
    return found


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    index = bisect.bisect_right(spans, (position, math.inf)) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


def _found(match: regex.Match, text: str) -> tuple[int, int, Number] | None:
    start, end = match.span()
    figure = match.group()
    number = _READ.get(figure, _UNREAD)
    if number is _UNREAD:
        if len(_READ) > 20000:
            _READ.clear()
        number = _READ[figure] = _number_from(match, figure)
    # The finder starts at a word boundary: take back a leading point or minus sign.
    begin = start
    if match.start("num") == start:
        if begin and text[begin - 1] == ".":
            begin -= 1
        if begin and text[begin - 1] in _MINUS and not _touches(text, begin - 2):
            begin -= 1
        elif begin >= 6 and text[begin - 1] in " \u00a0":
            word = _MINUS_WORD_BEFORE.search(text, max(0, begin - 12), begin)
            begin = word.start() if word else begin
    if begin != start:
        signed = parse_number(text[begin:end])
        if signed is not None:
            return begin, end, signed
    return (start, end, number) if isinstance(number, Number) else None


_MINUS_WORD_BEFORE = regex.compile(r"(?<![\w-])(?i:minus|negative)[ \u00a0]+\Z")


def _touches(text: str, index: int) -> bool:
    """Whether text[index] glues to a figure ("5-3", "v.5"), so a "-" after it is no sign."""
    if index < 0:
        return False
    char = text[index]
    return char.isalnum() or char in "_.,"


def number_match(text: str) -> regex.Match | None:
    """The named match of a whole figure, for the writer to see how it was written."""
    return _number_regex().fullmatch(text)


# What the writer (number_format.py) needs to know of the vocabulary.
GROUP_SEPARATORS = _GROUP_SEPARATORS
MINUS_SIGNS = _MINUS
SMALL_NUMBERS = _SMALL
TENS_WORDS = _TENS_WORDS
UNIT_WORDS = _UNIT_WORDS
VULGAR_FRACTIONS = _VULGAR
