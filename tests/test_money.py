"""Money converted in brackets, checked against real ECB reference rates of the article's date."""

import subprocess
import sys

import pytest

import factlint.engine.converters.money as money_conversion
from factlint import lint
from factlint.quantities.money import parse_money

# (date, sentence) pairs whose figures were worked out from the ECB history by hand.
CORRECT = [
    ("2013-01-21", "The mission will cost $500m (€375m)."),
    ("2004-07-01", "The deal is worth $100m (£55m)."),
    ("2008-10-15", "The bank raised £2bn ($3.5bn)."),
    ("2010-05-03", "The fine was €10m (¥1.25bn)."),
    ("2016-06-01", "It invested $1bn (6.6bn yuan)."),
    ("2019-03-14", "The start-up raised $2m (Rs139m)."),
    ("2015-01-14", "The bank holds €100m (120m Swiss francs)."),
    ("2022-11-25", "Hyundai will invest US$500m (RM2.24 billion)."),
    ("2020-04-01", "The fund has $10m (R180m)."),
    ("2016-06-23", "Exports reached £1.5bn (€1.96bn)."),
    ("2011-07-27", "The mine cost A$50m (US$55m)."),
    ("2018-09-03", "Samsung spent $3bn (₩3.34tn)."),
    ("2023-03-01", "The prize is $1m (10.4m kronor)."),
    ("2000-10-26", "The budget is €1bn ($825m)."),
    ("2008-07-15", "The budget is €1bn ($1.6bn)."),
    ("2013-01-21", "It costs about 500 million dollars (about 375 million euros)."),
    ("2004-07-01", "The charity raised £1.2m (US$2.18m)."),
]

WRONG = [
    ("2013-01-21", "The mission will cost $500m (€475m).", "€375m"),
    ("2004-07-01", "The deal is worth $100m (£75m).", "£55m"),
    ("2008-10-15", "The bank raised £2bn ($2bn).", "$3.5bn"),
    ("2010-05-03", "The fine was €10m (¥1.5bn).", "¥1.2bn"),
    ("2016-06-01", "It invested $1.5bn (5bn yuan).", "9.9bn yuan"),
    ("2019-03-14", "The start-up raised $2.5m (Rs100m).", "Rs170m"),
    ("2015-01-16", "The bank holds €100m (120m Swiss francs).", "100m Swiss francs"),
    ("2022-11-25", "Hyundai will invest US$500m (RM1.5 billion).", "RM2.2 billion"),
    ("2020-04-01", "The fund has $10m (R100m).", "R180m"),
    ("2016-06-27", "Exports reached £1.5bn (€1.96bn).", "€1.8bn"),
    ("2011-07-27", "The mine cost A$50m (US$40m).", "US$55m"),
    ("2000-10-26", "The budget is €1bn ($1.6bn).", "$830m"),
]


@pytest.mark.parametrize(("date", "text"), CORRECT)
def test_correct_conversion_passes(date, text):
    assert [f.message for f in lint(text, date=date) if f.rule == "money-conversion"] == []


@pytest.mark.parametrize(("date", "text", "expected"), WRONG)
def test_wrong_conversion_is_reported_at_the_bracket_with_the_date(date, text, expected):
    (finding,) = [f for f in lint(text, date=date) if f.rule == "money-conversion"]
    assert finding.column == text.index("(") + 2
    assert f"on {date} (--date)" in finding.message
    assert finding.expected == expected
    assert finding.fix is not None and finding.fix.replacement == expected


def test_same_sentence_right_on_one_date_wrong_on_another():
    text = "The bank holds €100m (120m Swiss francs)."
    assert not [f for f in lint(text, date="2015-01-14") if f.rule == "money-conversion"]
    assert [f for f in lint(text, date="2015-01-16") if f.rule == "money-conversion"]


def test_date_from_front_matter_and_dateline():
    body = "The mission will cost $500m (€475m).\n"
    (from_front,) = lint("---\ndate: 2013-01-21\n---\n" + body, path="a.md")
    assert "on 2013-01-21 (front matter)" in from_front.message
    (from_dateline,) = lint("AFP\nMon Jan 21 2013\n\n" + body)
    assert "on 2013-01-21 (dateline)" in from_dateline.message
    (given,) = lint("---\ndate: 2020-01-01\n---\n" + body, path="a.md", date="2013-01-21")
    assert "(--date)" in given.message


def test_no_date_uses_latest_rates_and_says_so():
    (finding,) = lint("The mission will cost $500m (€2m).")
    assert "latest rates: the article gives no date" in finding.message


def test_a_year_allows_the_whole_year():
    # GBP/USD moved between about 0.52 and 0.57 in 2004.
    assert not lint("It raised $100m (£52m).", date="2004")
    assert not lint("It raised $100m (£57m).", date="2004")
    assert lint("It raised $100m (£70m).", date="2004")


def test_date_outside_the_data_is_one_info_finding():
    findings = lint("It cost $5m (£3m). Then $6m (£4m).", date="1990-05-01")
    assert [f.rule for f in findings] == ["data-notice"]
    assert findings[0].severity == "info"
    assert "1990" in findings[0].message or "before" in findings[0].message


def test_lost_scale_is_named_and_not_fixed():
    (finding,) = lint("He was paid $6.3 (£3.35m).", date="2004-07-01")
    assert "lost its scale" in finding.message
    assert finding.fix is None


def test_shop_prices_may_be_a_quarter_off_the_rate():
    """$149 was about £81 in July 2004: £99 is a UK price, not a slip; £59 or €89 are slips."""
    assert not lint("The phone costs $149 (£99).", date="2004-07-01")
    assert not lint("The console costs £99 (149 euros).", date="2004-07-01")
    for text in ("The phone costs $149 (£59).", "It costs £99 (89 euros)."):
        (finding,) = lint(text, date="2004-07-01")
        assert "shop prices differ between markets" in finding.message
        assert finding.fix is None
    (finding,) = lint("The phone costs $149 (£10).", date="2004-07-01")  # £10 is no shop price
    assert finding.fix is not None and finding.fix.replacement == "£82.1"


def test_configured_dollar(monkeypatch):
    from factlint.api import Options, check_source
    from factlint.text.source import source_from_text

    text = "The mine cost $50m (€38m)."
    options = Options(date="2011-07-27", currency="AUD")
    assert not check_source(source_from_text(text), options).findings
    assert lint(text, date="2011-07-27")  # as US dollars, $50m was about €35m


def test_text_without_money_never_loads_rates(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("rates loaded")

    monkeypatch.setattr(money_conversion, "load_rates", refuse)
    monkeypatch.setattr(money_conversion, "_RATES", [])
    assert [f.rule for f in lint("It is 60 km (20 miles) away.")] == ["unit-conversion"]
    with pytest.raises(AssertionError, match="rates loaded"):
        lint("It cost $5m (£3m).", date="2013-01-21")


def test_check_without_money_imports_no_rate_code():
    code = (
        "import sys, factlint.cli.main as c; c.main(['check', '-']);"
        "import factlint.engine.converters.money as m;"
        "print('currency_converter' in sys.modules, bool(m._RATES))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input="It is 60 km (37 miles) away.\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.strip().splitlines()[-1] == "False False"


@pytest.mark.parametrize(
    ("text", "value", "currencies"),
    [
        ("$1.2bn", 1.2e9, ("USD",)),
        ("US$5m", 5e6, ("USD",)),
        ("RM3.6 billion", 3.6e9, ("MYR",)),
        ("RM2.16 bil", 2.16e9, ("MYR",)),
        ("HK$5bn", 5e9, ("HKD",)),
        ("CHF 20m", 20e6, ("CHF",)),
        ("USD 5m", 5e6, ("USD",)),
        ("£131,961", 131961, ("GBP",)),
        ("300 billion euro", 300e9, ("EUR",)),
        ("500 million dollars", 500e6, ("USD",)),
        ("20 pounds sterling", 20, ("GBP",)),
        ("¥500bn", 500e9, ("JPY", "CNY")),
        ("Rs300", 300, ("INR",)),
        ("Rs.200", 200, ("INR",)),
        ("Rs 500", 500, ("INR",)),
        ("RM 3.6 billion", 3.6e9, ("MYR",)),
        ("R50", 50, ("ZAR",)),
        ("10m kroner", 10e6, ("DKK", "NOK")),
    ],
)
def test_money_reader(text, value, currencies):
    money = parse_money(text)
    assert money is not None
    assert money.number.value == pytest.approx(value)
    assert money.currencies == currencies


def test_rates_show_and_update(tmp_path, monkeypatch):
    env = {"FACTLINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    show = subprocess.run(
        [sys.executable, "-m", "factlint", "rates", "--show"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert show.returncode == 0 and "first date: 1999-01-04" in show.stdout
    csv = tmp_path / "eurofxref-hist.csv"
    csv.write_text("Date,USD,GBP,\n2030-01-03,1.2000,0.9000,\n2030-01-02,1.1000,0.8000,\n")
    update = subprocess.run(
        [sys.executable, "-m", "factlint", "rates", "--update", str(csv)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert update.returncode == 0, update.stderr
    show = subprocess.run(
        [sys.executable, "-m", "factlint", "rates"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "last date:  2030-01-03" in show.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "factlint", "rates", "--update", __file__],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert bad.returncode == 2 and "not ECB reference-rate data" in bad.stderr


# 2 March 2004: 1 euro = 0.667 pounds = 1.2402 dollars (ECB reference rates).
TWO_CONVERSIONS_CORRECT = [
    "The group will pay 300 million euros (£200m; $372m) for the stake.",
    "The group will pay €300m (£200m, $372m) for the stake.",
    "The group will pay €300m (£200m or $372m) for the stake.",
    "The group will pay €300m (£200m/$372m) for the stake.",
    "The group will pay €300m (about £200m; $370m ) for the stake.",
]
TWO_CONVERSIONS_WRONG = [
    ("The group will pay 300 million euros (£200m; $290m) for the stake.", "$290m", "$370m"),
    ("The group will pay 300 million euros (£250m; $372m) for the stake.", "£250m", "£200m"),
    ("The group will pay €300m (£200m, $290m) for the stake.", "$290m", "$370m"),
    ("The group will pay €300m (£200m or $290m) for the stake.", "$290m", "$370m"),
    ("The group will pay €300m (£200m; $290m ) for the stake.", "$290m", "$370m"),
]


@pytest.mark.parametrize("text", TWO_CONVERSIONS_CORRECT)
def test_two_correct_conversions_in_one_bracket_pass(text):
    assert [f.message for f in lint(text, date="2004-03-02") if f.rule == "money-conversion"] == []


@pytest.mark.parametrize(("text", "stated", "expected"), TWO_CONVERSIONS_WRONG)
def test_each_conversion_in_a_bracket_is_checked(text, stated, expected):
    (finding,) = [f for f in lint(text, date="2004-03-02") if f.rule == "money-conversion"]
    assert finding.column == text.index(stated) + 1
    assert finding.expected == expected
    assert finding.fix is not None and finding.fix.replacement == expected


def test_a_bracket_without_a_rate_for_the_year_says_so():
    """No rupee rate before 1999 (neither the ECB's nor the table's): a notice, never an
    invented rate."""
    found = lint("The firm raised 2.39bn rupees ($52m).", date="1998-03-02")
    assert [f.rule for f in found] == ["data-notice"] * len(found) and found
    assert all("no rate for INR" in f.message for f in found)


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("The ticket cost £5.00 ($12.10).", "$9.30"),  # 9.297: to the cent, trailing zero kept
        ("The meal cost $10 (£7.50).", "£5.38"),
        ("The share price was $5,000.00 (£400.00).", "£2689.08"),
    ],
)
def test_a_figure_written_to_the_cent_is_fixed_to_the_cent(text, fix):
    (finding,) = lint(text, date="2004-03-02")
    assert finding.fix is not None and finding.fix.replacement == fix


def test_every_currency_mark_passes_the_engines_first_look_at_an_amount():
    """The slot's look-ahead (MONEY_START_PATTERN) must let every mark through, or an
    amount the reader knows would never be bound."""
    import regex

    from factlint.engine.figures import TOKEN_START
    from factlint.quantities.money import _PREFIX_MARKS, _SPACED_MARKS, ISO_CODES
    from factlint.quantities.money import MONEY_START_PATTERN as START

    written = [f"{mark}{TOKEN_START}" for mark in _PREFIX_MARKS]
    written += [f"{mark} {TOKEN_START}" for mark in (*_SPACED_MARKS, *ISO_CODES)]
    written += [f"{code}{TOKEN_START}" for code in ISO_CODES]
    assert all(regex.match(START, text) for text in written), [
        text for text in written if not regex.match(START, text)
    ]
    for text in ("The", "Reuters said", "USA 5", "Mr 5"):  # no figure right after
        assert regex.match(START, text) is None, text
