"""The `factlint` command: choose the sub-command, hand it its arguments, exit.

Every command lives in its own module under cli/ (the language server in
factlint/lsp.py), imported only when chosen so that a plain `factlint check`
never pays for a web server or language server. Each module offers
add_arguments(parser) and run(args) -> int.

Exit codes are the contract scripts rely on: 0 nothing at or above the fail
level, 1 findings, 2 usage, configuration, rule or file errors.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from types import ModuleType

from factlint._version import __version__
from factlint.cli.exit_codes import EXIT_ERROR, EXIT_OK
from factlint.engine.loader import RuleError

COMMANDS = {
    "check": ("factlint.cli.check", "check articles (files, folders, or - for stdin)"),
    "rules": ("factlint.cli.rules", "list the rules with their packs and descriptions"),
    "explain": ("factlint.cli.explain", "describe a rule, with its examples"),
    "test-rules": ("factlint.cli.test_rules", "run the examples of a rule pack"),
    "rates": ("factlint.cli.rates", "show or update the exchange-rate data"),
    "extract": ("factlint.cli.extract", "list the quantities found in articles"),
    "config": ("factlint.cli.config", "print the resolved configuration for a path"),
    "serve": ("factlint.cli.serve", "run the HTTP service and its web page"),
    "lsp": ("factlint.lsp", "run the language server on stdio"),
}
# The optional extra each command needs: its name, the modules the command imports
# first (checked before it starts), and every top-level module that comes with it.
EXTRAS = {
    "serve": (
        "service",
        ("starlette", "uvicorn"),
        {"starlette", "uvicorn", "anyio", "h11", "click", "sniffio"},
    ),
    "lsp": ("lsp", ("pygls", "lsprotocol"), {"pygls", "lsprotocol", "cattrs", "attrs"}),
}


class UsageError(Exception):
    """A command used wrongly (an unknown rule for `explain`, say); exit 2."""


class MissingExtra(Exception):
    """A command whose optional dependencies are not installed; exit 2."""


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factlint", description="Find numbers in news copy that do not add up."
    )
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text)
        if name == chosen:
            command_module(name).add_arguments(sub)
    return parser


def command_module(name: str) -> ModuleType:
    """The module of command `name`; MissingExtra when its optional extra is missing."""
    import importlib
    import importlib.util

    try:
        for needed in EXTRAS.get(name, ("", (), set()))[1]:
            if importlib.util.find_spec(needed) is None:
                raise ModuleNotFoundError(f"No module named {needed!r}", name=needed)
        return importlib.import_module(COMMANDS[name][0])
    except ModuleNotFoundError as err:
        extra = _missing_extra(name, err)
        if extra is None:
            raise
        raise MissingExtra(extra) from None


def _missing_extra(name: str, err: ModuleNotFoundError) -> str | None:
    if name not in EXTRAS or not err.name:
        return None
    extra, _first, modules = EXTRAS[name]
    if err.name.split(".")[0] not in modules:
        return None
    return (
        f"`factlint {name}` needs the '{extra}' extra ({err.name} is not installed): "
        f"pip install 'factlint[{extra}]'"
    )


def _unknown_command(word: str) -> str | None:
    """`factlint chek a.md`: a word that is neither a command nor an existing path."""
    if os.path.exists(word) or not re.fullmatch(r"[a-z][a-z-]*", word):
        return None
    import difflib

    hint = difflib.get_close_matches(word, list(COMMANDS), n=1, cutoff=0.6)
    said = f" (did you mean '{hint[0]}'?)" if hint else ""
    return f"unknown command or missing file '{word}'{said}; commands: {', '.join(COMMANDS)}"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        problem = _unknown_command(argv[0])
        if problem:
            print(f"factlint: {problem}", file=sys.stderr)
            return EXIT_ERROR
        argv.insert(0, "check")  # `factlint article.md` means `factlint check article.md`
    try:
        parser = build_parser(argv[0] if argv else None)
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_ERROR
        return command_module(args.command).run(args)
    except (RuleError, UsageError, MissingExtra) as err:
        print(f"factlint: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
