"""Pegs and annual averages per US dollar where the ECB has no rate (factlint/data/usd_rates.txt).

Figures in these sentences were worked out by hand from the table and the ECB's dollar rate of
2 March 2004 (1 euro = 1.2402 dollars = 0.667 pounds).
"""

import datetime as dt

import pytest

from factlint import lint
from factlint.engine.converters.money import default_rates
from factlint.fx import load_rates
from factlint.fx_usd import AVERAGE_BAND, PEG_BAND, cross_rate, parse_table, usd_table


def _money(text, date="2004-03-02"):
    return [f for f in lint(text, date=date) if f.rule.startswith("money-conversion")]


# 2004's rupee average is 45.3 per dollar; the yuan was pegged at 8.277; 2004's baht 40.3.
CORRECT = [
    "The firm made 40m rupees ($880,000) in the quarter.",
    "The firm made 40m rupees ($880,000; £480,000) in the quarter.",
    "The state will spend 830bn rupees ($18bn) on defence.",
    "Illva will pay 481.42m yuan ($58.2m; £31.7m) for the stake.",
    "The storm did damage put at 20bn baht ($500m).",
    "Output reached 2.5 trillion yuan ($302bn).",
]
WRONG = [
    ("The firm made 40m rupees ($550,000) in the quarter.", "$550,000", "45.3 rupees"),
    ("The state will spend 830bn rupees ($11bn) on defence.", "$11bn", "45.3 rupees"),
    ("Illva will pay 481.42m yuan ($87.2m; £31.7m) for the stake.", "$87.2m", "peg of 8.277"),
    ("The storm did damage put at 20bn baht ($765m).", "$765m", "40.3 baht"),
    ("Output reached 2.5 trillion yuan ($180bn).", "$180bn", "peg of 8.277"),
]


@pytest.mark.parametrize("text", CORRECT)
def test_a_conversion_at_the_tables_rate_passes(text):
    assert [f.message for f in _money(text)] == []


@pytest.mark.parametrize(("text", "stated", "says"), WRONG)
def test_a_clear_error_is_found_and_the_message_names_the_rate(text, stated, says):
    (finding,) = _money(text)
    assert finding.column == text.index(stated) + 1
    assert says in finding.message
    assert finding.fix is None  # an average is no figure to write into the copy


def test_an_average_allows_its_band_and_no_more():
    # 40m rupees (38m-42m as rounded) at 45.3 +-6 % is $791,000-$986,000, then the usual
    # 3 % money slack; the stated figures are rounded too
    assert not _money("The firm made 40m rupees ($820,000).")
    assert not _money("The firm made 40m rupees ($950,000).")
    assert _money("The firm made 40m rupees ($700,000).")
    assert _money("The firm made 40m rupees ($1.1m).")


def test_a_period_takes_every_year_it_touches():
    # 2004-2005: 44.1 to 45.3 rupees per dollar
    found = [f for f in lint("It made 40m rupees ($500,000).", date="2004-06..2005-03")]
    assert len(found) == 1 and "2004-2005, about 44.1 to 45.3 rupees" in found[0].message
    assert not lint("It made 40m rupees ($900,000).", date="2004-06..2005-03")


def test_the_ecb_wins_where_it_has_a_rate():
    """From 2009 the ECB publishes the rupee: its rate of the day is used, with a fix."""
    (finding,) = _money("The firm made 40m rupees ($550,000).", date="2010-03-01")
    assert "average" not in finding.message and finding.fix is not None


def test_a_registered_ecb_file_with_the_currency_wins(tmp_path):
    """A user's ECB-layout file that has a rupee rate for 2004 is used instead of the table."""
    csv = tmp_path / "rates.csv"
    csv.write_text("Date,USD,INR,GBP,\n2004-03-02,1.2402,40.0,0.667,\n")
    rates = load_rates(str(csv))
    low, high, note = cross_rate(rates, "INR", "USD", dt.date(2004, 3, 2), dt.date(2004, 3, 2))
    assert note == "" and low == pytest.approx(1.2402 / 40.0)
    assert high == low


def test_cross_rate_through_the_dollar():
    rates = default_rates()
    day = dt.date(2004, 3, 2)
    low, high, note = cross_rate(rates, "CNY", "GBP", day, day)
    usd_gbp, _ = rates.rate("USD", "GBP", day)
    assert low == pytest.approx(usd_gbp / (8.277 * (1 + PEG_BAND)))
    assert high == pytest.approx(usd_gbp / (8.277 * (1 - PEG_BAND)))
    assert note == "at the peg of 8.277 yuan to the dollar"


def test_a_pegs_dates_bound_it():
    table = usd_table()
    after = table.per_usd("CNY", dt.date(2005, 8, 1), dt.date(2005, 8, 1))
    assert after is None  # the yuan was revalued on 21 July 2005
    gulf = table.per_usd("SAR", dt.date(2004, 1, 1), dt.date(2030, 1, 1))
    assert gulf is not None and gulf.low < 3.75 < gulf.high


def test_no_table_rate_before_the_first_year():
    assert usd_table().per_usd("INR", dt.date(1998, 6, 1), dt.date(1998, 6, 1)) is None


def test_the_table_meets_the_ecbs_first_rows():
    """Each series agrees with the ECB's first month for that currency, within the row's band:
    for the table's value of that year, or of its last year where it stops the year before."""
    rates = default_rates()
    table = usd_table()
    checked = set(table.years) | set(table.pegs)
    for code in checked:
        span = rates.span(code)
        if span is None:
            continue
        first = span[0]
        low, high = rates.rate_range("USD", code, first, first + dt.timedelta(days=30))
        ecb = (low + high) / 2
        years = table.years.get(code, {})
        year = first.year if first.year in years else max(years, default=None)
        if year is None:  # a peg: in force when the ECB started
            row = table.per_usd(code, first, first)
            assert row is not None and row.low <= ecb <= row.high, code
            continue
        value, band = years[year]
        assert abs(value / ecb - 1) <= max(band, AVERAGE_BAND), (code, year, value, ecb)


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("year INR 2004", "usd:3: not a 'name', 'peg' or 'year' line"),
        ("year INR 2004 -45", "usd:3: a rate must be positive"),
        ("year INR 2004 45 6", "usd:3: a band is a percentage"),
        ("peg CNY 8.277 1997-13-01 -", "usd:3:"),
        ("rate INR 45", "usd:3: not a 'name'"),
    ],
)
def test_a_malformed_line_names_the_file_and_line(line, error):
    with pytest.raises(ValueError, match=error):
        parse_table(f"# header\nname INR rupees\n{line}\n", "usd")


def test_two_conversions_are_checked_against_each_other_without_a_rate():
    """The ECB published no krona rate from December 2008 to 2018; the table has none."""
    text = "The bank was fined 5bn kronur ($39m; £35m)."
    found = [f for f in lint(text, date="2010-03-01") if f.severity != "info"]
    assert [(f.rule, f.column) for f in found] == [("money-conversion-pair", text.index("£") + 1)]
    assert not [
        f
        for f in lint("The bank was fined 5bn kronur ($39m; £26m).", date="2010-03-01")
        if f.severity != "info"
    ]
    # with a rate for the source, only the source is the judge: no pair finding
    assert not [f for f in _money("It made 40m rupees ($880,000; £480,000).") if "pair" in f.rule]


def test_an_ambiguous_currency_word_with_an_unrated_reading_stays_undecided():
    """An amount in "pesos" may be Argentine (no rate): missing the Mexican rate proves nothing."""
    found = lint("The firm will invest 400m pesos ($136m) in pipes.", date="2004-03-02")
    assert [f.rule for f in found] == ["data-notice"]
    assert "ARS" in found[0].message
