"""What a `factlint check` loads: only what the article needs (not timing tests).

Start-up time is mostly imports and data. These tests run the real command in a fresh
interpreter and look at `sys.modules` and at the files it opened, so a stray top-level
import of a heavy library, or rate data read for an article without money, fails here
long before anyone notices a slower pre-commit hook.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MALI = ROOT / "examples" / "mali-2013.txt"

PROBE = """\
import json, sys
opened = []
sys.addaudithook(lambda event, args: event == "open" and opened.append(str(args[0])))
from factlint.cli.main import main
code = main(["check", *sys.argv[1:]])
print(json.dumps({"code": code, "modules": sorted(sys.modules), "opened": opened}))
"""

# Never needed to check an article: the service, the language server, schema validation of
# the built-in packs (cached), pint (a precomputed factor table stands in for it).
NEVER = ("pint", "jsonschema", "starlette", "uvicorn", "httpx", "pygls", "lsprotocol")


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


def check(cache_dir: Path, *args: str) -> dict:
    env = dict(os.environ, FACTLINT_CACHE_DIR=str(cache_dir))
    env.pop("FACTLINT_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, 1), done.stderr
    return report


@pytest.fixture(scope="module")
def warm(cache_dir):
    """The first run fills the cache; every test looks at a later run, as users see it."""
    check(cache_dir, str(MALI))
    return cache_dir


def heavy(report: dict) -> set[str]:
    return {m for m in report["modules"] if m.split(".")[0] in NEVER}


def test_a_warm_check_of_the_seed_article_imports_nothing_heavy(warm):
    report = check(warm, str(MALI))
    assert heavy(report) == set()
    assert "factlint.service" not in report["modules"]
    assert "factlint.lsp" not in report["modules"]


def test_a_warm_check_does_not_validate_rules(warm):
    """Rule files are still read (their checksum is part of the key), the schema is not."""
    report = check(warm, str(MALI))
    assert not [p for p in report["opened"] if p.endswith(".schema.json")]
    assert "jsonschema" not in report["modules"]


def test_a_warm_check_without_a_config_file_does_not_import_yaml(warm):
    report = check(warm, str(MALI))
    assert "yaml" not in report["modules"]


def test_an_article_without_money_never_touches_rate_data(warm, tmp_path):
    article = tmp_path / "plain.txt"
    article.write_text("The council met on Tuesday and agreed to meet again soon.\n", "utf-8")
    report = check(warm, str(article))
    rates = [p for p in report["opened"] if "rates-" in p or "eurofxref" in p]
    assert rates == []
    assert "currency_converter" not in report["modules"]


def test_the_seed_article_with_money_does_read_rate_data(warm):
    """The counterpart of the test above, so that one cannot pass by looking in the wrong place."""
    report = check(warm, str(MALI))
    assert [p for p in report["opened"] if "rates-" in p or "eurofxref" in p]


def test_the_first_run_is_the_one_that_validates(tmp_path):
    """A cold cache does compile and validate; proves the warm tests observe the cache."""
    report = check(tmp_path / "fresh", str(MALI))
    assert "jsonschema" in report["modules"]
    assert [p for p in report["opened"] if p.endswith(".yaml")]


def test_a_warm_check_imports_only_the_output_format_and_tools_it_uses(warm):
    """No other report format, no git (subprocess), no TOML parser: a check of one file
    without a pyproject.toml runs no git and reads no TOML."""
    report = check(warm, str(MALI))
    modules = set(report["modules"])
    assert "factlint.report.text" in modules  # the counterpart: what it does use
    unused = {"factlint.report.sarif", "factlint.report.gitlab", "factlint.report.junit"}
    assert modules & unused == set()
    assert modules & {"subprocess", "tomllib", "factlint.workspace.gitchanges"} == set()


def test_a_json_check_imports_the_json_format_only(warm):
    report = check(warm, "--format", "json", str(MALI))
    modules = set(report["modules"])
    assert "factlint.report.json" in modules
    assert "factlint.report.sarif" not in modules


def test_a_warm_run_writes_nothing_whatever_the_hash_seed(warm):
    """Every pattern the readers compile is the same text in every process, so a warm run
    finds each one in the store instead of compiling it again (a set's order once made one
    money pattern differ per process: 50-150 ms and a rewritten store on most runs)."""
    before = {p.name: p.stat().st_mtime_ns for p in warm.iterdir()}
    for seed in ("1", "2", "3"):
        env = dict(os.environ, FACTLINT_CACHE_DIR=str(warm), PYTHONHASHSEED=seed)
        env.pop("FACTLINT_NO_CACHE", None)
        done = subprocess.run(
            [sys.executable, "-c", PROBE, str(MALI)], env=env, cwd=ROOT, capture_output=True
        )
        assert json.loads(done.stdout.splitlines()[-1])["code"] in (0, 1), done.stderr
    assert {p.name: p.stat().st_mtime_ns for p in warm.iterdir()} == before
