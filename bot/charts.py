"""Charts as PNG bytes: a measure's timeline, and the values of disputed measures.

Drawn with matplotlib's Agg canvas on a bare `Figure` (no pyplot, no display, no global state),
so a chart can be drawn in a worker thread; the Service does exactly that, and only when a
chart is asked for. Colours suit Discord's dark theme.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.answer import Disagreements, FigureValue
from bot.timeline import Step, Timeline

BACKGROUND = "#313338"     # Discord's dark message background
PANEL = "#2b2d31"
TEXT = "#dbdee1"
MUTED = "#949ba4"
GRID = "#4e5058"
WARN = "#f0b232"
COLOURS = ("#5865f2", "#57f287", "#fee75c", "#eb459e", "#ed4245", "#3ba55d", "#faa61a", "#00b0f4",
           "#9b84ee", "#e67e22", "#f47fff", "#a3e635")
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "*", "h", "<", ">", "p")
DPI = 110
MAX_SOURCES_IN_LEGEND = 12
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


def _slots(steps: Sequence[Step]) -> tuple[list[float], list[str]]:
    """An x position per step: one column per day with a statement, in time order (a timeline
    over a year stays readable), statements of one day side by side in their order; and the
    columns' labels."""
    days = sorted({s.stated.at.date() for s in steps})
    column = {day: index for index, day in enumerate(days)}
    seen: dict[int, int] = {}
    xs = []
    for step in steps:
        c = column[step.stated.at.date()]
        xs.append(c + 0.12 * seen.get(c, 0))
        seen[c] = seen.get(c, 0) + 1
    years = {d.year for d in days}
    labels = [f"{d.day} {d:%b}" + (f"\n{d.year}" if len(years) > 1 and (i == 0 or days[i - 1].year != d.year) else "")
              for i, d in enumerate(days)]
    return xs, labels


def timeline_png(timeline: Timeline) -> bytes:
    """Time across (one column per day with a statement), value up: each statement a marker (one
    kind per source), a range a bar, a bound an arrow, the chain of changes a dotted line.
    Statements with no known time are only counted, never placed."""
    steps = [s for s in timeline.steps if _number(s.value) is not None]
    xs, labels = _slots(steps)
    figure = _figure(max(7.5, min(2.0 + 0.8 * len(labels), 14.0)), 5.0)
    axes = figure.add_subplot()
    _style(axes, f"{_label(timeline.measure, 60)}: how the figure changed")
    x_of = {id(s): x for s, x in zip(steps, xs)}
    points = [_number(s.value) or 0.0 for s in steps]
    top = max(points + [1.0]) * 1.3
    sources = list(dict.fromkeys(s.who for s in steps))
    for index, who in enumerate(sources):
        mine = [s for s in steps if s.who == who]
        colour, marker = COLOURS[index % len(COLOURS)], MARKERS[index % len(MARKERS)]
        for step in mine:
            low, high, x = step.value.low, step.value.high, x_of[id(step)]
            if low is not None and high is not None and low != high:      # a range
                axes.vlines(x, low, min(high, top), colors=colour, linewidth=6, alpha=0.45)
            elif low is not None and high is None:                        # at least, more than: upward
                axes.annotate("", (x, min(low + top * 0.12, top)), (x, low),
                              arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2, "alpha": 0.7})
            elif high is not None and low is None:                        # up to, nearly: downward
                axes.annotate("", (x, max(high - top * 0.12, 0)), (x, high),
                              arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2, "alpha": 0.7})
        axes.scatter([x_of[id(s)] for s in mine], [_number(s.value) for s in mine], color=colour, marker=marker,
                     s=70, edgecolors=BACKGROUND, linewidths=0.8, zorder=3,
                     label=_label(who) if index < MAX_SOURCES_IN_LEGEND else None)
    chain = [s for s in timeline.chain if id(s) in x_of]
    if len(chain) > 1:
        axes.plot([x_of[id(s)] for s in chain], [_number(s.value) for s in chain], linestyle=":", color=MUTED,
                  linewidth=1.2, zorder=2)
    for step in chain:
        axes.annotate(_label(step.value.label, 16), (x_of[id(step)], _number(step.value)), textcoords="offset points",
                      xytext=(7, -3), color=TEXT, fontsize=8.5)
    if not steps:
        axes.text(0.5, 0.5, "No statement of this figure has a known time", transform=axes.transAxes,
                  ha="center", va="center", color=MUTED, fontsize=11)
    axes.set_xticks(range(len(labels)), labels)
    axes.set_xlim(-0.5, max(len(labels) + 0.4, 0.5))   # room for the last label
    axes.set_ylim(bottom=0, top=top)
    axes.set_xlabel("when stated (one column per day with a statement)", color=MUTED)
    axes.set_ylabel(timeline.measure, color=MUTED)
    if sources:
        legend = axes.legend(loc="upper left", fontsize=8, facecolor=PANEL, edgecolor=GRID, labelcolor=TEXT,
                             framealpha=0.9, bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
        legend.get_frame().set_linewidth(0.6)
    if timeline.unknown:
        figure.text(0.01, 0.01, f"{len(timeline.unknown)} statement(s) with no known time are not placed",
                    color=MUTED, fontsize=8)
    return _png(figure)


TIME_KINDS = frozenset({"date", "weekday", "time", "duration"})


def _label(text: str, limit: int = 28) -> str:
    """A label as written: "$" is a dollar, not the start of matplotlib's math notation."""
    return _short(text, limit).replace("$", r"\$")


def disagreements_png(disagreements: Disagreements) -> bytes:
    """Each disputed measure with its conflicting values and how many sources give each: counts,
    money and other quantities first; dates, days and durations only when room is left."""
    ordered = sorted(disagreements.measures, key=lambda m: m.kind in TIME_KINDS)   # stable: keeps the order
    measures = ordered[:MAX_MEASURES]
    left = len(ordered) - len(measures)
    rows = [min(len(m.values), MAX_VALUES) for m in measures] or [1]
    figure = Figure(figsize=(8.0, 1.0 + sum(0.26 * r + 0.7 for r in rows)), dpi=DPI, facecolor=BACKGROUND,
                    layout="constrained")
    FigureCanvasAgg(figure)
    figure.suptitle("Where the sources disagree: each value, and how many sources give it"
                    + (f"\n(+{left} more disputed measures in the list)" if left else ""),
                    color=TEXT, fontsize=11, x=0.02, ha="left")
    if not measures:
        axes = figure.add_subplot()
        _style(axes, "The sources do not disagree on any figure")
        axes.set_xticks([])
        axes.set_yticks([])
        return _png(figure)
    grid = figure.add_gridspec(len(measures), 1, height_ratios=rows)
    for row, measure in enumerate(measures):
        axes = figure.add_subplot(grid[row])
        values: Sequence[FigureValue] = sorted(measure.values, key=lambda v: -v.source_count)[:MAX_VALUES]
        hidden = len(measure.values) - len(values)
        _style(axes, _label(measure.measure, 60) + (f"  (+{hidden} more values)" if hidden else ""))
        counts = [v.source_count for v in values]
        colours = [WARN if v.conflicts_with else COLOURS[0] for v in values]
        axes.barh(range(len(values)), counts, color=colours, height=0.6)
        axes.set_yticks(range(len(values)), [_label(v.label, 32) for v in values])
        axes.invert_yaxis()
        axes.set_xlim(0, max(counts) + 0.9)
        axes.xaxis.get_major_locator().set_params(integer=True)
        for y, count in enumerate(counts):
            axes.text(count + 0.05, y, f"{count} source{'s' if count != 1 else ''}", va="center", color=TEXT,
                      fontsize=8)
        axes.grid(True, axis="x")
        axes.grid(False, axis="y")
    axes.set_xlabel("sources giving the value · orange: conflicts with another value of the measure", color=MUTED,
                    fontsize=8)
    return _png(figure)
