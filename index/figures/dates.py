"""Reading times: calendar dates, parts of a year or a month, weekdays, clock times and ordinals.

Each finder reads one mention starting at a position in a sentence, or none. "since" or "until"
right before a date or weekday is kept as its qualifier: the span it opens or closes.
"""
from __future__ import annotations

import re

from index.figures.grammar import MONTH_NAMES, MONTHS, ORDINAL_TENS, ORDINAL_WORDS, TENS, UNIT_NUMBERS, WEEKDAYS
from index.figures.mention import Mention
from index.figures.qualifiers import qualifier_before
from index.figures.text import Sentence, next_word_capitalised
from index.figures.vocabulary import VOCAB, alternation

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
PERIOD_PARTS = {"early": "early", "mid": "mid", "late": "late", "spring": "spring", "summer": "summer",
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
HOURS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_HOUR_WORDS = "|".join(HOURS)
_SPOKEN_MINUTES = {"half": 30, "quarter": 15, "five": 5, "ten": 10, "twenty": 20, "twenty-five": 25}
TIME = re.compile(
    rf"\b(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*{AM_PM}"
    r"|\b(?P<h2>\d{1,2}):(?P<mi2>\d{2})(?::(?P<se2>\d{2}))?\b(?!:\d)"       # "08:40:52": to the second
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


YEAR = re.compile(r"(?:18|19|20)\d\d")


YEAR_WORD = re.compile(r"(?<![\w.,])(?:18|19|20)\d\d(?![\w]|[.,]\d)")


# A duration's unit in seconds, to compare "90 minutes" with "an hour and a half"
DURATION_SECONDS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0,
                    "month": 2629800.0, "year": 31557600.0, "decade": 315576000.0}
TIME_UNIT_WORD = re.compile(rf"\b(?:{alternation(VOCAB.units)})\b", re.I)     # "hours", "mins"


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
    part = PERIOD_PARTS[match["part"].lower()]
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
        hour = int(spoken) if spoken.isdigit() else HOURS.index(spoken) + 1
        minute = _SPOKEN_MINUTES[g["minutes"].lower()] if g["minutes"] else 0
        if g["side"] and g["side"].lower() == "to":
            hour, minute = (hour - 1) % 24, 60 - minute
    else:
        hour, minute = int(g["h"] or g["h2"]), int(g["mi"] or g["mi2"] or 0)
        if g["ampm"]:
            if hour > 12:
                return None
            hour = hour % 12 + (12 if g["ampm"][0].lower() == "p" else 0)
    second = int(g["se2"]) if g["se2"] else None
    if hour > 23 or minute > 59 or (second or 0) > 59:
        return None
    qualifier, start = qualifier_before(sentence, match.start())
    value = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")
    return Mention("time", value, qualifier, start, match.end())


# "per second", "metres a second": the time unit of a speed or a flow, no rank
_PERIOD_BEFORE = re.compile(rf"\b(?:per|(?:{alternation(u for u in VOCAB.measurement_units if len(u) > 3)})"
                            r"\s+(?:a|each|every))\s+$", re.I)


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
    if match.group().lower() == "second" and _PERIOD_BEFORE.search(sentence.text, sentence.start, match.start()):
        return None                                         # "cubic metres per second": the time unit
    word = match.group("word")
    if word:
        word = word.lower()
        value = ORDINAL_TENS.get(word) or ORDINAL_WORDS.index(word) + 1
        value += UNIT_NUMBERS[match.group("tens").lower()] if match.group("tens") else 0
    else:
        value = int(match.group("digits"))
    return Mention("ordinal", float(value), "exact", match.start(), match.end())
