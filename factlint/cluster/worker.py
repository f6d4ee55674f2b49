"""What runs inside a Dask worker: lint a batch of files, rules compiled once per process.

The first batch of a run that reaches a worker process resolves the run's
options, which compiles (or unpickles from the user's cache) every rule file
once; the compiled rules then stay in the process (config/file keeps them by
rule files), so later batches and later files cost only their own checking.
``stats()`` tells how often that happened, for the tests and for anyone
wondering whether a cluster recompiles.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Sequence

from factlint.api import Options, check_source
from factlint.cluster.job import FileOutcome, Item, Job
from factlint.cluster.reading import is_url, read_item
from factlint.config.file import Config, ConfigError, options_for, resolve
from factlint.text.source import SourceError

_LOCK = threading.Lock()
_WARMED: Counter[str] = Counter()  # job key -> times this process compiled its rules


def lint_batch(job: Job, items: Sequence[Item]) -> list[FileOutcome]:
    """Outcomes of ``items`` in order; a file that cannot be checked gets its one-line error."""
    warm(job)
    address = _address()
    outcomes = []
    for item in items:
        outcome = lint_item(job, item)
        outcome.worker = address
        outcomes.append(outcome)
    return outcomes


def lint_item(job: Job, item: Item) -> FileOutcome:
    """One file, as `factlint check` checks it locally (config, options, date logic)."""
    outcome = FileOutcome(path=item.shown)
    try:
        options, config = _options(job, item)
        outcome.fail_on = config.fail_on
        source = read_item(item, config.max_file_size)
    except (ConfigError, SourceError) as err:
        outcome.error = str(err)
        return outcome
    except Exception as err:  # a rule pack named by a config, as check_file does  # noqa: BLE001
        outcome.error = str(err)
        return outcome
    outcome.note = source.note
    try:
        options.checked = True  # the summary counts the claims checked, as a local run does
        result = check_source(source, options)
        outcome.findings, outcome.checked = result.findings, result.checked
        outcome.rule_seconds = result.rule_seconds
    except Exception as err:  # noqa: BLE001 - as check_file: one line, the others still run
        outcome.error = f"{item.shown}: could not be checked: {type(err).__name__}: {err}"[:500]
        return outcome
    if outcome.findings:
        # Reporters print the lines of findings; a file without any needs no text back.
        outcome.text = source.text
    return outcome


def _options(job: Job, item: Item) -> tuple[Options, Config]:
    if is_url(item.target):
        config = job.url_config or Config(root=os.getcwd())
        return resolve(config, None, job.cli), config
    return options_for(item.target, cli=job.cli, config_file=job.config_file)


def warm(job: Job) -> None:
    """Compile the run's rules once in this process, under a lock: a worker with several
    threads must not compile the same packs in each of them."""
    key = job.key
    if _WARMED[key]:
        return
    with _LOCK:
        if _WARMED[key]:
            return
        try:
            if job.url_config is not None:
                resolve(job.url_config, None, job.cli)
            else:
                options_for(None, cli=job.cli, config_file=job.config_file)
        except Exception:  # noqa: BLE001 - reported per file by lint_item, in one line each
            pass
        _WARMED[key] += 1


def stats() -> dict[str, int]:
    """How many times this process compiled each run's rules (1 each, if all is well)."""
    return dict(_WARMED)


def _address() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):  # run outside a worker (lint_bag on a local scheduler)
        return f"pid:{os.getpid()}"


def version() -> str:
    """The factlint version this worker runs (the client refuses a mismatch)."""
    from factlint._version import __version__

    return __version__
