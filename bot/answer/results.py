"""What the answer engine returns: plain data that knows nothing about Discord or terminals.

Rendering (bot/render.py for text and JSON, bot/discord_render.py for embeds) turns these
into what a reader sees.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from corrections.apply import Fix
from index.figures import relevance


@dataclass(frozen=True)
class Source:
    """An indexed article as readers see it named."""
    id: str
    title: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None

    @property
    def name(self) -> str:
        return self.outlet or self.title


@dataclass(frozen=True)
class Citation:
    """A passage that answers the question; number is its 1-based citation mark."""
    number: int
    source: Source
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class Quote:
    """One source stating one value: the sentence it says it in, exactly as written."""
    source: Source
    start: int
    end: int
    quote: str                     # article text[start:end]; contains `words`
    words: str                     # the figure as written, e.g. "more than 280"
    attributed_to: str | None = None
    revision: str | None = None    # "current" or "earlier" when the source revises a figure
    revision_of: str | None = None
    statement: str | None = None   # "official", "estimate" or "claim" where the sentence says
    at: int | None = None          # where `words` start in the article: with them, what a report keys on
    correction: str | None = None  # a moderator's decision shown with it: "checked correct by ..."


@dataclass(frozen=True)
class FigureValue:
    label: str                     # how the value reads, e.g. "nearly 100"
    value: float | str
    low: float | None
    high: float | None
    quotes: tuple[Quote, ...]
    kind: str = "count"            # count, money, percent, measurement, category, rate, duration, date, ...
    unit: str | None = None        # "USD", "%", "km", "t", "magnitude", "day", ...
    conflicts_with: tuple[str, ...] = ()   # labels of values that cannot also be true
    agrees_with: tuple[str, ...] = ()      # labels of other values compatible with this one
    scope: str | None = None       # the place its sources name ("the north"), None for the event's own

    @property
    def source_count(self) -> int:
        return len({q.source.id for q in self.quotes})


@dataclass(frozen=True)
class MeasureFigures:
    """Every value the indexed sources give for one measure."""
    measure: str
    kind: str
    values: tuple[FigureValue, ...]
    hidden: int = 0                # statements of it that moderators' corrections took out

    @property
    def corrected(self) -> bool:
        """Whether a moderator's correction changed what this measure shows."""
        return bool(self.hidden) or any(q.correction for v in self.values for q in v.quotes)

    @property
    def disagree(self) -> bool:
        """Whether sources really conflict: two values that cannot both be true."""
        return any(v.conflicts_with for v in self.values)

    @property
    def separate(self) -> bool:
        """Whether its values are separate facts of one kind ("amount of money": a fund and a cost),
        not one measure's values: they neither agree nor disagree."""
        return self.measure in relevance.GENERIC_MEASURES and len(self.values) > 1

    @property
    def state(self) -> str:
        """How its values stand, as a heading says it."""
        if self.disagree:
            return "Sources disagree on"
        if self.separate:
            return "Separate figures for"
        return "Compatible values for" if len(self.values) > 1 else "Sources agree on"

    @property
    def hidden_note(self) -> str | None:
        """What moderators' corrections took out of this measure, in words; None when nothing."""
        if not self.hidden:
            return None
        return (f"{self.hidden} statement{'s' if self.hidden != 1 else ''} of {self.measure} hidden by "
                f"a moderator's correction")

    @property
    def summary(self) -> str:
        if not self.values:
            return f"No value shown for {self.measure}: {self.hidden_note or 'no source gives one'}"
        parts = [f"{v.label} ({v.source_count} source{'s' if v.source_count != 1 else ''})" for v in self.values]
        if self.disagree:
            return f"Sources disagree on {self.measure}: " + ", ".join(parts)
        if self.separate:
            return f"Separate figures for {self.measure}: " + ", ".join(parts)
        if len(self.values) > 1:
            return f"Sources give compatible values for {self.measure}: " + ", ".join(parts)
        return f"Sources agree on {self.measure}: " + ", ".join(parts)


@dataclass(frozen=True)
class Answer:
    question: str
    citations: tuple[Citation, ...]
    figures: tuple[MeasureFigures, ...] = ()
    degraded: str | None = None    # why the answer is less than complete (e.g. embeddings unavailable)


@dataclass(frozen=True)
class SourceView:
    """What one article says on a topic: its best passage and its figures."""
    source: Source
    best: Citation | None
    figures: tuple[MeasureFigures, ...] = ()


@dataclass(frozen=True)
class Comparison:
    topic: str
    views: tuple[SourceView, ...]          # articles that speak to the topic, best first
    silent: tuple[Source, ...] = ()        # articles that say nothing on it
    degraded: str | None = None


@dataclass(frozen=True)
class SourceSummary:
    source: Source
    passages: int
    figures: int


@dataclass(frozen=True)
class Disagreements:
    measures: tuple[MeasureFigures, ...]   # only measures on which sources disagree


@dataclass(frozen=True)
class SourceList:
    sources: tuple[SourceSummary, ...] = field(default_factory=tuple)



def correction_note(fix: Fix | None) -> str | None:
    """How a value's quote shows the moderators' decision it is under."""
    if fix is None:
        return None
    if fix.correction.action == "move":
        return f"moved here from {fix.figure.measure} by {fix.correction.made_by}"
    return f"checked correct by {fix.correction.made_by}"

