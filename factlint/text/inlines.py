"""Markdown inlines in the prose view: code spans, comments, links, tags, emphasis.

Link text stays prose and its target is blanked; code spans and HTML
comments are blanked (a comment is kept for suppressions); emphasis markers
are paired with CommonMark's flanking rules and blanked, stray ones stay.
Every pass is linear: untrusted input reaches it through the HTTP service.
"""

from __future__ import annotations

import re
import unicodedata

from factlint.text.prose import Comment, blank, blank_urls

# Every pattern here stops at a bracket, a quote, whitespace or a paragraph break,
# and link text is capped, so no input makes the scan quadratic. Code spans and
# comments, which may run far, are found by _blank_code_and_comments instead.
_INLINE = re.compile(
    r"""
    (?=[<!\[])  # cheap first-character test: most positions start nothing
    (?:
    (?P<autolink><(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*
        |[\w.!\#$%&'*+/=?^`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?)>)
  | (?P<tag></?[A-Za-z][A-Za-z0-9\-]*
        (?:\s+[A-Za-z_:][\w.:\-]*(?:\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s"'=<>`]+))?)*\s*/?>)
  | (?P<link>(?<!\\)!?\[(?P<ltext>(?:[^\[\]\n\\]|\\.|\[(?:[^\[\]\n\\]|\\.)*\]){0,999})\]
        (?:\([ \t]*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)
              (?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)
          |\[[^\[\]\n]*\]))
    )
    """,
    re.VERBOSE,
)
_CODE_OR_COMMENT = re.compile(r"`+|<!--")
_DELIMITER_RUN = re.compile(r"\*+|_+")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def inline_markdown(prose: str, text: str, comments: list[Comment]) -> str:
    """The block pass's prose with inline markup blanked; comments found are appended."""
    # Link targets and autolinks go first, so that only bare URLs are left for the URL pass.
    if "`" in prose or "<!--" in prose:
        prose = _blank_code_and_comments(prose, text, comments)
    prose = blank_urls(_blank_inlines(prose))
    if "*" in prose or "_" in prose:
        prose = _blank_emphasis(prose)
    if "\\" in prose:
        prose = _ESCAPE.sub(" ", prose)
    return prose


def _is_punctuation(char: str) -> bool:
    if char.isascii():
        return char in _ASCII_PUNCTUATION
    return unicodedata.category(char)[0] in "PS"


def _blank_emphasis(prose: str) -> str:
    """Pair * and _ delimiter runs with CommonMark's flanking rules; blank the pairs.

    A stack per delimiter character keeps this linear: a pairing regex is
    quadratic on a paragraph full of unpaired asterisks, which untrusted input
    to the HTTP service may well be. Unpaired markers ("5 * 3", a footnote "*")
    stay as they are.
    """
    blanks: list[tuple[int, int]] = []
    stacks: dict[str, list[list[int]]] = {"*": [], "_": []}
    last_end = 0
    for run in _DELIMITER_RUN.finditer(prose):
        start, end = run.span()
        if prose.find("\n", last_end, start) >= 0:  # emphasis never crosses paragraphs
            stacks["*"].clear()
            stacks["_"].clear()
        last_end = end
        before = prose[start - 1] if start else " "
        if before == "\\":  # an escaped first marker is literal
            start += 1
            if start == end:
                continue
        after = prose[end] if end < len(prose) else " "
        left = not after.isspace() and (
            not _is_punctuation(after) or before.isspace() or _is_punctuation(before)
        )
        right = not before.isspace() and (
            not _is_punctuation(before) or after.isspace() or _is_punctuation(after)
        )
        char = prose[start]
        if char == "_":  # no intraword emphasis: snake_case_name stays
            can_open = left and (not right or _is_punctuation(before))
            can_close = right and (not left or _is_punctuation(after))
        else:
            can_open, can_close = left, right
        stack = stacks[char]
        if can_close:
            while stack and start < end:
                opener = stack[-1]
                used = min(opener[1] - opener[0], end - start)
                blanks.append((opener[1] - used, opener[1]))
                blanks.append((start, start + used))
                opener[1] -= used
                start += used
                if opener[1] == opener[0]:
                    stack.pop()
        if can_open and start < end:
            stack.append([start, end])
    blanks.sort()
    return _apply_blanks(prose, blanks)


def _blank_inlines(prose: str) -> str:
    """Blank tags, autolinks and link targets; keep link text (nested images too)."""

    def replace(match: re.Match[str]) -> str:
        if match.lastgroup == "link":
            inner_start, inner_end = match.span("ltext")
            return (
                " " * (inner_start - match.start())
                + _blank_inlines(match.group("ltext"))
                + blank(match.string[inner_end : match.end()])
            )
        return blank(match.group())

    return _INLINE.sub(replace, prose)


def _blank_code_and_comments(prose: str, text: str, comments: list[Comment]) -> str:
    """Blank code spans and inline HTML comments in one left-to-right pass.

    Whichever starts first wins, as in CommonMark, so a comment shown inside a
    code span is not a suppression. Each search resumes where the previous one
    stopped, which keeps this linear even for a paragraph of unmatched
    backticks or "<!--" that a regex would rescan from every opener.
    """
    tokens = [m.span() for m in _CODE_OR_COMMENT.finditer(prose)]
    runs_by_length: dict[int, list[int]] = {}
    for start, end in tokens:
        if prose[start] == "`":
            runs_by_length.setdefault(end - start, []).append(start)
    pointers = dict.fromkeys(runs_by_length, 0)
    blanks: list[tuple[int, int]] = []
    cursor = 0  # everything before it is already inside a span
    next_break = -1  # cached position of the next "\n" at or after a query
    next_close = -1  # cached position of the next "-->", len(prose) when none is left

    def break_after(position: int) -> int:
        nonlocal next_break
        if next_break < position:
            found = prose.find("\n", position)
            next_break = len(prose) if found < 0 else found
        return next_break

    for start, end in tokens:
        if start < cursor:
            continue
        if prose[start] == "`":
            if start and prose[start - 1] == "\\":
                continue  # an escaped backtick opens nothing
            length = end - start
            starts = runs_by_length[length]
            index = pointers[length]
            while index < len(starts) and starts[index] <= start:
                index += 1
            pointers[length] = index
            if index < len(starts) and starts[index] < break_after(end):
                cursor = starts[index] + length
                blanks.append((start, cursor))
        else:
            if next_close < start + 4:
                found = prose.find("-->", start + 4)
                next_close = len(prose) if found < 0 else found
            if next_close < len(prose) and next_close < break_after(start):
                cursor = next_close + 3
                blanks.append((start, cursor))
                comments.append(Comment(start, cursor, text[start + 4 : next_close].strip()))
    return _apply_blanks(prose, blanks)


def _apply_blanks(prose: str, blanks: list[tuple[int, int]]) -> str:
    """Replace sorted, non-overlapping [start, end) ranges by spaces."""
    if not blanks:
        return prose
    pieces = []
    position = 0
    for start, end in blanks:
        pieces.append(prose[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(prose[position:])
    return "".join(pieces)
