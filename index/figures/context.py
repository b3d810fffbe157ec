"""Measure rules that read a figure's whole sentence or paragraph.

Subgroups ("among the dead, 12 were Afghans" -> "killed: citizens of Afghanistan"), the end of a
range split by attributions ("from more than 6,500, according to AFP, to about 7,000"), numbers
pointing back at a measure named before ("An AFP tally puts it at 214"), and "casualties" that
are the dead when the injured are given apart.
"""

from __future__ import annotations

import re

from index.figures.grammar import (BE_FORMS, DETERMINERS, ESTIMATE_NOUNS, FUNCTION_WORDS, GENERIC_NOUNS, IRREGULAR_PAST,
                                   MORE_OF_IT, OWNER_ENDINGS, POPULATION_NOUNS, POSSESSIVE_ENDINGS, looks_past, looks_plural)
from index.figures.labels import after_list_label, list_label
from index.figures.measures import given_by, measure_after
from index.figures.events import compared_year
from index.figures.mention import Mention
from index.figures.quantities import is_conversion
from index.figures.source_names import names_a_body
from index.figures.tables import header_measure
from index.figures.quantity_measures import DEFAULT_NAMES, EXTREMES, default_name
from index.figures.phrases import is_participle, skip_auxiliaries, source_figure_before
from index.figures.text import QUOTES, Sentence, level_verb_before, next_word
from index.figures.vocabulary import (
    VOCAB,
    alternation,
    canonical_measure,
    phrase_key,
    unit_dimension,
)

# "among the dead", "among the 11 injured"
AMONG = re.compile(r"\bamong\s+(?:the|those)\s+(?:\d[\d,]*\s+)?(?P<group>[a-z]+(?:\s+[a-z]+)?)", re.I)


SUBSET_BEFORE = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+them)\s*$", re.I)


def apply_subgroups(sentence: Sentence, mentions: list[Mention]) -> None:
    """Unseen noun counts that name part of a measured group become "<measure>: <group>".

    "Among the dead were 12 Afghans" and "among the casualties, 12 were citizens of
    Afghanistan" -> "killed: citizens of Afghanistan"; "84 killed, including 12 children" ->
    "killed: children". Casualties broken down by who they were are the dead: identities
    and nationalities are reported for the victims who died.
    """
    among = AMONG.search(sentence.text, sentence.start, sentence.end)
    among_parent = None
    if among:
        group = phrase_key(among.group("group"))
        among_parent = canonical_measure(group) or canonical_measure(group.split()[0])
        among_parent = "killed" if among_parent == "casualties" else among_parent
    for k, mention in enumerate(mentions):
        if not mention.noun_phrase_only:
            continue
        parent = among_parent
        if SUBSET_BEFORE.search(sentence.text, sentence.start, mention.start):
            parent = next((m.measure for m in reversed(mentions[:k])
                           if m.kind == "count" and m.measure and not m.noun_phrase_only), parent)
        if parent:
            mention.measure = f"{parent}: {mention.measure}"
            mention.noun_phrase_only = False


# Units a group of people is also counted in: "24,000 people in 9,100 households".
HOUSEHOLD_NOUNS = frozenset({"households", "families", "homes", "dwellings"})
_HOUSEHOLD_LINKS = frozenset({"in", "covering", "from", "(", "or", "affecting", "comprising"})
_NAMED_MEASURES = frozenset(VOCAB.measures.values())


def apply_household_counts(sentence: Sentence, mentions: list[Mention]) -> None:
    """"ordered 24,000 people in 9,100 households to leave", "6,000 people ..., covering about
    2,300 households": the households are the same people counted another way, named by what
    the people's figure measures ("evacuated: households"), never a count of homes of their own."""
    for earlier, mention in zip(mentions, mentions[1:]):
        first = sentence.index_at(mention.start)
        if not (mention.kind == earlier.kind == "count" and mention.noun_phrase_only
                and mention.measure in HOUSEHOLD_NOUNS and earlier.measure in _NAMED_MEASURES
                and sentence.lower(first - 1) in _HOUSEHOLD_LINKS):
            continue
        between = range(sentence.index_at(earlier.end - 1) + 1, first)
        if len(between) <= 20 and not any(sentence.lower(j) in (".", ";", ":") for j in between):
            mention.measure = f"{earlier.measure}: {mention.measure}"
            mention.noun_phrase_only = False


def apply_range_ends(sentence: Sentence, mentions: list[Mention]) -> None:
    """"Estimates range from more than 6,500, according to AFP, to about 7,000": the figure
    after "to" counts what the figure after "from" counts; "... and then past 6,000" what the
    figure before it counts."""
    for k, mention in enumerate(mentions):
        word = sentence.lower(sentence.index_at(mention.start) - 1)
        if mention.measure or mention.kind not in ("count", "money", "percent", "measurement") \
                or word not in ("to", "then"):
            continue
        for earlier in reversed(mentions[:k]):
            j = sentence.index_at(earlier.start) - 1
            before = sentence.lower(j - 1) if sentence.lower(j) in QUOTES else sentence.lower(j)   # 'from "more than 200"'
            if earlier.measure and earlier.kind == mention.kind and (before == "from" or word == "then"):
                mention.measure = earlier.measure     # "... to about 5,000 and then past 6,000"
                break


def apply_conversions(sentence: Sentence, mentions: list[Mention]) -> None:
    """"ORM 240m (about €22m)", "46.3C (115.3F)": an amount restated in another currency or unit
    measures what the amount before it does, and is revised with it."""
    for earlier, later in zip(mentions, mentions[1:]):
        if converts(sentence, earlier, later):
            later.measure, later.revision, later.revision_of = earlier.measure, earlier.revision, earlier.revision_of


def restates(sentence: Sentence, mentions: list[Mention], k: int) -> bool:
    """Whether the k-th mention restates the one before it in another currency or unit."""
    return 0 < k < len(mentions) and converts(sentence, mentions[k - 1], mentions[k])


_VOLUME_AND_MASS = {"volume", "mass"}


def converts(sentence: Sentence, earlier: Mention, later: Mention) -> bool:
    """Whether later restates earlier in another currency or unit of the same dimension."""
    if earlier.kind != later.kind or earlier.unit == later.unit or earlier.kind not in ("money", "measurement"):
        return False
    dimensions = {unit_dimension(earlier.unit), unit_dimension(later.unit)}
    # one dimension, or a substance's volume as its weight ("2,150 barrels of oil, roughly 290 tonnes")
    if earlier.kind == "measurement" and len(dimensions) > 1 and dimensions != _VOLUME_AND_MASS:
        return False
    return is_conversion(sentence.text, earlier.end, later.start)


_CHANGE_AFTER = frozenset({"more", "less", "fewer", "up", "down", "higher", "lower", "above", "below"})
# Nouns for a measurement taken, which say nothing of what was measured: "our highest reading so
# far", "its worst result" (a sample is a part of what was taken: "a sample of about 40 GB")
_MEASURING_NOUNS = frozenset({"reading", "readings", "result", "results", "measurement", "measurements"})


def apply_shares_of_counts(sentence: Sentence, mentions: list[Mention]) -> None:
    """"Nine of the 26 dead, or 35%, were under 18": a percentage no word names, restating a
    count after ", or", is a share of what the count counts. Restating an amount or a
    measurement ("a fall of 682 points, or 14.0%", "down 155.85 points or 3.2%", "cut by $40m,
    or 12%"), it is the same quantity in relative terms: its measure."""
    for k, mention in enumerate(mentions):
        if k == 0 or mention.kind != "percent" or mention.measure != default_name(mention) \
                or next_word(sentence, mention.end) in _CHANGE_AFTER:          # not "40, or 5% more"
            continue
        earlier = mentions[k - 1]
        between = sentence.text[earlier.end:mention.start].strip().lower()
        if earlier.kind == "count" and earlier.measure and re.fullmatch(r"(?:[\w-]+\s*){0,3},\s*or", between):
            counted = earlier.measure.partition(" (")[0].partition(": ")[0]
            mention.measure = f"share of {counted}"
        elif earlier.kind in ("measurement", "money") and earlier.measure and earlier.measure != default_name(earlier) \
                and re.fullmatch(r",?\s*or", between) and next_word(sentence, mention.end) != "of":
            mention.measure = earlier.measure


# What links a rate to the count it restates: "..., or 14.6 per 100,000", "equivalent to nearly 16
# per 100,000", "..., a rate of 11.2 per 100,000"
_RESTATING_RATE = re.compile(r"(?:,\s*or|\bequivalent\s+to|\bequal\s+to|,\s*a\s+rate\s+of)\s*$", re.I)
_RATE_REACH = 120


def apply_rates_of_counts(sentence: Sentence, mentions: list[Mention]) -> None:
    """"about 1,240 excess deaths in three weeks, or 14.6 per 100,000 people", "between 1,100 and
    1,600, with the mid-point equivalent to nearly 16 per 100,000": a rate no noun names,
    restating the count before it, is that count per so many ("killed per 100,000")."""
    for k, mention in enumerate(mentions):
        if mention.kind != "rate" or (mention.measure or "").partition(" per ")[0] != DEFAULT_NAMES["rate"] \
                or not mention.unit or not _RESTATING_RATE.search(sentence.text, max(sentence.start, mention.start - 30),
                                                                  mention.start):
            continue
        earlier = next((m for m in reversed(mentions[:k]) if m.kind in ("count", "rate", "percent", "money")), None)
        counted = earlier.measure.partition(" (")[0] if earlier is not None and earlier.measure else None
        # "27,400 retail accounts, or about 1,700 for every 100,000 retail accounts" is a share of
        # the accounts, not a rate of them
        if counted and earlier.kind == "count" and mention.start - earlier.end <= _RATE_REACH \
                and not mention.unit.endswith(f" {counted}"):
            mention.measure = f"{counted} {mention.unit}"


def same_quantity(earlier: Mention, later: Mention) -> bool:
    if earlier.kind != later.kind:
        return False
    return earlier.kind != "measurement" or unit_dimension(earlier.unit) == unit_dimension(later.unit)


# Words right before a number that point back at a measure already named: "put it at 3.5", "An
# AFP tally puts it at 214", "counts 218", "revised its count down to 203", "the ministry says
# about 3,100", "the true figure is about 1,400".
BACK_REFERENCES = frozenset({"it", "its", "counts", "puts", "put", "putting", "placed", "estimates", "tallies", "lists",
                             "gives", "records", "says", "said", "say", "claims", "figure", "figures", "claimed",
                             "estimated", "counted", "reported", "gave", "settled", "number", "total"})
_MEASURE_WORDS = re.compile(rf"\b(?:{alternation(VOCAB.measures)})\b", re.I)


def carried_measures(sentence: Sentence, mentions: list[Mention]) -> dict[str, str]:
    """What later figures of the paragraph may point back to, by last_key: each kind's last named
    measure. Not a figure named only by its kind ("LSR 2.1bn" alone), nor a count that only says
    where the one before came from ("153 people from 34 cabins. The operator says 149"), nor a
    part of it ("230 barges, of them 46 tankers. The agency's count was 184")."""
    carried = {}
    for k, mention in enumerate(mentions):
        if not mention.measure or mention.measure == default_name(mention):
            continue
        before = sentence.lower(sentence.index_at(mention.start) - 1)
        if mention.kind == "count" and any(m.kind == "count" for m in mentions[:k]) and before in _WHERE_FROM:
            continue
        # "more than 230 barges on Wednesday, of them 46 tankers", "Of them, about 9,800 were transfer
        # passengers": a part, not what a later count restates
        if mention.kind == "count" and (any(m.kind == "count" for m in mentions[:k])
                                        and (before in _PART_PRONOUNS or before == "including")
                                        or _PART_OPENING.match(sentence.text, sentence.start, mention.start)):
            continue
        carried[last_key(mention)] = carried[same_amount_key(mention)] = mention.measure
    return carried


def same_amount_key(mention: Mention) -> str:
    """What a later sum of the very same amount looks up: "a 450-million-dalen winter fund. ...
    Minister, 450 million dalens is about 49 million euros" restates the fund."""
    return f"{mention.kind} {mention.unit} {mention.value}"


_WHERE_FROM = frozenset({"from", "in", "across", "among", "within", "aboard", "at", "on"})
_PART_PRONOUNS = frozenset({"them", "which", "whom", "those"})
_PART_OPENING = re.compile(r"\s*(?:[Oo]f|[Aa]mong)\s+(?:them|these|those|whom|which)\b")


def last_key(mention: Mention) -> str:
    """What a later figure pointing back looks up: a measurement by its dimension (tonnes restate
    tonnes, not a distance), anything else by its kind."""
    return f"measurement {unit_dimension(mention.unit)}" if mention.kind == "measurement" else mention.kind


def _said_alone(sentence: Sentence, first: int, i: int) -> bool:
    """Whether a number stands alone in its clause before its source's reporting verb: "53, say
    the police; 48, says the operator", "..., and 25, according to the families" (what the sentence
    or paragraph counted)."""
    first -= sentence.lower(first - 1) in ("and", "but", "while") and first > 1 and sentence.is_boundary(first - 2)
    return (first == 0 or sentence.is_boundary(first - 1)) and sentence.lower(i) == "," \
        and (sentence.lower(i + 1) in VOCAB.attribution_verbs
             or (sentence.lower(i + 1), sentence.lower(i + 2)) == ("according", "to"))


def _points_back(sentence: Sentence, mentions: list[Mention], k: int) -> bool:
    """Whether a word pointing back comes right before the mention, or before the mentions joined
    to it by "and" ("The ministry now says LSR 2.1bn and 1.8 million tonnes"), or it opens a
    source's list item ("- Governor Elena Varga: "more than $5 billion" for her province"), or a
    named source's possessive stands before it ("from the NIA's 4,800 cubic metres per second and
    the NDMA's 5,200", "The laboratory's 310"), or a source it is credited to follows it ("the 450
    reported by the alliance"): that source's own figure for it."""
    while True:
        word = _word_before(sentence, mentions[k])
        if word in BACK_REFERENCES or word == ":" and after_list_label(sentence.text, mentions[k].start):
            return True
        j = sentence.index_at(mentions[k].start) - 1
        if j >= 0 and sentence.tokens[j].text.endswith(OWNER_ENDINGS) and (
                sentence.tokens[j].capitalised or sentence.lower(j)[:-2] in VOCAB.source_nouns):
            return True                 # "the NIA's 5,200", "The laboratory's 310 came from shoreline scum"
        first, after = sentence.index_at(mentions[k].start), sentence.index_at(mentions[k].end)
        if word in DETERMINERS and given_by(sentence, first, after):
            return True                 # "the 450 reported by the Clean Kessamer Alliance"
        if word != "and" or k == 0 or sentence.index_at(mentions[k - 1].end - 1) + 2 != sentence.index_at(mentions[k].start):
            return False
        k -= 1


# "The top gust is 112 km/h officially, 121 km/h on a private station": only an adverb and a comma between
_BESIDE = re.compile(r"(?:\s+[a-z]+ly)?\s*,\s*")


def _set_beside(sentence: Sentence, mentions: list[Mention], k: int) -> bool:
    """Whether the measurement right before the mention, in the same unit, stands beside it with
    only a comma (and an adverb) between: another source's or reading's figure for the same thing."""
    earlier = mentions[k - 1] if k else None
    return earlier is not None and earlier.kind == "measurement" and earlier.unit == mentions[k].unit \
        and _BESIDE.fullmatch(sentence.text, earlier.end, mentions[k].start) is not None \
        and next_word(sentence, mentions[k].end) not in _OWN_EXTENT       # not "19 m, 40 m from the edge"


_OWN_EXTENT = frozenset({"from", "away", "of", "long", "wide", "deep", "high", "tall", "across", "below", "above",
                         "inland", "offshore", "downstream", "upstream", "north", "south", "east", "west"})


def _word_before(sentence: Sentence, mention: Mention) -> str:
    """The word before a mention, over a quotation mark ('says "more than a third"')."""
    j = sentence.index_at(mention.start) - 1
    return sentence.lower(j - 1) if sentence.lower(j) in QUOTES else sentence.lower(j)


def _measures_named(text: str) -> list[str]:
    """The vocabulary measures the text's words name, in order."""
    return [VOCAB.measures[" ".join(m.group().lower().split())] for m in _MEASURE_WORDS.finditer(text)]


QUANTITY_KINDS = frozenset({"count", "money", "percent", "measurement", "rate", "duration", "category"})


def apply_elided_units(sentence: Sentence, mentions: list[Mention], previous: Mention | None) -> None:
    """A bare number with a decimal part is no count: it restates, for another source or time,
    the measurement last given before it in its sentence or paragraph, with the unit left out
    ("... showed 21.4 microsieverts per hour. The inspectorate's own figure is a peak of 15.2.",
    "the Ardenvolt stations never showed more than 6.8"); so does a whole number a source gives
    as its own of the same order ("... to 186,000 litres from 210,000. Its supplier still says
    about 120,000.")."""
    if "|" in sentence.text[sentence.start:sentence.end]:
        return                                         # a table's cells have their header's unit
    for k, mention in enumerate(mentions):
        if mention.kind != "count" or not isinstance(mention.value, float):
            continue
        word = next_word(sentence, mention.end)
        after = sentence.index_at(mention.end)
        # a verb of its own leaves it bare: "The laboratory's 310 came from shoreline scum", "the 450
        # reported by the alliance" (not "three race-related deaths")
        verb = bool(word) and (word in IRREGULAR_PAST or (looks_past(word) and sentence.lower(after + 1) in FUNCTION_WORDS))
        if word and word[:1].isalpha() and word not in FUNCTION_WORDS and word not in BE_FORMS and not verb \
                and not _an_extreme_of(sentence, mention):
            continue                                   # "2.5 children": a noun says what it is
        # the quantity just before, whatever its kind: after "in 51.37 seconds", "(52.04)" is a time
        earlier = next((m for m in reversed(mentions[:k]) if m.kind in QUANTITY_KINDS), previous)
        if earlier is not None and earlier.kind == "measurement" and not mention.value.is_integer():
            mention.kind, mention.unit, mention.measure = "measurement", earlier.unit, earlier.measure
        elif earlier is not None and earlier.kind in ("measurement", "money") and same_order(earlier, mention) \
                and (_points_back(sentence, mentions, k) or _listed_after(sentence, mention, earlier)
                     or _an_extreme_of(sentence, mention)):
            mention.kind, mention.unit, mention.measure = earlier.kind, earlier.unit, earlier.measure


def _listed_after(sentence: Sentence, mention: Mention, earlier: Mention) -> bool:
    """Whether a bare number continues a list of the measurement before it: "it reported 47 cm on
    10 August, 42 on 12 August and 39 on 14 August, then 35, 34 and 33"."""
    first = sentence.index_at(mention.start)
    if sentence.lower(first - 1) not in (",", "and", "then", "or") or earlier.end > mention.start:
        return False
    between = sentence.text[earlier.end:mention.start]
    return not re.search(r"[;:.!?]|\b(?:but|while|whereas|against)\b", between)


def _an_extreme_of(sentence: Sentence, mention: Mention) -> bool:
    """"below the all-time low of 41", "a peak of 96": the measurement before it, at its extreme."""
    first = sentence.index_at(mention.start)
    return sentence.lower(first - 1) == "of" and sentence.lower(first - 2) in EXTREMES


def same_order(first: Mention, later: Mention) -> bool:
    """Whether two quantities (or their lower bounds) are within a hundred times each other."""
    one, other = (m.value if isinstance(m.value, float) else m.low for m in (first, later))
    return isinstance(one, float) and isinstance(other, float) and one > 0 and 0.01 <= other / one <= 100


# "Per 1,000 starters, the treatment figures work out at 34 (committee), 36 (SHS) and 52"
_FRONTED_RATE = re.compile(r"\s*(?:[Pp]er|[Ff]or\s+every)\s+(?P<base>\d{1,3}(?:,\d{3})+|\d+)(?:\s+(?P<noun>[a-z]+))?\s*,")


def apply_fronted_rate(sentence: Sentence, mentions: list[Mention]) -> None:
    """"Per 1,000 starters, the treatment figures work out at 34 (committee), 36 (SHS) and 52
    (alliance)": a sentence opening with what its figures are per makes each count a rate per it,
    named by what the clause after the comma is about ("treatment"); the base is no figure."""
    fronted = _FRONTED_RATE.match(sentence.text, sentence.start, sentence.end)
    if not fronted:
        return
    unit = f"per {fronted.group('base')}" + (f" {fronted.group('noun')}" if fronted.group("noun") else "")
    i = sentence.index_at(fronted.end())
    while sentence.lower(i) in DETERMINERS:
        i += 1
    words = []
    while i < len(sentence.tokens) and sentence.tokens[i].is_word and sentence.lower(i) not in FUNCTION_WORDS \
            and len(words) < 3:
        words.append(sentence.lower(i))
        i += 1
    words = [w for w in words if w not in ESTIMATE_NOUNS and w not in _RATE_WORDS][:2]
    for mention in mentions:
        if mention.start < fronted.end():
            mention.measure = None                       # the base: "1,000"
        elif mention.kind == "count":
            mention.kind, mention.unit = "rate", unit
            mention.measure = " ".join([*words, unit]) if words else f"rate {unit}"


_RATE_WORDS = frozenset({"rate", "rates", "ratio", "work", "works", "worked", "come", "comes"})


_SHARE_WORDS = frozenset({"share", "proportion", "percentage", "fraction"})


def apply_run_in_head(mentions: list[Mention], head: str) -> None:
    """Figures no word names, in a paragraph its head in capitals says is about one thing
    ("CHILDREN. Estimates range from 48% (NMD registrations) ...", "THE WAIT. ... up to 12 hours"),
    measure that thing: a share of what the head counts ("share of children"), else the thing
    itself ("INFLATION. ... is 11.2%": "inflation"), its duration or its dimension ("walk distance").
    A head naming a share ("THE SHARE OF THE CROP.") names its shares alone."""
    noun = head.split()[-1]
    if noun in ("money", "cash", "numbers", "figures", "data"):
        return                                          # "MONEY.": no more than the figures' kind
    share = head.partition(" of ")[0] in _SHARE_WORDS
    for mention in mentions:
        if mention.kind not in QUANTITY_KINDS - {"category"} or mention.measure not in (None, default_name(mention)) \
                or mention.weak or (share and mention.kind != "percent"):   # "In 2013 the busiest day brought about 1,400"
            continue
        if share:
            mention.measure = f"share of {head.partition(' of ')[2]}"
        elif mention.kind == "percent":
            # a share of what a plural counts; a rate a noun of a state or process is ("inflation",
            # "unemployment"); no share of "money"
            if looks_plural(noun) and noun not in ("rates", "prices"):
                mention.measure = f"share of {head}"
            elif noun.endswith(("tion", "ment", "rates")):
                mention.measure = head
        elif mention.kind == "duration":
            mention.measure = head if head in ("wait", "delay") else f"{head} duration"
        elif mention.kind == "measurement":
            mention.measure = f"{head} {default_name(mention)}"
        else:
            mention.measure = head


def apply_answered_question(mentions: list[Mention], kind: str, measure: str) -> None:
    """The first figure of a reply to a question ("PRESENTER: How many claims have you had? /
    HALSTROM: About 2,600 so far"), when no word names it, is what the question asked for."""
    answer = next((m for m in mentions if m.kind == kind), None)
    if answer is not None and not (answer.weak and kind == "count") and answer.measure in (None, default_name(answer)):
        answer.measure = measure


def apply_back_references(sentence: Sentence, mentions: list[Mention], before: str, last: dict[str, str]) -> None:
    """A number no word names, right after a word pointing back ("puts it at 214"), counts what
    the sentence named before it or, failing that, what the sentence before (`before`, in the same
    paragraph) last named ("A year on, even the death toll is disputed. An AFP tally puts it at
    214."), or the paragraph's last counted measure (`last`, by kind: "... 214. Hoteit counts
    218."). A share or an amount whose subject is a pronoun ("They stood at 19%") measures what
    the paragraph's last figure of its kind did."""
    for k, mention in enumerate(mentions):
        # a measurement named only as a reading or a result taken ("our highest reading so far")
        taken = mention.kind == "measurement" and bool(_MEASURING_NOUNS.intersection((mention.measure or "").split()))
        if mention.kind in ("percent", "money") and last.get(mention.kind) and _pronoun_subject(sentence, mention):
            mention.measure = last[mention.kind]
        elif mention.kind == "money" and mention.measure == DEFAULT_NAMES["money"] and same_amount_key(mention) in last:
            mention.measure = last[same_amount_key(mention)]
        elif mention.kind in ("percent", "money") and mention.measure == DEFAULT_NAMES[mention.kind] \
                and _points_back(sentence, mentions, k):
            # "the ministry says 41% of the crop was lost; the growers say 58%"
            earlier = next((m.measure for m in reversed(mentions[:k]) if m.kind == mention.kind
                            and m.measure not in (None, mention.measure)), None)
            mention.measure = earlier or last.get(mention.kind) or mention.measure
        elif mention.kind == "measurement" and (
                mention.measure == default_name(mention) and (_points_back(sentence, mentions, k)
                                                             or _set_beside(sentence, mentions, k))
                or (mention.measure or "").split()[-1] in ESTIMATE_NOUNS or taken):
            # "...; Blue Shoal Watch still says 110 km", "the coastguard's largest measurement was
            # 180 square kilometres": what the sentence measured before in the same dimension, or
            # else the paragraph ("... or 2.6 million tonnes of crops. The ministry now says LSR
            # 2.1bn and 1.8 million tonnes."); with neither, a reading or a result is of what its
            # unit measures ("our highest reading so far is 96 micrograms per litre": the
            # concentration in water). What the figure's own words name comes first ("its run-up
            # figure").
            words = (mention.measure or "").split()
            thing = [w for w in words[:-1] if w not in _ESTIMATE_MODIFIERS and w not in _SUPERLATIVES] \
                if words[-1:] and words[-1] in ESTIMATE_NOUNS else []
            earlier = next((m.measure for m in reversed(mentions[:k]) if m.kind == "measurement" and m.measure
                            and unit_dimension(m.unit) == unit_dimension(mention.unit)
                            and m.measure not in (default_name(m), mention.measure)), None)
            mention.measure = " ".join(thing) or earlier or last.get(last_key(mention)) \
                or (default_name(mention) if taken else mention.measure)
        elif mention.kind in ("percent", "money") and mention.measure \
                and mention.measure.split()[-1] in ESTIMATE_NOUNS:
            # "The ministry put the figure at LVD 240m", "the true figure is SK 14bn": the amount
            # the paragraph was about; "its damage estimate" names it
            # "Total damage, on roads that are not insured, will be far higher: the ministry's first
            # estimate is $3.4bn": what its sentence first named, its subject
            named = [canonical_measure(w) for w in mention.measure.split()[:-1] if canonical_measure(w)] \
                or _measures_named(sentence.text[sentence.start:mention.start])[:1]
            # "The company's own clean-up estimate is now ...": the thing its own words name
            thing = [w for w in mention.measure.split()[:-1] if w not in _ESTIMATE_MODIFIERS]
            # not a figure named only by what was done to it ("the KVR 14.2bn approved in 2020")
            carried = last.get(mention.kind)
            carried = carried if carried and not is_participle(carried) else None
            mention.measure = named[-1] if named else " ".join(thing) if thing else carried or DEFAULT_NAMES[mention.kind]
    for k, mention in enumerate(mentions):
        first = sentence.index_at(mention.start)
        if mention.kind in ("duration", "measurement") and sentence.lower(first - 1) == "of" \
                and sentence.lower(first - 2) in ("figure", "estimate", "reading", "measurement"):
            # "inside the network for 15 days, revising its earlier figure of 14 days"
            earlier = next((m for m in reversed(mentions[:k]) if m.kind == mention.kind and m.measure
                            and unit_dimension(m.unit) == unit_dimension(mention.unit)), None)
            if earlier is not None:
                mention.measure = earlier.measure
    for k, mention in enumerate(mentions):
        # "far more than the police estimate of 2,400": a source's own count of what was counted
        # (not "236,000 passport numbers": what follows a count is what it counts)
        noun = (mention.measure or "").split(" ")[-1]
        estimate = mention.kind == "count" and noun in ESTIMATE_NOUNS and noun not in {
            sentence.lower(j) for j in range(sentence.index_at(mention.end), sentence.index_at(mention.end) + 3)}
        if (mention.measure and not estimate) or mention.kind != "count" or mention.weak == "year":
            continue                                       # "worse than the 1979 disaster"
        first = sentence.index_at(mention.start)
        if first > 0 and sentence.lower(first - 1) == ":":
            # "This time the arrests came faster: more than 1,900 in a single week"
            named = _measures_named(sentence.text[sentence.start:sentence.tokens[first - 1].start])
            if named:
                mention.measure = named[-1]
                continue
            label = list_label(sentence.text, mention.start)
            # "- Arrivals registered by the directorate by Thursday night: 47,260" (not "- Police: 8,000")
            if label and not names_a_body(label.split(" by ")[0]):
                mention.measure = header_measure(label)[0]
                continue
        pointing = sentence.lower(first - 1) in MORE_OF_IT       # "150 flights ..., and another 90 on Tuesday"
        for j in range(first - 1, max(-1, first - 6), -1):
            if sentence.is_boundary(j):
                break
            pointing = pointing or sentence.lower(j) in BACK_REFERENCES
        # "against about 70 in 1984": what the sentence counted, in another year (events.py marks it)
        verb = level_verb_before(sentence, first - 1)       # "The agency's final figure, ..., is 23"
        # "...; by Friday that had fallen to 300,000": a pronoun levelled at the figure
        pointing = pointing or (verb is not None and sentence.lower(skip_auxiliaries(sentence, verb - 1)) in _POINTING) \
            or estimate or (verb is not None and source_figure_before(sentence, verb) is not None) \
            or given_by(sentence, first, sentence.index_at(mention.end)) \
            or compared_year(sentence, mention) is not None or _revises_own_figure(sentence, first) \
            or _said_alone(sentence, first, sentence.index_at(mention.end))
        if not pointing:
            continue
        earlier = next((m for m in reversed(mentions[:k]) if m.measure and m.kind in ("count", "measurement")), None)
        if earlier is not None:
            mention.measure = earlier.measure
            if earlier.kind == "measurement":              # "a magnitude 3.3 ..., while GFZ put it at 3.5"
                mention.kind, mention.unit = earlier.kind, earlier.unit
            continue
        named = _measures_named(before)
        # "2,000 birds died. ... the real number is 3,000": birds, a group of its own; not the
        # members a union counts ("46,000 of its members were on strike")
        group = last.get("count")
        parent, _, who = (group or "").partition(": ")
        if group and named and (parent != named[-1] or who in POPULATION_NOUNS | GENERIC_NOUNS):
            group = None
        mention.measure = group or (named[-1] if named else mention.measure) or _number_of(sentence, first)
        if mention.measure == "magnitude":                # "A magnitude 6.4 quake struck. The USGS put it at 6.2."
            mention.kind, mention.unit = "measurement", "magnitude"


# Words before "estimate" or "figure" that say whose or which, not of what: "its own latest estimate"
_ESTIMATE_MODIFIERS = frozenset({"own", "latest", "first", "final", "new", "revised", "initial", "central", "official",
                                 "best", "early", "earlier", "previous", "true", "real", "rough", "current", "updated",
                                 "independent", "preliminary", "provisional", "highest", "lowest", "upper", "lower",
                                 "national", "nationwide", "regional", "local", "overall", "total", "global", "combined",
                                 "average", "full", "headline"})


# Which of a source's figures, not of what: "the coastguard's largest measurement". Listed, since
# "harvest", "forest" and "interest" end alike.
_SUPERLATIVES = frozenset({"largest", "biggest", "smallest", "greatest", "worst", "best", "most", "least", "deepest",
                           "longest", "shortest", "widest", "heaviest", "strongest", "fastest", "hottest", "coldest",
                           "warmest", "oldest", "newest", "earliest"})


def _revises_own_figure(sentence: Sentence, first: int) -> bool:
    """Whether the count at token `first` is what a source moved its own figure to or from, however
    far the verb stands ("The NMD also revised its count for the busiest day, Thursday 4 March,
    from 6,850 to 7,120"): its figure of what the paragraph counts."""
    for j in range(first - 1, max(0, first - 25), -1):
        if sentence.lower(j) in (";", ".", ":"):
            return False
        if sentence.lower(j) in ("its", "their") and (looks_past(sentence.lower(j - 1)) or sentence.lower(j - 1) == "cut") \
                and any(sentence.lower(k) in ESTIMATE_NOUNS for k in range(j + 1, j + 4)):
            return True
    return False


def _number_of(sentence: Sentence, first: int) -> str | None:
    """What "the number of ..." before token `first` counts, named as a count before the same
    words would be: "The number of SkyVerra passengers stranded abroad is higher than first
    thought, the ministry said, raising its estimate to 42,000" -> "stranded: SkyVerra passengers"."""
    of = next((k + 1 for k in range(first - 2, -1, -1) if sentence.lower(k) == "number"
               and sentence.lower(k + 1) == "of"), None)
    return measure_after(sentence, of + 1, 2.0)[0] if of is not None else None


_PRONOUNS = frozenset({"it", "they", "these", "those"})
# Singular pronouns by which one figure is levelled as the one before: "that had fallen to 300,000",
# "it rose to 61" (a plural "they" may stand for several counts)
_POINTING = frozenset({"that", "it", "this"})


def _pronoun_subject(sentence: Sentence, mention: Mention) -> bool:
    """"They stood at 19%", "It had reached $2bn by Friday": a pronoun opens the sentence and a
    level verb sets the figure."""
    first = sentence.index_at(mention.start)
    if sentence.lower(0) not in _PRONOUNS or first > 8:
        return False
    return level_verb_before(sentence, first - 1) is not None


# "of the", "of the country's", "of the east block's"
_PART_OF = re.compile(r"\s+of\s+(?:(?:the|its|their|all|all\s+the)\s+|the\s+(?:[\w-]+\s+){0,2}[\w-]+['’]s\s+)?", re.I)
# "four in ten of its 3.4 million customers", "60% of the 2,000 residents": a share of a count.
_OF_WHOLE = frozenset({"its", "their", "the", "his", "her", "our", "all", "all the"})


TOTAL = " (total)"      # a whole's measure: "customers (total)" for all the customers some of whom lost power


def apply_totals(sentence: Sentence, mentions: list[Mention]) -> None:
    """"1.2 million customers were without power, out of roughly 3.4 million nationwide", "almost
    four in ten of its 3.4 million customers": the count after "out of", or after a share and
    "of", is the whole the other figure is part of, a measure of its own."""
    for part, whole in zip(mentions, mentions[1:]):
        # "won 88 of the 150 seats", "1,240 of the country's 9,800 polling stations": a part and its whole.
        if part.kind == whole.kind == "count" and whole.measure and not whole.measure.endswith(TOTAL) \
                and _PART_OF.fullmatch(sentence.text, part.end, whole.start):
            part.measure, part.noun_phrase_only = whole.measure, whole.noun_phrase_only
            whole.measure = f"{_whole_name(whole)}{TOTAL}"
    for k, mention in enumerate(mentions):
        first = sentence.index_at(mention.start)
        if mention.kind != "count" or (mention.measure or "").endswith(TOTAL):
            continue
        after_out_of = sentence.lower(first - 1) == "of" and sentence.lower(first - 2) == "out"
        if not (after_out_of or _share_of(sentence, mentions[k - 1] if k else None, first)):
            continue
        part = next((m.measure for m in reversed(mentions[:k]) if m.measure and m.kind == "count"), None)
        measure = (_whole_name(mention) if mention.measure else None) or part
        if measure:
            mention.measure = f"{measure}{TOTAL}"


def _whole_name(mention: Mention) -> str | None:
    """A whole is named by its noun alone: "2,400 residents had left" is the whole of residents."""
    return mention.measure.rpartition(": ")[2] if mention.noun_phrase_only and mention.measure else mention.measure


def _share_of(sentence: Sentence, before: Mention | None, first: int) -> bool:
    """Whether the count at token `first` follows a share and "of" ("four in ten of its ...")."""
    if before is None or before.kind != "percent":
        return False
    between = [sentence.lower(j) for j in range(sentence.index_at(before.end), first)]
    # "two-thirds of the town's 9,000 residents": an owner before the whole
    owner = len(between) >= 3 and between[1] == "the" and between[-1].endswith(POSSESSIVE_ENDINGS)
    return bool(between) and between[0] == "of" and (" ".join(between[1:]) in _OF_WHOLE | {""} or owner)


# "weakened to a Category 2 storm", "was upgraded to level 4": a rating after it changed.
_CHANGED = re.compile(r"\b(?P<verb>weakened|strengthened|intensified|downgraded|upgraded|lowered|raised|dropped|"
                      r"fell|rose|escalated|reduced|increased)\s+(?:again\s+)?to\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)


def apply_changed_ratings(sentence: Sentence, mentions: list[Mention]) -> None:
    """A category or level a thing "weakened to" or was "upgraded to" is its rating after the
    change, a measure of its own: not a value that disagrees with the rating it had before
    (a storm that weakened to Category 2 inland made landfall as a Category 4)."""
    for mention in mentions:
        if mention.kind != "category" or not mention.measure:
            continue
        found = _CHANGED.search(sentence.text, max(sentence.start, mention.start - 40), mention.start)
        if found:
            mention.measure = f"{mention.measure} ({found['verb'].lower()} to)"


# Verbs by which a named side holds a share or a count: "Voss won 52.4%", "Brek's Civic Front took 49 seats".
_HOLDING_VERBS = frozenset({"won", "wins", "took", "takes", "received", "receives", "got", "gets", "secured",
                            "secures", "captured", "captures", "gained", "gains", "polled", "polls", "garnered",
                            "obtained", "holds", "held"})


def apply_holders(sentence: Sentence, mentions: list[Mention]) -> None:
    """Whose share or count a figure is, when a named side holds it: "Voss won 52.4%", "Brek
    with 44.1%", "Voss 51.8% and Brek 45.0%". Two sides' figures are two facts, so the holder
    joins the measure's name ("share of vote (Voss)") and they never disagree."""
    for mention in mentions:
        if mention.kind not in ("percent", "count") or not mention.measure or mention.measure.endswith(")") \
                or mention.measure.startswith("in "):          # "Shelters held 31,000 people": in shelters
            continue
        holder = _holder_before(sentence, sentence.index_at(mention.start) - 1)
        if holder:
            mention.measure = f"{mention.measure} ({holder})"


def _holder_before(sentence: Sentence, j: int) -> str | None:
    """The proper name right before a figure, directly ("Brek 45.0%" in a list), after "with",
    or as the subject of a holding verb ("Voss won"); its last word, as sources shorten names."""
    word = sentence.lower(j)
    if word in _HOLDING_VERBS or word == "with":
        j -= 1
    elif not (j >= 1 and sentence.tokens[j].capitalised and sentence.lower(j - 1) in ("and", ",", ":", "while")):
        return None
    token = sentence.tokens[j] if j >= 0 else None
    if token is None or not token.is_word or not token.capitalised or token.lower in FUNCTION_WORDS \
            or token.lower in VOCAB.source_nouns or token.lower in VOCAB.attribution_verbs:
        return None
    name = token.text[:-2] if token.text.endswith(OWNER_ENDINGS) else token.text
    if j == 0 and not (len(sentence.tokens) > 1 and sentence.lower(1) in _HOLDING_VERBS):
        return None                                     # a capital opening the sentence is no name by itself
    return name


def apply_casualties_rule(mentions: list[Mention]) -> None:
    """"Casualties" are the dead when the sentence gives the injured separately
    ("nearly 100 casualties and left 284 people wounded")."""
    if any(m.measure == "injured" for m in mentions):
        for mention in mentions:
            if mention.measure == "casualties":
                mention.measure = "killed"
