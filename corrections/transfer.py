"""Corrections as a JSON file, to move them between installs (`python -m bot corrections
export|import FILE`). A file is checked whole before anything is taken from it."""
from __future__ import annotations

import dataclasses
from typing import Any

from corrections.model import ACTIONS, Correction, FigureRef

FORMAT = "crosscheck-corrections"
VERSION = 1
_FIGURE_FIELDS = {f.name: f.type for f in dataclasses.fields(FigureRef)}


class BadCorrectionsFile(ValueError):
    """The file is not a corrections export; str() says where and why."""


def to_json(corrections: list[Correction]) -> dict[str, Any]:
    """The decisions in force, with every figure they are about."""
    return {"format": FORMAT, "version": VERSION, "corrections": [
        {"action": c.action, "target": c.target, "note": c.note, "made_by": c.made_by, "made_at": c.made_at,
         "figures": [dataclasses.asdict(f) for f in c.figures]}
        for c in corrections if c.in_force]}


def from_json(data: Any) -> list[Correction]:
    """The decisions of an export (ids 0: the database gives new ones); BadCorrectionsFile if
    any part of it is not what an export holds."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadCorrectionsFile(f"not a crosscheck corrections file (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise BadCorrectionsFile(f"version {data.get('version')!r} is not one this crosscheck reads ({VERSION})")
    items = data.get("corrections")
    if not isinstance(items, list):
        raise BadCorrectionsFile("\"corrections\" must be a list")
    return [_correction(item, f"correction {number}") for number, item in enumerate(items, start=1)]


def _correction(item: Any, where: str) -> Correction:
    if not isinstance(item, dict):
        raise BadCorrectionsFile(f"{where}: not an object")
    action, target = item.get("action"), item.get("target")
    if action not in ACTIONS:
        raise BadCorrectionsFile(f"{where}: unknown action {action!r} (one of {', '.join(ACTIONS)})")
    if (action == "move") != isinstance(target, str) or (target is not None and not 0 < len(target) <= 100):
        raise BadCorrectionsFile(f"{where}: a move needs a target measure (1-100 characters), nothing else does")
    figures = item.get("figures")
    if not isinstance(figures, list) or not figures:
        raise BadCorrectionsFile(f"{where}: \"figures\" must be a non-empty list")
    made_at = item.get("made_at", 0.0)
    if not isinstance(made_at, (int, float)):
        raise BadCorrectionsFile(f"{where}: \"made_at\" must be a number")
    return Correction(0, action, tuple(_figure(f, f"{where}, figure {n}") for n, f in enumerate(figures, start=1)),
                      target, _text(item.get("note", ""), where, "note", 1000),
                      _text(item.get("made_by", "import"), where, "made_by", 100), float(made_at))


def _figure(item: Any, where: str) -> FigureRef:
    if not isinstance(item, dict) or set(item) != set(_FIGURE_FIELDS):
        raise BadCorrectionsFile(f"{where}: needs exactly the fields {', '.join(_FIGURE_FIELDS)}")
    for name, kind in _FIGURE_FIELDS.items():
        wanted = int if kind == "int" else str
        if type(item[name]) is not wanted:
            raise BadCorrectionsFile(f"{where}: {name} must be {'an integer' if wanted is int else 'text'}")
    figure = FigureRef(**item)
    inside = figure.sentence_start <= figure.start < figure.end <= figure.sentence_start + len(figure.sentence)
    if not inside or figure.sentence[figure.start - figure.sentence_start:][:len(figure.words)] != figure.words \
            or figure.end - figure.start != len(figure.words):
        raise BadCorrectionsFile(f"{where}: its words are not at its offsets in its sentence")
    return figure


def _text(value: Any, where: str, name: str, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise BadCorrectionsFile(f"{where}: {name} must be text of at most {limit} characters")
    return value
