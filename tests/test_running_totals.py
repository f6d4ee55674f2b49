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
