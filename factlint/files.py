"""Which files a command checks: explicit paths as given, folders walked."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

DEFAULT_EXTENSIONS = (".md", ".markdown", ".txt")


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
