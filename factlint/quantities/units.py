"""The unit lexicon: which words in news copy name which unit, and how to convert between them.

Units are data. The words writers use ("kilometres", "sq km", "tons", "°F") are mapped here to
factlint unit names; the conversion factors for those names come from pint through the generated
table in factlint/quantities/unit_table.py, so pint is never imported at run time.

A surface form can mean several units ("tons" is a short, long or metric ton; "gallons" US or
imperial): unit_readings() returns every plausible reading and the caller accepts a claim when
any reading fits, so ambiguity never produces a false alarm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factlint.infra.trie import phrase_trie
from factlint.quantities.unit_table import UNIT_TABLE


@dataclass(frozen=True, slots=True)
class UnitReading:
    """One meaning of a unit word, with what it takes to convert it to the SI base unit."""

    name: str  # factlint unit name (a key of UNIT_TABLE), e.g. "kilometer", "US_gallon"
    dimension: str  # "length" | "area" | "mass" | "volume" | "temperature" | "speed"
    factor: float  # value * factor + offset = value in the SI base unit
    offset: float  # 0 except temperatures (kelvin = value * factor + offset)
    short: str  # short display form for messages: "km", "miles", "sq km", "°C"


# Short display form of every unit, used in messages when the writer's own form is unknown.
_SHORT: dict[str, str] = {
    "millimeter": "mm",
    "centimeter": "cm",
    "meter": "m",
    "kilometer": "km",
    "inch": "in",
    "foot": "ft",
    "yard": "yd",
    "mile": "miles",
    "nautical_mile": "nautical miles",
    "square_meter": "sq m",
    "hectare": "ha",
    "square_kilometer": "sq km",
    "acre": "acres",
    "square_foot": "sq ft",
    "square_mile": "sq miles",
    "gram": "g",
    "kilogram": "kg",
    "metric_ton": "tonnes",
    "short_ton": "short tons",
    "long_ton": "long tons",
    "pound": "lb",
    "ounce": "oz",
    "stone": "stone",
    "milliliter": "ml",
    "liter": "litres",
    "US_gallon": "US gallons",
    "imperial_gallon": "imperial gallons",
    "US_pint": "US pints",
    "imperial_pint": "imperial pints",
    "oil_barrel": "barrels",
    "cubic_meter": "m³",
    "degree_Celsius": "°C",
    "degree_Fahrenheit": "°F",
    "kilometer_per_hour": "km/h",
    "mile_per_hour": "mph",
    "knot": "knots",
    "meter_per_second": "m/s",
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "fortnight": "fortnights",
    "month": "months",
    "year": "years",
    "decade": "decades",
    "century": "centuries",
}

# Words, written once in British spelling and singular; American spellings, plurals, "sq"
# abbreviations of "square ..." and case variants (Capitalised, UPPER) are derived below.
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("millimetre", ("millimeter",)),
    ("centimetre", ("centimeter",)),
    ("metre", ("meter",)),
    ("kilometre", ("kilometer",)),
    ("inch", ("inch",)),
    ("foot", ("foot",)),
    ("yard", ("yard",)),
    ("mile", ("mile",)),
    ("nautical mile", ("nautical_mile",)),
    ("square metre", ("square_meter",)),
    ("hectare", ("hectare",)),
    ("square kilometre", ("square_kilometer",)),
    ("acre", ("acre",)),
    ("square foot", ("square_foot",)),
    ("square mile", ("square_mile",)),
    ("gram", ("gram",)),
    ("kilogram", ("kilogram",)),
    ("kilo", ("kilogram",)),
    ("tonne", ("metric_ton",)),
    ("metric ton", ("metric_ton",)),
    ("metric tonne", ("metric_ton",)),
    ("ton", ("short_ton", "long_ton", "metric_ton")),
    ("short ton", ("short_ton",)),
    ("long ton", ("long_ton",)),
    ("pound", ("pound",)),
    ("ounce", ("ounce",)),
    ("stone", ("stone",)),
    ("millilitre", ("milliliter",)),
    ("litre", ("liter",)),
    ("gallon", ("US_gallon", "imperial_gallon")),
    ("US gallon", ("US_gallon",)),
    ("U.S. gallon", ("US_gallon",)),
    ("imperial gallon", ("imperial_gallon",)),
    ("pint", ("US_pint", "imperial_pint")),
    ("US pint", ("US_pint",)),
    ("imperial pint", ("imperial_pint",)),
    ("barrel", ("oil_barrel",)),
    ("cubic metre", ("cubic_meter",)),
    ("degree Celsius", ("degree_Celsius",)),
    ("degree centigrade", ("degree_Celsius",)),
    ("degree C", ("degree_Celsius",)),
    ("Celsius", ("degree_Celsius",)),
    ("centigrade", ("degree_Celsius",)),
    ("degree Fahrenheit", ("degree_Fahrenheit",)),
    ("degree F", ("degree_Fahrenheit",)),
    ("Fahrenheit", ("degree_Fahrenheit",)),
    ("kilometre per hour", ("kilometer_per_hour",)),
    ("kilometre an hour", ("kilometer_per_hour",)),
    ("km per hour", ("kilometer_per_hour",)),
    ("km an hour", ("kilometer_per_hour",)),
    ("mile per hour", ("mile_per_hour",)),
    ("mile an hour", ("mile_per_hour",)),
    ("knot", ("knot",)),
    ("metre per second", ("meter_per_second",)),
    ("metre a second", ("meter_per_second",)),
    ("second", ("second",)),
    ("minute", ("minute",)),
    ("hour", ("hour",)),
    ("day", ("day",)),
    ("week", ("week",)),
    ("fortnight", ("fortnight",)),
    ("month", ("month",)),
    ("year", ("year",)),
    ("decade", ("decade",)),
    ("century", ("century",)),
)

# Abbreviations and symbols are case-exact: "m" is a metre but "M" is not, "C" is Celsius but
# "c" is not. Each is (singular, plural) -> names; abbreviations keep their form for any value.
_ABBREVIATIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("mm", "mm", ("millimeter",)),
    ("cm", "cm", ("centimeter",)),
    ("m", "m", ("meter",)),
    ("km", "km", ("kilometer",)),
    ("in", "in", ("inch",)),
    ("ft", "ft", ("foot",)),
    ("yd", "yds", ("yard",)),
    ("mi", "mi", ("mile",)),
    ("m²", "m²", ("square_meter",)),
    ("m2", "m2", ("square_meter",)),
    ("sq m", "sq m", ("square_meter",)),
    ("sq. m", "sq. m", ("square_meter",)),
    ("sqm", "sqm", ("square_meter",)),
    ("ha", "ha", ("hectare",)),
    ("km²", "km²", ("square_kilometer",)),
    ("km2", "km2", ("square_kilometer",)),
    ("sq km", "sq km", ("square_kilometer",)),
    ("sq. km", "sq. km", ("square_kilometer",)),
    ("sq ft", "sq ft", ("square_foot",)),
    ("sq. ft", "sq. ft", ("square_foot",)),
    ("ft²", "ft²", ("square_foot",)),
    ("sq mi", "sq mi", ("square_mile",)),
    ("sq. mi", "sq. mi", ("square_mile",)),
    ("g", "g", ("gram",)),
    ("kg", "kgs", ("kilogram",)),
    ("t", "t", ("metric_ton",)),
    ("lb", "lbs", ("pound",)),
    ("oz", "oz", ("ounce",)),
    ("ml", "ml", ("milliliter",)),
    ("mL", "mL", ("milliliter",)),
    ("l", "l", ("liter",)),
    ("L", "L", ("liter",)),
    ("gal", "gal", ("US_gallon", "imperial_gallon")),
    ("bbl", "bbl", ("oil_barrel",)),
    ("m³", "m³", ("cubic_meter",)),
    ("m3", "m3", ("cubic_meter",)),
    ("cu m", "cu m", ("cubic_meter",)),
    ("°C", "°C", ("degree_Celsius",)),
    ("ºC", "ºC", ("degree_Celsius",)),  # masculine ordinal, a common typo for the degree sign
    ("℃", "℃", ("degree_Celsius",)),
    ("C", "C", ("degree_Celsius",)),
    ("°F", "°F", ("degree_Fahrenheit",)),
    ("° F", "°F", ("degree_Fahrenheit",)),
    ("° Fahrenheit", "°F", ("degree_Fahrenheit",)),
    ("°Fahrenheit", "°F", ("degree_Fahrenheit",)),
    ("° C", "°C", ("degree_Celsius",)),
    ("° Celsius", "°C", ("degree_Celsius",)),
    ("°Celsius", "°C", ("degree_Celsius",)),
    ("ºF", "ºF", ("degree_Fahrenheit",)),
    ("℉", "℉", ("degree_Fahrenheit",)),
    ("F", "F", ("degree_Fahrenheit",)),
    ("km/h", "km/h", ("kilometer_per_hour",)),
    ("km/hr", "km/hr", ("kilometer_per_hour",)),
    ("kmh", "kmh", ("kilometer_per_hour",)),
    ("kph", "kph", ("kilometer_per_hour",)),
    ("mph", "mph", ("mile_per_hour",)),
    ("MPH", "MPH", ("mile_per_hour",)),
    ("kn", "kn", ("knot",)),
    ("m/s", "m/s", ("meter_per_second",)),
    ("sec", "secs", ("second",)),
    ("min", "mins", ("minute",)),
    ("hr", "hrs", ("hour",)),
    ("yr", "yrs", ("year",)),
)

# Forms left out on purpose: "nm" (nanometre), "st" (street, saint), "kt" (kiloton), "mt".

_IRREGULAR_PLURALS = {"foot": "feet", "inch": "inches", "stone": "stone", "century": "centuries"}
_NO_PLURAL = {"celsius", "fahrenheit", "centigrade", "km"}


def _plural(phrase: str) -> str:
    """Pluralise the head noun: "mile per hour" -> "miles per hour", "degree C" -> "degrees C"."""
    words = phrase.split(" ")
    head = len(words) - 1
    for i, word in enumerate(words[1:], start=1):
        if word in ("per", "an", "a"):
            head = i - 1
            break
    if words[0] == "degree":
        head = 0
    word = words[head]
    if word.lower() in _NO_PLURAL or len(word) == 1:
        return phrase
    words[head] = _IRREGULAR_PLURALS.get(word, word + "s")
    return " ".join(words)


def _spellings(phrase: str) -> list[str]:
    """British and American spellings of a phrase ("kilometre", "kilometer")."""
    american = phrase.replace("metre", "meter").replace("litre", "liter")
    forms = [phrase] if american == phrase else [phrase, american]
    if phrase.endswith("gram"):
        forms.append(phrase + "me")
    return forms


def _fold(surface: str) -> str:
    """Case-fold everything but one-letter tokens, which are case-exact ("degrees C")."""
    return " ".join(t if len(t) == 1 else t.lower() for t in surface.split(" "))


def _case_variants(phrase: str) -> list[str]:
    """As written, lower-cased, Capitalised (sentence start) and UPPER (headlines)."""
    lower = " ".join(t if t.isupper() else t.lower() for t in phrase.split(" "))
    capitalised = [form[:1].upper() + form[1:] for form in (phrase, lower)]
    return [phrase, lower, *capitalised, phrase.upper()]


_Names = tuple[str, ...]
# Time words are read in lower case only: "60 Minutes" and "24 Hour" are titles in news
# copy, and the unit pattern stays small.
_TIME = frozenset(
    ("second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century")
)


def _build() -> tuple[dict[str, _Names], dict[str, _Names], dict[str, tuple[str, str, bool]]]:
    """Surface form -> names (exact, and case-folded for words only), and surface form ->
    (singular, plural, pluralises) for display."""
    surfaces: dict[str, _Names] = {}
    folded: dict[str, _Names] = {}
    numbers: dict[str, tuple[str, str, bool]] = {}
    for phrase, names in _WORDS:
        for spelled in _spellings(phrase):
            pairs = [(spelled, _plural(spelled))]
            if spelled.startswith("square "):
                rest = spelled.removeprefix("square ")
                pairs += [(f"{sq} {rest}", f"{sq} {_plural(rest)}") for sq in ("sq", "sq.")]
            if spelled == "stone":
                pairs.append(("stone", "stones"))
            for singular, plural in pairs:
                variants = _case_variants if names[0] not in _TIME else lambda form: [form]
                for sing_v, plur_v in zip(variants(singular), variants(plural), strict=True):
                    for form in (sing_v, plur_v):
                        surfaces.setdefault(form, names)
                        folded.setdefault(_fold(form), names)
                        numbers.setdefault(form, (sing_v, plur_v, True))
    for singular, plural, names in _ABBREVIATIONS:
        for form in (singular, plural):
            surfaces.setdefault(form, names)
            numbers.setdefault(form, (singular, plural, False))
    return surfaces, folded, numbers


_SURFACES, _FOLDED, _NUMBER_FORMS = _build()

_READINGS: dict[str, UnitReading] = {
    name: UnitReading(name, dim, factor, offset, _SHORT[name])
    for name, (dim, _expr, factor, offset) in UNIT_TABLE.items()
}

_SEPARATOR = r"[ \xa0-]"  # between the words of a unit: "square metre", "square-metre"
_END = r"(?![\w²³])"  # a unit never runs on into a word ("5 men") or a superscript ("km²")


# "in" is only an inch when attached to the number ("10in", "12-in") or followed by no word:
# "5 in (13 cm)" yes, "1 in 10" and "5 in Paris" no.
_INCH = r"(?<=[\d-])in|in(?!\s+\w)"

UNIT_PATTERN: str = (
    "(?:" + phrase_trie([f for f in _SURFACES if f != "in"], _SEPARATOR) + "|" + _INCH + ")" + _END
)


def _normalise(surface: str) -> str:
    return re.sub(r"[\s\-]+", " ", surface).strip()


def unit_readings(surface: str) -> tuple[UnitReading, ...]:
    """Every plausible reading of a unit as written; () when the form is not a unit."""
    key = _normalise(surface)
    names = _SURFACES.get(key) or _FOLDED.get(_fold(key), ())
    return tuple(_READINGS[name] for name in names)


def convert(value: float, src: UnitReading, dst: UnitReading, *, difference: bool = False) -> float:
    """Convert between two readings of one dimension.

    difference=True converts a temperature *difference* ("warmed by 1.5C (2.7F)"): the scale
    applies but not the offset. It makes no difference for other dimensions.
    """
    if src.dimension != dst.dimension:
        raise ValueError(
            f"cannot convert {src.name} ({src.dimension}) to {dst.name} ({dst.dimension})"
        )
    if src.name == dst.name:
        return value
    if difference:
        return value * src.factor / dst.factor
    return (value * src.factor + src.offset - dst.offset) / dst.factor


def display_unit(reading: UnitReading, surface: str, value: float) -> str:
    """How to write the unit in a proposed fix, keeping to the writer's own form.

    The writer's form is kept when it names this reading, with its grammatical number adjusted
    to the value ("miles" -> "mile" for 1). A form written with a hyphen is adjectival
    ("a 20-mile road", "2,500-square-foot home") and is never pluralised; a caller may pass the
    joining hyphen itself ("-mile") and gets it back. When the writer's form does not name this
    reading, the reading's short form is used ("miles", or "mile" for 1 or adjectival use).
    """
    core = surface.lstrip(" \xa0-")
    lead = surface[: len(surface) - len(core)]
    core = core.rstrip()
    adjectival = "-" in lead or "-" in core
    if reading not in unit_readings(core):
        short = reading.short
        if adjectival or value in (1, -1):
            short = _NUMBER_FORMS.get(short, (short,))[0]
        return lead + short
    if adjectival:
        return lead + core
    key = _normalise(core)
    forms = _NUMBER_FORMS.get(key)
    if forms is None:
        return lead + core
    singular, plural, pluralises = forms
    if value in (1, -1):
        chosen = singular
    elif pluralises:
        chosen = plural
    else:
        chosen = key
    if chosen == key:
        return lead + core
    space = next((ch for ch in core if ch.isspace()), " ")
    return lead + chosen.replace(" ", space)
