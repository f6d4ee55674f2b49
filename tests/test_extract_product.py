"""extract as a product: counted nouns as units, changes with their direction, stable records."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from factlint.extract import FORMAT_VERSION, extract, record


@pytest.mark.parametrize(
    ("text", "written", "value", "unit"),
    [
        ("The town has 5,000 residents.", "5,000 residents", 5000, "resident"),
        ("The line gains four new stations.", "four new stations", 4, "station"),
        ("Some 1.5 million people voted.", "1.5 million people", 1.5e6, "person"),
        ("One soldier was hurt.", "One soldier", 1, "soldier"),
    ],
)
def test_a_counted_noun_is_the_unit(text, written, value, unit):
    (found,) = extract(text)
    assert (found.kind, found.text, found.value, found.unit) == ("count", written, value, unit)


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("The range rose by 35 miles.", [("35 miles", "up", "rose by")]),
        ("Shares fell 3% to 120p.", [("3%", "down", "fell"), ("120p", None, None)]),
        ("Output was cut by a third.", [("a third", "down", "cut by")]),
        ("There was a rise of 20% in sales.", [("20%", "up", "a rise of")]),
        ("It grew by about 40 miles.", [("40 miles", "up", "grew by")]),
        ("Profits were up 12% at $11.1bn.", [("12%", "up", "up"), ("$11.1bn", None, None)]),
        ("Unemployment is up to 5%.", [("5%", None, None)]),
        ("It fell from 8% to 6%.", [("8%", None, None), ("6%", None, None)]),
        ("The price was 35 miles away.", [("35 miles", None, None)]),
    ],
)
def test_a_change_reports_its_direction(text, changes):
    assert [(m.text, m.change, m.change_text) for m in extract(text)] == changes


def test_a_change_keeps_its_qualifier_and_size():
    (found,) = extract("Sales fell by nearly 40%.")
    assert (found.value, found.qualifier, found.change) == (40, "<", "down")


def test_the_record_format_only_grew_within_version_1():
    fields_of_version_1 = {
        "version", "path", "kind", "text", "start", "end", "line", "column", "value",
        "low", "high", "unit", "units", "scale", "qualifier", "qualifier_text", "rounding",
    }  # fmt: skip
    item = record(extract("Exports rose by $3m.")[0], "story.txt")
    assert FORMAT_VERSION == 1
    assert fields_of_version_1 <= set(item)
    assert (item["change"], item["change_text"], item["value"]) == ("up", "rose by", 3000000)


def test_the_cli_prints_the_new_fields(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(
        "The route runs from 250 miles to 285 miles, and traffic rose by 35 cars.\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "factlint", "extract", str(story)],
        capture_output=True,
        text=True,
        check=True,
    )
    items = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(i["kind"], i["change"], i["low"], i["high"]) for i in items] == [
        ("range", None, 250, 285),
        ("count", "up", None, None),
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("It costs 197 pence.", 1.97, "GBP"), ("It costs 1.20 cents.", 0.012, "USD")],
)
def test_pence_and_cents_are_hundredths_of_the_currency(text, value, unit):
    (found,) = extract(text)
    assert (found.value, found.unit) == (pytest.approx(value), unit)
