"""The `factlint` command: parse arguments, run lint on each file, print, exit.

Exit codes are the contract scripts rely on: 0 nothing at or above the fail
level, 1 findings, 2 usage, configuration, rule or file errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from factlint._version import __version__
from factlint.api import ENGINE_FINDINGS, Options, check_source
from factlint.cli import check as check_command
from factlint.cli.exit_codes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from factlint.engine.examples import check_examples
from factlint.engine.loader import RuleError, load_rule_file, load_rules, rule_files
from factlint.findings import Finding
from factlint.text.source import source_from_text

BUILTIN_COMMANDS = ("check", "rules", "explain", "test-rules")
# Commands living in their own modules, imported only when chosen so that a
# plain `factlint check` never pays for a web server or language server.
# Each module offers add_arguments(parser) and run(args) -> int.
LAZY_COMMANDS = {
    "rates": ("factlint.cli.rates", "show or update the exchange-rate data"),
    "extract": ("factlint.cli.extract", "list the quantities found in articles"),
    "config": ("factlint.cli.config", "print the resolved configuration for a path"),
    "serve": ("factlint.cli.serve", "run the HTTP service and its web page"),
    "lsp": ("factlint.lsp", "run the language server on stdio"),
}
COMMANDS = BUILTIN_COMMANDS + tuple(LAZY_COMMANDS)


class UsageError(Exception):
    pass


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factlint", description="Find numbers in news copy that do not add up."
    )
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check articles (files, folders, or - for stdin)")
    check_command.add_arguments(check)

    commands.add_parser("rules", help="list the rules with their descriptions").add_argument(
        "--rules", action="append", default=[], metavar="PATH"
    )

    explain = commands.add_parser("explain", help="describe a rule, with its examples")
    explain.add_argument("rule")
    explain.add_argument("--rules", action="append", default=[], metavar="PATH")

    test_rules = commands.add_parser("test-rules", help="run the examples of a rule pack")
    test_rules.add_argument("paths", nargs="+", metavar="PATH")

    for name, (module_name, help_text) in LAZY_COMMANDS.items():
        sub = commands.add_parser(name, help=help_text)
        if name == chosen:
            _lazy_module(module_name).add_arguments(sub)
    return parser


def _lazy_module(module_name: str):  # noqa: ANN202 - a module with add_arguments/run
    import importlib

    return importlib.import_module(module_name)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        argv.insert(0, "check")  # `factlint article.md` means `factlint check article.md`
    parser = build_parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if args.command in LAZY_COMMANDS:
            return _lazy_module(LAZY_COMMANDS[args.command][0]).run(args)
        return {
            "check": command_check,
            "rules": command_rules,
            "explain": command_explain,
            "test-rules": command_test_rules,
        }[args.command](args)
    except (RuleError, UsageError) as err:
        print(f"factlint: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def command_check(args: argparse.Namespace) -> int:
    """Kept as a name for callers; the command lives in check_command.py."""
    return check_command.run(args)


def command_rules(args: argparse.Namespace) -> int:
    rules = load_rules(args.rules)
    width = max((len(rule.id) for rule in rules), default=0)
    for rule in rules:
        print(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.description}")
    return EXIT_OK


def command_explain(args: argparse.Namespace) -> int:
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


def command_test_rules(args: argparse.Namespace) -> int:
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
