"""Figure extraction: every figure a sentence states, what it measures and the bounds it implies.

The product shows EVERY figure the sources give for a measure, so extraction must find each
figure, name its measure the same way across articles ("84 fatalities", "killed 84" and
"84 people were killed" are all "killed"), and keep apart what must not be mixed: figures of
other events, earlier (revised) figures, subgroups ("12 were Afghan nationals").

The steps, one module each:
  numbers      reads the mentions of a sentence: numbers with their kind, unit and bounds
               (quantities: currencies, units, percents, ranges, rates around a number)
  furniture    page furniture and boxes about other events, which give no figures of this one
  measures     names what each count counts (quantity_measures: money, shares, measurements,
               with quantity_objects: the noun phrase a quantity is of, and prices: what a sum is
               paid for or owed; time_measures: ordinals and durations; context: rules reading the
               whole sentence;
               recipients: sums paid to each of some recipients; phrases: the noun phrases,
               verb phrases and subjects they read)
  scope        the place or group a figure is about (tables: a row's place, a column's measure)
  events       figures about other events (dating: which event a date or time belongs to)
  attribution  who states a figure (revisions: "84, down from 103"; statements: an official
               count, an estimate, a claim, a projection, a limit; antecedents: whom "it"
               opening a sentence stands for; aliases: which body "the company" is)
  grouping     values of one measure, and which of them really conflict
  questions    which vocabulary measures a question names
  relevance    which figures answer a question no vocabulary word names
Vocabulary (synonyms, events, qualifiers, units, ...) is read from config/measures.toml
(vocabulary.py); English grammar words are in grammar.py, tokens and sentences in text.py.
"""
from __future__ import annotations

import bisect
import dataclasses
import re

from index.figures.grammar import GENERIC_NOUNS, MONTH_NAMES, POPULATION_NOUNS, WEEKDAYS, looks_plural
from index.figures.grouping import ValueGroup, group_values
from index.figures.questions import asked_measure, question_measures
from index.figures.quotations import Quotations
from index.figures.vocabulary import VOCAB, canonical_measure, is_exchange_rate, rate_currency
from index.figures.antecedents import Antecedents
from index.figures.attribution import apply_attribution, apply_credited_sources
from index.figures.source_names import reporting_names
from index.figures.event_names import after_name, opens_with_name, other_event_names
from index.figures.events import (
    apply_other_events,
    article_event_years,
    names_again,
    own_incidents,
    points_back_to_subject,
    that_event,
    told_then,
)
from index.figures.aliases import credit_named_bodies
from index.figures.alternatives import apply_alternatives, apply_restated_units
from index.figures.labels import credit_labelled, in_list_item, run_in_heads
from index.figures.furniture import furniture_spans, other_event_sections
from index.figures.context import (
    QUANTITY_KINDS,
    apply_answered_question,
    apply_back_references,
    apply_casualties_rule,
    apply_changed_ratings,
    apply_conversions,
    apply_rates_of_counts,
    apply_elided_units,
    apply_fronted_rate,
    apply_holders,
    apply_household_counts,
    apply_range_ends,
    apply_run_in_head,
    apply_shares_of_counts,
    apply_subgroups,
    apply_totals,
    carried_measures,
)
from index.figures.dating import dated_event
from index.figures.lists import (
    apply_coordinated_quantities,
    apply_credited_lists,
    apply_gapped_settings,
    apply_listed_after_colon,
    apply_listed_settings,
    parallel_names,
)
from index.figures.measures import count_measure
from index.figures.quantities import CURRENCY_CODE, local_currencies, quoted_against
from index.figures.recipients import apply_recipients
from index.figures.revisions import apply_revisions
from index.figures.statements import apply_statement_kind
from index.figures.tables import Cell, apply_table_measures, apply_table_scopes, table_cells
from index.figures.quantity_measures import quantity_measure, set_object
from index.figures.time_measures import duration_measure, ordinal_measure
from index.figures.finders import FINDERS, candidate_starts
from index.figures.mention import Mention
from index.figures.numbers import joined_code_ranges, joined_durations, not_figures, restated_with_code
from index.figures.text import Sentence, inside, next_word
from index.figures.scope import pointed_there, scope_of
from index.models import Figure
from index.sentences import cut_long, text_sentence_spans

MAX_SENTENCE_CHARS = 2000


def extract_figures(article_id: str, text: str, published: str | None = None) -> list[Figure]:
    """Every figure in every sentence of text, in text order; `published`, the article's ISO date
    when known, says which year is its own."""
    candidates = candidate_starts(text)
    positions = [position for position, _ in candidates]
    read: list[tuple[Sentence, list[Mention]]] = []
    # A "sentence" of thousands of characters is a list or broken markup, not prose; reading
    # it in bounded pieces keeps extraction linear in the text.
    spans = [piece for s, e in text_sentence_spans(text) for piece in cut_long(text, s, e, MAX_SENTENCE_CHARS)]
    span_starts = [s for s, _ in spans]
    furniture = furniture_spans(text)
    currencies = local_currencies(text, NOT_CURRENCIES)
    heads = run_in_heads(text)
    previous_end, last, last_quantity, listed = 0, {}, None, []
    for start, end in spans:
        within = [c for c in candidates[bisect.bisect_left(positions, start):bisect.bisect_left(positions, end)]
                  if not inside(c[0], furniture)]
        if within:
            sentence = Sentence(text, start, end)
            mentions = sentence_mentions(sentence, within, currencies)
            # What "it" may point back to: the sentence before (in news a paragraph often opens with
            # "The USGS put it at 6.2" about the paragraph before), and the paragraph's last measure.
            # (a list's items are one paragraph: "- Finance ministry: damage of ...\n- Governor: $5bn")
            before = text[previous_end:start]
            same_paragraph = "\n" not in before.strip(" ") or (
                in_list_item(text, previous_end) and in_list_item(text, start) and "\n\n" not in before)
            # a head in capitals opens a topic of its own ("THE BILL. The city's estimate remains ..."),
            # whatever the paragraph before counted
            same_paragraph = same_paragraph and not any(previous_end < begin <= start for begin, _, _ in heads)
            last = last if same_paragraph else {}
            last_quantity = last_quantity if same_paragraph else None
            apply_fronted_rate(sentence, mentions)
            apply_elided_units(sentence, mentions, last_quantity)
            paired = parallel_names(sentence, mentions, listed if same_paragraph else [])
            apply_back_references(sentence, mentions, before, last)
            asked = asked_measure(before) if before.rstrip().endswith("?") else None
            if asked:
                apply_answered_question(mentions, *asked)
            for mention, measure in paired:
                mention.measure = measure
            # a revision's earlier figure is named by the current one's words ("1.74 billion shares,
            # down from the nearly 1.9 billion"), before a head names what is left unnamed
            apply_revisions(sentence, mentions)
            head = next((topic for begin, finish, topic in heads if begin <= start < finish), None)
            if head:
                apply_run_in_head(mentions, head)
            last = {**last, **carried_measures(sentence, mentions)}
            last_quantity = next((m for m in reversed(mentions) if m.kind in QUANTITY_KINDS), last_quantity)
            listed = [m for m in mentions if m.kind in QUANTITY_KINDS]
            read.append((sentence, mentions))
        elif not inside(start, furniture):
            read.append((Sentence(text, start, end), []))      # no figures, but may name whom "it" is
            listed = []
        previous_end = start
    event_years = article_event_years(text, published)
    own_events = own_incidents(text, furniture)
    elsewhere = other_event_sections(text, event_years)
    named_elsewhere = other_event_names(text, event_years, furniture)
    cells = table_cells(text)
    reporters = reporting_names(text)
    figures: list[Figure] = []
    # the sentence before, and whether any and all of its figures were another event's (an
    # ordinal only ranks: "the first failure since Aldmere, which stayed shut for 23 days in 1991")
    previous: tuple[Sentence, bool, bool] | None = None
    antecedents = Antecedents(text, reporters)          # whom "it" stands for
    quotations = Quotations(text, reporters)            # whose words a quotation over several sentences is
    for sentence, mentions in read:
        antecedents.enter(sentence)
        closing = quotations.enter(sentence)
        if not mentions:
            if closing:
                quotations.leave(sentence, figures, len(figures), antecedents.pointed(sentence))
            antecedents.leave([])
            continue
        found = sentence_figures(article_id, sentence, mentions, event_years, own_events, elsewhere, cells, reporters)
        k = bisect.bisect_left(span_starts, sentence.start)
        there = pointed_there(sentence, Sentence(text, *spans[k - 1]) if k else None)
        if there:                                       # "... in neighbouring Haldria. There, ..."
            found = [f if f.scope else dataclasses.replace(f, scope=there) for f in found]
        after_other = previous is not None and "\n" not in text[previous[0].end:sentence.start]
        pointed = antecedents.pointed(sentence)         # "It says 61 are still missing"
        if pointed:
            found = [dataclasses.replace(f, attributed_to=pointed) if f.attributed_to is None else f
                     for f in found]
        antecedents.leave(found)
        that = that_event(sentence)
        # "... when the Greyhollow fire of 2011 burned 38,000 hectares. Driven by gusts, it killed nine.",
        # "..., caused by the Halvenna Paper Mill, killed 38 tonnes. The mill was fined DSR 1.4m",
        # "Greyhollow remains the deadlier fire: it killed nine people.", "That heatwave lasted nine
        # days", "... in 2019, when hackers broke in. Seven were arrested over that attack."
        whole = (after_other and previous[2] and (points_back_to_subject(sentence) or names_again(sentence, previous[0]))) \
            or that == 0 or (after_other and previous[1] and (that is not None or told_then(sentence))) \
            or opens_with_name(sentence, named_elsewhere)
        # ... and "far below Corwen's 61 dead": a figure after another event's name
        found = [dataclasses.replace(f, other_event=True) if whole or after_name(sentence, f.start, named_elsewhere)
                 else f for f in found]
        quantities = [f for f in found if f.kind != "ordinal"]
        previous = (sentence, any(f.other_event for f in found),
                    bool(quantities) and all(f.other_event for f in quantities))
        figures += found
        quotations.leave(sentence, figures, len(figures) - len(found), pointed)
    figures = credit_named_bodies(credit_labelled(figures, text, reporters), text)
    return sorted(figures, key=lambda f: (f.start, f.end))


# A rate with no noun of its own: "6,900 a day", "120 daily"
_BARE_RATE = re.compile(r"\s+(?:(?:a|an|per|each|every)\s+\w+|daily)\s*$", re.I)


_PERIOD_OPENERS = ("a ", "an ", "per ", "each ", "every ")
_BEFORE_A_SPAN = frozenset({"in", "for", "within", "after", "over", "than", "about", "nearly", "almost"})


def _rate_period(sentence: Sentence, mention: Mention, before: Mention) -> bool:
    """Whether "a day" is the period of the quantity just before it ("taps run for 12 hours a
    day", "7.5 hours of supply a day"), no duration of its own ("shut for a day", "in a day")."""
    if mention.kind != "duration" or not sentence.text[mention.start:mention.end].lower().startswith(_PERIOD_OPENERS) \
            or before.kind in ("date", "weekday", "time", "ordinal"):
        return False
    between = sentence.tokens[sentence.index_at(before.end - 1) + 1:sentence.index_at(mention.start)]
    return len(between) <= 3 and all(t.is_word for t in between) \
        and not (between and between[-1].lower in _BEFORE_A_SPAN)


def assign_measure(sentence: Sentence, mention: Mention, mentions: list[Mention],
                   currencies: frozenset[str] = frozenset()) -> None:
    """What the mention counts or measures, by its kind (see each naming module); `currencies`
    are the article's own currency words."""
    word_after = NEXT_WORD.match(sentence.text, mention.count_end) \
        if mention.kind == "rate" and mention.count_end is not None else None
    currency = word_after.group(1).lower() if word_after else None
    base = quoted_against(sentence.text, sentence.start, mention.start) if mention.kind in ("count", "money") else None
    if base:      # "closing 11% weaker against the dollar at 9.44 marls": so many marls per dollar
        mention.kind, mention.unit = "rate", f"{mention.unit} per {base}" if mention.unit else f"per {base}"
    if mention.kind == "rate" and is_exchange_rate(mention.unit):
        mention.measure = "exchange rate"           # "10.04 per dollar", "45.6 dalans to the dollar"
    elif currency in currencies:
        # "2.4 billion lutars a year": a sum a year, named as sums are, not a count of lutars
        mention.unit, mention.count_end = f"{currency} {mention.unit}", None
        mention.measure = quantity_measure(sentence, mention)
    elif mention.kind == "rate" and mention.count_end is not None and not rate_currency(mention.unit):
        # "4,000 services a day", "45 deaths per day": what is counted, per period, a measure of
        # its own ("killed per day"), never mixed with the count ("killed").
        counted = dataclasses.replace(mention, kind="count", end=mention.count_end)
        count_measure(sentence, counted, mentions)
        if (counted.measure is None or counted.noun_phrase_only) \
                and _BARE_RATE.match(sentence.text, mention.count_end, mention.end):
            # "peaked at 14,200 calls ... and averaged 6,900 a day": calls
            counted.measure = next((m.measure for m in reversed(mentions) if m.start < mention.start
                                    and m.kind == "count" and m.measure), None) or counted.measure
        mention.measure = f"{counted.measure} {mention.unit}" if counted.measure else quantity_measure(sentence, mention)
    elif mention.kind in ("count", "rate"):
        count_measure(sentence, mention, mentions)
        if mention.kind == "rate" and not mention.measure:          # "the rate was 3.2 per 100,000"
            mention.measure = quantity_measure(sentence, mention)
        if mention.kind == "count" and not mention.measure:
            mention.measure = " ".join(set_object(sentence, mention)) or None   # "put cancellations at 610"
        if (mention.kind == "count" and not mention.measure
                and sentence.lower(sentence.index_at(mention.start) - 1) in ("to", "at")) \
                or (mention.measure and level_unit(mention.measure)):
            # "raised the alert level to 4", "the alert level was raised to 4": a level, not a count
            named = mention.measure or quantity_measure(sentence, mention)
            unit = level_unit(named)
            if unit:
                mention.kind, mention.unit, mention.measure = "category", unit, unit
        if mention.measure == "magnitude" and mention.kind == "count":   # "the magnitude was 3.4"
            mention.kind, mention.unit = "measurement", "magnitude"
        elif mention.kind == "count" and isinstance(mention.value, float) and mention.value < 10 \
                and VOCAB.events.get(next_word(sentence, mention.end)) == "earthquake" \
                and not looks_plural(next_word(sentence, mention.end)):     # "two quakes" counts quakes
            # "a 6.9 tremor", "the 7.8 quake": a magnitude, not a count of earthquakes
            mention.kind, mention.unit, mention.measure = "measurement", "magnitude", "magnitude"
    elif mention.kind in ("money", "percent", "measurement", "category"):
        mention.measure = quantity_measure(sentence, mention)
    elif mention.kind == "ordinal":
        mention.measure = ordinal_measure(sentence, mention)
    elif mention.kind == "duration":
        mention.measure = duration_measure(sentence, mention)
    else:
        event = dated_event(sentence, mention, mentions)
        suffix = {"date": "date", "weekday": "day", "time": "time"}[mention.kind]
        mention.measure = f"{event} {suffix}" if event else suffix


# Plural words after amounts that count people or things, never a currency.
NOT_CURRENCIES = frozenset({*GENERIC_NOUNS, *POPULATION_NOUNS, *VOCAB.measures})
NEXT_WORD = re.compile(r"(?:\s+|-)([A-Za-z]+)\b")    # "450 million dalens", "a 450-million-dalen fund"
CODE_BEFORE = re.compile(rf"\b({CURRENCY_CODE})\s?$")


def level_unit(name: str) -> str | None:
    """The level word a measure's name ends in ("alert level" -> "level", "category"), if any."""
    words = name.lower().split()
    for k in range(len(words)):
        unit = VOCAB.prefix_units.get(" ".join(words[k:]))
        if unit and unit != "magnitude":
            return unit
    return None


def sentence_mentions(sentence: Sentence, candidates: list[tuple[int, frozenset[str]]],
                      currencies: frozenset[str] = frozenset()) -> list[Mention]:
    """Every mention in the sentence, each span read once (dates before the numbers in them);
    counts followed by one of the article's own currency words are money."""
    taken = not_figures(sentence, [p for p, _ in candidates if sentence.text[p].isdigit()])
    mentions: list[Mention] = []
    for name, finder in FINDERS:
        for position, finders in candidates:
            mention = finder(sentence, position) if name in finders else None
            if mention and not any(s < mention.end and mention.start < e for s, e in taken):
                taken.append((mention.start, mention.end))
                mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    mentions = [m for k, m in enumerate(mentions) if not (k and _rate_period(sentence, m, mentions[k - 1]))]
    for mention in mentions:
        word = NEXT_WORD.match(sentence.text, mention.end, sentence.end) if currencies else None
        if mention.kind == "count" and word and word.group(1).lower() in currencies:
            # one currency however written: "a 450-million-dalen fund" and "450 million dalens"
            name = word.group(1).lower()
            mention.kind, mention.unit, mention.end = "money", name + "s" if name + "s" in currencies else name, word.end()
        code = CODE_BEFORE.search(sentence.text, max(sentence.start, mention.start - 4), mention.start) \
            if currencies else None
        per = mention.unit.partition("per ")[2] if mention.kind == "rate" and mention.unit else ""
        if code and code.group(1) in currencies and (mention.kind == "count" or mention.unit == "m"
                                                     or mention.unit in (f"per {per}", f"m per {per}")):
            # "LVD 180m" is money in millions, never 180 metres; "KVR 310m a year" so much a year
            scale = 1e6 if mention.kind == "measurement" or (per and mention.unit.startswith("m ")) else 1.0
            mention.value, mention.low, mention.high = (None if v is None else v * scale
                                                        for v in (mention.value, mention.low, mention.high))
            mention.kind, mention.unit = ("rate", f"{code.group(1)} per {per}") if per else ("money", code.group(1))
            restated_with_code(sentence, mention, code.start())
    mentions = joined_durations(sentence, joined_code_ranges(sentence, mentions))
    for mention in mentions:
        assign_measure(sentence, mention, mentions, currencies)
    apply_restated_units(sentence, mentions)
    apply_rates_of_counts(sentence, mentions)      # before a paragraph's head names what is unnamed
    return mentions


def sentence_figures(article_id: str, sentence: Sentence, mentions: list[Mention], event_years: frozenset[int],
                     own_events: frozenset[str] = frozenset(), elsewhere: list[tuple[int, int]] = (),
                     cells: list[Cell] = (), reporters: frozenset[str] = frozenset()) -> list[Figure]:
    apply_subgroups(sentence, mentions)
    apply_household_counts(sentence, mentions)
    apply_casualties_rule(mentions)
    apply_range_ends(sentence, mentions)
    apply_gapped_settings(sentence, mentions)
    apply_totals(sentence, mentions)
    apply_changed_ratings(sentence, mentions)
    apply_holders(sentence, mentions)
    apply_credited_lists(sentence, mentions)
    apply_coordinated_quantities(sentence, mentions)
    apply_listed_settings(sentence, mentions)
    apply_listed_after_colon(sentence, mentions)
    apply_shares_of_counts(sentence, mentions)
    apply_recipients(sentence, mentions)
    apply_conversions(sentence, mentions)
    apply_alternatives(sentence, mentions)
    apply_table_measures(mentions, cells)
    kept = [m for m in mentions if m.measure]
    apply_attribution(sentence, kept, reporters)
    apply_credited_sources(sentence, kept)
    apply_statement_kind(sentence, kept)
    for mention in kept:
        mention.scope = scope_of(sentence, mention) if mention.kind not in ("date", "weekday", "time") else None
    apply_table_scopes(kept, cells)
    apply_other_events(sentence, kept, event_years, own_events)
    for mention in kept:
        mention.other_event = mention.other_event or inside(mention.start, elsewhere)
    return [to_figure(article_id, sentence, m) for m in kept]


def to_figure(article_id: str, sentence: Sentence, mention: Mention) -> Figure:
    return Figure(
        article_id=article_id, measure=mention.measure, kind=mention.kind, value=mention.value,
        low=mention.low, high=mention.high, qualifier=mention.qualifier,
        text=sentence.text[mention.start:mention.end], start=mention.start, end=mention.end,
        sentence_start=sentence.start, sentence_end=sentence.end, unit=mention.unit,
        attributed_to=mention.attributed_to, revision=mention.revision,
        revision_of=mention.revision_of, other_event=mention.other_event, scope=mention.scope,
        statement=mention.statement,
    )


__all__ = ["MONTH_NAMES", "WEEKDAYS", "ValueGroup", "canonical_measure", "extract_figures", "group_values",
           "question_measures"]
