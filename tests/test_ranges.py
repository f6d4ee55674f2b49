"""Ranges: read with both ends and their unit, and checked end by end when converted."""

from __future__ import annotations

import pytest

from factlint.api import lint
from factlint.extract import extract


@pytest.mark.parametrize(
    ("text", "written", "low", "high", "unit"),
    [
        ("The 8- to 16-metre boats were seized.", "8- to 16-metre", 8, 16, "meter"),
        ("The babies weigh 4-6 kg at birth.", "4-6 kg", 4, 6, "kilogram"),
        (
            "It lies from 250 miles to 290 miles away.",
            "from 250 miles to 290 miles",
            250,
            290,
            "mile",
        ),
        ("The bill is between $3m and $4m.", "between $3m and $4m", 3e6, 4e6, "USD"),
        ("A 10- to 12-day trip.", "10- to 12-day", 10, 12, "day"),
        # the unit (or the currency) written at both ends
        ("The fish are 8cm to 75cm long.", "8cm to 75cm", 8, 75, "centimeter"),
        ("The cubs weigh 10kg-20kg a year on.", "10kg-20kg", 10, 20, "kilogram"),
        ("It lies 5 miles to 10 miles away.", "5 miles to 10 miles", 5, 10, "mile"),
        ("It was between 20C and 30C all week.", "between 20C and 30C", 20, 30, "degree_Celsius"),
        ("The deal is worth $5m-$7m in all.", "$5m-$7m", 5e6, 7e6, "USD"),
        ("The damage is put at $1.3 to $1.5bn.", "$1.3 to $1.5bn", 1.3e9, 1.5e9, "USD"),
        ("The cost is £3-4bn a year.", "£3-4bn", 3e9, 4e9, "GBP"),
    ],
)
def test_a_range_is_read_with_both_ends(text, written, low, high, unit):
    (found,) = [m for m in extract(text) if m.kind == "range"]
    assert (found.text, found.low, found.high, found.unit) == (written, low, high, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose from $3m to $4m.",
        "The run was cut from 8 km to 5 km.",
        "It flew 20 miles and 30 km.",
        "He won the 800m and 1500m in Athens.",
        "Crude ended the day down $1.33 to $42.12.",
        "The 10kg-5kg drop was the biggest.",
        "It flew 10kg-20lb of cargo.",
    ],
)
def test_a_change_or_two_units_is_no_range(text):
    assert len(extract(text)) == 2
    assert all(m.kind != "range" for m in extract(text))


CONVERSIONS = [
    # (text, wrong end as written, fix) ; None: consistent
    ("The fish grow from 8 to 75 cm (3 to 30 in) long.", None, None),
    ("The fish grow from 8 to 75 cm (5 to 30 in) long.", "5", "3.1"),
    ("The fish grow from 8 to 75 cm (3 to 50 in) long.", "50 in", "30 in"),
    ("The babies weigh 3-5 pounds (1.4-2.3 kg) at birth.", None, None),
    ("The babies weigh 3-5 pounds (2-2.3 kg) at birth.", "2", "1.4"),
    ("The road runs between 10 and 12 miles (16-19 km) inland.", None, None),
    ("The road runs between 10 and 12 miles (16-25 km) inland.", "25 km", "19 km"),
    ("The 8- to 16-metre (26- to 52-foot) boats were seized.", None, None),
    ("The 8- to 16-metre (26- to 72-foot) boats were seized.", "72-foot", "52-foot"),
    ("Winds of 100-120 km/h (62-75 mph) were recorded.", None, None),
    ("Winds of 100-120 km/h (62-95 mph) were recorded.", "95 mph", "75 mph"),
    # the unit at both ends: each end against its own converted end
    ("The fish are 8cm to 75cm (3in to 30in) long.", None, None),
    ("The fish are 8cm to 75cm (5in to 30in) long.", "5in", "3.1in"),
    ("The fish are 8cm to 75cm (3in to 50in) long.", "50in", "30in"),
    ("The cubs weigh 10kg-20kg (22lb-44lb) a year on.", None, None),
    ("The cubs weigh 10kg-20kg (30lb-44lb) a year on.", "30lb", "22lb"),
    ("The cubs weigh 10kg-20kg (22lb-60lb) a year on.", "60lb", "44lb"),
    ("The lake lies 5 miles to 10 miles (8 km to 16 km) away.", None, None),
    ("The lake lies 5 miles to 10 miles (12 km to 16 km) away.", "12 km", "8 km"),
    ("The lake lies 5 miles to 10 miles (8 km to 30 km) away.", "30 km", "16 km"),
    ("It was between 20C and 30C (68F and 86F) all week.", None, None),
    ("It was between 20C and 30C (78F and 86F) all week.", "78F", "68F"),
    ("Highs of 20C and 30C (68F and 86F) are expected.", None, None),
    ("Highs of 20C and 30C (68F and 95F) are expected.", "95F", "86F"),
    ("The walk is from 5 to 10 miles (8 to 16 km) long.", None, None),
    ("The walk is from 5 to 10 miles (8 to 30 km) long.", "30 km", "16 km"),
    # backward or mixed ends are no range: nothing is corrected
    ("The fish are 75cm to 8cm (30in to 5in) long.", None, None),
    ("The fish are 8cm to 75cm (30in to 3in) long.", None, None),
    ("The cubs weigh 10kg-20lb (22lb-60lb) a year on.", None, None),
]


@pytest.mark.parametrize(("text", "wrong", "fix"), CONVERSIONS)
def test_each_end_of_a_converted_range_is_checked(text, wrong, fix):
    found = [f for f in lint(text) if f.rule.startswith("unit-range")]
    if wrong is None:
        assert found == []
        return
    (finding,) = found
    assert text[finding.fix.span.start : finding.fix.span.end] == wrong
    assert finding.fix.replacement == fix


def test_both_ends_wrong_are_two_findings():
    text = "The 8- to 16-metre (46- to 72-foot) boats were seized."
    fixes = sorted((f.fix.span.start, f.fix.replacement) for f in lint(text) if f.fix)
    assert [replacement for _, replacement in fixes] == ["26", "52-foot"]
