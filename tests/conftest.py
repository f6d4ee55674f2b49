"""Suite-wide rules.

Under CI (``CI=true``) a skipped test is a failure: CI installs everything the
suite needs (the browser, git, pre-commit, the language server, the packaging
tools), so a skip there means a missing install step that a green run would
hide. A test whose skip is a fact of the machine, not of the install (root can
read a chmod-000 file), is marked ``may_skip_in_ci``.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

# The suite writes compiled packs and rate tables of its scratch files: into a cache of
# its own, never the user's (~/.cache/factlint), and gone when the run ends.
_CACHE = tempfile.mkdtemp(prefix="factlint-test-cache-")
os.environ.setdefault("FACTLINT_CACHE_DIR", _CACHE)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "may_skip_in_ci: a skip that reflects the machine, allowed under CI=true"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    if (
        os.environ.get("CI", "").lower() == "true"
        and report.skipped
        and not hasattr(report, "wasxfail")
        and item.get_closest_marker("may_skip_in_ci") is None
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which must run every test: {reason}"
