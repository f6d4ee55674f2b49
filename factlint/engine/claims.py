"""The claims ledger's engine side: one evaluated match and its verdict, offsets only.

The run loop calls `claim_of` once per checked match; what a consistent
claim computed is written here from the comparisons that held, so the
evaluator keeps only cheap records and the text is made once per claim.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from factlint.engine.semantics import MAX_FIX_DECIMALS, Figure, Held, RuleSemantics, restate
from factlint.engine.slots import Bound
from factlint.findings import CONSISTENT, INCONSISTENT, UNKNOWN


@dataclass(frozen=True, slots=True)
class RawClaim:
    """A claim before positions are computed (api.py turns it into findings.Claim)."""

    rule: str
    verdict: str
    start: int
    end: int
    computed: str | None = None
    reason: str | None = None
    message: str | None = None
    figures: tuple[tuple[str, str, int, int], ...] = ()  # (slot or "fact", text, start, end)
    at: tuple[int, int] | None = None  # where the inconsistent claim's finding points


def claim_of(
    rule: str,
    bindings: dict[str, Bound],
    span: tuple[int, int] | None,
    semantics: RuleSemantics,
    message: str | None,
    at: tuple[int, int] | None = None,
) -> RawClaim | None:
    """The verdict of one evaluated match; None when it asserted nothing.

    A match asserts nothing when its only comparison had an empty side (a date
    written without a weekday): that is not a claim, so it is not counted.
    """
    figures = tuple((name, b.text, b.start, b.end) for name, b in bindings.items())
    figures += tuple(("fact", b.text, b.start, b.end) for b in semantics.facts_used)
    if span is None:
        span = (min(b.start for b in bindings.values()), max(b.end for b in bindings.values()))
    if message is not None:
        verdict, computed, reason = INCONSISTENT, None, None
    elif semantics.undecided is not None:
        verdict, computed, reason = UNKNOWN, None, semantics.undecided
    elif semantics.vacuous and not semantics.held:
        return None
    else:
        verdict, reason = CONSISTENT, None
        computed = "; ".join(dict.fromkeys(describe(h) for h in semantics.held)) or None
    return RawClaim(rule, verdict, span[0], span[1], computed, reason, message, figures, at)


def describe(held: Held) -> str:
    """ "60 kilometres ≈ 37.3 miles", "6 = 6", "Monday = Monday": what a check worked out."""
    if held.like is not None and isinstance(held.computed, float | int):
        stated = held.stated.text if isinstance(held.stated, Bound) else _text(held.stated)
        written = restate(
            held.like, float(held.computed), digits=held.digits, decimals=MAX_FIX_DECIMALS
        )
        note = f" ({held.note})" if held.note else ""
        return f"{_bare(stated)} ≈ {_bare(written)}{note}"
    return f"{_text(held.computed)} {held.op} {_text(held.stated)}"


_QUALIFIERS = ("about ", "some ", "roughly ", "around ", "nearly ", "almost ", "approximately ")


def _bare(text: str) -> str:
    """Drop a leading "about": the computed figure is exact, the stated one keeps it."""
    lowered = text.lower()
    for word in _QUALIFIERS:
        if lowered.startswith(word):
            return text[len(word) :]
    return text


def _text(value: Any) -> str:
    if isinstance(value, Bound):
        return value.text
    if isinstance(value, Figure):
        value = value.value
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        for scale, word in _SCALE_WORDS:
            if abs(value) >= scale:
                return f"{value / scale:,.4g} {word}"
        return f"{value:,.0f}" if value == int(value) else f"{value:,.4g}"
    return str(value)


_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
