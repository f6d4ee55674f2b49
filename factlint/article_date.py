"""When an article was written: money is converted at that day's rate and bare
weekdays are checked against it.

The order is fixed and every result says where it came from: the caller's
date (--date, the API), the front matter (`date:`, else Hugo's
`publishDate:`), the file name (Jekyll's `_posts/2013-01-21-slug.md`), a
dateline in the text, the configuration; with none, the caller decides (money falls back to the last
date of the rate data and says so). A date may be a period ("2004",
"2004-07", "2004-07-01..2005-02-01") when only that much is known; checks
then allow for every day of it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from factlint.quantities.dates import find_dates, parse_date

DATELINE_WINDOW = 400  # characters at the top of the prose searched for a date
# Front-matter keys that hold the publication date, in the order they are trusted.
FRONT_MATTER_KEYS = ("date", "publishDate", "publishdate")
# Jekyll posts and many static-site generators: 2013-01-21-slug.md
_FILE_NAME_DATE = regex.compile(r"(\d{4})-(\d{2})-(\d{2})-")


@dataclass(frozen=True, slots=True)
class ArticleDate:
    start: dt.date
    end: dt.date
    source: str  # "--date", "front matter", "file name", "dateline", "config", "latest rates"

    @property
    def exact(self) -> bool:
        return self.start == self.end

    @property
    def day(self) -> dt.date:
        return self.start

    def __str__(self) -> str:
        if self.exact:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def parse_period(text: str, source: str) -> ArticleDate:
    """Read "2013-01-21", "2013-01", "2013" or "A..B"; ValueError with a clear message."""
    text = str(text).strip()
    if ".." in text:
        first, _, last = text.partition("..")
        start, end = parse_period(first, source), parse_period(last, source)
        if end.end < start.start:
            raise ValueError(f"date range {text!r} ends before it starts")
        return ArticleDate(start.start, end.end, source)
    match = regex.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if match:
        year = int(match[1])
        try:
            if match[3]:
                day = dt.date(year, int(match[2]), int(match[3]))
                return ArticleDate(day, day, source)
            if match[2]:
                month = int(match[2])
                last = calendar.monthrange(year, month)[1]
                return ArticleDate(dt.date(year, month, 1), dt.date(year, month, last), source)
            return ArticleDate(dt.date(year, 1, 1), dt.date(year, 12, 31), source)
        except ValueError:
            pass
    mention = parse_date(text)
    if mention is not None and mention.date is not None:
        return ArticleDate(mention.date, mention.date, source)
    raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, YYYY-MM, YYYY or A..B)")


MAX_DATE_TEXT = 200  # longer than any way of writing a date


def from_value(value: Any, source: str) -> ArticleDate | None:
    """A date as YAML or a caller gives it: date, datetime, or text."""
    if value is None or value == "":
        return None
    if isinstance(value, ArticleDate):
        return value
    if isinstance(value, dt.datetime):
        return ArticleDate(value.date(), value.date(), source)
    if isinstance(value, dt.date):
        return ArticleDate(value, value, source)
    # Front matter is untrusted: str() of a nested list (an alias bomb) or of a
    # 3,700-digit integer must never be attempted. Text, dates and years only.
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    if isinstance(value, int) and not 1 <= value <= 9999:
        return None
    if isinstance(value, str) and len(value) > MAX_DATE_TEXT:
        return None
    text = str(value).strip()
    try:
        return parse_period(text, source)
    except ValueError:
        pass
    try:  # "2013-01-21T09:30:00Z" and other ISO timestamps
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return ArticleDate(stamp.date(), stamp.date(), source)
    except ValueError:
        return None


def front_matter_date(metadata: dict) -> ArticleDate | None:
    """The first of `date:` / `publishDate:` that holds a date (a period is fine)."""
    for key in FRONT_MATTER_KEYS:
        chosen = from_value(metadata.get(key), "front matter")
        if chosen is not None:
            return chosen
    return None


def front_matter_problem(metadata: dict) -> tuple[str, str] | None:
    """(key, message) for a date key whose value is not a date: reported, since money
    would otherwise be checked at another day's rate without a word."""
    for key in FRONT_MATTER_KEYS:
        value = metadata.get(key)
        if value is None or value == "":
            continue
        if from_value(value, "front matter") is None:
            kinds = {"int": "a number", "float": "a number", "list": "a list", "dict": "a mapping"}
            shown = value if isinstance(value, str) else kinds.get(type(value).__name__, "no text")
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            return key, (
                f"front matter '{key}: {shown}' is not a date (use YYYY-MM-DD); "
                "the article's date is taken from elsewhere"
            )
    return None


def file_name_date(path: str | None) -> ArticleDate | None:
    """2013-01-21 from a file named 2013-01-21-slug.md (Jekyll's _posts and its kin)."""
    if not path:
        return None
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    found = _FILE_NAME_DATE.match(name)
    if found is None:
        return None
    try:
        day = dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None
    return ArticleDate(day, day, "file name")


def find_dateline(prose: str, text: str, dates: Sequence | None = None) -> dt.date | None:
    """A full date standing on a source line of its own (the agency dateline), else one
    near the top. `text` is the source, of the same length as `prose`: line breaks
    that the prose view joined still mark a dateline."""
    dates = find_dates(prose) if dates is None else dates
    for start, end, mention in dates:
        if mention.date is None:
            continue
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        line_end = min(i for i in (text.find("\n", end), text.find("\r", end), len(text)) if i >= 0)
        if not prose[line_start:start].strip() and not prose[end:line_end].strip(" .,\t"):
            return mention.date
    for _start, end, mention in dates:
        if end <= DATELINE_WINDOW and mention.date is not None:
            return mention.date
    return None


def resolve_article_date(
    given: Any,
    metadata: dict,
    prose: str,
    text: str,
    configured: Any = None,
    dates: Sequence | None = None,
    path: str | None = None,
) -> ArticleDate | None:
    """The article's date by the documented order; None when nothing says.

    `dates` is find_dates(prose) when the caller has it already; `path` is the
    file's name, which may carry the date."""
    chosen = from_value(given, "--date")
    if chosen is None:
        chosen = front_matter_date(metadata)
    if chosen is None:
        chosen = file_name_date(path)
    if chosen is None:
        day = find_dateline(prose, text, dates)
        chosen = ArticleDate(day, day, "dateline") if day else None
    if chosen is None:
        chosen = from_value(configured, "config")
    return chosen
