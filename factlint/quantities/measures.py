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
from factlint.quantities.numbers import NUMBER_PATTERN, Number, parse_number
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
