"""reviewdog's rdjson (``DiagnosticResult``), for ``reviewdog -f=rdjson``.

reviewdog counts columns in UTF-8 bytes and treats ``end`` as exclusive, so
columns are recomputed from the finding's offsets and the source text (an emoji
before a span moves it by four bytes, not one character). Without the source
text the character columns are passed on unchanged. Severities are the enum
names ERROR, WARNING and INFO; the top-level severity is the highest present.
Findings from standard input get a location without ``path``. Errors that
stopped part of the run are diagnostics of severity ERROR with code
``factlint-error`` and no location, and make the top-level severity ERROR.
Each diagnostic's ``code.url`` links the rule's documentation when the
configuration says where it lives (``rule_docs_url``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from factlint.findings import Finding, RuleMeta, Span, severity_rank
from factlint.report._paths import is_stdin, posix_path
from factlint.report._source import source_of, utf8_column

SOURCE = {"name": "factlint", "url": "https://pypi.org/project/factlint/"}
LEVELS = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
ERROR_CODE = "factlint-error"


def render(
    findings: Sequence[Finding],
    *,
    rules: Sequence[RuleMeta],
    sources: Mapping[str, str],
    errors: Sequence[str] = (),
) -> str:
    document: dict = {"source": SOURCE, "severity": "ERROR" if errors else _overall(findings)}
    links = {meta.id: meta.url for meta in rules if meta.url}
    document["diagnostics"] = [
        _diagnostic(f, source_of(f, sources), links.get(f.rule)) for f in findings
    ] + [{"message": e, "severity": "ERROR", "code": {"value": ERROR_CODE}} for e in errors]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _diagnostic(finding: Finding, text: str | None, url: str | None = None) -> dict:
    location: dict = {"range": _range(finding.span, text)}
    if not is_stdin(finding.path):
        location = {"path": posix_path(str(finding.path)), **location}
    diagnostic: dict = {
        "message": finding.message,
        "location": location,
        "severity": LEVELS.get(finding.severity, "UNKNOWN_SEVERITY"),
        "code": {"value": finding.rule, **({"url": url} if url else {})},
    }
    if finding.fix is not None:
        diagnostic["suggestions"] = [
            {"range": _range(finding.fix.span, text), "text": finding.fix.replacement}
        ]
    return diagnostic


def _range(span: Span, text: str | None) -> dict:
    exact = text is not None and 0 <= span.start <= span.end <= len(text)
    start = utf8_column(text, span.start) if exact else span.column
    end = utf8_column(text, span.end) if exact else span.end_column
    return {
        "start": {"line": span.line, "column": start},
        "end": {"line": span.end_line, "column": end},
    }


def _overall(findings: Sequence[Finding]) -> str:
    known = [f.severity for f in findings if f.severity in LEVELS]
    if not known:
        return "UNKNOWN_SEVERITY"
    return LEVELS[max(known, key=severity_rank)]
