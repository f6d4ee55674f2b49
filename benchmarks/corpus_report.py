"""Run factlint over the shared BBC dev corpus and compare with its claims list.

Usage: python benchmarks/corpus_report.py [CORPUS_DIR] [--date 2004-07-01] [--show]

Prints findings per rule, every finding (with --show) for judging by hand,
and which `claims.jsonl` entries of each verdict were flagged or missed.
The corpus is not part of the project (BBC copyright): the script skips when
it is absent.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

from factlint.api import Options, check_source
from factlint.text.source import SourceError, read_source

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-dev"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--date", default="2004-01-01..2005-03-31")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}: skipped")
        return 0

    options = Options(date=args.date)
    files = sorted(corpus.rglob("*.txt"))
    findings = []
    notes = []
    started = time.perf_counter()
    for path in files:
        try:
            source = read_source(str(path))
        except SourceError as err:
            notes.append(str(err))
            continue
        if source.note:
            notes.append(f"{path.relative_to(corpus)}: {source.note}")
        for finding in check_source(source, options).findings:
            findings.append((str(path.relative_to(corpus)), finding))
    elapsed = time.perf_counter() - started
    per_rule = collections.Counter(f.rule for _, f in findings)
    print(f"{len(files)} files in {elapsed:.1f}s; {len(findings)} findings")
    for rule, count in per_rule.most_common():
        print(f"  {rule}: {count}")
    for note in notes:
        print(f"note: {note}")
    if args.show:
        for path, f in findings:
            print(f"{path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}")
    claims_file = corpus / "claims.jsonl"
    if claims_file.exists():
        flagged = {(p, f.line) for p, f in findings}
        by_verdict: dict[str, list[tuple[bool, dict]]] = collections.defaultdict(list)
        for line in claims_file.read_text(encoding="utf-8").splitlines():
            claim = json.loads(line)
            hit = (claim["file"], claim["line"]) in flagged and any(
                p == claim["file"]
                and f.line == claim["line"]
                and claim["column"] - 1 <= f.column <= claim["column"] + len(claim["text"])
                for p, f in findings
            )
            by_verdict[claim["verdict"]].append((hit, claim))
        for verdict, items in sorted(by_verdict.items()):
            hits = sum(hit for hit, _ in items)
            print(f"claims {verdict}: {len(items)}, flagged {hits}")
            for hit, claim in items:
                if (verdict == "wrong" and not hit) or (verdict == "ok" and hit):
                    state = "MISSED" if verdict == "wrong" else "FLAGGED"
                    print(f"  {state} {claim['file']}:{claim['line']} {claim['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
