"""Fuzz lint(), the number reader, front matter, suppression comments and rule packs.

Not part of the test suite (tests/test_fuzz.py runs a bounded version). Writes
nothing: a failure is printed with the repr of its input, so it can be pasted
into a test. Each example is one kind in turn: article text, an article with
hostile front matter, an article full of suppression comments (checked
against a plain reference reading of the comments), and, one example in ten,
a rule pack built from hostile pieces (it must load or be refused with a
RuleError, and then run). Any example over 5 s is a failure too.
Usage: python benchmarks/fuzz.py --examples 100000 [--seed N]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factlint.api import Options, builtin_rules, check_source, lint  # noqa: E402
from factlint.engine.loader import RuleError, load_rule_text  # noqa: E402
from factlint.quantities.number_format import format_number  # noqa: E402
from factlint.quantities.numbers import find_numbers, parse_number  # noqa: E402
from factlint.text.document import parse_document  # noqa: E402
from factlint.text.source import source_from_text  # noqa: E402
from factlint.text.suppressions import parse_directive  # noqa: E402

SLOW = 5.0  # seconds; any example slower than this is a failure

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


FRONT = [
    "title: ", "description: ", "summary: ", "date: ", "tags: ", "publishDate: ", "x: ",
    "2013-01-21", "2013-02-30", "0x" + "f" * 200, "1:0:0:0:0", "12:30", ".nan", "-.inf",
    "&a [lol, lol]", "*a", "[*a, *a]", "!!python/object/apply:os.system ['true']", "!!binary aGk=",
    "'60 kilometres (20 miles)'", '"Convoy drives 60 km (20 miles)"', ">\n  folded 60 km\n",
    "|\n  kept (20 miles)\n", "[" * 60, "]" * 5, "{a: {b: {c: 1}}}", "? complex\n: key",
    "~", "null", "true", "99999999999", "\t", "  ", "\n", "\r\n", "#", "---", "...",
]  # fmt: skip
RULE_MATCH = [
    "{a:number}", "{b:measure}", "{c:word}", "{d:date}", " ", "\\(", "\\)", "(?#[)", "(?#])",
    "(?x)", "#[\n", "x{4294967294}", "x{3}", "(?:a|a)+", "$", "[", "]", "(", ")", "{", "}",
    "\\p{Lu}", "(?P<q>x)", "a{1000}", "(?:b{100}){100}", "\\", "|", "*", "+?",
]  # fmt: skip
RULE_ASSERT = [
    "a", "b", "a.value", "1e308", "* 10", "/ 0", "% 0", "+", "-", "==", "~=", "!=", "<",
    "known('x')", "fact('x')", "round(a)", "(", ")", "a.__class__", "not", "1 if a else 2",
    "9" * 400, "0.1", ",", "lambda: 1",
]  # fmt: skip
DIRECTIVES = [
    "<!-- factlint-disable -->", "<!-- factlint-enable -->",
    "<!-- factlint-disable unit-conversion -->", "<!-- factlint-enable unit-conversion -->",
    "<!-- factlint-disable unit -->", "<!-- factlint-enable unit -->",
    "<!-- factlint-disable-next-line -->", "<!-- factlint-disable-next-line unit-conversion -->",
    "<!-- factlint-disable money, unit-conversion -- a reason -->",
    "<!-- factlint-enable money -->",
]  # fmt: skip
CLAIM = "It is 60 kilometres (20 miles) away."


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


def _timed(check, *args) -> None:  # noqa: ANN001 - any checker
    started = time.perf_counter()
    check(*args)
    took = time.perf_counter() - started
    assert took < SLOW, f"took {took:.1f} s"


def random_front_matter(rng: random.Random) -> str:
    lines = ["".join(rng.choice(FRONT) for _ in range(rng.randint(1, 4))) for _ in range(8)]
    body = rng.choice(["", "Bamako: ", "Mon Jan 21 2013. ", "500 million dollars. "]) + CLAIM
    return "---\n" + "\n".join(lines[: rng.randint(0, 8)]) + "\n---\n" + body + "\n"


def check_front_matter(text: str) -> None:
    """Never raises; the body's claim is always found; published copy keeps offsets."""
    document = parse_document(source_from_text(text, "a.md"))
    assert len(document.prose) == len(text)
    assert document.metadata_error is None or "\n" not in document.metadata_error
    findings = lint(text, path="a.md")
    body = text.rindex(CLAIM)
    assert any(f.rule == "unit-conversion" and f.span.start > body for f in findings), findings


def random_suppressed(rng: random.Random) -> str:
    lines = [rng.choice(DIRECTIVES + [CLAIM, CLAIM, "", "Quiet line."]) for _ in range(24)]
    return "\n".join(lines) + "\n"


def _reference_silenced(document, rule: str, offset: int, line: int) -> bool:  # noqa: ANN001
    """A plain reading of the comments: replay every directive before the finding."""
    opened: set[str] = set()
    for comment in document.comments:
        directive = parse_directive(comment)
        if directive is None or comment.start >= offset:
            continue
        keys = directive.ids or ("*",)
        if directive.kind == "disable":
            opened.update(keys)
        elif directive.kind == "enable":
            opened = set() if not directive.ids else opened - set(directive.ids)
        elif _next_non_blank(document.text, document.position(comment.start)[0]) == line:
            opened.update(f"next:{key}" for key in keys)
    covers = [k.removeprefix("next:") for k in opened if not k.startswith("next:")]
    next_line = [k.removeprefix("next:") for k in opened if k.startswith("next:")]
    return any(k == "*" or rule == k or rule.startswith(k + "-") for k in covers + next_line)


def _next_non_blank(text: str, line: int) -> int:
    """1-based number of the first non-blank line after `line` (0 if none)."""
    lines = text.split("\n")
    for number in range(line + 1, len(lines) + 1):
        if lines[number - 1].strip():
            return number
    return 0


def check_suppressed(text: str) -> None:
    """The interval lists silence exactly what replaying the comments silences."""
    source = source_from_text(text, "a.md")
    everything = check_source(source, Options(report_unused_disables=False))
    document = everything.document
    unsilenced = check_source(
        source_from_text(text.replace("factlint-", "factlint_"), "a.md")
    ).findings
    kept = {(f.rule, f.span.start) for f in everything.findings}
    for finding in unsilenced:
        if finding.rule == "rule-error":
            continue
        silenced = _reference_silenced(document, finding.rule, finding.span.start, finding.line)
        assert ((finding.rule, finding.span.start) in kept) != silenced, (finding, silenced)


def random_pack(rng: random.Random) -> str:
    def quoted(pieces: list[str], count: int) -> str:
        value = "".join(rng.choice(pieces) for _ in range(count))
        return "'" + value.replace("'", "''") + "'"

    rules = []
    for index in range(rng.randint(1, 3)):
        match = "{a:number} " + "".join(rng.choice(RULE_MATCH) for _ in range(rng.randint(0, 6)))
        rules.append(
            f"  - id: fuzz-{index}\n    description: d\n    severity: error\n"
            f"    match: {quoted([match], 1)}\n"
            f"    assert: {quoted(RULE_ASSERT, rng.randint(1, 5))}\n"
            f"    message: '{{a}}'\n    examples: {{bad: [], good: []}}\n"
        )
    return "rules:\n" + "".join(rules)


def check_pack(text: str) -> None:
    """A pack loads or is refused with a RuleError; a loaded one runs without raising."""
    try:
        rules = load_rule_text(text, path="fuzz.yaml")
    except RuleError:
        return
    article = "It is 60 kilometres (20 miles) away. 5 widgets, " + "x" * 200 + " 3 aaaa\n"
    check_source(source_from_text(article), Options(rules=[*builtin_rules(), *rules]))


def one_example(rng: random.Random, index: int) -> str:
    """Run the example of this index; returns its input for the failure report."""
    kind = index % 4
    if kind == 3 and index % 10 == 3:
        text = random_pack(rng)
        _timed(check_pack, text)
    elif kind == 1:
        text = random_front_matter(rng)
        _timed(check_front_matter, text)
    elif kind == 2:
        text = random_suppressed(rng)
        _timed(check_suppressed, text)
    else:
        text = random_text(rng)
        if text.startswith("\ufeff"):
            text = "x" + text
        _timed(check_text, text, rng.choice([None, "a.md"]))
        check_number(rng)
    return text


def one_example_safely(rng: random.Random, index: int) -> None:
    """Advance `rng` past a failed example as running it did, so the run stays reproducible."""
    with contextlib.suppress(Exception):  # already reported
        one_example(rng, index)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    start = time.perf_counter()
    for index in range(args.examples):
        state = rng.getstate()
        try:
            one_example(rng, index)
        except Exception:  # noqa: BLE001 - every failure is reported, none stops the run
            failures += 1
            if failures <= 20:
                rng.setstate(state)
                text = {1: random_front_matter, 2: random_suppressed}.get(index % 4, random_text)
                print(f"FAILURE {index}: {text(rng)!r}\n{traceback.format_exc(limit=3)}")
                rng.setstate(state)
                one_example_safely(rng, index)
    elapsed = time.perf_counter() - start
    rate = args.examples / elapsed if elapsed else float("inf")
    print(
        f"{args.examples:,} examples in {elapsed:.1f} s: {rate:,.0f} examples/s, "
        f"{failures} failures"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
