"""The format for people: one block per finding, then a summary line.

    brief.txt:2:20: error unit-conversion 60 km is about 37 miles, not 20
    and 60 kilometres (20 miles) south of Diabaly
                       ^^^^^^^^
      fix: replace with "37 miles"

    1 finding (1 error) in 1 file; 3 files checked, 1 fixable with --fix

The header is what editors and terminals parse as a location, so a message's
own line breaks are folded into spaces there. Findings from standard input are
shown as ``<stdin>``. The source line is taken from ``sources`` by the
finding's offset; without it the block is the header (and fix) alone. The caret
line copies the tabs that precede the span and counts wide characters (emoji,
CJK) as two cells, so carets stay under the span in a terminal. A span that
runs past its line gets carets to the end of that line. A long line is cut to
a window around the span, marked "…", and "\r" alone ends a line too.

Errors that kept part of the run from checking (a broken configuration, an
unknown rule id, an unreadable file) are listed before the summary, and the
summary then starts "check failed": a run that checked nothing never reads
as clean.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence

from factlint.findings import SEVERITIES, Finding, RuleMeta
from factlint.report._paths import display_path
from factlint.report._source import char_width, source_of

LONG_LINE = 240  # a line up to this long is shown whole under its findings
EXCERPT_CONTEXT = 80  # characters of a long line shown either side of a finding's span
EXCERPT_SPAN = 160  # characters of the span itself shown at most
_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_GREEN = "\033[32m"
_SEVERITY_COLOR = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}


def render(
    findings: Sequence[Finding],
    *,
    rules: Sequence[RuleMeta],
    sources: Mapping[str, str],
    errors: Sequence[str] = (),
    color: bool = False,
    quiet: bool = False,
    list_errors: bool = True,
) -> str:
    """Findings with their source lines, errors, then one summary line (none when `quiet`).

    `list_errors=False` leaves the error lines to stderr (the summary still counts
    them), for a terminal that would otherwise show each error twice.
    """
    paint = _painter(color)
    blocks = [_block(f, sources, paint) for f in findings]
    out = "".join(block + "\n\n" for block in blocks)
    red = _SEVERITY_COLOR["error"]
    listed = errors if list_errors else ()
    out += "".join(f"{paint(red, 'error:')} {_one_line(e)}\n" for e in listed)
    if listed and not quiet:
        out += "\n"
    if quiet:
        return out
    return out + paint(_BOLD, run_summary(findings, errors=errors, files=len(sources))) + "\n"


def run_summary(findings: Sequence[Finding], *, errors: Sequence[str] = (), files: int) -> str:
    """ "check failed: 1 error; 2 findings (2 warnings) in 1 file; 3 files checked, 1 fixable
    with --fix": what was found, how much was looked at, what --fix would do."""
    parts = [f"check failed: {_plural(len(errors), 'error')}"] if errors else []
    if findings or not errors:
        parts.append(summary(findings))
    checked = f"{_plural(files, 'file')} checked"
    fixable = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    if fixable:
        checked += f", {fixable} fixable with --fix"
    return "; ".join([*parts, checked])


def summary(findings: Sequence[Finding]) -> str:
    """ "3 findings (1 error, 2 warnings) in 2 files", or "no findings"."""
    if not findings:
        return "no findings"
    counts = Counter(f.severity for f in findings)
    parts = [_plural(counts[sev], sev) for sev in reversed(SEVERITIES) if counts[sev]] + [
        _plural(n, sev) for sev, n in counts.items() if sev not in SEVERITIES
    ]
    files = len({display_path(f.path) for f in findings})
    return f"{_plural(len(findings), 'finding')} ({', '.join(parts)}) in {_plural(files, 'file')}"


def caret_line(line: str, start: int, end: int) -> str:
    """Padding and carets for columns ``start``..``end`` (0-based, end exclusive) of
    ``line``; at least one caret so an empty span is still pointed at."""
    return _padding(line[:start]) + "^" * max(_cells(line[start:end]), 1)


def _padding(text: str) -> str:
    """Blanks as wide as `text`, its tabs kept so the terminal expands them alike."""
    if "\t" not in text:
        return " " * _cells(text)  # the usual case, and a long report prints thousands
    return "".join("\t" if c == "\t" else " " * char_width(c) for c in text)


def _cells(text: str) -> int:
    """Terminal cells of `text`: one per ASCII character (a tab included, here), and each
    other character's own width (a CJK character two, a combining mark none). Only the
    non-ASCII characters are measured: an excerpt cut with "…" is mostly ASCII."""
    if text.isascii():
        return len(text)
    return len(text) + sum(char_width(c) - 1 for c in text if not c.isascii())


def _block(finding: Finding, sources: Mapping[str, str], paint) -> str:
    where = f"{display_path(finding.path)}:{finding.line}:{finding.column}:"
    sev = paint(_SEVERITY_COLOR.get(finding.severity, _BOLD), finding.severity)
    lines = [
        f"{paint(_BOLD, where)} {sev} {paint(_DIM, finding.rule)} {_one_line(finding.message)}"
    ]
    text = source_of(finding, sources)
    start = finding.span.start
    if text is not None and 0 <= start <= len(text):
        line, caret_start, caret_end = excerpt(text, start, finding.span.end)
        lines.append(line)
        carets = caret_line(line, caret_start, caret_end)
        lines.append(paint(_SEVERITY_COLOR.get(finding.severity, _BOLD), carets))
    if finding.fix is not None:
        lines.append(paint(_GREEN, "  fix: " + _describe_fix(finding)))
    return "\n".join(lines)


def excerpt(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The span's line, cut to a window around the span when it is long, and the
    span's [start, end) within what is shown.

    A 1 MB one-paragraph article is one line: printing it whole for each of its
    findings printed 248 MB. A line up to `LONG_LINE` characters is shown whole;
    of a longer one, `EXCERPT_CONTEXT` characters either side of the span (and at
    most `EXCERPT_SPAN` of the span), with "…" where it was cut. Nothing beyond
    `LONG_LINE` characters of the span is ever looked at.
    """
    low, high = max(0, start - LONG_LINE), min(len(text), start + LONG_LINE)
    before = max(text.rfind("\n", low, start), text.rfind("\r", low, start))
    line_start = before + 1 if before >= 0 else low
    ends = [i for i in (text.find("\n", start, high), text.find("\r", start, high)) if i >= 0]
    line_end = min(ends, default=high)
    cut_left, cut_right = before < 0 and low > 0, not ends and high < len(text)
    left, right = line_start, line_end
    if cut_left or cut_right or line_end - line_start > LONG_LINE:
        left = max(line_start, start - EXCERPT_CONTEXT)
        right = min(line_end, max(start, min(end, start + EXCERPT_SPAN)) + EXCERPT_CONTEXT)
    head = "…" if cut_left or left > line_start else ""
    tail = "…" if cut_right or right < line_end else ""
    caret_start = start - left + len(head)
    caret_end = min(end, right) - left + len(head)
    return head + text[left:right] + tail, caret_start, max(caret_start, caret_end)


def _one_line(message: str) -> str:
    return " ".join(message.splitlines())


def _describe_fix(finding: Finding) -> str:
    fix = finding.fix
    assert fix is not None
    said = "delete" if fix.replacement == "" else "replace with " + _quote(fix.replacement)
    return said if fix.safe else said + " (unsafe: not applied by --fix)"


def _quote(value: str) -> str:
    # JSON quoting shows embedded quotes and line breaks unambiguously on one line.
    return json.dumps(value, ensure_ascii=False)


def _plural(n: int, word: str) -> str:
    if word == "info" or n == 1:
        return f"{n} {word}"
    return f"{n} {word}s"


def _painter(color: bool):
    def paint(code: str, value: str) -> str:
        return f"{code}{value}{_RESET}" if color else value

    return paint
