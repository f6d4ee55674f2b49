"""Property tests: lint() and the number reader survive any text.

Spans are checked against positions recomputed here, character by character,
without the Document's index, so a drift between offsets and line/column
cannot hide behind the code it would be computed by. Bounded to run in a
few seconds; benchmarks/fuzz.py runs the same idea for as long as you like.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factlint.api import lint
from factlint.quantities.number_format import format_number
from factlint.quantities.numbers import find_numbers, parse_number
from factlint.text.source import SourceError

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that reach deep into the extractor and the unit rule, mixed with noise.
PIECES = [
    "60 kilometres (20 miles)",
    "1,500 kilometres (900 miles)",
    "about 350 km (215 miles)",
    "5ft 10in (1.78m)",
    "35C (75F)",
    "$500 million (€375 million)",
    "2.16 bil",
    "half a million",
    "seven",
    "twenty-one",
    "10%",
    "1 500",
    "(",
    ")",
    "[",
    "]",
    "—",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u0301",  # combining acute
    "e\u0301",
    "\u200d",
    "\u202e",  # right-to-left override
    "\u05e9\u05dc\u05d5\u05dd 5 \u05e7\u05f4\u05de",  # Hebrew
    "\u0661\u0665\u0660\u0660",  # Arabic-Indic digits
    "\U0001e5f7\u0de4",  # digits to the regex module, unassigned in Python 3.11
    "\u19da",  # a digit to regex, "No" to Python
    "𝄞",
    "👩‍👩‍👧",
    "<!-- factlint-disable -->",
    "---\n",
    "```\n",
    "`60 km (20 miles)`",
    "[60 km](http://x/20-miles)",
    "# ",
    "* ",
    "½",
    "−5",
]
pieces = st.sampled_from(PIECES) | st.text(max_size=8)
texts = st.lists(pieces, max_size=40).map("".join)


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column, counting "\\r\\n", "\\r" and "\\n" as one line break each."""
    line, column, index = 1, 1, 0
    while index < offset:
        char = text[index]
        if char == "\r" and index + 1 < len(text) and text[index + 1] == "\n":
            if index + 1 == offset:  # between \r and \n: still on this line
                return line, column + 1
            index += 2
            line, column = line + 1, 1
            continue
        if char in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        index += 1
    return line, column


def check_spans(text: str, findings: list) -> None:
    for finding in findings:
        spans = [finding.span] + ([finding.fix.span] if finding.fix is not None else [])
        for span in spans:
            assert 0 <= span.start <= span.end <= len(text), (finding, len(text))
            assert (span.line, span.column) == expected_position(text, span.start), finding
            assert (span.end_line, span.end_column) == expected_position(text, span.end)
        if finding.stated is not None and finding.rule != "rule-error":
            assert text[finding.span.start : finding.span.end].strip() != ""
        assert finding.to_json()["rule"] == finding.rule


@FAST
@given(texts, st.sampled_from([None, "a.md", "a.txt"]))
@example("Niono is 60 kilometres (20 miles) away.", None)
@example("a\r\nb 60 kilometres (20 miles)\rc", "a.txt")
@example("𝄞𝄞 60 kilometres (20 miles)", None)
def test_lint_never_raises_and_spans_agree_with_the_text(text, path):
    if text.startswith("\ufeff"):
        text = "x" + text  # a leading BOM is stripped: see test_leading_bom_keeps_offsets
    check_spans(text, lint(text, path=path))


@settings(max_examples=60, deadline=None)
@given(texts, st.integers(min_value=0, max_value=40), st.sampled_from(["\ud800", "\udfff"]))
def test_lone_surrogates_are_handled_or_cleanly_refused(text, where, surrogate):
    where = min(where, len(text))
    text = "x" + text[:where] + surrogate + "60 kilometres (20 miles) " + text[where:]
    try:
        findings = lint(text)
    except SourceError as err:  # a clean, one-line refusal is acceptable too
        assert "\n" not in str(err)
        return
    check_spans(text, findings)


@pytest.mark.parametrize(
    "text",
    [
        "a" * 200_000 + " 60 kilometres (20 miles)",
        "60 kilometres (20 miles) " * 300,
        "(" * 20_000 + "60 kilometres (20 miles)" + ")" * 20_000,
        " ".join(str(n) for n in range(20_000)),
        "1 (2 (3 (4 " * 5_000,
        "\u202e" + "60 kilometres (20 miles) \u0301\u0301\u0301" * 500,
        "\n" * 50_000 + "60 kilometres (20 miles)",
        "\r" * 50_000 + "60 kilometres (20 miles)",
        "[" * 10_000 + "](" * 10_000,
        "`" * 30_001,
        "<!--" * 10_000 + "60 kilometres (20 miles)",
    ],
    ids=[
        "long-line",
        "many-findings",
        "deep-brackets",
        "many-numbers",
        "bracket-soup",
        "rtl-combining",
        "many-lf",
        "many-cr",
        "link-soup",
        "backticks",
        "comment-soup",
    ],
)
@pytest.mark.parametrize("path", [None, "a.md"])
def test_big_and_odd_texts(text, path):
    check_spans(text, lint(text, path=path))


def test_leading_bom_keeps_offsets():
    text = "\ufeffNiono is 60 kilometres (20 miles) away."
    findings = lint(text)
    assert findings
    check_spans(text, findings)
    assert text[findings[0].span.start : findings[0].span.end] == "20 miles"


# --------------------------------------------------------------- the number reader

integers = st.integers(min_value=0, max_value=10**13)
figures = st.one_of(
    integers.map(str),
    integers.map(lambda n: f"{n:,}"),
    st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False).map(str),
    st.tuples(st.integers(0, 999), st.sampled_from(["", ".5", ".25", ".75", "½", "¼", "¾"])).map(
        lambda t: f"{t[0]}{t[1]}"
    ),
)
scales = st.sampled_from(["", " million", " billion", "bn", "m", "k", " thousand", " trillion"])
percents = st.sampled_from(["", "%", " per cent", "pc"])
signs = st.sampled_from(["", "-", "\u2212"])
words = st.sampled_from(
    [
        "seven",
        "Seven",
        "twenty-one",
        "a dozen",
        "half a million",
        "a third",
        "two and a half",
        "three hundred",
        "a hundred",
        "ninety-nine",
        "one million",
    ]
)
written_numbers = st.one_of(
    st.tuples(signs, figures, scales, percents).map("".join),
    st.tuples(words, percents).map("".join),
)


@pytest.mark.parametrize("text", ["\U0001e5f7", "12\U0001e5f7", "x \U0001e5f75 y", "1.\U0001e5f7%"])
def test_digits_only_the_regex_module_knows_are_not_read(text):
    # Found by benchmarks/fuzz.py: Decimal() raised InvalidOperation out of find_numbers.
    assert all(isinstance(number.value, float) for _s, _e, number in find_numbers(text))
    parse_number(text)


@FAST
@given(st.text(max_size=60))
def test_parse_number_never_raises(text):
    number = parse_number(text)
    if number is not None:
        assert number.low <= number.value <= number.high or number.value < 0


@FAST
@given(st.lists(pieces, max_size=30).map("".join))
def test_find_numbers_never_raises_and_stays_inside(text):
    previous = -1
    for start, end, number in find_numbers(text):
        assert 0 <= start < end <= len(text)
        assert start >= previous
        previous = start
        assert number.text.strip() == number.text


@settings(max_examples=150, deadline=None)
@given(written_numbers)
def test_formatted_number_reads_back_the_same(written):
    number = parse_number(written)
    if number is None:
        return  # not every combination is a number ("1,000,000.5bn%"): no claim then
    again = format_number(
        number.value, digits=max(number.digits, 1), decimals=number.decimals, like=number
    )
    reread = parse_number(again)
    assert reread is not None, (written, again)
    assert reread.value == pytest.approx(number.value, rel=1e-9, abs=1e-9), (written, again)
    assert reread.percent == number.percent
    stepped = number.scale_text in ("bn", "billion", "tn", "trillion")
    if not 0 < abs(number.value) < number.scale or not stepped:
        assert reread.scale == number.scale
    else:  # "0.001 billion" is written "1 million": one scale down, same value
        assert reread.scale == number.scale / 1000


# ---------------------------------------------------------------- the fuzzer's hostile kinds


def _fuzzer():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("factlint_fuzz", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("first", [1, 2, 3])  # front matter, suppressions, rule packs
def test_the_fuzzers_hostile_kinds_pass_a_short_run(first):
    import random

    fuzz = _fuzzer()
    rng = random.Random(first)
    step = 20 if first == 3 else 4  # one_example runs a pack at index % 20 == 3
    for index in range(first, first + step * 12, step):
        fuzz.one_example(rng, index)
