"""The data that flows through the indexer: Article -> Passage -> Figure.

All offsets are character offsets into Article.text, so a citation can always be checked:
article.text[start:end] is exactly the quoted text.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    id: str                      # path relative to the seeds folder, with "/" separators
    text: str                    # the article's visible text; every offset points into this
    title: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    content_hash: str = ""        # sha256 of text: decides whether stored embeddings are reused
    author: str | None = None     # as the page names it (web pages and sidecars)


@dataclass(frozen=True)
class Passage:
    article_id: str
    start: int
    end: int
    text: str                    # == article.text[start:end]


@dataclass(frozen=True)
class Figure:
    """One figure a sentence states, e.g. "more than 280 wounded".

    value is the number as written (84 for "at least 84"); low/high are the bounds the
    qualifier implies (None = unbounded). Dates are ISO strings in `value` with no bounds,
    weekdays their English name, clock times "HH:MM".
    """
    article_id: str
    measure: str                 # canonical measure, e.g. "killed", "injured", "anniversary"
    kind: str                    # "count" | "ordinal" | "date" | "weekday" | "time" | "duration"
    value: float | str
    low: float | None
    high: float | None
    qualifier: str               # "exact", "at least", "more than", "nearly", "about", "up to", ...
    text: str                    # the words as written, == article.text[start:end]
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    unit: str | None = None      # for durations: "minute", "hour", "day", ...
    attributed_to: str | None = None
    # Revisions: "reported as 84, down from 103" -> 84 is "current", 103 is "earlier";
    # each names the other's words in `revision_of`.
    revision: str | None = None  # None | "current" | "earlier"
    revision_of: str | None = None
    other_event: bool = False    # the sentence is about another event (e.g. "a 2022 attack ... killed 15")
    scope: str | None = None     # the place its clause names: "the north", "Cyprus" (index/figures/scope.py)
    statement: str | None = None  # what kind of statement: "official", "estimate", "claim" where the text says


@dataclass(frozen=True)
class Hit:
    """A passage as ranked by a search, with the scores that placed it."""
    passage: Passage
    score: float                 # fused score after source diversification
    bm25: float
    embedding: float
    rank_bm25: int | None = None  # 1-based rank in each retriever's list, None if not a candidate
    rank_embedding: int | None = None
