"""Many rules: the index asks only the rules whose literals occur, and loses none."""

from __future__ import annotations

import pytest

from factlint.api import builtin_rules, lint
from factlint.engine import prefilter
from factlint.engine.figures import tag_figures
from factlint.engine.loader import load_rule_file
from factlint.engine.prefilter import MIN_INDEXED_RULES, Prefilter, RuleIndex, candidate_rules

WORDS = ("zorb", "zorblax", "blax", "ax", "(", "quux", "tonnes", "at", "rose")
RULE = """\
  - id: many-{i}
    description: A rule of the test pack.
    severity: warning
    match: "{match}"
    assert: a == b
    message: "{{a}} is not {{b}}"
    examples:
      bad: ["{bad}"]
      good: ["{good}"]
"""


@pytest.fixture(scope="module")
def many_rules(tmp_path_factory):
    """Rules whose literals are long, short, shared, and inside one another; and one rule
    whose pattern has no literal at all."""
    body = []
    for i in range(MIN_INDEXED_RULES + 16):
        word = WORDS[i % len(WORDS)] + "qwertyuiopasdfgh"[: i // len(WORDS)]
        match = f"{{a:number}} {word} {{b:number}}".replace("(", "\\\\(")
        body.append(RULE.format(i=i, match=match, bad=f"5 {word} 6", good=f"5 {word} 5"))
    body.append(RULE.format(i="free", match="{a:number}-{b:number}", bad="5-6", good="5-5"))
    path = tmp_path_factory.mktemp("pack") / "many.yaml"
    path.write_text("pack: many\ndescription: test\nrules:\n" + "".join(body), encoding="utf-8")
    return load_rule_file(path)


TEXTS = (
    "The zorblaxq said 5 zorblaxq 6, at noon.",
    "Only zorb here: 4 zorb 4 and a quuxqw (quuxqw) rose.",
    "No literal of the pack: twelve apples.",
    "ZORBLAX tonnes ax ( blaxq quuxqwe roseqwer atqwert",
    "",
)


@pytest.mark.parametrize("text", TEXTS)
def test_the_index_chooses_what_asking_every_rule_chooses(many_rules, text):
    rules = [*builtin_rules(), *many_rules]
    view = Prefilter(tag_figures(text))
    plain = [r for r in rules if r.frame is None and view.may_match(r)]
    assert RuleIndex(rules).candidates(view) == plain
    assert candidate_rules(rules, view) == plain


def test_the_index_skips_rules_whose_literals_are_absent(many_rules):
    view = Prefilter(tag_figures("Nothing of the pack here but a dash: 12-13 apples."))
    chosen = {rule.id for rule in RuleIndex(many_rules).candidates(view)}
    assert chosen == {"many-free"}  # its one literal, "-", occurs


def test_without_the_prefilter_every_rule_is_asked(many_rules, monkeypatch):
    monkeypatch.setattr(prefilter, "ENABLED", False)
    view = Prefilter(tag_figures("No literal of the pack."))
    assert len(RuleIndex(many_rules).candidates(view)) == len(many_rules)


def test_findings_are_the_same_with_many_rules(many_rules, monkeypatch):
    text = "It is 60 km (20 miles) away; 5 zorblaxq 6 and 7 quuxqw 7 (8 zorbq 9)."
    rules = [*builtin_rules(), *many_rules]
    indexed = lint(text, rules=rules)
    monkeypatch.setattr(prefilter, "MIN_INDEXED_RULES", 10**9)  # every rule asked in turn
    assert lint(text, rules=rules) == indexed
    assert {"unit-conversion", "many-10", "many-9"} <= {f.rule for f in indexed}
