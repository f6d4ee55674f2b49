"""The claims ledger on the command line: the summary, --show-checked, JSON, SARIF, statistics."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from cli_run import run_factlint as factlint

from factlint import lint

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "mali-2013.txt"
# The seed's claims are pinned in test_checked.py; the command line must say the same.
SEED_VERDICTS = Counter(
    c.verdict for c in lint(SEED.read_text(encoding="utf-8"), checked=True).checked
)
CONSISTENT = SEED_VERDICTS["consistent"]
SEED_SUMMARY = (
    f"{sum(SEED_VERDICTS.values())} claims checked: {CONSISTENT} consistent, "
    f"{SEED_VERDICTS['inconsistent']} wrong, {SEED_VERDICTS['unknown']} undecidable"
)


def test_the_text_summary_always_counts_the_claims():
    done = factlint("check", str(SEED))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[-2] == SEED_SUMMARY
    assert lines[-1].startswith("1 finding (1 error) in 1 file")
    assert "✓" not in done.stdout


def test_a_clean_story_says_what_was_verified(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The trail is 60 kilometres (37 miles) long and 2 km (1.2 miles) wide.\n")
    done = factlint("check", "--show-checked", str(story))
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines == [
        f"{story}:1:14: ✓ unit-conversion 60 kilometres (37 miles): 60 kilometres ≈ 37.3 miles",
        f"{story}:1:48: ✓ unit-conversion 2 km (1.2 miles): 2 km ≈ 1.24 miles",
        "",
        "2 claims checked: 2 consistent, 0 wrong, 0 undecidable",
        "no findings; 1 file checked",
    ]


def test_show_checked_lists_consistent_and_undecidable_claims_under_the_findings():
    done = factlint("check", "--show-checked", str(SEED))
    lines = done.stdout.splitlines()
    ticks = [line for line in lines if " ✓ " in line]
    assert len(ticks) == CONSISTENT >= 8
    assert f"{SEED}:3:217: ✓ unit-conversion 1,500 kilometres (900 miles): " in ticks[0]
    assert ticks[0].endswith("1,500 kilometres ≈ 932 miles")
    assert any(line.endswith("500 million dollars ≈ 375.3 million euros") for line in ticks)
    (undecided,) = [line for line in lines if " ? " in line]
    assert undecided.startswith(f"{SEED}:11:11: ? running-total 50 Senegalese soldiers")
    assert "undecidable: no earlier figure" in undecided
    # the findings come first, the ledger after them, the summary last
    assert lines[0].startswith(f"{SEED}:23:94: error unit-conversion")
    assert lines.index(ticks[0]) > 3
    assert lines[-2] == SEED_SUMMARY
    assert lines[-1].startswith("1 finding (1 error) in 1 file")


def test_json_counts_claims_always_and_lists_them_when_asked():
    plain = json.loads(factlint("check", "--format", "json", str(SEED)).stdout)
    assert plain["claims"] == {"checked": sum(SEED_VERDICTS.values()), **SEED_VERDICTS}
    assert SEED_VERDICTS["inconsistent"] == 1 and SEED_VERDICTS["unknown"] == 1
    assert "checked" not in plain
    data = json.loads(factlint("check", "--format", "json", "--show-checked", str(SEED)).stdout)
    assert data["version"] == 1 and data["checked_version"] == 1
    verdicts = [c["verdict"] for c in data["checked"]]
    assert verdicts.count("consistent") == CONSISTENT
    (wrong,) = [c for c in data["checked"] if c["verdict"] == "inconsistent"]
    (finding,) = [f for f in data["findings"] if f["rule"] == "unit-conversion"]
    assert wrong["message"] == finding["message"]
    (total,) = [c for c in data["checked"] if c["rule"] == "running-total"]
    assert total["verdict"] == "unknown" and "troop" in total["reason"]
    text = SEED.read_text(encoding="utf-8")
    for claim in data["checked"]:
        assert text[claim["offset"] : claim["end_offset"]] == claim["text"]


def test_sarif_adds_passes_only_when_asked():
    plain = json.loads(factlint("check", "--format", "sarif", str(SEED)).stdout)
    assert [r.get("kind", "fail") for r in plain["runs"][0]["results"]] == ["fail"]
    log = json.loads(factlint("check", "--format", "sarif", "--show-checked", str(SEED)).stdout)
    run = log["runs"][0]
    kinds = [r.get("kind", "fail") for r in run["results"]]
    assert kinds.count("pass") == CONSISTENT
    assert kinds.count("open") == 1 and kinds.count("fail") == 1
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        if result.get("kind") in ("pass", "open"):
            assert result["level"] == "none"
    (money,) = [r for r in run["results"] if r["ruleId"] == "money-conversion"]
    assert money["message"]["text"] == "consistent: 500 million dollars ≈ 375.3 million euros"
    region = money["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (14, 176)


def test_statistics_count_claims_per_rule():
    done = factlint("check", "--statistics", str(SEED))
    lines = done.stdout.splitlines()
    assert "5  unit-conversion  (4 consistent, 1 wrong, 0 undecidable)" in lines
    assert "1  running-total  (0 consistent, 0 wrong, 1 undecidable)" in lines
    assert lines[-2] == SEED_SUMMARY
    assert lines[-1] == factlint("check", str(SEED)).stdout.splitlines()[-1]


def test_a_suppressed_finding_is_not_counted_as_wrong(tmp_path):
    story = tmp_path / "story.md"
    story.write_text(
        "<!-- factlint-disable-next-line -->\nIt is 60 km (20 miles) away.\n\n"
        "It is 60 km (37 miles) away.\n"
    )
    done = factlint("check", str(story))
    assert done.returncode == 0
    assert done.stdout.splitlines()[-2:] == [
        "1 claim checked: 1 consistent, 0 wrong, 0 undecidable",
        "no findings; 1 file checked",
    ]


def test_standard_input_claims_are_named_like_its_findings():
    done = factlint("check", "--show-checked", "-", stdin="It is 60 km (37 miles) away.\n")
    assert done.stdout.splitlines()[0].startswith("<stdin>:1:7: ✓ unit-conversion 60 km")


def test_json_statistics_count_claims_per_rule():
    data = json.loads(factlint("check", "--statistics", "--format", "json", str(SEED)).stdout)
    claims = data["claims"]
    assert claims["checked"] == sum(SEED_VERDICTS.values())
    by_rule = {row["rule"]: row for row in claims["rules"]}
    assert by_rule["unit-conversion"] == {
        "rule": "unit-conversion",
        "checked": 5,
        "consistent": 4,
        "inconsistent": 1,
        "unknown": 0,
    }
    assert sum(row["checked"] for row in claims["rules"]) == claims["checked"]


def test_quiet_prints_no_ledger():
    done = factlint("check", "--quiet", "--show-checked", str(SEED))
    assert "claims checked" not in done.stdout and "✓" not in done.stdout
