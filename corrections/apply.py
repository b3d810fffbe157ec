"""Where corrections apply in the current articles: each decision's figures are found again by
their exact words in their exact sentence, and a decision whose sentence changed is stale.

An edit elsewhere in an article moves a sentence without changing it: the figure is found
where the unchanged sentence now stands (when it stands there once). Pure functions over
text; the engine (bot/answer/engine.py) applies what they find.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from corrections.model import Correction, FigureRef


@dataclass(frozen=True)
class Stale:
    """Why a decision applies to fewer figures than it names."""
    reason: str
    whole: bool                  # none of its figures is found: it no longer applies at all

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True)
class Fix:
    """A decision in force on one figure, at the figure's current position."""
    correction: Correction
    figure: FigureRef
    start: int


def anchor(figure: FigureRef, text: str | None) -> int | None:
    """The figure's start in the article's current text, or None when its sentence is gone."""
    if text is None:
        return None
    offset = figure.start - figure.sentence_start
    if text[figure.sentence_start:figure.sentence_start + len(figure.sentence)] == figure.sentence:
        return figure.start if text[figure.start:figure.end] == figure.words else None
    first = text.find(figure.sentence)
    if first < 0 or text.find(figure.sentence, first + 1) >= 0:
        return None              # gone, or there twice: which one was meant is unknown
    return first + offset


def resolve(corrections: Iterable[Correction],
            texts: Mapping[str, str]) -> tuple[dict[tuple[str, int, str], Fix], dict[int, Stale]]:
    """(fixes by figure key at its current place, why decisions apply to fewer figures than
    they name). A decision is wholly stale when none of its figures can be found; of two
    decisions on one figure, the later applies."""
    fixes: dict[tuple[str, int, str], Fix] = {}
    stale: dict[int, Stale] = {}
    for correction in sorted((c for c in corrections if c.in_force), key=lambda c: c.id):
        found = 0
        reasons = []
        for figure in correction.figures:
            start = anchor(figure, texts.get(figure.article_id))
            if start is None:
                reasons.append(f"{figure.article_id} no longer exists" if figure.article_id not in texts
                               else f"the sentence in {figure.article_id} changed")
                continue
            found += 1
            fixes[figure.article_id, start, figure.words] = Fix(correction, figure, start)
        why = "; ".join(dict.fromkeys(reasons))
        if not found:
            stale[correction.id] = Stale(why or "it names no figure", True)
        elif reasons:
            stale[correction.id] = Stale(f"{len(reasons)} of {len(correction.figures)} statements: {why}", False)
    return fixes, stale
