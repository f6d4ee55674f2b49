"""Where `factlint check` writes its report, in which formats, with which paths.

One run can write several formats: ``--format text --format sarif:results.sarif``
prints text and writes SARIF to a file; ``-o FILE`` sends the format that has
no file of its own there instead of to standard output. Machine formats name
files relative to the repository root (git's top level, else the folder of the
configuration, else the current folder), so a report made in a sub-folder
still points at the right files when CI resolves it against the checkout.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from factlint.findings import Claim, Finding, RuleMeta, severity_rank

# Formats whose paths are read by machines against a checkout.
ROOT_RELATIVE = frozenset({"json", "sarif", "gitlab", "github"})
PEOPLE = frozenset({"text", "concise"})


Located = TypeVar("Located", Finding, Claim)  # anything with a path to make relative


class OutputError(Exception):
    """An impossible combination of --format and --output-file; exit 2."""


@dataclass(frozen=True, slots=True)
class Output:
    fmt: str
    path: str | None = None  # None: standard output


def plan(formats: Sequence[str] | None, output_file: str | None) -> list[Output]:
    """Outputs from ``--format NAME[:FILE]`` (repeatable) and ``-o FILE``."""
    from factlint.report import FORMATS

    outputs = []
    for given in formats or ["text"]:
        name, _, path = given.partition(":")
        if name not in FORMATS:
            known = ", ".join(sorted(FORMATS))
            raise OutputError(f"--format: unknown format {name!r}; choose one of: {known}")
        outputs.append(Output(name, path or None))
    to_stdout = [o for o in outputs if o.path is None]
    if len(to_stdout) > 1:
        raise OutputError(
            "--format: only one format can go to standard output; give the others a file "
            "(--format sarif:results.sarif)"
        )
    if output_file:
        if not to_stdout:
            raise OutputError("-o/--output-file: every --format already names its own file")
        outputs = [Output(o.fmt, output_file) if o.path is None else o for o in outputs]
    return outputs


def use_color(choice: str, stream: object = None) -> bool:
    """--color always/never, or auto: a terminal, NO_COLOR unset and TERM not dumb."""
    if choice != "auto":
        return choice == "always"
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def project_root(config_file: str | None = None) -> str:
    """The folder machine formats name paths from: git's top level, the config's, or here."""
    from factlint.config.file import find_config
    from factlint.workspace.gitchanges import GitError, repository_root

    try:
        return repository_root(os.getcwd())
    except GitError:
        pass
    found = config_file or find_config(None)
    return os.path.dirname(os.path.abspath(found)) if found else os.getcwd()


def relative_to(
    root: str, findings: Sequence[Located], sources: Mapping[str, str]
) -> tuple[list[Located], dict[str, str]]:
    """Findings and sources with paths under `root` made relative to it (others, and URLs
    such as s3://desk/a.md, as given)."""
    cache: dict[str, str] = {}

    def name(path: str) -> str:
        if path == "-" or "://" in path:  # stdin, or a URL a cluster worker read
            return path
        if path not in cache:
            absolute = os.path.realpath(path)
            relative = os.path.relpath(absolute, os.path.realpath(root))
            inside = relative != ".." and not relative.startswith(".." + os.sep)
            cache[path] = relative.replace(os.sep, "/") if inside else path
        return cache[path]

    # Standard input is "-" inside a run and null in machine formats, as documented.
    moved = [
        f
        if f.path is None
        else dataclasses.replace(f, path=None if f.path == "-" else name(f.path))
        for f in findings
    ]
    return moved, {name(key): text for key, text in sources.items()}


def statistics(
    findings: Sequence[Finding], *, files: int, errors: Sequence[str] = (), fmt: str = "text"
) -> str:
    """Counts by rule, most frequent first, like `ruff --statistics`; JSON with --format json.

    The closing line is the text summary's own, so both say the same thing."""
    import json

    from factlint.report.text import run_summary

    counts = Counter(f.rule for f in findings)
    worst: dict[str, str] = {}
    for finding in findings:
        if severity_rank(finding.severity) >= severity_rank(worst.get(finding.rule, "info")):
            worst[finding.rule] = finding.severity
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if fmt == "json":
        document = {
            "rules": [{"rule": r, "count": n, "severity": worst[r]} for r, n in ordered],
            "total": len(findings),
            "files_with_findings": len({f.path for f in findings}),
            "files": files,
            "errors": [{"message": e} for e in errors],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = [f"{n:>{width}}  {rule}  ({worst[rule]})" for rule, n in ordered]
    lines += [f"error: {e}" for e in errors]
    lines.append(run_summary(findings, errors=errors, files=files))
    return "\n".join(lines) + "\n"


def rule_metas(findings: Sequence[Finding], cli: Mapping, config_file: str | None) -> list:
    """What SARIF lists as the run's rules: the rules configured here, plus any a finding
    names (rules from per-folder configs, unused-suppression, ...)."""
    from factlint.config.file import Config, ConfigError, options_for, rule_link
    from factlint.engine.loader import RuleError

    config = Config()
    try:
        options, config = options_for(None, cli=cli, config_file=config_file)
        metas = [rule.meta() for rule in options.rules or []]
    except (ConfigError, RuleError):  # already reported for the files it governs
        metas = []
    seen = {m.id for m in metas}
    for finding in findings:
        if finding.rule not in seen:
            seen.add(finding.rule)
            metas.append(RuleMeta(finding.rule, finding.rule, finding.severity, pack=""))
    return [dataclasses.replace(m, url=rule_link(config, m.id, m.pack)) for m in metas]


def write(output: Output, text: str) -> None:
    """Standard output as is; a file atomically, so a reader never sees half a report."""
    if output.path is None:
        if text:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from factlint.infra.atomic import write_atomically

    umask = os.umask(0)
    os.umask(umask)
    try:
        write_atomically(output.path, text.encode("utf-8"), mode=0o666 & ~umask)
    except OSError as err:
        raise OutputError(f"{output.path}: cannot write: {err.strerror or err}") from None
