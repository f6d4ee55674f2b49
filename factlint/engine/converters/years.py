"""The years a money sentence names, whose rates a conversion may have used.

"Sales in 2001 were 3bn euros ($2.7bn)" was most likely converted at 2001's rates, though the
article is from 2004; "last year", "a year earlier" and "the following year" (after a year
written just before) name a year too. A conversion is accepted at the article date's rates or
at those of an earlier year its clause names, so a figure converted when it was earned is not
reported as wrong. A year after the article's ("by 2014") had no rates yet when it was written.
"""

from __future__ import annotations

import datetime as dt

import regex

from factlint.article_date import ArticleDate

_SENTENCE_END = regex.compile(r"[.!?](?=[^\S\n]|$)|\n")
# Inside a sentence, a year governs its own clause: "It considered a sale in 2002 but sold a
# stake for 775m euros ($1bn)" converted at the article's rates, not 2002's.
_CLAUSE_START = regex.compile(r"(?i);[^\S\n]|,?[^\S\n]+(?:but|while|whereas|although)\b")
_YEAR = regex.compile(r"(?<![\w$£€.,])(19[5-9]\d|20\d\d)(?![\w%,.]\d|\d|[^\S\n]?(?:%|bn|m\b))")
_RELATIVE = regex.compile(
    r"(?i)\b(?:(last|previous|past|next|coming|this|current|following) (?:financial |fiscal )?year"
    r"|a year (earlier|ago|before|later|on))\b"
)
_OFFSETS = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "earlier": -1,
    "ago": -1,
    "before": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
    "later": 1,
    "on": 1,
    "this": 0,
    "current": 0,
}
# "the previous year", "the following year", "a year later" count from a year the sentence
# names; "last year", "next year", "a year ago" from the article's date.
_FROM_NAMED = frozenset({"previous", "following", "earlier", "before", "later", "on"})
MAX_YEARS = 3  # a sentence naming more years than this is a table, not one conversion's date


def sentence_bounds(prose: str, start: int, end: int) -> tuple[int, int, int]:
    """Where the sentence before the claim's starts, where the claim's starts and ends."""
    ends = [m.end() for m in _SENTENCE_END.finditer(prose, max(0, start - 2000), start)]
    own = ends[-1] if ends else max(0, start - 2000)
    before = ends[-2] if len(ends) >= 2 else max(0, start - 2000)
    tail = _SENTENCE_END.search(prose, end)
    return before, own, tail.end() if tail else len(prose)


def _written(prose: str, head: int, tail: int, start: int, end: int) -> list[int]:
    return [
        int(found.group(1))
        for found in _YEAR.finditer(prose, head, tail)
        if not start <= found.start() < end  # a figure of the claim itself
    ]


def named_years(prose: str, start: int, end: int, article: ArticleDate) -> list[int]:
    """Years other than the article's that the claim's sentence names: written ("in 2001"),
    or relative to the article ("last year") or to a year written in it or just before it
    ("the following year")."""
    before, head, tail = sentence_bounds(prose, start, end)
    own = set(range(article.start.year, article.end.year + 1))
    clause = max([m.end() for m in _CLAUSE_START.finditer(prose, head, start)], default=head)
    after = _CLAUSE_START.search(prose, end, tail)
    years = _written(prose, clause, after.start() if after else tail, start, end)
    context = _written(prose, before, tail, start, end)
    for found in _RELATIVE.finditer(prose, clause, after.start() if after else tail):
        word = (found.group(1) or found.group(2)).lower()
        offset = _OFFSETS[word]
        if word in _FROM_NAMED:
            if context:
                years.append(context[-1] + offset)
        else:
            years.extend(year + offset for year in own)
    # a writer cannot have used the rates of a year after the article ("by 2014", "next year")
    result = sorted({year for year in years if year not in own and year <= article.end.year})
    return result if len(result) <= MAX_YEARS else []


def year_dates(years: list[int], last: dt.date) -> list[ArticleDate]:
    """Each year as a period, never reaching past the rate data's last day."""
    return [
        ArticleDate(dt.date(year, 1, 1), min(dt.date(year, 12, 31), last), f"{year}, named")
        for year in years
        if dt.date(year, 1, 1) <= last
    ]
