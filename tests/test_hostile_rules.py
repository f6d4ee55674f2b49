"""Rule packs as an attack: a pack from a pull request must not hang, crash or run code.

Each test names the protection it exercises. Attacks that would hang or kill
the interpreter without their protection run in a subprocess with a timeout,
so a regression fails the test instead of freezing or crashing the suite.
Times are CPU time (`time.process_time`): the suite shares a loaded machine,
and rule time itself is CPU time (engine/budget.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from factlint.api import Options, check_source
from factlint.engine.figures import tag_figures
from factlint.engine.loader import MAX_RULE_FILE_SIZE, RuleError, load_rule_file, load_rule_text
from factlint.text.source import source_from_text

ROOT = Path(__file__).resolve().parents[1]


def rule_text(**fields: str) -> str:
    """One complete, valid rule with some fields replaced by the attack."""
    values = {
        "id": "hostile",
        "match": "{a:number} widgets",
        "assert": "a == 1",
        "message": "{a} widgets",
    }
    values.update(fields)
    return (
        f"id: {values['id']}\n"
        "description: An attack.\n"
        "severity: error\n"
        f"match: {_quoted(values['match'])}\n"
        f"assert: {_quoted(values['assert'])}\n"
        f"message: {_quoted(values['message'])}\n"
        "examples: {bad: ['2 widgets'], good: ['1 widgets']}\n"
    )


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def run_python(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def test_the_template_rule_itself_loads():
    # Guards the helpers above: every refusal below is about the attack, not the rule around it.
    (rule,) = load_rule_text(rule_text())
    assert rule.id == "hostile"


# --------------------------------------------------------------- catastrophic backtracking


def test_catastrophic_pattern_is_stopped_and_other_rules_still_run():
    """The run loop passes timeout= to regex; api.check_source reports rule-error."""
    script = textwrap.dedent(
        """
        import time
        from factlint.api import Options, builtin_rules, check_source
        from factlint.engine.loader import load_rule_text
        from factlint.text.source import source_from_text
        hostile = load_rule_text('''RULE''', path="evil.yaml")
        text = "60 kilometres (20 miles).\\n1x" + "a" * 5000 + "!\\n"
        rules = list(builtin_rules()) + hostile
        start = time.process_time()
        found = check_source(source_from_text(text), Options(rules=rules, pattern_timeout=0.3))
        elapsed = time.process_time() - start
        for f in found.findings:
            print("FINDING", f.rule, f.message)
        print("ELAPSED", elapsed)
        """
    ).replace("RULE", rule_text(match="{a:number}x(?:a|a)+$"))
    done = run_python(script, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    errors = [line for line in lines if line.startswith("FINDING rule-error")]
    assert len(errors) == 1 and "hostile" in errors[0] and "evil.yaml" in errors[0]
    assert any(line.startswith("FINDING unit-conversion") for line in lines)
    elapsed = float(next(line for line in lines if line.startswith("ELAPSED")).split()[1])
    assert elapsed < 5


def test_issue_example_nested_plus_on_a_long_line_finishes():
    # `regex` defuses (a+)+$ itself; whatever the engine does, a 100,000-character line
    # must come back quickly, with either no finding or the rule's own error.
    rules = load_rule_text(rule_text(match="{a:number}x(a+)+$"), path="evil.yaml")
    text = "1x" + "a" * 100_000 + "!"
    start = time.process_time()
    result = check_source(source_from_text(text), Options(rules=rules, pattern_timeout=0.5))
    assert time.process_time() - start < 5
    assert {f.rule for f in result.findings} <= {"rule-error"}


# --------------------------------------------------------------- YAML that is not data


@pytest.mark.parametrize(
    "attack",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/object:os.system {}",
        "!!python/name:os.system",
        "!!python/module:os",
        "!custom 'x'",
        "!!binary aGVsbG8=",
        "!!set {a: null}",
    ],
)
def test_yaml_tags_beyond_plain_data_are_refused(tmp_path, attack):
    """yamlnodes._convert accepts only the plain tags (str, int, float, bool, null, seq, map)."""
    marker = tmp_path / "pwned"
    attack = attack.replace("{marker}", str(marker))
    text = rule_text().replace("description: An attack.", "description: " + attack)
    with pytest.raises(RuleError) as caught:
        load_rule_text(text, path="evil.yaml")
    assert "is not allowed" in str(caught.value)
    assert "evil.yaml:2" in str(caught.value)
    assert not marker.exists()


def _laughs(levels: int) -> str:
    layers = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for index in range(1, levels):
        refs = ", ".join([f"*l{index - 1}"] * 9)
        layers.append(f"l{index}: &l{index} [{refs}]")
    return "\n".join(layers) + "\n"


def test_billion_laughs_is_refused_before_it_expands():
    """yamlnodes refuses any alias; without that, 9**9 strings would be built."""
    script = textwrap.dedent(
        """
        import time
        from factlint.engine.loader import RuleError, load_rule_text
        start = time.process_time()
        try:
            load_rule_text(BOMB, path="bomb.yaml")
        except RuleError as err:
            print("REFUSED", err)
        print("ELAPSED", time.process_time() - start)
        """
    ).replace("BOMB", repr(_laughs(9)))
    done = run_python(script, timeout=30)
    assert "REFUSED bomb.yaml:" in done.stdout and "aliases" in done.stdout, done.stderr
    assert float(done.stdout.split("ELAPSED")[1]) < 1


# --------------------------------------------------------------- assertions and templates


@pytest.mark.parametrize(
    "expression",
    [
        "__import__('os').system('true')",
        "a.__class__",
        "a.value.__class__.__mro__",
        "a.__dict__ == 1",
        "_a == 1",
        "(lambda: 1)() == 1",
        "[x for x in (1, 2)] == a",
        "{x for x in (1, 2)} == a",
        "{x: 1 for x in (1, 2)} == a",
        "any(x for x in (1, 2))",
        "a[0] == 1",
        "getattr(a, 'value') == 1",
        "eval('1') == a",
        "open('/etc/passwd') == a",
        "'{0.__class__}'.format(a) == a",
        "f'{a.__class__}' == a",
        "(b := a) == 1",
        "a ** 99999999 == 1",
        "a == 1 if True else __import__('os')",
    ],
)
def test_unsafe_assertions_are_rejected_at_load(expression):
    """expr._check whitelists node kinds, names and attributes before any rule runs."""
    with pytest.raises(RuleError) as caught:
        load_rule_text(rule_text(**{"assert": expression}), path="evil.yaml")
    assert "field 'assert'" in str(caught.value)


@pytest.mark.parametrize(
    "template",
    [
        "{a.__class__}",
        "{a.__class__.__init__.__globals__}",
        "{a[0]}",
        "{a!r}",
        "{a:>99999999}",
        "{0}",
        "{}",
        "{a",
    ],
)
@pytest.mark.parametrize("field", ["message", "fix"])
def test_format_string_tricks_in_templates_are_rejected(template, field):
    """templates.check_template accepts {name} fields only."""
    text = rule_text() + (f"fix: {_quoted(template)}\n" if field == "fix" else "")
    if field == "message":
        text = rule_text(message=template)
    with pytest.raises(RuleError) as caught:
        load_rule_text(text, path="evil.yaml")
    assert f"field '{field}'" in str(caught.value)


# --------------------------------------------------------------- size and shape limits


def test_50_megabyte_rule_file_is_refused_within_a_second(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.write(rule_text().encode())
        handle.truncate(50 * 1024 * 1024)  # sparse: the test writes almost nothing
    start = time.process_time()
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    assert time.process_time() - start < 1
    assert "over the" in str(caught.value) and "limit" in str(caught.value)


def test_50_megabyte_rule_text_is_refused_within_a_second():
    """load_rule_text applies the file cap to text that never was a file (the service)."""
    text = rule_text() + "# padding\n" * (5 * 1024 * 1024)
    start = time.process_time()
    with pytest.raises(RuleError) as caught:
        load_rule_text(text, path="posted.yaml")
    assert time.process_time() - start < 1
    assert "limit" in str(caught.value)


def test_100000_rules_are_refused_within_a_second():
    """The count is checked on the YAML event stream before any node is built.

    Composing this 1.7 MB file alone takes ~2 s, so checking after parsing is too late.
    """
    text = "rules:\n" + "".join(f"  - {{id: r{i}}}\n" for i in range(100_000))
    assert len(text.encode()) < MAX_RULE_FILE_SIZE  # the count limit, not the size limit
    start = time.process_time()
    with pytest.raises(RuleError) as caught:
        load_rule_text(text, path="many.yaml")
    assert time.process_time() - start < 1
    assert "'rules' holds more than 2,000 entries" in str(caught.value)


def test_a_flat_list_of_a_million_values_is_refused_quickly():
    text = "rules: []\nx: [" + ",".join(["1"] * 700_000) + "]\n"
    assert len(text.encode()) < MAX_RULE_FILE_SIZE
    start = time.process_time()
    with pytest.raises(RuleError) as caught:
        load_rule_text(text, path="flat.yaml")
    assert time.process_time() - start < 1
    assert "YAML values" in str(caught.value)


def test_deeply_nested_yaml_is_refused_without_crashing(tmp_path):
    """PyYAML's C composer recurses per level: 30,000 levels kill the process (SIGSEGV)."""
    path = tmp_path / "deep.yaml"
    path.write_text("rules: " + "[" * 30_000 + "]" * 30_000 + "\n")
    article = tmp_path / "a.txt"
    article.write_text("Nothing to see.\n")
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--rules", str(path), str(article)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])
    assert "nested deeper than" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("match", "expected"),
    [
        ("{a:number} a{4294967294}", "over the limit"),
        ("{a:number} (?:a{1000}){1000}", "multiply"),
        ("{a:number} " + "(" * 5000 + "a" + ")" * 5000, "nested"),
        (" ".join(f"{{a{i}:measure}}" for i in range(40)), "placeholders"),
    ],
)
def test_patterns_that_would_take_forever_to_compile_are_refused(match, expected):
    """patterns._check_cost and the slot cap: compiling has no time limit, so it is checked first.

    Unprotected, the first two never finish, the third raises RecursionError and the
    last compiles for ~9 s.
    """
    script = textwrap.dedent(
        """
        from factlint.engine.loader import RuleError, load_rule_text
        try:
            load_rule_text(TEXT, path="slow.yaml")
        except RuleError as err:
            print("REFUSED", err)
        """
    ).replace("TEXT", repr(rule_text(match=match)))
    # Long patterns are over the schema's 2,000 characters: the cost check must still
    # come first, or at least the refusal must be immediate and clean.
    done = run_python(script, timeout=20)
    assert done.stdout.startswith("REFUSED slow.yaml"), done.stderr[-500:]
    if len(match) <= 2000:
        assert expected in done.stdout


def test_ordinary_counted_repeats_still_compile():
    (rule,) = load_rule_text(rule_text(match=r"{a:number} widgets? [a-z]{1,3}(?:,[a-z]{3}){0,4}"))
    assert rule.patterns[0].regex.search(tag_figures("5 widgets abc,def,ghi"))
