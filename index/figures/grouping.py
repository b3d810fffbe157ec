"""Values of one measure: figures that state the same value grouped, labelled and ordered."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from index.figures.grammar import MONTH_NAMES, ORDINAL_WORDS, plural
from index.figures.vocabulary import VOCAB
from index.models import Figure


@dataclass(frozen=True)
class ValueGroup:
    """Figures of one measure that give the same value, e.g. "84" and "at least 84"."""
    label: str                    # how the value reads: "84", "more than 200", "nearly 100"
    value: float | str
    low: float | None
    high: float | None
    figures: tuple[Figure, ...]


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
    if figure.kind in ("count", "duration"):
        # "84" and "at least 84" agree: the exact figure is inside the other's range.
        qualifier = "" if figure.qualifier in ("exact", "at least") else figure.qualifier
        return figure.kind, figure.unit, qualifier, figure.value
    return figure.kind, figure.value


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
                      figures=tuple(members))


def label(figure: Figure) -> str:
    """How a value reads: "84", "at least 84", "more than 200", "about 20 minutes", "fourth"."""
    if figure.kind == "ordinal":
        return ordinal_word(int(figure.value))
    if figure.kind == "date":
        return date_label(str(figure.value))
    if figure.kind == "weekday":
        return str(figure.value)
    if figure.kind == "time":
        return str(figure.value) if figure.qualifier == "exact" else f"{figure.qualifier} {figure.value}"
    if figure.qualifier in VOCAB.vague:
        words = figure.qualifier
    else:
        number = format_number(float(figure.value))
        words = number if figure.qualifier == "exact" else f"{figure.qualifier} {number}"
    if figure.unit:
        words += " " + (figure.unit if figure.value == 1 else plural(figure.unit))
    return words


def format_number(value: float) -> str:
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


def ordinal_word(value: int) -> str:
    if 1 <= value <= len(ORDINAL_WORDS):
        return ORDINAL_WORDS[value - 1]
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def date_label(iso: str) -> str:
    """"2024-01-03" -> "January 3, 2024"; "--01-03" -> "January 3"; "2024-01" -> "January 2024"."""
    if iso.startswith("--"):
        month, day = int(iso[2:4]), int(iso[5:7])
        return f"{MONTH_NAMES[month - 1]} {day}"
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 2:
        return f"{MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    return f"{MONTH_NAMES[parts[1] - 1]} {parts[2]}, {parts[0]}"


def group_order(group: ValueGroup) -> tuple:
    sources = len({f.article_id for f in group.figures})
    numeric = isinstance(group.value, (int, float))
    return -sources, 0 if numeric else 1, group.value if numeric else 0, str(group.value), group.label
