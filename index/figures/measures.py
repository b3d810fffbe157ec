"""Naming what a count counts, the same way across sources.

The words right after the number ("84 fatalities", "84 people were killed"), else a vocabulary
word before it ("killed 84", "death toll ... 84"); a noun the vocabulary does not know becomes
the measure itself ("3 ambulances"); a count with no noun is named by what was done to it
("1,310 confirmed") or by the subject a level verb sets ("Confirmed cases were revised down to
1,050"). Ordinals and durations are named in time_measures.py, money and other quantities in
quantity_measures.py, and rules that read the rest of the sentence or paragraph in context.py.
"""
from __future__ import annotations

import re

from index.figures.grammar import (
    AUXILIARIES,
    BE_FORMS,
    CLAUSE_WORDS,
    COLLECTIVE_NOUNS,
    COPULAS,
    DAY_WORDS,
    DETERMINERS,
    FUNCTION_WORDS,
    GENERIC_NOUNS,
    GROUP_MODIFIERS,
    GROUP_SIZE_NOUNS,
    IRREGULAR_PAST,
    LEVEL_VERBS,
    OF_PREPOSITION,
    OWNER_ENDINGS,
    POPULATION_NOUNS,
    PREPOSITIONS,
    QUANTITY_NOUNS,
    UNIT_NUMBERS,
    a_person,
    looks_past,
    looks_plural,
    plural,
    singular,
    what_is_counted,
)
from index.figures.mention import Mention
from index.figures.scope import PLACE_NOUNS
from index.figures.phrases import (
    PARTICLES,
    REPORTING_WORDS,
    after_aside,
    after_auxiliaries,
    is_participle,
    noun_phrase,
    noun_phrase_name,
    phrase_measure,
    subject_head,
    subject_words,
    verb_phrase,
)
from index.figures.tables import header_measure
from index.figures.text import CLOSING_QUOTES, QUOTES, Sentence, Token, level_verb_before
from index.figures.vocabulary import (
    MEASURE_PHRASES,
    OWN_WORDS,
    PEOPLE_PHRASES,
    QUALIFIER_PHRASES,
    VOCAB,
    canonical_measure,
)


# A count written as an adjective of a place's or a group's size: "a 250-bed treatment centre",
# "a 40-seat bus", "a 12-storey tower", "a nine-member team"
_SIZED_BY = re.compile(r"-(bed|seat|room|storey|floor|member|berth|cell|page|carriage|lane)\b(?!-)", re.I)


def count_measure(sentence: Sentence, mention: Mention, mentions: list[Mention]) -> None:
    """What a count counts, read from the words after it, then the words before it.

    "84 fatalities" / "84 people were killed" -> killed; "killed 103 people" -> killed;
    "3 ambulances" -> "ambulances"; "three civilians were killed" -> "killed: civilians".
    """
    sized = _SIZED_BY.match(sentence.text, mention.end, sentence.end)
    if sized:                                         # "a 250-bed treatment centre": 250 beds
        mention.measure, mention.end = plural(sized.group(1).lower()), sized.end()
        return
    i = after_number = sentence.index_at(mention.end)
    if sentence.text[mention.start - 1:mention.start] in QUOTES and sentence.lower(i) in CLOSING_QUOTES \
            and looks_plural(sentence.lower(i + 1)):
        i = after_number = i + 1                      # 'said "more than 400" people had been arrested'
    if given_by(sentence, sentence.index_at(mention.start), i):
        mention.measure = None                        # "the 250,000 claimed by the organisers": a source's
        return                                        # figure for what the sentence counts (context.py)
    partitive = False
    if sentence.lower(i) == "of":                       # "dozens of people", "two of its members"
        i += 1
        partitive = sentence.lower(i) in DETERMINERS
        while sentence.lower(i) in DETERMINERS:
            i += 1
    # "two of the dead were children": a part of a counted group is not its total;
    # "one of the bombers" is no count at all ("4,000 of them went on strike" names its group before)
    part_of = sentence.match(i, MEASURE_PHRASES) if partitive and sentence.lower(i - 1) != "them" else None
    if part_of and mention.value != 1 and _in_a_place(sentence, i + part_of[1]):
        mention.measure = part_of[0]                  # "Nine of the dead were in Cardel": the toll there
        return
    # "Twenty-three of the injured remained in hospital": where the part stays names it; "Two of
    # the dead were children": a group of the measure, as "Among the dead were two children"
    state = (state_place(sentence, i + part_of[1]) or _group_it_is(sentence, i + part_of[1], part_of[0])) \
        if part_of and mention.value != 1 else None
    if partitive and (mention.value == 1 or part_of):
        mention.measure = state
        return
    listed = sentence.lower(sentence.index_at(mention.start) - 1) in ("and", "or", ",")
    # an item whose verb the items before it share ("45 aircraft and 210 engines are assigned")
    sharing = listed and _shares_a_verb(sentence, sentence.index_at(mention.start) - 1)
    measure, source = measure_after(sentence, i, float(mention.value), sharing, partitive)
    if measure is None or source == "unseen":
        before = _collective_size(sentence, mention) or _housed_in(sentence, mention) or phrase_around(sentence, mention) \
            or subject_measure(sentence, mention) or measure_before(sentence, mention, mentions, own_noun=measure is not None)
        if before:
            measure, source = (f"{before}: {measure}" if measure else before), "before"
    if measure is None and listed:
        measure = _done_to_the_same(sentence, i, mentions)
        source = "unseen" if measure else source
    if measure is None and partitive and sentence.lower(i - 1) == "them":
        # "received 4,870 claims and have paid 410 of them": the claims paid
        measure = _done_to_the_same(sentence, sentence.index_at(mention.start) - 1, mentions, after=False)
        source = "unseen" if measure else source
    if measure is None and drawn_crowd(sentence, mention, i):
        measure, source = "attendance", "before"
    first = sentence.index_at(mention.start)
    if measure is None and sentence.lower(first - 1) == "for" and sentence.lower(first - 2) in _BUILT:
        measure, source = "capacity", "before"          # "a camp built for 8,000", "designed for 40,000"
    if measure is None:
        measure = unnamed_measure(sentence, mention, i, partitive)
        source = "unseen" if measure else source
    if measure is None:
        measure = labelled_measure(sentence, first)
        source = "before" if measure else source
    if measure is None and sentence.lower(first - 1) == "to" and sentence.lower(first - 2) == "home":
        measure, source = "population", "before"        # "The region is home to about 340,000 people"
    if (mention.weak == "one" and source == "unseen") or (mention.weak == "year" and source != "verb"):
        measure = None
    # "the 2011 quake killed 300": a year before a singular noun names which one, it counts nothing
    if mention.weak == "year" and after_number < len(sentence.tokens) and sentence.tokens[after_number].is_word \
            and not looks_plural(sentence.lower(after_number)):
        measure = None
    # "In 2022 floods killed 40 people", "the floods of 2022 killed 40": a year after a preposition
    # of time says when
    if mention.weak == "year" and sentence.lower(first - 1) in _WHEN_PREPOSITIONS:
        measure = None
    # "In 1987 Varos killed 212": a year before a name; "1,987 Afghans" are counted
    if mention.weak == "year" and after_number < len(sentence.tokens) and sentence.tokens[after_number].capitalised \
            and sentence.lower(after_number) not in VOCAB.nationalities:
        measure = None
    if measure and measure.partition(": ")[0] in _MONEY_SAID_OF_PEOPLE:
        measure = said_of_people(sentence, mention, measure)
    if measure and ": " not in measure and source != "word":
        group = fronted_group(sentence, mention)
        measure = f"{measure}: {group}" if group and group != measure else measure
    mention.measure, mention.noun_phrase_only = measure, source == "unseen"


def _done_to_the_same(sentence: Sentence, i: int, mentions: list[Mention], after: bool = True) -> str | None:
    """What was done (the past participle at token i) to the things a count before counts:
    "5,730 claims have been filed and 1,240 paid" (after the count, with no noun), "received 4,870
    claims and have paid 410 of them" (before it)."""
    done = sentence.lower(i)
    if not ((is_participle(done) or done in IRREGULAR_PAST) and sentence.tokens[i].is_word) or done in REPORTING_WORDS \
            or (after and not (sentence.lower(i + 1) in (".", "") or sentence.is_boundary(i + 1)
                               or sentence.lower(i + 1) in PREPOSITIONS)):
        return None
    earlier = next((m for m in reversed(mentions) if m.kind == "count" and m.end <= sentence.tokens[i].start
                    and m.measure and (": " in m.measure or not after)), None)
    things = earlier.measure.rpartition(": ")[2] if earlier else None
    # "arrested 60 people and charged 14 of them": what was done before names no things
    return f"{done}: {things}" if things and not (is_participle(things) or canonical_measure(things)) else None


_BULLETS = frozenset({"-", "*", "•", "–"})
_LABEL_WORDS = 10


def labelled_measure(sentence: Sentence, first: int) -> str | None:
    """"- Confirmed cases: 412, up from 287": a line's label names the count after its colon, as a
    table's header names its column (not a name: "- Governor Elena Varga: 40")."""
    if first < 2 or sentence.lower(first - 1) != ":" or sentence.text[sentence.start - 1:sentence.start] not in ("", "\n") \
            or sentence.tokens[first].text.startswith("0") or sentence.lower(first + 1)[:1].isdigit():
        return None                                 # a label opens its line; "line: 0800 555 0147" is a phone
    start = 1 if sentence.lower(0) in _BULLETS else 0
    label = sentence.tokens[start:first - 1]
    words = [t for t in label if t.is_word]
    if not words or len(label) > _LABEL_WORDS or any(t.text in ",;" for t in label) \
            or any(t.capitalised for t in words[1:] if t.lower not in DAY_WORDS):
        return None
    measure, _ = header_measure(sentence.text[label[0].start:label[-1].end])
    return None if measure == "value" else measure


def _group_it_is(sentence: Sentence, j: int, measure: str) -> str | None:
    """"(of the dead) were foreign nationals" -> "killed: foreign nationals"."""
    if sentence.lower(j) not in COPULAS:
        return None
    words, _ = noun_phrase(sentence, j + 1 + (sentence.lower(j + 1) in DETERMINERS), generic_ok=False)
    return f"{measure}: {noun_phrase_name(words)}" if words and looks_plural(words[-1].lower) \
        and not words[0].capitalised else None


def _in_a_place(sentence: Sentence, j: int) -> bool:
    """Whether the words from token j say where a group is: "(of the dead) were in Cardel"."""
    return sentence.lower(j) in ("were", "was", "are", "is") and sentence.lower(j + 1) in ("in", "at") \
        and j + 2 < len(sentence.tokens) and sentence.tokens[j + 2].capitalised


def fronted_group(sentence: Sentence, mention: Mention) -> str | None:
    """The group a sentence opens with ("Of the 34 public beaches on the coast, 19 remain closed"):
    the count after its comma is that many of the group, so what it tells is said of the group
    ("closed: public beaches"). A plain "people" names no group."""
    if sentence.lower(0) != "of" or sentence.lower(1) not in ("the", "its", "their") \
            or not sentence.lower(2)[:1].isdigit():
        return None
    comma = next((k for k, t in enumerate(sentence.tokens) if t.text == ","), None)
    if comma is None or sentence.index_at(mention.start) != comma + 1:
        return None
    words, _ = noun_phrase(sentence, 3, generic_ok=False)
    if not words or all(w.lower in GENERIC_NOUNS for w in words) or phrase_measure(words):
        return None                                  # "Of the 48 injured, 12 ...": the injured are a measure
    return noun_phrase_name(words)


# Measures of money whose phrases say something else of people ("pulled out": withdrawn, rescued).
_MONEY_SAID_OF_PEOPLE = frozenset(VOCAB.measures[phrase] for phrase in VOCAB.said_of_people)


def said_of_people(sentence: Sentence, mention: Mention, measure: str) -> str:
    """A money phrase said of people names what was done to them: "140 people were pulled out of
    the rubble" were rescued, "pulled 12 miners from the shaft" too; "pulled one back" counts none."""
    parent, _, group = measure.partition(": ")
    if group and not a_person(singular(group.split()[-1])):
        return measure
    at = sentence.index_at(mention.start)
    for k in range(max(0, at - 6), min(len(sentence.tokens), at + 8)):
        people = sentence.match(k, PEOPLE_PHRASES)
        if people and sentence.match(k, MEASURE_PHRASES) == (parent, people[1]):
            # "survivors" are the rescued themselves, no group of them
            if people[0] == OWN_WORDS:                 # the people counted did it
                return (verb_phrase(sentence, k, present=True) if k > at else None) or measure
            own = VOCAB.question_aliases.get(group) == people[0]
            return f"{people[0]}: {group}" if group and not own else people[0]
    return measure


# Vocabulary phrases of several words by their first word: a verb whose object stands inside
# the phrase ("forced 31,000 people from their homes" says "forced from their homes").
_PHRASES_BY_VERB: dict[str, list[tuple[list[str], str]]] = {}
for _phrase, _measure in VOCAB.measures.items():
    _first, *_rest = _phrase.split()
    if _rest:
        _PHRASES_BY_VERB.setdefault(_first, []).append((_rest, _measure))
for _phrases in _PHRASES_BY_VERB.values():     # the longest first: "pulled [140 people] out alive", not "out"
    _phrases.sort(key=lambda phrase: -len(phrase[0]))


def phrase_around(sentence: Sentence, mention: Mention) -> str | None:
    """The measure of a vocabulary phrase the count and its noun stand inside: "forced 31,000
    people from their homes" is displaced, "ordered 2,000 residents to leave" evacuated."""
    verb = sentence.index_at(mention.start) - 1
    if verb < 0 or sentence.lower(verb) not in _PHRASES_BY_VERB:
        return None
    k = sentence.index_at(mention.end)
    for start in range(k, min(k + 3, len(sentence.tokens))):     # past the counted noun
        for rest, measure in _PHRASES_BY_VERB[sentence.lower(verb)]:
            if all(sentence.lower(start + n) == word for n, word in enumerate(rest)):
                return measure
        if not sentence.tokens[start].is_word:
            break
    return None


# Verbs whose object is a crowd: "the rally drew 120,000 people", "a match watched by 52,000 people".
_DRAWING = frozenset({"drew", "draws", "drawing", "attracted", "attracts", "attracting", "pulled"})
_WATCHED = frozenset({"watched", "attended", "seen", "visited", "joined"})
# Before a year: when, not how many ("In 2022 floods killed 40 people")
_WHEN_PREPOSITIONS = frozenset({"in", "during", "since", "until", "till", "by", "before", "after", "of"})


_BUILT = frozenset({"built", "designed", "meant", "intended", "planned", "equipped"})


def drawn_crowd(sentence: Sentence, mention: Mention, after: int) -> bool:
    """Whether the count is of people a thing drew or who watched it: a crowd."""
    if sentence.lower(after) not in GENERIC_NOUNS:
        return False
    j = sentence.index_at(mention.start) - 1
    return sentence.lower(j) in _DRAWING or (sentence.lower(j) == "by" and sentence.lower(j - 1) in _WATCHED)


# Participles that say who gives a figure, not what it counts: "the 250,000 claimed by the organisers".
GIVING_PARTICIPLES = frozenset({"claimed", "reported", "estimated", "counted", "given", "cited", "quoted"})


def given_by(sentence: Sentence, first: int, i: int) -> bool:
    """Whether the words from token i credit the figure before them (from token first) to a
    source: "the 250,000 claimed by the organisers", "the 131,000 Arvant reports" (a name and its
    reporting verb after a determined figure; "1,987 Afghans said" counts Afghans)."""
    if sentence.lower(i) in GIVING_PARTICIPLES and sentence.lower(i + 1) == "by":
        return True
    if sentence.lower(first - 1) in QUOTES and sentence.lower(i) in CLOSING_QUOTES:
        first, i = first - 1, i + 1                   # 'the "about 48,000" it gave on Monday'
    if sentence.lower(first - 1) not in DETERMINERS:
        return False
    j = i
    while j < min(i + 3, len(sentence.tokens)) and sentence.tokens[j].is_word and sentence.tokens[j].capitalised \
            and sentence.lower(j) not in VOCAB.nationalities:
        j += 1
    if j == i and sentence.lower(i) in _GIVING_PRONOUNS:      # "below the 48,000 it gave on Monday"
        j = i + 1 + (sentence.lower(i + 1) in ("had", "has", "have"))
        return sentence.lower(j) in VOCAB.attribution_verbs or sentence.lower(j) in _GIVING_VERBS
    return j > i and sentence.lower(j) in VOCAB.attribution_verbs


_GIVING_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
_GIVING_VERBS = frozenset({"gave", "given", "gives", "quoted", "published", "issued", "used"})


# Verbs that name what something is: the word after them is the measure ("declared invalid").
NAMING_VERBS = frozenset({"declared", "pronounced", "ruled", "deemed", "classified", "considered", "judged",
                          "certified", "listed"})


def unnamed_measure(sentence: Sentence, mention: Mention, i: int, partitive: bool) -> str | None:
    """A measure no vocabulary word names, read from the sentence's own words, when a count has no
    noun: what was done to it ("1,310 confirmed", "880 have been confirmed"), the subject of a
    verb setting its level ("Confirmed cases were revised down to 1,050", "the number of
    evacuees rose to 300"), or the verb right before it ("tests had confirmed 112 of them").
    A part of a group ("112 of them") is read by the verb before it, or by what was done to it
    ("57 of them have been charged")."""
    first = sentence.index_at(mention.start)
    if first > 0 and sentence.tokens[first - 1].is_word and sentence.tokens[first - 1].capitalised:
        return None                                     # "Route 66 was closed": a name, not a count
    pronoun = partitive and sentence.lower(i - 1) in ("them", "those", "these")
    if not partitive or pronoun:
        participle, j = None, i
        while sentence.lower(j) in AUXILIARIES or is_participle(sentence.lower(j)):
            participle = j if is_participle(sentence.lower(j)) else participle
            j += 1
        # (past the auxiliaries, a plain verb after "will" says what will be done: "will lose their jobs")
        after = verb_phrase(sentence, participle if participle is not None else j) if j > i else None
        if after:
            return action_name(after)
    if partitive:
        before = sentence.lower(first - 1)
        return before if is_participle(before) and before not in REPORTING_WORDS else None
    owner = sentence.lower(first - 2) if sentence.lower(first - 1) == "of" and not OF_PREPOSITION.search(
        sentence.text, sentence.start, sentence.tokens[first - 1].end) else ""
    if owner and sentence.tokens[first - 2].is_word and owner not in FUNCTION_WORDS | AUXILIARIES | QUANTITY_NOUNS \
            and not sentence.tokens[first - 2].capitalised and not is_participle(owner) and not owner.endswith("ing") \
            and owner not in _TIME_OWNERS and owner not in UNIT_NUMBERS:
        # "a workforce of 1,400", "a total membership of about 52,000": the noun the number is "of"
        return canonical_measure(owner) or owner
    verb = level_verb_before(sentence, first - 1)
    if verb is None and sentence.lower(first - 1) == "to" and sentence.lower(first - 2) == ",":
        # "Road deaths have risen by a third in five years, to 1,870": the level verb before the aside
        verb = next((k for k in range(first - 3, max(-1, first - 12), -1) if sentence.lower(k) in LEVEL_VERBS
                     and sentence.lower(k) not in COPULAS), None)
    if verb is None and sentence.lower(first - 1) == "to" and sentence.lower(first - 2) in CHANGED_PARTICIPLES \
            and sentence.lower(first - 3) in BE_FORMS:
        verb = first - 2                                # "The number of firefighters has been cut to 1,300"
    if verb is not None and sentence.lower(verb - 1) == "there":
        return existential_measure(sentence, i)         # no subject: what is counted follows
    if verb is not None:
        head = what_is_counted(subject_words(sentence, verb))
        if len(head) > 1 and head[-1] == "numbers" and head[-2] not in _WHICH_NUMBERS \
                and not head[-2].endswith(("al", "ed", "est")):
            head = [*head[:-2], plural(head[-2])]       # "case numbers", "visitor numbers" ("official numbers" no)
        # (a pronoun, contracted or not, points back: context.py reads it; "we've put 71 back")
        if head and head[-1] not in QUANTITY_NOUNS and re.split(r"['’]", head[-1])[0] not in _SUBJECT_PRONOUNS:
            return " ".join(head[-3:])
    before = sentence.lower(first - 1)
    if is_participle(before) and before not in REPORTING_WORDS and before not in LEVEL_VERBS:
        return object_then_verb(sentence, before, first) or before
    # "the stadium, which holds 28,000 people", "the mine employs 1,400 people": the verb whose
    # object the people are.
    if sentence.lower(i) in GENERIC_NOUNS and before.endswith("s") and len(before) > 3 and before not in \
            FUNCTION_WORDS | AUXILIARIES | REPORTING_WORDS | LEVEL_VERBS | VOCAB.attribution_verbs \
            and sentence.tokens[first - 1].is_word:
        return before
    return None


_SUBJECT_PRONOUNS = frozenset({"it", "that", "this", "they", "these", "those", "which", "what", "we", "i", "you",
                               "he", "she"})
_PLACE_PREPOSITIONS = frozenset({"in", "inside", "at", "on", "aboard", "within", "outside"})
# what a count was changed to, said in the passive: "has been cut to", "was raised to"
CHANGED_PARTICIPLES = frozenset({"cut", "raised", "lowered", "revised", "reduced", "increased", "trimmed", "updated",
                                 "brought", "scaled", "corrected", "adjusted"})


def existential_measure(sentence: Sentence, i: int) -> str | None:
    """"There were 50,000 people in the ground": the counted noun with where it was ("people in
    ground"); a plain "people" without a place names nothing, a place with a name is the figure's
    scope, not its measure."""
    words, j = noun_phrase(sentence, i, generic_ok=True)
    if not words:
        return None
    generic = all(w.lower in GENERIC_NOUNS for w in words)
    j += sentence.lower(j) == "still"
    preposition = sentence.lower(j)
    if preposition not in _PLACE_PREPOSITIONS:
        return None if generic else noun_phrase_name(words)
    j += 1
    while sentence.lower(j) in DETERMINERS:
        j += 1
    place, _ = noun_phrase(sentence, j, generic_ok=False)
    if not place or place[0].capitalised:
        return None if generic else noun_phrase_name(words)
    return f"{noun_phrase_name(words)} {preposition} {' '.join(w.lower for w in place)}"


# "the 89th minute of 90", "the age of 12": a time, not what the number counts.
_TIME_OWNERS = frozenset({"minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
                          "year", "years", "decade", "decades", "century", "age", "ages", "period", "end", "start"})


def object_then_verb(sentence: Sentence, verb: str, first: int) -> str | None:
    """A vocabulary phrase split by the count: "ordered 6,000 people in three towns to leave" ->
    "ordered to leave" (evacuated)."""
    for j in range(first + 1, min(len(sentence.tokens) - 1, first + 16)):
        word = sentence.lower(j)
        if word in (".", ";", ":") or (word in CLAUSE_WORDS and word not in ("and", "or")):   # lists of places
            return None
        if word == "to":
            return canonical_measure(f"{verb} to {sentence.lower(j + 1)}")
    return None


def measure_after(sentence: Sentence, i: int, value: float, listed: bool = False,
                  partitive: bool = False) -> tuple[str | None, str]:
    """(measure, source) from the words starting at token i.

    source says what named the measure: "word" a vocabulary word right after the number
    ("84 fatalities", "two explosions"), "verb" a vocabulary verb after its noun ("84 people
    were killed", "three civilians were killed"), "unseen" a noun phrase the vocabulary
    does not know ("3 ambulances").
    """
    direct = sentence.match(i, MEASURE_PHRASES)
    if direct and _modifies_noun_after(sentence, i + direct[1]):      # "42 evacuation centres"
        return noun_phrase_name(sentence.tokens[i:i + direct[1] + 1]), "unseen"
    if direct:                                          # "84 killed", "284 injuries"
        return direct[0], "word"
    noun_words, i = noun_phrase(sentence, i, generic_ok=True)
    i = after_aside(sentence, i) if noun_words else i   # "11 people, among them six children, have died"
    i = after_place(sentence, i) if noun_words else i   # "Ten people in the village were killed"
    after_noun = i
    copula = False
    while sentence.lower(i) in AUXILIARIES:
        copula = copula or sentence.lower(i) in COPULAS
        i += 1
    # a phrase may hold the linking verb: "(three dozen people) remain in custody" are held
    verb = next(filter(None, (sentence.match(k, MEASURE_PHRASES) for k in range(after_noun, i + 1))), None) \
        or (shared_verb(sentence, after_noun) if noun_words else None)
    if not noun_words and not verb and copula and sentence.lower(i) not in _STAYING:   # "12 were citizens of Afghanistan"
        noun_words, _ = noun_phrase(sentence, i, generic_ok=False)
    generic = all(w.lower in GENERIC_NOUNS for w in noun_words)      # "84 people were killed"
    if not noun_words and not verb and sentence.lower(after_noun) in _STATE_OPENINGS:
        # "151 injured, 27 still in a critical condition", "12 of them in intensive care"
        place = state_place(sentence, after_noun)
        if place:
            return place, "unseen"
    if not noun_words and not verb and sentence.lower(after_noun) in _HAVING:
        # "33 survived, 14 of them with serious injuries", "14 had serious fractures or head
        # wounds": what they have names them
        words, j = noun_phrase(sentence, after_noun + 1, generic_ok=False)
        if sentence.lower(j) in ("or", "and"):          # "serious fractures or head wounds"
            words = [*words, *noun_phrase(sentence, j + 1, generic_ok=False)[0]]
        named = canonical_measure(" ".join(w.lower for w in words)) or next(
            (canonical_measure(w.lower) for w in reversed(words) if canonical_measure(w.lower)), None)
        if named:
            return named, "unseen"
    if not noun_words and not verb and not partitive and sentence.lower(after_noun) == "who":
        # "including 14 who needed intensive care", "40 who died": what the clause says of them
        start = after_auxiliaries(sentence, after_noun + 1)
        said = sentence.match(start, MEASURE_PHRASES)
        action = said[0] if said else verb_phrase(sentence, start, present=True)
        if action:
            return action, "unseen"
    if generic and noun_words and not verb:             # "sixteen people had been taken into custody"
        place = state_place(sentence, after_noun)
        start = after_auxiliaries(sentence, after_noun)
        # "3,600 people work at the plant", "220 people were working a night shift"
        doing = start == after_noun or (sentence.lower(start - 1) in BE_FORMS and sentence.lower(start).endswith("ing")
                                        and sentence.lower(start) not in _STAYING)     # where they stay names them
        action = verb_phrase(sentence, start, present=doing)
        if not action and sentence.lower(start - 1) in _PERFECT:
            # "300 people have fallen ill": an irregular participle with what it says of them
            action = verb_phrase(sentence, start, present=True)
            # a bare verb names them only in a known past form ("had spent the night"; "had gone" no)
            action = action if action and (" " in action or is_participle(action) or action in IRREGULAR_PAST) else None
        if not action and sentence.lower(start - 1) in _PERFECT:
            action = _what_befell_theirs(sentence, start)
        if action or place:
            return action or place, "unseen"
    if generic or not counted_noun(noun_words, value):                # "rose to 38 overnight"
        return (verb[0], "verb") if verb else (None, "")
    noun_measure = phrase_measure(noun_words)
    if noun_measure:                                    # "two explosions killed 84": they count themselves
        return with_group(sentence, sentence.index_at(noun_words[0].start), noun_measure) \
            if len(noun_words) > 1 else noun_measure, "word"
    name = noun_phrase_name(noun_words)
    if verb and not partitive and all(w.lower in POPULATION_NOUNS for w in noun_words):   # not "two of its members"
        return verb[0], "verb"
    if verb:
        return f"{verb[0]}: {name}", "verb"
    # "46 miners trapped underground", "12 miners were brought to the surface": what happened to
    # them tells one count of miners from another (not in a list: "1,800 firefighters, 45 aircraft
    # and 210 engines are assigned" says it of all three).
    things = not a_person(singular(noun_words[-1].lower))
    action = None if listed else passive_action(sentence, after_noun, things) \
        or state_place(sentence, after_noun, lacking=False)
    return (f"{action}: {name}", "unseen") if action else (name, "unseen")


def _what_befell_theirs(sentence: Sentence, j: int) -> str | None:
    """"(120,000 people had) their journeys disrupted" -> "journeys disrupted": what was done to
    what the people own, from token j."""
    if sentence.lower(j) not in _THEIRS:
        return None
    things, k = noun_phrase(sentence, j + 1, generic_ok=False)
    if len(things) > 1 and is_participle(things[-1].lower):
        things, k = things[:-1], k - 1                # "their power cut off": no compound noun
    done = sentence.lower(k)
    if not things or not is_participle(done) or done in REPORTING_WORDS:
        return None
    return canonical_measure(f"{things[-1].lower} {done}") or f"{things[-1].lower} {done}"


_THEIRS = frozenset({"their", "its", "his", "her"})
# Adjectives of the vocabulary that say what befell the people they stand before
_WHAT_BEFELL = frozenset({"dead", "missing", "homeless", "alive", "hurt", "displaced", "stranded"})


def _modifies_noun_after(sentence: Sentence, k: int) -> bool:
    """Whether the vocabulary's noun ending before token k modifies a noun after it: "42
    evacuation centres", "five death certificates" count the centres and the certificates ("230
    dead seabirds", "40 injured workers" are the dead and the injured)."""
    following = sentence.tokens[k] if k < len(sentence.tokens) else None
    word = sentence.lower(k - 1)
    if is_participle(word) or looks_past(word) or word in _WHAT_BEFELL:
        return False
    return following is not None and following.is_word and not following.capitalised \
        and looks_plural(following.lower) and following.lower not in FUNCTION_WORDS | AUXILIARIES \
        and not sentence.match(k, MEASURE_PHRASES)


def shared_verb(sentence: Sentence, i: int) -> tuple[str, int] | None:
    """The vocabulary verb a list of counts shares: "Twenty-two officers and at least 40
    protesters were injured" -> injured, for the officers too."""
    if sentence.lower(i) not in ("and", "or"):
        return None
    following = sentence.lower(i + 1)
    if not (following[:1].isdigit() or following in UNIT_NUMBERS or sentence.match(i + 1, QUALIFIER_PHRASES)):
        return None
    for j in range(i + 2, min(len(sentence.tokens), i + 10)):
        if sentence.is_boundary(j):
            return None
        if sentence.lower(j) in AUXILIARIES and sentence.lower(j) != "to":
            k = j
            while sentence.lower(k) in AUXILIARIES:
                k += 1
            return sentence.match(k, MEASURE_PHRASES)
        said = sentence.match(j, MEASURE_PHRASES) if j > i + 2 else None
        if said:                                        # "23 pupils and two teachers died"
            return said
    return None


# What may follow a verb that has no object: the clause ends, another joins, a place or a time.
_NO_OBJECT = frozenset({"", ".", ",", ";", "and", "or", "to", "at", "in", "on", "from", "by", "over", "after",
                        "during", "since", "because", "following", "overnight", "yesterday", "today"})
PASSIVE_ONLY = frozenset({"trapped", "stranded", "stuck", "buried", "affected", "infected", "exposed", "isolated",
                          "marooned", "cut"})


_PERFECT = frozenset({"have", "has", "had"})
# Words before "numbers" that say which numbers, not what they count
_WHICH_NUMBERS = frozenset({"latest", "higher", "lower", "greater", "larger", "bigger", "smaller", "record", "true",
                            "real", "rough", "exact", "new", "early", "late", "large", "small", "high", "low", "such",
                            "these", "those", "overall", "total"})
_HAVING = frozenset({"with", "had", "have", "has", "suffered", "sustained"})
_STATE_VERBS = frozenset({"remain", "remains", "remained", "stay", "stays", "stayed", "are", "were", "is", "was"})
# Where people are kept or what state they are in, which a bare "in" before it says of a count
# ("12 of them in intensive care", "48 in a critical condition"); "20 in the capital" is a place.
_CONDITIONS = frozenset({"intensive care", "critical care", "critical condition", "serious condition",
                         "stable condition", "hospital", "custody", "quarantine", "isolation", "coma", "detention",
                         "ventilators", "ventilator", "life support", "dialysis", "oxygen"})
# What people are on when they are counted as listed: "(97,300 people) on its surgical waiting list"
_LISTS = frozenset({"list", "lists", "register", "registers", "roll", "rolls", "payroll", "payrolls", "books"})
_STATE_OPENINGS = _STATE_VERBS | {"still", "in", "on"}
_STAYING = frozenset({"staying", "living", "sleeping", "sheltering", "remaining", "being"})


# Where counted people or things are, between them and their verb: "in the north", "across the
# province", "at the plant".
_PLACE_OPENINGS = frozenset({"in", "at", "from", "across", "near", "around", "throughout", "inside", "outside", "along",
                             "on", "aboard"})
_PLACE_WORDS = 8


def after_place(sentence: Sentence, i: int) -> int:
    """The token of the verb after a place phrase from token i ("(Ten people) in the village were
    killed", "(some 1.4 million people) in the Ombra and upper Tessel valleys were limited"), else
    i. Not a state ("in intensive care"), which names them (state_place)."""
    if sentence.lower(i) not in _PLACE_OPENINGS or sentence.match(i, MEASURE_PHRASES):
        return i                                        # "(27,300 workers) on strike", "on board": what they are
    j = i + 1
    while sentence.lower(j) in DETERMINERS:
        j += 1
    if " ".join(w.lower for w in noun_phrase(sentence, j, generic_ok=False)[0]) in _CONDITIONS:
        return i
    for k in range(j, min(len(sentence.tokens), i + 1 + _PLACE_WORDS)):
        word = sentence.lower(k)
        if sentence.is_boundary(k) or not sentence.tokens[k].is_word or word[:1].isdigit():
            return i
        if word in AUXILIARIES and word != "to":
            return k
        # "(people) in the village died"; not "in the flooded areas", "in flooded areas"
        if k > j and sentence.lower(k - 1) not in FUNCTION_WORDS and sentence.match(k, MEASURE_PHRASES) \
                and (word.endswith("ed") or word in IRREGULAR_PAST):
            return k
    return i


def state_place(sentence: Sentence, i: int, lacking: bool = True) -> str | None:
    """Where people counted by a plain noun are: "(14 people) remain in intensive care", "(150
    people) are still in hospital" -> what that place counts, or the place itself; with lacking,
    also what they are without ("(40,000 people) were without power"; "1.2 million customers were
    without power" are the customers others count)."""
    verb = sentence.lower(i)
    if verb in _STATE_VERBS:
        i += 1
    elif verb not in _STATE_OPENINGS:                   # "(27) still in a critical condition"
        return None
    i += sentence.lower(i) == "still"
    i += sentence.lower(i) in _STAYING                  # "(6,800 of them) are staying in public shelters"
    preposition = sentence.lower(i)
    if preposition not in ("in", "under", "on") and not (lacking and preposition == "without"):
        return None
    i += 1
    while sentence.lower(i) in DETERMINERS:              # "in a critical condition", "in the hospital"
        i += 1
    i += sentence.lower(i)[:1].isdigit() or sentence.lower(i) in UNIT_NUMBERS    # "living in the 27 shelters"
    # "(97,300 people) on its waiting list", "(3,620 workers) on their payrolls"; "263 babies on the
    # group's list" are still babies, the list a source's
    listed = next((k for k in range(i, i + 3) if sentence.lower(k) in _LISTS), None) if preposition == "on" else None
    if listed is not None and all(sentence.tokens[k].is_word for k in range(i, listed)) \
            and (lacking or not any(sentence.tokens[k].text.endswith(OWNER_ENDINGS) for k in range(i, listed))):
        # "on its surgical waiting list", "on the electoral register": the list by its compound noun
        return f"on {' '.join(sentence.lower(k) for k in range(max(i, listed - 1), listed + 1))}"
    words, _ = noun_phrase(sentence, i, generic_ok=False)
    # "in a camp built for 8,000": the place, not what is said of it
    words = words[:next((n for n, w in enumerate(words) if n and looks_past(w.lower)), len(words))]
    if not words:
        return None
    phrase = " ".join(w.lower for w in words)
    if (verb == "in" or preposition == "on") and phrase not in _CONDITIONS:
        return None
    if preposition == "on":                         # "(11 were) on ventilators", not "(20) on the coast"
        return f"on {phrase}"
    # "remain in custody" (held, not arrested), "remain under evacuation orders" (the measure a
    # word of the place names)
    return canonical_measure(f"{verb} {preposition} {phrase}") or canonical_measure(f"{preposition} {phrase}") \
        or canonical_measure(phrase) or next((canonical_measure(w.lower) for w in words if canonical_measure(w.lower)), None) \
        or f"{preposition} {phrase}"


def passive_action(sentence: Sentence, i: int, things: bool = False) -> str | None:
    """What happened to what a noun counts, from the words after it: "(12 miners) were brought
    to the surface", "(46 miners) trapped underground", "(74 flights) diverted". Not an active
    verb with its object ("(1.5 million workers) joined the strike"): that says what they did,
    and the noun alone names them. `things`: the noun counts no people."""
    if sentence.lower(i) in ("and", "or") and things and i + 2 < len(sentence.tokens) and sentence.tokens[i + 1].is_word \
            and looks_plural(sentence.lower(i + 1)) and is_participle(sentence.lower(i + 2)):
        i += 2                                        # "(812 departures) and arrivals cancelled"
    i = _past_place(sentence, i)
    j = after_auxiliaries(sentence, i)
    passive = any(sentence.lower(k) in BE_FORMS for k in range(i, j))
    action = verb_phrase(sentence, j)
    if not action and passive and is_participle(sentence.lower(j - 1)) and sentence.lower(j - 1) not in REPORTING_WORDS \
            and _no_object_at(sentence, j):
        action = sentence.lower(j - 1)                # "(40 sightings) have been confirmed."
    # Without "were"/"been" a past form is the group's own act ("3,000 dockers walked out", "had
    # joined the stoppage"), unless it can only be something done to them ("46 miners trapped"),
    # or things undergo it with no object after ("74 flights diverted", "300 homes destroyed in").
    done_to_things = things and j == i and sentence.lower(j).endswith("ed") and is_participle(sentence.lower(j)) \
        and _no_object_at(sentence, j + 1)
    if not action or (not passive and sentence.lower(j) not in PASSIVE_ONLY and not done_to_things):
        return None
    return _at_a_named_place(sentence, j) or action_name(action)


def _no_object_at(sentence: Sentence, k: int) -> bool:
    """Whether token k holds no object of the verb before it: the clause ends, another joins, a
    place or a time follows."""
    return sentence.lower(k) in _NO_OBJECT or sentence.is_boundary(k)


def _shares_a_verb(sentence: Sentence, j: int) -> bool:
    """Whether the count after the "and" or comma at token j is an item of a list of counts that
    share the verb after the last ("45 aircraft and 210 engines are assigned"): not when the item
    before had its own ("186 flights had been rerouted, and 42 departures were cancelled"), nor
    after a clause with no count ("According to the report, 127,000 passengers were affected")."""
    for k in range(j - 1, max(-1, j - 30), -1):
        word = sentence.lower(k)
        if word[:1].isdigit() or word in UNIT_NUMBERS:
            return True
        if word in BE_FORMS or word in _PERFECT or (is_participle(word) and looks_plural(sentence.lower(k - 1))):
            return False                              # "812 departures cancelled and 74 flights diverted"
    return False


def _past_place(sentence: Sentence, i: int) -> int:
    """Token i, or the verb's auxiliary after a place between the noun and it: "(42 departures)
    from Ostrand airport were cancelled"."""
    if sentence.lower(i) not in ("from", "at", "in"):
        return i
    for k in range(i + 1, min(len(sentence.tokens), i + 7)):
        if sentence.is_boundary(k) or not sentence.tokens[k].is_word:
            return i
        if sentence.lower(k) in BE_FORMS:
            return k
        if not (sentence.tokens[k].capitalised or sentence.lower(k) in DETERMINERS or sentence.lower(k) in _PLACE_NOUNS):
            return i
    return i


# Places and the sites things leave from or stay at: "(42 departures) from Ostrand airport"
_PLACE_NOUNS = PLACE_NOUNS | {"airport", "station", "terminal", "hospital", "school", "prison", "camp", "harbour"}


def _at_a_named_place(sentence: Sentence, j: int) -> str | None:
    """What the verb at token j with a named place after it says of them, as the vocabulary has it
    with the place's noun: "(Seven passengers are being) treated at Carrow Bay General Hospital" is
    "treated in hospital", hospitalised."""
    verb = sentence.lower(j)
    for k in range(j + 2, min(len(sentence.tokens), j + 7)):
        if sentence.is_boundary(k) or not sentence.tokens[k].is_word:
            return None
        if sentence.lower(j + 1) in ("at", "in", "to") and sentence.tokens[k].capitalised:
            place = sentence.lower(k)
            named = canonical_measure(f"{verb} {sentence.lower(j + 1)} {place}") \
                or canonical_measure(f"{verb} in {place}") or canonical_measure(f"{verb} to {place}")
            if named:
                return named
    return None


def action_name(action: str) -> str:
    """A measure from what was done: its verb, or what a naming verb declared ("declared invalid")."""
    words = action.split()
    known = canonical_measure(action) or canonical_measure(" ".join(words[:3]))   # "taken to hospital"
    if known:
        return known
    if len(words) > 1 and words[1] in PARTICLES:
        return " ".join(words[:2])                      # "laid off", "wiped out"
    return words[1] if words[0] in NAMING_VERBS and len(words) > 1 else words[0]


def counted_noun(words: list[Token], value: float) -> bool:
    """Whether a noun phrase can be what a number counts: more than one of anything is
    plural ("3 ambulances", "12 citizens of Afghanistan"), so "38 overnight" counts nothing."""
    head = next((k for k, w in enumerate(words) if w.lower == "of"), len(words)) - 1
    word = words[head].lower
    return value == 1 or looks_plural(word) or word in COLLECTIVE_NOUNS or word in VOCAB.nationalities


# People or bodies who speak or act, named by what they deal with: "aid groups", "relief agencies".
AGENT_NOUNS = frozenset({"groups", "group", "agencies", "agency", "organisations", "organizations", "workers",
                         "officials", "teams", "team", "charities", "charity", "volunteers", "experts", "crews",
                         "services", "staff", "campaigners", "activists", "monitors", "sources"})


def measure_before(sentence: Sentence, mention: Mention, mentions: list[Mention], own_noun: bool = False) -> str | None:
    """A vocabulary word before the number in its clause: "killed 103", "death toll was ... 84".
    A count with its own noun in a phrase after a preposition is not what the word counts ("no
    redundancies at its two terminals"), unless the phrase says for whom ("the evacuation order
    for 11,000 residents")."""
    others = {j for m in mentions if m is not mention and m.kind in ("count", "duration")
              for j in range(sentence.index_at(m.start), sentence.index_at(m.end - 1) + 1)}
    j = sentence.index_at(mention.start) - 1
    for _ in range(8):
        if j < 0 or sentence.is_boundary(j) or j in others or sentence.lower(j) in CLAUSE_WORDS \
                or (own_noun and sentence.lower(j) in PREPOSITIONS - {"for"}):
            return None
        found = sentence.match_ending(j, MEASURE_PHRASES)
        # "Aid groups say 11 people died", "rescue workers said", "The Relief Society said": a
        # vocabulary word naming who speaks names no figure
        if found and not (j + 1 < sentence.index_at(mention.start) and (
                sentence.lower(j + 1) in AGENT_NOUNS or in_name(sentence, j))):
            return with_group(sentence, j - found[1], found[0])
        j -= 1
    return None


def in_name(sentence: Sentence, j: int) -> bool:
    """Whether token j is a capitalised word inside a name of several ("Relief Society", "Red Cross")."""
    def capitalised(k: int) -> bool:
        return 0 <= k < len(sentence.tokens) and sentence.tokens[k].capitalised and sentence.tokens[k].is_word
    return capitalised(j) and (capitalised(j + 1) or (j > 0 and capitalised(j - 1)))


# Places people stay in, and verbs of their holding them: "Shelters held 31,000 people" (the
# present says what a place can hold: "The stadium, which holds 28,000 people")
_SHELTERING_PLACES = frozenset({"shelter", "shelters", "camp", "camps", "centre", "centres", "center", "centers",
                                "hall", "halls", "school", "schools", "stadium", "stadiums", "tent", "tents"})
_HOUSING_VERBS = frozenset({"held", "holding", "housed", "housing", "sheltered", "sheltering", "accommodated",
                            "accommodating"})


def _collective_size(sentence: Sentence, mention: Mention) -> str | None:
    """"in a population of 8.5 million", "a workforce of 12,000": the whole group the count sizes,
    not what a verb before it says happened to some ("about 1,900 people die each week in a
    population of 8.5 million")."""
    first = sentence.index_at(mention.start)
    if sentence.lower(first - 1) == "of" and sentence.lower(first - 2) in GROUP_SIZE_NOUNS:
        return sentence.lower(first - 2)
    return None


def _housed_in(sentence: Sentence, mention: Mention) -> str | None:
    """"Shelters held 31,000 people", "Public shelters were holding 25,000 people": the people in
    a place, named as "8,000 people were in shelters" is ("in shelters"); not those a body holds
    ("Police held 40 people")."""
    verb = sentence.index_at(mention.start) - 1
    if sentence.lower(verb) not in _HOUSING_VERBS:
        return None
    head = [sentence.lower(k) for k in subject_head(sentence, verb) if sentence.tokens[k].is_word]
    return f"in {plural(head[-1])}" if head and head[-1] in _SHELTERING_PLACES else None


def subject_measure(sentence: Sentence, mention: Mention) -> str | None:
    """The measure heading the subject of a level verb that introduces the number.

    "The death toll from the Kerman blasts rose to 95" counts the dead: the vocabulary word
    nearest the number ("blasts") sits in a prepositional phrase that only places the toll,
    so the measure is read from the head of the subject ("death toll", "number of dead").
    """
    verb = level_verb_before(sentence, sentence.index_at(mention.start) - 1)
    if verb is None:
        return None
    for j in reversed(subject_head(sentence, verb)):        # the head noun ends the phrase
        found = sentence.match_ending(j, MEASURE_PHRASES)
        if found:
            return with_group(sentence, j - found[1], found[0])
    return None


def with_group(sentence: Sentence, j: int, measure: str) -> str:
    """A measure's noun with who it counts written before it (token j): "livestock deaths" ->
    "killed: livestock"."""
    word = sentence.lower(j)
    # before a noun ("deaths", "casualties"), not a verb's subject ("Police arrested two")
    if word in GROUP_MODIFIERS and sentence.tokens[j].is_word and ": " not in measure \
            and looks_plural(sentence.lower(j + 1)):
        return f"{measure}: {plural(word) if word not in COLLECTIVE_NOUNS and word != 'elderly' else word}"
    return measure

