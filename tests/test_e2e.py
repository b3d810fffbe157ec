"""End to end: `python -m bot` as its own process, against a stand-in for Discord on loopback.

tests/fake_discord.py plays Discord's HTTP API and gateway on 127.0.0.1; CROSSCHECK_DISCORD_API
points the bot at it (see bot/discord_app.py). One bot process serves the whole module (its
startup builds the index): it builds its index from a copy of seeds/, logs in, syncs its
commands, connects, and answers a slash command and a mention; then it rides out faults the
fake injects one at a time (gateway connections dropped, reset or closed, 429s and 5xxs on
the REST calls it makes), answering every question exactly once; finally it exits 0 on
SIGTERM, all without the token ever reaching its output. The tests run in file order and the
last one stops the bot.

What discord.py 2.7 does, which these tests pin down (discord/gateway.py, client.py, http.py,
webhook/async_.py):
  * Gateway: any close it did not ask for, with any code but 4004 and 4010-4014 (and a reset
    with no close frame at all), makes it RESUME (op 6) at once on a new connection; an
    INVALID_SESSION (d=false) answer makes it IDENTIFY afresh, after a 5 s identify delay.
  * REST through the bot's HTTPClient (channel messages, command sync): a 429 is retried after
    its body's retry_after, but only if the response has a Via header (without one it is taken
    for a Cloudflare ban and raised); 500, 502, 504 and 524 are retried after 1, 3, 5, 7 s, up to
    5 tries; 503 and the other 5xx raise DiscordServerError at once.
  * Webhook and interaction routes (callbacks, followups, edits of @original): a 429 (with Via)
    is retried after retry_after; every 5xx is retried after 1, 3, 5, 7 s, up to 5 tries.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import discord
import pytest

from conftest import PROJECT, copy_seeds
from fake_discord import DEFERRED_CHANNEL_MESSAGE, FakeDiscord, Interaction

# Shaped like a bot token (id.timestamp.hmac) so anything that would print one prints this.
TOKEN = f"MTE5NzY1NDMyMTA5ODc2NTQzMg.GfAkE1.{secrets.token_urlsafe(27)}"
STARTUP_SECONDS = 180      # model load plus the first index build, on a slow CI machine
ANSWER_SECONDS = 60
SHUTDOWN_SECONDS = 30
RECONNECT_SECONDS = 15     # a resume is immediate; a fresh IDENTIFY waits discord.py's 5 s first
ACK_SECONDS = 3.0          # Discord drops an interaction not acknowledged within 3 s
EXPECTED_COMMANDS = {"ask", "compare", "figures", "sources", "help", "reindex", "add", "follow", "unfollow", "feeds",
                     "timeline", "reports", "move", "corrections", "settings"}
QUESTION = "How many people were killed?"
ERROR_MESSAGE = "Sorry, something went wrong while answering."  # bot.discord_app.ERROR_MESSAGE, its start

FOLLOWUP = "/webhooks/*/*"                  # POST: a followup message
CALLBACK = "/interactions/*/*/callback"     # POST: the interaction response (here, the defer)
CHANNEL_MESSAGE = "/channels/*/messages"    # POST: a message in a channel (the mention's reply)


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


def logged_errors(output: str) -> list[str]:
    """The messages of the ERROR and CRITICAL lines in the bot's output."""
    return re.findall(r"^\S+ \S+ (?:ERROR|CRITICAL) \S+: (.*)$", output, re.MULTILINE)


def assert_token_never_shown(output: str) -> None:
    assert TOKEN not in output
    assert TOKEN.split(".")[-1] not in output  # not even its secret part


def assert_answers_the_question(message: dict[str, Any]) -> None:
    text = embed_text(message)
    assert re.search(r"\b84\b", text) and re.search(r"\b103\b", text), text[:2000]


@dataclass
class RunningBot:
    proc: subprocess.Popen
    fake: FakeDiscord
    logs: tuple[Path, ...]
    observed: dict[str, float] = field(default_factory=dict)  # timings worth reporting, by test

    async def wait_for(self, condition: Callable[[], Any], timeout: float, what: str) -> Any:
        return await wait_for(self.proc, self.logs, condition, timeout, what)

    def output(self) -> str:
        return output_of(*self.logs)

    async def ask(self, question: str = QUESTION) -> Interaction:
        """/ask from a new user (so no cooldown applies): acknowledged within Discord's 3 s with
        a defer, then answered by a followup. Returns the interaction for further checks."""
        interaction = await self.fake.send_command("ask", {"question": question}, user=self.fake.new_user("asker"))
        await self.wait_for(lambda: interaction.callbacks, ACK_SECONDS + 30, "the /ask callback")
        assert interaction.first_callback["type"] == DEFERRED_CHANNEL_MESSAGE
        assert interaction.acknowledged_within() < ACK_SECONDS, \
            f"acknowledged after {interaction.acknowledged_within():.2f} s"
        await self.wait_for(lambda: interaction.followups, ANSWER_SECONDS, "the /ask followup")
        return interaction

    async def mention(self, question: str = QUESTION) -> dict[str, Any]:
        """A mention from a new user, and the one reply the bot posts to it (once it has)."""
        message = await self.fake.send_mention(question, user=self.fake.new_user("reader"))
        await self.wait_for(lambda: self.fake.replies_to(message["id"]), ANSWER_SECONDS, "the mention reply")
        return message

    async def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = SHUTDOWN_SECONDS) -> int | None:
        """Send `sig` and wait (up to `timeout`) for the process to end; its exit status, None if it did not."""
        self.proc.send_signal(sig)
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return self.proc.returncode

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)


async def start_bot(fake: FakeDiscord, root: Path) -> RunningBot:
    """`python -m bot` on root/seeds and root/var/index (its state beside it), against `fake`,
    once it has synced its commands and had READY. Its output goes to root/bot.stdout and
    root/bot.stderr, appended to, so that a restart on the same folders adds to them."""
    logs = (root / "bot.stdout", root / "bot.stderr")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CROSSCHECK_") and k != "DISCORD_TOKEN"}
    env.update(DISCORD_TOKEN=fake.token, CROSSCHECK_DISCORD_API=fake.api_base, PYTHONUNBUFFERED="1")
    started, syncs = time.monotonic(), len(fake.command_syncs)
    with open(logs[0], "ab") as stdout, open(logs[1], "ab") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "--seeds", str(root / "seeds"), "--index", str(root / "var" / "index")],
            cwd=PROJECT, env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr)
    bot = RunningBot(proc, fake, logs)
    try:
        # Login, global command sync (no guild_ids configured), then the gateway.
        await bot.wait_for(lambda: len(fake.command_syncs) > syncs and fake.connected
                           and fake.events("ready", since=started), STARTUP_SECONDS, "the command sync and READY")
    except BaseException:
        bot.kill()
        raise
    return bot


@pytest.fixture(scope="module")
async def bot(tmp_path_factory) -> RunningBot:
    """`python -m bot` connected to a FakeDiscord, shared by the module; killed at the end if a
    test did not stop it."""
    root = tmp_path_factory.mktemp("e2e")
    copy_seeds(root / "seeds")
    async with FakeDiscord(TOKEN) as fake:
        running = await start_bot(fake, root)
        try:
            yield running
        finally:
            running.kill()


@pytest.fixture(autouse=True)
async def every_fault_used(bot):
    """Each test's faults must all have been hit: a fault left armed means the bot never made
    the request the test meant to break, and it must not leak into the next test."""
    yield
    armed = bot.fake.armed_faults
    bot.fake.disarm_faults()
    assert armed == [], f"faults never triggered: {armed}"


# ---------------------------------------------------------------- the happy path


async def test_bot_serves_discord_end_to_end(bot):
    fake = bot.fake
    assert fake.unauthorized == []
    assert [sync["guild_id"] for sync in fake.command_syncs] == [None]
    synced = {c["name"]: c for c in fake.command_syncs[0]["commands"]}
    assert set(synced) == EXPECTED_COMMANDS
    question_option = synced["ask"]["options"][0]
    assert (question_option["name"], question_option["required"], question_option["max_length"]) == \
           ("question", True, 1000)

    assert fake.gateway_connections[0].get("v") == "10"
    assert fake.gateway_connections[0].get("encoding") == "json"
    identify = fake.identifies[0]
    assert identify["token_ok"]
    assert identify["intents"] == discord.Intents.default().value  # nothing privileged asked for

    # /ask: acknowledged (deferred) within Discord's 3 s, then answered by a followup.
    ask = await bot.ask()
    answer, = ask.followups
    assert_answers_the_question(answer)
    assert answer["allowed_mentions"]["parse"] == []
    assert len(ask.callbacks) == 1 and ask.edits == []

    # A mention: answered by a reply in the channel, pinging nobody.
    mention = await bot.mention()
    reply, = fake.replies_to(mention["id"])
    assert reply["channel_id"] == fake.channel_id
    assert_answers_the_question(reply)
    assert reply["allowed_mentions"]["parse"] == []
    assert reply["allowed_mentions"].get("replied_user") is False


async def answered(bot: RunningBot, interaction: Interaction, what: str) -> dict[str, Any]:
    """The one message that answers an interaction deferred with "thinking": its first followup."""
    await bot.wait_for(lambda: interaction.followups, ANSWER_SECONDS, what)
    assert interaction.first_callback["type"] == DEFERRED_CHANNEL_MESSAGE
    assert interaction.acknowledged_within() < ACK_SECONDS
    message, = interaction.followups
    assert message["allowed_mentions"]["parse"] == []
    return message


def assert_png_shown(message: dict[str, Any], name: str) -> None:
    """`message` attaches a valid PNG as `name`, within Discord's 10 MiB, and its embed shows it."""
    data = message["_files"][name]
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) < 10 * 1024 * 1024
    assert message["embeds"][0]["image"]["url"] == f"attachment://{name}"


async def test_answer_buttons_timeline_and_figures_pictures_end_to_end(bot):
    fake = bot.fake
    ask = await bot.ask()
    answer, = ask.followups
    assert len(answer["embeds"]) == 1 and len(json.dumps(answer["embeds"][0]["description"])) < 1600
    buttons = {c.get("label") or c["emoji"]["name"]: c["custom_id"]
               for row in answer["components"] for c in row["components"]}
    assert set(buttons) == {"Quotes", "Timeline: killed", "Report a problem", "👍", "👎"}
    message = answer

    quotes = await fake.click(message, buttons["Quotes"], user=fake.new_user("reader"))
    shown = await answered(bot, quotes, "the quotes")
    assert quotes.first_callback["data"]["flags"] & 64          # for the clicker alone
    assert "earlier figure, revised to 84" in embed_text(shown)
    assert {c["label"] for row in shown["components"] for c in row["components"]} == \
           {"◀ Previous", "Next ▶", "Report a problem"}

    timeline = await answered(bot, await fake.click(message, buttons["Timeline: killed"]), "the timeline")
    assert timeline["embeds"][0]["title"] == "Timeline: killed"
    command = await answered(bot, await fake.send_command("timeline", {"measure": "killed"},
                                                           user=fake.new_user("timeline")), "/timeline")
    assert command["embeds"][0]["title"] == "Timeline: killed"
    for sent in (timeline, command):     # the seed articles carry no dates: a chart only if a sentence gives one
        if sent.get("_files"):
            assert_png_shown(sent, "timeline.png")

    figures = await answered(bot, await fake.send_command("figures", user=fake.new_user("figures")), "/figures")
    assert_png_shown(figures, "figures.png")


# ---------------------------------------------------------------- the gateway connection lost


async def _reconnected(bot: RunningBot, cause: Callable[[], Any], *, resumes: bool) -> dict[str, Any]:
    """Break the gateway connection with `cause`, wait until the bot is back (RESUMED, or READY
    on a fresh session), and check it answers /ask at once. Returns what happened."""
    fake = bot.fake
    assert fake.connected
    session, connections, identifies = fake.session_id, len(fake.gateway_connections), len(fake.identifies)
    t0 = time.monotonic()
    await cause()
    back = "resumed" if resumes else "ready"
    await bot.wait_for(lambda: fake.connected and fake.events(back, since=t0), RECONNECT_SECONDS,
                       f"the bot to reconnect ({back})")
    event, = fake.events(back, since=t0)
    reconnect_seconds = event["at"] - t0

    assert len(fake.gateway_connections) == connections + (1 if resumes else 2)
    resume, = fake.events("resume", since=t0)  # discord.py always tries to resume first
    assert resume["token_ok"] and resume["session_id"] == session
    if resumes:
        assert resume["outcome"] == "resumed"
        assert event["replayed"] == 0  # nothing was dispatched while it was away
        assert fake.session_id == session and len(fake.identifies) == identifies
    else:
        assert resume["outcome"] == "invalid_session"
        assert len(fake.identifies) == identifies + 1 and fake.identifies[-1]["token_ok"]
        assert fake.session_id != session and fake.sessions[-1] == fake.session_id

    # Serving again: a /ask is acknowledged within 3 s and answered, exactly once.
    ask = await bot.ask()
    assert len(ask.callbacks) == 1
    answer, = ask.followups
    assert_answers_the_question(answer)
    return {"reconnect_seconds": reconnect_seconds, "ack_seconds": ask.acknowledged_within()}


async def assert_stops_cleanly(bot: RunningBot) -> None:
    """SIGTERM: exit status 0 after a clean close of the gateway."""
    fake = bot.fake
    closes = len(fake.gateway_closes)
    status = await bot.stop(signal.SIGTERM)
    assert status == 0, f"exit status {status}:\n" + bot.output()[-4000:]
    await fake.wait_until(lambda: len(fake.gateway_closes) > closes, 5, "the gateway to close")
    # A close handshake, not a dropped connection. discord.py asks for 1000, but on aiohttp
    # 3.14 its reader wakes first and closes with 4000, which keeps the session resumable
    # (Rapptz/discord.py#6134, #6719): either code is the bot's own clean close.
    assert fake.gateway_closes[closes:] in ([1000], [4000])


def observe(bot: RunningBot, request: pytest.FixtureRequest, **values: float) -> None:
    for name, value in values.items():
        bot.observed[f"{request.node.name} {name}"] = value


async def test_gateway_reset_without_close_frame_resumes(bot, request):
    """The TCP connection reset under the bot (no close frame): it resumes the same session."""
    t0 = time.monotonic()
    result = await _reconnected(bot, bot.fake.drop_gateway, resumes=True)
    dropped = bot.fake.events("ended", since=t0)[0]
    assert dropped["close_code"] == 1006  # abnormal closure: no close frame went either way
    observe(bot, request, **result)
    assert result["reconnect_seconds"] < 5, result


async def test_interaction_lost_in_a_drop_is_replayed_on_resume_and_answered(bot, request):
    """An INTERACTION_CREATE goes out just as the connection breaks and never arrives: the
    bot's RESUME names the last sequence it saw, the fake replays the lost event, and the
    interaction is still acknowledged within 3 s of its dispatch and answered once."""
    fake = bot.fake
    t0 = time.monotonic()
    ask = await fake.send_command("ask", {"question": QUESTION}, user=fake.new_user("asker"), lost_in_flight=True)
    lost, = fake.events("lost", since=t0)
    await fake.drop_gateway()
    await bot.wait_for(lambda: fake.connected and fake.events("resumed", since=t0), RECONNECT_SECONDS,
                       "the bot to resume")
    resume, = fake.events("resume", since=t0)
    assert resume["outcome"] == "resumed" and resume["seq"] == lost["s"] - 1
    assert fake.events("resumed", since=t0)[0]["replayed"] == 1
    await bot.wait_for(lambda: ask.followups, ANSWER_SECONDS, "the /ask followup")
    assert len(ask.callbacks) == 1 and ask.acknowledged_within() < ACK_SECONDS
    answer, = ask.followups
    assert_answers_the_question(answer)
    observe(bot, request, ack_seconds=ask.acknowledged_within())


@pytest.mark.parametrize("code", [4000, 1001])
async def test_gateway_closed_with_resumable_code_resumes(bot, request, code):
    """Discord closes with 4000 (unknown error: reconnect) or 1001 (going away, as when a
    gateway node restarts): the bot resumes the same session on a new connection."""
    result = await _reconnected(bot, lambda: bot.fake.close_gateway(code), resumes=True)
    observe(bot, request, **result)
    assert result["reconnect_seconds"] < 5, result


async def test_gateway_reconnect_request_resumes(bot, request):
    """op 7 RECONNECT, which Discord sends routinely: the bot closes and resumes."""
    result = await _reconnected(bot, bot.fake.request_reconnect, resumes=True)
    observe(bot, request, **result)
    assert result["reconnect_seconds"] < 5, result


async def test_gateway_session_timed_out_identifies_afresh(bot, request):
    """Discord closes with 4009 (session timed out) and forgets the session: discord.py still
    tries RESUME, gets INVALID_SESSION, and identifies afresh (after its 5 s identify delay)."""
    result = await _reconnected(bot, lambda: bot.fake.close_gateway(4009, invalidate_session=True),
                                resumes=False)
    observe(bot, request, **result)
    assert 5 <= result["reconnect_seconds"] < RECONNECT_SECONDS, result
    assert bot.fake.command_syncs[1:] == []  # a new session is not a new setup_hook: no re-sync


# ---------------------------------------------------------------- 429 Too Many Requests


def _retried_once(fault, requests, *, wait_at_least: float, wait_at_most: float) -> float:
    """The fault answered the first of exactly two requests and the second succeeded after
    the expected wait; returns that wait."""
    assert [r.status for r in requests] == [fault.status, 200], [(r.path, r.status) for r in requests]
    assert fault.hits == requests[:1]
    waited = requests[1].at - requests[0].at
    assert wait_at_least <= waited < wait_at_most, f"retried after {waited:.2f} s"
    return waited


async def test_followup_rate_limited_once_is_retried_after_retry_after(bot, request):
    fault = bot.fake.fail_next("POST", FOLLOWUP, status=429, retry_after=0.5)
    ask = await bot.ask()
    requests = bot.fake.requests_matching("POST", f"/webhooks/*/{ask.token}")
    waited = _retried_once(fault, requests, wait_at_least=0.5, wait_at_most=1.5)
    observe(bot, request, retry_wait=waited)
    answer, = ask.followups  # delivered exactly once
    assert_answers_the_question(answer)
    assert re.search(r"Webhook ID \d+ is rate limited\. Retrying in 0\.50 seconds", bot.output())


@pytest.mark.parametrize("is_global", [False, True], ids=["bucket", "global"])
async def test_channel_message_rate_limited_once_is_retried_after_retry_after(bot, request, is_global):
    fault = bot.fake.fail_next("POST", CHANNEL_MESSAGE, status=429, retry_after=0.5, is_global=is_global)
    since = len(bot.fake.request_log)
    mention = await bot.mention()
    requests = [r for r in bot.fake.request_log[since:] if r.method == "POST" and r.path.endswith("/messages")]
    waited = _retried_once(fault, requests, wait_at_least=0.5, wait_at_most=1.5)
    observe(bot, request, retry_wait=waited)
    reply, = bot.fake.replies_to(mention["id"])  # delivered exactly once
    assert_answers_the_question(reply)
    assert "responded with 429. Retrying in 0.50 seconds" in bot.output()
    if is_global:
        assert "Global rate limit has been hit" in bot.output()


# ---------------------------------------------------------------- 5xx


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_followup_server_error_once_is_retried(bot, request, status):
    """The webhook adapter retries any 5xx, the first time after 1 s."""
    fault = bot.fake.fail_next("POST", FOLLOWUP, status=status)
    ask = await bot.ask()
    requests = bot.fake.requests_matching("POST", f"/webhooks/*/{ask.token}")
    waited = _retried_once(fault, requests, wait_at_least=1.0, wait_at_most=2.5)
    observe(bot, request, retry_wait=waited)
    answer, = ask.followups
    assert_answers_the_question(answer)


@pytest.mark.parametrize("status", [500, 502])
async def test_channel_message_server_error_once_is_retried(bot, request, status):
    """The bot's HTTPClient retries 500, 502, 504 and 524, the first time after 1 s."""
    fault = bot.fake.fail_next("POST", CHANNEL_MESSAGE, status=status)
    since = len(bot.fake.request_log)
    mention = await bot.mention()
    requests = [r for r in bot.fake.request_log[since:] if r.method == "POST" and r.path.endswith("/messages")]
    waited = _retried_once(fault, requests, wait_at_least=1.0, wait_at_most=2.5)
    observe(bot, request, retry_wait=waited)
    reply, = bot.fake.replies_to(mention["id"])
    assert_answers_the_question(reply)


async def test_channel_message_503_is_not_retried_but_the_asker_hears_back(bot):
    """503 is the one 5xx discord.py's HTTPClient does not retry (DiscordServerError at once).
    The mention handler logs it and replies with its error notice; the bot keeps serving."""
    fault = bot.fake.fail_next("POST", CHANNEL_MESSAGE, status=503)
    since, log_before = len(bot.fake.request_log), len(bot.output())
    mention = await bot.mention()
    requests = [r for r in bot.fake.request_log[since:] if r.method == "POST" and r.path.endswith("/messages")]
    assert [r.status for r in requests] == [503, 200]
    assert fault.hits == requests[:1]
    reply, = bot.fake.replies_to(mention["id"])  # one reply: the answer, or else the error notice
    if ERROR_MESSAGE in (reply.get("content") or ""):
        log = bot.output()[log_before:]
        assert f"answering a mention failed (message {mention['id']}" in log
        assert "DiscordServerError: 503 Service Unavailable" in log
    else:
        assert_answers_the_question(reply)
    await bot.mention()  # and the next one is answered as usual


async def test_interaction_callback_server_error_once_is_retried_in_time(bot, request):
    """The defer itself meets a 502 that Discord did not act on: the webhook adapter retries
    after 1 s, still inside Discord's 3 s, and the answer follows once."""
    fault = bot.fake.fail_next("POST", CALLBACK, status=502)
    ask = await bot.ask()  # asserts the (recorded, successful) defer came within 3 s
    requests = bot.fake.requests_matching("POST", f"/interactions/{ask.id}/*/callback")
    waited = _retried_once(fault, requests, wait_at_least=1.0, wait_at_most=2.0)
    assert ask.acknowledged_within() >= waited
    observe(bot, request, retry_wait=waited, ack_seconds=ask.acknowledged_within())
    assert len(ask.callbacks) == 1
    answer, = ask.followups
    assert_answers_the_question(answer)


async def test_interaction_callback_acted_on_but_answered_502_is_survived(bot):
    """Discord took the defer but its answer was lost: a 502. discord.py retries after 1 s and
    Discord says 40060 "already acknowledged", so the defer raises. The bot logs the failure,
    does not crash, and serves the next interaction. (The asker's interaction shows "thinking"
    until Discord gives up on it unless the bot sends the answer as a followup anyway.)"""
    fault = bot.fake.fail_next("POST", CALLBACK, status=502, after_handler=True)
    log_before = len(bot.output())
    ask = await bot.fake.send_command("ask", {"question": QUESTION}, user=bot.fake.new_user("asker"))
    await bot.wait_for(lambda: ask.callbacks, ACK_SECONDS + 30, "the /ask callback")
    assert ask.acknowledged_within() < ACK_SECONDS
    await bot.wait_for(lambda: ask.followups or "could not tell the user" in bot.output()[log_before:],
                       ANSWER_SECONDS, "the answer or the logged failure")
    await asyncio.sleep(0.5)  # let any further attempt land
    requests = bot.fake.requests_matching("POST", f"/interactions/{ask.id}/*/callback")
    assert fault.hits == requests[:1] and requests[0].status == 502
    assert len(ask.callbacks) == 1  # Discord's record: deferred exactly once
    if ask.followups:  # the bot carried on as deferred
        answer, = ask.followups
        assert_answers_the_question(answer)
    else:
        log = bot.output()[log_before:]
        assert f"interaction {ask.id} failed" in log
        assert "Interaction has already been acknowledged" in log
        # Its attempt to tell the user (an ephemeral response) meets 40060 too, and is logged.
        assert [r.status for r in requests] == [502, 400, 400]
        assert "could not tell the user about the failure" in log

    ask = await bot.ask()  # the next interaction is served as usual
    answer, = ask.followups
    assert_answers_the_question(answer)


# ---------------------------------------------------------------- shutdown


async def test_sigterm_exits_cleanly_and_the_token_never_shows(bot):
    fake, proc = bot.fake, bot.proc
    assert proc.poll() is None, "the bot died along the way"
    assert fake.unauthorized == []
    assert fake.unhandled == [], f"calls the fake does not serve: {fake.unhandled}"
    # The only errors logged are the ones the fault tests provoked on purpose.
    unexpected = [e for e in logged_errors(bot.output())
                  if not re.match(r"answering a mention failed|interaction \d+ failed"
                                  r"|could not tell the user about the failure", e)]
    assert unexpected == [], unexpected

    # SIGTERM: a clean close of the gateway and exit status 0.
    await assert_stops_cleanly(bot)

    for name, value in bot.observed.items():  # shown with -rP
        print(f"{name}: {value:.3f} s")
    start = fake.gateway_events[0]["at"]
    for event in fake.gateway_events:
        print(f"gateway +{event['at'] - start:7.3f} s", {k: v for k, v in event.items() if k not in ("at", "query")})
    assert_token_never_shown(bot.output())
