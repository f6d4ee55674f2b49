"""`factlint check`: files in, findings out, with the exit code scripts rely on.

A run is five steps, one function each: collect the files (folders walked,
.gitignore and excludes honoured, --changed-since applied), check them (one
call: `executor.check_paths` here, or a Dask cluster with --scheduler), filter the
findings (changed lines, baseline, --show), act (write the reports, the fixes
or the diff) and choose the exit code. Each file is checked with the
configuration that governs it (config/file.py).

Whatever stops part of a run (a broken configuration, an unknown rule id, a
bad git revision, an unreadable file) is an error every output format shows,
and makes the exit code 2: a run that checked nothing never looks clean.

Exit codes: 0 nothing at or above the fail level, 1 findings (or, with
--diff, changes to make), 2 usage, configuration, rule or file errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field

from factlint.article_date import ArticleDate, parse_period
from factlint.cli import output
from factlint.cli.executor import (  # noqa: F401 - the executor's names, re-exported
    POOL_THRESHOLD,
    FileResult,
    Settings,
    _Progress,
    check_file,
    check_files,
    check_paths,
)
from factlint.cli.exit_codes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from factlint.findings import RULE_ERROR_ID, Claim, Finding, severity_rank


@dataclass(slots=True)
class Collected:
    """The files to check, and what went wrong finding them."""

    paths: list[str] = field(default_factory=list)
    changed: dict[str, set[int] | None] | None = None  # --changed-since: path -> lines
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Outcome:
    """What a run found, after filtering: the input of every report and the exit code."""

    results: list[FileResult]
    findings: list[Finding]
    sources: dict[str, str]
    errors: list[str]
    fail_on: str | None = None
    claims: list[Claim] = field(default_factory=list)  # every claim checked, in path order


def add_arguments(check: argparse.ArgumentParser) -> None:
    """The `check` options (main.py builds the sub-parser and calls this)."""
    from factlint.cli.check_options import add_check_arguments

    add_check_arguments(check, date_type=_date)


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


# ---------------------------------------------------------------- the command


def run(args: argparse.Namespace) -> int:
    """collect -> check -> filter -> act -> exit code."""
    try:
        outputs = output.plan(args.format, args.output_file)
    except output.OutputError as err:
        print(f"factlint: {err}", file=sys.stderr)
        return EXIT_ERROR
    refused = _refused_on_cluster(args)
    if refused:  # an invocation that cannot run at all: one line, nothing else
        print(f"factlint: {refused}", file=sys.stderr)
        return EXIT_ERROR
    from factlint.config.file import remembered_discovery

    settings = settings_from(args)
    with remembered_discovery():  # each folder's config is looked up once in this run
        collected = collect(args)
        results = check(args, collected, settings) if not collected.errors else []
    outcome = filter_results(args, collected, results)
    act(args, outcome, settings, outputs, collected.warnings)
    if args.timing:
        from factlint.cli.timing import timing_table

        print(timing_table(r.rule_seconds for r in results if not r.error), file=sys.stderr)
    return exit_code(args, outcome)


def _refused_on_cluster(args: argparse.Namespace) -> str | None:
    """--fix/--diff with a scheduler: refused before anything is read or printed."""
    from factlint.cli import check_cluster
    from factlint.config.file import ConfigError

    try:
        scheduler = check_cluster.scheduler_for(args)
    except ConfigError:
        return None  # the check step reports a broken config, in every format
    return check_cluster.refusal(args) if scheduler else None


def collect(args: argparse.Namespace) -> Collected:
    """The files to check: folders walked with their configuration, .gitignore, --exclude."""
    from factlint.config.file import ConfigError, config_for
    from factlint.config.files import collect_files
    from factlint.engine.loader import RuleError

    collected = Collected()
    try:
        paths = collect_files(
            args.paths,
            force_exclude=args.force_exclude,
            config_file=args.config,
            exclude=args.exclude or (),
        )
        named = set(args.paths)
        walked = [p for p in paths if p not in named]
        if args.respect_gitignore and walked:  # git (and subprocess) only for walked folders
            from factlint.workspace.gitchanges import ignored_by_git

            skip = ignored_by_git(walked)
            paths = [p for p in paths if p not in skip]
        for folder in (p for p in args.paths if p != "-" and os.path.isdir(p)):
            if not any(_inside(p, folder) for p in paths):
                kinds = ", ".join(config_for(folder, config_file=args.config).extensions)
                collected.warnings.append(f"{folder}: no files to check (looked for {kinds})")
    except (ConfigError, RuleError, OSError) as err:
        collected.errors.append(str(err))
        return collected
    if args.changed_since:
        from factlint.workspace.gitchanges import GitError, changed_lines

        try:
            collected.changed = changed_lines(args.changed_since)
        except GitError as err:
            collected.errors.append(str(err))
            return collected
        paths = [p for p in paths if p == "-" or os.path.realpath(p) in collected.changed]
    collected.paths = paths
    return collected


def check(args: argparse.Namespace, collected: Collected, settings: Settings) -> list[FileResult]:
    """The check step: here (executor.check_paths) or on a Dask cluster (--scheduler,
    cli/check_cluster.py). What cannot run is added to `collected.errors`."""
    from factlint.cli import check_cluster
    from factlint.config.file import ConfigError

    try:
        scheduler = check_cluster.scheduler_for(args)
    except ConfigError as err:
        collected.errors.append(str(err))
        return []
    stdin_text = sys.stdin.read() if "-" in collected.paths else None
    if not scheduler:
        return check_paths(collected.paths, settings, args.jobs, stdin_text)
    from factlint.dask import ClusterError

    results = [check_file("-", settings, stdin_text)] if stdin_text is not None else []
    files = [p for p in collected.paths if p != "-"]
    try:
        results.extend(check_cluster.check_files_on(scheduler, files, settings, FileResult))
    except ClusterError as err:
        collected.errors.append(str(err))
        return []
    return sorted(results, key=lambda r: r.path)


def _inside(path: str, folder: str) -> bool:
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(folder))
    return relative != ".." and not relative.startswith(".." + os.sep)


def filter_results(
    args: argparse.Namespace, collected: Collected, results: list[FileResult]
) -> Outcome:
    """Findings that count: errors gathered, changed lines, the baseline, --show."""
    outcome = Outcome(results, [], {}, list(collected.errors), args.fail_on)
    for result in results:
        if result.error:
            outcome.errors.append(result.error)
            continue
        if result.note and not args.quiet:
            print(f"factlint: {result.path}: {result.note}", file=sys.stderr)
        if result.fix_error:
            outcome.errors.append(result.fix_error)
        outcome.fail_on = outcome.fail_on or result.fail_on
        outcome.sources[result.path] = result.text or ""
        found, claimed = result.findings, result.checked
        if collected.changed is not None and result.path != "-":
            lines = collected.changed.get(os.path.realpath(result.path))
            if lines is not None:
                found = [f for f in found if _touches(f, lines)]
                claimed = [c for c in claimed if _touches(c, lines)]
        outcome.findings.extend(found)
        outcome.claims.extend(claimed)
    outcome.errors = list(dict.fromkeys(outcome.errors))  # one per cause, in order
    outcome.findings.sort(key=lambda f: (f.path or "-", f.span.start, f.span.end, f.rule))
    if args.baseline:
        _apply_baseline(args, outcome)
    shown = severity_rank(args.show)
    outcome.findings = [f for f in outcome.findings if severity_rank(f.severity) >= shown]
    return outcome


def _apply_baseline(args: argparse.Namespace, outcome: Outcome) -> None:
    from factlint.workspace.baseline import BaselineError, new_findings, write_baseline

    try:
        if args.update_baseline or not os.path.exists(args.baseline):
            count = write_baseline(args.baseline, outcome.findings, outcome.sources)
            print(f"factlint: wrote {count} findings to {args.baseline}", file=sys.stderr)
            outcome.findings = []
        else:
            outcome.findings = new_findings(args.baseline, outcome.findings, outcome.sources)
    except (BaselineError, OSError) as err:
        outcome.errors.append(str(err))


def _touches(finding: Finding | Claim, lines: set[int]) -> bool:
    last = max(finding.span.end_line, finding.span.line)
    return any(line in lines for line in range(finding.span.line, last + 1))


def act(
    args: argparse.Namespace,
    outcome: Outcome,
    settings: Settings,
    outputs: list[output.Output],
    warnings: list[str],
) -> None:
    """Print or write what the run produced: a diff, fixed stdin, or the reports."""
    for warning in warnings if not args.quiet else ():
        print(f"factlint: warning: {warning}", file=sys.stderr)
    if args.diff:
        _errors_to_stderr(outcome.errors)
        output.write(output.Output("text"), "".join(r.diff for r in outcome.results))
        return
    if args.fix:
        _report_fixes(args, outcome)
        if "-" in args.paths:
            # Like formatters: fixed standard input goes to standard output, nothing else.
            _errors_to_stderr(outcome.errors)
            stdin_name = args.stdin_filename or "-"
            fixed = next((r.text or "" for r in outcome.results if r.path == stdin_name), "")
            output.write(output.Output("text"), fixed)
            return
    _write_reports(args, outcome, settings, outputs)


def _report_fixes(args: argparse.Namespace, outcome: Outcome) -> None:
    stdin_name = args.stdin_filename or "-"
    for result in outcome.results:
        if result.fixed and not ("-" in args.paths and result.path == stdin_name):
            plural = "s" if result.fixed != 1 else ""
            print(f"fixed {result.fixed} finding{plural} in {result.path}", file=sys.stderr)


def _errors_to_stderr(errors: list[str]) -> None:
    for error in errors:
        print(f"factlint: {error}", file=sys.stderr)


def _one_terminal() -> bool:
    """stdout and stderr both reach the user's terminal, where an error printed to each
    would be read twice."""
    return sys.stdout.isatty() and sys.stderr.isatty()


def _write_reports(
    args: argparse.Namespace, outcome: Outcome, settings: Settings, outputs: list[output.Output]
) -> None:
    """Every requested format, each showing the errors too; stderr has them for scripts."""
    from factlint.report import render

    _errors_to_stderr(outcome.errors)
    metas = None
    root = None
    for target in outputs:
        findings, sources, claims = outcome.findings, outcome.sources, outcome.claims
        if target.fmt in output.ROOT_RELATIVE:
            root = root or output.project_root(args.config)
            findings, sources = output.relative_to(root, findings, sources)
            claims, _ = output.relative_to(root, claims, {})
        if args.statistics:
            fmt = "json" if target.fmt == "json" else "text"
            text = output.statistics(findings, files=len(sources), errors=outcome.errors, fmt=fmt)
            text = _with_claims(args, target, text, claims, statistics=True)
        else:
            if metas is None:
                metas = output.rule_metas(outcome.findings, settings.cli, settings.config_file)
            color = target.path is None and output.use_color(args.color)
            shown_on_stderr = target.path is None and _one_terminal()
            text = render(
                target.fmt,
                findings,
                rules=metas,
                sources=sources,
                errors=outcome.errors,
                color=color,
                quiet=args.quiet,
                list_errors=not shown_on_stderr,
            )
            text = _with_claims(args, target, text, claims, color=color)
        try:
            output.write(target, text)
        except output.OutputError as err:
            outcome.errors.append(str(err))
            print(f"factlint: {err}", file=sys.stderr)


def _with_claims(
    args: argparse.Namespace,
    target: output.Output,
    text: str,
    claims: list[Claim],
    *,
    statistics: bool = False,
    color: bool = False,
) -> str:
    """The claims ledger added to one report (report/checked.py says how, per format)."""
    from factlint.report import checked

    if args.quiet:
        return text
    if statistics:
        return checked.extend_statistics(target.fmt, text, claims)
    return checked.extend(target.fmt, text, claims, show=args.show_checked, color=color)


def exit_code(args: argparse.Namespace, outcome: Outcome) -> int:
    """2 for errors, else 1 for findings at or above the fail level (0 with --exit-zero)."""
    if outcome.errors or any(f.rule == RULE_ERROR_ID for f in outcome.findings):
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    if args.diff:
        return EXIT_FINDINGS if any(r.diff for r in outcome.results) else EXIT_OK
    fail = severity_rank(outcome.fail_on or "warning")
    found = any(severity_rank(f.severity) >= fail for f in outcome.findings)
    return EXIT_FINDINGS if found else EXIT_OK


def statistics(findings: list[Finding]) -> str:
    """Counts by rule, most frequent first (kept for callers; see output.statistics)."""
    return output.statistics(findings, files=len({f.path for f in findings}))
