"""The command line as users and scripts meet it: output, exit codes, errors without tracebacks."""

import json
from pathlib import Path

import pytest
from cli_run import run_factlint as factlint

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "mali-2013.txt"


def test_seed_article_text_output():
    done = factlint("check", str(SEED))
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first == (
        f"{SEED}:23:94: error unit-conversion 60 kilometres is about 37 miles, not 20 miles"
    )
    assert '  fix: replace with "37 miles"' in done.stdout
    caret_line = done.stdout.splitlines()[2]
    assert caret_line.index("^") == 93 and caret_line.count("^") == len("20 miles")


def test_json_contract():
    done = factlint("check", "--format", "json", str(SEED))
    data = json.loads(done.stdout)
    (finding,) = [f for f in data["findings"] if f["rule"] == "unit-conversion"]
    assert finding["path"] == "examples/mali-2013.txt"  # relative to the repository root
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (
        23,
        94,
        23,
        102,
    )
    assert finding["severity"] == "error"
    assert finding["fix"]["replacement"] == "37 miles"
    assert (finding["fix"]["line"], finding["fix"]["column"]) == (23, 94)


def test_stdin_and_exit_codes(tmp_path):
    done = factlint("check", "-", stdin="It is 10 km (6.2 miles) away.\n")
    assert done.returncode == 0, done.stdout + done.stderr
    done = factlint("check", "-", stdin="It is 10 km (10 miles) away.\n")
    assert done.returncode == 1
    assert done.stdout.startswith("<stdin>:1:14: ")
    done = factlint("check", "--fail-on", "error", "-", stdin="It is 10 km (6.5 miles) away.\n")
    assert done.returncode == 0


def test_select_and_ignore():
    assert factlint("check", "--ignore", "unit-conversion", str(SEED)).returncode == 0
    assert factlint("check", "--select", "unit-conversion", str(SEED)).returncode == 1
    assert factlint("check", "--select", "units", str(SEED)).returncode == 1


def test_folder_walk_checks_markdown_and_text_only(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2013-01-21\n---\nIt is 60 km (20 miles) away.\n")
    (tmp_path / "b.txt").write_text("It is 60 km (20 miles) away.\n")
    (tmp_path / "c.html").write_text("It is 60 km (20 miles) away.\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.md").write_text("It is 60 km (20 miles) away.\n")
    done = factlint("check", "--format", "json", str(tmp_path))
    paths = [Path(f["path"]).name for f in json.loads(done.stdout)["findings"]]
    assert paths == ["a.md", "b.txt"]
    line = [f["line"] for f in json.loads(done.stdout)["findings"]][0]
    assert line == 4  # after the front matter


def test_bare_path_means_check():
    done = factlint(str(SEED))
    assert done.returncode == 1 and "unit-conversion" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "missing-file.md"], "missing-file.md"),
        (["check", "--date", "21/01/2013", "-"], "not a date"),
        (["check", "--rules", "no-such-rules", "-"], "no-such-rules: no such rule file or folder"),
        (["explain", "no-such-rule"], "unknown rule 'no-such-rule'"),
    ],
)
def test_errors_exit_2_without_traceback(args, message):
    done = factlint(*args, stdin="")
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_file_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("It is 60 km (20 miles) away.\n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    done = factlint("check", str(binary), str(good))
    assert done.returncode == 2
    assert "binary.txt" in done.stderr
    assert "good.txt:1:14" in done.stdout


def test_rules_and_explain():
    listing = factlint("rules").stdout
    assert "unit-conversion" in listing and "A measurement converted" in listing
    explained = factlint("explain", "unit-conversion").stdout
    assert "60 kilometres (20 miles)" in explained and "Not flagged:" in explained


def test_test_rules_on_user_pack(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: lap-length\n"
        "    description: Laps in brackets.\n"
        "    severity: warning\n"
        '    match: "{a:measure} \\\\(or {b:measure}\\\\)"\n'
        "    assert: a ~= b\n"
        '    message: "{a} is {expected}"\n'
        "    examples:\n"
        '      bad: ["a 400 metres (or 300 yards) lap"]\n'
        '      good: ["a 400 metres (or 437 yards) lap", "a 400 metres (or 1,312 feet) lap"]\n'
    )
    done = factlint("test-rules", str(pack))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed, 0 failed" in done.stdout
    pack.write_text(pack.read_text().replace("437 yards", "500 yards"))
    done = factlint("test-rules", str(pack))
    assert done.returncode == 1
    assert "FAIL lap-length [good]" in done.stdout


def test_date_may_be_a_period():
    text = "It raised $100m (£52m). It raised $100m (£57m).\n"
    assert factlint("check", "--date", "2004", "-", stdin=text).returncode == 0
    assert factlint("check", "--date", "2004-01-01..2005-03-31", "-", stdin=text).returncode == 0
    narrow = factlint("check", "--date", "2004-12-01", "-", stdin=text)
    assert narrow.returncode == 1 and "on 2004-12-01 (--date)" in narrow.stdout
    bad = factlint("check", "--date", "2004-13", "-", stdin=text)
    assert bad.returncode == 2 and "not a date: '2004-13'" in bad.stderr


def test_explain_engine_findings():
    for rule in ("rule-error", "data-notice"):
        done = factlint("explain", rule)
        assert done.returncode == 0 and "reported by factlint itself" in done.stdout
