"""--fix and --diff: apply safe fixes to a file without ever damaging it.

Only fixes marked safe (a conversion with a single reading) are applied, and
never two that overlap: the second would edit text the first has replaced.
Edits are spliced by offset, right to left, so earlier offsets stay valid.

Writing follows these rules, because a linter that corrupts an article is
worse than one that finds nothing: the new bytes use the file's own
encoding, byte-order mark and line endings (`encode_like`); the file is
replaced atomically (a temporary file in the same folder, then os.replace,
so a crash leaves either the old or the new file, never half of one) with
its permissions, and where permitted its owner and extended attributes,
kept; and a file whose bytes changed since it was read (an editor saved
meanwhile) is left alone, checked once before writing and again right
before the rename, with an advisory lock held between the two so that two
`--fix` runs never interleave.

A pull request can plant `repo/evil.md -> /elsewhere/victim.md`, so a fix is
never written through a symlink (the path is opened with O_NOFOLLOW): fix the
file it points to by its own name. A read-only file is refused; a file with
other hard links is fixed under this name only, with a warning, since the
rename gives this name a new file.
"""

from __future__ import annotations

import difflib
import errno
import fcntl
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factlint.findings import Finding
from factlint.infra.atomic import write_atomically
from factlint.text.source import Source, SourceError, encode_like


class FixError(Exception):
    """A fix that could not be written; str() is one line for people."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return type(self), self.args


@dataclass(frozen=True, slots=True)
class Planned:
    text: str
    applied: tuple[Finding, ...]
    skipped: tuple[Finding, ...]  # safe fixes left out because they overlap an applied one


def plan_fixes(text: str, findings: Sequence[Finding]) -> Planned:
    """The text with every safe, non-overlapping fix applied.

    Fixes are taken in order of position; a fix that overlaps one already
    taken is skipped (a later run can take it). Two rules proposing the very
    same edit count as one.
    """
    candidates = sorted(
        (f for f in findings if f.fix is not None and f.fix.safe),
        key=lambda f: (f.fix.span.start, f.fix.span.end, f.rule),  # type: ignore[union-attr]
    )
    taken: list[Finding] = []
    skipped: list[Finding] = []
    edits: list[tuple[int, int, str]] = []
    last_end = -1
    for finding in candidates:
        fix = finding.fix
        assert fix is not None
        start, end = fix.span.start, fix.span.end
        if edits and (start, end, fix.replacement) == edits[-1]:
            taken.append(finding)
            continue
        if start < last_end or (edits and start == edits[-1][0]):
            skipped.append(finding)
            continue
        if text[start:end] == fix.replacement:
            continue  # already right: nothing to change
        edits.append((start, end, fix.replacement))
        taken.append(finding)
        last_end = end
    pieces = []
    position = 0
    for start, end, replacement in edits:
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return Planned("".join(pieces), tuple(taken), tuple(skipped))


def unified_diff(path: str, old: str, new: str) -> str:
    """A unified diff as `git diff` would show it (a/ and b/ prefixes)."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
    )
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith(("\n", "\r")):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def write_fixed(source: Source, text: str) -> str | None:
    """Replace the file with `text`, atomically and only if it did not change on disk.

    The check compares the file's current bytes with the bytes of the text
    factlint read, re-encoded: decoding is lossless for every encoding
    read_source accepts, so any difference means someone else wrote the file.
    Returns a warning for people (hard links), or None.
    """
    if source.path is None or source.path == "-":
        raise FixError("cannot write a fix for text that did not come from a file")
    path = source.path
    try:
        new_bytes = encode_like(source, text)
    except SourceError as err:
        raise FixError(str(err)) from None
    expected = encode_like(source, source.text)
    with _open_no_follow(path) as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FixError(f"{path}: not a regular file; not fixed")
        if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
            raise FixError(f"{path}: read-only; not fixed")
        _lock(handle, path)
        if handle.read() != expected:
            raise FixError(f"{path}: changed on disk since it was read; not fixed")
        try:
            write_atomically(
                path,
                new_bytes,
                mode=stat.S_IMODE(info.st_mode),
                sync=True,
                owner=(info.st_uid, info.st_gid),
                xattrs_from=path,
                before_replace=_still(path, info, expected),
            )
        except OSError as err:
            raise FixError(f"{path}: cannot write the fix: {err.strerror or err}") from None
    if info.st_nlink > 1:
        return (
            f"has {info.st_nlink - 1} other hard link(s), which keep the old text: "
            "the fix replaced this name only"
        )
    return None


def _open_no_follow(path: str):  # type: ignore[no-untyped-def]
    try:
        return os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb")
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise FixError(
                f"{path}: a symlink; not fixed (fix the file it points to by its own name)"
            ) from None
        raise FixError(f"{path}: cannot re-read before fixing: {err.strerror}") from None


def _lock(handle, path: str) -> None:  # type: ignore[no-untyped-def]
    """An advisory lock on the file while it is fixed: a second --fix run waits its turn."""
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise FixError(f"{path}: being fixed by another process; not fixed") from None
    except OSError:
        pass  # a file system without locks: the checks around the write still hold


def _still(path: str, info: os.stat_result, expected: bytes) -> Callable[[], None]:
    """The check right before the rename: the same file, with the same bytes as read."""

    def check() -> None:
        with _open_no_follow(path) as handle:
            now = os.fstat(handle.fileno())
            same = (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino)
            if not same or handle.read() != expected:
                raise FixError(f"{path}: changed on disk while being fixed; not fixed")

    return check
