"""`factlint rules`: every rule that would run, with its pack, severity and description."""

from __future__ import annotations

import argparse

from factlint.cli.exit_codes import EXIT_OK
from factlint.engine.loader import load_rules


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules", action="append", default=[], metavar="PATH", help="extra rule file or folder"
    )


def run(args: argparse.Namespace) -> int:
    """One line a rule: id, pack (what --select and --ignore also take), severity."""
    rules = load_rules(args.rules)
    width = max((len(rule.id) for rule in rules), default=0)
    pack_width = max((len(rule.pack) for rule in rules), default=0)
    print(f"{'rule':<{width}}  {'pack':<{pack_width}}  {'severity':<8} description")
    for rule in rules:
        pack = f"{rule.pack:<{pack_width}}"
        print(f"{rule.id:<{width}}  {pack}  {rule.severity:<8} {rule.description}")
    return EXIT_OK
