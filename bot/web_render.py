"""What /add, /follow, /feeds and alerts show: changes as lines of text, for the terminal
(plain) and for Discord (linked, escaped, mentions defused, within embed limits through
bot.discord_render's helpers)."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import discord

from bot import discord_render as render
from bot.answer import Source
from web.changes import Changes

# Per kind of change: a message lists at most this many and counts the rest.
SHOWN_PER_KIND = 8


def change_lines(changes: Changes, markdown: bool) -> list[str]:
    """One line per change, newest facts first within a kind; each names and links its source."""
    name: Callable[[Source], str] = render._source_name if markdown else _plain_name
    text: Callable[[str, int], str] = render.clean if markdown else _plain
    lines: list[str] = []

    def listed(items: Sequence, line: Callable, what: str) -> None:
        lines.extend(line(item) for item in items[:SHOWN_PER_KIND])
        if len(items) > SHOWN_PER_KIND:
            lines.append(f"… and {len(items) - SHOWN_PER_KIND} more {what}")

    listed(changes.sources, lambda s: f"New source: {name(s)}" + (f" — {text(s.title, 150)}" if s.outlet else ""),
           "new sources")
    listed(changes.revisions, lambda r: (
        f"Revised: {text(r.measure, 80)}: {text(r.quote.revision_of or '?', 60)} → {text(r.label, 60)}"
        + (f", per {text(r.quote.attributed_to, 100)}" if r.quote.attributed_to else "")
        + f", in {name(r.quote.source)}"), "revisions")
    listed(changes.disputes, lambda m: text(m.summary, 300) + " — "
           + ", ".join(dict.fromkeys(name(q.source) for v in m.values for q in v.quotes[:1])),
           "new disagreements")
    listed(changes.values, lambda v: f"New value: {text(v.measure, 80)}: {text(v.value.label, 60)}, in "
           + ", ".join(dict.fromkeys(name(q.source) for q in v.value.quotes)), "new values")
    return lines


def changes_text(changes: Changes) -> str:
    return "\n".join(change_lines(changes, markdown=False)) if changes else "Nothing new for the answers."


def alert_embed(changes: Changes, cause: str) -> discord.Embed:
    """One message: what a rebuild changed, under the cause (a feed, /add, /reindex)."""
    lines = change_lines(changes, markdown=True)
    pages = render.paginate(f"New in the sources: {render.clean(cause, 150)}", ["\n".join(lines)],
                            colour=render.WARN_COLOUR if changes.disputes or changes.revisions else render.OK_COLOUR)
    if len(pages) > 1:      # a message is one embed; the rest is counted, not dropped silently
        pages[0].set_footer(text=f"{len(pages) - 1} more page(s) of changes: see /figures and /sources")
    return render.fit_embed(pages[0])


def _plain_name(source: Source) -> str:
    return f"{source.name} [{source.id}]" + (f" <{source.url}>" if source.url else "")


def _plain(text: str, limit: int) -> str:
    return render.truncate(" ".join(text.split()), limit)
