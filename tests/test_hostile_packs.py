"""Issue 17 item 4 and 6: rule packs and dense documents within bounded time and memory.

Each attack runs in a child interpreter (tests/hostile_bounds.py) that must
answer in under 5 s and 300 MB; the child's address space is capped so that a
regression fails here instead of exhausting the machine.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from hostile_bounds import run_bounded
from test_hostile_rules import rule_text

from factlint.api import Options, builtin_rules, check_source
from factlint.engine.budget import Budget
from factlint.engine.loader import RuleError, load_rule_text
from factlint.engine.patterns import MAX_EXPANDED_TOTAL, PatternError, compile_pattern
from factlint.text.source import source_from_text


def pack(rules: list[str]) -> str:
    return "rules:\n" + "".join("  - " + r.replace("\n", "\n    ") + "\n" for r in rules)


def test_decimal_invalid_operation_is_undecidable_not_a_crash():
    (rule,) = load_rule_text(rule_text(**{"assert": "a * 1e308 * 10 == a"}), path="inf.yaml")
    text = "The depot held 5 widgets. It took 60 kilometres (20 miles) to reach it."
    options = Options(rules=[*builtin_rules(), rule], checked=True)
    result = check_source(source_from_text(text), options)
    assert [f.rule for f in result.findings] == ["unit-conversion"]
    (claim,) = [c for c in result.checked if c.rule == "hostile"]
    assert claim.verdict == "unknown" and "no answer" in claim.reason


@pytest.mark.parametrize(
    "match",
    [
        "{a:number} (?#[)x{4294967294}(?#])",
        "{a:number} (?#\\)[)x{4294967294}(?#])",
        "{a:number} (?x)#[\n x{4294967294}",
        "{a:number} (?x)#[\n x{ 4294 967294 }",
        "{a:number} (?ix:#[\n y)x{4294967294}",
    ],
)
def test_repeats_hidden_in_regex_comments_are_refused_at_load(match):
    done = run_bounded(
        f"""
        from factlint.engine.patterns import PatternError, compile_pattern
        try:
            compile_pattern({match!r})
        except PatternError as err:
            print("REFUSED", err)
        """
    )
    assert "REFUSED repeat {4294967294}" in done.stdout


def test_comments_and_verbose_patterns_that_are_harmless_still_compile():
    assert compile_pattern("{a:number} (?#a comment) widgets{1,3}").slots == (("a", "number"),)
    assert compile_pattern("(?x) {a:number} \\  widgets  # the noun\n").slots


def test_a_pack_of_100_rules_with_10_measures_each_is_refused_quickly():
    rules = [
        rule_text(
            id=f"m{i}",
            match=" ".join(f"{{x{j}:measure}}" for j in range(10)),
            message="{x0}",
            **{"assert": "x0 == x1"},
        )
        for i in range(100)
    ]
    done = run_bounded(
        f"""
        from factlint.engine.loader import RuleError, load_rule_text
        try:
            load_rule_text({pack(rules)!r}, path="measures.yaml")
        except RuleError as err:
            print("REFUSED", err)
        """
    )
    assert "REFUSED measures.yaml:" in done.stdout
    assert f"{MAX_EXPANDED_TOTAL:,} characters" in done.stdout


def test_a_pack_just_within_the_compile_budget_loads_in_bounds():
    # As many rules of ten measures each as fit the budget: the largest pack allowed.
    match = " ".join(f"{{x{j}:measure}}" for j in range(10))
    fitting = MAX_EXPANDED_TOTAL // len(compile_pattern(match).regex.pattern)
    assert fitting >= 5
    rules = [
        rule_text(id=f"m{i}", match=match, message="{x0}", **{"assert": "x0 == x1"})
        for i in range(fitting)
    ]
    done = run_bounded(
        f"""
        from factlint.engine.loader import load_rule_text
        print("LOADED", len(load_rule_text({pack(rules)!r}, path="measures.yaml")))
        """
    )
    assert f"LOADED {fitting}" in done.stdout


def test_the_budget_is_shared_by_every_file_of_one_load(tmp_path):
    one = [
        rule_text(id=f"m{i}", match=" ".join(f"{{x{j}:measure}}" for j in range(10)))
        .replace("{a}", "{x0}")
        .replace("a == 1", "x0 == 1")
        for i in range(4)
    ]
    (tmp_path / "a.yaml").write_text(pack(one), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(pack(one).replace("id: m", "id: n"), encoding="utf-8")
    from factlint.engine.loader import load_rules

    with pytest.raises(RuleError, match="b.yaml:.*expand to more than"):
        load_rules([tmp_path], builtin=False)


def test_the_builtin_packs_leave_more_than_half_the_budget_to_the_users_packs():
    """What loading the built-ins charges (patterns, facts and frame cues, expanded)."""
    from factlint.engine.loader import builtin_rules_dir, load_rule_file, rule_files
    from factlint.engine.patterns import CompileBudget

    budget = CompileBudget()
    for path in rule_files([builtin_rules_dir()]):
        load_rule_file(path, budget=budget)
    assert 10_000 < budget.used < MAX_EXPANDED_TOTAL / 2
    with pytest.raises(PatternError):
        compile_pattern("{a:number}", _tiny_budget())


def _tiny_budget():
    from factlint.engine.patterns import CompileBudget

    return CompileBudget(limit=10)


def test_sixty_slow_rules_share_one_document_budget():
    slow = [rule_text(id=f"slow-{i}", match="{a:number}x(?:a|a)+$") for i in range(60)]
    done = run_bounded(
        f"""
        from factlint.api import Options, builtin_rules, check_source
        from factlint.engine.loader import load_rule_text
        from factlint.text.source import source_from_text
        rules = [*builtin_rules(), *load_rule_text({pack(slow)!r}, path="slow.yaml")]
        text = "60 kilometres (20 miles).\\n1x" + "a" * 5000 + "!\\n"
        for finding in check_source(source_from_text(text), Options(rules=rules)).findings:
            print("FINDING", finding.rule, finding.message)
        """
    )
    errors = [line for line in done.stdout.splitlines() if line.startswith("FINDING rule-error")]
    assert any("more not run" in line and "rule time" in line for line in errors)
    assert len(errors) < 10  # one line for the rules not run, not one each
    assert "FINDING unit-conversion" in done.stdout  # built-in rules ran first


def test_rule_time_is_cpu_time_so_load_does_not_turn_findings_into_errors():
    para = "The convoy drove 60 kilometres (20 miles) north over two days. "
    source = source_from_text(para * 6000)
    rules = [r for r in builtin_rules() if r.id == "unit-conversion"]
    start = time.thread_time()
    idle = check_source(source, Options(rules=rules))
    cpu = time.thread_time() - start
    assert len(idle.findings) == 6000
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(3)]
    try:
        time.sleep(0.2)
        started = time.monotonic()
        loaded = check_source(source, Options(rules=rules, pattern_timeout=max(0.2, cpu * 1.5)))
        wall = time.monotonic() - started
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    assert [f.rule for f in loaded.findings] == [f.rule for f in idle.findings], wall


def test_max_findings_stops_checking_and_says_so():
    para = "The convoy drove 60 kilometres (20 miles) north over two days. "
    result = check_source(source_from_text(para * 500), Options(max_findings=25))
    assert len(result.findings) == 25 and result.truncated
    assert not check_source(source_from_text(para), Options(max_findings=25)).truncated


def test_document_budget_counts_every_rule():
    budget = Budget(rule_limit=1.0, document_limit=0.5)
    clock = budget.clock()
    assert clock.limit == 0.5
    deadline = time.thread_time() + 0.6
    while time.thread_time() < deadline:
        pass
    clock.close()
    assert budget.exhausted()


def test_a_rule_timed_twice_shares_one_limit():
    """Its patterns, then its facts: the second clock gets what the first left."""
    budget = Budget(rule_limit=0.3, document_limit=5.0)
    first = budget.clock("r")
    deadline = time.thread_time() + 0.1
    while time.thread_time() < deadline:
        pass
    used = first.close()
    assert budget.by_name["r"] == used
    assert budget.clock("r").limit == pytest.approx(0.3 - used)
    assert budget.clock("other").limit == 0.3


def test_yaml_base_60_integers_are_text_and_cost_nothing():
    sexagesimal = "1" + ":0" * 50_000
    done = run_bounded(
        f"""
        from factlint.engine.loader import RuleError, load_rule_text
        from factlint.infra.safe_yaml import load_with_lines
        data, _ = load_with_lines("value: {sexagesimal}\\nclock: 12:30\\n")
        print("TYPES", type(data["value"]).__name__, repr(data["clock"]))
        try:
            load_rule_text("id: x\\nseverity: {sexagesimal}\\n", path="sixty.yaml")
        except RuleError as err:
            print("REFUSED", str(err)[:80])
        """
    )
    assert "TYPES str '12:30'" in done.stdout
    assert "REFUSED sixty.yaml:" in done.stdout


def test_a_number_thousands_of_digits_long_is_an_error_with_its_line():
    from factlint.infra.safe_yaml import YamlError, load_with_lines

    with pytest.raises(YamlError, match="too long") as caught:
        load_with_lines("a: 1\nb: 0x" + "f" * 3700 + "\n")
    assert caught.value.line == 2
