"""What a rule concluded, in a shape every front end and reporter shares.

Offsets are the source of truth; the 1-based line and column fields are filled
once, from the document's position index, when lint() hands findings out, so
no reporter ever searches the text again to find where a match was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")
# The findings factlint reports about itself rather than about the copy.
RULE_ERROR_ID = "rule-error"  # a rule failed on this document (time limit, bad data)
NOTICE_ID = "data-notice"  # e.g. no exchange rate for the article's date: said once per file
FRONT_MATTER_ID = "front-matter"  # front matter that cannot be read, or a date that is none

# What the engine concluded about one claim it evaluated (see Claim).
CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
UNKNOWN = "unknown"  # recognised, but not decidable: no rate for the date, no earlier figure
VERDICTS = (CONSISTENT, INCONSISTENT, UNKNOWN)


def printable_path(path: str | None) -> str | None:
    """A file name that was not UTF-8 on disk ("caf\\xe9.md") written so that JSON and
    SARIF stay valid UTF-8: undecodable bytes become backslash escapes."""
    if path is None:
        return None
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def severity_rank(severity: str) -> int:
    """Order severities so that "at or above the fail level" is a comparison."""
    return SEVERITIES.index(severity)


def _place_json(path: str | None, span: Span) -> dict:
    """Where a finding or a claim is, as every JSON record of factlint writes it."""
    return {
        "path": printable_path(path),
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "offset": span.start,
        "end_offset": span.end,
    }


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range of the source text with its editor position."""

    start: int
    end: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0


@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement of one span; `safe` fixes are the ones `--fix` may apply."""

    span: Span
    replacement: str
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: str
    message: str
    span: Span
    path: str | None = None
    fix: Fix | None = None
    stated: str | None = None
    expected: str | None = None
    related: tuple[Span, ...] = field(default_factory=tuple)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def end_line(self) -> int:
        return self.span.end_line

    @property
    def end_column(self) -> int:
        return self.span.end_column

    def to_json(self) -> dict:
        """The documented JSON contract (README, "JSON output"); keep it stable."""
        return {
            **_place_json(self.path, self.span),
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "stated": self.stated,
            "expected": self.expected,
            "fix": None
            if self.fix is None
            else {
                "replacement": self.fix.replacement,
                "safe": self.fix.safe,
                "line": self.fix.span.line,
                "column": self.fix.span.column,
                "end_line": self.fix.span.end_line,
                "end_column": self.fix.span.end_column,
                "offset": self.fix.span.start,
                "end_offset": self.fix.span.end,
            },
            "related": [
                {
                    "line": r.line,
                    "column": r.column,
                    "end_line": r.end_line,
                    "end_column": r.end_column,
                }
                for r in self.related
            ],
        }


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What reporters need to know about a rule (SARIF driver rules, explain)."""

    id: str
    description: str
    severity: str
    pack: str = "builtin"
    help: str = ""
    bad_examples: tuple[str, ...] = ()
    good_examples: tuple[str, ...] = ()
    url: str = ""  # the rule's documentation page (config `rule_docs_url`), or none


@dataclass(frozen=True, slots=True)
class ClaimFigure:
    """One figure a claim was checked with: a slot of the match, or an earlier fact."""

    name: str  # the slot name ("a", "total"), or "fact" for an earlier statement
    text: str
    span: Span

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "text": self.text,
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "offset": self.span.start,
            "end_offset": self.span.end,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim a rule evaluated, whatever the verdict.

    Findings say what failed; claims also say what was verified ("60 km ≈ 37.3
    miles") and what was recognised but could not be decided, and why, so an
    editor can tell a story whose figures all hold from one nothing was read in.
    `suppressed` marks an inconsistent claim whose finding an inline comment or
    the configuration silenced.
    """

    rule: str
    verdict: str  # one of VERDICTS
    span: Span  # the whole claim as matched, not only the figure a finding points at
    text: str
    path: str | None = None
    computed: str | None = None  # what the check worked out
    reason: str | None = None  # why an unknown claim could not be decided
    message: str | None = None  # the finding's message, for an inconsistent claim
    figures: tuple[ClaimFigure, ...] = ()
    suppressed: bool = False

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def to_json(self) -> dict:
        """One entry of the documented `checked` array (README, "JSON output")."""
        return {
            **_place_json(self.path, self.span),
            "rule": self.rule,
            "verdict": self.verdict,
            "text": self.text,
            "computed": self.computed,
            "reason": self.reason,
            "message": self.message,
            "suppressed": self.suppressed,
            "figures": [figure.to_json() for figure in self.figures],
        }
