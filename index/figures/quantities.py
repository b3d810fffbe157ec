"""What a number is a quantity of, read from the words glued around it.

A number alone is a count. The words around it make it something else:
  a currency ("$2 billion", "US$3.8bn", "15 billion dollars", "€2m")        -> money, unit "USD"
  a percent sign or word ("45%", "9 percent", "per cent")                   -> percent, unit "%"
  a unit of measurement ("240 km", "2,750 tonnes", "90 km/h", "38C")       -> measurement
  a unit written before it ("magnitude 3.3", "Mw 3.5")                     -> measurement
  a level word before it ("Category 3", "alert level 2")                   -> category
  a time unit ("six years", "nearly 11 months")                             -> duration
  "per 100,000", "a day" after it ("3.2 per 100,000", "30 people a day")   -> rate
A second number joined by "to", "-", or "and" after "between" makes a range: one figure with
both bounds, sharing the currency, scale and unit written once ("$3.8-4.6 billion",
"2.9 billion to 3.5 billion dollars", "10-15 people"). Shares in words ("more than half",
"a fifth of", "one in four") are percents.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from index.figures.grammar import AUXILIARIES, FUNCTION_WORDS, UNIT_NUMBERS, looks_plural
from index.figures.vocabulary import VOCAB, alternation

# Symbols, the codes themselves ("USD 3m") and abbreviations of two letters ("Rs 500") go before a
# number; words after it.
_CURRENCY_SYMBOLS = [p for p, code in VOCAB.currencies.items() if not p.isalpha() or p == code.lower() or len(p) == 2]
# Words of four letters or more, and "yen": a shorter word after a number is as often a name.
_CURRENCY_WORDS = [p for p in VOCAB.currencies if p.replace(" ", "").replace(".", "").isalpha()
                   and (len(p) > 3 or p == "yen")]
# Symbols and codes right before the number, possibly with a space ("US$ 3.8", "EUR 2m").
CURRENCY_BEFORE = re.compile(rf"(?<![\w$€£¥])(?P<currency>{alternation(_CURRENCY_SYMBOLS)})\s?$", re.I)
# after a space or, in a compound before a noun, a hyphen: "a 10-million-euro fund"
CURRENCY_AFTER = re.compile(rf"(?:\s*|-)(?P<currency>{alternation(_CURRENCY_WORDS)})\b", re.I)
SCALE_AFTER = re.compile(rf"\s?(?P<scale>{alternation(VOCAB.scales)})\b", re.I)
PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per\s+cent\b)(?P<points>\s+percentage\s+points?\b)?", re.I)
_SHORT_UNITS = {"m", "c", "f"}         # read only glued to the number ("43m", "38C") or, for m, with one space
MEASUREMENT_AFTER = re.compile(
    rf"(?:\s*-\s*|\s?)(?P<unit>{alternation(u for u in VOCAB.measurement_units if u not in _SHORT_UNITS)})"
    rf"(?![\w/²³])|(?P<short>(?<=\d)(?:m|c|f)\b|(?<=\d)°[cf]?|(?<=\d) m\b(?!\s*(?:people|of)\b))",
    re.I,
)
PREFIX_UNIT_BEFORE = re.compile(rf"(?<![\w-])(?P<prefix>{alternation(VOCAB.prefix_units)})\s+$", re.I)
# A currency named in the singular: what an exchange rate is given in ("9.80 to the dollar").
_SINGULAR_CURRENCIES = sorted(p for p, code in VOCAB.currencies.items() if p.replace(" ", "").isalpha()
                              and p != code.lower() and not p.endswith("s") and len(p) > 2)
# A rate: "per 100,000", "per 1,000 people", "a day", "for each week", "daily"; an exchange rate: "9.80
# to the dollar", "10.04 per dollar", "45.6 dalans to the dollar".
RATE_AFTER = re.compile(
    rf"\s+(?:(?:to|per|against)\s+(?:the\s+|one\s+|a\s+|each\s+)?(?P<currency>{alternation(_SINGULAR_CURRENCIES)})\b"
    r"|(?:(?:per|for\s+every)\s+|(?:in|out\s+of)\s+every\s+(?=\d{1,3},\d{3}|\d{4}))"
    r"(?P<base>\d{1,3}(?:,\d{3})+|\d+)(?:\s+(?P<per>[a-z]+)(?:\s+(?P<per2>[a-z]+))?)?"
    r"|(?:per|a|an|each|every|for\s+(?:each|every))\s+(?P<period>day|week|month|year|hour|capita|head|person)\b"
    # "seven a day earlier", "a year on, the town ..." are no rate; "3.4 a year on the coast" is
    r"(?!\s+(?:earlier|later|ago|before|after|on(?=\s*(?:[,.;:]|$|from\b))|into|in\s+advance))"
    r"|(?P<daily>daily)\b"
    # a density: "9.6 people per square metre"
    r"|per\s+(?P<area>square\s+(?:metre|meter|kilometre|kilometer|mile|foot)|sq\.?\s+(?:km|m|mi)|km²|m²|hectare|acre)s?\b)",
    re.I,
)
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and|or)\s*", re.I)
BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s+$", re.I)
# not "a quarter of an hour": a share of a unit is a number of it (numbers.py); a quotation may end
# before the "of" ('"more than two thirds" of its staff')
# "a fifth of", "between a quarter and a third of"
FRACTION = re.compile(rf"\b(?P<fraction>{alternation(VOCAB.fractions)})(?=[\"”']?\s+(?:of|the|its|their)\b|"
                      rf"\s+(?:and|to|or)\s+(?:{alternation(VOCAB.fractions)})\b)"
                      rf"(?!\s+of\s+an?\s+(?:{alternation(VOCAB.units)})\b)", re.I)
# "has grown by a fifth since 2021": a change by a share, whatever follows
FRACTION_OF_CHANGE = re.compile(rf"\b(?P<fraction>{alternation(VOCAB.fractions)})\b(?!\s+(?:of\s+)?an?\s)", re.I)
ONE_IN = re.compile(r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<of>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(UNIT_NUMBERS) + r")\b(?![.,]\d)",
                    re.I)
# Out of this many or more, "48 in every 100,000" is a rate per head (rate_after), not a share.
_RATE_BASE = 1000
# Verbs that make "from A to B" a change of one figure (a revision), not a range.
_CHANGE_BEFORE = re.compile(r"\b(?:rose|risen|rising|rise|rises|raised|raise|raises|raising|revised|revise|revises|"
                            r"revising|increased|increase|increases|climbed|climb|climbs|jumped|jump|jumps|fell|"
                            r"fallen|fall|falls|falling|dropped|drop|drops|lowered|lower|lowers|decreased|decrease|"
                            r"decreases|cut|cuts|grew|grow|grows|corrected|corrects|correct|updated|updates|update|"
                            r"adjusted|adjusts|adjust)\b[^,;.]*$|\b(?:up|down)\s+$"
                            # "took the policy rate from 9% to 19.5%": a verb moving its object
                            r"|\b(?:took|takes|taking|pushed|pushes|pushing|lifted|lifts|lifting|brought|brings|bringing)"
                            r"\s+(?:the|its|their|his|her)\s[^,;.]*$"
                            # a source moving its own figure, over an aside: "revised its count for the
                            # busiest day, Thursday 4 March, from 6,850 to 7,120"
                            r"|\b(?:revised|raised|lowered|cut|updated|corrected)\s+(?:its|their)\s+(?:\w+\s+)?"
                            r"(?:count|estimate|figure|tally|total)\b[^;.]*$", re.I)


_WEIGHT_TOO = frozenset({"pounds", "pound"})
# A mass of a substance in each litre or cubic metre is a concentration: "0.31 grams of alcohol per
# litre" is 0.31 g/l, "12 milligrams of nitrate per litre" 12 mg/l (the figure's words stay "0.31 grams")
_PER_VOLUME = re.compile(r"\s+of\s+(?:[a-z-]+\s+){1,3}?(?:per|a|in\s+(?:each|every))\s+(?P<volume>litre|liter|cubic\s+met(?:re|er))\b",
                         re.I)
_VOLUME_UNITS = {"litre": "l", "liter": "l", "cubic metre": "m³", "cubic meter": "m³"}
_WEIGHED = re.compile(r"\s+of\b", re.I)


@dataclass
class Decoration:
    """What the words around one number add to it."""
    start: int
    end: int
    kind: str = "count"
    unit: str | None = None
    scale: float = 1.0
    explicit_scale: bool = False


# A plural noun right after "1.5m" makes the "m" millions of it ("1.5m workers", "2m people"); a
# singular noun, an adjective or nothing leaves metres ("a 4.6m wall", "3m high").
_COUNTED_AFTER = re.compile(r"\s+(?:[a-z]+-)?(?:people|[a-z]{2,}(?<!ss)(?<!us)(?<!is)s)\b(?!\s+(?:high|deep|long|wide|tall)\b)")


def decorate(text: str, number_start: int, number_end: int, limit: int, glued: str | None,
             floor: int) -> Decoration:
    """The kind, unit and scale the words glued to a number give it, and the span they cover."""
    found = Decoration(number_start, number_end)
    before = text[max(floor, number_start - 24):number_start]
    currency = CURRENCY_BEFORE.search(before)
    if currency:
        found.kind, found.unit = "money", VOCAB.currencies[currency.group("currency").lower()]
        found.start = number_start - len(currency.group(0))
    else:
        prefix = PREFIX_UNIT_BEFORE.search(before)
        if prefix:
            unit = VOCAB.prefix_units[" ".join(prefix.group("prefix").lower().split())]
            found.kind, found.unit = ("measurement" if unit == "magnitude" else "category"), unit
            found.start = number_start - len(prefix.group(0))
    end = number_end
    if glued:
        scale = VOCAB.scales.get(glued.lower())
        if scale and (found.kind == "money" or glued.lower() in ("bn", "mn", "tn", "k")):
            found.scale, found.explicit_scale = scale, True
            end = number_end       # the glued letters are part of the number's match already
        elif found.kind == "count" and glued.lower() == "m" and _COUNTED_AFTER.match(text, number_end, limit):
            found.scale, found.explicit_scale = VOCAB.scales["million"], True   # "1.5m workers": millions
        elif found.kind == "count":
            unit = VOCAB.measurement_units.get(glued.lower())
            if unit:
                found.kind, found.unit = "measurement", unit
    if found.kind in ("count", "money") and not found.explicit_scale:
        scale = SCALE_AFTER.match(text, end, limit)
        if scale and (found.kind == "money" or CURRENCY_AFTER.match(text, scale.end(), limit)):
            found.scale, found.explicit_scale, end = VOCAB.scales[scale.group("scale").lower()], True, scale.end()
    if found.kind == "count":
        currency = CURRENCY_AFTER.match(text, end, limit)
        if currency and currency.group("currency").lower() in _WEIGHT_TOO and _WEIGHED.match(text, currency.end(), limit):
            currency = None                              # "500 pounds of explosives" is a weight
        percent = PERCENT_AFTER.match(text, end, limit)
        measurement = MEASUREMENT_AFTER.match(text, end, limit)
        if currency:
            found.kind, found.unit, end = "money", VOCAB.currencies[" ".join(currency.group("currency").lower().split())], currency.end()
        elif percent:
            found.kind, found.unit, end = "percent", ("percentage points" if percent.group("points") else "%"), percent.end()
        elif measurement:
            found.kind, found.unit, end = "measurement", _unit_of(measurement), measurement.end()
            per_volume = _PER_VOLUME.match(text, end, limit)
            if per_volume:
                concentration = f"{found.unit}/{_VOLUME_UNITS[' '.join(per_volume['volume'].lower().split())]}"
                found.unit = concentration if concentration in VOCAB.dimensions else found.unit
    elif found.kind == "money":
        currency = CURRENCY_AFTER.match(text, end, limit)     # "US$ 3 billion dollars" reads once
        if currency and VOCAB.currencies[" ".join(currency.group("currency").lower().split())] == found.unit:
            end = currency.end()
    found.end = end
    return found


def _unit_of(match: re.Match) -> str:
    if match.group("unit"):
        return VOCAB.measurement_units[" ".join(match.group("unit").lower().split()).lstrip("-")
                                       if match.group("unit").lower() not in VOCAB.measurement_units
                                       else match.group("unit").lower()]
    short = match.group("short").strip().lower()
    return {"m": "m", "c": "°C", "f": "°F", "°": "°", "°c": "°C", "°f": "°F"}[short]


# "against the dollar at", "to the euro at": the currency a price is quoted in, before it
_QUOTED_AGAINST = re.compile(rf"\b(?:against|to)\s+the\s+(?P<currency>{alternation(_SINGULAR_CURRENCIES)})\b"
                             r"[^,;.()]{0,40}?\bat\s+$", re.I)


def quoted_against(text: str, floor: int, start: int) -> str | None:
    """The currency the amount starting at `start` is the price of ("closing 11% weaker against
    the dollar at 9.44 marls" -> "dollar"), looking back no further than `floor`; else None."""
    found = _QUOTED_AGAINST.search(text, max(floor, start - 80), start)
    return found.group("currency").lower() if found else None


# Words a rate's noun does not run over ("30 people a day", "five times the daily limit")
_NOT_THE_RATED = FUNCTION_WORDS - {"the", "a", "an"}


def rate_after(text: str, end: int, limit: int) -> tuple[str, int] | None:
    """("per 100,000", end) when a rate follows the figure, or after one or two words of its noun
    ("30 people a day")."""
    position = end
    for _ in range(3):
        match = RATE_AFTER.match(text, position, limit)
        if match:
            if match.group("currency"):
                return f"per {match.group('currency').lower()}", match.end()
            if match.group("base"):
                noun, end = _rated_noun(match)
                return (f"per {match.group('base')} {noun}", end) if noun else (f"per {match.group('base')}", end)
            if match.group("daily"):
                return "per day", match.end()
            if match.group("area"):
                return f"per {' '.join(match.group('area').lower().split())}", match.end()
            # "2.4 ground collapses a year per 100,000 residents": a rate per head, as when its
            # period comes last ("per 100,000 residents a year")
            based = RATE_AFTER.match(text, match.end(), limit) if match.group("period") else None
            if based and based.group("base"):
                return rate_after(text, match.end(), limit)
            return f"per {match.group('period').lower()}", match.end()
        word = re.match(r"\s+[a-z]+", text[position:limit])
        if not word or word.group().strip().lower() in _NOT_THE_RATED:
            return None                 # "everyone over the age of one within a week" is no rate
        position += word.end()
    return None


def _rated_noun(match: re.Match) -> tuple[str | None, int]:
    """What a rate is per, and where its words end: "per 100,000 residents", "per 1,000 live
    births", "per 100,000 retail accounts"; no noun in "about seven per 1,000 at last year's race",
    "48 in every 100,000 had gone", "about 1,700 per 100,000 published by the commission"."""
    first, second = ((match.group(g) or "").lower() for g in ("per", "per2"))
    if not first or first in FUNCTION_WORDS or first in AUXILIARIES:
        return None, match.end("base")
    if second and looks_plural(second) and not looks_plural(first) \
            and second not in FUNCTION_WORDS and second not in AUXILIARIES:
        return f"{first} {second}", match.end("per2")
    if first.endswith(("ed", "ing", "ly")):
        return None, match.end("base")
    return first, match.end("per")


def change_before(text: str, floor: int, position: int) -> bool:
    """Whether "from" at position follows a verb of change in its clause ("rose from 90 to 95",
    "revised its own count of babies who died in its maternity units from 118 to 187")."""
    return _CHANGE_BEFORE.search(text, max(floor, position - _CHANGE_REACH), position) is not None


_CHANGE_REACH = 100         # characters: a verb's object and where it is can stand between


# A share in words that ends its clause: 'consumer groups say "more than a third".'
FRACTION_ALONE = re.compile(rf"\b(?P<fraction>{alternation(VOCAB.fractions)})(?=[\"”']?\s*(?:[.,;:)]|$))", re.I)


def fraction_at(text: str, position: int, limit: int, alone: bool = False, change: bool = False
                ) -> tuple[float, int] | None:
    """(percent, end) for a share in words at position: "a fifth (of)", "one-twentieth (of)";
    with `alone`, also one ending its clause ("say more than a third."); with `change`, any
    ("grown by a fifth since 2021")."""
    match = FRACTION.match(text, position, limit) or (FRACTION_ALONE.match(text, position, limit) if alone else None) \
        or (FRACTION_OF_CHANGE.match(text, position, limit) if change else None)
    if not match:
        return None
    return VOCAB.fractions[" ".join(match.group("fraction").lower().split())], match.end()


def one_in(text: str, end: int, limit: int, value: float) -> tuple[float, int] | None:
    """(percent, end) for "one in four", "3 out of 10" after the first number."""
    match = ONE_IN.match(text, end, limit)
    if not match:
        return None
    word = match.group("of").lower()
    if re.fullmatch(r"(?:18|19|20)\d\d", word) and "every" not in match.group().lower() \
            and "out" not in match.group().lower():
        return None                                     # "about 70 in 1984": a year, not "one in four"
    total = float(UNIT_NUMBERS[word]) if word in UNIT_NUMBERS else float(word.replace(",", ""))
    if total <= value or total == 0 or total >= _RATE_BASE:
        return None
    return round(100.0 * value / total, 1), match.end()


# Words that put an amount of money right after them: "has cost 142 million florins", "insured
# losses of an estimated 520 million florins", "a fund of 50 million florins".
_MONEY_CUE = re.compile(
    r"\b(?:cost|costs|costing|losses|loss|damage|damages|worth|fund|funds|budget|fine|fined|paid|pay|pays|payment|"
    r"payout|price|priced|prices|spent|spend|spending|compensation|bill|revenue|revenues|salary|salaries|wage|wages|"
    r"pension|grant|loan|loans|debt|debts|aid|pledged|donated|raised|insured|owed|valued|value|sum|profit|profits|"
    r"sales|turnover|tax|taxes|subsidy|subsidies|bonus|payments|appeal|charging|charges|charged|charge|selling|"
    r"sells|sold|fare|fares|fee|fees|rent|rents|earns|earned|earning|income|savings|deposits|reserves)\b"
    r"(?:\s+(?:of|at|to|by|for|was|were|is|are|has|have|had|reached|totalled|amounted))*"
    r"(?:\s+(?:an?|the|some|about|around|roughly|nearly|almost|over|more\s+than|up\s+to|an\s+estimated|between|"
    r"at\s+least|estimated|as\s+much\s+as|average\s+of))*\s*$", re.I)
# After an amount's word, what makes the word a currency: a price by the unit ("2.90 marls a
# litre") or an exchange rate ("9.44 marls to the dollar").
UNIT_PRICE_WORDS = frozenset({"litre", "liter", "gallon", "gram", "kilo", "kilogram", "kg", "tonne", "loaf", "bottle",
                              "ticket"})
_PRICED_AFTER = re.compile(rf"\s+(?:(?:a|an|per|each)\s+(?:{alternation(UNIT_PRICE_WORDS)})"
                           rf"|(?:to|per|against)\s+(?:the\s+)?(?:{alternation(_SINGULAR_CURRENCIES)}))\b", re.I)
_AMOUNT_WORD = re.compile(
    rf"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?:\s?(?:{alternation(VOCAB.scales)}))?(?:\s+(?:to|-|and)\s+\d[\d,]*(?:\.\d+)?"
    rf"(?:\s?(?:{alternation(VOCAB.scales)}))?)?\s+(?P<word>[a-z]{{4,}}s)\b", re.I)


def local_currencies(text: str, known: frozenset[str] = frozenset()) -> frozenset[str]:
    """Words an article uses as a currency no vocabulary knows ("86 million florins", invented
    or rare): a plural word after amounts at least twice, once right after words about money.
    `known` are words that name something else (units, measures, people). Codes written before
    amounts ("LVD 180m", "LSR 1.9bn") are returned as written, in capitals (see local_codes). A
    plural's singular is the same currency before a noun ("a 4 million dalen relief fund")."""
    words = _local_words(text, known)
    return words | {word[:-1] for word in words if word.endswith("s") and len(word) > 4} | local_codes(text)


# "LVD 180m", "LSR 2.4bn (about €280m)", "SK 9.4bn", "Sk 640,000", "Rs 500": a code of two or three
# capitals, or an abbreviation of two letters, before an amount.
CURRENCY_CODE = r"[A-Z]{2,3}|[A-Z][a-z]"
_CODE_AMOUNT = re.compile(rf"(?<![\w$€£¥])(?P<code>{CURRENCY_CODE})\s?\d[\d,]*(?:\.\d+)?"
                          rf"(?P<scale>\s?(?:{alternation(VOCAB.scales)})\b)?")
# Two letters before a number that are no currency: "In 2019", "No 10", "Mr 5", "St 4"
_NOT_CODES = frozenset({"mr", "dr", "ms", "st", "mt", "no", "nr", "jr", "sr", "ft", "pt", "ch", "vs", "op", "ad", "bc"})


def local_codes(text: str) -> frozenset[str]:
    """Currency codes no vocabulary knows: before amounts twice, once with a scale or after
    words about money ("cost farmers LSR 1.9bn"), or once with its conversion."""
    return _sightings(text, _CODE_AMOUNT, lambda match: match.group("code"),
                      lambda code: code.lower() in VOCAB.currencies or code.lower() in FUNCTION_WORDS
                      or code.lower() in _NOT_CODES, lambda match: bool(match.group("scale")))


def _local_words(text: str, known: frozenset[str]) -> frozenset[str]:
    # a price in hundredths ("1.50 marls", "31.40 ducats") is money: nothing else is counted so
    return _sightings(text, _AMOUNT_WORD, lambda match: match.group("word").lower(),
                      lambda word: word in known or word in VOCAB.currencies or word in VOCAB.measurement_units
                      or word in VOCAB.units, lambda match: _HUNDREDTHS.fullmatch(match.group()) is not None)


_HUNDREDTHS = re.compile(r"\d+\.\d\d\s+[a-z]+$", re.I)    # "1.50 marls", not "1.35 million customers"


def _sightings(text: str, pattern: re.Pattern, name: Callable[[re.Match], str], skip: Callable[[str], bool],
               money_sign: Callable[[re.Match], bool] = lambda match: False) -> frozenset[str]:
    """The names pattern finds next to amounts that are money: seen twice, once beside words
    about money (or a sign of its own, a scale after a code), or once with a conversion right
    after it ("2.4 billion markas (about $30 million)")."""
    seen: Counter = Counter()
    cued: set[str] = set()
    converted: set[str] = set()
    for match in pattern.finditer(text):
        found = name(match)
        if skip(found):
            continue
        seen[found] += 1
        if money_sign(match) or _MONEY_CUE.search(text, max(0, match.start() - 60), match.start()) \
                or _PRICED_AFTER.match(text, match.end()):
            cued.add(found)
        if _CONVERTED.match(text, match.end()):
            converted.add(found)
    return frozenset(n for n in cued if seen[n] >= 2) | converted


# "2.4 billion markas (about $30 million)", "450 million dalens is about 49 million euros": an
# amount restated in a currency the vocabulary knows
_CONVERTED = re.compile(rf"(?:\s*\(|\s+(?:is|was|are|were)\s+)(?:about|around|roughly|some|approximately|or|nearly)?\s*"
                        rf"(?:(?:{alternation(_CURRENCY_SYMBOLS)})\s?\d|\d[\d,.]*(?:\s?(?:{alternation(VOCAB.scales)}))?"
                        rf"\s+(?:{alternation(_CURRENCY_WORDS)})\b)", re.I)


# "ORM 240m (about €22m)", "46.3C (115.3F)", "4 nautical miles (7.4 km)", "LSR 2.4bn, or about €280m",
# "450 million dalens is about 49 million euros": the same amount written again in another currency
# or unit.
_CONVERSION_GAP = re.compile(r"\s*(?:\(|,\s*or|\bor|\b(?:is|was|are|were)(?:\s+worth|\s+equal\s+to)?)\s*(?:about|around|roughly|some|approximately|nearly|almost|"
                             r"just\s+over|just\s+under|over|under|more\s+than|less\s+than|at\s+least|up\s+to)?\s*$",
                             re.I)


def is_conversion(text: str, earlier_end: int, later_start: int) -> bool:
    """Whether the figure starting at later_start restates the one ending at earlier_end."""
    if later_start - earlier_end > 30:
        return False
    return _CONVERSION_GAP.fullmatch(text, earlier_end, later_start) is not None \
        or (_COMMA.fullmatch(text, earlier_end, later_start) is not None
            and _APPROXIMATELY.match(text, later_start) is not None)


# "TLN 250,000, about 31,000 euros,", "2,150 barrels of oil, roughly 290 tonnes": an approximate
# restatement in apposition.
_COMMA = re.compile(r"(?:\s+of\s+(?:[a-z]+\s+){0,2}[a-z]+)?\s*,\s*")
_APPROXIMATELY = re.compile(r"(?:about|around|roughly|approximately|some|nearly|almost)\b", re.I)

