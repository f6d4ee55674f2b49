"""The pre-commit hook, run by the real pre-commit in a scratch git repository.

The scratch repository uses `repo: local` with `language: system`, which is
offline-safe (a `repo:` path with `language: python` would pip-install this
checkout into pre-commit's own environment, which needs a package index).
The hook's entry and file types are taken from this repository's
.pre-commit-hooks.yaml, so the manifest other repositories use is what runs.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "---\ndate: 2013-01-21\n---\nNiono is 60 kilometres (20 miles) south of Diabaly.\n"

# pre-commit is a test dependency: it sits beside the interpreter running the tests
# (`.venv/bin/python -m pytest` does not put `.venv/bin` on PATH).
TOOLS = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("pre-commit", path=TOOLS) is None,
    reason="needs git and pre-commit",
)


def _manifest() -> dict:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return hook


def test_manifest_declares_the_hook():
    hook = _manifest()
    assert hook["id"] == "factlint"
    assert hook["language"] == "python"
    assert shlex.split(hook["entry"])[:2] == ["factlint", "check"]
    assert "--force-exclude" in hook["entry"]
    assert set(hook["types_or"]) == {"markdown", "plain-text"}


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        GIT_CONFIG_NOSYSTEM="1",
        PATH=TOOLS,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=180)


def test_hook_fails_on_wrong_conversion_and_passes_after_fix(tmp_path):
    repo = tmp_path / "newsroom"
    repo.mkdir()
    env = _env(tmp_path)
    hook = _manifest()
    entry = shlex.split(hook["entry"])
    entry = [sys.executable, "-m", "factlint", *entry[1:]]
    config = {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    {
                        "id": hook["id"],
                        "name": hook["name"],
                        "entry": shlex.join(entry),
                        "language": "system",
                        "types_or": hook["types_or"],
                    }
                ],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    (repo / ".factlint.yaml").write_text("exclude: [archive]\n", "utf-8")
    (repo / "story.md").write_text(ARTICLE, "utf-8")
    (repo / "archive").mkdir()
    (repo / "archive" / "old.md").write_text(ARTICLE.replace("60", "70"), "utf-8")
    (repo / "tool.py").write_text("# 60 kilometres (20 miles)\n", "utf-8")
    assert _run(["git", "init", "-q"], repo, env).returncode == 0
    assert _run(["git", "add", "-A"], repo, env).returncode == 0

    first = _run(["pre-commit", "run", "--all-files"], repo, env)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "story.md:4:" in first.stdout and "unit-conversion" in first.stdout
    assert "archive/old.md" not in first.stdout  # --force-exclude honoured the config
    assert "tool.py" not in first.stdout  # not a markdown or plain-text file

    fixed = _run([sys.executable, "-m", "factlint", "check", "--fix", "story.md"], repo, env)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "(37 miles)" in (repo / "story.md").read_text("utf-8")

    assert _run(["git", "add", "-A"], repo, env).returncode == 0
    second = _run(["pre-commit", "run", "--all-files"], repo, env)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
