"""`factlint check`: files in, findings out, with the exit code scripts rely on.

Each file is checked with the configuration that governs it (config.py). A
handful of files run in this process; more run in a process pool, one worker
per core, each compiling the rules once and receiving only paths, so the cost
of a big archive is spread without shipping rule objects around. Results are
sorted by path and offset before anything is printed, so the output is the
same whatever order the workers finish in.

Exit codes: 0 nothing at or above the fail level, 1 findings (or, with
--diff, changes to make), 2 usage, configuration, rule or file errors.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from factlint.article_date import ArticleDate, parse_period
from factlint.cli.exit_codes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from factlint.findings import RULE_ERROR_ID, Finding, severity_rank

# Below this many files a pool costs more (worker start-up, rule compiling) than it saves.
POOL_THRESHOLD = 8
PROGRESS_THRESHOLD = 200
MAX_FIX_PASSES = 5


class CheckUsageError(Exception):
    """A problem with the invocation (bad revision, unreadable baseline); exit 2."""


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


def add_arguments(check: argparse.ArgumentParser) -> None:
    """The `check` options (cli.py builds the sub-parser and calls this)."""
    from factlint.report import FORMATS

    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
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
        type=_date,
        help="publication date: YYYY-MM-DD, or a period (YYYY, YYYY-MM, FIRST..LAST)",
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
    check.add_argument("--input-format", choices=["markdown", "text"])
    check.add_argument("--stdin-filename", metavar="PATH", help="path to report for '-'")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--diff", action="store_true", help="print the safe fixes as a unified diff; write nothing"
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the config's exclude also to paths named on the command line",
    )
    check.add_argument(
        "--report-unused-disables",
        action="store_true",
        help="report suppression comments that silenced nothing",
    )
    check.add_argument("--statistics", action="store_true", help="print counts by rule instead")
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


def _date(text: str) -> ArticleDate:
    """A day, or the period an article is known to fall in: "2013-01-21", "2004", "2004-07",
    "2004-01-01..2005-03-31" (money then allows the rate's range over it)."""
    try:
        return parse_period(text, "--date")
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def settings_from(args: argparse.Namespace) -> Settings:
    cli = {
        "rules": list(args.rules or []),
        "builtin": not args.no_builtin,
        "select": args.select,
        "ignore": args.ignore,
        "date": args.date,
        "format": args.input_format,
        "report_unused_disables": args.report_unused_disables,
    }
    return Settings(
        cli=cli,
        config_file=args.config,
        fix=args.fix,
        diff=args.diff,
        stdin_filename=args.stdin_filename,
    )


# ---------------------------------------------------------------- one file


def check_file(path: str, settings: Settings, stdin_text: str | None = None) -> FileResult:
    """Check (and with --fix/--diff, fix) one file; never raises for a bad file."""
    from factlint.config.file import ConfigError, options_for
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
    except (ConfigError, SourceError) as err:
        result.error = str(err)
        return result
    except Exception as err:  # a rule pack named by a config, say  # noqa: BLE001
        result.error = str(err)
        return result
    result.note = source.note
    try:
        _check_and_fix(path, shown, source, options, settings, result)
    except Exception as err:  # noqa: BLE001 - one line naming the file; the others still run
        result.error = f"{shown}: could not be checked: {type(err).__name__}: {err}"[:500]
    return result


def _check_and_fix(
    path: str, shown: str, source: Any, options: Any, settings: Settings, result: FileResult
) -> None:
    from factlint.api import check_source
    from factlint.workspace.fixer import FixError, plan_fixes, unified_diff, write_fixed

    findings = check_source(source, options).findings
    text = source.text
    if settings.fix or settings.diff:
        for _ in range(MAX_FIX_PASSES):
            planned = plan_fixes(text, findings)
            if planned.text == text:
                break
            result.fixed += len(planned.applied)
            text = planned.text
            findings = check_source(dataclasses.replace(source, text=text), options).findings
        if text != source.text:
            if settings.diff:
                result.diff = unified_diff(shown, source.text, text)
            elif path != "-":
                try:
                    write_fixed(source, text)
                except FixError as err:
                    result.fix_error = str(err)
                    text, result.fixed = source.text, 0
                    findings = check_source(source, options).findings
    result.text = text
    result.findings = findings


# ---------------------------------------------------------------- many files

_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _SETTINGS
    _SETTINGS = settings


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


# ---------------------------------------------------------------- the command


def run(args: argparse.Namespace) -> int:
    from factlint.config.files import collect_files
    from factlint.workspace.baseline import BaselineError, new_findings, write_baseline
    from factlint.workspace.gitchanges import GitError, changed_lines

    settings = settings_from(args)
    try:
        paths = collect_files(args.paths, force_exclude=args.force_exclude, config_file=args.config)
    except Exception as err:  # a broken config found while walking  # noqa: BLE001
        print(f"factlint: {err}", file=sys.stderr)
        return EXIT_ERROR
    changed: dict[str, set[int] | None] | None = None
    if args.changed_since:
        try:
            changed = changed_lines(args.changed_since)
        except GitError as err:
            print(f"factlint: {err}", file=sys.stderr)
            return EXIT_ERROR
        paths = [p for p in paths if p == "-" or os.path.realpath(p) in changed]

    from factlint.cli import check_cluster

    try:
        scheduler = check_cluster.scheduler_for(args)
    except Exception as err:  # a broken config  # noqa: BLE001
        print(f"factlint: {err}", file=sys.stderr)
        return EXIT_ERROR
    if scheduler and (problem := check_cluster.refusal(args)):
        print(f"factlint: {problem}", file=sys.stderr)
        return EXIT_ERROR
    results: list[FileResult] = []
    if "-" in paths:
        results.append(check_file("-", settings, sys.stdin.read()))
    files = [p for p in paths if p != "-"]
    if scheduler:
        from factlint.dask import ClusterError

        try:
            results.extend(check_cluster.check_files_on(scheduler, files, settings, FileResult))
        except ClusterError as err:
            print(f"factlint: {err}", file=sys.stderr)
            return EXIT_ERROR
    else:
        progress = _Progress(len(files))
        results.extend(progress.step(check_files(files, settings, args.jobs)))
    results.sort(key=lambda r: r.path)

    had_error = False
    findings: list[Finding] = []
    sources: dict[str, str] = {}
    fail_on = args.fail_on
    for result in results:
        if result.error:
            print(f"factlint: {result.error}", file=sys.stderr)
            had_error = True
            continue
        if result.note:
            print(f"factlint: {result.path}: {result.note}", file=sys.stderr)
        if result.fix_error:
            print(f"factlint: {result.fix_error}", file=sys.stderr)
            had_error = True
        fail_on = fail_on or result.fail_on
        sources[result.path] = result.text or ""
        found = result.findings
        if changed is not None and result.path != "-":
            lines = changed.get(os.path.realpath(result.path))
            if lines is not None:
                found = [f for f in found if _touches(f, lines)]
        findings.extend(found)
    findings.sort(key=lambda f: (f.path or "-", f.span.start, f.span.end, f.rule))

    if args.baseline:
        try:
            if args.update_baseline or not os.path.exists(args.baseline):
                count = write_baseline(args.baseline, findings, sources)
                print(f"factlint: wrote {count} findings to {args.baseline}", file=sys.stderr)
                findings = []
            else:
                findings = new_findings(args.baseline, findings, sources)
        except (BaselineError, OSError) as err:
            print(f"factlint: {err}", file=sys.stderr)
            return EXIT_ERROR

    shown = severity_rank(args.show)
    findings = [f for f in findings if severity_rank(f.severity) >= shown]

    if args.diff:
        _write("".join(r.diff for r in results))
        return EXIT_ERROR if had_error else (EXIT_FINDINGS if any(r.diff for r in results) else 0)
    fail = severity_rank(fail_on or "warning")
    if args.fix:
        stdin_name = args.stdin_filename or "-"
        for result in results:
            if result.fixed and not ("-" in paths and result.path == stdin_name):
                plural = "s" if result.fixed != 1 else ""
                print(f"fixed {result.fixed} finding{plural} in {result.path}", file=sys.stderr)
        if "-" in paths:
            # Like formatters: fixed standard input goes to standard output, nothing else.
            _write(next(r.text or "" for r in results if r.path == stdin_name))
            remaining = any(severity_rank(f.severity) >= fail for f in findings)
            return EXIT_ERROR if had_error else (EXIT_FINDINGS if remaining else EXIT_OK)

    if args.statistics:
        _write(statistics(findings))
    else:
        _write(_render(args.format, findings, sources, settings))
    if had_error or any(f.rule == RULE_ERROR_ID for f in findings):
        return EXIT_ERROR
    return EXIT_FINDINGS if any(severity_rank(f.severity) >= fail for f in findings) else EXIT_OK


def _touches(finding: Finding, lines: set[int]) -> bool:
    last = max(finding.span.end_line, finding.span.line)
    return any(line in lines for line in range(finding.span.line, last + 1))


def _render(fmt: str, findings: list[Finding], sources: dict[str, str], settings: Settings) -> str:
    from factlint.config.file import options_for
    from factlint.report import render

    try:
        options, _ = options_for(None, cli=settings.cli, config_file=settings.config_file)
        metas = [rule.meta() for rule in options.rules or []]
    except Exception:  # noqa: BLE001 - rule metadata is a nicety for SARIF
        metas = []
    seen = {m.id for m in metas}
    from factlint.findings import RuleMeta

    for finding in findings:  # rules from per-folder configs, unused-suppression, ...
        if finding.rule not in seen:
            seen.add(finding.rule)
            metas.append(RuleMeta(finding.rule, finding.rule, finding.severity))
    return render(fmt, findings, rules=metas, sources=sources)


def statistics(findings: list[Finding]) -> str:
    """Counts by rule, most frequent first, like `ruff --statistics`."""
    counts = Counter(f.rule for f in findings)
    worst: dict[str, str] = {}
    for finding in findings:
        if severity_rank(finding.severity) > severity_rank(worst.get(finding.rule, "info")):
            worst[finding.rule] = finding.severity
        worst.setdefault(finding.rule, finding.severity)
    if not counts:
        return "no findings\n"
    width = max(len(str(n)) for n in counts.values())
    lines = [
        f"{n:>{width}}  {rule}  ({worst[rule]})"
        for rule, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    total = sum(counts.values())
    lines.append(f"{total:>{width}}  total in {len({f.path for f in findings})} files")
    return "\n".join(lines) + "\n"


def _write(output: str) -> None:
    if output:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
