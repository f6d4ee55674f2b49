"""The user's cache folder for factlint: compiled rules, compiled patterns, rate tables.

Kept apart so that the rate tables, the rule cache and the regex store agree on one folder
without any of them importing another.
"""

from __future__ import annotations

import os

CACHE_ENV = "FACTLINT_CACHE_DIR"
NO_CACHE_ENV = "FACTLINT_NO_CACHE"


def cache_dir() -> str:
    """Where factlint keeps what it computed once; FACTLINT_CACHE_DIR overrides."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return override
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(xdg, "factlint")


def caching_enabled() -> bool:
    """False when FACTLINT_NO_CACHE asks every cache to stand aside."""
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")
