"""Charts as PNG bytes: a measure's timeline, and the values of disputed measures.

Drawn with matplotlib's Agg canvas on a bare `Figure` (no pyplot, no display, no global state),
so a chart can be drawn in a worker thread; the Service does exactly that, and only when a
chart is asked for. Colours suit Discord's dark theme.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure

from bot.answer import Disagreements, FigureValue
from bot.timeline import Timeline

BACKGROUND = "#313338"     # Discord's dark message background
PANEL = "#2b2d31"
TEXT = "#dbdee1"
MUTED = "#949ba4"
GRID = "#4e5058"
WARN = "#f0b232"
COLOURS = ("#5865f2", "#57f287", "#fee75c", "#eb459e", "#ed4245", "#3ba55d", "#faa61a", "#00b0f4",
           "#9b84ee", "#e67e22")
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*", "h", "<")
DPI = 110
MAX_SOURCES_IN_LEGEND = 10
MAX_MEASURES = 8
MAX_VALUES = 10
PNG_MAX_BYTES = 10 * 1024 * 1024   # Discord's attachment limit for a bot without boosts


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=DPI, facecolor=BACKGROUND)
    FigureCanvasAgg(figure)
    return figure


def _style(axes, title: str) -> None:
    axes.set_facecolor(PANEL)
    axes.set_title(title, color=TEXT, fontsize=12, loc="left", pad=10)
    axes.tick_params(colors=TEXT, labelsize=9)
    for spine in axes.spines.values():
        spine.set_color(GRID)
    axes.grid(True, color=GRID, linewidth=0.6, alpha=0.6)
    axes.set_axisbelow(True)


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor=figure.get_facecolor(), bbox_inches="tight")
    return out.getvalue()


def _number(value: FigureValue) -> float | None:
    if isinstance(value.value, (int, float)):
        return float(value.value)
    return value.low if value.low is not None else value.high


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def timeline_png(timeline: Timeline) -> bytes:
    """Time across, value up: each statement a marker (one per source), a range or bound a bar,
    the chain of changes a dotted line. Statements with no known time are only counted."""
    figure = _figure(9.0, 4.8)
    axes = figure.add_subplot()
    _style(axes, f"{timeline.measure}: how the figure changed")
    steps = [s for s in timeline.steps if _number(s.value) is not None]
    sources = list(dict.fromkeys(s.who for s in steps))
    top = max([s.value.high or _number(s.value) or 0.0 for s in steps] + [0.0]) * 1.15 or 1.0
    for index, who in enumerate(sources):
        mine = [s for s in steps if s.who == who]
        colour, marker = COLOURS[index % len(COLOURS)], MARKERS[index % len(MARKERS)]
        for step in mine:
            low, high = step.value.low, step.value.high
            if low != high:   # a range, or a bound open on one side
                axes.vlines(step.stated.at, low if low is not None else 0.0, high if high is not None else top,
                            colors=colour, linewidth=6, alpha=0.45)
        axes.scatter([s.stated.at for s in mine], [_number(s.value) for s in mine], color=colour, marker=marker,
                     s=70, edgecolors=BACKGROUND, linewidths=0.8, zorder=3,
                     label=_short(who) if index < MAX_SOURCES_IN_LEGEND else None)
    chain = [s for s in timeline.chain if _number(s.value) is not None]
    if len(chain) > 1:
        axes.plot([s.stated.at for s in chain], [_number(s.value) for s in chain], linestyle=":", color=MUTED,
                  linewidth=1.2, zorder=2)
    for step in chain:
        axes.annotate(step.value.label, (step.stated.at, _number(step.value)), textcoords="offset points",
                      xytext=(6, 6), color=TEXT, fontsize=9)
    if not steps:
        axes.text(0.5, 0.5, "No statement of this figure has a known time", transform=axes.transAxes,
                  ha="center", va="center", color=MUTED, fontsize=11)
    axes.set_ylim(bottom=0, top=top)
    axes.set_xlabel("when stated", color=MUTED)
    axes.set_ylabel(timeline.measure, color=MUTED)
    locator = AutoDateLocator(maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if sources:
        legend = axes.legend(loc="upper left", fontsize=8, facecolor=PANEL, edgecolor=GRID, labelcolor=TEXT,
                             framealpha=0.9, bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
        legend.get_frame().set_linewidth(0.6)
    if timeline.unknown:
        figure.text(0.01, 0.01, f"{len(timeline.unknown)} statement(s) with no known time are not placed",
                    color=MUTED, fontsize=8)
    return _png(figure)


def disagreements_png(disagreements: Disagreements) -> bytes:
    """Each disputed measure with its conflicting values and how many sources give each."""
    measures = list(disagreements.measures[:MAX_MEASURES])
    rows = [min(len(m.values), MAX_VALUES) for m in measures] or [1]
    figure = _figure(8.0, 0.9 + sum(0.32 * r + 0.55 for r in rows))
    if not measures:
        axes = figure.add_subplot()
        _style(axes, "The sources do not disagree on any figure")
        axes.set_xticks([])
        axes.set_yticks([])
        return _png(figure)
    grid = figure.add_gridspec(len(measures), 1, height_ratios=rows, hspace=0.9)
    for row, measure in enumerate(measures):
        axes = figure.add_subplot(grid[row])
        values: Sequence[FigureValue] = sorted(measure.values, key=lambda v: -v.source_count)[:MAX_VALUES]
        hidden = len(measure.values) - len(values)
        _style(axes, f"{measure.measure}" + (f"  (+{hidden} more values)" if hidden else ""))
        counts = [v.source_count for v in values]
        colours = [WARN if v.conflicts_with else COLOURS[0] for v in values]
        axes.barh(range(len(values)), counts, color=colours, height=0.6)
        axes.set_yticks(range(len(values)), [_short(v.label, 32) for v in values])
        axes.invert_yaxis()
        axes.set_xlim(0, max(counts) + 0.8)
        axes.xaxis.get_major_locator().set_params(integer=True)
        for y, count in enumerate(counts):
            axes.text(count + 0.05, y, f"{count} source{'s' if count != 1 else ''}", va="center", color=TEXT,
                      fontsize=8)
        axes.grid(True, axis="x")
        axes.grid(False, axis="y")
    figure.text(0.01, 0.005, "orange: conflicts with another value · bar length: sources giving it",
                color=MUTED, fontsize=8)
    return _png(figure)
