"""Writing a file so that readers see the old one or the new one, never half of one.

Used for every file factlint writes: fixed articles, baselines, rate and rule
caches. A temporary file in the same folder (so the rename stays on one file
system) is written, optionally synced and given the old file's permissions,
owner and extended attributes, then renamed over the target. A last check
(`before_replace`) runs right before the rename, so a caller can still refuse
when the target changed while the new bytes were being written.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable


def write_atomically(
    target: str | os.PathLike[str],
    data: bytes,
    *,
    mode: int | None = None,
    sync: bool = False,
    owner: tuple[int, int] | None = None,
    xattrs_from: str | None = None,
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace `target` with `data`; raises OSError (or what `before_replace` raises)
    and then leaves no temporary file.

    `owner` (uid, gid) and the extended attributes of `xattrs_from` are copied
    where the system permits (only root may give a file away; `security.*`
    attributes may be refused), silently otherwise: they are kept when possible,
    and their absence never stops a write.
    """
    target = os.fspath(target)
    folder = os.path.dirname(target) or "."
    import tempfile  # deferred: most runs write nothing

    handle, temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if sync:
                stream.flush()
                os.fsync(stream.fileno())
        if owner is not None:
            _copy_owner(temporary, owner)
        if xattrs_from is not None:
            _copy_xattrs(xattrs_from, temporary)
        if mode is not None:
            os.chmod(temporary, mode)  # after chown, which may clear set-id bits
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _copy_owner(path: str, owner: tuple[int, int]) -> None:
    uid, gid = owner
    for attempt in ((uid, gid), (-1, gid)):  # a user may still keep the group
        try:
            os.chown(path, *attempt)
            return
        except PermissionError:
            continue


def _copy_xattrs(source: str, path: str) -> None:
    if not hasattr(os, "listxattr"):  # pragma: no cover - not Linux
        return
    try:
        names = os.listxattr(source, follow_symlinks=False)
    except OSError:
        return  # a file system without extended attributes
    for name in names:
        with contextlib.suppress(OSError):  # e.g. security.* without the capability
            os.setxattr(path, name, os.getxattr(source, name, follow_symlinks=False))
