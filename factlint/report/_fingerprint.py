"""What a finding is about, as a hash: the key SARIF and GitLab use to follow a finding
across runs while lines are added above it."""

from __future__ import annotations

import hashlib


def digest(*parts: str) -> str:
    """SHA-256 of the parts; any text hashes, even a lone surrogate from a JSON body."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(rule: str, stated: str | None, line: str | None) -> str:
    """A hash of the rule, the stated figure and the line's text, not of where it sits."""
    return digest(rule, stated or "", (line or "").strip())[:32]
