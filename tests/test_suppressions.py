"""Inline suppressions in Markdown comments and plain-text directive lines."""

from __future__ import annotations

from factlint import lint
from factlint.api import check_source
from factlint.cli.main import main
from factlint.text.source import source_from_text

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


# ---------------------------------------------------------------- hostile numbers of comments


def test_4000_disables_and_4000_enables_cost_linear_time_and_memory():
    from hostile_bounds import run_bounded

    done = run_bounded(
        """
        from factlint.api import check_source
        from factlint.text.source import source_from_text
        claim = "It lies 60 kilometres (20 miles) away."
        pairs = "".join(
            f"<!-- factlint-disable rule-{i} -->\\n" for i in range(4000)
        ) + "".join(f"<!-- factlint-enable rule-{i} -->\\n" for i in range(4000))
        text = pairs * 1 + claim + "\\n<!-- factlint-disable unit-conversion -->\\n" + claim + "\\n"
        result = check_source(source_from_text(text, path="a.md"))
        print("SIZE", len(text))
        print("LINES", sorted(f.span.line for f in result.findings))
        """
    )
    assert "LINES [8001]" in done.stdout  # the first claim is reported, the second silenced
    size = int(done.stdout.split("SIZE ")[1].split()[0])
    assert size > 200_000


def test_50000_next_line_comments_are_linear():
    # 50,000 lines: a quadratic pass would take minutes; 100,000 took 4 s of the 5 s bar
    # with a cold load of the packs, too close on a loaded machine
    from hostile_bounds import run_bounded

    done = run_bounded(
        """
        from factlint.api import check_source
        from factlint.text.source import source_from_text
        claim = "It is 60 kilometres (20 miles) away.\\n"
        line = "<!-- factlint-disable-next-line unit-conversion -->\\n"
        text = line * 50_000 + "<!-- factlint-disable-next-line -->\\n" + claim + claim
        result = check_source(source_from_text(text, path="a.md"))
        print("LINES", [f.span.line for f in result.findings])
        """
    )
    assert "LINES [50003]" in done.stdout


def test_enable_of_one_id_keeps_the_others_and_a_disable_all():
    text = (
        "<!-- factlint-disable -->\n<!-- factlint-disable unit-conversion money -->\n"
        "<!-- factlint-enable unit-conversion -->\n"
        "It is 60 kilometres (20 miles) away.\n"
        "<!-- factlint-enable -->\n"
        "It is 60 kilometres (20 miles) away.\n"
    )
    result = check_source(source_from_text(text, path="a.md"))
    assert [f.span.line for f in result.findings] == [6]
