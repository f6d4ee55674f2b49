"""Broken rule files are reported as `file:line: field 'x': what is wrong`, never a traceback."""

import subprocess
import sys
import textwrap

import pytest

from factlint.engine.loader import RuleError, load_rule_file, load_rule_text

GOOD_RULE = """\
id: my-rule
description: Conversions in brackets.
severity: error
match: "{a:measure} \\\\({b:measure}\\\\)"
assert: a ~= b
message: "{a} is about {expected}, not {b}"
fix: "{expected}"
examples:
  bad: ["60 kilometres (20 miles)"]
  good: ["60 kilometres (37 miles)"]
"""


def with_line(replace: str, by: str) -> str:
    assert replace in GOOD_RULE
    return GOOD_RULE.replace(replace, by)


def test_good_rule_loads():
    (rule,) = load_rule_text(GOOD_RULE, path="x.yaml")
    assert rule.id == "my-rule"
    assert [name for name, _ in rule.slots] == ["a", "b"]
    assert rule.line == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            with_line("assert: a ~= b", "assert: totl ~= b"),
            "x.yaml:5: field 'assert': unknown name 'totl'",
        ),
        (
            with_line("severity: error", "severity: fatal"),
            "x.yaml:3: field 'severity': 'fatal' is not one of",
        ),
        (GOOD_RULE + "colour: red\n", "x.yaml:11: field 'colour': unknown field"),
        (with_line("id: my-rule\n", ""), "missing required field 'id'"),
        (
            with_line("{b:measure}", "{b:mesure}"),
            "x.yaml:4:24: field 'match': unknown placeholder type 'mesure'",
        ),
        (
            with_line('"{a} is about', '"{a.__class__} is about'),
            "x.yaml:6: field 'message': {a.__class__} is not allowed",
        ),
        (
            with_line('fix: "{expected}"', 'fix: "{zzz}"'),
            "x.yaml:7: field 'fix': unknown name 'zzz'",
        ),
        (
            with_line("assert: a ~= b", "assert: a.__class__"),
            "field 'assert': attribute '__class__' is not allowed",
        ),
        (with_line("assert: a ~= b", "assert: __import__('os')"), "unknown function '__import__'"),
        (with_line("id: my-rule", "id: My Rule"), "x.yaml:1: field 'id': 'My Rule' does not match"),
        ("id: [unclosed\n", "x.yaml:2: invalid YAML"),
        ("- just a list\n", "x.yaml:1: a rule file must be a mapping"),
        (
            "a: !!python/object/apply:os.system ['echo hi']\n",
            "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        (
            with_line('match: "{a:measure}', 'match: "({a:measure}'),
            "field 'match': invalid regular expression",
        ),
        (
            with_line('match: "{a:measure}', 'match: "(?P<x>y){a:measure}'),
            "named groups are reserved",
        ),
    ],
)
def test_broken_rules_are_reported_with_file_line_and_field(text, expected):
    with pytest.raises(RuleError) as caught:
        load_rule_text(text, path="x.yaml")
    assert expected in str(caught.value)


def test_alias_bomb_is_refused_before_expanding():
    layers = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for index in range(1, 10):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        layers.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(RuleError) as caught:
        load_rule_text("\n".join(layers) + "\n", path="bomb.yaml")
    assert "aliases" in str(caught.value)


def test_pack_with_duplicate_ids(tmp_path):
    body = textwrap.indent(GOOD_RULE, "    ").replace("    id:", "  - id:", 1)
    pack = "rules:\n" + body + body
    path = tmp_path / "pack.yaml"
    path.write_text(pack)
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    assert "duplicate rule id 'my-rule'" in str(caught.value)


def test_oversized_rule_file_refused_without_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(RuleError) as caught:
        load_rule_file(path)
    assert "over the" in str(caught.value)


def test_cli_reports_broken_rule_with_exit_2_and_no_traceback(tmp_path):
    rule = tmp_path / "x.yaml"
    rule.write_text(with_line("assert: a ~= b", "assert: totl ~= b"))
    article = tmp_path / "a.txt"
    article.write_text("Niono is 60 kilometres (20 miles) away.\n")
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--rules", str(rule), str(article)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{rule}:5: field 'assert': unknown name 'totl'" in done.stderr
