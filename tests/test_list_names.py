"""Names in a counted list may start with "the" or follow a group's name.

"six parties: the US, China, Japan, Russia and South Korea" names five, and
"the five permanent members of the Security Council - the US, the UK, France
and Russia" names four.
"""

import pytest

from factlint import api


def _counts(text):
    return [f for f in api.lint(text, path="story.txt") if f.rule == "list-count"]


@pytest.mark.parametrize(
    ("sentence", "announced"),
    [
        ("Talks involve six parties: the US, China, Japan, Russia and South Korea.", "six"),
        ("Four powers - the US, the UK, France, Russia and China - agreed.", "Four"),
        ("The three members of the Benelux union - the Netherlands and Belgium - met.", "three"),
    ],
)
def test_a_list_with_the_names_is_counted(sentence, announced):
    found = _counts(sentence)
    assert len(found) == 1, found
    assert sentence[found[0].span.start :].startswith(announced)


@pytest.mark.parametrize(
    "sentence",
    [
        "Talks involve five parties: the US, China, Japan, Russia and South Korea.",
        "Five powers - the US, the UK, France, Russia and China - agreed.",
        "The three members of the Benelux union - the Netherlands, Belgium and Luxembourg - met.",
        "Three towns - the capital Bamako, Gao and Timbuktu - were hit.",
    ],
)
def test_a_complete_list_with_the_names_passes(sentence):
    assert _counts(sentence) == []
