"""`a ~= b` for measures: every reading of `a`'s unit into every reading of `b`'s.

Ambiguous units pass when any reading fits (US or imperial gallons; short,
long or metric tons), and a temperature pair may be a reading or a difference
("rose by 2C (3.6F)"), so both conversions are candidates.
"""

from __future__ import annotations

from factlint.engine.semantics import Candidate, EvalContext, bound_interval, register_converter
from factlint.engine.slots import Bound
from factlint.quantities.measures import Measure
from factlint.quantities.units import convert


def measure_candidates(a: Bound, b: Bound, context: EvalContext) -> list[Candidate]:
    source: Measure = a.value
    target: Measure = b.value
    interval = bound_interval(a, context.tolerance)
    slack = context.tolerance.unit_slack
    candidates: list[Candidate] = []
    for src in source.readings:
        for dst in target.readings:
            if src.dimension != dst.dimension or src.name == dst.name:
                continue
            modes = (False, True) if src.dimension == "temperature" else (False,)
            for difference in modes:

                def to_target(value: float, src=src, dst=dst, difference=difference) -> float:
                    return convert(value, src, dst, difference=difference)

                note = "as a temperature difference" if difference else ""
                candidates.append(
                    Candidate(to_target(source.number.value), interval.map(to_target), slack, note)
                )
    return candidates


register_converter("measure", measure_candidates)
