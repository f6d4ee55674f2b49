"""GitHub Actions workflow commands: one annotation per finding.

``::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE``;
warning becomes ``::warning`` and info ``::notice``. The runner splits commands
on line breaks and properties on ``,`` and ``:``, hence the escaping. Columns are
characters and ``endColumn`` is exclusive, as in every factlint span.
Findings from standard input have no file to point at, so ``file=`` is left out
and GitHub shows them as run-level annotations. Errors that stopped part of the
run (a broken configuration, say) become run-level ``::error title=factlint::``
annotations, so a failed run is visible on the pull request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from factlint.findings import Finding, RuleMeta
from factlint.report._paths import is_stdin, posix_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(
    findings: Sequence[Finding],
    *,
    rules: Sequence[RuleMeta],
    sources: Mapping[str, str],
    errors: Sequence[str] = (),
) -> str:
    lines = [command(f) for f in findings]
    lines += [f"::error title=factlint error::{escape_data(e)}" for e in errors]
    return "".join(line + "\n" for line in lines)


def command(finding: Finding) -> str:
    props: list[tuple[str, object]] = []
    if not is_stdin(finding.path):
        props.append(("file", posix_path(str(finding.path))))
    props += [
        ("line", finding.line),
        ("col", finding.column),
        ("endLine", finding.end_line),
        ("endColumn", finding.end_column),
        ("title", finding.rule),
    ]
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    name = COMMANDS.get(finding.severity, "warning")
    return f"::{name} {joined}::{escape_data(finding.message)}"


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
