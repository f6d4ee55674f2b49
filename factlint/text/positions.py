"""Offsets to line and column, and back: computed once, at output, from the offset.

Every step of the pipeline passes source offsets along; only a reporter, the
language server or the fixer turns them into positions, with this index. A
line ends at "\n", "\r\n" or a lone "\r" (old Mac files), as editors count.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as LSP counts characters."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class LineIndex:
    """Where each line starts in one text; built on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(self.text))]
        return self._starts

    def line_of(self, offset: int) -> int:
        """0-based line holding `offset`; raises ValueError outside the text."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside 0..{len(self.text)}")
        return bisect_right(self.starts(), offset) - 1

    def line_bounds(self, line: int) -> tuple[int, int]:
        """[start, end) of a 0-based line's content, without its line break."""
        starts = self.starts()
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) as an editor shows it; columns count code points."""
        index = self.line_of(offset)
        return index + 1, offset - self.starts()[index] + 1

    def utf16_position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) in UTF-16 code units, as LSP counts them."""
        index = self.line_of(offset)
        return index, utf16_len(self.text[self.starts()[index] : offset])

    def offset_of(self, line: int, column: int) -> int:
        """Inverse of position(); raises ValueError for a position not in the text."""
        starts = self.starts()
        if not 1 <= line <= len(starts):
            raise ValueError(f"line {line} is outside 1..{len(starts)}")
        start = starts[line - 1]
        last = starts[line] - 1 if line < len(starts) else len(self.text)
        if not 1 <= column <= last - start + 1:
            raise ValueError(f"column {column} is outside 1..{last - start + 1} on line {line}")
        return start + column - 1

    def offset_of_utf16(self, line: int, character: int) -> int:
        """Inverse of utf16_position(), clamping like LSP.

        A line past the end means the end of the text; a character past the end of
        the line means the end of that line (before its line break); a character
        in the middle of a surrogate pair means the start of that character.
        """
        starts = self.starts()
        if line < 0 or character < 0:
            raise ValueError("LSP positions are not negative")
        if line >= len(starts):
            return len(self.text)
        start, end = self.line_bounds(line)
        content = self.text[start:end]
        if content.isascii():
            return start + min(character, len(content))
        units = 0
        for index, char in enumerate(content):
            units += 2 if ord(char) > 0xFFFF else 1
            if units > character:
                return start + index
        return start + len(content)
