"""`factlint check --scheduler`: the "check these files" step run on a Dask cluster.

Everything before it (collecting the files, their configuration) and after it
(filters, baseline, reporters, exit code) is the local run's own code in
cli/check.py, so a cluster run differs from a local one only in where files
are checked. The address comes from --scheduler, else FACTLINT_SCHEDULER, else
the configuration's ``scheduler:``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from factlint.config.file import config_for

R = TypeVar("R")

ENV = "FACTLINT_SCHEDULER"


def scheduler_for(args: argparse.Namespace) -> str | None:
    """The scheduler address to use, or None for a local run; raises ConfigError."""
    if getattr(args, "scheduler", None):
        return args.scheduler
    if os.environ.get(ENV):
        return os.environ[ENV]
    return config_for(None, config_file=args.config).scheduler


def refusal(args: argparse.Namespace) -> str | None:
    """Why this invocation cannot run on a cluster, in one line, or None."""
    for flag, given in (("--fix", args.fix), ("--diff", args.diff)):
        if given:
            return (
                f"{flag} cannot be used with --scheduler: fixes are made where the files are, "
                f"so run `factlint check {flag}` without a scheduler"
            )
    return None


def check_files_on(
    address: str, files: list[str], settings: Any, make: Callable[..., R]
) -> Iterator[R]:
    """Results for ``files`` checked on the cluster at ``address``, in any order, each built
    by ``make`` (check.FileResult; passed in so that this module need not import check).

    Raises factlint.dask.ClusterError (one line) when the cluster cannot be used."""
    from factlint.dask import check_on_cluster

    config = config_for(None, config_file=settings.config_file)
    cli = dict(settings.cli)
    cli["rules"] = [os.path.abspath(p) for p in cli.get("rules") or ()]
    job = _job(cli, settings.config_file, config)
    for outcome in check_on_cluster(address, files, job, extensions=config.extensions):
        yield make(
            path=outcome.path,
            text=outcome.text,
            findings=outcome.findings,
            checked=outcome.checked,
            rule_seconds=outcome.rule_seconds,
            error=outcome.error,
            note=outcome.note,
            fail_on=outcome.fail_on,
        )


def _job(cli: dict, config_file: str | None, config):  # noqa: ANN001, ANN202 - a dask.Job
    from factlint.dask import Job

    absolute = os.path.abspath(config_file) if config_file else None
    return Job(cli=cli, config_file=absolute, url_config=config)
