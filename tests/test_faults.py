"""Faults the bot must survive: a rebuild killed at random moments, a full disk or read-only index
folder, a missing or broken embedding model, a corrupted index, and an engine that raises.

Each fault is checked where a user meets it: the bot starts, the last good index answers, and
what Discord shows is a short message, never a traceback. The long variants run with
CROSSCHECK_LONG_TESTS=1 (see docs/RELIABILITY.md); CI runs a short version of each.
"""
from __future__ import annotations

import asyncio
import builtins
import errno
import io
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import discord
import pytest
import simcord

from bot import service as service_module
from bot.answer import Engine
from bot.discord_app import ERROR_MESSAGE, CrosscheckBot
from bot.service import Service
from conftest import PROJECT, copy_seeds, make_settings
from fakes import FAKE_MODEL, HashEncoder
from index.build import build_index
from index.store import IndexCorrupt, load_index
from test_discord import World, assert_never_pings, assert_within_limits, make_world, text_of
from test_index_build import (CORRUPTIONS, HINT, LONG_TESTS, SEED_IDS, leftovers,
                              subprocess_env, write_variants)
from test_load import report

QUESTION = "How many people were killed?"
NEW_ARTICLE = ("Kerman toll revised again\n"
               "Officials said on Saturday that 97 people were killed in the Kerman blasts.\n")


# ---------------------------------------------------------------- helpers


def fault_settings(root: Path, **changes):
    """Seeds in root/seeds, the index in root/var/index (the page store beside it, in var/)."""
    return make_settings(root / "seeds", root / "var" / "index", **{"model": FAKE_MODEL, "guild_ids": (), **changes})


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A seeds copy and its index, built with the fast hash encoder (the faults do not depend on
    the vectors)."""
    copy_seeds(tmp_path / "seeds")
    build_index(fault_settings(tmp_path), encoder_factory=HashEncoder)
    return tmp_path


@pytest.fixture
def hash_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """The service loads the hash encoder as its model."""
    monkeypatch.setattr(service_module, "load_encoder", lambda settings: (HashEncoder(), None))


async def started(settings) -> Service:
    service = Service(settings)
    await service.start()
    return service


@asynccontextmanager
async def discord_for(service: Service):
    """A simulated Discord with the bot on `service`, and its members."""
    async with simcord.run(CrosscheckBot(service.settings, service), settle_timeout=120) as env:
        yield make_world(env, service.settings.rebuild_role)


def messages_of(world: World) -> list[str]:
    """The text of every message and interaction response the bot posted or edited."""
    texts = []
    for request in world.env.http_requests:
        body = request.json
        if request.method not in ("POST", "PATCH") or not isinstance(body, dict):
            continue
        body = body.get("data", body) if request.path.endswith("/callback") else body
        if isinstance(body, dict):
            texts.append(json.dumps(body, ensure_ascii=False))
    return texts


def acknowledge_errors(world: World, expected: type[BaseException] | tuple[type[BaseException], ...]) -> list:
    """The errors simcord captured from the bot (each already answered by the bot's error handler)."""
    errors = world.env.errors
    assert all(isinstance(e, expected) for e in errors), errors
    return errors


@contextmanager
def failing_disk(folder: Path, code: int):
    """Writes under `folder` fail the way they do on a full disk (ENOSPC: files open, writes fail)
    or a read-only file system (EROFS: nothing opens for writing). As root, chmod does not stop
    writes, so the failure is injected where Python writes files: open(), io.open(), os.open(),
    os.mkdir()."""
    folder = folder.resolve()
    real_open, real_io_open, real_os_open, real_mkdir = builtins.open, io.open, os.open, os.mkdir

    def inside(path) -> bool:
        try:
            return isinstance(path, (str, bytes, os.PathLike)) and Path(os.fsdecode(path)).resolve().is_relative_to(folder)
        except (OSError, ValueError):
            return False

    def refuse(path) -> OSError:
        return OSError(code, os.strerror(code), os.fsdecode(path))

    class FullFile:
        """A file on a full disk: it opens, and every write fails."""
        def __init__(self, handle) -> None:
            self._handle = handle

        def write(self, data) -> int:
            raise refuse(self._handle.name)

        writelines = write

        def __getattr__(self, name):
            return getattr(self._handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc_info) -> None:
            self._handle.close()

    def checked_open(file, mode="r", *args, **kwargs):
        writing = any(flag in mode for flag in "wax+")
        if writing and inside(file):
            if code != errno.ENOSPC:
                raise refuse(file)
            return FullFile(real_open(file, mode, *args, **kwargs))
        return real_open(file, mode, *args, **kwargs)

    def checked_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and inside(path) and code != errno.ENOSPC:
            raise refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    def checked_mkdir(path, *args, **kwargs):
        if inside(path) and not os.path.lexists(path):   # an existing one is EEXIST, as on Linux
            raise refuse(path)
        return real_mkdir(path, *args, **kwargs)

    builtins.open, io.open, os.open, os.mkdir = checked_open, checked_open, checked_os_open, checked_mkdir
    try:
        yield
    finally:
        builtins.open, io.open, os.open, os.mkdir = real_open, real_io_open, real_os_open, real_mkdir


# ---------------------------------------------------------------- a rebuild killed with SIGKILL

# The bot's own rebuild path (Service.start, then Service.rebuild after new articles arrive) in a
# process of its own, so it can be killed; the hash encoder sleeps a little per passage so the
# embedding phase takes its realistic share of the build.
_REBUILD_SCRIPT = textwrap.dedent("""
    import asyncio, json, os, sys, time
    from pathlib import Path
    import config
    import bot.service as service_module
    from bot.service import Service
    from tests.fakes import HashEncoder

    seeds, index, staging = (Path(a) for a in sys.argv[1:4])

    service_module.load_encoder = lambda settings: (HashEncoder(seconds_per_text=0.002), None)
    settings = config.load_settings(environ={}).replace(seeds_dir=seeds, index_dir=index, model="fake-hash")

    async def main():
        service = Service(settings)
        await service.start()
        for path in sorted(staging.iterdir()):       # new articles arrive, then an admin rebuilds
            os.replace(path, seeds / path.name)
        print("rebuilding", flush=True)
        began = time.perf_counter()
        report = await service.rebuild()
        print(json.dumps({"seconds": time.perf_counter() - began, "added": len(report.added)}), flush=True)
        await asyncio.Event().wait()                  # wait for the kill all the same

    asyncio.run(main())
""")


def rebuild_trial(base: Path, trial: Path, staging_source: Path, script: Path, kill_after: float | None) -> dict:
    """One rebuild in its own process on a copy of `base`; SIGKILL `kill_after` seconds after it
    starts (None: let it finish and time it). Returns what happened."""
    shutil.copytree(base, trial)
    shutil.copytree(staging_source, trial / "staging")
    process = subprocess.Popen([sys.executable, str(script), str(trial / "seeds"), str(trial / "var" / "index"),
                                str(trial / "staging")], cwd=PROJECT, env=subprocess_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        assert line.strip() == "rebuilding", line + process.stderr.read()
        began = time.perf_counter()
        if kill_after is None:
            outcome = json.loads(process.stdout.readline())
        else:
            time.sleep(max(kill_after - (time.perf_counter() - began), 0))
            outcome = {"killed_at": time.perf_counter() - began}
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL, process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    return outcome


def check_killed_rebuilds(tmp_path: Path, variants: int, trials: int, seed: int) -> dict:
    base = tmp_path / "base"
    copy_seeds(base / "seeds")
    build_index(fault_settings(base), encoder_factory=HashEncoder)
    staging = tmp_path / "staging"
    staging.mkdir()
    names = write_variants(staging, variants)
    script = tmp_path / "rebuild.py"
    script.write_text(_REBUILD_SCRIPT)

    # The same rebuild left alone, to know how long it takes here and now.
    full = rebuild_trial(base, tmp_path / "calibration", staging, script, kill_after=None)["seconds"]
    rng = random.Random(seed)
    outcomes = {"old index": 0, "new index": 0}
    for number in range(trials):
        trial = tmp_path / f"trial-{number}"
        delay = rng.uniform(0, full * 1.05)   # a few land just after the swap, most during the build
        rebuild_trial(base, trial, staging, script, kill_after=delay)
        settings = fault_settings(trial)
        index = load_index(settings.index_dir)           # whatever CURRENT names is whole
        ids = tuple(a.id for a in index.articles)
        assert ids in (SEED_IDS, (*SEED_IDS, *names)), (delay, ids[:8])
        outcomes["old index" if ids == SEED_IDS else "new index"] += 1
        # The bot starts on it and answers from it (the last good index)...
        answer = Engine(index, HashEncoder(), settings).ask(QUESTION)
        assert answer.citations and {"84", "103"} <= {v.label for m in answer.figures for v in m.values}, delay
        # ...and its next rebuild completes (the start-up one when the seeds are newer, then /reindex).
        service = asyncio.run(started(settings))
        rebuilt = asyncio.run(service.rebuild())
        assert set(rebuilt.unchanged) == {*SEED_IDS, *names} and not rebuilt.added, delay
        assert set(service.source_ids()) == {*SEED_IDS, *names}
        assert leftovers(settings.index_dir) == [], delay
        assert service.engine is not None and service.engine.ask(QUESTION).citations
    report(f"sigkill-{trials}", {"trials": trials, "new_articles": variants, "full_rebuild_s": round(full, 2),
                                 "kill_window_s": round(full * 1.05, 2), "seed": seed,
                                 "killed_before_swap": outcomes["old index"],
                                 "killed_after_swap": outcomes["new index"]})
    return outcomes


def test_a_rebuild_killed_at_random_moments_leaves_the_last_good_index(tmp_path, hash_model):
    check_killed_rebuilds(tmp_path, variants=20, trials=3, seed=20240103)


@pytest.mark.slow
@pytest.mark.skipif(not LONG_TESTS, reason="set CROSSCHECK_LONG_TESTS=1 for 24 kills of a 60-article rebuild")
def test_a_rebuild_killed_at_random_moments_long(tmp_path, hash_model):
    check_killed_rebuilds(tmp_path, variants=60, trials=24, seed=20240103)


# ---------------------------------------------------------------- a full disk, a read-only index folder


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["disk full", "read-only"])
async def test_reindex_on_a_full_or_read_only_disk_says_why_and_keeps_serving(root, hash_model, code,
                                                                             caplog: pytest.LogCaptureFixture):
    service = await started(fault_settings(root))
    before_engine, before_path = service.engine, load_index(service.settings.index_dir).path
    (root / "seeds" / "005_revised.txt").write_text(NEW_ARTICLE)
    async with discord_for(service) as world:
        with failing_disk(service.settings.index_dir, code):
            failed = await world.manager.slash(world.channel, "reindex")
            asked = await world.alice.slash(world.channel, "ask", question=QUESTION)
        reason = os.strerror(code)
        assert failed.response.content.startswith("Rebuild failed: ")
        assert reason in failed.response.content and "previous index is still answering" in failed.response.content
        assert "Traceback" not in failed.response.content
        # Still answering from the old index, which is untouched on disk.
        assert service.engine is before_engine
        assert "005_revised.txt" not in service.source_ids()
        assert asked.response.embeds and "84" in text_of(asked.response)
        assert load_index(service.settings.index_dir).path == before_path
        assert leftovers(service.settings.index_dir) == []
        # Space freed (or the folder writable again): the next rebuild completes.
        await world.env.advance_time(11)  # past the cooldown
        rebuilt = await world.manager.slash(world.channel, "reindex")
        assert rebuilt.response.embeds[0].title == "Index rebuilt"
        assert "005_revised.txt" in service.source_ids()
        assert_never_pings(world.env)
    assert reason in caplog.text


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["disk full", "read-only"])
async def test_start_on_a_full_or_read_only_disk_serves_the_last_index(root, hash_model, code,
                                                                       caplog: pytest.LogCaptureFixture):
    settings = fault_settings(root)
    before = load_index(settings.index_dir).path
    (root / "seeds" / "005_revised.txt").write_text(NEW_ARTICLE)   # the index is now stale
    with failing_disk(settings.index_dir, code), caplog.at_level(logging.ERROR):
        service = await started(settings)
    assert "index build failed" in caplog.text and os.strerror(code) in caplog.text
    assert service.engine is not None and service.engine.index.path == before
    assert (await service.ask(QUESTION)).citations


async def test_a_full_disk_does_not_stop_paged_answers(root, hash_model):
    service = await started(fault_settings(root))
    async with discord_for(service) as world:
        with failing_disk(root / "var", errno.ENOSPC):
            result = await world.alice.slash(world.channel, "figures")
        assert result.response.embeds, result.response.content


# ---------------------------------------------------------------- the embedding model missing or broken


def broken_model(tmp_path: Path, kind: str) -> str:
    if kind == "missing":
        return str(tmp_path / "no-such-model")
    folder = tmp_path / "broken-model"
    folder.mkdir()
    (folder / "config.json").write_text("{\"model_type\": ")       # a download cut short
    (folder / "modules.json").write_text("[{\"idx\": 0, \"path\": \"\", \"type\": \"nonsense.Module\"}]")
    return str(folder)


@pytest.mark.parametrize("kind", ["missing", "broken"])
async def test_without_the_model_the_bot_answers_from_bm25_marked_degraded(root, tmp_path, kind,
                                                                           caplog: pytest.LogCaptureFixture):
    settings = fault_settings(root, model=broken_model(tmp_path, kind))
    with caplog.at_level(logging.ERROR):
        service = await started(settings)           # the real load_encoder, failing
    assert "could not be loaded" in caplog.text and "BM25 alone" in caplog.text   # said at start
    async with discord_for(service) as world:
        asked = await world.alice.slash(world.channel, "ask", question=QUESTION)
        compared = await world.alice.slash(world.channel, "compare", topic="death toll")
        mention = await world.keeper.send(world.channel, f"{world.bot.user.mention} who claimed the attack?")
        reply = world.channel.last_message
        for message in (asked.response, compared.response, reply):
            page = message.embeds[0]
            assert page.description.startswith("⚠️ **Incomplete answer:** the embedding model is unavailable, "
                                               "so passages are ranked by keywords alone")
            assert page.colour == discord.Colour.orange()
            assert_within_limits(message)
        assert reply.reference.message_id == mention.id
        assert "**[1]**" in asked.response.embeds[0].description       # BM25 still finds passages
        assert "84" in text_of(asked.response)
        # A rebuild needs the model: the admin is told so, and the old index keeps answering.
        engine = service.engine
        refused = await world.manager.slash(world.channel, "reindex")
        assert refused.response.content.startswith("Rebuild failed: the embedding model is unavailable")
        assert service.engine is engine
        assert_never_pings(world.env)


# ---------------------------------------------------------------- a corrupted or hand-edited index


@pytest.mark.parametrize("corruption", CORRUPTIONS)
async def test_the_bot_started_on_a_corrupted_index_rebuilds_it_and_answers(root, hash_model, corruption,
                                                                            caplog: pytest.LogCaptureFixture):
    settings = fault_settings(root)
    CORRUPTIONS[corruption](settings.index_dir)
    with pytest.raises(IndexCorrupt, match="python -m index build"):   # detected at load, naming the fix
        load_index(settings.index_dir)
    service = await started(settings)
    assert tuple(service.source_ids()) == SEED_IDS
    assert load_index(settings.index_dir).manifest.articles.keys() == set(SEED_IDS)
    assert (await service.ask(QUESTION)).citations


async def test_a_corrupted_index_is_answered_on_discord_after_the_start_up_rebuild(root, hash_model):
    settings = fault_settings(root)
    CORRUPTIONS["truncated embeddings.npy, size fixed"](settings.index_dir)
    service = await started(settings)
    async with discord_for(service) as world:
        result = await world.alice.slash(world.channel, "ask", question=QUESTION)
        assert "**[1]**" in result.response.embeds[0].description
        assert not any("Traceback" in text for text in messages_of(world))


def test_a_corrupted_index_without_the_model_stops_the_bot_with_the_fix(root, tmp_path, monkeypatch,
                                                                       capsys: pytest.CaptureFixture,
                                                                       caplog: pytest.LogCaptureFixture):
    """Nothing to rebuild with and nothing sound to serve: `python -m bot` exits 1 with one line
    naming the fix, before connecting to Discord, and never shows a traceback or the token."""
    from bot import __main__ as bot_main

    settings = fault_settings(root, model=broken_model(tmp_path, "missing"))
    CORRUPTIONS["truncated embeddings.npy"](settings.index_dir)

    async def login(bot: CrosscheckBot, token: str) -> None:
        pass

    async def connect(bot: CrosscheckBot, *, reconnect: bool = True) -> None:
        raise AssertionError("connected to Discord without an index")

    monkeypatch.setattr(CrosscheckBot, "login", login)
    monkeypatch.setattr(CrosscheckBot, "connect", connect)
    monkeypatch.setattr(bot_main, "settings_from", lambda args: settings)
    monkeypatch.setenv("DISCORD_TOKEN", "secret-token-value")
    assert bot_main.main(["discord"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: index in ") and HINT in err and "Traceback" not in err
    assert "secret-token-value" not in err + caplog.text


# ---------------------------------------------------------------- the engine raising during a command

SECRET = "Traceback (most recent call last): /srv/crosscheck/var/index secret-detail"


async def test_an_engine_failure_in_any_command_is_a_short_message(root, hash_model, monkeypatch,
                                                                   caplog: pytest.LogCaptureFixture):
    service = await started(fault_settings(root))
    async with discord_for(service) as world:
        answer = await world.alice.slash(world.channel, "ask", question=QUESTION)
        paged = await world.alice.click(answer.response, label="Quotes")   # a multi-page result, paged below
        assert len(paged.response.components) == 2     # the page buttons, then Report a problem

        def broken(*args, **kwargs):
            raise RuntimeError(SECRET)

        for method in ("ask", "compare", "disagreements", "sources"):
            monkeypatch.setattr(service.engine, method, broken)
        monkeypatch.setattr(Service, "_rebuild", lambda self, uploads: broken())
        results = [
            await world.alice.slash(world.channel, "ask", question=QUESTION),
            await world.alice.slash(world.channel, "compare", topic="death toll"),
            await world.manager.slash(world.channel, "figures"),
            await world.manager.slash(world.channel, "sources"),
            await world.keeper.slash(world.channel, "reindex"),
        ]
        clicked = await world.alice.click(paged.response, label="Next ▶")
        quotes = await world.alice.click(answer.response, label="Quotes")
        await world.keeper.send(world.channel, f"{world.bot.user.mention} {QUESTION}")
        for result in results:
            assert result.response.content == ERROR_MESSAGE
        assert clicked.followups[0].content == ERROR_MESSAGE and clicked.followups[0].ephemeral
        assert quotes.response.content == ERROR_MESSAGE and quotes.response.ephemeral
        assert world.channel.last_message.content == ERROR_MESSAGE
        for text in messages_of(world):
            assert "Traceback" not in text and "secret-detail" not in text and "RuntimeError" not in text
        errors = acknowledge_errors(world, discord.app_commands.CommandInvokeError)
        assert len(errors) == len(results)   # the clicks and the mention are handled in place
    assert caplog.text.count("secret-detail") >= len(results) + 2      # the details are in the log
