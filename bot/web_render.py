"""What /add, /follow, /feeds and alerts show: changes as lines of text, for the terminal
(plain) and for Discord (linked, escaped, mentions defused, within embed limits through
bot.discord_render's helpers)."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import discord

from bot import discord_render as render
from bot.answer import Source
from bot.service import PageAdded
from web.changes import Changes
from state import Feed

# Per kind of change: a message lists at most this many and counts the rest.
SHOWN_PER_KIND = 8


def change_lines(changes: Changes, markdown: bool) -> list[str]:
    """One line per change: sources, revisions, new disagreements, then new values; each names
    (and, for Discord, links) its source."""
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


def alert_embed(lines: list[str], cause: str, warn: bool) -> discord.Embed:
    """One message: what a rebuild changed (lines from change_lines), under its cause."""
    colour = render.WARN_COLOUR if warn else render.OK_COLOUR
    pages = render.paginate(f"New in the sources: {render.clean(cause, 150)}", ["\n".join(lines)], colour=colour)
    if len(pages) > 1:      # a message is one embed; the rest is counted, not dropped silently
        pages[0].set_footer(text=f"{len(pages) - 1} more page(s) of changes: see /figures and /sources")
    return render.fit_embed(pages[0])


def _plain_name(source: Source) -> str:
    return f"{source.name} [{source.id}]" + (f" <{source.url}>" if source.url else "")


def _plain(text: str, limit: int) -> str:
    return render.truncate(" ".join(text.split()), limit)


def added_pages(added: PageAdded) -> list[discord.Embed]:
    """/add's reply: what was indexed; the changes themselves come as the channel's alert."""
    article, changes = added.article, added.changes
    counts = ", ".join(f"{len(items)} {what}" for items, what in (
        (changes.sources, "new source(s)"), (changes.values, "new value(s)"),
        (changes.revisions, "revision(s)"), (changes.disputes, "new disagreement(s)")) if items)
    blocks = [f"{render._source_line(Source(article.id, article.title, article.outlet, article.url, article.published))}\n"
              f"Saved as `{render.clean(article.id, 200)}`; {added.rebuild.passages} passages indexed in "
              f"{added.rebuild.seconds:.1f} s.",
              (f"**What it adds:** {counts}. The details are posted in this channel." if changes
               else "It adds no new source, value or disagreement to the answers.")]
    return render.paginate("Page added", blocks)


def feeds_pages(feeds: Sequence[Feed]) -> list[discord.Embed]:
    """/feeds: each followed feed, where it posts, when it last ran and what it did."""
    if not feeds:
        return render.paginate("Followed feeds", ["No feed is followed. An admin can add one with /follow."])
    blocks = []
    for feed in feeds:
        lines = [f"**{render._link(render.clean(feed.url, 200), feed.url)}**"
                 + (f" → <#{feed.channel_id}>" if feed.channel_id else "")]
        polled = f"<t:{int(feed.last_poll)}:R>" if feed.last_poll else "not yet"
        lines.append(f"Last poll: {polled} · next <t:{int(feed.next_poll)}:R>")
        lines.append(f"Entries added {feed.added} · skipped {feed.skipped} · failed {feed.failed}")
        if feed.keywords:
            lines.append("Keywords: " + ", ".join(render.clean(k, 50) for k in feed.keywords))
        if feed.last_error:
            lines.append(f"⚠️ Last error ({feed.failures} in a row): {render.clean(feed.last_error, 300)}")
        blocks.append("\n".join(lines))
    return render.paginate("Followed feeds", blocks,
                           colour=render.WARN_COLOUR if any(f.last_error for f in feeds) else render.OK_COLOUR)
