"""The number reader: figures as journalists print them, and the intervals they stand for."""

from __future__ import annotations

import math

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from factlint.quantities.number_format import format_number
from factlint.quantities.numbers import (
    NUMBER_PATTERN,
    QUALIFIER_PATTERN,
    RANGE_PATTERN,
    ROUNDING_CAP,
    Number,
    find_numbers,
    parse_number,
    parse_qualifier,
    parse_range,
)

THIN, NBSP, NNBSP = "\u2009", "\u00a0", "\u202f"

# text, value, low, high, digits, decimals, scale, percent
FIGURES = [
    ("1,500", 1500, 1450, 1550, 4, 0, 1, False),
    (f"1{THIN}500", 1500, 1450, 1550, 4, 0, 1, False),
    (f"1{NBSP}500{NNBSP}000", 1_500_000, 1_450_000, 1_550_000, 7, 0, 1, False),
    ("1,500,000", 1_500_000, 1_450_000, 1_550_000, 7, 0, 1, False),
    ("60", 60, 57, 63, 2, 0, 1, False),
    ("10", 10, 9.5, 10.5, 2, 0, 1, False),
    ("100", 100, 95, 105, 3, 0, 1, False),
    ("215", 215, 214.5, 215.5, 3, 0, 1, False),
    ("10 000", 10_000, 9_500, 10_500, 5, 0, 1, False),
    ("minus 5", -5, -5.25, -4.75, 1, 0, 1, False),
    ("Negative 40", -40, -42, -38, 2, 0, 1, False),
    ("10 1/2", 10.5, 10.5, 10.5, 3, 1, 1, False),
    ("1/4", 0.25, 0.25, 0.25, 2, 2, 1, False),
    ("$10M"[1:], 10e6, 9.5e6, 10.5e6, 2, 0, 1e6, False),
    ("10B", 10e9, 9.5e9, 10.5e9, 2, 0, 1e9, False),
    ("2.174T", 2.174e12, 2.1735e12, 2.1745e12, 4, 3, 1e12, False),
    ("35 lakh", 3.5e6, 3.45e6, 3.55e6, 2, 0, 1e5, False),
    ("2 crore", 2e7, 1.9e7, 2.1e7, 1, 0, 1e7, False),
    ("7", 7, 6.65, 7.35, 1, 0, 1, False),
    ("0", 0, -0.5, 0.5, 1, 0, 1, False),
    ("2.16", 2.16, 2.155, 2.165, 3, 2, 1, False),
    ("0.05", 0.05, 0.045, 0.055, 1, 2, 1, False),
    ("1.0", 1.0, 0.95, 1.05, 2, 1, 1, False),
    (".5", 0.5, 0.45, 0.55, 1, 1, 1, False),
    ("10,000.50", 10000.5, 10000.495, 10000.505, 7, 2, 1, False),
    ("-5", -5, -5.25, -4.75, 1, 0, 1, False),
    ("\u22125", -5, -5.25, -4.75, 1, 0, 1, False),
    ("-50", -50, -52.5, -47.5, 2, 0, 1, False),
    ("2.16 bil", 2.16e9, 2.155e9, 2.165e9, 3, 2, 1e9, False),
    ("2.16bn", 2.16e9, 2.155e9, 2.165e9, 3, 2, 1e9, False),
    ("1.2bn", 1.2e9, 1.15e9, 1.25e9, 2, 1, 1e9, False),
    ("5m", 5e6, 4.75e6, 5.25e6, 1, 0, 1e6, False),
    ("500m", 5e8, 4.75e8, 5.25e8, 3, 0, 1e6, False),
    ("12mn", 12e6, 11.5e6, 12.5e6, 2, 0, 1e6, False),
    ("5 million", 5e6, 4.75e6, 5.25e6, 1, 0, 1e6, False),
    ("1.5 million", 1.5e6, 1.45e6, 1.55e6, 2, 1, 1e6, False),
    ("3 Billion", 3e9, 2.85e9, 3.15e9, 1, 0, 1e9, False),
    ("2 trillion", 2e12, 1.9e12, 2.1e12, 1, 0, 1e12, False),
    ("4.5tn", 4.5e12, 4.45e12, 4.55e12, 2, 1, 1e12, False),
    ("7 thousand", 7000, 6650, 7350, 1, 0, 1e3, False),
    ("30k", 30_000, 28_500, 31_500, 2, 0, 1e3, False),
    ("25%", 25, 24.5, 25.5, 2, 0, 1, True),
    ("25 %", 25, 24.5, 25.5, 2, 0, 1, True),
    ("25 per cent", 25, 24.5, 25.5, 2, 0, 1, True),
    ("25 percent", 25, 24.5, 25.5, 2, 0, 1, True),
    ("25pc", 25, 24.5, 25.5, 2, 0, 1, True),
    ("2.5%", 2.5, 2.45, 2.55, 2, 1, 1, True),
    ("½", 0.5, 0.5, 0.5, 1, 1, 1, False),
    ("¼", 0.25, 0.25, 0.25, 2, 2, 1, False),
    ("¾", 0.75, 0.75, 0.75, 2, 2, 1, False),
    ("⅓", 1 / 3, 1 / 3, 1 / 3, 2, 2, 1, False),
    ("⅔", 2 / 3, 2 / 3, 2 / 3, 2, 2, 1, False),
    ("1½", 1.5, 1.5, 1.5, 2, 1, 1, False),
    ("2¾", 2.75, 2.75, 2.75, 3, 2, 1, False),
    ("seven", 7, 7, 7, 1, 0, 1, False),
    ("Seven", 7, 7, 7, 1, 0, 1, False),
    ("zero", 0, 0, 0, 1, 0, 1, False),
    ("nineteen", 19, 19, 19, 2, 0, 1, False),
    ("twenty", 20, 20, 20, 2, 0, 1, False),
    ("Twenty", 20, 20, 20, 2, 0, 1, False),
    ("twenty-one", 21, 21, 21, 2, 0, 1, False),
    ("twenty one", 21, 21, 21, 2, 0, 1, False),
    ("ninety-nine", 99, 99, 99, 2, 0, 1, False),
    ("a dozen", 12, 12, 12, 2, 0, 1, False),
    ("dozen", 12, 12, 12, 2, 0, 1, False),
    ("two dozen", 24, 24, 24, 2, 0, 1, False),
    ("half a dozen", 6, 6, 6, 1, 0, 1, False),
    ("a hundred", 100, 100, 100, 3, 0, 1, False),
    ("one hundred and fifty", 150, 150, 150, 3, 0, 1, False),
    ("two hundred", 200, 200, 200, 3, 0, 1, False),
    ("a million", 1e6, 1e6, 1e6, 1, 0, 1e6, False),
    ("five million", 5e6, 5e6, 5e6, 1, 0, 1e6, False),
    ("half a million", 5e5, 5e5, 5e5, 1, 1, 1e6, False),
    ("a quarter of a million", 2.5e5, 2.5e5, 2.5e5, 2, 2, 1e6, False),
    ("three quarters of a billion", 7.5e8, 7.5e8, 7.5e8, 2, 2, 1e9, False),
    ("one and a half million", 1.5e6, 1.5e6, 1.5e6, 2, 1, 1e6, False),
    ("two hundred thousand", 2e5, 2e5, 2e5, 3, 0, 1e3, False),
    ("a third", 1 / 3, 1 / 3, 1 / 3, 2, 2, 1, False),
    ("two thirds", 2 / 3, 2 / 3, 2 / 3, 2, 2, 1, False),
    ("two-thirds", 2 / 3, 2 / 3, 2 / 3, 2, 2, 1, False),
    ("three quarters", 0.75, 0.75, 0.75, 2, 2, 1, False),
    ("two and a half", 2.5, 2.5, 2.5, 2, 1, 1, False),
    ("five per cent", 5, 5, 5, 1, 0, 1, True),
]


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "digits", "decimals", "scale", "percent"), FIGURES
)
def test_parse_number(text, value, low, high, digits, decimals, scale, percent):
    number = parse_number(text)
    assert number is not None, text
    assert number.value == pytest.approx(value, rel=1e-12, abs=1e-12)
    assert number.low == pytest.approx(low, rel=1e-12, abs=1e-12)
    assert number.high == pytest.approx(high, rel=1e-12, abs=1e-12)
    assert (number.digits, number.decimals) == (digits, decimals)
    assert number.scale == scale
    assert number.percent is percent
    assert number.text == text


@pytest.mark.parametrize(
    ("text", "scale_text", "is_word"),
    [
        ("2.16 bil", "bil", False),
        ("$1.2bn"[1:], "bn", False),
        ("5m", "m", False),
        ("3 Billion", "Billion", False),
        ("half a million", "million", True),
        ("1,500", None, False),
        ("a dozen", None, True),
    ],
)
def test_scale_text_and_words(text, scale_text, is_word):
    number = parse_number(text)
    assert number is not None
    assert number.scale_text == scale_text
    assert number.is_word is is_word


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hundreds",
        "dozens",
        "thousands",
        "scores",
        "millions",
        "3rd",
        "21st",
        "twenty-first",
        "a third term",
        "5mph",
        "5mm",
        "5 men",
        "G7",
        "1,5000",
        "2.1.3",
        "no one",
        "one another",
        "a",
        "about 5",
    ],
)
def test_not_a_number(text):
    assert parse_number(text) is None


def test_parse_number_strips_outer_space():
    number = parse_number("  1,500 \n")
    assert number is not None and number.text == "1,500" and number.value == 1500


def test_rounding_cap_bounds_trailing_zero_slack():
    # "1,000,000" read as rounded to the million would be +-500,000: the cap keeps it to 5 %.
    number = parse_number("1,000,000")
    assert number is not None
    assert number.high - number.value == pytest.approx(ROUNDING_CAP * 1_000_000)


@pytest.mark.parametrize("pattern", [NUMBER_PATTERN, RANGE_PATTERN, QUALIFIER_PATTERN])
def test_patterns_have_no_groups_and_embed(pattern):
    compiled = regex.compile(pattern, regex.VERSION0)
    assert compiled.groups == 0
    assert "(?P<" not in pattern
    wrapped = regex.compile(rf"(?P<x>{pattern})!", regex.VERSION0)
    assert wrapped.groups == 1


def test_number_pattern_inside_a_conversion_pattern():
    pair = regex.compile(
        rf"(?P<a>{NUMBER_PATTERN}) kilometres \((?P<b>{NUMBER_PATTERN}) miles\)", regex.VERSION0
    )
    found = pair.search("covering 1,500 kilometres (900 miles) in a week")
    assert found is not None
    assert (found["a"], found["b"]) == ("1,500", "900")


def test_scale_letter_is_not_taken_from_a_unit():
    unit = regex.compile(rf"(?P<n>{NUMBER_PATTERN})(?P<u>mph|mm|m)\b", regex.VERSION0)
    assert unit.search("at 5mph")["n"] == "5"
    assert unit.search("a 5mm gap")["n"] == "5"
    # the scale is greedy but not possessive: a bigger pattern may still read metres
    assert unit.search("the 400m hurdles")["n"] == "400"
    alone = regex.compile(NUMBER_PATTERN, regex.VERSION0)
    assert alone.search("the 400m hurdles").group() == "400m"
    assert alone.search("5 men").group() == "5"


def test_qualifier_pattern_is_word_bounded_and_case_insensitive():
    qualifier = regex.compile(QUALIFIER_PATTERN, regex.VERSION0)
    assert qualifier.search("a roundabout way") is None
    assert qualifier.search("Some 300 troops").group() == "Some"
    assert qualifier.search("no fewer than 20").group() == "no fewer than"
    assert qualifier.search("~5km").group() == "~"
    assert qualifier.search("just  over 20").group() == "just  over"


# --- find_numbers ---------------------------------------------------------------------

SENTENCES = [
    ("In 2004, 1,500 people died.", [("1,500", 1500)]),
    ("The troops arrived at 10:30 and left at 10.30am.", []),
    ("the 3rd brigade and the 21st battalion", []),
    ("Leaders of the G7 met; hundreds of people and scores of deaths.", []),
    ("Thousands of people and dozens of cars", []),
    (
        "Revenue rose 2% to $11.1bn from $10.9bn in the 2004-05 season.",
        [("2%", 2), ("11.1bn", 11.1e9), ("10.9bn", 10.9e9)],
    ),
    (
        "about 350 kilometres (215 miles) north of Bamako, on Mon Jan 21 2013.",
        [("350", 350), ("215", 215)],
    ),
    ("He bought an MP3 player and a 4x4 for £30,000 on 21 January.", [("30,000", 30000)]),
    ("Call 0800 123 4567 or +44 20 7946 0958 before 7pm.", []),
    ("Version v2.1.3 shipped; No 10 said seven ministers agreed.", [("seven", 7)]),
    (
        "A third of voters backed the £1.2bn plan, affecting half a million people.",
        [("A third", 1 / 3), ("1.2bn", 1.2e9), ("half a million", 5e5)],
    ),
    ("Temperatures of -5C and rises of 10-15%.", [("-5", -5), ("10", 10), ("15%", 15)]),
    ("Sales were up 25 per cent, or 5m units.", [("25 per cent", 25), ("5m", 5e6)]),
    ("No one expected twenty-five players to win a third term.", [("twenty-five", 25)]),
    ("The 1990s saw 5mph limits and 5mm gaps; COVID-19 and F-16 jets.", [("5", 5), ("5", 5)]),
    ("He was born in 1950 and scored 2000 runs by 2004.", [("2000", 2000)]),
    ("Two dozen MPs, a .22 rifle and ½ hour.", [("Two dozen", 24), (".22", 0.22), ("½", 0.5)]),
    ("Between 150 and 200 million people", [("150", 150), ("200 million", 2e8)]),
]


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES)
def test_find_numbers(sentence, expected):
    found = find_numbers(sentence)
    assert [(sentence[start:end], n.value) for start, end, n in found] == [
        (text, pytest.approx(value)) for text, value in expected
    ]
    for start, end, number in found:
        assert sentence[start:end] == number.text
    starts = [start for start, _, _ in found]
    assert starts == sorted(starts)
    assert all(a[1] <= b[0] for a, b in zip(found, found[1:], strict=False))


def test_find_numbers_offsets_in_longer_text():
    text = "First line.\nSome 60 kilometres (20 miles) away, −3 degrees.\n"
    found = find_numbers(text)
    assert [(text[s:e], n.value) for s, e, n in found] == [
        ("60", 60),
        ("20", 20),
        ("−3", -3),
    ]
    assert found[0][0] == text.index("60")


# --- parse_range ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "percent"),
    [
        ("10-15", 10, 15, False),
        ("10–15", 10, 15, False),
        ("10 to 15", 10, 15, False),
        ("from 10 to 15", 10, 15, False),
        ("between 150 and 200", 150, 200, False),
        ("between 150 and 200 million", 150e6, 200e6, False),
        ("10-15%", 10, 15, True),
        ("1.5-2bn", 1.5e9, 2e9, False),
        ("between 10% and 20%", 10, 20, True),
        ("five to ten", 5, 10, False),
        ("two to three million", 2e6, 3e6, False),
        ("-5 to -10", -5, -10, False),
    ],
)
def test_parse_range(text, low, high, percent):
    result = parse_range(text)
    assert result is not None
    first, second = result
    assert first.value == pytest.approx(low)
    assert second.value == pytest.approx(high)
    assert first.percent is percent and second.percent is percent


def test_range_scale_lifts_the_interval_too():
    first, second = parse_range("between 150 and 200 million")
    assert first.scale == second.scale == 1e6
    assert first.scale_text == "million"
    assert (first.low, first.high) == pytest.approx((145e6, 155e6))


def test_range_does_not_lift_a_scale_that_breaks_the_order():
    first, second = parse_range("between 500 and 1.5 million")
    assert first.value == 500 and second.value == 1.5e6


@pytest.mark.parametrize("text", ["2004-05", "10", "up to 15", "between 5", "ten-fold"])
def test_not_a_range(text):
    assert parse_range(text) is None


# --- parse_qualifier ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, "="),
        ("", "="),
        ("about", "~"),
        ("Some", "~"),
        ("roughly", "~"),
        ("an estimated", "~"),
        ("close to", "~"),
        ("~", "~"),
        ("more than", ">"),
        ("over", ">"),
        ("upwards of", ">"),
        ("just over", ">"),
        ("at least", ">="),
        ("no fewer than", ">="),
        ("nearly", "<"),
        ("almost", "<"),
        ("just under", "<"),
        ("fewer than", "<"),
        ("below", "<"),
        ("up to", "<="),
        ("As  many\nas", "<="),
    ],
)
def test_parse_qualifier(text, expected):
    assert parse_qualifier(text) == expected


def test_every_pattern_match_is_a_known_qualifier():
    qualifier = regex.compile(QUALIFIER_PATTERN, regex.VERSION0)
    text = "about, some, nearly, more than, at least, up to, as many as, less than, ~"
    matches = [m.group() for m in qualifier.finditer(text)]
    assert len(matches) == 9
    assert {parse_qualifier(m) for m in matches} == {"~", "<", ">", ">=", "<="}


def test_unknown_qualifier_is_an_error():
    with pytest.raises(ValueError, match="wholly"):
        parse_qualifier("wholly")


# --- format_number --------------------------------------------------------------------


def _like(text: str) -> Number:
    number = parse_number(text)
    assert number is not None
    return number


@pytest.mark.parametrize(
    ("value", "digits", "decimals", "like", "expected"),
    [
        (37.28, 2, 0, None, "37"),
        (932.06, 4, 0, None, "932"),
        (375.6e6, 3, 0, "375 million", "376 million"),
        (12345.0, 5, 0, None, "12,345"),
        (1234.0, 4, 0, None, "1234"),
        (1234.0, 4, 0, "1,500", "1,234"),
        (2.2e9, 3, 2, "2.16 bil", "2.2 bil"),
        (1.46e9, 3, 2, "1.13bn", "1.46bn"),
        (26.4, 2, 0, "25%", "26%"),
        (26.4, 2, 0, "25 per cent", "26 per cent"),
        (-6.2, 1, 0, "\u22125", "\u22126"),
        (99.96, 3, 1, None, "100"),
        (0.0, 1, 0, None, "0"),
        (8, 1, 0, "seven", "eight"),
        (8, 1, 0, "Seven", "Eight"),
        (37, 2, 0, "twenty", "thirty-seven"),
        (0.25e6, 1, 1, "half a million", "a quarter of a million"),
        (2.5e6, 2, 1, "two million", "two and a half million"),
        (1 / 3, 2, 2, "two thirds", "a third"),
        (1.5, 2, 1, "2¾", "1½"),
        (150, 3, 0, "a hundred", "150"),
        (300_000, 1, 0, "5m", "0.3m"),
    ],
)
def test_format_number(value, digits, decimals, like, expected):
    written = format_number(value, digits=digits, decimals=decimals, like=like and _like(like))
    assert written == expected


def test_format_number_writes_what_parse_number_reads():
    for text, *_ in FIGURES:
        number = _like(text)
        again = parse_number(
            format_number(number.value, digits=number.digits, decimals=number.decimals, like=number)
        )
        assert again is not None, text
        assert again.value == pytest.approx(number.value, rel=1e-9, abs=1e-12)


_SCALES = st.sampled_from(["", "m", "k", "bn", " bn", "bil", " bil", "tn", " million", " billion"])
_PERCENT = st.sampled_from(["%", " %", " per cent", " percent", "pc"])
_WORDS = st.sampled_from(
    [
        "seven",
        "Twenty-one",
        "ninety nine",
        "a dozen",
        "two dozen",
        "half a dozen",
        "a hundred",
        "one hundred and fifty",
        "a million",
        "half a million",
        "a quarter of a billion",
        "three quarters of a million",
        "one and a half million",
        "two and a half",
        "a third",
        "two thirds",
        "zero",
        "five thousand",
    ]
)


@st.composite
def _figures(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["int", "grouped", "decimal", "vulgar", "words"]))
    sign = draw(st.sampled_from(["", "", "-", "\u2212"]))
    if kind == "words":
        words = draw(_WORDS)
        if "third" in words or "quarter" in words:  # "a third per cent" is not English
            return words
        return words + draw(st.sampled_from(["", " per cent"]))
    if kind == "vulgar":
        whole = draw(st.sampled_from(["", "1", "2", "12"]))
        return sign + whole + draw(st.sampled_from(list("½¼¾⅓⅔")))
    integer = draw(st.integers(min_value=0, max_value=10**13))
    if kind == "grouped":
        separator = draw(st.sampled_from([",", THIN, NBSP, NNBSP]))
        body = f"{integer:,}".replace(",", separator)
    elif kind == "decimal":
        places = draw(st.integers(min_value=1, max_value=6))
        fraction = draw(st.integers(min_value=0, max_value=10**places - 1))
        body = f"{integer % 100_000}.{fraction:0{places}d}"
    else:
        body = str(integer)
    suffix = draw(st.one_of(_SCALES, _PERCENT))
    return sign + body + suffix


@settings(max_examples=200, deadline=None)
@given(_figures())
def test_round_trip_property(text):
    number = parse_number(text)
    assert number is not None, text
    assert number.low <= number.value <= number.high
    written = format_number(
        number.value, digits=number.digits, decimals=number.decimals, like=number
    )
    again = parse_number(written)
    assert again is not None, (text, written)
    assert math.isclose(again.value, number.value, rel_tol=1e-9, abs_tol=1e-9), (text, written)
    assert again.percent == number.percent
