"""Which named body a plain noun stands for in one article: "the company said" is Arvant Motors's
where the article introduces "Arvant Motors, the country's biggest company" (a carmaker introduced
so is no company: the article may hold several), "the consortium" is
Castrolink's after "the Castrolink consortium". Only where the article names one body so: two
carmakers leave "the carmaker" as it is."""
from __future__ import annotations

import dataclasses
import re

from index.figures.grammar import DAY_WORDS, FUNCTION_WORDS
from index.figures.vocabulary import VOCAB, alternation
from index.models import Figure

_WORD = r"[A-Z][\w&'’-]*"
# "United Dock and Rail Union", "Heskel & Dunn", "Ministry of Transport" (not "... and ORM")
_NAME = rf"{_WORD}(?:[ \t]+(?:of[ \t]+|for[ \t]+|(?:and|&)[ \t]+(?=[A-Z][a-z]))?{_WORD}){{0,4}}"    # on one line
_NOUNS = alternation(VOCAB.named_bodies)
# "Arvant Motors, the country's biggest carmaker"
_APPOSITION = re.compile(rf"\b({_NAME}),\s+(?:the|a|an|its|their|{_WORD}['’]s)\s+(?:[\w'’-]+\s+){{0,4}}?({_NOUNS})\b(?!\s+of\b|['’]s)")
# "the Castrolink consortium", "the opposition Citizens' Alliance" is a name of its own
_NAME_FIRST = re.compile(rf"\b[Tt]he\s+({_NAME})\s+({_NOUNS})\b")
# "the state railway Ferromar", "the comparison site SaveWise"
_NOUN_FIRST = re.compile(rf"\b[Tt]he\s+(?:[a-z-]+\s+){{0,2}}?({_NOUNS})\s+({_NAME})\b(?!\s*\d)")
# a name holding the noun: "the Deposit Protection Agency", "the Ministry of Transport"
_HOLDING = re.compile(rf"\b{_NAME}")


def body_names(text: str) -> dict[str, str]:
    """noun -> the one body the text names with it."""
    found: dict[str, set[str]] = {}
    for match in _APPOSITION.finditer(text):
        # "Arvant Motors, the carmaker", not a fronted place ("In neighbouring Brevonia, the farm
        # ministry") nor an address ("Dana, the ministry's figure")
        before = text[max(0, match.start() - 20):match.start()].split()
        # nor a date ("on Tuesday 10 March, the company said")
        # nor what a body said something of ("... above Castel Rudo, the ministry said")
        if (not before or before[-1].lower() not in _BEFORE_A_PLACE) and match[1].split()[-1].lower() not in DAY_WORDS \
                and not _sentence_adverb(match[1]) and not _REPORTING_AFTER.match(text, match.end()):
            found.setdefault(match[2].lower(), set()).add(_bare(match[1]))
    for match in _NAME_FIRST.finditer(text):
        found.setdefault(match[2].lower(), set()).add(_bare(match[1]))
    for match in _NOUN_FIRST.finditer(text):
        found.setdefault(match[1].lower(), set()).add(_bare(match[2]))
    holding = {name for match in _HOLDING.finditer(text) if " " in (name := _bare(match.group()))}
    for name in holding:
        for noun in {w.lower() for w in name.split()} & VOCAB.named_bodies:
            found.setdefault(noun, set()).add(name)
    named = {noun: name for noun, names in found.items() if (name := _one_body(names))}
    # "the company" is the one business the text names by its kind ("Arvant Motors, Calvoria's
    # largest carmaker") or by its name's own last word ("Norrant Chemicals") when the text keeps
    # naming it: a business named once in passing ("Tervagrid, the grid operator") is not the
    # company a story is about
    businesses = {_bare(name) for noun, names in found.items() if noun in VOCAB.businesses for name in names} \
        | {name for name in holding if name.split()[-1] in VOCAB.business_name_words}      # "Norrant Chemicals"
    business = _one_body(businesses) if businesses else None
    business = business if business and text.count(business.split()[0]) >= _STORY_SUBJECT else None
    return {**{general: business for general in _GENERAL_BUSINESS if business}, **named}


_GENERAL_BUSINESS = ("company", "firm")
_REPORTING_AFTER = re.compile(rf"\s+(?:has\s+|had\s+)?(?:{alternation(VOCAB.attribution_verbs)})\b")
_STORY_SUBJECT = 3            # how often a text names the business it is about


_BEFORE_A_PLACE = frozenset({"in", "at", "on", "from", "across", "to", "for", "of", "near", "by", "with", "into",
                             "neighbouring", "neighboring", "nearby"})


# Words opening a sentence before a comma that name nobody: "Separately, the interior ministry said"
_OPENING_ADVERBS = frozenset({"meanwhile", "however", "earlier", "later", "instead", "elsewhere", "overall", "still",
                              "also", "nationwide", "previously", "since", "now", "today", "yesterday"})


def _sentence_adverb(name: str) -> bool:
    word = name.lower()
    return " " not in word and (word.endswith("ly") or word in FUNCTION_WORDS or word in _OPENING_ADVERBS)


def _bare(name: str) -> str:
    """The name without a capitalised word opening a sentence before it ("The", "But") or a
    possessive after it."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in FUNCTION_WORDS:
        words.pop(0)
    return re.sub(r"['’]s?$", "", " ".join(words))          # "the Ministry of Labour's claim"


def _one_body(names: set[str]) -> str | None:
    """The name, when the names are one body's ("Arvant" and "Arvant Motors": the longer)."""
    first_words = {name.split()[0] for name in names}
    return max(names, key=len) if len(first_words) == 1 else None


def credit_named_bodies(figures: list[Figure], text: str) -> list[Figure]:
    """A figure credited to a plain noun ("company") is credited to the body it stands for. The
    text is searched for names only when some figure is credited so."""
    if not any(f.attributed_to and f.attributed_to.lower() in VOCAB.named_bodies for f in figures):
        return figures
    names = body_names(text)
    if not names:
        return figures
    return [dataclasses.replace(f, attributed_to=names[f.attributed_to.lower()])
            if f.attributed_to and f.attributed_to.lower() in names else f for f in figures]
