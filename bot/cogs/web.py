"""Web commands and background work: /add, /follow, /unfollow, /feeds; polling followed feeds
and posting alerts.

Thin: fetching, feeds, state and alerts live in web/ and run in worker threads through the
service (Service.exclusive), never on this event loop. Everything posted passes the Discord
limits of bot.discord_render and pings nobody.
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot import discord_render as render
from bot import web_render
from bot.discord_app import NO_PINGS, Refused, acknowledge, moderator_check, per_user_cooldown
from bot.service import RebuildBusy
from index.build import BuildError
from index.store import IndexProblem
from web import alerts
from web import feeds as web_feeds
from web.fetch import FEED_TYPES, FetchError, check_url
from web.pages import PageRejected
from state import State

if TYPE_CHECKING:
    from bot.discord_app import CrosscheckBot

log = logging.getLogger(__name__)

URL_MAX = 2000
KEYWORDS_MAX = 20
ALERT_CHECK_SECONDS = 2.0        # how soon a queued alert is posted


def _state(interaction: discord.Interaction[CrosscheckBot]) -> State:
    state = interaction.client.state
    if state is None:
        raise Refused("The bot's state database is unavailable, so feeds cannot be followed; see the log.")
    return state


class WebCog(commands.Cog):
    def __init__(self, bot: CrosscheckBot) -> None:
        self.bot = bot
        self.settings = bot.settings
        self.service = bot.service
        self.limiter = alerts.ChannelLimiter(bot.settings.alerts_per_channel_minute)

    async def cog_load(self) -> None:
        if self.bot.state is None:
            return
        self.service.on_swap.append(self._swapped)
        self.poll_feeds.change_interval(seconds=max(0.2, min(30.0, self.settings.feed_poll_seconds / 4)))
        self.poll_feeds.start()
        self.post_alerts.start()

    async def cog_unload(self) -> None:
        if self._swapped in self.service.on_swap:
            self.service.on_swap.remove(self._swapped)
        self.poll_feeds.cancel()
        self.post_alerts.cancel()

    # ------------------------------------------------------------ commands

    @app_commands.command(description="Add a web page to the sources by its URL, and rebuild (admins)")
    @app_commands.describe(url="The page's address (http or https)")
    @app_commands.guild_only()
    @per_user_cooldown
    @moderator_check("add pages and follow feeds")
    async def add(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, URL_MAX]) -> None:
        state = _state(interaction)
        await acknowledge(interaction, thinking=True)
        cause = state.add_cause(interaction.channel_id, "/add")
        try:
            added = await self.service.add_url(url)
        except (FetchError, PageRejected) as error:
            state.drop_cause(cause)
            await self.bot.tell(interaction, f"Not added: {render.clean(str(error), 1500)}")
            return
        except RebuildBusy:
            state.drop_cause(cause)
            await self.bot.tell(interaction, "A rebuild is already running; try again when it has finished.")
            return
        except (BuildError, IndexProblem, OSError) as error:
            state.drop_cause(cause)
            log.error("/add rebuild failed: %s", error)
            await self.bot.tell(interaction, f"The page was saved but the rebuild failed: "
                                             f"{render.clean(str(error), 1500)}\n"
                                             "The previous index is still answering questions.")
            return
        for page in web_render.added_pages(added):
            await interaction.followup.send(embed=page, allowed_mentions=NO_PINGS)

    @app_commands.command(description="Follow an RSS or Atom feed: new entries on this story are added (admins)")
    @app_commands.describe(url="The feed's address", channel="Where to post what new entries change (default: here)",
                           keywords="Comma-separated words an entry must contain (default: similar to the sources)")
    @app_commands.guild_only()
    @per_user_cooldown
    @moderator_check("add pages and follow feeds")
    async def follow(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, URL_MAX],
                     channel: discord.TextChannel | None = None,
                     keywords: app_commands.Range[str, 0, 500] | None = None) -> None:
        state = _state(interaction)
        url = url.strip()
        words = [w.strip() for w in (keywords or "").split(",") if w.strip()][:KEYWORDS_MAX]
        await acknowledge(interaction, ephemeral=True, thinking=True)
        try:
            check_url(url, self.settings.allow_private_urls)
            response = await asyncio.to_thread(self.service.fetcher.fetch_blocking, url, FEED_TYPES)
            parsed = web_feeds.parse_feed(response.body, response.url)
        except (FetchError, web_feeds.FeedError) as error:
            await self.bot.tell(interaction, f"Not followed: {render.clean(str(error), 1500)}")
            return
        target = channel or interaction.channel
        new = state.follow(url, target.id, words)
        # By name: a message's text has its <#id> forms defused, like every other mention.
        where = f"#{render.clean(target.name, 100)}" if getattr(target, "name", None) else "this channel"
        await self.bot.tell(interaction, (
            f"{'Following' if new else 'Updated'} **{render.clean(parsed.title, 200)}** "
            f"({len(parsed.entries)} entries now). New entries on this story are added about every "
            f"{self.settings.feed_poll_seconds / 60:g} min; what they change is posted in {where}."))

    @app_commands.command(description="Stop following a feed (admins)")
    @app_commands.describe(url="The feed's address, as given to /follow")
    @app_commands.guild_only()
    @per_user_cooldown
    @moderator_check("add pages and follow feeds")
    async def unfollow(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, URL_MAX]) -> None:
        removed = _state(interaction).unfollow(url.strip())
        await self.bot.tell(interaction, "No longer following that feed; its articles stay indexed." if removed
                            else "That feed is not followed; /feeds lists the ones that are.")

    @app_commands.command(description="The followed feeds: last poll, entries added and skipped, errors")
    @per_user_cooldown
    async def feeds(self, interaction: discord.Interaction) -> None:
        pages = web_render.feeds_pages(_state(interaction).feeds())
        await interaction.response.send_message(embed=pages[0], ephemeral=True, allowed_mentions=NO_PINGS)

    # ------------------------------------------------------------ background work

    def _swapped(self, before, after) -> None:
        """In the rebuild's worker thread: queue what the new engine changed. Should this be
        the first rebuild since the state was created, the old engine is the baseline."""
        alerts.take_stock(self.bot.state, before)
        alerts.settle(self.bot.state, after, self.settings.seeds_dir)

    @tasks.loop(seconds=30.0)       # set from feed_poll_seconds in cog_load; each feed keeps its own time
    async def poll_feeds(self) -> None:
        due = self.bot.state.due_feeds(time.time())
        if not due or self.service.rebuilding:
            return                   # a rebuild running now: the feeds stay due for the next tick
        try:
            await self.service.exclusive(lambda: self._poll(due))
        except RebuildBusy:
            pass
        except Exception:            # a loop that raises stops for good; log and poll again next tick
            log.exception("polling feeds failed")

    @poll_feeds.before_loop
    async def _before_polling(self) -> None:
        await self._ready()

    def _poll(self, due) -> None:
        """Worker thread: poll the due feeds, then one rebuild for all they added."""
        before = self.service.engine
        try:
            polls = web_feeds.poll_and_rebuild(self.settings, self.bot.state, self.service.fetcher, before, due,
                                               lambda: self.service.build_and_swap(before))
        except (BuildError, IndexProblem, OSError) as error:
            log.error("rebuild after a feed poll failed (the previous index keeps serving): %s", error)
            return
        for poll in polls:
            if poll.error:
                log.warning("feed %s: %s", poll.feed.url, poll.error)

    @tasks.loop(seconds=ALERT_CHECK_SECONDS)
    async def post_alerts(self) -> None:
        try:
            await self._post_pending()
        except Exception:
            log.exception("posting alerts failed")

    @post_alerts.before_loop
    async def _before_alerts(self) -> None:
        await self._ready()
        # Take stock once at start: a rebuild a crash interrupted was redone by the start-up
        # build, and its causes are still waiting to be announced.
        try:
            await asyncio.to_thread(alerts.settle, self.bot.state, self.service.engine, self.settings.seeds_dir)
        except Exception:
            log.exception("settling alerts at start-up failed")

    async def _post_pending(self) -> None:
        for alert in self.bot.state.pending_alerts():
            if not self.limiter.allow(alert.channel_id, time.monotonic()):
                continue                     # this channel's turn comes again in a while
            if not self.bot.state.claim_alert(alert.id):
                continue
            status = "failed"
            try:
                channel = self.bot.get_channel(alert.channel_id) or await self.bot.fetch_channel(alert.channel_id)
                embed = web_render.alert_embed(alert.body["lines"], alert.label, alert.body.get("warn", False))
                await channel.send(embed=embed, allowed_mentions=NO_PINGS)
                status = "posted"
            except (discord.NotFound, discord.Forbidden) as error:
                log.warning("alert %s cannot be posted in channel %s: %s", alert.id, alert.channel_id, error)
            except discord.HTTPException as error:   # Discord answered an error: not shown, try again
                log.warning("alert %s not posted yet: %s", alert.id, error)
                status = "pending"
            finally:
                self.bot.state.finish_alert(alert.id, status)

    async def _ready(self) -> None:
        await self.bot.wait_until_ready()
        while self.service.engine is None:
            await asyncio.sleep(0.2)


async def setup(bot: CrosscheckBot) -> None:
    await bot.add_cog(WebCog(bot))
