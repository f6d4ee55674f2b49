"""Line text around a finding, found from its offsets.

Reporters never search the text for a match again; they only look left and
right of a known offset for the line breaks, which is what an editor does.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from factlint.findings import Finding
from factlint.report._paths import source_key


def source_of(finding: Finding, sources: Mapping[str, str]) -> str | None:
    return sources.get(source_key(finding.path))


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end offsets of the line holding ``offset``, without its line break.

    "\n", "\r\n" and a lone "\r" (old Mac files) all end a line, as editors count.
    """
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    return start, min(ends, default=len(text))


def line_text(text: str | None, offset: int) -> str | None:
    """The line holding ``offset``, or None when the text does not reach that far
    (a stale ``sources`` entry must not crash a report)."""
    if text is None or not 0 <= offset <= len(text):
        return None
    start, end = line_bounds(text, offset)
    return text[start:end]


def utf8_column(text: str, offset: int) -> int:
    """1-based column of ``offset`` counted in UTF-8 bytes, as reviewdog wants it."""
    start, _ = line_bounds(text, offset)
    return len(text[start:offset].encode("utf-8")) + 1


def char_width(char: str) -> int:
    """Terminal cells one character takes, so carets land under wide emoji and CJK."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
