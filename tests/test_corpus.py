"""The shared BBC corpus: every claim judged wrong is found, none judged ok is flagged.

The corpus is not part of the project (BBC copyright); the test skips where it
is absent, as on a user's machine. The articles are from 2004 and early 2005,
so they are checked with that period as their date.
"""

import json
from pathlib import Path

import pytest

from factlint.api import Options, builtin_rules, check_source
from factlint.text.source import read_source

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc-dev"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


@pytest.fixture(scope="module")
def findings():
    options = Options(date="2004-01-01..2005-03-31", rules=list(builtin_rules()))
    found = {}
    for path in sorted(CORPUS.rglob("*.txt")):
        source = read_source(str(path))
        found[str(path.relative_to(CORPUS))] = check_source(source, options).findings
    return found


def claims(verdict):
    lines = (CORPUS / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    return [c for c in map(json.loads, lines) if c["verdict"] == verdict]


def flagged(findings, claim):
    end = claim["column"] + len(claim["text"])
    return any(
        f.line == claim["line"] and claim["column"] <= f.column <= end and f.rule != "data-notice"
        for f in findings[claim["file"]]
    )


def test_every_file_is_checked(findings):
    assert len(findings) == len(list(CORPUS.rglob("*.txt")))


def test_every_wrong_claim_is_found(findings):
    missed = [c["text"] for c in claims("wrong") if not flagged(findings, c)]
    assert missed == []


def test_no_ok_claim_is_flagged(findings):
    false_alarms = [c["text"] for c in claims("ok") if flagged(findings, c)]
    assert false_alarms == []
