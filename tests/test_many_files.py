"""Many files: a process pool, stable sorted output, progress only on terminals, statistics."""

from __future__ import annotations

import io
import json
import os
import sys

from cli_run import run_factlint

from factlint.cli import check as check_command
from factlint.cli.check import FileResult, Settings, _Progress, check_files

WRONG = "It is 60 km (20 miles) away.\n\nIt is 10 km (10 miles) away.\n"


def make_archive(root, count):
    names = []
    for index in range(count):
        folder = root / f"desk{index % 3}"
        folder.mkdir(exist_ok=True)
        path = folder / f"story{index:03d}.md"
        path.write_text(WRONG if index % 2 else "Nothing wrong: 10 km (6.2 miles).\n")
        names.append(str(path))
    return names


def factlint(*args, cwd):
    return run_factlint(*args, cwd=cwd, timeout=180)


def test_pool_checks_every_file_in_workers(tmp_path):
    paths = make_archive(tmp_path, 20)
    results = list(check_files(paths, Settings(), jobs=2))
    assert sorted(r.path for r in results) == sorted(paths)
    assert {r.worker for r in results} - {0, os.getpid()}  # ran in other processes
    flagged = {r.path for r in results if r.findings}
    assert flagged == {p for i, p in enumerate(paths) if i % 2}


def test_parallel_output_is_sorted_and_equals_serial(tmp_path):
    make_archive(tmp_path, 30)
    serial = factlint("check", "--jobs", "1", "--format", "json", ".", cwd=tmp_path)
    parallel = factlint("check", "--jobs", "2", "--format", "json", ".", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    findings = json.loads(parallel.stdout)["findings"]
    keys = [(f["path"], f["offset"]) for f in findings]
    assert keys == sorted(keys) and len(findings) == 30
    assert parallel.stderr == ""  # no progress bar when stderr is not a terminal


def test_statistics_counts_by_rule(tmp_path):
    make_archive(tmp_path, 6)
    (tmp_path / "desk0" / "extra.txt").write_text("It is 10 km (20 miles) away.\n")
    done = factlint("check", "--statistics", ".", cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["7", "unit-conversion", "(error)"]
    assert lines[-1].startswith("7 findings (7 errors) in 4 files; 7 files checked")
    assert lines[-2].startswith("10 claims checked: 3 consistent, 7 wrong")


def test_progress_only_on_a_terminal_and_for_big_runs(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    items = [FileResult(path=str(i)) for i in range(250)]
    for stream, count, shown in [
        (Terminal(), 250, True),
        (Terminal(), 20, False),
        (io.StringIO(), 250, False),
    ]:
        monkeypatch.setattr(sys, "stderr", stream)
        assert len(list(_Progress(count).step(items[:count]))) == count
        assert ("250/250 files" in stream.getvalue()) is shown
        assert (stream.getvalue() == "") is (not shown)


def test_statistics_text_is_sorted_by_count():
    from factlint.findings import Finding, Span

    findings = [
        Finding(r, s, "m", Span(0, 1), path=p)
        for r, s, p in [("b", "warning", "x"), ("a", "error", "x"), ("b", "error", "y")]
    ]
    text = check_command.statistics(findings)
    assert text.splitlines()[0].split() == ["2", "b", "(error)"]
    assert text.splitlines()[1].split() == ["1", "a", "(error)"]
    assert "3 findings (2 errors, 1 warning) in 2 files" in text
