"""The claims ledger: every claim a rule evaluated, with its verdict, not only the failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint import lint
from factlint.findings import CONSISTENT, INCONSISTENT, UNKNOWN

SEED = Path(__file__).resolve().parents[1] / "examples" / "mali-2013.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")

# (rule, the claim as written, verdict, what was computed) for the seed article, worked out by
# hand: 60 km is 37.28 miles, 1,500 km 932.06, 350 km 217.48, 630 km 391.46, 100 m 109.36
# yards; $500m at the ECB rate of 2013-01-21 (1.3323 dollars a euro) is 375.3m euros.
SEED_CLAIMS = [
    ("unit-conversion", "1,500 kilometres (900 miles)", CONSISTENT, "1,500 kilometres ≈ 932 miles"),
    ("running-total", "50 Senegalese soldiers arrived", UNKNOWN, None),
    ("change-direction", "boosting its troop allotment for Mali to 650", CONSISTENT, "650 ≥ 300"),
    ("list-count", "six other west African nations -- Nigeria", CONSISTENT, "6 = 6"),
    (
        "money-conversion",
        "500 million dollars (about 375 million euros",
        CONSISTENT,
        "500 million dollars ≈ 375.3 million euros",
    ),
    ("backward-range", "between 150 and 200 million", CONSISTENT, None),
    ("change-direction", "boosted its troop commitment for Mali to 1,200", CONSISTENT, None),
    ("unit-conversion", "350 kilometres (215 miles)", CONSISTENT, "350 kilometres ≈ 217.5 miles"),
    ("unit-conversion", "60 kilometres (20 miles)", INCONSISTENT, None),
    ("unit-conversion", "630 kilometres (390 miles)", CONSISTENT, "630 kilometres ≈ 391 miles"),
    ("weekday-date", "Mon Jan 21 2013", CONSISTENT, "Monday = Monday"),
    ("unit-conversion", "100 metres (110 yards)", CONSISTENT, "100 metres ≈ 109 yards"),
]


@pytest.fixture(scope="module")
def seed():
    return lint(SEED_TEXT, path=str(SEED), checked=True)


def test_lint_without_checked_still_returns_the_findings_list():
    findings = lint(SEED_TEXT)
    assert isinstance(findings, list)
    assert [f.rule for f in findings] == ["unit-conversion"]


def test_the_seed_article_claims_are_pinned(seed):
    got = [(c.rule, c.text, c.verdict) for c in seed.checked]
    assert len(got) == len(SEED_CLAIMS)
    for claim, (rule, text, verdict, computed) in zip(seed.checked, SEED_CLAIMS, strict=True):
        assert (claim.rule, claim.verdict) == (rule, verdict), claim
        assert claim.text.startswith(text), claim
        if computed is not None:
            assert claim.computed == computed
        # the span is the whole claim as written, and its position is where the text is
        assert SEED_TEXT[claim.span.start : claim.span.end] == claim.text
        line = SEED_TEXT.splitlines()[claim.line - 1]
        assert line[claim.column - 1 :].startswith(claim.text.split("\n")[0])


def test_the_seed_counts_match_the_issue(seed):
    kinds = [c.rule for c in seed.checked]
    assert kinds.count("unit-conversion") == 5
    assert kinds.count("money-conversion") == 1
    assert kinds.count("list-count") == 1
    assert kinds.count("weekday-date") == 1
    assert len(seed.checked) >= 8
    verdicts = [c.verdict for c in seed.checked]
    assert verdicts.count(INCONSISTENT) == 1 == len(seed.findings)


def test_the_troop_total_is_undecidable_without_an_earlier_count(seed):
    (total,) = [c for c in seed.checked if c.rule == "running-total"]
    assert total.verdict == UNKNOWN
    assert "no earlier figure" in total.reason and "troop" in total.reason
    assert total.text.endswith("to 150")


def test_the_inconsistent_claim_carries_the_finding_message_and_its_figures(seed):
    (wrong,) = [c for c in seed.checked if c.verdict == INCONSISTENT]
    (finding,) = seed.findings
    assert wrong.message == finding.message
    assert [(f.name, f.text) for f in wrong.figures] == [
        ("a", "60 kilometres"),
        ("b", "20 miles"),
    ]
    assert wrong.figures[1].span == finding.span
    assert not wrong.suppressed


def test_an_earlier_count_makes_the_total_decidable():
    earlier = "Some {n} African troops were in Bamako. "
    total = (
        "Meanwhile 50 Senegalese soldiers arrived in the Mali capital Bamako, "
        "taking the number of African troops there to 150."
    )
    right = lint(earlier.format(n=100) + total, checked=True)
    (claim,) = [c for c in right.checked if c.rule == "running-total"]
    assert claim.verdict == CONSISTENT
    assert [f.text for f in claim.figures if f.name == "fact"] == ["100 African troops"]
    wrong = lint(earlier.format(n=120) + total, checked=True)
    (claim,) = [c for c in wrong.checked if c.rule == "running-total"]
    assert claim.verdict == INCONSISTENT and "170" in claim.message


def test_no_rate_for_the_date_is_unknown_with_the_reason():
    result = lint("The mission will cost $500m (€375m).", date="1990-01-01", checked=True)
    (claim,) = result.checked
    assert claim.verdict == UNKNOWN
    assert claim.reason.startswith("no exchange rate")
    assert "1999" in claim.reason


def test_a_weekday_without_a_year_or_article_date_is_unknown():
    (claim,) = lint("The jeep was unloaded on Sunday, January 20.", checked=True).checked
    assert claim.verdict == UNKNOWN and "year" in claim.reason
    # with the article's date it is decided
    (claim,) = lint(
        "The jeep was unloaded on Sunday, January 20.", date="2013-01-21", checked=True
    ).checked
    assert claim.verdict == CONSISTENT


def test_a_date_without_a_weekday_is_not_a_claim():
    assert lint("The talks began on 27 July 2012.", checked=True).checked == []


def test_a_suppressed_finding_leaves_its_claim_marked():
    wrong = "It is 60 km (20 miles) away."
    text = f"<!-- factlint-disable-next-line -->\n{wrong}\n{wrong}\n"
    result = lint(text, path="a.md", checked=True)
    assert [(c.line, c.verdict, c.suppressed) for c in result.checked] == [
        (2, INCONSISTENT, True),
        (3, INCONSISTENT, False),
    ]
    assert [f.line for f in result.findings] == [3]


def test_positions_after_a_byte_order_mark_count_it():
    text = "\ufeffIt is 60 km (37 miles) away."
    (claim,) = lint(text, checked=True).checked
    assert text[claim.span.start : claim.span.end] == "60 km (37 miles)"
    assert claim.column == text.index("60") + 1
    assert text[claim.figures[0].span.start : claim.figures[0].span.end] == "60 km"


def test_json_form_is_complete(seed):
    entry = seed.checked[0].to_json()
    assert entry["verdict"] == CONSISTENT
    assert entry["computed"] == "1,500 kilometres ≈ 932 miles"
    assert entry["text"] == "1,500 kilometres (900 miles)"
    assert {f["name"] for f in entry["figures"]} == {"a", "b"}
    assert entry["path"] == str(SEED)
