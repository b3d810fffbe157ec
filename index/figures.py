"""Figure extraction: every figure a sentence states, what it measures and the bounds it implies.

The product shows EVERY figure the sources give for a measure, so extraction must find each
figure, name its measure the same way across articles ("84 fatalities", "killed 84" and
"84 people were killed" are all "killed"), and keep apart what must not be mixed: figures of
other events, earlier (revised) figures, subgroups ("12 were Afghan nationals").

How a sentence is read:
1. Mentions are found by pattern, most specific first so a number is read once: dates,
   weekdays, clock times, ordinals, then numbers (digits, number words, vague words); a
   number followed by a time unit is a duration, any other a count. A cheap scan of the
   article picks the words and digits where a pattern can start (speed: extraction runs
   over every article at index time); text such as links, phone numbers, money and page
   furniture is excluded first.
2. Each mention gets a measure from its context. Counts: the words right after the number
   ("84 fatalities", "84 people were killed"), else a vocabulary word before it ("killed 84",
   "death toll ... 84"); a noun the vocabulary does not know becomes the measure itself.
   Dates, weekdays and times belong to the nearest event word ("the blasts ... on Wednesday"
   -> "attack day"); durations to the events they separate ("24 hours after the blasts,
   ISIS claimed" -> "time from attack to claim").
3. Sentence-wide rules: revisions ("84, down from 103"), subgroups ("among the dead, 12
   were ..."), the casualties rule, attribution ("according to IRNA") and other events
   ("In 2022, ... killed 15").

Vocabulary (synonyms, events, qualifiers, vague words, nationalities, sources) is read from
config/measures.toml; English grammar (number words, auxiliaries, determiners) is here.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

from index.models import Figure
from index.sentences import cut_long, text_sentence_spans

MAX_SENTENCE_CHARS = 2000
MEASURES_FILE = Path(__file__).resolve().parent.parent / "config" / "measures.toml"

# --------------------------------------------------------------------------- English grammar

_UNIT_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ORDINAL_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]
_ORDINAL_TENS = {"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                 "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "these", "those", "this", "that",
                "them", "whom", "our", "your"}
# Words that end a noun phrase: they are never what a number counts.
_FUNCTION_WORDS = _DETERMINERS | {
    "and", "or", "but", "of", "in", "on", "at", "to", "from", "by", "for", "with", "as", "into",
    "near", "after", "before", "since", "during", "over", "under", "than", "about", "around",
    "between", "among", "within", "across", "through", "while", "who", "which", "what",
    "where", "when", "it", "they", "he", "she", "we", "you", "i", "not", "no", "each",
    "some", "many", "much", "more", "most", "being", "so", "if", "then", "there", "here", "up",
    "down", "out", "off", "such", "only", "just", "even", "per", "whose", "including",
}
# Verbs that link a number's noun to the word naming its measure like "were" does:
# "12 were citizens of Afghanistan", "two dozen people remain missing".
_COPULAS = {"were", "was", "are", "is", "remain", "remains", "remained", "stay", "stays", "stayed",
            "become", "becomes", "became"}
# Words between a number's noun and the verb naming its measure ("84 people were killed").
_AUXILIARIES = _COPULAS | {
    "have", "has", "had", "been", "be", "being", "reportedly",
    "also", "all", "now", "later", "already", "confirmed", "believed", "feared", "thought",
    "reported", "said", "to", "left", "officially", "seriously", "critically", "badly",
    "slightly", "mostly", "either", "still", "then",
}
# Nouns that only say "people": the measure comes from the verb ("84 people were killed").
_GENERIC_NOUNS = {"people", "persons", "person", "individuals", "others", "more", "other"}
# Modifiers that do not change what is counted ("two separate explosions").
_MODIFIERS = {"separate", "other", "additional", "further", "more", "new", "major", "minor",
              "large", "small", "big", "different", "similar", "distinct", "deadly", "twin",
              "powerful", "massive", "huge", "several", "young", "total"}
_IRREGULAR_PLURALS = {"men": "man", "women": "woman", "children": "child", "people": "person",
                      "feet": "foot", "teeth": "tooth", "lives": "life"}
# Nouns that count people without a plural form; unlike plurals they may go on ("police officers").
_COLLECTIVE_NOUNS = {"police", "personnel", "staff", "crew", "security"}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "news", "series", "species", "'s", "’s")
_CLAUSE_PUNCTUATION = {",", ";", ":", "(", ")", "[", "]", "|", "—", "–", "-"}
# Words that end a clause when looking left from a number for the verb naming its measure.
_CLAUSE_WORDS = {"and", "or", "but", "while", "whereas", "that", "which", "who", "when", "where"}
_RELATIVE_WORDS = {"when", "which", "where", "who", "that", "whose"}
_SUBORDINATORS = {"as", "when", "while", "after", "before", "because", "although", "though",
                  "if", "since", "once", "until"}
# Words a sentence may open with before a fronted date ("On January 3, 2020, ...").
_FRONTING_WORDS = {"on", "at", "in", "by", "during", "around", "about", "early", "late",
                   "earlier", "later", "shortly", "until", "from", "since", "before", "after",
                   "last", "this", "the", "of"}
# A following "after/before X" names the event a duration or date is measured from.
_REFERENCE_WORDS = {"after", "before", "since", "following", "prior"}
# Words between a source and its reporting verb ("IRNA also noted").
_BEFORE_REPORTING_VERB = {"also", "later", "earlier", "had", "has", "have", "previously"}
_PREPOSITIONS = {"in", "at", "from", "during", "by", "after", "before", "on", "near", "between",
                 "for", "with", "against", "into", "across"}
# Verbs that give the level a figure stands at, named by their subject: "the death toll rose
# to 95", "the number of injured stood at 300", "the toll has reached 40", "the toll was 57".
_LEVEL_VERBS = _COPULAS | {
    "rose", "risen", "rises", "rise", "rising", "climbed", "climbs", "climb", "climbing",
    "increased", "increases", "jumped", "jumps", "soared", "grew", "grown", "mounted",
    "fell", "fallen", "falls", "dropped", "drops", "decreased", "declined", "reached", "reaches",
    "hit", "hits", "topped", "stands", "stood", "stand", "put", "placed", "revised", "raised",
    "lowered", "updated", "totalled", "totaled", "totals", "numbered",
}
# Words joining a level verb to its number: "rose to", "stood at", "reported as", "rose from 90 to 95".
_LEVEL_PARTICLES = {"to", "at", "as", "from"}
# Adverbs between a level verb and its number: "rose sharply to", "climbed further to".
_LEVEL_ADVERBS = {"further", "again", "now", "since", "later", "then", "overnight"}
# Nouns whose "of" phrase is what they count: "the number of dead", "the tally of injured".
_QUANTITY_NOUNS = {"number", "numbers", "count", "tally", "total", "figure", "figures"}
# Words that open a clause inside a sentence, so a subject starts after them: "officials said
# the toll ...", "as the toll rose ...". Prepositions such as "after" are left out: they are
# as often inside the subject ("the toll after the blasts").
_SUBJECT_OPENERS = _CLAUSE_WORDS | {"as", "because", "although", "though", "if", "once"}


# --------------------------------------------------------------------------- vocabulary

def _phrase_key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    """{canonical: [phrase, ...]} -> {phrase: canonical}, phrases normalised."""
    return {_phrase_key(phrase): canonical for canonical, phrases in table.items() for phrase in phrases}


@dataclass(frozen=True)
class _Vocabulary:
    measures: dict[str, str]                 # phrase -> canonical measure
    events: dict[str, str]                   # phrase -> canonical event
    qualifiers: dict[str, str]               # phrase -> canonical qualifier
    postposed: dict[str, str]                # "or more" -> "at least"
    vague: dict[str, tuple[float, float]]    # "dozens" -> (24, 99)
    units: dict[str, str]                    # "hrs" -> "hour"
    ordinal_ignore: frozenset[str]
    citizen_nouns: frozenset[str]
    nationalities: dict[str, str]            # "afghan", "afghans" -> "Afghanistan"
    attribution_verbs: frozenset[str]
    setting_verbs: frozenset[str]            # "put" in "X put the toll at 40"
    source_nouns: frozenset[str]


def _load_vocabulary(path: Path) -> _Vocabulary:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    nationalities = {}
    for demonym, country in data["nationalities"].items():
        nationalities[demonym.lower()] = country
        nationalities.setdefault(demonym.lower() + "s", country)   # "Afghan" -> "Afghans"
    return _Vocabulary(
        measures=_invert(data["measures"]),
        events=_invert(data["events"]),
        qualifiers=_invert(data["qualifiers"]),
        postposed=_invert(data["postposed_qualifiers"]),
        vague={_phrase_key(k): (float(lo), float(hi)) for k, (lo, hi) in data["vague"].items()},
        units=_invert(data["units"]),
        ordinal_ignore=frozenset(data["ordinals"]["ignore"]),
        citizen_nouns=frozenset(data["subgroups"]["citizen_nouns"]),
        nationalities=nationalities,
        attribution_verbs=frozenset(data["attribution"]["verbs"]),
        setting_verbs=frozenset(data["attribution"]["setting_verbs"]),
        source_nouns=frozenset(data["attribution"]["source_nouns"]),
    )


_VOCAB = _load_vocabulary(MEASURES_FILE)


def _alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first so "tens of thousands" beats "thousands"."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


# --------------------------------------------------------------------------- patterns

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}})\b)?"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\b\.?(?:,?\s+(?P<y2>\d{{4}})\b)?"
    rf"|\b(?P<m3>{_MONTH})\.?,?\s+(?P<y3>\d{{4}})\b"
    rf"|\b(?P<y4>\d{{4}})-(?P<mo4>\d{{2}})-(?P<d4>\d{{2}})\b"
)
_WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")
_AM_PM = r"(?P<ampm>[ap]\.m\.|[ap]\.m\b|[ap]m\b)"
_TIME = re.compile(
    rf"\b(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*{_AM_PM}"
    r"|\b(?P<h2>\d{1,2}):(?P<mi2>\d{2})\b(?!:\d)"
    r"|\b(?P<named>noon|midday|midnight)\b",
    re.I,
)
_ORDINAL = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})-)?(?P<word>{'|'.join(_ORDINAL_WORDS + list(_ORDINAL_TENS))})\b"
    r"|\b(?P<digits>\d+)(?:st|nd|rd|th)\b",
    re.I,
)
_NUMBER_WORD = "|".join([*_UNIT_NUMBERS, "hundred", *_SCALES, "dozen"])
_SCALE_WORD = "|".join(["hundred", *_SCALES, "dozen"])
_UNITS = _alternation(_VOCAB.units)
# One number: a vague word, digits (with an optional scale word), number words, or "a"/"an"
# before a time unit ("a day of mourning"). Digits glued to letters, slashes, hyphens or
# other digits are names or ids ("F-16", "MH17", "9/11", "2010s"), not figures.
_NUMBER = re.compile(
    rf"\b(?P<vague>{_alternation(_VOCAB.vague)})\b"
    rf"|(?<![\w.,/#-])(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:\s+(?P<scale>{'|'.join(_SCALES)})\b)?(?![\w/]|[.,]\d)"
    rf"|\b(?P<words>(?:an?\s+(?=(?:{_SCALE_WORD})\b))?(?:{_NUMBER_WORD})"
    rf"(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|(?<=million)\s+and\s+)(?:{_NUMBER_WORD}))*)\b"
    rf"|\b(?P<article>an?)(?=[\s-]+(?!seconds?\b)(?:{_UNITS})\b)",
    re.I,
)
_UNIT_AFTER = re.compile(rf"(?:\s+|\s*-\s*)(?P<unit>{_UNITS})\b", re.I)
_QUALIFIER_BEFORE = re.compile(rf"(?:^|(?<=\W))(?P<q>{_alternation(_VOCAB.qualifiers)})\s+$", re.I)
_POSTPOSED = re.compile(rf"(?:\s+|-)(?P<q>{_alternation(_VOCAB.postposed)})\b", re.I)
_YEAR = re.compile(r"(?:18|19|20)\d\d")
_YEAR_WORD = re.compile(r"(?<![\w.,])(?:18|19|20)\d\d(?![\w]|[.,]\d)")

# Text that holds digits but no figure: links, phone numbers, money, percentages, ages,
# scores and page furniture ("Updated 2 hours ago", "Page 2 of 5", "Share 1.2K").
_NOT_FIGURES = re.compile(
    r"\bhttps?://\S+|\bwww\.\S+|\b[\w.-]+@[\w-]+\.[\w.]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|info|co|uk|ir)\b(?:/\S*)?"
    r"|(?<!\w)\+\d[\d\s().-]{6,}\d|\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"
    r"|[$€£¥]\s?\d[\d,.]*(?:\s*(?:million|billion|thousand|bn|m|k)\b)?"
    r"|\b\d[\d,.]*(?:\s+(?:million|billion|thousand))?\s+(?:dollars|euros|pounds|rials|yuan|rupees|usd|eur|gbp)\b"
    r"|\b\d[\d,.]*\s*(?:%|percent\b|per\s+cent\b)"
    r"|\b\d+(?:-|\s)years?(?:-|\s)old\b|\baged\s+\d+"
    r"|\b(?:updated|published|posted)\b[^.\n]{0,30}?\b\d+\s+\w+\s+ago\b"
    r"|^[ \t]*\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago[ \t]*$"
    r"|\b(?:page|photo|image|slide|picture)\s+\d+\s*(?:of|/)\s*\d+"
    r"|\b(?:shares?|comments?|views?|likes?|followers)\b\s*[:(]?\s*\d[\d.,]*[km]?\b"
    r"|\b\d[\d.,]*[km]?\s+(?:shares|comments|views|likes|followers|reads)\b"
    r"|\b\d+\s+min(?:ute)?s?\s+read\b"
    r"|(?<![\d-])\d{1,2}\s*[-–]\s*\d{1,2}(?![\d-])"
    r"|\b\d+/\d+(?:/\d+)?\b",
    re.I | re.M,
)
_NOT_FIGURE_REACH = 40      # characters a not-figure pattern reaches from its first digit
_TOKEN = re.compile(r"[A-Za-z]+(?:['’.-][A-Za-z]+)*|\d+(?:[.,:]\d+)*|\S")
_CANDIDATE = re.compile(r"[A-Za-z]+|\d+")
_AMONG = re.compile(r"\bamong\s+(?:the|those)\s+(?P<group>[a-z]+(?:\s+[a-z]+)?)", re.I)
_SUBSET_BEFORE = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+them)\s*$", re.I)
_ACCORDING = re.compile(r"\b(?:according\s+to|as\s+reported\s+by|reported\s+by|citing|cited\s+by)\s+", re.I)
_CHANGE_VERB = re.compile(r"\b(?:revised|revising|rose|risen|raised|rising|lowered|climbed|increased|"
                          r"decreased|dropped|fell|fallen|cut|corrected|updated|jumped)\b", re.I)
_EARLIER_MARKER = re.compile(r"\b(?:previously|initially|originally|earlier)\s+(?:reported|put|given|"
                             r"estimated|stated|said)(?:\s+(?:as|at|to\s+be))?\s*$", re.I)
_OTHER_EVENT_MARKER = re.compile(
    rf"\blast\s+(?:year|month)\b|\b(?:previous|prior|past|similar)\s+(?:\w+\s+)?"
    rf"(?:{_alternation(p for p, e in _VOCAB.events.items() if e == 'attack')}|incidents?)\b",
    re.I,
)


# --------------------------------------------------------------------------- public API

@dataclass(frozen=True)
class ValueGroup:
    """Figures of one measure that give the same value, e.g. "84" and "at least 84"."""
    label: str                    # how the value reads: "84", "more than 200", "nearly 100"
    value: float | str
    low: float | None
    high: float | None
    figures: tuple[Figure, ...]


def extract_figures(article_id: str, text: str) -> list[Figure]:
    """Every figure in every sentence of text, in text order."""
    candidates = _candidates(text)
    positions = [position for position, _ in candidates]
    read: list[tuple[_Sentence, list[_Mention]]] = []
    # A "sentence" of thousands of characters is a list or broken markup, not prose; reading
    # it in bounded pieces keeps extraction linear in the text.
    spans = [piece for s, e in text_sentence_spans(text) for piece in cut_long(text, s, e, MAX_SENTENCE_CHARS)]
    for start, end in spans:
        inside = candidates[bisect.bisect_left(positions, start):bisect.bisect_left(positions, end)]
        if inside:
            sentence = _Sentence(text, start, end)
            mentions = _sentence_mentions(sentence, inside)
            if mentions:
                read.append((sentence, mentions))
    event_year = _event_year(m for _, mentions in read for m in mentions)
    figures = [figure for sentence, mentions in read
               for figure in _sentence_figures(article_id, sentence, mentions, event_year)]
    return sorted(figures, key=lambda f: (f.start, f.end))


def canonical_measure(phrase: str) -> str | None:
    """The vocabulary's measure for a phrase ("death toll" -> "killed"), None if unknown."""
    words = _phrase_key(phrase).split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    if not words:
        return None
    for last in dict.fromkeys([words[-1], _singular(words[-1]), _plural(words[-1])]):
        measure = _VOCAB.measures.get(" ".join([*words[:-1], last]))
        if measure:
            return measure
    return None


def question_measures(question: str, known_measures: Iterable[str] = ()) -> list[str]:
    """The canonical measures a question asks about, in the order it names them ([] for none).

    known_measures (the measures present in the index) let a question reach measures the
    vocabulary does not know ("How many Afghans were among the dead?" ->
    "killed: citizens of Afghanistan").
    """
    words = _Sentence(question, 0, len(question))
    known = list(known_measures)
    found = (_question_dates(words) + _question_durations(words)
             + _question_counts(words, known) + _question_ordinals(words, known))
    return list(dict.fromkeys(measure for _, measure in sorted(found, key=lambda pair: pair[0])))


def group_values(figures: Sequence[Figure]) -> list[ValueGroup]:
    """Figures of ONE measure grouped into values that agree, most-cited first.

    "84" and "at least 84" are one value, as are "over 200" and "more than 200"; "nearly 100"
    and "more than 280" stay values of their own. Earlier (revised) figures are values too.
    Figures about other events (other_event) are never values of this event's measure, so
    they are left out.
    """
    groups: dict[tuple, list[Figure]] = {}
    for figure in figures:
        if not figure.other_event:
            groups.setdefault(_group_key(figure), []).append(figure)
    merged = _merge_partial_dates(list(groups.values()))
    values = [_value_group(members) for members in merged]
    return sorted(values, key=_group_order)


# --------------------------------------------------------------------------- sentences and tokens

class _Token(NamedTuple):
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


class _PhraseTable:
    """Phrases of a vocabulary table, found among tokens by their first word."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.first_words = {phrase.split()[0] for phrase in table}
        self.max_words = max(len(phrase.split()) for phrase in table)
        self.last_words = {phrase.split()[-1] for phrase in table}


_MEASURE_PHRASES = _PhraseTable(_VOCAB.measures)
_EVENT_PHRASES = _PhraseTable(_VOCAB.events)
_QUALIFIER_PHRASES = _PhraseTable(_VOCAB.qualifiers)


class _Sentence:
    """One sentence: its span of the text and (built on first use) its tokens."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end

    @functools.cached_property
    def tokens(self) -> list[_Token]:
        words = _TOKEN.findall(self.text, self.start, self.end)
        tokens, position = [], self.start
        for word in words:                        # findall and find: faster than match objects
            start = self.text.find(word, position)
            position = start + len(word)
            tokens.append(_Token(word, word.lower(), start, position))
        return tokens

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    @functools.cached_property
    def events(self) -> list[tuple[int, str, bool]]:
        return _event_words(self)

    def index_at(self, position: int) -> int:
        """Index of the first token that ends after position (the token holding it, or the next)."""
        i = bisect.bisect_right(self._starts, position) - 1
        return i if i >= 0 and self.tokens[i].end > position else i + 1

    def lower(self, i: int) -> str:
        return self.tokens[i].lower if 0 <= i < len(self.tokens) else ""

    def match(self, i: int, phrases: _PhraseTable) -> tuple[str, int] | None:
        """The longest phrase starting at token i: (canonical, number of tokens)."""
        if self.lower(i) not in phrases.first_words:
            return None
        for n in range(min(phrases.max_words, len(self.tokens) - i), 0, -1):
            key = " ".join(t.lower for t in self.tokens[i:i + n])
            if key in phrases.table:
                return phrases.table[key], n
        return None

    def match_ending(self, j: int, phrases: _PhraseTable) -> tuple[str, int] | None:
        """The longest phrase ending at token j: (canonical, number of tokens)."""
        if self.lower(j) not in phrases.last_words:
            return None
        for n in range(min(phrases.max_words, j + 1), 0, -1):
            key = " ".join(t.lower for t in self.tokens[j - n + 1:j + 1])
            if key in phrases.table:
                return phrases.table[key], n
        return None

    def is_boundary(self, i: int) -> bool:
        return self.tokens[i].text in _CLAUSE_PUNCTUATION


# --------------------------------------------------------------------------- mentions

@dataclass
class _Mention:
    """A figure being built: what was read, before sentence-wide rules settle it."""
    kind: str
    value: float | str
    qualifier: str
    start: int
    end: int
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    measure: str | None = None
    noun_phrase_only: bool = False        # measure is an unseen noun phrase ("citizens of Iran")
    weak: str | None = None               # "one" or "year": see _weak_number
    year: int | None = None               # for dates that state one
    revision: str | None = None
    revision_of: str | None = None
    attributed_to: str | None = None
    other_event: bool = False


def _candidates(text: str) -> list[tuple[int, frozenset[str]]]:
    """(position, finders to try) for each word or digit run that can start a figure.

    One cheap scan picks the places worth trying, so the precise patterns run only there.
    """
    found = []
    for match in _CANDIDATE.finditer(text):
        word = match.group()
        finders = _DIGIT_FINDERS if word[0].isdigit() else _TRIGGERS.get(word.lower())
        if finders:
            found.append((match.start(), finders))
    return found


def _sentence_mentions(sentence: _Sentence, candidates: list[tuple[int, frozenset[str]]]) -> list[_Mention]:
    """Every mention in the sentence, each span read once (dates before the numbers in them)."""
    taken = _not_figures(sentence, [p for p, _ in candidates if sentence.text[p].isdigit()])
    mentions: list[_Mention] = []
    for name, finder in _FINDERS:
        for position, finders in candidates:
            mention = finder(sentence, position) if name in finders else None
            if mention and not any(s < mention.end and mention.start < e for s, e in taken):
                taken.append((mention.start, mention.end))
                mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    for mention in mentions:
        _assign_measure(sentence, mention, mentions)
    return mentions


def _not_figures(sentence: _Sentence, digits: list[int]) -> list[tuple[int, int]]:
    """Spans of text with digits that hold no figure (links, phone numbers, furniture ...).

    Every such span holds a digit, so only the stretches around digits are searched: the
    pattern is slow to run over a whole article.
    """
    spans: list[tuple[int, int]] = []
    window_end = -1
    for position in digits:
        if position < window_end:
            continue
        # Start at a word boundary well before the digit: "Updated 2 hours ago", a long link.
        start = max(sentence.start, position - _NOT_FIGURE_REACH)
        start = max(sentence.text.rfind(" ", sentence.start, start) + 1, sentence.start)
        window_end = min(sentence.end, position + _NOT_FIGURE_REACH)
        spans += [m.span() for m in _NOT_FIGURES.finditer(sentence.text, start, window_end)]
    return spans


def _date_at(sentence: _Sentence, position: int) -> _Mention | None:
    match = _DATE.match(sentence.text, position, sentence.end)
    parsed = _parse_date(match) if match else None
    if not parsed:
        return None
    iso, year = parsed
    return _Mention("date", iso, "exact", match.start(), match.end(), year=year)


def _parse_date(match: re.Match) -> tuple[str, int | None] | None:
    """(ISO value, year) of a date match: "2024-01-03", "--01-03" without a year, "2024-01"."""
    g = match.groupdict()
    if g["y4"]:
        year, month, day = int(g["y4"]), int(g["mo4"]), int(g["d4"])
    else:
        month_name = g["m1"] or g["m2"] or g["m3"]
        month = _MONTHS[month_name.lower()]
        day = int(g["d1"] or g["d2"] or 0)
        year_text = g["y1"] or g["y2"] or g["y3"]
        year = int(year_text) if year_text else None
    if not 1 <= month <= 12 or day > 31 or (year is not None and not _YEAR.fullmatch(str(year))):
        return None
    if not day:
        return f"{year:04d}-{month:02d}", year
    return (f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"), year


def _weekday_at(sentence: _Sentence, position: int) -> _Mention | None:
    match = _WEEKDAY.match(sentence.text, position, sentence.end)
    return _Mention("weekday", match.group(), "exact", match.start(), match.end()) if match else None


def _time_at(sentence: _Sentence, position: int) -> _Mention | None:
    match = _TIME.match(sentence.text, position, sentence.end)
    if not match:
        return None
    g = match.groupdict()
    if g["named"]:
        hour, minute = (0, 0) if g["named"].lower() == "midnight" else (12, 0)
    else:
        hour, minute = int(g["h"] or g["h2"]), int(g["mi"] or g["mi2"] or 0)
        if g["ampm"]:
            if hour > 12:
                return None
            hour = hour % 12 + (12 if g["ampm"][0].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    qualifier, start = _qualifier_before(sentence, match.start())
    return _Mention("time", f"{hour:02d}:{minute:02d}", qualifier, start, match.end())


def _ordinal_at(sentence: _Sentence, position: int) -> _Mention | None:
    match = _ORDINAL.match(sentence.text, position, sentence.end)
    if not match:
        return None
    # A capitalised ordinal is part of a name ("First Vice President") unless it only
    # opens the sentence ("Second explosions ...").
    if match.group()[0].isupper() and (match.start() > sentence.start
                                       or _next_word_capitalised(sentence, match.end())):
        return None
    if sentence.text.startswith("-", match.end()):          # "second-largest"
        return None
    word = match.group("word")
    if word:
        word = word.lower()
        value = _ORDINAL_TENS.get(word) or _ORDINAL_WORDS.index(word) + 1
        value += _UNIT_NUMBERS[match.group("tens").lower()] if match.group("tens") else 0
    else:
        value = int(match.group("digits"))
    return _Mention("ordinal", float(value), "exact", match.start(), match.end())


def _number_at(sentence: _Sentence, position: int) -> _Mention | None:
    """A count or, when a time unit follows, a duration."""
    text = sentence.text
    match = _NUMBER.match(text, position, sentence.end)
    if not match:
        return None
    value, low, high, vague = _number_value(match)
    qualifier, start = _qualifier_before(sentence, match.start())
    end = match.end()
    unit_match = _UNIT_AFTER.match(text, end, sentence.end)
    if unit_match:
        end = unit_match.end()
    elif match.group("article"):
        return None                                  # "a"/"an" is a number only before a time unit
    postposed = _POSTPOSED.match(text, end, sentence.end)
    if postposed and qualifier == "exact" and not vague:
        qualifier, end = _VOCAB.postposed[_phrase_key(postposed.group("q"))], postposed.end()
    if vague:
        qualifier = vague
    else:
        low, high = _bounds(qualifier, value)
    mention = _Mention("duration" if unit_match else "count", value, qualifier, start, end, low=low, high=high,
                       unit=_VOCAB.units[unit_match.group("unit").lower()] if unit_match else None)
    mention.weak = _weak_number(sentence, match, qualifier)
    return mention


_FINDERS = [("date", _date_at), ("weekday", _weekday_at), ("time", _time_at),
            ("ordinal", _ordinal_at), ("number", _number_at)]
_DIGIT_FINDERS = frozenset(["date", "time", "ordinal", "number"])


def _build_triggers() -> dict[str, frozenset[str]]:
    """Lower-case word -> the finders that can match starting at it."""
    triggers: dict[str, set[str]] = {}
    words = {
        "date": _MONTHS,
        "weekday": [w.lower() for w in WEEKDAYS],
        "time": ["noon", "midday", "midnight"],
        "ordinal": [*_ORDINAL_WORDS, *_ORDINAL_TENS, *_TENS],
        "number": [*_UNIT_NUMBERS, "hundred", *_SCALES, "dozen", "a", "an",
                   *(phrase.split()[0] for phrase in _VOCAB.vague)],
    }
    for finder, names in words.items():
        for word in names:
            triggers.setdefault(word, set()).add(finder)
    return {word: frozenset(finders) for word, finders in triggers.items()}


_TRIGGERS = _build_triggers()


def _number_value(match: re.Match) -> tuple[float, float | None, float | None, str | None]:
    """(value, low, high, vague phrase or None) of a number match."""
    if match.group("vague"):
        phrase = _phrase_key(match.group("vague"))
        low, high = _VOCAB.vague[phrase]
        return low, low, high, phrase
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        if match.group("scale"):
            value *= _SCALES[match.group("scale").lower()]
        return value, None, None, None
    if match.group("article"):
        return 1.0, None, None, None
    return float(_words_value(match.group("words"))), None, None, None


def _words_value(words: str) -> int:
    """The value of number words: "nearly one hundred" -> 100, "twenty-five" -> 25."""
    total = current = 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in _UNIT_NUMBERS:
            current += _UNIT_NUMBERS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        elif word in ("a", "an"):
            current = 1
    return total + current


def _weak_number(sentence: _Sentence, match: re.Match, qualifier: str) -> str | None:
    """Numbers that are too often no figure to stand on a noun alone.

    "one" ("one side") is a figure only when a vocabulary word names its measure ("one
    person was killed"): weak "one". Years and numbers in names ("in 2020", "Al-Furqan 24")
    are figures only when a vocabulary verb follows ("2000 people died", but not "the 2020
    killing"): weak "year". A qualifier makes any number a figure ("over 1990").
    """
    if qualifier != "exact":
        return None
    if match.group("article") or match.group().lower() in ("one", "a", "an"):
        return "one"
    digits = match.group("digits")
    if not digits:
        return None
    i = sentence.index_at(match.start())
    after_name = i > 1 and sentence.tokens[i - 1].is_word and sentence.tokens[i - 1].capitalised
    return "year" if _YEAR.fullmatch(digits) or after_name else None


def _next_word(sentence: _Sentence, position: int) -> str:
    return sentence.lower(sentence.index_at(position))


def _next_word_capitalised(sentence: _Sentence, position: int) -> bool:
    i = sentence.index_at(position)
    return i < len(sentence.tokens) and sentence.tokens[i].is_word and sentence.tokens[i].capitalised


def _qualifier_before(sentence: _Sentence, number_start: int) -> tuple[str, int]:
    """(canonical qualifier, start of the figure's words) for the words right before a number."""
    window_start = max(sentence.start, number_start - 30)
    match = _QUALIFIER_BEFORE.search(sentence.text, window_start, number_start)
    if not match:
        return "exact", number_start
    return _VOCAB.qualifiers[_phrase_key(match.group("q"))], match.start("q")


def _bounds(qualifier: str, value: float) -> tuple[float | None, float | None]:
    """The range a qualifier allows: "at least 84" -> (84, None), "about 20" -> (18, 22)."""
    if qualifier in ("at least", "more than"):
        return value, None
    if qualifier in ("up to", "fewer than"):
        return None, value
    if qualifier == "nearly":
        return _round_down(value * 0.9, value), value
    if qualifier == "about":
        return _round_down(value * 0.9, value), _round_up(value * 1.1, value)
    return value, value


def _round_down(bound: float, value: float) -> float:
    return float(math.floor(round(bound, 9))) if value.is_integer() else round(bound, 9)


def _round_up(bound: float, value: float) -> float:
    return float(math.ceil(round(bound, 9))) if value.is_integer() else round(bound, 9)


# --------------------------------------------------------------------------- measures

def _assign_measure(sentence: _Sentence, mention: _Mention, mentions: list[_Mention]) -> None:
    if mention.kind == "count":
        _count_measure(sentence, mention, mentions)
    elif mention.kind == "ordinal":
        mention.measure = _ordinal_measure(sentence, mention)
    elif mention.kind == "duration":
        mention.measure = _duration_measure(sentence, mention)
    else:
        event = _dated_event(sentence, mention, mentions)
        suffix = {"date": "date", "weekday": "day", "time": "time"}[mention.kind]
        mention.measure = f"{event} {suffix}" if event else suffix


def _count_measure(sentence: _Sentence, mention: _Mention, mentions: list[_Mention]) -> None:
    """What a count counts, read from the words after it, then the words before it.

    "84 fatalities" / "84 people were killed" -> killed; "killed 103 people" -> killed;
    "3 ambulances" -> "ambulances"; "three civilians were killed" -> "killed: civilians".
    """
    i = sentence.index_at(mention.end)
    partitive = False
    if sentence.lower(i) == "of":                       # "dozens of people", "two of its members"
        i += 1
        partitive = sentence.lower(i) in _DETERMINERS
        while sentence.lower(i) in _DETERMINERS:
            i += 1
    # "two of the dead were children": a part of a counted group is not its total;
    # "one of the bombers" is no count at all.
    if partitive and (mention.value == 1 or sentence.match(i, _MEASURE_PHRASES)):
        mention.measure = None
        return
    measure, source = _measure_after(sentence, i, float(mention.value))
    if measure is None or source == "unseen":
        before = _subject_measure(sentence, mention) or _measure_before(sentence, mention, mentions)
        if before:
            measure, source = (f"{before}: {measure}" if measure else before), "before"
    if (mention.weak == "one" and source == "unseen") or (mention.weak == "year" and source != "verb"):
        measure = None
    mention.measure, mention.noun_phrase_only = measure, source == "unseen"


def _measure_after(sentence: _Sentence, i: int, value: float) -> tuple[str | None, str]:
    """(measure, source) from the words starting at token i.

    source says what named the measure: "word" a vocabulary word right after the number
    ("84 fatalities", "two explosions"), "verb" a vocabulary verb after its noun ("84 people
    were killed", "three civilians were killed"), "unseen" a noun phrase the vocabulary
    does not know ("3 ambulances").
    """
    direct = sentence.match(i, _MEASURE_PHRASES)
    if direct:                                          # "84 killed", "284 injuries"
        return direct[0], "word"
    noun_words, i = _noun_phrase(sentence, i, generic_ok=True)
    copula = False
    while sentence.lower(i) in _AUXILIARIES:
        copula = copula or sentence.lower(i) in _COPULAS
        i += 1
    verb = sentence.match(i, _MEASURE_PHRASES)
    if not noun_words and not verb and copula:          # "12 were citizens of Afghanistan"
        noun_words, _ = _noun_phrase(sentence, i, generic_ok=False)
    generic = all(w.lower in _GENERIC_NOUNS for w in noun_words)      # "84 people were killed"
    if generic or not _counted_noun(noun_words, value):                # "rose to 38 overnight"
        return (verb[0], "verb") if verb else (None, "")
    noun_measure = _phrase_measure(noun_words)
    if noun_measure:                                    # "two explosions killed 84": they count themselves
        return noun_measure, "word"
    name = _noun_phrase_name(noun_words)
    return (f"{verb[0]}: {name}", "verb") if verb else (name, "unseen")


def _counted_noun(words: list[_Token], value: float) -> bool:
    """Whether a noun phrase can be what a number counts: more than one of anything is
    plural ("3 ambulances", "12 citizens of Afghanistan"), so "38 overnight" counts nothing."""
    head = next((k for k, w in enumerate(words) if w.lower == "of"), len(words)) - 1
    word = words[head].lower
    return value == 1 or _looks_plural(word) or word in _COLLECTIVE_NOUNS or word in _VOCAB.nationalities


def _phrase_measure(words: list[_Token]) -> str | None:
    """The vocabulary measure of a noun phrase or of its last words ("suicide bombers")."""
    for k in range(len(words)):
        measure = canonical_measure(" ".join(w.lower for w in words[k:]))
        if measure:
            return measure
    return None


def _measure_before(sentence: _Sentence, mention: _Mention, mentions: list[_Mention]) -> str | None:
    """A vocabulary word before the number in its clause: "killed 103", "death toll was ... 84"."""
    others = {j for m in mentions if m is not mention and m.kind in ("count", "duration")
              for j in range(sentence.index_at(m.start), sentence.index_at(m.end - 1) + 1)}
    j = sentence.index_at(mention.start) - 1
    for _ in range(8):
        if j < 0 or sentence.is_boundary(j) or j in others or sentence.lower(j) in _CLAUSE_WORDS:
            return None
        found = sentence.match_ending(j, _MEASURE_PHRASES)
        if found:
            return found[0]
        j -= 1
    return None


def _subject_measure(sentence: _Sentence, mention: _Mention) -> str | None:
    """The measure heading the subject of a level verb that introduces the number.

    "The death toll from the Kerman blasts rose to 95" counts the dead: the vocabulary word
    nearest the number ("blasts") sits in a prepositional phrase that only places the toll,
    so the measure is read from the head of the subject ("death toll", "number of dead").
    """
    verb = _level_verb_before(sentence, sentence.index_at(mention.start) - 1)
    if verb is None:
        return None
    for j in reversed(_subject_head(sentence, verb)):        # the head noun ends the phrase
        found = sentence.match_ending(j, _MEASURE_PHRASES)
        if found:
            return found[0]
    return None


def _level_verb_before(sentence: _Sentence, j: int) -> int | None:
    """Index of the level verb ending at token j ("rose to", "stood at", "reached", "is")."""
    if sentence.lower(j) in _LEVEL_PARTICLES:
        j -= 1
    while sentence.lower(j) in _LEVEL_ADVERBS or (sentence.lower(j).endswith("ly") and j > 0):
        j -= 1
    return j if j >= 0 and sentence.lower(j) in _LEVEL_VERBS else None


def _subject_head(sentence: _Sentence, verb: int) -> list[int]:
    """Token indexes of the subject of the verb at token `verb` up to its first preposition:
    "The death toll [from the blasts] rose", "The number of dead [in the explosions] climbed".
    The subject starts after the clause punctuation, clause word or reporting verb before it."""
    j = _skip_auxiliaries(sentence, verb - 1)                        # "has now reached"
    j = _skip_auxiliaries(sentence, _skip_parenthetical(sentence, j))
    start = j
    while start >= 0 and not sentence.is_boundary(start) and sentence.lower(start) not in _SUBJECT_OPENERS \
            and sentence.lower(start) not in _VOCAB.attribution_verbs:
        start -= 1
    head = []
    for k in range(start + 1, j + 1):
        word = sentence.lower(k)
        if word in _PREPOSITIONS or (word == "of" and sentence.lower(k - 1) not in _QUANTITY_NOUNS):
            break
        head.append(k)
    return head


def _skip_auxiliaries(sentence: _Sentence, j: int) -> int:
    """The token before the auxiliaries and adverbs ending at token j ("has now", "had also")."""
    while j >= 0 and (sentence.lower(j) in _AUXILIARIES or sentence.lower(j) in _BEFORE_REPORTING_VERB):
        j -= 1
    return j


def _skip_parenthetical(sentence: _Sentence, j: int) -> int:
    """Token j, or the token before a comma-enclosed clause ending at j that sits between a
    subject and its verb: "The toll from the bombings, which struck a market, rose to 30",
    "The toll, officials said, rose to 30"."""
    if sentence.lower(j) != ",":
        return j
    opening = j - 1
    while opening >= 0 and not sentence.is_boundary(opening):
        opening -= 1
    if opening < 0 or sentence.lower(opening) != ",":
        return j
    inside = range(opening + 1, j)
    relative = sentence.lower(opening + 1) in _RELATIVE_WORDS
    reported = any(sentence.lower(k) in _VOCAB.attribution_verbs for k in inside)
    return opening - 1 if relative or reported else j


def _noun_phrase(sentence: _Sentence, i: int, generic_ok: bool) -> tuple[list[_Token], int]:
    """The noun phrase starting at token i (up to three words) and the index after it.

    It ends after a plural noun ("suicide bombers") or a vocabulary word ("more powerful
    explosion"), and before a verb-like word ("one ambulance damaged") or a capitalised word
    after lower-case ones. "citizens of Afghanistan" keeps its "of <Country>". Leading
    modifiers that do not change what is counted are dropped ("separate explosions").
    generic_ok: a lone "people"/"others" is the phrase (its verb will name the measure).
    """
    words: list[_Token] = []
    while i < len(sentence.tokens) and len(words) < 3:
        token = sentence.tokens[i]
        if generic_ok and not words and token.lower in _GENERIC_NOUNS:
            return [token], i + 1
        closed = token.lower in _FUNCTION_WORDS or token.lower in _AUXILIARIES
        if not token.is_word or (closed and token.lower not in _MODIFIERS):
            break
        if words and (token.lower.endswith(("ed", "ing")) or (token.capitalised and not words[-1].capitalised)):
            break
        vocabulary = sentence.match(i, _MEASURE_PHRASES)
        if vocabulary:
            words += sentence.tokens[i:i + vocabulary[1]]
            i += vocabulary[1]
            break
        words.append(token)
        i += 1
        if _looks_plural(token.lower):
            break
    if words and words[-1].lower in _VOCAB.citizen_nouns and sentence.lower(i) == "of":
        country = []
        for token in sentence.tokens[i + 1:i + 4]:
            if not (token.is_word and token.capitalised):
                break
            country.append(token)
        if country:
            words, i = words + [sentence.tokens[i]] + country, i + 1 + len(country)
    while len(words) > 1 and (words[0].lower.endswith("ed") or words[0].lower in _MODIFIERS):
        words = words[1:]
    return words, i


def _noun_phrase_name(words: list[_Token]) -> str:
    """A measure name for an unseen noun phrase: lower case except proper nouns; the head
    noun plural ("one ambulance" and "3 ambulances" are both "ambulances"); nationals of a
    country are "citizens of <Country>" however written ("Afghans", "Afghan nationals")."""
    country = _country_of(words)
    if country:
        return f"citizens of {country}"
    names = [w.text if w.capitalised else w.lower for w in words]
    head = next((k for k, w in enumerate(words) if w.lower == "of"), len(words)) - 1
    if not words[head].capitalised:
        names[head] = _plural(names[head])
    return " ".join(names)


def _country_of(words: list[_Token]) -> str | None:
    """The country when a noun phrase names nationals: "Afghans", "Afghan nationals",
    "citizens of Afghanistan"."""
    lowers = [w.lower for w in words]
    if len(words) >= 3 and lowers[0] in _VOCAB.citizen_nouns and lowers[1] == "of":
        return " ".join(w.text for w in words[2:])
    demonyms = [w for w in words if w.capitalised and w.lower in _VOCAB.nationalities]
    rest = [w for w in lowers if w not in _VOCAB.nationalities]
    if len(demonyms) == 1 and all(w in _VOCAB.citizen_nouns for w in rest):
        return _VOCAB.nationalities[demonyms[0].lower]
    return None


def _ordinal_measure(sentence: _Sentence, mention: _Mention) -> str | None:
    """The noun an ordinal ranks, singular: "fourth anniversary" -> "anniversary"."""
    words, after = _noun_phrase(sentence, sentence.index_at(mention.end), generic_ok=False)
    if not words or words[-1].lower in _VOCAB.ordinal_ignore:
        return None
    following = sentence.lower(after)
    if following[:1].isdigit() or following in _UNIT_NUMBERS:      # "the second hit 19 minutes later"
        return None
    if len(words) == 1 and words[0].lower.endswith(("ed", "ing")):    # "first reported"
        return None
    canonical = _phrase_measure(words)
    if canonical:
        return _singular(canonical)
    return " ".join([*(w.lower for w in words[:-1]), _singular(words[-1].lower)])


def _duration_measure(sentence: _Sentence, mention: _Mention) -> str:
    """What a duration measures, from the words after it.

    "four years ago" -> "time since <event>"; "20 minutes apart / of each other / later" ->
    "<event> interval"; "24 hours after the blasts, ISIS claimed" -> "time from attack to
    claim"; "three days of mourning" -> "mourning duration".
    """
    i = sentence.index_at(mention.end)
    word = sentence.lower(i)
    events = sentence.events
    if word == "ago":
        event = _nearest_event(sentence, mention, events, prefer_left=True)
        return f"time since {event}" if event else "time since"
    if word in ("later", "apart") or (word == "of" and sentence.lower(i + 1) in ("each", "one")):
        event = _nearest_event(sentence, mention, events)
        return f"{event} interval" if event else "interval"
    if word == "between":
        found = _event_within(sentence, i + 1, 4)
        event = found[1] if found else _nearest_event(sentence, mention, events)
        return f"{event} interval" if event else "interval"
    if word in ("after", "before", "of"):               # "of": "within an hour of the blast"
        found = _event_within(sentence, i + 1, 4)
        reference = found[1] if found else None
        other = _nearest_event(sentence, mention, [e for e in events if e[1] != reference])
        if reference and other:
            return f"time from {other} to {reference}" if word == "before" else f"time from {reference} to {other}"
        # "The second blast came 13 minutes after the first (blast)": two events of one kind.
        if (found and _event_recurs(events, *found)) or (not found and _names_one_of_a_series(sentence, i + 1)):
            event = reference or other
            return f"{event} interval" if event else "interval"
        if reference:
            return f"time {'before' if word == 'before' else 'after'} {reference}"
    if word == "of":                                    # "three days of (national) mourning"
        noun = _last_content_word(sentence, i + 1)
        if noun:
            return f"{noun} duration"
    event = _nearest_event(sentence, mention, events)
    return f"{event} duration" if event else "duration"


# Words that refer back to another event of the same kind: "13 minutes after the first",
# "an hour after the previous one".
_SERIES_WORDS = {*_ORDINAL_WORDS, "previous", "earlier", "other", "last", "initial", "preceding", "next"}


def _names_one_of_a_series(sentence: _Sentence, i: int) -> bool:
    """Whether the words from token i name another one of a series ("the first", "the other
    one"): a duration measured from it separates two events of one kind, an interval."""
    while sentence.lower(i) in _DETERMINERS:
        i += 1
    return sentence.lower(i) in _SERIES_WORDS


def _event_recurs(events: list[tuple[int, str, bool]], at: int, reference: str) -> bool:
    """Whether the event a duration is measured from (named at token `at`) is named again as
    the sentence's own event: "a second explosion went off 20 minutes after the first blast"."""
    return any(event == reference and index != at and not is_reference for index, event, is_reference in events)


def _last_content_word(sentence: _Sentence, i: int) -> str | None:
    """The last of up to three words from token i before a function word or punctuation."""
    last = None
    for token in sentence.tokens[i:i + 3]:
        if not token.is_word or token.lower in _FUNCTION_WORDS:
            break
        last = token.lower
    return last


# --------------------------------------------------------------------------- events

def _event_words(sentence: _Sentence) -> list[tuple[int, str, bool]]:
    """(token index, canonical event, is_reference) for each event word of the sentence.

    A reference is an event named as a point of comparison ("24 hours after the blasts"):
    it is not the event the sentence dates.
    """
    found = []
    i = 0
    while i < len(sentence.tokens):
        match = sentence.match(i, _EVENT_PHRASES)
        if match:
            found.append((i, match[0], _is_reference(sentence, i)))
            i += match[1]
        else:
            i += 1
    return found


def _is_reference(sentence: _Sentence, i: int) -> bool:
    for j in range(i - 1, max(-1, i - 4), -1):
        if sentence.is_boundary(j):
            return False
        if sentence.lower(j) in _REFERENCE_WORDS:
            return True
    return False


def _event_within(sentence: _Sentence, i: int, span: int) -> tuple[int, str] | None:
    """(token index, canonical event) of the first event word among span tokens from i."""
    for j in range(i, min(len(sentence.tokens), i + span)):
        match = sentence.match(j, _EVENT_PHRASES)
        if match:
            return j, match[0]
    return None


def _nearest_event(sentence: _Sentence, mention: _Mention, events: list[tuple[int, str, bool]],
                   prefer_left: bool = False) -> str | None:
    """The event word nearest the mention, counting each clause boundary crossed as 5 words.

    Words after the mention count 2 more: English names the event before its date ("the
    blast happened at 10:30"); a fronted date is handled by _dated_event.
    """
    first = sentence.index_at(mention.start)
    last = sentence.index_at(mention.end - 1)
    best, best_score = None, math.inf
    for index, event, reference in events:
        if reference or first <= index <= last:
            continue
        low, high = (index, first) if index < first else (last, index)
        score = high - low + 5 * sum(sentence.is_boundary(j) for j in range(low, high))
        if index > last:
            score += 100 if prefer_left else 2
        if score < best_score:
            best, best_score = event, score
    return best


def _dated_event(sentence: _Sentence, mention: _Mention, mentions: list[_Mention]) -> str | None:
    """The event a date, weekday or time belongs to.

    A fronted date ("On January 3, 2020, X was killed in a strike") dates the main clause, so
    its event is the first one after the opening phrase and any subordinate clause ("At 10:30,
    as officials spoke, two explosions went off" -> attack). Otherwise the nearest event word.
    """
    reported = _reporting_event(sentence, mention, mentions)
    if reported:
        return reported
    events = sentence.events
    main_clause = _main_clause_start(sentence, mention, mentions)
    if main_clause is not None:
        for index, event, reference in events:
            if index >= main_clause and not reference:
                return event
    return _nearest_event(sentence, mention, events)


# Words between a reporting verb and the date it took place on: "said late on Friday".
_DATE_LEAD_WORDS = {"on", "at", "late", "early", "earlier", "later", "this", "last"}
# Reporting verbs whose object comes before their date: "told reporters on Monday".
_TELLING_VERBS = {"told", "tell", "tells", "telling", "briefed", "informed"}
# Words that end the object of a telling verb ("told reporters [on] ..."); determiners do not.
_OBJECT_ENDS = _FUNCTION_WORDS - _DETERMINERS


def _reporting_event(sentence: _Sentence, mention: _Mention, mentions: list[_Mention]) -> str | None:
    """"report" for a date attached to a reporting verb: "officials said on Friday", "told
    reporters on Monday", "police on Tuesday said", or to a figure's level: "the toll rose to
    91 on Saturday". Such a date says when the figures were given, not when the event
    happened. A verb that is an event word keeps its event ("the group claimed on Tuesday")."""
    if sentence.text.startswith(("'s", "’s"), mention.end):        # "said Tuesday's attack"
        return None
    before = _skip_date_words(sentence, sentence.index_at(mention.start) - 1)
    if _ends_a_level(sentence, before, mentions):
        return "report"
    verb = _reporting_verb_before(sentence, before)
    if verb is None:
        verb = _reporting_verb_after(sentence, mention)
    if verb is None:
        return None
    named = sentence.match(verb, _EVENT_PHRASES)
    return named[0] if named else "report"


def _ends_a_level(sentence: _Sentence, j: int, mentions: list[_Mention]) -> bool:
    """Whether token j ends a count a level verb introduces: "(the toll) rose to 91"."""
    return any(m.kind == "count" and sentence.index_at(m.end - 1) == j
               and _level_verb_before(sentence, sentence.index_at(m.start) - 1) is not None
               for m in mentions)


def _reporting_verb_before(sentence: _Sentence, j: int) -> int | None:
    """Index of the reporting verb the date after token j is attached to, if any."""
    if sentence.lower(j) in _VOCAB.attribution_verbs:
        return j
    for k in range(j, max(-1, j - 5), -1):                  # "told the AFP news agency on Monday"
        if sentence.lower(k) in _TELLING_VERBS:
            return k
        if not sentence.tokens[k].is_word or sentence.lower(k) in _OBJECT_ENDS:
            return None
    return None


def _reporting_verb_after(sentence: _Sentence, mention: _Mention) -> int | None:
    """Index of the reporting verb right after a date between it and its source: "Police on
    Tuesday said" (not "the attack on Friday claimed 20 lives": no source before it)."""
    verb = sentence.index_at(mention.end)
    if sentence.lower(verb) not in _VOCAB.attribution_verbs:
        return None
    j = _skip_date_words(sentence, sentence.index_at(mention.start) - 1)
    return verb if j >= 0 and _is_source_word(sentence.tokens[j]) else None


def _is_date_word(token: _Token) -> bool:
    """A weekday or month name ("Tuesday", "March"; not the verb "may")."""
    return token.text in WEEKDAYS or (token.capitalised and token.lower in _MONTHS)


def _skip_date_words(sentence: _Sentence, j: int) -> int:
    """The token before the date words ending at token j: "said late on Sunday, March 3" -> said.
    Day numbers count only after a month ("March 3"), so a figure is never skipped."""
    while j >= 0:
        token = sentence.tokens[j]
        day = token.text.isdigit() and j > 0 and _is_date_word(sentence.tokens[j - 1])
        if token.lower in _DATE_LEAD_WORDS or _is_date_word(token) or day \
                or (token.text == "," and j > 0 and _is_date_word(sentence.tokens[j - 1])):
            j -= 1
        else:
            break
    return j


def _main_clause_start(sentence: _Sentence, mention: _Mention, mentions: list[_Mention]) -> int | None:
    """Token index where the main clause starts when the mention is in a fronted phrase."""
    dated = [(m.start, m.end) for m in mentions if m.kind in ("date", "weekday", "time")]

    def inside(token: _Token) -> bool:
        return any(s <= token.start < e for s, e in dated)

    first = sentence.index_at(mention.start)
    if any(not inside(t) and t.lower not in _FRONTING_WORDS and t.text != ","
           for t in sentence.tokens[:first]):
        return None
    i = first
    while i < len(sentence.tokens) and (inside(sentence.tokens[i]) or sentence.tokens[i].text != ","):
        if not inside(sentence.tokens[i]) and sentence.is_boundary(i):
            return None
        i += 1
    i += 1
    if sentence.lower(i) in _SUBORDINATORS:            # skip "as dignitaries addressed the crowd,"
        while i < len(sentence.tokens) and sentence.tokens[i].text != ",":
            i += 1
        i += 1
    return i if i < len(sentence.tokens) else None


# --------------------------------------------------------------------------- sentence rules

def _sentence_figures(article_id: str, sentence: _Sentence, mentions: list[_Mention],
                      event_year: int | None) -> list[Figure]:
    _apply_revisions(sentence, mentions)
    _apply_subgroups(sentence, mentions)
    _apply_casualties_rule(mentions)
    kept = [m for m in mentions if m.measure]
    _apply_attribution(sentence, kept)
    _apply_other_events(sentence, kept, event_year)
    return [_to_figure(article_id, sentence, m) for m in kept]


def _apply_revisions(sentence: _Sentence, mentions: list[_Mention]) -> None:
    """Mark revised figures: "84, down from 103", "revised to 84 from 103", "from 103 to 84",
    "84, previously reported as 103". The earlier figure takes the current one's measure."""
    text = sentence.text
    counts = [m for m in mentions if m.kind in ("count", "duration")]
    for first, second in zip(counts, counts[1:]):
        gap = _phrase_key(text[first.end:second.start])
        before = _phrase_key(text[sentence.start:first.start])
        if re.fullmatch(r",? ?(?:(?:down|up) from|(?:previously|earlier|initially|originally)"
                        r"(?: reported| put| given| estimated| stated)?(?: as| at)?)", gap) \
                or (gap == "from" and before.endswith(" to")):
            current, earlier = first, second
        elif gap == "to" and before.endswith(" from") and _CHANGE_VERB.search(before):
            current, earlier = second, first
        else:
            continue
        current.revision, earlier.revision = "current", "earlier"
        current.revision_of, earlier.revision_of = text[earlier.start:earlier.end], text[current.start:current.end]
        # Both figures count the same thing; the vocabulary's name for it wins over a noun phrase.
        named = [m for m in (current, earlier) if m.measure and not m.noun_phrase_only]
        source = (named or [m for m in (current, earlier) if m.measure] or [current])[0]
        for mention in (current, earlier):
            mention.measure, mention.noun_phrase_only = source.measure, source.noun_phrase_only
    for mention in counts:
        if mention.revision is None and _EARLIER_MARKER.search(text, sentence.start, mention.start):
            mention.revision = "earlier"


def _apply_subgroups(sentence: _Sentence, mentions: list[_Mention]) -> None:
    """Unseen noun counts that name part of a measured group become "<measure>: <group>".

    "Among the dead were 12 Afghans" and "among the casualties, 12 were citizens of
    Afghanistan" -> "killed: citizens of Afghanistan"; "84 killed, including 12 children" ->
    "killed: children". Casualties broken down by who they were are the dead: identities
    and nationalities are reported for the victims who died.
    """
    among = _AMONG.search(sentence.text, sentence.start, sentence.end)
    among_parent = None
    if among:
        group = _phrase_key(among.group("group"))
        among_parent = canonical_measure(group) or canonical_measure(group.split()[0])
        among_parent = "killed" if among_parent == "casualties" else among_parent
    for k, mention in enumerate(mentions):
        if not mention.noun_phrase_only:
            continue
        parent = among_parent
        if _SUBSET_BEFORE.search(sentence.text, sentence.start, mention.start):
            parent = next((m.measure for m in reversed(mentions[:k])
                           if m.kind == "count" and m.measure and not m.noun_phrase_only), parent)
        if parent:
            mention.measure = f"{parent}: {mention.measure}"
            mention.noun_phrase_only = False


def _apply_casualties_rule(mentions: list[_Mention]) -> None:
    """"Casualties" are the dead when the sentence gives the injured separately
    ("nearly 100 casualties and left 284 people wounded")."""
    if any(m.measure == "injured" for m in mentions):
        for mention in mentions:
            if mention.measure == "casualties":
                mention.measure = "killed"


def _apply_attribution(sentence: _Sentence, mentions: list[_Mention]) -> None:
    """Credit each figure to the nearest source the sentence names ("according to IRNA",
    "Iranian authorities report", "said the interior minister")."""
    sources = _attributions(sentence)
    if not sources:
        return
    for mention in mentions:
        mention.attributed_to = min(sources, key=lambda s: abs(s[0] - mention.start))[1]


def _attributions(sentence: _Sentence) -> list[tuple[int, str]]:
    """(position, source name) for each attribution in the sentence."""
    found = []
    for match in _ACCORDING.finditer(sentence.text, sentence.start, sentence.end):
        name = _source_after(sentence, sentence.index_at(match.end()))
        if name:
            found.append((match.start(), name))
    for i, token in enumerate(sentence.tokens):
        if token.lower in _VOCAB.setting_verbs and _sets_a_figure(sentence, i + 1):
            name = _source_before(sentence, i)
            if name:
                found.append((token.start, name))
        if token.lower not in _VOCAB.attribution_verbs:
            continue
        if token.lower.startswith("claim") and not _claims_a_figure(sentence, i + 1):
            continue                                       # "claimed the attack" cites no figure
        name = _source_before(sentence, i)
        if not name and i > 0 and sentence.tokens[i - 1].text in {",", "\"", "”", "’"}:
            name = _source_after(sentence, i + 1)          # ", said the interior minister"
        if name:
            found.append((token.start, name))
    return found


def _claims_a_figure(sentence: _Sentence, i: int) -> bool:
    """"Daesh claimed 100 were killed", "claimed that ...", "..., the group claims." but not
    "claimed responsibility" or "claimed the attack"."""
    return sentence.lower(i) in ("that", "it", "they") or _starts_a_number(sentence, i)


def _starts_a_number(sentence: _Sentence, i: int) -> bool:
    """Whether token i can begin a figure (or ends the sentence: "..., the group claims.")."""
    word = sentence.lower(i)
    return not word[:1].isalpha() or word in _UNIT_NUMBERS or bool(sentence.match(i, _QUALIFIER_PHRASES))


def _sets_a_figure(sentence: _Sentence, i: int) -> bool:
    """Whether the words from token i set a measure at a figure: "(put) the number of injured
    at 211", "(placed) the toll at nearly 90"; not "(put) the city on alert"."""
    for j in range(i, min(len(sentence.tokens), i + 7)):
        if sentence.lower(j) == "at":
            return j > i and sentence.lower(j + 1)[:1].isalnum() and _starts_a_number(sentence, j + 1)
        if not sentence.tokens[j].is_word or sentence.lower(j) in _CLAUSE_WORDS:
            return False
    return False


def _is_source_word(token: _Token) -> bool:
    return token.is_word and (token.capitalised or token.lower in _VOCAB.source_nouns) \
        and token.lower not in _FUNCTION_WORDS and not _is_date_word(token)


def _source_after(sentence: _Sentence, i: int) -> str | None:
    """The source named from token i on: "the Iranian State News Agency, IRNA," -> "IRNA"."""
    while sentence.lower(i) in _DETERMINERS:
        i += 1
    words: list[_Token] = []
    while i < len(sentence.tokens) and len(words) < 6:
        token = sentence.tokens[i]
        following = sentence.tokens[i + 1] if i + 1 < len(sentence.tokens) else None
        adjective = token.is_word and token.lower not in _FUNCTION_WORDS and following and _is_source_word(following)
        if _is_source_word(token) or adjective or (words and token.lower == "of" and following
                                                   and following.capitalised):
            words.append(token)
            i += 1
        else:
            break
    if not words:
        return None
    appositive = _appositive_acronym(sentence, i)
    return appositive or _span_text(sentence, words)


def _appositive_acronym(sentence: _Sentence, i: int) -> str | None:
    """"..., IRNA, ..." right after a source: the acronym is its name as usually cited."""
    if sentence.lower(i) != "," or i + 1 >= len(sentence.tokens):
        return None
    token = sentence.tokens[i + 1]
    closes = i + 2 >= len(sentence.tokens) or sentence.is_boundary(i + 2)
    return token.text if token.is_word and token.text.isupper() and len(token.text) > 1 and closes else None


def _source_before(sentence: _Sentence, verb: int) -> str | None:
    """The source named right before a reporting verb: "Iranian authorities report", "police
    on Tuesday said"."""
    j = _skip_date_words(sentence, verb - 1)
    while j >= 0 and sentence.lower(j) in _BEFORE_REPORTING_VERB:
        j -= 1
    words: list[_Token] = []
    while j >= 0 and len(words) < 6:
        token = sentence.tokens[j]
        modifier = words and words[0].lower in _VOCAB.source_nouns and token.is_word \
            and token.lower not in _FUNCTION_WORDS and token.lower not in _AUXILIARIES
        if _is_source_word(token) or modifier:
            words.insert(0, token)
            j -= 1
        else:
            break
    if not words or not any(w.capitalised or w.lower in _VOCAB.source_nouns for w in words):
        return None
    return _span_text(sentence, words)


def _span_text(sentence: _Sentence, words: list[_Token]) -> str:
    return sentence.text[words[0].start:words[-1].end]


def _apply_other_events(sentence: _Sentence, kept: list[_Mention], event_year: int | None) -> None:
    """Mark figures in clauses about another event.

    A clause is about another event when it is anchored on a year other than the article's
    event year ("In 2022, ... killed 15", "twin bombings in 2017 that killed 18"), on "N years
    ago", or on words like "last year" / "a previous attack". "since 1979" is a comparison,
    not an anchor: it only claims the words after it ("the worst since a 2017 attack that
    killed 18"). An anchor at the head of the sentence ("In 2022, ...") covers all of it;
    elsewhere only its own clause.
    """
    anchors = _anchors(sentence, kept, event_year)
    if not anchors:
        return
    segments = _segments(sentence, kept)
    scopes = [(_anchor_scope(sentence, segments, position, since), own) for position, since, own in anchors]
    for mention in kept:
        # A date of another event is itself about it; "four years ago" is not (it measures from now).
        mention.other_event = any(mention.kind == "date" if own is mention else start <= mention.start < end
                                  for (start, end), own in scopes)


def _anchors(sentence: _Sentence, mentions: list[_Mention], event_year: int | None
             ) -> list[tuple[int, int | None, _Mention | None]]:
    """(position, start of "since" or None, the mention that is the anchor) of each anchor."""
    def foreign(year: int) -> bool:
        return event_year is None or year != event_year

    spans = [(m.start, m.end) for m in mentions]
    anchors: list[tuple[int, int | None, _Mention | None]] = []
    for match in _YEAR_WORD.finditer(sentence.text, sentence.start, sentence.end):
        in_mention = any(s <= match.start() < e for s, e in spans)
        if not in_mention and foreign(int(match.group())):
            anchors.append((match.start(), _since_before(sentence, sentence.index_at(match.start())), None))
    for mention in mentions:
        if mention.kind == "date" and mention.year and foreign(mention.year):
            anchors.append((mention.start, _since_before(sentence, sentence.index_at(mention.start)), mention))
        if mention.kind == "duration" and mention.unit in ("month", "year", "decade") \
                and _next_word(sentence, mention.end) == "ago":
            anchors.append((mention.start, None, mention))
    for match in _OTHER_EVENT_MARKER.finditer(sentence.text, sentence.start, sentence.end):
        anchors.append((match.start(), None, None))
    return anchors


def _since_before(sentence: _Sentence, i: int) -> int | None:
    """Start of a "since" at most two words before token i ("since the 1979 revolution")."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if sentence.is_boundary(j):
            return None
        if sentence.lower(j) == "since":
            return sentence.tokens[j].start
    return None


def _segments(sentence: _Sentence, mentions: list[_Mention]) -> list[tuple[int, int]]:
    """Clause-like stretches of the sentence, split at punctuation outside figures ("January 3,
    2020" keeps its comma) and at contrastive conjunctions."""
    spans = [(m.start, m.end) for m in mentions]
    cuts = [sentence.start]
    for i, token in enumerate(sentence.tokens):
        splits = sentence.is_boundary(i) or token.lower in ("while", "whereas", "but")
        if splits and not any(s <= token.start < e for s, e in spans):
            cuts.append(token.start)
    cuts.append(sentence.end)
    return list(zip(cuts, cuts[1:]))


def _anchor_scope(sentence: _Sentence, segments: list[tuple[int, int]], position: int,
                  since: int | None) -> tuple[int, int]:
    """The stretch of the sentence an anchor claims: all of it when it heads the sentence,
    else its clause and any relative clause attached to it ("since 1960, when a tremor
    killed 12,000"), from "since" on for a comparison."""
    k = next(k for k, (start, end) in enumerate(segments) if start <= position < end)
    first = sentence.index_at(position)
    if since is None and k == 0 and first <= 3 and (first == 0 or sentence.lower(0) in _FRONTING_WORDS):
        return sentence.start, sentence.end
    last = k
    while last + 1 < len(segments) and _next_word(sentence, segments[last + 1][0] + 1) in _RELATIVE_WORDS:
        last += 1
    return (since if since is not None else segments[k][0]), segments[last][1]


def _event_year(mentions: Iterable[_Mention]) -> int | None:
    """The year of the article's event: the latest year of a full date or month-and-year.

    News dates its own event by weekday or "January 3" and gives years mostly for the past,
    so when no such date exists the year is unknown and any year-anchored clause is taken to
    be about another event.
    """
    return max((m.year for m in mentions if m.kind == "date" and m.year), default=None)


def _to_figure(article_id: str, sentence: _Sentence, mention: _Mention) -> Figure:
    return Figure(
        article_id=article_id, measure=mention.measure, kind=mention.kind, value=mention.value,
        low=mention.low, high=mention.high, qualifier=mention.qualifier,
        text=sentence.text[mention.start:mention.end], start=mention.start, end=mention.end,
        sentence_start=sentence.start, sentence_end=sentence.end, unit=mention.unit,
        attributed_to=mention.attributed_to, revision=mention.revision,
        revision_of=mention.revision_of, other_event=mention.other_event,
    )


# --------------------------------------------------------------------------- questions

_DATE_CUES = [(re.compile(r"\bwhen\b"), ("date", "day", "time")),
              (re.compile(r"\b(?:what|which)\s+day\b"), ("day", "date")),
              (re.compile(r"\b(?:what|which)\s+(?:date|year|month)\b"), ("date",)),
              (re.compile(r"\b(?:what|which)\s+time\b|\bat what hour\b"), ("time",))]
_DURATION_CUE = re.compile(rf"\bhow\s+long\b|\bhow\s+much\s+time\b|\bhow\s+many\s+(?:{_UNITS})\b")
_COUNT_CUE = re.compile(r"\bhow\s+(?:many|much)\b|\bnumber\s+of\b|\btoll\b|\btally\b|\bfigures?\b|"
                        r"\bcount\b|\btotal\b|\d")
_NOT_ORDINAL_NOUNS = {"day", "date", "time", "year", "month", "hour", "kind", "type", "sort", "way",
                      "is", "was", "are", "were", "did", "does", "do", "has", "have", "had", "can"}


def _question_dates(words: _Sentence) -> list[tuple[int, str]]:
    """"When did the attack happen?" -> the date, weekday and time measures of each event named."""
    lowered = words.text.lower()
    suffixes = next((s for pattern, s in _DATE_CUES if pattern.search(lowered)), None)
    if not suffixes or _DURATION_CUE.search(lowered):
        return []
    return [(words.tokens[i].start, f"{event} {suffix}")
            for i, event, _ in words.events for suffix in suffixes]


def _question_durations(words: _Sentence) -> list[tuple[int, str]]:
    """"How long between the blasts?" -> "attack interval"; named like _duration_measure's."""
    lowered = words.text.lower()
    cue = _DURATION_CUE.search(lowered)
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


def _question_counts(words: _Sentence, known: list[str]) -> list[tuple[int, str]]:
    """"How many were killed or wounded?" -> the vocabulary measures it names."""
    lowered = words.text.lower()
    if not _COUNT_CUE.search(lowered) or _DURATION_CUE.search(lowered):
        return []
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(words.tokens):
        match = words.match(i, _MEASURE_PHRASES)
        if match and not _in_prepositional_phrase(words, i):
            found.append((words.tokens[i].start, match[0]))
        i += match[1] if match else 1
    return _refine_with_known(words, found, known)


def _in_prepositional_phrase(words: _Sentence, i: int) -> bool:
    """"killed in the Kerman bombings": "bombings" places the question, it is not asked for."""
    for j in range(i - 1, max(-1, i - 4), -1):
        word = words.lower(j)
        if word in _PREPOSITIONS:
            return True
        if word in _AUXILIARIES or word in ("many", "much") or words.match(j, _MEASURE_PHRASES):
            return False
    return False


def _refine_with_known(words: _Sentence, found: list[tuple[int, str]], known: list[str]) -> list[tuple[int, str]]:
    """Add known measures the vocabulary does not know whose words the question uses; a
    matched subgroup ("killed: citizens of Afghanistan") replaces its parent ("killed")."""
    asked = {measure for _, measure in found}
    question_words = _content_words(words.text)
    for measure in known:
        parent, _, group = measure.rpartition(": ")
        if canonical_measure(group) or (parent and parent not in asked and asked):
            continue                                    # the vocabulary already answers for it
        group_words = _content_words(group) - _VOCAB.citizen_nouns - {"citizen"}
        if group_words and group_words <= question_words:
            found = [(p, m) for p, m in found if m != parent]
            found.append((words.start, measure))
    return found


def _content_words(text: str) -> set[str]:
    """Comparable words of a phrase: lower case, singular, nationals mapped to their country."""
    result = set()
    for word in re.findall(r"[A-Za-z]+", text):
        lower = word.lower()
        if lower in _FUNCTION_WORDS:
            continue
        country = _VOCAB.nationalities.get(lower)
        result.update(country.lower().split() if country else [_singular(lower)])
    return result - _DETERMINERS


def _question_ordinals(words: _Sentence, known: list[str]) -> list[tuple[int, str]]:
    """"Which anniversary was it?" -> "anniversary".

    "which <noun>" asks which one of a series; "what <noun>" mostly asks something else
    ("What retaliation is expected?"), so it counts only for a measure known to the index.
    When known measures are given, only they are returned.
    """
    found = []
    for i, token in enumerate(words.tokens[:-1]):
        noun = words.tokens[i + 1]
        if token.lower not in ("which", "what") or not noun.is_word or _looks_plural(noun.lower) \
                or noun.lower in _NOT_ORDINAL_NOUNS or noun.lower in _FUNCTION_WORDS:
            continue
        canonical = canonical_measure(noun.lower)
        measure = _singular(canonical) if canonical else noun.lower
        if measure in known or (not known and token.lower == "which"):
            found.append((noun.start, measure))
    return found


# --------------------------------------------------------------------------- grouping values

def _group_key(figure: Figure) -> tuple:
    if figure.kind in ("count", "duration"):
        # "84" and "at least 84" agree: the exact figure is inside the other's range.
        qualifier = "" if figure.qualifier in ("exact", "at least") else figure.qualifier
        return figure.kind, figure.unit, qualifier, figure.value
    return figure.kind, figure.value


def _merge_partial_dates(groups: list[list[Figure]]) -> list[list[Figure]]:
    """A date without its year ("January 3") joins the one full date it agrees with."""
    full = [g for g in groups if g[0].kind == "date" and not str(g[0].value).startswith("--")]
    merged = []
    for group in groups:
        value = str(group[0].value)
        matches = [g for g in full if str(g[0].value).endswith(value[1:])] if value.startswith("--") else []
        if len(matches) == 1 and group[0].kind == "date":
            matches[0].extend(group)
        else:
            merged.append(group)
    return merged


def _value_group(members: list[Figure]) -> ValueGroup:
    """The group's value reads as its most precise member: an exact figure, a full date."""
    lead = next((f for f in members if f.qualifier == "exact"), members[0])
    if lead.kind == "date":
        lead = max(members, key=lambda f: len(str(f.value)))
    return ValueGroup(label=_label(lead), value=lead.value, low=lead.low, high=lead.high,
                      figures=tuple(members))


def _label(figure: Figure) -> str:
    """How a value reads: "84", "at least 84", "more than 200", "about 20 minutes", "fourth"."""
    if figure.kind == "ordinal":
        return _ordinal_word(int(figure.value))
    if figure.kind == "date":
        return _date_label(str(figure.value))
    if figure.kind == "weekday":
        return str(figure.value)
    if figure.kind == "time":
        return str(figure.value) if figure.qualifier == "exact" else f"{figure.qualifier} {figure.value}"
    if figure.qualifier in _VOCAB.vague:
        words = figure.qualifier
    else:
        number = _format_number(float(figure.value))
        words = number if figure.qualifier == "exact" else f"{figure.qualifier} {number}"
    if figure.unit:
        words += " " + (figure.unit if figure.value == 1 else _plural(figure.unit))
    return words


def _format_number(value: float) -> str:
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


def _ordinal_word(value: int) -> str:
    if 1 <= value <= len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[value - 1]
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def _date_label(iso: str) -> str:
    """"2024-01-03" -> "January 3, 2024"; "--01-03" -> "January 3"; "2024-01" -> "January 2024"."""
    if iso.startswith("--"):
        month, day = int(iso[2:4]), int(iso[5:7])
        return f"{MONTH_NAMES[month - 1]} {day}"
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 2:
        return f"{MONTH_NAMES[parts[1] - 1]} {parts[0]}"
    return f"{MONTH_NAMES[parts[1] - 1]} {parts[2]}, {parts[0]}"


def _group_order(group: ValueGroup) -> tuple:
    sources = len({f.article_id for f in group.figures})
    numeric = isinstance(group.value, (int, float))
    return -sources, 0 if numeric else 1, group.value if numeric else 0, str(group.value), group.label


# --------------------------------------------------------------------------- word forms

def _looks_plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith(_NOT_PLURAL_ENDINGS))


@functools.cache
def _singular(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if not _looks_plural(word):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    return word[:-1]


@functools.cache
def _plural(word: str) -> str:
    irregular = {singular: plural for plural, singular in _IRREGULAR_PLURALS.items()}
    if word in irregular:
        return irregular[word]
    if _looks_plural(word) or word in _COLLECTIVE_NOUNS:
        return word
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"
