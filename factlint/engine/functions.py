"""Named functions the assertion language offers; the only callables a rule can reach."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factlint.engine.semantics import Figure, Undecidable
from factlint.quantities.counts import parse_list
from factlint.quantities.demonyms import place_of
from factlint.quantities.nouns import lemma
from factlint.quantities.tolerance import Interval

FUNCTIONS: dict[str, Callable[..., Any]] = {}


def expression_function(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        FUNCTIONS[name] = function
        return function

    return register


def _number(value: Any) -> float:
    figure = getattr(value, "value", value)
    figure = getattr(figure, "value", figure)
    return float(figure)


@expression_function("abs")
def _abs(value: Any) -> float:
    return abs(_number(value))


@expression_function("min")
def _min(*values: Any) -> float:
    return min(_number(v) for v in values)


@expression_function("max")
def _max(*values: Any) -> float:
    return max(_number(v) for v in values)


@expression_function("count")
def _count(value: Any) -> int:
    """The items of a list; a slot typed by a pack fragment ("{items:names}") is its text,
    split where a list is: at commas and a final "and" or "or"."""
    inner = getattr(value, "value", value)
    items = getattr(inner, "items", None)
    if items is None and isinstance(inner, str):
        parsed = parse_list(inner)
        items = parsed.items if parsed is not None else ()
    return len(items) if items is not None else 0


@expression_function("price_point")
def _price_point(value: Any) -> bool:
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


@expression_function("exact")
def _exact(value: Any) -> Any:
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


@expression_function("weekday")
def _weekday(value: Any, article: Any = None) -> str | None:
    """The weekday the written calendar date fell on; None without a full date.

    With the article's exact date, a date written without a year ("Sunday,
    January 20") is read in the year that puts it closest before the article (a
    date up to a month after it stays in the same year: previews of coming
    events). With only a period known the year is a guess, so nothing is said.
    """
    mention = getattr(value, "value", value)
    day = getattr(mention, "date", None)
    written = getattr(article, "start", None)
    exact = written is not None and written == getattr(article, "end", None)
    if day is None and exact and getattr(mention, "day", None) is not None:
        for year in (written.year, written.year - 1):
            candidate = mention.with_year(year)
            if candidate is not None and (candidate.date - written).days <= 31:
                day = candidate.date
                break
    if day is None and getattr(mention, "weekday", None) is not None and mention.day is not None:
        raise Undecidable("no year is written and the article's date is not known exactly")
    return _WEEKDAY_NAMES[day.weekday()] if day is not None else None


@expression_function("written_weekday")
def _written_weekday(value: Any) -> str | None:
    mention = getattr(value, "value", value)
    index = getattr(mention, "weekday", None)
    return _WEEKDAY_NAMES[index] if index is not None else None


@expression_function("key")
def _key(*parts: Any) -> str:
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
    return "|".join(names)


# Placeholders: the run loop binds these to the document's facts for each match; the
# loader refuses them where no fact can be known yet (a record's key).
FACT_FUNCTIONS = ("fact", "known")


@expression_function("fact")
def _fact(name: str) -> Any:  # pragma: no cover - replaced at run time
    raise RuntimeError("fact() is bound by the run loop")


@expression_function("known")
def _known(name: str) -> bool:  # pragma: no cover - replaced at run time
    raise RuntimeError("known() is bound by the run loop")


_MULTIPLES = (("doubl", 2.0), ("trebl", 3.0), ("tripl", 3.0), ("quadrupl", 4.0), ("halv", 0.5))


@expression_function("multiple")
def _multiple(word: Any) -> float:
    """The factor a word names: "doubled" 2, "tripling" 3, "halved" 0.5; 0 for other words."""
    text = str(getattr(word, "text", word)).lower()
    return next((factor for stem, factor in _MULTIPLES if text.startswith(stem)), 0.0)


@expression_function("carried")
def _carried(low: Any, high: Any) -> Any:
    """The first end of "between 200 and 150 million" with the second end's scale.

    The scale is carried only when that keeps the two ends within a factor of
    ten of each other: "between 500 and 1.5 million" means 500, not 500 million.
    """
    first = getattr(low, "number", None)
    second = getattr(high, "number", None)
    if first is None or second is None:
        return _exact(low)
    value = first.value
    if not first.scale_text and second.scale_text and second.value:
        scaled = value * second.scale
        if 0.1 <= scaled / second.value <= 10:
            value = scaled
    return Figure(value, Interval(value, value))


@expression_function("comparable")
def _comparable(*values: Any) -> bool:
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
