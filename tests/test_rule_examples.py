"""Every built-in rule's own examples: bad ones are flagged by that rule, good ones are not."""

import pytest

from factlint.api import Options, builtin_rules, check_source
from factlint.engine.examples import check_examples
from factlint.text.source import source_from_text


def _lint(text, rules):
    return check_source(source_from_text(text), Options(rules=list(rules))).findings


RULES = builtin_rules()
CASES = [
    pytest.param(rule, kind, text, id=f"{rule.id}-{kind}-{index}")
    for rule in RULES
    for kind, texts in (("bad", rule.bad_examples), ("good", rule.good_examples))
    for index, text in enumerate(texts)
]


def test_every_rule_has_examples():
    assert RULES
    for rule in RULES:
        assert rule.bad_examples and rule.good_examples, rule.id


@pytest.mark.parametrize(("rule", "kind", "text"), CASES)
def test_rule_example(rule, kind, text):
    (result,) = [
        r
        for r in check_examples([rule], lambda t, _own: _lint(t, RULES))
        if r.text == text and r.kind == kind
    ][:1]
    assert result.passed, result.detail
