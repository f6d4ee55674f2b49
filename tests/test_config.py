"""Configuration: found by walking up, checked strictly, applied per file."""

from __future__ import annotations

import json

import pytest

from factlint.api import check_source
from factlint.cli.main import main
from factlint.config.file import ConfigError, find_config, load_config, options_for
from factlint.text.source import source_from_text

WRONG = "It is 60 km (20 miles) away.\n"
NEAR = "It is 16 km (10.8 miles) away.\n"  # 9.9 miles: a near miss at 2 % slack


def findings_for(path, text):
    options, _ = options_for(str(path))
    return check_source(source_from_text(text, str(path)), options).findings


def test_closest_config_wins_walking_up(tmp_path):
    (tmp_path / ".factlint.yaml").write_text("ignore: [unit-conversion]\n")
    inner = tmp_path / "desk" / "world"
    inner.mkdir(parents=True)
    assert findings_for(inner / "a.txt", WRONG) == []
    (tmp_path / "desk" / ".factlint.yml").write_text("select: [units]\n")
    assert find_config(inner / "a.txt") == str(tmp_path / "desk" / ".factlint.yml")
    assert [f.rule for f in findings_for(inner / "a.txt", WRONG)] == ["unit-conversion"]


def test_pyproject_section_and_plain_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(tmp_path / "a.md") != str(tmp_path / "pyproject.toml")
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.factlint]\nignore = ['unit']\n"
    )
    assert find_config(tmp_path / "a.md") == str(tmp_path / "pyproject.toml")
    assert findings_for(tmp_path / "a.txt", WRONG) == []


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        (".factlint.yaml", "select: [units]\n\nselct: [units]\n", 3),
        (".factlint.yaml", "tolerance:\n  unit_slack: 0.1\n  unit_slak: 0.1\n", 3),
        (".factlint.yaml", "overrides:\n  - files: ['a/**']\n    ignor: [x]\n", 3),
        ("pyproject.toml", "[tool.factlint]\nselect = ['units']\nselct = ['x']\n", 3),
    ],
)
def test_unknown_key_names_file_line_and_key(tmp_path, name, text, line):
    (tmp_path / name).write_text(text)
    with pytest.raises(ConfigError) as caught:
        options_for(str(tmp_path / "a.md"))
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / name}:{line}: unknown key '")
    assert "\n" not in message


def test_bad_values_are_errors_with_lines(tmp_path):
    (tmp_path / ".factlint.yaml").write_text(
        "select: [units]\nseverity:\n  unit-conversion: loud\n"
    )
    with pytest.raises(ConfigError, match=r":3: severity of 'unit-conversion' must be"):
        load_config(tmp_path / ".factlint.yaml")
    (tmp_path / ".factlint.yaml").write_text("date: 2013-02-30\n")
    with pytest.raises(ConfigError, match=r":1: "):
        load_config(tmp_path / ".factlint.yaml")


def test_cli_reports_config_error_with_exit_2(tmp_path, capsys):
    (tmp_path / ".factlint.yaml").write_text("selct: [units]\n")
    (tmp_path / "a.txt").write_text(WRONG)
    assert main(["check", str(tmp_path / "a.txt")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / '.factlint.yaml'}:1: unknown key 'selct'" in err
    assert "Traceback" not in err


def test_severity_override_and_off(tmp_path):
    (tmp_path / ".factlint.yaml").write_text("severity:\n  unit-conversion: info\n")
    (finding,) = findings_for(tmp_path / "a.txt", WRONG)
    assert finding.severity == "info"
    (tmp_path / ".factlint.yaml").write_text("severity:\n  unit-conversion: 'off'\n")
    assert findings_for(tmp_path / "a.txt", WRONG) == []


def test_tolerance_setting_changes_the_verdict(tmp_path):
    assert [f.rule for f in findings_for(tmp_path / "a.txt", NEAR)] == ["unit-conversion"]
    (tmp_path / ".factlint.yaml").write_text("tolerance:\n  unit_slack: 0.08\n")
    assert findings_for(tmp_path / "a.txt", NEAR) == []


def test_per_glob_overrides(tmp_path):
    (tmp_path / ".factlint.yaml").write_text(
        "overrides:\n"
        "  - files: ['opinion/**']\n"
        "    ignore: [unit-conversion]\n"
        "  - files: ['*.txt']\n"
        "    severity: {unit-conversion: warning}\n"
        "    date: 2013-01-21\n"
    )
    (tmp_path / "opinion" / "deep").mkdir(parents=True)
    assert findings_for(tmp_path / "opinion" / "deep" / "a.md", WRONG) == []
    (finding,) = findings_for(tmp_path / "news" / "a.txt", WRONG)
    assert finding.severity == "warning"
    options, _ = options_for(str(tmp_path / "news" / "a.txt"))
    assert str(options.default_date) == "2013-01-21"
    options, _ = options_for(str(tmp_path / "news" / "a.md"))
    assert options.default_date is None


def test_command_line_beats_config(tmp_path):
    (tmp_path / ".factlint.yaml").write_text("ignore: [unit-conversion]\n")
    options, _ = options_for(str(tmp_path / "a.md"), cli={"select": ["unit-conversion"]})
    assert [r.id for r in options.rules] == []  # ignore still applies after select
    (tmp_path / ".factlint.yaml").write_text("select: [money]\n")
    options, _ = options_for(str(tmp_path / "a.md"), cli={"select": ["units"]})
    assert [r.id for r in options.rules] == [
        "unit-conversion",
        "unit-range-start",
        "unit-range-end",
    ]


def test_exclude_extensions_and_force_exclude(tmp_path, capsys):
    (tmp_path / ".factlint.yaml").write_text("exclude: ['archive/**']\nextensions: [.md, .text]\n")
    for name in ("archive/old.md", "new.md", "notes.text", "skip.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(WRONG)
    main(["check", "--format", "json", str(tmp_path)])
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert paths == {str(tmp_path / "new.md"), str(tmp_path / "notes.text")}
    archived = str(tmp_path / "archive" / "old.md")
    main(["check", "--format", "json", archived])
    assert json.loads(capsys.readouterr().out)["findings"]  # named explicitly: checked
    assert main(["check", "--force-exclude", "--format", "json", archived]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_max_file_size(tmp_path, capsys):
    (tmp_path / ".factlint.yaml").write_text("max_file_size: 10 b\n")
    (tmp_path / "a.txt").write_text(WRONG)
    assert main(["check", str(tmp_path / "a.txt")]) == 2
    assert "max_file_size" in capsys.readouterr().err


def test_config_command_prints_resolved_settings(tmp_path, capsys):
    (tmp_path / ".factlint.yaml").write_text(
        "currency: eur\ndate: 2013-01-21\nexclude: [archive]\n"
        "overrides:\n  - files: [archive]\n    tolerance: {money_slack: 0.05}\n"
    )
    target = tmp_path / "archive" / "a.md"
    assert main(["config", "--format", "json", str(target)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["path"] == str(tmp_path / ".factlint.yaml")
    assert data["currency"] == "EUR"
    resolved = data["resolved_for"]
    assert resolved["excluded"] is True
    assert resolved["tolerance"]["money_slack"] == 0.05
    assert resolved["date"] == "2013-01-21"
    assert "unit-conversion" in resolved["rules"]
