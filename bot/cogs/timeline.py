"""/timeline measure: how a measure's values appeared and changed over time, with a chart."""
from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cogs.ask import CHOICE_MAX, CHOICES_MAX
from bot.discord_app import acknowledge, per_user_cooldown
from bot.discord_glance import timeline_message
from bot.service import Charts

if TYPE_CHECKING:
    from bot.discord_app import CrosscheckBot

MEASURE_MAX = 100


class TimelineCog(commands.Cog):
    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot

    @app_commands.command(description="How a figure changed over time across sources, with a chart")
    @app_commands.describe(measure="What was counted, e.g. killed or injured (pick from the suggestions)")
    @per_user_cooldown
    async def timeline(self, interaction: discord.Interaction,
                       measure: app_commands.Range[str, 1, MEASURE_MAX]) -> None:
        known = Charts(self.bot.service).measures()
        typed = " ".join(measure.split()).lower()
        wanted = next((m for m in known if m.lower() == typed), None)
        if wanted is None:
            close = [m for m in known if typed in m.lower()][:5]
            hint = f" Did you mean: {', '.join(close)}?" if close else " Pick one from the suggestions."
            await self.bot.tell(interaction, f"No source gives a figure for “{measure[:MEASURE_MAX]}”.{hint}")
            return
        await acknowledge(interaction, thinking=True)  # drawing the chart can outlast Discord's 3 s
        await interaction.followup.send(**await timeline_message(self.bot, wanted))

    @timeline.autocomplete("measure")
    async def _complete_measure(self, interaction: discord.Interaction,
                                current: str) -> list[app_commands.Choice[str]]:
        typed = current.strip().lower()
        names = [m for m in Charts(self.bot.service).measures() if typed in m.lower() and len(m) <= CHOICE_MAX]
        return [app_commands.Choice(name=m, value=m) for m in names[:CHOICES_MAX]]


async def setup(bot: CrosscheckBot) -> None:
    await bot.add_cog(TimelineCog(bot))
