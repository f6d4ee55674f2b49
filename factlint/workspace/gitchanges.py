"""--changed-since: which files and lines changed since a git revision.

For a pull request only what the author touched matters: files changed
between REV and the working tree (plus new, untracked files) and, inside
them, the lines added or modified, read from `git diff -U0` hunk headers.
Real git is asked; nothing here re-implements it.
"""

from __future__ import annotations

import os
import re
import subprocess

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class GitError(Exception):
    """git is missing, the folder is not a repository, or the revision is unknown."""


def _run_git(args: list[str], cwd: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """One git process, its output decoded so that any file name round-trips.

    Raises FileNotFoundError when git is not installed: each caller decides
    whether that is an error (--changed-since) or means "nothing to honour".
    """
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        check=False,
    )


def _git(args: list[str], cwd: str) -> str:
    """git's output, or GitError carrying git's own last line of complaint."""
    try:
        done = _run_git(args, cwd)
    except FileNotFoundError:
        raise GitError("--changed-since needs git, which is not installed") from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"git failed (exit {done.returncode})"]
        message = lines[-1].removeprefix("fatal: ")
        raise GitError(f"git {args[0]}: {message}")
    return done.stdout


def repository_root(cwd: str = ".") -> str:
    return _git(["rev-parse", "--show-toplevel"], cwd).strip()


def changed_lines(rev: str, cwd: str = ".") -> dict[str, set[int] | None]:
    """Absolute path -> 1-based changed lines (None: the whole file is new).

    Deleted files are left out: there is nothing to check in them.
    """
    root = repository_root(cwd)
    try:
        # Not --quiet: git's own words ("bad revision 'BADREF'") are the useful part.
        _git(["rev-parse", f"{rev}^{{commit}}", "--"], root)
    except GitError as err:
        raise GitError(f"--changed-since {rev}: {err}") from None
    diff = _git(
        [
            "diff",
            "-U0",
            "--no-color",
            "--no-ext-diff",
            "--no-renames",
            "--diff-filter=d",
            rev,
            "--",
        ],
        root,
    )
    changed: dict[str, set[int] | None] = {}
    current: str | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else os.path.join(root, name[2:])
            if current is not None:
                changed.setdefault(current, set())
        elif current is not None and line.startswith("@@"):
            hunk = _HUNK.match(line)
            if hunk is None:
                continue
            first = int(hunk.group(1))
            count = int(hunk.group(2)) if hunk.group(2) is not None else 1
            lines = changed[current]
            if lines is not None:
                lines.update(range(first, first + count))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    for name in filter(None, untracked.split("\0")):
        changed[os.path.join(root, name)] = None
    return {os.path.realpath(p): lines for p, lines in changed.items()}


def ignored_by_git(paths: list[str], cwd: str = ".") -> set[str]:
    """The paths that .gitignore (and git's other exclude files) leave out.

    Tracked files are never ignored, as in git itself. Outside a repository, or
    without git, nothing is ignored: there is no .gitignore in force to honour.
    """
    if not paths:
        return set()
    try:
        done = _run_git(["check-ignore", "--stdin", "-z"], cwd, stdin="\0".join(paths) + "\0")
    except FileNotFoundError:
        return set()
    if done.returncode not in (0, 1):  # 128: not a repository
        return set()
    return set(filter(None, done.stdout.split("\0")))
