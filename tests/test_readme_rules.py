"""The README's table of packs names every built-in rule, so a new rule is not hidden."""

import re
from pathlib import Path

from factlint.engine.loader import load_rules

ROOT = Path(__file__).resolve().parents[1]


def test_every_built_in_rule_is_named_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", readme))
    missing = sorted({rule.id for rule in load_rules()} - named)
    assert missing == [], f"rules not in README.md: {missing}"
