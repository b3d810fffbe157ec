"""Tables: rows of figures under a header row, written with pipes ("City | Arrested | Charged", as
Markdown and web pages give them) or in aligned columns ("Kostrin    486    151").

A cell's figure measures what its column's header names when the rows are places or groups (the
first column's header says so: "City", "Region", "Reservoir", ...), about the place its row
names, or days ("Date", "Week"); the total row is about the whole. In a table of facts ("| Measure
| Figure |") each row's label names its figure. Rows of other things ("Housing | US$1.2bn") keep the
reading their sentence gives (quantity_measures: the row's first cell names the figure). In any
table a cell is credited to whom its column's header ("Kestrel central estimate"), the caption
("Losses by crop (LFC estimates)") or its row's giver ("| Donor |", "| Source |") names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from index.figures.grammar import DAY_WORDS, FUNCTION_WORDS, GENERIC_NOUNS, MONTH_NAMES, UNIT_NUMBERS, WEEKDAYS
from index.figures.mention import Mention
from index.figures.phrases import PARTICLES, is_participle
from index.figures.source_names import ESTIMATE_ADJECTIVES, names_a_body
from index.figures.vocabulary import VOCAB, alternation, canonical_measure


@dataclass(frozen=True)
class Cell:
    start: int                  # the cell's span in the article text
    end: int
    measure: str                # what its column's header names
    scope: str | None           # the place its row names; None for a total row
    source: str | None          # who the header, the caption or the row credits ("(interior ministry, 11 May)")
    unit: str | None = None     # the unit its header gives its bare numbers ("Dose rate (µSv/h)")
    # the table names its measure and scope: a column's over rows of places or groups, or the row's
    # own name in a table of facts ("| Patients evacuated | 236 |"); other cells keep their sentence's
    measured: bool = True
    label: bool = False         # a row's label ("| 10 km | 41 |"): where the row's figures are, no figure itself
    currency: str | None = None     # the currency its header gives its bare numbers ("Pledge (US$ million)") ...
    scale: float = 1.0              # ... and their scale


# First-column headers whose rows are places or groups, each a scope of the row's figures.
_PLACE_HEADERS = frozenset({"city", "cities", "region", "regions", "province", "provinces", "district", "districts",
                            "state", "states", "county", "counties", "country", "countries", "town", "towns",
                            "village", "villages", "area", "areas", "zone", "zones", "port", "ports", "reservoir",
                            "reservoirs", "site", "sites", "hospital", "hospitals", "municipality", "department",
                            "prefecture", "island", "islands", "valley", "neighbourhood", "neighborhood", "place",
                            "location", "group", "community", "camp", "camps", "school", "schools", "mine", "farm",
                            # "Medical point", "Crossing point", "Border crossing", "Aid station"
                            "point", "points", "crossing", "crossings", "checkpoint", "station", "stations", "centre",
                            "centres", "center", "centers", "shelter", "shelters", "branch", "branches"})
# First-column headers whose rows are days or periods: each row's figures are its column's measure then.
_TIME_HEADERS = frozenset({"date", "day", "week", "month", "year", "time", "period"})
_TOTAL_ROWS = frozenset({"total", "totals", "all", "overall", "national", "nationwide", "country", "whole country"})
_TOTAL_WORDS = frozenset({"total", "totals", "overall", "nationwide"})
# Words of a header saying when, not what: "Still held", "Arrested so far".
_TIME_ADVERBS = frozenset({"still", "now", "currently"})
_SO_FAR = re.compile(r"\bso\s+far\b|\bto\s+date\b")
_ALIGNED = re.compile(r"\S(?:.*?\S)?(?=\s{2,}|$)")
_SEPARATOR = re.compile(r"^[\s|:+-]*$")
_NUMERIC = re.compile(rf"^(?:(?:{alternation(VOCAB.qualifiers)})\s+)?[~<>≈]?\s*(?-i:[A-Z]{{1,3}}\$|[A-Z]{{3}}\s)?[$€£¥]?\s*"
                      rf"(?:\d[\d,.]*|{alternation(UNIT_NUMBERS)}\b)(?:\s*[-–]\s*\d[\d,.]*)?\s*(?:%|(?:million|billion)(?:\s+[a-z]+)?|[a-zA-Zµμ²³/]{{0,12}})"
                      rf"(?:\s*\([^)]*\))?$",
                      re.I)    # "about 30%", "3-10 km", "US$1.2bn", "LVD 64m", "45 million florins", "nine days (NWA)"
_BRACKETED = re.compile(r"\(([^)]*)\)")
# a size in a row's label says which, not what: "Bread, 800g loaf"
_UNITS_IN_LABEL = re.compile(r"\S*\d\S*")
# "(US$ million)", "(€m)", "(LVD bn)": a currency, by its sign or, with a scale, its code
_MONEY_HEADER = re.compile(rf"\s*(?:(?P<currency>US\$|[$€£¥])\s?(?P<scale>{alternation(VOCAB.scales)})?"
                           rf"|(?P<code>(?-i:[A-Z]{{3}}))\s?(?P<coded>{alternation(VOCAB.scales)}))\s*", re.I)


def table_cells(text: str) -> list[Cell]:
    """Every figure cell of the text's tables: with its column's measure and its row's place where
    the rows are places or groups, with who gives it in any table."""
    lines, position = [], 0
    for line in text.split("\n"):
        lines.append((position, line))
        position += len(line) + 1
    cells: list[Cell] = []
    names = proper_names(text)
    k = 0
    while k < len(lines):
        start, line = lines[k]
        header = _cells(start, line)
        rows = []
        j = k + 1
        while j < len(lines) and _SEPARATOR.match(lines[j][1]) and lines[j][1].strip():
            j += 1                                       # "|---|---|"
        first_row = _cells(*lines[j]) if header and "|" not in line and j < len(lines) else []
        if len(first_row) == len(header) + 1 and line[:header[0][0] - start].isspace() \
                and first_row[0][1] - lines[j][0] < header[0][0] - start:
            header = [(start, start, ""), *header]      # aligned columns over rows' labels, the label column untitled
        while j < len(lines) and header and len(_cells(*lines[j])) == len(header):
            rows.append(_cells(*lines[j]))
            j += 1
        columns = _figure_columns(rows) if rows else []
        if len(header) >= 2 and len(rows) >= 2 and _is_header(header) and all(_is_row(r) for r in rows) and columns:
            first = header[0][2].lower()
            cells += _read(header, rows, _caption(lines, k), columns,
                           of_places=first.rpartition(" ")[2] in _PLACE_HEADERS, of_times=first in _TIME_HEADERS,
                           names=names,
                           note=_note(lines, j))
            k = j
        else:
            k += 1
    return cells


def _cells(start: int, line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a line: between pipes, or between runs of spaces."""
    if "|" in line:
        found, position = [], 0
        parts = line.split("|")
        inner = range(1 if not parts[0].strip() else 0, len(parts) - (1 if not parts[-1].strip() else 0))
        for k, part in enumerate(parts):
            stripped = part.strip()
            if k in inner:          # an empty cell keeps its column: "| Total | | 12,400 |"
                offset = start + position + (part.index(stripped) if stripped else len(part) // 2)
                # Markdown's emphasis is no part of the cell: "| **Total** | **8,214** |"
                bare = stripped.strip("*_")
                if bare and stripped[0] in "*_" and stripped[-1] == stripped[0]:
                    offset += stripped.index(bare)
                    stripped = bare
                found.append((offset, offset + len(stripped), stripped))
            position += len(part) + 1
        return found
    if not re.search(r"\S\s{2,}\S", line):
        return []
    return [(start + m.start(), start + m.end(), m.group()) for m in _ALIGNED.finditer(line)]


def _is_header(header: list[tuple[int, int, str]]) -> bool:
    return bool(header[0][2] or header[1:]) and not any(_NUMERIC.match(text) for _, _, text in header)


def _numeric(text: str) -> bool:
    """Whether a cell holds figures only: one, or several a semicolon parts ("310 (VBOA); 350 (union)")."""
    return all(_NUMERIC.match(part.strip()) for part in text.split(";"))


def _parts(cell: tuple[int, int, str]) -> list[tuple[int, int, str]]:
    """(start, end, text) of each figure of a cell, as its semicolons part them."""
    start, _, text = cell
    found, position = [], 0
    for part in text.split(";"):
        stripped = part.strip()
        offset = start + position + (part.index(stripped) if stripped else 0)
        found.append((offset, offset + len(stripped), stripped))
        position += len(part) + 1
    return found


def _is_row(row: list[tuple[int, int, str]]) -> bool:
    # a label may be a measurement ("| 10 km | 41 |": the medical point at 10 km), not a bare number
    label = row[0][2]
    return bool(label) and (not _NUMERIC.match(label) or re.search(r"[^\W\d]{2}", label) is not None) \
        and any(_numeric(text) for _, _, text in row[1:])


# Cells that say a figure is not given: "n/a", "-"
_NOT_GIVEN = frozenset({"", "n/a", "na", "-", "–", "—", "..."})


def _figure_columns(rows: list[list[tuple[int, int, str]]]) -> list[int]:
    """The columns of figures: every row's cell in them is a figure or says none is given (a
    column of words, "Role | vehicle assembly", is no column of figures)."""
    return [column for column in range(1, len(rows[0]))
            if all(_numeric(row[column][2]) or row[column][2].lower() in _NOT_GIVEN for row in rows)
            and any(_numeric(row[column][2]) for row in rows)]


def _caption(lines: list[tuple[int, str]], k: int) -> str | None:
    """The line right before the header: a title ("Arrests by city (interior ministry, 11 May)") or
    the paragraph that introduces the table ("Figures from the National Factory Inspectorate show ...")."""
    for _, line in reversed(lines[max(0, k - 2):k]):
        if line.strip():
            return line.strip().lstrip("#").strip()
    return None


def _note(lines: list[tuple[int, str]], j: int) -> str | None:
    """The line right below a table, where a note often names its source ("*Confirmed cases by
    district, 18 March. Source: Solvara Provincial Health Directorate.*")."""
    return next((line.strip() for _, line in lines[j:j + 2] if line.strip()), None)


# "Source: Solvara Provincial Health Directorate", "Sources: ministry of health; WHO"
_SOURCE_LABEL = re.compile(r"\bSources?:\s*(?:the\s+)?([^.;,*_]+)", re.I)


def _labelled_source(text: str | None) -> str | None:
    found = _SOURCE_LABEL.search(text or "")
    return found.group(1).strip() if found and names_a_body(found.group(1).strip()) else None


# "Figures from the Nuclear Safety Inspectorate and the health ministry, Sunday 14 March.",
# "Arvant's own breakdown of the cuts": who a table's introduction says its figures are from.
# "Key figures released by the directorate on Friday:"
_FIGURES_FROM = re.compile(r"\b(?:figures|data|numbers|estimates|statistics|breakdown)\s+"
                           r"(?:(?:released|published|issued|compiled|provided)\s+)?(?:from|by)\s+(?:the\s+)?"
                           r"([^,.;:]+?)(?=\s+(?:show|shows|showed|put|puts|give|gives|suggest|suggests|on|at|this|"
                           r"last)\b|[,.;:]|$)", re.I)
# "Arvant's own breakdown", "The commission's district-level figures showed"
_OWN_FIGURES = re.compile(r"(?:^|\.\s+)(?:[Tt]he\s+)?([A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3}|[a-z]+)['’]s\s+"
                          r"(?:[\w-]+\s+){0,2}?(?:breakdown|figures|data|estimates|count|tally|results)\b")


def introduced_source(caption: str | None) -> str | None:
    """Who an introduction says the figures after it are from (a table's or a list's); "figures by
    district" are broken down by district, not given by it."""
    found = _FIGURES_FROM.search(caption or "")
    if found and _BREAKDOWN.match(found.group()):
        found = None
    found = found or _OWN_FIGURES.search(caption or "")
    return found.group(1).strip() if found else None


# "The ministry's figures by district", "data by age and sex": a breakdown, by a bare lower-case noun
_BREAKDOWN = re.compile(r"\w+\s+by\s+[a-z]+(?:\s+and\s+[a-z]+)?$")


def _read(header: list[tuple[int, int, str]], rows: list[list[tuple[int, int, str]]], caption: str | None,
          columns: list[int], of_places: bool, names: frozenset[str], note: str | None = None,
          of_times: bool = False) -> list[Cell]:
    # "Losses by crop (LFC estimates)", "Figures from the ministry show", "Key World Bank figures",
    # "Source: ..." above or below the table
    credited = (_source(caption) if caption and len(caption) < 120 else None) or introduced_source(caption) \
        or _estimator(_TITLE_OPENER.sub("", caption or ""), names) or _labelled_source(caption) \
        or _labelled_source(note)
    # "| Donor | Amount |", "| Quantity | Figure | Source |": a column of who gives each row's figure
    givers = next((k for k, (_, _, title) in enumerate(header) if title.lower() in _SOURCE_HEADERS), None)
    # "| | Committee | Health service | Runners' alliance |": a column for each who gives the
    # figures, over rows naming what each counts ("Runners treated")
    by_source = not of_places and not of_times and len(columns) >= 2 and all(
        names_a_body(header[c][2]) and not canonical_measure(header[c][2].lower()) for c in columns)
    found = []
    for column in columns:
        title = header[column][2]
        if by_source:
            # a cell's own giver in brackets names the source better than its column: "1.70 marls (OSO)"
            found += [Cell(row[column][0], row[column][1], header_measure(_UNITS_IN_LABEL.sub(" ", row[0][2]))[0], None,
                           _source(row[column][2]) or title) for row in rows]
            continue
        measure, source = header_measure(title)
        source = source or _estimator(title, names)             # "Chamber estimate, per day"
        unit = next((VOCAB.measurement_units[b.strip().lower()] for b in _BRACKETED.findall(title)
                     if b.strip().lower() in VOCAB.measurement_units and len(b.strip()) > 1), None)
        # "Pledge (US$ million)", "Cost (€m)": sums in that currency and scale
        money = next((m for m in map(_MONEY_HEADER.fullmatch, _BRACKETED.findall(title)) if m), None)
        currency = (VOCAB.currencies.get((money.group("currency") or "").lower()) or money.group("code")) if money else None
        scale = VOCAB.scales.get((money.group("scale") or money.group("coded") or "").lower(), 1.0) if money else 1.0
        # "| Measure | Figure |", "| Measure | Official | Others |": each row names its fact, as the
        # column names a table of places'
        facts = not of_places and (title.lower() in _VALUE_HEADERS or header[0][2].lower() in _FACT_HEADERS)
        for row in rows:
            label = row[0][2].strip()
            words = set(re.findall(r"[a-z]+", label.lower()))
            total = label.lower() in _TOTAL_ROWS or bool(words & _TOTAL_WORDS)        # "North, total"
            # a row's place, or the giver of a part of the total ("| Kingdom of Estavel | 9.0 |")
            scope = None if total or facts or of_times else _BRACKETED.sub("", label).strip()
            giver = row[givers][2] if givers is not None and not total and row[givers][2] not in _NOT_GIVEN else None
            for start, end, text in _parts(row[column]):
                # in a table of facts a figure's own bracket names who gives it: "310 (VBOA)"
                own = _source(text, any_words=True) if facts else None
                found.append(Cell(start, end, header_measure(label)[0] if facts else measure, scope,
                                  own or giver or source or credited, unit, of_places or of_times or facts or givers == 0,
                                  currency=currency, scale=scale))
    if of_places:
        found += [Cell(row[0][0], row[0][1], "", None, None, label=True) for row in rows]
    return found


# First-column headers over rows that each name a fact: "| Measure | Official | Others |".
_FACT_HEADERS = frozenset({"measure", "measures", "indicator", "indicators", "item", "items", "metric", "metrics",
                           "what", "key figure", "key figures"})
# Headers of a column that only holds figures, whatever each row's figure is of.
_VALUE_HEADERS = frozenset({"figure", "figures", "number", "numbers", "value", "values", "count", "total", "amount",
                            "amounts", "latest", "latest figure"})


# First-column (or any column's) headers naming who gives each row's figure.
_SOURCE_HEADERS = frozenset({"source", "sources", "donor", "donors", "funder", "funders", "contributor",
                             "contributors", "lender", "lenders", "estimator", "estimated by", "according to",
                             "pledged by", "given by", "organisation", "organization"})


def header_measure(title: str) -> tuple[str, str | None]:
    """(measure, source) a column's header (or a row's or a list item's label) names: "Arrested" ->
    "arrested"; "Level, % of capacity (SIH, 21 July)" -> "share of capacity", credited to SIH."""
    source = _source(title)
    words = _BRACKETED.sub("", title).lower()
    share = re.search(r"%\s*of\s+([a-z ]+)", words)
    if share:
        return f"share of {share.group(1).strip()}", source
    words = [w for w in re.findall(r"[a-z]+", _SO_FAR.sub(" ", words))       # "Still held", "Dose rate, 14 March"
             if w not in _TIME_ADVERBS and w not in DAY_WORDS]
    if not words:
        return "value", source
    known = canonical_measure(" ".join(words)) or next((canonical_measure(w) for w in words if canonical_measure(w)),
                                                       None)
    if known:
        return known, source
    if words[0] in ("share", "proportion", "percentage"):
        return " ".join(words), source                      # "Share of homes", as a sentence names it
    # "Iodine tablets handed out": the participle with its particle
    verb = 2 if len(words) > 2 and words[-1] in PARTICLES and is_participle(words[-2]) else 1
    if len(words) > verb and is_participle(words[-verb]):
        # "Schools closed", "People evacuated": as "1,870 schools were closed" names its count
        counted = [w for w in words[:-verb] if w not in GENERIC_NOUNS]
        action = " ".join(words[-verb:])
        return (f"{action}: {' '.join(counted)}" if counted else action), source
    # "Homes without power at peak": as a sentence names what it counts ("238,000 homes without power")
    head = next((k for k, w in enumerate(words) if k and (w in FUNCTION_WORDS or w == "without")), len(words))
    return " ".join(words[:head]), source


# "Kestrel central estimate", "Finance ministry estimate": who gives a column's figures; "Low
# estimate", "Official figure" name no one.
_ESTIMATOR = re.compile(r"^([A-Za-z][\w&'’ -]*?)\s+(?:(?:central|latest|own|first|final|revised|initial)\s+)?"
                        r"(?:estimates?|figures?|counts?|tally|projections?|forecasts?)\b")
_TITLE_OPENER = re.compile(r"^(?:key|main|latest|official|headline)\s+", re.I)


def _estimator(title: str, names: frozenset[str]) -> str | None:
    """Who a header or caption says gives the figures: a body ("Finance ministry"), an acronym
    ("KVHR") or a name the article writes capitalised mid-sentence ("Kestrel"), not a word that
    only opens it ("Damage estimate")."""
    found = _ESTIMATOR.match(title.strip())
    if not found:
        return None
    name = found.group(1)
    words = name.split()
    if any(w.lower() in ESTIMATE_ADJECTIVES or w.lower() in FUNCTION_WORDS for w in words):
        return None
    body = names_a_body(name) and (len(words) > 1 or words[0].isupper() or words[0].lower() in VOCAB.source_nouns)
    return name if body or all(w in names for w in words) else None


def proper_names(text: str) -> frozenset[str]:
    """Capitalised words the text writes after a lower-case word: names, not sentence openers."""
    return frozenset(re.findall(r"(?<=[a-z,] )[A-Z][\w&-]+", text))


_COUNT_NOUN_AFTER = re.compile(r"\s+(?:estimates?|figures?|data|counts?)$", re.I)


def _source(text: str | None, any_words: bool = False) -> str | None:
    """The source a bracket credits: "(interior ministry, 11 May)" -> "interior ministry"; with
    any_words, a bracket after a figure names its giver in any words ("310 (hauliers)")."""
    found = _BRACKETED.search(text or "")
    if not found:
        return None
    first = _COUNT_NOUN_AFTER.sub("", found.group(1).split(",")[0].strip())       # "(LFC estimates)"
    words = first.split()
    if words and (any_words or words[0][:1].isupper() or any(w.lower() in VOCAB.source_nouns for w in words)) \
            and not any(ch.isdigit() for ch in first) and words[0] not in (*WEEKDAYS, *MONTH_NAMES) \
            and not _MONEY_HEADER.fullmatch(first):          # not "(Tuesday)", "(US$ million)"
        return first
    return None


def apply_table_measures(mentions: list[Mention], cells: list[Cell]) -> None:
    """Each mention standing in a table cell measures what its column names."""
    for mention in mentions:
        cell = cell_at(cells, mention.start)
        if cell is not None and cell.label:
            mention.measure = None
        elif cell is not None and cell.measured and mention.kind not in ("date", "weekday", "time"):
            mention.measure = cell.measure
            if cell.currency and mention.kind == "count":
                mention.kind, mention.unit = "money", cell.currency
                mention.value, mention.low, mention.high = (None if v is None else v * cell.scale
                                                            for v in (mention.value, mention.low, mention.high))
            elif cell.unit and mention.kind == "count":
                mention.kind, mention.unit = "measurement", cell.unit


def apply_table_scopes(mentions: list[Mention], cells: list[Cell]) -> None:
    """Each mention standing in a table cell is about its row's place, credited to the table's source."""
    for mention in mentions:
        cell = cell_at(cells, mention.start)
        if cell is not None and mention.kind not in ("date", "weekday", "time"):
            if cell.measured:
                mention.scope = cell.scope
            mention.attributed_to = cell.source or mention.attributed_to


def cell_at(cells: list[Cell], position: int) -> Cell | None:
    return next((cell for cell in cells if cell.start <= position < cell.end), None)
