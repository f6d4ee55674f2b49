"""Broken, huge and odd input files, through the command line as users meet it.

The contract: every file that can be checked is checked, each one that cannot
is named on stderr in one line (no traceback), and the exit code is 2 when any
file could not be read.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_run import run_factlint

from factlint.cli import main as cli
from factlint.text import source as source_module

ROOT = Path(__file__).resolve().parents[1]
BAD = "Niono is 60 kilometres (20 miles) south of Diabaly.\n"
LINE_OF_BAD = "Second line.\n" + BAD  # the finding is on line 2, column 25


def factlint(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return run_factlint("check", *args, cwd=ROOT, timeout=timeout)


def flagged(stdout: str) -> set[str]:
    """Paths with a unit-conversion finding in text output."""
    return {
        line.split(":", 1)[0] for line in stdout.splitlines() if "error unit-conversion" in line
    }


def test_binary_file_is_refused_and_the_next_file_still_checked(tmp_path):
    binary = tmp_path / "a-binary.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    good = tmp_path / "b-good.md"
    good.write_text(BAD)
    done = factlint(str(binary), str(good))
    assert done.returncode == 2
    assert f"{binary}: not a text file (binary data at byte" in done.stderr
    assert flagged(done.stdout) == {str(good)}
    assert "Traceback" not in done.stderr


def test_invalid_utf8_is_decoded_with_a_note_naming_the_byte(tmp_path):
    path = tmp_path / "latin.txt"
    data = "Café owners said: ".encode("latin-1") + BAD.encode()
    path.write_bytes(data)
    done = factlint(str(path))
    assert done.returncode == 1  # a note, not an error: the file was checked
    assert f"{path}: decoded as Latin-1: not valid UTF-8 (first bad byte at offset 3)" in (
        done.stderr
    )
    assert f"{path}:1:43: error unit-conversion" in done.stdout


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_utf16_with_bom_is_read_with_positions_in_characters(tmp_path, bom, codec):
    path = tmp_path / "wide.md"
    path.write_bytes(bom + ("Über 𝄞\r\n" + BAD.replace("\n", "\r\n")).encode(codec))
    done = factlint(str(path))
    assert done.returncode == 1, done.stderr
    assert f"{path}:2:25: error unit-conversion" in done.stdout


def test_empty_file_is_fine(tmp_path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    done = factlint(str(path))
    assert (done.returncode, done.stderr) == (0, "")


def test_2gb_sparse_file_is_refused_by_size_without_reading_it(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.write(BAD.encode())
        handle.truncate(2 * 1024**3)
    good = tmp_path / "good.txt"
    good.write_text(BAD)
    start = time.monotonic()
    done = factlint(str(huge), str(good))
    elapsed = time.monotonic() - start
    assert done.returncode == 2
    assert f"{huge}: 2.0 GB is over the 10 MB limit (setting max_file_size)" in done.stderr
    assert flagged(done.stdout) == {str(good)}
    assert elapsed < 20  # reading 2 GB would take far longer and 2 GB of memory


def test_oversized_file_is_never_opened(tmp_path, monkeypatch):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(2 * 1024**3)

    def no_open(*args, **kwargs):
        raise AssertionError("the size check must come before opening")

    monkeypatch.setattr(source_module, "open", no_open, raising=False)
    monkeypatch.setattr(source_module.os, "open", no_open)
    with pytest.raises(source_module.SourceError):
        source_module.read_source(str(huge))


def test_unreadable_file_does_not_stop_the_others(tmp_path, monkeypatch, capsys):
    """Root reads everything, so a permission error is simulated where the file is opened."""
    locked = tmp_path / "a-locked.md"
    locked.write_text(BAD)
    good = tmp_path / "b-good.md"
    good.write_text(BAD)
    real_open = open

    def guarded(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(source_module, "open", guarded, raising=False)
    code = cli.main(["check", str(locked), str(good)])
    out, err = capsys.readouterr()
    assert code == 2
    assert f"{locked}: cannot read: Permission denied" in err
    assert flagged(out) == {str(good)}


def test_named_pipe_without_a_writer_does_not_hang(tmp_path):
    """open() on a FIFO blocks until someone writes; source opens it non-blocking."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    pipe = tmp_path / "a-pipe.md"
    os.mkfifo(pipe)
    good = tmp_path / "b-good.md"
    good.write_text(BAD)
    done = factlint(str(tmp_path), timeout=30)
    assert done.returncode == 1, done.stderr
    assert flagged(done.stdout) == {str(good)}


def test_symlink_loops_in_folders_terminate(tmp_path):
    top = tmp_path / "articles"
    (top / "sub").mkdir(parents=True)
    (top / "sub" / "up").symlink_to(top, target_is_directory=True)
    (top / "sub" / "self").symlink_to(top / "sub", target_is_directory=True)
    (top / "self.md").symlink_to(top / "self.md")  # a file link that points at itself
    (top / "sub" / "story.md").write_text(BAD)
    done = factlint(str(top), timeout=30)
    assert done.returncode == 2  # the looping file link cannot be read
    assert str(top / "self.md") in done.stderr
    assert flagged(done.stdout) == {str(top / "sub" / "story.md")}
    assert "Traceback" not in done.stderr


def test_paths_with_spaces_and_non_ascii_names(tmp_path):
    folder = tmp_path / "dossier été"
    folder.mkdir()
    names = ["article one.md", "Ünïcødé — 北京 報道.md", "tab\there.txt"]
    for name in names:
        (folder / name).write_text(LINE_OF_BAD)
    done = factlint(str(folder))
    assert done.returncode == 1, done.stderr
    assert flagged(done.stdout) == {str(folder / name) for name in names}
    for name in names:
        assert f"{folder / name}:2:25:" in done.stdout


def test_undecodable_file_name_is_checked_in_text_output(tmp_path):
    if sys.platform == "darwin":
        pytest.skip("macOS refuses file names that are not UTF-8")
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.md"), "w") as handle:
        handle.write(BAD)
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", str(tmp_path)],
        capture_output=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"error unit-conversion" in done.stdout


def test_undecodable_file_name_keeps_json_output_valid_utf8(tmp_path):
    if sys.platform == "darwin":
        pytest.skip("macOS refuses file names that are not UTF-8")
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.md"), "w") as handle:
        handle.write(BAD)
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--format", "json", str(tmp_path)],
        capture_output=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout.decode("utf-8"))  # RFC 8259: JSON text is UTF-8
    assert [f["rule"] for f in report["findings"]] == ["unit-conversion"]


def test_many_bad_files_each_reported_and_exit_2(tmp_path):
    (tmp_path / "1.md").write_bytes(b"\x00" * 100)
    (tmp_path / "2.md").write_bytes(codecs.BOM_UTF8 + b"\xff\xfe broken")
    (tmp_path / "3.md").mkdir()  # a folder named like an article is walked, not read
    (tmp_path / "4.md").write_text(BAD)
    done = factlint(str(tmp_path / "1.md"), str(tmp_path / "2.md"), str(tmp_path / "4.md"))
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("factlint:")]
    assert len(errors) == 2
    assert flagged(done.stdout) == {str(tmp_path / "4.md")}


@pytest.mark.parametrize(
    "front",
    [
        "date: 0x" + "f" * 3700,  # a ValueError traceback once, and the run stopped
        "date: 1" + ":0" * 5000,  # YAML 1.1 base 60
        "date: &a [x, *a]",
    ],
)
def test_hostile_front_matter_in_one_file_never_stops_the_run(tmp_path, front):
    (tmp_path / "1.md").write_text(BAD)
    (tmp_path / "2.md").write_text(f"---\n{front}\n---\n{BAD}")
    (tmp_path / "3.md").write_text(BAD)
    started = time.monotonic()
    done = factlint(*(str(tmp_path / f"{n}.md") for n in (1, 2, 3)), timeout=60)
    assert time.monotonic() - started < 20
    assert "Traceback" not in done.stderr
    assert done.returncode in (1, 2), done.stderr
    assert flagged(done.stdout) == {str(tmp_path / f"{n}.md") for n in (1, 2, 3)}
