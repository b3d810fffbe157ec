"""Naming what an ordinal ranks and what a duration measures.

Ordinals rank a noun ("fourth anniversary" -> "anniversary"); durations measure between the
events they name ("four years ago" -> "time since <event>", "20 minutes apart" -> "<event>
interval", "24 hours after the blasts, ISIS claimed" -> "time from attack to claim", "three days
of mourning" -> "mourning duration").
"""

from __future__ import annotations

import re

from index.figures.events import STATEMENT_EVENTS, event_within, nearest_event
from index.figures.grammar import (
    AUXILIARIES,
    COPULAS,
    DETERMINERS,
    ESTIMATE_NOUNS,
    FUNCTION_WORDS,
    IRREGULAR_PAST,
    OBJECT_PRONOUNS,
    ORDINAL_WORDS,
    PERSON_WORDS,
    POSSESSIVE_DETERMINERS,
    UNIT_NUMBERS,
    a_person,
    looks_past,
    singular,
)
from index.figures.phrases import is_participle, noun_phrase, phrase_measure, subject_head, subject_noun
from index.figures.mention import Mention
from index.figures.quantity_measures import object_set_at
from index.figures.text import CLOSING_QUOTES, QUOTES, Sentence, level_verb_before
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
    old = _OLD.match(sentence.text, mention.end, sentence.end)
    if old:
        name = age_measure(sentence, mention, sentence.index_at(old.end()))
        mention.end = old.end() if name else mention.end           # the words as written: "47-year-old"
        return name
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
    before = sentence.index_at(mention.start) - 1
    before -= sentence.lower(before) in QUOTES                    # 'trapped for "more than 100 hours"'
    if sentence.lower(before - (sentence.lower(before) == "for")) in _WAITING_VERBS:
        return "wait"                                   # "At the gate we waited 31 hours", "had waited for two days"
    state = state_before(sentence, before) or state_after(sentence, i + (word in CLOSING_QUOTES))
    if state:
        return f"time {state}"
    set_at = [w for w in object_set_at(sentence, mention) if w not in ESTIMATE_NOUNS]
    if set_at and set_at[-1].isalpha():
        return f"{singular(set_at[-1])} duration"       # "Its own figures put the closure at 11 days"
    if sentence.lower(sentence.index_at(mention.start) - 1) in ("took", "takes", "take", "taking") and word == "to" \
            and sentence.tokens[i + 1].is_word:
        return f"time to {sentence.lower(i + 1)}"          # "took 16 days to restore"
    first = sentence.index_at(mention.start)
    ended = _ended_subject(sentence, first - 1) if sentence.lower(first - 1) == "after" else _taking_subject(sentence, first)
    if ended:
        return f"{ended} duration"                      # "talks broke up after nine hours", "the inquiry took 42 months"
    levelled = _levelled_wait(sentence, first)
    if levelled:
        return levelled                                 # "The average wait in emergency departments reached 11 hours"
    event = nearest_event(sentence, mention, events)
    # A report or a claim is made at one time: it lasts no days ("inside for 15 days, the report says").
    return f"{event} duration" if event and event not in STATEMENT_EVENTS else "duration"


# Verbs by which a thing ends: "talks broke up after nine hours", "the meeting ended after three hours"
_ENDING_VERBS = frozenset({"ended", "ends", "finished", "concluded", "collapsed", "adjourned", "closed", "stopped",
                           "broke", "lasted"})
_ENDING_REACH = 12


def _ended_subject(sentence: Sentence, at: int) -> str | None:
    """What ended after a duration, as the subject of an ending verb before it in its clause: "Talks
    to end the strike broke up ... after nine hours" -> "talks"; not people ("Rescuers found him
    after 40 hours")."""
    for k in range(at - 1, max(-1, at - _ENDING_REACH), -1):
        if sentence.is_boundary(k):
            return None
        if sentence.lower(k) in _ENDING_VERBS:
            return _a_thing(subject_noun(sentence, k))
    return None


# Verbs whose object is how long their subject lasts: "The inquiry took 42 months", "the airlift
# will take up to 10 days", "The search lasted for eight days"
_TAKING_VERBS = frozenset({"took", "take", "takes", "taking", "taken", "lasted", "last", "lasts", "lasting", "spanned",
                           "spans"})


def _taking_subject(sentence: Sentence, first: int) -> str | None:
    """What lasted the duration at token `first`, as the subject of a taking verb right before it
    ("The inquiry took three and a half years" -> "inquiry"); not people, not a deed ("clearing
    the backlog could take ..."), and not an "it" whose infinitive says what took the time ("It
    took rescuers 40 hours to ...")."""
    verb = first - 1 - (sentence.lower(first - 1) == "for")
    if sentence.lower(verb) not in _TAKING_VERBS:
        return None
    words = subject_noun(sentence, verb)
    # "clearing the backlog could take four weeks": the time to do it, not the backlog's
    return None if words and words[0].endswith("ing") else _a_thing(words)


# Nouns that are themselves a span of time: "the longest wait was 14 hours", "the delay reached six hours"
_WAITS = frozenset({"wait", "waits", "delay", "delays", "waiting"})


def _levelled_wait(sentence: Sentence, first: int) -> str | None:
    """A wait or a delay the duration at token `first` is, set by a level verb or said with "of":
    "The average wait in emergency departments reached 11 hours", "delays of more than four
    hours" -> "wait", "delay"."""
    if sentence.lower(first - 1) == "of" and sentence.lower(first - 2) in _WAITS:
        head = [sentence.lower(first - 2)]
    else:
        verb = level_verb_before(sentence, first - 1)
        head = subject_noun(sentence, verb) if verb is not None else []
    return {"waiting": "wait"}.get(head[-1], singular(head[-1])) if head and head[-1] in _WAITS else None


_WAITING_VERBS = frozenset({"waited", "wait", "waits", "waiting", "queued", "queue", "queueing", "queuing"})


def _a_thing(head: list[str]) -> str | None:
    """The last word of a subject's head (subject_noun), unless it names a person or is no word."""
    return head[-1] if head and head[-1].isalpha() and not a_person(singular(head[-1])) else None


def state_before(sentence: Sentence, j: int) -> str | None:
    """What lasted, when a duration follows "for" and a state its subject was in: "(systems had
    been) down for 19 days" -> "down", "(HealthFile was) offline for 62 hours", "(wards) worked
    on paper for three weeks", "(residents were) without power for nine hours". Not when the
    subject is an event ("the fire burned for two days" is the fire's duration)."""
    if sentence.lower(j) != "for":
        return None
    words: list[str] = []
    k = j - 1
    while k >= 0 and len(words) < 4 and sentence.tokens[k].is_word and sentence.lower(k) not in AUXILIARIES \
            and not sentence.tokens[k].capitalised:
        if sentence.lower(k) in DETERMINERS:
            # "(the attackers were) inside the network", "(to be) out of their homes": a determiner
            # only inside a place phrase, and a possessive no part of the state's name
            if k == 0 or not (sentence.lower(k - 1) in STATE_PREPOSITIONS
                              or (sentence.lower(k - 1) == "of" and sentence.lower(k - 2) == "out")):
                break
            if sentence.lower(k) in POSSESSIVE_DETERMINERS:
                k -= 1
                continue
        words.insert(0, sentence.lower(k))
        k -= 1
    if not words or words[-1] in DETERMINERS \
            or not (sentence.lower(k) in AUXILIARIES or is_participle(words[0])) \
            or any(event_within(sentence, h, 1) for h in subject_head(sentence, k + 1)):
        return None
    return " ".join(words)


# Where a thing stays for a time: "inside the network", "under water", "without power", "at the
# wheel", "in the air", "on the run".
STATE_PREPOSITIONS = frozenset({"inside", "under", "without", "behind", "at", "in", "on"})
# A state named right after a duration: "after 62 hours offline", "nine hours without power".
_STATES_AFTER = frozenset({"offline", "down", "without", "underwater", "closed", "shut", "dark", "adrift",
                           "missing", "trapped", "stranded", "idle", "unpaid"})


def state_after(sentence: Sentence, i: int) -> str | None:
    """The state a duration measures when it follows: "after 62 hours offline" -> "offline",
    "nine hours without power" -> "without power", "gone eleven days without their money" ->
    "without money"."""
    word = sentence.lower(i)
    if word not in _STATES_AFTER:
        return None
    if word != "without":
        return word
    words, _ = noun_phrase(sentence, i + 1 + (sentence.lower(i + 1) in DETERMINERS | {"any"}), generic_ok=False)
    return f"without {' '.join(w.lower for w in words)}" if words else None


# Who has an age that is no figure of an event: people ("a 34-year-old man", "she is 47 years old";
# agent nouns such as "driver" or "midfielder" are read by their ending, see grammar.a_person).
# Words after "a 34-year-old" used as a noun: "a 34-year-old from Lyon", "a 34-year-old who ...".
_AFTER_A_PERSON = frozenset({"who", "from", "of", "and", ",", "was", "is", "had", "has", "died", "said"})


_OLD = re.compile(r"[- ]old\b")


def _head_noun(sentence: Sentence, i: int) -> str | None:
    """The noun a modifier at token i comes before: "steel bridge" -> "bridge"; a plural, or a
    word before a verb ("plant needs", "bridge collapsed"), ends the phrase."""
    # past the text's end, or a name ("the 19-year-old Meric"), most often a person's
    if i >= len(sentence.tokens) or sentence.tokens[i].capitalised:
        return None
    head = None
    for token in sentence.tokens[i:i + 3]:
        word = token.lower
        if not token.is_word or word in FUNCTION_WORDS or (head and (word.endswith(("s", "ed", "ing"))
                                                                     or token.capitalised or word in IRREGULAR_PAST)):
            break
        head = word
        if word.endswith("s") and not word.endswith("ss"):
            break
    return head


def age_measure(sentence: Sentence, mention: Mention, after: int) -> str:
    """"The 47-year-old works", "the works is 47 years old": a thing's age ("works age"); a
    person's age ("a 34-year-old man", "he was 51 years old") is no figure of an event ("").
    `after` is the token after "old"."""
    if sentence.text[mention.end] == "-":
        noun = _head_noun(sentence, after)
        named = any(t.is_word and t.capitalised for t in sentence.tokens[after + 1:after + 2])   # "forward Adil Meric"
        person = _a_person(noun or "") or sentence.lower(after) in PERSON_WORDS | _AFTER_A_PERSON
        return "" if not noun or named or person else f"{noun} age"
    before = sentence.index_at(mention.start) - 1
    before -= sentence.lower(before) in QUOTES          # 'making it "about 25 years old"'
    before -= sentence.lower(before) == ","
    if sentence.lower(before) in ("it", "them") and sentence.lower(before - 1) in _MAKING:
        # "The vehicle was first registered in 2008, which makes it 18 years old": the age of the
        # sentence's subject
        subject = _sentence_subject(sentence)
    elif sentence.lower(before) in COPULAS:                # "the works is 47 years old"
        subject = [sentence.lower(k) for k in subject_head(sentence, before)
                   if sentence.tokens[k].is_word and sentence.lower(k) not in DETERMINERS
                   and sentence.lower(k) not in ("itself", "themselves")]
    else:                                                # "a ship more than 45 years old", "That boat, eight years old"
        subject = [sentence.lower(before)] if before >= 0 and sentence.tokens[before].is_word else []
    if not subject or _a_person(singular(subject[-1])) or subject[-1] in FUNCTION_WORDS | OBJECT_PRONOUNS:
        return ""                                        # "which makes him 54 years old": a person's
    return f"{subject[-1]} age"


_MAKING = frozenset({"makes", "making", "made", "make"})


def _sentence_subject(sentence: Sentence) -> list[str]:
    """The words of the noun phrase opening the sentence (after a list item's label), up to its
    first verb: "- The Inspectorate's version: the vehicle was first registered ..." -> ["vehicle"]."""
    colon = next((k for k, t in enumerate(sentence.tokens) if t.text == ":"), -1)
    start = next((k for k in range(colon + 1, len(sentence.tokens)) if sentence.tokens[k].is_word), len(sentence.tokens))
    words = []
    for token in sentence.tokens[start:]:
        if not token.is_word or token.lower in AUXILIARIES or token.lower in COPULAS or looks_past(token.lower):
            break
        if token.lower not in DETERMINERS:
            words.append(token.lower)
    return words


def _a_person(noun: str) -> bool:
    return a_person(noun) or noun in _AFTER_A_PERSON


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
