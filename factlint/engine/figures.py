"""One extraction pass per document: every figure found once, then shown to rules as a token.

Running the full number grammar inside every rule's regex costs each rule a
scan of the whole grammar at every position. Instead the number reader runs
once per document, and each figure's digits (or its words: "seven", "half a
million") are replaced in a copy of the prose by a token of the same length —
one TOKEN_START character and TOKEN_FILL for the rest. Offsets do not move,
so every match is still a span of the source. Slot patterns look for the
token, which the regex engine finds at the speed of a literal, and the slot
readers read the original text of the span. Scales and percent signs stay as
written after the token ("5m" is a token and "m": million or metres, as the
rest of the pattern decides). Dates are left as they are, so a day or a year
is never taken for a quantity: each date becomes a token of its own kind.
"""

from __future__ import annotations

from typing import Any

import regex

from factlint.quantities.dates import find_dates
from factlint.quantities.money import find_glued_figures
from factlint.quantities.numbers import (
    PERCENT_SUFFIX_PATTERN,
    SCALE_SUFFIX_PATTERN,
    find_numbers,
    parse_number,
)

TOKEN_START = "\ue000"
TOKEN_FILL = "\ue001"
TOKEN_PATTERN = f"{TOKEN_START}{TOKEN_FILL}*"
# Dates get tokens of their own: found once, never read as quantities.
DATE_START = "\ue002"
DATE_FILL = "\ue003"
DATE_TOKEN_PATTERN = f"{DATE_START}{DATE_FILL}*"
# A figure as a slot sees it: the token, then the scale and percent sign as written.
FIGURE_PATTERN = f"(?:{TOKEN_PATTERN}(?:{SCALE_SUFFIX_PATTERN})?(?:{PERCENT_SUFFIX_PATTERN})?)"
# A measure's figure is never a percentage: its slot is smaller without the sign.
PLAIN_FIGURE_PATTERN = f"(?:{TOKEN_PATTERN}(?:{SCALE_SUFFIX_PATTERN})?)"
_DIGITS = regex.compile(
    r"(?:[-\u2212]|(?i:minus|negative)[ \u00a0]+)?"
    r"(?:\d/\d\d?(?!\d)|\d+(?:[,.\u2009\u00a0\u202f]\d+)*(?:[ ]\d{3}(?!\d)){0,4}|\.\d+)"
    r"(?:[½¼¾⅓⅔]|[ \u00a0]?\d/\d\d?)?|[½¼¾⅓⅔]"
)


def tag_figures(prose: str, dates: list[tuple[int, int, Any]] | None = None) -> str:
    """The prose with each figure's digits or number words, and each date, as a token."""
    if not prose:
        return prose
    if dates is None:
        dates = find_dates(prose)
    dates = [(start, end) for start, end, _ in dates]
    pieces: list[str] = []
    position = 0
    date_index = 0
    found = find_numbers(prose)
    tokens: list[tuple[int, int, str, str]] = [(a, b, DATE_START, DATE_FILL) for a, b in dates]
    glued = [(a, b) for a, b in find_glued_figures(prose)]
    if glued:
        taken = {start for start, _, _ in found}
        for start, end in glued:
            number = parse_number(prose[start:end])
            if start not in taken and number is not None:
                found.append((start, end, number))
        found.sort(key=lambda item: item[0])
    for start, end, number in found:
        while date_index < len(dates) and dates[date_index][1] <= start:
            date_index += 1
        if date_index < len(dates) and dates[date_index][0] < end:
            continue  # part of a date: "21 January 2013"
        if number.is_word:
            core_end = end
            joined = number.scale_text and not number.text[-len(number.scale_text) - 1].isspace()
            if (
                number.scale_text
                and not joined
                and not number.text.lower().startswith(("half", "a quarter"))
            ):
                # "two million": the token is "two", the scale stays a word
                core_end = start + len(number.text) - len(number.text.split()[-1]) - 1
                core_end = max(core_end, start + 1)
        else:
            digits = _DIGITS.match(prose, start)
            core_end = min(digits.end(), end) if digits else end
        tokens.append((start, core_end, TOKEN_START, TOKEN_FILL))
    for start, end, first, fill in sorted(tokens):
        if start < position or end <= start:
            continue
        pieces.append(prose[position:start])
        pieces.append(first + fill * (end - start - 1))
        position = end
    pieces.append(prose[position:])
    tagged = "".join(pieces)
    assert len(tagged) == len(prose)
    return tagged
