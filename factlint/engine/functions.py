"""The named functions the assertion language offers; engine/registry.py lists which a rule
can reach, under which name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from factlint.engine.expr import Undecidable
from factlint.engine.semantics import Figure
from factlint.quantities.counts import parse_list
from factlint.quantities.demonyms import place_of
from factlint.quantities.nouns import lemma
from factlint.quantities.tolerance import Interval


def _number(value: Any) -> float:
    figure = getattr(value, "value", value)
    figure = getattr(figure, "value", figure)
    return float(figure)


def absolute(value: Any) -> float:
    return abs(_number(value))


def minimum(*values: Any) -> float:
    return min(_number(v) for v in values)


def maximum(*values: Any) -> float:
    return max(_number(v) for v in values)


def count(value: Any) -> int:
    """The items of a list; a slot typed by a pack fragment ("{items:names}") is its text,
    split where a list is: at commas and a final "and" or "or"."""
    inner = getattr(value, "value", value)
    items = getattr(inner, "items", None)
    if items is None and isinstance(inner, str):
        parsed = parse_list(inner)
        items = parsed.items if parsed is not None else ()
    return len(items) if items is not None else 0


def price_point(value: Any) -> bool:
    """Shop prices ("$149 (£99)", "£9.99") are set per market, not converted.

    A figure with no scale under 10,000 that ends in 9 (or .95/.99) reads as a
    price point; a pair of them in brackets is two prices, not a conversion.
    """
    number = getattr(getattr(value, "value", value), "number", None)
    if number is None or number.scale_text or number.percent or number.value >= 10_000:
        return False
    cents = round(number.value * 100) % 100
    whole = int(number.value)
    return cents in (95, 99) or (cents == 0 and whole % 10 == 9)


def exact(value: Any) -> Any:
    """The figure as printed, without its rounding interval.

    Sums and changes in copy are checked on the printed figures ("300 + 80 is
    380, not 400"): a reader does that arithmetic, not interval arithmetic.
    """
    number = getattr(getattr(value, "value", value), "number", None)
    if number is None:
        number = getattr(value, "number", None)
    point = float(number.value) if number is not None else float(getattr(value, "value", value))
    return Figure(point, Interval(point, point))


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


PERIOD_REACH_DAYS = 200  # a date without a year lies in the article's period or this near it
# With an exact article date, a date without a year is read in the one year that puts it
# in this window: five months back to seven ahead (previews outnumber look-backs).
DAYS_BACK, DAYS_AHEAD = 152, 213


def weekday(value: Any, article: Any = None, beside: Any = None) -> str | None:
    """The weekday the written calendar date fell on; None when it cannot be known.

    A date written without a year ("Saturday 20 August") is read against the
    article's date: with an exact date, in the year that puts it from five
    months before the article to seven after (a February article's "Saturday
    20 August" is the coming August);
    with a period (--date 2004-01..2005-03), in every year that puts it inside
    the period or within PERIOD_REACH_DAYS of it. The written weekday is right
    when one of those readings gives it; otherwise the answer names them all
    ("Wednesday (2004) or Thursday (2005)"), and without an article date nothing
    is said. `beside` is a weekday written next to the date rather than in it
    ("next Saturday (3 March)").
    """
    mention = getattr(value, "value", value)
    day = getattr(mention, "date", None)
    if day is not None:
        return _WEEKDAY_NAMES[day.weekday()]
    written = written_weekday(value, beside)
    if getattr(mention, "day", None) is None:
        return None
    start, end = getattr(article, "start", None), getattr(article, "end", None)
    no_date = start is None or end is None or getattr(article, "source", "") == "latest rates"
    readings = [] if no_date else _year_readings(mention, start, end)
    if not readings:
        if written is not None:
            raise Undecidable("no year is written and the article's date is not known")
        return None
    names = [_WEEKDAY_NAMES[candidate.weekday()] for candidate in readings]
    if written is not None and written in names:
        return written
    if len(readings) == 1:
        return names[0]
    return " or ".join(f"{name} ({c.year})" for name, c in zip(names, readings, strict=True))


def _year_readings(mention: Any, start: dt.date, end: dt.date) -> list[dt.date]:
    """The calendar days a date without a year may be, for an article of start..end."""
    if start == end:
        candidates = [mention.with_year(start.year + offset) for offset in (-1, 0, 1)]
        days = [c.date for c in candidates if c is not None]
        return [d for d in days if -DAYS_BACK <= (d - start).days < DAYS_AHEAD][:1]
    reach = dt.timedelta(days=PERIOD_REACH_DAYS)
    found = []
    for year in range(start.year - 1, end.year + 2):
        candidate = mention.with_year(year)
        if candidate is not None and start - reach <= candidate.date <= end + reach:
            found.append(candidate.date)
    return found


def written_weekday(value: Any, beside: Any = None) -> str | None:
    """The weekday as written: in the date ("Tuesday, 27 July") or beside it."""
    mention = getattr(value, "value", value)
    index = getattr(mention, "weekday", None)
    if index is not None:
        return _WEEKDAY_NAMES[index]
    if beside is None:
        return None
    word = str(getattr(beside, "text", beside)).strip().capitalize()
    return next((name for name in _WEEKDAY_NAMES if name.startswith(word[:3])), None)


def fact_key(*parts: Any) -> str:
    """A fact's name from slots: the counted noun's singular, places as countries.

    "African troops", "troops" and "100 troops" all give "troop"; "Beninese"
    and "Benin" both give "benin". Journalists vary the words around a figure;
    the head noun and the place are what stay.
    """
    names = []
    for part in parts:
        inner = getattr(part, "value", part)
        noun = getattr(inner, "noun", None)
        if noun is not None:
            names.append(noun)
            continue
        words = str(getattr(part, "text", part)).split()
        if not words:
            continue
        place = place_of(words[-1])
        names.append(place if place else lemma(words[-1]))
    return "|".join(_GROUPS.get(name, name) for name in names)


# Nouns a report uses for one group: "troops", "soldiers" and "forces" are one count.
_GROUPS = {
    "soldier": "troop",
    "force": "troop",
    "serviceman": "troop",
    "contingent": "troop",
    "toll": "death",  # "the toll" after "the death toll stood at 45"
    "dead": "death",
    "membership": "member",
}


# Placeholders: the run loop binds these to the document's facts for each match; the
# loader refuses them where no fact can be known yet (a record's key).
def unbound_fact(name: str) -> Any:  # pragma: no cover - replaced at run time
    raise RuntimeError("fact() is bound by the run loop")


def unbound_known(name: str) -> bool:  # pragma: no cover - replaced at run time
    raise RuntimeError("known() is bound by the run loop")


def unbound_only(name: str) -> Any:  # pragma: no cover - replaced at run time
    raise RuntimeError("only() is bound by the run loop")


_MULTIPLES = (("doubl", 2.0), ("trebl", 3.0), ("tripl", 3.0), ("quadrupl", 4.0), ("halv", 0.5))


def multiple(word: Any) -> float:
    """The factor a word names: "doubled" 2, "tripling" 3, "halved" 0.5; 0 for other words."""
    text = str(getattr(word, "text", word)).lower()
    return next((factor for stem, factor in _MULTIPLES if text.startswith(stem)), 0.0)


def carried(low: Any, high: Any) -> Any:
    """The first end of "between 200 and 150 million" with the second end's scale.

    The scale is carried only when that keeps the two ends within a factor of
    ten of each other: "between 500 and 1.5 million" means 500, not 500 million.
    """
    first = getattr(low, "number", None)
    second = getattr(high, "number", None)
    if first is None or second is None:
        return exact(low)
    value = first.value
    if not first.scale_text and second.scale_text and second.value:
        scaled = value * second.scale
        if 0.1 <= scaled / second.value <= 10:
            value = scaled
    return Figure(value, Interval(value, value))


def comparable(*values: Any) -> bool:
    """Figures one change can join: no two currencies, and all percentages or none.

    "to $11.1bn from 10.9bn" joins money with a plain figure (the currency is
    written once); "to $5bn from £3bn" or "to 6% from 6,000" is not one change.
    An empty role (None) is left out.
    """
    currencies: set[str] = set()
    percents: set[bool] = set()
    for value in values:
        if value is None:
            continue
        inner = getattr(value, "value", value)
        marks = getattr(inner, "currencies", None)
        if marks:
            currencies.add(marks[0])
        number = getattr(inner, "number", inner)
        percents.add(bool(getattr(number, "percent", False)))
    return len(currencies) <= 1 and len(percents) <= 1


def clock_times(*values: Any) -> bool:
    """Four-digit 24-hour times ("between 2200 and 0700"): all are HHMM, one starts with 0.

    A night runs from a larger figure to a smaller one, so such a pair is not a
    backward range.
    """
    texts = [str(getattr(value, "text", value)) for value in values]
    if not all(len(t) == 4 and t.isdigit() and int(t[:2]) < 24 and int(t[2:]) < 60 for t in texts):
        return False
    return any(text.startswith("0") for text in texts)
