"""The stretches of a document worth a scan: those that hold a figure or a date.

A pattern that requires a figure can only match where the figure pass put a
token (engine/figures.py), and a frame reads only the clauses that hold one.
Two thirds of an article's sentences hold none, yet every pattern used to scan
them all: the frame cues' vocabularies ("rose", "from", "against") matched in
every sentence, to be thrown away for want of a figure.

So the rules run over a copy of the tagged prose in which every stretch without
a token is blanked: paragraphs for rule patterns (a match never spans a blank
line), clauses for frames (their unit of reading). Blanked, not cut out: the
offsets stay the source's, so no span needs mapping. The filler is a
private-use character that is neither a word character nor a space, so no
`\\b`, `\\w` or space in a pattern matches it, and a match cannot bridge a
blanked stretch to join the kept ones either side. Line breaks are kept, so
`^`, `$` and `[^\\n]` mean what they meant.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from factlint.engine.figures import DATE_START, TOKEN_START

ENABLED = True  # tests and the benchmark turn this off to compare
# Slot types whose every match holds a figure token; with dates, a token of any kind.
FIGURE_TYPES = frozenset(
    {"number", "measure", "money", "count", "amount", "level", "range_low", "range_high"}
)
TOKEN_TYPES = FIGURE_TYPES | {"date"}
FILLER = "\ue004"
PARAGRAPH_END = regex.compile(r"\n[^\S\n]*\n")
_NOT_NEWLINE = regex.compile(r"[^\n]+")


def holds_token(text: str) -> bool:
    """Whether `text` holds a figure or a date token."""
    return TOKEN_START in text or DATE_START in text


def blank_without_figures(tagged: str, ends: Iterable[int], figures: int = 0) -> str:
    """`tagged` with each stretch that holds no token blanked; `ends` are where
    stretches end, in order (the last runs to the end of the text). With `figures`,
    a stretch is kept only if it holds that many figure tokens (dates not counted):
    a frame whose every rule needs two figures has nothing to judge in a clause of one.
    """
    if not ENABLED:
        return tagged
    pieces: list[str] = []
    start = 0
    for end in (*ends, len(tagged)):
        if end <= start:
            continue
        piece = tagged[start:end]
        kept = piece.count(TOKEN_START) >= figures if figures else holds_token(piece)
        pieces.append(piece if kept else _NOT_NEWLINE.sub(_fill, piece))
        start = end
    return "".join(pieces)


def paragraphs_with_figures(tagged: str) -> str:
    """`tagged` with every paragraph that holds no token blanked."""
    if not ENABLED:
        return tagged
    if not holds_token(tagged):
        return _NOT_NEWLINE.sub(_fill, tagged)
    return blank_without_figures(tagged, (m.end() for m in PARAGRAPH_END.finditer(tagged)))


def _fill(found: regex.Match) -> str:
    return FILLER * len(found.group())
