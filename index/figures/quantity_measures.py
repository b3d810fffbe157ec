"""Naming what money, shares, measurements and levels are of.

A count names its measure by the noun it counts; a quantity with a unit names it by what the
unit measures. The readings, first that applies:
  the noun phrase it is "of" or "in":   "2,750 tonnes of ammonium nitrate" -> "ammonium nitrate"
                                        "$4.6bn in physical damage"        -> "damage" (vocabulary)
                                        "60% of Lebanon's imports"         -> "share of imports"
  an adjective of dimension after it:   "a crater 43 metres deep"          -> "crater depth"
                                        "felt 240 km away"                 -> "distance"
  the subject a verb sets or levels:    "put the economic losses at $2.9bn"-> "losses"
                                        "the magnitude was 3.4"            -> "magnitude"
  a table row's first cell:             "Physical damage | US$3.8bn"       -> "damage"
  the verb after it:                    "500 tonnes had exploded"          -> "exploded"
and otherwise the dimension itself ("distance", "mass", "money", "share"). Names from the
vocabulary (config/measures.toml) win, so "damage", "destruction" and "physical damage" are one.
"""
from __future__ import annotations

import re

from index.figures.grammar import (AUXILIARIES, BE_FORMS, COPULAS, DETERMINERS, ESTIMATE_NOUNS, FUNCTION_WORDS,
                                   GENERIC_NOUNS, MORE_OF_IT, OBJECT_PRONOUNS, OF_PREPOSITION,
                                   LEVEL_VERBS, POSSESSIVE_ENDINGS, QUANTITY_NOUNS, UNIT_NUMBERS,
                                   a_person, looks_past, singular, what_is_counted)
from index.figures.prices import (BARGAINING, CHARGED_AT, CHARGING_VERBS, COST_VERBS, LOSS_VERBS, OWING_VERBS,
                                  PAYING_VERBS, PRICE_UNITS, after_selling, cost_of, object_of_sum_verb, price_of,
                                  priced_item, side_of_a_vote, unit_price)
from index.figures.phrases import is_participle, source_figure_before, subject_head, subject_noun, subject_words
from index.figures.scope import REGION_WORDS
from index.figures.statements import PROJECTING_WORDS
from index.figures.mention import Mention
from index.figures.quantity_objects import TIME_NOUNS, object_words
from index.figures.text import CLOSING_QUOTES, QUOTES, Sentence, level_verb_before
from index.figures.vocabulary import MEASURE_PHRASES, QUALIFIER_WORDS, VOCAB, canonical_measure, unit_dimension

# Adjectives and adverbs after a measurement that say which dimension it gives.
DIMENSION_WORDS = {"deep": "depth", "across": "width", "wide": "width", "high": "height", "tall": "height",
                   "long": "length", "away": "distance", "off": "distance", "distant": "distance",
                   "thick": "thickness", "below": "depth", "underground": "depth", "down": "depth"}
# A gauge gives a water level in a length; what follows a length may make it a difference from one.
_GAUGE = re.compile(r"(?<!rain\s)(?<!snow\s)\b(?:gauges?|water[- ]levels?)\b", re.I)    # not a rain gauge's
_DIFFERENCE_WORDS = frozenset({"above", "below", "higher", "lower", "short", "more", "less", "under", "over",
                               "off", "from", "too"})
# Quakes before and after the main one, each with a magnitude of its own
_SHOCKS = frozenset({"aftershock", "foreshock"})
# A dimension compared with the figure: "as deep as 40 metres", "deeper than 40 metres", and of a
# percentage only steepness: "as steep as 12%", "steeper than the 9% on the signs".
_COMPARED_DIMENSIONS = {"length": {"deep", "wide", "high", "tall", "long", "thick"}, "percent": {"steep"}}
_STEEPNESS = {"steep": "gradient"}
_FEELS_LIKE = re.compile(r"\b(?:feels?|felt|feeling)\s+like\s+$", re.I)
_SKY = re.compile(r"\s+(?:the\s+)?(?:sky|air|atmosphere|stratosphere)\b", re.I)
# What a unit's dimension is called when nothing else names the measure.
DIMENSION_NAMES = {"length": "distance", "mass": "amount", "speed": "speed", "area": "area",
                   "flow": "flow", "volume": "volume", "temperature": "temperature", "magnitude": "magnitude",
                   "power": "power", "data": "amount of data"}
DEFAULT_NAMES = {"money": "amount of money", "percent": "share", "category": "level", "rate": "rate"}
_TRAILING_ADVERBS = frozenset({"now", "already", "yet", "still", "then", "overall", "altogether", "again", "alone"})


def quantity_measure(sentence: Sentence, mention: Mention) -> str:
    name = _quantity_measure(sentence, mention)
    if mention.kind == "money" and name in {DEFAULT_NAMES["money"], "price", "cost", *PRICE_UNITS}:
        # "2.35 marls a litre", "25 crowns a ticket", with nothing else naming what is sold
        name = unit_price(sentence, _past_conversion(sentence, sentence.index_at(mention.end))) or name
    if mention.kind == "percent" and name in _CHANGE_NAMES and _shares_in_clause(sentence, mention):
        return "share price"                          # "The stock fell a further 6% after an 18% drop"
    if mention.kind == "percent" and name in _CHANGE_NAMES - {"share"}:
        # "Food prices alone were 17.5% higher", "The marl closed 25% weaker": what changed
        subject = _subject(sentence, mention)
        name = _name(mention, subject, share=False) if subject else name
    if mention.kind == "money" and (name == DEFAULT_NAMES["money"] or name.split()[-1] in ("share", "stock")) \
            and sentence.lower(sentence.index_at(mention.start) - 1) in ("at", "to") and _shares_in_clause(sentence, mention):
        return "share price"                          # "Its shares ..., closing on Friday at TVL 45.60"
    return name


def _past_conversion(sentence: Sentence, i: int) -> int:
    """The token after an amount's restatement in brackets ("KVR 140m (€12.2m) in penalties": "in"), else i."""
    if sentence.lower(i) != "(":
        return i
    close = next((k for k in range(i + 1, min(i + 8, len(sentence.tokens))) if sentence.lower(k) == ")"), None)
    has_number = close is not None and any(t.text[:1].isdigit() for t in sentence.tokens[i + 1:close])
    return close + 1 if has_number else i


def _shares_in_clause(sentence: Sentence, mention: Mention) -> bool:
    """Whether a company's shares are named before the mention in its sentence, across commas
    ("Shares in Selvane, the sixth-largest lender, lost 38%", "..., down 19%") but not across
    a semicolon or a colon."""
    for j in range(sentence.index_at(mention.start) - 1, -1, -1):
        if sentence.is_boundary(j) and sentence.lower(j) != ",":
            return False
        if sentence.lower(j) in _STOCK_WORDS or canonical_measure(f"{sentence.lower(j)} {sentence.lower(j + 1)}") \
                == "share price":
            return True
    return False


def _quantity_measure(sentence: Sentence, mention: Mention) -> str:
    i = _past_conversion(sentence, sentence.index_at(mention.end))
    if sentence.lower(i) in CLOSING_QUOTES and sentence.lower(i + 1) == "of":
        i += 1                                      # '"more than two thirds" of its staff'
    word = sentence.lower(i)
    if mention.kind == "category":                  # a lettered scale's level ("G5"): that scale's
        if mention.unit and mention.unit.isupper():
            return f"{mention.unit} scale"
        return "alert colour" if mention.unit == "colour" else mention.unit or "level"
    if mention.kind == "measurement" and "temperature" in unit_dimension(mention.unit) \
            and _FEELS_LIKE.search(sentence.text, max(sentence.start, mention.start - 20), mention.start):
        return "feels-like temperature"             # "the wind chill made it feel like -40°C": not the air's
    priced = unit_price(sentence, i, item_only=True) if mention.kind == "money" else None
    if priced:
        return priced                                 # "2.60 marls for a litre of petrol", "2.90 marls a litre for petrol"
    side = side_of_a_vote(sentence, mention) if mention.kind == "percent" else None
    if side:
        return side                                   # "Members voted 77% to 23% in favour of the deal"
    if mention.kind == "money" and word == "for" and _after_verb(sentence, mention, _FINING_VERBS):
        return "fine"                                 # "fined the company ORM 3.5m for safety breaches": why
    # "an emergency fund of SK 1.2bn for tanker deliveries": the fund, not what it is for
    amount_of = word == "for" and sentence.lower(sentence.index_at(mention.start) - 1) == "of"
    # "rose 4.2% on the news", "fell 3% on weaker demand": why, not what ("spent $6m on players",
    # "paying 5.25% on savings accounts" are)
    paid = sentence.lower(sentence.index_at(mention.start) - 1) in PAYING_VERBS
    if (word in ("of", "in", "for", "on") or (word == "off" and mention.kind == "money")) \
            and not (mention.kind == "measurement" and word != "of") \
            and not (mention.kind == "percent" and word == "on" and not paid) \
            and not amount_of and not _has_own_figure(sentence, i + 1):
        phrase = object_words(sentence, i + 1)
        # "9.4% in the third quarter", "$2 billion in 2024": when, not what; "fell 11% in Velstad
        # trading": where
        # "7.9 km² of Veyra", "612 km of the Velna": where, not what
        named = i + 1 + (sentence.lower(i + 1) == "the")
        named_place = names_place(sentence, i + 1) if word != "of" else \
            mention.kind == "measurement" and named < len(sentence.tokens) and sentence.tokens[named].capitalised \
            and not sentence.tokens[named].text.isupper()      # "12 kilotons of TNT" names what
        if phrase and not named_place and not (word != "of" and phrase[-1] in TIME_NOUNS):
            return _name(mention, phrase, preposition=word)
    compared = _compared_dimension(sentence, mention)
    if compared:
        return compared
    weighed = _weighed(sentence, mention)
    if weighed:
        return weighed
    if mention.kind == "measurement":
        length = unit_dimension(mention.unit) == "length"
        dimension = DIMENSION_WORDS.get(word) if word not in ("from", "to") else \
            ("distance" if length and _direction(sentence, i) else None)   # not "45 km/h from the west"
        if length and word == "into" and _SKY.match(sentence.text, sentence.tokens[i].end):
            dimension = "height"                        # "ash about 12 km into the sky"
        if dimension:
            noun = _noun_before(sentence, sentence.index_at(mention.start) - 1)
            return f"{noun} {dimension}" if noun and dimension != "distance" else dimension
    if mention.kind == "measurement" and unit_dimension(mention.unit) == "length" and word not in _DIFFERENCE_WORDS \
            and _read_by_a_gauge(sentence, mention) and not _a_change(sentence, mention):
        # "The Pellgard gauge read 39 centimetres", "The river fell to 47 cm at the gauge": the
        # level the gauge reads (not "six centimetres above its low": how far from another)
        return "water level"
    if mention.kind == "percent" and word in ("over", "under") and sentence.tokens[i + 1:i + 2] \
            and sentence.tokens[i + 1].is_word and sentence.lower(i + 1) not in FUNCTION_WORDS | UNIT_NUMBERS.keys() \
            and sentence.lower(i + 1) not in TIME_NOUNS:     # not "8.5% over two years", "5% over the week"
        return f"{word} {sentence.lower(i + 1)}"      # "nearly 80% over capacity", as "40% below average"
    phrase = object_words(sentence, i)
    if phrase and mention.kind == "percent" and (phrase[-1].endswith("s") or sentence.text[mention.start:mention.end]
                                                 .lower().startswith("one in")):
        return _name(mention, phrase)                 # "one in four families", "45% households"
    shock = _shock_named(sentence, mention, phrase) if mention.unit == "magnitude" else None
    if shock:
        return f"{shock} magnitude"                   # "a magnitude 6.1 aftershock": not the quake's
    if phrase and mention.kind in ("money", "measurement") and canonical_measure(" ".join(phrase)):
        return _name(mention, phrase)                 # "$2 billion damage", "a 4.5 magnitude tremor"
    if phrase and mention.kind == "measurement" and mention.unit != "magnitude" \
            and _HYPHENATED.search(sentence.text, mention.start, mention.end):
        return _name(mention, phrase)                 # "the 1.2-kilometre bridge", "a 10-km exclusion zone"
    if phrase and mention.kind in ("money", "percent") and _modified_noun(sentence, i, phrase):
        # "a $500 million loan", "a 12% pay rise", "a 51% majority": the amount or percentage
        # of the thing the noun names, not a share of it
        return " ".join([*phrase[:-1], singular(phrase[-1])])
    if mention.kind == "money" and _after_verb(sentence, mention, _FINING_VERBS):
        return "fine"                                 # "fined Norrant Chemicals ORM 24m"
    first = sentence.index_at(mention.start)
    before = sentence.match_ending(first - 1, MEASURE_PHRASES) if mention.kind == "money" else None
    if before:
        return before[0]                              # "customers withdrew RVL 6.8bn"
    if sentence.lower(first - 1) == "worth" and mention.kind == "money":
        # "damage worth 3.1 billion dalans", "damage to shops worth ...": the head of the phrase
        head = first - 4 if sentence.lower(first - 3) in ("to", "of", "in", "at", "on", "for") else first - 2
        noun = _noun_before(sentence, head)
        if noun:
            return _name(mention, [noun])
    if sentence.lower(first - 1) == "for" and mention.kind == "money" and level_verb_before(sentence, first - 1) is None:
        # "its demand for TLN 1m", "an appeal for $2.4m": what asks for the sum (not "paid for",
        # not "Severance will account for SVR 1.1bn": its subject)
        noun = _noun_before(sentence, first - 2)
        if noun and not looks_past(noun) and not is_participle(noun) and not noun.endswith("ing"):
            return _name(mention, [noun])
    selling = after_selling(sentence, first) if mention.kind == "money" else None
    if selling is not None:                         # "found a loaf selling for 1.80 marls", "Diesel sold at 2.80"
        sold = sentence.tokens[selling - 1] if selling > 0 else None
        if sold is not None and sold.is_word and sold.lower.isalpha() and sold.lower not in FUNCTION_WORDS | AUXILIARIES:
            return f"{singular(sold.lower)} price"
        return price_of(sentence, selling) or "price"
    if mention.kind == "money" and sentence.lower(first - 1) in CHARGING_VERBS:
        return "price"                                # "most bakers are charging 1.65 marls"
    if mention.kind in ("money", "rate") and object_of_sum_verb(sentence, first, COST_VERBS):
        return cost_of(sentence, first)              # "the strike has cost the economy about €350m"
    if mention.kind == "money" and object_of_sum_verb(sentence, first, OWING_VERBS):
        return "debts"                                # "SkyVerra owed 2.1 billion sevels to its creditors"
    if mention.kind == "money" and object_of_sum_verb(sentence, first, LOSS_VERBS):
        return "losses"                               # "Airlines lost about 74 million kronds"
    if mention.kind == "percent" and sentence.lower(first - 1) == "at" and sentence.lower(first - 2) in CHARGED_AT:
        return "rate charged"                         # "the emergency credit line, charged at 7%"
    bargained = BARGAINING.get(sentence.lower(first - 1)) if mention.kind == "percent" else None
    if bargained:
        return bargained                              # "the company has offered 4.5%", "The union is demanding 9%"
    subject = _subject(sentence, mention)
    if subject:
        # "cut its claim to 10%", "a turnout of 68%": the percentage is the claim, not a share of
        # it; "the appeal was 52 per cent funded" is a share of the appeal
        return _name(mention, subject, share=is_participle(word) or word in ("complete", "full", "empty"))
    moving = _moving_subject(sentence, mention) or _extent_subject(sentence, mention)
    if moving:
        return moving
    row = _row_header(sentence, mention)
    if row:
        return _name(mention, row)
    verb = _verb_after(sentence, i)
    if verb:
        return _name(mention, [verb])
    return default_name(mention)


# A measurement written as an adjective: "1.2-kilometre", "10-km"
_HYPHENATED = re.compile(r"\d-[^\W\d]")


def _name(mention: Mention, words: list[str], preposition: str = "of", share: bool = True) -> str:
    known = _known_name(mention, words)
    if known and known != "magnitude" or (known == "magnitude" and mention.kind == "measurement"):
        name = known
    else:
        name = " ".join([*words[:-1], singular(words[-1]) if mention.kind != "percent" else words[-1]])
    if share and mention.kind == "percent" and not name.startswith(("share", "proportion", "percentage")):
        return f"share of {name}"
    return name


# "a low of 15.5%", "a peak of 46,000": an extreme of what the verb's subject measures
EXTREMES = frozenset({"low", "high", "peak", "record", "maximum", "minimum"})
# "Norrant shares slid 23%", "the company's stock fell 12%": the share price ("2 million shares"
# counts shares; "grain stocks" are reserves)
_STOCK_WORDS = frozenset({"shares", "stock"})
# Names a percentage takes from words that only say it is a change: "an 18% drop", "closed 18%
# lower", "19% below their level"
_CHANGE_NAMES = frozenset({"share", "drop", "fall", "rise", "gain", "loss", "decline", "slide", "lower", "higher",
                           "below", "above", "down", "up", "weaker", "stronger"})


def _known_name(mention: Mention, words: list[str]) -> str | None:
    """The vocabulary's name for the words naming a quantity, if it has one."""
    if mention.kind == "percent" and words[-1] in _STOCK_WORDS:
        return "share price"
    return canonical_measure(" ".join(words)) or canonical_measure(words[-1])


def names_place(sentence: Sentence, i: int) -> bool:
    """Whether the noun phrase from token i (after determiners) names a place: a proper name or
    a part of a country ("in Velstad trading", "in the north")."""
    while sentence.lower(i) in DETERMINERS:
        i += 1
    return i < len(sentence.tokens) and sentence.tokens[i].is_word \
        and (sentence.tokens[i].capitalised or sentence.lower(i) in REGION_WORDS)


def default_name(mention: Mention) -> str:
    """The name of a quantity no word names: its dimension ("distance") or kind ("share")."""
    if mention.kind == "measurement":
        dimension = unit_dimension(mention.unit)
        if dimension == "angle or temperature" and isinstance(mention.value, float) and mention.value < 0:
            return "temperature"                  # no angle is written below zero
        return DIMENSION_NAMES.get(dimension, dimension or "measurement")
    return DEFAULT_NAMES.get(mention.kind, mention.kind)


# Verbs between a noun and the measurement they level ("the ash reached 12 km"); not "was", after
# which the noun may head a longer phrase ("the ash column above the crater was 4 km high").
_REACHING_VERBS = LEVEL_VERBS - COPULAS


def _shock_named(sentence: Sentence, mention: Mention, after: list[str]) -> str | None:
    """The aftershock or foreshock a magnitude is of: named right after it ("a magnitude 6.1
    aftershock") or, when no quake is, a few words before it in its clause ("The strongest
    aftershock so far, of magnitude 6.1")."""
    if after:
        return singular(after[-1]) if singular(after[-1]) in _SHOCKS else None
    first = sentence.index_at(mention.start)
    for j in range(first - 1, max(-1, first - 7), -1):
        if sentence.is_boundary(j) and sentence.lower(j) != ",":
            return None
        if singular(sentence.lower(j)) in _SHOCKS:
            return singular(sentence.lower(j))
    return None


def _compared_dimension(sentence: Sentence, mention: Mention) -> str | None:
    """The dimension an adjective compares the figure in: "as steep as 12%" -> "gradient",
    "deeper than the 40 metres" -> "depth"; None for "higher than 9%" or "as many as"."""
    kind = "percent" if mention.kind == "percent" else \
        unit_dimension(mention.unit) if mention.kind == "measurement" else None
    if kind not in _COMPARED_DIMENSIONS:
        return None
    j = sentence.index_at(mention.start) - 1
    j -= sentence.lower(j) in ("the", "a", "an")
    if sentence.lower(j) == "as" and sentence.lower(j - 2) == "as":
        adjectives = [sentence.lower(j - 1)]
    elif sentence.lower(j) == "than" and sentence.lower(j - 1).endswith("er"):
        compared = sentence.lower(j - 1)
        adjectives = [compared[:-2], compared[:-1]]            # "deeper" -> "deep", "wider" -> "wide"
    else:
        return None
    adjective = next((a for a in adjectives if a in _COMPARED_DIMENSIONS[kind]), None)
    return (_STEEPNESS.get(adjective) or DIMENSION_WORDS.get(adjective)) if adjective else None


_WEIGHING = frozenset({"weighs", "weighed", "weigh", "weighing"})


def _weighed(sentence: Sentence, mention: Mention) -> str | None:
    """A mass a thing weighs is its weight: "The largest fragment weighs 740 grams" -> "fragment
    weight", "a stone weighing about 300 g" -> "stone weight"."""
    verb = sentence.index_at(mention.start) - 1
    if mention.kind != "measurement" or unit_dimension(mention.unit) != "mass" or sentence.lower(verb) not in _WEIGHING:
        return None
    # "The largest piece found so far weighs": the piece, not what was done to it
    nouns = [w for w in subject_noun(sentence, verb) if not looks_past(w) and not is_participle(w)]
    head = _noun_before(sentence, verb - 1) if sentence.lower(verb) == "weighing" else (nouns[-1:] or [None])[0]
    thing = singular(head) if head and head.isalpha() and not a_person(singular(head)) else None
    return f"{thing} weight" if thing else "weight"


def _noun_before(sentence: Sentence, j: int) -> str | None:
    """The noun right before a measurement, or before the verb that levels it: "a crater 43 metres
    deep", "a crater measuring 43 metres across", "the ash reached 12 km into the sky"."""
    j -= sentence.lower(j) in _REACHING_VERBS
    token = sentence.tokens[j] if 0 <= j < len(sentence.tokens) else None
    if token and token.is_word and token.lower not in FUNCTION_WORDS and token.lower not in AUXILIARIES:
        return singular(token.lower)
    return None


def _direction(sentence: Sentence, i: int) -> bool:
    """"240 km to the west", "1.5 km from the crater"."""
    nxt = {sentence.lower(i + 1), sentence.lower(i + 2)}
    return sentence.lower(i) == "from" or bool(nxt & {"north", "south", "east", "west", "northeast", "northwest",
                                                      "southeast", "southwest", "coast", "border", "capital"})


# "an average of 10.5%": a statistic of a share, no name of what it is a share of
_STATISTICS = frozenset({"average", "mean", "median"})


def _subject(sentence: Sentence, mention: Mention) -> list[str]:
    """The head of what a verb sets or levels at the figure: "put the losses at", "X was", "X of"."""
    j = sentence.index_at(mention.start) - 1
    if sentence.lower(j) == "from":
        moved = _object_of(sentence, j - 1, _CHANGING_VERBS)
        if moved:
            return moved                               # "took the policy rate from 9% to 19.5%"
    while j >= 0 and sentence.lower(j) in VOCAB.qualifiers or sentence.lower(j) in ("between", "from", *QUOTES) \
            or sentence.lower(j) in MORE_OF_IT or (sentence.lower(j) == "a" and sentence.lower(j + 1) == "further"):
        j -= 1                                         # 'put the cost at "at least ORM 520m"', "fell another 6%"
    if sentence.lower(j) == "of" and j > 0 and not OF_PREPOSITION.search(
            sentence.text, sentence.start, sentence.tokens[j].end):    # "losses of $15 billion", "a depth of 43 metres"
        phrase = _vocabulary_phrase_ending(sentence, j - 1)     # "a margin of error of 3 points"
        if phrase:
            return phrase
        words = _after_owner(_words_ending(sentence, j - 1))    # "the ministry's figure of ..."
        k = j - 1 - len(words)
        if words and sentence.lower(k) in ("for", "among", "in") and k > 0:
            # "the annual limit for nuclear workers of 20 mSv", "the turnout among the young of
            # 45%": what is measured heads the phrase, for whom or where qualifies it
            head = _after_owner(_words_ending(sentence, k - 1))
            before = sentence.lower(k - 1 - len(head))
            if head and head[-1] not in QUANTITY_NOUNS and (before in DETERMINERS or before.endswith(POSSESSIVE_ENDINGS)):
                words = head                  # a noun phrase ("the annual limit"), not a clause ("Insurers brace")
        if words and words[-1] in EXTREMES:
            # "the authority's count hit a low of 15.5%": the low of what the verb's subject is
            j = sentence.index_at(mention.start) - 1 - len(words) - 1
            while j >= 0 and sentence.lower(j) in DETERMINERS:
                j -= 1
        elif words and words[-1] not in QUANTITY_NOUNS and not (words[-1] in _STATISTICS and mention.kind == "percent"):
            return words
    # "above", "over" opening the figure stand where "at" would: "puts losses above $15 billion"
    qualified = sentence.text[mention.start].isalpha() and j >= 0 and sentence.tokens[j].is_word \
        and sentence.lower(j) not in FUNCTION_WORDS
    if sentence.lower(j) in ("at", "to") or qualified:
        # "put the economic losses at", "estimated the damage, which ..., at", "raised its appeal to"
        verbs = _CHANGING_VERBS if sentence.lower(j) == "to" else _SETTING_VERBS
        phrase = _object_of(sentence, j if qualified and sentence.lower(j) not in ("at", "to") else j - 1, verbs)
        if phrase:
            return phrase
    if sentence.lower(j) == "at" and sentence.lower(j - 1) in _SETTING_VERBS and j > 1 \
            and sentence.tokens[j - 2].is_word and sentence.lower(j - 2) not in FUNCTION_WORDS | AUXILIARIES | _BE:
        words = _words_ending(sentence, j - 2)         # "with the losses valued at SK 11.2bn"
        if words and words[-1] not in QUANTITY_NOUNS:
            return words
    k = j - 1 if sentence.lower(j) == "by" else j
    if mention.kind == "percent" and sentence.lower(k) in ("down", "up") and k > 0 \
            and sentence.tokens[k - 1].is_word and sentence.lower(k - 1) not in FUNCTION_WORDS | AUXILIARIES | _BE \
            and not looks_past(sentence.lower(k - 1)):          # "Shares closed down 4%": a verb's
        words = _words_ending(sentence, k - 1)         # "with wheat yields down by as much as 30%"
        if words and words[-1] not in QUANTITY_NOUNS:
            return words
    verb = level_verb_before(sentence, j)
    if verb is not None and mention.kind in ("percent", "money"):
        k = source_figure_before(sentence, verb)
        if k is not None and k > 0 and not sentence.is_boundary(k - 1):
            # "The Ministry of Water Resources' latest national figure is 21%": the figure, which
            # points back to what was measured (context.apply_back_references), not its owner
            words = _after_owner(_words_ending(sentence, k))
            if words:
                return words
    if verb is None and mention.kind == "percent" and sentence.lower(j) == "by":
        verb = level_verb_before(sentence, j - 1)      # "The prison population has grown by a fifth"
        moved = _object_of(sentence, j - 1, _CHANGING_VERBS) if verb is None else None
        if moved:
            return moved                               # "News of the deal lifted the marl by 8%"
    losing = verb is None and mention.kind == "percent" and sentence.lower(j) in _LOSING_VERBS
    if losing:
        verb = j                                       # "Shares in Norrant have lost 23%"
    if verb is None and sentence.lower(j) in ("at", "to") and sentence.lower(j - 1) in _SETTING_VERBS | _CHANGING_VERBS \
            and sentence.lower(j - 2) in _BE:
        verb = j - 1                                   # "Damage was estimated at": its subject, passive
    if verb is not None:
        phrase = _vocabulary_phrase_ending(sentence, verb - 1)  # "the margin of error is 2.5 points"
        if phrase:
            return phrase
        priced = priced_item(sentence, verb) if mention.kind == "money" else None
        if priced:
            return priced.split()                      # "The price of petrol rose to 2.35 marls"
        head = what_is_counted(subject_words(sentence, verb))
        while len(head) > 1:                           # "the oil recovered so far"
            if head[-2:] in (["so", "far"], ["to", "date"]):
                head = head[:-2]
            elif head[-1] in _TRAILING_ADVERBS:
                head = head[:-1]
            else:
                break
        # "the share of deposits that was insured was": the share, not what the clause says of it
        relative = next((k for k, w in enumerate(head) if w in ("that", "which", "who")), None)
        head = head[:relative] if relative else head
        head = head[-3:]
        while head and head[0] in FUNCTION_WORDS | {"having"}:     # "having fallen as much as 52%"
            head = head[1:]
        # what lost a share of itself is a thing the vocabulary knows ("shares"), not any
        # subject ("the ruling party gained 12%" may be of the vote)
        if head and (not losing or _known_name(mention, head)):
            return head
    return []


# Verbs of motion whose speed a figure gives: "the train was travelling at 160 km/h".
_MOTION_VERBS = frozenset({"blowing", "gusting", "travelling", "traveling", "moving", "flowing", "running", "driving",
                           "flying", "going", "heading", "spinning", "spreading", "advancing"})


def _moving_subject(sentence: Sentence, mention: Mention) -> str | None:
    """"(The train was) travelling at 160 km/h" -> "train speed": the speed of what moves, apart
    from a limit or another thing's speed in the same story."""
    if unit_dimension(mention.unit) != "speed":
        return None
    j = sentence.index_at(mention.start) - 1
    if sentence.lower(j) in _MOTION_VERBS:                                      # "winds blowing up to 60 km/h"
        j += 1
    elif sentence.lower(j) == "to" and sentence.lower(j - 1) in _MOTION_VERBS:   # "winds gusting to 110 km/h"
        j += 1
    elif sentence.lower(j) != "at":
        return None
    k = j - 1
    while k >= 0 and k > j - 4 and sentence.lower(k) not in _MOTION_VERBS:   # "moving north-west at"
        if not sentence.tokens[k].is_word:
            return None
        k -= 1
    if k < 0 or sentence.lower(k) not in _MOTION_VERBS:
        return None
    if canonical_measure(sentence.lower(k)):                                    # "gusting": the gusts
        return canonical_measure(sentence.lower(k))
    head = [sentence.lower(h) for h in subject_head(sentence, k)
            if sentence.tokens[h].is_word and sentence.lower(h) not in DETERMINERS]
    return f"{singular(head[-1])} speed" if head else None


# Verbs saying how far or wide a thing reaches: "the queue stretched back some 400 metres".
_EXTENT_VERBS = frozenset({"stretched", "stretches", "stretching", "stretch", "extended", "extends", "extending",
                           "extend", "spanned", "spans", "spanning", "span"})
_EXTENT_PARTICLES = frozenset({"back", "for", "over", "along", "across", "out", "some", "about", "roughly", "nearly",
                               "\"", "“"})


def _extent_subject(sentence: Sentence, mention: Mention) -> str | None:
    """"The crowd outside stretched back some 400 metres" -> "crowd outside": the length or area
    of what stretches, apart from other distances in the story."""
    if unit_dimension(mention.unit) not in ("length", "area"):
        return None
    j = sentence.index_at(mention.start) - 1
    while j > 0 and sentence.lower(j) in _EXTENT_PARTICLES:
        j -= 1
    if sentence.lower(j) not in _EXTENT_VERBS:
        return None
    head = []
    for h in subject_head(sentence, j):
        if sentence.tokens[h].capitalised and head:
            break                                      # "the queue outside the North End": a place, its scope
        if sentence.lower(h) in OBJECT_PRONOUNS:
            head = []                                  # "told me the queue ...": the subject follows
        elif sentence.tokens[h].is_word and sentence.lower(h) not in DETERMINERS:
            head.append(sentence.lower(h))
    head = [w for w in head[-3:] if w not in FUNCTION_WORDS]
    return _name(mention, head) if head else None


# Verbs whose amount is what they say it is, whoever pays: "fined Norrant Chemicals ORM 24m".
_FINING_VERBS = frozenset({"fined", "fines", "fine", "fining"})


def _after_verb(sentence: Sentence, mention: Mention, verbs: frozenset[str]) -> bool:
    """Whether one of verbs stands within four words before the mention, in its clause."""
    j = sentence.index_at(mention.start) - 1
    for k in range(j, max(-1, j - 5), -1):
        if sentence.is_boundary(k):
            return False
        if sentence.lower(k) in verbs:
            return k == j or sentence.tokens[k + 1].is_word
    return False


def _has_own_figure(sentence: Sentence, i: int) -> bool:
    """Whether the noun phrase from token i is measured by a figure of its own: "(77%) on a
    turnout of 58%" -- the turnout is 58%, not 77%."""
    for k in range(i, min(len(sentence.tokens) - 1, i + 6)):
        word = sentence.lower(k)
        if word == "of":
            following = sentence.tokens[k + 1].text
            return following[:1].isdigit() or following[:1] in "$€£¥"
        if not sentence.tokens[k].is_word or (word in FUNCTION_WORDS and word not in DETERMINERS):
            return False
    return False


def _modified_noun(sentence: Sentence, i: int, phrase: list[str]) -> bool:
    """Whether the words after a number are a noun it modifies ("loan" in "a $500 million loan"),
    not a time ("$2 billion last year"), a name or a verb."""
    token = sentence.tokens[i]
    last = phrase[-1]
    return not token.capitalised and not TIME_NOUNS.intersection(phrase) and not last.endswith(("ing", "ly")) \
        and not looks_past(last) and len(phrase) <= 3


_SETTING_VERBS = VOCAB.setting_verbs | {"estimated", "estimates", "estimate", "valued", "values", "value", "assessed",
                                         "assesses", "calculated", "calculates", "measured", "measures", "recorded",
                                         "records"}     # "measured ammonia at 38 ppm"
_BE = COPULAS | BE_FORMS                       # "was estimated at", "remained valued at"
# Verbs that move a quantity to a new level: "raised its appeal to $18.5 million".
# Verbs whose object is how much of its value the subject lost or gained ("shares slid 23%");
# not level verbs, as "lost 400 jobs" counts jobs.
_LOSING_VERBS = frozenset({"lost", "loses", "lose", "shed", "sheds", "gained", "gains", "slid", "slide", "slides",
                           "sank", "sinks", "slumped", "slumps", "crashed", "tumbles", "plunges", "drops", "falls"})
_CHANGING_VERBS = frozenset({"raised", "raises", "lowered", "lowers", "revised", "revises", "cut", "cuts", "increased",
                             "increases", "reduced", "reduces", "updated", "updates", "brought", "brings", "lifted",
                             "lifts", "pushed", "pushes", "upgraded", "downgraded", "scaled", "trimmed",
                             # "..., taking the cost to 7.5%", "bringing the toll to 45"
                             "taking", "bringing", "pushing", "lifting", "raising", "took", "takes"})


_OBJECT_REACH = 20


_ASIDE_OPENERS = frozenset({"including", "excluding", "which", "who", "whose", "not", "counting", "among"})


def _object_of(sentence: Sentence, k: int, verbs: frozenset[str]) -> list[str]:
    """The noun phrase after one of `verbs` within _OBJECT_REACH tokens before token k, reaching
    over one clause set off by commas ("estimated the damage, which ..., at") ("revised its own
    count of babies who died in its maternity units between 2012 and 2022 from 118 to 187")."""
    stop, skipped = k - _OBJECT_REACH, False
    while k >= 0 and k > stop:
        if sentence.text[sentence.tokens[k].start] == "," and not skipped:
            commas = [c for c in range(k - 1, max(-1, k - 25), -1) if sentence.text[sentence.tokens[c].start] == ","]
            if not commas:
                return []
            # the comma an aside opens at, past a list inside it ("the cost of the clean-up,
            # including the forensic work, letters to customers and ..., at")
            opening = next((c for c in commas if sentence.lower(c + 1) in _ASIDE_OPENERS), commas[0])
            k, stop, skipped = opening - 1, opening - 12, True
            continue
        if sentence.is_boundary(k):
            return []
        if sentence.lower(k) in verbs:
            k += sentence.lower(k + 1) in ("up", "down")      # "revised down its count of ... to"
            phrase = object_words(sentence, k + 1)
            if phrase and phrase[-1] in ESTIMATE_NOUNS:
                # "raised its estimate of insured losses to": the losses, not the estimate
                of = next((j for j in range(k + 1, min(len(sentence.tokens), k + 7)) if sentence.lower(j) == "of"), None)
                inner = object_words(sentence, of + 1) if of is not None else []
                after = of + 1 + len(inner) if of is not None else 0
                if inner and all(w in GENERIC_NOUNS for w in inner) and is_participle(sentence.lower(after)):
                    inner = [*inner, sentence.lower(after)]        # "count of people treated as outpatients"
                return inner or phrase
            return phrase
        k -= 1
    return []


def object_set_at(sentence: Sentence, mention: Mention) -> list[str]:
    """What a setting verb puts at the figure: "put the closure at 11 days" -> ["closure"]."""
    j = sentence.index_at(mention.start) - 1
    return _object_of(sentence, j - 1, _SETTING_VERBS) if sentence.lower(j) == "at" else []


def set_object(sentence: Sentence, mention: Mention) -> list[str]:
    """What a setting verb sets at a count no word names: "put cancellations across its network
    at 610" -> ["cancellations"]; not a source's own figure ("put the number at")."""
    j = sentence.index_at(mention.start) - 1
    while j >= 0 and sentence.lower(j) in QUOTES:
        j -= 1
    if sentence.lower(j) not in ("at", "to"):
        return []
    # "raised its count of homes destroyed to 418": what a changing verb moves to the figure
    phrase = _object_of(sentence, j - 1, _SETTING_VERBS if sentence.lower(j) == "at" else _CHANGING_VERBS)
    if not phrase or phrase[-1] in ESTIMATE_NOUNS:
        return []
    if len(phrase) > 1 and phrase[0] in GENERIC_NOUNS and is_participle(phrase[-1]):
        return phrase[-1:]                             # "its count of people treated as outpatients": treated
    if not phrase[-1].endswith("s"):
        # a singular noun names a count as a question's word would ("put the turnout at 100,000": the crowd)
        alias = VOCAB.question_aliases.get(phrase[-1])
        return [alias] if alias else []
    # what was done to them, said after them, tells this count from others ("homes destroyed")
    done = next((sentence.lower(k + 1) for k in range(j - 1, max(-1, j - 8), -1)
                 if sentence.lower(k) == phrase[-1] and is_participle(sentence.lower(k + 1))), None)
    return [f"{done}:", *phrase] if done else phrase


def _read_by_a_gauge(sentence: Sentence, mention: Mention) -> bool:
    """Whether a gauge stands in the figure's clause, before it or right after ("at the Pellgard
    gauge"): not "the tide gauge recorded 3.2 metres; the survey raised its run-up to 7.1 metres"."""
    text = sentence.text
    opening = max(text.rfind(mark, sentence.start, mention.start) for mark in (";", ":", "—"))
    closing = min((k for k in (text.find(mark, mention.end, sentence.end) for mark in (";", ",", ":")) if k >= 0),
                  default=sentence.end)
    return bool(_GAUGE.search(text, max(opening, sentence.start), mention.start)
                or _GAUGE.search(text, mention.end, closing))


def _a_change(sentence: Sentence, mention: Mention) -> bool:
    """Whether the figure is by how much something moves: "could drop by as much as 10 cm", "a
    further 5 to 7 centimetres", "another 12 cm"."""
    j = sentence.index_at(mention.start) - 1
    while j >= 0 and sentence.lower(j) in QUALIFIER_WORDS:
        j -= 1
    return sentence.lower(j) in ("by", "further", "another", "extra", "additional")



def _vocabulary_phrase_ending(sentence: Sentence, j: int) -> list[str]:
    """The words of a vocabulary phrase of more than one word ending at token j ("margin of
    error"), which "of" or a level verb after it must not cut."""
    phrase = sentence.match_ending(j, MEASURE_PHRASES)
    return [t.lower for t in sentence.tokens[j + 1 - phrase[1]:j + 1]] if phrase and phrase[1] > 1 else []


def _after_owner(words: list[str]) -> list[str]:
    """The words after the last possessive: the figure, not whose it is ("ministry's figure")."""
    owner = max((k for k, w in enumerate(words) if w.endswith(POSSESSIVE_ENDINGS)), default=-1)
    return words[owner + 1:]


def _words_ending(sentence: Sentence, j: int) -> list[str]:
    """Up to three content words ending at token j, not reaching over a verb after its subject
    ("Corvane recorded demand of 52.4 GW" -> "demand"; "the insured share of" keeps "insured")."""
    words: list[str] = []
    while j >= 0 and len(words) < 3:
        token = sentence.tokens[j]
        if not token.is_word or token.lower in FUNCTION_WORDS or token.lower in AUXILIARIES:
            break
        # "Corvane recorded demand of", "The bank forecasts growth of", "It now expects inflation of"
        verb = looks_past(token.lower) or token.lower in PROJECTING_WORDS or token.lower in VOCAB.attribution_verbs \
            or token.lower in VOCAB.setting_verbs
        if words and verb and j > 0 and (_subject_like(sentence.tokens[j - 1]) or not looks_past(token.lower)):
            break
        words.insert(0, token.lower)
        j -= 1
    return words


def _subject_like(token) -> bool:
    """A name or a plural noun before a past form makes it a verb ("Corvane recorded", "officials
    recorded"); after an adjective it is an adjective too ("maximum sustained winds")."""
    return token.is_word and token.lower not in FUNCTION_WORDS and (
        token.capitalised or (token.lower.endswith("s") and not token.lower.endswith("ss")))


def _row_header(sentence: Sentence, mention: Mention) -> list[str]:
    """A table row ("Physical damage | US$3.8bn | ..."): its first cell names the figures."""
    text = sentence.text[sentence.start:mention.start]
    if "|" not in text:
        return []
    first = text.strip().strip("|").split("|")[0]
    words = [w.lower() for w in first.split() if w.isalpha()]
    return words[-4:] if words else []


def _verb_after(sentence: Sentence, i: int) -> str | None:
    """"500 tonnes had exploded" -> "exploded"; "more than RVL 9bn had been withdrawn" (a
    vocabulary word) -> "withdrawn"."""
    while sentence.lower(i) in AUXILIARIES:
        i += 1
    word = sentence.lower(i)
    return word if looks_past(word) or canonical_measure(word) else None
