"""Issue 17 item 5: the text report on long lines and CR-only files.

A finding shows its line; a 1 MB article written as one paragraph is one line,
and printing it for each of thousands of findings took 15.8 s and 1 GB.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hostile_bounds import run_bounded

from factlint.report.text import EXCERPT_CONTEXT, EXCERPT_SPAN, excerpt

ROOT = Path(__file__).resolve().parents[1]
CLAIM = "The convoy drove 60 kilometres (20 miles) north. "


def test_a_long_paragraph_prints_a_window_per_finding(tmp_path):
    # A quarter of a megabyte (5,000 conversions, each read, converted and judged) keeps
    # the check itself well inside the bar on a loaded machine; printing the line whole
    # made the cost grow with length times findings.
    article = tmp_path / "long.txt"
    article.write_text(CLAIM * (250_000 // len(CLAIM)) + "\n", encoding="utf-8")
    done = run_bounded(
        f"""
        import contextlib, io
        from factlint.cli.main import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["check", "--format", "text", {str(article)!r}])
        text = out.getvalue()
        print("CODE", code, "BYTES", len(text), "LONGEST", max(map(len, text.splitlines())))
        print("FINDINGS", text.count("error unit-conversion"))
        """
    )
    words = done.stdout.split()
    findings = int(words[words.index("FINDINGS") + 1])
    assert findings > 4_000
    assert int(words[words.index("LONGEST") + 1]) <= 2 * EXCERPT_CONTEXT + EXCERPT_SPAN + 2
    assert int(words[words.index("BYTES") + 1]) < findings * 700


def test_excerpt_marks_cuts_and_keeps_carets_under_the_span():
    text = "x" * 500 + " 60 kilometres (20 miles) " + "y" * 500
    start = text.index("20 miles")
    shown, low, high = excerpt(text, start, start + 8)
    assert shown.startswith("…") and shown.endswith("…")
    assert shown[low:high] == "20 miles"
    assert len(shown) <= 2 * EXCERPT_CONTEXT + 8 + 2


def test_excerpt_of_a_short_line_is_the_line():
    text = "first\nIt is 60 kilometres (20 miles) away.\nlast\n"
    start = text.index("20 miles")
    shown, low, high = excerpt(text, start, start + 8)
    assert shown == "It is 60 kilometres (20 miles) away."
    assert shown[low:high] == "20 miles"


def test_cr_only_file_shows_its_own_line_with_carets_in_place(tmp_path):
    article = tmp_path / "mac.txt"
    article.write_bytes(b"First line.\rIt is 60 kilometres (20 miles) away.\rLast line.\r")
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", str(article)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    lines = done.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if "unit-conversion" in line)
    assert ":2:" in lines[header]
    source, carets = lines[header + 1], lines[header + 2]
    assert source == "It is 60 kilometres (20 miles) away."
    assert source[carets.index("^") : len(carets)] == "20 miles"
