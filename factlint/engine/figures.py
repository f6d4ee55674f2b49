"""The rules' view of the one extraction pass: every figure of a mention shown as a token.

The pass itself is `factlint.quantities.mentions.read_figures`, whose mentions
`factlint extract` prints. Running the full number grammar inside every rule's
regex costs each rule a scan of the whole grammar at every position. Instead
the pass runs once per document, and each figure's digits (or its words: "seven", "half a
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

import regex

from factlint.quantities.mentions import FigureReading, read_figures
from factlint.quantities.numbers import PERCENT_SUFFIX_PATTERN, SCALE_SUFFIX_PATTERN, Number

TOKEN_START = "\ue000"
TOKEN_FILL = "\ue001"
TOKEN_PATTERN = f"{TOKEN_START}{TOKEN_FILL}*+"  # whole: never given back in part
# Dates get tokens of their own: found once, never read as quantities.
DATE_START = "\ue002"
DATE_FILL = "\ue003"
DATE_TOKEN_PATTERN = f"{DATE_START}{DATE_FILL}*+"
# A figure as a slot sees it: the token, then the scale and percent sign as written.
FIGURE_PATTERN = f"(?:{TOKEN_PATTERN}(?:{SCALE_SUFFIX_PATTERN})?(?:{PERCENT_SUFFIX_PATTERN})?)"
# A measure's figure is never a percentage: its slot is smaller without the sign.
PLAIN_FIGURE_PATTERN = f"(?:{TOKEN_PATTERN}(?:{SCALE_SUFFIX_PATTERN})?)"
_DIGITS = regex.compile(
    r"(?:[-\u2212]|(?i:minus|negative)[ \u00a0]+)?"
    r"(?:\d/\d\d?(?!\d)|\d+(?:[,.\u2009\u00a0\u202f]\d+)*(?:[ ]\d{3}(?!\d)){0,4}|\.\d+)"
    r"(?:[½¼¾⅓⅔]|[ \u00a0]?\d/\d\d?)?|[½¼¾⅓⅔]"
)


def tag_figures(prose: str, reading: FigureReading | None = None) -> str:
    """The prose with each figure's digits or number words, and each date, as a token.

    The figures and dates are those of the one pass (`read_figures`), so a rule
    binds nothing that `factlint extract` does not report.
    """
    if not prose:
        return prose
    if reading is None:
        reading = read_figures(prose)
    tokens: list[tuple[int, int, str, str]] = [
        (m.start, m.end, DATE_START, DATE_FILL) for m in reading.mentions if m.kind == "date"
    ]
    tokens.extend(
        (start, _core_end(prose, start, end, number), TOKEN_START, TOKEN_FILL)
        for start, end, number in reading.figures
    )
    pieces: list[str] = []
    position = 0
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


def _core_end(prose: str, start: int, end: int, number: Number) -> int:
    """Where a figure's token ends: its digits, or its number words without a spelled
    scale ("two million": the token is "two", the scale stays a word)."""
    if not number.is_word:
        digits = _DIGITS.match(prose, start)
        return min(digits.end(), end) if digits else end
    scale = number.scale_text
    joined = scale and not number.text[-len(scale) - 1].isspace()
    if scale and not joined and not number.text.lower().startswith(("half", "a quarter")):
        return max(start + len(number.text) - len(number.text.split()[-1]) - 1, start + 1)
    return end
