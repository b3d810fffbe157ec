"""The place a figure is about, when its clause names one: "12 killed in the north", "felt in
Cyprus", "across the capital". Figures of one measure in different places are different facts,
never a disagreement: the answer engine keeps them apart (see bot/answer/event.py), treating the
place most of the articles name as the event's own (no scope).

Groups ("children", "foreign nationals") are read by the measure itself as subgroups
("killed: children"); the scope holds places.
"""
from __future__ import annotations

from index.figures.grammar import DETERMINERS, FUNCTION_WORDS, MONTHS, OWNER_ENDINGS, WEEKDAYS
from index.figures.mention import Mention
from index.figures.text import Sentence, after_speaker_label
from index.figures.vocabulary import VOCAB

PLACE_PREPOSITIONS = frozenset({"in", "across", "throughout", "outside", "inside"})
# Parts of a country or city named without a proper noun: "in the north", "across the capital".
REGION_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                          "northern", "southern", "eastern", "western", "central", "capital", "countryside",
                          "suburbs", "province", "provinces", "region", "regions", "coast", "interior", "highlands",
                          "lowlands", "valley", "delta", "mountains", "islands", "island", "city", "centre", "center",
                          "border", "borderlands", "hinterland", "rural", "urban"})
# Nouns for a kind of place that "of" and a name follow: "the port city of Lessa".
PLACE_NOUNS = REGION_WORDS | {"town", "village", "district", "county", "state", "port", "municipality", "suburb",
                              "neighbourhood", "neighborhood", "republic", "kingdom", "area", "lake"}
_PARTS = frozenset({"hill", "plain", "part", "zone", "quarter", "forest", "farmland"})
REGION_ADJECTIVES = frozenset({"northern", "southern", "eastern", "western", "central", "rural", "urban"})
# Words that set a place beside another: "neighbouring Stravany" (bot/answer/event.py: never the event's own)
NEIGHBOUR_WORDS = frozenset({"neighbouring", "neighboring", "nearby", "adjacent", "adjoining"})
NEAR_WORDS = NEIGHBOUR_WORDS | {"distant", "remote"}
_NOT_PLACES = frozenset({*MONTHS, *(w.lower() for w in WEEKDAYS), "total", "all", "addition", "particular",
                         "fact", "short", "general", "response", "return", "contrast", "time", "place", "case"})
# What one holds in a company: "shares in Ardenvolt", "a stake in Norrant".
_HOLDINGS = frozenset({"shares", "stake", "stakes", "stock", "stocks", "holding", "holdings"})
_AFTER = 8        # tokens after the figure where its place may be named
_BEFORE = 8


def in_scope(measure: str, scope: str) -> str:
    """The name a measure's figures about another place are kept apart under ("damage in Norvania")."""
    return f"{measure} in {scope}"


def scope_of(sentence: Sentence, mention: Mention) -> str | None:
    """The place the figure's clause names next to it, as written ("the north", "Cyprus")."""
    first = sentence.index_at(mention.start)
    last = sentence.index_at(mention.end - 1)
    for i in range(last + 1, min(len(sentence.tokens), last + 1 + _AFTER)):
        if _ends_clause(sentence, i) or _event_name_at(sentence, i):
            break                                      # "died in Storm Ysolde": an event, not a place
        place = _place_at(sentence, i)
        if place:
            return place
    for i in range(first - 1, max(-1, first - 1 - _BEFORE), -1):
        if _ends_clause(sentence, i):
            break
        place = _place_at(sentence, i)
        if place:
            return place
    # "... in neighbouring Velt province, where officials linked 620 cases": the place "where" refers to.
    for i in range(first - 1, -1, -1):
        if _ends_clause(sentence, i):
            break
        if sentence.lower(i) == "where" and i >= 2 and sentence.tokens[i - 1].text == ",":
            for k in range(i - 2, max(-1, i - 2 - _BEFORE), -1):
                place = _place_at(sentence, k)
                if place:
                    return place
            return _name_before(sentence, i - 2)      # "reached the border town of Lisk overnight, where"
        if sentence.lower(i) in ("which", "whose") and i >= 2 and sentence.tokens[i - 1].text == "," \
                and all(t.text != "," for t in sentence.tokens[i:first]):      # inside the clause
            # "Vellmar Savings Bank in neighbouring Vessoria, which failed with a hole of €1.4bn":
            # what the clause tells of is in the place its antecedent ends with
            k = i - 2
            while k > 0 and sentence.tokens[k].is_word and (sentence.tokens[k].capitalised or sentence.lower(k) in
                                                             NEAR_WORDS | DETERMINERS | PLACE_NOUNS):
                k -= 1
            place = _place_at(sentence, k) if k < i - 2 else None
            if place:
                return place
    # "In Norvania, which the storm crossed first, the government put damage at $310 million":
    # a place fronted before the first comma places the whole sentence.
    # "Here in Kostrin, ...", "Meanwhile in the north, ..." too.
    # A transcript's speaker label comes first: "PRESENTER: Across the border, ...".
    o = after_speaker_label(sentence)
    fronted = _place_at(sentence, o) or (_place_at(sentence, o + 1) if sentence.lower(o) in _OPENING_ADVERBS else None) \
        or _owner_of_fronted_place(sentence, o)
    if fronted and any(t.text == "," for t in sentence.tokens[o + 1:first]):
        return fronted
    return demonym_subject(sentence) or neighbour_subject(sentence, o)


def pointed_there(sentence: Sentence, before: Sentence | None) -> str | None:
    """The place "There," opening the sentence points back to: the last one the sentence before
    names ("The picture is different in neighbouring Haldria. There, calls were reached in an
    average of 26 minutes")."""
    o = after_speaker_label(sentence)
    if before is None or sentence.lower(o) != "there" or sentence.lower(o + 1) != ",":
        return None
    places = [place for i in range(len(before.tokens)) for place in [_place_at(before, i)] if place]
    return places[-1] if places else None


def neighbour_subject(sentence: Sentence, o: int) -> str | None:
    """The place set beside the event's that opens the sentence: "Neighbouring Haldria, which runs
    its own health board, reports 97,300 people on its waiting list" is about Haldria."""
    if sentence.lower(o) not in NEIGHBOUR_WORDS:
        return None
    words: list[str] = []
    for token in sentence.tokens[o + 1:o + 4]:
        if not (token.is_word and token.capitalised) or token.lower in VOCAB.source_nouns:
            break
        owner = token.text.endswith(OWNER_ENDINGS)          # "Nearby Ostrevia's central bank"
        words.append(token.text[:-2] if owner else token.text)
        if owner:
            break
    if not words or words[-1].lower() in _NOT_PLACES:
        return None
    return " ".join(words)


def demonym_subject(sentence: Sentence) -> str | None:
    """The country whose people or bodies open the sentence: "Quellarian police made 85 arrests"
    is about Quellaria. A demonym no vocabulary knows ("Quellarian") names its country without
    the final n, as most do for a country ending in -a; the engine also finds the country written
    as the demonym (bot/answer/event.py home_places)."""
    i = 1 if sentence.lower(0) == "the" else 0
    # a capital after it makes the demonym part of a name ("The Tirvan University study")
    if i + 1 >= len(sentence.tokens) or not sentence.tokens[i].capitalised \
            or sentence.lower(i + 1) not in VOCAB.source_nouns or sentence.tokens[i + 1].capitalised:
        return None
    word = sentence.tokens[i].text
    known = VOCAB.nationalities.get(word.lower())
    if known:
        return known
    return word[:-1] if word.endswith(("ian", "an")) and len(word) > 5 else None


def _owner_of_fronted_place(sentence: Sentence, o: int) -> str | None:
    """"On Stravany's Ormen river, about 21 tonnes of fish died": the country a fronted place
    belongs to."""
    token = sentence.tokens[o + 1] if o + 1 < len(sentence.tokens) else None
    if sentence.lower(o) not in ("on", "along", "at", "by") or token is None or not token.capitalised \
            or not token.text.endswith(("'s", "’s")) or token.text[:-2].lower() in _NOT_PLACES:
        return None
    return token.text[:-2]


_OPENING_ADVERBS = frozenset({"here", "there", "also", "and", "but", "meanwhile", "elsewhere", "even", "back",
                              "further", "only", "still"})


def _name_before(sentence: Sentence, k: int) -> str | None:
    """A proper name ending at token k or one word before it ("Lisk overnight"), after a place
    noun and "of" ("the border town of Lisk")."""
    if k >= 1 and not sentence.tokens[k].capitalised and sentence.tokens[k - 1].capitalised:
        k -= 1                                          # a word of time after the name
    if k < 1 or not sentence.tokens[k].is_word or not sentence.tokens[k].capitalised \
            or sentence.lower(k - 1) != "of" or sentence.lower(k - 2) not in PLACE_NOUNS:
        return None
    return sentence.tokens[k].text


# Words that make a name a lake, a mountain or an island, which "on" places things on
_WATER_AND_LAND = frozenset({"lake", "lakes", "mount", "mountain", "island", "isle", "islands", "river", "bay", "gulf",
                             "sea", "loch", "peninsula"})


def _named_water_or_land(sentence: Sentence, j: int) -> bool:
    """Whether a name from token j (after "the") is of a lake, a mountain or an island: "Lake Veyl",
    "the River Ostra", "Tessel Island"."""
    j += sentence.lower(j) == "the"
    name = [k for k in range(j, min(j + 3, len(sentence.tokens)))
            if sentence.tokens[k].is_word and sentence.tokens[k].capitalised]
    name = name[:next((n for n, k in enumerate(name) if k != j + n), len(name))]
    return any(sentence.lower(k) in _WATER_AND_LAND for k in name) and len(name) > 1


def _ends_clause(sentence: Sentence, i: int) -> bool:
    """Punctuation other than a comma ends the stretch a place may be named in ("felt in Cyprus,
    about 240 km away" keeps Cyprus; "in Cyprus; 30 in Beirut" does not)."""
    return sentence.is_boundary(i) and sentence.tokens[i].text != ","


def _event_name_at(sentence: Sentence, i: int) -> bool:
    """Whether a preposition of place at token i opens an event's name ("in Storm Ysolde")."""
    j = i + 1
    while sentence.lower(j) in DETERMINERS:
        j += 1
    return sentence.lower(i) in PLACE_PREPOSITIONS and j < len(sentence.tokens) and sentence.tokens[j].capitalised \
        and sentence.lower(j) in VOCAB.events


def _place_at(sentence: Sentence, i: int) -> str | None:
    """The place named after a preposition of place at token i: "the north", "Cyprus", "Velt
    province" (a near-word before it is dropped: "in neighbouring Velt province")."""
    if sentence.lower(i) == "on" and _named_water_or_land(sentence, i + 1):
        pass                                           # "the bloom on Lake Veyl", "on Mount Orvath"
    elif sentence.lower(i) not in PLACE_PREPOSITIONS or sentence.lower(i - 1) in _HOLDINGS:
        return None                                    # "shares in Ardenvolt": a company, not a place
    j = i + 1
    while sentence.lower(j) in DETERMINERS:
        j += 1
    # "in the port city of Lessa", "in the northern province of Velt": the name after "of"
    k = j
    while k < len(sentence.tokens) and k < j + 3 and sentence.tokens[k].is_word and not sentence.tokens[k].capitalised \
            and sentence.lower(k) not in FUNCTION_WORDS:
        k += 1
    if k > j and sentence.lower(k - 1) in PLACE_NOUNS and sentence.lower(k) == "of" \
            and k + 1 < len(sentence.tokens) and sentence.tokens[k + 1].capitalised:
        j = k + 1
    first = j
    words: list[str] = []
    while j < len(sentence.tokens) and len(words) < 4:
        token = sentence.tokens[j]
        lower = token.lower
        if not token.is_word or lower.removesuffix("'s").removesuffix("’s") in _NOT_PLACES:
            break                                      # "in Sunday's election" names a day, not a place
        if not words and lower in NEAR_WORDS and j + 1 < len(sentence.tokens) and sentence.tokens[j + 1].capitalised:
            j = first = j + 1
            continue
        if token.capitalised and lower not in FUNCTION_WORDS and lower not in VOCAB.source_nouns:
            if token.text.endswith(("'s", "’s")):          # "Beirut's port district" is in Beirut
                return " ".join([*words, token.text[:-2]]) if words else token.text[:-2]
            words.append(token.text)
        elif lower in REGION_WORDS:                        # "the north", "Velt province"
            words.append(lower)
        else:
            break
        j += 1
    if not words:
        return None
    if words[-1] in REGION_ADJECTIVES and j < len(sentence.tokens) and sentence.tokens[j].is_word \
            and not sentence.tokens[j].capitalised:
        if sentence.lower(j).removesuffix("s") not in PLACE_NOUNS | _PARTS:
            return None                                # "in the central pens": which pens, not where
        j += 1                                         # "the central districts", "the northern hills"
    if words[0].islower() and first > i + 1:           # "the north" reads as a place, "north" does not
        first = i + 1
    return sentence.text[sentence.tokens[first].start:sentence.tokens[j - 1].end]
