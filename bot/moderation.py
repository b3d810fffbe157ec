"""What readers report and moderators decide, seen from the answers: the values a result showed
(what a report can be about), the figures behind a value, the measures a figure may move to.
No Discord here: bot/discord_moderation.py lays these out as buttons, modals and lists.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from bot.answer import Comparison, Engine, FigureValue, MeasureFigures
from corrections.model import FigureRef

SHOWN_MAX = 25        # Discord's limit on a select's options


@dataclass(frozen=True)
class ShownValue:
    """One value a result showed: what a reader can report."""
    measure: str
    value: FigureValue

    @property
    def label(self) -> str:
        return f"{self.measure}: {self.value.label}"

    @property
    def sources(self) -> str:
        return ", ".join(dict.fromkeys(q.source.name for q in self.value.quotes))

    def figures(self) -> tuple[FigureRef, ...]:
        """The figures behind the value, keyed as corrections key them."""
        return tuple(
            FigureRef(q.source.id, q.at, q.at + len(q.words), q.words, q.start, q.quote, self.measure, self.value.label)
            for q in self.value.quotes if q.at is not None)


def shown_values(measures: Iterable[MeasureFigures]) -> list[ShownValue]:
    """Each value once, in the order shown."""
    seen: dict[tuple[str, str], ShownValue] = {}
    for measure in measures:
        for value in measure.values:
            key = (measure.measure, value.label)
            if key in seen:   # /compare shows a measure per source: one value, several sources' quotes
                merged = seen[key].value
                value = FigureValue(merged.label, merged.value, merged.low, merged.high,
                                    merged.quotes + tuple(q for q in value.quotes if q not in merged.quotes),
                                    merged.kind, merged.unit)
            seen[key] = ShownValue(measure.measure, value)
    return list(seen.values())


def compared_measures(comparison: Comparison) -> list[MeasureFigures]:
    return [measure for view in comparison.views for measure in view.figures]


def move_targets(engine: Engine, measure: str, typed: str = "", limit: int = SHOWN_MAX) -> list[str]:
    """Measures a figure of `measure` could move to: those holding its kind of figure (a count
    when the measure has none left), those matching what was typed first, then the names closest
    to its own."""
    kind = next((f.kind for f in engine.figures_by_measure.get(measure, [])), "count")
    names = [m for m in engine.figures_by_measure if m != measure]
    same_kind = [m for m in names if any(f.kind == kind for f in engine.figures_by_measure[m])] or names
    typed = typed.strip().lower()
    if typed:
        return [m for m in same_kind if typed in m.lower()][:limit]
    close = difflib.get_close_matches(measure, same_kind, n=limit, cutoff=0)
    by_size = sorted(same_kind, key=lambda m: (-len(engine.figures_by_measure[m]), m))
    return list(dict.fromkeys(close[:limit // 2] + by_size))[:limit]
