"""A `\\b` put first only where every match starts at a word boundary anyway."""

from __future__ import annotations

import pytest
import regex

from factlint.api import builtin_rules
from factlint.engine.anchors import _group_end, starts_at_boundary, zero_width
from factlint.engine.patterns import compile_pattern
from factlint.engine.runner import DocumentView


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bfoo|\bbar", True),
        (r"(?<!x)(?P<v>\bword)", True),
        (r"(?:(?P<up>\b(?:rose|grew))|(?P<down>\b(?:fell))) by", True),
        (r"(?i:\bx)", True),
        (r"(?=[(])\bx", True),
        (r"(?:\bfoo)?bar", False),  # the group may be skipped
        (r"a|\bb", False),  # one alternative starts elsewhere
        (r"(?:\bx|y)z", False),
        (r"[\b]x", False),  # a backspace in a class
        (r"(?a:\bx)", False),  # an ASCII boundary is another boundary
        (r"(\bx)*", False),
        (r"\[(\bx)", False),
        (r"(?x) \b x", False),  # verbose mode is not read
        (r"(?#(\b)x", False),
        (r"x(", False),  # broken: no answer rather than an exception
    ],
)
def test_reading(pattern: str, expected: bool) -> None:
    assert starts_at_boundary(pattern) is expected


SENTENCES = (
    "Profits rose 12% to $11.1bn, up from $10.9bn a year earlier.",
    "Exports fell to 5,200 tonnes in March, compared with 4,900 tonnes.",
    "Shares closed at 930p, up 45 pence, or 2%, after the results.",
    "The arose-and-fell pattern: prices arose 3% and befell 2% (not words).",
    "Sales grew by 40,000 units; the workforce was cut by 5%, a drop of 300 jobs.",
    "Unemployment edged up 0.2 percentage points to 5.1%, while wages dropped 1%.",
    "It doubled to 650 soldiers from 300, an increase of 350 in two weeks.",
)


def _patterns():
    rules = builtin_rules()
    seen = [p for r in rules for p in (*r.patterns, *(f.pattern for f in r.facts))]
    seen += [cue for r in rules if r.frame is not None for cue in r.frame.cues]
    return [p for p in seen if _wrapped(p.regex.pattern)]


def _wrapped(source: str) -> bool:
    """`\\b(?:...)` around the whole pattern: the form compile_pattern gives an anchored one."""
    return source.startswith("\\b(?:") and _group_end(source, 2) == len(source) - 1


def test_builtin_patterns_are_anchored_and_match_the_same() -> None:
    """The anchored regex finds exactly what the pattern as written finds."""
    anchored = _patterns()
    assert len(anchored) >= 3  # the change frame's direction cues at least
    text = DocumentView.of("\n\n".join(SENTENCES)).tagged
    found_any = False
    for pattern in anchored:
        written = regex.compile(pattern.regex.pattern[len("\\b(?:") : -1], flags=regex.VERSION0)
        ours = [(m.span(), m.groupdict()) for m in pattern.regex.finditer(text)]
        assert ours == [(m.span(), m.groupdict()) for m in written.finditer(text)]
        found_any = found_any or bool(ours)
    assert found_any


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", True),
        (r"\b", True),
        (r"(?<!another )", True),
        (r"(?<!a )\b(?=x)", True),
        ("a", False),
        (r"(?<!a)?", False),  # a quantified look-around is not read
        (r"(?:a)", False),
        (r"\b+", False),
        ("(?<!a", False),  # broken: no answer rather than an exception
    ],
)
def test_a_zero_width_prefix(prefix: str, expected: bool) -> None:
    assert zero_width(prefix) is expected


def test_a_slot_after_a_look_behind_takes_the_figure_first_form():
    """Read as an inner slot, its optional qualifier made the engine try every letter."""
    compiled = compile_pattern("(?<!another ){n:number} more")
    assert compiled.regex.pattern.startswith("(?<!another")
    assert "(?<=(?P<n__q>" in compiled.regex.pattern
    view = DocumentView.of("Officials said about 50 more were expected.")
    found = compiled.regex.search(view.tagged)
    assert found is not None
    assert view.prose[slice(*found.span("n__q"))] == "about"
    assert compiled.regex.search(DocumentView.of("Then another 50 more came.").tagged) is None
