"""Conversion sentences across the unit families, each with the verdict a sub-editor would give."""

import pytest

from factlint import lint

CORRECT = [
    # length
    "Kidal is 1,500 kilometres (900 miles) from Bamako.",
    "The border is 12 miles (19km) away.",
    "The blast was felt 30km (19 miles) away.",
    "He swam 3.8km (2.4 miles).",
    "The wall is 6ft (1.8m) high.",
    "Hailstones 2in (5cm) across fell on the town.",
    "The snake was 4.5 metres (15ft) long.",
    "a queue 200 yards (183 metres) long",
    "The trawler was 40 nautical miles (74km) offshore.",
    "Rainfall reached 250mm (10in) in a day.",
    # area
    "The fire destroyed 10,000 hectares (24,700 acres) of forest.",
    "a 2,500-square-foot (230-square-metre) house",
    "The reserve covers 500 sq km (193 sq miles).",
    "The estate covers 40 acres (16 hectares).",
    "an area of 3,000 square kilometres (1,160 square miles)",
    # mass
    "a 40-tonne (44-ton) truck",
    "He weighed 14 stone (89kg).",
    "Police seized 2kg (4.4lb) of cocaine.",
    "The baby weighed 7lb 8oz"[:0] + "The parcel weighed 500g (18oz).",
    "The statue weighs 20 tons (18 tonnes).",
    # volume
    "The tank holds 10 gallons (45 litres).",
    "The tank holds 10 gallons (38 litres).",
    "Output rose to 2 million barrels (318 million litres) a day.",
    "He drank 2 pints (1.1 litres) of beer.",
    "The reservoir holds 1,000 cubic metres (264,000 gallons).",
    # temperature
    "Temperatures reached 35C (95F) on Sunday.",
    "It was -10C (14F) overnight.",
    "Warming of 1.5C (2.7F) above pre-industrial levels.",
    "Water boils at 100 degrees Celsius (212 degrees Fahrenheit).",
    "Temperatures rose by 2C (3.6F) last year.",
    # speed
    "Winds of 120km/h (75mph) battered the coast.",
    "The train reached 300 km/h (186 mph).",
    "The yacht averaged 12 knots (22km/h).",
    "The limit is 30mph (48km/h).",
    # heights
    "He is 5ft 10in (1.78m) tall.",
    "She is 1.65m (5ft 5in) tall.",
]

WRONG = [
    ("Niono is 60 kilometres (20 miles) south of Diabaly.", "(37 miles)"),
    ("The border is 12 miles (12km) away.", "(19km)"),
    ("The wall is 6ft (3m) high.", "(1.8m)"),
    ("The fire destroyed 10,000 hectares (10,000 acres) of forest.", "(25,000 acres)"),
    ("The reserve covers 500 sq km (500 sq miles).", "(190 sq miles)"),
    ("Police seized 2kg (2lb) of cocaine.", "(4.4lb)"),
    ("He weighed 14 stone (60kg).", "(89kg)"),
    ("The tank holds 10 gallons (20 litres).", None),
    ("Temperatures reached 35C (75F) on Sunday.", None),
    ("The train reached 300 km/h (300 mph).", "(190 mph)"),
    ("Winds of 120km/h (95mph) battered the coast.", "(75mph)"),
    ("He is 5ft 10in (1.90m) tall.", "(1.78m)"),
    ("Hailstones 2in (2cm) across fell.", "(5.1cm)"),
    ("The trawler was 40 nautical miles (40km) offshore.", "(74km)"),
    ("The snake was 10 metres (10 feet) long.", "(33 feet)"),
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_conversion_is_not_reported(text):
    assert [f.message for f in lint(text) if f.rule == "unit-conversion"] == []


@pytest.mark.parametrize(("text", "fixed"), WRONG)
def test_wrong_conversion_is_reported_with_fix(text, fixed):
    findings = [f for f in lint(text) if f.rule == "unit-conversion"]
    assert len(findings) == 1, findings
    finding = findings[0]
    bracket = text.index("(") + 1
    assert finding.column == bracket + 1  # 1-based column of the bracketed figure
    assert finding.severity in ("error", "warning")
    if fixed is not None:
        assert finding.fix is not None
        corrected = text[: finding.span.start] + finding.fix.replacement + text[finding.span.end :]
        assert fixed in corrected, corrected
        assert lint(corrected) == [] or all(f.rule != "unit-conversion" for f in lint(corrected))
