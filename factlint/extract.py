"""`factlint.extract()`: the quantity reader as a product, and its stable record format.

Data journalists and fact-checkers want the quantities of an article without
the rules around them. This is the same pass the linter runs (one Document,
one `read_figures`: the rules' tokens are the figures of these mentions, see
engine/figures.py), so what `extract` reports is exactly what rules see.
Records carry `version` so that consumers can rely on the field set: a field
is only ever added within a version; renaming or removing one bumps it.
"""

from __future__ import annotations

from typing import Any

from factlint.quantities.mentions import Mention, find_mentions
from factlint.text.document import parse_document
from factlint.text.source import Source, source_from_text

__all__ = ["FORMAT_VERSION", "Mention", "extract", "extract_source", "record"]

FORMAT_VERSION = 1


def extract_source(source: Source, format: str | None = None) -> list[Mention]:
    """Mentions in a decoded source; markup, code and front matter are skipped."""
    document = parse_document(source, format)
    return find_mentions(document.prose, document.position)


def extract(text: str, *, path: str | None = None, format: str | None = None) -> list[Mention]:
    """Every number, percent, measure, amount, count, date and range in `text`.

    `format` is "markdown" or "text"; by default it follows `path`'s suffix, as
    `lint()` does. Offsets are characters of `text` (a leading BOM aside).
    """
    return extract_source(source_from_text(text, path), format)


def _number(value: float | None) -> float | int | None:
    """Whole values as integers, so "1,500" serialises as 1500, not 1500.0."""
    if value is None:
        return None
    if value == int(value) and abs(value) < 2**53:
        return int(value)
    return value


def record(mention: Mention, path: str | None = None) -> dict[str, Any]:
    """The documented JSON object for one mention (docs/extract.md)."""
    value = mention.value
    return {
        "version": FORMAT_VERSION,
        "path": path,
        "kind": mention.kind,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "line": mention.line,
        "column": mention.column,
        "value": value if isinstance(value, str) else _number(value),
        "low": _number(mention.low),
        "high": _number(mention.high),
        "unit": mention.unit,
        "units": list(mention.units),
        "scale": mention.scale,
        "qualifier": mention.qualifier,
        "qualifier_text": mention.qualifier_text,
        "rounding": (None if mention.rounding is None else [_number(v) for v in mention.rounding]),
        "change": mention.change,
        "change_text": mention.change_text,
    }
