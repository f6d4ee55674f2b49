"""The prose view of plain text: paragraphs, and directive lines for suppressions.

A paragraph is a blank-line block, or a line that ends a sentence: wire copy
is often one paragraph a line, hard-wrapped copy is not. A line that is only
`<!-- factlint-disable ... -->` or `[factlint-disable ...]` is a directive.
"""

from __future__ import annotations

import re

from factlint.text.prose import BLANK, OTHER, TEXT, Comment, blank_urls, join_lines, split_lines

_SENTENCE_END = frozenset(".!?:…\"'”’»")
_QUOTES = frozenset("\"'”’»")
_DIRECTIVE = re.compile(r"factlint-(?:disable-next-line|disable|enable)(?![\w-])")


def _ends_sentence(line: str) -> bool:
    line = line.rstrip()
    last = line[-1:]
    if last in _SENTENCE_END:
        return True
    if last in (")", "]"):  # "... (as reported.)"
        before = line[-2:-1]
        if before in _QUOTES:
            before = line[-3:-2]
        return before in (".", "!", "?", "…")
    return False


def _directive(line: str) -> str | None:
    """The body of a whole-line "<!-- factlint-... -->" or "[factlint-...]", else None.

    Slicing instead of one regex: a lazy body followed by optional whitespace
    is quadratic on a long line of spaces.
    """
    if line.startswith("<!--") and line.endswith("-->") and len(line) >= 7:
        body = line[4:-3].strip()
    elif line.startswith("[") and line.endswith("]"):
        body = line[1:-1].strip()
        if "[" in body or "]" in body:
            return None
    else:
        return None
    return body if _DIRECTIVE.match(body) else None


def plain_prose(text: str, comments: list[Comment]) -> str:
    """One paragraph per blank-line block, or per line where lines end sentences."""
    contents, seps, starts = split_lines(text)
    count = len(contents)
    kinds = [TEXT] * count
    for index, content in enumerate(contents):
        stripped = content.strip()
        if not stripped:
            kinds[index] = BLANK
        elif stripped[0] in "<[":
            body = _directive(stripped)
            if body is not None:
                begin = starts[index] + len(content) - len(content.lstrip())
                comments.append(Comment(begin, begin + len(stripped), body))
                contents[index] = " " * len(content)
                kinds[index] = OTHER
    joined = [
        kinds[i] == TEXT
        and i + 1 < count
        and kinds[i + 1] == TEXT
        and not _ends_sentence(contents[i])
        for i in range(count)
    ]
    prose = join_lines(contents, seps, joined)
    return blank_urls(prose)
