"""How exact a number is: the qualifier before it ("at least", "about", "up to") and the low and
high bounds that qualifier allows, so agreement can be judged by bounds."""
from __future__ import annotations

import math
import re

from index.figures.grammar import DETERMINERS
from index.figures.text import Sentence
from index.figures.vocabulary import VOCAB, alternation, phrase_key

# (not a hyphenated word's end: "its estimate of the clean-up to 110 million" has no "up to")
QUALIFIER_BEFORE = re.compile(rf"(?:^|(?<=[^\w-]))(?P<q>{alternation(VOCAB.qualifiers)})\s+$", re.I)


POSTPOSED = re.compile(rf"(?:\s+|-)(?P<q>{alternation(VOCAB.postposed)})\b", re.I)


def qualifier_before(sentence: Sentence, number_start: int) -> tuple[str, int]:
    """(canonical qualifier, start of the figure's words) for the words right before a number."""
    window_start = max(sentence.start, number_start - 30)
    match = QUALIFIER_BEFORE.search(sentence.text, window_start, number_start)
    if not match:
        return "exact", number_start
    before = sentence.text[max(sentence.start, match.start() - 8):match.start()].split()
    if before and before[-1].lower() in DETERMINERS - {"that", "them", "whom"}:
        # "over the past five years": "past" is no qualifier; "said that more than 4,000" and "gave them
        # barely four minutes" have one
        return "exact", number_start
    if match.group("q").lower().startswith("up") and _raised_up(sentence, match.start()):
        return "exact", number_start
    return VOCAB.qualifiers[phrase_key(match.group("q"))], match.start("q")


# Verbs whose particle "up" a "to" follows: "revised the debts up to 2.4 billion", "the toll went up
# to 40" give where a figure moved, not a bound ("could cost up to €2bn").
_MOVED_UP = frozenset({"revised", "revises", "revise", "revising", "raised", "raises", "raise", "raising", "pushed",
                       "pushes", "push", "pushing", "moved", "moves", "went", "gone", "goes", "going", "bumped", "bumps",
                       "scaled", "marked", "ratcheted", "adjusted", "corrected", "lifted", "lifts"})
_MOVED_UP_REACH = 6


def _raised_up(sentence: Sentence, up: int) -> bool:
    """Whether "up" at character `up` is the particle of a moving verb among the few words before
    it in its clause."""
    words = re.split(r"\s+", sentence.text[sentence.start:up].strip())[-_MOVED_UP_REACH:]
    for word in reversed(words):
        if word.lower() in _MOVED_UP:
            return True
        if not word[-1:].isalnum():                 # "said, up to 40 people": another clause
            return False
    return False


def bounds(qualifier: str, value: float) -> tuple[float | None, float | None]:
    """The range a qualifier allows: "at least 84" -> (84, None), "about 20" -> (18, 22);
    "about -20" -> (-22, -18)."""
    if value < 0 and qualifier in ("nearly", "about"):
        low, high = bounds(qualifier, -value)
        return -high, -low
    if qualifier in ("at least", "more than"):
        return value, None
    if qualifier in ("up to", "fewer than"):
        return None, value
    if qualifier == "nearly":
        return round_down(value * 0.9, value), value
    if qualifier == "about":
        return round_down(value * 0.9, value), round_up(value * 1.1, value)
    return value, value


def round_down(bound: float, value: float) -> float:
    return float(math.floor(round(bound, 9))) if value.is_integer() else round(bound, 9)


def round_up(bound: float, value: float) -> float:
    return float(math.ceil(round(bound, 9))) if value.is_integer() else round(bound, 9)
