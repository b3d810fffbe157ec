"""Sources named by a label rather than a sentence: a transcript's speaker ("ASHA RENDEL (VGWF):
Our members have counted more than 100 dead") and a list item's source ("- Heskel & Dunn:
clean-up TVL 4bn-6bn"). Each labels the figures up to its end that no sentence credits."""
from __future__ import annotations

import dataclasses
import re

from index.figures.grammar import singular
from index.figures.source_names import names_a_body
from index.models import Figure
from index.figures.scope import PLACE_NOUNS, REGION_ADJECTIVES
from index.figures.tables import introduced_source
from index.figures.text import SPEAKER_LABEL
from index.figures.vocabulary import VOCAB


def credit_labelled(figures: list[Figure], text: str, reporters: frozenset[str] = frozenset()) -> list[Figure]:
    """Each figure no sentence credits, inside a labelled span, is the label's; `reporters` are the
    single names the text has report something."""
    spans = speaker_turns(text) + list_labels(text, reporters) + introduced_lists(text) + update_labels(text) \
        + sentence_labels(text, reporters)
    if not spans:
        return figures
    return [next((dataclasses.replace(f, attributed_to=name) for start, end, name in spans if start <= f.start < end),
                 f) if f.attributed_to is None else f for f in figures]


def speaker_turns(text: str) -> list[tuple[int, int, str]]:
    """(start, end, speaker) of each turn of a transcript that a speaker other than the outlet's
    own voices takes (by label, or as the text introduces them: "our correspondent Viktor Lund"):
    its figures are the speaker's where no sentence names a source. A label of a surname alone
    ("RENDEL:") is named as the text first names the person ("Asha Rendel"), and who a speaker
    speaks for is part of their name ("EVA STRAND (Sennport General):")."""
    labels = list(SPEAKER_LABEL.finditer(text))
    turns = []
    for k, label in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        if label.group(1).lower() in VOCAB.outlet_voices:
            continue
        name = " ".join(word.capitalize() for word in label.group(1).split())
        surname = re.escape(name.split()[-1])
        # "Our correspondent Viktor Lund", "PRESENTER (KAMIL OSTRANDER):", "Reporter: Jonas Veit";
        # a reporter sent out: "Lena Kovar is in Pelloz", "Jonas Veit is on the harbour wall"
        # (not the presenter turning to a guest: "PRESENTER: Carys Dunholm, what do you want now?")
        if re.search(rf"\b(?:{_OUTLET_VOICES})\b(?!:[ \t]+(?:[A-Za-z]+\s+){{0,2}}{surname},)[\s,(:]+"
                     rf"(?:[A-Za-z]+\s+){{0,2}}{surname}\b", text, re.I) \
                or re.search(rf"\b{surname} is (?:in|at|on|outside|near)\b", text, re.I):
            continue
        if " " not in name:
            full = re.search(rf"\b[A-Z][a-z]+ {surname}\b", text)
            name = full.group() if full else name
        if label.group(2) and label.group(2)[0].isupper():     # who they speak for, not "(recorded)"
            name = f"{name} ({label.group(2)})"
        turns.append((label.end(), end, name))
    return turns


_OUTLET_VOICES = "|".join(sorted(voice for voice in VOCAB.outlet_voices if len(voice) > 1))


# "- Heskel & Dunn: clean-up ...", "1. Finance ministry: ..." (a Markdown list's bold is read away)
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+")
_LIST_LABEL = re.compile(rf"^{_LIST_ITEM.pattern}([A-Z][^:\n]{{1,80}}?):[ \t]+\S", re.M)
_QUOTES_OPENING = "\"“‘'"


def in_list_item(text: str, position: int) -> bool:
    """Whether the line holding the position is a list's item."""
    return _LIST_ITEM.match(text, text.rfind("\n", 0, position) + 1) is not None


def after_list_label(text: str, position: int) -> bool:
    """Whether a figure at the position opens its list item's text, right after its label ("-
    Governor Elena Varga: "more than $5 billion" for her province alone")."""
    return list_label(text, position) is not None


def list_label(text: str, position: int) -> str | None:
    """The label of the list item whose text a figure at the position opens ("- Arrivals
    registered by Thursday night: 47,260" -> "Arrivals registered by Thursday night")."""
    label = _LIST_LABEL.match(text, text.rfind("\n", 0, position) + 1)
    opens = label is not None and text[label.end(1) + 1:position].strip().strip(_QUOTES_OPENING) == ""
    return label.group(1) if opens else None


# "CHILDREN. Estimates range from 48% ...", "THE WALK. The same survey found ...": a paragraph
# opened by a head in capitals, as analysis pieces write them.
# A head in capitals, run into its paragraph ("INFLATION. The official ...") or on a line of its
# own above it ("STRANDED\nThe rescue service's final count is 153 people ...")
_RUN_IN_HEAD = re.compile(r"^(?:THE\s+)?([A-Z][A-Z'’-]+(?:\s+(?:OF\s+(?:THE\s+)?)?[A-Z][A-Z'’-]+){0,2})"
                          r"(?:\.[ \t]+|[ \t]*\n)(?=[A-Z\"“])", re.M)
# Heads that ask or say when, not what: "HOW MANY.", "WHEN IT STARTED.", "WHAT TO WATCH."
_NOT_TOPICS = frozenset({"how", "when", "what", "why", "who", "where", "which", "next", "it", "to", "and", "of",
                         "in", "on", "at", "for", "a", "an"})


def run_in_heads(text: str) -> list[tuple[int, int, str]]:
    """(start, end, topic) of each paragraph opened by a head in capitals naming a topic:
    "INFLATION. The official flash estimate for March is 11.2%." -> "inflation", "STRANDED" on
    the line above "The rescue service's final count is 153 people" -> "stranded"."""
    found = []
    for head in _RUN_IN_HEAD.finditer(text):
        # "THE SHARE OF THE CROP." is about the share of the crop
        words = head.group(1).lower().replace(" of the ", " of ").split()
        if any(w in _NOT_TOPICS for w in words if w != "of") or len(head.group(1)) < 4:
            continue
        end = text.find("\n\n", head.end())
        found.append((head.end(), end if end >= 0 else len(text), " ".join(words)))
    return found


def list_labels(text: str, reporters: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, source) of each list item whose label names a body: "- Finance ministry: about
    €200m so far", "- Corvane Risk (model): insured losses of ...", "- Governor Elena Varga, South
    Coast province: ..." (not "- Deaths: 25", "- Keldby plant: 3,600 jobs", "- Northern Province:
    40 dead", "- Halifax, Canada, 6 December 1917: ...")."""
    items = []
    for item in _LIST_LABEL.finditer(text):
        name = _source_of_label(item.group(1), reporters)
        if name:
            end = text.find("\n", item.end())
            items.append((item.end(1), end if end >= 0 else len(text), name))
    return items


def introduced_lists(text: str) -> list[tuple[int, int, str]]:
    """(start, end, source) of each list whose introduction names where its figures are from
    ("Key figures released by the directorate on Friday:", "..., figures from the commission show:")."""
    found = []
    for block in _LIST_BLOCK.finditer(text):
        introduction = text[:block.start()].rstrip().rpartition("\n")[2]
        source = introduction.endswith(":") and introduced_source(introduction)
        if source:
            found.append((block.start(), block.end(), source))
    return found


# "17:20 - Correction from the regional health authority: the number in hospital is 79"
_UPDATE_LABEL = re.compile(r"^(?:[ \t]*\d{1,2}[:.]\d{2}[ \t]*[-–—][ \t]*)?(?:correction|update|statement|clarification|"
                           r"figures|data|latest)\s+from\s+(?:the\s+)?([^:\n]{3,60}?):[ \t]", re.I | re.M)


def update_labels(text: str) -> list[tuple[int, int, str]]:
    """(start, end, source) of each update a label says is from someone, to its paragraph's end."""
    found = []
    for label in _UPDATE_LABEL.finditer(text):
        end = text.find("\n\n", label.end())
        found.append((label.end(), end if end >= 0 else len(text), label.group(1).strip()))
    return found


# "Ministry: 28%. Federation: 38 to 40 per cent. Insurers: roughly a quarter.": a sentence that is
# a body's label and its figure, as analysis pieces set sources side by side
_SENTENCE_LABEL = re.compile(r"(?:^|(?<=[.;!?][ \t]))[ \t]*([A-Z][^:\n.;]{1,60}?):[ \t]+(?=\S)", re.M)
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n")


def sentence_labels(text: str, reporters: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, source) of each sentence a body's label opens, to that sentence's end (a
    label in capitals is a transcript's speaker: speaker_turns reads those)."""
    found = []
    for label in _SENTENCE_LABEL.finditer(text):
        name = None if label.group(1).isupper() else _source_of_label(label.group(1), reporters)
        if name:
            end = _SENTENCE_END.search(text, label.end())
            found.append((label.end(), end.start() if end else len(text), name))
    return found


_LIST_BLOCK = re.compile(rf"(?:^{_LIST_ITEM.pattern}.*(?:\n|$))+", re.M)


def _source_of_label(label: str, reporters: frozenset[str]) -> str | None:
    name = re.sub(r"\s*\([^()]*\)", "", label.split(",")[0]).strip()   # "Corvane Risk (model)"
    words = name.split()
    # "LFC warning", "Halvorsen worst case": what the body said, not part of its name
    while len(words) > 1 and words[-1].islower() and words[-1] not in VOCAB.source_nouns:
        words.pop()
    name = " ".join(words)
    if not words or len(words) > 6 or any(ch.isdigit() for ch in name) or singular(words[-1].lower()) in PLACE_NOUNS:
        return None
    if words[0].lower() in REGION_ADJECTIVES and not any(w.lower() in VOCAB.source_nouns for w in words):
        return None                                     # "- Eastern Lowlands: 44.7% Yes"
    # a single name is a body where the text has it report something ("Ardenvolt said"), not a
    # heading word ("Deaths", "Output") or a place
    return name if names_a_body(name, reporters) else None
