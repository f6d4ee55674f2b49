"""Totals, changes, shares, list counts, weekdays and repeated figures (issue 4).

Each case is a sentence a sub-editor could meet, with the verdict they would
give; "rule" is the finding expected, or None when nothing must be reported.
"""

import pytest

from factlint import lint

MALI_TOTAL = (
    "Meanwhile 50 Senegalese soldiers arrived in the Mali capital Bamako, taking the number "
    "of African troops there to 150."
)

CASES = [
    # running totals
    (
        "About 300 firefighters were already at the scene. Another 80 arrived overnight, "
        "bringing the number of firefighters there to 400.",
        "running-total",
    ),
    (
        "About 300 firefighters were already at the scene. Another 80 arrived overnight, "
        "bringing the number of firefighters there to 380.",
        None,
    ),
    (MALI_TOTAL, None),
    ("Some 100 African troops were in Bamako. " + MALI_TOTAL, None),
    ("Some 120 African troops were in Bamako. " + MALI_TOTAL, "running-total"),
    ("Some 120 African troops were in Bamako. " + MALI_TOTAL.replace("150", "170"), None),
    (
        "Forty rescuers were already at the mine. Twenty more arrived, bringing the number of "
        "rescuers to 70.",
        "running-total",
    ),
    (
        "Forty rescuers were already at the mine. Twenty more arrived, bringing the number of "
        "rescuers to 60.",
        None,
    ),
    ("12 climbers were stranded. 3 more were rescued, taking the number of climbers to 15.", None),
    # stated changes
    (
        "The district will raise its police force to 900 officers from 750, an increase of 100.",
        "stated-change",
    ),
    (
        "The district will raise its police force to 900 officers from 750, an increase of 150.",
        None,
    ),
    ("Membership rose from 1,200 to 1,450, an increase of 250.", None),
    ("Membership rose from 1,200 to 1,450, an increase of 350.", "stated-change"),
    ("Inflation eased from 5.2% to 4.7%, a fall of 0.7 points.", "stated-fall"),
    ("Inflation eased from 5.2% to 4.7%, a fall of 0.5 points.", None),
    ("Staff numbers were cut to 2,300 from 2,500, a reduction of 300.", "stated-fall"),
    # percentage changes
    ("Sales climbed to €30m from €24m, a 25% rise.", None),
    ("Sales climbed to €30m from €24m, a 40% rise.", "percent-change"),
    ("Profits rose 2% to $11.1bn from $10.9bn.", None),
    ("Profits rose 20% to $11.1bn from $10.9bn.", "percent-change"),
    ("Turnover grew 15% to £460m from £400m.", None),
    ("Shares fell 12.5% to 70 pence from 80 pence.", None),
    ("Shares fell 30% to 70 pence from 80 pence.", "percent-fall"),
    ("Sales fell to $8m from $10m, a 20% drop.", None),
    ("Sales fell to $8m from $10m, a 2% drop.", "percent-fall"),
    # multiples
    (
        "Benin said it was boosting its troop allotment for Mali to 650 soldiers from 300, "
        "more than doubling it.",
        None,
    ),
    (
        "It is boosting its troops to 550 soldiers from 300, more than doubling the force.",
        "more-than-multiple",
    ),
    ("The council halved its budget to £5m from £10m.", None),
    ("The council halved its budget to £8m from £10m.", "multiple-change"),
    ("Sales tripled to 90,000 from 30,000.", None),
    ("Sales tripled to 50,000 from 30,000.", "multiple-change"),
    # shares
    ("Of the 80 delegates, 25% (30) voted against.", "share-of-whole"),
    ("Of the 80 delegates, 25% (20) voted against.", None),
    ("In the poll 60% backed the plan while 45% opposed it.", "shares-over-100"),
    ("In the poll 60% backed the plan while 35% opposed it.", None),
    # lists
    (
        "Senegal, Benin and six other west African nations -- Nigeria, Togo, Niger, Guinea, "
        "Ghana and Burkina Faso -- as well as Chad have announced their contributions.",
        None,
    ),
    ("Three Nordic countries -- Denmark, Norway, Sweden and Finland -- objected.", "list-count"),
    ("Three men, aged 19, 24 and 31, were charged.", None),
    ("Four clubs - Arsenal, Chelsea, Everton and Fulham - were fined.", None),
    ("Two candidates: Smith, Jones and Brown.", "list-count"),
    ("Several players, including Smith, Jones and Brown, were injured.", None),
    # dates and weekdays
    ("The talks began on Tuesday, 27 July 2012.", "weekday-date"),
    ("The talks began on Friday, 27 July 2012.", None),
    ("AFP\nMon Jan 21 2013", None),
    ("The vote is on Thursday, 5 November 2026.", None),
    ("The vote is on Wednesday, 5 November 2026.", "weekday-date"),
    # no year: read in the year of the article (2013-01-21 in these tests)
    ("The jeep was unloaded on Saturday, January 20.", "weekday-date"),
    ("The jeep was unloaded on Sunday, January 20.", None),
    ("The summit opens on Thursday, February 7.", None),
    # ranges
    ("Estimates ranged between 200 and 150 million euros.", "backward-range"),
    ("Estimates ranged between 150 and 200 million euros.", None),
    ("Between 500 and 1.5 million people marched.", None),
    # the same group counted twice
    (
        "Benin said it was boosting its troop allotment for Mali to 650 soldiers from 300. "
        "Later the 600 Beninese soldiers left.",
        "repeated-count",
    ),
    (
        "Benin said it was boosting its troop allotment for Mali to 650 soldiers from 300. "
        "Later the 650 Beninese soldiers left.",
        None,
    ),
    ("Later the 600 Beninese soldiers left.", None),
]


@pytest.mark.parametrize(("text", "rule"), CASES)
def test_verdict(text, rule):
    rules = sorted({f.rule for f in lint(text, date="2013-01-21")} - {"data-notice"})
    assert rules == ([rule] if rule else [])


def test_total_error_points_at_the_total_with_the_sum():
    text = CASES[0][0]
    (finding,) = lint(text)
    assert text[finding.span.start : finding.span.end] == "400"
    assert finding.expected == "380"
    assert "380, not 400" in finding.message
    assert finding.fix is not None and not finding.fix.safe


def test_repeated_count_points_at_both():
    text = CASES[-3][0]
    (finding,) = lint(text)
    assert text[finding.span.start : finding.span.end] == "600"
    (earlier,) = finding.related
    assert text[earlier.start : earlier.end] == "650 soldiers"
    assert finding.severity == "warning"


def test_weekday_message_names_the_right_day():
    (finding,) = lint("The talks began on Tuesday, 27 July 2012.")
    assert "Friday" in finding.message


def test_a_fact_stated_after_the_total_is_not_used():
    text = MALI_TOTAL + " Some 120 African troops were in Bamako."
    assert not lint(text)


def test_a_date_without_year_is_read_in_every_year_of_a_period():
    # 20 January was a Tuesday in 2004 and a Thursday in 2005, never a Saturday
    text = "The jeep was unloaded on Saturday, January 20."
    (finding,) = lint(text, date="2004-01-01..2005-03-31")
    assert finding.rule == "weekday-date"
    assert "Tuesday (2004) or Thursday (2005)" in finding.message
    assert not lint(text.replace("Saturday", "Thursday"), date="2004-01-01..2005-03-31")
    assert not lint(text.replace("Saturday", "Tuesday"), date="2004-01-01..2005-03-31")
    assert [f.rule for f in lint(text, date="2013-01-21")] == ["weekday-date"]
    assert not lint(text)  # no article date: no year to read it in
