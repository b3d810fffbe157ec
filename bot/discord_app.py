"""The Discord bot: slash commands, @mentions and page buttons turned into Service calls.

Thin by design: the Service answers, bot.discord_render lays the answers out, and this
module only moves them between the two and Discord. Nothing sent here can ping anyone:
the client's default allowed_mentions is none, every send passes it again, and rendered
text has its mentions defused.

CROSSCHECK_DISCORD_API, when set (e.g. http://127.0.0.1:8765/api/v10), sends every REST call
to that base URL instead of https://discord.com/api/v10, and the gateway connection to the
URL that base's GET /gateway/bot names, instead of wss://gateway.discord.gg. It exists for a
local stand-in for Discord (tests/fake_discord.py); the token is sent there, so only point it
at a server you trust.
"""
from __future__ import annotations

import asyncio
import json
import logging
import math
import os
import re
import signal
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot import discord_render as render
from config import Settings
from state import ChannelSettings, State, StateError, query_key

if TYPE_CHECKING:
    from bot.service import Service

log = logging.getLogger(__name__)

NO_PINGS = discord.AllowedMentions.none()
QUESTION_MAX = 1000          # also the /ask option's max_length
EXTENSIONS = ("bot.cogs.ask", "bot.cogs.admin", "bot.cogs.web", "bot.cogs.timeline", "bot.cogs.moderation")
REPORTED_AS = {"quotes": "ask", "compare": "compare", "figures": "figures"}  # paged results with a Report button
PAGE_STORE_FILE = "discord_pages.json"   # the page-button store before it moved into SQLite
API_ENV = "CROSSCHECK_DISCORD_API"  # see the module docstring
ERROR_MESSAGE = "Sorry, something went wrong while answering. The details have been logged."


def trim_question(text: str) -> str:
    """Whitespace-normalised text, cut to QUESTION_MAX: Discord enforces the slash option's
    limit, but a mention (or a client that ignores limits) can carry far more."""
    return " ".join(text.split())[:QUESTION_MAX]


ALREADY_ACKNOWLEDGED = 40060  # Discord's error code for a second acknowledgement


async def acknowledge(interaction: discord.Interaction, **options: Any) -> None:
    """Defer an interaction (Discord wants an answer within 3 s; ours may take longer).

    When Discord took the acknowledgement but its reply was lost (a 5xx that discord.py then
    retried), the retry is refused as "already acknowledged": the interaction is deferred all
    the same, and the followup still reaches the user.
    """
    try:
        await interaction.response.defer(**options)
    except discord.HTTPException as error:
        if error.code != ALREADY_ACKNOWLEDGED:
            raise


class QueryStore:
    """The arguments behind each paged message, by short key, kept in the state database so its
    page buttons still work after a restart. Bounded: beyond `limit` the oldest entries go.

    The store used to be a JSON file (discord_pages.json beside the index): its entries are
    moved into the database once, and the file renamed to *.migrated.
    """

    def __init__(self, state: State | None, limit: int = 500, legacy: Path | None = None) -> None:
        self.state = state
        self.limit = limit
        # Entries the database could not take (a full or read-only disk): their buttons work
        # until the bot restarts, and the answer itself never fails for it.
        self._unsaved: dict[str, dict[str, Any]] = {}
        if state is not None and legacy is not None and legacy.exists():
            self._migrate(state, legacy)

    def _migrate(self, state: State, legacy: Path) -> None:
        try:
            entries = json.loads(legacy.read_text(encoding="utf-8"))
            if not isinstance(entries, dict):
                raise ValueError("not a JSON object")
            count = state.import_queries((k, v) for k, v in entries.items() if isinstance(v, dict))
            os.replace(legacy, legacy.with_name(legacy.name + ".migrated"))
            log.info("moved %d page-button entries from %s into %s", count, legacy, state.path)
        except (OSError, ValueError, sqlite3.Error) as error:
            log.warning("could not move the old page store %s into the database: %s", legacy, error)

    def put(self, kind: str, args: dict[str, Any]) -> str:
        if self.state is not None:
            try:
                return self.state.put_query(kind, args, self.limit)
            except sqlite3.Error as error:
                log.warning("could not save a page-button entry (%s): its buttons work until the bot "
                            "restarts", error)
        key = query_key(kind, args)
        self._unsaved.pop(key, None)
        self._unsaved[key] = args
        for oldest in list(self._unsaved)[: max(len(self._unsaved) - self.limit, 0)]:
            del self._unsaved[oldest]
        return key

    def get(self, key: str) -> dict[str, Any] | None:
        if key in self._unsaved:
            return self._unsaved[key]
        try:
            return self.state.get_query(key) if self.state is not None else None
        except sqlite3.Error as error:
            log.warning("could not read a page-button entry: %s", error)
            return None


def open_state(settings: Settings) -> State | None:
    """The state database, or None (logged) when it cannot be opened: answers go on, page
    buttons last until a restart, and the feed commands say the state is unavailable."""
    try:
        return State(settings.state_path)
    except (StateError, OSError) as error:
        log.error("%s", error)
        return None


class UserCooldowns:
    """One budget per user shared by every command and mention: `rate` uses per `per` seconds."""

    def __init__(self, rate: int, per: float) -> None:
        self.rate = rate
        self.per = per
        self._buckets: dict[int, app_commands.Cooldown] = {}

    def retry_after(self, user_id: int, now: float) -> float | None:
        """Counts a use and returns None, or returns the seconds to wait."""
        # Forget users whose budget has refilled, so this stays as small as the active users.
        for idle in [u for u, b in self._buckets.items() if b.get_tokens(now) >= self.rate]:
            del self._buckets[idle]
        bucket = self._buckets.setdefault(user_id, app_commands.Cooldown(self.rate, self.per))
        return bucket.update_rate_limit(now)


class Refused(app_commands.CheckFailure):
    """A check said no; str() is the short message the user sees."""


def is_moderator(interaction: discord.Interaction[CrosscheckBot]) -> bool:
    """A member with Manage Server or the configured role: who may rebuild, review reports,
    correct figures and change a channel's settings. Checked here and not left to
    default_permissions: server admins can override those per guild, and the role must work
    without any Discord-side setup."""
    member = interaction.user
    role = interaction.client.settings.rebuild_role
    return isinstance(member, discord.Member) and (
        member.guild_permissions.manage_guild or any(r.name == role for r in member.roles))


def moderator_refusal(settings: Settings, what: str) -> str:
    return f"Only members with Manage Server or the {settings.rebuild_role} role can {what}."


def moderator_check(what: str):
    """An app command check: moderators only (see is_moderator), saying what others cannot do."""
    async def check(interaction: discord.Interaction[CrosscheckBot]) -> bool:
        if is_moderator(interaction):
            return True
        raise Refused(moderator_refusal(interaction.client.settings, what))
    return app_commands.check(check)


def cooldown_message(retry_after: float) -> str:
    return f"Slow down a little: you can ask again in {math.ceil(retry_after)} s."


async def _within_cooldown(interaction: discord.Interaction[CrosscheckBot]) -> bool:
    retry = interaction.client.cooldowns.retry_after(interaction.user.id, interaction.created_at.timestamp())
    if retry is not None:
        raise Refused(cooldown_message(retry))
    return True


per_user_cooldown = app_commands.check(_within_cooldown)


class PageButton(discord.ui.DynamicItem[discord.ui.Button],
                 template=r"xc:(?P<kind>ask|quotes|compare|figures|sources):(?P<page>\d{1,4}):(?P<key>[0-9a-f]{16})"):
    """A page-turning button that survives restarts: its custom_id says what to show and
    which page; the bot's QueryStore holds the (possibly long) arguments under `key`."""

    def __init__(self, kind: str, page: int, key: str, *, label: str, disabled: bool = False) -> None:
        super().__init__(discord.ui.Button(label=label, style=discord.ButtonStyle.secondary,
                                           custom_id=f"xc:{kind}:{page}:{key}", disabled=disabled))
        self.kind = kind
        self.page = page
        self.key = key

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str], /) -> PageButton:
        return cls(match["kind"], int(match["page"]), match["key"], label=item.label or "Page")

    async def callback(self, interaction: discord.Interaction[CrosscheckBot]) -> None:
        bot = interaction.client
        args = bot.queries.get(self.key)
        if args is None:
            await bot.tell(interaction, "This result is too old to page through; please run the command again.")
            return
        await acknowledge(interaction)  # re-running the query can outlast Discord's 3 s
        try:
            pages = await bot.run_query(self.kind, args)
            thumbs = self.kind == "quotes" and bot.channel_settings(interaction.channel_id).thumbs
            await interaction.edit_original_response(**bot.page_message(self.kind, self.key, pages, self.page,
                                                                        args, thumbs))
        except Exception as error:  # a button has no tree error handler to fall back on
            await bot.report_error(interaction, error)


class CrosscheckBot(commands.Bot):
    def __init__(self, settings: Settings, service: Service) -> None:
        # Default intents hold no privileged ones: messages that mention the bot carry their
        # content without the message_content intent, and that is all on_message needs.
        super().__init__(command_prefix=commands.when_mentioned, intents=discord.Intents.default(),
                         allowed_mentions=NO_PINGS, help_command=None)
        self.settings = settings
        self.service = service
        self.state = open_state(settings)
        self.queries = QueryStore(self.state, legacy=settings.index_dir.parent / PAGE_STORE_FILE)
        self.cooldowns = UserCooldowns(settings.cooldown_rate, settings.cooldown_seconds)
        self.tree.error(self.on_app_command_error)

    async def setup_hook(self) -> None:
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        from bot import discord_glance, discord_moderation  # they import this module
        self.add_dynamic_items(PageButton, *discord_glance.DYNAMIC_ITEMS, *discord_moderation.DYNAMIC_ITEMS)
        if self.settings.guild_ids:
            for guild_id in self.settings.guild_ids:  # guild commands appear at once
                guild = discord.Object(guild_id)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
        else:
            await self.tree.sync()  # global commands can take a while to show up in clients

    # ------------------------------------------------------------ results and pages

    async def run_query(self, kind: str, args: dict[str, Any]) -> list[discord.Embed]:
        """The pages of one result: the single path for commands, mentions and page buttons."""
        if kind == "ask":
            return render.answer_pages(await self.service.ask(args["question"]))
        if kind == "quotes":
            return render.quote_pages(await self.service.ask(args["question"]))
        if kind == "compare":
            return render.comparison_pages(await self.service.compare(args["topic"], args["sources"]))
        if kind == "figures":  # every page shows the chart /figures attached (discord_glance)
            return render.with_image(render.disagreement_pages(await self.service.disagreements()), "figures.png")
        if kind == "sources":
            return render.source_pages(await self.service.sources())
        raise ValueError(f"unknown query kind {kind!r}")

    def page_message(self, kind: str, key: str, pages: list[discord.Embed], page: int,
                     args: dict[str, Any] | None = None, thumbs: bool = False) -> dict[str, Any]:
        """Keyword arguments for sending or editing to one page, with its page buttons, and for a
        result readers can report (given its `args`) the Report button (and thumbs)."""
        from bot.discord_moderation import feedback_items
        page = min(max(page, 0), len(pages) - 1)  # the result may have shrunk since (a rebuild)
        message: dict[str, Any] = {"embed": pages[page], "allowed_mentions": NO_PINGS}
        view = discord.ui.View(timeout=None)
        if len(pages) > 1:
            last = len(pages) - 1
            view.add_item(PageButton(kind, max(page - 1, 0), key, label="◀ Previous", disabled=page == 0))
            view.add_item(PageButton(kind, min(page + 1, last), key, label="Next ▶", disabled=page == last))
        if args is not None and kind in REPORTED_AS:
            for item in feedback_items(self, REPORTED_AS[kind], args, thumbs):
                view.add_item(item)
        if view.children:
            message["view"] = view
        return message

    def channel_settings(self, channel_id: int | None) -> ChannelSettings:
        """A channel's settings; the defaults when there are none or the state cannot be read."""
        try:
            return self.state.channel_settings(channel_id) if self.state else ChannelSettings()
        except sqlite3.Error as error:
            log.warning("could not read the settings of channel %s: %s", channel_id, error)
            return ChannelSettings()

    async def answer_message(self, question: str, channel_id: int | None) -> dict[str, Any]:
        """An answer as the channel wants it: at a glance with its Quotes and Timeline buttons
        (bot/discord_glance.py), or every quote, paged; with Report and the thumbs."""
        settings = self.channel_settings(channel_id)
        if settings.style == "full":
            return await self.first_page("quotes", {"question": question}, settings.thumbs)
        from bot.discord_glance import answer_message
        return await answer_message(self, question, settings.thumbs)

    async def first_page(self, kind: str, args: dict[str, Any], thumbs: bool = False) -> dict[str, Any]:
        pages = await self.run_query(kind, args)
        key = self.queries.put(kind, args) if len(pages) > 1 else ""  # only page buttons need the store
        return self.page_message(kind, key, pages, 0, args, thumbs)

    # ------------------------------------------------------------ mentions

    async def on_message(self, message: discord.Message) -> None:
        # Only a mention written in the text counts: a reply to the bot lists it in
        # message.mentions too, but replying to an answer is not asking a question.
        if message.author.bot or self.user is None or self.user.id not in message.raw_mentions:
            return
        question = trim_question(re.sub(rf"<@!?{self.user.id}>", " ", message.content))
        if not question:
            await self._reply(message, "Ask me a question after the mention, or use /help.")
            return
        retry = self.cooldowns.retry_after(message.author.id, message.created_at.timestamp())
        if retry is not None:
            await self._reply(message, cooldown_message(retry))
            return
        try:
            async with message.channel.typing():
                answer = await self.answer_message(question, message.channel.id)
            try:
                await message.reply(mention_author=False, **answer)
            except discord.DiscordServerError:  # discord.py retries 500/502 itself, not a 503: once more here
                await asyncio.sleep(1)
                await message.reply(mention_author=False, **answer)
        except Exception:
            log.exception("answering a mention failed (message %s in channel %s)", message.id, message.channel.id)
            await self._reply(message, ERROR_MESSAGE)

    async def _reply(self, message: discord.Message, text: str) -> None:
        await message.reply(render.content(text), mention_author=False, allowed_mentions=NO_PINGS)

    # ------------------------------------------------------------ errors

    async def tell(self, interaction: discord.Interaction, text: str) -> None:
        """A short message for the user; ephemeral unless the interaction was deferred publicly."""
        if interaction.response.is_done():
            await interaction.followup.send(render.content(text), ephemeral=True, allowed_mentions=NO_PINGS)
        else:
            await interaction.response.send_message(render.content(text), ephemeral=True,
                                                    allowed_mentions=NO_PINGS)

    async def report_error(self, interaction: discord.Interaction, error: BaseException) -> None:
        error = getattr(error, "original", error)  # CommandInvokeError wraps the real one
        command = interaction.command.qualified_name if interaction.command else interaction.data
        log.error("interaction %s failed (user %s, %r)", interaction.id, interaction.user.id, command,
                  exc_info=error)
        try:
            await self.tell(interaction, ERROR_MESSAGE)
        except discord.HTTPException:
            log.exception("could not tell the user about the failure")

    async def on_app_command_error(self, interaction: discord.Interaction,
                                   error: app_commands.AppCommandError) -> None:
        if isinstance(error, Refused):
            await self.tell(interaction, str(error))
        else:
            await self.report_error(interaction, error)


def run_discord(settings: Settings, service: Service, token: str) -> int:
    """Log in, load the index, serve until SIGTERM or SIGINT, then close cleanly; the exit status.

    The token is only handed to discord.py; it is never logged or shown.
    """
    return asyncio.run(_serve(settings, service, token))


async def _serve(settings: Settings, service: Service, token: str) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    api = os.environ.get(API_ENV, "").strip().rstrip("/")
    if api:  # discord.py builds every REST URL from Route.BASE when the route is made
        log.warning("using the Discord API at %s (%s is set)", api, API_ENV)
        discord.http.Route.BASE = api
    async with CrosscheckBot(settings, service) as bot:
        try:
            await bot.login(token)  # fails fast on a bad token, before the slower index load
        except discord.LoginFailure:
            log.error("Discord rejected the bot token; check DISCORD_TOKEN")
            return 1
        if api:  # an unsharded Client dials DiscordWebSocket.DEFAULT_GATEWAY, not /gateway/bot
            _, gateway, _ = await bot.http.get_bot_gateway()
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
        await service.start()        # before connecting, so no command arrives ahead of the index
        log.info("index ready; connecting to Discord")
        connection = asyncio.create_task(bot.connect())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({connection, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        log.info("shutting down")
        await bot.close()
        await connection  # re-raises a connection failure, if that is what ended it
    return 0
