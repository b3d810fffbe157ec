"""The things corrections are made of: a figure as it stood when shown, a reader's report of
it, and a moderator's decision about it."""
from __future__ import annotations

from dataclasses import dataclass

# What a reader can say is wrong (the report modal's choices), by stored key.
REASONS = {
    "other_event": "Not this event",
    "wrong_measure": "Wrong measure",
    "misread": "Misread number or unit",
    "wrong_source": "Wrong source or quote",
    "other": "Something else",
}
# What a moderator can decide about reported figures, and how a list names each decision.
ACTIONS = {
    "hide": "hidden",
    "move": "moved",
    "other_event": "set aside as another event",
    "confirm": "checked correct",
}
# Decisions that take figures out of the answers.
HIDING = frozenset({"hide", "other_event"})


@dataclass(frozen=True)
class FigureRef:
    """A figure as extracted, where it stands: its article, its words at [start, end) and the
    sentence holding them. A correction is keyed by exactly this, so it lasts across rebuilds
    and stops applying when the article's text there changes."""
    article_id: str
    start: int
    end: int
    words: str
    sentence_start: int
    sentence: str
    measure: str                 # the measure it was shown under
    value: str                   # the value as shown, e.g. "more than 200"

    @property
    def key(self) -> tuple[str, int, str]:
        return self.article_id, self.start, self.words


@dataclass(frozen=True)
class Report:
    id: int
    status: str                  # open | acted | dismissed
    reason: str                  # a key of REASONS
    note: str
    asked: str                   # what the answer was about, e.g. "ask: How many died?"
    measure: str | None          # the value reported; None: the answer as a whole
    value: str | None
    figures: tuple[FigureRef, ...]
    reporter_id: int
    reporter: str
    guild_id: int | None
    channel_id: int | None
    message_url: str | None
    created_at: float
    resolved_by: str | None = None
    resolved_at: float | None = None
    extracted: tuple[dict | None, ...] = ()   # each figure as the extractor read it (kind, value, bounds, ...)


@dataclass(frozen=True)
class Correction:
    id: int
    action: str                  # a key of ACTIONS
    figures: tuple[FigureRef, ...]
    target: str | None           # move: the measure the figures belong to
    note: str
    made_by: str
    made_at: float
    report_id: int | None = None
    undone_by: str | None = None
    undone_at: float | None = None

    @property
    def in_force(self) -> bool:
        return self.undone_at is None

    @property
    def summary(self) -> str:
        """e.g. "103 (killed) hidden" or "1,000 (injured) moved to killed"."""
        shown = dict.fromkeys(f"{f.value} ({f.measure})" for f in self.figures)
        what = ", ".join(shown) or "no figure"
        if self.action == "move":
            return f"{what} moved to {self.target}"
        return f"{what} {ACTIONS.get(self.action, self.action)}"
