"""Compiled rules and regular expressions kept between runs, in the user's own cache folder.

A `factlint check` used to spend most of its life before reading the article: importing
jsonschema to validate the built-in packs, then compiling their patterns, which the `regex`
module does in Python (a placeholder expands to tens of kilobytes of pattern, ~100 ms each).
A compiled `regex` pattern pickles as its compiled code and unpickles in about a millisecond,
so both are stored here after the first run:

- one entry per rule file, keyed by the factlint version, a stamp of the engine's code, the
  Python and `regex` versions, and the file's path, pack name, size, mtime_ns and a checksum
  of its bytes. Any difference recompiles, so an edited rule file or an upgraded factlint
  never sees stale rules;
- one store of compiled patterns keyed by their source and flags, for the extractors' own
  patterns (see :func:`compiled_regex`).

Pickles are code, so they are only ever read from :func:`factlint.fx.cache_dir` (the user's
cache folder, or ``FACTLINT_CACHE_DIR``), only when owned by the current user and not writable
by others, and never from a rule repository. Every failure to read or write (a corrupt file,
a read-only home, a version skew) falls back to compiling: the cache can make a run faster,
never wrong. ``FACTLINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from .. import fx
from ..atomic import write_atomically

NO_CACHE_ENV = "FACTLINT_NO_CACHE"
_RULES_MAGIC = b"FLRULES1"
_REGEX_MAGIC = b"FLREGEX1"
MAX_REGEX_ENTRIES = 512  # past this the store starts afresh: patterns of old code pile up
_CODE_FOLDERS = (Path(__file__).resolve().parents[1], Path(__file__).resolve().parent)


def enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def cache_folder() -> Path:
    return Path(fx.cache_dir())


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """What the compiled form of a rule depends on besides the rule file itself.

    Slot patterns, expression trees and the Rule class all come from the package's code, so
    a development checkout must recompile when a module changes even though the version
    number does not. Stat-ing a few dozen files costs well under a millisecond.
    """
    from .. import __version__

    parts = [__version__, sys.version, regex.__version__]
    for folder in _CODE_FOLDERS:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".py"):
                info = entry.stat()
                parts.append(f"{folder.name}/{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return _digest("\n".join(parts).encode())


def _digest(data: bytes) -> str:
    """A 64-bit content fingerprint from zlib, already loaded by every interpreter.

    hashlib would cost ~5 ms of OpenSSL start-up per run. A key also carries size, mtime and
    path, and a collision could only bring back rules compiled from the user's own files.
    """
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _trusted(path: Path) -> bool:
    """A pickle is only read when nobody but the user could have written it."""
    try:
        info = path.stat()
    except OSError:
        return False
    foreign = hasattr(os, "getuid") and info.st_uid != os.getuid()
    return not (foreign or info.st_mode & 0o022)


def _write_atomically(path: Path, data: bytes) -> None:
    """Best effort: a cache that cannot be written only makes the next run slower."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(path, data, mode=0o600)


def _framed(magic: bytes, key: str, payload: bytes) -> bytes:
    key_bytes = key.encode()
    return magic + len(key_bytes).to_bytes(4, "big") + key_bytes + payload


def _unframed(data: bytes, magic: bytes, key: str) -> bytes | None:
    """The payload when the header carries this exact key; checked before anything is unpickled."""
    if not data.startswith(magic):
        return None
    start = len(magic) + 4
    length = int.from_bytes(data[len(magic) : start], "big")
    if data[start : start + length] != key.encode():
        return None
    return data[start + length :]


# --- compiled rules -----------------------------------------------------------------------


def rule_file_key(path: str | os.PathLike[str], raw: bytes, pack: str | None) -> str:
    """Everything a rule file's compiled form depends on, as one string."""
    absolute = os.path.abspath(path)
    try:
        info = os.stat(path)
        size, mtime = info.st_size, info.st_mtime_ns
    except OSError:
        size, mtime = len(raw), 0
    return repr(
        (
            ("code", code_stamp()),
            ("path", absolute),
            ("name", str(path)),  # compiled rules carry the path as given, for messages
            ("pack", pack),
            ("size", size),
            ("mtime_ns", mtime),
            ("content", _digest(raw)),
        )
    )


def _rule_entry(path: str | os.PathLike[str], pack: str | None) -> Path:
    identity = f"{os.path.abspath(path)}\0{pack}"
    return cache_folder() / "rules" / f"{_digest(identity.encode())}.pickle"


def cached_rules(
    path: str | os.PathLike[str],
    raw: bytes,
    pack: str | None,
    compile_rules: Callable[[], list[Any]],
) -> list[Any]:
    """The compiled rules of one file: from the cache when its key matches, else compiled.

    `compile_rules` raises RuleError for a bad file; nothing is stored then, so the error
    is reported again on the next run rather than hidden by a cache.
    """
    if not enabled():
        return compile_rules()
    key = rule_file_key(path, raw, pack)
    entry = _rule_entry(path, pack)
    rules = _read_rules(entry, key)
    if rules is not None:
        return rules
    rules = compile_rules()
    try:
        payload = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - an unpicklable rule is simply not cached
        return rules
    _write_atomically(entry, _framed(_RULES_MAGIC, key, payload))
    return rules


def _read_rules(entry: Path, key: str) -> list[Any] | None:
    if not _trusted(entry):
        return None
    try:
        payload = _unframed(entry.read_bytes(), _RULES_MAGIC, key)
        if payload is None:
            return None
        rules = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - corrupt, truncated or from other code: recompile
        return None
    return rules if isinstance(rules, list) else None


# --- compiled regular expressions ------------------------------------------------------------


def _regex_store_path() -> Path:
    stamp = _digest(f"{sys.version}\0{regex.__version__}".encode())
    return cache_folder() / f"regex-{stamp}.pickle"


_store: dict[tuple[int, str], bytes] | None = None
_loaded: dict[tuple[int, str], regex.Pattern] = {}


def _read_store(path: Path) -> dict[tuple[int, str], bytes]:
    if not _trusted(path):
        return {}
    try:
        payload = _unframed(path.read_bytes(), _REGEX_MAGIC, "store")
        store = pickle.loads(payload) if payload is not None else {}
    except Exception:  # noqa: BLE001 - a damaged store is replaced on the next miss
        return {}
    return store if isinstance(store, dict) else {}


def compiled_regex(source: str, flags: int = 0) -> regex.Pattern:
    """`regex.compile(source, flags)`, served from the persistent store after the first run.

    Meant for the extractors' fixed, large patterns (numbers, units, money), which every run
    needs and which take 50-150 ms each to compile. Patterns are unpickled one by one on
    demand, so a big store costs only the patterns a run uses.
    """
    global _store
    name = (flags, source)
    pattern = _loaded.get(name)
    if pattern is not None:
        return pattern
    if not enabled():
        pattern = regex.compile(source, flags)
        _loaded[name] = pattern
        return pattern
    path = _regex_store_path()
    if _store is None:
        _store = _read_store(path)
    data = _store.get(name)
    if data is not None:
        try:
            pattern = pickle.loads(data)
        except Exception:  # noqa: BLE001 - fall through to compiling
            pattern = None
        if isinstance(pattern, regex.Pattern) and pattern.pattern == source:
            _loaded[name] = pattern
            return pattern
    pattern = regex.compile(source, flags)
    _loaded[name] = pattern
    _remember(path, name, pattern)
    return pattern


def _remember(path: Path, name: tuple[int, str], pattern: regex.Pattern) -> None:
    """Add one pattern to the store on disk, keeping what other processes added meanwhile."""
    global _store
    try:
        data = pickle.dumps(pattern, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001
        return
    store = _read_store(path)
    if len(store) >= MAX_REGEX_ENTRIES:
        store = {}
    store[name] = data
    _store = store
    payload = pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL)
    _write_atomically(path, _framed(_REGEX_MAGIC, "store", payload))


def clear_memory() -> None:
    """Forget what this process loaded (tests use it to simulate a fresh run)."""
    global _store
    _store = None
    _loaded.clear()
    code_stamp.cache_clear()
