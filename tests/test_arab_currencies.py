"""Riyals, dirhams, dinars and rials: read as money, checked at the pegs and averages of
factlint/data/usd_rates.txt.

Worked out by hand on 2 March 2004: the riyal is pegged at 3.75 (Saudi) or 3.64 (Qatari)
to the dollar, the UAE dirham at 3.6725, the Jordanian dinar at 0.709, the Omani rial at
0.3845; 2004's averages are 0.295 Kuwaiti dinars and 8.87 Moroccan dirhams to the dollar.
"""

from __future__ import annotations

import pytest

from factlint import lint
from factlint.extract import extract
from factlint.quantities.money import parse_money


@pytest.mark.parametrize(
    ("text", "value", "currencies"),
    [
        ("5bn riyals", 5e9, ("SAR", "QAR")),
        ("5bn Saudi riyals", 5e9, ("SAR",)),
        ("SR 100m", 100e6, ("SAR",)),
        ("SR100m", 100e6, ("SAR",)),
        ("QR5bn", 5e9, ("QAR",)),
        ("AED 2bn", 2e9, ("AED",)),
        ("2bn AED", 2e9, ("AED",)),
        ("Dhs 2bn", 2e9, ("AED",)),
        ("10m dirhams", 10e6, ("AED", "MAD")),
        ("10m UAE dirhams", 10e6, ("AED",)),
        ("10m Moroccan dirhams", 10e6, ("MAD",)),
        ("3m dinars", 3e6, ("BHD", "JOD", "KWD", "IQD", "LYD", "TND", "DZD", "RSD")),
        ("3m Kuwaiti dinars", 3e6, ("KWD",)),
        ("KWD 3m", 3e6, ("KWD",)),
        ("10m rials", 10e6, ("OMR", "IRR", "YER")),
        ("10m Omani rials", 10e6, ("OMR",)),
    ],
)
def test_the_names_and_marks_are_money(text, value, currencies):
    money = parse_money(text)
    assert money is not None
    assert money.number.value == pytest.approx(value)
    assert money.currencies == currencies


def test_extract_reports_every_reading():
    (riyals, dollars) = extract("The firm paid 5bn riyals ($1.33bn) for it.")
    assert (riyals.kind, riyals.unit, riyals.units) == ("money", "SAR", ("SAR", "QAR"))
    assert riyals.value == 5e9 and dollars.unit == "USD"
    (dinars,) = extract("The loan was 3m dinars.")
    assert dinars.kind == "money" and "JOD" in dinars.units and "KWD" in dinars.units


def _money(text):
    return [f for f in lint(text, date="2004-03-02") if f.rule.startswith("money")]


CORRECT = [
    "The firm paid 5bn riyals ($1.33bn) for it.",  # Saudi
    "The firm paid 5bn riyals ($1.37bn) for it.",  # Qatari
    "The fund raised SR 100m ($26.7m) in a day.",
    "The deal is worth AED 2bn ($545m) to them.",
    "The fine was 10m dirhams ($2.72m) in all.",  # UAE
    "The fine was 10m dirhams ($1.13m) in all.",  # Moroccan
    "The loan was 3m dinars ($4.23m) in all.",  # Jordanian
    "The loan was 3m Kuwaiti dinars ($10.2m) in all.",
    "Oman paid 10m rials ($26m) for it.",
    "The firm paid 5bn riyals ($1.33bn; £716m) for it.",
]
WRONG = [
    # (text, the wrong conversion, what the message names)
    ("The firm paid 5bn riyals ($2bn) for it.", "$2bn", "riyals to the dollar"),
    ("The fund raised SR 100m ($40m) in a day.", "$40m", "peg of 3.75 riyals"),
    ("The deal is worth AED 2bn ($800m) to them.", "$800m", "peg of 3.6725 dirhams"),
    ("The fine was 10m dirhams ($5m) in all.", "$5m", "dirhams to the dollar"),
    ("The loan was 3m Jordanian dinars ($10m) in all.", "$10m", "peg of 0.709 dinars"),
    ("The loan was 3m Kuwaiti dinars ($4.2m) in all.", "$4.2m", "0.295 dinars"),
    ("The firm paid 5bn Qatari riyals ($1bn) for it.", "$1bn", "peg of 3.64 riyals"),
]


@pytest.mark.parametrize("text", CORRECT)
def test_a_conversion_any_reading_fits_passes(text):
    assert [f.message for f in _money(text)] == []


@pytest.mark.parametrize(("text", "stated", "says"), WRONG)
def test_a_conversion_no_reading_fits_is_found(text, stated, says):
    (finding,) = _money(text)
    assert finding.rule == "money-conversion"
    assert finding.column == text.index(stated) + 1
    assert says in finding.message
    # a peg or an average is the table's, not the day's rate: named, but no safe figure
    assert finding.fix is None


def test_a_dinar_that_may_be_unrated_stays_undecided():
    """ "3m dinars" may be Bahraini or Iraqi, which have no rate here: missing the
    Jordanian and Kuwaiti rates proves nothing, and the run says why."""
    found = lint("The loan was 3m dinars ($20m) in all.", date="2004-03-02")
    assert [f.rule for f in found] == ["data-notice"]
    assert "no exchange rate" in found[0].message
