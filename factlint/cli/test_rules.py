"""`factlint test-rules PACK...`: run the examples a rule pack carries, like a test suite."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from factlint.api import Options, check_source
from factlint.cli.exit_codes import EXIT_FINDINGS, EXIT_OK
from factlint.engine.examples import check_examples
from factlint.engine.loader import load_rule_file, rule_files
from factlint.findings import Finding
from factlint.text.source import source_from_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH")


def run(args: argparse.Namespace) -> int:
    """Each example checked with its own rule only; exit 1 when any fails."""
    rules = [rule for file in rule_files(args.paths) for rule in load_rule_file(file)]

    def lint_text(text: str, own: Sequence) -> list[Finding]:
        return check_source(source_from_text(text), Options(rules=list(own))).findings

    failures = 0
    total = 0
    for result in check_examples(rules, lint_text):
        total += 1
        if not result.passed:
            failures += 1
            print(f"FAIL {result.rule} [{result.kind}] {result.text!r}: {result.detail}")
    print(f"{total - failures} passed, {failures} failed")
    return EXIT_FINDINGS if failures else EXIT_OK
