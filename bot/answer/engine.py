"""The answer engine: from a question to the passages that answer it and every value of each
measure it asks for, as moderators' corrections leave them. Pure computation over one loaded
index: no I/O, no Discord."""
from __future__ import annotations

import bisect
import copy
import dataclasses
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from bot.answer.event import NAME, home_places, names_group, off_topic_articles, other_event_marks
from bot.answer.naming import VOCABULARY_MEASURES, kept_apart, merge_same_names
from bot.answer.results import (Answer, Citation, Comparison, Disagreements, FigureValue, MeasureFigures, Quote,
                                Source, SourceList, SourceSummary, SourceView, correction_note)
from config import Settings
from corrections.apply import Fix, Stale, resolve
from corrections.model import HIDING, Correction
from index.embeddings import Encoder
from index.figures import ValueGroup, group_values, question_measures
from index.figures.context import TOTAL
from index.figures.grouping import conflicts
from index.figures.scope import in_scope
from index.figures.statements import REFERENCE, is_projection, projected
from index.figures.grammar import FUNCTION_WORDS, GENERIC_NOUNS, POPULATION_NOUNS, singular
from index.figures.dates import YEAR_WORD
from index.figures.phrases import is_participle
from index.figures.questions import QUESTION_WORD, content_words
from index.figures import relevance
from index.models import Figure, Hit, Passage
from index.search import MAX_QUERY_CHARS, Searcher
from index.store import StoredIndex, passage_article_rows

ONE_DAY_REACH = 30             # characters after a count where the day it is of may be named
HOUSEHOLD_UNITS = ("households", "families")
COUNTED = frozenset({"count", "rate"})    # what a query naming things and what befell them asks for
_EVERYONE = frozenset(singular(w) for w in POPULATION_NOUNS | GENERIC_NOUNS)
# A question's words that say what it asks, not about whom: "how many ... were ...?"
_OTHER_WORDS = re.compile(r"\b(?:how|many|much|what|which|number|were|was|are|is|have|has|had|been|be|did|do|does|"
                          r"so|far|still|total|people)\b|[?,.]")
SPAN_WORDS = re.compile(r"\b(?:between|from|since|until|till|by|through)\b", re.I)
# "in a single day", "the worst day", "On Friday 9 October alone": a sentence about one day
ONE_DAY_WORDS = re.compile(r"\b(?:in\s+a\s+(?:single\s+)?day|in\s+one\s+day|(?:worst|busiest|heaviest)\s+day|"
                           r"(?:on|in)\s+(?:its|the|their)\s+(?:first|second|third|opening|final|last)\s+day)\b|"
                           r"(?:day|\d)\s+(?:[A-Z][a-z]+\s+)?alone\b", re.I)
MEASURE_VECTOR_CACHE = 65536     # 384 floats each: 100 MB when full


class Engine:
    """Answers questions from one loaded index. Pure computation: no I/O, no Discord."""

    def __init__(self, index: StoredIndex, encoder: Encoder | None, settings: Settings,
                 degraded: str | None = None, corrections: Sequence[Correction] = ()):
        self.index = index
        self.settings = settings
        self.searcher = Searcher(index, encoder, settings)
        self.degraded = degraded if encoder is None else None
        self.sources_by_id = {
            a.id: Source(a.id, a.title, a.outlet, a.url, a.published) for a in index.articles
        }
        self._text = {a.id: a.text for a in index.articles}
        # Figures of this event by measure; figures about other events, and every figure of an
        # article about another story altogether, never become values.
        self.off_topic = off_topic_articles(index, settings.off_topic_similarity, settings.off_topic_relative)
        # A figure about a place other than the event's own is a measure of that place ("killed
        # in the north"): never a value that disagrees with the event's.
        self._home = home_places(index)
        self._own_years = frozenset(int(a.published[:4]) for a in index.articles
                                    if a.published and a.published[:4].isdigit())
        # Vectors of measure names and of the words around figures, compared with questions: the
        # index's own texts, mostly stored with it (index/name_vectors.py); kept apart from the
        # question cache, and what the index does not hold is encoded once.
        self._measure_vector = functools.lru_cache(maxsize=MEASURE_VECTOR_CACHE)(self._encode_name)
        # Another event's figures answer only a question naming that event by a year or name
        # its sentences give ("What was the death toll when Orvath erupted in 1987?").
        self._other_marks = other_event_marks(index, self.off_topic, self._own_years)
        self._apply(corrections)

    def with_corrections(self, corrections: Sequence[Correction]) -> Engine:
        """This engine with other corrections in force: the same index and search, figures
        regrouped (no rebuild, no re-encoding)."""
        engine = copy.copy(self)
        engine._apply(corrections)
        return engine

    def _apply(self, corrections: Sequence[Correction]) -> None:
        """Group the figures of this event by measure, as moderators' corrections leave them."""
        fixes, self.stale_corrections = resolve(corrections, self._text)
        self.corrections = tuple(c for c in corrections if c.in_force)
        self._fixes: dict[tuple[str, int], Fix] = {}
        hidden: Counter = Counter()
        by_measure: dict[str, list[Figure]] = {}
        self._other_by_mark: dict[str, list[Figure]] = {}
        for figure, marks in self._other_marks:
            fix = fixes.get((figure.article_id, figure.start, figure.text))
            if fix is None or fix.correction.action not in HIDING:
                for mark in marks:
                    self._other_by_mark.setdefault(mark, []).append(figure)
        for figure in self.index.figures:
            fix = fixes.get((figure.article_id, figure.start, figure.text))
            if not figure.other_event and figure.article_id not in self.off_topic:
                if figure.scope and figure.scope not in self._home:
                    figure = dataclasses.replace(figure, measure=in_scope(figure.measure, figure.scope))
                if is_projection(figure):
                    figure = dataclasses.replace(figure, measure=projected(figure.measure))
                if fix is not None:
                    self._fixes[figure.article_id, figure.start] = fix
                    if fix.correction.action in HIDING:
                        hidden[figure.measure, figure.article_id] += 1
                        continue
                    if fix.correction.action == "move" and fix.correction.target:
                        figure = dataclasses.replace(figure, measure=fix.correction.target)
                by_measure.setdefault(figure.measure, []).append(figure)
        self.figures_by_measure, renamed = merge_same_names(by_measure)
        self._renamed = renamed      # a question may name a measure by a name merged into another
        self._with_limits = {m for m, figures in self.figures_by_measure.items()
                             if any(f.statement == REFERENCE for f in figures)}
        self._hidden: Counter = Counter()      # statements taken out, by (measure, article)
        for (measure, article_id), count in hidden.items():
            self._hidden[renamed.get(measure, measure), article_id] += count
        # A decision none of whose figures is read any more (the extractor changed) is stale too.
        applied = {fix.correction.id for fix in self._fixes.values()}
        for correction in self.corrections:
            if correction.id not in applied and not getattr(self.stale_corrections.get(correction.id), "whole", False):
                self.stale_corrections[correction.id] = Stale("no figure is read there any more", True)
        self._places_of: dict[str, list[str]] = {}
        for measure in self.figures_by_measure:
            base, found, _ = measure.partition(" in ")
            if found and base in self.figures_by_measure:
                self._places_of.setdefault(base, []).append(measure)
        # Every value of a measure across all articles: the same for every question until the
        # index changes (a new Engine), so made once per measure, when first asked for.
        self._all_values: dict[str, MeasureFigures] = {}
        # Figures of this event by article, in text order: a search result's figures are found
        # by its offsets.
        self._figures_in: dict[str, list[Figure]] = {}
        for figures in self.figures_by_measure.values():
            for figure in figures:
                self._figures_in.setdefault(figure.article_id, []).append(figure)
        for figures in self._figures_in.values():
            figures.sort(key=lambda f: f.start)
        self._figure_starts = {a: [f.start for f in figures] for a, figures in self._figures_in.items()}

    # -- questions

    def ask(self, question: str) -> Answer:
        question = clean_query(question)
        hits, pool = self.searcher.search_with_pool(question, None, relevance.POOL) if question else ([], [])
        citations = tuple(self._citation(i, hit) for i, hit in enumerate(hits, start=1))
        return Answer(question, citations, self.measures_asked(question, hits=pool), self.degraded)

    def measures_asked(self, question: str, article_ids: set[str] | None = None,
                       hits: list[Hit] | None = None) -> tuple[MeasureFigures, ...]:
        """Every value of each measure the question asks for, across all (or the given) articles.

        A count measure the vocabulary names ("How many were killed?") answers with all its
        values. Otherwise the question's form says which kind of figure answers it, and the
        figures of that kind in the passages the search found (`hits`, searched here when not
        given) are kept when their sentences are close to the question
        (index/figures/relevance.py); a kept figure whose measure names a fact brings every
        value of that measure.
        """
        wanted = relevance.wanted(question)
        marks = [m for m in dict.fromkeys([*YEAR_WORD.findall(question), *NAME.findall(question)])
                 if m in self._other_by_mark]
        if marks:
            return self._other_events_asked(question, marks, wanted, article_ids)
        # A measure whose every statement a correction took out is still named: the answer says so.
        known = self.figures_by_measure.keys() | {m for m, _ in self._hidden}
        asked = self._asked_by_name(question, known)
        # "fishermen out of work?": a query typed in a chat names what it counts; what it names
        # joins the figures its other words find
        typed = not asked and wanted is not None and wanted.kinds <= COUNTED \
            and not QUESTION_WORD.search(question.lower())
        if not asked and (wanted is None or typed):     # "injured in the stadium crush": a figure all the same
            asked = self._asked_by_name(question, known, any_form=True)
        elif not asked and "money" in wanted.kinds:     # "What are the interest costs?": the vocabulary's sum
            asked = [m for m in question_measures(question, known, any_form=True) if m in VOCABULARY_MEASURES]
        part = relevance.part_of_group(question)
        if part:                                # "How many of the arrested are still held?": not the arrests
            group, rest = (set(question_measures(f"how many {words}", known)) for words in part)
            asked = [m for m in asked if m in rest or m not in group]
        named = [m for m in asked if m in known and m not in relevance.GENERIC_MEASURES]
        missing = [m for m in asked if m not in known]
        named += [m for m in self._groups_asked(question, missing, known) if m not in named]
        named += [m for m in self._sibling_groups(named, known) if m not in named]
        named = self._narrowed_to_groups(question, named, known)
        if relevance.asks_what_may_happen(question):    # "What could the case count climb to?": the projections
            named = [projected(m) if projected(m) in known else m for m in named]
        if wanted is not None and wanted.per_population:     # "evacuated per 100,000 residents"
            named += [k for k in sorted(known) if any(k.startswith(f"{m} per ") for m in named) and k not in named]
        counted = [m for m in named if wanted is None or m not in self.figures_by_measure or any(
            f.kind in ("count", "ordinal", "rate") and wanted.accepts(f.kind, None) for f in self.figures_by_measure[m])]
        if wanted is None or not question or counted and not typed:
            if hits is None and counted and self.searcher.encoder is not None:
                hits = self.searcher.search_with_pool(question, 0, relevance.POOL, article_ids)[1]
            found = self._named_measures(question, counted if wanted else named, counted, hits or [], article_ids)
            found = self._narrowed(question, self._of_kind(question, found, wanted, article_ids), article_ids)
            # "How many accounts in every 100,000 were hit?" names the accounts, whose counts are
            # no rate: the figures of the kind asked for are looked for as for an unnamed measure
            if found or not (wanted and wanted.per_base):
                return found
        if hits is None:
            hits = self.searcher.search_with_pool(question, 0, relevance.POOL, article_ids)[1]
        picked = self._relevant_figures(question, wanted, hits, article_ids)
        # "How many were arrested?" where no article gives arrests: the vocabulary's other
        # measures (the dead, the injured) are other things, never its answer; measures named in
        # the articles' own words may be it ("taken into custody").
        absent = {m for m in missing if m in VOCABULARY_MEASURES}
        if absent:
            picked = {m: figures for m, figures in picked.items()
                      if m.partition(": ")[0].partition(" in ")[0] not in VOCABULARY_MEASURES - absent}
        # Dates, times and durations its events name ("the attack time" for "What time did the
        # explosion happen?") stand beside what the question's words found.
        chosen = {m: self.measure_figures(m, article_ids) for m in named
                  if any(wanted.fits(f) for f in self.figures_by_measure.get(m, []))}
        # a normal level or a limit only when the question asks for one ("about 190 cm normally")
        chosen = {mf.measure: mf for mf in self._of_kind(question, tuple(chosen.values()), wanted, article_ids)}
        found = [*chosen.values(), *(self._group(measure, figures, article_ids) for measure, figures in picked.items()
                                     if measure not in chosen)]
        return self._narrowed(question, tuple(mf for mf in found if mf.values or mf.hidden), article_ids)

    def _asked_by_name(self, question: str, known: set[str], any_form: bool = False) -> list[str]:
        """The measures the question names, also by a name merged into a longer one (bot/answer/naming.py):
        "How many trades were cancelled?" names "trades", which the answers call "trades undone".
        Not a merged name inside one it names already ("cases" in "How many suspected cases?")."""
        named = question_measures(question, known, any_form=any_form)
        if not self._renamed:
            return named
        words = [set(m.split()) for m in named]
        merged = [self._renamed[m] for m in question_measures(question, known | self._renamed.keys(), any_form=any_form)
                  if m in self._renamed and not any(set(m.split()) <= own for own in words)
                  and set(m.split()) <= set(self._renamed[m].split())]
        return list(dict.fromkeys([*named, *merged]))

    def _narrowed(self, question: str, found: tuple[MeasureFigures, ...],
                  article_ids: set[str] | None) -> tuple[MeasureFigures, ...]:
        """The found measures as the question's places, recipients and rates narrow them."""
        found = recipients_named(question, self._in_places_named(question, found, article_ids))
        return self._top_grades(question, self._rates_over_totals(question, found, article_ids), article_ids)

    def _top_grades(self, question: str, found: tuple[MeasureFigures, ...],
                    article_ids: set[str] | None) -> tuple[MeasureFigures, ...]:
        """"What was the highest warning level?": of a graded measure (levels, categories, alert
        colours), each source's top grade, not the lower ones it gives for another province or
        after the alert was eased. Per article, so sources that disagree on the top still do."""
        if not relevance.asks_for_top_grade(question):
            return found
        kept = []
        for mf in found:
            figures = self._figures_shown(mf)
            if mf.kind != "category" or not figures or any(f.kind != "category" for f in figures):
                kept.append(mf)
                continue
            top: dict[str, float] = {}
            for f in figures:
                top[f.article_id] = max(top.get(f.article_id, f.value), f.value)
            kept.append(self._group(mf.measure, [f for f in figures if f.value == top[f.article_id]], article_ids))
        return tuple(kept)

    def _rates_over_totals(self, question: str, found: tuple[MeasureFigures, ...],
                           article_ids: set[str] | None) -> tuple[MeasureFigures, ...]:
        """"How many calls a day?": where the answer has both "calls per day" and "calls", of the
        counts only those of one day answer ("14,200 calls on 17 October"), not totals ("has
        taken more than 60,000 calls"). "How much was withdrawn on the worst day?": of a
        measure with values of one day, only those."""
        rates = relevance.rates_asked(question)
        one_day = relevance.asks_for_one_day(question)
        names = {mf.measure for mf in found}
        kept = []
        for mf in found:
            per_period = any(f"{mf.measure} {rate}" in names for rate in rates)
            if not per_period and not one_day:
                kept.append(mf)
                continue
            figures = [f for f in self._figures_shown(mf) if self._of_one_day(f)]
            if figures:
                kept.append(self._group(mf.measure, figures, article_ids))
            elif not per_period:
                kept.append(mf)
        return tuple(kept)

    def _of_one_day(self, figure: Figure) -> bool:
        """Whether the figure is of one day: a date or weekday follows it closely in its sentence
        ("14,200 calls on 17 October"), or its sentence says so ("a day", "alone", "the worst day")."""
        text = self._text[figure.article_id]
        # not a span of days: "withdrew RVL 6.8bn between Thursday morning and the Saturday freeze"
        return ONE_DAY_WORDS.search(text, figure.sentence_start, figure.sentence_end) is not None or any(
            f.kind in ("date", "weekday") and figure.end <= f.start <= figure.end + ONE_DAY_REACH
            and f.start < figure.sentence_end and not SPAN_WORDS.search(text, figure.end, f.start)
            for f in self._figures_in.get(figure.article_id, []))

    def _other_events_asked(self, question: str, marks: list[str], wanted: relevance.Wanted | None,
                            article_ids: set[str] | None) -> tuple[MeasureFigures, ...]:
        """A question about another event, named by its year or name: the figures of the
        measures it names (else of the kind it wants) in sentences naming it, each measure
        marked with it ("killed (1987)"); never this event's values. A year and a name of one
        event ("the 1983 Kessel collapse") are answered once, by the year."""
        found = []
        seen: set[tuple[str, int]] = set()
        for mark in marks:
            figures = [f for f in self._other_by_mark[mark] if (article_ids is None or f.article_id in article_ids)
                       and wanted is not None and wanted.fits(f) and (f.article_id, f.start) not in seen]
            named = set(question_measures(question, {f.measure for f in figures}))
            if named:
                figures = [f for f in figures if f.measure in named or f.measure.partition(": ")[0] in named]
            seen |= {(f.article_id, f.start) for f in figures}
            by_measure: dict[str, list[Figure]] = {}
            for figure in figures:      # that event's own values now
                name = f"{figure.measure} ({mark})"
                by_measure.setdefault(name, []).append(dataclasses.replace(figure, measure=name, other_event=False))
            found += [self._group(measure, group, article_ids) for measure, group in by_measure.items()]
        return tuple(found)

    def _in_places_named(self, question: str, found: tuple[MeasureFigures, ...],
                         article_ids: set[str] | None) -> tuple[MeasureFigures, ...]:
        """A question naming a place: a measure of that place answers instead of the event's
        own. For one of the event's own places, of each measure no values stated for its other
        places ("How many marched in Varsel?" shows no crowd "in Kostrin"), and for a place other
        than the main one ("How many were arrested in Kostrin?" about protests centred on the
        capital) only the values stated for it, when any are."""
        words = relevance.question_words(question)
        places = {p for p in self._home if p[:1].isupper() and relevance.question_words(p) <= words}

        def answered_elsewhere(mf: MeasureFigures) -> bool:
            # "damage in Westvale" answers for Westvale, not also with the event's damage; a
            # question naming more of the event's places than those still wants the event's
            asked = {m.measure.partition(" in ")[2] for m in found if m.measure.startswith(mf.measure + " in ")
                     and relevance.question_words(m.measure.partition(" in ")[2]) <= words}
            return bool(asked) and places <= asked
        found = tuple(mf for mf in found if not answered_elsewhere(mf))
        if not places:
            return found
        main = max(self._home.values())
        narrowed = []
        for mf in found:
            figures = self._figures_shown(mf)
            inside = [f for f in figures if f.scope in places]
            if not (inside and all(self._home[p] < main for p in places)):
                inside = [f for f in figures if f.scope in places or f.scope not in self._home]
            narrowed.append(self._group(mf.measure, inside, article_ids) if inside and len(inside) < len(figures) else mf)
        return tuple(narrowed)

    def _groups_asked(self, question: str, absent: list[str], known: set[str]) -> list[str]:
        """For a vocabulary measure the question names that the articles only give by group
        ("How many demonstrators were injured?" where they say "injured: protesters" and "injured:
        police officers"): the groups whose words mean one of the question's ("protesters" for
        "demonstrators"), else every group."""
        found: list[str] = []
        asked: list[np.ndarray] | None = None             # the question's words' vectors, made once when needed
        for measure in absent:
            groups = groups_of(measure, known)
            if not groups or self.searcher.encoder is None:
                found += groups
                continue
            if asked is None:      # whole words, not question_words' stems: their vectors are compared
                asked = [self._measure_vector(w) for w in re.findall(r"[a-z]+", question.lower())
                         if w not in FUNCTION_WORDS and len(w) > 3]
            similar = [g for g in groups if any(float(self._measure_vector(g.partition(": ")[2]) @ v)
                                                >= relevance.SAME_WORD for v in asked)]
            found += similar or groups
        return found

    def _narrowed_to_groups(self, question: str, named: list[str], known: set[str]) -> list[str]:
        """"How many members of the press were arrested?": a vocabulary measure the question names,
        narrowed to its group whose name means what the question's other words say
        ("arrested: journalists"), not every arrest."""
        if self.searcher.encoder is None:
            return named
        found = []
        for measure in named:
            groups = groups_of(measure, known) if measure in VOCABULARY_MEASURES else []
            without_measure = relevance.vocabulary_pattern(measure).sub(" ", question.lower()) if groups else ""
            rest = " ".join(_OTHER_WORDS.sub(" ", without_measure).split())
            # "How many residents were ordered to evacuate?": the people of a place are everyone
            if not rest or content_words(rest) <= _EVERYONE:
                found.append(measure)
                continue
            wanted = self._measure_vector(rest)
            close = [g for g in groups if float(self._measure_vector(g.partition(": ")[2]) @ wanted) >= relevance.SAME_WORD]
            found += close or [measure]
        return list(dict.fromkeys(found))

    def _sibling_groups(self, named: list[str], known: set[str]) -> list[str]:
        """"How many animals died?" where the articles also count "killed: livestock": the groups
        of a named group's measure whose words mean the same ("livestock" for "animals")."""
        if self.searcher.encoder is None:
            return []
        found = []
        for measure in named:
            parent, _, group = measure.partition(": ")
            if not group or ": " in group:
                continue
            wanted = self._measure_vector(group)
            # a group's whole ("customers (total)": all customers) is not one of its parts
            found += [k for k in groups_of(parent, known) if k != measure
                      and k.endswith(TOTAL) == measure.endswith(TOTAL)
                      and float(self._measure_vector(k.partition(": ")[2]) @ wanted) >= relevance.SAME_WORD]
        return found

    def _named_measures(self, question: str, asked: list[str], counted: list[str], hits: list[Hit],
                        article_ids: set[str] | None) -> tuple[MeasureFigures, ...]:
        """The measures a question names, counts with the measures that name them alike; another
        place's figures only when the question names the place."""
        found = [self._with_similar_measures(m, hits, article_ids) if m in counted
                 else self.measure_figures(m, article_ids) for m in asked]
        # "How many miners died?" names the group "killed: miners" (31 in an earlier collapse); the
        # toll itself ("the number of miners confirmed dead rose to 19") is the parent's values whose
        # sentences name the group.
        for measure in asked:
            parent, _, group = measure.rpartition(": ")
            if parent and parent not in asked and parent in self.figures_by_measure:
                wanted = content_words(group)
                figures = [f for f in self.figures_by_measure[parent] if (article_ids is None or f.article_id in
                           article_ids) and names_group(wanted, self._text[f.article_id][f.sentence_start:f.sentence_end])]
                if figures:
                    found.append(self._group(parent, figures, article_ids))
        # "How many people were evacuated?": households and families evacuated are the same count
        # in the units some sources give it
        found += [self.measure_figures(f"{m}: {unit}", article_ids) for m in asked if ": " not in m
                  for unit in HOUSEHOLD_UNITS if f"{m}: {unit}" in self.figures_by_measure
                  and f"{m}: {unit}" not in asked]
        words = relevance.question_words(question)
        found += [self.measure_figures(place, article_ids) for m in asked for place in self._places_of.get(m, [])
                  if relevance.question_words(place.partition(" in ")[2]) <= words]
        return tuple(mf for mf in found if mf.values or mf.hidden)

    def _relevant_figures(self, question: str, wanted: relevance.Wanted, hits: list[Hit],
                          article_ids: set[str] | None) -> dict[str, list[Figure]]:
        """Measure -> figures, for the figures of the wanted kind in the hits that answer the
        question; projections only for a question about what may happen."""
        forecast = relevance.asks_for_projection(question)
        reference = relevance.asks_for_reference(question)
        words = relevance.question_words(question)

        def answers(f: Figure) -> bool:
            """Of the wanted kind, in the articles asked about; a limit or normal level only when asked."""
            return wanted.fits(f) and (reference or f.statement != REFERENCE) \
                and (article_ids is None or f.article_id in article_ids)

        # Another place's figures ("damage in Norvania") only when the question names the place,
        # as for measures the question names.
        candidates = [(f, self._text[f.article_id][f.sentence_start:f.sentence_end],
                       relevance.near_words(self._text[f.article_id], f), hit.embedding)
                      for hit in hits for f in self._figures_of(hit.passage)
                      if answers(f) and (forecast or f.statement != "projection")
                      and (not f.scope or f.scope in self._home or relevance.question_words(f.scope) <= words)]
        vector = asked = None
        if self.searcher.encoder is not None:
            vector, asked = self._measure_vector, self.searcher.query_vector(question)
        picked: dict[str, list[Figure]] = {}
        for figure in relevance.select(question, candidates, vector, asked):
            if relevance.is_specific(figure):
                picked[figure.measure] = [f for f in self.figures_by_measure[figure.measure] if answers(f)]
            elif figure not in picked.get(figure.measure, []):
                picked.setdefault(figure.measure, []).append(figure)
        for measure in [m for m, figures in picked.items() if figures and relevance.is_specific(figures[0])
                        and relevance.named_by_dimension(figures[0])]:
            picked.update(self._same_noun_measures(measure, answers, set(picked)))
        for measure in [m for m, figures in picked.items() if figures and relevance.is_specific(figures[0])]:
            picked.update(self._head_measures(measure, answers, set(picked)))
        return picked

    def _head_measures(self, measure: str, answers: Callable[[Figure], bool], taken: set[str]
                       ) -> dict[str, list[Figure]]:
        """A measure picked by meaning brings the measures named by its last words, as a question
        naming it would ("fire trucks deployed?" finds "fire engines" (60), and "engines" (130, 210)
        is what other sources call them)."""
        words = measure.split()
        if ":" in measure or kept_apart(measure) or len(words) < 2:
            return {}
        found = {}
        for k in range(1, len(words)):
            name = " ".join(words[k:])
            kept = [f for f in self.figures_by_measure.get(name, []) if answers(f)]
            if name not in taken and name not in VOCABULARY_MEASURES and kept:
                found[name] = kept
        return found

    def _same_noun_measures(self, measure: str, answers: Callable[[Figure], bool],
                            taken: set[str]) -> dict[str, list[Figure]]:
        """"What was the biggest radiation dose a worker received?": beside the doses named only
        by their dimension ("radiation dose"), the measures of that dimension its noun names
        ("highest individual dose", "estimated dose"), as sources call one dose in their words."""
        head = measure.split()[-1]
        found = relevance.dimension(self.figures_by_measure[measure][0])
        same = {}
        for name, figures in self.figures_by_measure.items():
            if name not in taken and name.split()[-1] == head and all(relevance.dimension(f) == found for f in figures):
                kept = [f for f in figures if answers(f)]
                if kept:
                    same[name] = kept
        return same

    def _with_similar_measures(self, measure: str, hits: list[Hit], article_ids: set[str] | None) -> MeasureFigures:
        """A vocabulary measure, or one named by what was done ("cancelled: flights"), with the
        counts among the search results named by what was done to them in words close to its
        own ("left without homes" for displaced, "taken into custody" for arrested,
        "cancellations" for cancelled): every value of each such measure joins it. (Comparing such names
        with the question instead joined more wrong measures than right ones on the development
        events.)"""
        # a measure named by what was done that no vocabulary knows: "cancelled: flights" ~ "cancellations"
        head = measure.partition(": ")[0]
        action = head not in VOCABULARY_MEASURES and is_participle(head)
        # a measure kept apart (another place, a projection) takes no others' figures either
        if self.searcher.encoder is None or kept_apart(measure) or not (measure in VOCABULARY_MEASURES or action):
            return self.measure_figures(measure, article_ids)
        # Names kept apart on purpose (another place, a projection) never join.
        names = {f.measure for hit in hits for f in self._figures_of(hit.passage)
                 if (relevance.unnamed_by_vocabulary(f) or relevance.names_an_action(f)) and f.measure != measure
                 and not kept_apart(f.measure)}
        # what was done, compared alone: "issued: tickets" is not "forged tickets"
        wanted = self._measure_vector(head if action else relevance.vocabulary_phrase(measure))
        similar = [name for name in sorted(names)
                   if float(self._measure_vector(name) @ wanted) >= relevance.SAME_MEASURE]
        if not similar:
            return self.measure_figures(measure, article_ids)
        figures = [f for name in [measure, *similar] for f in self.figures_by_measure.get(name, [])
                   if article_ids is None or f.article_id in article_ids]
        return self._group(measure, figures, article_ids)

    def _of_kind(self, question: str, found: tuple[MeasureFigures, ...], wanted: relevance.Wanted | None,
                 article_ids: set[str] | None) -> tuple[MeasureFigures, ...]:
        """A named measure's values of the kind the question asks for: "How many were evacuated?"
        is not answered by "evacuated within 3 km" or "3,400 evacuees per 100,000 residents". A
        query typed without a question word ("total deposits pulled out") says no kind for sure. A
        limit ("can impose fines of up to ORM 60m") is kept only when the question asks for one."""
        typed = wanted is not None and QUESTION_WORD.search(question.lower())
        reference = relevance.asks_for_reference(question)
        if not typed and (reference or not any(mf.measure in self._with_limits for mf in found)):
            return found
        kept = []
        for mf in found:
            figures = self._figures_shown(mf)
            # a limit ("can impose fines of up to ORM 60m") only when the question asks for one
            fitting = [f for f in figures if (not typed or wanted.fits(f)) and (reference or f.statement != REFERENCE)]
            kept.append(mf if len(fitting) == len(figures) else self._group(mf.measure, fitting, article_ids))
        return tuple(mf for mf in kept if mf.values or mf.hidden)

    def _figures_shown(self, mf: MeasureFigures) -> list[Figure]:
        """The figures behind a measure's values, found again by where their quotes' words start."""
        return [f for f in (self.figure_at(q.source.id, q.at) for v in mf.values for q in v.quotes
                            if q.at is not None) if f is not None]

    def figure_at(self, article_id: str, start: int) -> Figure | None:
        """The figure of this event whose words start there, as the extractor read it."""
        figures = self._figures_in.get(article_id, [])
        i = bisect.bisect_left(self._figure_starts.get(article_id, []), start)
        return figures[i] if i < len(figures) and figures[i].start == start else None

    def _encode_name(self, name: str) -> np.ndarray:
        stored = self.index.names.get(name)
        return stored if stored is not None else self.searcher._encode_query(name)

    def _figures_of(self, passage: Passage) -> list[Figure]:
        figures = self._figures_in.get(passage.article_id, [])
        starts = self._figure_starts.get(passage.article_id, [])
        return figures[bisect.bisect_left(starts, passage.start):bisect.bisect_left(starts, passage.end)]

    def measure_figures(self, measure: str, article_ids: set[str] | None = None) -> MeasureFigures:
        if article_ids is None:
            found = self._all_values.get(measure)
            if found is None:
                found = self._all_values[measure] = self._measure_figures(measure, None)
            return found
        return self._measure_figures(measure, article_ids)

    def _measure_figures(self, measure: str, article_ids: set[str] | None) -> MeasureFigures:
        figures = [f for f in self.figures_by_measure.get(measure, [])
                   if article_ids is None or f.article_id in article_ids]
        return self._group(measure, figures, article_ids)

    def _group(self, measure: str, figures: list[Figure], article_ids: set[str] | None = None) -> MeasureFigures:
        groups = group_values(figures)
        # Conflict is symmetric: each pair is judged once. Figures under a name that only gives
        # their kind ("distance") are separate facts: never in conflict.
        conflicting = {}
        for i, a in enumerate(groups if measure not in relevance.GENERIC_MEASURES else []):
            for j in range(i + 1, len(groups)):
                conflicting[i, j] = conflicting[j, i] = conflicts(a, groups[j])
        kind = figures[0].kind if figures else "count"
        hidden = sum(count for (name, article_id), count in self._hidden.items()
                     if name == measure and (article_ids is None or article_id in article_ids))
        return MeasureFigures(measure, kind, tuple(
            self._figure_value(g, tuple(groups[j].label for j in range(len(groups)) if conflicting.get((i, j))),
                               tuple(groups[j].label for j in range(len(groups)) if conflicting.get((i, j)) is False))
            for i, g in enumerate(groups)), hidden)

    # -- comparison, disagreements, sources

    def compare(self, topic: str, article_ids: Sequence[str] | None = None) -> Comparison:
        """Source by source: each article's best passage on the topic and its figures."""
        topic = clean_query(topic)
        wanted = [i for i in (article_ids or self.sources_by_id) if i in self.sources_by_id]
        best = self.searcher.best_per_article(topic, set(wanted)) if topic else {}
        views, silent = [], []
        for article_id in wanted:
            hit = best.get(article_id)
            figures = self.measures_asked(topic, {article_id})
            if hit is None and not figures:
                silent.append(self.sources_by_id[article_id])
                continue
            citation = self._citation(0, hit) if hit else None
            views.append(SourceView(self.sources_by_id[article_id], citation, figures))
        views.sort(key=lambda v: -(v.best.score if v.best else 0.0))
        numbered = tuple(
            SourceView(v.source, dataclasses.replace(v.best, number=i) if v.best else None, v.figures)
            for i, v in enumerate(views, start=1)
        )
        return Comparison(topic, numbered, tuple(silent), self.degraded)

    def disagreements(self) -> Disagreements:
        measures = [self.measure_figures(m) for m in self.figures_by_measure]
        disputed = [m for m in measures if m.disagree]
        disputed.sort(key=lambda m: (-sum(v.source_count for v in m.values), m.measure))
        return Disagreements(tuple(disputed))

    def sources(self) -> SourceList:
        per_row = Counter(passage_article_rows(self.index.articles, self.index.passages).tolist())
        passages = {a.id: per_row[i] for i, a in enumerate(self.index.articles)}
        figures = Counter(f.article_id for f in self.index.figures if not f.other_event)
        return SourceList(tuple(
            SourceSummary(source, passages[source.id], figures[source.id])
            for source in self.sources_by_id.values()
        ))

    # -- building blocks

    def _citation(self, number: int, hit: Hit) -> Citation:
        p = hit.passage
        return Citation(number, self.sources_by_id[p.article_id], p.start, p.end, p.text, hit.score)

    def _figure_value(self, group: ValueGroup, conflicts_with: tuple[str, ...] = (),
                      agrees_with: tuple[str, ...] = ()) -> FigureValue:
        quotes: dict[tuple[str, int, int, str], Quote] = {}
        for f in group.figures:
            key = (f.article_id, f.sentence_start, f.sentence_end, f.text)
            quotes.setdefault(key, Quote(
                self.sources_by_id[f.article_id], f.sentence_start, f.sentence_end,
                self._text[f.article_id][f.sentence_start:f.sentence_end], f.text,
                f.attributed_to, f.revision, f.revision_of, f.statement, f.start,
                correction_note(self._fixes.get((f.article_id, f.start))),
            ))
        scopes = {f.scope for f in group.figures}
        return FigureValue(group.label, group.value, group.low, group.high, tuple(quotes.values()),
                           group.kind, group.unit, conflicts_with, agrees_with,
                           scopes.pop() if len(scopes) == 1 else None)



def groups_of(measure: str, known: Iterable[str]) -> list[str]:
    """The measure's groups among the known names, in order ("killed: livestock" of "killed")."""
    return sorted(k for k in known if k.startswith(measure + ": "))


def recipients_named(question: str, found: tuple[MeasureFigures, ...]) -> tuple[MeasureFigures, ...]:
    """"How much will bereaved families be paid?": of sums paid to each of several recipients
    ("payment per family", "payment per person"), those to the recipients the question names."""
    words = relevance.question_words(question)
    by_base: dict[str, set[str]] = {}
    for mf in found:
        base, per, recipient = mf.measure.partition(" per ")
        if per:
            by_base.setdefault(base, set()).add(recipient.partition(" (")[0])
    dropped = set()
    for base, recipients in by_base.items():
        named = {r for r in recipients if words >= relevance.question_words(r) != set()}
        if named:
            dropped |= {f"{base} per {r}" for r in recipients - named}
    return tuple(mf for mf in found if mf.measure.partition(" (")[0] not in dropped)


def clean_query(text: str) -> str:
    """A question as the engine reads it: control and zero-width characters dropped, space
    collapsed, cut to MAX_QUERY_CHARS (a longer question adds noise, not meaning)."""
    kept = "".join(ch if ch.isprintable() else " " for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(kept.split())[:MAX_QUERY_CHARS]

