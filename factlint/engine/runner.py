"""The run loop: every rule over a document's prose, matches to findings.

Rules see `Document.prose` (same offsets as the source, markup blanked), so a
match's span is already the source span. A pattern that runs past its time
limit is reported as that rule's own error and the other rules still run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from ..findings import SEVERITIES
from ..tolerance import severity_for_gap
from .expr import evaluate
from .functions import FUNCTIONS
from .rule import Rule
from .semantics import EvalContext, Miss, RuleSemantics
from .slots import Bound, bind
from .templates import fill_template

DEFAULT_PATTERN_TIMEOUT = 1.0  # seconds per rule and document


@dataclass(frozen=True, slots=True)
class RawFinding:
    """A finding before positions are computed: offsets only."""

    rule: str
    severity: str
    message: str
    start: int
    end: int
    fix: str | None = None
    fix_start: int = 0
    fix_end: int = 0
    safe_fix: bool = True
    stated: str | None = None
    expected: str | None = None


class RuleTimeout(Exception):
    def __init__(self, rule: Rule, seconds: float) -> None:
        super().__init__(
            f"rule {rule.id} ({rule.path}:{rule.line}): pattern took longer than "
            f"{seconds:g}s and was stopped"
        )
        self.rule = rule


def _bindings(rule: Rule, found: regex.Match, slots: Iterable[tuple[str, str]]) -> dict | None:
    bindings: dict[str, Bound] = {}
    for name, kind in slots:
        start, end = found.span(name)
        if start < 0:
            continue
        qualifier = found.group(f"{name}__q") if f"{name}__q" in found.re.groupindex else None
        bound = bind(kind, found.group(name), start, end, qualifier)
        if bound is None:
            return None
        bindings[name] = bound
    return bindings


def run_rule(
    rule: Rule, prose: str, context: EvalContext, *, timeout: float = DEFAULT_PATTERN_TIMEOUT
) -> Iterator[RawFinding]:
    for pattern in rule.patterns:
        try:
            matches = list(pattern.regex.finditer(prose, timeout=timeout))
        except TimeoutError:
            raise RuleTimeout(rule, timeout) from None
        for found in matches:
            bindings = _bindings(rule, found, pattern.slots)
            if bindings is None:
                continue
            finding = check_match(rule, bindings, pattern.slots, context)
            if finding is not None:
                yield finding


def check_match(
    rule: Rule, bindings: dict[str, Bound], slots: tuple[tuple[str, str], ...], context: EvalContext
) -> RawFinding | None:
    env: dict[str, object] = dict(bindings)
    env["date"] = context.date
    semantics = RuleSemantics(context)
    try:
        if rule.where is not None and not semantics.truth(
            evaluate(rule.where, env, FUNCTIONS, semantics)
        ):
            return None
        semantics.miss = None
        if semantics.truth(evaluate(rule.assertion, env, FUNCTIONS, semantics)):
            return None
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None  # the match bound something the assertion cannot reason about: stay silent
    miss: Miss | None = semantics.miss
    at_name = rule.at or (miss.stated and _slot_name(bindings, miss.stated)) or slots[-1][0]
    at = bindings.get(at_name) or next(iter(bindings.values()))
    gap = miss.gap if miss else 1.0
    severity = severity_for_gap(gap, context.tolerance, worst=rule.severity)
    values: dict[str, object] = {name: bound.text for name, bound in bindings.items()}
    values.update(
        expected=miss.expected_text if miss else "",
        stated=at.text,
        date=context.date.isoformat() if context.date else "",
        date_source=context.date_source,
        note=miss.note if miss else "",
    )
    message = fill_template(rule.message, values)
    fix = fill_template(rule.fix, values) if rule.fix and miss else None
    return RawFinding(
        rule=rule.id,
        severity=severity if severity in SEVERITIES else rule.severity,
        message=message,
        start=at.start,
        end=at.end,
        fix=fix,
        fix_start=at.start,
        fix_end=at.end,
        safe_fix=rule.safe_fix,
        stated=at.text,
        expected=miss.expected_text if miss else None,
    )


def _slot_name(bindings: dict[str, Bound], bound: Bound) -> str | None:
    return next((name for name, value in bindings.items() if value is bound), None)


def run_rules(
    rules: Iterable[Rule],
    prose: str,
    context: EvalContext,
    *,
    timeout: float = DEFAULT_PATTERN_TIMEOUT,
) -> tuple[list[RawFinding], list[RuleTimeout]]:
    findings: list[RawFinding] = []
    failures: list[RuleTimeout] = []
    for rule in rules:
        try:
            findings.extend(run_rule(rule, prose, context, timeout=timeout))
        except RuleTimeout as failure:
            failures.append(failure)
    return findings, failures
