"""How bench.py times child processes: wall and CPU time, medians with their spread.

The machines this runs on are shared, so every figure is a median with its spread
(min, quartiles, max), and CPU time (user + sys of the child, from
``RUSAGE_CHILDREN``) is kept beside wall time: another process's load stretches the
wall clock much more than the CPU time of the run being measured.
"""

from __future__ import annotations

import os
import re
import resource
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def spread(samples: Sequence[float]) -> dict:
    """Median, quartiles and range of `samples`, rounded for the JSON record."""
    ordered = sorted(samples)
    quartiles = statistics.quantiles(ordered, n=4) if len(ordered) > 1 else ordered * 3
    return {
        "median": round(statistics.median(ordered), 4),
        "min": round(ordered[0], 4),
        "q1": round(quartiles[0], 4),
        "q3": round(quartiles[-1], 4),
        "max": round(ordered[-1], 4),
        "runs": len(ordered),
    }


def child_env(**extra: str) -> dict[str, str]:
    """The environment for measured children: bytecode may be written and read, as in an
    installed package (a PYTHONDONTWRITEBYTECODE shell would otherwise make every start-up
    compile each module from source)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def compile_package() -> None:
    """Write the package's bytecode once, as pip does when it installs a wheel."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "factlint")],
        stdout=subprocess.DEVNULL,
        env=child_env(),
        check=False,
    )


def timed_child(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + sys) of one run of `command`."""
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or child_env()
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def timed_runs(command: list[str], runs: int, env: dict[str, str] | None = None) -> dict:
    """`runs` runs of `command`: the spread of wall and of CPU seconds."""
    pairs = [timed_child(command, env) for _ in range(runs)]
    return {"wall": spread([w for w, _ in pairs]), "cpu": spread([c for _, c in pairs])}


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def _relative(argument: str) -> str:
    path = Path(argument)
    if path.is_absolute() and path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    return argument


def import_top(command: list[str], runs: int = 5, top: int = 10) -> dict:
    """The `top` modules by own import time (median of `runs` runs of `-X importtime`)."""
    samples: dict[str, list[int]] = {}
    totals: list[int] = []
    counts: list[int] = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", *command],
            capture_output=True,
            text=True,
            env=child_env(),
            cwd=ROOT,
        )
        own = {m[4]: int(m[1]) for m in _IMPORT_LINE.finditer(done.stderr)}
        for name, micros in own.items():
            samples.setdefault(name, []).append(micros)
        totals.append(sum(own.values()))
        counts.append(len(own))
    median = {name: statistics.median(values) for name, values in samples.items()}
    ranked = sorted(median, key=median.get, reverse=True)[:top]
    return {
        # paths relative to the checkout, so the record names no folder of this machine
        "command": " ".join(["python", "-X", "importtime", *(_relative(c) for c in command)]),
        "modules": int(statistics.median(counts)),
        "total_ms": round(statistics.median(totals) / 1000, 1),
        "top": [{"module": name, "self_ms": round(median[name] / 1000, 2)} for name in ranked],
    }
