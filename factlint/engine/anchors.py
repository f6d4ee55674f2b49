"""Whether every match of a pattern starts at a word boundary, so `\\b` can be put first.

The `regex` engine tries a pattern at every position whose character may start a match.
A pattern that opens with a vocabulary, `(?:(?P<up>\\b(?:rose|...))|(?P<down>\\b...))`,
starts with sixteen letters, so it is tried inside every word, and each try opens the
named group before the `\\b` inside it fails. Written `\\b(?:(?P<up>...)|...)`, the try
fails at once: the change frame's cues ran 30-40 % faster. The extra `\\b` matches
nothing new and loses nothing, because it is put first only when every alternative of
the pattern already begins with a `\\b` (lookarounds before it are zero-width and are
skipped). When the reading below meets anything it does not know, the answer is False
and the pattern is compiled as written.
"""

from __future__ import annotations

_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!", "(?#")
_OPTIONAL_AFTER = ("?", "*", "{0,", "{0}", "{,")


def starts_at_boundary(pattern: str) -> bool:
    """True only when every match of `pattern` certainly begins at a word boundary."""
    if any(part in pattern for part in ("(?x", "(?(", "(?#")):
        return False  # verbose mode, conditionals, comments: not read here
    try:
        return _alternatives_start(pattern, 0, len(pattern))
    except (IndexError, ValueError):
        return False


def zero_width(prefix: str) -> bool:
    """True only when `prefix` certainly matches no characters: lookarounds and `\\b`s.

    A slot after such a prefix still starts the match ("(?<!another ){n:number}"),
    so it can take the fast, figure-first form (engine/slots.py); read as an inner
    slot, its optional qualifier made the pattern try every letter of the text.
    """
    index = 0
    try:
        while index < len(prefix):
            if prefix.startswith(("\\b", "\\B"), index) and not _quantified(prefix, index + 2):
                index += 2
            elif prefix.startswith(_LOOKAROUNDS, index) and not prefix.startswith("(?#", index):
                index = _group_end(prefix, index) + 1
                if _quantified(prefix, index):
                    return False
            else:
                return False
    except (IndexError, ValueError):
        return False
    return True


def _alternatives_start(pattern: str, start: int, end: int) -> bool:
    pieces = _split_alternatives(pattern, start, end)
    return all(_sequence_starts(pattern, a, b) for a, b in pieces)


def _sequence_starts(pattern: str, index: int, end: int) -> bool:
    while index < end:
        if pattern.startswith("\\b", index):
            return not _quantified(pattern, index + 2)
        if pattern[index] != "(":
            return False
        close = _group_end(pattern, index)
        if pattern.startswith(_LOOKAROUNDS, index):
            index = close + 1  # zero-width: the next element decides
            continue
        body = _group_body(pattern, index)
        if body is None or _quantified(pattern, close + 1):
            return False
        return _alternatives_start(pattern, body, close)
    return False


def _group_body(pattern: str, index: int) -> int | None:
    """Where a plain, non-capturing, atomic or named group's content starts; None otherwise."""
    if not pattern.startswith("(?", index):
        return index + 1
    if pattern.startswith(("(?:", "(?>"), index):
        return index + 3
    if pattern.startswith(("(?P<", "(?<"), index):
        return pattern.index(">", index) + 1
    flags_end = index + 2
    while flags_end < len(pattern) and (pattern[flags_end].isalpha() or pattern[flags_end] == "-"):
        flags_end += 1
    if pattern[flags_end : flags_end + 1] != ":" or set(pattern[index:flags_end]) & set("auwL"):
        return None  # (?a:...), (?w:...): a `\\b` inside means another boundary than outside
    return flags_end + 1


def _quantified(pattern: str, index: int) -> bool:
    """Whether what ends before `index` may be repeated zero times (or is repeated at all,
    for a `\\b`, where a repeat makes no sense)."""
    return pattern.startswith(_OPTIONAL_AFTER, index) or pattern.startswith(("+", "{"), index)


def _skip(pattern: str, index: int) -> int:
    """The index after the escape or character class at `index`, else `index + 1`."""
    if pattern[index] == "\\":
        return index + 2
    if pattern[index] != "[":
        return index + 1
    index += 1
    if pattern[index] == "^":
        index += 1
    if pattern[index] == "]":
        index += 1
    while pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return index + 1


def _group_end(pattern: str, index: int) -> int:
    """The index of the `)` that closes the group opened at `index`."""
    depth = 0
    while True:
        char = pattern[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index = _skip(pattern, index)


def _split_alternatives(pattern: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    depth, index, first = 0, start, start
    while index < end:
        char = pattern[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            pieces.append((first, index))
            first = index + 1
        index = _skip(pattern, index)
    pieces.append((first, end))
    return pieces
