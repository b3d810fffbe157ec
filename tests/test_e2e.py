"""End to end: `python -m bot` as its own process, against a stand-in for Discord on loopback.

tests/fake_discord.py plays Discord's HTTP API and gateway on 127.0.0.1; CROSSCHECK_DISCORD_API
points the bot at it (see bot/discord_app.py). The bot builds its index from a copy of seeds/,
logs in, syncs its commands, connects, answers a slash command and a mention, and exits 0 on
SIGTERM, all without the token ever reaching its output.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import discord

from conftest import PROJECT, copy_seeds
from fake_discord import DEFERRED_CHANNEL_MESSAGE, FakeDiscord

# Shaped like a bot token (id.timestamp.hmac) so anything that would print one prints this.
TOKEN = f"MTE5NzY1NDMyMTA5ODc2NTQzMg.GfAkE1.{secrets.token_urlsafe(27)}"
STARTUP_SECONDS = 180      # model load plus the first index build, on a slow CI machine
ANSWER_SECONDS = 60
SHUTDOWN_SECONDS = 30
ACK_SECONDS = 3.0          # Discord drops an interaction not acknowledged within 3 s
EXPECTED_COMMANDS = {"ask", "compare", "figures", "sources", "help", "reindex"}


def output_of(*paths: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in paths if p.exists())


async def wait_for(proc: subprocess.Popen, logs: tuple[Path, ...], condition: Callable[[], Any],
                   timeout: float, what: str) -> Any:
    """Poll condition() until truthy; fail at once, with the bot's log, if the bot exits first."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if proc.poll() is not None:
            raise AssertionError(f"the bot exited ({proc.returncode}) while waiting for {what}:\n"
                                 + output_of(*logs)[-4000:])
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}:\n" + output_of(*logs)[-4000:])
        await asyncio.sleep(0.05)
    return value


def embed_text(message: dict[str, Any]) -> str:
    return json.dumps(message.get("embeds") or [], ensure_ascii=False)


async def test_bot_serves_discord_end_to_end(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    index = tmp_path / "var" / "index"
    logs = (tmp_path / "bot.stdout", tmp_path / "bot.stderr")
    async with FakeDiscord(TOKEN) as fake:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CROSSCHECK_") and k != "DISCORD_TOKEN"}
        env.update(DISCORD_TOKEN=TOKEN, CROSSCHECK_DISCORD_API=fake.api_base, PYTHONUNBUFFERED="1")
        with open(logs[0], "wb") as stdout, open(logs[1], "wb") as stderr:
            proc = subprocess.Popen([sys.executable, "-m", "bot", "--seeds", str(seeds), "--index", str(index)],
                                    cwd=PROJECT, env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr)
        try:
            # Login, global command sync (no guild_ids configured), then the gateway.
            await wait_for(proc, logs, lambda: fake.command_syncs and fake.connected, STARTUP_SECONDS,
                           "the command sync and READY")
            assert fake.unauthorized == []
            assert [sync["guild_id"] for sync in fake.command_syncs] == [None]
            synced = {c["name"]: c for c in fake.command_syncs[0]["commands"]}
            assert set(synced) == EXPECTED_COMMANDS
            question_option = synced["ask"]["options"][0]
            assert (question_option["name"], question_option["required"], question_option["max_length"]) == \
                   ("question", True, 1000)

            assert [c.get("v") for c in fake.gateway_connections] == ["10"]
            assert fake.gateway_connections[0].get("encoding") == "json"
            identify, = fake.identifies
            assert identify["token_ok"]
            assert identify["intents"] == discord.Intents.default().value  # nothing privileged asked for

            # /ask: acknowledged (deferred) within Discord's 3 s, then answered by a followup.
            ask = await fake.send_command("ask", {"question": "How many people were killed?"})
            await wait_for(proc, logs, lambda: ask.callbacks, ACK_SECONDS + 30, "the /ask callback")
            assert ask.first_callback["type"] == DEFERRED_CHANNEL_MESSAGE
            assert ask.acknowledged_within() < ACK_SECONDS, f"acknowledged after {ask.acknowledged_within():.2f} s"
            await wait_for(proc, logs, lambda: ask.followups, ANSWER_SECONDS, "the /ask followup")
            answer, = ask.followups
            text = embed_text(answer)
            assert re.search(r"\b84\b", text) and re.search(r"\b103\b", text), text[:2000]
            assert answer["allowed_mentions"]["parse"] == []
            assert len(ask.callbacks) == 1 and ask.edits == []

            # A mention: answered by a reply in the channel, pinging nobody.
            asker = fake.new_user("reader")
            mention = await fake.send_mention("How many people were killed?", user=asker)
            await wait_for(proc, logs, lambda: fake.replies_to(mention["id"]), ANSWER_SECONDS, "the mention reply")
            reply, = fake.replies_to(mention["id"])
            assert reply["channel_id"] == fake.channel_id
            text = embed_text(reply)
            assert re.search(r"\b84\b", text) and re.search(r"\b103\b", text), text[:2000]
            assert reply["allowed_mentions"]["parse"] == []
            assert reply["allowed_mentions"].get("replied_user") is False

            # SIGTERM: a clean close of the gateway and exit status 0.
            proc.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + SHUTDOWN_SECONDS
            while proc.poll() is None and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            assert proc.returncode == 0, f"exit status {proc.returncode}:\n" + output_of(*logs)[-4000:]
            await fake.wait_until(lambda: fake.gateway_closes, 5, "the gateway to close")
            # A close handshake, not a dropped connection. discord.py asks for 1000, but on aiohttp
            # 3.14 its reader wakes first and closes with 4000, which keeps the session resumable
            # (Rapptz/discord.py#6134, #6719): either code is the bot's own clean close.
            assert fake.gateway_closes in ([1000], [4000])
            assert fake.unhandled == [], f"calls the fake does not serve: {fake.unhandled}"
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)

    output = output_of(*logs)
    assert TOKEN not in output
    assert TOKEN.split(".")[-1] not in output  # not even its secret part
