"""Compiled rules kept between runs, in the user's own cache folder.

A `factlint check` used to spend most of its life before reading the article: importing
jsonschema to validate the built-in packs, then compiling their patterns, which the `regex`
module does in Python (a placeholder expands to tens of kilobytes of pattern, ~100 ms each).
A compiled rule pickles with its compiled patterns and unpickles in about a millisecond, so
one entry per rule file is stored here after the first run, keyed by the factlint version, a
stamp of the package's code, the Python and `regex` versions, and the file's path, pack name,
size, mtime_ns and a checksum of its bytes. Any difference recompiles, so an edited rule file
or an upgraded factlint never sees stale rules. (The readers' own patterns are kept by
:mod:`factlint.infra.regex_store`.)

Pickles are code, so they are only ever read from the user's cache folder
(:func:`factlint.infra.cache_dir.cache_dir`, or ``FACTLINT_CACHE_DIR``), only when owned by
the current user and not writable by others, and never from a rule repository. Every failure
to read or write (a corrupt file, a read-only home, a version skew) falls back to compiling:
the cache can make a run faster, never wrong. ``FACTLINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from factlint._version import __version__
from factlint.infra.cache_dir import cache_dir, caching_enabled
from factlint.infra.pickle_store import digest, framed, trusted, unframed, write_best_effort
from factlint.infra.regex_store import clear_memory as clear_regex_memory

_RULES_MAGIC = b"FLRULES1"
_PACKAGE = Path(__file__).resolve().parents[1]


def enabled() -> bool:
    return caching_enabled()


def cache_folder() -> Path:
    return Path(cache_dir())


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """What the compiled form of a rule depends on besides the rule file itself.

    Slot patterns, expression trees and the Rule class all come from the package's code, so
    a development checkout must recompile when a module changes even though the version
    number does not. Every module of every subfolder counts: a module moved or edited
    anywhere in the package changes the stamp. Stat-ing a few dozen files costs well under
    a millisecond.
    """
    parts = [__version__, sys.version, regex.__version__]
    for folder, _subfolders, names in sorted(os.walk(_PACKAGE)):
        relative = os.path.relpath(folder, _PACKAGE)
        for name in sorted(names):
            if name.endswith(".py"):
                try:
                    info = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                parts.append(f"{relative}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return digest("\n".join(parts).encode())


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
            ("content", digest(raw)),
        )
    )


def _rule_entry(path: str | os.PathLike[str], pack: str | None) -> Path:
    identity = f"{os.path.abspath(path)}\0{pack}"
    return cache_folder() / "rules" / f"{digest(identity.encode())}.pickle"


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
    write_best_effort(entry, framed(_RULES_MAGIC, key, payload))
    return rules


def _read_rules(entry: Path, key: str) -> list[Any] | None:
    if not trusted(entry):
        return None
    try:
        payload = unframed(entry.read_bytes(), _RULES_MAGIC, key)
        if payload is None:
            return None
        rules = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - corrupt, truncated or from other code: recompile
        return None
    return rules if isinstance(rules, list) else None


def clear_memory() -> None:
    """Forget what this process loaded (tests use it to simulate a fresh run)."""
    clear_regex_memory()
    code_stamp.cache_clear()
