"""Run one hostile input in a child interpreter and measure what it cost.

Issue 17's bar: every hostile input is answered in under 5 s and 300 MB. A
regression must fail the test, not freeze or kill the suite, so the child has
an address-space cap (well above the bar, far below what hurts the machine)
and a wall-clock timeout; it reports its own time and peak memory. Time is the
child's CPU time: the suite shares two cores with other work, and a wall-clock
bar would measure the neighbours (wall-clock gets a looser, separate bar).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECONDS = 5.0  # CPU
WALL_SECONDS = 60.0  # on a shared, loaded machine; a hang still fails
MEGABYTES = 300.0
_ADDRESS_SPACE = 3 * 1024**3  # a MemoryError in the child, not a machine out of memory

_PRELUDE = """
import json, resource, time
import factlint.api, factlint.engine.loader  # imported before the clock starts
__start = time.monotonic()
__cpu = time.process_time()
"""
_EPILOGUE = """
__wall = time.monotonic() - __start
__seconds = time.process_time() - __cpu
__mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("BOUNDS " + json.dumps({"seconds": __seconds, "wall": __wall, "mb": __mb}))
"""


@dataclass(frozen=True)
class Bounded:
    stdout: str
    stderr: str
    returncode: int
    seconds: float
    wall: float
    megabytes: float

    def within(self) -> bool:
        return self.seconds < SECONDS and self.wall < WALL_SECONDS and self.megabytes < MEGABYTES


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (_ADDRESS_SPACE, _ADDRESS_SPACE))


def run_bounded(code: str, *, timeout: float = 120, cwd: Path | None = None) -> Bounded:
    """Run `code` (Python) after the imports; fail loudly if it crashed or ran away."""
    script = _PRELUDE + textwrap.dedent(code) + _EPILOGUE
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FACTLINT_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-"],
        input=script,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd or ROOT,
        env=env,
        preexec_fn=_limit,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("BOUNDS "))
    measured = json.loads(line[len("BOUNDS ") :])
    output = "\n".join(x for x in done.stdout.splitlines() if not x.startswith("BOUNDS "))
    result = Bounded(
        output,
        done.stderr,
        done.returncode,
        measured["seconds"],
        measured["wall"],
        measured["mb"],
    )
    assert result.within(), (
        f"{result.seconds:.1f} s CPU, {result.wall:.1f} s wall, {result.megabytes:.0f} MB"
    )
    return result
