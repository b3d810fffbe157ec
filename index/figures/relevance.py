"""Which figures answer a question that no vocabulary word names.

"How far away was the explosion felt?", "How long did the cargo sit in the port?", "What share
of homes had power?": the question's form says what KIND of figure answers it (a distance, a
duration, a share), and its other words say WHICH: the figures whose sentences share those
words, and whose passages the search found close in meaning. A question whose form asks for no
figure ("Who claimed the attack?") gets none.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from index.bm25 import tokenize
from index.figures.statements import REFERENCE_ADJECTIVES, REFERENCE_NOUNS
from index.figures.quantity_measures import DEFAULT_NAMES, DIMENSION_NAMES
from index.figures.phrases import IRREGULAR_PARTICIPLES, is_participle
from index.figures.questions import HOW_MUCH_TIME, QUESTION_WORD
from index.figures.dates import SPAN_QUALIFIERS
from index.figures.vocabulary import VOCAB, alternation, canonical_measure, rate_currency, unit_dimension
from index.models import Figure

# How many search results are read for figures; each must score at least RELATIVE of the best
# figure's score, and MINIMUM, to be shown. SEMANTIC weighs the passage's cosine similarity to
# the question against the share of question words its sentence uses. Chosen on the tuning
# half of the seeds' and Beirut's questions (bench/figures.py).
POOL = 50
RELATIVE = 0.6
MINIMUM = 0.35
SEMANTIC = 0.5
MEASURE = 1.0
LOCAL = 0.6          # weight of the words near the figure against its whole sentence
NEAR = 60            # characters either side that count as near
CLOSEST = 12         # how many of the best candidates are also compared by meaning
NAMED = 1.0
PERIOD = 0.5         # a rate in the period the question asks for ("paid each month": "1,500 ducats a month")
# Two words mean the same thing when their vectors are at least this close ("exploded" and
# "detonated" 0.70, "died" and "killed" 0.79; "imports" and "exports" 0.63 are not).
SAME_WORD = 0.65
# A count named by what was done to it ("left without homes") joins a vocabulary measure a
# question asks for ("displaced") when their names are at least this cosine-similar (on the
# tuning questions a match scored 0.52, unrelated pairs at most 0.38).
SAME_MEASURE = 0.45
# Measure names that only say what kind of quantity a figure is: figures under them are shown
# one by one, never as every value of the "measure" (two distances are rarely one fact; "at a
# cost of SVR 310m" says what a sum is, not what it is for).
GENERIC_MEASURES = frozenset({*DIMENSION_NAMES.values(), *DEFAULT_NAMES.values(), "duration", "date", "day",
                              "time", "interval", "time since", "measurement", "cost"}) - {"magnitude"}

_MONEY_WORDS = (r"damage|damages|cost|costs|costing|loss|losses|aid|money|worth|spent|spend|pay|paid|paying|compensation|"
                r"price|budget|fund|funds|funding|pledge|pledged|pledges|donat\w*|dollars?|euros?|pounds|billion|"
                r"million|raised|reconstruction|insur\w*|fine|fines|bill")


# "How many bitcoin ...?", "How many euros ...?": money asked for by its currency's name.
_CURRENCY_NAMES = "|".join(re.escape(p) for p in sorted(VOCAB.currencies, key=len, reverse=True) if p.isalpha()
                           and len(p) > 3)


@dataclass(frozen=True)
class Wanted:
    """The kinds of figure a question asks for; for measurements, which dimensions."""
    kinds: frozenset[str]
    dimensions: frozenset[str] = frozenset()    # empty: any dimension
    per_population: bool = False                # asks for a rate per so many people ("per 100,000")
    per_base: bool = False                      # says the base itself ("in every 100,000"): no count answers

    def accepts(self, kind: str, dimension: str | None) -> bool:
        if kind not in self.kinds:
            return False
        # "31 degrees" may be an angle or a temperature: it answers a question about either
        return kind != "measurement" or not self.dimensions or dimension in self.dimensions or (
            dimension == "angle or temperature" and bool({"angle", "temperature"} & self.dimensions))

    def fits(self, figure: Figure) -> bool:
        """Whether the figure answers: of a wanted kind, or for "how long", the date a span runs
        from or to ("kept there since 2014", "runs until May 24"). A rate per so many people
        ("3,400 evacuees per 100,000 residents") answers only a question asking for one, and a
        count never does ("How many accounts in every 100,000 were hit?" is not "27,400 accounts")."""
        if figure.kind == "rate" and _PER_POPULATION_UNIT.match(figure.unit or "") and not self.per_population:
            return False
        if figure.kind == "count" and self.per_base:
            return False
        return self.accepts(figure.kind, dimension(figure)) or (
            "duration" in self.kinds and figure.kind in ("date", "weekday") and figure.qualifier in SPAN_QUALIFIERS
        ) or (   # "How much is the strike costing?": "£45 million a day"
            "money" in self.kinds and figure.kind == "rate" and rate_currency(figure.unit) is not None
        ) or (   # "How much water is each person allowed?": "90 litres a day"
            figure.kind == "rate" and any(self.accepts("measurement", d) for d in _rate_dimensions(figure.unit or "")))


def _rate_dimensions(unit: str) -> tuple[str | None, ...]:
    """The dimension of a rate's amount ("l per day": volume); a length in a time is also a speed
    ("m per hour": how fast lava advances)."""
    amount, _, per = unit.partition(" per ")
    found = unit_dimension(amount) or None
    return (found, "speed") if found == "length" and per in ("second", "minute", "hour", "day") else (found,)


# "How many tonnes ...?", "How many millimetres of rain ...?": a unit asked for by name says the
# dimension (spelled-out units only: "m" or "t" after "how many" is no unit).
_UNIT_DIMENSIONS = {phrase: VOCAB.dimensions[unit][0] for phrase, unit in VOCAB.measurement_units.items()
                    if len(phrase) > 3 and unit in VOCAB.dimensions and VOCAB.dimensions[unit][0] != "magnitude"}
_UNIT_WORDS = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(_UNIT_DIMENSIONS, key=len, reverse=True))
_UNIT_QUESTION = re.compile(rf"\bhow\s+many\s+({_UNIT_WORDS})\b")
# "What is the volume of the hole, in cubic metres?": the unit the answer is to be given in
_IN_UNIT = re.compile(rf"\bin\s+({_UNIT_WORDS})\b\s*\??\s*$")

_UNIT_QUERY = re.compile(rf"\b({_UNIT_WORDS})\b")      # "tonnes of crops lost?", with no question word
# "km of coast oiled?", "sq km of forest burned": a unit's symbol opening a chat query
_SYMBOL_QUERY = re.compile(r"^\s*(km|sq\s+km|km2|km²|kg|mm|cm|ha|mw|gw|tb|gb|mph|kph|km/h)\s+(?:of\b|\w+\?)")
_PERCENT_QUERY = re.compile(r"^\s*%|\b\d*\s*%\s+of\b|%\s*\??\s*$")             # "% of oil cleaned up?", "poll %?"

_PRICE = re.compile(r"\b(?:price|prices|cost|fare|fee)\b.*\bper\b|\bhow\s+(?:costly|expensive)\b")

_HOW_HIGH_A_LEVEL = re.compile(r"\bhow\s+(?:high|low)\b.*\b(?:levels?|readings?|concentrations?|prices?|rates?|"
                               r"inflation|unemployment|index|pollution|temperatures?)\b")

_MONEY = frozenset({"money"})
# Things that have a length: "how long" asked of one asks for a length, not a time.
_EXTENT_NOUNS = ("stretch|stretches|shoreline|shorelines|coastline|coastlines|coast|beach|beaches|road|roads|tunnel|"
                 "tunnels|track|tracks|queue|queues|tailback|pipeline|pipe|route|river|runway|wall|fence|cable|trench|"
                 "crack|fissure|slick|convoy|cordon")

# (pattern, kinds, dimensions): the first that matches the question decides.
_FORMS: list[tuple[re.Pattern, frozenset[str], frozenset[str]]] = [
    # "How long is the affected coastline?": a thing's length, or (the strike's) its time.
    (re.compile(r"\bhow\s+long\s+(?:is|was|are|were)\s+(?:the|a|an|its|their)\b(?!.*\b(?:last|lasting|take|took)\b)"),
     frozenset({"duration", "measurement"}), frozenset({"length"})),
    # "Lower Brenna's stretch of oiled shoreline - how long?", "How long a stretch of the river was
    # hit?": a thing with a length, not a time
    (re.compile(rf"\b(?:{_EXTENT_NOUNS})\b.*\bhow\s+long\s*\??\s*$|\bhow\s+long\s+an?\s+(?:\w+\s+)?(?:{_EXTENT_NOUNS})\b"),
     frozenset({"measurement"}), frozenset({"length"})),
    (re.compile(r"\bhow\s+(?:many|much)\s+(?:seconds|minutes|hours|days|weeks|months|years|decades)\b|\bhow\s+long\b"
                # "the age of the victims", not a bound on a group ("under the age of 18")
                r"|\bhow\s+old\b|\bwhat\s+age\b|(?<!under\sthe\s)(?<!over\sthe\s)(?<!above\sthe\s)\bage\s+of\b"
                rf"|{HOW_MUCH_TIME}|\bfor\s+how\s+long\b|\bduration\b|\bdowntime\b"),
     frozenset({"duration"}), frozenset()),
    (re.compile(r"\bwhat\s+time\b|\bat\s+what\s+hour\b|\bwhat\s+hour\b"), frozenset({"time"}), frozenset()),
    (re.compile(r"^\s*when\b|\bwhat\s+(?:date|day|year|month)\b|\bwhich\s+(?:date|day|year|month)\b|\bon\s+what\s+day\b"),
     frozenset({"date", "weekday", "time"}), frozenset()),
    # "How far have the reservoirs dropped?", "How much did prices rise?": a change of any quantity.
    (re.compile(r"\bhow\s+(?:far|much|low)\b.*\b(?:dropped|drop|fallen|fell|fall|risen|rose|rise|climbed|climb|"
                r"declined|decline|sunk|sank|sink|shrunk|shrank|shrink|grown|grew|grow|slumped|plunged|soared)\b"
                r"|\bhow\s+high\b.*\bpeak(?:ed)?\b"),
     frozenset({"percent", "measurement", "count", "money", "rate"}), frozenset()),
    # "How high was the outbreak graded?", "How severely was it rated?": a grade, not a height.
    (re.compile(r"\bhow\s+(?:high|highly|severe|severely|serious|seriously)\b.*\b(?:grad|rat|rank|classif|categor|"
                r"level)\w*"),
     frozenset({"category"}), frozenset()),
    (re.compile(r"\bhow\s+far\b|\bdistance\b|\bhow\s+(?:close|near)\b|\bwhat\s+stretch\b|\bmileage\b|\bhow\s+deep\b|\bdepth\b|\bhow\s+high\b|\bhow\s+tall\b"
                r"|\bhow\s+wide\b|\bwidth\b|\bhow\s+many\s+km\b"),
     frozenset({"measurement"}), frozenset({"length"})),
    (re.compile(r"\bhow\s+(?:fast|quickly|rapidly)\b(?=.*\b(?:advanc|spread|mov|travel|flow|run|ran|rac|blow|blew|"
                r"rising|rose|fall|fell|drift)\w*)|\bhow\s+fast\b|\bspeeds?\b|\bwind\w*\b.*\bhow\s+strong\b"), frozenset({"measurement"}), frozenset({"speed"})),
    (re.compile(r"\bhow\s+much\s+(?:data|information)\b|\b(?:tera|giga|mega|peta)bytes\b"), frozenset({"measurement"}),
     frozenset({"data"})),
    (re.compile(r"\bhow\s+(?:hot|cold|warm|cool|chilly)\b|\btemperatures?\b|\btemps?\b|\b(?:hottest|coldest|warmest)\b"),
     frozenset({"measurement"}), frozenset({"temperature"})),
    # "How strong was the storm?": a measurement or a level on a scale ("Category 4", "G5")
    (re.compile(r"\bmagnitude\b|\bseismic\b|\brichter\b|\bhow\s+(?:strong|powerful)\b|\bforce\b|\bequivalent\b|"
                r"\byield\b|\bintensity\b|\bon\s+(?:the|its|their)\s+(?:[\w-]+\s+)?scale\b"),
     frozenset({"measurement", "category"}), frozenset()),
    # "What share of the oil was recovered?": a percentage; "How much of the coast ...?" also a length.
    (re.compile(r"\bwhat\s+(?:share|proportion|percentage|percent|fraction)\b|"
                r"\bas\s+a\s+(?:share|proportion|percentage|fraction)\b|"
                r"\bper\s*cent\b|\bpercentage\b|\bwhat\s+%|\bhow\s+many\s+of\s+every\b"),
     frozenset({"percent"}), frozenset()),
    (re.compile(r"\bwhat\s+(?:portion|part)\b|\bhow\s+much\s+of\b"), frozenset({"percent", "measurement"}), frozenset()),
    # "How did union members vote on the deal?", "union vote result": a ballot's shares and counts
    (re.compile(r"\bhow\s+did\b.*\bvote\b|\bvote\s+(?:result|results|split|margin|tally)\b|\bby\s+what\s+margin\b"),
     frozenset({"percent", "count"}), frozenset()),
    # "What was the highest weather warning issued?": a level or a colour ("red alert")
    (re.compile(r"\b(?:what|which)\s+(?:category|level|grade|phase|stage)\b|\b(?:what|which)\s+\w+\s+(?:category|grade|"
                r"rating)\b|\b(?:severity|threat|alert|danger|warning|risk)\s+(?:level|rating|category|grade)\b"
                r"|\b(?:highest|top|most\s+severe|strongest)\s+(?:\w+\s+)?(?:alert|warning)s?\b"),
     frozenset({"category"}), frozenset()),
    (re.compile(r"\btonnage\b"), frozenset({"measurement"}), frozenset({"mass"})),
    (re.compile(r"\bacreage\b"), frozenset({"measurement"}), frozenset({"area"})),
    # Money before "each"/"per" below ("How much compensation will the family of each person be
    # paid?"), and with it a sum in each day or month (wanted())
    (re.compile(rf"\bhow\s+many\s+(?:{_CURRENCY_NAMES})\b|\bhow\s+much\b.*\b(?:{_MONEY_WORDS})\b|\b(?:{_MONEY_WORDS})\b.*\bhow\s+much\b|\bhow\s+much\s+money\b"
                r"|\bwhat\s+(?:was|were|is|are)\s+the\s+(?:cost|damage|losses)\b|\bwhat\s+sum\b"
                # "What has the operation cost?", "cost of fighting the fire?"
                r"|^\s*(?:what|which)\b.*\b(?:cost|costs|costed|costing|price|budget|bill|spent|spend|compensation|"
                r"monetary|financial|paid|paying|earn|earns|earning|earned|owed|penalty|penalties)\b"
                r"|^\s*(?:the\s+)?(?:cost|price|bill|budget)\s+of\b"),
     _MONEY, frozenset()),
    # "daily helpline calls", "water ration per head?": so much in each day or for each person,
    # or the count of one day
    (re.compile(r"\bdaily\b|\b(?:a|each|every|per)\s+(?:day|night|hour|week|head|person)\b"),
     frozenset({"rate", "count", "measurement", "money"}), frozenset()),
    # "What interest did the bank charge?": a percentage, or a premium in points ("250 basis points")
    (re.compile(r"\bwhat\s+interest\b|\binterest\b.*\bcharg|\bcharg\w*\b.*\binterest\b|"
                r"\b(?:interest|lending|policy|penalty)\s+rates?\b"),
     frozenset({"rate", "percent", "measurement"}), frozenset({"points"})),
    # "What is the unemployment rate?": a rate in a question is as often a percentage.
    (re.compile(r"\bhow\s+often\b|\brate\b|\bper\s+(?:day|week|year|capita|\d)"), frozenset({"rate", "percent"}),
     frozenset()),
    # "How large were the crowds?", "crowd size?": a count too
    (re.compile(r"\bhow\s+(?:big|large)\b|\bsize\b"), frozenset({"measurement", "percent", "money", "count"}), frozenset()),
    (re.compile(r"\bhow\s+much\b|\bwhat\s+(?:amount|quantity|volume|weight)\b|\bwhat\s+(?:was|is|were|are)\s+the\s+"
                r"(?:total\s+|overall\s+)?(?:amount|quantity|volume|weight)\s+of\b"),
     frozenset({"measurement", "percent", "money"}), frozenset()),
    # "total damage cost", "What were the total insured losses?": a sum of money, not a count
    (re.compile(r"^(?!.*\bhow\s+many\b).*(?:\b(?:total|overall)\b.*\b(?:cost|costs|bill|losses|spending)\b"
                r"|\b(?:cost|costs|bill|losses|spending)\b.*\b(?:total|overall)\b)"), _MONEY, frozenset()),
    (re.compile(r"\bhow\s+many\b|\bnumber\s+of\b|\btoll\b|\btally\b|\bcount\b|\btotal\b"),
     frozenset({"count", "rate"}), frozenset()),
]

# Words of a question that say what kind of figure it wants, not which: no evidence of relevance.
_FORM_WORDS = set(tokenize("how many much far long what when which time date day year share proportion "
                           "percentage percent number total amount equivalent expressed figure figures "
                           "people person away size big large"))


# "What was the peak level?", "Which estimate ...?", "What total did officials give?": a what-
# question asks for a value when it names a quantity.
_VALUE_NOUNS = (
    r"\b(?:level|levels|toll|tolls|number|numbers|amount|total|totals|cost|costs|damage|"
    r"size|height|peak|rate|rates|speed|depth|share|percentage|figure|figures|estimate|estimates|count|tally|index|"
    r"reading|readings|concentration|"
    r"magnitude|value|price|sum|bill|area|volume|capacity|temperature|rainfall|distance|length|duration|scale|"
    r"yield|quantity|proportion|turnout|margin|score|loss|losses|extent|sum|budget|payout|fine|compensation|"
    r"rise|increase|raise|cut|drop|fall|growth|offer|demand|wage|wages|salary|pay|fee|fare|grant|award|category|"
    r"grade|rating|class|stage|phase|allowance|ration|rations|quota|limit|allocation|backlog|shortfall|deficit|"
    r"surplus|highest|lowest|largest|biggest|greatest|smallest|maximum|minimum|record|sampling\s+error)(?:s|es)?\b")   # "what fines"
_VALUE_QUESTION = re.compile(r"^\s*(?:what|which)\b.*" + _VALUE_NOUNS)
_VALUE_NOUN = re.compile(_VALUE_NOUNS)
# "How bad did the smoke make the air?", "How severe was the outbreak?", "how dry was the air",
# "how full have the hotels been": any quantity says.
_HOW_BAD = re.compile(r"\bhow\s+(?:bad|badly|hard|heavily|severe|severely|serious|poor|intense|widespread|polluted|"
                      r"unhealthy|dangerous|toxic|smoky|dirty|dry|wet|humid|full|empty|busy|crowded|packed|"
                      r"contaminated|strong|weak)\b")
NUMERIC_KINDS = frozenset({"count", "money", "percent", "measurement", "category", "rate", "duration"})


_PROJECTION_QUESTION = re.compile(r"\b(?:forecast\w*|expect\w*|predict\w*|project\w*|could|would|might|"
                                  r"will|warn\w*|scenario\w*|model\w*)\b", re.I)


_TIME_UNITS = re.compile(r"\b(?:seconds|minutes|hours|days|weeks|months)\b")
_PER = re.compile(r"\b(daily)\b|\b(?:a|an|each|every|per)\s+(day|night|hour|week|month|year|head|person)\b", re.I)


def rates_asked(question: str) -> set[str]:
    """The rates a question asks for, as measure names end: "calls a day?" -> {"per day"}."""
    return {"per day" if match.group(1) else f"per {match.group(2).lower()}" for match in _PER.finditer(question)}


# "on the worst day of the run", "in a single day": a question about one day's amount
_ONE_DAY = re.compile(r"\b(?:worst|busiest|heaviest|biggest|peak|single|one)\s+day\b|\bin\s+a\s+(?:single\s+)?day\b",
                      re.I)


# "the highest warning level", "its peak category": of graded figures, the top grade each source gives.
_TOP_GRADE = re.compile(r"\b(?:highest|top|most\s+severe|strongest|maximum|peak|worst)\b", re.I)


def asks_for_top_grade(question: str) -> bool:
    return _TOP_GRADE.search(question) is not None


def asks_for_one_day(question: str) -> bool:
    return _ONE_DAY.search(question) is not None


# the words that make a figure a yardstick, and what only a question says ("the permitted level")
_REFERENCE_QUESTION = re.compile(rf"\b(?:{alternation(REFERENCE_NOUNS | REFERENCE_ADJECTIVES | {'permitted', 'allowed'})})\b",
                                 re.I)


def asks_for_reference(question: str) -> bool:
    """Whether the question asks for a yardstick ("What is the legal limit?"): only then are
    limits, thresholds and normal levels answers (index/figures/attribution.py)."""
    return _REFERENCE_QUESTION.search(question) is not None


# "could", "might", "forecast": a question about what may happen, not about what was announced ("How
# many workers will lose their jobs?" asks for the cuts announced)
_MAY_HAPPEN = re.compile(r"\b(?:forecast\w*|expect\w*|predict\w*|project\w*|could|might|scenario\w*|"
                         r"model\w*|worst[- ]case)\b", re.I)


def asks_what_may_happen(question: str) -> bool:
    """Whether the question asks only for projections: a measure it names is answered by its
    projected values where any are given."""
    return _MAY_HAPPEN.search(question) is not None


def asks_for_projection(question: str) -> bool:
    """Whether the question asks what may happen ("How much rain was forecast?"): only then are
    projections answers."""
    return _PROJECTION_QUESTION.search(question) is not None


_RADIATION = re.compile(r"\bradiation\b|\bradioactiv\w*|\b(?:milli|micro|nano)?sieverts?\b|\b[mµμun]?sv\b|"
                        r"\bbecquerels?\b|\bbq\b")
_DOSE = re.compile(r"\bdoses?\b(?!\s+rates?)|\b(?:receive|received|absorb\w*|exposed)\b|(?:sieverts?|sv)\b(?!\s*(?:/|per|an)\s*h)")
_DOSE_RATE = re.compile(r"\bdose\s+rates?\b|\breadings?\b|\blevels?\b|\bper\s+hour\b|\ban\s+hour\b|sv/h|\bhow\s+high\b")
_ACTIVITY = re.compile(r"\bbecquerels?\b|\bbq\b|\bradioactiv\w*|\b(?:milk|food|fish|crops?|water|soil)\b"
                       r"|\b(?:released?|releases|leaked|emitted|escaped)\b")


def _radiation_asked(lowered: str) -> frozenset[str]:
    """The radiation dimensions a question asks for: a dose someone received ("What dose did
    workers get?"), a dose rate read by an instrument ("How high did radiation readings get?"),
    or radioactivity in food, water or in all; none when it asks nothing of radiation."""
    if not _RADIATION.search(lowered):
        return frozenset()
    dimensions = set()
    if _ACTIVITY.search(lowered):
        dimensions |= {"radioactivity", "radioactivity in food", "radioactivity in water"}
    if _DOSE.search(lowered):
        dimensions.add("radiation dose")
    if _DOSE_RATE.search(lowered):
        dimensions.add("dose rate")
    return frozenset(dimensions or {"radiation dose", "dose rate"})


# A rate per so many people, and a question asking for one.
_PER_POPULATION_UNIT = re.compile(r"per\s+(?:[\d,.]+(?:\s+(?:thousand|million))?|capita|head)\b")
_PER_BASE_QUESTION = re.compile(r"\b(?:per|(?:for|in|out\s+of)\s+every)\s+(?:[\d,.]+|one\s+hundred|a\s+hundred|"
                                r"a\s+thousand|capita|head)\b")
_PER_POPULATION_QUESTION = re.compile(rf"{_PER_BASE_QUESTION.pattern}|\brates?\b|\bincidence\b")


def wanted(question: str) -> Wanted | None:
    """The kinds of figure that can answer the question, None when it asks for no figure."""
    lowered = question.lower()
    found = _wanted_kinds(lowered)
    if found is None or not _PER_POPULATION_QUESTION.search(lowered):
        return found
    return dataclasses.replace(found, per_population=True, per_base=bool(_PER_BASE_QUESTION.search(lowered)))


def _wanted_kinds(lowered: str) -> Wanted | None:
    radiation = _radiation_asked(lowered)
    if radiation:
        return Wanted(frozenset({"measurement"}), radiation)
    if _HOW_HIGH_A_LEVEL.search(lowered):      # "How high were chlorine levels?": no height
        return Wanted(NUMERIC_KINDS)
    if _PRICE.search(lowered):                 # "petrol price per litre": money, whatever it is per
        return Wanted(frozenset({"money", "rate"}))
    unit = _UNIT_QUESTION.search(lowered) or _IN_UNIT.search(lowered) \
        or (None if QUESTION_WORD.search(lowered) else _UNIT_QUERY.search(lowered))
    if unit:      # "How many tonnes ...?", "tonnes of crops lost?"
        return Wanted(frozenset({"measurement"}), frozenset({_UNIT_DIMENSIONS[" ".join(unit.group(1).split())]}))
    symbol = _SYMBOL_QUERY.search(lowered)
    if symbol:    # "km of coast oiled?"
        symbol_unit = VOCAB.measurement_units[" ".join(symbol.group(1).split())]
        return Wanted(frozenset({"measurement"}), frozenset({unit_dimension(symbol_unit)}))
    if _PERCENT_QUERY.search(lowered):
        return Wanted(frozenset({"percent"}))
    for pattern, kinds, dimensions in _FORMS:
        if pattern.search(lowered):
            if kinds == _MONEY and _PER.search(lowered):
                kinds = kinds | {"rate"}               # "How much rent support per month?": "$300 a month"
            if "rate" in kinds and _TIME_UNITS.search(lowered):
                kinds = kinds | {"duration"}           # "hours of water per day": "12 hours a day"
            return Wanted(kinds, dimensions)
    if _VALUE_QUESTION.search(lowered) or (_VALUE_NOUN.search(lowered) and not QUESTION_WORD.search(lowered)) \
            or _HOW_BAD.search(lowered):
        return Wanted(NUMERIC_KINDS)              # "turnout of the vote?", as typed in a chat
    if not QUESTION_WORD.search(lowered) and (_COUNTED_QUERY.search(lowered) or _COUNTED_NOUN.search(lowered)):
        return Wanted(frozenset({"count", "rate"}))   # "operations cancelled because of the attack"
    return None


# A query, not a question, naming things and what happened to them: "operations cancelled",
# "homes destroyed in the fire", "people killed".
_COUNTED_QUERY = re.compile(r"\b(?:[a-z]{3,}s|people|children|[a-z]*men|women)\s+(?:(?:still|now|already|currently)\s+)?"
                            r"(?:[a-z]+ed|out\s+of\s+work|" + "|".join(sorted(IRREGULAR_PARTICIPLES)) + r")\b")


# A query naming what is counted by the event's own nouns: "smoke inhalation hospital admissions?"
_COUNTED_NOUN = re.compile(r"\b(?:admissions|arrests|deaths|casualties|injuries|fatalities|evacuations|cancellations|"
                           r"closures|layoffs|redundancies|infections|cases|victims|survivors|calls|claims|"
                           r"applications|complaints|detentions|hospitalisations|hospitalizations)\b")


# "How many of the people who were arrested are still held?": a part of a group, asked by what the
# part is or did (the words after the last verb), not by the group (the words after "of").
_PART_OF_GROUP = re.compile(r"\bhow\s+many\s+of\s+(?P<group>.+)\s+(?P<rest>(?:are|were|is|was|remain|remained|"
                            r"have|had|died|stayed)\b.*)$", re.I)


# "Of all those detained, how many have been charged?": the group put first.
_FRONTED_GROUP = re.compile(r"^\s*of\s+(?P<group>[^,?]+),\s*how\s+many\s+(?P<rest>.+)$", re.I)


def part_of_group(question: str) -> tuple[str, str] | None:
    """(group, what its part is or did) for "How many of the <group> <verb> ...?" or "Of the
    <group>, how many ...?", else None."""
    match = _PART_OF_GROUP.search(question) or _FRONTED_GROUP.search(question)
    return (match.group("group"), match.group("rest")) if match else None


def question_words(question: str) -> set[str]:
    """The question's words that say which figures it asks about (stemmed, no form words)."""
    return set(tokenize(question)) - _FORM_WORDS


def overlap(words: set[str], sentence: str) -> float:
    """Share of the question's words that the sentence uses (0 when the question has none)."""
    if not words:
        return 0.0
    return len(words & set(tokenize(sentence))) / len(words)


def coverage(measure: str | None, words: set[str], same_word: Callable[[str], bool] | None = None) -> float:
    """Share of a measure's own words the question uses: "magnitude" is all asked for in "What
    seismic magnitude ...?", "TNT" is not. same_word, when given, says whether a word of the
    measure means a word of the question ("detonated" for "exploded")."""
    if not measure or measure in GENERIC_MEASURES:
        return 0.0
    own = [w for w in re.findall(r"[a-z]+", measure.lower()) if tokenize(w) and tokenize(w)[0] not in _FORM_WORDS]
    if len(own) > 1 and own[-1] in ("cost", "price"):
        own = own[:-1]          # "airlift cost", "petrol price": what costs says which; every such question says "cost"
    if not own:
        return 0.0
    used = sum(1 for w in own if tokenize(w)[0] in words or (same_word is not None and same_word(w)))
    return used / len(own)


def dimension(figure: Figure) -> str | None:
    if figure.kind != "measurement":
        return None
    return unit_dimension(figure.unit) or None


def named_by_dimension(figure: Figure) -> bool:
    """Whether the figure's measure is only its dimension's name ("radiation dose", "dose rate")."""
    found = dimension(figure)
    return found is not None and figure.measure == DIMENSION_NAMES.get(found, found)


def is_specific(figure: Figure) -> bool:
    """Whether a figure's measure names a fact (so all its values answer together)."""
    return figure.kind in ("count", "money", "percent", "measurement", "rate", "category") \
        and figure.measure not in GENERIC_MEASURES


def select(question: str, candidates: list[tuple[Figure, str, str, float]],
           vector: Callable[[str], np.ndarray] | None = None, asked: np.ndarray | None = None) -> list[Figure]:
    """The candidates that answer the question.

    Each candidate is (figure, its sentence, the words around it, its passage's cosine
    similarity to the question). A figure scores the share of the question's words its
    sentence uses, and the words near it use (LOCAL of the two), MEASURE times the share of its
    measure's words the question uses, and SEMANTIC times the passage's cosine. The best
    CLOSEST then add NAMED times the cosine of the question (`asked`, its vector) to the
    measure's name (or, for a name that only gives the kind, to the words around the figure):
    "exploded" finds "detonated" where no word is shared. `vector` gives a text's vector; with
    it a measure's word also counts as the question's when the two words' vectors are SAME_WORD
    close.
    """
    words = question_words(question)
    same_word = similarity = None
    if vector is not None and asked is not None:
        raw = [w for w in re.findall(r"[a-z]+", question.lower()) if tokenize(w) and tokenize(w)[0] in words]
        own: list[np.ndarray] = []          # the question's words' vectors, encoded when first compared

        def same_word(word: str) -> bool:
            if not own:
                own.extend(vector(w) for w in raw)
            found = vector(word)
            return any(float(found @ other) >= SAME_WORD for other in own)

        def similarity(text: str) -> float:
            return float(vector(text) @ asked)

    periods = tuple(rates_asked(question))
    scored = [((1 - LOCAL) * overlap(words, sentence) + LOCAL * overlap(words, near)
               + MEASURE * coverage(figure.measure, words, same_word) + SEMANTIC * max(cosine, 0.0)
               + PERIOD * (figure.kind == "rate" and (figure.unit or "").endswith(periods)),
               figure, near)
              for figure, sentence, near, cosine in candidates]
    if not scored:
        return []
    scored.sort(key=lambda item: -item[0])
    if similarity is not None:
        scored = [(score + NAMED * max(similarity(near if figure.measure in GENERIC_MEASURES else figure.measure), 0.0)
                   if rank < CLOSEST else score, figure, near)
                  for rank, (score, figure, near) in enumerate(scored)]
    best_score, best_figure, _ = max(scored, key=lambda item: item[0])
    kept = [figure for score, figure, _ in scored if score >= max(MINIMUM, RELATIVE * best_score)]
    # When the best figure's measure is all the question names ("How much is the relief package?"
    # -> "relief package"), a figure of another kind that the question names nothing of is a
    # neighbour in the sentence ("roughly a third of what unions demanded"), not an answer.
    if coverage(best_figure.measure, words, same_word) >= 1.0:
        kept = [f for f in kept if f.kind == best_figure.kind or coverage(f.measure, words, same_word) > 0]
    return kept


def near_words(text: str, figure: Figure, reach: int = NEAR) -> str:
    """The words of the figure's sentence within `reach` characters of it."""
    start = max(figure.sentence_start, figure.start - reach)
    end = min(figure.sentence_end, figure.end + reach)
    return text[start:end]


@functools.cache
def _vocabulary_phrases(measure: str) -> tuple[str, ...]:
    return tuple(phrase for phrase, canonical in VOCAB.measures.items() if canonical == measure)


def vocabulary_phrase(measure: str) -> str:
    """The words that name a vocabulary measure, for comparing another name with it:
    "displaced" -> "displaced homeless fled their homes refugees"."""
    return " ".join(_vocabulary_phrases(measure)) or measure


@functools.cache
def vocabulary_pattern(measure: str) -> re.Pattern[str]:
    """The phrases that name a vocabulary measure ("arrested", "detained", ...), longest first."""
    phrases = sorted(_vocabulary_phrases(measure), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in phrases) or re.escape(measure)})\b")


def names_an_action(figure: Figure) -> bool:
    """A count named by one noun for what was done ("cancellations", "evacuations", "closures"):
    the same count as one named by the verb ("cancelled")."""
    return figure.kind in ("count", "rate") and " " not in figure.measure \
        and figure.measure.endswith(("tions", "sions", "ures"))


def unnamed_by_vocabulary(figure: Figure) -> bool:
    """A count of people named by what was done to them, in its sentence's own words ("taken
    into custody", "left without homes"), not by a noun ("homes" counts houses)."""
    return figure.kind in ("count", "rate") and ":" not in figure.measure \
        and canonical_measure(figure.measure) is None and is_participle(figure.measure.split()[0])
