"""The article factlint was born from (DESIGN.md's table) is the first acceptance test."""

from pathlib import Path

import pytest

from factlint import lint

SEED = Path(__file__).resolve().parents[1] / "examples" / "mali-2013.txt"


@pytest.fixture(scope="module")
def findings():
    return lint(SEED.read_text(encoding="utf-8"), path=str(SEED))


def test_only_the_60_km_conversion_is_a_unit_problem(findings):
    units = [f for f in findings if f.rule == "unit-conversion"]
    assert len(units) == 1
    (finding,) = units
    text = SEED.read_text(encoding="utf-8")
    line = text.splitlines()[finding.line - 1]
    assert line[finding.column - 1 : finding.end_column - 1] == "20 miles"
    assert (finding.line, finding.column) == (23, 94)
    assert finding.severity == "error"
    assert "60 kilometres is about 37 miles, not 20 miles" in finding.message
    assert finding.fix is not None and finding.fix.replacement == "37 miles"


@pytest.mark.parametrize(
    "claim",
    [
        "1,500 kilometres (900 miles)",
        "350 kilometres (215 miles)",
        "630 kilometres (390 miles)",
        "100 metres (110 yards)",
    ],
)
def test_correct_conversions_are_not_reported(findings, claim):
    text = SEED.read_text(encoding="utf-8")
    start = text.index(claim)
    end = start + len(claim)
    assert not [f for f in findings if start <= f.span.start < end]
