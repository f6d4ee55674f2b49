"""--baseline: adopt factlint on an archive without fixing the archive first.

A baseline records today's findings so that later runs report only new ones.
The key of a finding is (path, rule, stated text, hash of its line's text):
no line or column numbers, so adding a paragraph above a known finding does
not make it "new" again, while editing the line it is on does (the writer
touched it, so it deserves a fresh look). Keys are counted, so a line holding
the same mistake twice needs both to be in the baseline.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence

from factlint.findings import Finding
from factlint.infra.atomic import write_atomically

VERSION = 1
Key = tuple[str, str, str, str]


class BaselineError(Exception):
    """A baseline file that cannot be read; str() is one line for people."""


def _line_text(text: str, offset: int) -> str:
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _relative(path: str | None, root: str) -> str:
    if path is None or path == "-":
        return "-"
    try:
        relative = os.path.relpath(os.path.abspath(path), root)
    except ValueError:
        relative = os.path.abspath(path)
    return relative.replace(os.sep, "/")


def finding_key(finding: Finding, text: str, root: str) -> Key:
    """What identifies a finding across edits elsewhere in its file."""
    stated = finding.stated or text[finding.span.start : finding.span.end]
    line = " ".join(_line_text(text, finding.span.start).split())
    digest = hashlib.sha256(line.encode("utf-8")).hexdigest()[:16]
    return (_relative(finding.path, root), finding.rule, stated, digest)


def write_baseline(file: str, findings: Sequence[Finding], sources: Mapping[str, str]) -> int:
    """Write every finding's key to `file` (atomically); returns how many."""
    root = os.path.dirname(os.path.abspath(file))
    entries = sorted(finding_key(f, sources.get(f.path or "-", ""), root) for f in findings)
    data = {
        "factlint_baseline": VERSION,
        "findings": [{"path": p, "rule": r, "stated": s, "line_hash": h} for p, r, s, h in entries],
    }
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    write_atomically(file, text.encode("utf-8"))
    return len(entries)


def load_baseline(file: str) -> Counter[Key]:
    try:
        with open(file, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as err:
        raise BaselineError(f"{file}: cannot read: {err.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise BaselineError(f"{file}: not a factlint baseline: {err}") from None
    if not isinstance(data, dict) or data.get("factlint_baseline") != VERSION:
        raise BaselineError(f"{file}: not a factlint baseline (version {VERSION})")
    try:
        return Counter(
            (e["path"], e["rule"], e["stated"], e["line_hash"]) for e in data["findings"]
        )
    except (KeyError, TypeError) as err:
        raise BaselineError(f"{file}: malformed entry ({err})") from None


def new_findings(
    file: str, findings: Sequence[Finding], sources: Mapping[str, str]
) -> list[Finding]:
    """The findings the baseline does not account for, in their original order."""
    known = load_baseline(file)
    root = os.path.dirname(os.path.abspath(file))
    fresh = []
    for finding in findings:
        key = finding_key(finding, sources.get(finding.path or "-", ""), root)
        if known[key] > 0:
            known[key] -= 1
        else:
            fresh.append(finding)
    return fresh
