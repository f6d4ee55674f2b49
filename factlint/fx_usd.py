"""Rates per US dollar where the ECB has none: official pegs and approximate annual averages.

The ECB's reference rates start late for many currencies that news copy converts (the rupee
in 2009, the yuan in April 2005) and never cover the Gulf currencies. Without a rate a
conversion such as "40m rupees ($880,000)" in a 2004 article could never be checked. The
table in ``data/usd_rates.txt`` (a documented data file, not code) gives a rate per US dollar
for those currencies and years; :func:`cross_rate` crosses it into any other currency at the
ECB's dollar rate of the day. It is used only where the ECB data (bundled, or a registered
update) has no rate, and its rates carry a band wide enough that only a clear error is found:
an annual average says little about one day (about +-6 %, wider for a year of big moves), a
peg holds within +-1 %. docs/rates.md describes the file.

Nothing is read until a conversion needs it; the file is parsed once per process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from factlint.fx import RateError, Rates

DATA_FILE = "usd_rates.txt"
AVERAGE_BAND = 0.06  # how far a day's rate may lie from its year's average
PEG_BAND = 0.01  # how far a pegged rate may lie from the peg


@dataclass(frozen=True, slots=True)
class Peg:
    rate: float
    start: dt.date
    end: dt.date | None  # None: still in force


@dataclass(frozen=True, slots=True)
class UsdRate:
    """Units of a currency per US dollar: the band around the table's value, and why."""

    low: float
    high: float
    note: str


class UsdTable:
    """The parsed data file: currency names, pegs and annual averages (rate, band)."""

    def __init__(
        self,
        names: dict[str, str],
        pegs: dict[str, list[Peg]],
        years: dict[str, dict[int, tuple[float, float]]],
    ) -> None:
        self.names, self.pegs, self.years = names, pegs, years

    def per_usd(self, code: str, start: dt.date, end: dt.date) -> UsdRate | None:
        """The rate over [start, end] from one peg covering it, else from annual averages of
        every year it touches; None when the table does not cover all of it."""
        name = self.names.get(code, code)
        for peg in self.pegs.get(code, ()):
            if peg.start <= start and (peg.end is None or end <= peg.end):
                low, high = peg.rate * (1 - PEG_BAND), peg.rate * (1 + PEG_BAND)
                return UsdRate(low, high, f"the peg of {peg.rate:g} {name} to the dollar")
        known = self.years.get(code, {})
        wanted = range(start.year, end.year + 1)
        if any(year not in known for year in wanted):
            return None
        rows = [known[year] for year in wanted]
        values = [rate for rate, _band in rows]
        low = min(rate * (1 - band) for rate, band in rows)
        high = max(rate * (1 + band) for rate, band in rows)
        if start.year == end.year:
            note = f"{start.year}'s average rate of about {values[0]:g} {name} to the dollar"
        else:
            low_text, high_text = f"{min(values):g}", f"{max(values):g}"
            span = low_text if low_text == high_text else f"{low_text} to {high_text}"
            years = f"{start.year}-{end.year}"
            note = f"the average rates of {years}, about {span} {name} to the dollar"
        return UsdRate(low, high, note)


@lru_cache(maxsize=1)
def usd_table() -> UsdTable:
    """The package's table, parsed on first use (importlib.resources only then: it is slow
    to import)."""
    from importlib import resources

    text = resources.files("factlint").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_table(text, DATA_FILE)


def parse_table(text: str, name: str) -> UsdTable:
    """Read the data file's lines; a malformed one is a ValueError naming file and line."""
    names: dict[str, str] = {}
    pegs: dict[str, list[Peg]] = {}
    years: dict[str, dict[int, tuple[float, float]]] = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        try:
            kind, code, *rest = fields
            if kind == "name" and len(rest) == 1:
                names[code] = rest[0]
            elif kind == "peg" and len(rest) == 3:
                until = None if rest[2] == "-" else dt.date.fromisoformat(rest[2])
                rate = _positive(rest[0])
                pegs.setdefault(code, []).append(Peg(rate, dt.date.fromisoformat(rest[1]), until))
            elif kind == "year" and len(rest) in (2, 3):
                band = _percent(rest[2]) if len(rest) == 3 else AVERAGE_BAND
                years.setdefault(code, {})[int(rest[0])] = (_positive(rest[1]), band)
            else:
                raise ValueError(f"not a 'name', 'peg' or 'year' line: {line.strip()!r}")
        except ValueError as err:
            raise ValueError(f"{name}:{lineno}: {err}") from None
    return UsdTable(names, pegs, years)


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise ValueError(f"a rate must be positive: {text!r}")
    return value


def _percent(text: str) -> float:
    if not text.endswith("%"):
        raise ValueError(f"a band is a percentage such as '10%': {text!r}")
    return _positive(text[:-1]) / 100


def cross_rate(
    rates: Rates, base: str, quote: str, start: dt.date, end: dt.date
) -> tuple[float, float, str]:
    """Lowest and highest units of ``quote`` per ``base`` over [start, end], through the US
    dollar, with the table standing in for the ECB where it has no rate; and the note saying
    which table rates were used. RateError when neither has a rate."""
    b_low, b_high, b_note = _per_usd(rates, base.upper(), start, end)
    q_low, q_high, q_note = _per_usd(rates, quote.upper(), start, end)
    notes = [note for note in (b_note, q_note) if note]
    note = "at " + " and ".join(notes) if notes else ""
    return q_low / b_high, q_high / b_low, note


def _per_usd(rates: Rates, code: str, start: dt.date, end: dt.date) -> tuple[float, float, str]:
    """Units of ``code`` per dollar: the ECB's where it has them, the table's before that."""
    if code == "USD":
        return 1.0, 1.0, ""
    span = rates.span(code)
    if span is not None and span[0] <= start:
        if start == end:
            rate, _used = rates.rate("USD", code, start)
            return rate, rate, ""
        low, high = rates.rate_range("USD", code, start, end)
        return low, high, ""
    before = end if span is None or end < span[0] else span[0] - dt.timedelta(days=1)
    found = usd_table().per_usd(code, start, before)
    if found is None:
        where = f"on {start}" if start == end else f"between {start} and {end}"
        raise RateError(f"no rate for {code} {where}")
    low, high = found.low, found.high
    if before < end:  # the rest of the period has ECB rates
        ecb_low, ecb_high = rates.rate_range("USD", code, span[0], end)  # type: ignore[index]
        low, high = min(low, ecb_low), max(high, ecb_high)
    return low, high, found.note
