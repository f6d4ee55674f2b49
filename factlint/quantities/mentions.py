"""One extraction pass over prose: every number, percent, measure, amount, count, date and range.

The typed readers (numbers, measures, money, dates) each know one shape; this
module runs each of their pre-compiled patterns once over the text, then keeps,
wherever two readings overlap, the longest one, and of equally long ones the
most specific (date > money > measure > range > count > percent > number).
So "$900m" is money, not 900 metres; "Mon Jan 21 2013" a date, not 212013; and
"between 150 and 200 million euros" one range of euros, not a number and an
amount.

No number regex lives here: every figure is read by `factlint.quantities.numbers`, and
the shapes built here ("one in five", counted nouns, unknown units) splice its
NUMBER_PATTERN.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex

from factlint.infra.regex_store import compiled_regex
from factlint.quantities.changes import change_before
from factlint.quantities.counts import is_singular_noun
from factlint.quantities.dates import DateMention, find_dates
from factlint.quantities.measures import (
    MEASURE_PATTERN,
    UNIT_AFTER_PATTERN,
    Measure,
    parse_measure,
)
from factlint.quantities.money import (
    MONEY_AFTER_PATTERN,
    MONEY_PATTERN,
    find_glued_figures,
    parse_money,
)
from factlint.quantities.nouns import INVARIANT_PLURALS, STOP_WORDS, lemma, looks_plural
from factlint.quantities.numbers import (
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    RANGE_PATTERN,
    Number,
    find_numbers,
    parse_number,
    parse_qualifier,
    parse_range,
)

__all__ = ["KINDS", "FigureReading", "Mention", "find_mentions", "lemma", "read_figures"]

# Most specific first: the rank breaks ties between equally long readings.
KINDS: tuple[str, ...] = ("date", "money", "measure", "range", "count", "percent", "number")
_RANK = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Mention:
    """One quantity in the text, with its [start, end) span in the prose.

    `value` is the figure with its scale applied (a percent as written: 15 for
    "15%"; a date as ISO text); ranges have `value` None and their ends in
    `low`/`high`. A one-sided qualifier bounds the claim: "more than 50" has
    `low` 50, "up to 50" `high` 50. `rounding` is the interval the printed figure
    was rounded from, before any qualifier. `unit` is pint's unit name for a
    measure, the ISO 4217 code for money, the counted noun's lemma for a count
    and "percent" for a percent; `units` holds every reading when the unit is
    ambiguous ("tons", "¥"). `change` is "up" or "down" when the figure is the
    size of a change ("rose by 35 miles", "a fall of 3%"), with its words in
    `change_text`. `detail` keeps the reader's own object (Number, Measure,
    Money, DateMention, or a pair of Numbers) for callers in Python.
    """

    kind: str
    text: str
    start: int
    end: int
    value: float | str | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    units: tuple[str, ...] = ()
    scale: str | None = None
    qualifier: str = "="
    qualifier_text: str | None = None
    rounding: tuple[float, float] | None = None
    change: str | None = None
    change_text: str | None = None
    line: int = 0
    column: int = 0
    detail: Any = field(default=None, compare=False, repr=False)


# ---------------------------------------------------------------------------
# Vocabulary: shares, counted nouns, units factlint does not convert

_SPACE = r"[^\S\n]"
# How far a date may reach before and after its month name ("Tuesday the 27th of July",
# "September 11th,\n2001"), and how wide a currency mark before a figure may be ("U.S.$").
_MARK_WIDTH = 5
# How far a measure read at a figure may reach ("2,500-square-foot", "10 1/2 miles").
_MEASURE_WIDTH = 80
# A duration is a measure (the unit table knows time); its unit word is never a counted noun.
_DURATION_FORMS = frozenset(
    """second seconds sec secs minute minutes min mins hour hours hr hrs day days week weeks
    fortnight fortnights month months year years yr yrs decade decades century centuries""".split()  # noqa: SIM905
)
# "one in five", "1 in 10 adults", "one in every four", "one child in five"
_RATIO_PATTERN = (
    rf"(?P<top>{NUMBER_PATTERN})(?:{_SPACE}[a-z]+)?{_SPACE}in{_SPACE}(?:every{_SPACE})?"
    rf"(?P<bottom>{NUMBER_PATTERN})(?![\w%])"
)

_WORD = r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*"
# Units factlint cannot convert: reported as a measure of that unit (`units` empty),
# so "500 mg" is never a bare 500 or a count, and no rule compares it.
_UNKNOWN_UNIT_PATTERN = (
    rf"(?:{NUMBER_PATTERN})(?:{_SPACE}|-)?(?P<u>(?:cubic|square){_SPACE}+[a-z]+"
    r"|mg|mcg|µg|ng|GHz|MHz|kHz|Hz|TB|GB|MB|KB|kB|Tbps|Gbps|Mbps|kbps|kW|MW|GW|kWh|MWh|GWh"
    r"|TWh|mAh|kV|dB|ppm|ppb|megawatts?|gigawatts?|kilowatts?|megabytes?|gigabytes?"
    r"|terabytes?|milligrams?|micrograms?|gigahertz|megahertz)(?![\w²³])"
)


# ---------------------------------------------------------------------------
# Patterns, compiled once


@lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern]:
    """Compiled once per process, and served from the regex store across runs: the figure
    pass needs them for every document, and compiling them costs about 0.3 s."""
    start = r"(?<![\w.,\-/])"  # a figure never starts inside a word or another figure
    return {
        "measure": compiled_regex(rf"{start}(?:{MEASURE_PATTERN})", regex.VERSION0),
        "money": compiled_regex(MONEY_PATTERN, regex.VERSION0),
        "unknown_unit": compiled_regex(rf"{start}(?:{_UNKNOWN_UNIT_PATTERN})", regex.VERSION0),
        "range": compiled_regex(rf"{start}(?:{RANGE_PATTERN})", regex.VERSION0),
        "ratio": compiled_regex(rf"{start}(?:{_RATIO_PATTERN})", regex.VERSION0),
        "qualifier": compiled_regex(rf"(?:{QUALIFIER_PATTERN}){_SPACE}+\Z", regex.VERSION0),
        # A word joined by a hyphen makes a modifier ("a six-part series", "the
        # 21-year-old prop"), never a count.
        "noun": compiled_regex(rf"{_SPACE}+({_WORD})", regex.VERSION0),
        "glued": compiled_regex(r"(?<=[^\W\d_]|[$.])\d", regex.VERSION0),
        "change": compiled_regex(
            r"\b(?i:" + "|".join(_CHANGE_WORDS) + r")(?:[^\S\n]+[\w'’%$£€.,-]+){0,3}"
            r"[^\S\n]+(?:(?i:from)[^\S\n]+)?\Z",
            regex.VERSION0,
        ),
        # What must follow a figure (or be in it) for the patterns above to be tried there.
        "range_hint": compiled_regex(r"[-–]|(?i:to|and)\b", regex.VERSION0),
        "in": compiled_regex(r"[^\S\n]in[^\S\n]", regex.VERSION0),
        "unknown_hint": compiled_regex(
            r"cubic|square|[mµn]?g\b|mcg|Hz|hertz|[kKMGT]B|bps|W|Wh|mAh|kV|dB|pp[mb]|watt|byte|gram",
            regex.VERSION0,
        ),
        "measure_here": compiled_regex(MEASURE_PATTERN, regex.VERSION0),
        "unit_after": compiled_regex(UNIT_AFTER_PATTERN, regex.VERSION0),
        "money_after": compiled_regex(MONEY_AFTER_PATTERN, regex.VERSION0),
        "word_after": compiled_regex(r"[^\S\n]*[A-Za-z]", regex.VERSION0),
        "joined": compiled_regex(
            r"[^\S\n]+(?P<sep>(?i:to|and))[^\S\n]+|[^\S\n]?(?P<sep>[-–])[^\S\n]?", regex.VERSION0
        ),
        # a figure after a letter (a unit's) and a hyphen: "10kg-20kg"
        "unit_dash": compiled_regex(r"(?<=[^\W\d_°][-–])\d", regex.VERSION0),
        "range_lead": compiled_regex(r"\b(?i:between|from)[^\S\n]+\Z", regex.VERSION0),
    }


# ---------------------------------------------------------------------------
# Building mentions from reader results


def _from_number(start: int, end: int, number: Number, text: str) -> Mention:
    return Mention(
        kind="percent" if number.percent else "number",
        text=text[start:end],
        start=start,
        end=end,
        value=number.value,
        unit="percent" if number.percent else None,
        scale=number.scale_text,
        rounding=(number.low, number.high),
        detail=number,
    )


def _count(start: int, end: int, number: Number, text: str) -> Mention | None:
    """A figure and the noun it counts: "50 Senegalese soldiers", "1.5 million people"."""
    if number.percent or number.value < 0 or number.value != int(number.value):
        return None
    noun_re = _patterns()["noun"]
    position = end
    modifiers = 0
    while modifiers <= 3:
        found = noun_re.match(text, position)
        if found is None:
            return None
        word = found.group(1)
        lower = word.lower()
        if lower in STOP_WORDS or lower in _DURATION_FORMS or parse_number(word) is not None:
            return None  # "four Six Nations games": another figure is no word of a count
        if number.value == 1:
            if modifiers or not is_singular_noun(word):
                return None
            return _count_mention(start, found.end(), number, text, word)
        if lower in INVARIANT_PLURALS and _next_is_plural(noun_re, text, found.end()):
            pass  # "nine police officers": the noun comes later
        elif looks_plural(word) and "-" not in word:
            if _not_counted(number, word):
                return None
            return _count_mention(start, found.end(), number, text, word)
        position = found.end()
        modifiers += 1
    return None


def _next_is_plural(noun_re: regex.Pattern, text: str, position: int) -> bool:
    found = noun_re.match(text, position)
    return found is not None and looks_plural(found.group(1)) and found.group(1).islower()


# "60m hurdles" is a race over 60 metres, not sixty million hurdles.
_EVENTS = frozenset({"hurdles", "heats", "finals", "sprints", "races", "events", "relays"})


def _not_counted(number: Number, noun: str) -> bool:
    if number.scale_text == "m" and noun.lower() in _EVENTS:
        return True
    # "the 2000 Olympics", "2004 Games": a year naming an event
    figure = number.text
    if number.is_word and figure[:1].isupper() and noun[:1].isupper():
        return True  # "the Six Nations", "the Big Three": a name
    return (
        noun[:1].isupper() and len(figure) == 4 and figure.isdigit() and "1800" <= figure < "2100"
    )


def _count_mention(start: int, end: int, number: Number, text: str, noun: str) -> Mention:
    return Mention(
        kind="count",
        text=text[start:end],
        start=start,
        end=end,
        value=number.value,
        unit=lemma(noun),
        scale=number.scale_text,
        rounding=(number.low, number.high),
        detail=number,
    )


def _from_measure(start: int, end: int, measure: Measure, text: str) -> Mention:
    number = measure.number
    names = tuple(dict.fromkeys(r.name for r in measure.readings))
    return Mention(
        kind="measure",
        text=text[start:end],
        start=start,
        end=end,
        value=number.value,
        unit=names[0],
        units=names,
        scale=number.scale_text,
        rounding=(number.low, number.high),
        detail=measure,
    )


def _from_money(start: int, end: int, money: Any, text: str) -> Mention:
    """An amount in its currency: "197 pence" is 1.97 GBP."""
    number = money.number
    unit = money.unit
    return Mention(
        kind="money",
        text=text[start:end],
        start=start,
        end=end,
        value=_in_units(number.value, unit),
        unit=money.currency,
        units=tuple(money.currencies),
        scale=number.scale_text,
        rounding=(_in_units(number.low, unit), _in_units(number.high, unit)),
        detail=money,
    )


def _in_units(value: float, unit: float) -> float:
    return value if unit == 1 else round(value * unit, 12)


def _from_date(start: int, end: int, date: DateMention) -> Mention:
    return Mention(kind="date", text=date.text, start=start, end=end, value=date.iso(), detail=date)


def _looks_like_year(number: Number) -> bool:
    figure = number.text
    return len(figure) == 4 and figure.isdigit() and "1800" <= figure < "2100"


def _has_noun(found: regex.Match) -> bool:
    between = found.string[found.end("top") : found.start("bottom")].split()
    return any(word not in ("in", "every") for word in between)


def _ratio(found: regex.Match) -> Mention | None:
    start, end = found.span()
    matched = found.group()
    top, bottom = parse_number(found["top"]), parse_number(found["bottom"])
    if top is None or bottom is None or top.percent or bottom.percent or not bottom.value:
        return None
    if top.value >= bottom.value or top.scale_text or bottom.scale_text:
        return None  # "5 in 2" is no share; "1 in 5 million" is left to its parts
    if _looks_like_year(bottom) or (_has_noun(found) and top.value != 1):
        return None  # "11 matches in 2004"; "one child in five" is a share
    share = top.value / bottom.value
    return Mention(
        kind="number",
        text=matched,
        start=start,
        end=end,
        value=share,
        rounding=(share, share),
        detail=(top, bottom),
    )


_TO = regex.compile(r"[^\S\n]to[^\S\n]", regex.IGNORECASE)
_WORDED = regex.compile(r"\b(?:and|to)\b", regex.IGNORECASE)
_CHANGE_WORDS = """rose rise rises risen rising fell fall falls fallen falling increased increase
increases increasing decreased decrease decreases cut cuts cutting raised raise raises raising
lifted lift grew grow grows grown jumped jump jumps dropped drop drops slipped slip climbed
climb soared soar slumped slump plunged plunge declined decline reduced reduce reduces trimmed
trim edged up down doubled halved moved changed change boosted boost lowered lower hiked hike
slashed slash surged surge tumbled revised upgraded downgraded widened narrowed shrank shrunk
expanded extended by""".split()  # noqa: SIM905
# What _range returns for a score: its figures are no quantities either.
_SCORE = Mention(kind="number", text="", start=0, end=0, value=None)


def _range(
    start: int,
    end: int,
    text: str,
    units: dict[int, Mention],
    prefixed: list[Mention],
    figures: frozenset[int],
) -> Mention | None:
    """A range; a unit or currency written with its second end applies to both ends."""
    matched = text[start:end]
    read = parse_range(matched)
    if read is None:
        return None
    first, second = read
    spelled_to = not matched[:8].lower().startswith("between") and _TO.search(matched) is not None
    if spelled_to and (
        second.value <= first.value or _patterns()["change"].search(text, max(0, start - 60), start)
    ):
        return None  # "cut from 30% to 29%", "up 23% to 2.05 euros": two figures, not a range
    if second.value <= first.value:
        whole = not (first.percent or second.percent or first.scale_text or second.scale_text)
        # "won 3-1", "drew 1-1": a score, not a range ("between 300 and 200" runs backwards)
        scored = whole and first.value == int(first.value) and not _WORDED.search(matched)
        return _SCORE if scored else None
    unit: str | None = "percent" if second.percent else None
    alternatives: tuple[str, ...] = (unit,) if unit else ()
    second_start = end - len(second.text)
    if second_start not in figures:
        return None  # "between 2000 and 2100 GMT": the reader saw no figure there (a time)
    carrier = units.get(second_start) or _unit_after_dash(text, second_start)
    if carrier is not None and carrier.end > end:
        end = carrier.end
        unit, alternatives = carrier.unit, carrier.units
    elif unit is None:
        counted = _count(second_start, end, second, text)  # "30-40 enterprises"
        if counted is not None:
            end, unit = counted.end, counted.unit
    for money in prefixed:  # "$10-15m": the mark before the first end
        if money.start < start < money.end <= end:
            start = money.start
            unit, alternatives = money.unit, money.units
    return Mention(
        kind="range",
        text=text[start:end],
        start=start,
        end=end,
        value=None,
        low=first.value,
        high=second.value,
        unit=unit,
        units=alternatives,
        scale=second.scale_text,
        rounding=(first.low, second.high),
        detail=(first, second),
    )


def _unit_after_dash(text: str, start: int) -> Mention | None:
    """The measure a range's second end starts ("4-6 kg", "10kg-20kg"), which the measure
    search, never starting a figure after a hyphen, did not read. It is read from a copy
    that starts at the figure: the number grammar starts no figure after a letter and a
    hyphen ("MiG-29"), and here a unit comes before the hyphen."""
    found = _patterns()["measure_here"].match(text[start : start + _MEASURE_WIDTH])
    measure = parse_measure(found.group()) if found else None
    return None if measure is None else _from_measure(start, start + found.end(), measure, text)


def _ends_after_units(text: str, numbers: list[Figure]) -> list[Figure]:
    """The second figure of "10kg-20kg" or "5ft-6ft": a figure right after a measure's unit
    and a hyphen, which find_numbers leaves alone as it would "MiG-29"."""
    found: list[Figure] = []
    patterns = _patterns()
    starts = [start for start, _, _ in numbers]
    for hit in patterns["unit_dash"].finditer(text):
        at = hit.start()
        index = bisect.bisect_left(starts, at) - 1
        if index < 0 or at in starts:
            continue
        _, end, number = numbers[index]
        scale = number.scale_text or ""
        unit_end = at - 1
        after = patterns["unit_after"]
        if not (
            after.fullmatch(text, end, unit_end)
            or (scale and after.fullmatch(text, end - len(scale), unit_end))
        ):
            continue
        measure = _unit_after_dash(text, at)
        if measure is not None:
            figure = measure.detail.number
            found.append((at, at + len(figure.text), figure))
    return found


def _unit_ranges(text: str, quantities: list[Mention]) -> list[Mention]:
    """Two amounts or measures of one unit as the ends of a range: "from 250 miles to 290
    miles", "between $3m and $4m", "8cm to 75cm", "10kg-20kg"; after a change word ("rose
    from $3m to $4m") a change. "and" joins the ends of a range only after "between":
    "800m and 1500m" are two races."""
    found = []
    ordered = sorted(quantities, key=lambda m: (m.start, -m.end))
    starts = [m.start for m in ordered]
    for first in ordered:
        index = bisect.bisect_left(starts, first.end)
        if index == len(ordered):
            continue
        second = ordered[index]
        joined = _patterns()["joined"].fullmatch(text, first.end, second.start)
        if joined is None or first.unit != second.unit or first.unit is None:
            continue
        lead = _patterns()["range_lead"].search(text, max(0, first.start - 10), first.start)
        if not _joins_a_range(text, lead, joined["sep"].lower(), first.start):
            continue
        begin = lead.start() if lead else first.start
        low = _carried_low(first, second)
        if low is None:
            continue
        rounding = (first.rounding or (0, 0))[0], (second.rounding or (0, 0))[1]
        found.append(
            dataclasses.replace(
                second,
                kind="range",
                text=text[begin : second.end],
                start=begin,
                value=None,
                low=low,
                high=second.value,
                rounding=rounding,
                detail=(first.detail, second.detail),
            )
        )
    return found


def _joins_a_range(text: str, lead: regex.Match | None, sep: str, first: int) -> bool:
    """ "between" goes with "and", "from" (or nothing) with "to"; a hyphen needs no lead.
    After a change word ("rose from $3m to $4m", "down $1.33 to $42.12") the figures are
    a change."""
    between = lead is not None and lead.group().strip().lower() == "between"
    if sep == "and":
        return between
    if sep == "to":
        if between:
            return False
        start = lead.start() if lead else first
        return _patterns()["change"].search(text, max(0, start - 60), first) is None
    return lead is None


def _carried_low(first: Mention, second: Mention) -> float | None:
    """The first end's value, with the second end's scale when only it has one ("$1.3 to
    $1.5bn" is 1.3bn); None when the ends do not run upwards."""
    low, high = first.value, second.value
    if not isinstance(low, float | int) or not isinstance(high, float | int):
        return None
    number = getattr(first.detail, "number", None)
    later = getattr(second.detail, "number", None)
    if number is not None and later is not None and not number.scale_text and later.scale_text:
        scaled = low * later.scale
        if scaled <= high:
            low = scaled
    return low if low < high else None


def _is_year(mention: Mention) -> bool:
    """A bare four-digit figure from 1800 to 2099 ("the 2004 election") names a year."""
    text = mention.text
    return (
        mention.kind == "number" and len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2099
    )


# ---------------------------------------------------------------------------
# The pass


def _match_at(pattern: regex.Pattern, text: str, starts: list[int]) -> list[regex.Match]:
    return [m for at in starts if (m := pattern.match(text, at)) is not None]


def _may_start_mark(char: str) -> bool:
    return char in "$£€¥₹₩" or char.isupper()


def _money_candidates(
    text: str, patterns: dict, numbers: list[Figure], glued: list[int]
) -> list[Mention]:
    """Amounts, tried at each figure and at the few characters before it (the mark)."""
    starts = [start for start, _, _ in numbers]
    glued_set = set(glued)
    money: list[Mention] = []
    money_re = patterns["money"]
    tried: set[int] = set()
    named_after = set(_followed_by(text, patterns["money_after"], numbers))
    for at in sorted(set(starts + glued)):
        for begin in range(max(0, at - _MARK_WIDTH), at + 1):
            if begin in tried:
                continue
            tried.add(begin)
            if begin < at and not _may_start_mark(text[begin]):
                continue  # marks start with a symbol or a capital: "$", "US$", "RM"
            if begin == at and at not in named_after and at not in glued_set:
                continue  # no mark before it, and no currency after it
            match = money_re.match(text, begin)
            if match is None or match.end() <= at:
                continue
            amount = parse_money(match.group())
            if amount is not None:
                money.append(_from_money(match.start(), match.end(), amount, text))
    return money


def _followed(hint: regex.Pattern, text: str, numbers: list[Figure], width: int) -> list[int]:
    """The starts of the figures with `hint` in or just after them: a cheap search that
    spares the full pattern (which reads the figure again) everywhere else."""
    return [start for start, end, _ in numbers if hint.search(text, start, end + width)]


def _unit_candidates(
    text: str, patterns: dict, starts: list[int], numbers: list[Figure]
) -> list[Mention]:
    """Measures (durations among them) starting at a figure."""
    found: list[Mention] = []
    for match in _match_at(
        patterns["measure"], text, _followed_by(text, patterns["unit_after"], numbers)
    ):
        measure = parse_measure(match.group())
        if measure is None or (_runs_on(text, match.end()) and _is_time(measure)):
            continue  # "a year-on-year rise", "the 21-year-old": no duration
        found.append(_from_measure(match.start(), match.end(), measure, text))
    for start, _, _ in numbers:
        if start > 1 and text[start - 1] in "-–" and not text[start - 2].isdigit():
            mention = _unit_after_dash(text, start)  # "10kg-20kg": found by _ends_after_units
            if mention is not None:
                found.append(mention)
    unknown = _followed(patterns["unknown_hint"], text, numbers, 14)
    for match in _match_at(patterns["unknown_unit"], text, unknown):
        mention = _unknown_unit(match, text)
        if mention is not None:
            found.append(mention)
    return found


def _followed_by(text: str, hint: regex.Pattern, numbers: list[Figure]) -> list[int]:
    """The figures `hint` matches right after, or right after their digits when the
    reader took a letter for a scale ("14m", "10km", "5bn" before "euros")."""
    found = []
    for start, end, number in numbers:
        scale = number.scale_text
        if hint.match(text, end) or (scale and hint.match(text, end - len(scale))):
            found.append(start)
    return found


def _runs_on(text: str, end: int) -> bool:
    return end < len(text) and text[end] in "-'’"


def _is_time(measure: Measure) -> bool:
    return measure.readings[0].dimension == "time"


def _unknown_unit_name(written: str) -> str:
    """A unit word in the singular ("megawatts" -> "megawatt"), a symbol as written."""
    words = written.split()
    if words[-1].islower() and len(words[-1]) > 3:
        words[-1] = lemma(words[-1])
    return " ".join(words)


def _unknown_unit(match: regex.Match, text: str) -> Mention | None:
    """ "500 mg", "4 cubic kilometres": a measure in a unit factlint does not convert."""
    if parse_measure(match.group()) is not None:
        return None  # a unit the table knows after all ("square miles")
    number = parse_number(text[match.start() : match.start("u")].rstrip(" -\u00a0"))
    if number is None or number.percent:
        return None
    return Mention(
        kind="measure",
        text=match.group(),
        start=match.start(),
        end=match.end(),
        value=number.value,
        unit=_unknown_unit_name(match.group("u")),
        units=(),
        scale=number.scale_text,
        rounding=(number.low, number.high),
        detail=number,
    )


def _closed_candidates(
    text: str, patterns: dict, numbers: list[Figure], units: dict[int, Mention], money: list
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Ranges and ratios, and the spans whose figures are read as a whole or not at all:
    scores ("3-1") and shares ("one in five adults" is a share, not a count of five)."""
    found: list[Mention] = []
    closed: list[tuple[int, int]] = []
    figures = frozenset(start for start, _, _ in numbers)
    starts = _followed(patterns["range_hint"], text, numbers, 6)
    range_starts = list(starts)
    for at in starts:
        lead = patterns["range_lead"].search(text, max(0, at - 10), at)
        if lead is not None:
            range_starts.append(lead.start())
    for match in _match_at(patterns["range"], text, sorted(set(range_starts))):
        mention = _range(match.start(), match.end(), text, units, money, figures)
        if mention is _SCORE:
            closed.append(match.span())
        elif mention is not None:
            found.append(mention)
    for match in _match_at(patterns["ratio"], text, _followed(patterns["in"], text, numbers, 24)):
        mention = _ratio(match)
        if mention is not None:
            found.append(mention)
            closed.append(match.span())
    return found, closed


Figure = tuple[int, int, Number]


def _figures(text: str) -> list[Figure]:
    """Every figure: find_numbers, figures glued to a currency's letters ("RM2.16"), and
    second ends written after a unit and a hyphen ("10kg-20kg")."""
    numbers = find_numbers(text)
    glued = find_glued_figures(text)
    after_units = _ends_after_units(text, numbers)
    if after_units:
        numbers = sorted(numbers + after_units, key=lambda item: item[0])
    if glued:
        taken = {start for start, _, _ in numbers}
        for start, end in glued:
            number = parse_number(text[start:end])
            if start not in taken and number is not None:
                numbers.append((start, end, number))
        numbers.sort(key=lambda item: item[0])
    return numbers


def _candidates(text: str, numbers: list[Figure], dates: list) -> list[Mention]:
    """Every reading of every reader; overlaps are settled by _resolve.

    Only find_numbers scans the whole text. The patterns that start at a figure
    (measures, durations, ranges, shares, amounts) are then tried at each figure
    only, and amounts with a mark before the figure at the few characters before
    it: on news copy that is about ten times faster than letting each pattern
    scan the text.
    """
    patterns = _patterns()
    starts = [start for start, _, _ in numbers]
    # Figures find_numbers does not start at: glued to a mark ("RM2.16", "US$5bn") or
    # after "between"/"from" (ranges).
    glued = [m.start() for m in patterns["glued"].finditer(text)]
    found: list[Mention] = [_from_date(start, end, date) for start, end, date in dates]
    money = _money_candidates(text, patterns, numbers, glued)
    found.extend(money)
    units: dict[int, Mention] = {m.start: m for m in money}
    for mention in _unit_candidates(text, patterns, starts, numbers):
        found.append(mention)
        units.setdefault(mention.start, mention)
    ranged, closed = _closed_candidates(text, patterns, numbers, units, money)
    ranged.extend(_unit_ranges(text, [m for m in found if m.kind in ("money", "measure")]))
    if dates:  # "from 6 to 9 January": a day of a date, never the end of a range
        ranged = [m for m in ranged if not any(m.start < b and a < m.end for a, b, _ in dates)]
    found.extend(ranged)
    for start, end, number in numbers:
        if closed and any(s <= start < e for s, e in closed):
            continue
        covering = units.get(start)
        if covering is None or covering.end < end or _word_after(text, covering.end):
            counted = _count(start, end, number, text)  # else the measure or amount wins
            if counted is not None:
                found.append(counted)
        if covering is None or covering.end < end:
            found.append(_from_number(start, end, number, text))
    return found


def _word_after(text: str, position: int) -> bool:
    """A word follows: a count from the same figure ("5m people") may outrun the measure."""
    return _patterns()["word_after"].match(text, position) is not None


def _resolve(found: list[Mention]) -> list[Mention]:
    """Longest first, then most specific; a reading overlapping a kept one is dropped."""
    found.sort(key=lambda m: (m.start - m.end, _RANK[m.kind], m.start))
    kept: list[Mention] = []
    starts: list[int] = []  # the kept spans never overlap: sorted by start, so by end too
    ends: list[int] = []
    for mention in found:
        index = bisect.bisect_right(starts, mention.start)
        if index and ends[index - 1] > mention.start:
            continue  # overlaps the kept span starting before it
        if index < len(starts) and starts[index] < mention.end:
            continue  # overlaps the one starting after it
        kept.append(mention)
        starts.insert(index, mention.start)
        ends.insert(index, mention.end)
    kept.sort(key=lambda m: m.start)
    return kept


def _qualified(mention: Mention, text: str) -> Mention:
    if mention.kind == "date":
        return mention
    found = _patterns()["qualifier"].search(text, max(0, mention.start - 30), mention.start)
    if mention.kind != "range":
        changed = change_before(text, found.start() if found else mention.start)
        if changed is not None:  # "rose by about 35 miles": a change of that size
            mention = dataclasses.replace(mention, change=changed[0], change_text=changed[1])
    if found is None:
        return mention
    words = " ".join(found.group().split())
    qualifier = parse_qualifier(words)
    low, high = mention.low, mention.high
    if mention.kind != "range" and isinstance(mention.value, float):
        if qualifier in (">", ">="):
            low = mention.value
        elif qualifier in ("<", "<="):
            high = mention.value
    return dataclasses.replace(
        mention, low=low, high=high, qualifier=qualifier, qualifier_text=words
    )


@dataclass(frozen=True, slots=True)
class FigureReading:
    """What the one pass read in a prose: the mentions, and the figures they hold.

    `figures` are the figures inside the mentions other than dates (a range has
    two, a share "one in five" two, every other mention one), left to right: the
    rules see exactly these, as tokens (engine/figures.py). A figure outside
    every mention (a year, a score) is no quantity, and no rule binds it.
    `dates` is every date find_dates read, for the dateline. The qualifier and
    change words before a mention ("about", "rose by") are read by find_mentions
    for extract only: the rules read them in their own patterns.
    """

    mentions: tuple[Mention, ...]
    figures: tuple[Figure, ...]
    dates: tuple[tuple[int, int, DateMention], ...]


def read_figures(text: str) -> FigureReading:
    """The one extraction pass over a Document's prose: `extract` prints its mentions,
    the rules match against its figures and dates (engine/figures.tag_figures)."""
    numbers = _figures(text)
    dates = find_dates(text)
    mentions = tuple(m for m in _resolve(_candidates(text, numbers, dates)) if not _is_year(m))
    return FigureReading(mentions, _inside(numbers, mentions), tuple(dates))


def _inside(numbers: list[Figure], mentions: tuple[Mention, ...]) -> tuple[Figure, ...]:
    """The figures within a mention that is not a date (both lists are in text order)."""
    inside: list[Figure] = []
    index = 0
    for number in numbers:
        start = number[0]
        while index < len(mentions) and mentions[index].end <= start:
            index += 1
        if index == len(mentions):
            break
        mention = mentions[index]
        if mention.start <= start and mention.kind != "date":
            inside.append(number)
    return tuple(inside)


def find_mentions(
    text: str, position: Callable[[int], tuple[int, int]] | None = None
) -> list[Mention]:
    """Every quantity in `text` (a Document's prose), left to right, without overlaps.

    `position` maps an offset to its 1-based (line, column), Document.position
    for instance; without it line and column stay 0.
    """
    mentions = [_qualified(m, text) for m in read_figures(text).mentions]
    if position is None:
        return mentions
    return [_with_position(m, *position(m.start)) for m in mentions]


def _with_position(mention: Mention, line: int, column: int) -> Mention:
    return dataclasses.replace(mention, line=line, column=column)
