"""`factlint explain RULE`: what a rule checks, why, and the examples it is tested on."""

from __future__ import annotations

import argparse

from factlint.api import ENGINE_FINDINGS
from factlint.cli.exit_codes import EXIT_OK
from factlint.engine.loader import load_rules


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rule")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH")


def run(args: argparse.Namespace) -> int:
    from factlint.cli.main import UsageError

    rules = {rule.id: rule for rule in load_rules(args.rules)}
    rule = rules.get(args.rule)
    if rule is None and args.rule in ENGINE_FINDINGS:
        severity, description = ENGINE_FINDINGS[args.rule]
        print(f"{args.rule} ({severity}, reported by factlint itself)\n\n{description}")
        return EXIT_OK
    if rule is None:
        raise UsageError(f"unknown rule {args.rule!r}; `factlint rules` lists them")
    print(f"{rule.id} ({rule.severity}, pack {rule.pack})\n\n{rule.description}\n")
    if rule.doc:
        print(rule.doc.rstrip() + "\n")
    print("Flagged:")
    for text in rule.bad_examples:
        print(f"  {text}")
    print("\nNot flagged:")
    for text in rule.good_examples:
        print(f"  {text}")
    return EXIT_OK
