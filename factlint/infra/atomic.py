"""Writing a file so that readers see the old one or the new one, never half of one.

Used for every file factlint writes: fixed articles, baselines, rate and rule
caches. A temporary file in the same folder (so the rename stays on one file
system) is written, optionally synced and given the old file's permissions,
then renamed over the target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile


def write_atomically(
    target: str | os.PathLike[str], data: bytes, *, mode: int | None = None, sync: bool = False
) -> None:
    """Replace `target` with `data`; raises OSError and then leaves no temporary file."""
    target = os.fspath(target)
    folder = os.path.dirname(target) or "."
    handle, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if sync:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
