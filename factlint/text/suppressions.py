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
next-line, which is about a line by definition.
"""

from __future__ import annotations

import re
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
class _Region:
    start: int
    end: int
    ids: frozenset[str]  # empty: every rule
    directive: Directive
    line: int = 0  # next-line regions: the 1-based line they cover (start/end unused)


def parse_directive(comment: Comment) -> Directive | None:
    """The directive in a comment's body, or None for an ordinary comment."""
    found = _DIRECTIVE.fullmatch(comment.body.strip())
    if found is None:
        return None
    rest = found.group(2).split("--", 1)[0]
    ids = tuple(_ID.findall(rest.replace(",", " ")))
    return Directive(found.group(1), ids, comment)


def _covers(pattern: str, rule: str) -> bool:
    return rule == pattern or rule.startswith(pattern.rstrip("-") + "-")


def _regions(document: Document, directives: Sequence[Directive]) -> list[_Region]:
    regions: list[_Region] = []
    # Open disable regions: (start, ids, directive); ids shrink as `enable x` arrives.
    open_: list[tuple[int, frozenset[str], Directive]] = []
    text_end = len(document.text)
    for directive in directives:
        here = directive.comment.start
        if directive.kind == "disable":
            open_.append((directive.comment.end, frozenset(directive.ids), directive))
        elif directive.kind == "enable":
            still: list[tuple[int, frozenset[str], Directive]] = []
            for start, ids, owner in open_:
                regions.append(_Region(start, here, ids, owner))
                if directive.ids and ids:
                    rest = frozenset(i for i in ids if i not in directive.ids)
                    if rest:  # `disable a b` then `enable a`: b stays off
                        still.append((directive.comment.end, rest, owner))
                elif directive.ids:  # a disable-all region survives `enable x`
                    still.append((directive.comment.end, ids, owner))
            open_ = still
        else:
            line = _next_content_line(document, directive.comment.end)
            if line:
                regions.append(_Region(0, 0, frozenset(directive.ids), directive, line))
    regions.extend(_Region(start, text_end + 1, ids, owner) for start, ids, owner in open_)
    return regions


def _next_content_line(document: Document, offset: int) -> int:
    """1-based line of the first non-blank character after the comment's own line."""
    text = document.text
    breaks = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    if not breaks:
        return 0
    position = min(breaks)
    while position < len(text) and text[position].isspace():
        position += 1
    if position >= len(text):
        return 0
    return document.position(position)[0]


def _silencer(finding: Finding, regions: Sequence[_Region]) -> tuple[_Region, str] | None:
    for region in regions:
        if region.line:
            last = max(finding.span.end_line, finding.span.line)
            if not finding.span.line <= region.line <= last:
                continue
        elif not region.start <= finding.span.start < region.end:
            continue
        if not region.ids:
            return region, "*"
        for pattern in region.ids:
            if _covers(pattern, finding.rule):
                return region, pattern
    return None


def apply_suppressions(
    document: Document, findings: list[Finding], *, report_unused: bool = False
) -> list[Finding]:
    """Drop findings a directive covers; with report_unused, add one for each idle directive."""
    directives = [d for d in map(parse_directive, document.comments) if d is not None]
    if not directives:
        return findings
    regions = _regions(document, directives)
    kept: list[Finding] = []
    for finding in findings:
        hit = None if finding.rule in UNSUPPRESSIBLE else _silencer(finding, regions)
        if hit is None:
            kept.append(finding)
        else:
            hit[0].directive.used.add(hit[1])
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
