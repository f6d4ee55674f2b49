"""A one-sided word before a converted figure bounds it and its conversion alike.

"up to 120mph (150km/h)" is wrong however fast the wind was: the bracket
restates 120mph, which is 193km/h. A qualifier inside the bracket is the
bracket's own ("300km (more than 180 miles)") and keeps its reach.
"""

import pytest

from factlint import api


def _flagged(text):
    found = api.lint(text, path="story.txt", date="2004-06-01")
    return [f for f in found if f.severity in ("error", "warning")]


@pytest.mark.parametrize(
    ("sentence", "fix"),
    [
        ("Winds of up to 120mph (150km/h) battered the coast.", "190km/h"),
        ("The camp is more than 300km (150 miles) from the border.", "190 miles"),
        ("Up to $20m (£15m) will be spent on the roads.", "£11m"),
        ("Nearly 40 miles (50km) of track will be rebuilt.", "64km"),
    ],
)
def test_a_wrong_conversion_after_a_qualifier_is_found(sentence, fix):
    found = _flagged(sentence)
    assert len(found) == 1, found
    assert found[0].fix is not None and found[0].fix.replacement == fix


@pytest.mark.parametrize(
    "sentence",
    [
        "Winds of up to 120mph (193km/h) battered the coast.",
        "The camp is more than 300km (186 miles) from the border.",
        "The camp is more than 300km (more than 180 miles) from the border.",
        "Up to $20m (£11m) will be spent on the roads.",
        "Nearly 40 miles (64km) of track will be rebuilt.",
    ],
)
def test_a_right_conversion_after_a_qualifier_passes(sentence):
    assert _flagged(sentence) == []
