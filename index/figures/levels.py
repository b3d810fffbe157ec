"""Reading levels on a scale that is no number line: alerts graded by colour ("a red alert"),
credit ratings ("downgraded to BB-") and levels written as a scale's letters and a digit ("G5",
"EF4"). Each is a category ranked so that a higher value is more severe (or, for ratings, better).
"""
from __future__ import annotations

import re

from index.figures.mention import Mention
from index.figures.text import Sentence

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
