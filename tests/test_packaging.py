"""The wheel carries the built-in packs: installed elsewhere, factlint still finds its rules."""

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    # Build from a clean copy: setuptools reuses a checkout's build/ folder, so a pack that
    # was deleted or renamed since the last build would otherwise ride along in the wheel.
    source = tmp_path_factory.mktemp("source") / "factlint"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            ".hypothesis",
            ".pytest_cache",
            ".ruff_cache",
            "test-artifacts",
        ),
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("factlint-*.whl")
    return built


def test_wheel_contains_rules_and_schema(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {f"factlint/rules/{pack.name}" for pack in (ROOT / "rules").glob("*.yaml")}
    shipped = {n for n in names if n.startswith("factlint/rules/") and n.endswith(".yaml")}
    assert shipped == packs  # every pack, and no pack the checkout no longer has
    assert "factlint/schema/rule.schema.json" in names


def test_installed_wheel_checks_the_seed_from_another_directory(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    # An isolated venv that installs the wheel's declared dependencies itself, as a user's
    # `pip install factlint` does: nothing from the system or the test venv leaks in.
    venv.create(env_dir, system_site_packages=False, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    article = tmp_path / "article.txt"
    article.write_text((ROOT / "examples" / "mali-2013.txt").read_text(encoding="utf-8"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [str(env_dir / "bin" / "factlint"), "check", str(article)],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert ":23:94: error unit-conversion" in done.stdout
    located = subprocess.run(
        [str(python), "-c", "import factlint.engine.loader as l; print(l.builtin_rules_dir())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=True,
    ).stdout
    assert "site-packages" in located
