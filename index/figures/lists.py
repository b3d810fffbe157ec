"""Figures listed together in a sentence, and what each of a list measures or who gives it: a
list after a colon ("The death toll has risen three times: about 40 on Monday, 55 after the
search"), items set in places or on days ("12 people died in Arvik and 25 in Tolm"), each
credited to its source ("about 300 metres by police, half a kilometre by PASA", "34
(committee), 36 (SHS)"), a second source's figure with its verb left out ("..., and the
employers at 26,000"), an amount restated or hedged after it, and bare numbers listed as the
sentence before listed named ones."""
from __future__ import annotations

import re

from index.figures.context import QUANTITY_KINDS, restates, same_quantity
from index.figures.grammar import DAY_WORDS
from index.figures.mention import Mention
from index.figures.quantity_measures import default_name, names_place
from index.figures.quantity_objects import TIME_NOUNS
from index.figures.text import Sentence, after_speaker_label
from index.figures.vocabulary import VOCAB


def apply_credited_lists(sentence: Sentence, mentions: list[Mention]) -> None:
    """"The queue was put at about 300 metres by police, half a kilometre by PASA and some 400
    metres by the inquiry": quantities of one kind listed each with its source measure what the
    first does, when no word of their own names them."""
    for k, mention in enumerate(mentions):
        if mention.kind not in ("money", "measurement", "percent") or mention.measure != default_name(mention) \
                or not _credited(sentence, mentions, k):
            continue
        first = sentence.index_at(mention.start)
        for e in range(k - 1, -1, -1):
            earlier = mentions[e]
            if restates(sentence, mentions, e):
                continue                                # a restatement: the amount it restates decides
            if not same_quantity(earlier, mention):
                continue
            between = [sentence.lower(j) for j in range(sentence.index_at(earlier.end - 1) + 1, first)]
            if earlier.measure not in (None, default_name(earlier)) and _credited(sentence, mentions, e) \
                    and len(between) <= 12 and _LIST_JOINS.intersection(between):
                mention.measure = earlier.measure
            break


_LIST_JOINS = frozenset({",", "and", "or", ";"})


def apply_listed_after_colon(sentence: Sentence, mentions: list[Mention]) -> None:
    """"The death toll has risen three times: about 40 on Monday, 55 after the search, and on
    Friday 61", "Estimates of the crowd vary: 8,000 according to police, 25,000 according to the
    union": an item of a list after a colon that no word names measures what the named item
    before it does, when the item opens with it (past a day or a place: "and on Friday 61")."""
    colon = next((j for j in range(after_speaker_label(sentence), len(sentence.tokens))
                  if sentence.lower(j) == ":"), None)
    if colon is None:
        return
    listed = [m for m in mentions if m.start >= sentence.tokens[colon].end
              and m.kind in ("count", "money", "measurement", "percent")]
    for k, mention in enumerate(listed):
        if k == 0 or mention.measure not in (None, default_name(mention)) or not _opens_item(sentence, mention):
            continue
        earlier = next((m for m in reversed(listed[:k]) if m.measure not in (None, default_name(m))), None)
        if earlier is not None and same_quantity(earlier, mention) and not restates(sentence, mentions,
                                                                                      mentions.index(mention)):
            mention.measure = earlier.measure


def _opens_item(sentence: Sentence, mention: Mention) -> bool:
    """Whether the mention opens an item of a list, past its qualifier and a day or a place
    before it (", 55 after", "; about 61", "and on Friday 61")."""
    j = sentence.index_at(mention.start) - 1
    for k in range(j, max(-1, j - 5), -1):
        if sentence.lower(k) in _LIST_JOINS:
            return k == j or _setting_at(sentence, k + 1)
    return False


# Words hedging a second estimate of what the amount before measures: "about 850, most likely
# between 700 and 1,000", "at least 40, perhaps 60"
_HEDGES = frozenset({"likely", "probably", "possibly", "perhaps", "maybe"})
_HEDGE_WORDS = _HEDGES | {"most", "more", "quite", "or", "and", "but"}


def apply_coordinated_quantities(sentence: Sentence, mentions: list[Mention]) -> None:
    """A quantity no word names measures what the named one right before it does when it restates
    it in another unit after "and" ("put the losses at LSR 1.6bn (€186m) and 1.5 million tonnes"),
    or estimates it again after a comma and a hedge ("put excess deaths at about 850, most likely
    between 700 and 1,000"), or adds to it ("fined it DSR 18m for polluting the river, and a further
    DSR 2.5m for failing to report": a fine too, whatever it is for)."""
    for k, mention in enumerate(mentions):
        further = k > 0 and _FURTHER.search(sentence.text, max(sentence.start, mention.start - 16), mention.start)
        if k == 0 or mention.kind not in ("count", "money", "measurement", "percent") \
                or (mention.measure not in (None, default_name(mention))
                    and not (further and mention.measure.endswith("ing"))):
            continue
        e = k - 2 if restates(sentence, mentions, k - 1) else k - 1   # the amount a restatement restates
        earlier = mentions[e]
        if earlier.measure in (None, default_name(earlier)):
            continue
        between = sentence.text[mentions[k - 1].end:mention.start].strip().lower()
        words = between.lstrip(",").split()
        if (between in ("and", ") and", "), and", ", and") and mention.kind != "count"
                and earlier.kind in ("money", "measurement", "percent")) \
                or (between.startswith(",") and _HEDGES & set(words) and set(words) <= _HEDGE_WORDS
                    and same_quantity(earlier, mention)) \
                or (further and mention.kind != "count" and same_quantity(earlier, mention)):
            mention.measure = earlier.measure


# "a further DSR 2.5m", "another €40m": more of what the amount before measures
_FURTHER = re.compile(r"\b(?:a\s+further|an\s+additional|an\s+extra|another)\s+$", re.I)


def apply_listed_settings(sentence: Sentence, mentions: list[Mention]) -> None:
    """"12 people died in Arvik and 25 in Tolm", "1.9 metres of snow at Grath Pass and 96 cm at
    Kirnavik", "up from 14 on Thursday and 11 on Wednesday": a quantity no word names, listed
    after a named one of the same kind with another place or day, measures what the named one
    does; its place is its scope."""
    for k, mention in enumerate(mentions):
        if k == 0 or mention.kind not in ("count", "money", "measurement", "percent") \
                or mention.measure not in (None, default_name(mention)) \
                or not _setting_at(sentence, sentence.index_at(mention.end)):
            continue
        first = sentence.index_at(mention.start)
        for earlier in reversed(mentions[:k]):
            if earlier.kind not in ("count", "money", "measurement", "percent"):
                continue
            if not same_quantity(earlier, mention) or earlier.measure in (None, default_name(earlier)):
                break
            start = sentence.index_at(earlier.end - 1) + 1
            settings = [j for j in range(start, first - 1) if _setting_at(sentence, j)]
            if settings and sentence.lower(first - 1) in _LIST_JOINS and first - start <= 16:
                mention.measure = earlier.measure
            break


_PLACE_PREPOSITIONS = frozenset({"in", "at"})


def _setting_at(sentence: Sentence, j: int) -> bool:
    """Whether token j opens a place ("in Arvik", "at Grath Pass") or a day ("on Thursday", "in May")."""
    if sentence.lower(j) in ("on", "in", "by") and sentence.lower(j + 1) in DAY_WORDS:
        return True
    return sentence.lower(j) in _PLACE_PREPOSITIONS and names_place(sentence, j + 1) \
        and sentence.lower(j + 1) not in TIME_NOUNS


def credited_source(sentence: Sentence, mentions: list[Mention], k: int) -> int | None:
    """Where the source credited right after the k-th mention (or after its restatement in
    another unit) starts: "about 300 metres by police", "ORM 4bn ($38m) according to the bank"."""
    end = mentions[k + 1].end if restates(sentence, mentions, k + 1) else mentions[k].end
    j = sentence.index_at(end)
    j += sentence.lower(j) == ")"
    if sentence.lower(j) == "by":
        return j + 1
    if sentence.lower(j) == "(" and _names_a_giver(sentence, j + 1):
        return j + 1                                   # "34 (committee), 36 (SHS) and 52 (alliance)"
    return j + 2 if sentence.lower(j) == "according" and sentence.lower(j + 1) == "to" else None


def _names_a_giver(sentence: Sentence, i: int) -> bool:
    """Whether the words in brackets from token i name who gives a figure: a source noun, an
    acronym or a name ("(committee)", "(SHS)", "(Open Hands)"), not a conversion nor a day."""
    words = []
    while i < len(sentence.tokens) and sentence.lower(i) != ")" and len(words) < 5:
        if not sentence.tokens[i].is_word:
            return False
        words.append(sentence.tokens[i])
        i += 1
    return bool(words) and sentence.lower(i) == ")" and words[0].lower not in DAY_WORDS and (
        any(w.lower in VOCAB.source_nouns or (w.text.isupper() and len(w.text) > 1) for w in words)
        or all(w.capitalised for w in words))


def _credited(sentence: Sentence, mentions: list[Mention], k: int) -> bool:
    return credited_source(sentence, mentions, k) is not None


# Words joining a second source's figure with its verb left out: "..., and the employers at 26,000".
GAP_JOINS = frozenset({"and", "while", "whereas", "but", ";"})


def apply_gapped_settings(sentence: Sentence, mentions: list[Mention]) -> None:
    """"The ministry put the figure at 33,500 and the employers at 26,000": a second source's
    figure after "at", with the verb left out, measures what the first one's does; so does a
    later level after "to" ("the toll rose to 12 on Monday and then to 17")."""
    for k, mention in enumerate(mentions):
        first = sentence.index_at(mention.start)
        preposition = sentence.lower(first - 1)
        if mention.measure or preposition not in ("at", "to"):
            continue
        joins = GAP_JOINS | {"then", ","} if preposition == "to" else GAP_JOINS
        for earlier in reversed(mentions[:k]):
            start = sentence.index_at(earlier.start)
            between = [sentence.lower(j) for j in range(sentence.index_at(earlier.end - 1) + 1, first - 1)]
            if earlier.kind == mention.kind and earlier.measure and sentence.lower(start - 1) == preposition \
                    and joins.intersection(between) and preposition not in between and len(between) <= 12:
                mention.measure = earlier.measure
                break


def parallel_names(sentence: Sentence, mentions: list[Mention], before: list[Mention]) -> list[tuple[Mention, str]]:
    """"The commission believes the leak holds 2.3 million identity numbers and 240,000 passport
    numbers. Norvanta's investigators counted 1.9 million and 212,000.": numbers no word names,
    listed as the sentence before (`before`, its quantities) listed named ones of as many kinds,
    measure what those do, in order. (Given as pairs, set after back references, which would give
    each the paragraph's last measure.)"""
    bare = [m for m in mentions if m.kind in QUANTITY_KINDS]
    if len(bare) < 2 or len(bare) != len(before) or any(m.measure not in (None, default_name(m)) for m in bare) \
            or any(b.measure in (None, default_name(b)) or b.kind != m.kind for m, b in zip(bare, before)) \
            or len({b.measure for b in before}) < len(before):
        return []
    if all(sentence.text[a.end:b.start].strip().lower() in ("and", ",", ", and") for a, b in zip(bare, bare[1:])):
        return [(mention, named.measure) for mention, named in zip(bare, before)]
    return []
