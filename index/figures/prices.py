"""What a sum is paid for or owed, and what a share of a vote is for: a price by the unit or the
item ("2.90 marls a litre", "a loaf selling for 1.80"), a cost named by what costs it ("the strike
has cost the economy about €350m"), a debt, a rate charged, a side's offer or demand ("the company
has offered 4.5%"), and the side of a vote ("77% to 23% in favour")."""
from __future__ import annotations

import re

from index.figures.grammar import AUXILIARIES, DETERMINERS, FUNCTION_WORDS, a_person, looks_plural, singular
from index.figures.mention import Mention
from index.figures.phrases import subject_head, subject_noun
from index.figures.quantities import UNIT_PRICE_WORDS
from index.figures.quantity_objects import object_words
from index.figures.text import Sentence
from index.figures.vocabulary import QUALIFIER_WORDS, VOCAB

CHARGING_VERBS = frozenset({"charging", "charges", "charged", "charge"})
PAYING_VERBS = frozenset({"paying", "pays", "paid", "pay", "offering", "offers", "offered", "earning", "earns", "earned"}) \
    | CHARGING_VERBS
CHARGED_AT = CHARGING_VERBS - {"charge"} | {"lent", "lending", "priced"}
_SELLING_VERBS = frozenset({"selling", "sells", "sell", "sold", "priced", "retailing", "retails", "going"})
# What one pays for by the unit: so much a quantity ("2.90 marls a litre": the price per litre) or
# a thing ("25 crowns a ticket": the ticket price)
PRICE_UNITS = UNIT_PRICE_WORDS | {"ton", "barrel", "pound", "night", "dozen", "packet", "pack", "unit", "sack", "bag"}
_PRICE_MEASURES = PRICE_UNITS - {"loaf", "bottle", "ticket", "packet", "pack", "unit", "sack", "bag"}
_MODALS = frozenset({"would", "will", "could", "might", "may", "should", "can"})
_PRICE_NOUNS = frozenset({"price", "prices"})     # "the cost of the repairs" is a cost
# What a side of a negotiation puts on the table: a percentage it offers or demands
BARGAINING = {**dict.fromkeys(("offered", "offers", "offer", "offering", "proposed", "proposes", "proposing"), "offer"),
               **dict.fromkeys(("demanded", "demands", "demand", "demanding", "wants", "wanted", "seeks", "seeking",
                                "sought"), "demand")}
COST_VERBS = frozenset({"cost", "costs", "costing"})
OWING_VERBS = frozenset({"owed", "owes", "owe", "owing"})
LOSS_VERBS = frozenset({"lost", "loses", "lose", "losing"})        # a sum lost: losses
# Function words an object of "cost" or "owe" may hold before the sum: "cost them", "owes its creditors"
_SUM_VERB_OBJECTS = frozenset({"them", "it", "us", "him", "her", "the", "its", "their", "equivalent", "of"})
# Words before "cost" the noun: "the total cost", "its full cost", "the human cost"
_COST_NOUN_WORDS = frozenset({"of", "total", "full", "final", "overall", "estimated", "real", "true", "human",
                              "economic", "running", "extra", "additional", "annual", "net", "gross"})


def object_of_sum_verb(sentence: Sentence, first: int, verbs: frozenset[str]) -> bool:
    """Whether the sum at token `first` is what one of `verbs` costs or owes, the verb's object
    between at most ("has cost about €350m", "cost the economy an estimated €2.6bn", "cost
    insurers 95 million florins", "cost the equivalent of $210m", "owes its creditors $4m"; not
    "the cost of")."""
    j = first - 1
    while j >= 0 and first - j <= 4 and sentence.lower(j) not in verbs:
        token = sentence.tokens[j]
        if not token.is_word or token.capitalised or token.lower in AUXILIARIES or (
                token.lower in FUNCTION_WORDS and token.lower not in _SUM_VERB_OBJECTS | QUALIFIER_WORDS):
            return False                              # "the full cost is ...": the noun
        j -= 1
    return j >= 0 and sentence.lower(j) in verbs and sentence.lower(j - 1) not in DETERMINERS \
        and sentence.lower(j - 1) not in _COST_NOUN_WORDS


_IN_FAVOUR = re.compile(r"\s+(?:(?:voted|voting|were|was)\s+)?in\s+favou?r\b", re.I)
_AGAINST = re.compile(r"\s+(?:(?:voted|voting)\s+)?against\s*(?:[.,;]|and\b|$)", re.I)
_TO_A_SHARE = re.compile(r"\s+to\s+(?:about\s+)?\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)", re.I)
_SHARE_TO = re.compile(r"\d(?:%|\s*per\s*cent|\s*percent)\s+to\s+(?:about\s+)?$", re.I)


def side_of_a_vote(sentence: Sentence, mention: Mention) -> str | None:
    """Which side of a vote a percentage is: "77% in favour", "23% against"; in "77% to 23% in
    favour" the first is for and the second against."""
    text, end = sentence.text, mention.end
    before = text[max(sentence.start, mention.start - 20):mention.start]
    to_share = _TO_A_SHARE.match(text, end, sentence.end)
    if to_share and _IN_FAVOUR.match(text, to_share.end(), sentence.end):
        return "share in favour"
    if _IN_FAVOUR.match(text, end, sentence.end):
        return "share against" if _SHARE_TO.search(before) else "share in favour"
    if _AGAINST.match(text, end, sentence.end):
        return "share against"
    return None


def cost_of(sentence: Sentence, first: int) -> str:
    """What costs the sum at token `first`, named by the head of the cost verb's subject: "The
    fuel subsidy cost the treasury 9.6 billion lutars" -> "fuel subsidy cost", "the airlift had
    cost 205 million" -> "airlift cost"; plain "cost" for a pronoun or a person ("It will cost
    ...", "The minister said it cost ...")."""
    verb = next(k for k in range(first - 1, -1, -1) if sentence.lower(k) in COST_VERBS)
    indexes = subject_head(sentence, verb)
    if not indexes:
        return "cost"
    if sentence.lower(indexes[0]) not in _DEFINITE and not _a_name(sentence, indexes[0]):
        # What any one costs is its price ("A six-day adult pass costs SVR 2,450", "Tickets cost
        # 25 crowns"); a bare singular says what a deed or a debt costs ("Firefighting has cost 86
        # million florins"), a modal what one thing would ("A new ward would cost €5m").
        one = (_opened_by_one(sentence, indexes[0]) or looks_plural(sentence.lower(indexes[-1]))) \
            and sentence.lower(verb - 1) not in _MODALS
        return (price_of(sentence, verb) if one else None) or "cost"
    head = subject_noun(sentence, verb)[-2:]
    if not head or not all(w.isalpha() for w in head) or a_person(singular(head[-1])):
        return "cost"
    return f"{' '.join(head)} cost"


def _opened_by_one(sentence: Sentence, k: int) -> bool:
    """Whether the noun phrase at token k opens with "a", "an", "each", "every" or "one", past its
    modifiers ("A standard 800-gram loaf")."""
    for j in range(k, max(-1, k - 6), -1):
        word = sentence.lower(j)
        if word in ("a", "an", "each", "every", "one"):
            return True
        if word == "-" or word[:1].isdigit():
            continue                                   # "800-gram"
        if sentence.is_boundary(j) or (word in FUNCTION_WORDS | AUXILIARIES):
            return False
    return False


def price_of(sentence: Sentence, verb: int) -> str | None:
    """The price of what the verb's subject names: "A standard 800-gram loaf cost" -> "loaf
    price", "Tickets cost" -> "ticket price", "a litre of petrol costs" -> "petrol price"; None
    for a pronoun (a function word: no head) or a person."""
    priced = priced_item(sentence, verb)
    if priced:
        return priced
    head = subject_noun(sentence, verb)
    if not head or not head[-1].isalpha() or a_person(singular(head[-1])):
        return None
    return f"{singular(head[-1])} price"


def priced_item(sentence: Sentence, verb: int) -> str | None:
    """"The price of petrol rose", "a litre of petrol costs": "petrol price"."""
    indexes = subject_head(sentence, verb)
    if indexes and sentence.lower(indexes[-1]) in PRICE_UNITS | _PRICE_NOUNS and sentence.lower(indexes[-1] + 1) == "of":
        item = [sentence.lower(k) for k in range(indexes[-1] + 2, verb) if sentence.tokens[k].is_word
                and sentence.lower(k) not in FUNCTION_WORDS | AUXILIARIES]
        if item and item[-1].isalpha():
            return f"{singular(item[-1])} price"
    return None


def after_selling(sentence: Sentence, first: int) -> int | None:
    """The selling verb before a sum ("selling for an average of 1.80", "sold for $2m", "priced
    at 45 marls"), else None."""
    j = first - 1
    while j > 0 and (sentence.lower(j) in VOCAB.qualifiers or sentence.lower(j) in ("an", "average", "of")):
        j -= 1
    if sentence.lower(j) in ("for", "at") and sentence.lower(j - 1) in _SELLING_VERBS:
        return j - 1
    return None


def unit_price(sentence: Sentence, i: int, item_only: bool = False) -> str | None:
    """A sum for one unit of something, from token i after it: "for a litre of petrol" -> "petrol
    price"; unless item_only, "a litre" -> "price per litre", "a loaf" -> "loaf price"."""
    k = i + (sentence.lower(i) == "for")
    if sentence.lower(k) not in ("a", "an", "per", "each", "every") or sentence.lower(k + 1) not in PRICE_UNITS:
        return None
    unit = sentence.lower(k + 1)
    if sentence.lower(k + 2) in ("of", "for") and sentence.tokens[k + 3:k + 4] and sentence.tokens[k + 3].is_word:
        item = object_words(sentence, k + 3)
        if item and item[-1].isalpha():
            return f"{singular(item[-1])} price"
    if item_only:
        return None
    return f"price per {unit}" if unit in _PRICE_MEASURES else f"{unit} price"


_DEFINITE = frozenset({"the", "its", "their", "this", "that", "these", "those", "our", "his", "her"})


def _a_name(sentence: Sentence, k: int) -> bool:
    """Whether a capitalised word names something: "Line C", "the Vessel fund"; a sentence's
    first word is only capitalised ("Tickets cost") unless a capitalised word follows it."""
    return sentence.tokens[k].capitalised and (k > 0 or sentence.tokens[min(k + 1, len(sentence.tokens) - 1)].capitalised)
