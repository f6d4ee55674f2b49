"""Typed placeholders: what `{name:type}` in a rule pattern matches and binds to.

Each type contributes the extractor's own pattern (so a rule author never
writes a number regex) and a reader that turns the matched text into a value.
A match whose text the reader rejects is dropped, which keeps patterns simple
and the readers the single source of truth.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from factlint.engine.figures import (
    DATE_START,
    DATE_TOKEN_PATTERN,
    FIGURE_PATTERN,
    PLAIN_FIGURE_PATTERN,
    TOKEN_PATTERN,
    TOKEN_START,
)
from factlint.quantities.counts import LIST_PATTERN, count_pattern, parse_count, parse_list
from factlint.quantities.dates import parse_date
from factlint.quantities.measures import (
    measure_pattern,
    measure_range_pattern,
    parse_measure,
    parse_measure_range,
)
from factlint.quantities.money import (
    MONEY_START_PATTERN,
    money_pattern,
    parse_amount,
    parse_money,
)
from factlint.quantities.numbers import QUALIFIER_PATTERN, parse_number, parse_qualifier

_SPACE = r"[^\S\n]"
# A figure must not start inside a word or another figure ("G60", "1,500").
_FIGURE_START = r"(?<![\w.,\-/])"


@dataclass(frozen=True, slots=True)
class Bound:
    """One slot bound to a stretch of text, with its parsed value."""

    kind: str
    text: str
    start: int
    end: int
    value: Any  # Number, Measure, Money, ... depending on kind
    qualifier: str = "="
    qualifier_text: str = ""

    @property
    def number(self) -> Any:
        return getattr(self.value, "number", self.value)


@dataclass(frozen=True, slots=True)
class SlotType:
    """`pattern` runs over the engine's view of the prose, where figures are tokens
    (engine/figures.py); `reader` reads the original text of the matched span."""

    name: str
    pattern: str
    reader: Callable[[str], Any]
    qualified: bool = True  # accepts a leading "about", "more than" ...
    first: str = ""  # a character class every match starts with, checked before anything else
    then: str = ""  # a sharper look-ahead, tried only where `first` holds


def _read_word(text: str) -> str:
    return text


def slot_type(name: str) -> SlotType | None:
    return SLOT_TYPES.get(name)


def slot_type_names() -> list[str]:
    return sorted(SLOT_TYPES)


def slot_regex(name: str, type_name: str, *, leading: bool = False) -> str:
    """Regex source for one placeholder; the qualifier gets its own group.

    A slot that starts a pattern (`leading`) starts the match at the figure
    itself: a look-ahead for the type's first character lets the regex engine
    skip every other position at once, and the qualifier ("about", "more
    than") is read by a look-behind from there. Trying the qualifier words at
    every position first made such rules ten times slower. Inside a pattern
    ("\\({b:money}\\)") the qualifier is matched in place, as text between.
    """
    kind = SLOT_TYPES[type_name]
    first = f"(?={kind.first})" if kind.first else ""
    if kind.then:
        first += f"(?={kind.then})"
    body = f"(?P<{name}>{_FIGURE_START}{first}(?:{kind.pattern}))"
    if not kind.qualified:
        return body
    if leading:
        return f"{first}(?:(?<=(?P<{name}__q>{QUALIFIER_PATTERN}){_SPACE}{{1,3}}))?{body}"
    return f"(?:(?P<{name}__q>{QUALIFIER_PATTERN}){_SPACE}+)?{body}"


def bind(
    kind_name: str, text: str, start: int, end: int, qualifier_text: str | None
) -> Bound | None:
    kind = SLOT_TYPES[kind_name]
    value = kind.reader(text)
    if value is None:
        return None
    inner = getattr(value, "span", None)
    if inner is not None:  # one end of a range: the slot points at that end only
        start, end, text = start + inner[0], start + inner[1], value.text
    return Bound(
        kind=kind_name,
        text=text,
        start=start,
        end=end,
        value=value,
        qualifier=parse_qualifier(qualifier_text),
        qualifier_text=qualifier_text or "",
    )


_TOKEN = TOKEN_START
_MONEY_FIRST = f"[{TOKEN_START}\\p{{Sc}}A-Z]"
_MEASURE_RANGE = measure_range_pattern(TOKEN_PATTERN)
_MONEY = money_pattern(FIGURE_PATTERN, FIGURE_PATTERN)
_AMOUNT = f"(?:{_MONEY}|{FIGURE_PATTERN})"  # money, or a plain figure beside it


def _read_level(text: str) -> Any:
    amount = parse_amount(text)
    return amount if amount is not None else parse_number(text)


def _range_end(which: str) -> Callable[[str], Any]:
    def read(text: str) -> Any:
        found = parse_measure_range(text)
        return None if found is None else getattr(found, which)

    return read


# Every slot type a rule may name, in one table: `{x:number}` is SLOT_TYPES["number"].
SLOT_TYPES: Mapping[str, SlotType] = MappingProxyType(
    {
        slot.name: slot
        for slot in (
            SlotType("number", FIGURE_PATTERN, parse_number, first=_TOKEN),
            SlotType("measure", measure_pattern(PLAIN_FIGURE_PATTERN), parse_measure, first=_TOKEN),
            SlotType(
                "money",
                _MONEY,
                parse_money,
                first=_MONEY_FIRST,
                then=MONEY_START_PATTERN,
            ),
            # An amount: money with its mark before or after, or a plain figure ("6,630")
            # that a rule compares with money of the same sentence; never a percentage.
            SlotType(
                "amount",
                _AMOUNT,
                parse_amount,
                first=_MONEY_FIRST,
                then=MONEY_START_PATTERN,
            ),
            # A level: what a change goes from or to, an amount or a percentage
            # ("from 8% to 6%").
            SlotType(
                "level",
                _AMOUNT,
                _read_level,
                first=_MONEY_FIRST,
                then=MONEY_START_PATTERN,
            ),
            SlotType("count", count_pattern(FIGURE_PATTERN), parse_count, first=_TOKEN),
            # A range of measures, "8 to 75 cm", bound to one end: a rule per end checks
            # each, and a finding points at (and a fix replaces) that end alone. The bare
            # token is enough to find the span ("3-5 million tonnes": the loose unit takes
            # "million tonnes"); the reader reads scales and units; no qualifier is bound.
            SlotType("range_low", _MEASURE_RANGE, _range_end("low"), qualified=False, first=_TOKEN),
            SlotType(
                "range_high", _MEASURE_RANGE, _range_end("high"), qualified=False, first=_TOKEN
            ),
            SlotType("list", LIST_PATTERN, parse_list, qualified=False, first="\\p{Lu}"),
            SlotType("date", DATE_TOKEN_PATTERN, parse_date, qualified=False, first=DATE_START),
            SlotType("word", r"\w+(?:[-'’]\w+)*", _read_word, qualified=False),
            SlotType(
                "words",
                r"\w+(?:[-'’]\w+)*(?:[^\S\n]+\w+(?:[-'’]\w+)*){0,5}?",
                _read_word,
                qualified=False,
            ),
        )
    }
)
