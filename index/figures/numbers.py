"""Reading mentions: where a sentence states a number, what kind of figure it is and its bounds.

Mentions are found by pattern, most specific first so a number is read once: dates, weekdays,
clock times, ordinals, then numbers (digits, number words, vague words); a number followed by a
time unit is a duration, any other a count. A cheap scan of the article picks the words and
digits where a pattern can start (extraction runs over every article at index time); text such
as links, phone numbers and page furniture is excluded first.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from index.figures.grammar import (
    DETERMINERS,
    MONTH_NAMES,
    MONTHS,
    ORDINAL_TENS,
    ORDINAL_WORDS,
    SCALES,
    TENS,
    UNIT_NUMBERS,
    WEEKDAYS,
)
from index.figures.text import QUOTES, Sentence, next_word_capitalised
from index.figures.quantities import (
    BETWEEN_BEFORE,
    RANGE_JOIN,
    RATE_AFTER,
    Decoration,
    change_before,
    decorate,
    fraction_at,
    one_in,
    rate_after,
)
from index.figures.vocabulary import VOCAB, alternation, phrase_key, unit_dimension

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")


DATE = re.compile(
    rf"\b(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>\d{{4}})\b)?"
    # (a full stop after an abbreviation only: "24 Apr. 2026", not the sentence's in "by 24 April.")
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTH})\b(?:(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|(?<=Sept))\.)?(?:,?\s+(?P<y2>\d{{4}})\b)?"
    rf"|\b(?P<m3>{MONTH})\.?,?\s+(?P<y3>\d{{4}})\b"
    rf"|\b(?P<y4>\d{{4}})-(?P<mo4>\d{{2}})-(?P<d4>\d{{2}})\b"
)


# A part of a year: "spring 2029", "mid-2030", "early 2031", "the end of 2029", "the first half of
# 2030"; or of a month: "mid-June", "late April", "the end of September 2027"
_PERIOD_PARTS = {"early": "early", "mid": "mid", "late": "late", "spring": "spring", "summer": "summer",
                 "autumn": "autumn", "fall": "autumn", "winter": "winter", "end": "end of", "start": "start of",
                 "beginning": "start of", "first": "first half of", "second": "second half of"}
_MONTH_PARTS = ("early", "mid", "late", "end of", "start of", "first half of", "second half of")
_FULL_MONTH = "|".join(MONTH_NAMES)
PERIOD = re.compile(r"\b(?P<part>early|mid|late|spring|summer|autumn|fall|winter|end|start|beginning|first|second)"
                    r"(?:\s+half)?(?:\s*-\s*|\s+)(?:of\s+)?(?:(?P<year>(?:18|19|20)\d\d)"
                    rf"|(?P<month>{_FULL_MONTH})(?:,?\s+(?P<month_year>(?:18|19|20)\d\d))?)\b(?![-/.,]?\d)", re.I)


WEEKDAY = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")


AM_PM = r"(?P<ampm>[ap]\.m\.|[ap]\.m\b|[ap]m\b)"


_RANGE_OPENER = re.compile(r"\b(?:from|between|range|ranging|of)\s+(?:about\s+|some\s+|roughly\s+)?$", re.I)
_HOURS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_HOUR_WORDS = "|".join(_HOURS)
_SPOKEN_MINUTES = {"half": 30, "quarter": 15, "five": 5, "ten": 10, "twenty": 20, "twenty-five": 25}
TIME = re.compile(
    rf"\b(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*{AM_PM}"
    r"|\b(?P<h2>\d{1,2}):(?P<mi2>\d{2})\b(?!:\d)"
    r"|\b(?P<named>noon|midday|midnight)\b"
    # a time spoken: "five past eleven", "half past six", "a quarter to nine", "eleven o'clock"
    # (not a range: "five to ten people", "two to three days", "five to six percent")
    r"|\b(?:a\s+)?(?P<minutes>half|quarter|five|ten|twenty|twenty-five)\s+(?P<side>past|to)\s+"
    rf"(?P<spoken>{_HOUR_WORDS})\b"
    r"(?![-–]|\s*(?:%|per\s*cent|percent)|\s+(?:of|people|children|men|women|[a-z]+s)\b)"
    rf"|\b(?P<spoken2>{_HOUR_WORDS}|\d{{1,2}})\s+o['’]clock\b",
    re.I,
)


ORDINAL = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(TENS)})-)?(?P<word>{'|'.join(ORDINAL_WORDS + list(ORDINAL_TENS))})\b"
    r"|\b(?P<digits>\d+)(?:st|nd|rd|th)\b",
    re.I,
)


NUMBER_WORD = "|".join([*UNIT_NUMBERS, "hundred", *SCALES, "dozen"])


SCALE_WORD = "|".join(["hundred", *SCALES, "dozen"])


UNITS = alternation(VOCAB.units)
# Units spelled out that "half a" can open ("half a kilometre", "half a tonne")
_SPELLED_UNITS = alternation(u for u, base in VOCAB.measurement_units.items()
                             if len(u) > 3 and unit_dimension(base) in ("length", "mass", "area", "volume"))
# "half an hour", "a quarter of a mile": the share of the unit before "a"/"an" (its value from
# the vocabulary's [fractions])
_FRACTION_BEFORE = re.compile(r"\b(?:(half)|(a\s+quarter|three\s+quarters)\s+of)\s+$", re.I)


# One number: a vague word, digits (with an optional scale word), number words, or "a"/"an"
# before a time unit ("a day of mourning") or a unit of measurement ("about a metre"). Digits glued to letters, slashes, hyphens or
# other digits are names or ids ("F-16", "MH17", "9/11", "2010s"), not figures.
def _number_pattern(lookbehind: str) -> re.Pattern:
    return re.compile(
        rf"\b(?P<vague>{alternation(VOCAB.vague)})\b"
        rf"|{lookbehind}(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?:(?P<glued>bn|mn|mln|tn|km|kg|mm|cm|kt|ha|m|k|b|c|f)(?![\w/])"
        rf"|(?:\s+(?P<scale>{'|'.join(SCALES)})\b)?(?![\w/]|[.,]\d))"
        rf"|\b(?P<words>(?:an?\s+(?=(?:{SCALE_WORD})\b))?(?:{NUMBER_WORD})"
        rf"(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|(?<=million)\s+and\s+)(?:{NUMBER_WORD}))*)\b"
        rf"|\b(?P<article>an?)(?=[\s-]+(?!seconds?\b)(?:{UNITS}|{_SPELLED_UNITS})\b)"
        rf"|(?<=\bhalf\s)(?P<half>an?)(?=\s+(?:{_SPELLED_UNITS})\b)",      # "half a kilometre"
        re.I,
    )


# One number: a vague word, digits (with an optional scale word or glued scale or unit letters:
# "3.8bn", "43m"), number words, or "a"/"an" before a time unit ("a day of mourning"). Digits
# glued to other letters, slashes, hyphens or digits are names or ids ("F-16", "MH17", "9/11",
# "2010s"), not figures; the second number of a range may follow a hyphen ("10-15").
NUMBER = _number_pattern(r"(?<![\w.,/#-])")
RANGE_END_NUMBER = _number_pattern(r"(?<![\w.,/#])")


AND_A_HALF = re.compile(r"\s+and\s+a\s+half(?![\w-])", re.I)
UNIT_AFTER = re.compile(rf"(?:\s+|\s*-\s*)(?P<unit>{UNITS})\b", re.I)


# (not a hyphenated word's end: "its estimate of the clean-up to 110 million" has no "up to")
QUALIFIER_BEFORE = re.compile(rf"(?:^|(?<=[^\w-]))(?P<q>{alternation(VOCAB.qualifiers)})\s+$", re.I)


POSTPOSED = re.compile(rf"(?:\s+|-)(?P<q>{alternation(VOCAB.postposed)})\b", re.I)


YEAR = re.compile(r"(?:18|19|20)\d\d")


YEAR_WORD = re.compile(r"(?<![\w.,])(?:18|19|20)\d\d(?![\w]|[.,]\d)")


# Measurement units a small range may be written in ("21-23 m", "4-5 cm", "30-35°C").
_SHORT_UNITS = alternation(u for u in VOCAB.measurement_units if u not in ("c", "f"))


# Text that holds digits but no figure: links, phone numbers, ages of people (time_measures
# reads "47 years old", a person's or a thing's),
# scores and page furniture ("Updated 2 hours ago", "Page 2 of 5", "Share 1.2K").
NOT_FIGURES = re.compile(
    r"\bhttps?://\S+|\bwww\.\S+|\b[\w.-]+@[\w-]+\.[\w.]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|info|co|uk|ir)\b(?:/\S*)?"
    r"|(?<!\w)\+\d[\d\s().-]{6,}\d|\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"
    # a number dialled with its leading zero: "0555 0148", "020 7946 0000", "0800-123-456"
    r"|(?<![\w.,])0\d{2,4}[\s-]\d{3,4}(?:[\s-]\d{3,4})?\b"
    r"|\baged\s+\d+"
    # ages: "nine of the dead were under 18", "the under-18s"
    r"|\b(?:were|are|was|is|all)\s+(?:under|over|below|above)\s+\d{1,2}(?=\s*[,.;:)]|\s*$)|\b(?:under|over)-\d{1,2}s?\b"
    r"|\b(?:updated|published|posted)\b[^.\n]{0,30}?\b\d+\s+\w+\s+ago\b"
    r"|^[ \t]*\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago[ \t]*$"
    r"|\b(?:page|photo|image|slide|picture)\s+\d+\s*(?:of|/)\s*\d+|\bpages?\s+\d+\b"
    r"|\b(?:shares?|comments?|views?|likes?|followers)\b\s*[:(]?\s*\d[\d.,]*[km]?\b"
    r"|\b\d[\d.,]*[km]?\s+(?:shares|comments|views|likes|followers|reads)\b"
    r"|\b\d+\s+min(?:ute)?s?\s+read\b"
    # a score ("won 2-1"), not a range of a share, of people or in a unit ("21-23 m", "1-2 mm")
    r"|(?<![\d.,-])\d{1,2}\s*[-–]\s*\d{1,2}(?![\d-]|[.,]\d)(?!\s*%|\s+(?:[a-z]{2,}s|people|children|men|women)\b)"
    rf"(?!\s*(?:{_SHORT_UNITS})(?![\w/]))"
    r"|\b\d+/\d+(?:/\d+)?\b",
    re.I | re.M,
)


NOT_FIGURE_REACH = 40      # characters a not-figure pattern reaches from its first digit


CANDIDATE = re.compile(r"[A-Za-z]+|\d+")


@dataclass
class Mention:
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
    weak: str | None = None               # "one" or "year": see weak_number
    year: int | None = None               # for dates that state one
    revision: str | None = None
    revision_of: str | None = None
    attributed_to: str | None = None
    other_event: bool = False
    scope: str | None = None
    statement: str | None = None
    count_end: int | None = None          # a rate's number ends here, before "services a day"


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


def not_figures(sentence: Sentence, digits: list[int]) -> list[tuple[int, int]]:
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
        start = max(sentence.start, position - NOT_FIGURE_REACH)
        start = max(sentence.text.rfind(" ", sentence.start, start) + 1, sentence.start)
        window_end = min(sentence.end, position + NOT_FIGURE_REACH)
        # The patterns may look a few words past the window ("10-15 people" is no score).
        spans += [m.span() for m in NOT_FIGURES.finditer(sentence.text, start, min(sentence.end, window_end + 30))]
    return spans


# "since 2014", "until May 24", "till March": a date a span runs from or to (a duration answer).
SPAN_START = re.compile(r"\b(?P<word>since|until|till)\s+$", re.IGNORECASE)
SPAN_WORDS = {"since": "since", "until": "until", "till": "until"}
SPAN_QUALIFIERS = frozenset(SPAN_WORDS.values())


def date_at(sentence: Sentence, position: int) -> Mention | None:
    match = DATE.match(sentence.text, position, sentence.end)
    parsed = parse_date(match) if match else None
    if not parsed:
        return period_at(sentence, position)
    iso, year = parsed
    qualifier, start = span_word_before(sentence, match.start())
    return Mention("date", iso, qualifier, start, match.end(), year=year)


def period_at(sentence: Sentence, position: int) -> Mention | None:
    """A part of a year or a month as a date ("spring 2029", "mid-2030", "the end of 2029",
    "late April", "mid-June"): its value is the part and the year or month as a reader writes
    them; "first" and "second" only of a half."""
    match = PERIOD.match(sentence.text, position, sentence.end)
    if not match or (match["part"].lower() in ("first", "second") and "half" not in match.group().lower()):
        return None
    part = _PERIOD_PARTS[match["part"].lower()]
    if match["month"]:                                  # "spring June" is no part of a month
        if part not in _MONTH_PARTS or not match["month"][0].isupper():
            return None
        year = int(match["month_year"]) if match["month_year"] else None
        when = f"{match['month']} {year}" if year else match["month"]
    else:
        year = int(match["year"])
        when = str(year)
    value = f"mid-{when}" if part == "mid" else f"{part} {when}"
    qualifier, start = span_word_before(sentence, match.start())
    return Mention("date", value, qualifier, start, match.end(), year=year)


def span_word_before(sentence: Sentence, position: int) -> tuple[str, int]:
    """("since" or "until", where that word starts) when it comes right before `position`."""
    found = SPAN_START.search(sentence.text, max(sentence.start, position - 8), position)
    return (SPAN_WORDS[found["word"].lower()], found.start()) if found else ("exact", position)


def parse_date(match: re.Match) -> tuple[str, int | None] | None:
    """(ISO value, year) of a date match: "2024-01-03", "--01-03" without a year, "2024-01"."""
    g = match.groupdict()
    if g["y4"]:
        year, month, day = int(g["y4"]), int(g["mo4"]), int(g["d4"])
    else:
        month_name = g["m1"] or g["m2"] or g["m3"]
        month = MONTHS[month_name.lower()]
        day = int(g["d1"] or g["d2"] or 0)
        year_text = g["y1"] or g["y2"] or g["y3"]
        year = int(year_text) if year_text else None
    if not 1 <= month <= 12 or day > 31 or (year is not None and not YEAR.fullmatch(str(year))):
        return None
    if not day:
        return f"{year:04d}-{month:02d}", year
    return (f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"), year


def weekday_at(sentence: Sentence, position: int) -> Mention | None:
    match = WEEKDAY.match(sentence.text, position, sentence.end)
    if not match:
        return None
    qualifier, start = span_word_before(sentence, match.start())    # "closed until Thursday"
    return Mention("weekday", match.group(), qualifier, start, match.end())


# Alerts graded by colour ("red alert", "an amber warning", "code orange"), ranked by severity.
ALERT_COLOURS = {"green": 1.0, "yellow": 2.0, "amber": 3.0, "orange": 3.0, "red": 4.0}
COLOUR_ALERT = re.compile(
    rf"\bcode\s+(?P<after>{'|'.join(ALERT_COLOURS)})\b"
    rf"|\b(?P<before>{'|'.join(ALERT_COLOURS)})(?:\s+(?:weather|storm|flood|heat|fire|health|level))?"
    rf"\s+(?:alerts?|warnings?|code|status)\b", re.I)


def colour_alert_at(sentence: Sentence, position: int) -> Mention | None:
    """A category graded by colour: "the red alert", "an amber warning", "code red"."""
    match = COLOUR_ALERT.match(sentence.text, position, sentence.end)
    if not match:
        return None
    rank = ALERT_COLOURS[(match.group("after") or match.group("before")).lower()]
    return Mention("category", rank, "exact", match.start(), match.end(), low=rank, high=rank, unit="colour")


# Credit ratings, best first ("downgraded to BB-", "Sterling & Rowe at B-"); a bare "A" or "B" is
# too often a letter to be read as one.
CREDIT_GRADES = ("AAA", "AA+", "AA", "AA-", "A+", "A-", "BBB+", "BBB", "BBB-", "BB+", "BB", "BB-", "B+", "B-",
                 "CCC+", "CCC", "CCC-", "CC")
CREDIT_GRADE = re.compile(r"\b(?:AAA|AA[+-]?|A[+-]|BBB[+-]?|BB[+-]?|B[+-]|CCC[+-]?|CC)(?![\w+-])")
# Words that say the sentence is about credit ratings
_RATING_WORDS = re.compile(r"\b(?:ratings?|rated|rates|downgrad\w*|upgrad\w*|notch(?:es)?|credit|junk|"
                           r"investment[- ]grade|outlook)\b", re.I)


def credit_rating_at(sentence: Sentence, position: int) -> Mention | None:
    """A credit rating in a sentence about ratings: "cut Orvania's credit rating from BB- to B+";
    ranked so that a higher value is a better grade."""
    match = CREDIT_GRADE.match(sentence.text, position, sentence.end)
    if not match or not _RATING_WORDS.search(sentence.text, sentence.start, sentence.end):
        return None
    rank = float(len(CREDIT_GRADES) - CREDIT_GRADES.index(match.group()))
    return Mention("category", rank, "exact", match.start(), match.end(), low=rank, high=rank, unit="credit rating")


# A level written as a scale's letters and a digit: "upgraded to G5", "a G2 storm", "rated EF4",
# "at G4 or above" (not "the G7 summit", "the A4 motorway"): only after a word that grades or before
# one that names what was graded.
LEVEL_CODE = re.compile(r"\b(?P<scale>[A-Z]{1,2})(?P<level>\d)\b(?![.,]\d)")
_GRADED_BEFORE = re.compile(r"\b(?:(?:rais|upgrad|downgrad|lower)\w*(?:\s+[\w'’-]+){0,2}?\s+to|rated|rates|rating|classed|"
                            r"classified|graded|categori[sz]ed|reached|hit|peaked|at|as)(?:\s+an?)?\s+$", re.I)
_GRADED_AFTER = re.compile(r"\s*(?:storms?|tornado(?:es)?|hurricanes?|cyclones?|disturbances?|alerts?|warnings?|"
                           r"events?|levels?|ratings?|conditions|or\s+(?:above|higher|more|worse)|,\s+or\s+[a-z]+)\b",
                           re.I)


def level_code_at(sentence: Sentence, position: int) -> Mention | None:
    """A level on a lettered scale ("G5", "EF4"), where the words around it grade something."""
    match = LEVEL_CODE.match(sentence.text, position, sentence.end)
    if not match or not (_GRADED_BEFORE.search(sentence.text, max(sentence.start, position - 30), position)
                         or _GRADED_AFTER.match(sentence.text, match.end(), sentence.end)):
        return None
    level = float(match.group("level"))
    return Mention("category", level, "exact", match.start(), match.end(), low=level, high=level,
                   unit=match.group("scale"))


def time_at(sentence: Sentence, position: int) -> Mention | None:
    match = TIME.match(sentence.text, position, sentence.end)
    if not match:
        return None
    g = match.groupdict()
    if g["named"]:
        hour, minute = (0, 0) if g["named"].lower() == "midnight" else (12, 0)
    elif g["spoken"] or g["spoken2"]:
        if g["side"] and g["side"].lower() == "to" \
                and _RANGE_OPENER.search(sentence.text, sentence.start, match.start()):
            return None                         # "from five to ten", "between five to ten"
        spoken = (g["spoken"] or g["spoken2"]).lower()
        hour = int(spoken) if spoken.isdigit() else _HOURS.index(spoken) + 1
        minute = _SPOKEN_MINUTES[g["minutes"].lower()] if g["minutes"] else 0
        if g["side"] and g["side"].lower() == "to":
            hour, minute = (hour - 1) % 24, 60 - minute
    else:
        hour, minute = int(g["h"] or g["h2"]), int(g["mi"] or g["mi2"] or 0)
        if g["ampm"]:
            if hour > 12:
                return None
            hour = hour % 12 + (12 if g["ampm"][0].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    qualifier, start = qualifier_before(sentence, match.start())
    return Mention("time", f"{hour:02d}:{minute:02d}", qualifier, start, match.end())


def ordinal_at(sentence: Sentence, position: int) -> Mention | None:
    match = ORDINAL.match(sentence.text, position, sentence.end)
    if not match:
        return None
    # A capitalised ordinal is part of a name ("First Vice President") unless it only
    # opens the sentence ("Second explosions ...").
    if match.group()[0].isupper() and (match.start() > sentence.start
                                       or next_word_capitalised(sentence, match.end())):
        return None
    if sentence.text.startswith("-", match.end()):          # "second-largest"
        return None
    word = match.group("word")
    if word:
        word = word.lower()
        value = ORDINAL_TENS.get(word) or ORDINAL_WORDS.index(word) + 1
        value += UNIT_NUMBERS[match.group("tens").lower()] if match.group("tens") else 0
    else:
        value = int(match.group("digits"))
    return Mention("ordinal", float(value), "exact", match.start(), match.end())


# A sign before a temperature: "-31.6°C", "minus 31 degrees", and "minus 24" without a unit,
# which news writes only of temperatures; "minus" also before a percent ("growth of minus 2%").
# A hyphen after a space or bracket is a sign, not a join.
_MINUS_BEFORE = re.compile(r"(?:(?:^|(?<=[\s(]))[-−–]|\bminus\s+)$", re.I)
TEMPERATURE_UNITS = frozenset({"°C", "°F", "°"})


# Before a duration "over" means "more than" only after these ("jailed for over two years", "the
# first time in over a decade", "the talks lasted over nine hours"); else it means "during".
_OVER_MEANS_MORE = re.compile(r"\b(?:for|in|lasted|lasting|lasts|took|taking|takes|spent|after)\s+$", re.I)


def number_at(sentence: Sentence, position: int) -> Mention | None:
    """A count, or what the words around the number make it (see quantities.py): money, a
    percent, a measurement, a category, a duration or a rate; with a second number, a range."""
    text = sentence.text
    match = NUMBER.match(text, position, sentence.end)
    minus = _MINUS_BEFORE.search(text, max(sentence.start, position - 6), position)
    if not match and minus:
        match = RANGE_END_NUMBER.match(text, position, sentence.end)
    if not match:
        return None
    qualifier, start = span_word_before(sentence, match.start())
    if qualifier != "exact" and YEAR.fullmatch(match.group()):
        return Mention("date", f"{int(match.group()):04d}", qualifier, start, match.end(), year=int(match.group()))
    value, low, high, vague = number_value(match)
    match_start = match.start()
    fraction = _FRACTION_BEFORE.search(text, max(sentence.start, match_start - 20), match_start) \
        if re.match(r"an?\b", match.group(), re.I) else None
    if fraction:            # "half an hour" is 0.5 hours, never one; "half a million" is 500,000
        value *= VOCAB.fractions[phrase_key(fraction.group(1) or fraction.group(2))] / 100
        match_start = fraction.start()
    found = decorate(text, match.start(), match.end(), sentence.end, match.group("glued"), sentence.start)
    if match.group("digits") and match.group("glued") and found.scale == 1 and found.kind == "count":
        return None                                  # "10b", "3c": letters that are no unit here
    value = round(value * found.scale, 6)    # 4.1 x 1,000,000 is 4,100,000, not 4,099,999.9999999995
    if match.group("article") and found.kind == "measurement" and not fraction \
            and qualifier_before(sentence, found.start)[0] == "exact":
        return None                                  # "about a metre" is one; "a metre-wide hole" is a size
    if minus and match.group("digits"):
        if found.kind == "count" and minus.group().strip().lower() == "minus":
            found.kind, found.unit = "measurement", "°"
        if found.kind == "measurement" and found.unit in TEMPERATURE_UNITS or found.kind == "percent" \
                and minus.group().strip().lower() == "minus":        # "growth of minus 2%"
            value, found.start = -value, minus.start()
        elif not NUMBER.match(text, position, sentence.end):
            return None                              # a hyphen before another number joins or names
    end, kind, unit = found.end, found.kind, found.unit
    if kind == "count":
        half = AND_A_HALF.match(text, end, sentence.end)          # "two and a half days"
        unit_match = UNIT_AFTER.match(text, half.end() if half else end, sentence.end)
        share = one_in(text, end, sentence.end, value) if not vague else None
        if unit_match:
            kind, unit, end = "duration", VOCAB.units[unit_match.group("unit").lower()], unit_match.end()
            half = half or AND_A_HALF.match(text, end, sentence.end)     # "a day and a half"
            if half:
                value, end = value + 0.5, max(end, half.end())
        elif match.group("article"):
            return None                              # "a"/"an" is a number only before a time unit
        elif share:
            kind, unit, value, end = "percent", "%", share[0], share[1]
    qualifier, start = qualifier_before(sentence, match_start if fraction else found.start)
    if kind == "duration" and text[start:start + 4].lower() == "over" and not _OVER_MEANS_MORE.search(
            text, max(sentence.start, start - 12), start):
        qualifier, start = "exact", found.start      # "a rise of 8.5% over two years": during, not more than
    if kind == "category" and text[start:start + 5].lower() == "under":
        qualifier, start = "exact", found.start      # "Under stage 3, taps run for 12 hours": in its regime
    span = range_end(sentence, found, value, kind, unit, vague) if value >= 0 else None
    if span:
        kind, unit, value, high, end, between = span
        low, qualifier = value, "between"
        start = min(start, between) if between is not None else start
    else:
        postposed = POSTPOSED.match(text, end, sentence.end)
        if postposed and qualifier == "exact" and not vague:
            qualifier, end = VOCAB.postposed[phrase_key(postposed.group("q"))], postposed.end()
        if vague:
            qualifier = vague
        else:
            low, high = bounds(qualifier, value)
    count_end = None
    if kind in ("count", "measurement", "money"):
        rate = rate_after(text, end, sentence.end)
        if rate and kind == "count" and YEAR.fullmatch(match.group()) and not RATE_AFTER.match(text, end, sentence.end):
            rate = None        # "What took three months in 2011 has taken a week": a year, no count a week
        if rate:       # "3.2 per 100,000", "30 people a day": the figure's words run to its period
            count_end = end
            kind, unit, end = "rate", f"{unit} {rate[0]}" if unit else rate[0], rate[1]
    mention = Mention(kind, value, qualifier, start, end, low=low, high=high, unit=unit, count_end=count_end)
    mention.weak = weak_number(sentence, match, qualifier) if kind in ("count", "rate") else None
    return mention


_GIVING_VERBS = frozenset({"say", "says", "said", "is", "was", "are", "were", "put", "puts", "estimate", "estimates",
                           "estimated", "reached", "reaches", "to", "at"})


def share_at(sentence: Sentence, position: int) -> Mention | None:
    """A share in words: "a fifth of", "more than half the", "one-twentieth of"; one ending its
    clause when a qualifier or a verb that gives a figure comes before it ("say more than a third")."""
    qualifier, start = qualifier_before(sentence, position)
    j = sentence.index_at(start) - 1
    j -= sentence.lower(j) in QUOTES
    given = qualifier != "exact" or sentence.lower(j) in _GIVING_VERBS
    fraction = fraction_at(sentence.text, position, sentence.end, alone=given, change=sentence.lower(j) == "by")
    if not fraction:
        return None
    low, high = bounds(qualifier, fraction[0])
    return Mention("percent", fraction[0], qualifier, start, fraction[1], unit="%", low=low, high=high)


def range_end(sentence: Sentence, first: Decoration, value: float, kind: str, unit: str | None,
              vague: str | None) -> tuple[str, str | None, float, float, int, int | None] | None:
    """(kind, unit, low, high, end, start of "between") when a second number makes the first a range.

    The second number lends the first what is written only once: "$3.8-4.6 billion",
    "2.9 billion to 3.5 billion dollars", "between 250,000 and 300,000", "10-15 people".
    "from 90 to 95" after a verb of change is a revision, not a range; years are dates.
    """
    text = sentence.text
    join = RANGE_JOIN.match(text, first.end, sentence.end)
    if vague or not join:
        return None
    word = join.group().strip().lower()
    ranged, opens = range_opener(sentence, first.start, word)
    if not ranged:
        return None
    at = join.end()
    symbol = re.match(r"(?:us\$|a\$|c\$|\$|€|£|¥)\s?", text[at:at + 4], re.I)
    second = RANGE_END_NUMBER.match(text, at + (symbol.end() if symbol else 0), sentence.end)
    if not second or not (second.group("digits") or second.group("words")):
        return None
    other = decorate(text, second.start(), second.end(), sentence.end, second.group("glued"), at)
    high = number_value(second)[0] * other.scale
    end = other.end
    if kind == "count" and other.kind == "count":
        unit_match = UNIT_AFTER.match(text, end, sentence.end)
        if unit_match:
            other.kind, other.unit, end = "duration", VOCAB.units[unit_match.group("unit").lower()], unit_match.end()
    if kind == "count" and other.kind != "count":
        kind, unit = other.kind, other.unit
    elif other.kind not in ("count", kind) or (other.kind == kind and other.unit != unit):
        return None
    scale = other.scale if other.explicit_scale else SCALES.get((second.group("scale") or "").lower(), 1)
    if scale > 1 and not first.explicit_scale and value * scale <= high:
        value *= scale                     # "$3.8-4.6 billion": the first number was read without it
    years = all(YEAR.fullmatch(g or "") for g in (text[first.start:first.end], second.group()))
    if years or high <= value:
        return None
    if kind == "count" and word == "or" and high > 20 * max(value, 1):
        return None
    return kind, unit, value, high, end, opens


def range_opener(sentence: Sentence, start: int, word: str) -> tuple[bool, int | None]:
    """Whether a number at `start` joined to a second one by `word` ("-", "to", "and", "or")
    makes a range, and where "between" or "from" before it opens it: "and" only after
    "between"; "from 90 to 95" after a verb of change is a revision."""
    text = sentence.text
    opener = BETWEEN_BEFORE.search(text, max(sentence.start, start - 30), start)
    opener_word = opener.group().split()[0].lower() if opener else None
    if word == "and" and opener_word != "between":
        return False, None
    if opener_word == "from" and change_before(text, sentence.start, opener.start()):
        return False, None
    if word in ("to", "or") and opener_word != "from" and change_before(text, sentence.start, start):
        return False, None
    return True, opener.start() if opener else None


FINDERS = [("date", date_at), ("weekday", weekday_at), ("time", time_at), ("colour", colour_alert_at),
           ("rating", credit_rating_at), ("level", level_code_at),
           ("fraction", share_at), ("ordinal", ordinal_at), ("number", number_at)]


DIGIT_FINDERS = frozenset(["date", "time", "ordinal", "number"])


def build_triggers() -> dict[str, frozenset[str]]:
    """Lower-case word -> the finders that can match starting at it."""
    triggers: dict[str, set[str]] = {}
    words = {
        "date": [*MONTHS, *_PERIOD_PARTS],
        "weekday": [w.lower() for w in WEEKDAYS],
        "colour": ["code", *ALERT_COLOURS],
        "rating": ["aaa", "aa", "a", "bbb", "bb", "b", "ccc", "cc"],
        # a scale's letters glued to a digit ("G5", "EF4") are a word of their own to the scan
        "level": [chr(c) for c in range(ord("a"), ord("z") + 1)] + ["ef"],
        "time": ["noon", "midday", "midnight", "half", "quarter", "five", "ten", "twenty", "twenty-five",
                 *_HOURS],
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


def number_value(match: re.Match) -> tuple[float, float | None, float | None, str | None]:
    """(value, low, high, vague phrase or None) of a number match."""
    if match.group("vague"):
        phrase = phrase_key(match.group("vague"))
        low, high = VOCAB.vague[phrase]
        return low, low, high, phrase
    if match.group("digits"):
        value = float(match.group("digits").replace(",", ""))
        if match.group("scale"):
            value *= SCALES[match.group("scale").lower()]
        return value, None, None, None
    if match.group("article") or match.group("half"):
        return 1.0, None, None, None
    return float(words_value(match.group("words"))), None, None, None


def words_value(words: str) -> int:
    """The value of number words: "nearly one hundred" -> 100, "twenty-five" -> 25."""
    total = current = 0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in UNIT_NUMBERS:
            current += UNIT_NUMBERS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        elif word in ("a", "an"):
            current = 1
    return total + current


def weak_number(sentence: Sentence, match: re.Match, qualifier: str) -> str | None:
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
    after_name = i > 1 and sentence.tokens[i - 1].is_word and sentence.tokens[i - 1].capitalised \
        and not sentence.lower(i - 1).endswith(("'s", "’s"))       # "Corwen's 61 dead" counts
    return "year" if YEAR.fullmatch(digits) or after_name else None


def qualifier_before(sentence: Sentence, number_start: int) -> tuple[str, int]:
    """(canonical qualifier, start of the figure's words) for the words right before a number."""
    window_start = max(sentence.start, number_start - 30)
    match = QUALIFIER_BEFORE.search(sentence.text, window_start, number_start)
    if not match:
        return "exact", number_start
    before = sentence.text[max(sentence.start, match.start() - 8):match.start()].split()
    if before and before[-1].lower() in DETERMINERS - {"that"}:
        # "over the past five years": "past" is no qualifier; "said that more than 4,000" has one
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


def restated_with_code(sentence: Sentence, mention: Mention, start: int) -> None:
    """A count found to be money once its currency code before it is known ("up to TAL 1.6bn"):
    its words start at the code, and a qualifier before the code is its own."""
    mention.start = start
    if mention.qualifier == "exact":
        qualifier, opens = qualifier_before(sentence, start)
        if qualifier != "exact":
            mention.qualifier, mention.start = qualifier, opens
            mention.low, mention.high = bounds(qualifier, mention.value)


def joined_code_ranges(sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """Two amounts in one currency code joined as a range ("between TAL 1.2bn and TAL 1.6bn",
    "TAL 1.2bn to TAL 1.6bn") are one figure with both bounds, as range_end makes of amounts whose
    currency the vocabulary knows; "from ... to" after a verb of change stays a revision."""
    joined: list[Mention] = []
    for mention in mentions:
        first = joined[-1] if joined else None
        if first is None or first.kind != "money" or mention.kind != "money" or first.unit != mention.unit \
                or first.qualifier != "exact" or mention.qualifier != "exact" or mention.value <= first.value:
            joined.append(mention)
            continue
        join = RANGE_JOIN.fullmatch(sentence.text, first.end, mention.start)
        word = join.group().strip().lower() if join else None
        ranged, opens = range_opener(sentence, first.start, word) if word not in (None, "or") else (False, None)
        if not ranged:
            joined.append(mention)
            continue
        first.low, first.high, first.end, first.qualifier = first.value, mention.value, mention.end, "between"
        first.start = opens if opens is not None else first.start
    return joined
