"""A figure set against another of the same thing with no noun of its own: "14 stations instead
of 15", "150,000 passengers rather than 210,000", "at least 30 months late, not the 18 months the
ministry announced", "14 stations against 15 planned": the second counts what the first does;
"12 minutes, not nine", "to 186,000 litres from 210,000": in its unit."""
from __future__ import annotations

import re

from index.figures.context import restates, same_order
from index.figures.grammar import FUNCTION_WORDS, looks_past
from index.figures.mention import Mention
from index.figures.quantities import change_before
from index.figures.phrases import is_participle
from index.figures.text import Sentence
from index.figures.vocabulary import unit_dimension

# What stands between the two: the first's own words, then the marker ("stations instead of").
_AGAINST = re.compile(r"^[\w\s'’-]{0,40}?\b(?:instead\s+of|rather\s+than|in\s+place\s+of|compared\s+(?:with|to)|"
                      r"against|versus|vs\.?|,?\s*not)(?:\s+(?:the|its|their|an?))?\s*$", re.I)


# Between an amount and a bare number restating it for another source or time
_RESTATED = re.compile(r"^\)?\s*,?\s*(?:(?:up|down)\s+from|from|not|rather\s+than|instead\s+of|against|"
                       r"compared\s+(?:with|to))(?:\s+(?:the|its|an?))?\s*$", re.I)
_UNITED_KINDS = frozenset({"money", "measurement", "duration", "rate"})


def apply_restated_units(sentence: Sentence, mentions: list[Mention]) -> None:
    """A bare number set right against an amount, a measurement, a duration or a rate is one in
    the same unit ("an average response of 12 minutes, not nine", "lowered its estimate to 186,000
    litres from 210,000", "raised the budget to 3.1 million talens (about EUR 675,000) from 2.4
    million", "may withdraw up to 5,000 marls a day instead of 2,000"), when it is of the same
    order (not "2.4" after "3.1 million"); so is the first end of a change, in the unit of the
    last ("raised its estimate from 3.5 billion to 3.8 billion brenns")."""
    for k in range(1, len(mentions)):
        bare = mentions[k]
        e = k - 2 if k > 1 and restates(sentence, mentions, k - 1) else k - 1
        first = mentions[e]
        if bare.kind == "count" and first.kind in _UNITED_KINDS and not bare.measure and not _own_noun(sentence, bare) \
                and _RESTATED.match(sentence.text[mentions[k - 1].end:bare.start]) and same_order(first, bare):
            bare.kind, bare.unit, bare.measure = first.kind, first.unit, first.measure
    for bare, later in zip(mentions, mentions[1:]):
        if bare.kind == "count" and later.kind in _UNITED_KINDS and not _own_noun(sentence, bare) \
                and _CHANGED_FROM.search(sentence.text, max(sentence.start, bare.start - 8), bare.start) \
                and _CHANGED_TO.fullmatch(sentence.text, bare.end, later.start) and same_order(later, bare):
            bare.kind, bare.unit, bare.measure = later.kind, later.unit, bare.measure or later.measure
    for k, bare in enumerate(mentions):
        # "grew from 12 to 20 nautical miles and has since been cut to 15": moved again, in the same unit
        earlier = next((m for m in reversed(mentions[:k]) if m.kind in _UNITED_KINDS), None)
        if earlier is not None and bare.kind == "count" and not bare.measure and not _own_noun(sentence, bare) \
                and _CHANGED_TO_BEFORE.search(sentence.text, max(sentence.start, bare.start - 4), bare.start) \
                and change_before(sentence.text, earlier.end, bare.start - 3) and same_order(earlier, bare):
            bare.kind, bare.unit, bare.measure = earlier.kind, earlier.unit, earlier.measure


_CHANGED_FROM = re.compile(r"\bfrom\s+$", re.I)
_CHANGED_TO = re.compile(r"\s+to\s+", re.I)
_CHANGED_TO_BEFORE = re.compile(r"\bto\s+$", re.I)


def apply_alternatives(sentence: Sentence, mentions: list[Mention]) -> None:
    for first, second in zip(mentions, mentions[1:]):
        if first.kind != second.kind or not first.measure or first.kind in ("date", "weekday", "time", "ordinal") \
                or (first.kind in ("measurement", "rate") and unit_dimension(first.unit) != unit_dimension(second.unit)):
            continue
        if _AGAINST.match(sentence.text[first.end:second.start]) and not _own_noun(sentence, second):
            second.measure, second.noun_phrase_only = first.measure, first.noun_phrase_only


def _own_noun(sentence: Sentence, mention: Mention) -> bool:
    """Whether a noun right after the figure names what it counts ("instead of 15 stops")."""
    after = sentence.index_at(mention.end)
    if after >= len(sentence.tokens) or not sentence.tokens[after].is_word:
        return False
    word = sentence.lower(after)
    return not (word in FUNCTION_WORDS or looks_past(word) or is_participle(word) or word.endswith("ly"))
