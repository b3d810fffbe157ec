"""What a rebuild changed, as a reader is told it: new sources, new values of a measure,
revisions ("killed: 95 → 84, per the interior minister"), measures that newly disagree.

Each thing an engine shows is a fact with a short key. The changes of a new engine are its
facts not among those already known: the previous engine's facts for `python -m index add`,
the facts already announced (kept in the state database, state/alerts.py) for alerts, so that a change is announced
once however often, and after however many restarts, the index is rebuilt.
"""
from __future__ import annotations

from collections.abc import Iterator, Set
from dataclasses import dataclass, field

from bot.answer import Engine, FigureValue, MeasureFigures, Quote, Source

_SEP = "\x1f"


@dataclass(frozen=True)
class NewValue:
    measure: str
    value: FigureValue


@dataclass(frozen=True)
class Revision:
    measure: str
    label: str                   # the value now, e.g. "84"
    quote: Quote                 # the source saying so; quote.revision_of is the earlier figure


@dataclass(frozen=True)
class Changes:
    sources: tuple[Source, ...] = ()
    values: tuple[NewValue, ...] = ()
    revisions: tuple[Revision, ...] = ()
    disputes: tuple[MeasureFigures, ...] = ()
    keys: frozenset[str] = field(default_factory=frozenset)   # every new fact, shown or not

    def __bool__(self) -> bool:
        return bool(self.sources or self.values or self.revisions or self.disputes)

    def about(self, article_ids: Set[str] | None) -> Changes:
        """The changes that come from these articles (all of them for None): what one feed's
        channel is told about. keys stay whole: every new fact is known once announced anywhere."""
        if article_ids is None:
            return self

        def involves(quotes) -> bool:
            return any(q.source.id in article_ids for q in quotes)

        return Changes(tuple(s for s in self.sources if s.id in article_ids),
                       tuple(v for v in self.values if involves(v.value.quotes)),
                       tuple(r for r in self.revisions if r.quote.source.id in article_ids),
                       tuple(m for m in self.disputes if any(involves(v.quotes) for v in m.values)),
                       self.keys)


    def following(self, measures: Set[str]) -> Changes:
        """The changes to these measures (and to measures of them elsewhere, "killed in the
        north" for killed); all of them for an empty set. New sources stay: a new article is news."""
        if not measures:
            return self

        def followed(measure: str) -> bool:
            return any(measure == m or measure.startswith(m + " ") for m in measures)

        return Changes(self.sources, tuple(v for v in self.values if followed(v.measure)),
                       tuple(r for r in self.revisions if followed(r.measure)),
                       tuple(m for m in self.disputes if followed(m.measure)), self.keys)


def facts(engine: Engine) -> frozenset[str]:
    return frozenset(key for key, _ in _facts(engine))


def changes_since(known: Set[str], engine: Engine) -> Changes:
    """Everything `engine` shows that `known` does not have yet."""
    sources, values, revisions, disputes, keys = [], [], [], [], set()
    for key, item in _facts(engine):
        if key in known:
            continue
        keys.add(key)
        if item is None:           # a measure now has values: known, never shown on its own
            continue
        if isinstance(item, Source):
            sources.append(item)
        elif isinstance(item, NewValue):
            values.append(item)
        elif isinstance(item, Revision):
            revisions.append(item)
        else:
            disputes.append(item)
    # A value a new source brings is news only if its measure was known: a new article's every
    # date and count would otherwise bury the disagreements. Those values are still facts now.
    new_sources = {s.id for s in sources}
    values = [v for v in values if not {q.source.id for q in v.value.quotes} <= new_sources
              or _key("measure", v.measure) in known]
    return Changes(tuple(sources), tuple(values), tuple(revisions), tuple(disputes), frozenset(keys))


def _key(*parts: str) -> str:
    return _SEP.join(parts)


def _facts(engine: Engine) -> Iterator[tuple[str, object]]:
    for source in engine.sources_by_id.values():
        yield _key("source", source.id), source
    for measure in sorted(engine.figures_by_measure):
        figures = engine.measure_figures(measure)
        if not figures.values:
            continue
        yield _key("measure", measure), None
        for value in figures.values:
            yield _key("value", measure, value.label), NewValue(measure, value)
            for quote in value.quotes:
                if quote.revision == "current":
                    yield (_key("revision", measure, quote.source.id, quote.words, quote.revision_of or ""),
                           Revision(measure, value.label, quote))
        if figures.disagree:
            yield _key("dispute", measure), figures
