"""What ruff, Vale and markdownlint users expect of the command line (issue 13, part 3).

Every test runs the real command line in a subprocess, in a folder of its own.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run_factlint as factlint

from factlint._version import __version__

ROOT = Path(__file__).resolve().parents[1]
WRONG = "It is 60 km (20 miles) from the border.\n"


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def findings(done):
    return json.loads(done.stdout)["findings"]


# ---------------------------------------------------------------- formats and outputs


def test_gitlab_fingerprints_are_distinct_and_survive_lines_added_above(tmp_path):
    (tmp_path / "a.md").write_text(f"{WRONG}\n{WRONG}")
    issues = json.loads(factlint("check", "--format", "gitlab", "a.md", cwd=tmp_path).stdout)
    assert [i["check_name"] for i in issues] == ["unit-conversion"] * 2
    assert [i["location"]["positions"]["begin"]["line"] for i in issues] == [1, 3]
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    assert {i["severity"] for i in issues} == {"major"}
    assert issues[0]["location"]["path"] == "a.md"
    (tmp_path / "a.md").write_text(f"A new first paragraph.\n\n{WRONG}\n{WRONG}")
    moved = json.loads(factlint("check", "--format", "gitlab", "a.md", cwd=tmp_path).stdout)
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in issues]


def test_concise_is_one_line_a_finding(tmp_path):
    (tmp_path / "a.md").write_text(f"{WRONG}\nAnd 10 km (10 miles) more.\n")
    done = factlint("check", "--format", "concise", "a.md", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "a.md:1:14: error unit-conversion 60 km is about 37 miles, not 20 miles [*]",
        "a.md:3:12: error unit-conversion 10 km is about 6.2 miles, not 10 miles [*]",
    ]


def test_output_file_and_several_outputs_from_one_run(tmp_path):
    (tmp_path / "a.md").write_text(WRONG)
    done = factlint("check", "-o", "report.json", "--format", "json", "a.md", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert findings_in(tmp_path / "report.json") == ["unit-conversion"]
    done = factlint(
        "check",
        "--format",
        "concise",
        "--format",
        "sarif:results.sarif",
        "--format",
        "gitlab:quality.json",
        "a.md",
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stdout.startswith("a.md:1:14: error unit-conversion")
    sarif = json.loads((tmp_path / "results.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["ruleId"] == "unit-conversion"
    assert json.loads((tmp_path / "quality.json").read_text())[0]["check_name"]
    nowhere = factlint("check", "-o", "no/such/folder.txt", "a.md", cwd=tmp_path)
    assert nowhere.returncode == 2 and "no/such/folder.txt: cannot write" in nowhere.stderr
    refused = factlint("check", "--format", "text", "--format", "json", "a.md", cwd=tmp_path)
    assert refused.returncode == 2
    assert "only one format can go to standard output" in refused.stderr


def findings_in(path):
    return [f["rule"] for f in json.loads(path.read_text())["findings"]]


def test_machine_paths_are_relative_to_the_repository_root(tmp_path):
    git("init", "-q", ".", cwd=tmp_path)
    (tmp_path / "desk" / "wires").mkdir(parents=True)
    (tmp_path / "desk" / "wires" / "a.md").write_text(WRONG)
    here = tmp_path / "desk"
    (finding,) = findings(factlint("check", "--format", "json", "wires/a.md", cwd=here))
    assert finding["path"] == "desk/wires/a.md"
    sarif = json.loads(factlint("check", "--format", "sarif", "wires", cwd=here).stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "desk/wires/a.md"
    gitlab = json.loads(factlint("check", "--format", "gitlab", "wires", cwd=here).stdout)
    assert gitlab[0]["location"]["path"] == "desk/wires/a.md"
    github = factlint("check", "--format", "github", "wires/a.md", cwd=here).stdout
    assert "file=desk/wires/a.md," in github
    # People formats keep the path as typed, for the terminal to open.
    assert factlint("check", "wires/a.md", cwd=here).stdout.startswith("wires/a.md:1:14:")


def test_outside_git_paths_are_relative_to_the_configs_folder(tmp_path):
    (tmp_path / ".factlint.yaml").write_text("fail_on: error\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text(WRONG)
    (finding,) = findings(factlint("check", "--format", "json", "a.md", cwd=tmp_path / "sub"))
    assert finding["path"] == "sub/a.md"


def test_sarif_rules_have_markdown_help_and_problem_severity(tmp_path):
    (tmp_path / "a.md").write_text(f"{WRONG}\n{WRONG}")
    log = json.loads(factlint("check", "--format", "sarif", "a.md", cwd=tmp_path).stdout)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    rule = rules["unit-conversion"]
    assert rule["properties"]["problem.severity"] == "error"
    assert "60 kilometres (20 miles)" in rule["help"]["markdown"]
    assert rules["stated-change"]["properties"]["problem.severity"] in ("error", "warning")
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in run["results"]]
    assert len(set(hashes)) == 2 and all(re.fullmatch(r"[0-9a-f]{16}:\d+", h) for h in hashes)


# ---------------------------------------------------------------- exit codes, quiet, summary


def test_exit_zero_quiet_and_the_summary(tmp_path):
    (tmp_path / "a.md").write_text(WRONG)
    (tmp_path / "b.md").write_text("It is 10 km (6.2 miles) away.\n")
    done = factlint("check", ".", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == (
        "1 finding (1 error) in 1 file; 2 files checked, 1 fixable with --fix"
    )
    assert factlint("check", "--exit-zero", ".", cwd=tmp_path).returncode == 0
    assert factlint("check", "--exit-zero", "--select", "nope", ".", cwd=tmp_path).returncode == 2
    quiet = factlint("check", "--quiet", ".", cwd=tmp_path)
    assert quiet.returncode == 1 and "files checked" not in quiet.stdout
    assert quiet.stdout.startswith("./a.md:1:14: error unit-conversion")


# ---------------------------------------------------------------- which files


def test_gitignore_is_respected_when_walking(tmp_path):
    git("init", "-q", ".", cwd=tmp_path)
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.md\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.md").write_text(WRONG)
    (tmp_path / "y.tmp.md").write_text(WRONG)
    (tmp_path / "story.md").write_text(WRONG)
    walked = {f["path"] for f in findings(factlint("check", "--format", "json", ".", cwd=tmp_path))}
    assert walked == {"story.md"}
    every = factlint("check", "--format", "json", "--no-respect-gitignore", ".", cwd=tmp_path)
    assert {f["path"] for f in findings(every)} == {"story.md", "drafts/x.md", "y.tmp.md"}
    named = factlint("check", "--format", "json", "drafts/x.md", cwd=tmp_path)
    assert [f["path"] for f in findings(named)] == ["drafts/x.md"]


def test_exclude_and_mdx(tmp_path):
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text(WRONG)
    (tmp_path / "page.mdx").write_text(f"import Chart from './chart'\n\n{WRONG}")
    (tmp_path / "story.md").write_text(WRONG)
    done = factlint("check", "--format", "json", "--exclude", "archive", ".", cwd=tmp_path)
    assert {f["path"] for f in findings(done)} == {"page.mdx", "story.md"}
    done = factlint(
        "check",
        "--format",
        "json",
        "--exclude",
        "*.mdx",
        "--exclude",
        "archive/**",
        ".",
        cwd=tmp_path,
    )
    assert {f["path"] for f in findings(done)} == {"story.md"}
    forced = factlint(
        "check", "--exclude", "archive", "--force-exclude", "archive/old.md", cwd=tmp_path
    )
    assert forced.returncode == 0


# ---------------------------------------------------------------- the article's date

MONEY = "The deal was worth 500 million dollars (about 375 million euros).\n"


def money_message(tmp_path, name, text, *args):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    done = factlint("check", "--format", "json", "--select", "money", *args, name, cwd=tmp_path)
    return [f["message"] for f in findings(done)]


def test_date_from_a_jekyll_file_name(tmp_path):
    # 375 million euros is right on 2013-01-21 and wrong at the latest rates.
    assert money_message(tmp_path, "_posts/2013-01-21-mali.md", MONEY) == []
    assert money_message(tmp_path, "_posts/mali.md", MONEY) != []


def test_date_from_hugo_publish_date(tmp_path):
    text = f"---\ntitle: Mali\npublishDate: 2013-01-21\n---\n{MONEY}"
    assert money_message(tmp_path, "content/mali.md", text) == []


def test_date_order_command_line_front_matter_file_name_dateline(tmp_path):
    wrong = "The deal was worth 500 million dollars (about 300 million euros).\n"
    front = f"---\ndate: 2013-01-21\n---\n{wrong}"
    (message,) = money_message(tmp_path, "_posts/2019-06-03-mali.md", front)
    assert "on 2013-01-21 (front matter)" in message
    (message,) = money_message(tmp_path, "_posts/2013-01-21-mali.md", front, "--date", "2013-01-22")
    assert "(--date)" in message
    dateline = f"BAMAKO, Mon Jan 21 2019\n\n{wrong}"
    (message,) = money_message(tmp_path, "_posts/2013-01-21-dateline.md", dateline)
    assert "on 2013-01-21 (file name)" in message


# ---------------------------------------------------------------- rules, docs


def test_rules_lists_packs(tmp_path):
    done = factlint("rules", cwd=tmp_path)
    lines = done.stdout.splitlines()
    assert lines[0].split()[:3] == ["rule", "pack", "severity"]
    rows = {line.split()[0]: line.split()[1] for line in lines[1:]}
    assert rows["unit-conversion"] == "units" and rows["money-conversion"] == "money"
    assert rows["list-count"] == "arithmetic"


def test_pre_commit_examples_use_the_tag_of_this_version():
    tag = f"v{__version__}"
    for name in ("README.md", "docs/ci.md", ".pre-commit-hooks.yaml"):
        revs = re.findall(r"rev: (\S+)", (ROOT / name).read_text())
        assert revs and set(revs) == {tag}, (name, revs)
    assert "git tag" in (ROOT / "docs" / "ci.md").read_text()


@pytest.mark.parametrize(
    "name", ["README.md", *sorted(p.name for p in (ROOT / "docs").glob("*.md"))]
)
def test_docs_point_at_files_that_exist(name):
    path = ROOT / name if name == "README.md" else ROOT / "docs" / name
    text = path.read_text()
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    for target in targets:
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (path.parent / target).exists(), f"{name} links {target}, which does not exist"
    for quoted in re.findall(
        r"`((?:docs|tests|factlint|examples|rules|benchmarks)/[\w./-]+)`", text
    ):
        assert (ROOT / quoted).exists(), f"{name} names {quoted}, which does not exist"


def test_standard_input_is_null_in_json_and_named_with_stdin_filename(tmp_path):
    (finding,) = findings(factlint("check", "--format", "json", "-", cwd=tmp_path, stdin=WRONG))
    assert finding["path"] is None
    named = factlint(
        "check", "--format", "json", "--stdin-filename", "desk/a.md", "-", cwd=tmp_path, stdin=WRONG
    )
    assert [f["path"] for f in findings(named)] == ["desk/a.md"]


def test_colour_on_a_terminal_unless_no_color(tmp_path):
    import os
    import pty

    (tmp_path / "a.md").write_text(WRONG)

    def on_terminal(extra_env):
        leader, follower = pty.openpty()
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
        env.update(extra_env)
        done = subprocess.run(
            [sys.executable, "-m", "factlint", "check", "a.md"],
            stdout=follower,
            stderr=subprocess.DEVNULL,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        return done.returncode, b"".join(chunks).decode()

    code, painted = on_terminal({"TERM": "xterm"})
    assert code == 1 and "\033[1;31merror" in painted
    code, plain = on_terminal({"TERM": "xterm", "NO_COLOR": "1"})
    assert code == 1 and "\033[" not in plain and "error unit-conversion" in plain
    piped = factlint("check", "a.md", cwd=tmp_path).stdout
    assert "\033[" not in piped


def test_rule_links_in_sarif_and_rdjson_from_the_config(tmp_path):
    (tmp_path / ".factlint.yaml").write_text(
        "rule_docs_url: https://wiki.example.org/factlint/{pack}/{rule}\n"
    )
    (tmp_path / "a.md").write_text(WRONG)
    log = json.loads(factlint("check", "--format", "sarif", "a.md", cwd=tmp_path).stdout)
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["unit-conversion"]["helpUri"] == (
        "https://wiki.example.org/factlint/units/unit-conversion"
    )
    rdjson = json.loads(factlint("check", "--format", "rdjson", "a.md", cwd=tmp_path).stdout)
    assert rdjson["diagnostics"][0]["code"] == {
        "value": "unit-conversion",
        "url": "https://wiki.example.org/factlint/units/unit-conversion",
    }
    (tmp_path / ".factlint.yaml").write_text("rule_docs_url: https://wiki.example.org/{name}\n")
    done = factlint("check", "a.md", cwd=tmp_path)
    assert done.returncode == 2 and "'rule_docs_url' must be" in done.stderr
    (tmp_path / ".factlint.yaml").write_text("fail_on: error\n")
    log = json.loads(factlint("check", "--format", "sarif", "a.md", cwd=tmp_path).stdout)
    assert all("helpUri" not in r for r in log["runs"][0]["tool"]["driver"]["rules"])


def test_rule_links_in_the_language_server(tmp_path):
    from test_lsp import Client, initialize

    (tmp_path / ".factlint.yaml").write_text("rule_docs_url: https://wiki.example.org/{rule}\n")
    article = tmp_path / "a.md"
    article.write_text(WRONG)
    client = Client(tmp_path)
    try:
        initialize(client, tmp_path)
        client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": article.as_uri(),
                    "languageId": "markdown",
                    "version": 1,
                    "text": WRONG,
                }
            },
        )
        (diagnostic,) = client.diagnostics(article.as_uri(), 1)
    finally:
        client.close()
    assert diagnostic["code"] == "unit-conversion"
    assert diagnostic["codeDescription"] == {"href": "https://wiki.example.org/unit-conversion"}


# ---------------------------------------------------------------- errors, once each


def _on_a_terminal(args, cwd):
    """The CLI's stdout and stderr both on one pseudo-terminal, as a user at a shell sees it."""
    import os
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "factlint", *args], cwd=cwd, stdout=follower, stderr=follower
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def test_an_error_is_shown_once_on_a_terminal_and_kept_in_a_piped_report(tmp_path):
    (tmp_path / ".factlint.yaml").write_text("rules: [\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(WRONG, encoding="utf-8")
    code, screen = _on_a_terminal(["check", "story.txt"], tmp_path)
    assert code == 2
    assert screen.count("invalid YAML") == 1, screen
    assert "check failed: 1 error" in screen
    piped = factlint("check", "story.txt", cwd=tmp_path)
    assert piped.returncode == 2
    assert piped.stdout.count("invalid YAML") == 1  # the report a script saves keeps it
    assert piped.stderr.count("invalid YAML") == 1
