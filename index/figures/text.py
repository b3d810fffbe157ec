"""Tokens and sentences, and the small readings of words that several steps share (the word
after a position, event words, date words, source-like words, level verbs)."""
from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from index.figures.grammar import (
    CLAUSE_PUNCTUATION,
    DETERMINERS,
    FUNCTION_WORDS,
    LEVEL_ADVERBS,
    LEVEL_PARTICLES,
    LEVEL_VERBS,
    MONTHS,
    MONTH_NAMES,
    REFERENCE_WORDS,
    WEEKDAYS,
)
from index.figures.vocabulary import EVENT_PHRASES, VOCAB, PhraseTable, alternation

# A plural owner's apostrophe is a token of its own: "the drivers' union" is "drivers", "'", "union".
APOSTROPHES = frozenset({"'", "’"})
# A word may carry digits glued to it: "PM10", "PM2.5", "NO2", "H5N1" name one thing.
TOKEN = re.compile(r"[A-Za-z]+(?:\d+(?:\.\d+)?[A-Za-z]*)*(?:['’.-][A-Za-z]+)*|\d+(?:[.,:]\d+)*|\S")


class Token(NamedTuple):
    text: str
    lower: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


class Sentence:
    """One sentence: its span of the text and (built on first use) its tokens."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end

    @functools.cached_property
    def tokens(self) -> list[Token]:
        words = TOKEN.findall(self.text, self.start, self.end)
        tokens, position = [], self.start
        for word in words:                        # findall and find: faster than match objects
            start = self.text.find(word, position)
            position = start + len(word)
            tokens.append(Token(word, word.lower(), start, position))
        return tokens

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @functools.cached_property
    def events(self) -> list[tuple[int, str, bool]]:
        return event_words(self)

    def index_at(self, position: int) -> int:
        """Index of the first token that ends after position (the token holding it, or the next)."""
        i = bisect.bisect_right(self._starts, position) - 1
        return i if i >= 0 and self.tokens[i].end > position else i + 1

    def lower(self, i: int) -> str:
        return self.tokens[i].lower if 0 <= i < len(self.tokens) else ""

    def match(self, i: int, phrases: PhraseTable) -> tuple[str, int] | None:
        """The longest phrase starting at token i: (canonical, number of tokens)."""
        if self.lower(i) not in phrases.first_words:
            return None
        for n in range(min(phrases.max_words, len(self.tokens) - i), 0, -1):
            key = " ".join(t.lower for t in self.tokens[i:i + n])
            if key in phrases.table:
                return phrases.table[key], n
        return self._match_through_names(i, phrases)

    def _match_through_names(self, i: int, phrases: PhraseTable) -> tuple[str, int] | None:
        """A phrase read through a name that ends in its word: "admitted to Haldenport General
        Hospital" is "admitted to hospital", "taken to St Mary's Hospital" too."""
        words: list[str] = []
        ends: list[int] = []
        named = None                     # how many phrase words come before the first name
        j = i
        while j < len(self.tokens) and len(words) < phrases.max_words:
            k = j
            while j > i and k + 1 < len(self.tokens) and self.tokens[k].capitalised and self.tokens[k + 1].is_word \
                    and self.tokens[k + 1].capitalised:
                k += 1
            if k > j and named is None:
                named = len(words)
            words.append(self.tokens[k].lower)
            ends.append(k)
            j = k + 1
        if named is None:
            return None
        for n in range(len(words), named, -1):
            key = " ".join(words[:n])
            if key in phrases.table:
                return phrases.table[key], ends[n - 1] - i + 1
        return None

    def match_ending(self, j: int, phrases: PhraseTable) -> tuple[str, int] | None:
        """The longest phrase ending at token j: (canonical, number of tokens)."""
        if self.lower(j) not in phrases.last_words:
            return None
        for n in range(min(phrases.max_words, j + 1), 0, -1):
            key = " ".join(t.lower for t in self.tokens[j - n + 1:j + 1])
            if key in phrases.table:
                return phrases.table[key], n
        return None

    def is_boundary(self, i: int) -> bool:
        return self.tokens[i].text in CLAUSE_PUNCTUATION


def inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def next_word(sentence: Sentence, position: int) -> str:
    return sentence.lower(sentence.index_at(position))


def next_word_capitalised(sentence: Sentence, position: int) -> bool:
    i = sentence.index_at(position)
    return i < len(sentence.tokens) and sentence.tokens[i].is_word and sentence.tokens[i].capitalised


_ACCOUNT = frozenset({"account", "accounts", "accounted", "accounting"})


def level_verb_before(sentence: Sentence, j: int) -> int | None:
    """Index of the level verb ending at token j ("rose to", "stood at", "reached", "is"; a
    quotation mark may open the figure: 'was "more than 1,000"')."""
    if sentence.lower(j) in QUOTES:
        j -= 1
    if sentence.lower(j) == "for" and sentence.lower(j - 1) in _ACCOUNT:
        return j - 1                                # "Severance will account for SVR 1.1bn of that"
    if sentence.lower(j) in LEVEL_PARTICLES:
        j -= 1
    # "The ministry's own count was lower, at 59,000"
    if sentence.lower(j + 1) == "at" and sentence.lower(j) == "," and sentence.lower(j - 1) in COMPARATIVES:
        j -= 2
    while sentence.lower(j) in LEVEL_ADVERBS or (sentence.lower(j).endswith("ly") and j > 0):
        j -= 1
    # "puts the total at 6,000", "its peak at": a noun after a determiner, not the verb "total"
    return j if j >= 0 and sentence.lower(j) in LEVEL_VERBS and sentence.lower(j - 1) not in DETERMINERS else None


COMPARATIVES = frozenset({"lower", "higher", "smaller", "larger", "bigger", "greater"})


# A transcript speaker's label opening a line: "ASHA RENDEL:", "MALOUF:", "PRESENTER:", with whom
# they speak for in brackets: "EVA STRAND (Sennport General):", "PRESENTER (KAMIL OSTRANDER):".
SPEAKER_LABEL = re.compile(r"^[ \t]*([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,3})(?: \(([^()\n]{1,100})\))?:[ \t]", re.M)


# A live blog's time opening an update: "14:05 - The health ministry now says ..."
TIME_LABEL = re.compile(r"[ \t]*\d{1,2}[:.]\d{2}[ \t]*[-–—][ \t]+")


def after_speaker_label(sentence: Sentence) -> int:
    """The first token after a speaker label opening the sentence, else 0."""
    label = SPEAKER_LABEL.match(sentence.text, sentence.start, sentence.end)
    return sentence.index_at(label.end()) if label else 0


def after_time_label(sentence: Sentence) -> int:
    """The first token after a live blog's time opening the sentence, else 0."""
    label = TIME_LABEL.match(sentence.text, sentence.start, sentence.end)
    return sentence.index_at(label.end()) if label else 0


QUOTES = frozenset({'"', "“", "'", "‘"})                # opening a quotation
CLOSING_QUOTES = frozenset({'"', "”", "'", "’"})


def event_words(sentence: Sentence) -> list[tuple[int, str, bool]]:
    """(token index, canonical event, is_reference) for each event word of the sentence.

    A reference is an event named as a point of comparison ("24 hours after the blasts"):
    it is not the event the sentence dates. Words in a phrase that names no event ("heart
    attack", "the Fire and Rescue Service") are none.
    """
    found = []
    not_events = None                 # read only for a sentence with an event word: most have none
    i = 0
    while i < len(sentence.tokens):
        match = sentence.match(i, EVENT_PHRASES)
        if match and not_events is None:
            not_events = not_incident_spans(sentence.text, sentence.start, sentence.end)
        if match and (inside(sentence.tokens[i].start, not_events) or _a_month(sentence, i)):
            i += match[1]
        elif match:
            found.append((i, match[0], is_reference(sentence, i)))
            i += match[1]
        else:
            i += 1
    return found


def _a_month(sentence: Sentence, i: int) -> bool:
    """"on 9 March", "March 9": a capitalised month name inside the sentence is the month, not a march."""
    token = sentence.tokens[i]
    return token.text in MONTH_NAMES and (i > 0 or next_word(sentence, token.end)[:1].isdigit())


_NOT_INCIDENTS = re.compile(rf"\b(?:{alternation(VOCAB.not_incidents)})\b", re.I) if VOCAB.not_incidents else None
# Event words written with a capital, as inside a name ("the Fire and Rescue Service"); matched
# with case, which is several times faster than a case-blind match of the whole vocabulary.
_CAPITALISED_EVENT_WORDS = re.compile(
    rf"\b(?:{alternation([*(p[:1].upper() + p[1:] for p in VOCAB.events), *(p.title() for p in VOCAB.events)])})\b")


def not_incident_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Phrases that hold an incident word and name no incident: the vocabulary's ("heart attack",
    "fire certificate") and the names of bodies ("the Perundal Fire and Civil Defence Service",
    "the Earthquake Commission"; not "Storm Ciara")."""
    spans = [m.span() for m in _NOT_INCIDENTS.finditer(text, start, end)] if _NOT_INCIDENTS else []
    spans += [m.span() for m in _THINGS_THAT_SINK.finditer(text, start, end)]
    spans += [m.span() for m in _AGAINST_A_DISEASE.finditer(text, start, end)]
    for m in _CAPITALISED_EVENT_WORDS.finditer(text, start, end):
        tail = _NAME_TAIL.match(text, m.end(), end)
        if any(w.lower() in _BODY_NOUNS for w in re.findall(r"[A-Za-z]+", tail.group())):
            spans.append((m.start(), tail.end()))
    return spans


# An incident's verb said of things that are no ship, building or volcano: "fish that sank",
# "shares collapsed", "prices sank".
_THINGS_THAT_SINK = re.compile(r"\b(?:shares|stocks?|prices?|sales|profits|talks|hopes|ratings|index|currency|markets?|"
                               r"fish|demand|output|levels?|temperatures?|values?|bodies|debris|oil|sediment)"
                               r"(?:\s+[a-z]+){0,2}?\s+(?:sank|collapsed|erupted)\b", re.I)
# A disease named for what is given or done against it ("500,000 doses of COVID-19 vaccine"),
# not an outbreak.
_AGAINST_A_DISEASE = re.compile(
    rf"\b(?:{alternation([*VOCAB.families.get('epidemic', ()), 'covid-19', 'coronavirus'])})\s+"
    r"(?:vaccines?|vaccinations?|jabs?|shots?|tests?|testing|treatment|treatments|drugs?)\b", re.I)
# The capitalised words that go on a name: "Fire[ and Civil Defence Service]".
_NAME_TAIL = re.compile(r"(?:\s+(?:(?:and|of|for|&)\s+)?[A-Z][A-Za-z-]*){0,4}")
# Nouns that end the name of a body.
_BODY_NOUNS = frozenset({"service", "services", "authority", "agency", "ministry", "department", "office",
                         "council", "commission", "institute", "association", "committee", "inspectorate",
                         "observatory", "centre", "center", "board", "brigade", "brigades", "bureau", "directorate",
                         "corps", "unit", "survey", "administration"})


def is_reference(sentence: Sentence, i: int) -> bool:
    for j in range(i - 1, max(-1, i - 4), -1):
        if sentence.is_boundary(j):
            return False
        if sentence.lower(j) in REFERENCE_WORDS:
            return True
    return False


# Words between a reporting verb and the date it took place on: "said late on Friday".
DATE_LEAD_WORDS = {"on", "at", "late", "early", "earlier", "later", "this", "last"}
PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "overnight"})


def is_date_word(token: Token) -> bool:
    """A weekday or month name ("Tuesday", "March"; not the verb "may")."""
    return token.text in WEEKDAYS or (token.capitalised and token.lower in MONTHS)


def skip_date_words(sentence: Sentence, j: int) -> int:
    """The token before the date words ending at token j: "said late on Sunday, March 3" -> said.
    Day numbers count only after a month ("March 3"), so a figure is never skipped."""
    while j >= 0:
        token = sentence.tokens[j]
        day = token.text.isdigit() and j > 0 and is_date_word(sentence.tokens[j - 1])
        part_of_day = token.lower in PARTS_OF_DAY and j > 0 and is_date_word(sentence.tokens[j - 1])   # "Monday night"
        if token.lower in DATE_LEAD_WORDS or is_date_word(token) or day or part_of_day \
                or (token.text == "," and j > 0 and is_date_word(sentence.tokens[j - 1])):
            j -= 1
        else:
            break
    return j


def is_source_word(token: Token) -> bool:
    # "WHO", "US": an acronym is a name though its letters spell a function word
    return token.is_word and (token.capitalised or token.lower in VOCAB.source_nouns) \
        and (token.lower not in FUNCTION_WORDS or (token.text.isupper() and len(token.text) > 1)) \
        and not is_date_word(token)


def plural_possessor(sentence: Sentence, k: int) -> bool:
    """Whether token k is a plural with its possessive apostrophe after it: "drivers'" in "the
    drivers' union"."""
    return sentence.tokens[k].is_word and sentence.lower(k).endswith("s") and sentence.lower(k + 1) in APOSTROPHES
