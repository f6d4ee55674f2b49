"""Tight intervals for sums that use one printed figure more than once.

Plain interval arithmetic treats every operand as independent, so in
`(old - new) / old` the two `old`s may take different values: with "$100m"
read as 95m-105m and "$70m" as 66.5m-73.5m, the fall comes out as 20.5 %-40.5 %
although no single reading of the two figures gives less than 22.6 %, and
"fell 20% to $70m from $100m" (a 30 % fall) would pass. A computed figure
therefore remembers which printed figures it came from and how, and a
comparison that holds on the loose interval is asked again on the interval
the expression really reaches: evaluated with each figure at the low end,
the middle and the high end of its own interval. The sums rules write (the
four operations on positive amounts) are monotonic in each figure, so the
extremes lie on those points.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import product
from typing import Any

from factlint.quantities.tolerance import Interval

# 3**4 = 81 evaluations at most; a sum over more printed figures keeps its loose interval.
MAX_FIGURES = 4


@dataclass(frozen=True, slots=True)
class Recipe:
    """How a computed figure follows from the printed figures it used.

    `inputs` maps each printed figure's identity to the figure (kept, so the
    identity stays unique while the recipe lives) and the interval it stands for.
    """

    inputs: Mapping[int, tuple[Any, Interval]]
    compute: Callable[[Mapping[int, float]], float]
    # Some printed figure enters more than once. Only then can the loose interval be
    # wider than the truth: with each figure used once, interval arithmetic is exact.
    repeated: bool = False


def leaf(source: Any, interval: Interval) -> Recipe:
    """A printed figure (or an opaque computed one): a variable of its own."""
    key = id(source)
    if interval.low == interval.high:
        point = interval.low
        return Recipe({}, lambda _values: point)
    return Recipe({key: (source, interval)}, lambda values: values[key])


def combine(operation: Callable[[float, float], float], left: Recipe, right: Recipe) -> Recipe:
    """The recipe of `left <operation> right`; a figure used on both sides stays one variable."""
    first, second = left.compute, right.compute
    return Recipe(
        {**left.inputs, **right.inputs},
        lambda values: operation(first(values), second(values)),
        left.repeated or right.repeated or not left.inputs.keys().isdisjoint(right.inputs),
    )


def reachable(recipe: Recipe, loose: Interval) -> Interval:
    """The part of `loose` the recipe can reach with one value for each printed figure.

    Falls back to `loose` when there are too many figures to try, or when some
    reading has no answer (a division by zero): never narrower than the truth
    for the monotonic sums rules write.
    """
    if not recipe.repeated or len(recipe.inputs) > MAX_FIGURES:
        return loose
    keys = list(recipe.inputs)
    choices = [_three_points(recipe.inputs[key][1]) for key in keys]
    reached: list[float] = []
    for point in product(*choices):
        try:
            value = recipe.compute(dict(zip(keys, point, strict=True)))
        except ArithmeticError:
            return loose
        if not math.isfinite(value):
            return loose
        reached.append(value)
    low, high = max(min(reached), loose.low), min(max(reached), loose.high)
    return Interval(low, high) if low <= high else loose


def _three_points(interval: Interval) -> tuple[float, float, float]:
    return (interval.low, interval.mid, interval.high)
