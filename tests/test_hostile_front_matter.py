"""Issue 17 items 1 and 2 (front matter as an attack) and issue 13's published copy.

The article arrives in the same pull request as any pack: its front matter is
read by the guarded YAML loader, and what cannot be a date is no date. Each
attack runs in a bounded child (tests/hostile_bounds.py).
"""

from __future__ import annotations

import datetime

import pytest
from hostile_bounds import run_bounded

from factlint.api import check_source
from factlint.text.document import parse_document
from factlint.text.source import source_from_text


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ["---", "title: Bamako", "date:"]
    lines.append("  - &a0 [" + ", ".join(["lol"] * width) + "]")
    for level in range(1, levels):
        lines.append(f"  - &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n---\nThe convoy drove 60 kilometres (20 miles).\n"


def test_the_alias_bomb_is_small():
    assert len(alias_bomb()) < 600


ATTACKS = {
    "alias bomb": alias_bomb(),
    "hex date": "---\ndate: 0x"
    + "f" * 3700
    + "\n---\nThe convoy drove 60 kilometres (20 miles).\n",
    "base-60 date": "---\ndate: 1"
    + ":0" * 40_000
    + "\n---\nThe convoy drove 60 kilometres (20 miles).\n",
    "tag": "---\ndate: !!python/object/apply:os.system ['true']\n---\n"
    "It drove 60 kilometres (20 miles).\n",
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_hostile_front_matter_is_reported_and_the_body_still_checked(name):
    done = run_bounded(
        f"""
        from factlint.api import check_source
        from factlint.text.source import source_from_text
        result = check_source(source_from_text({ATTACKS[name]!r}, path="a.md"))
        print("ERROR", result.document.metadata_error)
        for finding in result.findings:
            print("FINDING", finding.rule, finding.span.line)
        """
    )
    assert "FINDING unit-conversion" in done.stdout
    if name != "base-60 date":  # base 60 is text, as in YAML 1.2: simply no date
        assert "ERROR front matter line" in done.stdout


def test_alias_bomb_names_aliases_and_its_line():
    doc = parse_document(source_from_text(alias_bomb(), path="a.md"))
    assert doc.metadata == {}
    assert "aliases" in doc.metadata_error and "line 4" in doc.metadata_error  # the anchor


@pytest.mark.parametrize("value", ["[1, 2]", "{a: 1}", "0x" + "f" * 30, "99999999", "true"])
def test_only_text_dates_and_years_are_dates(value):
    text = f"---\ndate: {value}\n---\nMoney: 500 million dollars (about 375 million euros).\n"
    result = check_source(source_from_text(text, path="a.md"))
    assert result.document.metadata_error is None
    assert all("(front matter)" not in f.message for f in result.findings)


def test_a_real_date_still_works():
    doc = parse_document(source_from_text("---\ndate: 2013-01-21\n---\nX.\n", path="a.md"))
    assert doc.metadata["date"] == datetime.date(2013, 1, 21)


# ---------------------------------------------------------------- published copy


@pytest.mark.parametrize(
    "line",
    [
        "title: Convoy drives 60 kilometres (20 miles)",
        'title: "Convoy drives 60 kilometres (20 miles)"',
        "summary: 'Convoy drives 60 kilometres (20 miles)'",
        "description: Convoy drives 60 kilometres\n  (20 miles) north",
        "description: >\n  Convoy drives 60 kilometres\n  (20 miles) north",
    ],
)
def test_title_description_and_summary_are_checked_at_their_position(line):
    text = f"---\n{line}\ndate: 2013-01-21\n---\nThe body is fine.\n"
    result = check_source(source_from_text(text, path="a.md"))
    (finding,) = result.findings
    assert finding.rule == "unit-conversion"
    assert text[finding.span.start : finding.span.end] == "20 miles"
    row = text[: finding.span.start].count("\n") + 1
    assert (finding.span.line, finding.span.column) == (
        row,
        finding.span.start - text.rfind("\n", 0, finding.span.start),
    )
    assert finding.span.line >= 2 and finding.span.line <= 4


def test_other_front_matter_fields_are_not_prose():
    text = "---\nnote: 60 kilometres (20 miles)\ntags: [60 kilometres (20 miles)]\n---\nFine.\n"
    assert check_source(source_from_text(text, path="a.md")).findings == []


def test_published_copy_in_plain_text_files_is_not_special():
    text = "---\ntitle: 60 kilometres (20 miles)\n---\n"
    doc = parse_document(source_from_text(text, path="a.txt"), "text")
    assert doc.metadata == {}


def test_a_lone_surrogate_in_front_matter_is_reported_not_raised():
    # JSON's "\ud800" reaches the service and the language server as a lone surrogate,
    # which the YAML parser cannot encode: found by benchmarks/fuzz.py.
    text = "---\ntitle: Bamako\nnote: a\ud800b\n---\nIt drove 60 kilometres (20 miles).\n"
    result = check_source(source_from_text(text, path="a.md"))
    assert "line 3" in result.document.metadata_error
    assert "lone surrogate" in result.document.metadata_error
    assert "unit-conversion" in {f.rule for f in result.findings}
