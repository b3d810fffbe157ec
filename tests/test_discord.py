"""The Discord layer, driven offline through simcord's virtual Discord, on the real Service.

Users act the way real ones can (simcord refuses what Discord would: an unsynced command,
an over-long option or message, clicking a disabled button), and the messages the bot sends
are checked against Discord's limits and for pings.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

import discord
import pytest
import simcord
from hypothesis import given, settings as hypothesis_settings, strategies as st

from bot import discord_render as render
from bot.answer import (Answer, Citation, Comparison, Disagreements, FigureValue, MeasureFigures, Quote, Source,
                        SourceView)
from bot.discord_app import ERROR_MESSAGE, QUESTION_MAX, CrosscheckBot, QueryStore, run_discord
from state import State
from bot.service import RebuildBusy, Service

# A rebuild or a first answer can take longer than simcord's default 5 s to settle.
pytestmark = pytest.mark.simcord(settle_timeout=60)

GUILD_ID = 1_100_000_000_000_000_001
ARTICLE = (b"Toll in Kerman bombings revised\n"
           b"Iran's health ministry said on Friday that the twin blasts in Kerman killed 91 people.\n")


# ---------------------------------------------------------------- fixtures


def discord_settings(settings_for, root: Path):
    """Settings for a service whose seeds and index live under `root` (var/ beside the index)."""
    return settings_for(root / "seeds", root / "var" / "index", guild_ids=(), cooldown_rate=3,
                        cooldown_seconds=10.0, max_upload_bytes=2000)


@pytest.fixture(scope="session")
async def service(tmp_path_factory, seed_index_dir: Path, settings_for) -> Service:
    """One started Service on a copy of the seed index, shared by tests that do not change it."""
    root = tmp_path_factory.mktemp("discord")
    shutil.copytree(seed_index_dir.parent / "seeds", root / "seeds")   # copytree keeps mtimes:
    shutil.copytree(seed_index_dir, root / "var" / "index")           # the index is not stale
    started = Service(discord_settings(settings_for, root))
    await started.start()
    return started


@pytest.fixture
async def own_service(service: Service, tmp_path: Path, settings_for) -> Service:
    """A Service on a private copy, for tests that add articles."""
    shutil.copytree(service.settings.seeds_dir.parent, tmp_path, dirs_exist_ok=True)
    started = Service(discord_settings(settings_for, tmp_path))
    await started.start()
    return started


@pytest.fixture
def simcord_bot(service: Service) -> CrosscheckBot:
    return CrosscheckBot(service.settings, service)


@pytest.fixture
def asked(service: Service, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions the bot put to the service during the test."""
    questions: list[str] = []
    ask = service.ask

    async def recording(question: str) -> Answer:
        questions.append(question)
        return await ask(question)

    monkeypatch.setattr(service, "ask", recording)
    return questions


@dataclass
class World:
    env: simcord.Env
    bot: CrosscheckBot
    channel: simcord.ChannelHandle
    alice: simcord.MemberActor       # a plain member
    manager: simcord.MemberActor     # has Manage Server
    keeper: simcord.MemberActor      # has the configured rebuild role


def make_world(env: simcord.Env, rebuild_role: str) -> World:
    guild = env.create_guild(id=GUILD_ID)
    channel = guild.create_text_channel("news")
    managers = guild.create_role("managers", permissions=discord.Permissions(manage_guild=True))
    keepers = guild.create_role(rebuild_role)
    return World(env, env.bot, channel, guild.add_member(env.create_user("alice")),
                 guild.add_member(env.create_user("manager"), roles=[managers]),
                 guild.add_member(env.create_user("keeper"), roles=[keepers]))


@pytest.fixture
def world(simcord_env: simcord.Env, service: Service) -> World:
    return make_world(simcord_env, service.settings.rebuild_role)


# ---------------------------------------------------------------- assertions


def assert_within_limits(message: discord.Message | simcord.ResponseMessage) -> None:
    assert len(message.content) <= render.CONTENT_MAX
    assert len(message.embeds) <= render.EMBEDS_PER_MESSAGE
    assert sum(len(e) for e in message.embeds) <= render.EMBED_TOTAL_MAX
    for embed in message.embeds:
        assert_embed_within_limits(embed)


def assert_embed_within_limits(embed: discord.Embed) -> None:
    assert len(embed) <= render.EMBED_TOTAL_MAX
    assert len(embed.title or "") <= render.TITLE_MAX
    assert len(embed.description or "") <= render.DESCRIPTION_MAX
    assert len(embed.fields) <= render.FIELDS_MAX
    for field in embed.fields:
        assert 0 < len(field.name) <= render.FIELD_NAME_MAX
        assert 0 < len(field.value) <= render.FIELD_VALUE_MAX
    assert len(embed.footer.text or "") <= render.FOOTER_MAX
    assert len(embed.author.name or "") <= render.AUTHOR_MAX


def assert_never_pings(env: simcord.Env) -> None:
    """Every message the bot posted or edited said: mention nobody."""
    bodies = [r.json.get("data", r.json) if r.path.endswith("/callback") else r.json
              for r in env.http_requests if r.method in ("POST", "PATCH") and isinstance(r.json, dict)]
    bodies = [b for b in bodies if isinstance(b, dict) and ("content" in b or "embeds" in b)]
    assert bodies, "the bot sent nothing"
    for body in bodies:
        mentions = body.get("allowed_mentions")
        assert mentions is not None and mentions.get("parse") == [], body
        assert not mentions.get("users") and not mentions.get("roles") and not mentions.get("replied_user")


def last_acknowledgement(env: simcord.Env) -> int:
    """The callback type of the latest interaction: 5 = deferred with "thinking", 4 = immediate reply."""
    return [r.json["type"] for r in env.http_requests if r.path.endswith("/callback")][-1]


def text_of(message: discord.Message | simcord.ResponseMessage) -> str:
    parts = [message.content]
    for embed in message.embeds:
        parts += [embed.title or "", embed.description or "", embed.footer.text or ""]
        parts += [f"{f.name}\n{f.value}" for f in embed.fields]
    return "\n".join(parts)


async def all_pages(world: World, message: simcord.ResponseMessage) -> list[discord.Embed]:
    """Every page of a paged message, turning them with its Next button as a user would."""
    pages = [message.embeds[0]]
    while True:
        following = buttons_of(message).get("Next ▶")
        if following is None or following.get("disabled"):
            return pages
        message = (await world.alice.click(message, custom_id=following["custom_id"])).response
        pages.append(message.embeds[0])


# ---------------------------------------------------------------- reader commands


def buttons_of(message: discord.Message | simcord.ResponseMessage) -> dict[str, dict]:
    """A message's buttons by label (by emoji for the thumbs, which have none)."""
    return {c.get("label") or c["emoji"]["name"]: c for row in message.components for c in row["components"]}


async def test_ask_answers_at_a_glance(world: World, asked: list[str]) -> None:
    result = await world.alice.slash(world.channel, "ask", question="How many people were killed?")
    assert last_acknowledgement(world.env) == 5 and not result.ephemeral  # deferred, then answered
    assert asked == ["How many people were killed?"]
    assert len(result.response.embeds) == 1
    page = result.response.embeds[0]
    assert page.title == "How many people were killed?"
    assert len(page) <= render.GLANCE_MAX
    lines = page.description.splitlines()
    assert lines[0] == "⚠️ **Sources disagree on killed**"
    for value in ("84", "nearly 100", "103"):    # one line per value, with its sources named
        assert any(line.startswith(f"• **{value}** · ") for line in lines)
    assert "(IRNA; revised to 84)" in page.description and "revised from 103" in page.description
    assert "[The Media Line](https://themedialine.org)" in page.description  # linked where the URL is known
    assert "Islamic State Claims… `000`" in page.description                # else named with its short id
    assert "**[1]**" in page.description and "**84**" in page.description.split("**[1]**")[1]
    assert set(buttons_of(result.response)) == {"Quotes", "Timeline: killed", "Report a problem", "👍", "👎"}
    assert_within_limits(result.response)
    assert_never_pings(world.env)


async def test_the_quotes_button_shows_every_sentence_to_its_clicker_in_pages(world: World,
                                                                              asked: list[str]) -> None:
    result = await world.alice.slash(world.channel, "ask", question="How many people were killed?")
    opened = await world.alice.click(result.response, label="Quotes")
    assert opened.ephemeral
    quotes = opened.response
    assert quotes.ephemeral
    pages = await all_pages(world, quotes)
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert page.footer.text == f"Page {number}/{len(pages)}"
        assert_embed_within_limits(page)
    text = "\n".join(page.description for page in pages)
    assert "⚠️ **Sources disagree on killed:" in text    # every value, each with its sources' quotes
    for value in ("84", "nearly 100", "103"):
        assert f"• **{value}** (" in text
    assert "*earlier figure, revised to 84*" in text and "*according to IRNA*" in text
    assert asked == ["How many people were killed?"] * (len(pages) + 1)  # the quotes and each page turn re-ask
    assert_never_pings(world.env)


async def test_answer_buttons_still_work_after_a_restart(world: World, service: Service) -> None:
    result = await world.alice.slash(world.channel, "ask", question="How many people were injured?")
    await world.env.restart_bot(CrosscheckBot(service.settings, service))
    quotes = (await world.alice.click(result.response, label="Quotes")).response
    assert "• **284** (" in quotes.embeds[0].description
    timeline = (await world.alice.click(result.response, label="Timeline: injured")).response
    assert timeline.ephemeral and timeline.embeds[0].title == "Timeline: injured"


async def test_page_buttons_still_work_after_a_restart(world: World, service: Service,
                                                       asked: list[str]) -> None:
    result = await world.alice.slash(world.channel, "figures")
    await world.env.restart_bot(CrosscheckBot(service.settings, service))
    turned = await world.alice.click(result.response, label="Next ▶")
    assert turned.response.embeds[0].footer.text.startswith("Page 2/")
    back = await world.alice.click(turned.response, label="◀ Previous")
    assert back.response.embeds[0].footer.text.startswith("Page 1/")


async def test_compare_all_sources_or_named_ones(world: World, service: Service,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    named: list[list[str] | None] = []
    compare = service.compare

    async def recording(topic: str, sources=None) -> Comparison:
        named.append(None if sources is None else list(sources))
        return await compare(topic, sources)

    monkeypatch.setattr(service, "compare", recording)
    first, second, *_ = service.source_ids()
    everyone = await world.alice.slash(world.channel, "compare", topic="death toll")
    some = await world.alice.slash(world.channel, "compare", topic="death toll", sources=f"{first}, {second}")
    one = await world.alice.slash(world.channel, "compare", topic="death toll", sources=second)
    assert named == [None, [first, second], [second]]
    assert everyone.response.embeds[0].title == "Compare: death toll"
    assert "**[3]**" in text_of(everyone.response) and "**[3]**" not in text_of(some.response)
    assert "**[2]**" not in text_of(one.response)
    for result in (everyone, some, one):
        assert_within_limits(result.response)


async def test_compare_refuses_an_unknown_source(world: World) -> None:
    result = await world.alice.slash(world.channel, "compare", topic="death toll", sources="nope.txt")
    assert result.ephemeral and result.response.content.startswith("Unknown source: nope.txt.")


async def test_compare_autocompletes_source_ids_one_after_another(world: World, service: Service) -> None:
    ids = service.source_ids()
    first = await world.alice.autocomplete(world.channel, "compare", "sources", "", topic="toll")
    assert [c["value"] for c in first] == ids
    second = await world.alice.autocomplete(world.channel, "compare", "sources", f"{ids[0]}, {ids[1][:5]}",
                                            topic="toll")
    assert [c["value"] for c in second] == [f"{ids[0]}, {ids[1]}"]


async def test_figures_lists_every_disagreement(world: World) -> None:
    result = await world.alice.slash(world.channel, "figures")
    page = result.response.embeds[0]
    assert page.title.startswith("Figures the sources disagree on (")
    assert page.description.startswith("⚠️ **Sources disagree on killed: 84 (")
    assert_within_limits(result.response)


async def test_sources_lists_every_article(world: World, service: Service) -> None:
    result = await world.alice.slash(world.channel, "sources")
    text = text_of(result.response)
    assert result.response.embeds[0].title == f"Indexed sources ({len(service.source_ids())})"
    for source_id in service.source_ids():
        assert render.clean(source_id) in text
    assert "passages ·" in text


async def test_help_lists_every_command(world: World) -> None:
    result = await world.alice.slash(world.channel, "help")
    assert result.ephemeral
    fields = {f.name: f.value for f in result.response.embeds[0].fields}
    assert set(fields) == {"/ask question:", "/compare topic: [sources:]", "/figures", "/sources", "/help",
                           "/reindex [file1:] [file2:] [file3:]", "/add url:", "/follow url: [channel:] [keywords:]",
                           "/unfollow url:", "/feeds", "/timeline measure:", "/reports", "/move report: measure:",
                           "/corrections", "/settings [style:] [thumbs:] [alert_channel:] [alert_measures:]"}
    assert all(fields.values())


# ---------------------------------------------------------------- mentions


async def test_a_mention_is_answered_as_a_reply(world: World, asked: list[str]) -> None:
    question = await world.alice.send(world.channel, f"{world.bot.user.mention} how many died?")
    reply = world.channel.last_message
    assert reply.author.id == world.bot.user.id
    assert reply.reference is not None and reply.reference.message_id == question.id
    assert asked == ["how many died?"]
    assert not reply.mentions  # mention_author=False: the asker is not pinged
    assert_within_limits(reply)
    assert_never_pings(world.env)


async def test_replying_to_the_bot_without_mentioning_it_is_not_a_question(world: World,
                                                                           asked: list[str]) -> None:
    await world.alice.send(world.channel, f"{world.bot.user.mention} how many died?")
    await world.alice.send(world.channel, "thanks!", reply_to=world.channel.last_message)
    assert world.channel.last_message.author.id == world.alice.id
    assert asked == ["how many died?"]


async def test_a_6000_character_question(world: World, service: Service, asked: list[str]) -> None:
    question = "How many people were killed? " * 207   # 6003 characters
    with pytest.raises(simcord.OptionError):  # Discord refuses it as a slash option...
        await world.alice.slash(world.channel, "ask", question=question)
    with pytest.raises(simcord.BackendError):  # ...and as a message
        await world.alice.send(world.channel, f"{world.bot.user.mention} {question}")
    longest = question[:render.CONTENT_MAX - len(world.bot.user.mention) - 1]
    await world.alice.send(world.channel, f"{world.bot.user.mention} {longest}")
    assert [len(q) for q in asked] == [QUESTION_MAX]  # the bot trims what Discord lets through
    assert_within_limits(world.channel.last_message)
    # Were one ever to get through untrimmed, it would still render within the limits.
    for page in render.answer_pages(await service.ask(question)):
        assert_embed_within_limits(page)


async def test_mentions_in_questions_ping_nobody(world: World) -> None:
    question = "Did @everyone and @here hear <@&123> or <@456> in <#789>?"
    result = await world.alice.slash(world.channel, "ask", question=question)
    await world.alice.send(world.channel, f"{world.bot.user.mention} {question}")
    for message in (result.response.message, world.channel.last_message):
        assert not message.mention_everyone and not message.role_mentions and not message.mentions
        text = text_of(message)
        for raw in ("@everyone", "@here", "<@&123>", "<@456>", "<#789>"):
            assert raw not in text
        assert "@\u200beveryone" in text and "<@&\u200b123>" in text  # defused, still readable
    assert_never_pings(world.env)


async def test_query_store_is_bounded_and_persistent(tmp_path: Path) -> None:
    store = QueryStore(State(tmp_path / "state.sqlite3"), limit=3)
    keys = [store.put("ask", {"question": f"q{n}"}) for n in range(5)]
    reopened = QueryStore(State(tmp_path / "state.sqlite3"), limit=3)
    assert [reopened.get(k) for k in keys] == [None, None, {"question": "q2"}, {"question": "q3"}, {"question": "q4"}]
    assert len(keys[0]) == 16 and store.put("ask", {"question": "q0"}) == keys[0]


async def test_query_store_moves_the_old_json_file_into_the_database(tmp_path: Path) -> None:
    legacy = tmp_path / "discord_pages.json"
    legacy.write_text(json.dumps({"0123456789abcdef": {"question": "old"}, "fedcba9876543210": {"topic": "t"}}))
    store = QueryStore(State(tmp_path / "state.sqlite3"), legacy=legacy)
    assert store.get("0123456789abcdef") == {"question": "old"} and store.get("fedcba9876543210") == {"topic": "t"}
    assert not legacy.exists() and legacy.with_name("discord_pages.json.migrated").exists()
    # A new entry is newer than every imported one: the bound drops the imported first.
    small = QueryStore(State(tmp_path / "state.sqlite3"), limit=2)
    key = small.put("ask", {"question": "new"})
    assert [small.get(k) for k in ("0123456789abcdef", "fedcba9876543210", key)] == [
        None, {"topic": "t"}, {"question": "new"}]


async def test_query_store_without_a_database_keeps_buttons_in_memory(tmp_path: Path) -> None:
    store = QueryStore(None, limit=2)
    keys = [store.put("ask", {"question": f"q{n}"}) for n in range(3)]
    assert [store.get(k) for k in keys] == [None, {"question": "q1"}, {"question": "q2"}]


# ---------------------------------------------------------------- /add, /follow, /unfollow, /feeds


@pytest.mark.parametrize("command, options", [("add", {"url": "https://news.example/a"}),
                                              ("follow", {"url": "https://news.example/feed"}),
                                              ("unfollow", {"url": "https://news.example/feed"})])
async def test_web_commands_are_refused_to_a_plain_member(world: World, command: str, options: dict) -> None:
    result = await world.alice.slash(world.channel, command, **options)
    assert result.ephemeral and result.response.content.startswith("Only members with Manage Server")
    simcord.assert_error(world.env, discord.app_commands.CheckFailure)


@pytest.mark.parametrize("command, url, reply", [
    ("add", "http://169.254.169.254/latest/meta-data/", "Not added: refused: 169.254.169.254 is not a public"),
    ("add", "file:///etc/passwd", "Not added: only http:// and https:// URLs can be fetched"),
    ("follow", "http://[::1]:8080/feed.xml", "Not followed: refused: ::1 is not a public"),
])
async def test_web_commands_refuse_private_urls_with_a_clear_message(world: World, command: str, url: str,
                                                                     reply: str) -> None:
    result = await world.manager.slash(world.channel, command, url=url)
    assert reply in text_of(result.response)
    assert_within_limits(result.response)
    assert world.bot.state.feeds() == []


async def test_feeds_and_unfollow_with_nothing_followed(world: World) -> None:
    result = await world.alice.slash(world.channel, "feeds")
    assert result.ephemeral and "No feed is followed" in text_of(result.response)
    result = await world.keeper.slash(world.channel, "unfollow", url="https://news.example/feed")
    assert "That feed is not followed" in result.response.content
    assert_never_pings(world.env)


# ---------------------------------------------------------------- /reindex


async def test_reindex_is_refused_to_a_plain_member(world: World) -> None:
    result = await world.alice.slash(world.channel, "reindex")
    assert result.ephemeral
    assert result.response.content == "Only members with Manage Server or the crosscheck-admin role can " \
                                      "rebuild the index."
    simcord.assert_error(world.env, discord.app_commands.CheckFailure)


@pytest.mark.parametrize("who", ["manager", "keeper"])
async def test_reindex_is_allowed_with_manage_server_or_the_role(world: World, service: Service,
                                                                 who: str) -> None:
    result = await getattr(world, who).slash(world.channel, "reindex")
    assert last_acknowledgement(world.env) == 5
    page = result.response.embeds[0]
    assert page.title == "Index rebuilt" and " passages indexed in " in page.description
    assert {f.name for f in page.fields} == {"Added (0)", "Changed (0)", "Removed (0)",
                                             f"Unchanged ({len(service.source_ids())})"}


async def test_reindex_with_an_attachment(simcord_env: simcord.Env, own_service: Service) -> None:
    await simcord_env.restart_bot(CrosscheckBot(own_service.settings, own_service))
    world = make_world(simcord_env, own_service.settings.rebuild_role)
    result = await world.manager.slash(world.channel, "reindex", file1=("revised_toll.txt", ARTICLE))
    messages = [result.response, *result.followups]   # a long report comes as several messages
    footers = [m.embeds[0].footer.text for m in messages]
    assert footers == ([None] if len(messages) == 1 else [f"Page {i}/{len(messages)}" for i in range(1, len(messages) + 1)])
    text = "\n".join(text_of(m) for m in messages)
    assert "Added (1)\nrevised\\_toll.txt" in text and "**Saved uploads:** revised\\_toll.txt" in text
    assert "__**New disagreements**__\n⚠️ **Sources disagree on killed:" in text
    assert "• **91** (1 source)\n> “Iran's health ministry said on Friday that the twin blasts in Kerman " \
           "killed **91** people.” — Toll in Kerman bombings revised, *according to Iran's health ministry*" in text
    assert (own_service.settings.seeds_dir / "revised_toll.txt").read_bytes() == ARTICLE
    assert "revised_toll.txt" in own_service.source_ids()
    for message in messages:
        assert_within_limits(message)


async def test_reindex_refuses_oversized_attachments_before_downloading(world: World) -> None:
    result = await world.manager.slash(world.channel, "reindex", file1=("huge_@everyone.txt", b"x" * 2001))
    assert result.ephemeral and "limit is 2,000 bytes" in result.response.content
    assert "@\u200beveryone" in result.response.content
    assert not any("attachments" in r.path for r in world.env.http_requests)


async def test_reindex_reports_rejected_uploads_and_a_running_rebuild(world: World, service: Service,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    rejected = await world.keeper.slash(world.channel, "reindex", file1=("wire.pdf", b"%PDF-1.7"))
    assert rejected.response.content.startswith("Upload rejected: wire.pdf: only ")

    async def busy(uploads=()):
        raise RebuildBusy("a rebuild is already running")

    monkeypatch.setattr(service, "rebuild", busy)
    result = await world.manager.slash(world.channel, "reindex")
    assert result.response.content == "A rebuild is already running; try again when it has finished."


# ---------------------------------------------------------------- cooldowns, failures, sync


async def test_cooldown_is_per_user_and_says_when_to_retry(world: World, asked: list[str]) -> None:
    for _ in range(3):
        assert not (await world.alice.slash(world.channel, "sources")).ephemeral
    refused = await world.alice.slash(world.channel, "ask", question="again?")
    assert refused.ephemeral and refused.response.content.startswith("Slow down a little: you can ask again in ")
    simcord.assert_error(world.env, discord.app_commands.CheckFailure)
    assert asked == []
    assert not (await world.manager.slash(world.channel, "ask", question="me?")).ephemeral  # others unaffected
    await world.alice.send(world.channel, f"{world.bot.user.mention} and now?")
    assert world.channel.last_message.content.startswith("Slow down a little")
    await world.env.advance_time(10.5)
    assert not (await world.alice.slash(world.channel, "ask", question="now?")).ephemeral


async def test_a_failure_is_logged_and_the_user_gets_a_short_message(world: World, service: Service,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    async def broken(question: str) -> Answer:
        raise RuntimeError("index exploded")

    monkeypatch.setattr(service, "ask", broken)
    result = await world.alice.slash(world.channel, "ask", question="anything?")
    assert result.response.content == ERROR_MESSAGE
    assert "index exploded" in caplog.text
    simcord.assert_error(world.env, discord.app_commands.CommandInvokeError, contains="index exploded")
    await world.alice.send(world.channel, f"{world.bot.user.mention} anything?")
    assert world.channel.last_message.content == ERROR_MESSAGE


async def test_commands_are_synced_to_configured_guilds_only(service: Service) -> None:
    env = simcord.Env(CrosscheckBot(service.settings.replace(guild_ids=(GUILD_ID,)), service))
    configured, other = env.create_guild(id=GUILD_ID), env.create_guild()
    await env.start()
    try:
        member = configured.add_member(env.create_user("bob"))
        stranger = other.add_member(env.create_user("eve"))
        assert set(member.available_commands(configured.create_text_channel("news"))) == {
            "ask", "compare", "figures", "sources", "help", "reindex", "add", "follow", "unfollow", "feeds",
            "timeline", "reports", "move", "corrections", "settings"}
        assert stranger.available_commands(other.create_text_channel("news")) == ()   # no global sync
    finally:
        await env.shutdown()


# ---------------------------------------------------------------- rendering, without Discord

REUTERS = Source("000_a.txt", "Blasts at Soleimani memorial", "Reuters", "https://example.com/a_(1)", "2024-01-03")
AP = Source("001_b.txt", "Kerman attack", "AP", "https://example.com/b")
BLOG = Source("002_c.txt", "Notes on *Kerman*")


def quote(source: Source, sentence: str, words: str, **extra) -> Quote:
    return Quote(source, 0, len(sentence), sentence, words, **extra)


KILLED = MeasureFigures("killed", "count", (
    FigureValue("nearly 100", 100.0, None, 100.0, (
        quote(REUTERS, "The blasts killed nearly 100 people, officials said.", "nearly 100", attributed_to="officials"),
        quote(BLOG, "At first, nearly 100 were reported dead.", "nearly 100", revision="earlier", revision_of="84"),
    ), conflicts_with=("84",)),
    FigureValue("84", 84.0, 84.0, 84.0, (
        quote(AP, "The health ministry revised the toll to 84.", "84", revision="current", revision_of="nearly 100"),
    ), conflicts_with=("nearly 100",)),
))


def test_figures_name_each_source_and_mark_revisions_and_attributions() -> None:
    text = render.disagreement_pages(Disagreements((KILLED,)))[0].description
    assert text.splitlines() == [
        "⚠️ **Sources disagree on killed: nearly 100 (2 sources), 84 (1 source)**",
        "• **nearly 100** (2 sources)",
        "> “The blasts killed **nearly 100** people, officials said.” — [Reuters](https://example.com/a_%281%29), "
        "*according to officials*",
        "> “At first, **nearly 100** were reported dead.” — Notes on \\*Kerman\\*, *earlier figure, revised to 84*",
        "• **84** (1 source)",
        "> “The health ministry revised the toll to **84**.” — [AP](https://example.com/b), "
        "*revised figure (was nearly 100)*",
    ]


def test_degraded_results_say_so_on_their_first_page() -> None:
    answer = Answer("Who?", (), degraded="embeddings unavailable: keyword search only")
    comparison = Comparison("toll", (SourceView(AP, None, (KILLED,)),), degraded="embeddings unavailable")
    for pages in (render.answer_pages(answer), render.comparison_pages(comparison)):
        assert pages[0].description.startswith("⚠️ **Incomplete answer:** embeddings unavailable")
        assert pages[0].colour == render.WARN_COLOUR
    assert "No passage in the indexed articles answers this question." in render.answer_pages(answer)[0].description
    # A source's own figures are listed under it, without repeating its name on every quote.
    view = render.comparison_pages(comparison)[0].description
    assert "• killed: **84**\n> “The health ministry revised the toll to **84**.” — *revised figure" in view


def test_figure_quotes_are_shortened_around_the_figure() -> None:
    sentence = "Word " * 200 + "the toll reached 84 dead " + "word " * 200
    block = render.disagreement_pages(Disagreements((MeasureFigures("killed", "count", (
        FigureValue("84", 84.0, 84, 84, (quote(AP, sentence, "84"),)),
        FigureValue("90", 90.0, 90, 90, (quote(AP, "90 dead", "90"),)))),)))[0].description
    line = block.splitlines()[2]
    assert "reached **84** dead" in line and line.count("…") == 2 and len(line) < 400


def test_clean_escapes_markdown_and_defuses_every_mention_kind() -> None:
    cleaned = render.clean("**bold** @everyone @here <@1> <@!2> <@&3> <#4> [x](https://e.com)\nnext ")
    assert cleaned == ("\\*\\*bold\\*\\* @\u200beveryone @\u200bhere <@\u200b1> <@!\u200b2> <@&\u200b3> "
                       "<#\u200b4> \\[x](https://e.com) next")


def test_truncate_prefers_sentence_and_word_boundaries() -> None:
    assert render.truncate("The toll rose to 84. Officials later said more.", 24) == "The toll rose to 84.…"
    assert render.truncate("one two three four five six", 20) == "one two three four…"


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=9000)


@hypothesis_settings(deadline=None)
@given(text=_text, limit=st.integers(1, 5000))
def test_truncate_stays_within_the_limit_and_keeps_a_prefix(text: str, limit: int) -> None:
    cut = render.truncate(text, limit)
    assert len(cut) <= limit
    assert cut == text or (cut.endswith(render.ELLIPSIS) and text.startswith(cut[:-1].rstrip("\\")))


@hypothesis_settings(max_examples=60, deadline=None)
@given(title=_text, description=_text, footer=_text, author=_text,
       fields=st.lists(st.tuples(_text, _text), max_size=30))
def test_fit_embed_always_respects_discord_limits(title, description, footer, author, fields) -> None:
    embed = discord.Embed(title=title, description=description)
    embed.set_footer(text=footer)
    embed.set_author(name=author)
    for name, value in fields:
        embed.add_field(name=name, value=value)
    assert_embed_within_limits(render.fit_embed(embed))


@hypothesis_settings(max_examples=60, deadline=None)
@given(blocks=st.lists(_text, max_size=20), title=_text, fields=st.lists(st.tuples(_text, _text), max_size=6))
def test_paginate_respects_limits_and_keeps_short_blocks_whole(blocks, title, fields) -> None:
    pages = render.paginate(title, blocks, fields=fields)
    assert pages
    for page in pages:
        assert_embed_within_limits(page)
    if not fields:  # a block that fits on a page is never cut or split
        text = "\n\n".join(p.description or "" for p in pages)
        for block in blocks:
            if 0 < len(block) <= render.PAGE_BUDGET // 2:
                assert block in text


_label = st.text(min_size=1, max_size=120)


@hypothesis_settings(max_examples=60, deadline=None)
@given(question=_text, labels=st.lists(_label, min_size=1, max_size=40, unique=True), names=st.lists(_label, min_size=1),
       passages=st.lists(_text, max_size=6), degraded=st.one_of(st.none(), _text))
def test_the_glance_fits_its_budget_and_counts_every_value(question, labels, names, passages, degraded) -> None:
    sources = [Source(f"{i}.txt", name, name if i % 2 else None, f"https://x.example/{'@here' * (i % 3)}{i}")
               for i, name in enumerate(names)]
    values = tuple(FigureValue(label, float(i), None, None, tuple(
        quote(sources[(i + j) % len(sources)], f"They said {label} on Monday.", label) for j in range(i % 4 + 1)),
        conflicts_with=(labels[0],) if i else ()) for i, label in enumerate(labels))
    citations = tuple(Citation(n, sources[n % len(sources)], 0, len(text), text, 1.0)
                      for n, text in enumerate(passages, 1))
    shown = render.glance(Answer(question, citations, (MeasureFigures("killed", "count", values),), degraded))
    assert_embed_within_limits(shown.embed)
    assert len(shown.embed) <= render.GLANCE_MAX or len(render.clean(question, render.TITLE_MAX)) + len(
        render.clean(degraded or "", 500)) > 600       # only a huge title and warning together can crowd it
    assert shown.listed + shown.counted == len(labels)
    assert "@here" not in (shown.embed.description or "").replace("%40here", "")


# ---------------------------------------------------------------- process entry (last: asyncio.run)


def test_sigterm_closes_the_bot_after_loading_the_index(monkeypatch: pytest.MonkeyPatch,
                                                        service: Service) -> None:
    calls: list[str] = []

    async def login(bot: CrosscheckBot, token: str) -> None:
        calls.append("login")

    async def start() -> None:
        calls.append("start")

    async def connect(bot: CrosscheckBot, *, reconnect: bool = True) -> None:
        calls.append("connect")
        os.kill(os.getpid(), signal.SIGTERM)   # what a process manager does to stop the bot
        while not bot.is_closed():
            await asyncio.sleep(0.01)

    monkeypatch.setattr(CrosscheckBot, "login", login)
    monkeypatch.setattr(CrosscheckBot, "connect", connect)
    monkeypatch.setattr(service, "start", start)
    assert run_discord(service.settings, service, "secret-token") == 0
    assert calls == ["login", "start", "connect"]


def test_a_rejected_token_is_reported_without_showing_it(monkeypatch: pytest.MonkeyPatch, service: Service,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    async def login(bot: CrosscheckBot, token: str) -> None:
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(CrosscheckBot, "login", login)
    with caplog.at_level(logging.DEBUG):
        assert run_discord(service.settings, service, "secret-token") == 1
    assert "rejected the bot token" in caplog.text and "secret-token" not in caplog.text


# ---------------------------------------------------------------- timelines and charts

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ATTACHMENT_MAX = 10 * 1024 * 1024   # Discord's attachment limit without boosts


def attached_png(env: simcord.Env, message: simcord.ResponseMessage, name: str) -> bytes:
    """The PNG `message` attaches as `name`, checked: valid, within Discord's limit, shown by its embed."""
    [attachment] = [a for a in message.attachments if a.filename == name]
    data = env.backend.cdn.get(attachment.url)
    assert data.startswith(PNG_SIGNATURE) and 1000 < len(data) < ATTACHMENT_MAX
    assert message.embeds[0].image.url == f"attachment://{name}"
    return data


async def test_timeline_autocompletes_the_measures_present(world: World) -> None:
    choices = await world.alice.autocomplete(world.channel, "timeline", "measure", "kil")
    assert [c["value"] for c in choices][:1] == ["killed"]
    assert all("kil" in c["value"] for c in choices) and len(choices) <= 25
    everything = await world.alice.autocomplete(world.channel, "timeline", "measure", "")
    assert {"killed", "injured"} <= {c["value"] for c in everything}


async def test_timeline_of_undated_articles_lists_every_value_apart(world: World) -> None:
    """The seed articles carry no date: a statement is placed only where its sentence gives a full
    date; the rest are listed under "Time unknown", never at a guessed time."""
    result = await world.alice.slash(world.channel, "timeline", measure="killed")
    assert not result.ephemeral
    embed = result.response.embeds[0]
    assert embed.title == "Timeline: killed"
    assert "__Time unknown__ (not placed)" in embed.description
    for value in ("84", "nearly 100", "103"):
        assert f"**{value}** — " in embed.description
    if result.response.attachments:     # a sentence with a full date placed something
        attached_png(world.env, result.response, "timeline.png")
    assert_within_limits(result.response)
    assert_never_pings(world.env)


async def test_timeline_of_an_unknown_measure_suggests_close_ones(world: World) -> None:
    result = await world.alice.slash(world.channel, "timeline", measure="kill")
    assert result.ephemeral and "Did you mean: killed" in result.response.content


async def test_figures_attaches_a_picture_of_the_disagreements(world: World) -> None:
    result = await world.alice.slash(world.channel, "figures")
    attached_png(world.env, result.response, "figures.png")
    turned = await world.alice.click(result.response, label="Next ▶")   # the picture stays with every page
    assert turned.response.embeds[0].image.url == "attachment://figures.png"
    assert [a.filename for a in turned.response.attachments] == ["figures.png"]
    assert_within_limits(result.response)


@pytest.fixture
async def dated_service(service: Service, tmp_path: Path, settings_for) -> Service:
    """The seed articles with a published date each (sidecars), indexed anew."""
    shutil.copytree(service.settings.seeds_dir, tmp_path / "seeds")
    for number, path in enumerate(sorted((tmp_path / "seeds").glob("*.txt"))):
        path.with_name(path.name + ".meta.json").write_text(json.dumps({"published": f"2024-01-0{3 + number % 3}"}))
    started = Service(discord_settings(settings_for, tmp_path))
    await started.start()
    return started


async def test_timeline_with_dates_joins_values_in_time_order_with_a_chart(simcord_env: simcord.Env,
                                                                           dated_service: Service) -> None:
    await simcord_env.restart_bot(CrosscheckBot(dated_service.settings, dated_service))
    world = make_world(simcord_env, dated_service.settings.rebuild_role)
    answer = await world.alice.slash(world.channel, "ask", question="How many people were killed?")
    shown = await world.alice.click(answer.response, label="Timeline: killed")
    assert shown.ephemeral
    embed = shown.response.embeds[0]
    chain = embed.description.splitlines()[0]
    assert chain.startswith("**") and " → " in chain
    dated = [line for line in embed.description.splitlines() if line.startswith("`")]
    assert len(dated) >= 3 and "__Time unknown__" not in embed.description
    attached_png(world.env, shown.response, "timeline.png")
    assert_within_limits(shown.response)


async def test_timeline_of_a_measure_with_one_value(world: World, service: Service) -> None:
    engine = service.engine
    single = next(m for m in engine.figures_by_measure if len(engine.measure_figures(m).values) == 1)
    result = await world.alice.slash(world.channel, "timeline", measure=single)
    embed = result.response.embeds[0]
    assert embed.title == f"Timeline: {render.clean(single)}" and embed.footer.text.startswith("1 value · ")
    assert_within_limits(result.response)


async def test_charts_are_drawn_only_when_asked_for_and_never_on_the_event_loop(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from bot import charts

    drawn: list[tuple[str, bool]] = []
    for name in ("timeline_png", "disagreements_png"):
        real = getattr(charts, name)

        def recording(*args, _real=real, _name=name):
            drawn.append((_name, threading.current_thread() is threading.main_thread()))
            return _real(*args)

        monkeypatch.setattr(charts, name, recording)
    answer = await world.alice.slash(world.channel, "ask", question="How many people were killed?")
    await world.alice.click(answer.response, label="Quotes")
    assert drawn == []                                   # an answer and its quotes draw nothing
    await world.alice.slash(world.channel, "figures")
    await world.alice.slash(world.channel, "timeline", measure="killed")
    assert [name for name, _ in drawn][:1] == ["disagreements_png"]
    assert drawn and not any(on_loop for _, on_loop in drawn)   # each in a worker thread
