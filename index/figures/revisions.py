"""Revisions by one source: "84, down from 103" (84 is current, 103 earlier), "raised the toll
from 90 to 95", "previously reported as 40", a correction's "79, not 84"."""
from __future__ import annotations

import re

from index.figures.context import restates
from index.figures.mention import Mention
from index.figures.quantities import change_before
from index.figures.quantity_measures import default_name
from index.figures.text import Sentence
from index.figures.vocabulary import VOCAB, alternation, phrase_key

EARLIER_MARKER = re.compile(r"\b(?:previously|initially|originally|earlier)\s+(?:reported|put|given|"
                             r"estimated|stated|said)(?:\s+(?:as|at|to\s+be))?\s*$", re.I)


# Kinds whose figures a source revises: "35% of the fire contained, up from 10%", "$3.1 billion,
# up from $2.4 billion", as well as counts.
REVISABLE = frozenset({"count", "duration", "percent", "money", "measurement", "rate"})


# "cut to 1,300 from the peak of 2,100": the earlier figure was the measure's peak
_FROM_A_PEAK = re.compile(r"from (?:the |its |a )?(?:peak|high|low|maximum|minimum|record)(?: of)?")


def apply_revisions(sentence: Sentence, mentions: list[Mention]) -> None:
    """Mark revised figures: "84, down from 103", "revised to 84 from 103", "from 103 to 84",
    "84, previously reported as 103". The earlier figure takes the current one's measure."""
    text = sentence.text
    # an amount restated in another currency ("ORM 240m (about €22m), from ORM 150m") is no step
    counts = [m for k, m in enumerate(mentions) if m.kind in REVISABLE and not restates(sentence, mentions, k)]
    for k, (previous, second) in enumerate(zip(counts, counts[1:])):
        # "1,912 arrests in three cities, revised up from 1,874": the cities only say where
        first = previous if k == 0 or not _says_where(sentence, previous) else counts[k - 1]
        if first.kind != second.kind and first.kind == "duration" and k > 0:
            first = counts[k - 1]                       # "398 diversions over the 10 days, revised up from 361": when
        if first.kind != second.kind:
            continue
        gap = phrase_key(text[previous.end:second.start])
        if first is not previous:
            gap = re.sub(r"^[\w-]+ ?", "", gap)            # the place's noun: "cities"
        before = phrase_key(text[sentence.start:first.start])
        if re.fullmatch(r",? ?(?:(?:(?:revised|raised|cut|lowered|corrected|adjusted)(?: down| up)?|down|up) from"
                        r"(?: the)?|(?:previously|earlier|initially|originally)"
                        r"(?: reported| put| given| estimated| stated)?(?: as| at)?|not)", gap) \
                or ((gap in ("from", "from the", "from its") or _FROM_A_PEAK.fullmatch(gap)
                     or (gap.endswith((" from", " from the")) and len(gap) <= 40
                         and (change_before(text, sentence.start, first.start)
                              or before.endswith((" down to", " up to")))))
                    and before.endswith(" to")) \
                or (len(gap) <= _UP_FROM_REACH and ";" not in gap
                    and re.search(r", ?(?:(?:revised|raised|lowered|cut|corrected) )?(?:down|up) from(?: the| its)?"
                                  r"(?: (?:an?|the|its)(?: (?:initial|earlier|previous|first|original))?"
                                  r" (?:count|estimate|figure|tally|toll|total) of)?"
                                  rf"(?: {_QUALIFIER_LEFT})?$", gap)):
            # the last: "contained 35% of the blaze by Sunday evening, up from 10%", "398 diversions
            # over the 10 days, revised up from 361", "treated 17, up from an initial count of nine"
            current, earlier = first, second
        elif gap == "to" and before.endswith(" from") and change_before(text, sentence.start, first.start):
            current, earlier = second, first
        else:
            continue
        current.revision, earlier.revision = "current", "earlier"
        current.revision_of, earlier.revision_of = text[earlier.start:earlier.end], text[current.start:current.end]
        # Both figures count the same thing; the vocabulary's name for it wins over a noun phrase.
        # A name of its own beats one only of its kind, and the first figure's what its clause names
        # ("The price of petrol would rise from 1.95 marls to 2.35 marls a litre": "petrol price").
        named = sorted((m for m in (current, earlier) if m.measure and not m.noun_phrase_only),
                       key=lambda m: (m.measure == default_name(m), m.start))
        source = (named or [m for m in (current, earlier) if m.measure] or [current])[0]
        for mention in (current, earlier):
            mention.measure, mention.noun_phrase_only = source.measure, source.noun_phrase_only
    for mention in counts:
        if mention.revision is None and EARLIER_MARKER.search(text, sentence.start, mention.start):
            mention.revision = "earlier"


# A qualifier the earlier figure's words leave out after an article: "down from the nearly 1.9 billion"
_QUALIFIER_LEFT = rf"(?:{alternation(VOCAB.qualifiers)})"

# characters between a count and its ", up from" (a place, a source's clause): "Seven passengers are now
# being treated at Carrow Bay General Hospital, the health authority said, up from four on Monday"
_UP_FROM_REACH = 120


def _says_where(sentence: Sentence, mention: Mention) -> bool:
    """"in three cities", "across 12 provinces": a count saying where the figure before it was found."""
    return sentence.lower(sentence.index_at(mention.start) - 1) in ("in", "across", "among", "within")
