"""`a ~= b` for measures: every reading of `a`'s unit into every reading of `b`'s.

Ambiguous units pass when any reading fits (US or imperial gallons; short,
long or metric tons). A temperature pair is a reading ("100F (38C)") unless
its clause says it is a difference ("rose by 2C (3.6F)", "1.5C (2.7F) warmer",
"an increase of 2C"): accepting both everywhere let the forgotten -32 of
"100F (56C)" pass. Without the prose (a caller that gives none) both stay
candidates.
"""

from __future__ import annotations

import regex

from factlint.engine.semantics import Candidate, EvalContext, restated_interval
from factlint.engine.slots import Bound
from factlint.quantities.measures import Measure
from factlint.quantities.units import convert

# The words right before the first figure, or right after the bracket, that make a
# temperature pair a difference. "rose to 5C" and "a temperature of 5C" are readings.
_CHANGE_WORDS = (
    r"rose|risen|rises?|rising|fell|fallen|falls?|falling|dropped|drops?|increased?|increases"
    r"|decreased?|climbed|jumped|warmed|cooled|warming|cooling|up|down|higher|lower"
)
_BEFORE = regex.compile(
    rf"(?i:\b(?:(?:{_CHANGE_WORDS})(?:[^\S\n]+by)?|by|(?:increase|rise|fall|drop|decrease"
    r"|change|difference|swing|warming|cooling|gap|variation)[^\S\n]+of)"
    r"(?:[^\S\n]+(?:about|some|around|roughly|nearly|almost|more[^\S\n]+than|over|up[^\S\n]+to))?"
    r"[^\S\n]+)\Z"
)
_AFTER = regex.compile(
    r"[^\S\n]*(?i:warmer|cooler|hotter|colder|higher|lower|above|below|more|less|up|down"
    r"|rise|increase|drop|fall|of[^\S\n]+warming|of[^\S\n]+cooling)\b"
)


def _temperature_modes(a: Bound, b: Bound, context: EvalContext) -> tuple[bool, ...]:
    """(False,) for a reading, (True,) for a difference; both when the clause is unknown."""
    prose = context.services.get("prose")
    if not isinstance(prose, str):
        return (False, True)
    before = prose[max(0, a.start - 40) : a.start]
    difference = _BEFORE.search(before) is not None or _AFTER.match(prose, b.end + 1) is not None
    return (difference,)


def measure_candidates(a: Bound, b: Bound, context: EvalContext) -> list[Candidate]:
    source: Measure = a.value
    target: Measure = b.value
    interval = restated_interval(a, context.tolerance)
    slack = context.tolerance.unit_slack
    candidates: list[Candidate] = []
    for src in source.readings:
        for dst in target.readings:
            if src.dimension != dst.dimension or src.name == dst.name:
                continue
            modes = (
                _temperature_modes(a, b, context) if src.dimension == "temperature" else (False,)
            )
            for difference in modes:

                def to_target(value: float, src=src, dst=dst, difference=difference) -> float:
                    return convert(value, src, dst, difference=difference)

                note = "as a temperature difference" if difference else ""
                candidates.append(
                    Candidate(to_target(source.number.value), interval.map(to_target), slack, note)
                )
    return candidates
