"""When each figure was stated, and how a measure's values moved over time across sources.

Plain data in, plain data out: no index, no Discord, no drawing.

- An article's time is its `published` date (sidecar, HTML metadata, a date line or dateline
  at the top of a text file, a feed entry's date), parsed by `article_time`.
- A figure's time is its article's, refined by the words of its own sentence where they say
  so: "as of Thursday", "on Wednesday evening", "by 10 January", "yesterday". A weekday is the
  latest such day on or before the article's date; a date without a year takes the article's
  year. A refinement later than the article, or more than `REFINE_DAYS` before it, is not
  believed (it names another moment: an anniversary, a deadline), and the article's time stands.
- A figure with neither is `unknown`: listed apart, never placed at a guessed time.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.answer import FigureValue, MeasureFigures, Quote

REFINE_DAYS = 21
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# The hour a part of the day stands for: only for ordering within a day; shown as the words.
DAY_PARTS = {"morning": 9, "midday": 12, "noon": 12, "afternoon": 15, "evening": 19, "night": 22,
             "overnight": 2, "tonight": 22}

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_PART = r"(?:\s+(?:in\s+the\s+|at\s+)?(?P<part>" + "|".join(DAY_PARTS) + r"))?"
_DATES = (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}\b", re.IGNORECASE),
          re.compile(rf"\b{_MONTH}\s+{_DAY}(?!\d){_YEAR}\b", re.IGNORECASE))
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
# Not "Tuesday's explosion": a weekday owning a noun names an event, not when something was said.
_WEEKDAY = re.compile(rf"\b(?P<weekday>{'|'.join(WEEKDAYS)})(?!['’]s\b){_PART}\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?P<rel>yesterday|today|this\s+(?:morning|afternoon|evening)|last\s+night|tonight)\b",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Stated:
    """When a figure was stated: `at` (None when unknown), and how that was found."""
    at: datetime | None
    how: str                      # "text" (its sentence says), "article" (the article's time), "unknown"
    words: str | None = None      # the sentence's words that placed it ("on Wednesday evening")

    @property
    def known(self) -> bool:
        return self.at is not None

    def label(self) -> str:
        if self.at is None:
            return "time unknown"
        day = f"{self.at:%d %b %Y}".lstrip("0")
        part = _part_of(self.words)
        return f"{day} {part}" if part else day


def _part_of(words: str | None) -> str | None:
    if not words:
        return None
    lowered = words.lower()
    return next((p for p in DAY_PARTS if re.search(rf"\b{p}\b", lowered)), None)


def article_time(published: str | None) -> datetime | None:
    """An article's time from its `published` value (ISO date or date-time), or None."""
    if not published:
        return None
    text = published.strip()
    try:
        found = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        match = _ISO.search(text)
        if not match:
            return None
        try:
            found = datetime(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return None
    return found.replace(tzinfo=None)


def stated_time(sentence: str, published: datetime | None, figure: str | None = None) -> Stated:
    """When the figure in `sentence` (its words `figure`, when given) was stated, given its
    article's time (or None). Of several moments the sentence names, the one nearest the figure
    counts ("killed by Tuesday's blast rose to 135 on Wednesday": Wednesday)."""
    at = figure_position(sentence, figure)
    believable = [(position, found, words) for position, found, words in _refinements(sentence, published)
                  if published is None
                  or published - timedelta(days=REFINE_DAYS) <= found <= _end_of_day(published)]
    if believable:
        _, found, words = min(believable, key=lambda r: abs(r[0] - at) if at >= 0 else r[0])
        return Stated(found, "text", words)
    if published is not None:
        return Stated(published, "article")
    return Stated(None, "unknown")


def whole_figure(text: str, words: str | None) -> int:
    """Where `words` stand in `text` as a whole figure ("84", not the end of "284"), or -1."""
    whole = re.search(rf"(?<![\w.,]){re.escape(words)}(?!\w)", text) if words else None
    return whole.start() if whole else -1


def figure_position(text: str, words: str | None) -> int:
    """Where `words` stand in `text`: as a whole figure, else anywhere, else -1."""
    at = whole_figure(text, words)
    return at if at >= 0 or not words else text.find(words)


def _end_of_day(moment: datetime) -> datetime:
    return datetime.combine(moment.date(), datetime.max.time())


def _at(day: date, part: str | None) -> datetime:
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=DAY_PARTS.get((part or "").lower(), 0))


def _refinements(sentence: str, published: datetime | None) -> Iterable[tuple[int, datetime, str]]:
    """Every moment the sentence names, with where its words start, in the order they come."""
    found: list[tuple[int, datetime, str]] = []
    for match in (m for pattern in _DATES for m in pattern.finditer(sentence)):
        month = MONTHS.index(match["month"][:3].lower()) + 1
        year = int(match["year"]) if match["year"] else (published.year if published else None)
        if year is None:
            continue
        try:
            day = date(year, month, int(match["day"]))
        except ValueError:
            continue
        if not match["year"] and published is not None and day > published.date():
            day = day.replace(year=year - 1) if not (month == 2 and day.day == 29) else day
        part = _part_of(sentence[match.end():match.end() + 25])
        found.append((match.start(), _at(day, part), match.group(0)))
    for match in _ISO.finditer(sentence):
        try:
            found.append((match.start(), datetime(int(match["year"]), int(match["month"]), int(match["day"])),
                          match.group(0)))
        except ValueError:
            continue
    if published is not None:
        for match in _WEEKDAY.finditer(sentence):
            if any(start <= match.start() < start + len(words) + 12 for start, _, words in found):
                continue  # "Wednesday, January 3": the date already placed it
            back = (published.weekday() - WEEKDAYS.index(match["weekday"].lower())) % 7
            found.append((match.start(), _at(published.date() - timedelta(days=back), match["part"]),
                          match.group(0)))
        for match in _RELATIVE.finditer(sentence):
            rel = " ".join(match["rel"].lower().split())
            day = published.date() - timedelta(days=1 if rel in ("yesterday", "last night") else 0)
            part = "night" if rel == "last night" else rel.split()[-1] if rel.startswith("this") else \
                "night" if rel == "tonight" else None
            found.append((match.start(), _at(day, part), match.group(0)))
    return sorted(found, key=lambda f: f[0])


# ----------------------------------------------------------------------------- timelines

@dataclass(frozen=True)
class Step:
    """One source stating one value at one moment."""
    stated: Stated
    value: FigureValue
    quote: Quote

    @property
    def who(self) -> str:
        """Who gave the figure: the authority the sentence names, else the source."""
        return self.quote.attributed_to or self.quote.source.name

    @property
    def order(self) -> tuple:
        # Within one moment, a figure a source says was revised comes before its revision.
        rank = {"earlier": 0, None: 1, "current": 2}.get(self.quote.revision, 1)
        # Then, at one moment with no order given (news tells the latest first), the lower value
        # first: counts of the dead and injured rise as they are updated; revisions down say so.
        return (self.stated.at or datetime.max, rank, self.value.low if self.value.low is not None else 0.0)


@dataclass(frozen=True)
class Timeline:
    measure: str
    kind: str
    steps: tuple[Step, ...]        # placed in time, in time order
    unknown: tuple[Step, ...]      # no time found: listed apart
    values: int                    # how many distinct values the measure has

    @property
    def chain(self) -> tuple[Step, ...]:
        """How the figure moved: the dated steps with each run of one value merged into its first.
        A value already stated, repeated later at only its article's time (a recap: "the minister
        gave 78 dead on the night of the blast"), is not a move."""
        moved: list[Step] = []
        for step in self.steps:
            if moved and moved[-1].value.label == step.value.label:
                continue
            if step.stated.how != "text" and any(s.value.label == step.value.label for s in moved):
                continue
            moved.append(step)
        return tuple(moved)

    def chain_text(self, name_limit: int | None = None) -> str:
        """"20 (state TV) → 73 (emergency services) → …"; names cut to `name_limit` characters."""
        def name(who: str) -> str:
            return who if name_limit is None or len(who) <= name_limit else who[:name_limit - 1].rstrip() + "…"
        return " → ".join(f"{s.value.label} ({name(s.who)})" for s in self.chain)


def build_timeline(measure: MeasureFigures) -> Timeline:
    """Every statement of every value of `measure`, placed in time where its words or its
    article say when; revisions across articles join into one chain by time order, and a
    revision within one article keeps the earlier figure first."""
    placed, unknown = [], []
    seen: set[tuple[str, int, str]] = set()
    for value in measure.values:
        for quote in value.quotes:
            key = (quote.source.id, quote.start, quote.words)
            if key in seen:
                continue
            seen.add(key)
            stated = stated_time(quote.quote, article_time(quote.source.published), quote.words)
            if quote.revision == "earlier" and stated.how == "article":
                # "down from 103": said before the article, at a time it does not give.
                stated = Stated(stated.at, "article-earlier")
            (placed if stated.known else unknown).append(Step(stated, value, quote))
    placed.sort(key=lambda s: s.order)
    unknown.sort(key=lambda s: (s.quote.source.name, s.quote.start))
    return Timeline(measure.measure, measure.kind, tuple(placed), tuple(unknown), len(measure.values))


# ----------------------------------------------------------------------------- compact answers

GLANCE_VALUES = 5            # value lines per measure in a compact answer; the rest are counted


def recency(measure: MeasureFigures) -> dict[str, int]:
    """Each value's place in the measure's timeline (larger: stated later); -1 when never placed."""
    rank = {v.label: -1 for v in measure.values}
    for place, step in enumerate(build_timeline(measure).steps):
        rank[step.value.label] = place
    return rank


def latest_label(measure: MeasureFigures) -> str | None:
    """The value stated last, when the measure has several and any has a known time."""
    if len(measure.values) < 2:
        return None
    ranks = recency(measure)
    best = max(ranks, key=ranks.get)
    return best if ranks[best] >= 0 else None


def glance_order(measure: MeasureFigures, limit: int = GLANCE_VALUES) -> list[FigureValue]:
    """The values a compact answer lists first: the most cited, and the latest stated among the rest."""
    ranked = sorted(measure.values, key=lambda v: -v.source_count)
    if len(ranked) <= limit:
        return ranked
    ranks = recency(measure)
    latest = max(ranked[limit - 1:], key=lambda v: ranks[v.label])
    return ranked[:limit - 1] + [latest] + [v for v in ranked[limit - 1:] if v is not latest]
