"""`factlint config [PATH]`: show which configuration governs a file, and what it resolves to.

When a setting does not seem to apply, the question is always "which file
was found, and what did the overrides make of it"; this answers both
without running a check.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", metavar="PATH")
    parser.add_argument("--config", metavar="FILE", help="use this configuration file instead")
    parser.add_argument("--format", choices=["yaml", "json"], default="yaml")


def resolved(path: str, config_file: str | None = None) -> dict:
    """The configuration file and the settings a check of `path` would use."""
    from factlint.config.file import options_for

    options, config = options_for(path, config_file=config_file)
    data = config.to_dict()
    data["resolved_for"] = {
        "path": path,
        "excluded": config.excludes(path) if path not in (".", "-") else False,
        "rules": [rule.id for rule in options.rules or []],
        "severity": dict(options.severity),
        "tolerance": dataclasses.asdict(options.tolerance),
        "date": options.default_date.isoformat() if options.default_date else None,
        "currency": options.currency,
    }
    return data


def run(args: argparse.Namespace) -> int:
    from factlint.config.file import ConfigError
    from factlint.engine.loader import RuleError

    try:
        data = resolved(args.path, args.config)
    except (ConfigError, RuleError) as err:
        print(f"factlint: {err}", file=sys.stderr)
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        import yaml

        sys.stdout.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return 0
