"""Issue 17 item 10: a repository's `.factlint.yaml` is as untrusted as its packs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "-0.5"])
def test_a_tolerance_that_is_not_a_finite_number_is_an_error_naming_it(tmp_path, value):
    (tmp_path / ".factlint.yaml").write_text(f"tolerance:\n  unit_slack: {value}\n")
    article = tmp_path / "a.md"
    article.write_text("The road runs 630 kilometres (390 miles) north.\n")
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", str(article)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 2, done.stdout
    assert "unit_slack" in done.stderr and "finite number" in done.stderr
    assert "390 miles, not 390 miles" not in done.stdout
    assert "Traceback" not in done.stderr


def test_base_60_in_a_config_is_text_and_refused_quickly(tmp_path):
    (tmp_path / ".factlint.yaml").write_text("tolerance:\n  unit_slack: 1" + ":0" * 30000 + "\n")
    article = tmp_path / "a.md"
    article.write_text("Fine.\n")
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", str(article)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "unit_slack" in done.stderr
