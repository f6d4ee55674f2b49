"""What "about equal" means for printed figures (DESIGN.md).

A printed figure stands for the interval it was rounded from; words such as
"about" widen it. Two figures agree when their intervals overlap after a
relative slack for the factor or rate the writer used. How far apart they are
decides between an error and a near-miss warning. All the knobs live in
`Tolerance` so that configuration, not code, changes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from factlint.quantities.numbers import Number


@dataclass(frozen=True, slots=True)
class Tolerance:
    unit_slack: float = 0.02  # conversion factors writers use differ by about this much
    money_slack: float = 0.03  # rates move within a day and between sources
    arithmetic_slack: float = 0.0  # sums and differences of plain counts must add up exactly
    about_widening: float = 0.03  # "about", "some", "roughly" widen a figure's interval
    near_miss: float = 0.05  # a miss smaller than this (relative) is a warning, not an error


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def widened(self, relative: float) -> Interval:
        reach = max(abs(self.low), abs(self.high)) * relative
        return Interval(self.low - reach, self.high + reach)

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def gap(self, other: Interval) -> float:
        """Relative distance between two disjoint intervals (0 when they overlap)."""
        if self.overlaps(other):
            return 0.0
        distance = other.low - self.high if self.high < other.low else self.low - other.high
        scale = max(abs(self.mid), abs(other.mid), 1e-12)
        return distance / scale

    def map(self, function) -> Interval:  # noqa: ANN001 - any monotonic float -> float
        a, b = function(self.low), function(self.high)
        return Interval(min(a, b), max(a, b))


def number_interval(number: Number, qualifier: str, tolerance: Tolerance) -> Interval:
    """The interval a figure stands for; one-sided qualifiers are the caller's concern."""
    interval = Interval(min(number.low, number.high), max(number.low, number.high))
    if qualifier == "~":
        interval = interval.widened(tolerance.about_widening)
    return interval


def severity_for_gap(gap: float, tolerance: Tolerance, *, worst: str = "error") -> str:
    """A near miss is worth a look; a far miss is an error (capped at the rule's severity)."""
    if gap < tolerance.near_miss:
        return "warning" if worst != "info" else "info"
    return worst
