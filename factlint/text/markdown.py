"""The prose view of Markdown: a line-based reading of CommonMark blocks and GFM tables.

Code (fenced and indented), thematic breaks, setext underlines, reference
definitions, raw HTML blocks and table delimiter rows are blanked; headings,
list items, table cells and quoted lines keep their text without the markup;
paragraph lines are joined. Tuned to be fast and to fail towards keeping text
as prose. Inlines are then handled by text/inlines.py.
"""

from __future__ import annotations

import re

from factlint.text.inlines import inline_markdown
from factlint.text.prose import BLANK, CODE, OTHER, TEXT, Comment, join_lines, split_lines

_QUOTE = re.compile(r"(?:[ ]{0,3}>[ \t]?)+")
_THEMATIC = re.compile(r"[ ]{0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$")
_SETEXT = re.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*$")
_FENCE_OPEN = re.compile(r"[ \t]*(`{3,}|~{3,})(.*)$")
_FENCE_CLOSE = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*$")
_ATX = re.compile(r"[ ]{0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_LIST = re.compile(r"[ \t]*(?:[-*+]|(\d{1,9})[.)])(?:([ \t]+)|$)")
_REFDEF = re.compile(
    r"[ ]{0,3}\[(?!\^)(?:[^\[\]\\]|\\.)+\]:[ \t]*(?:<[^<>]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$"
)
_TABLE_DELIM = re.compile(
    r"[ \t]*(?=[^|]*\|)\|?(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$"
)
_PIPE = re.compile(r"(?<!\\)\|")
_RAW_OPEN = re.compile(r"<(script|style|pre|textarea)(?=[\s>]|$)", re.IGNORECASE)
# Block-level HTML starts a new paragraph (CommonMark HTML blocks of type 6).
_BLOCK_TAG = re.compile(
    r"[ ]{0,3}</?(?:address|article|aside|blockquote|details|div|dl|dd|dt|figcaption|figure"
    r"|footer|h[1-6]|header|hr|li|main|nav|ol|p|section|summary|table|tbody|td|tfoot|th"
    r"|thead|tr|ul)(?=[\s/>]|$)",
    re.IGNORECASE,
)


def _indent_width(text: str) -> int:
    lead = len(text) - len(text.lstrip(" \t"))
    return len(text[:lead].expandtabs(4))


def markdown_prose(text: str, front_end: int, comments: list[Comment]) -> str:
    """The prose view of a Markdown text whose front matter (if any) ends at `front_end`."""
    return inline_markdown(_Blocks(text, front_end, comments).read(), text, comments)


class _Blocks:
    """One pass over the lines; each method reads one kind of block line."""

    def __init__(self, text: str, front_end: int, comments: list[Comment]) -> None:
        self.text, self.comments = text, comments
        self.contents, self.seps, self.starts = split_lines(text)
        count = len(self.contents)
        self.out = list(self.contents)
        self.kinds = [OTHER] * count
        self.new_block = [False] * count
        self.fence: tuple[str, int, int] | None = None  # (char, length, quote depth)
        self.raw_end = front_end  # end offset of front matter, a block comment or raw HTML
        self.in_list = False
        self.table_depth = -1  # quote depth of the table being read, -1 for none
        self.delimiter_row = -1
        self.prev_kind, self.prev_depth = BLANK, 0

    def read(self) -> str:
        for index in range(len(self.contents)):
            self._line(index)
        count = len(self.contents)
        kinds, new_block, out = self.kinds, self.new_block, self.out
        joined = [
            kinds[i] == TEXT and i + 1 < count and kinds[i + 1] == TEXT and not new_block[i + 1]
            for i in range(count)
        ]
        for i in range(count):
            if joined[i] and out[i].endswith("\\"):
                out[i] = out[i][:-1] + " "  # a backslash hard line break is markup
        return join_lines(out, self.seps, joined)

    def _blank_line(self, i: int) -> None:
        self.out[i] = " " * len(self.contents[i])

    def _line(self, i: int) -> None:
        content, start = self.contents[i], self.starts[i]
        if start < self.raw_end:
            cut = self.raw_end - start
            self.out[i] = " " * len(content) if cut >= len(content) else " " * cut + content[cut:]
            self.prev_kind = OTHER
            return
        quote = _QUOTE.match(content)
        q = quote.end() if quote else 0
        depth = content.count(">", 0, q)
        if self.fence is not None and self._in_fence(i, q, depth):
            return
        rest = content[q:]
        if i == self.delimiter_row:
            self._blank_line(i)
            self.prev_kind, self.prev_depth = OTHER, depth
        elif not rest.strip():
            self._blank_line(i)
            self.kinds[i] = BLANK
            self.table_depth = -1
            self.prev_kind = BLANK
        else:
            self._block(i, rest, q, depth)

    def _in_fence(self, i: int, q: int, depth: int) -> bool:
        """Inside a fence: blank the line and say so; a fence ends with its quote, too."""
        assert self.fence is not None
        char, length, fence_depth = self.fence
        if fence_depth and depth < fence_depth:
            self.fence = None  # the container ended, and the fence with it
            return False
        close = _FENCE_CLOSE.match(self.contents[i], q if fence_depth else 0)
        if close and close.group(1)[0] == char and len(close.group(1)) >= length:
            self.fence = None
        self._blank_line(i)
        self.prev_kind = OTHER
        return True

    def _list_item(self, rest: str, width: int) -> re.Match[str] | None:
        item = _LIST.match(rest)
        if item is not None and self.prev_kind == TEXT and not self.in_list:
            # Only "1." and non-empty items may start a list inside a paragraph.
            number = item.group(1)
            if item.group(2) is None or (number is not None and number != "1"):
                return None
        if item is not None and width > 3 and not self.in_list:
            return None
        return item

    def _fence_opening(self, rest: str, width: int) -> re.Match[str] | None:
        opening = _FENCE_OPEN.match(rest) if width <= 3 or self.in_list else None
        if opening is not None and opening.group(1)[0] == "`" and "`" in opening.group(2):
            return None  # "```code```" is an inline code span, not a fence
        return opening

    def _block(self, i: int, rest: str, q: int, depth: int) -> None:
        """A non-blank line outside fences and raw blocks: which block it is, and its text."""
        width = _indent_width(rest)
        item = self._list_item(rest, width)
        if width == 0 and item is None and self.prev_kind != TEXT:
            self.in_list = False
        opening = self._fence_opening(rest, width)
        kind, starts_block, is_row = OTHER, depth > self.prev_depth, False
        if width >= 4 and self.prev_kind != TEXT and not self.in_list:
            self._blank_line(i)  # indented code
            kind = CODE
        elif _THEMATIC.match(rest) or (self.prev_kind == TEXT and _SETEXT.match(rest)):
            self._blank_line(i)
        elif opening is not None:
            self.fence = (opening.group(1)[0], len(opening.group(1)), depth)
            self._blank_line(i)
        elif width <= 3 and (heading := _ATX.match(rest)):
            self.out[i] = " " * q + _heading_text(rest, heading)
        elif width <= 3 and rest.lstrip().startswith("<") and _raw_block(rest.lstrip()):
            self._raw(i, rest, q)
        elif width <= 3 and rest.lstrip().startswith("[") and _REFDEF.match(rest):
            self._blank_line(i)
        elif self._table_row(i, rest, depth):
            is_row = True
            self.out[i] = " " * q + _PIPE.sub(" ", rest)
        elif item is not None:
            self.in_list = True
            kind, starts_block = TEXT, True
            self.out[i] = " " * q + " " * item.end() + rest[item.end() :]
        else:
            kind = TEXT
            starts_block = starts_block or ("<" in rest[:4] and _BLOCK_TAG.match(rest) is not None)
            if q:
                self.out[i] = " " * q + rest
        if not is_row:
            self.table_depth = -1
        self.kinds[i], self.new_block[i] = kind, starts_block
        self.prev_kind, self.prev_depth = kind, depth

    def _raw(self, i: int, rest: str, q: int) -> None:
        """A block comment or script/style/pre block: blank it to its end, maybe lines on."""
        content, start = self.contents[i], self.starts[i]
        begin = start + q + len(rest) - len(rest.lstrip())
        self.raw_end = _raw_block_end(self.text, begin, self.comments)
        cut = self.raw_end - start
        self.out[i] = " " * len(content) if cut >= len(content) else " " * cut + content[cut:]

    def _table_row(self, i: int, rest: str, depth: int) -> bool:
        """A row of the table being read, or the header row of one that starts here."""
        if "|" not in rest:
            return False
        if self.table_depth == depth:
            return True
        following = i + 1 < len(self.contents) and _is_delimiter_row(self.contents[i + 1], depth)
        if following:
            self.table_depth, self.delimiter_row = depth, i + 1
        return following


def _heading_text(rest: str, heading: re.Match[str]) -> str:
    body = rest[heading.end() :]
    closing = _ATX_CLOSE.search(body)
    if closing is not None:
        body = body[: closing.start()] + " " * (len(body) - closing.start())
    return " " * heading.end() + body


def _is_delimiter_row(line: str, depth: int) -> bool:
    quote = _QUOTE.match(line)
    q = quote.end() if quote else 0
    return line.count(">", 0, q) == depth and _TABLE_DELIM.match(line, q) is not None


def _raw_block(line: str) -> bool:
    return line.startswith("<!--") or _RAW_OPEN.match(line) is not None


def _raw_block_end(text: str, begin: int, comments: list[Comment]) -> int:
    """End offset of a block-level comment or script/style/pre block starting at `begin`.

    Like CommonMark, an unclosed one runs to the end of the document.
    """
    if text.startswith("<!--", begin):
        close = text.find("-->", begin + 4)
        if close < 0:
            return len(text)
        comments.append(Comment(begin, close + 3, text[begin + 4 : close].strip()))
        return close + 3
    opening = _RAW_OPEN.match(text, begin)
    assert opening is not None
    closing = re.compile(rf"</{opening.group(1)}\s*>", re.IGNORECASE).search(text, opening.end())
    return len(text) if closing is None else closing.end()


# ---------------------------------------------------------------- Markdown inlines
