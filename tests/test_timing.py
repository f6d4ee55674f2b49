"""`check --timing`: the rules a run spent its CPU time in, named, over every file."""

from __future__ import annotations

import regex
from cli_run import run_factlint

from factlint.cli.timing import timing_table

SLOW_PACK = """\
pack: desk
rules:
  - id: desk-slow-figure
    description: a figure, then anything up to a word
    severity: warning
    match: "{n:number}[^!]*?zorblax"
    assert: n < 0
    message: "never"
    examples: {bad: ["-1 zorblax"], good: ["5 zorblax"]}
"""


def test_the_table_sums_each_rule_over_files_most_costly_first():
    table = timing_table([{"a": 0.125, "frame change": 0.75}, {"a": 0.125}, {}]).splitlines()
    assert table[1].split()[:4] == ["frame", "change", "0.750", "75.0%"]
    assert table[2].split()[:3] == ["a", "0.250", "25.0%"]
    assert table[-1].split()[:3] == ["all", "rules", "1.000"]
    assert "(2 rules, 3 files)" in table[-1]


def test_only_the_costliest_rules_are_listed():
    lines = timing_table([{f"r{i}": i / 100 for i in range(30)}], top=5).splitlines()
    assert [line.split()[0] for line in lines[1:-1]] == ["r29", "r28", "r27", "r26", "r25"]


def test_a_rule_of_the_users_pack_is_timed_beside_the_builtins_over_the_pool(tmp_path):
    (tmp_path / "desk.yaml").write_text(SLOW_PACK, encoding="utf-8")
    story = "It cost 5 of the ones that were left over from the last time. " * 40 + "zorblax"
    for index in range(12):  # more files than the pool threshold: summed over workers
        (tmp_path / f"{index}.txt").write_text(story, encoding="utf-8")
    run = run_factlint(
        "check",
        "--timing",
        "-j",
        "2",
        "--rules",
        "desk.yaml",
        *[f"{i}.txt" for i in range(12)],
        cwd=tmp_path,
    )
    assert run.returncode in (0, 1) and "rule-error" not in run.stdout, run.stderr
    rows = [line for line in run.stderr.splitlines() if regex.search(r"\d\.\d{3}\s", line)]
    named = [row.split()[0] for row in rows]
    assert "desk-slow-figure" in named and "running-total" in named, run.stderr
    assert "12 files" in run.stderr


def test_without_the_flag_no_table_is_printed(tmp_path):
    (tmp_path / "a.txt").write_text("It is 60 km (37 miles) away.\n", encoding="utf-8")
    run = run_factlint("check", "a.txt", cwd=tmp_path)
    assert "CPU s" not in run.stderr
