"""Claims as news writes them (issue 16): every phrasing family, right and wrong.

The sentences are written for these tests in news style; each wrong one has
exactly one figure or word changed from its right twin.
"""

import pytest

from factlint import lint
from factlint.api import Options, check_source
from factlint.engine.examples import check_examples
from factlint.engine.loader import RuleError, load_rule_text
from factlint.text.source import source_from_text

PERIOD = "2004-01-01..2005-03-31"

# (sentence, the rule expected, or None for no finding)
CASES = [
    # changes: the parts of one change in any order inside a clause
    ("Profits rose 12% to $11.1bn, up from $9.9bn.", None),
    ("Profits rose 22% to $11.1bn, up from $9.9bn.", "percent-change"),
    ("Turnover rose 12% from £9.9m to £11.1m.", None),
    ("Turnover rose 30% from £9.9m to £11.1m.", "percent-change"),
    (
        "Output climbed to 5,600 tonnes, compared with 5,000 tonnes a year earlier, a 12% gain.",
        None,
    ),
    (
        "Output climbed to 5,600 tonnes, compared with 5,000 tonnes a year earlier, a 20% gain.",
        "percent-change",
    ),
    ("Takings were 6% higher at $5.4m against $5.1m a year earlier.", None),
    ("Takings were 16% higher at $5.4m against $5.1m a year earlier.", "percent-change"),
    ("The shares ended up 45 pence, or 5%, at 945p.", None),
    ("The shares ended up 45 pence, or 9%, at 945p.", "percent-of-change"),
    ("The shares slid 60p, or 6%, to 940p.", None),
    ("The shares slid 60p, or 16%, to 940p.", "percent-of-change"),
    ("Visitor numbers grew from 200 to 240, a rise of 20%.", None),
    ("Visitor numbers grew from 200 to 240, a rise of 40%.", "percent-change"),
    ("Visitor numbers grew from 200 to 240, a rise of 40.", None),
    ("Visitor numbers grew from 200 to 240, a rise of 60.", "stated-change"),
    ("Sales increased by 25% to €30m from €24m.", None),
    ("Sales increased by 35% to €30m from €24m.", "percent-change"),
    ("Costs were cut by £2m to £18m from £20m.", None),
    ("Costs were cut by £3m to £18m from £20m.", "stated-fall"),
    # a direction word that contradicts the figures
    ("Revenue rose 10% to $110m from $120m.", "change-direction"),
    ("Revenue fell 8% to $110m from $120m.", None),
    ("Rainfall dropped to 42mm in May, compared with 38mm a year earlier.", "change-direction"),
    # percentage points are differences of percentages
    ("The jobless rate fell from 8% to 6%, a drop of two percentage points.", None),
    ("The jobless rate fell from 8% to 6%, a drop of three percentage points.", "stated-fall"),
    ("The jobless rate fell from 8% to 6%, a drop of 25%.", None),
    ("The jobless rate fell from 8% to 6%, a drop of 2%.", None),  # points, loosely written
    ("The jobless rate fell from 8% to 6%, a drop of 60%.", "percent-fall"),
    # ambiguous clauses stay silent
    ("Profits rose 5% to £10m and 7% to £12m in the two divisions.", None),
    ("Prices ranged from $5 to $10.", None),
    ("Crude ended the day down $1.20 to $41.80.", None),
    ("Sales rose to $5bn from £3bn.", None),  # two currencies: not one change
    # running totals: the earlier figure in its several forms; one group, several nouns
    (
        "Some 100 troops were in Gao. 50 soldiers arrived, taking the number of forces there "
        "to 150.",
        None,
    ),
    (
        "Some 100 troops were in Gao. 50 soldiers arrived, taking the number of forces there "
        "to 170.",
        "running-total",
    ),
    (
        "There were already 40 medics in the camp. Twelve more arrived, bringing the number of "
        "medics there to 52.",
        None,
    ),
    (
        "There were already 40 medics in the camp. Twelve more arrived, bringing the number of "
        "medics there to 62.",
        "running-total",
    ),
    (
        "The death toll stood at 120 on Monday. Another 15 died overnight, taking the death "
        "toll to 135.",
        None,
    ),
    (
        "The death toll stood at 120 on Monday. Another 15 died overnight, taking the death "
        "toll to 145.",
        "running-total",
    ),
    ("Another 15 died overnight, taking the death toll to 145.", None),  # nothing earlier
    # lists
    ("His two daughters, Anna and Clara, run the firm.", None),
    ("His two daughters, Anna, Clara and Maria, run the firm.", "list-count"),
    ("Three agencies - Standard & Poor's, Moody's and Fitch - cut the rating.", None),
    ("Three agencies - Standard & Poor's and Fitch - cut the rating.", "list-count"),
    ("Two clubs -- Bank of England and Republic of Ireland -- joined.", None),
    ("Three clubs -- Bank of England and Republic of Ireland -- joined.", "list-count"),
    ("Four members - Chile, Peru, Colombia, Ecuador - abstained.", None),
    ("Five members - Chile, Peru, Colombia, Ecuador - abstained.", "list-count"),
    ("The three finalists were Leeds, Bolton and Hull.", None),
    ("The four finalists were Leeds, Bolton and Hull.", "list-count"),
    ("Four people, aged 19, 24, 31 and 40, were held.", None),  # ages are not names
    ("Two leaders, Tony Blair, the prime minister, and Gordon Brown, spoke.", None),
    ("One of the three banks - Bank of Leeds or Banque du Nord - will be sold.", None),
    # clock times are not ranges
    ("A curfew runs between 2200 and 0700.", None),
    ("Estimates ranged between 300 and 200 jobs.", "backward-range"),
]


@pytest.mark.parametrize(("text", "rule"), CASES)
def test_phrasing(text, rule):
    got = sorted({f.rule for f in lint(text)} - {"data-notice"})
    assert got == ([rule] if rule else [])


@pytest.mark.parametrize(
    ("text", "period", "wrong"),
    [
        # 3 March was a Wednesday in 2004 and a Thursday in 2005
        ("Results are due on Thursday, 3 March.", PERIOD, False),
        ("Results are due on Wednesday, 3 March.", PERIOD, False),
        ("Results are due on Saturday, 3 March.", PERIOD, True),
        ("Results are due around next Saturday (3 March).", PERIOD, True),
        ("Results are due around next Thursday (3 March).", PERIOD, False),
        # 20 August was a Saturday in 2005: the coming August of a February article
        ("The band plays on Saturday 20 August.", "2005-02-08", False),
        ("The band plays on Monday 20 August.", "2005-02-08", True),
        # 20 January 2005 was a Thursday: the January just before a February article
        ("The ship docked on Thursday, 20 January.", "2005-02-08", False),
    ],
)
def test_weekday_without_a_year(text, period, wrong):
    rules = {f.rule for f in lint(text, date=period)} - {"data-notice"}
    assert bool(rules & {"weekday-date", "weekday-beside-date"}) == wrong, rules


def test_a_rise_of_a_percentage_is_a_percent_not_a_difference():
    (finding,) = lint("Visitor numbers grew from 200 to 240, a rise of 40%.")
    assert "a rise of 20%, not 40%" in finding.message


def test_a_direction_finding_points_at_the_word():
    text = "Revenue rose 10% to $110m from $120m."
    (finding,) = lint(text)
    assert text[finding.span.start : finding.span.end] == "rose"


PACK = """
pack: mine
vocabularies:
  gain: [gained, added]
fragments:
  rise_of: "{gain}{gap} {d:number} points"
rules:
  - id: points-total
    description: Points gained must add up.
    severity: error
    match: "from {a:number} to {b:number},{gap} {rise_of}"
    assert: exact(b) - exact(a) == d
    message: "{a} to {b} is {expected} points, not {d}"
    fix: "{expected}"
    at: d
    examples:
      bad:
        - text: "The index went from 100 to 120, having gained some 30 points."
          at: "30"
          message: "is 20 points"
          fix: "20"
      good: ["The index went from 100 to 120, having gained some 20 points."]
"""


def _lint(text, rules):
    return check_source(source_from_text(text), Options(rules=list(rules))).findings


def test_a_users_pack_with_vocabularies_fragments_and_gaps():
    rules = load_rule_text(PACK, path="mine.yaml")
    results = list(check_examples(rules, _lint))
    assert results and all(r.passed for r in results), results


def test_an_example_that_states_the_wrong_expectation_fails():
    rules = load_rule_text(PACK.replace('fix: "20"', 'fix: "25"'), path="mine.yaml")
    (bad,) = [r for r in check_examples(rules, _lint) if r.kind == "bad"]
    assert not bad.passed and "fix '20', expected '25'" in bad.detail


def test_errors_point_at_the_authors_text():
    broken = PACK.replace('"{gain}{gap}', '"{gian}{gap}')
    with pytest.raises(RuleError) as caught:
        load_rule_text(broken, path="mine.yaml")
    # the rule's match names the fragment: the error is reported at the match, quoting it
    assert "in fragment {rise_of}: {gian} is no vocabulary or fragment" in str(caught.value)
    line = PACK.splitlines().index(next(r for r in PACK.splitlines() if "match:" in r)) + 1
    column = PACK.splitlines()[line - 1].index("{rise_of}") + 1
    assert str(caught.value).startswith(f"mine.yaml:{line}:{column}: field 'match'")


def test_fact_functions_are_refused_in_a_record_key():
    text = """
id: my-total
description: x
severity: error
match: "{n:number} widgets"
record: {key: "known(n)", value: n}
assert: n == n
message: "m"
examples: {bad: ["1 widgets"], good: ["2 widgets"]}
"""
    with pytest.raises(RuleError) as caught:
        load_rule_text(text, path="r.yaml")
    assert "known() cannot be used here" in str(caught.value)


def test_a_frame_rule_names_a_role_the_frame_has():
    text = """
pack: p
frames:
  change:
    roles: [old, new]
    cues: ["from {old:number}", "to {new:number}"]
rules:
  - id: r
    description: x
    severity: error
    frame: change
    needs: [old, newest]
    assert: new > old
    message: m
    examples: {bad: ["from 5 to 3"], good: ["from 3 to 5"]}
"""
    with pytest.raises(RuleError) as caught:
        load_rule_text(text, path="p.yaml")
    assert "'newest' is not a role of frame 'change'" in str(caught.value)
    works = load_rule_text(text.replace("newest", "new"), path="p.yaml")
    assert [f.rule for f in _lint("Output went from 5 to 3.", works)] == ["r"]
    assert not _lint("Output went from 3 to 5.", works)
