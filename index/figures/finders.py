"""Where a figure can start, and which finder reads it.

Mentions are found by pattern, most specific first so a number is read once: dates, weekdays,
clock times, levels, shares, ordinals, then numbers (digits, number words, vague words). A cheap
scan of the article picks the words and digits where a pattern can start (extraction runs over
every article at index time), so the precise patterns run only there.
"""
from __future__ import annotations

import re

from index.figures.dates import HOURS, PERIOD_PARTS, date_at, ordinal_at, time_at, weekday_at
from index.figures.grammar import MONTHS, ORDINAL_TENS, ORDINAL_WORDS, SCALES, TENS, UNIT_NUMBERS, WEEKDAYS
from index.figures.levels import ALERT_COLOURS, colour_alert_at, credit_rating_at, level_code_at
from index.figures.numbers import number_at, share_at
from index.figures.vocabulary import VOCAB

CANDIDATE = re.compile(r"[A-Za-z]+|\d+")


def candidate_starts(text: str) -> list[tuple[int, frozenset[str]]]:
    """(position, finders to try) for each word or digit run that can start a figure.

    One cheap scan picks the places worth trying, so the precise patterns run only there.
    """
    found = []
    for match in CANDIDATE.finditer(text):
        word = match.group()
        finders = DIGIT_FINDERS if word[0].isdigit() else TRIGGERS.get(word.lower())
        if finders:
            found.append((match.start(), finders))
    return found


FINDERS = [("date", date_at), ("weekday", weekday_at), ("time", time_at), ("colour", colour_alert_at),
           ("rating", credit_rating_at), ("level", level_code_at),
           ("fraction", share_at), ("ordinal", ordinal_at), ("number", number_at)]


DIGIT_FINDERS = frozenset(["date", "time", "ordinal", "number"])


def build_triggers() -> dict[str, frozenset[str]]:
    """Lower-case word -> the finders that can match starting at it."""
    triggers: dict[str, set[str]] = {}
    words = {
        "date": [*MONTHS, *PERIOD_PARTS],
        "weekday": [w.lower() for w in WEEKDAYS],
        "colour": ["code", *ALERT_COLOURS],
        "rating": ["aaa", "aa", "a", "bbb", "bb", "b", "ccc", "cc"],
        # a scale's letters glued to a digit ("G5", "EF4") are a word of their own to the scan
        "level": [chr(c) for c in range(ord("a"), ord("z") + 1)] + ["ef"],
        "time": ["noon", "midday", "midnight", "half", "quarter", "five", "ten", "twenty", "twenty-five",
                 *HOURS],
        "ordinal": [*ORDINAL_WORDS, *ORDINAL_TENS, *TENS],
        "fraction": [phrase.split()[0].split("-")[0] for phrase in VOCAB.fractions],
        "number": [*UNIT_NUMBERS, "hundred", *SCALES, "dozen", "a", "an",
                   *(phrase.split()[0] for phrase in VOCAB.vague)],
    }
    for finder, names in words.items():
        for word in names:
            triggers.setdefault(word, set()).add(finder)
    return {word: frozenset(finders) for word, finders in triggers.items()}


TRIGGERS = build_triggers()
