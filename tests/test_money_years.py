"""A conversion may use the rates of a year its clause names ("in 2000", "last year").

ECB rates: 1 euro was about 0.92 dollars in 2000 (0.83-1.03 over the year), 1.13 in 2003
(1.04-1.26) and 1.24 on 2 March 2004.
"""

import datetime as dt

import pytest

from factlint import lint
from factlint.article_date import ArticleDate
from factlint.engine.converters.years import named_years

DAY = "On 2 March 2004 the firm said"
ARTICLE = ArticleDate(dt.date(2004, 3, 2), dt.date(2004, 3, 2), "--date")


def _money(text, date=None):
    return [f for f in lint(text, date=date) if f.rule == "money-conversion"]


@pytest.mark.parametrize(
    "text",
    [
        f"{DAY} its sales in 2000 were 10bn euros ($9.2bn).",
        f"{DAY} its sales were 10bn euros ($9.2bn) in 2000.",
        f"{DAY} sales last year were 10bn euros ($11.3bn).",
        f"{DAY} sales were 10bn euros ($11.3bn) a year earlier.",
    ],
)
def test_the_rates_of_a_year_the_clause_names_are_accepted(text):
    assert [f.message for f in _money(text)] == []


def test_the_following_year_counts_from_the_year_written_before():
    text = "It opened a plant in 2000. The following year it lost 10bn euros ($8.9bn)."
    assert not _money(text, date="2004-03-02")
    assert _money(text.replace("2000", "2003"), date="2004-03-02")


def test_the_articles_rates_still_hold():
    assert not _money(f"{DAY} its sales in 2000 were 10bn euros ($12.4bn).")


def test_wrong_at_both_dates_is_found_without_a_fix():
    (finding,) = _money(f"{DAY} its sales in 2000 were 10bn euros ($5bn).")
    assert "2000's rates, which the sentence names, do not fit either" in finding.message
    assert "on 2004-03-02" in finding.message
    assert finding.fix is None


@pytest.mark.parametrize(
    "text",
    [
        # a year in another clause governs that clause only
        f"{DAY} it considered a sale in 2000 but sold a stake for 10bn euros ($9.2bn).",
        # a year after the article's had no rates when it was written
        f"{DAY} it will pay 10bn euros ($9.2bn) by 2014.",
        f"{DAY} it will pay 10bn euros ($9.2bn) next year.",
    ],
)
def test_near_misses_stay_at_the_articles_rates(text):
    (finding,) = _money(text)
    assert finding.fix is not None and finding.fix.replacement == "$12bn"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Sales in 2001 were 3bn euros ($2.7bn).", [2001]),
        ("Sales were 3bn euros ($2.7bn) last year.", [2003]),
        ("Sales were 3bn euros ($2.7bn) in the previous year.", []),
        ("It began in 1999. The following year sales were 3bn euros ($2.7bn).", [2000]),
        ("Sales were 3bn euros ($2.7bn) in 2004.", []),
        ("Sales were 3bn euros ($2.7bn) in 1997, 1998, 1999 and 2000.", []),
    ],
)
def test_named_years(text, years):
    start = text.index("3bn")
    end = text.index(")") + 1
    assert named_years(text, start, end, ARTICLE) == years
