"""The `{x:amount}` slot: a figure with or without a currency mark, with its scale."""

import pytest

from factlint import lint
from factlint.engine.loader import load_rule_text
from factlint.quantities.money import Money, parse_amount

RULE = """
pack: amounts
rules:
  - id: amount-seen
    description: Reports every amount, so a test can see what the slot binds.
    severity: warning
    match: "paid {x:amount}"
    assert: x < 0
    message: "{x}"
    examples:
      bad: ["They paid $5m."]
      good: ["They paid attention."]
"""


def bound(sentence: str) -> list[str]:
    rules = load_rule_text(RULE)
    return [f.message for f in lint(sentence, rules=rules)]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("$11.1bn", 11.1e9, "USD"),
        ("11.1bn dollars", 11.1e9, "USD"),
        ("£190,329", 190_329, "GBP"),
        ("2.39bn rupees", 2.39e9, "INR"),
        ("6,630", 6630, None),
        ("2 million", 2e6, None),
    ],
)
def test_amount_reads_value_scale_and_currency(text, value, currency):
    amount = parse_amount(text)
    assert amount is not None
    number = amount.number if isinstance(amount, Money) else amount
    assert number.value == pytest.approx(value)
    assert (amount.currency if isinstance(amount, Money) else None) == currency


def test_a_percentage_is_not_an_amount():
    assert parse_amount("12%") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The club paid $11.1bn for it.", "$11.1bn"),
        ("The club paid 11.1bn dollars for it.", "11.1bn dollars"),
        ("The club paid £190,329 for it.", "£190,329"),
        ("The club paid 6,630 for it.", "6,630"),
        ("The club paid 2.39bn rupees for it.", "2.39bn rupees"),
    ],
)
def test_amount_slot_binds_the_whole_amount(sentence, expected):
    assert bound(sentence) == [expected]


def test_amount_slot_skips_a_percentage():
    assert bound("The club paid 12% more.") == []
