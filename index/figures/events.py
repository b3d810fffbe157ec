"""Events: the event word nearest a figure, the incidents an article names, and which figures are
about another event ("In 2022, ... killed 15"). dating.py says which event a date belongs to, and
event_names.py which other events the article names ("the Greyhollow fire of 2011")."""
from __future__ import annotations

import math
from collections import Counter
import re

from index.figures.grammar import (
    AUXILIARIES,
    DETERMINERS,
    FRONTING_WORDS,
    FUNCTION_WORDS,
    IRREGULAR_PAST,
    MONTH_NAMES,
    MONTHS,
    OWNER_ENDINGS,
    RELATIVE_WORDS,
    looks_past,
)
from index.figures.dates import DATE, YEAR_WORD
from index.figures.mention import Mention
from index.figures.text import (
    Sentence,
    after_speaker_label,
    inside,
    next_word,
    not_incident_spans,
)
from index.figures.vocabulary import EVENT_PHRASES, VOCAB, PhraseTable, alternation

# "last year", "a previous attack", "a similar disaster", "the last election" (but "the last blast"
# and "the earlier blast" are often the second and first of one attack).
EVENT_WORDS = alternation(p for p, e in VOCAB.events.items() if e not in ("claim", "report", "funeral", "anniversary"))
INCIDENT_LAST = frozenset({"earthquake", "election", "storm", "fire", "crash", "collapse", "epidemic", "disaster",
                           "eruption", "spill", "heatwave", "tsunami", "avalanche", "sinking", "protest", "outage",
                           "grounding", "dieoff"})
# "Brevonia, which faced its own heatwave this month, has reported 210 heat deaths": another
# instance of the event's kind, and the sentence is about it throughout.
OWN_OTHER_EVENT = re.compile(rf"\b(?:its|their)\s+own\s+(?:\w+\s+)?(?:{EVENT_WORDS})\b", re.I)
# "last year", "last spring's floods", "a derailment last October": a period before this one
_LAST_PERIOD = re.compile(rf"last\s+(?:year|month|spring|summer|autumn|fall|winter|{'|'.join(MONTH_NAMES)})\b", re.I)
OTHER_EVENT_MARKER = re.compile(
    rf"\b{_LAST_PERIOD.pattern}|\b(?:an?|one)\s+(?:decade|century|generation)\s+ago\b|\b(?:years|decades)\s+ago\b"
    rf"|\b(?:previous|prior|past|similar|former|old)\s+(?:\w+\s+)?(?:{EVENT_WORDS}|incidents?|records?)\b"
    rf"|\blast\s+(?:\w+\s+)?(?:{alternation(p for p, e in VOCAB.events.items() if e in INCIDENT_LAST)})\b",
    re.I,
)


PRESENT_MARKER = re.compile(r"\bthis\s+(?:year|week|month|time|summer|winter|spring|autumn)\b|\btoday\b(?!['’]s)|"   # not "in today's money"
                            r"\bso\s+far\b|\bnow\b(?!-)", re.I)        # not "the now-closed camp"


def says_now(sentence: Sentence, start: int, end: int) -> bool:
    """Whether the stretch of the sentence says it is about now ("this week", "so far", "now")."""
    return PRESENT_MARKER.search(sentence.text, start, end) is not None


def points_back_to_subject(sentence: Sentence) -> bool:
    """Whether the sentence's subject is a pronoun for what the sentence before was about ("It
    killed nine people", "Driven by gusts of 90 km/h, it destroyed 140 homes"), and it says
    nothing of now."""
    if says_now(sentence, sentence.start, sentence.end):
        return False
    if sentence.lower(0) in ("its", "their"):          # "Its health agency reports 210 heat deaths"
        return True
    for token in sentence.tokens[:12]:
        if token.lower in ("it", "they"):
            return True
        if token.lower in ("this", "these", "now"):
            return False
    return False


def names_again(sentence: Sentence, before: Sentence) -> bool:
    """Whether the sentence's subject is a plain noun for a name the sentence before gave ("...,
    caused by the Halvenna Paper Mill, killed 38 tonnes. The mill was fined DSR 1.4m"), and it
    says nothing of now."""
    if sentence.lower(0) != "the" or len(sentence.tokens) < 3 or not sentence.tokens[1].is_word \
            or sentence.tokens[1].capitalised or says_now(sentence, sentence.start, sentence.end):
        return False
    noun = sentence.tokens[1].text
    return re.search(rf"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s+{re.escape(noun.capitalize())}\b",
                     before.text[before.start:before.end]) is not None


def told_then(sentence: Sentence) -> bool:
    """Whether the sentence says "then" of a time before ("Some 31,000 people were evacuated then",
    after a sentence on the 1987 eruption; "Toxin levels peaked that year at 220 micrograms per
    litre"), not a step in this story ("Then the river rose", "and
    then") nor against now ("then, against 3,100 this time")."""
    return _THEN.search(sentence.text, sentence.tokens[0].end, sentence.end) is not None \
        and not _THIS_TIME.search(sentence.text, sentence.start, sentence.end) \
        and not says_now(sentence, sentence.start, sentence.end)


def that_event(sentence: Sentence) -> int | None:
    """Token index of "that" or "those" naming an event ("That heatwave lasted nine days",
    "arrested over that attack"): a story calls its own event "the" or "this" one."""
    if says_now(sentence, sentence.start, sentence.end):
        return None
    return next((i for i, token in enumerate(sentence.tokens[:-1])
                 if token.lower in ("that", "those") and sentence.match(i + 1, EVENT_PHRASES)), None)


def event_within(sentence: Sentence, i: int, span: int) -> tuple[int, str] | None:
    """(token index, canonical event) of the first event word among span tokens from i."""
    for j in range(i, min(len(sentence.tokens), i + span)):
        match = sentence.match(j, EVENT_PHRASES)
        if match:
            return j, match[0]
    return None


def nearest_event(sentence: Sentence, mention: Mention, events: list[tuple[int, str, bool]],
                   prefer_left: bool = False) -> str | None:
    """The event word nearest the mention, counting each clause boundary crossed as 5 words.

    Words after the mention count 2 more: English names the event before its date ("the
    blast happened at 10:30"); a fronted date is handled by dated_event.
    """
    first = sentence.index_at(mention.start)
    last = sentence.index_at(mention.end - 1)
    best, best_score = None, math.inf
    for index, event, reference in events:
        if reference or first <= index <= last:
            continue
        low, high = (index, first) if index < first else (last, index)
        score = high - low + 5 * sum(sentence.is_boundary(j) for j in range(low, high))
        if index > last:
            score += 100 if prefer_left else 2
        if score < best_score:
            best, best_score = event, score
    return best


def apply_other_events(sentence: Sentence, kept: list[Mention], event_years: frozenset[int],
                       own_events: frozenset[str] = frozenset()) -> None:
    """Mark figures in clauses about another event.

    A clause is about another event when it is anchored on a year other than the article's
    event year ("In 2022, ... killed 15", "twin bombings in 2017 that killed 18"), on "N years
    ago", or on words like "last year" / "a previous attack". "since 1979" is a comparison,
    not an anchor: it only claims the words after it ("the worst since a 2017 attack that
    killed 18"). An anchor at the head of the sentence ("In 2022, ...") covers all of it;
    elsewhere only its own clause.
    """
    segments = clause_segments(sentence, kept)
    if own_events:
        _mark_other_incidents(sentence, kept, segments, own_events)
    if OWN_OTHER_EVENT.search(sentence.text, sentence.start, sentence.end):
        for mention in kept:
            mention.other_event = mention.other_event or mention.kind not in ("date", "weekday", "time")
    for mention in compared_with_another_year(sentence, kept, event_years):
        mention.other_event = True
    for mention in _then_against_this_time(sentence, kept, segments):
        mention.other_event = True
    anchors = event_anchors(sentence, kept, event_years)
    if not anchors:
        return
    # A year, or "last year", anchors a clause on another event only where the clause names an event
    # ("the 2005 bombing that killed ...") or tells harm; "the 2,754 tonnes that reached the city in
    # 2013" is this story's past, "it built 131,000 vehicles last year" the plant's latest output.
    scopes = [(scope, own) for position, since, own in anchors
              for scope in [anchor_scope(sentence, segments, position, since)]
              if (own is None and not ERA_WORD.match(sentence.text, position) and not _LAST_PERIOD.match(sentence.text, position))
              or _names_event(sentence, scope)
              or _fronted_year(sentence, position, since) or (since is None and _dates_a_figure(sentence, position, kept))
              or _WHEN_AFTER.match(sentence.text, _anchor_end(sentence, position, own))
              or (since is None and _tells_harm(kept, scope))]
    # "..., and this week 40 died": a clause that says it is about now is this event's
    present = [(start, end) for start, end in segments if says_now(sentence, start, end)]
    for mention in kept:
        if any(start <= mention.start < end for start, end in present):
            continue
        # A date of another event is itself about it; "four years ago" is not (it measures from now).
        mention.other_event = mention.other_event or any(
            mention.kind == "date" if own is mention else start <= mention.start < end
            for (start, end), own in scopes)


_THIS_TIME = re.compile(r"\bthis\s+time\b", re.I)
# "then" as the time of another event, not a step in this one ("and then", "since then", "then-mayor",
# "Unlike then, ...")
_THEN = re.compile(r"(?<!\bunlike\s)(?<!\band\s)(?<!\bsince\s)(?<!\buntil\s)(?<!\btill\s)(?<!\bby\s)(?<!,\s)"
                   r"\bthen\b(?![-‐])|\bthat\s+(?:year|summer|winter|spring|autumn|season)\b", re.I)


def _then_against_this_time(sentence: Sentence, kept: list[Mention],
                            segments: list[tuple[int, int]]) -> list[Mention]:
    """"About 6,000 troops were deployed then, against 3,100 this time": set against "this
    time", the clause that says "then" is about the other event."""
    now = [(start, end) for start, end in segments if _THIS_TIME.search(sentence.text, start, end)]
    if not now:
        return []
    then = [(start, end) for start, end in segments if (start, end) not in now
            and _THEN.search(sentence.text, start, end)]
    return [m for m in kept if m.kind not in ("date", "weekday", "time")
            and any(start <= m.start < end for start, end in then)]


# A year or a decade ("in the 1990s") that can anchor a clause on another event
ERA_WORD = re.compile(r"(?<![\w.,])(?:18|19|20)\d(?:\d(?![\w]|[.,]\d)|0s\b)")


def _era_years(word: str) -> range:
    start = int(word[:4])
    return range(start, start + 10) if word.endswith("s") else range(start, start + 1)


def _fronted_year(sentence: Sentence, position: int, since: int | None) -> bool:
    """A year of another event dates all the sentence, whatever it tells, when it opens it after a
    preposition of time ("In 1984 the reservoirs bottomed out at 8%"), labels it ("1991: shut 23
    days, ..."), stands aside after its subject ("Aldmere Bank, in 1991, stayed shut for 23 days")
    or dates a clause opening with "when" ("When Brisca was hacked in 2021, its helpline ...")."""
    i = sentence.index_at(position)
    month_year = sentence.lower(i) in MONTHS and i + 1 < len(sentence.tokens) \
        and ERA_WORD.match(sentence.text, sentence.tokens[i + 1].start) is not None     # "In March 2025 it attacked"
    if since is not None or (ERA_WORD.match(sentence.text, position) is None and not month_year):
        return False
    # after a transcript's speaker label too: "PRESENTER: In 2022 the government found ..."
    start = after_speaker_label(sentence)
    opening = start + (2 if i == start + 2 and sentence.lower(start + 1) == "the" else 1)   # "In the 1990s the river ..."
    # "1991: shut 23 days", "- The 2013 Drast appeal: $46 million": a short label holding the year
    colon = next((k for k in range(min(len(sentence.tokens), 8)) if sentence.lower(k) == ":"), None)
    # "When Brisca Mobile was hacked in 2021, its helpline took about 25,000 calls a day"
    when = sentence.lower(start) == "when" and not any(sentence.lower(k) == "," for k in range(start, i)) \
        and _names_event(sentence, (sentence.tokens[start].start, sentence.tokens[i].start))    # not "the bridge opened"
    return (i == opening and sentence.lower(start) in ("in", "during", "by")) or (colon is not None and i < colon) \
        or (sentence.lower(i - 1) == "in" and sentence.lower(i - 2) == "," and sentence.lower(i + 1) == ",") or when


def _dates_a_figure(sentence: Sentence, position: int, kept: list[Mention]) -> bool:
    """"kept its doors shut for 23 days in 1991": a year right after a figure dates it."""
    i = sentence.index_at(position)
    return sentence.lower(i - 1) == "in" and i > 1 and any(m.end == sentence.tokens[i - 2].end for m in kept)


# Events that are incidents of their own (config/measures.toml [incidents]): a figure whose clause
# names one other than the article's main incident is about that other incident ("87 deaths from
# the coronavirus" in a story about a blast, "malaria has killed 88" in one about cholera).
INCIDENTS = VOCAB.incidents


def same_incident(named: str, main: str) -> bool:
    """Whether a clause's incident is the article's: the same, or a family's general word and one
    of its members ("outbreak" in a story about cholera)."""
    if named == main:
        return True
    return main in VOCAB.families.get(named, ()) or named in VOCAB.families.get(main, ())


# "equivalent to a magnitude 4.5 tremor", "like an earthquake": a comparison, not another incident.
COMPARISON_WORDS = frozenset({"equivalent", "like", "similar", "compared", "comparable", "than", "as", "akin"})


# Where a story names its own incidents: its headline and lede, the first two lines of prose.
OPENING_LINES = 2
OPENING_LINE_CHARS = 400


def own_incidents(text: str, furniture: list[tuple[int, int]]) -> frozenset[str]:
    """The incidents that are the article's own event: the one it names most, and any its
    headline or lede names ("Blast and fire at the plant": a blast and a fire, one event).
    `furniture` is the text's page furniture (furniture_spans), which is no headline."""
    main = main_incident(text)
    opening = set()
    for start, end in opening_lines(text, furniture):
        opening.update(_incidents_named(text, start, end))
    # a family's general word ("the outbreak") is the member the article names most ("cholera")
    opening = {main if main in VOCAB.families.get(event, ()) else event for event in opening}
    return frozenset(opening | ({main} if main else set()))


def opening_lines(text: str, furniture: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of the article's headline and lede: its first lines of prose, each cut at
    OPENING_LINE_CHARS (page furniture, "OUTLET | Section | date" and bylines, is neither)."""
    found = []
    for line in re.finditer(r"[^\n]+", text):
        if len(found) == OPENING_LINES:
            break
        if line.group().strip() and "|" not in line.group() and not inside(line.start(), furniture):
            found.append((line.start(), min(line.end(), line.start() + OPENING_LINE_CHARS)))
    return found


def main_incident(text: str) -> str | None:
    """The incident the article names most: its own event. A family's general word counts for
    its most named member ("the outbreak" in a story about cholera is cholera)."""
    named = Counter(_incidents_named(text, 0, len(text)))
    for family, members in VOCAB.families.items():
        named_members = [m for m in named if m in members]
        if family in named and named_members:
            named[max(named_members, key=named.__getitem__)] += named.pop(family)
    return named.most_common(1)[0][0] if named else None


def _incidents_named(text: str, start: int, end: int) -> list[str]:
    """The incident of each incident word between start and end, but those in phrases that
    name no incident ("heart attack", "fire brigade")."""
    not_incidents = not_incident_spans(text, start, end)
    return [VOCAB.events[" ".join(m.group().lower().split())] for m in _INCIDENT_WORDS.finditer(text, start, end)
            if not inside(m.start(), not_incidents)]


_INCIDENT_WORDS = re.compile(
    rf"\b(?:{alternation(p for p, e in VOCAB.events.items() if e in INCIDENTS)})\b", re.I)
# "since 2019, when hackers broke into the pension office": what happened in that year.
_WHEN_AFTER = re.compile(r"\s*,?\s*when\b", re.I)


def _anchor_end(sentence: Sentence, position: int, own: Mention | None) -> int:
    """Where the words of an anchor end: its date mention's end, or the year's."""
    if own is not None:
        return own.end
    year = ERA_WORD.match(sentence.text, position)
    return year.end() if year else position


def _names_event(sentence: Sentence, scope: tuple[int, int]) -> bool:
    """Whether the scope names an event, or opens with a relative clause ("..., which killed
    6,812 people between 2020 and 2022") whose antecedent does ("the COVID-19 pandemic")."""
    start = scope[0]
    first = sentence.index_at(start)
    while first < len(sentence.tokens) and sentence.is_boundary(first):
        first += 1
    if sentence.lower(first) in RELATIVE_WORDS:
        j = first - 1
        while j >= 0 and sentence.is_boundary(j):
            j -= 1
        while j > 0 and not sentence.is_boundary(j - 1):
            j -= 1
        start = sentence.tokens[max(j, 0)].start
    # "the all-time record of 49.8 GW set in 2019", "the all-time low of 41 set in 2009": a record
    # belongs to the year it was set in
    # "In its 2025 report, ...": a report or a claim dated another year is no other event
    return any(start <= sentence.tokens[i].start < scope[1] for i, event, _ in sentence.events
               if event not in STATEMENT_EVENTS) \
        or _RECORD.search(sentence.text, start, scope[1]) is not None


# Events that are statements, made at one time: a report or a claim lasts no days and, dated
# another year, is no other event.
STATEMENT_EVENTS = frozenset({"report", "claim"})


_RECORD = re.compile(r"\brecord(?:s|ed)?\b|\ball-time\s+(?:low|high)s?\b", re.I)

# People killed, hurt or driven out are what an event does: in a clause anchored on another year
# ("In 1987 Orvath killed 212 people") they are that year's event's, named or not.
_HARM = frozenset({"killed", "injured", "hospitalised", "casualties", "missing", "displaced", "evacuated"})


def _tells_harm(kept: list[Mention], scope: tuple[int, int]) -> bool:
    return any(scope[0] <= m.start < scope[1] and m.measure.partition(": ")[0] in _HARM for m in kept)


def _mark_other_incidents(sentence: Sentence, kept: list[Mention], segments: list[tuple[int, int]],
                          own_events: frozenset[str]) -> None:
    """Figures in a clause that names another incident and not the article's own (the sentence's
    event words already leave out phrases that name none, "heart attack", "the Fire Service"). An
    incident that is often part of another is the article's own where it may be part of that
    ("injuries from the blast itself" in a story about a plant fire, "explosions continued" during
    an eruption, "a collapsed warehouse" in a hurricane)."""
    incidents = [(sentence.tokens[i].start, "explosion" if sentence.match(i, _EXPLOSION_PHRASES) else event,
                  _told_apart(sentence, i))
                 for i, event, _ in sentence.events if event in INCIDENTS
                 and not any(sentence.lower(j) in COMPARISON_WORDS for j in range(max(0, i - 5), i))]
    def own(event: str, apart: int = 0) -> bool:
        return apart != ANOTHER and any(same_incident(event, main)
                                        or (not apart and main in VOCAB.parts.get(event, ())) for main in own_events)

    if incidents and not any(own(event, apart) for _, event, apart in incidents):
        segments = [(sentence.start, sentence.end)]    # the sentence is about the other incident throughout
    for start, end in segments:
        named = {(event, apart) for position, event, apart in incidents if start <= position < end}
        # an incident told apart claims the words after it ("... three weeks after a blast at a
        # neighbouring mine killed four"), as "since" does
        claimed = start if named and not any(own(event, apart) for event, apart in named) else \
            min((position for position, event, apart in incidents if apart and not own(event, apart)
                 and start <= position < end), default=end)
        for mention in kept:
            if claimed <= mention.start < end and mention.kind not in ("date", "weekday", "time"):
                mention.other_event = True


# An incident told as one before the story's own: "the worst since a blast at ...", "three weeks
# after an explosion", "a smaller fire", "a February quake": another incident, even of the story's
# own kind ("a separate cluster" in a neighbouring province is the story's there). A bare "after an
# explosion" is as often its cause.
_SPAN_UNITS = frozenset({"hours", "days", "weeks", "months", "years", "decades"})
_SET_APART = frozenset({"smaller", "larger", "bigger"})
# An incident at a place set apart ("a blast at a neighbouring mine") is no part of the story's
# own, though one of its kind there is the story's in another place ("the Fenn Valley fire in
# neighbouring Lower Tessary").
_ELSEWHERE = frozenset({"neighbouring", "neighboring", "nearby", "another", "separate", "different", "other"})
ANOTHER, ELSEWHERE = 2, 1


def _told_apart(sentence: Sentence, i: int) -> int:
    """ANOTHER where the incident at token i is told as another one than the story's, by an
    indefinite article after "since" or after a span and "after"/"before", or by a word setting it
    apart before it ("a smaller fire", "a February quake"); ELSEWHERE where a place set apart
    follows it; else 0."""
    article = next((j for j in range(i - 1, max(-1, i - 4), -1) if sentence.lower(j) in ("a", "an")), None)
    if article is not None and not any(sentence.is_boundary(j) for j in range(article, i)):
        before = sentence.lower(article - 1)
        if before == "since" or (before in ("after", "before") and sentence.lower(article - 2) in _SPAN_UNITS):
            return ANOTHER
    if sentence.lower(i - 1) in _SET_APART or (i > 1 and sentence.lower(i - 2) in _SET_APART
                                               and sentence.tokens[i - 1].is_word):
        return ANOTHER
    if sentence.lower(i - 1) in MONTHS and sentence.lower(i - 2) in ("a", "an"):
        return ANOTHER                                  # "a February quake that killed 57"
    if _FRONTED_MONTH.match(sentence.text, sentence.start) and any(
            sentence.lower(j) in ("a", "an") for j in range(i - 1, max(-1, i - 6), -1)):
        return ANOTHER                                  # "In March, a 48-hour stoppage by tug pilots ..."
    later_events = [k for k, _, _ in sentence.events if k > i]
    for j in range(i + 1, min(len(sentence.tokens), i + 8, *later_events)):
        if sentence.is_boundary(j):
            return 0
        if article is not None and _in_a_month(sentence, j):
            return ANOTHER                              # "a two-day strike by junior doctors in November"
        if sentence.lower(j) in ("at", "in") and (sentence.lower(j + 1) in _ELSEWHERE
                                                  or sentence.lower(j + 1) in ("a", "the") and sentence.lower(j + 2) in _ELSEWHERE):
            return ELSEWHERE
    return 0


def _in_a_month(sentence: Sentence, j: int) -> bool:
    """"in November", "in late March" at token j."""
    k = j + 1 + (sentence.lower(j + 1) in ("early", "late", "mid", "mid-"))
    return sentence.lower(j) == "in" and sentence.lower(k) in MONTHS


# A sentence put in a month of its own: "In March,", "In early August,"
_FRONTED_MONTH = re.compile(rf"(?:In|In\s+(?:early|late|mid-?))\s*(?:{'|'.join(MONTH_NAMES)})\s*,", re.I)


_EXPLOSION_PHRASES = PhraseTable({phrase: "explosion" for phrase in VOCAB.explosions})


_DEADLINE_WORDS = frozenset({"by", "until", "till", "through", "before"})


def event_anchors(sentence: Sentence, mentions: list[Mention], event_years: frozenset[int]
                  ) -> list[tuple[int, int | None, Mention | None]]:
    """(position, start of "since" or None, the mention that is the anchor) of each anchor."""
    def foreign(year: int) -> bool:
        return year not in event_years

    def deadline(position: int, year: int) -> bool:
        # "will cut 3,350 jobs by 2027", "3% in 2027": when this story's plans come due, not another event
        i = sentence.index_at(position)
        return bool(event_years) and year > max(event_years) and sentence.lower(i - 1) in _DEADLINE_WORDS | {"in"}

    spans = [(m.start, m.end) for m in mentions]
    anchors: list[tuple[int, int | None, Mention | None]] = []
    for match in ERA_WORD.finditer(sentence.text, sentence.start, sentence.end):
        in_mention = any(s <= match.start() < e for s, e in spans)
        if not in_mention and all(foreign(year) and not deadline(match.start(), year) for year in _era_years(match.group())):
            anchors.append((match.start(), since_before(sentence, sentence.index_at(match.start())), None))
    for mention in mentions:
        if mention.kind == "date" and mention.year and foreign(mention.year) and not deadline(mention.start, mention.year):
            since = mention.start if mention.qualifier == "since" else \
                since_before(sentence, sentence.index_at(mention.start))
            anchors.append((mention.start, since, mention))
        if mention.kind == "duration" and mention.unit in ("month", "year", "decade") \
                and next_word(sentence, mention.end) == "ago":
            anchors.append((mention.start, None, mention))
    for match in OTHER_EVENT_MARKER.finditer(sentence.text, sentence.start, sentence.end):
        anchors.append((match.start(), None, None))
    return anchors


# Words before a figure comparing it with the event's own: "against about 70 in 1984".
_COMPARING = frozenset({"against", "versus", "vs", "with"})


def compared_year(sentence: Sentence, mention: Mention) -> int | None:
    """The year a figure set against this event's is of: "460 trucks last week, against about 70
    in 1984", "compared with 12 in 2019", "compared to 12 in 2019"."""
    after = sentence.index_at(mention.end)
    year = YEAR_WORD.fullmatch(sentence.lower(after + 1)) if sentence.lower(after) == "in" else None
    first = sentence.index_at(mention.start)
    comparing = sentence.lower(first - 1) in _COMPARING \
        or (sentence.lower(first - 2), sentence.lower(first - 1)) == ("compared", "to")
    return int(year.group()) if year and comparing else None


def compared_with_another_year(sentence: Sentence, mentions: list[Mention],
                               event_years: frozenset[int]) -> list[Mention]:
    """Figures set against this event's as another year's (compared_year)."""
    return [m for m in mentions if compared_year(sentence, m) not in (None, *event_years)]


def since_before(sentence: Sentence, i: int) -> int | None:
    """Start of a "since" at most two words before token i ("since the 1979 revolution")."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if sentence.is_boundary(j):
            return None
        if sentence.lower(j) == "since":
            return sentence.tokens[j].start
    return None


def clause_segments(sentence: Sentence, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Clause-like stretches of the sentence, split at punctuation outside figures ("January 3,
    2020" keeps its comma) and at contrastive conjunctions."""
    spans = [(m.start, m.end) for m in mentions]
    cuts = [sentence.start]
    for i, token in enumerate(sentence.tokens):
        splits = sentence.is_boundary(i) or token.lower in ("while", "whereas", "but")
        if splits and not any(s <= token.start < e for s, e in spans):
            cuts.append(token.start)
    cuts.append(sentence.end)
    return list(zip(cuts, cuts[1:]))


def _segment_of(segments: list[tuple[int, int]], position: int) -> int:
    return next(k for k, (start, end) in enumerate(segments) if start <= position < end)


def anchor_scope(sentence: Sentence, segments: list[tuple[int, int]], position: int,
                  since: int | None) -> tuple[int, int]:
    """The stretch of the sentence an anchor claims: all of it when it heads the sentence,
    else its clause and any relative clause attached to it ("since 1960, when a tremor
    killed 12,000"), from "since" on for a comparison."""
    k = _segment_of(segments, position)
    first = sentence.index_at(position)
    o = after_speaker_label(sentence)              # "PRESENTER: In 2022 ..." opens with "In"
    opening = sentence.lower(o)
    opening_clause = _segment_of(segments, sentence.tokens[o].start) if o else 0
    if since is None and k == opening_clause and first - o <= 3 \
            and (first == o or opening in FRONTING_WORDS
                 or opening.endswith(OWNER_ENDINGS)                     # "Kassara's 2021 appeal"
                 or (opening == "the" and event_within(sentence, first + 1, 2))):
        return sentence.start, sentence.end             # "The 2009 die-off, caused by a mill, killed 38 tonnes"
    if since is None and k == 0 and len(segments) > 1 and _fronted_phrase(sentence, segments[0]):
        return sentence.start, sentence.end             # "In the Helmsund crush in Quenvia in 2024, 11 died"
    when = _when_clause(sentence, segments, k)
    if since is None and when is not None and len(segments) > when + 1:
        # "When Teshkar erupted in 2019, 34 people died", "For comparison, when Arvant closed the
        # body shop in 2019, around 4,000 people marched", "When Arvant last cut, in 2019, it ..."
        return segments[when][0], sentence.end
    if since is None and k == 1 and opening in FRONTING_WORDS and len(segments) > 2 \
            and sentence.lower(sentence.index_at(segments[1][0]) + 1) in ("where", "when"):
        return sentence.start, sentence.end             # "In Quenvia, where 11 died in a crush in 2024, ..."
    year = ERA_WORD.match(sentence.text, position)
    if since is None and year and _WHEN_AFTER.match(sentence.text, year.end()):
        # "she remembered 1991, when Aldmere shut its doors, the queues were two kilometres long"
        return segments[k][0], sentence.end
    colon = sentence.text.find(":", sentence.start, sentence.end)
    if since is None and 0 <= position < colon and colon - sentence.start < 60:   # "Tianjin, 12 August 2015: ..."
        return sentence.start, sentence.end
    last = k
    while last + 1 < len(segments) and _continues(sentence, segments[last + 1][0] + 1, segments[last + 1][1]):
        last += 1
    if since is None and k > 0 and _describes_before(sentence, segments[k][0] + 1):
        k -= 1                      # "... was DSR 1.4m, paid by the mill after the 2009 fish kill"
    return (since if since is not None else segments[k][0]), segments[last][1]


def _fronted_phrase(sentence: Sentence, segment: tuple[int, int]) -> bool:
    """Whether the segment is a phrase put before the sentence's clause, with no verb of its own,
    that names an incident or a time ago ("In the Helmsund concert crush in Quenvia in 2024,",
    "And only three years ago in Quenvia,"; not "In its 2025 report,")."""
    first, last = sentence.index_at(segment[0]), sentence.index_at(segment[1] - 1)
    incident = any(first <= i <= last and event in INCIDENTS for i, event, _ in sentence.events)
    return sentence.lower(first) in FRONTING_WORDS | {"and", "but"} and sentence.lower(last + 1) == "," \
        and (incident or any(sentence.lower(i) == "ago" for i in range(first, last + 1))) \
        and not any(sentence.lower(i) in AUXILIARIES or looks_past(sentence.lower(i)) for i in range(first, last + 1))


def _when_clause(sentence: Sentence, segments: list[tuple[int, int]], k: int) -> int | None:
    """The segment that opens the "when" clause segment k is in, or its aside ("When Arvant last
    cut deeply, in 2019, ..."): a clause that tells what happened then."""
    def opens_with(j: int, word: str) -> bool:
        i = sentence.index_at(segments[j][0])
        while i < len(sentence.tokens) and sentence.is_boundary(i):
            i += 1
        return sentence.lower(i) == word
    if opens_with(k, "when"):
        return k
    return k - 1 if k > 0 and opens_with(k - 1, "when") and opens_with(k, "in") else None


def _describes_before(sentence: Sentence, position: int) -> bool:
    """Whether the clause from position is a participle describing what ends the clause before it
    (", paid by the mill", ", set in 2019")."""
    i = sentence.index_at(position)
    word = sentence.lower(i)
    return sentence.text[position - 1:position] == "," and not sentence.tokens[i].capitalised \
        and (word in IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)) \
        and sentence.lower(i + 1) in ("by", "in", "after", "during", "at")


def _continues(sentence: Sentence, position: int, end: int) -> bool:
    """Whether the clause from position (to end) still tells of the event before it: a relative
    clause ("since 1960, when a tremor killed 12,000", "..., in which three died"), a verb sharing its subject ("The strike of
    2009 lasted 11 days, drew 310,000 workers"; "cost insurers 95 million"), a noun phrase in
    apposition ("The Greyhollow fire of 2011, the province's worst, ...", "..., a rate of 11.2 per
    100,000"), a participle ("..., spilling
    260,000 barrels"), another figure for
    the same thing (", or roughly 160 million in today's money"), or "that" and an event word
    pointing back ("although that stoppage involved 310,000 workers")."""
    if sentence.text[position - 1:position] in ("(", ")") or sentence.text[position:position + 1] == "(":
        return True              # "the 1979 Ostra Bridge disaster (63 dead)", "(about 35,000 tonnes) of crude"
    i = sentence.index_at(position)
    joined = sentence.lower(i) in ("and", "or", "although", "though", "while")
    i += joined
    word = sentence.lower(i)
    if word in RELATIVE_WORDS or (word in FUNCTION_WORDS and sentence.lower(i + 1) in ("which", "whom")):
        return True                                     # "..., in which three workers died"
    if word == "that" and event_within(sentence, i + 1, 1):
        return True
    if word in DETERMINERS and not joined and _no_verb(sentence, i, end):
        return True
    if word in ("a", "an") and not joined and sentence.lower(i + 2) == "of" and sentence.lower(i + 3)[:1].isdigit():
        return True                                     # "... in 2022, a rate of 11.2 per 100,000"
    if word in AUXILIARIES and not joined:
        return True                                     # "The last storm, the storm of 2015, was rated G3 and left ..."
    if joined and sentence.lower(i - 1) == "or" and (word[:1].isdigit() or word in VOCAB.qualifiers):
        return True
    if joined and _another_count_of_it(sentence, i, end):
        return True                                     # "14 died in the 1981 disaster, although PASA counts 15"
    if word.endswith("ing") and len(word) > 5 and word not in ("according", "including") \
            and not sentence.tokens[i].capitalised and not joined:
        return True                                     # "... in 1987, spilling 260,000 barrels"
    return word in IRREGULAR_PAST or word in ("cost", "costs") or (
        word.endswith("ed") and len(word) > 4 and sentence.lower(i + 1) not in ("by", "to", "in", "at", "on")
        and not sentence.tokens[i].capitalised)


_COUNTING_VERBS = VOCAB.attribution_verbs | {"counted", "counts", "put", "puts", "gave", "gives", "recorded", "records"}


def _another_count_of_it(sentence: Sentence, i: int, end: int) -> bool:
    """Whether the clause from token i is a source's own figure for the same thing: a counting
    verb right before a number, and no event of its own ("although PASA has long counted 15")."""
    while i < len(sentence.tokens) and sentence.tokens[i].start < end:
        if sentence.lower(i) in _COUNTING_VERBS:
            return sentence.lower(i + 1)[:1].isdigit() and not event_within(sentence, i, 6)
        i += 1
    return False


def _no_verb(sentence: Sentence, i: int, end: int) -> bool:
    """Whether the tokens from i to the position end hold no verb and no figure: a noun phrase
    in apposition, not a clause of its own."""
    while i < len(sentence.tokens) and sentence.tokens[i].start < end:
        word = sentence.lower(i)
        if word in AUXILIARIES or looks_past(word) or sentence.tokens[i].text[:1].isdigit():
            return False
        i += 1
    return True


def article_event_years(text: str, published: str | None = None) -> frozenset[int]:
    """The years of the article's event: the latest year of a full date or month-and-year (the
    article's own time, often in its header) and the year its dates name most (a
    retrospective's event year).

    News dates its own event by weekday or "January 3" and gives years mostly for the past,
    so when no such date exists the years are unknown and any year-anchored clause is taken
    to be about another event. When the article's publication date is known ("2026-10-07"), its
    year is the article's own time, and another year is the event's only when dates name it at
    least twice: "In March 2025 it attacked another hospital" is about another attack.
    """
    years = [int(year) for match in DATE.finditer(text)
             for year in [match.group("y1") or match.group("y2") or match.group("y3") or match.group("y4")] if year]
    own = int(published[:4]) if published and published[:4].isdigit() else None
    if own is not None:
        repeated = [year for year, times in Counter(y for y in years if y != own).most_common(1) if times >= 2]
        return frozenset({own, *repeated})
    if not years:
        return frozenset()
    return frozenset({max(years), Counter(years).most_common(1)[0][0]})
