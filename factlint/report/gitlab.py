"""GitLab Code Quality: a JSON array of issues for the merge-request widget.

Each issue has ``description``, ``check_name`` (the rule id), ``severity``
(info, minor, major, critical, blocker), ``location`` with ``path`` and
``positions`` (1-based line and column), and a ``fingerprint`` GitLab uses
to tell new issues from fixed ones. The fingerprint hashes the path, rule,
stated text and the text of the line (not its number, so adding a paragraph
above a finding leaves it alone), plus the occurrence of that hash in the
file: the same claim on two lines, or twice on one line, gives two distinct
fingerprints, as GitLab requires. Findings from standard input are named
``-``. Errors that stopped part of the run are ``blocker`` issues with
``check_name`` ``factlint-error``, so a failed run cannot pass as clean.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from factlint.findings import Finding, RuleMeta
from factlint.report._fingerprint import digest, fingerprint
from factlint.report._paths import is_stdin, posix_path, source_key
from factlint.report._source import line_text, source_of

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
ERROR_CHECK = "factlint-error"


def render(
    findings: Sequence[Finding],
    *,
    rules: Sequence[RuleMeta],
    sources: Mapping[str, str],
    errors: Sequence[str] = (),
) -> str:
    seen: dict[tuple[str, str], int] = {}
    issues = [_issue(f, sources, seen) for f in findings]
    issues += [_error(message) for message in errors]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _issue(finding: Finding, sources: Mapping[str, str], seen: dict[tuple[str, str], int]) -> dict:
    path = "-" if is_stdin(finding.path) else posix_path(str(finding.path))
    line = (line_text(source_of(finding, sources), finding.span.start) or "").strip()
    about = fingerprint(finding.rule, finding.stated, line)
    key = (source_key(finding.path), about)
    seen[key] = seen.get(key, 0) + 1
    return {
        "description": " ".join(finding.message.splitlines()),
        "check_name": finding.rule,
        "fingerprint": digest(path, about, str(seen[key]))[:32],  # unique in the report
        "severity": SEVERITIES.get(finding.severity, "minor"),
        "location": {
            "path": path,
            "positions": {
                "begin": {"line": finding.line, "column": finding.column},
                "end": {"line": finding.end_line, "column": finding.end_column},
            },
        },
    }


def _error(message: str) -> dict:
    return {
        "description": message,
        "check_name": ERROR_CHECK,
        "fingerprint": digest(ERROR_CHECK, message)[:32],
        "severity": "blocker",
        "location": {"path": ".", "lines": {"begin": 1}},
    }
