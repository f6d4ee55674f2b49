"""The figure a change is measured against, in the ways copy names it.

"up 40% on last year's £200m", "£250m, up 25% from £200m", "20% higher than
the $100m of 2003", "a 25% increase on the previous year's £200m", "up 20% at
$150m, from $100m", "doubled from X to Y": each family, right and wrong.
"""

import pytest

from factlint import api


def _errors_and_warnings(text):
    return [f for f in api.lint(text, path="story.txt") if f.severity in ("error", "warning")]


RIGHT = [
    "Pre-tax profit was £250m, up 25% on last year's £200m.",
    "Operating profit came to $84m, up 20% on the previous year's $70m.",
    "Pre-tax profit was £250m, up 25% from £200m.",
    "Ticket sales reached 6,600, down 12% from 7,500.",
    "Sales of $150m were 50% higher than the $100m of 2003.",
    "The firm made a profit of £250m, a 25% increase on the previous year's £200m.",
    "Passengers numbered 1.8 million, a 10% fall on the year-earlier 2 million.",
    "Pre-tax profit of £250m was 25% up on the £200m made in 2003.",
    "Sales were up 50% at $150m, from $100m.",
    "Oil output doubled from 2 million barrels a day to 4 million barrels.",
    "The number of visitors halved, from 800,000 to 400,000.",
    "The council spent £5m, up 25%, on 300 new buses.",
    "Profits were $5.2bn, 13% higher than the $4.6bn of 2003.",
    "Profits reached £5.2bn - up 13% on last year's £4.6bn.",
    "Its shares fell 5%, or 12p, to 228p.",
    "Output rose 5%, or 1,200 tonnes, to 25,200 tonnes.",
    # "by a quarter" is a share of the old figure, not a difference of a quarter
    "Profits for the year rose by a quarter to $5.75bn, from $4.6bn.",
]

WRONG = [
    ("Pre-tax profit was £250m, up 40% on last year's £200m.", "40%"),
    ("Operating profit came to $84m, up 35% on the previous year's $70m.", "35%"),
    ("Pre-tax profit was £250m, up 40% from £200m.", "40%"),
    ("Ticket sales reached 6,600, down 22% from 7,500.", "22%"),
    ("Sales of $150m were 20% higher than the $100m of 2003.", "20%"),
    ("The firm made a profit of £250m, a 40% increase on the previous year's £200m.", "40%"),
    ("Passengers numbered 1.8 million, a 20% fall on the year-earlier 2 million.", "20%"),
    ("Pre-tax profit of £250m was 40% up on the £200m made in 2003.", "40%"),
    ("Sales were up 20% at $150m, from $100m.", "20%"),
    ("Oil output doubled from 2 million barrels a day to 5 million barrels.", "doubled"),
    ("The number of visitors halved, from 800,000 to 300,000.", "halved"),
    ("Profits were $5.2bn, 25% higher than the $4.6bn of 2003.", "25%"),
    ("Profits reached £5.2bn - up 25% on last year's £4.6bn.", "25%"),
    ("Its shares fell 15%, or 12p, to 228p.", "15%"),
    ("Output rose 15%, or 1,200 tonnes, to 25,200 tonnes.", "15%"),
]


@pytest.mark.parametrize("sentence", RIGHT)
def test_a_consistent_comparison_passes(sentence):
    assert _errors_and_warnings(sentence) == []


@pytest.mark.parametrize(("sentence", "flagged"), WRONG)
def test_a_wrong_comparison_is_found_at_its_figure(sentence, flagged):
    found = _errors_and_warnings(sentence)
    assert len(found) == 1, found
    start = found[0].span.start
    assert sentence[start : start + len(flagged)] == flagged
