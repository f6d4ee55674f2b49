"""A figure used twice in a sum counts once (engine/dependence.py).

Loose interval arithmetic lets `(old - new) / old` take two values of `old`
at once, which widens a percentage enough to hide a 30 % fall written as 20 %.
"""

import pytest

from factlint import api
from factlint.engine.dependence import combine, leaf, reachable
from factlint.quantities.tolerance import Interval


def _errors(text):
    return [f for f in api.lint(text, path="story.txt") if f.severity == "error"]


def test_a_figure_used_twice_is_one_variable():
    old, new = object(), object()
    old_i, new_i = Interval(95, 105), Interval(66.5, 73.5)
    difference = combine(lambda p, q: p - q, leaf(old, old_i), leaf(new, new_i))
    share = combine(lambda p, q: p / q, difference, leaf(old, old_i))
    loose = Interval((95 - 73.5) / 105, (105 - 66.5) / 95)
    tight = reachable(share, loose)
    assert tight.low == pytest.approx((95 - 73.5) / 95)
    assert tight.high == pytest.approx((105 - 66.5) / 105)
    assert loose.low < tight.low < tight.high < loose.high


def test_independent_figures_keep_the_full_interval():
    a, b = object(), object()
    total = combine(lambda p, q: p + q, leaf(a, Interval(1, 2)), leaf(b, Interval(10, 20)))
    assert not total.repeated
    assert reachable(total, Interval(11, 22)) == Interval(11, 22)


def test_a_reading_without_an_answer_keeps_the_loose_interval():
    # b / (b - a) with b used twice: the reading b = a divides by zero
    a, b = object(), object()
    gap = combine(lambda p, q: p - q, leaf(b, Interval(1, 3)), leaf(a, Interval(1, 2)))
    ratio = combine(lambda p, q: p / q, leaf(b, Interval(1, 3)), gap)
    assert ratio.repeated
    assert reachable(ratio, Interval(-9, 9)) == Interval(-9, 9)


@pytest.mark.parametrize(
    ("sentence", "fix"),
    [
        ("Sales fell 20% to $70m from $100m.", "30%"),
        ("The club's membership fell 20% to 700 from 1,000 last year.", "30%"),
        ("Output rose 30% to 130,000 tonnes from 100,000 tonnes.", None),
        ("Shares fell 30% to 70p from 100p.", None),
    ],
)
def test_a_percentage_against_round_figures(sentence, fix):
    found = _errors(sentence)
    if fix is None:
        assert found == []
    else:
        assert len(found) == 1
        assert found[0].fix is not None and found[0].fix.replacement == fix
