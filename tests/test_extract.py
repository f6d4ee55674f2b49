"""factlint.extract on news sentences from many beats, with the exact records expected.

Each case is one sentence, then every mention it must yield, left to right (indented
lines continue the list), as
kind|text|value|unit|qualifier (a range's value is low..high; a date's is ISO).
The span is where `text` first occurs in the sentence; nothing else may be found.
"""

from __future__ import annotations

import pytest

from factlint import Mention, extract
from factlint.extract import FORMAT_VERSION, record
from factlint.quantities.mentions import lemma

CASES = """
# business
The deal is worth $900m, the company said. || money|$900m|900000000|USD|=
Profits rose to £1.2bn last year. || money|£1.2bn|1200000000|GBP|=
The firm paid US$5bn for the stake. || money|US$5bn|5000000000|USD|=
Petronas posted a net profit of RM2.16 bil for the quarter. || money|RM2.16 bil|2160000000|MYR|=
Hutchison raised HK$3.2 billion from the sale. || money|HK$3.2 billion|3200000000|HKD|=
The loss was (£131,961) in the accounts. || money|£131,961|131961|GBP|=
Shares fell 3% on Monday. || percent|3%|3|percent|=
Sales grew 12.5 per cent in the quarter. || percent|12.5 per cent|12.5|percent|=
Inflation hit 4.2pc in March. || percent|4.2pc|4.2|percent|=
The bank cut its forecast to 1.8%. || percent|1.8%|1.8|percent|=
Revenue was about 500 million dollars. || money|500 million dollars|500000000|USD|~
The fund holds more than €1.2tn of assets. || money|€1.2tn|1200000000000|EUR|>
Nearly 2,000 people lost their jobs. || count|2,000 people|2000|person|<
The group employs 45,000 staff worldwide. || count|45,000 staff|45000|staff|=
It plans to cut 1,200 jobs by 2008. || count|1,200 jobs|1200|job|=
The takeover values the firm at 3,000 USD a share. || money|3,000 USD|3000|USD|=
Oil rose to $50 a barrel. || money|$50|50|USD|=
Output reached 2.5 million barrels a day. || measure|2.5 million barrels|2500000|oil_barrel|=
The carmaker sold 1.5 million cars. || count|1.5 million cars|1500000|car|=
Investors snapped up 10 million shares. || count|10 million shares|10000000|share|=
The budget is between 150 and 200 million euros. ||
    range|between 150 and 200 million euros|150000000..200000000|EUR|=
Analysts expect growth of 10-15% next year. || range|10-15%|10..15|percent|=
The shares were priced at $10-15m in total. || range|$10-15m|10000000..15000000|USD|=
The company has 12 stores. || count|12 stores|12|store|=
Up to 20% of branches will close. || percent|20%|20|percent|<=
The chain has at least 300 outlets. || count|300 outlets|300|outlet|>=
Costs fell by a third. || number|a third|0.333333|None|=
Exports rose by half a million tonnes. || measure|half a million tonnes|500000|metric_ton|=
Three in every ten voters stayed home. || number|Three in every ten|0.3|None|=
The yen traded at 104 to the dollar. || number|104|104|None|=
Some 3,500 workers went on strike. || count|3,500 workers|3500|worker|~
Roughly 60 per cent of voters agreed. || percent|60 per cent|60|percent|~
It paid 50 million euros for the site. || money|50 million euros|50000000|EUR|=
The merger creates a firm worth £8.5bn. || money|£8.5bn|8500000000|GBP|=
Retail sales climbed 0.6% in December. || percent|0.6%|0.6|percent|=
The firm has 6,500 employees in 40 countries. || count|6,500 employees|6500|employee|=
    ; count|40 countries|40|country|=
Almost 90% of the shares were sold. || percent|90%|90|percent|<
Debt stood at ¥2.3 trillion. || money|¥2.3 trillion|2300000000000|JPY|=
The firm has 12 companies in its portfolio. || count|12 companies|12|company|=
Fewer than 10 firms bid for the contract. || count|10 firms|10|firm|<
# weather and science
Temperatures reached 40C in Seville. || measure|40C|40|degree_Celsius|=
Up to 250mm of rain fell overnight. || measure|250mm|250|millimeter|<=
Winds of 100 mph hit the coast. || measure|100 mph|100|mile_per_hour|=
Snow drifts were 2 metres deep. || measure|2 metres|2|meter|=
The storm moved 60 kilometres inland. || measure|60 kilometres|60|kilometer|=
The glacier has shrunk by 1,500 kilometres. || measure|1,500 kilometres|1500|kilometer|=
The asteroid is about 350 kilometres wide. || measure|350 kilometres|350|kilometer|~
The fire burnt 5,000 hectares of forest. || measure|5,000 hectares|5000|hectare|=
The lake covers 30 sq km. || measure|30 sq km|30|square_kilometer|=
The probe weighs 1,200 kg. || measure|1,200 kg|1200|kilogram|=
A 20-tonne truck overturned. || measure|20-tonne|20|metric_ton|=
Hailstones as big as 5cm fell. || measure|5cm|5|centimeter|=
The eclipse lasted 10 minutes. || measure|10 minutes|10|minute|=
The quake struck 30 miles off the coast. || measure|30 miles|30|mile|=
The spacecraft travelled 6.4 billion kilometres. ||
    measure|6.4 billion kilometres|6400000000|kilometer|=
Scientists tracked 12 whales for three weeks. || count|12 whales|12|whale|=
    ; measure|three weeks|3|week|=
The drought has lasted 18 months. || measure|18 months|18|month|=
Sea levels could rise by 1 metre. || measure|1 metre|1|meter|=
The virus killed 50 million birds. || count|50 million birds|50000000|bird|=
The telescope can see 13 billion years back. || measure|13 billion years|13000000000|year|=
A third of the ice has gone. || number|A third|0.333333|None|=
One in five species faces extinction. || number|One in five|0.2|None|=
1 in 10 adults is obese. || number|1 in 10|0.1|None|=
The trial involved 400 patients for two years. || count|400 patients|400|patient|=
    ; measure|two years|2|year|=
The river rose 5ft 10in above normal. || measure|5ft 10in|70|inch|=
The volcano is 3,000m high. || measure|3,000m|3000|meter|=
Rainfall was 30% below average. || percent|30%|30|percent|=
The cold snap lasted for 10 days. || measure|10 days|10|day|=
The plant will produce 500 megawatts. || measure|500 megawatts|500|megawatt|=
The heatwave killed 35,000 people in Europe. || count|35,000 people|35000|person|=
# conflict
About 50 Senegalese soldiers arrived in Bamako. || count|50 Senegalese soldiers|50|soldier|~
Six other west African nations sent troops. || count|Six other west African nations|6|nation|=
More than 100 were killed in the fighting. || number|100|100|None|>
The army deployed 2,500 troops. || count|2,500 troops|2500|troop|=
At least 12 civilians died. || count|12 civilians|12|civilian|>=
Rebels seized 30 vehicles and 4 tanks. || count|30 vehicles|30|vehicle|=; count|4 tanks|4|tank|=
The 3rd brigade moved north. ||
Some 7,000 refugees crossed the border. || count|7,000 refugees|7000|refugee|~
Fighting displaced half a million people. || count|half a million people|500000|person|=
Two soldiers were wounded. || count|Two soldiers|2|soldier|=
The convoy travelled 630 kilometres. || measure|630 kilometres|630|kilometer|=
Seven French citizens were taken hostage. || count|Seven French citizens|7|citizen|=
The bomb killed 25 men, women and children. || count|25 men|25|man|=
France sent 650 soldiers, up from 300. || count|650 soldiers|650|soldier|=; number|300|300|None|=
Three children died in the raid. || count|Three children|3|child|=
Over 1,000 homes were destroyed. || count|1,000 homes|1000|home|>
The ceasefire lasted 72 hours. || measure|72 hours|72|hour|=
The militants held 41 hostages. || count|41 hostages|41|hostage|=
A 72-hour truce began. || measure|72-hour|72|hour|=
The UN wants 3,300 peacekeepers. || count|3,300 peacekeepers|3300|peacekeeper|=
Nine police officers were injured. || count|Nine police officers|9|officer|=
The drone flew 10 km over the border. || measure|10 km|10|kilometer|=
The siege lasted 100 days. || measure|100 days|100|day|=
Up to 40 women were abducted. || count|40 women|40|woman|<=
Forces killed 15 militants. || count|15 militants|15|militant|=
# sport
Bolt won the 100m in 9.58 seconds. || measure|100m|100|meter|=; measure|9.58 seconds|9.58|second|=
Chelsea won 3-1 at Anfield. ||
The teams drew 1-1. ||
He scored 20 goals this season. || count|20 goals|20|goal|=
She won the 60m hurdles. || measure|60m|60|meter|=
The striker cost £25m. || money|£25m|25000000|GBP|=
He is 6ft 2in tall. || measure|6ft 2in|74|inch|=
The crowd of 80,000 fans cheered. || count|80,000 fans|80000|fan|=
The marathon is 26.2 miles long. || measure|26.2 miles|26.2|mile|=
She ran 5,000m in 14 minutes. || measure|5,000m|5000|meter|=; measure|14 minutes|14|minute|=
The club has won 18 titles. || count|18 titles|18|title|=
They are nine points clear. || count|nine points|9|point|=
The jump was 8.95m. || measure|8.95m|8.95|meter|=
United paid about £30m for him. || money|£30m|30000000|GBP|~
The Lions won 25-20. ||
The race is over 42 kilometres. || measure|42 kilometres|42|kilometer|>
Federer has won 15 Grand Slam titles. || count|15 Grand Slam titles|15|title|=
He played 11 matches in 2004. || count|11 matches|11|match|=
The fee could rise to €40m. || money|€40m|40000000|EUR|=
Ticket prices went up 10%. || percent|10%|10|percent|=
The pitch is 105 metres long. || measure|105 metres|105|meter|=
Around 60,000 spectators attended. || count|60,000 spectators|60000|spectator|~
She swam 400m in under four minutes. || measure|400m|400|meter|=; measure|four minutes|4|minute|<
# politics and society
Turnout was 61.4%. || percent|61.4%|61.4|percent|=
The bill passed by 310 votes to 250. || count|310 votes|310|vote|=; number|250|250|None|=
The NHS employs 1.3 million people. || count|1.3 million people|1300000|person|=
The party won 355 seats. || count|355 seats|355|seat|=
Unemployment fell to 4.7%. || percent|4.7%|4.7|percent|=
Council tax will rise by 5%. || percent|5%|5|percent|=
Polls show a 10-point lead. || number|10|10|None|=
The PM met 12 ministers. || count|12 ministers|12|minister|=
The scheme costs £2bn a year. || money|£2bn|2000000000|GBP|=
Nearly 40% of voters are undecided. || percent|40%|40|percent|<
About 1,500 teachers marched. || count|1,500 teachers|1500|teacher|~
The census counted 58.8 million residents. || count|58.8 million residents|58800000|resident|=
The minister resigned in 2004. ||
He served at No 10 for 10 years. || measure|10 years|10|year|=
The law was passed on 21 January 2013. || date|21 January 2013|2013-01-21|None|=
The vote is on January 21, 2013. || date|January 21, 2013|2013-01-21|None|=
Polling day is 2013-01-21. || date|2013-01-21|2013-01-21|None|=
BAMAKO, Mon Jan 21 2013 (AFP) - Troops arrived. || date|Mon Jan 21 2013|2013-01-21|None|=
It happened on Tuesday, 27 July 2012. || date|Tuesday, 27 July 2012|2012-07-27|None|=
Talks resume Jan. 20 in Geneva. || date|Jan. 20|--01-20|None|=
The election was held in May 2010. || date|May 2010|2010-05|None|=
Theresa May 2016 speech drew crowds. ||
The meeting starts at 10:30. ||
Call 020 7946 0958 for details. ||
He upgraded to Windows 7 last week. ||
The app's version 2.1.3 fixed the bug. ||
About 100 people attended the 2004 election rally. || count|100 people|100|person|~
# tech and entertainment
The phone has 64 gigabytes of storage. || measure|64 gigabytes|64|gigabyte|=
The film took $100m at the box office. || money|$100m|100000000|USD|=
The album sold 2 million copies. || count|2 million copies|2000000|copy|=
The band played 40 concerts. || count|40 concerts|40|concert|=
The site has 5m users. || count|5m users|5000000|user|=
Broadband reaches 80% of homes. || percent|80%|80|percent|=
The game sold 1.2 million units in a week. || count|1.2 million units|1200000|unit|=
Downloads rose by 25 per cent. || percent|25 per cent|25|percent|=
The show drew 12.3 million viewers. || count|12.3 million viewers|12300000|viewer|=
The firm hired 300 engineers. || count|300 engineers|300|engineer|=
The chip runs at 3.2 gigahertz. || measure|3.2 gigahertz|3.2|gigahertz|=
The screen is 42 inches wide. || measure|42 inches|42|inch|=
The movie ran for 150 minutes. || measure|150 minutes|150|minute|=
Sales of 3D TVs rose 20%. || percent|20%|20|percent|=
The festival attracted 150,000 visitors. || count|150,000 visitors|150000|visitor|=
Spam accounts for 90% of emails. || percent|90%|90|percent|=
Tickets cost £35 each. || money|£35|35|GBP|=
The author wrote 12 novels. || count|12 novels|12|novel|=
The studio made 20 movies. || count|20 movies|20|movie|=
One child in five uses a tablet. || number|One child in five|0.2|None|=
Around 2,000 companies exhibited. || count|2,000 companies|2000|company|~
Hackers stole 40 million passwords. || count|40 million passwords|40000000|password|=
The satellite orbits at 36,000 km. || measure|36,000 km|36000|kilometer|=
The drone weighs 2 kg. || measure|2 kg|2|kilogram|=
The battery lasts 10 hours. || measure|10 hours|10|hour|=
A dozen countries signed. || count|A dozen countries|12|country|=
The charity raised £1.5m for 300 families. || money|£1.5m|1500000|GBP|=
    ; count|300 families|300|family|=
The museum has 8 million visitors a year. || count|8 million visitors|8000000|visitor|=
"""


def _cases() -> list[tuple[str, list[list[str]]]]:
    """Parse CASES; an indented line carries more mentions of the sentence above."""
    result: list[tuple[str, list[list[str]]]] = []
    for line in CASES.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(" "):
            specs, sentence = line, None
        else:
            sentence, _, specs = line.partition(" ||")
            result.append((sentence, []))
        result[-1][1].extend(s.strip().split("|") for s in specs.split(";") if s.strip())
    return result


_ALL = _cases()


def test_enough_sentences() -> None:
    assert len(_ALL) >= 150


def _check(mention: Mention, sentence: str, spec: list[str]) -> None:
    kind, text, value, unit, qualifier = spec
    start = sentence.index(text)
    assert (mention.kind, mention.text, mention.start, mention.end) == (
        kind,
        text,
        start,
        start + len(text),
    )
    assert mention.unit == (None if unit == "None" else unit)
    assert mention.qualifier == qualifier
    if kind == "range":
        low, high = (float(v) for v in value.split(".."))
        assert mention.value is None
        assert (mention.low, mention.high) == (pytest.approx(low), pytest.approx(high))
    elif kind == "date":
        assert mention.value == value
    else:
        assert mention.value == pytest.approx(float(value), rel=1e-6, abs=1e-6)


@pytest.mark.parametrize(("sentence", "expected"), _ALL, ids=[s[:40] for s, _ in _ALL])
def test_sentence(sentence: str, expected: list[list[str]]) -> None:
    found = extract(sentence)
    assert [m.text for m in found] == [spec[1] for spec in expected]
    for mention, spec in zip(found, expected, strict=True):
        _check(mention, sentence, spec)


def test_records_are_versioned_and_json_ready() -> None:
    (mention,) = extract("Profits rose to about £1.5bn.", path="a.txt")
    item = record(mention, "a.txt")
    assert item["version"] == FORMAT_VERSION
    assert item["value"] == 1_500_000_000 and isinstance(item["value"], int)
    assert item["rounding"] == [1_450_000_000, 1_550_000_000]
    assert (item["line"], item["column"], item["qualifier_text"]) == (1, 23, "about")


def test_lines_and_columns_follow_the_source() -> None:
    text = "# Title\n\nTroops: `50 soldiers` in code.\nThey sent 650 soldiers.\n"
    (mention,) = extract(text, path="story.md")
    assert (mention.line, mention.column, mention.text) == (4, 11, "650 soldiers")
    assert text[mention.start : mention.end] == "650 soldiers"


def test_one_sided_qualifiers_bound_the_claim() -> None:
    over, under = extract("More than 50 died and up to 20 were hurt.")
    assert (over.low, over.high) == (50, None)
    assert (under.low, under.high) == (None, 20)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("soldiers", "soldier"),
        ("People", "person"),
        ("companies", "company"),
        ("churches", "church"),
        ("boxes", "box"),
        ("buses", "bus"),
        ("lives", "life"),
        ("police", "police"),
        ("crises", "crisis"),
        ("movies", "movie"),
        ("glass", "glass"),
    ],
)
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected
