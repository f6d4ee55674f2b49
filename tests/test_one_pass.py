"""One figure pass: `factlint extract` reports exactly the figures the rules bind to.

The rules match over the prose with every figure as a token (engine/figures.py);
`extract` prints the mentions of the same pass (quantities/mentions.read_figures).
Over every file of the development corpus, and over sentences of our own: each
token lies in exactly one extracted mention, each mention holds its figures as
tokens, and the slot of the mention's kind, run where the rules run, binds the
mention's very span and reads its value.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from factlint.engine.figures import DATE_START, DATE_TOKEN_PATTERN, FIGURE_PATTERN, TOKEN_PATTERN
from factlint.engine.runner import DocumentView
from factlint.engine.slots import bind, slot_type
from factlint.extract import extract
from factlint.text.document import parse_document
from factlint.text.source import read_source, source_from_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-dev"
TOKENS = regex.compile(f"{TOKEN_PATTERN}|{DATE_TOKEN_PATTERN}")
FIGURE = regex.compile(FIGURE_PATTERN)
# The slot a rule writes for each kind of mention.
SLOTS = {"number": "number", "percent": "number", "count": "count", "measure": "measure"}
SLOTS.update(money="money", date="date")
_COMPILED = {kind: regex.compile(slot_type(name).pattern) for kind, name in SLOTS.items()}


def _value(kind: str, bound) -> object:
    if kind == "date":
        return bound.value.iso()
    if kind == "money":  # "197 pence" is 1.97 pounds
        return bound.number.value * bound.value.unit
    return bound.number.value


def _figure_value(prose: str, tagged: str, start: int) -> float:
    """What `{x:number}` reads at a token: the token with its scale and sign as written."""
    found = FIGURE.match(tagged, start)
    return bind("number", prose[found.start() : found.end()], *found.span(), None).number.value


def disagreements(prose: str, records: list[dict]) -> list[str]:
    """Every way the rules' view of `prose` and the extracted `records` differ."""
    tagged = DocumentView.of(prose).tagged
    tokens = [m.span() for m in TOKENS.finditer(tagged)]
    problems = []
    for start, end in tokens:
        holders = [r for r in records if r["start"] <= start and end <= r["end"]]
        if len(holders) != 1:
            problems.append(f"token {prose[start:end]!r} at {start} is in {len(holders)} mentions")
    for record in records:
        problems.extend(_record_problems(prose, tagged, tokens, record))
    return problems


def _record_problems(prose: str, tagged: str, tokens: list, record: dict) -> list[str]:
    start, end, kind = record["start"], record["end"], record["kind"]
    inside = [(a, b) for a, b in tokens if start <= a and b <= end]
    where = f"{kind} {record['text']!r} at {start}"
    if kind == "date":
        return [] if inside == [(start, end)] else [f"{where}: not one date token"]
    if not inside or any(tagged[a] == DATE_START for a, _ in inside):
        return [f"{where}: holds no figure token"]
    if kind == "range" or (kind == "number" and len(inside) == 2):  # a share: "one in five"
        if len(inside) != 2:
            return [f"{where}: {len(inside)} figures"]
        low, high = (_figure_value(prose, tagged, a) for a, _ in inside)
        got = (low, high) if kind == "range" else low / high
        want = (record["low"], record["high"]) if kind == "range" else record["value"]
        if kind == "range" and low != want[0]:  # the scale of the second end applies to both
            got = (want[0], high)
        return [] if got == pytest.approx(want) else [f"{where}: figures read {got}, not {want}"]
    if kind == "measure" and not record["units"]:
        return []  # a unit factlint does not convert: no rule binds it
    found = _COMPILED[kind].fullmatch(tagged, start, end)
    bound = found and bind(SLOTS[kind], prose[start:end], start, end, None)
    if not bound:
        return [f"{where}: the {SLOTS[kind]} slot does not bind it"]
    value = _value(kind, bound)
    if value != pytest.approx(record["value"]):
        return [f"{where}: the slot reads {value}, extract {record['value']}"]
    return []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_extract_and_the_rules_see_the_same_figures_in_the_corpus():
    out = subprocess.run(
        [sys.executable, "-m", "factlint", "extract", "--format", "jsonl", str(CORPUS)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    by_path: dict[str, list[dict]] = {}
    for line in out.stdout.splitlines():
        item = json.loads(line)
        by_path.setdefault(item["path"], []).append(item)
    paths = sorted(CORPUS.rglob("*.txt"))
    assert len(by_path) > len(paths) * 0.9
    problems = []
    for path in paths:
        prose = parse_document(read_source(str(path)), None).prose
        found = disagreements(prose, by_path.get(str(path), []))
        problems.extend(f"{path.relative_to(CORPUS)}: {p}" for p in found)
    assert problems == []


SENTENCES = [
    "About 50 Senegalese soldiers arrived on Mon Jan 21 2013, taking the total to 150.",
    "The 1,500 kilometres (900 miles) drive took 18 months and cost $900m (£560m).",
    "One soldier and one in five residents left; the 21-year-old prop won 3-1 in 2004.",
    "Prices rose 12% to $11.1bn, between 150 and 200 million euros, from 6 to 9 January.",
    "It was minus 5C (23F); four Six Nations games; a six-part series of 500 mg doses.",
    "Cubs weigh 10kg-20kg (22lb-44lb), fish 8cm to 75cm; $1.3 to $1.5bn, £3-4bn, $5m-$7m.",
    "It paid 5bn riyals ($1.33bn), SR 100m, AED 2bn, 10m dirhams and 3m dinars; a MiG-29.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_extract_and_the_rules_agree_on_crafted_sentences(text):
    records = [
        {"start": m.start, "end": m.end, "kind": m.kind, "text": m.text, "value": m.value}
        | {"low": m.low, "high": m.high, "units": m.units}
        for m in extract(text)
    ]
    prose = parse_document(source_from_text(text, None), None).prose
    assert disagreements(prose, records) == []


def test_a_year_and_a_score_are_no_figure_for_the_rules():
    text = "In 2004 they won 3-1 at home."
    tagged = DocumentView.of(text).tagged
    assert tagged == text
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("The siege lasted 3 days (72 hours).", None),
        ("The siege lasted 3 days (50 hours).", "72 hours"),
        ("The talks took 18 months (1.5 years).", None),
        ("The final took 90 minutes (2 hours).", "1.5 hours"),
    ],
)
def test_a_duration_is_a_measure_for_the_rules_too(text, fix):
    from factlint.api import lint

    found = [f for f in lint(text) if f.rule == "unit-conversion"]
    assert [f.fix.replacement for f in found] == ([fix] if fix else [])


@pytest.mark.parametrize(
    ("text", "kind", "unit"),
    [
        ("Sales rose 5% year-on-year.", "percent", "percent"),
        ("The 21-year-old prop starts.", "number", None),
        ("It is a six-part series.", "number", None),
        ("One soldier was hurt.", "count", "soldier"),
        ("They lost four Six Nations games.", "number", None),
        ("Wales won the Six Nations.", "number", None),
    ],
)
def test_modifiers_and_names_are_no_counts(text, kind, unit):
    (first, *_) = extract(text)
    assert (first.kind, first.unit) == (kind, unit)
