"""The assertion language of rules: a small, checked subset of Python expressions.

Rule packs come from article repositories anyone can send a pull request to,
so an assertion must never reach Python's own evaluator. We borrow Python's
parser (it gives good syntax errors and column numbers for free), then accept
only a whitelist of node kinds, names and attributes, and evaluate the tree
ourselves. ``a ~= b`` ("about equal") is not Python syntax; it is rewritten
to the matrix-multiplication operator, which has no other meaning here and
binds tighter than comparisons, the same way ``~=`` reads.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

MAX_EXPRESSION_LENGTH = 1000
MAX_DEPTH = 40

_BINARY_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.MatMult, ast.Mod)
_COMPARE_OPERATORS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_UNARY_OPERATORS = (ast.Not, ast.USub, ast.UAdd)

# Attributes a rule may read from a bound value; everything else is refused.
ALLOWED_ATTRIBUTES = frozenset(
    {
        "value",
        "low",
        "high",
        "count",
        "unit",
        "currency",
        "year",
        "month",
        "day",
        "weekday",
        "items",
        "noun",
        "place",
        "scale",
        "percent",
        "is_word",
        "qualifier",
        "text",
    }
)


class Undecidable(Exception):
    """Raised when a claim is recognised but cannot be decided: by a converter or
    function (no exchange rate for that currency and date, no year for a weekday),
    or here, by arithmetic without an answer (an overflow, an invalid decimal). The
    claim's verdict is then `unknown`, with this message as its reason, never a
    silent pass and never a crash."""


class ExpressionError(ValueError):
    """An assertion that cannot be accepted; `column` is 1-based within the expression."""

    def __init__(self, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.column = column


@dataclass(frozen=True, slots=True)
class Expression:
    source: str
    tree: ast.expression
    names: frozenset[str]
    calls: frozenset[str] = frozenset()  # the functions it calls by name


def parse_expression(source: str, *, names: Iterable[str], functions: Iterable[str]) -> Expression:
    """Parse and check an assertion; every problem is reported before any rule runs."""
    if len(source) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_EXPRESSION_LENGTH} characters")
    rewritten = source.replace("~=", " @")
    try:
        tree = ast.parse(rewritten.strip(), mode="eval")
    except SyntaxError as err:
        raise ExpressionError(f"syntax error: {err.msg}", err.offset or 0) from None
    known = set(names)
    callables = set(functions)
    used: set[str] = set()
    _check(tree.body, known, callables, used, depth=0)
    calls = frozenset(
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    )
    return Expression(source=source, tree=tree, names=frozenset(used), calls=calls)


def _check(node: ast.AST, names: set[str], functions: set[str], used: set[str], depth: int) -> None:
    column = getattr(node, "col_offset", -1) + 1
    if depth > MAX_DEPTH:
        raise ExpressionError("expression nested too deeply", column)
    match node:
        case ast.Constant(value=value):
            if not isinstance(value, int | float | str | bool) or value is None:
                raise ExpressionError(f"constant {value!r} is not allowed", column)
        case ast.Name(id=name):
            if name.startswith("_") or name not in names:
                raise ExpressionError(f"unknown name {name!r}", column)
            used.add(name)
        case ast.Attribute(value=inner, attr=attr):
            if attr not in ALLOWED_ATTRIBUTES:
                raise ExpressionError(f"attribute {attr!r} is not allowed", column)
            _check(inner, names, functions, used, depth + 1)
        case ast.Call(func=ast.Name(id=fname), args=args, keywords=[]):
            if fname not in functions:
                raise ExpressionError(f"unknown function {fname!r}", column)
            for arg in args:
                if isinstance(arg, ast.Starred):
                    raise ExpressionError("starred arguments are not allowed", column)
                _check(arg, names, functions, used, depth + 1)
        case ast.Call():
            raise ExpressionError("only named functions may be called, without keywords", column)
        case ast.BinOp(left=left, op=op, right=right) if isinstance(op, _BINARY_OPERATORS):
            _check(left, names, functions, used, depth + 1)
            _check(right, names, functions, used, depth + 1)
        case ast.UnaryOp(op=op, operand=operand) if isinstance(op, _UNARY_OPERATORS):
            _check(operand, names, functions, used, depth + 1)
        case ast.BoolOp(values=values):
            for value in values:
                _check(value, names, functions, used, depth + 1)
        case ast.Compare(left=left, ops=ops, comparators=comparators):
            if not all(isinstance(op, _COMPARE_OPERATORS) for op in ops):
                raise ExpressionError("only ==, !=, <, <=, >, >= comparisons are allowed", column)
            _check(left, names, functions, used, depth + 1)
            for comparator in comparators:
                _check(comparator, names, functions, used, depth + 1)
        case ast.IfExp(test=test, body=body, orelse=orelse):
            for part in (test, body, orelse):
                _check(part, names, functions, used, depth + 1)
        case _:
            kind = type(node).__name__
            raise ExpressionError(f"{kind} is not allowed in a rule expression", column)


class Semantics:
    """What operators and names mean; the engine supplies the interval-aware version."""

    def binary(self, op: str, left: Any, right: Any) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def compare(self, op: str, left: Any, right: Any) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def attribute(self, value: Any, name: str) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def truth(self, value: Any) -> bool:
        return bool(value)


_BINARY_SYMBOLS = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.MatMult: "~=",
    ast.Mod: "%",
}
_COMPARE_SYMBOLS = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
}


def evaluate(
    expression: Expression,
    bindings: Mapping[str, Any],
    functions: Mapping[str, Callable[..., Any]],
    semantics: Semantics,
) -> Any:
    """Walk the checked tree; only node kinds accepted by parse_expression can appear.

    Arithmetic that has no answer (`a * 1e308 * 10` reaching Decimal as
    infinity, a division by zero, an overflow) raises Undecidable: a rule
    pack's sums are untrusted, and one bad one must not stop a run.
    """
    try:
        return _eval(expression.tree.body, bindings, functions, semantics)
    except ArithmeticError as err:  # decimal.InvalidOperation, ZeroDivisionError, OverflowError
        raise Undecidable(f"the arithmetic has no answer ({type(err).__name__})") from None


def _call(name: str, function: Callable[..., Any], args: list[Any]) -> Any:
    """A named function given values it cannot read (a list where a figure belongs, an
    empty role) cannot decide the claim: that is said through Undecidable, the one path by
    which an assertion reports that it has no answer."""
    try:
        return function(*args)
    except (TypeError, ValueError, AttributeError) as err:
        raise Undecidable(f"{name}() cannot read its arguments ({err})") from None


def _eval(
    node: ast.AST,
    env: Mapping[str, Any],
    functions: Mapping[str, Callable[..., Any]],
    sem: Semantics,
) -> Any:
    match node:
        case ast.Constant(value=value):
            return value
        case ast.Name(id=name):
            return env.get(name)
        case ast.Attribute(value=inner, attr=attr):
            return sem.attribute(_eval(inner, env, functions, sem), attr)
        case ast.Call(func=ast.Name(id=fname), args=args):
            return _call(fname, functions[fname], [_eval(arg, env, functions, sem) for arg in args])
        case ast.BinOp(left=left, op=op, right=right):
            return sem.binary(
                _BINARY_SYMBOLS[type(op)],
                _eval(left, env, functions, sem),
                _eval(right, env, functions, sem),
            )
        case ast.UnaryOp(op=op, operand=operand):
            value = _eval(operand, env, functions, sem)
            if isinstance(op, ast.Not):
                return not sem.truth(value)
            return sem.binary("*", -1 if isinstance(op, ast.USub) else 1, value)
        case ast.BoolOp(op=op, values=values):
            if isinstance(op, ast.And):
                result: Any = True
                for value_node in values:
                    result = _eval(value_node, env, functions, sem)
                    if not sem.truth(result):
                        return result
                return result
            result = False
            for value_node in values:
                result = _eval(value_node, env, functions, sem)
                if sem.truth(result):
                    return result
            return result
        case ast.Compare(left=left, ops=ops, comparators=comparators):
            current = _eval(left, env, functions, sem)
            for op, comparator in zip(ops, comparators, strict=True):
                right = _eval(comparator, env, functions, sem)
                if not sem.compare(_COMPARE_SYMBOLS[type(op)], current, right):
                    return False
                current = right
            return True
        case ast.IfExp(test=test, body=body, orelse=orelse):
            chosen = body if sem.truth(_eval(test, env, functions, sem)) else orelse
            return _eval(chosen, env, functions, sem)
    raise AssertionError(f"unchecked node {type(node).__name__}")  # pragma: no cover
