"""End to end for the web commands: `python -m bot` as its own process against the fake Discord
(tests/fake_discord.py) and a news site on 127.0.0.1 (tests/web_server.py).

/add puts a page in the index and the channel hears what it changed; /follow makes the bot poll
a feed, add its new entry and post one alert; a restart posts nothing again; a kill -9 in the
middle of the rebuild a feed's entry caused is announced once by the restarted bot. Every message within
Discord's limits, pinging nobody.
"""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer

from bot import discord_render as render
from conftest import PROJECT, copy_seeds
from fake_discord import FakeDiscord
from test_e2e import ANSWER_SECONDS, STARTUP_SECONDS, TOKEN, wait_for
from web_server import STORY, UPDATE, Site, article_html, make_app

ALERT_SECONDS = 60
FEED_ENTRY = ("k2", "Kerman bombing death toll rises to 103", "/update")
LATE_ENTRY = ("k3", "Kerman blasts: a third count of the dead", "/late")
# Long enough (about 400 passages to embed) that its rebuild takes seconds: the kill lands in it.
LATE = article_html("Third count", "The Evening Post counted 91 people killed in Kerman. " + "".join(
    f"</p><p>Witness {i} described the scene near the cemetery, where {i + 3} families waited for news "
    f"and volunteers handed out water to the crowd of mourners for hour {i % 24}." for i in range(400)),
    site="Evening Post")


class Bot:
    """One bot process at a time over the same folders: started, stopped, killed, restarted."""

    def __init__(self, root: Path, fake: FakeDiscord) -> None:
        self.root, self.fake = root, fake
        self.seeds = copy_seeds(root / "seeds")
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @property
    def logs(self) -> tuple[Path, Path]:
        return self.root / f"bot{self.starts}.stdout", self.root / f"bot{self.starts}.stderr"

    async def start(self) -> None:
        self.starts += 1
        syncs = len(self.fake.command_syncs)
        env = {k: v for k, v in os.environ.items() if not k.startswith("CROSSCHECK_") and k != "DISCORD_TOKEN"}
        env.update(DISCORD_TOKEN=TOKEN, CROSSCHECK_DISCORD_API=self.fake.api_base, PYTHONUNBUFFERED="1",
                   CROSSCHECK_ALLOW_PRIVATE_URLS="1", CROSSCHECK_FEED_POLL_SECONDS="1",
                   CROSSCHECK_COOLDOWN_RATE="100")   # every command here comes from the owner
        with open(self.logs[0], "wb") as stdout, open(self.logs[1], "wb") as stderr:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "--seeds", str(self.seeds), "--index", str(self.root / "var" / "index")],
                cwd=PROJECT, env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr)
        await self.wait(lambda: len(self.fake.command_syncs) > syncs and self.fake.connected, STARTUP_SECONDS,
                        "the command sync and READY")

    async def wait(self, condition, timeout: float, what: str) -> Any:
        return await wait_for(self.proc, self.logs, condition, timeout, what)

    async def stop(self, sig: int = signal.SIGTERM) -> None:
        self.proc.send_signal(sig)
        await asyncio.to_thread(self.proc.wait, 30)
        await self.fake.wait_until(lambda: not self.fake.connected, 10, "the gateway to close")

    async def command(self, name: str, **options: str) -> dict[str, Any]:
        """A slash command from the server owner (Manage Server); its first followup."""
        interaction = await self.fake.send_command(name, options)
        await self.wait(lambda: interaction.followups, ANSWER_SECONDS, f"the /{name} followup")
        return interaction.followups[0]


def alerts(fake: FakeDiscord) -> list[dict[str, Any]]:
    return [m for m in fake.channel_messages
            if any((e.get("title") or "").startswith("New in the sources") for e in m.get("embeds") or [])]


def assert_fits_and_pings_nobody(message: dict[str, Any]) -> None:
    assert message["allowed_mentions"]["parse"] == []
    assert len(message.get("content") or "") <= render.CONTENT_MAX
    embeds = message.get("embeds") or []
    assert len(embeds) <= render.EMBEDS_PER_MESSAGE
    for embed in embeds:
        assert len(embed.get("title") or "") <= render.TITLE_MAX
        assert len(embed.get("description") or "") <= render.DESCRIPTION_MAX
    total = sum(len(e.get("title") or "") + len(e.get("description") or "")
                + len((e.get("footer") or {}).get("text") or "")
                + sum(len(f["name"]) + len(f["value"]) for f in e.get("fields") or []) for e in embeds)
    assert total <= render.EMBED_TOTAL_MAX


@pytest.fixture(scope="module")
async def world(tmp_path_factory):
    site = Site(pages={"/story": STORY, "/update": UPDATE, "/late": LATE})
    server = TestServer(make_app(site), host="127.0.0.1")
    await server.start_server()
    site.base = f"http://127.0.0.1:{server.port}"
    async with FakeDiscord(TOKEN) as fake:
        bot = Bot(tmp_path_factory.mktemp("e2e-web"), fake)
        try:
            await bot.start()
            yield bot, site
        finally:
            if bot.proc and bot.proc.poll() is None:
                bot.proc.kill()
                bot.proc.wait(timeout=10)
    await server.close()


async def test_add_indexes_the_page_and_the_channel_hears_what_it_changed(world):
    bot, site = world
    reply = await bot.command("add", url=f"{site.base}/story")
    assert_fits_and_pings_nobody(reply)
    assert reply["embeds"][0]["title"] == "Page added"
    assert "Kerman toll revised" in json.dumps(reply["embeds"]) and "What it adds" in json.dumps(reply["embeds"])
    [alert] = await bot.wait(lambda: alerts(bot.fake), ALERT_SECONDS, "the /add alert")
    assert_fits_and_pings_nobody(alert)
    text = json.dumps(alert["embeds"], ensure_ascii=False)
    assert "/add" in text and "New source: [Local News]" in text and "95" in text
    assert alert["channel_id"] == bot.fake.channel_id
    # Answered from: /ask now gives 95 among the values.
    interaction = await bot.fake.send_command("ask", {"question": "How many people were killed?"},
                                              user=bot.fake.new_user("reader"))
    await bot.wait(lambda: interaction.followups, ANSWER_SECONDS, "the /ask followup")
    assert "95" in json.dumps(interaction.followups[0]["embeds"])


async def test_a_refused_add_says_why_and_adds_nothing(world):
    bot, site = world
    reply = await bot.command("add", url="http://169.254.169.254/latest/meta-data/")
    assert "Not added" in reply["content"]
    before = len(alerts(bot.fake))
    reply = await bot.command("add", url=f"{site.base}/image.png")
    assert "Not added" in reply["content"] and "image/png" in reply["content"]
    await asyncio.sleep(3)
    assert len(alerts(bot.fake)) == before


async def test_follow_adds_the_new_entry_and_alerts_once_also_after_a_restart(world):
    bot, site = world
    site.feed_entries = [FEED_ENTRY]
    reply = await bot.command("follow", url=f"{site.base}/feed.xml", keywords="kerman")
    assert_fits_and_pings_nobody(reply)
    assert "Following **Local News**" in reply["content"] and "posted in #general" in reply["content"]
    before = len(alerts(bot.fake))
    await bot.wait(lambda: len(alerts(bot.fake)) > before, ALERT_SECONDS, "the feed's alert")
    alert = alerts(bot.fake)[-1]
    assert_fits_and_pings_nobody(alert)
    text = json.dumps(alert["embeds"], ensure_ascii=False)
    assert "feed.xml" in text and "New source: [Wire Service]" in text
    # More polls (304s), then a restart: nothing is posted again.
    polls = site.hits["/feed.xml"]
    await bot.wait(lambda: site.hits["/feed.xml"] >= polls + 3, 30, "three more polls")
    await bot.stop()
    await bot.start()
    await bot.wait(lambda: site.hits["/feed.xml"] >= polls + 5, 60, "polls after the restart")
    await asyncio.sleep(3)
    assert len(alerts(bot.fake)) == before + 1
    interaction = await bot.fake.send_command("feeds")     # answered in the response itself
    await bot.wait(lambda: interaction.callbacks, ANSWER_SECONDS, "the /feeds response")
    shown = json.dumps(interaction.first_callback, ensure_ascii=False)
    assert "Entries added 1" in shown and "feed.xml" in shown


async def test_a_kill_mid_rebuild_is_announced_once_by_the_restarted_bot(world):
    bot, site = world
    before = len(alerts(bot.fake))
    site.feed_entries = [FEED_ENTRY, LATE_ENTRY]
    site.feed_etag = '"v2"'
    web = bot.seeds / "web" / "127-0-0-1"
    current = bot.root / "var" / "index" / "CURRENT"
    serving = current.read_text()
    # The page is saved, then the rebuild starts: kill -9 a second into it, before the swap.
    await bot.wait(lambda: any(p.name.startswith("late-") and p.suffix == ".html" for p in web.iterdir()), 60,
                   "the late entry's page")
    await asyncio.sleep(1.0)
    bot.proc.send_signal(signal.SIGKILL)
    await asyncio.to_thread(bot.proc.wait, 30)
    await bot.fake.wait_until(lambda: not bot.fake.connected, 10, "the gateway to close")
    posted_before_kill = len(alerts(bot.fake)) - before
    assert current.read_text() == serving and posted_before_kill == 0     # killed mid-rebuild
    await bot.start()
    await bot.wait(lambda: len(alerts(bot.fake)) - before >= 1, ALERT_SECONDS, "the late entry's alert")
    await asyncio.sleep(5)
    late = [a for a in alerts(bot.fake)[before:] if "Evening Post" in json.dumps(a["embeds"])]
    assert len(late) == 1, (posted_before_kill, late)
    await bot.stop()
    assert bot.proc.returncode == 0
    output = "\n".join(p.read_text(errors="replace") for p in bot.root.glob("bot*.std*"))
    assert TOKEN not in output
