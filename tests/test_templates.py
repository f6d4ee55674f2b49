import pytest

from factlint.engine.templates import TemplateError, check_template, fill_template


def test_fill_substitutes_names_and_escapes():
    filled = fill_template(
        "{a} is about {expected}, not {b} {{literal}}",
        {"a": "60 km", "expected": "37 miles", "b": "20 miles"},
    )
    assert filled == "60 km is about 37 miles, not 20 miles {literal}"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{a.__class__}", "is not allowed"),
        ("{a[0]}", "is not allowed"),
        ("{a!r}", "is not allowed"),
        ("{a:>10}", "is not allowed"),
        ("{nope}", "unknown name 'nope'"),
        ("{a", "unbalanced brace"),
        ("a}", "unbalanced brace"),
    ],
)
def test_rejected(template, message):
    with pytest.raises(TemplateError) as caught:
        check_template(template, ["a", "expected"])
    assert message in str(caught.value)
