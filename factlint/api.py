"""lint(): the one pipeline every front end calls (CLI, service, LSP, pre-commit).

Source -> Document -> rules over the prose -> findings with positions. Line
and column are computed here, once, from offsets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, overload

from factlint.article_date import ArticleDate, front_matter_problem, resolve_article_date
from factlint.engine.budget import DEFAULT_DOCUMENT_LIMIT
from factlint.engine.claims import RawClaim
from factlint.engine.loader import load_rules
from factlint.engine.registry import CONVERTERS
from factlint.engine.rule import Rule
from factlint.engine.runner import DocumentView, RawFinding, run_rules
from factlint.engine.semantics import EvalContext
from factlint.findings import (
    FRONT_MATTER_ID,
    INCONSISTENT,
    NOTICE_ID,
    RULE_ERROR_ID,
    Claim,
    ClaimFigure,
    Finding,
    Fix,
    Span,
)
from factlint.quantities.tolerance import Tolerance
from factlint.text.document import Document, parse_document
from factlint.text.source import Source, source_from_text
from factlint.text.suppressions import apply_suppressions

# Findings that come from factlint itself rather than from a rule file.
ENGINE_FINDINGS = {
    RULE_ERROR_ID: (
        "error",
        "A rule could not run on this document: its pattern ran past the time limit "
        "(1 s by default). The other rules still ran; fix or remove the rule.",
    ),
    NOTICE_ID: (
        "info",
        "A check could not use its data for this document, said once per file: for example "
        "no exchange rate for a currency on the article's date, so that money was not checked.",
    ),
    FRONT_MATTER_ID: (
        "warning",
        "The front matter could not be read (broken YAML or TOML), or its `date:` / "
        "`publishDate:` is not a date, such as 2013-02-30. Its settings were not used, so money "
        "may be checked at another day's rates; fix the front matter.",
    ),
}


@lru_cache(maxsize=1)
def builtin_rules() -> tuple[Rule, ...]:
    return tuple(load_rules())


@dataclass(slots=True)
class Options:
    """Everything that changes a run; the CLI, config and service fill it in."""

    date: dt.date | str | ArticleDate | None = None  # wins over front matter and dateline
    rules: Sequence[Rule] | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    tolerance: Tolerance = field(default_factory=Tolerance)
    format: str | None = None
    pattern_timeout: float = 1.0  # CPU seconds per rule and document
    document_timeout: float = DEFAULT_DOCUMENT_LIMIT  # CPU seconds for all rules of one document
    max_findings: int | None = None  # stop checking a document after this many
    # --- config hooks (factlint/config.py fills these) ---
    default_date: dt.date | str | None = None  # config `date:`; below front matter and dateline
    currency: str | None = None  # config `currency:`; the money rules' default currency
    severity: Mapping[str, str] = field(default_factory=dict)  # rule id -> severity
    report_unused_disables: bool = False  # report suppressions that silenced nothing
    # --- end config hooks ---
    checked: bool = False  # also list every claim evaluated, with its verdict (Result.checked)


@dataclass(slots=True)
class Result:
    document: Document
    findings: list[Finding]
    # With Options.checked: every claim a rule evaluated, consistent, inconsistent or
    # unknown, in document order.
    checked: list[Claim] = field(default_factory=list)
    truncated: bool = False  # checking stopped at Options.max_findings
    rule_seconds: dict[str, float] = field(default_factory=dict)  # CPU time of each rule


def selected(rules: Sequence[Rule], select: Sequence[str], ignore: Sequence[str]) -> list[Rule]:
    """--select/--ignore take rule ids or id prefixes ("unit" selects every unit-* rule)."""

    def named(rule: Rule, names: Sequence[str]) -> bool:
        return any(
            rule.id == n or rule.id.startswith(n.rstrip("-") + "-") or rule.pack == n for n in names
        )

    if not select and not ignore:
        return list(rules)
    chosen = [r for r in rules if not select or named(r, select)]
    return [r for r in chosen if not named(r, ignore)]


def _document_date(document: Document, options: Options, view: DocumentView) -> ArticleDate | None:
    return resolve_article_date(
        options.date,
        document.metadata,
        document.prose,
        document.source.text,
        options.default_date,
        view.dates,
        document.source.path,
    )


def _line_offset(text: str, message: str) -> int:
    """Where the line a front-matter error names ("line 3") starts; 0 when it names none."""
    import re

    named = re.search(r"\bline (\d+)", message)
    offset = 0
    for _ in range(int(named[1]) - 1 if named else 0):
        found = text.find("\n", offset)
        if found < 0:
            break
        offset = found + 1
    return offset


def _front_matter_findings(document: Document) -> list[Finding]:
    """Front matter that was dropped, or a date in it that is none, said where it is."""
    problem = front_matter_problem(document.metadata)
    if document.metadata_error:
        message = f"{document.metadata_error}; the front matter was not used"
        offset = _line_offset(document.source.text, document.metadata_error)
    elif problem is not None:
        key, message = problem
        text = document.source.text
        found = text.find(f"\n{key}:")  # the key's own line in the front matter block
        offset = found + 1 if found >= 0 else 0
    else:
        return []
    return [
        Finding(
            rule=FRONT_MATTER_ID,
            severity="warning",
            message=message,
            span=_span(document, offset, offset),
            path=document.source.path,
        )
    ]


def _run_notes(document: Document, notices: Mapping[str, int], failures: Sequence) -> list[Finding]:
    """What the run itself has to say: notices (info, at their offset), and each rule that
    could not run (a rule-error at the top of the document)."""
    path = document.source.path
    notes = [
        Finding(NOTICE_ID, "info", message, _span(document, offset, offset), path=path)
        for message, offset in notices.items()
    ]
    notes.extend(
        Finding(RULE_ERROR_ID, "error", str(failure), _span(document, 0, 0), path=path)
        for failure in failures
    )
    return notes


def check_source(source: Source, options: Options | None = None) -> Result:
    options = options or Options()
    document = parse_document(source, options.format)
    rules = selected(
        options.rules if options.rules is not None else builtin_rules(),
        options.select,
        options.ignore,
    )
    view = DocumentView.of(document.prose)
    context = EvalContext(
        tolerance=options.tolerance,
        date=_document_date(document, options, view),
        dollar=options.currency or "USD",
        converters=CONVERTERS,
    )
    raw_claims: list[RawClaim] | None = [] if options.checked else None
    timings: dict[str, float] = {}
    raw, failures = run_rules(
        rules,
        document.prose,
        context,
        timeout=options.pattern_timeout,
        document_timeout=options.document_timeout,
        view=view,
        claims=raw_claims,
        max_findings=options.max_findings,
        timings=timings,
    )
    findings = [_position(document, source.path, item) for item in _deduplicated(raw)]
    findings.extend(_front_matter_findings(document))
    findings.extend(_run_notes(document, context.notices, failures))
    # --- config hooks: severity overrides, then inline suppressions ---
    findings = _with_severity(findings, options.severity)
    findings = apply_suppressions(document, findings, report_unused=options.report_unused_disables)
    # --- end config hooks ---
    findings.sort(key=lambda f: (f.span.start, f.span.end, f.rule))
    checked = _claims(document, source.path, raw_claims, findings) if raw_claims else []
    truncated = options.max_findings is not None and len(raw) >= options.max_findings
    return Result(
        document=document,
        findings=findings,
        checked=checked,
        truncated=truncated,
        rule_seconds=timings,
    )


def _silenced(item: RawClaim, shown: set[tuple[str, int, int]]) -> bool:
    """An inconsistent claim whose finding a suppression comment or the config removed."""
    if item.verdict != INCONSISTENT or item.at is None:
        return False
    return (item.rule, item.at[0], item.at[1]) not in shown


def _claims(
    document: Document, path: str | None, raw: list[RawClaim], findings: list[Finding]
) -> list[Claim]:
    """Claims with positions, one per rule and span, marked where a finding was silenced."""
    shown = {(f.rule, f.span.start, f.span.end) for f in findings}
    seen: set[tuple[str, int, int]] = set()
    claims = []
    for item in sorted(raw, key=lambda c: (c.start, c.end, c.rule)):
        key = (item.rule, item.start, item.end)
        if key in seen:
            continue
        seen.add(key)
        claims.append(
            Claim(
                rule=item.rule,
                verdict=item.verdict,
                span=_span(document, item.start, item.end),
                text=document.source.text[item.start : item.end],
                path=path,
                computed=item.computed,
                reason=item.reason,
                message=item.message,
                figures=tuple(
                    ClaimFigure(name, text, _span(document, start, end))
                    for name, text, start, end in item.figures
                ),
                suppressed=_silenced(item, shown),
            )
        )
    return claims


def _with_severity(findings: list[Finding], overrides: Mapping[str, str]) -> list[Finding]:
    """Config `severity:` wins over the rule's own (and its near-miss downgrade)."""
    if not overrides:
        return findings
    return [
        dataclasses.replace(f, severity=overrides[f.rule]) if f.rule in overrides else f
        for f in findings
    ]


def _deduplicated(raw: list[RawFinding]) -> list[RawFinding]:
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for item in raw:
        key = (item.rule, item.start, item.end)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _span(document: Document, start: int, end: int) -> Span:
    line, column = document.position(start)
    end_line, end_column = document.position(end)
    return Span(start, end, line, column, end_line, end_column)


def _position(document: Document, path: str | None, item: RawFinding) -> Finding:
    fix = None
    if item.fix is not None:
        fix = Fix(_span(document, item.fix_start, item.fix_end), item.fix, item.safe_fix)
    return Finding(
        rule=item.rule,
        severity=item.severity,
        message=item.message,
        span=_span(document, item.start, item.end),
        path=path,
        fix=fix,
        stated=item.stated,
        expected=item.expected,
        related=tuple(_span(document, start, end) for start, end in item.related),
    )


def check_text(text: str, options: Options | None = None, *, path: str | None = None) -> Result:
    """check_source() for text already in memory, with offsets into that very string.

    source_from_text() drops a leading BOM, as editors hide it; a caller that
    hands us a string still counts it, so spans are moved back by one.
    """
    source = source_from_text(text, path)
    result = check_source(source, options)
    if source.bom:
        result.findings = [_after_bom(finding) for finding in result.findings]
        result.checked = [_claim_after_bom(claim) for claim in result.checked]
    return result


def _after_bom_span(span: Span) -> Span:
    first_line = 1 if span.line == 1 else 0
    last_line = 1 if span.end_line == 1 else 0
    return dataclasses.replace(
        span,
        start=span.start + 1,
        end=span.end + 1,
        column=span.column + first_line,
        end_column=span.end_column + last_line,
    )


def _after_bom(finding: Finding) -> Finding:
    fix = finding.fix
    if fix is not None:
        fix = dataclasses.replace(fix, span=_after_bom_span(fix.span))
    return dataclasses.replace(
        finding,
        span=_after_bom_span(finding.span),
        fix=fix,
        related=tuple(_after_bom_span(span) for span in finding.related),
    )


def _claim_after_bom(claim: Claim) -> Claim:
    return dataclasses.replace(
        claim,
        span=_after_bom_span(claim.span),
        figures=tuple(
            dataclasses.replace(figure, span=_after_bom_span(figure.span))
            for figure in claim.figures
        ),
    )


@overload
def lint(
    text: str,
    *,
    path: str | None = ...,
    date: dt.date | str | None = ...,
    rules: Sequence[Rule] | None = ...,
    select: Sequence[str] = ...,
    ignore: Sequence[str] = ...,
    format: str | None = ...,
    checked: Literal[False] = ...,
) -> list[Finding]: ...


@overload
def lint(
    text: str,
    *,
    path: str | None = ...,
    date: dt.date | str | None = ...,
    rules: Sequence[Rule] | None = ...,
    select: Sequence[str] = ...,
    ignore: Sequence[str] = ...,
    format: str | None = ...,
    checked: Literal[True],
) -> Result: ...


def lint(
    text: str,
    *,
    path: str | None = None,
    date: dt.date | str | None = None,
    rules: Sequence[Rule] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    format: str | None = None,
    checked: bool = False,
) -> list[Finding] | Result:
    """Check one article's text; the stable Python API.

    Returns the findings; with `checked=True` the whole Result instead, whose
    `checked` lists every claim evaluated (consistent, inconsistent, unknown).
    """
    options = Options(
        date=date, rules=rules, select=select, ignore=ignore, format=format, checked=checked
    )
    result = check_text(text, options, path=path)
    return result if checked else result.findings
