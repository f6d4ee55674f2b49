"""Pickles kept in the user's cache folder, read only when nobody else could have written them.

Pickles are code, so every reader checks ownership and permissions first and compares a
framed key before unpickling anything; every writer is best effort, because a cache that
cannot be written only makes the next run slower.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from pathlib import Path

from factlint.infra.atomic import write_atomically


def digest(data: bytes) -> str:
    """A 64-bit content fingerprint from zlib, already loaded by every interpreter.

    hashlib would cost ~5 ms of OpenSSL start-up per run. A key also carries size, mtime and
    path, and a collision could only bring back rules compiled from the user's own files.
    """
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def trusted(path: Path) -> bool:
    """A pickle is only read when nobody but the user could have written it."""
    try:
        info = path.stat()
    except OSError:
        return False
    foreign = hasattr(os, "getuid") and info.st_uid != os.getuid()
    return not (foreign or info.st_mode & 0o022)


def write_best_effort(path: Path, data: bytes) -> None:
    """Best effort: a cache that cannot be written only makes the next run slower."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(path, data, mode=0o600)


def framed(magic: bytes, key: str, payload: bytes) -> bytes:
    key_bytes = key.encode()
    return magic + len(key_bytes).to_bytes(4, "big") + key_bytes + payload


def unframed(data: bytes, magic: bytes, key: str) -> bytes | None:
    """The payload when the header carries this exact key; checked before anything is unpickled."""
    if not data.startswith(magic):
        return None
    start = len(magic) + 4
    length = int.from_bytes(data[len(magic) : start], "big")
    if data[start : start + length] != key.encode():
        return None
    return data[start + length :]
