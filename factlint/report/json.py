"""The documented JSON contract: every finding as ``Finding.to_json()`` plus counts.

``{"version": 1, "findings": [...], "summary": {"error": n, "warning": n, "info": n},
"files": n, "errors": [{"message": "..."}]}``: ``files`` is how many files were
checked, ``errors`` what kept part of the run from checking (a broken
configuration, an unknown rule id, an unreadable file); a script must treat a
non-empty ``errors`` as a failed run even when ``findings`` is empty.
``version`` changes only when a key changes meaning, so scripts can check it.
Findings from standard input keep ``"path": null``, as ``to_json`` gives them.
Non-ASCII text is written as is (UTF-8), since editors' quotes and names are data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from factlint.findings import SEVERITIES, Finding, RuleMeta

FORMAT_VERSION = 1


def render(
    findings: Sequence[Finding],
    *,
    rules: Sequence[RuleMeta],
    sources: Mapping[str, str],
    errors: Sequence[str] = (),
) -> str:
    counts = {sev: 0 for sev in reversed(SEVERITIES)}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    document = {
        "version": FORMAT_VERSION,
        "findings": [f.to_json() for f in findings],
        "summary": counts,
        "files": len(sources),
        "errors": [{"message": e} for e in errors],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
