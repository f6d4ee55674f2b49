"""A run that checked nothing must never look clean (issue 13, part 2).

Every test runs the real command line, in a subprocess or through main().
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli_run import run_factlint as factlint

from factlint.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
WRONG = "It is 60 km (20 miles) from the border.\n"


def sarif_invocation(stdout):
    return json.loads(stdout)["runs"][0]["invocations"][0]


# ---------------------------------------------------------------- unknown rule ids


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_on_the_command_line_is_an_error_naming_it(tmp_path, option):
    (tmp_path / "a.md").write_text(WRONG)
    done = factlint("check", option, "unit-conversoin", "a.md", cwd=tmp_path)
    assert done.returncode == 2
    assert f"{option}: unknown rule or pack 'unit-conversoin'" in done.stderr
    assert "did you mean 'unit-conversion'" in done.stderr
    assert "no findings" not in done.stdout
    assert "check failed: 1 error" in done.stdout


def test_unknown_pack_in_the_config_names_file_line_and_name(tmp_path):
    (tmp_path / ".factlint.yaml").write_text("select: [units]\nignore: [unit-conversion-area]\n")
    (tmp_path / "a.md").write_text(WRONG)
    done = factlint("check", "--format", "json", "a.md", cwd=tmp_path)
    assert done.returncode == 2
    (error,) = json.loads(done.stdout)["errors"]
    assert error["message"].startswith(f"{tmp_path / '.factlint.yaml'}:2: ignore: unknown rule")
    assert "'unit-conversion-area'" in error["message"]


def test_known_ids_prefixes_and_packs_are_accepted(tmp_path):
    (tmp_path / "a.md").write_text(WRONG)
    for name in ("unit-conversion", "unit", "units", "arithmetic", "data-notice"):
        assert factlint("check", "--select", name, "a.md", cwd=tmp_path).returncode in (0, 1)


def test_the_documented_config_example_only_names_rules_that_exist(tmp_path):
    text = (ROOT / "docs" / "config.md").read_text()
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    example = example.replace("rules: [house-rules/]", "")
    (tmp_path / ".factlint.yaml").write_text(example)
    (tmp_path / "a.md").write_text(WRONG)
    done = factlint("check", "a.md", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr


# ---------------------------------------------------------------- severity: off


def test_bare_off_in_yaml_turns_a_rule_off(tmp_path):
    (tmp_path / ".factlint.yaml").write_text("severity:\n  unit-conversion: off\n")
    (tmp_path / "a.md").write_text(WRONG)
    done = factlint("check", "a.md", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    (tmp_path / ".factlint.yaml").write_text("severity: {unit-conversion: warning}\n")
    assert "warning unit-conversion" in factlint("check", "a.md", cwd=tmp_path).stdout


# ---------------------------------------------------------------- failed runs in every format


BROKEN = {
    "broken config": (".factlint.yaml", "selct: [units]\n", "unknown key 'selct'"),
    "missing rules folder": (".factlint.yaml", "rules: [house-rules/]\n", "house-rules"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_failed_run_says_so_in_every_format(tmp_path, case):
    name, content, reason = BROKEN[case]
    (tmp_path / name).write_text(content)
    (tmp_path / "a.md").write_text(WRONG)
    text = factlint("check", "a.md", cwd=tmp_path)
    assert text.returncode == 2
    assert reason in text.stdout and "no findings" not in text.stdout
    data = json.loads(factlint("check", "--format", "json", "a.md", cwd=tmp_path).stdout)
    assert data["findings"] == [] and reason in data["errors"][0]["message"]
    sarif = factlint("check", "--format", "sarif", "a.md", cwd=tmp_path)
    invocation = sarif_invocation(sarif.stdout)
    assert invocation["executionSuccessful"] is False
    assert reason in invocation["toolExecutionNotifications"][0]["message"]["text"]
    gitlab = json.loads(factlint("check", "--format", "gitlab", "a.md", cwd=tmp_path).stdout)
    assert gitlab[0]["check_name"] == "factlint-error" and gitlab[0]["severity"] == "blocker"
    github = factlint("check", "--format", "github", "a.md", cwd=tmp_path).stdout
    assert github.startswith("::error title=factlint error::") and reason in github
    junit = factlint("check", "--format", "junit", "a.md", cwd=tmp_path).stdout
    assert '<error message="' in junit and 'errors="1"' in junit
    concise = factlint("check", "--format", "concise", "a.md", cwd=tmp_path).stdout
    assert concise.startswith("factlint: error: ")
    rdjson = json.loads(factlint("check", "--format", "rdjson", "a.md", cwd=tmp_path).stdout)
    assert rdjson["severity"] == "ERROR" and rdjson["diagnostics"][0]["code"]["value"]


def test_a_clean_run_says_it_succeeded_in_sarif(tmp_path):
    (tmp_path / "a.md").write_text("It is 10 km (6.2 miles) away.\n")
    done = factlint("check", "--format", "sarif", "a.md", cwd=tmp_path)
    assert done.returncode == 0
    assert sarif_invocation(done.stdout) == {"executionSuccessful": True}


def test_unknown_subcommand_is_not_taken_for_a_path(tmp_path):
    (tmp_path / "a.md").write_text(WRONG)
    done = factlint("chek", "a.md", cwd=tmp_path)
    assert done.returncode == 2
    assert "unknown command or missing file 'chek' (did you mean 'check'?)" in done.stderr
    assert done.stdout == ""
    # A path that exists still means `check PATH`.
    assert factlint("a.md", cwd=tmp_path).returncode == 1


# ---------------------------------------------------------------- missing extras

HIDE = textwrap.dedent(
    """
    import sys
    from importlib.abc import MetaPathFinder

    class Hide(MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {hidden!r}:
                raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
            return None

    sys.meta_path.insert(0, Hide())
    from factlint.cli.main import main
    sys.exit(main({argv!r}))
    """
)


@pytest.mark.parametrize(
    ("command", "hidden", "extra"),
    [
        ("serve", {"starlette", "uvicorn"}, "service"),
        ("lsp", {"pygls", "lsprotocol"}, "lsp"),
    ],
)
def test_commands_without_their_extra_say_which_to_install(command, hidden, extra):
    code = HIDE.format(hidden=hidden, argv=[command])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert f"pip install 'factlint[{extra}]'" in line
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------- front matter


def test_invalid_front_matter_date_is_reported(tmp_path):
    (tmp_path / "a.md").write_text("---\ndate: 2013-02-30\n---\nA quiet day.\n")
    done = factlint("check", "--format", "json", "a.md", cwd=tmp_path)
    (finding,) = json.loads(done.stdout)["findings"]
    assert finding["rule"] == "front-matter" and finding["severity"] == "warning"
    assert finding["line"] == 2 and "day is out of range" in finding["message"]
    assert done.returncode == 1


def test_a_date_that_is_no_date_is_reported_at_its_line(tmp_path):
    (tmp_path / "a.md").write_text('---\ntitle: Talks\ndate: "last Tuesday"\n---\nText.\n')
    (finding,) = json.loads(factlint("check", "--format", "json", "a.md", cwd=tmp_path).stdout)[
        "findings"
    ]
    assert finding["rule"] == "front-matter" and finding["line"] == 3
    assert "'date: last Tuesday' is not a date" in finding["message"]


def test_broken_front_matter_is_reported(tmp_path):
    (tmp_path / "a.md").write_text("---\ntags: [mali, france\n---\nText.\n")
    done = factlint("check", "a.md", cwd=tmp_path)
    assert done.returncode == 1
    assert "warning front-matter front matter line" in done.stdout
    assert factlint("explain", "front-matter").returncode == 0


# ---------------------------------------------------------------- empty folders, statistics, git


def test_a_folder_with_nothing_to_check_warns(tmp_path):
    (tmp_path / "notes.html").write_text(WRONG)
    done = factlint("check", ".", cwd=tmp_path)
    assert done.returncode == 0
    assert "warning: .: no files to check (looked for .md, .markdown, .mdx, .txt)" in done.stderr
    assert "0 files checked" in done.stdout


def test_statistics_honour_json_and_agree_with_the_summary(tmp_path):
    (tmp_path / "a.md").write_text(WRONG + "\nAnd 10 km (10 miles) more.\n")
    (tmp_path / "b.md").write_text("It is 10 km (6.2 miles) away.\n")
    data = json.loads(
        factlint("check", "--statistics", "--format", "json", ".", cwd=tmp_path).stdout
    )
    assert data["rules"] == [{"rule": "unit-conversion", "count": 2, "severity": "error"}]
    assert (data["total"], data["files_with_findings"], data["files"]) == (2, 1, 2)
    summary = factlint("check", ".", cwd=tmp_path).stdout.splitlines()[-1]
    stats = factlint("check", "--statistics", ".", cwd=tmp_path).stdout.splitlines()[-1]
    assert (
        stats == summary == "2 findings (2 errors) in 1 file; 2 files checked, 2 fixable with --fix"
    )


def test_changed_since_a_bad_revision_shows_gits_message(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a.md").write_text(WRONG)
    done = factlint("check", "--changed-since", "BADREF", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert "--changed-since BADREF: git rev-parse: bad revision 'BADREF" in done.stderr
    assert "check failed" in done.stdout


def test_main_returns_2_for_an_unknown_rule(tmp_path, capsys):
    path = tmp_path / "a.md"
    path.write_text(WRONG)
    assert main(["check", "--select", "nonsense-rule", str(path)]) == 2
    assert "unknown rule or pack 'nonsense-rule'" in capsys.readouterr().err


def test_no_color_and_color_flags(tmp_path):
    (tmp_path / "a.md").write_text(WRONG)
    env = {**os.environ, "NO_COLOR": "1"}
    plain = factlint("check", "a.md", cwd=tmp_path, env=env).stdout
    assert "\033[" not in plain
    painted = factlint("check", "--color", "always", "a.md", cwd=tmp_path, env=env).stdout
    assert "\033[1;31merror" in painted
