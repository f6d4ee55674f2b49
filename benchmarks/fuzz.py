"""Fuzz lint() and the number reader for as many examples as asked; prints speed and failures.

Not part of the test suite (tests/test_fuzz.py runs a bounded version). Writes
nothing: a failure is printed with the repr of its input, so it can be pasted
into a test. Usage: python benchmarks/fuzz.py --examples 100000 [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factlint.api import lint  # noqa: E402
from factlint.quantities.number_format import format_number
from factlint.quantities.numbers import find_numbers, parse_number  # noqa: E402

PIECES = [
    "60 kilometres (20 miles)", "1,500 kilometres (900 miles)", "about 350 km (215 miles)",
    "5ft 10in (1.78m)", "35C (75F)", "$500 million (€375 million)", "2.16 bil",
    "half a million", "seven", "twenty-one", "10%", "1 500", "(", ")", "[", "]", "—", " ",
    "\n", "\r\n", "\r", "\t", "\x00", "\x0b", "\x1b", "\x85", "\u2028", "\u0301", "\u200d",
    "\u202e", "\u05e9\u05dc\u05d5\u05dd 5", "\u0661\u0665", "𝄞", "\ud800", "\udfff", "½", "−5",
    "<!-- factlint-disable -->", "---\n", "```\n", "`60 km (20 miles)`", "# ", "* ",
    "50 soldiers arrived, taking the number of troops there to 150",
    "six nations -- Nigeria, Togo, Niger and Ghana", "Mon Jan 21 2013",
]  # fmt: skip
WRITTEN = [
    "1,500", "2.16 bil", "half a million", "−5½%", "seven", "25pc", "3.5bn", "10 per cent",
    "a dozen", "twenty-one", "0.001", "999,999,999", "12k", "1.25 million",
]  # fmt: skip


def random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 30)):
        if rng.random() < 0.7:
            parts.append(rng.choice(PIECES))
        else:
            parts.append("".join(chr(rng.randint(1, 0x10FFFF)) for _ in range(rng.randint(1, 6))))
    return "".join(parts)


def check_text(text: str, path: str | None) -> None:
    for finding in lint(text, path=path):
        span = finding.span
        assert 0 <= span.start <= span.end <= len(text), finding
        before = text[: span.start]
        line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
        if text[span.start - 1 : span.start + 1] == "\r\n":
            line -= 1  # inside a CRLF pair: still on the \r's line
        assert span.line == line, (finding, line)
    for start, end, _number in find_numbers(text):
        assert 0 <= start < end <= len(text)


def check_number(rng: random.Random) -> None:
    written = rng.choice(WRITTEN)
    if rng.random() < 0.5:
        written = f"{rng.randint(0, 10**9):,}" + rng.choice(["", "%", " million", "bn"])
    number = parse_number(written)
    assert number is not None, written
    again = format_number(number.value, digits=number.digits, decimals=number.decimals, like=number)
    reread = parse_number(again)
    assert reread is not None and abs(reread.value - number.value) <= 1e-9 * max(
        1, abs(number.value)
    ), (written, again)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    start = time.perf_counter()
    for index in range(args.examples):
        text = random_text(rng)
        if text.startswith("\ufeff"):
            text = "x" + text
        try:
            check_text(text, rng.choice([None, "a.md"]))
            check_number(rng)
        except Exception:  # noqa: BLE001 - every failure is reported, none stops the run
            failures += 1
            if failures <= 20:
                print(f"FAILURE {index}: {text!r}\n{traceback.format_exc(limit=3)}")
    elapsed = time.perf_counter() - start
    rate = args.examples / elapsed if elapsed else float("inf")
    print(
        f"{args.examples:,} examples in {elapsed:.1f} s: {rate:,.0f} examples/s, "
        f"{failures} failures"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
