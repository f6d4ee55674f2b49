"""Measures: a number with a unit, as news copy writes them.

"60 kilometres", "250mm", "a 40-tonne truck", "2,500-square-foot" and the
compound height "5ft 10in" all become one `Measure` carrying every reading
of its unit, so that ambiguous units ("gallons", "tons") can pass when any
reading fits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from factlint.infra.regex_store import compiled_regex
from factlint.quantities.number_format import format_number
from factlint.quantities.numbers import GLUED_NUMBER_PATTERN, NUMBER_PATTERN, Number, parse_number
from factlint.quantities.units import UNIT_PATTERN, UnitReading, unit_readings

_SPACE = r"[^\S\n]"
# 5ft 10in, 5 feet 10 inches, 5'6" (primes or typewriter quotes), and 6ft 2 with the
# inches left unnamed: only after "ft"/"feet" and before no other word.
_FEET = r"(?:ft|feet|foot|['′’])"
_INCHES = r"(?:in|inches|inch|[\"″”])"
_BARE_INCHES_AFTER = r"(?:ft|feet)"
_NO_UNIT_AFTER = r"(?![^\S\n]?[\w%°'′’\"″”/])(?![.,]\d)"
UNIT_END = r"(?![\w°²³])"
# "three-quarters of a mile", "half of a metre": a fraction's "of a" before the unit
_OF_A = rf"{_SPACE}+of{_SPACE}+an?{_SPACE}+"


def measure_pattern(number: str) -> str:
    """A measure around a given figure pattern (the reader's, or the engine's figure token)."""
    compound = (
        rf"(?:{number}){_SPACE}?(?:{_FEET}\.?{_SPACE}?(?:{number}){_SPACE}?{_INCHES}{UNIT_END}"
        rf"|{_BARE_INCHES_AFTER}{_SPACE}(?:{number}){_NO_UNIT_AFTER})"
    )
    simple = rf"(?:{number})(?:{_OF_A}|{_SPACE}|-)?(?:{UNIT_PATTERN}){UNIT_END}"
    return rf"(?:{compound}|{simple})"


MEASURE_PATTERN = measure_pattern(NUMBER_PATTERN)
# What follows a figure that starts a measure: a cheap test before the whole pattern,
# which reads the figure again.
UNIT_AFTER_PATTERN = rf"(?:{_OF_A}|{_SPACE}|-)?(?:{UNIT_PATTERN}){UNIT_END}|{_SPACE}?{_FEET}"


@dataclass(frozen=True, slots=True)
class Measure:
    number: Number
    unit_text: str
    readings: tuple[UnitReading, ...]
    compound: bool = False  # feet and inches, held in inches


@lru_cache(maxsize=1)
def _parsers() -> tuple[regex.Pattern, regex.Pattern]:
    compound = compiled_regex(
        rf"(?P<feet>{NUMBER_PATTERN}){_SPACE}?(?:{_FEET}\.?{_SPACE}?(?P<inches>{NUMBER_PATTERN})"
        rf"{_SPACE}?{_INCHES}|{_BARE_INCHES_AFTER}{_SPACE}(?P<inches>{NUMBER_PATTERN}))"
    )
    simple = compiled_regex(
        rf"(?P<number>{NUMBER_PATTERN})(?:{_OF_A}|{_SPACE}|-)?(?P<unit>{UNIT_PATTERN})"
    )
    return compound, simple


@lru_cache(maxsize=4096)
def parse_measure(text: str) -> Measure | None:
    """Read a string that MEASURE_PATTERN matched; None when it is not a measure after all."""
    compound, simple = _parsers()
    found = compound.fullmatch(text)
    if found:
        feet = parse_number(found["feet"])
        inches = parse_number(found["inches"])
        inch_readings = unit_readings("in")
        if feet is None or inches is None or not inch_readings:
            return None
        total = feet.value * 12 + inches.value
        number = replace(
            inches,
            value=total,
            low=total - (inches.value - inches.low) - 0.0,
            high=total + (inches.high - inches.value),
            digits=len(str(int(total))),
            text=text,
        )
        return Measure(number, "in", inch_readings, compound=True)
    found = simple.fullmatch(text)
    if not found:
        return None
    number = parse_number(found["number"])
    if number is None or number.percent:
        return None
    readings = unit_readings(found["unit"])
    if not readings:
        return None
    return Measure(number, found["unit"], readings)


# What a slot takes for a range's unit: up to four words or a symbol. The reader checks
# it against the unit table, so the slot stays small (the table's pattern is large, and a
# rule's patterns share one compile budget).
_LOOSE_UNIT = r"(?:[^\W\d_]|[°º℃℉])[^\s()\[\],;:!?]*(?:[ \u00a0-][^\W\d_][^\s()\[\],;:!?]*){0,3}?"


def measure_range_pattern(number: str) -> str:
    """A range of one unit around a given figure pattern: "8 to 75 cm", "3-5 pounds",
    "between 10 and 12 miles", "8- to 16-metre", and with the unit at both ends,
    "8cm to 75cm", "10kg-20kg", "20C and 30C".

    The unit the first end may carry is the same loose word as the second's, tried
    only right after the figure (a letter or a degree sign must follow it), so the
    slot costs little more where no unit is written there. parse_measure_range
    decides whether the units are one.
    """
    unit = rf"(?:{_OF_A}|{_SPACE}|-)?{_LOOSE_UNIT}"
    # "and" is read without looking back for "between": a look-behind at the start of
    # the slot cost every rule using it a scan of the whole text, and the pattern twice
    # the figure pattern.
    joint = rf"{_SPACE}?[-–]{_SPACE}?|-?{_SPACE}+to{_SPACE}+|{_SPACE}+and{_SPACE}+"
    return rf"(?:{number})(?:{unit})?(?:{joint})(?:{number}){unit}"


@dataclass(frozen=True, slots=True)
class RangeEnd:
    """One end of a range of measures, as a measure of the range's unit.

    `span` is where the end is written inside the range's text: a slot bound to
    it points there, so a fix replaces only that end. `figure_only` ends (the first,
    written without its unit) restate as a bare figure.
    """

    measure: Measure
    span: tuple[int, int]
    text: str
    figure_only: bool

    @property
    def number(self) -> Number:
        return self.measure.number

    @property
    def readings(self) -> tuple[UnitReading, ...]:
        return self.measure.readings

    @property
    def unit_text(self) -> str:
        return self.measure.unit_text

    def restate(self, value: float, *, digits: int, decimals: int) -> str:
        figure = format_number(value, digits=digits, decimals=decimals, like=self.number)
        return figure if self.figure_only else self.text.replace(self.number.text, figure, 1)


@dataclass(frozen=True, slots=True)
class MeasureRange:
    low: RangeEnd
    high: RangeEnd


@lru_cache(maxsize=1)
def _range_parser() -> regex.Pattern:
    number = NUMBER_PATTERN
    unit = rf"(?:{_OF_A}|{_SPACE}|-)?(?:{UNIT_PATTERN}){UNIT_END}"
    # the slot's pattern saw "between" before the range; the reader gets the range alone
    between = rf"(?P<lo>{number})(?P<lu>{unit})?{_SPACE}+and{_SPACE}+"
    dash = rf"{_SPACE}?[-–]{_SPACE}?"
    to = rf"-?{_SPACE}+to{_SPACE}+"
    first = rf"(?P<lo>{number})(?P<lu>{unit})?(?:{dash}|{to})"
    # "10kg-20kg": after a unit and a hyphen the second figure is read as if it stood alone
    # (the number grammar starts none after a letter and a hyphen, as in "MiG-29")
    second = rf"(?:(?<=[^\W\d_°][-–])(?:{GLUED_NUMBER_PATTERN})|{number})"
    return compiled_regex(rf"(?:{between}|{first})(?P<hi>{second})(?P<u>{unit})")


@lru_cache(maxsize=1024)
def parse_measure_range(text: str) -> MeasureRange | None:
    """Read a range that `measure_range_pattern` matched; None for mixed or unknown units
    or a range that does not run upwards ("5-3 metres")."""
    found = _range_parser().fullmatch(text)
    if not found:
        return None
    low, high = parse_number(found["lo"]), parse_number(found["hi"])
    unit = found["u"].lstrip(" \u00a0-")
    readings = unit_readings(unit)
    if low is None or high is None or low.percent or high.percent or not readings:
        return None
    if found["lu"] and unit_readings(found["lu"].lstrip(" \u00a0-")) != readings:
        return None
    if (
        low.scale_text is None
        and high.scale_text is not None
        and low.value * high.scale <= high.value
    ):
        scale = high.scale
        low = replace(
            low,
            value=low.value * scale,
            low=low.low * scale,
            high=low.high * scale,
            scale=scale,
            scale_text=high.scale_text,
        )
    if low.value >= high.value:
        return None
    shown = found["u"].strip(" \u00a0-")
    low_end = found.end("lu") if found["lu"] else found.end("lo")
    low_text = text[found.start("lo") : low_end]
    return MeasureRange(
        RangeEnd(
            Measure(low, unit, readings),
            (found.start("lo"), low_end),
            low_text if found["lu"] else f"{low_text} {shown}",
            not found["lu"],
        ),
        RangeEnd(
            Measure(high, unit, readings),
            (found.start("hi"), found.end("u")),
            text[found.start("hi") : found.end("u")],
            False,
        ),
    )
