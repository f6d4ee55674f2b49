"""Named functions the assertion language offers; the only callables a rule can reach."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FUNCTIONS: dict[str, Callable[..., Any]] = {}


def expression_function(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        FUNCTIONS[name] = function
        return function

    return register


def _number(value: Any) -> float:
    figure = getattr(value, "value", value)
    figure = getattr(figure, "value", figure)
    return float(figure)


@expression_function("abs")
def _abs(value: Any) -> float:
    return abs(_number(value))


@expression_function("min")
def _min(*values: Any) -> float:
    return min(_number(v) for v in values)


@expression_function("max")
def _max(*values: Any) -> float:
    return max(_number(v) for v in values)


@expression_function("count")
def _count(value: Any) -> int:
    items = getattr(getattr(value, "value", value), "items", None)
    return len(items) if items is not None else 0
