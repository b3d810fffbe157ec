"""Naming what an ordinal ranks and what a duration measures.

Ordinals rank a noun ("fourth anniversary" -> "anniversary"); durations measure between the
events they name ("four years ago" -> "time since <event>", "20 minutes apart" -> "<event>
interval", "24 hours after the blasts, ISIS claimed" -> "time from attack to claim", "three days
of mourning" -> "mourning duration").
"""

from __future__ import annotations

from index.figures.events import event_within, nearest_event
from index.figures.grammar import (
    DETERMINERS,
    FUNCTION_WORDS,
    ORDINAL_WORDS,
    UNIT_NUMBERS,
    singular,
)
from index.figures.phrases import noun_phrase, phrase_measure
from index.figures.numbers import Mention
from index.figures.text import Sentence
from index.figures.vocabulary import (
    VOCAB,
)


def ordinal_measure(sentence: Sentence, mention: Mention) -> str | None:
    """The noun an ordinal ranks, singular: "fourth anniversary" -> "anniversary"."""
    words, after = noun_phrase(sentence, sentence.index_at(mention.end), generic_ok=False)
    if not words or words[-1].lower in VOCAB.ordinal_ignore:
        return None
    following = sentence.lower(after)
    if following[:1].isdigit() or following in UNIT_NUMBERS:      # "the second hit 19 minutes later"
        return None
    if len(words) == 1 and words[0].lower.endswith(("ed", "ing")):    # "first reported"
        return None
    canonical = phrase_measure(words)
    if canonical:
        return singular(canonical)
    return " ".join([*(w.lower for w in words[:-1]), singular(words[-1].lower)])


def duration_measure(sentence: Sentence, mention: Mention) -> str:
    """What a duration measures, from the words after it.

    "four years ago" -> "time since <event>"; "20 minutes apart / of each other / later" ->
    "<event> interval"; "24 hours after the blasts, ISIS claimed" -> "time from attack to
    claim"; "three days of mourning" -> "mourning duration".
    """
    i = sentence.index_at(mention.end)
    word = sentence.lower(i)
    events = sentence.events
    if word == "ago":
        event = nearest_event(sentence, mention, events, prefer_left=True)
        return f"time since {event}" if event else "time since"
    if word in ("later", "apart") or (word == "of" and sentence.lower(i + 1) in ("each", "one")):
        event = nearest_event(sentence, mention, events)
        return f"{event} interval" if event else "interval"
    if word == "between":
        found = event_within(sentence, i + 1, 4)
        event = found[1] if found else nearest_event(sentence, mention, events)
        return f"{event} interval" if event else "interval"
    if word in ("after", "before", "of"):               # "of": "within an hour of the blast"
        found = event_within(sentence, i + 1, 4)
        reference = found[1] if found else None
        other = nearest_event(sentence, mention, [e for e in events if e[1] != reference])
        if reference and other:
            return f"time from {other} to {reference}" if word == "before" else f"time from {reference} to {other}"
        # "The second blast came 13 minutes after the first (blast)": two events of one kind.
        if (found and event_recurs(events, *found)) or (not found and names_one_of_a_series(sentence, i + 1)):
            event = reference or other
            return f"{event} interval" if event else "interval"
        if reference:
            return f"time {'before' if word == 'before' else 'after'} {reference}"
    if word == "of":                                    # "three days of (national) mourning"
        noun = last_content_word(sentence, i + 1)
        if noun:
            return f"{noun} duration"
    event = nearest_event(sentence, mention, events)
    return f"{event} duration" if event else "duration"


# Words that refer back to another event of the same kind: "13 minutes after the first",
# "an hour after the previous one".
SERIES_WORDS = {*ORDINAL_WORDS, "previous", "earlier", "other", "last", "initial", "preceding", "next"}


def names_one_of_a_series(sentence: Sentence, i: int) -> bool:
    """Whether the words from token i name another one of a series ("the first", "the other
    one"): a duration measured from it separates two events of one kind, an interval."""
    while sentence.lower(i) in DETERMINERS:
        i += 1
    return sentence.lower(i) in SERIES_WORDS


def event_recurs(events: list[tuple[int, str, bool]], at: int, reference: str) -> bool:
    """Whether the event a duration is measured from (named at token `at`) is named again as
    the sentence's own event: "a second explosion went off 20 minutes after the first blast"."""
    return any(event == reference and index != at and not is_reference for index, event, is_reference in events)


def last_content_word(sentence: Sentence, i: int) -> str | None:
    """The last of up to three words from token i before a function word or punctuation."""
    last = None
    for token in sentence.tokens[i:i + 3]:
        if not token.is_word or token.lower in FUNCTION_WORDS:
            break
        last = token.lower
    return last
