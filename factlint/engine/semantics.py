"""What the assertion language's operators mean for printed figures.

Every figure is an interval (DESIGN.md "What about equal means"), so the
arithmetic is interval arithmetic and `==` means "the intervals can be the
same number". `a ~= b` converts `a` into `b`'s unit or currency (every
reading of an ambiguous unit, both readings of a temperature) and holds when
any conversion overlaps `b` after the slack for that kind of conversion.
When an assertion fails, the last failing comparison is kept as a `Miss`:
what was stated, what was expected, and how far apart they are.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from factlint.engine.dependence import Recipe, combine, leaf, reachable
from factlint.engine.expr import Semantics, Undecidable
from factlint.engine.slots import Bound
from factlint.quantities.money import Money
from factlint.quantities.number_format import format_number
from factlint.quantities.numbers import Number
from factlint.quantities.tolerance import Interval, Tolerance, number_interval

_SYMBOLS = {"==": "=", "!=": "≠", "<=": "≤", ">=": "≥", "<": "<", ">": ">"}
ONE_SIDED_REACH = 0.25  # how far "more than 300" or "nearly 300" may plausibly reach


@dataclass(frozen=True, slots=True)
class Figure:
    """A computed quantity: a best value, the interval it may lie in, and how it was made
    (so that a figure used twice counts once: engine/dependence.py)."""

    value: float
    interval: Interval
    recipe: Recipe | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way of reading a conversion: `a` expressed in `b`'s terms."""

    value: float
    interval: Interval
    slack: float
    note: str = ""
    rough: bool = False  # the rate is an average or a peg: a finding, but no figure to put in
    unknown: str = ""  # a reading that cannot be converted (no rate), and why: never a finding
    alternative: bool = False  # accepted when it holds, never the one a finding reports


@dataclass(slots=True)
class Miss:
    stated: Bound | None
    expected_value: float
    expected_text: str
    gap: float
    note: str = ""
    fixable: bool = True  # False when the right correction is a judgement (a lost scale)


@dataclass(frozen=True, slots=True)
class Held:
    """A comparison that held, kept for the claims ledger and formatted only if asked.

    `computed` is a Bound written in the stated figure's terms (`like`), a Figure,
    or a plain value; `op` is the comparison that held ("≈", "=", "≤" ...).
    """

    computed: Any
    op: str
    stated: Any
    like: Bound | None = None
    digits: int = 0
    note: str = ""


LOST_SCALE_NOTE = "one of the figures seems to have lost its scale: thousand, m or bn"
_SCALES = (1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9)


def _lost_scale(candidate: Candidate, target: Interval) -> bool:
    """ "$6.3 (£3.35m)": the figures agree once a scale word is put back."""
    return any(
        Interval(candidate.interval.low * f, candidate.interval.high * f)
        .widened(candidate.slack)
        .overlaps(target)
        for f in _SCALES
    )


# kind -> function(a, b, context) returning the candidate readings of `a` in `b`'s terms
Converter = Callable[[Bound, Bound, "EvalContext"], list[Candidate]]


@dataclass(slots=True)
class EvalContext:
    tolerance: Tolerance
    date: Any = None  # an ArticleDate, or None when nothing says when the article was written
    dollar: str = "USD"  # what a bare "$" or "dollars" means
    services: dict[str, Any] = field(default_factory=dict)  # rate table, the date money used
    notices: dict[str, int] = field(default_factory=dict)  # message -> offset, once per document
    # kind -> what `~=` means for it (engine/registry.py); without one, a plain comparison
    converters: Mapping[str, Converter] = field(default_factory=dict)


def _converter_kind(bound: Bound) -> str:
    """An amount that names a currency converts as money; a plain amount as a number."""
    if bound.kind == "amount":
        return "money" if isinstance(bound.value, Money) else "number"
    return bound.kind


_OPERATIONS: dict[str, Callable[[float, float], float]] = {
    "+": lambda p, q: p + q,
    "-": lambda p, q: p - q,
    "*": lambda p, q: p * q,
    "/": lambda p, q: p / q,
}


def _recipe(figure: Figure) -> Recipe:
    return figure.recipe if figure.recipe is not None else leaf(figure, figure.interval)


def _combined(op: str, a: Figure, b: Figure) -> Recipe:
    return combine(_OPERATIONS[op], _recipe(a), _recipe(b))


def _repeats(figure: Figure) -> bool:
    return figure.recipe is not None and figure.recipe.repeated


def _reachable(figure: Figure) -> Interval:
    return reachable(figure.recipe, figure.interval) if figure.recipe else figure.interval


def bound_interval(bound: Bound, tolerance: Tolerance) -> Interval:
    """The figure's interval, a one-sided qualifier ("more than 300") reaching beyond it."""
    interval = restated_interval(bound, tolerance)
    reach = abs(bound.number.value) * ONE_SIDED_REACH
    if bound.qualifier in (">", ">="):
        return Interval(interval.low, interval.high + reach)
    if bound.qualifier in ("<", "<="):
        return Interval(interval.low - reach, interval.high)
    return interval


def restated_interval(bound: Bound, tolerance: Tolerance) -> Interval:
    """The interval of a figure that a bracket restates in another unit or currency.

    A one-sided word before it ("up to 120mph (193km/h)", "more than 300km
    (186 miles)") bounds the figure and its conversion alike, so it does not
    widen the figure being converted: the bracket must convert the figure as
    printed. A qualifier inside the bracket is the bracket's own, and keeps its
    reach (bound_interval).
    """
    return number_interval(bound.number, bound.qualifier, tolerance)


MAX_FIX_DECIMALS = 6


def significant_digits(bound: Bound) -> int:
    """How precise a proposed figure should be: as precise as the original.

    Trailing zeros of a whole number read as rounding ("1,500" has two), and
    never fewer than two digits, so 60 km becomes 37 miles, not 40.
    """
    number: Number = bound.number
    if getattr(bound.value, "compound", False):
        return 3  # feet and inches are precise to the inch: 5ft 10in -> 1.78m
    if number.decimals == 0 and not number.is_word:
        mantissa = str(round(abs(number.value) / (number.scale or 1)))
        return max(len(mantissa.rstrip("0")), 2)
    return max(number.digits, 2)


def restate(
    bound: Bound, value: float, *, digits: int, decimals: int, keep_scale: bool = True
) -> str:
    """Write `value` the way `bound` was written, for a message or a fix."""
    number: Number = bound.number
    restater = getattr(bound.value, "restate", None)
    if restater is not None:
        return restater(value, digits=digits, decimals=decimals)
    like = number if keep_scale else None
    if _in_cents(bound) and keep_scale:
        figure = _cents(value, digits, like)
    else:
        figure = format_number(value, digits=digits, decimals=decimals, like=like)
    position = bound.text.find(number.text)
    if position < 0:
        return figure
    return bound.text[:position] + figure + bound.text[position + len(number.text) :]


def _house_style(value: float) -> str:
    """A computed figure with no printed one to copy the style of: whole numbers with
    thousands separators, as news writes them ("2,500", not "2500")."""
    if math.isfinite(value) and value == int(value):
        return f"{int(value):,}"
    return f"{value:g}"


def _in_cents(bound: Bound) -> bool:
    """ "$9.20", "£12.99": an amount written to the cent, without a scale word."""
    number: Number = bound.number
    return isinstance(bound.value, Money) and number.decimals == 2 and not number.scale_text


def _cents(value: float, digits: int, like: Number | None) -> str:
    """A price corrected the way it is written: to two places, "$9.30", never "$9.3"."""
    figure = format_number(value, digits=digits, decimals=2, like=like)
    head, dot, tail = figure.partition(".")
    if not head[-1:].isdigit():
        return figure  # a word or a fraction came back: leave it as written
    return f"{head}.{(tail if dot else '').ljust(2, '0')}"


def _decimals_needed(value: float, scale: float | None) -> int:
    """Decimals that write `value` in the stated figure's scale without rounding it away:
    £1.2bn plus £300m is "£1.5bn", not "£2bn" (at most two)."""
    if not math.isfinite(value):
        return 0
    mantissa = value / (scale or 1)
    tolerance = 1e-9 * max(1.0, abs(mantissa))
    return next((d for d in (0, 1) if abs(round(mantissa, d) - mantissa) <= tolerance), 2)


class RuleSemantics(Semantics):
    def __init__(self, context: EvalContext) -> None:
        self.context = context
        self.miss: Miss | None = None
        self.facts_used: list[Bound] = []  # earlier statements the assertion relied on
        self.held: list[Held] = []  # comparisons that held: what a consistent claim computed
        self.undecided: str | None = None  # why the claim could not be decided
        self.vacuous = False  # a comparison had nothing to compare (no weekday written)

    def reset(self) -> None:
        """Forget what the `where` guard did before the assertion runs."""
        self.miss = None
        self.facts_used.clear()
        self.held.clear()
        self.undecided = None
        self.vacuous = False

    def undecidable(self, reason: str) -> None:
        """Say that the claim is recognised but cannot be decided, and why."""
        if self.undecided is None:
            self.undecided = reason

    # values -----------------------------------------------------------------
    def figure(self, value: Any) -> Figure:
        if isinstance(value, Figure):
            return value
        if isinstance(value, Bound):
            interval = bound_interval(value, self.context.tolerance)
            return Figure(value.number.value, interval, leaf(value, interval))
        if isinstance(value, bool) or value is None:
            raise Undecidable(f"{value!r} is not a figure to compute with")
        if isinstance(value, int | float):
            return Figure(float(value), Interval(float(value), float(value)))
        count = getattr(value, "count", None)
        if count is not None:
            return Figure(float(count), Interval(float(count), float(count)))
        raise Undecidable(f"{type(value).__name__} is not a figure to compute with")

    def attribute(self, value: Any, name: str) -> Any:
        if isinstance(value, Bound):
            if name == "value":
                return self.figure(value)
            if name == "text":
                return value.text
            if name == "qualifier":
                return value.qualifier
            return getattr(value.value, name, None)
        if isinstance(value, Figure) and name in ("value", "low", "high"):
            point = {"value": value.value, "low": value.interval.low, "high": value.interval.high}
            return point[name]
        return getattr(value, name, None)

    def truth(self, value: Any) -> bool:
        return bool(value)

    # operators ----------------------------------------------------------------
    def binary(self, op: str, left: Any, right: Any) -> Any:
        if op == "~=":
            return self.about_equal(left, right)
        a, b = self.figure(left), self.figure(right)
        x, y = a.interval, b.interval
        if op == "+":
            value, interval = a.value + b.value, Interval(x.low + y.low, x.high + y.high)
        elif op == "-":
            value, interval = a.value - b.value, Interval(x.low - y.high, x.high - y.low)
        elif op == "*":
            corners = [x.low * y.low, x.low * y.high, x.high * y.low, x.high * y.high]
            value, interval = a.value * b.value, Interval(min(corners), max(corners))
        elif op == "/":
            if y.low <= 0 <= y.high:
                return Figure(math.nan, Interval(-math.inf, math.inf))
            corners = [x.low / y.low, x.low / y.high, x.high / y.low, x.high / y.high]
            value = a.value / b.value if b.value else math.nan
            interval = Interval(min(corners), max(corners))
        elif op == "%":
            return Figure(a.value % b.value if b.value else math.nan, Interval(-math.inf, math.inf))
        else:
            raise ValueError(op)
        return Figure(value, interval, _combined(op, a, b))

    def compare(self, op: str, left: Any, right: Any) -> bool:
        if left is None or right is None:
            self.vacuous = True
            return True  # something unknown (no weekday written, no full date): stay silent
        if isinstance(left, str) or isinstance(right, str):
            holds = {"==": left == right, "!=": left != right}.get(op, False)
            if holds:
                self.held.append(Held(left, _SYMBOLS.get(op, op), right))
            else:
                self.miss = Miss(
                    stated=None,
                    expected_value=math.nan,
                    expected_text=str(left),
                    gap=1.0,
                    fixable=False,
                )
            return holds
        a, b = self.figure(left), self.figure(right)
        x, y = a.interval, b.interval
        slack = self.context.tolerance.arithmetic_slack
        if op == "==":
            holds = x.widened(slack).overlaps(y)
            if holds and (_repeats(a) or _repeats(b)):
                # the loose intervals meet; do they when each figure has one value?
                x, y = _reachable(a), _reachable(b)
                holds = x.widened(slack).overlaps(y)
        elif op == "!=":
            holds = not (x.low == x.high == y.low == y.high)
        elif op == "<":
            holds = x.low < y.high
        elif op == "<=":
            holds = x.low <= y.high
        elif op == ">":
            holds = x.high > y.low
        else:
            holds = x.high >= y.low
        if holds:
            self.held.append(Held(a, _SYMBOLS.get(op, op), right))
        else:
            self._record(a.value, x, y, right if isinstance(right, Bound) else None, left)
        return holds

    def about_equal(self, left: Any, right: Any) -> bool:
        if not (isinstance(left, Bound) and isinstance(right, Bound)):
            return self.compare("==", left, right)
        kind = _converter_kind(right)
        converters = self.context.converters
        converter = converters.get(kind) if _converter_kind(left) == kind else None
        target = bound_interval(right, self.context.tolerance)
        if converter is None:
            candidates = [
                Candidate(
                    left.number.value,
                    restated_interval(left, self.context.tolerance),
                    self.context.tolerance.arithmetic_slack,
                )
            ]
        else:
            candidates = converter(left, right, self.context)
        if not candidates:
            self.vacuous = True
            return True  # nothing comparable (e.g. incompatible units): stay silent
        best: tuple[float, Candidate] | None = None
        unknown = next((c.unknown for c in candidates if c.unknown), "")
        for candidate in candidates:
            if candidate.unknown:
                continue
            widened = candidate.interval.widened(candidate.slack)
            gap = widened.gap(target)
            if gap == 0:
                digits = max(significant_digits(left), significant_digits(right), 2) + 1
                self.held.append(Held(candidate.value, "≈", left, right, digits, candidate.note))
                return True
            if not candidate.alternative and (best is None or gap < best[0]):
                best = (gap, candidate)
        if unknown or best is None:
            # "400m pesos": the Argentine reading has no rate, so a miss of the Mexican one
            # proves nothing; the run says why once per document
            reason = unknown or "nothing to compare"
            self.context.notices.setdefault(reason, left.start)
            raise Undecidable(reason)
        gap, candidate = best
        digits = max(significant_digits(left), significant_digits(right))
        decimals = MAX_FIX_DECIMALS
        lost_scale = _lost_scale(candidate, target)
        self.miss = Miss(
            stated=right,
            expected_value=candidate.value,
            expected_text=restate(
                right, candidate.value, digits=digits, decimals=decimals, keep_scale=not lost_scale
            ),
            gap=gap,
            note=LOST_SCALE_NOTE if lost_scale else candidate.note,
            fixable=not (lost_scale or candidate.rough),
        )
        return False

    def _record(
        self, value: float, computed: Interval, stated: Interval, bound: Bound | None, left: Any
    ) -> None:
        gap = computed.gap(stated) if computed.low > -math.inf else 1.0
        if bound is not None:
            digits = max(len(str(int(abs(value)))) if math.isfinite(value) else 1, 1)
            decimals = max(bound.number.decimals, _decimals_needed(value, bound.number.scale))
            text = restate(bound, value, digits=digits, decimals=decimals)
        else:
            text = _house_style(value)
        self.miss = Miss(stated=bound, expected_value=value, expected_text=text, gap=gap)
