"""Throughput of `factlint check --scheduler`: the corpus on a Dask cluster of 1 and 2
workers on this machine (`python benchmarks/bench.py --scheduler`).

Each size gets a fresh scheduler and single-threaded worker processes on loopback,
started as `dask scheduler` / `dask worker`. The first run of a size includes the
workers compiling the rules (once per process); the figure is the best of the later
runs, which is what a long archive run sees. Timed from the first batch sent to the
last outcome gathered, through the same code the command uses
(factlint.dask.check_on_cluster); the client is in this process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def _cluster(workers: int, log: Path) -> Iterator[str]:
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    common = ["--no-dashboard", "--host", "127.0.0.1"]
    processes = []
    with open(log, "ab") as out:

        def start(*args: str) -> None:
            processes.append(
                subprocess.Popen(
                    [str(BIN / "dask"), *args, *common],
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )

        try:
            start("scheduler", "--port", str(port))
            for _ in range(workers):
                start("worker", address, "--no-nanny", "--nthreads", "1")
            from distributed import Client

            with Client(address, timeout=60, set_as_default=False) as client:
                client.wait_for_workers(workers, timeout=60)
            yield address
        finally:
            for process in reversed(processes):  # workers first, the scheduler last
                _stop(process)


def _stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def _one_run(address: str, paths: list[str], job) -> tuple[float, int, int]:  # noqa: ANN001
    from factlint.dask import check_on_cluster

    start = time.perf_counter()
    findings = errors = 0
    for outcome in check_on_cluster(address, paths, job):
        findings += len(outcome.findings)
        errors += outcome.error is not None
    return time.perf_counter() - start, findings, errors


def _workers_cpu(address: str) -> float:
    """CPU seconds the worker processes have used: on a shared machine, MB per CPU second
    says what a worker can do where the wall clock says how busy the machine was."""
    from distributed import Client

    with Client(address, timeout=60, set_as_default=False) as client:
        return sum(client.run(time.process_time).values())


def _local_cli(paths: list[str], date: str, jobs: int) -> float:
    """The same files checked by a local `factlint check -j N`, for the ratio."""
    command = [sys.executable, "-m", "factlint", "check", "--date", date, "-j", str(jobs)]
    start = time.perf_counter()
    subprocess.run([*command, "--statistics", *paths], capture_output=True)
    return time.perf_counter() - start


def cluster_throughput(paths: list[Path], date: str, sizes=(1, 2), repeats: int = 3) -> list[dict]:  # noqa: ANN001
    """One row per cluster size: articles/s and MB/s, best of ``repeats`` warm runs."""
    from factlint.dask import make_job

    names = [str(p) for p in paths]
    size = sum(p.stat().st_size for p in paths)
    job = make_job(date=date)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for workers in sizes:
            with _cluster(workers, Path(scratch) / "cluster.log") as address:
                first, findings, errors = _one_run(address, names, job)
                cpu_before = _workers_cpu(address)
                best = min(_one_run(address, names, job)[0] for _ in range(repeats))
                cpu = (_workers_cpu(address) - cpu_before) / repeats
            local = min(_local_cli(names, date, workers) for _ in range(repeats))
            rows.append(
                {
                    "workers": workers,
                    "threads_per_worker": 1,
                    "articles": len(names),
                    "mb": round(size / 1e6, 3),
                    "first_run_s": round(first, 3),
                    "seconds": round(best, 3),
                    "repeats": repeats,
                    "articles_per_s": round(len(names) / best, 1),
                    "mb_per_s": round(size / 1e6 / best, 3),
                    "mb_per_s_per_worker": round(size / 1e6 / best / workers, 3),
                    "worker_cpu_s_per_run": round(cpu, 3),
                    "mb_per_worker_cpu_s": round(size / 1e6 / cpu, 3),
                    "load_average_1m": round(os.getloadavg()[0], 1),
                    "findings": findings,
                    "local_cli_same_processes_s": round(local, 3),
                    "vs_local_cli": round(best / local, 2),
                    "file_errors": errors,
                }
            )
    return rows


def print_rows(rows: list[dict]) -> None:
    for row in rows:
        label = f"cluster, {row['workers']} worker(s) x 1 thread"
        print(
            f"{label:<40}{row['seconds']:>10.2f}s  {row['articles_per_s']:>8.0f} art/s  "
            f"{row['mb_per_s']:.2f} MB/s  {row['mb_per_s_per_worker']:.2f} MB/s/worker  "
            f"{row['mb_per_worker_cpu_s']:.2f} MB/CPU-s  (first run {row['first_run_s']:.2f}s; "
            f"local -j {row['workers']}: {row['local_cli_same_processes_s']:.2f}s; "
            f"load {row['load_average_1m']})"
        )
