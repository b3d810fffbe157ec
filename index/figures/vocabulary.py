"""The vocabulary read from config/measures.toml: measure synonyms, events, qualifiers, units,
nationalities and sources, and the phrase tables that find them among a sentence's tokens."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from index.figures.grammar import DETERMINERS, plural, singular

MEASURES_FILE = Path(__file__).resolve().parents[2] / "config" / "measures.toml"


def phrase_key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def invert(table: dict[str, list[str]]) -> dict[str, str]:
    """{canonical: [phrase, ...]} -> {phrase: canonical}, phrases normalised."""
    return {phrase_key(phrase): canonical for canonical, phrases in table.items() for phrase in phrases}


@dataclass(frozen=True)
class Vocabulary:
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
    finding_verbs: frozenset[str]            # "found" in "the inquiry found that 201 babies died"
    source_nouns: frozenset[str]
    outlet_voices: frozenset[str]            # transcript labels of the outlet's own voices ("presenter")
    named_bodies: frozenset[str]             # "the company", "the consortium": a body named in full before
    businesses: frozenset[str]               # "carmaker", "lender": what "the company" may stand for
    business_name_words: frozenset[str]      # "Motors", "Chemicals": a name ending so is a business's
    measurement_units: dict[str, str]        # "kilometres" -> "km"
    dimensions: dict[str, tuple[str, float]]  # "km" -> ("length", 1000.0)
    prefix_units: dict[str, str]             # "mw" -> "magnitude", "alert level" -> "level"
    currencies: dict[str, str]               # "us$" -> "USD", "euros" -> "EUR"
    scales: dict[str, float]                 # "bn" -> 1e9
    fractions: dict[str, float]              # "a fifth" -> 20.0 (percent)
    incidents: frozenset[str]                # events that are incidents of their own
    families: dict[str, frozenset[str]]      # "epidemic" -> the diseases it is the general word for
    not_incidents: tuple[str, ...]           # phrases holding an incident word that name none ("heart attack")
    explosions: frozenset[str]               # event words whose incident is an explosion ("blast")
    parts: dict[str, frozenset[str]]         # "collapse" -> the incidents a collapse is often part of
    question_aliases: dict[str, str]         # a question's "turnout" -> "attendance", where no figure is "turnout"
    said_of_people: dict[str, str]           # "pulled out" of people -> "rescued" (of money: withdrawn)


_NUMERATORS = ("two", "three", "four", "five", "six", "seven", "eight", "nine")
_DENOMINATORS = {"thirds": 3, "quarters": 4, "fifths": 5, "sixths": 6, "eighths": 8, "tenths": 10}


def _plural_fractions() -> dict[str, float]:
    """"four-fifths", "three tenths": every numerator before a plural denominator, as percent."""
    return {f"{numerator}{joint}{plural_name}": round(100.0 * n / d, 1)
            for n, numerator in enumerate(_NUMERATORS, start=2) for plural_name, d in _DENOMINATORS.items()
            if n < d for joint in (" ", "-")}


def load_vocabulary(path: Path) -> Vocabulary:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    nationalities = {}
    for demonym, country in data["nationalities"].items():
        nationalities[demonym.lower()] = country
        nationalities.setdefault(demonym.lower() + "s", country)   # "Afghan" -> "Afghans"
    return Vocabulary(
        measures=invert(data["measures"]),
        events=invert(data["events"]),
        qualifiers=invert(data["qualifiers"]),
        postposed=invert(data["postposed_qualifiers"]),
        vague={phrase_key(k): (float(lo), float(hi)) for k, (lo, hi) in data["vague"].items()},
        units=invert(data["units"]),
        ordinal_ignore=frozenset(data["ordinals"]["ignore"]),
        citizen_nouns=frozenset(data["subgroups"]["citizen_nouns"]),
        nationalities=nationalities,
        attribution_verbs=frozenset(data["attribution"]["verbs"]),
        setting_verbs=frozenset(data["attribution"]["setting_verbs"]),
        finding_verbs=frozenset(data["attribution"]["finding_verbs"]),
        # "aid groups say", "banks said": a body's noun names a source in the plural as well
        source_nouns=frozenset(w for noun in data["attribution"]["source_nouns"] for w in (noun, plural(noun))),
        outlet_voices=frozenset(data["attribution"]["outlet_voices"]),
        named_bodies=frozenset(data["attribution"]["named_bodies"]),
        businesses=frozenset(data["attribution"]["businesses"]),
        business_name_words=frozenset(data["attribution"]["business_name_words"]),
        measurement_units=invert(data["measurement_units"]),
        dimensions={unit: (dimension, float(factor)) for unit, (dimension, factor) in data["unit_dimensions"].items()},
        prefix_units=invert(data["prefix_units"]),
        currencies=invert(data["currencies"]),
        scales={phrase_key(k): float(v) for k, v in data["scales"].items()},
        fractions={**_plural_fractions(), **{phrase_key(k): float(v) for k, v in data["fractions"].items()}},
        incidents=frozenset(data["incidents"]["kinds"]),
        question_aliases=invert(data.get("question_aliases", {})),
        said_of_people=invert(data["said_of_people"]),
        families={k: frozenset(v) for k, v in data["incidents"]["families"].items()},
        not_incidents=tuple(data["incidents"].get("not_incidents", ())),
        explosions=frozenset(data["incidents"]["explosions"]),
        parts={k: frozenset(v) for k, v in data["incidents"]["parts"].items()},
    )


VOCAB = load_vocabulary(MEASURES_FILE)


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first so "tens of thousands" beats "thousands"."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def canonical_measure(phrase: str) -> str | None:
    """The vocabulary's measure for a phrase ("death toll" -> "killed"), None if unknown."""
    words = phrase_key(phrase).split()
    while words and words[0] in DETERMINERS:
        words = words[1:]
    if not words:
        return None
    for last in dict.fromkeys([words[-1], singular(words[-1]), plural(words[-1])]):
        measure = VOCAB.measures.get(" ".join([*words[:-1], last]))
        if measure:
            return measure
    return None


CURRENCY_CODES = frozenset(VOCAB.currencies.values())


_UNIT_SYMBOLS = frozenset(VOCAB.measurement_units.values())     # "MW", "GW": no currency codes


def is_exchange_rate(unit: str | None) -> bool:
    """Whether a rate is so much for one unit of a currency ("per dollar", "ORM per euro")."""
    return (unit or "").rpartition("per ")[2] in VOCAB.currencies


def rate_currency(unit: str | None) -> str | None:
    """The currency of a rate of money ("USD per day" -> "USD", an article's own code: "KVR per
    year"), None for any other unit ("MW per day") and for an exchange rate ("ORM per euro")."""
    if is_exchange_rate(unit):
        return None
    currency = (unit or "").split(" ")[0]
    local = len(currency) == 3 and currency.isalpha() and currency.isupper() and currency not in _UNIT_SYMBOLS
    return currency if currency in CURRENCY_CODES or local else None


def unit_dimension(unit: str | None) -> str:
    """What a unit of measurement measures ("km" -> "length"), "" for anything else."""
    return VOCAB.dimensions.get(unit or "", ("", 1.0))[0]


class PhraseTable:
    """Phrases of a vocabulary table, found among tokens by their first word."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.first_words = {phrase.split()[0] for phrase in table}
        self.max_words = max(len(phrase.split()) for phrase in table)
        self.last_words = {phrase.split()[-1] for phrase in table}


MEASURE_PHRASES = PhraseTable(VOCAB.measures)
QUESTION_ALIASES = PhraseTable(VOCAB.question_aliases)
PEOPLE_PHRASES = PhraseTable(VOCAB.said_of_people)
OWN_WORDS = "own words"     # said of people, the phrase names what they did in the sentence's words


EVENT_PHRASES = PhraseTable(VOCAB.events)


QUALIFIER_PHRASES = PhraseTable(VOCAB.qualifiers)
# Each word of a qualifier phrase ("as many as", "more than"), for skipping back over one
QUALIFIER_WORDS = frozenset(word for phrase in VOCAB.qualifiers for word in phrase.split())
