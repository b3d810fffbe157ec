"""Reading numbers: digits, number words and vague words ("dozens"), what the words around one make
it (a count, money, a percent, a measurement, a duration, a rate: see quantities.py), a range
with both bounds, and the text that holds digits but no figure (links, phone numbers, scores,
page furniture), which is excluded first.
"""
from __future__ import annotations

import re

from index.figures.dates import DURATION_SECONDS, YEAR, span_word_before
from index.figures.grammar import OWNER_ENDINGS, SCALES, UNIT_NUMBERS
from index.figures.mention import Mention
from index.figures.qualifiers import POSTPOSED, bounds, qualifier_before
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
from index.figures.text import QUOTES, Sentence
from index.figures.vocabulary import VOCAB, alternation, phrase_key, unit_dimension

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
        rf"|(?:(?:\s+|-)(?P<scale>{'|'.join(SCALES)})\b)?(?![\w/]|[.,]\d))"
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
        and not sentence.lower(i - 1).endswith(OWNER_ENDINGS)       # "Corwen's 61 dead" counts
    return "year" if YEAR.fullmatch(digits) or after_name else None


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


# "12 hours and 40 minutes", "two years, three months", "3 hours 20 minutes": one duration
_DURATION_JOIN = re.compile(r"\s*,?\s*(?:and\s+)?")


def joined_durations(sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """A duration and a smaller one right after it, less than one of the first's units, are one
    duration in the first's unit: "12 hours and 40 minutes" is 12 2/3 hours (its words as written)."""
    joined: list[Mention] = []
    smallest: str | None = None             # the smallest unit joined to the last duration so far
    for mention in mentions:
        first = joined[-1] if joined else None
        if first is None or first.kind != "duration" or mention.kind != "duration" or mention.qualifier != "exact" \
                or first.qualifier == "between" or not _DURATION_JOIN.fullmatch(sentence.text, first.end, mention.start):
            joined.append(mention)
            smallest = None
            continue
        big, small = DURATION_SECONDS.get(first.unit or ""), DURATION_SECONDS.get(mention.unit or "")
        before = DURATION_SECONDS.get(smallest or first.unit or "")
        whole = smallest is not None or float(first.value).is_integer()
        if not (big and small and before) or small >= before or mention.value * small >= before or not whole:
            joined.append(mention)                 # "2 hours, 90 minutes longer": another duration
            smallest = None
            continue
        first.value = round(first.value + mention.value * small / big, 6)
        first.low, first.high = bounds(first.qualifier, first.value)
        first.end, smallest = mention.end, mention.unit
    return joined
