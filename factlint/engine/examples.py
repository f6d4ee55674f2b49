"""Running a rule's own examples: how every rule, built-in or user's, is tested."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from factlint.engine.rule import Rule


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
    rule as users meet it, not the rule in isolation.
    """
    for rule in rules:
        for kind, texts in (("bad", rule.bad_examples), ("good", rule.good_examples)):
            for text in texts:
                own = [f for f in lint_text(text, rules) if f.rule == rule.id]
                if kind == "bad":
                    passed = bool(own)
                    detail = "no finding" if not passed else own[0].message
                else:
                    passed = not own
                    detail = "" if passed else f"unexpected finding: {own[0].message}"
                yield ExampleResult(rule.id, kind, text, passed, detail)
