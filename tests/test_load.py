"""Load, through simcord: a burst of /ask from many users, and questions while a big /reindex runs.

simcord normally settles the bot after each user action; here the interactions are emitted the
way Discord delivers them, while earlier ones are still being answered, and the bot is settled
once at the end. simcord's clock (interaction timestamps, hence cooldowns, and its own 3-second
acknowledgement deadline) follows the arrival schedule. Times are measured on the wall clock
where simcord receives the bot's requests:

  acknowledgement   INTERACTION_CREATE emitted -> the bot's interaction callback (Discord's hard
                    rule: within 3 s, or the interaction fails for the user)
  final answer      emitted -> the follow-up carrying the answer (or the refusal)
  loop lag          how late a 20 ms timer on the bot's event loop fires: a stand-in for the gateway
                    heartbeat, which needs the loop to run (discord.py warns when it cannot send one
                    for 10 s; Discord drops a connection that misses its heartbeat interval, ~41 s)

The numbers are printed (pytest -s) and, with CROSSCHECK_RELIABILITY_REPORT=FILE, appended to
FILE as JSON lines; docs/RELIABILITY.md quotes a run. Only Discord's rules are asserted: the
3-second acknowledgement and a loop that never stalls for seconds.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import simcord

from bot import service as service_module
from bot.discord_app import CrosscheckBot
from bot.service import Service
from conftest import SEEDS_DIR
from test_discord import GUILD_ID, assert_never_pings, assert_within_limits, make_world
from test_index_build import LONG_TESTS

ACK_LIMIT = 3.0          # Discord: an interaction not acknowledged within 3 s fails
LOOP_LAG_LIMIT = 5.0     # half of discord.py's 10 s "heartbeat blocked" warning
COOLDOWN_TEXT = "Slow down a little: you can ask again in "

QUESTIONS = [
    "How many people were killed?", "How many were injured?", "Who claimed the attack?",
    "When did the explosions happen?", "Where did the blasts take place?", "What was the death toll?",
    "how many died", "How many wounded in Kerman?", "Did the death toll change?", "Who was Qassem Soleimani?",
    "How far apart were the two explosions?", "What did Iran say about Israel and the US?",
    "Was it a suicide bombing?", "How many children were among the victims?", "What is ISIS-K?",
    "When was the anniversary ceremony?", "What did the Islamic State say?", "How many people were hurt?",
    "Which agency reported the toll?", "Did the US deny involvement?", "What time did the first blast go off?",
    "How many bombers were there?", "What did Raisi promise?", "Was there a third explosion?",
    "Where is the cemetery?", "How many arrests were made?", "What did the UN say?",
    "Why was the toll revised down?", "What day of the week was it?", "how many people were killed in total",
]


# ---------------------------------------------------------------- measuring


class StampedRequests(list):
    """simcord's request log, with the wall-clock moment each request arrived."""

    def __init__(self, entries) -> None:
        super().__init__(entries)
        self.stamps = [0.0] * len(entries)

    def append(self, entry) -> None:
        self.stamps.append(time.perf_counter())
        super().append(entry)


def stamp_requests(env: simcord.Env) -> StampedRequests:
    env.backend.http_requests = StampedRequests(env.backend.http_requests)
    return env.backend.http_requests


_CALLBACK = re.compile(r"/interactions/(\d+)/[^/]+/callback$")
_FOLLOWUP = re.compile(r"/webhooks/\d+/simcord_interaction_(\d+)$")


def interaction_times(requests: StampedRequests) -> tuple[dict[int, float], dict[int, float], dict[int, int]]:
    """(first callback, last answer, callback type) per interaction id: the answer is the follow-up
    that completes a deferred response (type 5), or the callback itself for an immediate reply (4)."""
    acked: dict[int, float] = {}
    answered: dict[int, float] = {}
    kinds: dict[int, int] = {}
    for entry, stamp in zip(requests, requests.stamps):
        if entry.method != "POST":
            continue
        if match := _CALLBACK.search(entry.path):
            interaction = int(match[1])
            acked.setdefault(interaction, stamp)
            kinds.setdefault(interaction, entry.json.get("type"))
            if entry.json.get("type") == 4:       # an immediate reply: the answer too
                answered[interaction] = stamp
        elif match := _FOLLOWUP.search(entry.path):
            answered[int(match[1])] = stamp
    return acked, answered, kinds


class LoopLag:
    """Schedules a short sleep over and over; records how late each one wakes."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.worst = 0.0
        self.samples = 0
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        while True:
            began = time.perf_counter()
            await asyncio.sleep(self.interval)
            self.worst = max(self.worst, time.perf_counter() - began - self.interval)
            self.samples += 1

    def __enter__(self) -> LoopLag:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc_info) -> None:
        assert self._task is not None
        self._task.cancel()


@contextlib.contextmanager
def unsettled(env: simcord.Env):
    """User actions return as soon as Discord has delivered them, without waiting for the bot."""
    async def delivered_only(**kwargs) -> None:
        return None

    env._settle_internal = delivered_only
    try:
        yield
    finally:
        del env._settle_internal


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def report(name: str, numbers: dict) -> None:
    print(f"\nRELIABILITY {name}: " + ", ".join(f"{k}={v}" for k, v in numbers.items()))
    target = os.environ.get("CROSSCHECK_RELIABILITY_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"test": name, **numbers}) + "\n")


@dataclass
class Sent:
    at: float                    # wall clock when emitted
    user: int
    question: str
    result: simcord.InteractionResult
    during_rebuild: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def id(self) -> int:
        return self.result._interaction.id


# ---------------------------------------------------------------- fixtures


async def start_service(root: Path, seed_index_dir: Path, encoder, settings_for) -> Service:
    shutil.copytree(seed_index_dir.parent / "seeds", root / "seeds")
    shutil.copytree(seed_index_dir, root / "var" / "index")
    service = Service(settings_for(root / "seeds", root / "var" / "index", guild_ids=(), cooldown_rate=3,
                                   cooldown_seconds=10.0))
    with pytest.MonkeyPatch.context() as patch:   # the session's model, not a second copy of it
        patch.setattr(service_module, "load_encoder", lambda settings: (encoder, None))
        await service.start()
    return service


# ---------------------------------------------------------------- a burst of /ask


async def test_200_asks_from_50_users_within_10_seconds(tmp_path, seed_index_dir, encoder, settings_for):
    service = await start_service(tmp_path, seed_index_dir, encoder, settings_for)
    rng = random.Random(20240103)
    users, asks_each, window = 50, 4, 10.0
    schedule = sorted((rng.uniform(0, window * 0.95), user, rng.choice(QUESTIONS))
                      for user in range(users) for _ in range(asks_each))
    sent: list[Sent] = []
    async with simcord.run(CrosscheckBot(service.settings, service), settle_timeout=900) as env:
        requests = stamp_requests(env)
        guild = env.create_guild(id=GUILD_ID)
        channel = guild.create_text_channel("news")
        members = [guild.add_member(env.create_user(f"reader{n}")) for n in range(users)]
        virtual_start = env.backend.clock.elapsed
        with LoopLag() as lag:
            began = time.perf_counter()
            with unsettled(env):
                for offset, user, question in schedule:
                    await asyncio.sleep(max(began + offset - time.perf_counter(), 0))
                    env._move_clock(virtual_start + offset)     # interaction timestamps follow the schedule
                    at = time.perf_counter()
                    result = await members[user].slash(channel, "ask", question=question)
                    sent.append(Sent(at, user, question, result))
            arrival_span = time.perf_counter() - began
            await env.settle(timeout=900)
        acked, answered_at, kinds = interaction_times(requests)

        answered = [s for s in sent if kinds[s.id] == 5]     # deferred ("thinking..."), then answered
        refused = [s for s in sent if kinds[s.id] == 4]      # replied to at once
        # Nothing lost: every interaction was acknowledged, then answered or refused.
        assert len(sent) == users * asks_each and len(answered) + len(refused) == len(sent)
        assert all(s.result.acknowledged and not s.result._interaction.loading for s in sent)
        for s in answered:
            page = s.result.response.embeds[0]
            assert not s.result.ephemeral and page.title == s.question     # its own answer, not another's
            assert_within_limits(s.result.response)
        for s in refused:    # politely: an ephemeral message saying when to ask again
            assert s.result.ephemeral and s.result.response.content.startswith(COOLDOWN_TEXT)
        # All asks arrive inside one 10 s cooldown window: each user's fourth is the one refused.
        fourth = {id(s) for user in range(users) for s in [x for x in sent if x.user == user][asks_each - 1:]}
        assert {id(s) for s in refused} == fourth
        assert len(answered) == users * 3 and len(refused) == users
        errors = env.errors   # simcord records each refusal as the CheckFailure the bot handled
        assert len(errors) == len(refused) and all(type(e).__name__ == "Refused" for e in errors)
        assert_never_pings(env)

    ack = [acked[s.id] - s.at for s in sent]
    final = [answered_at[s.id] - s.at for s in answered]
    numbers = {"interactions": len(sent), "users": users, "arrival_span_s": round(arrival_span, 2),
               "answered": len(answered), "refused_cooldown": len(refused),
               "ack_max_s": round(max(ack), 3), "ack_p95_s": round(percentile(ack, 0.95), 3),
               "answer_p50_s": round(statistics.median(final), 2), "answer_p95_s": round(percentile(final, 0.95), 2),
               "answer_max_s": round(max(final), 2), "loop_lag_max_s": round(lag.worst, 3),
               "loop_lag_samples": lag.samples}
    report("burst", numbers)
    assert max(ack) <= ACK_LIMIT, numbers
    assert lag.worst < LOOP_LAG_LIMIT, numbers


# ---------------------------------------------------------------- questions during a big /reindex


def write_corpus(seeds: Path, articles: int) -> int:
    """Grow the seeds folder to `articles` files with varied articles made from the seeds' own
    sentences and different numbers (bench/synth.py); returns how many were added."""
    try:
        from bench.synth import generate
    except ImportError:   # without the benchmarks: the indexer tests' simpler variants of the seeds
        from test_index_build import write_variants

        return len(write_variants(seeds, articles - len(list(SEEDS_DIR.glob("*.txt")))))
    made = generate(seeds.parent / "corpus", articles, SEEDS_DIR)
    added = 0
    for path in made:
        if not (seeds / path.name).exists():
            shutil.copyfile(path, seeds / path.name)
            added += 1
    return added


async def check_answers_during_reindex(tmp_path, seed_index_dir, encoder, settings_for, articles: int) -> dict:
    service = await start_service(tmp_path, seed_index_dir, encoder, settings_for)
    added = write_corpus(service.settings.seeds_dir, articles)
    readers = 40          # each asks every 20 s at most: well inside the cooldown
    sent: list[Sent] = []
    async with simcord.run(CrosscheckBot(service.settings, service), settle_timeout=3600) as env:
        requests = stamp_requests(env)
        world = make_world(env, service.settings.rebuild_role)
        members = [world.channel.guild.add_member(env.create_user(f"reader{n}")) for n in range(readers)]
        virtual_start = env.backend.clock.elapsed
        with LoopLag() as lag:
            began = time.perf_counter()
            with unsettled(env):
                reindex = await world.manager.slash(world.channel, "reindex")
                deadline = time.perf_counter() + 60
                while not service.rebuilding:          # the rebuild has started in its thread
                    assert time.perf_counter() < deadline and not reindex.acknowledged or not reindex.response \
                        or not reindex.response.content, "the rebuild never started"
                    await asyncio.sleep(0.01)
                number = 0
                while service.rebuilding and number < 2000:
                    await asyncio.sleep(0.5)
                    env._move_clock(virtual_start + time.perf_counter() - began)
                    question = QUESTIONS[number % len(QUESTIONS)]
                    at = time.perf_counter()
                    result = await members[number % readers].slash(world.channel, "ask", question=question)
                    sent.append(Sent(at, number % readers, question, result, during_rebuild=service.rebuilding))
                    number += 1
            await env.settle(timeout=3600)
        acked, answered_at, kinds = interaction_times(requests)
        rebuilt_at = answered_at[reindex._interaction.id]

        page = reindex.response.embeds[0]
        assert page.title == "Index rebuilt" and f"Added ({added})" in {f.name for f in page.fields}
        assert len(service.source_ids()) == articles
        assert sent and all(kinds[s.id] == 5 and not s.result._interaction.loading and not s.result.ephemeral
                            for s in sent)
        for s in sent:
            assert s.result.response.embeds[0].title == s.question
        simcord.assert_no_errors(env)

    during = [s for s in sent if s.during_rebuild]
    answered_during = [s for s in during if answered_at[s.id] < rebuilt_at]
    ack = [acked[s.id] - s.at for s in sent]
    final = [answered_at[s.id] - s.at for s in during]
    numbers = {"articles": articles, "added": added, "rebuild_s": round(rebuilt_at - began, 1),
               "asks_during_rebuild": len(during), "answered_before_rebuild_finished": len(answered_during),
               "ack_max_s": round(max(ack), 3), "answer_p50_s": round(statistics.median(final), 2),
               "answer_p95_s": round(percentile(final, 0.95), 2), "loop_lag_max_s": round(lag.worst, 3)}
    report(f"reindex-{articles}", numbers)
    assert max(ack) <= ACK_LIMIT, numbers
    assert lag.worst < LOOP_LAG_LIMIT, numbers
    # Questions kept being answered while the rebuild ran (from the old index), not after it.
    assert len(answered_during) >= min(5, len(during)) and len(answered_during) >= len(during) // 2, numbers
    return numbers


async def test_questions_are_answered_while_a_reindex_runs(tmp_path, seed_index_dir, encoder, settings_for):
    await check_answers_during_reindex(tmp_path, seed_index_dir, encoder, settings_for, articles=100)


@pytest.mark.slow
@pytest.mark.skipif(not LONG_TESTS, reason="set CROSSCHECK_LONG_TESTS=1 for the 1,000-article reindex (minutes)")
async def test_questions_are_answered_while_a_1000_article_reindex_runs(tmp_path, seed_index_dir, encoder,
                                                                         settings_for):
    await check_answers_during_reindex(tmp_path, seed_index_dir, encoder, settings_for, articles=1000)
