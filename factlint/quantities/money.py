"""Amounts of money as news copy writes them: "$1.2bn", "US$5m", "RM3.6 billion",
"about 500 million dollars", "a 300 billion euro package", "£131,961".

An amount keeps every currency its mark may stand for ("¥" is yen or yuan,
"krone" Danish or Norwegian), and a check passes when any reading fits, as
with ambiguous units.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from factlint.infra.regex_store import compiled_regex
from factlint.quantities.numbers import GLUED_NUMBER_PATTERN, NUMBER_PATTERN, Number, parse_number

# Marks written before the figure. Longest first so "US$" is not read as "$".
_PREFIX_MARKS: dict[str, tuple[str, ...]] = {
    "US$": ("USD",),
    "Mex$": ("MXN",),
    "MX$": ("MXN",),
    "U.S.$": ("USD",),
    "A$": ("AUD",),
    "AU$": ("AUD",),
    "C$": ("CAD",),
    "CA$": ("CAD",),
    "HK$": ("HKD",),
    "S$": ("SGD",),
    "NZ$": ("NZD",),
    "R$": ("BRL",),
    "$": ("USD",),
    "£": ("GBP",),
    "€": ("EUR",),
    "¥": ("JPY", "CNY"),
    "₹": ("INR",),
    "₩": ("KRW",),
    "RM": ("MYR",),
    # the riyal's and the dirham's marks in Gulf copy: "SR 100m", "QR5bn", "Dhs 2bn"
    "SR": ("SAR",),
    "QR": ("QAR",),
    "Dhs": ("AED",),
    "Dh": ("AED", "MAD"),
    "Rs.": ("INR",),
    "Rs": ("INR",),
    "Rp": ("IDR",),
    "R": ("ZAR",),
}

# Letter marks that may stand apart from the figure ("Rs 500", "RM 3.6 billion").
_SPACED_MARKS = ("Rs.", "Rs", "RM", "Rp", "SR", "QR", "Dhs", "Dh")

# ISO codes usable before or after a figure: the currencies the ECB publishes, then those
# only factlint's table of pegs and averages (data/usd_rates.txt) has a rate for, and the
# Kuwaiti dinar, read so that a conversion from it is undecidable rather than unseen.
ISO_CODES = (
    "USD",
    "EUR",
    "JPY",
    "GBP",
    "CHF",
    "AUD",
    "CAD",
    "CNY",
    "HKD",
    "INR",
    "MYR",
    "NZD",
    "SGD",
    "ZAR",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "CZK",
    "HUF",
    "RON",
    "BGN",
    "TRY",
    "ISK",
    "BRL",
    "MXN",
    "KRW",
    "IDR",
    "ILS",
    "PHP",
    "THB",
    "SAR",
    "AED",
    "QAR",
    "OMR",
    "BHD",
    "JOD",
    "KWD",
    "MAD",
)

# Names written after the figure; adjectives such as "US" or "Swiss" narrow them.
_NAMES: dict[str, tuple[str, ...]] = {
    "US dollars": ("USD",),
    "US dollar": ("USD",),
    "U.S. dollars": ("USD",),
    "American dollars": ("USD",),
    "Australian dollars": ("AUD",),
    "Canadian dollars": ("CAD",),
    "Hong Kong dollars": ("HKD",),
    "Singapore dollars": ("SGD",),
    "New Zealand dollars": ("NZD",),
    "dollars": ("USD",),
    "dollar": ("USD",),
    "euros": ("EUR",),
    "euro": ("EUR",),
    "pounds sterling": ("GBP",),
    "pounds": ("GBP",),
    "pound": ("GBP",),
    "sterling": ("GBP",),
    "yen": ("JPY",),
    "yuan": ("CNY",),
    "renminbi": ("CNY",),
    "ringgit": ("MYR",),
    "rupees": ("INR",),
    "rupee": ("INR",),
    "Swiss francs": ("CHF",),
    "francs": ("CHF",),
    "franc": ("CHF",),
    "rand": ("ZAR",),
    "won": ("KRW",),
    "kronor": ("SEK",),
    "krona": ("SEK", "ISK"),
    "kronur": ("ISK",),
    "kroner": ("DKK", "NOK"),
    "krone": ("DKK", "NOK"),
    "zloty": ("PLN",),
    "zlotys": ("PLN",),
    "forint": ("HUF",),
    "lira": ("TRY",),
    "reais": ("BRL",),
    "real": ("BRL",),
    "pesos": ("MXN", "PHP", "ARS", "CLP", "COP"),  # Mexico, the Philippines, Argentina, ...
    "peso": ("MXN", "PHP", "ARS", "CLP", "COP"),
    "baht": ("THB",),
    "rupiah": ("IDR",),
    "shekels": ("ILS",),
    "shekel": ("ILS",),
    "lei": ("RON",),
    "leu": ("RON",),
    "leva": ("BGN",),
    "lev": ("BGN",),
    "koruna": ("CZK",),
    "korunas": ("CZK",),
    # Arab currencies: one name, several countries. Every reading is kept ("dinars" may
    # be Bahraini, Jordanian, Kuwaiti, Iraqi ...); a country's adjective narrows it.
    "riyals": ("SAR", "QAR"),
    "riyal": ("SAR", "QAR"),
    "Saudi riyals": ("SAR",),
    "Saudi riyal": ("SAR",),
    "Qatari riyals": ("QAR",),
    "Qatari riyal": ("QAR",),
    "rials": ("OMR", "IRR", "YER"),
    "rial": ("OMR", "IRR", "YER"),
    "Omani rials": ("OMR",),
    "Omani rial": ("OMR",),
    "Iranian rials": ("IRR",),
    "Yemeni rials": ("YER",),
    "Yemeni riyals": ("YER",),
    "dirhams": ("AED", "MAD"),
    "dirham": ("AED", "MAD"),
    "UAE dirhams": ("AED",),
    "UAE dirham": ("AED",),
    "Emirati dirhams": ("AED",),
    "Moroccan dirhams": ("MAD",),
    "dinars": ("BHD", "JOD", "KWD", "IQD", "LYD", "TND", "DZD", "RSD"),
    "dinar": ("BHD", "JOD", "KWD", "IQD", "LYD", "TND", "DZD", "RSD"),
    "Bahraini dinars": ("BHD",),
    "Jordanian dinars": ("JOD",),
    "Jordanian dinar": ("JOD",),
    "Kuwaiti dinars": ("KWD",),
    "Kuwaiti dinar": ("KWD",),
    "Iraqi dinars": ("IQD",),
    "Libyan dinars": ("LYD",),
    "Tunisian dinars": ("TND",),
    "Algerian dinars": ("DZD",),
    "Serbian dinars": ("RSD",),
    # hundredths: "197 pence", "1.20 cents" (see _SUBUNITS)
    "pence": ("GBP",),
    "penny": ("GBP",),
    "cents": ("USD", "EUR"),
    "cent": ("USD", "EUR"),
}
# Marks that name a hundredth of the currency: "930p" is £9.30.
_SUBUNITS: dict[str, float] = {"p": 0.01, "pence": 0.01, "penny": 0.01, "cents": 0.01, "cent": 0.01}
# Names that are ordinary words too: only read as money right after a figure with a
# scale or a code-like context, never as "500 real ..." or "10 won".
_RISKY_NAMES = frozenset({"real", "won", "lev", "rand", "lei", "franc", "pound"})


def _alternation(words) -> str:  # noqa: ANN001 - any iterable of literal strings
    return "|".join(
        # longest first; ties in a fixed order, so the pattern (and its cached compiled
        # form, infra/regex_store.py) is the same in every process whatever the hash seed
        regex.escape(w).replace(r"\ ", r"[^\S\n]+")
        for w in sorted(words, key=lambda w: (-len(w), w))
    )


_SPACE = r"[^\S\n]"
_CODES = "|".join(ISO_CODES)
# U+E000 starts a figure token in the rule engine's view of the prose (engine/figures.py)
_FIGURE_AHEAD = r"(?=[\d.\ue000])"
_PREFIX = (
    rf"(?<![\w$£€¥])(?:(?:{_alternation(_PREFIX_MARKS)}){_FIGURE_AHEAD}"
    rf"|(?:{_alternation(_SPACED_MARKS)}){_SPACE}{_FIGURE_AHEAD}"
    rf"|(?:{_CODES}){_SPACE}?{_FIGURE_AHEAD})"
)
# How every amount starts where figures are tokens: the token, a currency sign, or a
# letter mark of at most four characters ("US$", "U.S.$", "Rs.", "USD ") right before
# the token or a dollar sign. A look-ahead the rule engine tries where the cheap test of
# the first character passes, so most capital letters are given up at once.
MONEY_START_PATTERN = r"[\ue000\p{Sc}]|[A-Z][A-Za-z.]{0,3}[^\S\n]?[\ue000$]"
_SAFE_NAMES = [n for n in _NAMES if n not in _RISKY_NAMES]
# After a scale ("100 trillion won", "6.8bn rand") a risky name is money: the figure
# then ends in a letter, which the look-behind checks without reading the scale again.
_SUFFIX = (
    rf"(?:(?:{_alternation(_SAFE_NAMES)}|{_CODES}|€)"
    rf"|(?<=[A-Za-z]{_SPACE}|[A-Za-z]-)(?:{_alternation(_RISKY_NAMES)}))(?![\w$£€])"
)
_GLUED_SUFFIX = r"p(?![\w%'’])"  # "930p": pence written against the figure


def money_pattern(number: str, glued_number: str) -> str:
    """An amount around a given figure pattern; `glued_number` may follow a letter ("RM3")."""
    return (
        rf"(?:(?:{_PREFIX})(?:{glued_number})(?![\w%])"
        rf"|(?:{number})(?:(?:{_SPACE}|-)(?:{_SUFFIX})|{_GLUED_SUFFIX}))"
    )


MONEY_PATTERN = money_pattern(NUMBER_PATTERN, GLUED_NUMBER_PATTERN)
# What follows a figure that a currency name or code comes after: a cheap test before
# the whole pattern, which reads the figure again.
MONEY_AFTER_PATTERN = rf"(?:{_SPACE}|-)(?:{_SUFFIX})|{_GLUED_SUFFIX}"


@dataclass(frozen=True, slots=True)
class Money:
    number: Number
    currencies: tuple[str, ...]  # every reading, most likely first
    mark: str  # the symbol, code or name as written
    unit: float = 1.0  # 0.01 for pence and cents: the figure counts hundredths

    @property
    def currency(self) -> str:
        return self.currencies[0]


@lru_cache(maxsize=1)
def _readers() -> tuple[regex.Pattern, regex.Pattern]:
    prefix = compiled_regex(rf"(?P<mark>{_PREFIX})(?P<number>{GLUED_NUMBER_PATTERN})")
    suffix = compiled_regex(
        rf"(?P<number>{NUMBER_PATTERN})(?:(?:{_SPACE}|-)(?P<mark>{_SUFFIX})|(?P<mark>{_GLUED_SUFFIX}))"
    )
    return prefix, suffix


def _currencies(mark: str) -> tuple[str, ...]:
    mark = regex.sub(r"\s+", " ", mark.strip())
    if mark.upper() in ISO_CODES and mark.isupper():
        return (mark.upper(),)
    if mark in _PREFIX_MARKS:
        return _PREFIX_MARKS[mark]
    if mark == "p":
        return ("GBP",)
    for name, codes in _NAMES.items():
        if mark.lower() == name.lower():
            return codes
    return ()


@lru_cache(maxsize=4096)
def parse_money(text: str) -> Money | None:
    """Read a string MONEY_PATTERN matched; None when it is not an amount after all."""
    prefix, suffix = _readers()
    found = prefix.fullmatch(text) or suffix.fullmatch(text)
    if not found:
        return None
    number = parse_number(found["number"])
    if number is None or number.percent:
        return None
    currencies = _currencies(found["mark"])
    if not currencies:
        return None
    mark = found["mark"].strip()
    return Money(number, currencies, mark, _SUBUNITS.get(mark.lower(), 1.0))


@lru_cache(maxsize=4096)
def parse_amount(text: str) -> Money | Number | None:
    """An amount: money when a currency is written, else the plain figure; never a percent.

    Rules that compare a figure with money of the same clause ("from $10.9bn to
    11.1bn") bind both as amounts; a converter compares currencies only when both
    sides name one.
    """
    money = parse_money(text)
    if money is not None:
        return money
    number = parse_number(text)
    if number is None or number.percent:
        return None
    return number


def with_default_dollar(money: Money, dollar: str) -> Money:
    """Plain "$" and "dollars" mean USD unless the configuration names another dollar."""
    if dollar == "USD" or money.mark not in ("$", "dollars", "dollar", "cents", "cent"):
        return money
    readings = (dollar,) + tuple(c for c in money.currencies if c != dollar)
    return Money(money.number, readings, money.mark, money.unit)


_GLUED_MARKS = [m for m in _PREFIX_MARKS if m[-1].isalpha() or m.endswith(".")] + list(ISO_CODES)
_LONGEST_GLUED_MARK = max(map(len, _GLUED_MARKS))


@lru_cache(maxsize=1)
def _glued_finder() -> regex.Pattern:
    marks = _alternation(_GLUED_MARKS)
    return compiled_regex(rf"(?<![\w$£€¥])(?:{marks})(?P<number>{GLUED_NUMBER_PATTERN})")


def find_glued_figures(text: str) -> list[tuple[int, int]]:
    """Figures written against a currency's letters ("RM3.6 billion", "Rs300", "R50"),
    which a plain number search does not see as starting a word."""
    finder = _glued_finder()
    spans = []
    # Digits right after a letter or a point are rare; only there can a mark be glued.
    for digit in compiled_regex(r"(?<=[A-Za-z.])\d").finditer(text):
        at = digit.start()
        for back in range(1, _LONGEST_GLUED_MARK + 1):
            found = finder.match(text, at - back) if at >= back else None
            if found is not None and found.start("number") == at:
                spans.append(found.span("number"))
                break
    return spans
