"""Other events known by name: the names an article gives other events ("the Greyhollow fire of
2011", "since the Brenholt dam burst in 1979", another named storm than the story's), things of
its kind named alike ("Line B" beside the story's "Line C"), and whether a sentence or a figure
follows such a name ("Greyhollow remains the deadlier fire", "far below Corwen's 61 dead")."""
from __future__ import annotations

import re
from collections import Counter

from index.figures.events import EVENT_WORDS, opening_lines, says_now
from index.figures.grammar import DETERMINERS, MONTH_NAMES
from index.figures.text import Sentence

_NAME = r"((?:[A-Z][a-z]+\s+){1,3})"
# "the Greyhollow fire of 2011", "the Kalvik depot explosion of 2008"
_NAMED_EVENT_OF_YEAR = re.compile(rf"\b{_NAME}(?:[a-z]+\s+){{0,2}}(?:{EVENT_WORDS})\s+of\s+(\d{{4}})\b")
_YEAR_NAMED_EVENT = re.compile(rf"\b(\d{{4}})\s+{_NAME}(?:{EVENT_WORDS})\b")             # "the 1979 Ostra Bridge disaster"
# "Hurricane Corwen, which killed 61 people on the same coast in 1987": a storm's given name.
_STORM_NAME = re.compile(r"\b(?:Hurricane|Typhoon|Cyclone|Storm|Tropical\s+Storm)\s+([A-Z][a-z]+)\b")
_EVENT_NAMED = re.compile(_STORM_NAME.pattern + r"[^.\n]{0,100}?\b(?:in|of)\s+(?:[A-Z][a-z]+\s+)?(\d{4})\b")
# "the 2008 explosion at the Kalvik fertiliser depot"
_YEAR_EVENT_AT = re.compile(rf"\b(\d{{4}})\s+(?:{EVENT_WORDS})\s+(?:at|in|on)\s+(?:the\s+)?([A-Z][a-z]+)\b")
# "June 2019" or "2019"
_MONTH_YEAR = rf"(?:(?:{'|'.join(MONTH_NAMES)})\s+)?(\d{{4}})"
# "in 2019", "in June 2019", "in early March 2019"
_IN_YEAR = rf"\bin\s+(?:(?:early|mid|late)[\s-]+)?{_MONTH_YEAR}\b"
# "When Mount Teshkar erupted in Ostrana in 2019", "since the Brenholt dam burst in 1979", "When
# Corvana Air failed in June 2019": what a named thing did in a year
_WHEN_NAMED_DID = re.compile(rf"\b(?:When|After|[Ss]ince)\s+(?:the\s+)?{_NAME}[a-z]+[^.,;\n]{{0,60}}?{_IN_YEAR}")
# "Corvana Air, in June 2019, stranded 18,500 people": a sentence's subject named, then its year set
# off by commas (not "The last die-off on the Velska, in August 2009, killed ...": a place)
_NAMED_THEN_YEAR = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n))((?:[A-Z][a-z]+\s+){{0,2}}[A-Z][a-z]+),\s+{_IN_YEAR},\s+[a-z]",
                              re.M)
# "The Corvana Air airlift of 2019": a named thing's deed of a year
_NAMED_DEED_OF_YEAR = re.compile(rf"\b[Tt]he\s+{_NAME}(?:[a-z-]+\s+){{1,2}}of\s+(\d{{4}})\b")
# "since June 2019, when the low-cost carrier Corvana Air ceased trading": who did what that year
_YEAR_WHEN_NAMED = re.compile(rf"\b(?:in|since)\s+{_MONTH_YEAR},\s+when\s+"
                              rf"(?:the\s+)?(?:[a-z-]+\s+){{0,3}}?{_NAME}[a-z]")
# "the eruption of Mount Teshkar in neighbouring Ostrana in 2019"
_EVENT_OF_NAMED = re.compile(rf"\b(?:{EVENT_WORDS})\s+of\s+{_NAME}[^.,;\n]{{0,50}}?\bin\s+(\d{{4}})\b")
# words that title a name ("Mount Teshkar" is "Teshkar's" later)
_NAME_TITLES = frozenset({"Mount", "Mt", "Lake", "River", "Hurricane", "Typhoon", "Cyclone", "Storm"})


def other_event_names(text: str, event_years: frozenset[int], furniture: list[tuple[int, int]] = ()
                      ) -> frozenset[str]:
    """Names the article gives other events by their year ("the Greyhollow fire of 2011" ->
    "Greyhollow"), so that a later sentence about that event by name alone is known; not the name
    its headline opens with ("When Arvant closed the Rasten shop in 2019" under "Arvant to cut
    3,350 jobs")."""
    names = set()
    for match in _NAMED_EVENT_OF_YEAR.finditer(text):
        if int(match.group(2)) not in event_years:
            names.add(" ".join(w for w in match.group(1).split() if w.lower() not in DETERMINERS))
    for match in _YEAR_NAMED_EVENT.finditer(text):
        if int(match.group(1)) not in event_years:
            names.add(" ".join(match.group(2).split()))
    for match in _EVENT_NAMED.finditer(text):
        if int(match.group(2)) not in event_years:
            names.add(match.group(1))
    for match in _YEAR_EVENT_AT.finditer(text):
        if int(match.group(1)) not in event_years:
            names.add(match.group(2))
    found = [(match.group(1), match.group(2)) for pattern in (_WHEN_NAMED_DID, _EVENT_OF_NAMED, _NAMED_THEN_YEAR,
                                                               _NAMED_DEED_OF_YEAR) for match in pattern.finditer(text)]
    found += [(match.group(2), match.group(1)) for match in _YEAR_WHEN_NAMED.finditer(text)]     # the year first
    for name, year in found:
        if int(year) not in event_years:
            words = name.split()
            names.update({" ".join(words), " ".join(w for w in words if w not in _NAME_TITLES)})
    lines = opening_lines(text, furniture)
    # a story about one named storm tells of any other by its name ("In early August, Typhoon
    # Mero killed six people" in a story about Typhoon Kara)
    own_storms = {match.group(1) for start, end in lines for match in _STORM_NAME.finditer(text, start, end)}
    if own_storms:
        names.update(match.group(1) for match in _STORM_NAME.finditer(text) if match.group(1) not in own_storms)
    headline = text[lines[0][0]:lines[0][1]] if len(lines) > 1 else ""
    subject = headline.strip().removeprefix("The ")               # the story's own subject
    return frozenset(n for n in names if n and not subject.startswith(n)) | sibling_names(text)


# A thing named by a noun and a letter or number: "Line C", "Unit 2", "Terminal 1" (not a
# page, a date or a grade).
_DESIGNATOR = re.compile(r"\b(?!(?:Page|Vol|No|Category|Level|Stage|Phase|Grade|Section|Article|Chapter|Figure|Table|"
                         r"Part|Term|Route|Highway|Jan|Feb|Mar|Apr|May|June|July|Aug|Sept|Oct|Nov|Dec)\b)"
                         r"([A-Z][a-z]+) (?:[A-Z]|\d{1,2})\b(?![\w./:-]|,\s*\d)")


def sibling_names(text: str) -> frozenset[str]:
    """Other things of the kind the article is about, named alike: where the article names "Line
    C" more than any other line, "Line B" is another line, and what a sentence tells of it is
    not this story's ("Line B, which opened in 2014, finished at KVR 9.1bn")."""
    named = Counter(m.group() for m in _DESIGNATOR.finditer(text))
    by_head: dict[str, list[tuple[int, str]]] = {}
    for name, times in named.items():
        by_head.setdefault(name.split()[0], []).append((times, name))
    siblings = set()
    for names in by_head.values():
        names.sort(reverse=True)
        if len(names) > 1 and names[0][0] > names[1][0]:       # one of them is plainly the article's own
            siblings.update(name for _, name in names[1:])
    return frozenset(siblings)


def after_name(sentence: Sentence, start: int, names: frozenset[str]) -> bool:
    """Whether a figure follows another event's name in the possessive or in a relative clause
    on it: "far below Corwen's 61 dead", "Corwen's winds never exceeded 170 km/h", "as Line B,
    which came in at KVR 0.95bn", "the Brenholt disaster, in which 312 died"."""
    before = sentence.text[max(sentence.start, start - 60):start]
    return any(re.search(rf"\b{re.escape(name)}(?:['’]s\s+(?:[a-z]+\s+){{0,3}}"
                         rf"|(?:\s+[a-z]+){{0,2}},\s+(?:in\s+)?(?:which|when)\b[^,;:]*)$", before)
               for name in names)


_TITLED = rf"(?:(?:{'|'.join(_NAME_TITLES)}|Tropical\s+Storm)\s+)?"
# "In early August, ...": a phrase of time or place before the sentence's subject
_FRONTED = re.compile(r"(?:In|On|During|By|Earlier|Later|Last)\b[^,]{0,40},\s+")
# "When Corvana Air failed in June 2019 it owed ...": the sentence is about what the name did
_WHEN_OPENING = re.compile(r"(?:When|After)\s+")


def opens_with_name(sentence: Sentence, names: frozenset[str]) -> bool:
    """Whether the sentence opens with one of those names, after a phrase of time or place or a
    "When" at most ("Greyhollow remains the deadlier fire: it killed nine people", "Line B, which
    opened in 2014, ...", "In early August, Typhoon Mero killed six people", "When Corvana Air
    failed in June 2019 it owed ...") and says nothing of now."""
    opening = sentence.text[sentence.start:sentence.end]
    fronted = _FRONTED.match(opening) or _WHEN_OPENING.match(opening)
    opening = opening[fronted.end() if fronted else 0:].removeprefix("The ").lstrip()
    return any(re.match(rf"{_TITLED}{re.escape(name)}(?:\s|['’,(])", opening) for name in names) \
        and not says_now(sentence, sentence.start, sentence.end)
