"""Which measures a question asks for: "How many were killed?" -> killed; "When did the
attack happen?" -> the attack's date, day and time."""
from __future__ import annotations

import re
from typing import Iterable

from index.figures.grammar import (
    AUXILIARIES,
    DETERMINERS,
    FUNCTION_WORDS,
    GENERIC_NOUNS,
    POPULATION_NOUNS,
    PREPOSITIONS,
    a_person,
    looks_plural,
    singular,
)
from index.figures.context import TOTAL
from index.bm25 import tokenize
from index.figures.numbers import UNITS
from index.figures.phrases import is_participle, noun_phrase, noun_phrase_name
from index.figures.quantity_measures import DIMENSION_WORDS
from index.figures.text import Sentence
from index.figures.vocabulary import MEASURE_PHRASES, OWN_WORDS, PEOPLE_PHRASES, QUESTION_ALIASES, VOCAB, canonical_measure


def question_measures(question: str, known_measures: Iterable[str] = (), any_form: bool = False) -> list[str]:
    """The canonical measures a question asks about, in the order it names them ([] for none).

    known_measures (the measures present in the index) let a question reach measures the
    vocabulary does not know ("How many Afghans were among the dead?" ->
    "killed: citizens of Afghanistan"). Counted measures are read from questions that ask
    for a count ("how many", "toll"); with any_form, also from a chat query ("injured in the
    stadium crush") and "what was the ..." ("What was the actual attendance?").
    """
    words = Sentence(question, 0, len(question))
    known = sorted(known_measures)                      # a set's order would change the answer's from run to run
    found = (question_dates(words) + question_durations(words) + question_counts(words, known, any_form)
             + question_ordinals(words, known) + question_aliases(words, known))
    return list(dict.fromkeys(measure for _, measure in sorted(found, key=lambda pair: pair[0])))


DATE_CUES = [(re.compile(r"\bwhen\b"), ("date", "day", "time")),
              (re.compile(r"\b(?:what|which)\s+day\b"), ("day", "date")),
              (re.compile(r"\b(?:what|which)\s+(?:date|year|month)\b"), ("date",)),
              (re.compile(r"\b(?:what|which)\s+time\b|\bat what hour\b"), ("time",))]


# "How much warning did the sirens give?", "how much notice": a time, as "how much time" is
HOW_MUCH_TIME = r"\bhow\s+much\s+(?:time|warning|notice)\b"
DURATION_CUE = re.compile(rf"\bhow\s+long\b|{HOW_MUCH_TIME}|\bhow\s+many\s+(?:{UNITS})\b")


COUNT_CUE = re.compile(r"\bhow\s+(?:many|much)\b|\bnumber\s+of\b|\btoll\b|\btally\b|\bfigures?\b|"
                        r"\bcount\b|\btotal\b|\bsum\b|\bamount\b|\d")
# A question's own words; a query without them ("injured in the stadium crush") is typed in a
# chat and names what it asks for.
QUESTION_WORD = re.compile(r"\b(?:who|whom|whose|why|where|how|what|which|when|did|does|do|is|are|was|were|can|"
                           r"could|will|would|should|has|have|had)\b")
# "What was the actual attendance?": a what-question about a thing the articles measure
WHAT_WAS_THE = re.compile(r"^\s*what\s+(?:is|was|are|were)\s+the\b")


NOT_ORDINAL_NOUNS = {"day", "date", "time", "year", "month", "hour", "kind", "type", "sort", "way",
                      "is", "was", "are", "were", "did", "does", "do", "has", "have", "had", "can"}


def question_dates(words: Sentence) -> list[tuple[int, str]]:
    """"When did the attack happen?" -> the date, weekday and time measures of each event named."""
    lowered = words.text.lower()
    suffixes = next((s for pattern, s in DATE_CUES if pattern.search(lowered)), None)
    if not suffixes or DURATION_CUE.search(lowered):
        return []
    return [(words.tokens[i].start, f"{event} {suffix}")
            for i, event, _ in words.events for suffix in suffixes]


def question_durations(words: Sentence) -> list[tuple[int, str]]:
    """"How long between the blasts?" -> "attack interval"; named like duration_measure's."""
    lowered = words.text.lower()
    cue = DURATION_CUE.search(lowered)
    if not cue:
        return []
    events = words.events
    names = list(dict.fromkeys(event for _, event, _ in events))
    at = cue.start()
    if re.search(r"\bbetween\b", lowered):
        return [(at, f"{event} interval") for event in names]
    if re.search(r"\b(?:ago|since)\b", lowered):
        return [(at, f"time since {event}") for event in names]
    references = [event for _, event, reference in events if reference]
    others = [event for event in names if event not in references]
    if references and others:
        word = re.search(r"\b(after|before)\b", lowered)
        forward = not word or word.group(1) == "after"
        return [(at, f"time from {r} to {o}" if forward else f"time from {o} to {r}")
                for r in references for o in others]
    if len(names) >= 2:                                 # "How long did it take ISIS to claim the attack?"
        return [(at, f"time from {a} to {b}") for a in names for b in names if a != b]
    return [(at, f"{event} duration") for event in names]


def question_counts(words: Sentence, known: list[str], any_form: bool = False) -> list[tuple[int, str]]:
    """"How many were killed or wounded?" -> the vocabulary measures it names."""
    lowered = words.text.lower()
    asks = COUNT_CUE.search(lowered) or (any_form and (not QUESTION_WORD.search(lowered)
                                                       or WHAT_WAS_THE.search(lowered)))
    if not asks or DURATION_CUE.search(lowered):
        return []
    found: list[tuple[int, str]] = []
    phrases: set[int] = set()                           # tokens of vocabulary phrases and their objects
    i = 0
    while i < len(words.tokens):
        match = said_of_people(words, i, words.match(i, MEASURE_PHRASES))
        if match and not in_prepositional_phrase(words, i) and not modifies_noun(words, i + match[1]):
            found.append((words.tokens[i].start, match[0]))
            end = i + match[1]
            if words.lower(end) in ("their", "its", "his", "her", "our", "your"):
                end += 2                                # "told to leave their homes": the object is no measure
            elif end < len(words.tokens) and a_person(singular(words.lower(end))) and words.tokens[end].is_word:
                end += 1                                # "missing workers": whose state, not a measure
            phrases.update(range(i, end))
        i += match[1] if match else 1
    outside = " ".join(t.text for k, t in enumerate(words.tokens) if k not in phrases)
    return refine_with_known(words, found, known, outside)


_HOW_MANY = re.compile(r"\bhow\s+many\b")


def said_of_people(words: Sentence, i: int, match: tuple[str, int] | None) -> tuple[str, int] | None:
    """"How many survivors were pulled out?" asks who was rescued; "How much was pulled out?" and
    "How many customers pulled out their savings?" (an object follows) ask for money withdrawn."""
    people = words.match(i, PEOPLE_PHRASES)
    if not match or not people or people[1] != match[1] or not _HOW_MANY.search(words.text.lower()):
        return match
    after = i + match[1]
    has_object = after < len(words.tokens) and words.tokens[after].is_word and (
        words.lower(after) in DETERMINERS or words.lower(after) in VOCAB.currencies)
    if has_object:
        return match
    return None if people[0] == OWN_WORDS else people     # "How many people sought treatment?": its words


def question_aliases(words: Sentence, known: list[str]) -> list[tuple[int, str]]:
    """"What was the turnout for the demonstrations?" -> attendance, where the folder has
    attendance figures and none named "turnout"."""
    found = []
    for i in range(len(words.tokens)):
        alias = words.match(i, QUESTION_ALIASES)
        if alias and alias[0] in known and not any(m.startswith(words.lower(i)) for m in known):
            found.append((words.tokens[i].start, alias[0]))
    return found


def modifies_noun(words: Sentence, j: int) -> bool:
    """Whether the vocabulary word before token j only qualifies a noun: "aid agencies", "rescue
    teams" ask about the agencies, not about aid; "missing workers", "injured miners" ask for the
    missing and the injured (a state of people)."""
    if j >= len(words.tokens) or not words.tokens[j].is_word:
        return False
    noun = words.lower(j)
    state = words.lower(j - 1)
    if (is_participle(state) or state in _STATE_WORDS) and a_person(singular(noun)):
        return False
    return looks_plural(noun) and noun not in GENERIC_NOUNS and noun not in FUNCTION_WORDS \
        and noun not in AUXILIARIES and not words.match(j, MEASURE_PHRASES)


# Vocabulary words that say a state of people without the form of a participle.
_STATE_WORDS = frozenset({"missing", "dead", "homeless", "stranded", "trapped"})


def in_prepositional_phrase(words: Sentence, i: int) -> bool:
    """"killed in the Kerman bombings": "bombings" places the question, it is not asked for."""
    for j in range(i - 1, max(-1, i - 4), -1):
        word = words.lower(j)
        if word in PREPOSITIONS:
            return True
        if word in AUXILIARIES or word in ("many", "much") or words.match(j, MEASURE_PHRASES):
            return False
    return False


def refine_with_known(words: Sentence, found: list[tuple[int, str]], known: list[str],
                      outside: str | None = None) -> list[tuple[int, str]]:
    """Add known measures the vocabulary does not know whose words the question uses outside
    the vocabulary's phrases ("homes" is no measure asked in "told to leave their homes"); a
    matched subgroup ("killed: citizens of Afghanistan") replaces its parent ("killed")."""
    asked = {measure for _, measure in found}
    asked_text = words.text if outside is None else outside
    question_words = content_words(asked_text)
    # "fishermen" are the articles' "fishers"
    question_words |= {word[:-3] for word in question_words if word.endswith(("erman", "ermen"))}
    question_stems = set(tokenize(asked_text))
    stated: set[str] = set()                            # what befell a group, in the question's words
    for measure in known:
        if measure.endswith(TOTAL) and "total" not in question_words:
            continue                                    # "customers (total)": all of them, not those who lost power
        parent, _, group = measure.rpartition(": ")
        # "in critical condition: patients" for "How many were in a critical condition?"
        state_words = content_words(parent) if parent and not canonical_measure(parent) else set()
        if state_words and state_words <= question_words:
            found.append((words.start, measure))
            stated.add(parent)
            continue
        if canonical_measure(group) or (parent and parent not in asked and asked):
            continue                                    # the vocabulary already answers for it
        # a rate is named by what it counts: "density per square metre" is the density
        group_words = content_words(group.partition(" per ")[0]) - VOCAB.citizen_nouns - {"citizen"}
        # "How many whales did rescuers manage to refloat?" names what was "refloated"
        done = " " not in group and is_participle(group) and bool(question_stems.intersection(tokenize(group)[:1]))
        if group_words and group_words <= question_words or done:
            # the people of a place as a whole ("residents") are no part of its count: both are asked
            if not group_words <= _POPULATION:
                found = [(p, m) for p, m in found if m != parent]
            found.append((words.start, measure))
    # "dead birds count?", "How many flights were cancelled?": of the groups its noun names, those
    # its words say befell them ("killed: birds", "cancelled: flights"), not the birds rescued or
    # the flights diverted
    befell = {canonical_measure(t.lower) for t in words.tokens} - {None} | stated
    if any(m.rpartition(": ")[0] in befell for _, m in found):
        found = [(p, m) for p, m in found if m.rpartition(": ")[0] in befell | {""}]
    return found


_POPULATION = frozenset(singular(w) for w in POPULATION_NOUNS)


def content_words(text: str) -> set[str]:
    """Comparable words of a phrase: lower case, singular, nationals mapped to their country."""
    result = set()
    for word in re.findall(r"[A-Za-z]+", text):
        lower = word.lower()
        if lower in FUNCTION_WORDS:
            continue
        country = VOCAB.nationalities.get(lower)
        result.update(country.lower().split() if country else [singular(lower)])
    return result - DETERMINERS


def question_ordinals(words: Sentence, known: list[str]) -> list[tuple[int, str]]:
    """"Which anniversary was it?" -> "anniversary".

    "which <noun>" asks which one of a series; "what <noun>" mostly asks something else
    ("What retaliation is expected?"), so it counts only for a measure known to the index.
    When known measures are given, only they are returned.
    """
    found = []
    for i, token in enumerate(words.tokens[:-1]):
        noun = words.tokens[i + 1]
        if token.lower not in ("which", "what") or not noun.is_word or looks_plural(noun.lower) \
                or noun.lower in NOT_ORDINAL_NOUNS or noun.lower in FUNCTION_WORDS:
            continue
        canonical = canonical_measure(noun.lower)
        measure = singular(canonical) if canonical else noun.lower
        if measure in known or (not known and token.lower == "which"):
            found.append((noun.start, measure))
    return found


_HOW_MANY_OR_MUCH = re.compile(r"\bhow\s+(many|much)\b", re.I)
# "How steep is the road?", "How deep is the hole?": the kind and dimension a reply gives
_HOW_DIMENSION = re.compile(r"\bhow\s+(steep|deep|high|tall|wide|far|fast)\b", re.I)
_ASKED_DIMENSIONS = {"steep": ("percent", "gradient"), "far": ("measurement", "distance"),
                     "fast": ("measurement", "speed"),
                     **{word: ("measurement", DIMENSION_WORDS[word]) for word in ("deep", "high", "tall", "wide")}}


def asked_measure(question: str) -> tuple[str, str] | None:
    """(kind, measure) a question in an article asks for, which the reply's first figure answers:
    "How many claims have you had?" -> ("count", "claims"), "And how many people were hurt?" ->
    ("count", "injured"), "How much was withdrawn?" -> ("money", "withdrawn"), "How steep is the
    road?" -> ("percent", "gradient")."""
    cue = _HOW_MANY_OR_MUCH.search(question)
    dimension = _HOW_DIMENSION.search(question) if not cue else None
    if not (cue or dimension) or (cue and DURATION_CUE.search(question.lower())):
        return None
    named = [m for m in question_measures(question) if m in VOCAB.measures.values()]
    if dimension:                               # a measure the question names is no dimension's
        return None if named else _ASKED_DIMENSIONS[dimension.group(1).lower()]
    kind = "count" if cue.group(1).lower() == "many" else "money"
    if named:
        return kind, named[0]
    if kind == "money":
        return None
    words = Sentence(question, 0, len(question))
    noun, _ = noun_phrase(words, words.index_at(cue.end()), generic_ok=False)
    return (kind, noun_phrase_name(noun)) if noun else None
