"""Parts of an article that hold numbers but no figures of its event.

Page furniture: the date and time lines of a page's header ("Updated 23:40 local time",
"Harbour & Freight Review | Analysis | Saturday 31 July 2021"), bylines, datelines ("BEIRUT, Aug 4
(LWS) -"), photo credits, related links, corrections and contact lines, copyright. And boxes
about other events: a heading such as "Other great port explosions" or "Previous floods" puts
every figure under it, up to the next heading, in another event.
"""
from __future__ import annotations

import re

from index.figures.grammar import MONTH_NAMES, WEEKDAYS

_DATE_WORDS = "|".join([*MONTH_NAMES, *WEEKDAYS, *(m[:3] for m in MONTH_NAMES)])
# Each line kind as pages write it, strictly enough that a sentence opening with the same word is
# left alone: "By Hala Zein" and "By the Weather Desk" are bylines, "By Wednesday the toll had risen
# to 52." is not; "Contact the newsroom: 0800 ..." is furniture, "Contact tracing teams reached 4,000
# people." is not.
_TIME_AFTER_BY = (rf"(?:{_DATE_WORDS}|noon|midnight|nightfall|dawn|dusk|daybreak|then|now|late|early|mid\w*|"
                  r"the\s+(?:end|time|start|middle|morning|afternoon|evening|night|weekend|next|following|close)|\d)\b")
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:"
    rf"by\s+(?!{_TIME_AFTER_BY})(?:the\s+)?(?-i:[A-Z])[^\n]*(?<![.!?])[ \t]*$"
    rf"|(?:last\s+)?updated\b|(?:published|posted)\s*:?\s*(?:on\s+|at\s+)?(?:\d|(?:{_DATE_WORDS})\b)"
    r"|photo\s*(?:[:|]|by\b|credit)|pictures?:|image:"
    r"|related(?:\s+(?:stories|coverage|articles|content|links))?\s*(?::|$)|see also\b"
    r"|corrections?(?:\s+and\s+clarifications)?\s*:|contact\b[^\n.]*:"
    r"|news\s*tips|subscribe\b|newsdesk|newsroom|\(c\)|©|copyright|all rights"
    r"|read more|follow us|share(?:\s+(?:this|on|via)\b[^\n]*)?\s*$|advertisement"
    r")[^\n]*$"
    # a masthead's "Outlet | Section | Saturday 31 July 2021", its cell opening with the date; not a
    # table's row ("| Fri 6 March | 14 |", "Barges idle | 248 (NWA, 21 Aug) | 310")
    rf"|^[ \t]*[^|\s][^\n]*\|[ \t]*(?:(?:{_DATE_WORDS})\.?,?[ \t]+)?(?:\d{{1,2}}[ \t]+)?(?:{_DATE_WORDS})\b[^\n]*$",
    re.I | re.M,
)
# "BEIRUT, Aug 4 (LWS) -", "KESSEL, 16 May -", "LONDON (Reuters) —": a dateline opens a story's
# first paragraph.
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Z .'-]{{2,}}(?:,\s*(?:(?:{_DATE_WORDS})\.?\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_DATE_WORDS})\.?)"
    rf"(?:,?\s*\d{{4}})?)?\s*(?:\([^)\n]{{1,30}}\))?"
    r"\s*[-–—]\s",
    re.M,
)
_HEADING = re.compile(r"^[ \t]*(?P<heading>[^\n.!?|]{3,80})[ \t]*$", re.M)
_OTHER_EVENTS = re.compile(
    r"\b(?:other|previous|past|earlier|similar|prior|deadliest|worst|history\s+of|comparison|compared)\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_INCIDENT_PLURAL = re.compile(
    r"\b(?:explosions|blasts|disasters|attacks|bombings|floods|earthquakes|quakes|storms|hurricanes|fires|"
    r"crashes|accidents|incidents|tragedies|outbreaks|epidemics|pandemics|wars)\b", re.I)


# A block of links to other stories: "RELATED", "Most read", "See also" and the list under it.
_LINK_BLOCK = re.compile(r"^[ \t]*(?:related(?:\s+stories)?|most\s+read|see\s+also|more\s+on\s+this\s+story|"
                         r"read\s+more|recommended)\b[^\n]*\n(?:[ \t]*[-*•][^\n]*(?:\n|$))+", re.I | re.M)


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text whose numbers are page furniture, not figures."""
    spans = [m.span() for m in _FURNITURE_LINE.finditer(text)]
    spans += [m.span() for m in _DATELINE.finditer(text)]
    spans += [m.span() for m in _LINK_BLOCK.finditer(text)]
    return sorted(spans)


def other_event_sections(text: str, event_years: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Spans under a heading about other events ("Other great port explosions") or about another
    year than the event's ("The 2011 precedent"), to the next heading."""
    sections: list[tuple[int, int]] = []
    headings = [m for m in _HEADING.finditer(text) if _is_heading(text, m)]
    for k, match in enumerate(headings):
        heading = match.group("heading")
        years = {int(y) for y in _YEAR.findall(heading)}
        if (_OTHER_EVENTS.search(heading) and _INCIDENT_PLURAL.search(heading)) \
                or (event_years and years and not years & event_years):
            end = headings[k + 1].start() if k + 1 < len(headings) else len(text)
            sections.append((match.end(), end))
    return sections


def _is_heading(text: str, match: re.Match) -> bool:
    """A short line standing alone between blank lines (or at the start), with no final stop."""
    before = text[max(0, match.start() - 2):match.start()]
    after = text[match.end():match.end() + 2]
    words = match.group("heading").split()
    return 1 < len(words) <= 10 and (match.start() == 0 or before.endswith("\n\n") or before == "\n") \
        and (after.startswith("\n\n") or after == "" or after.startswith("\n-") or after.startswith("\n"))

