"""Values of one measure: figures that state the same value grouped, labelled and ordered, and
which values really conflict.

Agreement is judged by bounds: each value allows a range ("more than 200" is 200 and up, "about
5,000" is 4,500 to 5,500, "between 30 and 40" is 30 to 40), compared in one base unit ("240 km"
and "150 miles" are one distance). Two values conflict only when their ranges cannot both hold:
"more than 200" and "284" are the same fact at two precisions; "84" and "103" conflict.
Different currencies are not compared (no exchange rate is known): they neither agree nor conflict.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from index.figures.grammar import MONTH_NAMES, ORDINAL_WORDS, plural
from index.figures.dates import DURATION_SECONDS, SPAN_QUALIFIERS, TIME_UNIT_WORD
from index.figures.vocabulary import VOCAB, rate_currency
from index.models import Figure


@dataclass(frozen=True)
class ValueGroup:
    """Figures of one measure that give the same value, e.g. "84" and "at least 84"."""
    label: str                    # how the value reads: "84", "more than 200", "nearly 100"
    value: float | str
    low: float | None
    high: float | None
    figures: tuple[Figure, ...]
    kind: str = "count"
    unit: str | None = None


def group_values(figures: Sequence[Figure]) -> list[ValueGroup]:
    """Figures of ONE measure grouped into values that agree, most-cited first.

    "84" and "at least 84" are one value, as are "over 200" and "more than 200"; "nearly 100"
    and "more than 280" stay values of their own. Earlier (revised) figures are values too.
    Figures about other events (other_event) are never values of this event's measure, so
    they are left out.
    """
    groups: dict[tuple, list[Figure]] = {}
    for figure in figures:
        if not figure.other_event:
            groups.setdefault(group_key(figure), []).append(figure)
    merged = merge_partial_dates(list(groups.values()))
    values = [value_group(members) for members in merged]
    return sorted(values, key=group_order)


def group_key(figure: Figure) -> tuple:
    if figure.kind in ("date", "weekday", "time", "ordinal"):
        return figure.kind, figure.value
    # "84" and "at least 84" agree: the exact figure is inside the other's range.
    qualifier = "" if figure.qualifier in ("exact", "at least") else figure.qualifier
    high = figure.high if figure.qualifier == "between" else None
    return figure.kind, figure.unit, qualifier, figure.value, high


def merge_partial_dates(groups: list[list[Figure]]) -> list[list[Figure]]:
    """A date without its year ("January 3") joins the one full date it agrees with."""
    full = [g for g in groups if g[0].kind == "date" and not str(g[0].value).startswith("--")]
    merged = []
    for group in groups:
        value = str(group[0].value)
        matches = [g for g in full if str(g[0].value).endswith(value[1:])] if value.startswith("--") else []
        if len(matches) == 1 and group[0].kind == "date":
            matches[0].extend(group)
        else:
            merged.append(group)
    return merged


def value_group(members: list[Figure]) -> ValueGroup:
    """The group's value reads as its most precise member: an exact figure, a full date."""
    lead = next((f for f in members if f.qualifier == "exact"), members[0])
    if lead.kind == "date":
        lead = max(members, key=lambda f: len(str(f.value)))
    return ValueGroup(label=label(lead), value=lead.value, low=lead.low, high=lead.high,
                      figures=tuple(members), kind=lead.kind, unit=lead.unit)


CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
UNIT_NAMES = {"t": "tonnes", "kt": "kilotons", "Mt": "megatons", "mi": "miles", "ft": "feet", "ha": "hectares",
              "l": "litres", "acre": "acres", "knot": "knots", "bbl": "barrels", "gal": "gallons",
              "nmi": "nautical miles"}


def label(figure: Figure) -> str:
    """How a value reads: "84", "at least 84", "more than 200", "about 20 minutes", "fourth",
    "$15 billion", "between $3.8 billion and $4.6 billion", "60%", "240 km", "Category 3"."""
    if figure.kind == "ordinal":
        return ordinal_word(int(figure.value))
    if figure.kind in ("date", "weekday"):   # "since 2014", "until Thursday": the end of a span says which end
        span = f"{figure.qualifier} " if figure.qualifier in SPAN_QUALIFIERS else ""
        return span + (date_label(str(figure.value)) if figure.kind == "date" else str(figure.value))
    if figure.kind == "time":
        return str(figure.value) if figure.qualifier == "exact" else f"{figure.qualifier} {figure.value}"
    if figure.kind == "duration" and len(TIME_UNIT_WORD.findall(figure.text)) > 1:
        return figure.text                               # "12 hours and 40 minutes": as written
    if figure.unit in ("colour", "credit rating"):
        return figure.text                               # "red alert", "code orange", "BB-": as written
    if figure.qualifier in VOCAB.vague:
        return figure.qualifier + (f" {figure.unit}" if figure.unit and figure.kind != "count" else "")
    if figure.qualifier == "between" and figure.high is not None:
        return f"between {amount(figure, float(figure.value))} and {amount(figure, figure.high)}"
    words = amount(figure, float(figure.value))
    return words if figure.qualifier == "exact" else f"{figure.qualifier} {words}"


def money_amount(currency: str | None, value: float) -> str:
    """"$2.4 billion", "SEK 60 million"; an article's own currency word after: "86 million florins"."""
    sign = CURRENCY_SIGNS.get(currency or "", f"{currency} ")
    after = ""
    if currency and currency.islower():
        sign, after = "", f" {currency}"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale:
            return f"{sign}{format_number(round(value / scale, 3))} {word}{after}"
    return f"{sign}{format_number(value)}{after}"


def amount(figure: Figure, value: float) -> str:
    """One number with its unit as a reader writes it."""
    if figure.kind == "money":
        return money_amount(figure.unit, value)
    if figure.kind == "rate" and rate_currency(figure.unit):               # "£45 million per day"
        currency, _, period = (figure.unit or "").partition(" ")
        return f"{money_amount(currency, value)} {period}"
    number = format_number(value)
    if figure.kind == "percent":
        return f"{number}%" if figure.unit == "%" else f"{number} {figure.unit}"
    if figure.kind == "category" and (figure.unit or "").isupper():
        return f"{figure.unit}{number}"                  # a lettered scale's level: "G5", "EF4"
    if figure.kind == "category" or figure.unit == "magnitude":
        return f"{(figure.unit or '').capitalize()} {number}".strip()
    if figure.kind in ("measurement", "rate"):
        unit = UNIT_NAMES.get(figure.unit or "", figure.unit or "")
        return f"{number} {unit}".strip()
    if figure.kind == "duration" and figure.unit:
        return f"{number} {figure.unit if value == 1 else plural(figure.unit)}"
    return number


# --------------------------------------------------------------------------- agreement

def comparable_range(group: ValueGroup) -> tuple[str, float, float] | None:
    """(what it measures in, low, high) in a base unit; None when it cannot be compared."""
    if group.kind in ("date", "weekday", "time", "ordinal"):
        return None
    factor, space = 1.0, f"{group.kind}:{group.unit}"
    if group.kind == "measurement" and group.unit in VOCAB.dimensions:
        dimension, factor = VOCAB.dimensions[group.unit]
        space = f"measurement:{dimension}" if dimension not in ("temperature", "angle or temperature") else space
    if group.kind == "duration":
        factor, space = DURATION_SECONDS.get(group.unit or "", 1.0), "duration"
    low = group.low if group.low is not None else float("-inf")
    high = group.high if group.high is not None else float("inf")
    # A value written with a unit is as precise as its last digit: "240 km" and "150 miles" agree.
    if low == high:
        tolerance = 0.005 * abs(low) if group.kind in ("measurement", "money") else 0.0
        low, high = low - tolerance, high + tolerance
    return space, low * factor, high * factor


def conflicts(a: ValueGroup, b: ValueGroup) -> bool | None:
    """True when two values cannot both hold, False when they can, None when incomparable."""
    if a.kind in ("date", "weekday", "time", "ordinal") or b.kind in ("date", "weekday", "time", "ordinal"):
        return (a.kind == b.kind and a.value != b.value) or None
    first, second = comparable_range(a), comparable_range(b)
    if first is None or second is None or first[0] != second[0]:
        return None
    return first[2] < second[1] or second[2] < first[1]


def format_number(value: float) -> str:
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


def ordinal_word(value: int) -> str:
    if 1 <= value <= len(ORDINAL_WORDS):
        return ORDINAL_WORDS[value - 1]
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def date_label(iso: str) -> str:
    """"2024-01-03" -> "January 3, 2024"; "--01-03" -> "January 3"; "2024-01" -> "January 2024";
    "2014" -> "2014"; a part of a year as written: "mid-2030", "spring 2029"."""
    if any(ch.isalpha() for ch in iso):
        return iso
    if iso.startswith("--"):
        month, day = int(iso[2:4]), int(iso[5:7])
        return f"{MONTH_NAMES[month - 1]} {day}"
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    return f"{MONTH_NAMES[parts[1] - 1]} {parts[2]}, {parts[0]}"


def group_order(group: ValueGroup) -> tuple:
    sources = len({f.article_id for f in group.figures})
    numeric = isinstance(group.value, (int, float))
    return -sources, 0 if numeric else 1, group.value if numeric else 0, str(group.value), group.label
