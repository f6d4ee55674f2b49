"""--fix and --diff: safe, non-overlapping, atomic, faithful to the file's bytes."""

from __future__ import annotations

import codecs
import os
import stat

import pytest

from factlint.cli.main import main
from factlint.findings import Finding, Fix, Span
from factlint.text.source import read_source
from factlint.workspace.fixer import FixError, plan_fixes, write_fixed

WRONG = "Niono is 60 kilometres (20 miles) south of Diabaly."
RIGHT = "Niono is 60 kilometres (37 miles) south of Diabaly."


def finding(start, end, replacement, *, safe=True, rule="r"):
    return Finding(
        rule, "error", "m", Span(start, end), fix=Fix(Span(start, end), replacement, safe)
    )


def test_plan_applies_safe_fixes_and_skips_unsafe_and_overlapping():
    text = "abcdefghij"
    planned = plan_fixes(
        text,
        [
            finding(6, 8, "XY", rule="b"),
            finding(0, 2, "12", rule="a"),
            finding(1, 3, "zz", rule="c"),  # overlaps a
            finding(8, 9, "!", safe=False),
            finding(6, 8, "XY", rule="d"),  # the same edit from another rule: one edit
        ],
    )
    assert planned.text == "12cdefXYij"
    assert [f.rule for f in planned.skipped] == ["c"]
    assert sorted(f.rule for f in planned.applied) == ["a", "b", "d"]


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [
        ("utf-8", b"", "\r\n"),
        ("utf-8", codecs.BOM_UTF8, "\n"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"),
        ("cp1252", b"", "\n"),
    ],
)
def test_fix_keeps_encoding_bom_newlines_and_mode(tmp_path, capsys, encoding, bom, newline):
    body = newline.join(["“Quote” first.", WRONG, "It is 10 km (10 miles) away.", ""])
    article = tmp_path / "a.txt"
    article.write_bytes(bom + body.encode(encoding))
    os.chmod(article, 0o640)
    assert main(["check", "--fix", str(article)]) == 0
    captured = capsys.readouterr()
    assert f"fixed 2 findings in {article}" in captured.err
    expected = body.replace(WRONG, RIGHT).replace("(10 miles)", "(6.2 miles)")
    assert article.read_bytes() == bom + expected.encode(encoding)
    assert stat.S_IMODE(os.stat(article).st_mode) == 0o640
    assert os.listdir(tmp_path) == ["a.txt"]  # no temporary file left behind
    # A second run finds nothing to change.
    assert main(["check", "--fix", str(article)]) == 0
    assert "fixed" not in capsys.readouterr().err
    assert article.read_bytes() == bom + expected.encode(encoding)


def test_diff_shows_and_writes_nothing(tmp_path, capsys):
    article = tmp_path / "a.md"
    article.write_text(f"# Mali\n\n{WRONG}\n")
    before = article.read_bytes()
    assert main(["check", "--diff", str(article)]) == 1
    out = capsys.readouterr().out
    assert f"--- a/{article}" in out
    assert f"-{WRONG}\n+{RIGHT}\n" in out
    assert article.read_bytes() == before
    article.write_text(f"# Mali\n\n{RIGHT}\n")
    assert main(["check", "--diff", str(article)]) == 0
    assert capsys.readouterr().out == ""


def test_refuses_file_changed_on_disk(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(WRONG + "\n")
    source = read_source(str(article))
    article.write_text("An editor saved this meanwhile.\n")
    with pytest.raises(FixError, match="changed on disk"):
        write_fixed(source, RIGHT + "\n")
    assert article.read_text() == "An editor saved this meanwhile.\n"


def test_fix_that_the_encoding_cannot_hold_is_refused(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes("caf\xe9 60 km\n".encode("latin-1"))
    source = read_source(str(article))
    with pytest.raises(FixError, match="cannot write"):
        write_fixed(source, "café ≈ 60 km\n")
    assert article.read_bytes() == "caf\xe9 60 km\n".encode("latin-1")


def test_fix_through_symlink_keeps_the_link(tmp_path, capsys):
    real = tmp_path / "real.txt"
    real.write_text(WRONG + "\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert main(["check", "--fix", str(link)]) == 0
    assert link.is_symlink()
    assert real.read_text() == RIGHT + "\n"


def test_fix_stdin_prints_fixed_text(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(WRONG + "\n"))
    assert main(["check", "--fix", "-"]) == 0
    assert capsys.readouterr().out == RIGHT + "\n"
