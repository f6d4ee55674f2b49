"""One line a finding, for grep, editors' quickfix lists and long CI logs.

    brief.txt:2:20: error unit-conversion 60 km is about 37 miles, not 20 [*]

``[*]`` marks a finding ``--fix`` can apply. No source lines and no summary;
errors that stopped part of the run are ``factlint: error: ...`` lines, so a
failed run never prints nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from factlint.findings import Finding, RuleMeta
from factlint.report._paths import display_path


def render(
    findings: Sequence[Finding],
    *,
    rules: Sequence[RuleMeta],
    sources: Mapping[str, str],
    errors: Sequence[str] = (),
) -> str:
    lines = [line(f) for f in findings]
    lines += ["factlint: error: " + " ".join(e.splitlines()) for e in errors]
    return "".join(item + "\n" for item in lines)


def line(finding: Finding) -> str:
    """``path:line:column: severity rule message``, with ``[*]`` when --fix can apply it."""
    where = f"{display_path(finding.path)}:{finding.line}:{finding.column}:"
    message = " ".join(finding.message.splitlines())
    fixable = " [*]" if finding.fix is not None and finding.fix.safe else ""
    return f"{where} {finding.severity} {finding.rule} {message}{fixable}"
