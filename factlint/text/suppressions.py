"""Inline suppressions: a writer silences a false alarm with one comment.

The directives are read from `Document.comments`, which the document parser
fills with HTML comments (Markdown) and whole-line `[factlint-...]` lines
(plain text), so a directive quoted inside a code span is never obeyed.

    <!-- factlint-disable unit-conversion -->      from here on (until enable)
    <!-- factlint-enable unit-conversion -->       ends that region
    <!-- factlint-disable -->                      every rule, until a plain enable
    <!-- factlint-disable-next-line [ids] -->      the next non-blank line only

Plain text writes the same words in square brackets on a line of their own:
`[factlint-disable-next-line unit-conversion]`. Rule ids may be separated by
commas or spaces, may be prefixes ("unit" covers every unit-* rule) and may be
followed by `-- a reason`, which is ignored.

Suppressing works on offsets (a region runs from the end of one comment to
the start of another), so it needs no line bookkeeping except for
next-line, which is about a line by definition. Regions are kept as one
interval list per rule id, so any number of comments costs linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from factlint.findings import RULE_ERROR_ID, Finding, Span
from factlint.text.document import Comment, Document

UNUSED_ID = "unused-suppression"
# Findings about the run itself cannot be silenced from inside an article.
UNSUPPRESSIBLE = frozenset({RULE_ERROR_ID, UNUSED_ID})

_DIRECTIVE = re.compile(r"factlint-(disable-next-line|disable|enable)(?![\w-])(.*)", re.S)
_ID = re.compile(r"[A-Za-z0-9][\w.-]*")


@dataclass(slots=True)
class Directive:
    """One suppression comment and what it silenced (for --report-unused-disables)."""

    kind: str  # "disable", "enable" or "disable-next-line"
    ids: tuple[str, ...]  # empty: every rule
    comment: Comment
    used: set[str] = field(default_factory=set)  # ids (or "*") that silenced a finding


@dataclass(frozen=True, slots=True)
class _Interval:
    start: int
    end: int
    directive: Directive


ALL = "*"  # the key of `disable` without ids


def parse_directive(comment: Comment) -> Directive | None:
    """The directive in a comment's body, or None for an ordinary comment."""
    found = _DIRECTIVE.fullmatch(comment.body.strip())
    if found is None:
        return None
    rest = found.group(2).split("--", 1)[0]
    ids = tuple(_ID.findall(rest.replace(",", " ")))
    return Directive(found.group(1), ids, comment)


def _covers(pattern: str, rule: str) -> bool:
    return pattern == ALL or rule == pattern or rule.startswith(pattern.rstrip("-") + "-")


class _Regions:
    """Silenced stretches as one sorted interval list per id (or ALL), plus next-line marks.

    Each id is open at most once at a time, so its intervals never overlap and a
    finding is looked up by bisection: 4,000 disables and 4,000 enables are 8,000
    intervals, not 16 million regions, and 100,000 next-line comments are linear.
    """

    def __init__(self, document: Document, directives: Sequence[Directive]) -> None:
        self.intervals: dict[str, list[_Interval]] = {}
        self.next_lines: dict[int, list[Directive]] = {}
        self._starts: dict[str, list[int]] = {}
        self._keys_for: dict[str, list[str]] = {}
        opened: dict[str, tuple[int, Directive]] = {}
        for directive in directives:
            comment = directive.comment
            if directive.kind == "disable":
                for key in directive.ids or (ALL,):
                    opened.setdefault(key, (comment.end, directive))
            elif directive.kind == "enable":
                # `enable x` ends only x (a disable-all survives it); `enable` ends all.
                for key in directive.ids or tuple(opened):
                    if key in opened:
                        self._close(key, opened.pop(key), comment.start)
            else:
                line = _next_content_line(document, comment.end)
                if line:
                    self.next_lines.setdefault(line, []).append(directive)
        for key, begun in opened.items():
            self._close(key, begun, len(document.text) + 1)
        for key, intervals in self.intervals.items():
            intervals.sort(key=lambda interval: interval.start)
            self._starts[key] = [interval.start for interval in intervals]

    def _close(self, key: str, begun: tuple[int, Directive], end: int) -> None:
        start, directive = begun
        if start < end:
            self.intervals.setdefault(key, []).append(_Interval(start, end, directive))

    def silencer(self, finding: Finding) -> tuple[Directive, str] | None:
        """The directive that silences `finding` and the id (or ALL) it did it with."""
        offset = finding.span.start
        for key in self._keys(finding.rule):
            index = bisect_right(self._starts[key], offset) - 1
            if index >= 0 and offset < self.intervals[key][index].end:
                return self.intervals[key][index].directive, key
        if self.next_lines:
            last = max(finding.span.end_line, finding.span.line)
            for line in range(finding.span.line, min(last, finding.span.line + 1000) + 1):
                for directive in self.next_lines.get(line, ()):
                    for key in directive.ids or (ALL,):
                        if _covers(key, finding.rule):
                            return directive, key
        return None

    def _keys(self, rule: str) -> list[str]:
        keys = self._keys_for.get(rule)
        if keys is None:
            keys = [key for key in self.intervals if _covers(key, rule)]
            self._keys_for[rule] = keys
        return keys


_NON_SPACE = re.compile(r"\S")


def _next_content_line(document: Document, offset: int) -> int:
    """1-based line of the first non-blank character after the comment's own line."""
    lines = document.lines
    line = lines.line_of(offset)
    starts = lines.starts()
    if line + 1 >= len(starts):
        return 0
    found = _NON_SPACE.search(document.text, starts[line + 1])
    return 0 if found is None else lines.line_of(found.start()) + 1


def apply_suppressions(
    document: Document, findings: list[Finding], *, report_unused: bool = False
) -> list[Finding]:
    """Drop findings a directive covers; with report_unused, add one for each idle directive."""
    directives = [d for d in map(parse_directive, document.comments) if d is not None]
    if not directives:
        return findings
    regions = _Regions(document, directives)
    kept: list[Finding] = []
    for finding in findings:
        hit = None if finding.rule in UNSUPPRESSIBLE else regions.silencer(finding)
        if hit is None:
            kept.append(finding)
        else:
            hit[0].used.add(hit[1])
    if report_unused:
        kept.extend(_unused(document, directives))
    return kept


def _unused(document: Document, directives: Sequence[Directive]) -> list[Finding]:
    found = []
    for directive in directives:
        if directive.kind == "enable":
            continue
        if directive.ids:
            idle = [i for i in directive.ids if i not in directive.used]
            if not idle:
                continue
            what = ", ".join(idle)
            message = f"factlint-{directive.kind} {what}: silenced nothing"
        else:
            if directive.used:
                continue
            message = f"factlint-{directive.kind}: silenced nothing"
        comment = directive.comment
        line, column = document.position(comment.start)
        end_line, end_column = document.position(comment.end)
        span = Span(comment.start, comment.end, line, column, end_line, end_column)
        found.append(
            Finding(
                rule=UNUSED_ID,
                severity="warning",
                message=message,
                span=span,
                path=document.source.path,
            )
        )
    return found
