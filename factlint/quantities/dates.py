"""Calendar dates as news copy writes them: "Mon Jan 21 2013", "21 January 2013", "2013-01-21".

Money checks need the day an article was written (exchange rates move), and a
dateline's weekday can be checked against its date ("Mon Jan 21 2013": 21
January 2013 was a Monday). Both need a date reader that never mistakes a
figure for a date or a date for a figure, and that keeps a year it was not
given as unknown instead of guessing one: "Jan. 20" is a `DateMention` with
`year=None`, and the caller decides which year it means.

Relative dates ("last March", "on Tuesday") are not read: they need an anchor
date, which is a rule's business. Slashed dates ("01/02/2013") are not read
either, since the same text is 1 February in London and 2 January in New York.

Like `factlint.quantities.numbers`, `DATE_PATTERN` is regex *source* for the `regex`
module with no capturing groups and no anchors, so the rule engine can splice
it into bigger patterns; the parser builds the same source with named groups.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import regex

from factlint.infra.regex_store import compiled_regex

__all__ = ["DATE_PATTERN", "MONTHS", "WEEKDAYS", "DateMention", "find_dates", "parse_date"]

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)

# Every way a month is written, as (surface, month number). Abbreviations may take a
# point ("Jan."); "May" has none. Both "Sep" and "Sept" are in use.
_MONTH_FORMS: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, start=1):
    _MONTH_FORMS[_name.lower()] = _number
    _MONTH_FORMS[_name[:3].lower()] = _number
_MONTH_FORMS["sept"] = 9

_WEEKDAY_FORMS: dict[str, int] = {}
for _number, _name in enumerate(WEEKDAYS):
    _WEEKDAY_FORMS[_name.lower()] = _number
    _WEEKDAY_FORMS[_name[:3].lower()] = _number
_WEEKDAY_FORMS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

# A year is four digits from 1700 to 2099: wide enough for history, narrow enough that
# "January 21, 1500 people" keeps its count.
_YEAR = r"(?:1[7-9]\d\d|20\d\d)(?![\d,.]\d|[\w%])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORDINAL = r"(?:st|nd|rd|th)"
# Between the words of a date: spaces, or one line break where prose was wrapped.
_SP = r"(?:[ \t\u00a0]*\n[ \t\u00a0]*|[ \t\u00a0]+)"


def _cased(words: list[str]) -> str:
    """Capitalised or upper-case forms only: lower-case "may" and "march" are verbs."""
    forms = set()
    for word in words:
        forms.add(word[0].upper() + word[1:])
        forms.add(word.upper())
    # sorted by length, then alphabetically: the pattern's text must not change between
    # runs (set order does), or no cache of compiled patterns could ever be reused
    return "(?:" + "|".join(sorted(forms, key=lambda form: (-len(form), form))) + ")"


def _date_source(named: bool) -> str:
    def g(name: str, body: str) -> str:
        return f"(?P<{name}>{body})" if named else f"(?:{body})"

    long_months = [m.lower() for m in MONTHS]
    short_months = [m for m in _MONTH_FORMS if m not in long_months]
    # A full name, or an abbreviation with an optional point; "Mar" never runs into "Marine".
    month_body = rf"(?:{_cased(long_months)}|{_cased(short_months)}\.?)(?![\w'’-])"
    long_days = [d.lower() for d in WEEKDAYS]
    short_days = [d for d in _WEEKDAY_FORMS if d not in long_days]
    weekday_body = rf"(?:{_cased(long_days)}|{_cased(short_days)}\.?)(?![\w'’-])"

    def month(name: str) -> str:
        # "Theresa May 2016" and "Mrs May 10 times" name a person.
        return r"(?<!\b(?:Theresa|Mrs|Ms|Mr)\.?[ ])" + g(name, month_body)

    def day(name: str) -> str:
        return g(name, rf"{_DAY}(?!\d)") + rf"(?:{_ORDINAL})?(?![\w:.,]\d|\w)"

    def year(name: str) -> str:
        return g(name, _YEAR)

    # "Monday, " / "Mon " / "on Tuesday the " before a written date
    weekday = rf"(?:{g('wd', weekday_body)},?{_SP}(?:the{_SP})?)?"
    iso_year = g("iy", r"(?:1[7-9]\d\d|20\d\d)")
    iso_month = g("im", r"(?:0[1-9]|1[0-2])")
    iso_day = g("id", r"(?:0[1-9]|[12]\d|3[01])")
    iso = rf"(?<![\w.,/-]){iso_year}-{iso_month}-{iso_day}(?!(?!T\d)[\w/-]|[.,:]\d)"
    # 21 January 2013, 21st of January, 21 Jan. 2013
    day_first = (
        rf"(?<![\w.,/:-]){day('d1')}{_SP}(?:of{_SP})?{month('m1')}"
        rf"(?:,?{_SP}{year('y1')})?"
    )
    # January 21, 2013; Jan. 21st; Jan 21 2013
    month_first = rf"{month('m2')}{_SP}{day('d2')}(?:,?{_SP}{year('y2')})?"
    # January 2013 (no day)
    month_year = rf"{month('m3')},?{_SP}{year('y3')}"
    return (
        rf"(?:{weekday}(?:{day_first}|{month_first})|(?<![\w-]){month_year}|{iso}"
        r")(?!-\d)"
    )


DATE_PATTERN: str = _date_source(named=False)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A written calendar date; parts the writer left out are None.

    `weekday` is the day of the week as written (0 = Monday), not as computed, so a
    rule can compare the two through `weekday_matches`.
    """

    text: str
    year: int | None
    month: int
    day: int | None
    weekday: int | None = None

    @property
    def date(self) -> dt.date | None:
        """The calendar day, when the text gives year, month and day."""
        if self.year is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    @property
    def weekday_matches(self) -> bool | None:
        """Whether the written weekday is right; None when there is nothing to check."""
        day = self.date
        if day is None or self.weekday is None:
            return None
        return day.weekday() == self.weekday

    def with_year(self, year: int) -> DateMention | None:
        """The same date in a year the caller inferred (from a dateline, say).

        None when the day does not exist in that year (29 February).
        """
        if self.day is not None and not _valid(year, self.month, self.day):
            return None
        return DateMention(self.text, year, self.month, self.day, self.weekday)

    def iso(self) -> str:
        """ISO 8601 text; a missing year is written "--MM-DD", a missing day "YYYY-MM"."""
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _valid(year: int | None, month: int, day: int) -> bool:
    # A leap year stands in for an unknown one, so "Feb 29" is a date.
    try:
        dt.date(2000 if year is None else year, month, day)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=1)
def _date_regex() -> regex.Pattern:
    return compiled_regex(_date_source(named=True), regex.VERSION0)


def _mention(found: regex.Match) -> DateMention | None:
    text = found.group()
    if found.start("iy") >= 0:
        year, month, day = int(found["iy"]), int(found["im"]), int(found["id"])
    else:
        for suffix in "123":
            if found.start("m" + suffix) >= 0:
                break
        month = _MONTH_FORMS[found["m" + suffix].rstrip(".").lower()]
        year_text = found["y" + suffix]
        year = int(year_text) if year_text else None
        day_text = found["d" + suffix] if suffix != "3" else None
        day = int(day_text) if day_text else None
    if day is not None and not _valid(year, month, day):
        return None
    weekday = None
    if found.start("wd") >= 0:
        weekday = _WEEKDAY_FORMS[found["wd"].rstrip(".").lower()]
    return DateMention(text, year, month, day, weekday)


@lru_cache(maxsize=1024)
def parse_date(text: str) -> DateMention | None:
    """Read a text that DATE_PATTERN matches in full (outer whitespace aside).

    None for anything else, and for days that do not exist ("31 April", "29 Feb 2013").
    """
    text = text.strip()
    found = _date_regex().fullmatch(text) if text else None
    return _mention(found) if found else None


# Every date either names a month or is an ISO date: a cheap search for those finds where
# the full pattern (which cannot be anchored on one character) is worth running.
_ANCHOR = (
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    r"|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)|\b(?:1[7-9]|20)\d\d-\d\d-\d"
)
_DATE_START = r"\b(?=[A-Z0-9])"
WINDOW_BEFORE = 40  # room for "Tuesday, 27th of " before a month name
WINDOW_AFTER = 40  # room for " 27th, 2012" after it


def find_dates(
    text: str, pos: int = 0, endpos: int | None = None
) -> list[tuple[int, int, DateMention]]:
    """Every date in a text (or in text[pos:endpos]) with its [start, end) offsets.

    The full pattern runs only in windows around month names and ISO dates (a
    whole-text scan cost more than every other reader together); the text
    outside a window is still seen by look-behinds, so a window never starts a
    date mid-word.
    """
    end = len(text) if endpos is None else endpos
    windows: list[list[int]] = []
    for anchor in compiled_regex(_ANCHOR, regex.VERSION0).finditer(text, pos, end):
        begin = max(pos, anchor.start() - WINDOW_BEFORE)
        stop = min(end, anchor.end() + WINDOW_AFTER)
        if windows and begin <= windows[-1][1]:
            windows[-1][1] = stop  # overlapping windows merge: a date may span both
        else:
            windows.append([begin, stop])
    found = []
    date_regex = _date_regex()
    starts = compiled_regex(_DATE_START, regex.VERSION0)
    for begin, stop in windows:
        # a date starts a word with a capital or a digit: try the full pattern only there
        position = begin
        for candidate in starts.finditer(text, begin, stop):
            if candidate.start() < position:
                continue
            match = date_regex.match(text, candidate.start(), stop)
            if match is None:
                continue
            mention = _mention(match)
            if mention is not None:
                found.append((match.start(), match.end(), mention))
                position = match.end()
    return found
