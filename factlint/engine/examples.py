"""Running a rule's own examples: how every rule, built-in or user's, is tested."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from factlint.engine.rule import Expectation, Rule


@dataclass(frozen=True, slots=True)
class ExampleResult:
    rule: str
    kind: str  # "bad" or "good"
    text: str
    passed: bool
    detail: str


def check_examples(
    rules: Sequence[Rule], lint_text: Callable[[str, Sequence[Rule]], list]
) -> Iterator[ExampleResult]:
    """A bad example must draw a finding from its rule; a good one must draw none.

    `lint_text(text, rules)` runs the whole pipeline, so examples test the
    rule as users meet it, not the rule in isolation. A bad example that states
    what it expects (`at`, a `message` fragment, a `fix`) passes only when one
    finding of the rule has all of it.
    """
    for rule in rules:
        expectations = rule.expectations or tuple(Expectation() for _ in rule.bad_examples)
        for text, expected in zip(rule.bad_examples, expectations, strict=True):
            own = [f for f in lint_text(text, rules) if f.rule == rule.id]
            yield _judged_bad(rule.id, text, own, expected)
        for text in rule.good_examples:
            own = [f for f in lint_text(text, rules) if f.rule == rule.id]
            detail = "" if not own else f"unexpected finding: {own[0].message}"
            yield ExampleResult(rule.id, "good", text, not own, detail)


def _judged_bad(rule_id: str, text: str, own: list, expected: Expectation) -> ExampleResult:
    if not own:
        return ExampleResult(rule_id, "bad", text, False, "no finding")
    misses = []
    for finding in own:
        misses = _misses(text, finding, expected)
        if not misses:
            return ExampleResult(rule_id, "bad", text, True, finding.message)
    return ExampleResult(rule_id, "bad", text, False, "; ".join(misses))


def _misses(text: str, finding: Any, expected: Expectation) -> list[str]:
    """What of the stated expectation one finding does not meet."""
    misses = []
    at = text[finding.span.start : finding.span.end]
    if expected.at and at != expected.at:
        misses.append(f"points at {at!r}, expected {expected.at!r}")
    if expected.message and expected.message not in finding.message:
        misses.append(f"message {finding.message!r} lacks {expected.message!r}")
    fix = getattr(finding.fix, "replacement", finding.fix)
    if expected.fix is not None and fix != expected.fix:
        misses.append(f"fix {fix!r}, expected {expected.fix!r}")
    return misses
