"""A real Dask cluster on loopback for the tests: `dask scheduler` and `dask worker`
processes on free ports, bounded waits, always torn down."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent
START_TIMEOUT = 40.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    address: str
    scheduler: subprocess.Popen
    workers: list[subprocess.Popen] = field(default_factory=list)

    def client(self):  # noqa: ANN201 - distributed.Client
        from distributed import Client

        return Client(self.address, timeout=START_TIMEOUT, set_as_default=False)


def _dask(*args: str, cwd: Path, log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:
        return subprocess.Popen(
            [str(BIN / "dask"), *args],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@contextlib.contextmanager
def running_cluster(folder: Path, workers: int = 2) -> Iterator[Cluster]:
    """A scheduler and ``workers`` single-threaded worker processes, without nannies, so
    that killing a worker process kills that worker."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    log = folder / "cluster.log"
    cluster = Cluster(
        address,
        _dask(
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-dashboard",
            cwd=folder,
            log=log,
        ),
    )
    try:
        for _ in range(workers):
            cluster.workers.append(
                _dask(
                    "worker",
                    address,
                    "--no-nanny",
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                    cwd=folder,
                    log=log,
                )
            )
        with cluster.client() as client:
            client.wait_for_workers(workers, timeout=START_TIMEOUT)
        yield cluster
    finally:
        for process in [*cluster.workers, cluster.scheduler]:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def wait_until(predicate, timeout: float, step: float = 0.02):  # noqa: ANN001, ANN201
    """Poll ``predicate`` until it returns something true, or fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not reached within {timeout} s")
