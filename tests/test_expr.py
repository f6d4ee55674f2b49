"""The assertion language accepts arithmetic and comparisons, and nothing that reaches Python."""

import pytest

from factlint.engine.expr import ExpressionError, parse_expression
from factlint.engine.registry import FUNCTIONS

NAMES = ["a", "b", "total", "added", "before"]


@pytest.mark.parametrize(
    "source",
    [
        "a ~= b",
        "before + added == total",
        "a.value > 2 * b.value and not a == b",
        "abs(a - b) <= 3",
        "a ~= b or max(a, b) > 10",
        "total - before if before else total",
        "count(a) == 6",
    ],
)
def test_accepted(source):
    expression = parse_expression(source, names=NAMES, functions=FUNCTIONS)
    assert expression.names <= set(NAMES)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("totl == 3", "unknown name 'totl'"),
        ("__import__('os')", "unknown function '__import__'"),
        ("a.__class__", "attribute '__class__' is not allowed"),
        ("a.__class__.__mro__", "attribute '__mro__' is not allowed"),
        ("(lambda: 1)()", "only named functions"),
        ("lambda: 1", "Lambda is not allowed"),
        ("[x for x in a]", "ListComp is not allowed"),
        ("{1: 2}", "Dict is not allowed"),
        ("a[0]", "Subscript is not allowed"),
        ("open('x')", "unknown function 'open'"),
        ("abs(a, key=b)", "only named functions"),
        ("a ** b", "BinOp is not allowed"),
        ("a = 1", "syntax error"),
        ("_secret", "unknown name '_secret'"),
        ("(a := 3)", "NamedExpr is not allowed"),
        ("f'{a}'", "JoinedStr is not allowed"),
        ("a " + "+ a " * 600, "longer than"),
        ("(" * 45 + "a" + ")" * 45 + " + " + "-" * 50 + "a", "nested too deeply"),
    ],
)
def test_rejected(source, message):
    with pytest.raises(ExpressionError) as caught:
        parse_expression(source, names=NAMES, functions=FUNCTIONS)
    assert message in str(caught.value)
