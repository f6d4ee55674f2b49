"""--baseline and --changed-since: adopting factlint on an archive, with real git."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from factlint.cli.main import main

OLD = "It is 60 km (20 miles) away."
NEW = "It is 10 km (10 miles) away."


def check_json(capsys, *args):
    code = main(["check", "--format", "json", *args])
    return code, [
        (f["path"], f["line"], f["stated"]) for f in json.loads(capsys.readouterr().out)["findings"]
    ]


def test_baseline_hides_known_findings_across_edits_elsewhere(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(f"# A\n\n{OLD}\n")
    (tmp_path / "b.md").write_text(f"{OLD}\n\n{OLD}\n")
    assert main(["check", "--baseline", "base.json", "."]) == 0
    assert "wrote 3 findings to base.json" in capsys.readouterr().err
    data = json.loads((tmp_path / "base.json").read_text())
    assert all("line" not in entry for entry in data["findings"])

    # Paragraphs added above move the known finding down: still known.
    (tmp_path / "a.md").write_text(f"# A\n\nA new lead.\n\nMore.\n\n{OLD}\n")
    assert check_json(capsys, "--baseline", "base.json", ".") == (0, [])

    # A new mistake is reported; so is one more copy of a known one.
    (tmp_path / "a.md").write_text(f"# A\n\n{NEW}\n\n{OLD}\n")
    (tmp_path / "b.md").write_text(f"{OLD}\n\n{OLD}\n\n{OLD}\n")
    code, found = check_json(capsys, "--baseline", "base.json", ".")
    assert code == 1
    assert [(p, line) for p, line, _ in found] == [("a.md", 3), ("b.md", 5)]

    # Editing the line a known finding is on makes it new again.
    (tmp_path / "b.md").write_text(f"{OLD}\n\nNow: {OLD}\n")
    (tmp_path / "a.md").write_text(f"# A\n\n{OLD}\n")
    assert check_json(capsys, "--baseline", "base.json", ".")[1] == [("b.md", 3, "20 miles")]

    # --update-baseline records the present state.
    assert main(["check", "--baseline", "base.json", "--update-baseline", "."]) == 0
    capsys.readouterr()
    assert check_json(capsys, "--baseline", "base.json", ".") == (0, [])


def test_broken_baseline_is_an_error(tmp_path, capsys):
    (tmp_path / "base.json").write_text("{not json")
    (tmp_path / "a.md").write_text(OLD + "\n")
    assert main(["check", "--baseline", str(tmp_path / "base.json"), str(tmp_path)]) == 2
    assert "not a factlint baseline" in capsys.readouterr().err


def git(cwd, *args):
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=str(cwd.parent))
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    done = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_since_limits_files_and_lines(tmp_path, capsys, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "touched.md").write_text(f"{OLD}\n\nSteady text.\n")
    (repo / "untouched.md").write_text(f"{OLD}\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "archive")
    (repo / "touched.md").write_text(f"{OLD}\n\nSteady text.\n\n{NEW}\n")
    (repo / "fresh.md").write_text(f"{OLD}\n")  # untracked: every line is new
    monkeypatch.chdir(repo)
    code, found = check_json(capsys, "--changed-since", "HEAD", ".")
    assert code == 1
    assert [(p, line) for p, line, _ in found] == [("fresh.md", 1), ("touched.md", 5)]
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "edit")
    assert check_json(capsys, "--changed-since", "HEAD", ".") == (0, [])
    assert check_json(capsys, "--changed-since", "HEAD~1", ".")[1] == [
        ("fresh.md", 1, "20 miles"),
        ("touched.md", 5, "10 miles"),
    ]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_changed_since_unknown_revision_is_exit_2(tmp_path, capsys, monkeypatch):
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--changed-since", "no-such-rev", "."]) == 2
    assert "git" in capsys.readouterr().err
