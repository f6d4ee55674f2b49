"""The options of `factlint check`, in one place so that the command module stays
about running a check, and README's option table has one source to follow."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_check_arguments(check: argparse.ArgumentParser, *, date_type: Callable) -> None:
    """Add every `check` option to `check` (the sub-parser main.py made)."""
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    _output_options(check)
    _selection_options(check, date_type)
    _file_options(check)
    _workflow_options(check)


def _output_options(check: argparse.ArgumentParser) -> None:
    from factlint.report import FORMATS

    check.add_argument(
        "--format",
        action="append",
        metavar="FORMAT[:FILE]",
        help=f"output format, one of {', '.join(sorted(FORMATS))} (default text); repeat it to "
        "write several, each with :FILE to write it to a file",
    )
    check.add_argument(
        "-o", "--output-file", metavar="FILE", help="write the report to FILE, not stdout"
    )
    check.add_argument(
        "--fail-on",
        choices=["error", "warning", "info"],
        help="lowest severity that makes the exit code 1 (default: config fail_on, or warning)",
    )
    check.add_argument(
        "--show",
        choices=["error", "warning", "info"],
        default="info",
        help="lowest severity printed (default: info)",
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even with findings (2 still on errors)"
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="findings and errors only: no summary, notes"
    )
    check.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text output (auto: on a terminal unless NO_COLOR is set)",
    )
    check.add_argument("--statistics", action="store_true", help="print counts by rule instead")
    check.add_argument(
        "--timing",
        action="store_true",
        help="also print, on stderr, the rules that took the most CPU time",
    )
    check.add_argument(
        "--show-checked",
        action="store_true",
        help="also list the claims that were checked and hold, or could not be decided",
    )


def _selection_options(check: argparse.ArgumentParser, date_type: Callable) -> None:
    check.add_argument(
        "--config", metavar="FILE", help="use this configuration file for every path"
    )
    check.add_argument(
        "--rules", action="append", default=[], metavar="PATH", help="extra rule file or folder"
    )
    check.add_argument("--no-builtin", action="store_true", help="do not load the built-in packs")
    check.add_argument("--select", action="append", metavar="IDS", help="only these rule ids/packs")
    check.add_argument("--ignore", action="append", metavar="IDS", help="skip these rule ids/packs")
    check.add_argument(
        "--date",
        type=date_type,
        help="publication date: YYYY-MM-DD, or a period (YYYY, YYYY-MM, FIRST..LAST)",
    )
    check.add_argument(
        "--report-unused-disables",
        action="store_true",
        help="report suppression comments that silenced nothing",
    )


def _file_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("--input-format", choices=["markdown", "text"])
    check.add_argument("--stdin-filename", metavar="PATH", help="path to report for '-'")
    check.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        help="skip files and folders matching GLOB when walking folders (repeatable)",
    )
    check.add_argument(
        "--no-respect-gitignore",
        dest="respect_gitignore",
        action="store_false",
        help="also check files that .gitignore excludes",
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the config's exclude and --exclude also to paths named on the command line",
    )


def _workflow_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--diff", action="store_true", help="print the safe fixes as a unified diff; write nothing"
    )
    check.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings not in FILE (created with today's findings if missing)",
    )
    check.add_argument("--update-baseline", action="store_true", help="rewrite the --baseline FILE")
    check.add_argument(
        "--changed-since", metavar="REV", help="only files and lines changed since git REV"
    )
    check.add_argument(
        "--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (0: one per core)"
    )
    check.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="check on the Dask cluster of this scheduler, e.g. tcp://10.0.0.5:8786 "
        "(also FACTLINT_SCHEDULER, config scheduler:); needs factlint[dask]",
    )
