"""The command line as a user runs it: a real `python -m factlint` process."""

import subprocess
import sys


def run_factlint(*args, cwd=None, stdin=None, env=None, timeout=120):
    """`factlint ARGS` in a subprocess, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "factlint", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
    )
