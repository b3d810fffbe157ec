"""Admin command: /reindex, for members with Manage Server or the configured rebuild role."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot import discord_render as render
from bot.discord_app import NO_PINGS, acknowledge, moderator_check, per_user_cooldown
from bot.service import RebuildBusy, UploadRejected
from index.build import BuildError
from index.store import IndexProblem

if TYPE_CHECKING:
    from bot.discord_app import CrosscheckBot

log = logging.getLogger(__name__)


class AdminCog(commands.Cog):
    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot

    @app_commands.command(description="Rebuild the article index, optionally adding uploaded articles (admins)")
    @app_commands.describe(file1="An article file to add to the sources folder first",
                           file2="Another article file to add", file3="Another article file to add")
    @app_commands.guild_only()
    @per_user_cooldown
    @moderator_check("rebuild the index")  # nearest the function, so it runs before the cooldown counts a use
    async def reindex(self, interaction: discord.Interaction, file1: discord.Attachment | None = None,
                      file2: discord.Attachment | None = None, file3: discord.Attachment | None = None) -> None:
        files = [f for f in (file1, file2, file3) if f is not None]
        limit = self.bot.settings.max_upload_bytes
        too_big = [render.clean(f.filename, 100) for f in files if f.size > limit]
        if too_big:  # known from the metadata: refuse before downloading anything
            await self.bot.tell(interaction, f"Too large (the limit is {limit:,} bytes): {', '.join(too_big)}")
            return
        await acknowledge(interaction, thinking=True)
        uploads = [(f.filename, await f.read()) for f in files]
        state = self.bot.state
        # Recorded before the rebuild: what it changes is announced in this channel, even when
        # the bot is killed mid-rebuild and the rebuild is redone at start-up.
        cause = state.add_cause(interaction.channel_id, "/reindex") if state else None
        try:
            report = await self.bot.service.rebuild(uploads)
        except (RebuildBusy, UploadRejected, BuildError, IndexProblem, OSError) as error:
            if cause is not None:
                state.drop_cause(cause)
            await self.bot.tell(interaction, _failure(error))
            return
        for page in render.rebuild_pages(report):
            await interaction.followup.send(embed=page, allowed_mentions=NO_PINGS)


def _failure(error: Exception) -> str:
    if isinstance(error, RebuildBusy):
        return "A rebuild is already running; try again when it has finished."
    if isinstance(error, UploadRejected):
        return f"Upload rejected: {render.clean(str(error), 1500)}"
    # A build that could not finish (disk full, folder read-only, no model, no articles)
    # leaves the last good index serving; the admin needs the reason, not "see the logs".
    log.error("rebuild failed: %s", error)
    return (f"Rebuild failed: {render.clean(str(error), 1500)}\n"
            "The previous index is still answering questions.")


async def setup(bot: CrosscheckBot) -> None:
    await bot.add_cog(AdminCog(bot))
