"""SARIF 2.1.0, in the shape GitHub code scanning accepts.

One run whose driver lists every rule given (plus any rule a finding names that
was not given, so ``ruleIndex`` always points somewhere). Regions are 1-based
and count Unicode code points (``columnKind`` says so); ``endColumn`` is
exclusive, as SARIF defines it. Artifact URIs are the paths as given, with
forward slashes and percent-escaping; absolute paths become ``file://`` URIs.

Standard input has no URI: its locations keep the region but name the artifact
only by a description, which the schema allows and code scanning ignores.

``partialFingerprints["factlintHash/v1"]`` hashes the rule id, the stated text
and the text of the line, never line numbers, so a finding keeps its identity
when lines are added above it; identical lines in one file are told apart by a
``:n`` occurrence suffix, as GitHub does for its own line hash.
``primaryLocationLineHash`` is given too (the line's text alone, with the same
suffix), so code scanning need not read the checkout to compute it.

Each rule carries ``help.markdown`` (description, documentation, examples),
``helpUri`` when the configuration says where rule pages live (``rule_docs_url``),
and ``properties["problem.severity"]`` (error, warning, recommendation), which
GitHub uses for its severity filter. ``invocations[0].executionSuccessful``
is false when errors stopped part of the run, with each error as a
``toolExecutionNotification``: an upload of a failed run must not read as
"every alert fixed".
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from factlint._version import __version__
from factlint.findings import Finding, RuleMeta, Span
from factlint.report._fingerprint import fingerprint
from factlint.report._paths import artifact_uri, is_stdin, source_key
from factlint.report._source import line_text, source_of

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/factlint/"
FINGERPRINT_KEY = "factlintHash/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}


def render(
    findings: Sequence[Finding],
    *,
    rules: Sequence[RuleMeta],
    sources: Mapping[str, str],
    errors: Sequence[str] = (),
) -> str:
    log = build(findings, rules=rules, sources=sources, errors=errors)
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def build(
    findings: Sequence[Finding],
    *,
    rules: Sequence[RuleMeta],
    sources: Mapping[str, str],
    errors: Sequence[str] = (),
) -> dict:
    """The SARIF log as a dict, for callers that embed or post-process it."""
    descriptors = [_rule(meta) for meta in rules]
    index = {meta.id: i for i, meta in enumerate(rules)}
    for finding in findings:
        if finding.rule not in index:
            index[finding.rule] = len(descriptors)
            descriptors.append(_unknown_rule(finding))
    seen: dict[tuple[str, str], int] = {}
    results = [_result(f, index[f.rule], sources, seen) for f in findings]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factlint",
                        "informationUri": INFORMATION_URI,
                        "version": _tool_version(),
                        "rules": descriptors,
                    }
                },
                "invocations": [_invocation(errors)],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def _invocation(errors: Sequence[str]) -> dict:
    invocation: dict = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": e}} for e in errors
        ]
    return invocation


def _result(
    finding: Finding, rule_index: int, sources: Mapping[str, str], seen: dict[tuple[str, str], int]
) -> dict:
    text = source_of(finding, sources)
    line = line_text(text, finding.span.start)
    digest = fingerprint(finding.rule, finding.stated, line)
    line_hash = fingerprint("", None, line)[:16]
    key = (source_key(finding.path), digest)
    seen[key] = seen.get(key, 0) + 1
    line_key = (source_key(finding.path), "line:" + line_hash)
    seen[line_key] = seen.get(line_key, 0) + 1
    result: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [_location(finding.path, finding.span)],
        "partialFingerprints": {
            FINGERPRINT_KEY: f"{digest}:{seen[key]}",
            "primaryLocationLineHash": f"{line_hash}:{seen[line_key]}",
        },
    }
    if finding.related:
        result["relatedLocations"] = [
            {"id": i, **_location(finding.path, span)} for i, span in enumerate(finding.related)
        ]
    if finding.fix is not None:
        fix = finding.fix
        result["fixes"] = [
            {
                "description": {"text": "Replace with " + json.dumps(fix.replacement)},
                "artifactChanges": [
                    {
                        "artifactLocation": _artifact(finding.path),
                        "replacements": [
                            {
                                "deletedRegion": _region(fix.span),
                                "insertedContent": {"text": fix.replacement},
                            }
                        ],
                    }
                ],
            }
        ]
    extra = {k: v for k, v in (("stated", finding.stated), ("expected", finding.expected)) if v}
    if extra:
        result["properties"] = extra
    return result


def _location(path: str | None, span: Span) -> dict:
    return {"physicalLocation": {"artifactLocation": _artifact(path), "region": _region(span)}}


def _artifact(path: str | None) -> dict:
    if is_stdin(path):
        return {"description": {"text": "standard input"}}
    return {"uri": artifact_uri(str(path))}


def _region(span: Span) -> dict:
    if span.line < 1:
        # Positions were never filled in: offsets are still exact, so say those.
        return {"charOffset": span.start, "charLength": max(span.end - span.start, 0)}
    region = {"startLine": span.line, "startColumn": max(span.column, 1)}
    if span.end_line >= span.line:
        region["endLine"] = span.end_line
        region["endColumn"] = max(span.end_column, 1)
    return region


def _rule(meta: RuleMeta) -> dict:
    return {
        "id": meta.id,
        "name": _pascal(meta.id),
        "shortDescription": {"text": meta.description},
        "fullDescription": {"text": meta.help or meta.description},
        "help": {"text": _help_text(meta), "markdown": _help_markdown(meta)},
        **({"helpUri": meta.url} if meta.url else {}),
        "defaultConfiguration": {"level": LEVELS.get(meta.severity, "warning")},
        "properties": {
            "tags": [meta.pack],
            "problem.severity": PROBLEM_SEVERITY.get(meta.severity, "warning"),
        },
    }


def _unknown_rule(finding: Finding) -> dict:
    return {
        "id": finding.rule,
        "name": _pascal(finding.rule),
        "shortDescription": {"text": finding.rule},
        "defaultConfiguration": {"level": LEVELS.get(finding.severity, "warning")},
        "properties": {"problem.severity": PROBLEM_SEVERITY.get(finding.severity, "warning")},
    }


def _help_markdown(meta: RuleMeta) -> str:
    """The rule page code scanning shows beside an alert: what, why, examples."""
    parts = [f"**{meta.id}** (pack `{meta.pack}`): {meta.description}"]
    if meta.help and meta.help != meta.description:
        parts.append(meta.help)
    if meta.bad_examples:
        parts.append("Flagged:\n\n" + "\n".join(f"- `{e}`" for e in meta.bad_examples))
    if meta.good_examples:
        parts.append("Accepted:\n\n" + "\n".join(f"- `{e}`" for e in meta.good_examples))
    parts.append(f"Run `factlint explain {meta.id}` for the full description.")
    return "\n\n".join(parts)


def _help_text(meta: RuleMeta) -> str:
    parts = [meta.description]
    if meta.help and meta.help != meta.description:
        parts.append(meta.help)
    if meta.bad_examples:
        parts.append("Flagged:\n" + "\n".join(f"  {e}" for e in meta.bad_examples))
    if meta.good_examples:
        parts.append("Accepted:\n" + "\n".join(f"  {e}" for e in meta.good_examples))
    return "\n\n".join(parts)


def _pascal(rule_id: str) -> str:
    """SARIF wants ``name`` to read like an identifier: unit-conversion -> UnitConversion."""
    words = rule_id.replace("_", "-").replace(".", "-").replace("/", "-").split("-")
    return "".join(w[:1].upper() + w[1:] for w in words if w) or rule_id


def _tool_version() -> str:
    return __version__
