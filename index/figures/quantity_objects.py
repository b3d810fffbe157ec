"""What a quantity is of: the noun phrase after it or after "of", "in", "for" or "on" ("2,750 tonnes
of ammonium nitrate", "60% of Lebanon's imports", "$4.6bn in physical damage"), past its owner
and the whole's own count ("of the town's 2,400 residents"), up to the word that ends it (a
verb, a time, a source's name)."""
from __future__ import annotations

from index.figures.grammar import (AUXILIARIES, COLLECTIVE_NOUNS, DETERMINERS, FUNCTION_WORDS, MONTH_NAMES,
                                   POSSESSIVE_ENDINGS, SCALES, UNIT_NUMBERS, WEEKDAYS, looks_past, looks_plural)
from index.figures.text import Sentence, plural_possessor
from index.figures.vocabulary import VOCAB

_PART_NOUNS = {"share", "proportion", "percentage", "part", "portion", "fraction", "amount", "quantity", "number",
               "value", "cost", "total"}
_STOP_AFTER = {"was", "were", "is", "are", "had", "has", "have", "that", "which", "who", "when", "where",
               "according", "said", "says", "once", "unless", "until", "if", "because", "while", "whereas",
               "lies", "lay", "lie",                        # "1.1 metres of snow lies in the streets"
               "against", "versus"}                        # "the overrun against the original budget"


# Words that open a time phrase after a noun: "of capacity last Wednesday", "of demand yesterday".
_TIME_OPENERS = frozenset({"last", "next", "this", "every", "each", "early", "late"})
_TIME_WORDS = frozenset({"yesterday", "today", "tonight", "overnight", "tomorrow"})

TIME_NOUNS = frozenset({"quarter", "quarters", "year", "years", "month", "months", "week", "weeks", "day", "days",
                        "half", "period", "season", "decade", "morning", "afternoon", "evening", "night",
                        "trading", "session", "sessions",
                        *(m.lower() for m in MONTH_NAMES), *(d.lower() for d in WEEKDAYS)})


def object_words(sentence: Sentence, i: int) -> list[str]:
    """Up to four content words from token i, past an owner (past_owner)."""
    i = past_owner(sentence, i)
    words: list[str] = []
    while i < len(sentence.tokens) and len(words) < 4:
        token = sentence.tokens[i]
        lower = token.lower
        plural_owner = plural_possessor(sentence, i)
        if (lower.endswith(POSSESSIVE_ENDINGS) or plural_owner) and token.is_word and not token.capitalised:
            if "of" in words:                          # "the cost of last year's attack": the cost
                return words[:words.index("of")]
            # "(40%) of the old city's 12 hospitals": the hospitals; "of airlines' losses": the losses
            words, i = [], past_owner(sentence, i + 2 if plural_owner else i)
            continue
        if words and words[-1] == "of" and looks_past(lower) and i + 1 < len(sentence.tokens) \
                and sentence.tokens[i + 1].is_word and sentence.lower(i + 1) not in FUNCTION_WORDS:
            words.append(lower)                       # "the number of confirmed cases": a participle describes
            i += 1
            continue
        if not token.is_word or lower in FUNCTION_WORDS or lower in AUXILIARIES or lower in _STOP_AFTER:
            break
        if token.capitalised and words and not sentence.tokens[i - 1].capitalised:
            break
        if lower in _TIME_WORDS or (lower in _TIME_OPENERS and sentence.lower(i + 1) in TIME_NOUNS):
            break                                      # "97% of capacity last Wednesday"
        if token.capitalised and (sentence.lower(i + 1) in VOCAB.attribution_verbs or (
                sentence.lower(i + 1) in AUXILIARIES and sentence.lower(i + 2) in VOCAB.attribution_verbs)):
            break                                      # "not the 31% Seldra claims", "the 84% the DPA has quoted"
        if words and looks_past(lower):
            break                                      # "rain fell", "nitrate exploded": the verb ends it
        words.append(lower)
        i += 1
        if lower in _PART_NOUNS and sentence.lower(i) == "of":      # "share of imports", "amount of cargo"
            words.append("of")
            i += 1
            while sentence.lower(i) in DETERMINERS or sentence.lower(i).endswith(POSSESSIVE_ENDINGS):
                i += 1
            continue
        if lower.endswith("s") and not lower.endswith("ss") and len(words) > 0 and not sentence.lower(i) == "of":
            break                                     # a plural noun ends the phrase ("imports pass")
    return words


_CURRENCY_SIGNS = frozenset({"$", "€", "£", "¥", "us$"})


def past_owner(sentence: Sentence, i: int) -> int:
    """The token after determiners, possessives ("the country's") and the whole's own count
    ("(60%) of the town's 2,400 residents") from token i."""
    while sentence.lower(i) in DETERMINERS or sentence.lower(i).endswith(POSSESSIVE_ENDINGS) \
            or (sentence.lower(i) == "all" and sentence.lower(i + 1)[:1].isalnum()):
        i += 1                                        # "41% of all traffic"
    if sentence.lower(i) in _CURRENCY_SIGNS and sentence.lower(i + 1)[:1].isdigit():
        noun = i + 2 + (sentence.lower(i + 2) in VOCAB.scales)        # "the $84 million flash appeal", "the €12m budget"
        if noun < len(sentence.tokens) and sentence.tokens[noun].is_word and sentence.lower(noun) not in FUNCTION_WORDS:
            return noun
    if sentence.lower(i)[:1].isdigit() or sentence.lower(i) in UNIT_NUMBERS:
        noun = i + 1 + (sentence.lower(i + 1) in SCALES)              # "its 3.4 million customers"
        # a count of things, not a quantity of something ("the 2,600 tonnes of nitrate")
        if noun < len(sentence.tokens) and sentence.tokens[noun].is_word \
                and (looks_plural(sentence.lower(noun)) or sentence.lower(noun) in COLLECTIVE_NOUNS) \
                and sentence.lower(noun) not in VOCAB.measurement_units and sentence.lower(noun + 1) != "of":
            return noun
    return i
