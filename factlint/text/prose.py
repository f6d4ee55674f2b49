"""What every prose view shares: comments, line splitting and joining, blanking.

A prose view is a mask of the source: the same length and offsets, with
markup replaced by spaces and the line breaks inside a paragraph by spaces
(engine rules read paragraphs, and a finding's offsets stay source offsets).
These are the pieces the plain-text and Markdown readers both use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment (Markdown) or a directive line (plain text), for suppressions.

    start/end cover the whole comment in the source; body is the inner text, stripped.
    """

    start: int
    end: int
    body: str


_LINE_SPLIT = re.compile(r"(\r\n|\r|\n)")
_NOT_NEWLINE = re.compile(r"[^\n]")
# Separator replacements: (paragraph break, joined).
_SEPARATORS = {"\n": ("\n", " "), "\r\n": ("\n\n", "  "), "\r": ("\n", " "), "": ("", "")}

# What a line is, for joining lines into paragraphs.
BLANK, TEXT, OTHER, CODE = range(4)

_URL = r"(?<![\w/@.\-])(?:[hH][tT][tT][pP][sS]?://|[wW][wW][wW]\.)[^\s<>]+"
_URL_RE = re.compile(_URL)
_URL_HINTS = ("://", "www.", "WWW.", "Www.")
_URL_TRAILING = ".,:;!?'\"*_~”’»"
_URL_OPENERS = {")": "(", "]": "["}


def blank(text: str) -> str:
    """Spaces for every character but "\\n", which keeps marking a paragraph break."""
    if "\n" in text:
        return _NOT_NEWLINE.sub(" ", text)
    return " " * len(text)


def split_lines(text: str) -> tuple[list[str], list[str], list[int]]:
    """(line contents, their line breaks, their start offsets); "\r\n", "\r" and "\n" all break."""
    parts = _LINE_SPLIT.split(text)
    contents = parts[0::2]
    seps = parts[1::2]
    seps.append("")
    starts = []
    offset = 0
    for content, sep in zip(contents, seps, strict=True):
        starts.append(offset)
        offset += len(content) + len(sep)
    return contents, seps, starts


def join_lines(contents: list[str], seps: list[str], joined: list[bool]) -> str:
    """Lines back into one text of the same length: a joined line's break becomes spaces."""
    pieces = []
    for content, sep, join in zip(contents, seps, joined, strict=True):
        pieces.append(content)
        pieces.append(_SEPARATORS[sep][join])
    return "".join(pieces)


def blank_urls(prose: str) -> str:
    """Blank bare URLs: "www.site.com/2013/60km" holds no claim."""
    # Substring tests are much faster than the pattern's scan, and most texts have no URL.
    if not any(hint in prose for hint in _URL_HINTS):
        return prose
    return _URL_RE.sub(_blank_url, prose)


def _blank_url(match: re.Match[str]) -> str:
    url = match.group()
    core = _trim_url(url)
    return " " * len(core) + url[len(core) :]


def _trim_url(url: str) -> str:
    """Leave trailing punctuation and an unbalanced closing bracket to the prose."""
    while url:
        last = url[-1]
        opener = _URL_OPENERS.get(last)
        if last in _URL_TRAILING or (opener and url.count(last) > url.count(opener)):
            url = url[:-1]
        else:
            break
    return url
