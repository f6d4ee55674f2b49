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


def test_fix_stdin_prints_fixed_text(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(WRONG + "\n"))
    assert main(["check", "--fix", "-"]) == 0
    assert capsys.readouterr().out == RIGHT + "\n"


# ---------------------------------------------------------------- hostile files (issue 17)


def test_fix_never_writes_through_a_symlink_out_of_the_walked_repository(tmp_path, capsys):
    repo, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    repo.mkdir()
    elsewhere.mkdir()
    victim = elsewhere / "victim.md"
    victim.write_text(WRONG + "\n")
    (repo / "evil.md").symlink_to(victim)
    (repo / "own.md").write_text(WRONG + "\n")
    main(["check", "--fix", str(repo)])
    assert victim.read_text() == WRONG + "\n"
    assert (repo / "evil.md").is_symlink()
    assert (repo / "own.md").read_text() == RIGHT + "\n"


def test_fix_refuses_a_named_symlink_and_names_it(tmp_path, capsys):
    real = tmp_path / "real.txt"
    real.write_text(WRONG + "\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert main(["check", "--fix", str(link)]) == 2
    assert f"{link}: a symlink; not fixed" in capsys.readouterr().err
    assert link.is_symlink() and real.read_text() == WRONG + "\n"


def _source(path):
    return read_source(str(path))


def test_a_write_during_the_fix_is_never_lost(tmp_path, monkeypatch):
    """An editor saves while the fixed bytes are being synced: the editor's text stays."""
    article = tmp_path / "a.txt"
    article.write_text(WRONG + "\n")
    source = _source(article)
    synced = os.fsync

    def fsync_while_an_editor_saves(fd):
        article.write_text("The editor's own text.\n")  # the same file, rewritten in place
        synced(fd)

    monkeypatch.setattr(os, "fsync", fsync_while_an_editor_saves)
    with pytest.raises(FixError, match="changed on disk while being fixed"):
        write_fixed(source, RIGHT + "\n")
    assert article.read_text() == "The editor's own text.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary left


def test_a_file_locked_by_another_fix_is_left_alone(tmp_path):
    import fcntl

    article = tmp_path / "a.txt"
    article.write_text(WRONG + "\n")
    source = _source(article)
    with open(article, "rb") as other:
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        with pytest.raises(FixError, match="being fixed by another process"):
            write_fixed(source, RIGHT + "\n")
    assert article.read_text() == WRONG + "\n"
    write_fixed(source, RIGHT + "\n")  # released: fixed
    assert article.read_text() == RIGHT + "\n"


def test_a_read_only_file_is_refused(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(WRONG + "\n")
    os.chmod(article, 0o444)
    assert main(["check", "--fix", str(article)]) == 2
    assert "read-only; not fixed" in capsys.readouterr().err
    assert article.read_text() == WRONG + "\n"
    assert stat.S_IMODE(article.stat().st_mode) == 0o444


def test_a_hard_linked_file_is_fixed_with_a_warning(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(WRONG + "\n")
    twin = tmp_path / "twin.txt"
    os.link(article, twin)
    main(["check", "--fix", str(article)])
    assert "1 other hard link(s)" in capsys.readouterr().err
    assert article.read_text() == RIGHT + "\n"
    assert twin.read_text() == WRONG + "\n"


def test_owner_and_extended_attributes_are_kept(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(WRONG + "\n")
    os.setxattr(article, "user.newsroom", b"desk=africa")
    owner = (article.stat().st_uid, article.stat().st_gid)
    if os.geteuid() == 0:  # root may give the file away, and must give it back after the fix
        owner = (4242, 4343)
        os.chown(article, *owner)
    write_fixed(_source(article), RIGHT + "\n")
    assert article.read_text() == RIGHT + "\n"
    assert (article.stat().st_uid, article.stat().st_gid) == owner
    assert os.getxattr(article, "user.newsroom") == b"desk=africa"
