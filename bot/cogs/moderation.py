"""Moderators' commands: /reports (review readers' reports), /move (a reported value to another
measure, with autocomplete), /corrections (what is in force, with Undo) and /settings (this
channel's answer style, thumbs and alerts). Manage Server or the rebuild role."""
from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import discord_render as render
from bot.cogs.ask import CHOICE_MAX, CHOICES_MAX, complete_list, split_sources
from bot.discord_app import NO_PINGS, acknowledge, moderator_check
from bot.discord_moderation import (NO_STATE, corrections_message, decide, member_name, on_modal_submit,
                                    reports_message)
from bot.moderation import move_targets
from state import ChannelSettings
from state.channels import STYLES

if TYPE_CHECKING:
    from bot.discord_app import CrosscheckBot

MEASURE_MAX = 100
ALL_MEASURES = "all"


def settings_text(settings: ChannelSettings) -> str:
    alerts_to = f"<#{settings.alert_channel}>" if settings.alert_channel else "this channel"
    follows = ", ".join(settings.alert_measures) if settings.alert_measures else "every measure"
    return (f"**Settings of this channel**\n"
            f"• Answers: **{settings.style}** ({'at a glance, quotes behind a button' if settings.style == 'compact' else 'every quote, paged'})\n"
            f"• 👍/👎 under answers: **{'shown' if settings.thumbs else 'hidden'}**\n"
            f"• Alerts caused here (/add, /reindex, /follow) go to {alerts_to}, about **{follows}**")


class ModerationCog(commands.Cog):
    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        await on_modal_submit(interaction)

    async def _state_missing(self, interaction: discord.Interaction) -> bool:
        if self.bot.state is None:
            await self.bot.tell(interaction, NO_STATE)
            return True
        return False

    @app_commands.command(description="Review readers' reports of wrong figures: hide, move, mark correct (moderators)")
    @app_commands.guild_only()
    @moderator_check("review reports")
    async def reports(self, interaction: discord.Interaction) -> None:
        if await self._state_missing(interaction):
            return
        await acknowledge(interaction, thinking=True, ephemeral=True)
        await interaction.followup.send(ephemeral=True, **_without_empty_view(reports_message(self.bot, 0)))

    @app_commands.command(name="move", description="Move a reported value to another measure (moderators)")
    @app_commands.describe(report="The report's number, as /reports shows it",
                           measure="The measure the value belongs to (pick or type a new one)")
    @app_commands.guild_only()
    @moderator_check("act on reports")
    async def move(self, interaction: discord.Interaction, report: app_commands.Range[int, 1, 2**53],
                   measure: app_commands.Range[str, 1, MEASURE_MAX]) -> None:
        if await self._state_missing(interaction):
            return
        found = self.bot.state.report(report)
        if found is None or found.status != "open" or not found.figures:
            await self.bot.tell(interaction, f"Report #{report} is not an open report about a value: see /reports.")
            return
        await acknowledge(interaction, thinking=True, ephemeral=True)
        notice = await decide(self.bot, report, "move", member_name(interaction.user), " ".join(measure.split()))
        await interaction.followup.send(render.content(notice), ephemeral=True, allowed_mentions=NO_PINGS)

    @move.autocomplete("report")
    async def _complete_report(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
        if self.bot.state is None:
            return []
        choices = []
        for report in self.bot.state.reports("open"):
            label = f"#{report.id} {report.measure}: {report.value}" if report.figures else ""
            if label and current.strip().lstrip("#") in label:
                choices.append(app_commands.Choice(name=render.truncate(label, CHOICE_MAX), value=report.id))
        return choices[:CHOICES_MAX]

    @move.autocomplete("measure")
    async def _complete_measure(self, interaction: discord.Interaction,
                                current: str) -> list[app_commands.Choice[str]]:
        report_id = getattr(interaction.namespace, "report", None)
        found = self.bot.state.report(int(report_id)) if self.bot.state and isinstance(report_id, int) else None
        engine = self.bot.service._ready()
        measure = found.measure if found and found.measure else ""
        names = move_targets(engine, measure, current, CHOICES_MAX)
        typed = " ".join(current.split())
        if typed and typed not in names and len(typed) <= CHOICE_MAX:
            names = [typed, *names][:CHOICES_MAX]          # a new measure is allowed
        return [app_commands.Choice(name=n, value=n) for n in names if len(n) <= CHOICE_MAX]

    @app_commands.command(description="List the corrections in force and undo any of them (moderators)")
    @app_commands.guild_only()
    @moderator_check("list and undo corrections")
    async def corrections(self, interaction: discord.Interaction) -> None:
        if await self._state_missing(interaction):
            return
        await acknowledge(interaction, thinking=True, ephemeral=True)
        await interaction.followup.send(ephemeral=True, **_without_empty_view(corrections_message(self.bot, 0)))

    @app_commands.command(name="settings", description="Show or change this channel's answer style, thumbs and "
                                                        "alerts (moderators)")
    @app_commands.describe(style="compact: the answer at a glance; full: every quote, paged",
                           thumbs="Show 👍/👎 under answers",
                           alert_channel="Where alerts caused in this channel are posted",
                           alert_measures=f"Comma-separated measures alerts follow ({ALL_MEASURES}: every one)")
    @app_commands.choices(style=[app_commands.Choice(name=s, value=s) for s in STYLES])
    @app_commands.guild_only()
    @moderator_check("change this channel's settings")
    async def settings(self, interaction: discord.Interaction, style: app_commands.Choice[str] | None = None,
                       thumbs: bool | None = None, alert_channel: discord.TextChannel | None = None,
                       alert_measures: app_commands.Range[str, 1, 500] | None = None) -> None:
        if await self._state_missing(interaction):
            return
        current = self.bot.state.channel_settings(interaction.channel_id)
        changed = current
        if style is not None:
            changed = ChannelSettings(style.value, changed.thumbs, changed.alert_channel, changed.alert_measures)
        if thumbs is not None:
            changed = ChannelSettings(changed.style, thumbs, changed.alert_channel, changed.alert_measures)
        if alert_channel is not None:
            changed = ChannelSettings(changed.style, changed.thumbs, alert_channel.id, changed.alert_measures)
        notes = []
        if alert_measures is not None:
            names = split_sources(alert_measures)
            chosen = () if ALL_MEASURES in (n.lower() for n in names) else tuple(dict.fromkeys(names))
            known = set(self.bot.service._ready().figures_by_measure)
            unknown = [n for n in chosen if n not in known]
            if unknown:    # kept: a measure can appear with the next article
                notes.append(f"No source gives a figure for {render.clean(', '.join(unknown), 300)} yet; "
                             "alerts will follow it once one does.")
            changed = ChannelSettings(changed.style, changed.thumbs, changed.alert_channel, chosen)
        if changed != current:
            self.bot.state.set_channel_settings(interaction.channel_id, changed, member_name(interaction.user))
        head = "Saved." if changed != current else "Nothing changed." if any(
            o is not None for o in (style, thumbs, alert_channel, alert_measures)) else ""
        text = "\n".join(filter(None, [head, settings_text(changed), *notes]))
        await self.bot.tell(interaction, text)

    @settings.autocomplete("alert_measures")
    async def _complete_alert_measures(self, interaction: discord.Interaction,
                                       current: str) -> list[app_commands.Choice[str]]:
        figures = self.bot.service._ready().figures_by_measure
        return complete_list(current, sorted(figures, key=lambda m: -len(figures[m])), (ALL_MEASURES,))


def _without_empty_view(message: dict) -> dict:
    """followup.send takes no view=None."""
    return {k: v for k, v in message.items() if not (k == "view" and v is None)}


async def setup(bot: CrosscheckBot) -> None:
    await bot.add_cog(ModerationCog(bot))
