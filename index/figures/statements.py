"""What kind of statement a figure is: an official count, an estimate, a claim, a projection of
what may happen, or a limit or normal level it is set against."""
from __future__ import annotations

import re

from index.figures.grammar import NEW_CLAUSE_WORDS
from index.figures.mention import Mention
from index.figures.text import Sentence
from index.figures.vocabulary import VOCAB
from index.models import Figure

# Words that say what kind of statement a sentence's figures are, strongest first.
STATEMENT_WORDS = (
    ("claim", frozenset({"claimed", "claims", "claim", "alleged", "allegedly", "asserted", "boasted"})),
    # What may happen, not what did: never a value of what was counted.
    ("projection", frozenset({"scenario", "scenarios", "projected", "projection", "projections", "forecast",
                              "forecasts", "assumes", "predicts", "predicted", "prediction"})),
    ("estimate", frozenset({"estimate", "estimated", "estimates", "estimating", "study", "analysis",
                            "modelled", "modeled", "survey", "assessment", "calculated", "tally"})),
    ("official", frozenset({"official", "officials", "ministry", "minister", "authorities", "government",
                            "governor", "police", "army", "mayor", "president", "agency"})),
)


# Words right before a figure, in its clause, that make it what may happen: "could bring up to
# 600 mm", "expect it to reach Category 4", "is forecast to hit 90 km/h".
PROJECTING_WORDS = frozenset({"could", "would", "may", "might", "expect", "expects", "expected", "forecast",
                              "forecasts", "projected", "predicted", "likely", "threatens", "threatening"})
# A modal reaches over the verb phrases it governs ("could bring up to 600 mm of rain to the hills
# over two days and push a storm surge of 3 to 4 metres"), up to a clause boundary, a contrast,
# a word opening another clause, a verb that reports, or a verb in the past ("who had expected a
# quiet night counted 12"; not "an estimated 5,000", not "could be evacuated").
PROJECTING_REACH = 24
NOT_PAST_BEFORE = frozenset({"a", "an", "the", "be", "been", "being", "get", "gets"})


def apply_statement_kind(sentence: Sentence, mentions: list[Mention]) -> None:
    """An official count, an estimate, a claim or a projection, where the sentence says which;
    a figure whose own clause says what may happen is a projection whatever the sentence is."""
    words = {token.lower for token in sentence.tokens}
    kind = next((name for name, markers in STATEMENT_WORDS if words & markers), None)
    for mention in mentions:
        # what a service "could cope with" is its capacity, not what it may come to
        mention.statement = REFERENCE if _copes_with(sentence, mention) else "projection" \
            if _projected(sentence, mention) else REFERENCE if _reference(sentence, mention) else kind


def is_projection(figure: Figure) -> bool:
    """Whether the answers keep a figure apart as what may happen (a date or time a forecast
    gives is still when)."""
    return figure.statement == "projection" and figure.kind not in ("date", "weekday", "time")


def projected(measure: str) -> str:
    """The name a measure's projections are kept apart under ("suspected cases (projected)")."""
    return f"{measure} (projected)"


# A figure that is a yardstick, not a reading of the event: "the annual limit for workers of
# 20 mSv", "above the 500 Bq/kg limit", "against a normal level there of 0.08". Its statement
# kind says so where a quote is shown.
REFERENCE = "limit or normal level"
REFERENCE_NOUNS = frozenset({"limit", "limits", "threshold", "thresholds", "ceiling"})
REFERENCE_ADJECTIVES = frozenset({"normal", "usual", "typical", "background", "natural", "legal", "safe"})
_REFERENCE_REACH = 6
# "an upper limit of 1.1 kilotons" bounds an estimate; "five times the daily limit" is a reading.
_BOUNDING = frozenset({"upper", "lower"})


# "about 9,000 calls on a normal day", "in a typical year": what happens when nothing has
# happened; "could cope with 20,000 calls a day": what a place or a service can take
_ON_A_NORMAL = re.compile(r"(?:\s+(?!above\b|below\b|than\b)[a-z-]+){0,2}\s+(?:on|in|during)\s+an?\s+"
                          r"(?:normal|typical|usual|ordinary)\s+"
                          r"(?:day|week|weekend|month|year|night|season)\b", re.I)
_FRONTED_NORMAL = re.compile(r"\s*(?:on|in|during)\s+an?\s+(?:normal|typical|usual|ordinary|average)\s+[A-Za-z]+\b",
                             re.I)
_COPING = re.compile(r"\b(?:can|could|cannot|can't|can’t)\s+(?:only\s+)?(?:cope\s+with|handle|accommodate|absorb)"
                     r"\s+(?:up\s+to\s+|about\s+|around\s+|some\s+)?$", re.I)


def _copes_with(sentence: Sentence, mention: Mention) -> bool:
    return _COPING.search(sentence.text, max(sentence.start, mention.start - 40), mention.start) is not None


def _reference(sentence: Sentence, mention: Mention) -> bool:
    if _a_limit_of_what_can_be(sentence, mention) or _ON_A_NORMAL.match(sentence.text, mention.end, sentence.end):
        return True
    fronted = _FRONTED_NORMAL.match(sentence.text, sentence.start, mention.start)
    if fronted and not re.search(r";|\bbut\b|\bwhile\b", sentence.text[fronted.end():mention.start]):
        return True                                 # "On an ordinary Friday the airport handles about 540 flights"
    if mention.kind not in ("measurement", "rate", "count") or not mention.measure \
            or "times" in sentence.text[mention.start:mention.end].lower():
        return False
    named = set(mention.measure.lower().replace(":", " ").split())
    if named & _BOUNDING:
        return False
    if named & REFERENCE_NOUNS or (named & REFERENCE_ADJECTIVES and mention.kind != "count"):
        return True
    after = sentence.index_at(mention.end)
    if sentence.lower(after) in REFERENCE_NOUNS or sentence.lower(after) in _HABITUALLY:
        return True                                 # "the 10 µSv/h threshold", "about 190 cm normally seen"
    first = sentence.index_at(mention.start)
    for j in range(first - 1, max(-1, first - 1 - _REFERENCE_REACH), -1):
        if sentence.is_boundary(j) or sentence.lower(j) in VOCAB.attribution_verbs:
            return False
        # "a normal July maximum of 36C", not "close to normal at 9,400 tonnes"
        if sentence.lower(j) in REFERENCE_ADJECTIVES and mention.kind != "count" \
                and sentence.lower(j - 1) not in ("to", "than", "above", "below") and sentence.lower(j + 1) != "at":
            return True
    return False


_HABITUALLY = frozenset({"normally", "usually", "typically", "ordinarily"})
_CAN = frozenset({"can", "cannot", "can't", "can’t"})
_MOST = frozenset({"most", "maximum", "max"})


def _a_limit_of_what_can_be(sentence: Sentence, mention: Mention) -> bool:
    """What can be done at most, not what was: "can impose fines of up to ORM 60m", "The most
    the inspectorate can impose is ORM 60m", "the hall can hold up to 5,000 people"."""
    if "can" not in sentence.text[sentence.start:mention.start].lower():
        return False                                   # no "can" before it at all: the usual case
    first = sentence.index_at(mention.start)
    words = []
    for j in range(first - 1, max(-1, first - 1 - _REFERENCE_REACH - 4), -1):
        if sentence.is_boundary(j) or sentence.lower(j) in NEW_CLAUSE_WORDS:
            break
        words.append(sentence.lower(j))
    return bool(_CAN.intersection(words)) and (mention.qualifier == "up to" or bool(_MOST.intersection(words)))


# Modals after a figure that is their subject: "Up to 1.2 metres of snow could fall".
_MODALS_AFTER = frozenset({"could", "may", "might", "would"})


def _projected(sentence: Sentence, mention: Mention) -> bool:
    if _subject_of_modal(sentence, mention):
        return True
    first = sentence.index_at(mention.start)
    for j in range(first - 1, max(-1, first - 1 - PROJECTING_REACH), -1):
        word = sentence.lower(j)
        if sentence.is_boundary(j) or word in NEW_CLAUSE_WORDS or word in VOCAB.attribution_verbs:
            return False
        if word == "likely" and j == first - 1:
            return False                                  # a hedged estimate: "most likely between 700 and 1,000"
        if word in PROJECTING_WORDS:
            return True
        if word.endswith("ed") and not word.endswith("eed") and sentence.lower(j - 1) not in NOT_PAST_BEFORE:
            return False                                  # a past verb; not "could exceed", "need"
    return False


def _subject_of_modal(sentence: Sentence, mention: Mention) -> bool:
    """Whether the figure (with the noun it counts and an "of" phrase) is the subject of a modal
    or of "is expected to": "Up to 1.2 metres of snow could fall", "40 cm more is expected to fall"."""
    j = sentence.index_at(mention.end)
    for _ in range(5):
        if j >= len(sentence.tokens) or sentence.is_boundary(j) or not sentence.tokens[j].is_word:
            return False
        word = sentence.lower(j)
        if word in _MODALS_AFTER and sentence.tokens[j].text == word:        # not the month "May"
            return sentence.lower(j + 1) != "not"            # "300 people could not be reached": they were not
        if word in ("is", "are") and sentence.lower(j + 1) in ("expected", "forecast", "projected") \
                and sentence.lower(j + 2) == "to":
            return True
        if word in _AUXILIARIES_AFTER:
            return False
        j += 1
    return False


_AUXILIARIES_AFTER = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "did", "does", "do"})
