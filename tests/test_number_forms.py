"""Every way news writes a figure, read right, and checked in a conversion sentence.

For each form: the reader's value, a correct conversion that passes, and a wrong
one that is reported with the right fix. Sentences are our own, in news style.
"""

from __future__ import annotations

import pytest

from factlint import lint
from factlint.quantities.money import parse_money
from factlint.quantities.numbers import find_numbers, parse_number

# text as printed -> value
READ = [
    ("minus 5", -5),
    ("Minus 12.5", -12.5),
    ("negative 40", -40),
    ("10 1/2", 10.5),
    ("2 1/2", 2.5),
    ("1/4", 0.25),
    ("three-quarters", 0.75),
    ("10 000", 10_000),
    ("1 250 000", 1_250_000),
    ("a half-million", 500_000),
    ("10M", 10e6),
    ("10B", 10e9),
    ("2.174T", 2.174e12),
    ("35 lakh", 3.5e6),
    ("2 crore", 2e7),
    ("1.5 crores", 1.5e7),
]


@pytest.mark.parametrize(("text", "value"), READ)
def test_form_is_read(text, value):
    number = parse_number(text)
    assert number is not None and number.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("It was minus 5C overnight.", [-5]),
        ("The fund holds 10 000 dollars.", [10_000]),
        ("A half-million people marched.", [500_000]),
        ("The course is 10 1/2 miles long.", [10.5]),
        ("One can only guess.", []),
        ("No one was hurt.", []),
        ("He was the one who left.", []),
        ("One of the three men was hurt.", [1, 3]),
        ("Wages rose 5% in 2004 and 2005.", [5]),
        ("The shop is open 24/7.", []),
        ("On 3/4/2004 the vote was held.", []),
    ],
)
def test_forms_found_in_a_sentence(sentence, figures):
    assert [n.value for _, _, n in find_numbers(sentence)] == pytest.approx(figures)


@pytest.mark.parametrize(
    ("text", "currency", "value_in_major_units"),
    [
        ("197 pence", "GBP", 1.97),
        ("930p", "GBP", 9.30),
        ("1.20 cents", "USD", 0.012),
        ("100 trillion won", "KRW", 100e12),
        ("6.8bn rand", "ZAR", 6.8e9),
        ("Mex$10m", "MXN", 10e6),
        ("5 €", "EUR", 5),
        ("Rs 35 lakh", "INR", 3.5e6),
        ("₹2 crore", "INR", 2e7),
        ("$10M", "USD", 10e6),
        ("€10B", "EUR", 10e9),
        ("$2.174T", "USD", 2.174e12),
        ("1.8M dollars", "USD", 1.8e6),
        ("10 000 dollars", "USD", 10_000),
    ],
)
def test_money_form_is_read(text, currency, value_in_major_units):
    money = parse_money(text)
    assert money is not None and money.currency == currency
    assert money.number.value * money.unit == pytest.approx(value_in_major_units)


def test_risky_currency_names_need_a_scale():
    assert parse_money("10 won") is None  # "Chelsea 10 won ..." is not money
    assert parse_money("5 real") is None


# (sentence, wrong figure, fix) pairs: the correct sentence is the wrong one with the fix.
# Money on 1 June 2015: $1 = £0.657, €1 = $1.094, 1 rupee = $0.0157, 1 won = $0.0009.
MONEY_WRONG = [
    ("Shares closed at 930p ($9.20) in London.", "$9.20", "$14.20"),
    ("A litre costs 197 pence ($2).", "$2", "$3"),
    ("The budget is 100 trillion won ($150bn).", "$150bn", "$90bn"),
    ("The plant cost Mex$10m ($1m).", "$1m", "$0.65m"),
    ("The ticket costs 5 € ($9).", "$9", "$5.5"),
    ("He was paid Rs 35 lakh ($5,500).", "$5,500", "$55,000"),
    ("The prize is ₹2 crore ($31,000).", "$31,000", "$310,000"),
    ("The firm made $10M (£9M) in May.", "£9M", "£6.6M"),
    ("The fund has €10B ($15B).", "$15B", "$11B"),
    ("Debt reached $2.174T (£2T).", "£2T", "£1.429T"),
    ("They spent 1.8M dollars (£1.8m).", "£1.8m", "£1.2m"),
    ("They spent 10 000 dollars (£9,000).", "£9,000", "£6,600"),
    ("The bank lent a half-million dollars (£500,000).", "£500,000", "£330,000"),
]


def money_findings(text: str):
    return [f for f in lint(text, date="2015-06-01") if f.rule == "money-conversion"]


@pytest.mark.parametrize(("text", "wrong", "fix"), MONEY_WRONG)
def test_money_form_wrong_conversion_is_fixed(text, wrong, fix):
    (finding,) = money_findings(text)
    assert finding.column == text.index(wrong) + 1
    assert finding.fix is not None and finding.fix.replacement == fix


@pytest.mark.parametrize(("text", "wrong", "fix"), MONEY_WRONG)
def test_money_form_correct_conversion_passes(text, wrong, fix):
    assert money_findings(text.replace(wrong, fix)) == []


UNIT_WRONG = [
    ("It was minus 5C (41F) overnight.", "41F", "23F"),
    (
        "It was minus 4 degrees Fahrenheit (minus 30 Celsius).",
        "minus 30 Celsius",
        "minus 20 Celsius",
    ),
    ("It was 23F (minus 15C) at dawn.", "minus 15C", "minus 5C"),
    ("It was negative 40C (40F) at the pole.", "40F", "-40F"),
    ("The route is 10 1/2 miles (12km) long.", "12km", "16.9km"),
    ("The blade is 2 1/2 in (4cm) long.", "4cm", "6.4cm"),
    ("He ran a 1/4 mile (800m) sprint.", "800m", "400m"),
    ("The road ends three-quarters of a mile (2km) away.", "2km", "1.2km"),
    ("He stands 6 feet (2.02 m) tall.", "2.02 m", "1.83 m"),
    ("The wall is 2 metres (8 feet) high.", "8 feet", "6.6 feet"),
]


def unit_findings(text: str):
    return [f for f in lint(text) if f.rule == "unit-conversion"]


@pytest.mark.parametrize(("text", "wrong", "fix"), UNIT_WRONG)
def test_unit_form_wrong_conversion_is_fixed(text, wrong, fix):
    (finding,) = unit_findings(text)
    assert finding.column == text.index(wrong) + 1
    assert finding.fix is not None and finding.fix.replacement == fix


@pytest.mark.parametrize(("text", "wrong", "fix"), UNIT_WRONG)
def test_unit_form_correct_conversion_passes(text, wrong, fix):
    assert unit_findings(text.replace(wrong, fix)) == []


TEMPERATURES = [
    # a reading: the forgotten -32 is caught, with the reading as the fix
    ("It was 100F (56C) in the shade.", "56C", "38C"),
    ("It was -22 °F (-5 °C) on the ridge.", "-5 °C", "-30 °C"),
    ("Temperatures rose to 2C (3.6F) overnight.", "3.6F", "36F"),
    # a difference only when the clause says so
    ("Temperatures rose by 2C (35.6F) overnight.", "35.6F", "3.6F"),
    ("The sea is 3C (37.4F) warmer than in 1900.", "37.4F", "5.4F"),
    ("an increase of 2C (35.6F) by 2100", "35.6F", "3.6F"),
    ("Temperatures have risen 1.5C (34.7F) above pre-industrial levels.", "34.7F", "2.7F"),
]


@pytest.mark.parametrize(("text", "wrong", "fix"), TEMPERATURES)
def test_temperature_reading_or_difference_as_the_clause_says(text, wrong, fix):
    (finding,) = unit_findings(text)
    assert finding.fix is not None and finding.fix.replacement == fix
    assert unit_findings(text.replace(wrong, fix)) == []


FEET_AND_DEGREES = [
    ("Water boils at 212° Fahrenheit (90C).", "90C", "100C"),
    ("He is 5'6\" (1.5m) tall.", "1.5m", "1.68m"),
    ("He is 5′6″ (1.5m) tall.", "1.5m", "1.68m"),
    ("He is 6ft 2 (2.1m) tall.", "2.1m", "1.88m"),
]


@pytest.mark.parametrize(("text", "wrong", "fix"), FEET_AND_DEGREES)
def test_primes_bare_inches_and_spelled_degrees(text, wrong, fix):
    (finding,) = unit_findings(text)
    assert finding.fix is not None and finding.fix.replacement == fix
    assert unit_findings(text.replace(wrong, fix)) == []


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The pill holds 500 mg of the drug.", "mg"),
        ("The lake holds 4 cubic kilometres of water.", "cubic kilometre"),
        ("It has a 3GHz chip.", "GHz"),
        ("It has 512MB of memory.", "MB"),
    ],
)
def test_unknown_unit_is_a_measure_never_compared(sentence, unit):
    from factlint.extract import extract

    (mention,) = [m for m in extract(sentence) if m.kind == "measure"]
    assert (mention.unit, mention.units) == (unit, ())
    written = mention.text.split(maxsplit=1)[-1] if " " in mention.text else mention.text
    converted = sentence.replace(written, f"{written} (9 grams)", 1)
    assert [f for f in lint(converted) if f.rule == "unit-conversion"] == []
