"""Claims whose earlier figure is stated before them: a percentage change on an earlier
clause's level, and a deal's total on the price stated earlier in the article.

Both are checked only when the earlier figure is unambiguous; near misses stay silent.
"""

import pytest

from factlint import lint


def _rule(text, rule):
    return [f for f in lint(text) if f.rule == rule]


CHANGE = "percent-change-on-earlier"

CHANGE_CORRECT = [
    "The insurer reported a 12% rise in operating profits to $2.5bn, and said operating "
    "profits would rise 8% to $2.7bn this year.",
    "Exports slipped to 40,000 cars in 2003, and the maker expects exports to fall 10% "
    "to 36,000 this year.",
    "Revenue reached €600m last year; the group forecast that revenue will grow 5% to €630m.",
]
CHANGE_WRONG = [
    (
        "The insurer reported a 12% rise in operating profits to $2.5bn, and said operating "
        "profits would rise 20% to $2.7bn this year.",
        "20%",
        "8%",
    ),
    (
        "Exports slipped to 40,000 cars in 2003, and the maker expects exports to fall 25% "
        "to 36,000 this year.",
        "25%",
        "10%",
    ),
]
CHANGE_SILENT = [
    # another noun: the change is not on the earlier figure
    "Profits rose to $2.5bn, and the firm said sales would rise 20% to $2.7bn.",
    # another figure between the two: which one is the base?
    "Profits rose to $2.5bn and costs to $1bn, and profits would rise 20% to $2.7bn.",
    # another sentence
    "Profits rose to $2.5bn. The firm said profits would rise 20% to $2.7bn.",
    # another currency
    "Profits rose to $2.5bn, and the firm said profits would rise 20% to £2.7bn.",
]


@pytest.mark.parametrize("text", CHANGE_CORRECT)
def test_a_change_on_the_earlier_clauses_level_that_holds(text):
    assert _rule(text, CHANGE) == []


@pytest.mark.parametrize(("text", "stated", "expected"), CHANGE_WRONG)
def test_a_change_on_the_earlier_clauses_level_that_does_not(text, stated, expected):
    (finding,) = _rule(text, CHANGE)
    assert finding.column == text.index(stated) + 1
    assert f"a change of {expected}, not {stated}" in finding.message


@pytest.mark.parametrize("text", CHANGE_SILENT)
def test_an_earlier_figure_that_is_not_unambiguous_is_left_alone(text):
    assert _rule(text, CHANGE) == []


DEAL = "deal-total"
BUY = "The grocer agreed to buy its smaller rival for £1.2bn."


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (f"{BUY} It will also take on £300m of debt, taking the deal's total value to £1.5bn.", ""),
        (
            f"{BUY} It will take on £300m of debt, taking the deal's total value to £1.9bn.",
            "£1.9bn",
        ),
        (f"{BUY} It assumes £300m of debt, bringing the total cost of the takeover to £1.5bn.", ""),
        (
            f"{BUY} It assumes £300m of debt, bringing the total cost of the takeover to £2bn.",
            "£2bn",
        ),
        (
            "A £1.2bn takeover was agreed. The buyer assumes £300m of debt, bringing the "
            "deal's total value to £2bn.",
            "£2bn",
        ),
    ],
)
def test_a_deals_total_is_its_earlier_price_plus_what_is_added(text, wrong):
    found = _rule(text, DEAL)
    if not wrong:
        assert found == []
        return
    (finding,) = found
    assert finding.column == text.index(wrong) + 1
    assert "makes £1.5bn" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        # no earlier price
        "It will take on £300m of debt, taking the deal's total value to £1.9bn.",
        # two different earlier prices: which one?
        "The grocer agreed to buy a rival for £1.2bn and a chain for £400m. It will take on "
        "£300m of debt, taking the deal's total value to £1.9bn.",
        # another currency for the addition
        f"{BUY} It will take on $300m of debt, taking the deal's total value to £1.9bn.",
    ],
)
def test_a_deal_total_without_one_earlier_price_is_left_alone(text):
    assert _rule(text, DEAL) == []


def test_the_same_price_repeated_is_still_one_price():
    text = (
        "Grocer buys rival for £1.2bn\n\nThe grocer agreed to buy its smaller rival for £1.2bn. "
        "It will take on £300m of debt, taking the deal's total value to £1.9bn."
    )
    assert len(_rule(text, DEAL)) == 1
