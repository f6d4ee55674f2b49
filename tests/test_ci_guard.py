"""Under CI=true a skip fails the run, except one marked as a fact of the machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

SAMPLE = """
import pytest

def test_needs_a_tool():
    pytest.skip("needs a tool that was not installed")

@pytest.mark.may_skip_in_ci
def test_root_reads_all():
    pytest.skip("root reads all")

def test_plain():
    assert True
"""


def _run(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    shutil.copy(HERE / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_sample.py").write_text(SAMPLE, "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "."],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_skip_fails_under_ci(tmp_path):
    done = _run(tmp_path, "true")
    assert done.returncode == 1, done.stdout
    assert "1 failed, 1 passed, 1 skipped" in done.stdout
    assert "skipped under CI=true" in done.stdout
    assert "needs a tool that was not installed" in done.stdout


@pytest.mark.parametrize("ci", [None, "false"])
def test_a_skip_is_a_skip_outside_ci(tmp_path, ci):
    done = _run(tmp_path, ci)
    assert done.returncode == 0, done.stdout
    assert "1 passed, 2 skipped" in done.stdout
