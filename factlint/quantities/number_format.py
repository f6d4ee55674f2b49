"""Writing figures back: a corrected number in the style the writer used.

A fix must read as if the writer had typed it: "37 miles" for "20 miles",
"£1.6bn" for "£2.9bn", "eight" for "seven", "1,450" where the copy groups
its thousands. The reader (numbers.py) records how each figure was written;
this module only writes.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from factlint.quantities.numbers import (
    GROUP_SEPARATORS,
    MINUS_SIGNS,
    SMALL_NUMBERS,
    TENS_WORDS,
    UNIT_WORDS,
    VULGAR_FRACTIONS,
    Number,
    number_match,
)

__all__ = ["format_number"]


def _suffixes(like: Number) -> tuple[str, str, str, str | None]:
    """How `like` was written around its figure: minus sign, scale join, percent, separator."""
    found = number_match(like.text)
    if found is None:
        return "-", (" " if like.scale_text else ""), ("%" if like.percent else ""), None
    minus = "\u2212" if like.text.startswith("\u2212") else "-"
    sign_word = like.text.split()[0] if like.text[:1] in "mMnN" else ""
    if sign_word.lower() in ("minus", "negative"):
        minus = sign_word + " "  # "minus 30 Celsius" is corrected as "minus 20 Celsius"
    percent = found.group("pct") or ""
    if found.start("w") >= 0:
        return minus, " ", percent, None
    scale_start = max(found.start("sca"), found.start("scl"), found.start("scw"))
    join = like.text[found.end("num") : scale_start] if scale_start >= 0 else ""
    figure = found.group("num").lstrip(MINUS_SIGNS)
    separator = next((c for c in figure if c in GROUP_SEPARATORS), None)
    if separator is None and len(figure.partition(".")[0]) >= 4:
        separator = ""  # written "1500": keep it ungrouped
    return minus, join, percent, separator


def _round(mantissa: Decimal, digits: int, decimals: int) -> Decimal:
    if not mantissa:
        return Decimal(0)
    quantum = mantissa.adjusted() - min(max(1, digits), 30) + 1
    rounded = mantissa.quantize(Decimal(1).scaleb(quantum), rounding=ROUND_HALF_UP)
    if -quantum > max(0, decimals):
        capped = rounded.quantize(Decimal(1).scaleb(-max(0, decimals)), rounding=ROUND_HALF_UP)
        if capped:  # never print "0m" for a value that is not zero
            rounded = capped
    return rounded


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


def _int_words(n: int) -> str | None:
    if n < 20:
        return next((w for w, v in SMALL_NUMBERS.items() if v == n), None)
    if n < 100:
        tens = TENS_WORDS[n // 10 - 2]
        return tens if n % 10 == 0 else f"{tens}-{UNIT_WORDS[n % 10 - 1]}"
    return None


_WORD_FRACTIONS = (
    (Fraction(1, 2), "a half", "half a"),
    (Fraction(1, 4), "a quarter", "a quarter of a"),
    (Fraction(3, 4), "three quarters", "three quarters of a"),
    (Fraction(1, 3), "a third", "a third of a"),
    (Fraction(2, 3), "two thirds", "two thirds of a"),
    (Fraction(1, 5), "a fifth", "a fifth of a"),
    (Fraction(1, 10), "a tenth", "a tenth of a"),
)


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _as_words(mantissa: float, rounded: Decimal, like: Number) -> str | None:
    """Spell a value out the way `like` was, when words can say it exactly."""
    scaled = like.scale_text is not None
    for fraction, alone, before_scale in _WORD_FRACTIONS:
        if _near(mantissa, float(fraction)):
            return f"{before_scale} {like.scale_text}" if scaled else alone
    whole = int(mantissa)
    if 1 <= whole < 100 and _near(mantissa, whole + 0.5):
        words = f"{_int_words(whole)} and a half"
        return f"{words} {like.scale_text}" if scaled else words
    if rounded == rounded.to_integral_value() and 0 <= rounded < 100:
        words = _int_words(int(rounded))
        if words is not None and not (scaled and rounded == 0):
            return f"{words} {like.scale_text}" if scaled else words
    return None


def _as_vulgar(mantissa: float) -> str | None:
    whole = int(abs(mantissa))
    for char, fraction in VULGAR_FRACTIONS.items():
        if _near(abs(mantissa), whole + float(fraction)):
            return f"{whole or ''}{char}"
    return None


# A scale one step down, written in the same style, for figures under 1 of their scale.
_SMALLER_SCALE = {
    "bn": ("m", 1e6),
    "billion": ("million", 1e6),
    "Billion": ("Million", 1e6),
    "tn": ("bn", 1e9),
    "trillion": ("billion", 1e9),
    "Trillion": ("Billion", 1e9),
}


def format_number(value: float, *, digits: int, decimals: int, like: Number | None = None) -> str:
    """Write `value` the way a journalist would in a correction, in the style of `like`.

    Rounds to `digits` significant figures, then to at most `decimals` decimal
    places (trailing decimal zeros dropped, and never down to a bare 0). With
    `like`, keeps its scale word, percent sign, thousands separator and minus
    sign; a spelled-out `like` gets words back when words can say the value
    ("seven" -> "eight", "half a million" -> "a quarter of a million").
    """
    scale = like.scale if like is not None else 1.0
    scale_text = like.scale_text if like is not None else None
    smaller = _SMALLER_SCALE.get(scale_text or "")
    if smaller is not None and 0 < abs(value) < scale:
        # "$0.83bn" reads as "$825m": step down one scale, in the writer's style
        scale_text, scale = smaller
    mantissa = value / scale
    with decimal.localcontext() as context:
        context.prec = 80
        rounded = _round(Decimal(repr(mantissa)), digits, decimals)
    if like is not None:
        minus, join, percent, separator = _suffixes(like)
    else:
        minus, join, percent, separator = "-", "", "", None
    negative = rounded < 0
    if like is not None and like.is_word and mantissa >= 0:
        words = _as_words(mantissa, rounded, like)
        if words is not None:
            if like.text[:1].isupper():
                words = words[0].upper() + words[1:]
            return words + percent
    if like is not None and any(c in like.text for c in VULGAR_FRACTIONS) and not like.scale_text:
        vulgar = _as_vulgar(mantissa)
        if vulgar is not None:
            return (minus if mantissa < 0 else "") + vulgar + percent
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    if separator is None:
        separator = "," if abs(rounded) >= 10000 else ""
    text = _group(whole, separator) if separator else whole
    if fraction:
        text += "." + fraction
    if negative:
        text = minus + text
    if scale_text:
        if scale_text in ("m", "k"):
            join = ""  # "100 m" would read as metres, or as a bare 100
        text += join + scale_text
    return text + percent
