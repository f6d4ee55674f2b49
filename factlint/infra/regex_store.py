"""Compiled regular expressions kept between runs in the user's cache folder.

The readers' fixed patterns (numbers, units, money) take 50-150 ms each to compile with the
`regex` module; a compiled pattern unpickles in about a millisecond.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import regex

from factlint.infra.cache_dir import cache_dir, caching_enabled
from factlint.infra.pickle_store import digest, framed, trusted, unframed, write_best_effort

_REGEX_MAGIC = b"FLREGEX1"
MAX_REGEX_ENTRIES = 512  # past this the store starts afresh: patterns of old code pile up


def _regex_store_path() -> Path:
    stamp = digest(f"{sys.version}\0{regex.__version__}".encode())
    return Path(cache_dir()) / f"regex-{stamp}.pickle"


_store: dict[tuple[int, str], bytes] | None = None
_loaded: dict[tuple[int, str], regex.Pattern] = {}


def _read_store(path: Path) -> dict[tuple[int, str], bytes]:
    if not trusted(path):
        return {}
    try:
        payload = unframed(path.read_bytes(), _REGEX_MAGIC, "store")
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
    if not caching_enabled():
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
    write_best_effort(path, framed(_REGEX_MAGIC, "store", payload))


def clear_memory() -> None:
    """Forget what this process loaded (tests use it to simulate a fresh run)."""
    global _store
    _store = None
    _loaded.clear()
