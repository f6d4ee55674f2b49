"""The prose view of a source, with every offset unchanged.

Rules are regexes over sentences; they must neither match inside code, URLs or
front matter nor miss a claim because the writer's editor wrapped it across
lines or inside a block quote. So instead of extracting prose fragments (and
then mapping fragment offsets back), `Document.prose` is a mask of the text:
the same length, the same offsets, with markup replaced by spaces and line
breaks inside a paragraph replaced by spaces. A finding's offsets are source
offsets by construction, and line/column positions are computed from them only
at output time (text/positions.py).

One job a module: text/plain.py and text/markdown.py (with text/inlines.py)
build the view, text/front_matter.py reads the metadata block, this module
puts them together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from factlint.text.front_matter import find_front_matter, load_front_matter, with_published_copy
from factlint.text.markdown import markdown_prose
from factlint.text.plain import plain_prose
from factlint.text.positions import LineIndex
from factlint.text.prose import Comment
from factlint.text.source import Source

__all__ = ["FORMATS", "MARKDOWN_SUFFIXES", "Comment", "Document", "parse_document"]

FORMATS = ("markdown", "text")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")


@dataclass(slots=True)
class Document:
    source: Source
    format: str
    prose: str
    metadata: dict[str, Any]
    comments: list[Comment]
    metadata_error: str | None = None
    _index: LineIndex | None = field(default=None, init=False, repr=False, compare=False)
    _paragraphs: list[tuple[int, int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def lines(self) -> LineIndex:
        """The offset <-> line/column index of the source text."""
        if self._index is None:
            self._index = LineIndex(self.source.text)
        return self._index

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) as an editor shows it; columns count code points."""
        return self.lines.position(offset)

    def utf16_position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) in UTF-16 code units, as LSP counts them."""
        return self.lines.utf16_position(offset)

    def offset_of(self, line: int, column: int) -> int:
        """Inverse of position(); raises ValueError for a position not in the text."""
        return self.lines.offset_of(line, column)

    def offset_of_utf16(self, line: int, character: int) -> int:
        """Inverse of utf16_position(), clamping like LSP (see LineIndex)."""
        return self.lines.offset_of_utf16(line, character)

    def paragraphs(self) -> list[tuple[int, int]]:
        """[start, end) of each prose paragraph, trimmed of surrounding blanks."""
        if self._paragraphs is None:
            self._paragraphs = [m.span() for m in _PARAGRAPH.finditer(self.prose)]
        return self._paragraphs


def parse_document(source: Source, format: str | None = None) -> Document:
    """Build the prose view, metadata and comments of a source.

    Without an explicit format, a Markdown file name or a front-matter block at
    the top makes it Markdown; anything else is plain text.
    """
    text = source.text
    front = find_front_matter(text)
    if format is None:
        is_md = source.path is not None and source.path.lower().endswith(MARKDOWN_SUFFIXES)
        format = "markdown" if is_md or front is not None else "text"
    elif format not in FORMATS:
        raise ValueError(f"unknown document format {format!r}; expected one of {FORMATS}")
    comments: list[Comment] = []
    metadata: dict[str, Any] = {}
    error = None
    if format == "markdown":
        prose = markdown_prose(text, front.block_end if front else 0, comments)
        if front is not None:
            loaded = load_front_matter(text, front)
            metadata, error = loaded.data, loaded.error
            prose = with_published_copy(prose, text, loaded.published)
    else:
        prose = plain_prose(text, comments)
    comments.sort(key=lambda c: c.start)
    return Document(source, format, prose, metadata, comments, error)
