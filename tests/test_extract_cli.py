"""`factlint extract`: formats, filters, stdin and exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from factlint.cli.main import main

ARTICLE = "Troops: 50 Senegalese soldiers arrived on Mon Jan 21 2013.\nIt cost about $900m.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_jsonl_is_the_default(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(article)]) == 0
    lines = capsys.readouterr().out.splitlines()
    items = [json.loads(line) for line in lines]
    assert [(i["kind"], i["text"], i["line"], i["column"]) for i in items] == [
        ("count", "50 Senegalese soldiers", 1, 9),
        ("date", "Mon Jan 21 2013", 1, 43),
        ("money", "$900m", 2, 15),
    ]
    assert {i["version"] for i in items} == {1}
    assert items[2]["qualifier"] == "~" and items[2]["unit"] == "USD"
    assert all(i["path"] == str(article) for i in items)


def test_json_and_kind_filter(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--format", "json", "--kind", "money", str(article)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["version"] == 1
    assert [m["value"] for m in document["mentions"]] == [900_000_000]


def test_text_format(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--format", "text", str(article)]) == 0
    out = capsys.readouterr().out
    assert f"{article}:2:15: money   '$900m' -> ~ 900000000 USD" in out.splitlines()


def test_missing_file_is_an_error_but_others_are_read(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(tmp_path / "nope.txt"), str(article)]) == 2
    captured = capsys.readouterr()
    assert "nope.txt" in captured.err
    assert len(captured.out.splitlines()) == 3


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Up to 20% fell."))
    assert main(["extract", "-", "--stdin-filename", "in.txt"]) == 0
    (item,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (item["path"], item["kind"], item["high"], item["qualifier"]) == (
        "in.txt",
        "percent",
        20,
        "<=",
    )


def test_console_entry_point(article: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "extract", "--kind", "date", str(article)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["value"] == "2013-01-21"
