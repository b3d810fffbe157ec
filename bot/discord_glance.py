"""An answer at a glance on Discord, with its Quotes and Timeline buttons; /timeline's message.

The first message of an answer is one compact embed (discord_render.glance). Under it, a
**Quotes** button (every sentence behind each value, with its link, paged) and, per measure of
the answer (up to three), a **Timeline** button (how its values changed over time, with a PNG
chart): all AnswerButtons, DynamicItems like the page buttons.
"""
from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

import discord

from bot import discord_render as render
from bot.discord_app import NO_PINGS, acknowledge
from bot.service import Charts
from bot.timeline import Step, Timeline

if TYPE_CHECKING:
    from bot.discord_app import CrosscheckBot

TIMELINE_FILE = "timeline.png"
FIGURES_FILE = "figures.png"
CHAIN_NAME_CHARS = 28       # a source's name in the chain of changes
TIMELINE_BUDGET = 3600       # the timeline embed's description, within Discord's 4096
TIMELINE_BUTTONS = 3         # one per measure of the answer, the first three (a row holds five buttons)
TOO_OLD = "This answer is too old for that button; please ask again."


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button],
                   template=r"xc:(?P<what>quotes|timeline):(?P<key>[0-9a-f]{16})"):
    """A button under an answer that opens, for the clicking user alone (ephemeral):
    - quotes: the exact sentences behind every value, paged by the ordinary page buttons;
    - timeline: how a measure's values changed over time, with its chart.
    Its custom_id holds a QueryStore key, so it keeps working after a restart."""

    STYLES = {"quotes": (discord.ButtonStyle.primary, "💬"), "timeline": (discord.ButtonStyle.secondary, "📈")}

    def __init__(self, what: str, key: str, *, label: str) -> None:
        style, emoji = self.STYLES[what]
        super().__init__(discord.ui.Button(label=label, style=style, emoji=emoji, custom_id=f"xc:{what}:{key}"))
        self.what = what
        self.key = key

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str], /) -> AnswerButton:
        return cls(match["what"], match["key"], label=item.label or match["what"].title())

    async def callback(self, interaction: discord.Interaction[CrosscheckBot]) -> None:
        bot = interaction.client
        args = bot.queries.get(self.key)
        if args is None:
            await bot.tell(interaction, TOO_OLD)
            return
        await acknowledge(interaction, thinking=True, ephemeral=True)
        try:
            if self.what == "quotes":
                message = bot.page_message("quotes", self.key, await bot.run_query("quotes", args), 0, args)
            else:
                message = await timeline_message(bot, args["measure"])
            await interaction.followup.send(ephemeral=True, **message)
        except Exception as error:  # a button has no tree error handler to fall back on
            await bot.report_error(interaction, error)


DYNAMIC_ITEMS = (AnswerButton,)


async def answer_message(bot: CrosscheckBot, question: str, thumbs: bool = True) -> dict[str, Any]:
    """The first message of an answer: its glance, a Quotes button, and a Timeline button per
    measure it gives figures for; under them Report a problem and (`thumbs`) 👍/👎."""
    from bot.discord_moderation import feedback_items
    answer = await bot.service.ask(question)
    view = discord.ui.View(timeout=None)
    view.add_item(AnswerButton("quotes", bot.queries.put("quotes", {"question": question}),
                               label="Quotes" if answer.figures else "All passages"))
    for measure in list(dict.fromkeys(m.measure for m in answer.figures))[:TIMELINE_BUTTONS]:
        view.add_item(AnswerButton("timeline", bot.queries.put("timeline", {"measure": measure}),
                                   label=f"Timeline: {measure}"[:80]))
    for item in feedback_items(bot, "ask", {"question": question}, thumbs):
        view.add_item(item)
    return {"embed": render.glance_embed(answer), "view": view, "allowed_mentions": NO_PINGS}


# ---------------------------------------------------------------- timelines

def _step_line(step: Step, dated: bool = True) -> str:
    quote = step.quote
    when = f"`{step.stated.label()}` " if dated else ""
    who = render.clean(step.who, 50)
    source = render.short_source(quote.source, True)
    by = source if who == render.clean(quote.source.name, 50) else f"{who}, {source}"
    notes = []
    if quote.revision == "earlier":
        notes.append(f"later revised to {render.clean(quote.revision_of or '?', 30)}")
    elif quote.revision == "current" and quote.revision_of:
        notes.append(f"revised from {render.clean(quote.revision_of, 30)}")
    if step.stated.how == "text" and step.stated.words:
        notes.append(f"“{render.clean(step.stated.words, 40)}”")
    note = f" *({'; '.join(notes)})*" if notes else ""
    return f"{when}**{render.clean(step.value.label, 60)}** — {by}{note}"


def timeline_embed(timeline: Timeline, image: str | None = None) -> discord.Embed:
    """One line per step in time order, the chain of changes first, statements of unknown time apart."""
    lines: list[str] = []
    if timeline.chain:
        lines.append(f"**{render.clean(timeline.chain_text(CHAIN_NAME_CHARS), 900)}**")
    elif not timeline.unknown:
        lines.append("No source gives a value for this measure.")
    else:
        lines.append("No statement of this figure has a known time: the articles carry no date.")
    body = [_step_line(s) for s in timeline.steps]
    unknown = [_step_line(s, dated=False) for s in timeline.unknown]
    if unknown:
        body += ["", "__Time unknown__ (not placed)"] + unknown
    used = len(lines[0])
    for index, line in enumerate(body):
        if used + len(line) + 1 > TIMELINE_BUDGET:
            rest = sum(1 for line in body[index:] if line and not line.startswith("__"))
            lines.append(f"*…and {rest} more statements (python -m bot timeline)*")
            break
        lines.append(line)
        used += len(line) + 1
    if len(lines) > 1 and lines[1]:
        lines.insert(1, "")
    embed = discord.Embed(title=f"Timeline: {render.clean(timeline.measure, 200)}",
                          description="\n".join(lines), colour=render.OK_COLOUR)
    if image:
        embed.set_image(url=f"attachment://{image}")
    count = len(timeline.steps) + len(timeline.unknown)
    embed.set_footer(text=f"{timeline.values} value{'s' if timeline.values != 1 else ''} · {count} statements · "
                          f"{len(timeline.unknown)} of unknown time")
    return render.fit_embed(embed)


async def timeline_message(bot: CrosscheckBot, measure: str) -> dict[str, Any]:
    """A measure's timeline with its chart, and a Report button for its values."""
    from bot.discord_moderation import feedback_items
    timeline, png = await Charts(bot.service).timeline_chart(measure)
    view = discord.ui.View(timeout=None)
    for item in feedback_items(bot, "timeline", {"measure": measure}, thumbs=False):
        view.add_item(item)
    message: dict[str, Any] = {"embed": timeline_embed(timeline, TIMELINE_FILE if png else None),
                               "view": view, "allowed_mentions": NO_PINGS}
    if png:
        message["file"] = discord.File(io.BytesIO(png), filename=TIMELINE_FILE)
    return message


async def figures_chart_file(bot: CrosscheckBot) -> discord.File:
    png = await Charts(bot.service).disagreements_chart()
    return discord.File(io.BytesIO(png), filename=FIGURES_FILE)
