"""`factlint check --scheduler` on a real Dask cluster: a scheduler and two worker
processes on loopback, started as `dask scheduler` / `dask worker`.

Each run is compared with a local run of the same files: the cluster must change
where files are checked, never what is reported.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import cloudpickle
import pytest
from cli_run import run_factlint
from dask_cluster import running_cluster, wait_until

DESK = Path(__file__).parent / "data" / "desk"
COPIES = 3  # copies of the desk, so a run has several batches on each worker

cloudpickle.register_pickle_by_value(sys.modules[__name__])


def factlint(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_factlint(*args, cwd=cwd, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    with running_cluster(tmp_path_factory.mktemp("cluster")) as running:
        yield running


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """A folder of articles in subfolders, as an archive is laid out."""
    for copy in range(COPIES):
        shutil.copytree(DESK, tmp_path / "archive" / f"day{copy}")
    return tmp_path


def _findings(output: str) -> list[dict]:
    return json.loads(output)["findings"]


def test_folder_of_articles_gives_the_local_findings(cluster, articles: Path) -> None:
    local = factlint("check", "archive", "--format", "json", cwd=articles)
    remote = factlint(
        "check", "archive", "--format", "json", "--scheduler", cluster.address, cwd=articles
    )
    assert local.returncode == 1, local.stderr
    assert (remote.returncode, remote.stderr) == (local.returncode, local.stderr)
    assert remote.stdout == local.stdout
    found = _findings(remote.stdout)
    assert len({f["path"] for f in found}) == 3 * COPIES  # three of the desk's files have some
    for fmt in ("text", "sarif"):
        args = ("check", "archive", "--format", fmt)
        assert (
            factlint(*args, "--scheduler", cluster.address, cwd=articles).stdout
            == factlint(*args, cwd=articles).stdout
        )


def test_statistics_and_address_from_environment_and_config(cluster, articles: Path) -> None:
    local = factlint("check", "archive", "--statistics", cwd=articles)
    from_env = factlint(
        "check",
        "archive",
        "--statistics",
        cwd=articles,
        env={"FACTLINT_SCHEDULER": cluster.address},
    )
    assert (from_env.returncode, from_env.stdout) == (local.returncode, local.stdout)
    assert re.search(r"\d+ findings \(.*\) in 9 files; 15 files checked", local.stdout)
    (articles / ".factlint.yaml").write_text(f"scheduler: {cluster.address}\n", encoding="utf-8")
    with cluster.client() as client:
        before = client.run_on_scheduler(_tasks_seen)
    from_config = factlint("check", "archive", "--statistics", cwd=articles)
    assert (from_config.returncode, from_config.stdout) == (local.returncode, local.stdout)
    with cluster.client() as client:
        assert client.run_on_scheduler(_tasks_seen) > before  # it really ran on the cluster


def _tasks_seen(dask_scheduler) -> int:  # noqa: ANN001 - runs on the scheduler
    return sum(
        1 for entry in dask_scheduler.transition_log if str(entry[0]).startswith("factlint-")
    )


def test_rules_are_compiled_once_per_worker_process(cluster, articles: Path) -> None:
    from factlint.cluster import worker

    result = factlint(
        "check",
        "archive",
        "--select",
        "unit-conversion",
        "--scheduler",
        cluster.address,
        cwd=articles,
    )
    assert result.returncode == 1, result.stderr
    with cluster.client() as client:
        stats = client.run(worker.stats)
    assert len(stats) == 2
    # Several batches reached each worker, yet each run's rules were compiled once there.
    assert all(count == 1 for counts in stats.values() for count in counts.values()), stats
    assert all(counts for counts in stats.values()), stats


def _put(files: dict[str, bytes]) -> None:  # runs on each worker: memory:// is per process
    import fsspec

    for url, data in files.items():
        with fsspec.open(url, "wb") as handle:
            handle.write(data)


def test_memory_urls_give_the_local_findings(cluster, tmp_path: Path) -> None:
    files = {f"memory://newsroom/{p.name}": p.read_bytes() for p in sorted(DESK.iterdir())}
    files["memory://newsroom/.drafts/skip.md"] = (DESK / "floods.md").read_bytes()
    files["memory://newsroom/notes.csv"] = b"60 kilometres (20 miles)\n"
    with cluster.client() as client:
        client.run(_put, files)
    local = factlint("check", str(DESK), "--format", "json", cwd=tmp_path)
    remote = factlint(
        "check",
        "memory://newsroom",
        "--format",
        "json",
        "--scheduler",
        cluster.address,
        cwd=tmp_path,
    )
    assert remote.returncode == local.returncode == 1, remote.stderr
    expected = [
        {**f, "path": f["path"].replace(str(DESK), "memory://newsroom")}
        for f in _findings(local.stdout)
    ]
    assert _findings(remote.stdout) == expected
    # A file URL named explicitly is checked as given, even with another extension.
    one = factlint(
        "check", "memory://newsroom/notes.csv", "--scheduler", cluster.address, cwd=tmp_path
    )
    assert one.returncode == 1 and "memory://newsroom/notes.csv:1:" in one.stdout


def test_a_failing_file_is_one_line_and_the_others_are_checked(cluster, articles: Path) -> None:
    (articles / "archive" / "day0" / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    local = factlint("check", "archive", "--format", "json", cwd=articles)
    remote = factlint(
        "check",
        "archive",
        "memory://newsroom/missing.md",
        "--format",
        "json",
        "--scheduler",
        cluster.address,
        cwd=articles,
    )
    assert local.returncode == remote.returncode == 2
    # every other file still checked; the JSON lists each file's error
    assert json.loads(remote.stdout)["findings"] == json.loads(local.stdout)["findings"]
    assert [e["message"] for e in json.loads(remote.stdout)["errors"]] == [
        "archive/day0/photo.md: not a text file (binary data at byte 8)",
        "memory://newsroom/missing.md: no such file",
    ]
    lines = remote.stderr.splitlines()
    assert lines == [
        "factlint: archive/day0/photo.md: not a text file (binary data at byte 8)",
        "factlint: memory://newsroom/missing.md: no such file",
    ]
    assert lines[0] == local.stderr.strip()


def test_fix_and_diff_are_refused(tmp_path: Path) -> None:
    article = tmp_path / "floods.md"
    shutil.copy(DESK / "floods.md", article)
    for flag in ("--fix", "--diff"):
        # The refusal comes before any connection: no scheduler listens on port 9.
        result = factlint(
            "check", flag, "--scheduler", "tcp://127.0.0.1:9", "floods.md", cwd=tmp_path
        )
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.startswith(f"factlint: {flag} cannot be used with --scheduler")
        assert len(result.stderr.splitlines()) == 1
    assert article.read_bytes() == (DESK / "floods.md").read_bytes()


def test_a_worker_killed_mid_batch_loses_no_file(tmp_path: Path) -> None:
    """Heavy files so each batch takes a while (long enough that the batch seen running
    is still running when its worker is killed, however fast checking gets)."""
    heavy = (DESK / "floods.md").read_text(encoding="utf-8")
    body = heavy.split("---\n", 2)[2]
    for n in range(24):
        (tmp_path / "big" / f"story{n:02}.md").parent.mkdir(exist_ok=True)
        (tmp_path / "big" / f"story{n:02}.md").write_text(
            "---\ndate: 2013-01-21\n---\n" + body * 80, encoding="utf-8"
        )
    local = factlint("check", "big", "--format", "json", cwd=tmp_path)
    with running_cluster(tmp_path, workers=2) as cluster, cluster.client() as client:
        run = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "factlint",
                "check",
                "big",
                "--format",
                "json",
                "--scheduler",
                cluster.address,
            ],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            victim = wait_until(lambda: _busy_worker(client), timeout=60)
            process = next(p for p in cluster.workers if p.pid == victim)
            process.kill()
            out, err = run.communicate(timeout=90)
            starts = client.run_on_scheduler(_batch_starts)
        finally:
            if run.poll() is None:
                run.kill()
    assert (run.returncode, err) == (local.returncode, local.stderr)
    assert out == local.stdout
    # The batch the killed worker held was started again elsewhere.
    assert max(starts.values()) >= 2, starts
    paths = [f["path"] for f in _findings(out)]
    assert sorted(set(paths)) == [f"big/story{n:02}.md" for n in range(24)]


def _busy_worker(client) -> int | None:  # noqa: ANN001
    """The pid of a worker processing a factlint batch after some batch has finished."""
    processing = client.processing()
    done = client.run_on_scheduler(_tasks_in_memory)
    if not done:
        return None
    pids = client.run_on_scheduler(_worker_pids)
    for address, keys in processing.items():
        if any(str(k).startswith("factlint-") for k in keys):
            return pids[address]
    return None


def _batch_starts(dask_scheduler) -> dict[str, int]:  # noqa: ANN001 - runs on the scheduler
    starts: dict[str, int] = {}
    for key, _start, finish, *_rest in dask_scheduler.transition_log:
        if str(key).startswith("factlint-") and finish == "processing":
            starts[key] = starts.get(key, 0) + 1
    return starts


def _worker_pids(dask_scheduler) -> dict[str, int]:  # noqa: ANN001 - runs on the scheduler
    return {address: state.pid for address, state in dask_scheduler.workers.items()}


def _tasks_in_memory(dask_scheduler) -> int:  # noqa: ANN001 - runs on the scheduler
    return sum(
        1
        for key, task in dask_scheduler.tasks.items()
        if str(key).startswith("factlint-") and task.state == "memory"
    )


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    from dask_cluster import free_port

    shutil.copy(DESK / "floods.md", tmp_path / "floods.md")
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    result = factlint(
        "check",
        "floods.md",
        "--scheduler",
        address,
        cwd=tmp_path,
        env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"},
    )
    assert result.returncode == 2
    assert "0 files checked" in result.stdout  # the report says the run failed, never clean
    assert result.stderr.startswith(f"factlint: cannot reach the Dask scheduler at {address}: ")
    assert len(result.stderr.splitlines()) == 1


def test_progress_on_a_terminal_counts_batches(cluster, articles: Path) -> None:
    import pty

    controller, terminal = pty.openpty()
    try:
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "factlint",
                "check",
                "archive",
                "--statistics",
                "--scheduler",
                cluster.address,
            ],
            cwd=articles,
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=120,
        )
        os.close(terminal)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once the terminal side is closed and read
            while chunk := os.read(controller, 4096):
                shown += chunk
    finally:
        os.close(controller)
    assert run.returncode == 1
    text = shown.decode()
    counts = re.findall(r"(\d+)/(\d+) batches, (\d+)/(\d+) files", text)
    assert counts, text
    assert counts[-1][0] == counts[-1][1] and counts[-1][2] == counts[-1][3] == "15"
    assert text.endswith("\r")  # the line is cleared before the report
