"""Which files a command checks: explicit paths as given, folders walked."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from factlint.config.file import DEFAULT_EXTENSIONS, config_for, glob_match


def walk_paths(
    paths: Sequence[str], extensions: Sequence[str] = DEFAULT_EXTENSIONS
) -> Iterator[str]:
    """Yield files in a stable order; folders are walked without following symlinks.

    Not following symlinked folders is what keeps a symlink loop from walking
    forever; hidden folders (.git, .venv) are skipped because they never hold
    copy to check.
    """
    for given in paths:
        if given == "-" or not os.path.isdir(given):
            yield given
            continue
        found: list[str] = []
        for root, dirs, files in os.walk(given):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
            for name in files:
                if name.lower().endswith(tuple(extensions)):
                    found.append(os.path.join(root, name))
        yield from sorted(found)


def _inside(path: str, folder: str) -> bool:
    """Whether `path`, symlinks resolved, lies within `folder` (also resolved)."""
    real, root = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, root]) == root


def collect_files(
    paths: Sequence[str],
    *,
    force_exclude: bool = False,
    config_file: str | None = None,
    exclude: Sequence[str] = (),
) -> list[str]:
    """Files to check, honouring each file's configuration (`extensions`, `exclude`).

    Files found by walking a folder are always filtered by the configuration
    that governs them. Files named explicitly are checked as given, because a
    user who names a file means it, unless `force_exclude` is set: pre-commit
    passes every changed file explicitly, and an excluded archive must stay
    excluded there. `exclude` holds more globs (--exclude), matched against
    paths relative to the current folder as well as against the names inside
    a walked folder. Order is stable: folders sorted, explicit paths as given.
    """

    def skipped(path: str) -> bool:
        return _cli_excludes(exclude, path) or config_for(path, config_file=config_file).excludes(
            path
        )

    result: list[str] = []
    seen: set[str] = set()
    for given in paths:
        if given == "-":
            result.append(given)
            continue
        if not os.path.isdir(given):
            if force_exclude and skipped(given):
                continue
            if given not in seen:
                seen.add(given)
                result.append(given)
            continue
        found: list[str] = []
        for root, dirs, files in os.walk(given):
            config = config_for(root, config_file=config_file)
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and d != "node_modules"
                and not config.excludes(os.path.join(root, d))
                and not _cli_excludes(exclude, os.path.join(root, d))
            )
            for name in sorted(files):
                path = os.path.join(root, name)
                if path in seen or not name.lower().endswith(config.extensions):
                    continue
                if os.path.islink(path) and not _inside(path, given):
                    continue  # a symlink out of the walked folder: a pull request can plant one
                if config.excludes(path) or _cli_excludes(exclude, path):
                    continue
                seen.add(path)
                found.append(path)
        result.extend(sorted(found))
    return result


def _cli_excludes(globs: Sequence[str], path: str) -> bool:
    """--exclude globs, against the path relative to the current folder."""
    if not globs:
        return False
    relative = os.path.relpath(os.path.abspath(path)).replace(os.sep, "/")
    return any(glob_match(g, relative) for g in globs)
