"""Checking files: one in this process, many in a process pool.

`check_paths` is the one call the `check` command makes to turn paths into
results; another executor (a Dask cluster, say) replaces it and nothing else.
A handful of files run in this process; more run in a process pool, one
worker per core, each compiling the rules once and receiving only paths, so
the cost of a big archive is spread without shipping rule objects around.
Results come back sorted by path, so the output is the same whatever order
the workers finish in.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from factlint.findings import Claim, Finding

# Below this many files a pool costs more (worker start-up, rule compiling) than it saves.
POOL_THRESHOLD = 8
PROGRESS_THRESHOLD = 200
MAX_FIX_PASSES = 5


@dataclass(frozen=True, slots=True)
class Settings:
    """What every worker needs besides a path; small and picklable by design."""

    cli: Mapping[str, Any] = field(default_factory=dict)
    config_file: str | None = None
    fix: bool = False
    diff: bool = False
    stdin_filename: str | None = None


@dataclass(slots=True)
class FileResult:
    path: str
    text: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    note: str | None = None
    fixed: int = 0  # number of fixes written (or, with --diff, that would be)
    diff: str = ""
    fix_error: str | None = None
    fail_on: str | None = None
    worker: int = 0  # process id of the pool worker that checked it (0: this process)
    checked: list[Claim] = field(default_factory=list)  # every claim evaluated, any verdict
    rule_seconds: dict[str, float] = field(default_factory=dict)  # CPU time of each rule


def check_paths(
    paths: list[str], settings: Settings, jobs: int = 0, stdin_text: str | None = None
) -> list[FileResult]:
    """Every path checked (``-`` with `stdin_text`), sorted by path: the executor seam."""
    results: list[FileResult] = []
    if "-" in paths:
        results.append(check_file("-", settings, stdin_text))
    files = [p for p in paths if p != "-"]
    progress = _Progress(len(files))
    results.extend(progress.step(check_files(files, settings, jobs)))
    results.sort(key=lambda r: r.path)
    return results


# ---------------------------------------------------------------- one file


def check_file(path: str, settings: Settings, stdin_text: str | None = None) -> FileResult:
    """Check (and with --fix/--diff, fix) one file; never raises for a bad file."""
    from factlint.api import check_source
    from factlint.config.file import ConfigError, options_for
    from factlint.engine.loader import RuleError
    from factlint.text.source import SourceError, read_source, source_from_text

    shown = (settings.stdin_filename or "-") if path == "-" else path
    result = FileResult(path=shown)
    try:
        config_path = settings.stdin_filename if path == "-" else path
        options, config = options_for(
            config_path, cli=settings.cli, config_file=settings.config_file
        )
        result.fail_on = config.fail_on
        if path == "-":
            source = source_from_text(stdin_text or "", settings.stdin_filename or "-")
        else:
            source = read_source(path, max_size=config.max_file_size)
    except (ConfigError, SourceError, RuleError, OSError) as err:
        # a broken config, a rule pack it names, an unreadable file: one line, named
        result.error = str(err)
        return result
    result.note = source.note
    result.text = source.text
    try:
        options.checked = True  # the summary always counts the claims checked
        checked = check_source(source, options)
        result.findings, result.checked = checked.findings, checked.checked
        result.rule_seconds = checked.rule_seconds
        if settings.fix or settings.diff:
            _fix(result, source, options, settings, write=path != "-")
    except Exception as err:  # noqa: BLE001 - one line naming the file; the others still run
        result.error = f"{shown}: could not be checked: {type(err).__name__}: {err}"[:500]
    return result


def _fix(result: FileResult, source: Any, options: Any, settings: Settings, *, write: bool) -> None:
    """Apply safe fixes until nothing changes, then write the file (or, with --diff, a diff)."""
    from factlint.api import check_source
    from factlint.workspace.fixer import FixError, plan_fixes, unified_diff, write_fixed

    text, findings = source.text, result.findings
    for _ in range(MAX_FIX_PASSES):
        planned = plan_fixes(text, findings)
        if planned.text == text:
            break
        result.fixed += len(planned.applied)
        text = planned.text
        checked = check_source(dataclasses.replace(source, text=text), options)
        findings, result.checked = checked.findings, checked.checked
    if text != source.text:
        if settings.diff:
            result.diff = unified_diff(result.path, source.text, text)
        elif write:
            try:
                warning = write_fixed(source, text)
                if warning:
                    result.note = "; ".join(filter(None, [result.note, warning]))
            except FixError as err:
                result.fix_error = str(err)
                text, result.fixed = source.text, 0
                checked = check_source(source, options)
                findings, result.checked = checked.findings, checked.checked
    result.text = text
    result.findings = findings


# ---------------------------------------------------------------- many files

_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    from factlint.config.file import remember_discovery

    global _SETTINGS
    _SETTINGS = settings
    remember_discovery()  # a worker lives for one run: each folder's config is found once


def _work(path: str) -> FileResult:
    assert _SETTINGS is not None
    result = check_file(path, _SETTINGS)
    result.worker = os.getpid()
    return result


def check_files(paths: list[str], settings: Settings, jobs: int = 0) -> Iterator[FileResult]:
    """Results for `paths` in any order: in-process for a few files, else a process pool."""
    workers = jobs or os.cpu_count() or 1
    if len(paths) <= POOL_THRESHOLD or workers <= 1:
        for path in paths:
            yield check_file(path, settings)
        return
    from concurrent.futures import ProcessPoolExecutor

    workers = min(workers, len(paths))
    chunk = max(1, min(32, len(paths) // (workers * 4)))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(settings,)
    ) as pool:
        yield from pool.map(_work, paths, chunksize=chunk)


class _Progress:
    """A one-line counter on stderr, only on a terminal and only for big runs."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.active = total > PROGRESS_THRESHOLD and sys.stderr.isatty()

    def step(self, items: Iterable[FileResult]) -> Iterator[FileResult]:
        for item in items:
            self.done += 1
            if self.active and (self.done % 10 == 0 or self.done == self.total):
                width = 30
                filled = width * self.done // self.total
                bar = "#" * filled + "-" * (width - filled)
                sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} files")
                sys.stderr.flush()
            yield item
        if self.active:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
