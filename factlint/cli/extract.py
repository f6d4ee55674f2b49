"""`factlint extract PATH...`: list the quantities of articles, one record per mention.

Imported only when the command is chosen (see cli.LAZY_COMMANDS). Exit codes
follow the other commands: 0 when every file was read, 2 when one could not
be (the others are still reported).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from factlint.config.files import walk_paths
from factlint.extract import FORMAT_VERSION, extract_source, record
from factlint.quantities.mentions import KINDS
from factlint.text.source import SourceError, read_source, source_from_text

FORMATS = ("jsonl", "json", "text")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format")
    parser.add_argument(
        "--kind",
        action="append",
        choices=KINDS,
        metavar="KIND",
        help=f"only these kinds (repeatable): {', '.join(KINDS)}",
    )
    parser.add_argument("--input-format", choices=["markdown", "text"])
    parser.add_argument("--stdin-filename", metavar="PATH", help="path to report for '-'")


def _text_line(item: dict[str, Any]) -> str:
    ranged = item["kind"] == "range"
    value = f"{item['low']}..{item['high']}" if ranged else str(item["value"])
    unit = f" {item['unit']}" if item["unit"] else ""
    qualifier = f"{item['qualifier']} " if item["qualifier"] != "=" else ""
    where = f"{item['path']}:{item['line']}:{item['column']}"
    return f"{where}: {item['kind']:<7} {item['text']!r} -> {qualifier}{value}{unit}"


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out if out is not None else sys.stdout
    kinds = set(args.kind) if args.kind else None
    records: list[dict[str, Any]] = []
    status = 0
    for path in walk_paths(args.paths):
        try:
            if path == "-":
                shown = args.stdin_filename or "-"
                source = source_from_text(sys.stdin.read(), args.stdin_filename)
            else:
                shown = path
                source = read_source(path)
        except SourceError as err:
            print(f"factlint: {err}", file=sys.stderr)
            status = 2
            continue
        for mention in extract_source(source, args.input_format):
            if kinds is None or mention.kind in kinds:
                item = record(mention, shown)
                if args.format == "jsonl":
                    out.write(json.dumps(item, ensure_ascii=False) + "\n")
                elif args.format == "text":
                    out.write(_text_line(item) + "\n")
                else:
                    records.append(item)
    if args.format == "json":
        json.dump(
            {"version": FORMAT_VERSION, "mentions": records}, out, ensure_ascii=False, indent=2
        )
        out.write("\n")
    return status
