"""Running totals whose addition the copy marks ("another", "a further", "new", "more")
and whose group is named without "of" ("its force", "the toll", "its membership").

The earlier figure is a count the article stated before, of the same group:
"soldiers" and "force" are one group, "the death toll" and "the toll" another.
Without such a figure, or with a different group, the total is left alone.
"""

import pytest

from factlint import api


def _totals(text):
    return [f for f in api.lint(text, path="story.txt") if f.rule == "running-total"]


WRONG = [
    (
        "About 1,200 British troops are in the province. London will send another 300, "
        "bringing its force to 1,600.",
        "1,500",
    ),
    (
        "The death toll stood at 31 on Friday. A further nine bodies were recovered on "
        "Saturday, taking the toll to 45.",
        "40",
    ),
    (
        "The society has 2,400 members. It recruited 150 new members in the spring, taking "
        "its membership to 2,650.",
        "2,550",
    ),
    (
        "There were already 18 lifeboats at sea. Another six were launched at dawn, "
        "bringing the number of lifeboats there to 26.",
        "24",
    ),
]

RIGHT = [
    "About 1,200 British troops are in the province. London will send another 300, "
    "bringing its force to 1,500.",
    "The death toll stood at 31 on Friday. A further nine bodies were recovered on "
    "Saturday, taking the toll to 40.",
    "The society has 2,400 members. It recruited 150 new members in the spring, taking "
    "its membership to 2,550.",
    # no earlier figure of the group: nothing to check
    "A further nine bodies were recovered on Saturday, taking the toll to 45.",
    # a different group: staff are not the workforce's engineers
    "The firm has 300 staff. It hired another 40 engineers, taking its workforce to 400.",
    # an addition the copy does not mark as one
    "The society has 2,400 members. In the spring 150 left, taking its membership to 2,250.",
]


@pytest.mark.parametrize(("text", "expected"), WRONG)
def test_a_wrong_total_is_found_with_the_sum(text, expected):
    found = _totals(text)
    assert len(found) == 1, found
    assert found[0].fix is not None and found[0].fix.replacement == expected


@pytest.mark.parametrize("text", RIGHT)
def test_a_right_or_uncheckable_total_passes(text):
    assert _totals(text) == []


# A pack whose fact pattern is catastrophic on a run of "a"s: it shows whether it ran.
_FACT_ASKING_PACK = """
pack: desk
rules:
  - id: desk-tally
    description: an arrival adds to the earlier figure
    severity: error
    match: "{added:number} more arrived, making {total:number}"
    facts:
      - match: "{n:number} were there(?:a|a)+$"
        key: "'crowd'"
        value: n
    assert: not known('crowd') or exact(fact('crowd')) + exact(added) == exact(total)
    message: "makes {expected}, not {total}"
    examples:
      bad: ["10 were thereaaa\\n5 more arrived, making 16."]
      good: ["5 more arrived, making 16."]
"""
_SLOW_TAIL = "a" * 40 + "!"


def _desk_run(text: str) -> list:
    from factlint.engine.loader import load_rule_text

    rules = load_rule_text(_FACT_ASKING_PACK, path="desk.yaml")
    options = api.Options(rules=rules, pattern_timeout=0.2, document_timeout=1.0)
    return api.check_source(api.source_from_text(text), options).findings


def test_facts_are_not_gathered_for_a_document_no_fact_asking_rule_matched():
    found = _desk_run(f"10 were there{_SLOW_TAIL}\nNobody else came.")
    assert found == []  # the slow fact pattern never ran: no rule-error


def test_facts_are_gathered_once_a_fact_asking_rule_matched():
    found = _desk_run(f"10 were there{_SLOW_TAIL}\n5 more arrived, making 16.")
    assert [f.rule for f in found] == ["rule-error"]  # its facts ran out of time: no verdict
    assert "desk-tally" in found[0].message
