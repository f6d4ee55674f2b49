"""Inline suppressions in Markdown comments and plain-text directive lines."""

from __future__ import annotations

from factlint import lint
from factlint.cli.main import main

WRONG = "It is 60 km (20 miles) away."


def lines_of(text, path="a.md", **kwargs):
    return [(f.rule, f.line) for f in lint(text, path=path, **kwargs)]


def test_disable_and_enable_region_in_markdown():
    text = "\n\n".join(
        [
            WRONG,
            "<!-- factlint-disable unit-conversion -->",
            WRONG,
            WRONG,
            "<!-- factlint-enable unit-conversion -->",
            WRONG,
        ]
    )
    assert lines_of(text) == [("unit-conversion", 1), ("unit-conversion", 11)]


def test_disable_without_ids_covers_every_rule_to_the_end():
    text = f"{WRONG}\n\n<!-- factlint-disable -->\n\n{WRONG}\n\n{WRONG}\n"
    assert lines_of(text) == [("unit-conversion", 1)]


def test_disable_next_line_only_covers_the_next_line():
    text = f"<!-- factlint-disable-next-line -->\n{WRONG}\n{WRONG}\n"
    assert lines_of(text) == [("unit-conversion", 3)]
    # A blank line between the comment and the paragraph is skipped.
    text = f"<!-- factlint-disable-next-line unit -->\n\n{WRONG}\n\n{WRONG}\n"
    assert lines_of(text) == [("unit-conversion", 5)]


def test_other_rule_ids_do_not_silence():
    text = f"<!-- factlint-disable-next-line money-conversion -->\n{WRONG}\n"
    assert lines_of(text) == [("unit-conversion", 2)]


def test_enable_one_of_two_keeps_the_other_disabled():
    text = "\n\n".join(
        [
            "<!-- factlint-disable unit-conversion, other-rule -- agency copy -->",
            WRONG,
            "<!-- factlint-enable other-rule -->",
            WRONG,
            "<!-- factlint-enable -->",
            WRONG,
        ]
    )
    assert lines_of(text) == [("unit-conversion", 11)]


def test_plain_text_directive_lines():
    text = f"[factlint-disable-next-line unit-conversion]\n{WRONG}\n{WRONG}\n"
    assert lines_of(text, path="a.txt") == [("unit-conversion", 3)]
    text = f"[factlint-disable]\n{WRONG}\n[factlint-enable]\n{WRONG}\n"
    assert lines_of(text, path="a.txt") == [("unit-conversion", 4)]


def test_directive_shown_in_code_is_not_obeyed():
    text = f"Write `<!-- factlint-disable -->` to silence.\n\n{WRONG}\n"
    assert lines_of(text) == [("unit-conversion", 3)]


def test_unused_suppressions_are_reported_when_asked(tmp_path, capsys):
    article = tmp_path / "a.md"
    article.write_text(
        "<!-- factlint-disable-next-line -->\n"
        f"{WRONG}\n\n"
        "<!-- factlint-disable-next-line unit-conversion, money-conversion -->\n"
        f"{WRONG}\n\n"
        "<!-- factlint-disable-next-line -->\n"
        "Nothing to see here.\n"
    )
    assert main(["check", str(article)]) == 0
    capsys.readouterr()
    assert main(["check", "--report-unused-disables", str(article)]) == 1
    out = capsys.readouterr().out
    assert f"{article}:4:1: warning unused-suppression" in out
    assert "money-conversion: silenced nothing" in out
    assert "unit-conversion:" not in out.split("money-conversion")[0].splitlines()[-1]
    assert f"{article}:7:1: warning unused-suppression" in out
    assert ":1:1:" not in out
