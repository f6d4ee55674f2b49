"""Throughput of `factlint check --scheduler`: the corpus on a Dask cluster of 1 and 2
workers on this machine (`python benchmarks/bench.py --scheduler`).

Each size gets a fresh Dask LocalCluster: a scheduler in this process and
single-threaded worker processes on loopback. The first run of a size includes the
workers compiling the rules (once per process); the figure is the best of the later
runs, which is what a long archive run sees. Timed from the first batch sent to the
last outcome gathered, through the same code the command uses
(factlint.dask.check_on_cluster); the client is in this process.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def _cluster(workers: int) -> Iterator[str]:
    """Dask's own LocalCluster: a scheduler here and `workers` single-threaded worker
    processes on loopback."""
    import logging

    from distributed import LocalCluster

    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


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
    for workers in sizes:
        with _cluster(workers) as address:
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
