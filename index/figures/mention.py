"""A figure being read: what a finder found in a sentence, before the rules of its sentence and
article settle its measure, source and scope (index/figures/__init__.py makes a Figure of it)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Mention:
    """A figure being built: what was read, before sentence-wide rules settle it."""
    kind: str
    value: float | str
    qualifier: str
    start: int
    end: int
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    measure: str | None = None
    noun_phrase_only: bool = False        # measure is an unseen noun phrase ("citizens of Iran")
    weak: str | None = None               # "one" or "year": see weak_number
    year: int | None = None               # for dates that state one
    revision: str | None = None
    revision_of: str | None = None
    attributed_to: str | None = None
    other_event: bool = False
    scope: str | None = None
    statement: str | None = None
    count_end: int | None = None          # a rate's number ends here, before "services a day"
