"""The date reader: what money checks and weekday rules rely on."""

from __future__ import annotations

import datetime as dt

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from factlint.quantities.dates import (
    DATE_PATTERN,
    MONTHS,
    WEEKDAYS,
    DateMention,
    find_dates,
    parse_date,
)


@pytest.mark.parametrize(
    ("text", "year", "month", "day", "weekday"),
    [
        ("Mon Jan 21 2013", 2013, 1, 21, 0),
        ("21 January 2013", 2013, 1, 21, None),
        ("January 21, 2013", 2013, 1, 21, None),
        ("2013-01-21", 2013, 1, 21, None),
        ("2013-01-21T10:30", None, None, None, None),  # see test below: only the date part
        ("Tuesday, 27 July 2012", 2012, 7, 27, 1),
        ("Tuesday 27th July 2012", 2012, 7, 27, 1),
        ("Tuesday the 27th of July", None, 7, 27, 1),
        ("Jan. 20", None, 1, 20, None),
        ("Sept. 11, 2001", 2001, 9, 11, None),
        ("Sep 11 2001", 2001, 9, 11, None),
        ("21st of January", None, 1, 21, None),
        ("3rd March 1999", 1999, 3, 3, None),
        ("January 2013", 2013, 1, None, None),
        ("Dec 1999", 1999, 12, None, None),
        ("MONDAY 21 JANUARY 2013", 2013, 1, 21, 0),
        ("Thurs. 3 March", None, 3, 3, 3),
        ("Wed, 09 Feb 2011", 2011, 2, 9, 2),
        ("21 January, 2013", 2013, 1, 21, None),
        ("29 Feb", None, 2, 29, None),
        ("29 February 2012", 2012, 2, 29, None),
        ("1 May 1707", 1707, 5, 1, None),
    ],
)
def test_reads_written_dates(
    text: str, year: int | None, month: int | None, day: int | None, weekday: int | None
) -> None:
    if text.endswith("T10:30"):
        (found,) = find_dates(text)
        assert found[:2] == (0, 10)
        assert found[2].date == dt.date(2013, 1, 21)
        return
    mention = parse_date(text)
    assert mention == DateMention(text, year, month, day, weekday)


@pytest.mark.parametrize(
    "text",
    [
        "31 April 2013",  # no such day
        "29 Feb 2013",  # not a leap year
        "February 30",
        "2013-13-01",
        "2013-02-30",
        "32 January",
        "January 0",
        "21/01/2013",  # day-month or month-day: ambiguous, not read
        "march 3",  # lower case: a verb
        "may 5",
        "Monday",  # relative: needs an anchor
        "last March",
        "the 21st of January",  # parse_date reads the date itself, not its article
        "January 21-23",  # a span of days, not one date
        "2013",
        "Windows 7",
        "Marine 5",
        "Janet 21",
        "Jan 21st2013",
    ],
)
def test_rejects_what_is_not_one_date(text: str) -> None:
    assert parse_date(text) is None


def test_year_range_keeps_other_figures() -> None:
    # "1500" is outside the year range: the people are not a year.
    (found,) = find_dates("On March 3, 1500 people marched.")
    assert found[2] == DateMention("March 3", None, 3, 3, None)


def test_offsets_in_running_text() -> None:
    text = (
        "BAMAKO, Mon Jan 21 2013 (AFP) - Troops arrived on Tuesday, 27 July 2012, "
        "and again on 2013-01-21; the March 15 deadline passed in March 2013."
    )
    found = find_dates(text)
    assert [text[s:e] for s, e, _ in found] == [
        "Mon Jan 21 2013",
        "Tuesday, 27 July 2012",
        "2013-01-21",
        "March 15",
        "March 2013",
    ]
    assert all(m.text == text[s:e] for s, e, m in found)


def test_no_date_inside_other_tokens() -> None:
    text = "Version 2013-01-215 shipped; ref 12013-01-21; Theresa May 2016 speech; Mrs May 10 times"
    assert find_dates(text) == []


def test_date_wrapped_over_a_line() -> None:
    (found,) = find_dates("signed on January\n21, 2013 in Paris")
    assert found[2].date == dt.date(2013, 1, 21)
    assert find_dates("in January\n\n2013") == []


def test_weekday_checks() -> None:
    assert parse_date("Mon Jan 21 2013").weekday_matches is True
    assert parse_date("Tue Jan 21 2013").weekday_matches is False
    assert parse_date("Tue Jan 21").weekday_matches is None  # no year, nothing to check
    assert parse_date("21 January 2013").weekday_matches is None  # no weekday written


def test_with_year_and_iso() -> None:
    jan = parse_date("Jan. 20")
    assert jan.date is None
    assert jan.iso() == "--01-20"
    dated = jan.with_year(2013)
    assert dated.date == dt.date(2013, 1, 20)
    assert dated.iso() == "2013-01-20"
    assert parse_date("29 Feb").with_year(2013) is None
    assert parse_date("29 Feb").with_year(2012).date == dt.date(2012, 2, 29)
    assert parse_date("January 2013").iso() == "2013-01"
    assert parse_date("January 2013").date is None


def test_pattern_is_spliceable() -> None:
    compiled = regex.compile(DATE_PATTERN)
    assert compiled.groups == 0
    spliced = regex.compile(rf"dated (?P<d>{DATE_PATTERN}) in Bamako")
    found = spliced.search("a note dated Mon Jan 21 2013 in Bamako")
    assert found is not None
    assert parse_date(found["d"]).date == dt.date(2013, 1, 21)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _abbreviated(d: dt.date) -> str:
    return "May" if d.month == 5 else f"{d:%b}."  # AP style: May takes no point


_STYLES = (
    lambda d, wd: f"{wd} {d:%b} {d.day} {d.year}",
    lambda d, wd: f"{wd}, {d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d, wd: f"{wd}, {MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d, wd: f"{wd[:3]}. {_ordinal(d.day)} of {_abbreviated(d)} {d.year}",
)


@given(
    st.dates(min_value=dt.date(1700, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(_STYLES),
    st.booleans(),
)
def test_round_trip(day: dt.date, style, right_weekday: bool) -> None:  # noqa: ANN001
    weekday = day.weekday() if right_weekday else (day.weekday() + 1) % 7
    text = style(day, WEEKDAYS[weekday])
    mention = parse_date(text)
    assert mention is not None, text
    assert mention.date == day
    assert mention.weekday_matches is right_weekday
    assert [(s, e) for s, e, _ in find_dates(f"On {text}, it rained.")] == [(3, 3 + len(text))]
