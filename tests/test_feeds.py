"""Feeds against a local server: parsing, the schedule, conditional GET, skip rules, one rebuild
per poll, hostile feeds, and alerts queued exactly once, also across a restart and a crash
mid-rebuild."""
from __future__ import annotations

import dataclasses
import random
import re
import time
from pathlib import Path

import pytest

from bot.service import Service
from web import alerts
from web.feeds import FeedError, next_poll, parse_feed, poll_and_rebuild
from state import ChannelSettings, State
from web_server import UPDATE, article_html, live, site  # noqa: F401 (fixtures)

CHANNEL = 4242
RELEVANT = ("k1", "Kerman blasts: death toll revised to 95", "/story")
OTHER = ("f1", "Football: City beat United 3-1 in the Manchester derby", "/football")
FOOTBALL = article_html("City beat United", "A late goal settled the Manchester derby on Sunday afternoon.")


# --- parsing and the schedule ---------------------------------------------------------------

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<entry><id>urn:a</id><title>Older</title><link href="http://x.example/a"/><updated>2024-01-03T10:00:00Z</updated>
<summary type="html">&lt;p&gt;older &lt;b&gt;one&lt;/b&gt;&lt;/p&gt;</summary></entry>
<entry><id>urn:b</id><title>Newer</title><link href="http://x.example/b"/><updated>2024-01-04T10:00:00Z</updated></entry>
</feed>"""


def test_atom_entries_come_newest_first_with_plain_summaries():
    parsed = parse_feed(ATOM, "http://x.example/atom")
    assert parsed.title == "Atom news"
    assert [(e.id, e.link, e.summary) for e in parsed.entries] == [
        ("urn:b", "http://x.example/b", ""), ("urn:a", "http://x.example/a", "older one")]


def test_rss_with_a_flaw_but_entries_is_read():
    parsed = parse_feed(b"<rss><channel><title>T</title><item><title>A &amp; B</title><link>http://x.example/1</link>"
                        b"</item><item><title>broken & unescaped</title><link>http://x.example/2</link></item>"
                        b"</channel></rss>", "http://x.example/rss")
    assert [e.link for e in parsed.entries][:1] == ["http://x.example/1"]


@pytest.mark.parametrize("body", [b"<rss><channel><item><title>broken & <b>unclosed", b"not xml at all {",
                                  b"<html><body><p>a web page</p></body></html>", b""])
def test_what_is_no_feed_is_a_clear_error(body):
    with pytest.raises(FeedError, match="not an? (?:readable )?RSS or Atom feed"):
        parse_feed(body, "http://x.example/feed")


def test_polls_are_jittered_and_back_off_after_errors():
    rng = random.Random(1)
    plain = [next_poll(0, 600, 0, rng) for _ in range(200)]
    assert 540 <= min(plain) < 560 and 640 < max(plain) <= 660          # ±10%
    assert 1080 <= next_poll(0, 600, 1, rng) <= 1320 and 4320 <= next_poll(0, 600, 3, rng) <= 5280
    assert next_poll(0, 600, 30, rng) <= 86_400 * 1.1                  # at most a day


# --- polling against the local server -------------------------------------------------------

@pytest.fixture
def watch(live: Service, site, tmp_path):
    """A state beside the service's index, stock taken of the current index (as the bot does at
    start), and poll() running one poll the way the bot's loop does; counts rebuilds."""
    site.pages.update({"/football": FOOTBALL, "/update": UPDATE})
    state = State(tmp_path / "state.sqlite3")
    alerts.settle(state, live.engine, live.settings.seeds_dir)
    rebuilds = []

    def poll(feeds=None):
        due = feeds or state.due_feeds(time.time() + 10 ** 6)
        before = live.engine
        rebuilds_before = len(rebuilds)
        polls = poll_and_rebuild(live.settings, state, live.fetcher, before, due,
                                 lambda: rebuilds.append(live.build_and_swap(before)))
        return polls, len(rebuilds) - rebuilds_before

    live.on_swap.append(lambda before, after: alerts.settle(state, after, live.settings.seeds_dir))
    return state, poll, rebuilds


async def run(poll, *args):
    import asyncio

    return await asyncio.to_thread(poll, *args)   # the server answers on this test's loop


async def test_a_new_entry_is_added_and_alerted_exactly_once(live, site, watch):
    state, poll, _ = watch
    site.feed_entries = [RELEVANT, OTHER]
    state.follow(f"{site.base}/feed.xml", CHANNEL, [])
    (result,), rebuilt = await run(poll)
    assert rebuilt == 1 and len(result.article_ids) == 1 and result.skipped == 1 and result.error is None
    feed = state.feed(f"{site.base}/feed.xml")
    assert (feed.added, feed.skipped, feed.failed, feed.etag) == (1, 1, 0, '"v1"')
    assert site.hits.get("/football") is None          # skipped by its summary: never fetched
    [alert] = state.pending_alerts()
    assert alert.channel_id == CHANNEL and alert.label == f"{site.base}/feed.xml"
    text = "\n".join(alert.body["lines"])
    assert "New source: [Local News]" in text and "95" in text
    answer = await live.ask("How many people were killed?")
    assert "95" in {v.label for m in answer.figures for v in m.values}

    # Unchanged feed: a conditional GET answered 304; nothing fetched, rebuilt or alerted.
    hits = dict(site.hits)
    _, rebuilt = await run(poll)
    assert rebuilt == 0 and site.hits["/feed.xml"] == hits["/feed.xml"] + 1
    assert site.hits["/story"] == hits["/story"] and len(state.pending_alerts()) == 1

    # Another rebuild with nothing new, and a restart (a new state and service on the same
    # folders): the change is not queued again.
    await live.rebuild()
    restarted = Service(live.settings)
    restarted._encoder = live._encoder
    await restarted.start()
    reopened = State(state.path)
    assert alerts.settle(reopened, restarted.engine, live.settings.seeds_dir) == []
    assert len(reopened.pending_alerts()) == 1


async def test_one_rebuild_per_poll_however_many_entries(live, site, watch):
    state, poll, _ = watch
    site.feed_entries = [RELEVANT, ("k2", "Kerman bombing death toll rises to 103", "/update")]
    state.follow(f"{site.base}/feed.xml", CHANNEL, ["kerman"])
    (result,), rebuilt = await run(poll)
    assert rebuilt == 1 and len(result.article_ids) == 2
    [alert] = state.pending_alerts()                     # one message for the channel
    assert sum(line.startswith("New source") for line in alert.body["lines"]) == 2


async def test_keywords_decide_when_given(live, site, watch):
    state, poll, _ = watch
    site.feed_entries = [RELEVANT, OTHER]
    state.follow(f"{site.base}/feed.xml", CHANNEL, ["derby"])
    (result,), _ = await run(poll)
    assert result.skipped == 1 and site.hits.get("/story") is None and site.hits["/football"] == 1


async def test_a_kill_mid_rebuild_is_alerted_once_after_the_restart(live, site, watch, monkeypatch):
    state, poll, _ = watch
    site.feed_entries = [RELEVANT]
    state.follow(f"{site.base}/feed.xml", CHANNEL, [])

    class Killed(BaseException):
        """Stands for SIGKILL: nothing after it runs, no handler sees it."""

    def killed(before, saved=()):
        raise Killed()

    monkeypatch.setattr(live, "build_and_swap", killed)
    with pytest.raises(Killed):
        await run(poll)
    assert state.pending_alerts() == [] and len(state.causes()) == 1
    # The restart: the page is on disk, newer than the index, so the start-up build takes it in;
    # the start-up settle announces it to the feed's channel, once.
    restarted = Service(live.settings)
    restarted._encoder = live._encoder
    await restarted.start()
    reopened = State(state.path)
    assert [q.channel_id for q in alerts.settle(reopened, restarted.engine, live.settings.seeds_dir)] == [CHANNEL]
    assert alerts.settle(reopened, restarted.engine, live.settings.seeds_dir) == [] and reopened.causes() == []
    [alert] = reopened.pending_alerts()
    assert any("New source" in line for line in alert.body["lines"])
    # The entry was seen before the crash: the next poll neither refetches nor re-adds it.
    hits = site.hits["/story"]
    site.feed_etag = '"v2"'
    (result,), rebuilt = await run(poll)
    assert rebuilt == 0 and site.hits["/story"] == hits


@pytest.mark.parametrize("path, message", [
    ("/malformed.xml", "not a readable RSS or Atom feed"),
    ("/image.png", "is image/png"),
    ("/huge", "larger than"),
    ("/drip", "timed out"),
    ("/loop-a", "redirect loop"),
])
async def test_a_hostile_feed_is_an_error_that_backs_off_and_adds_nothing(live, site, watch, path, message):
    state, poll, _ = watch
    engine = live.engine
    state.follow(f"{site.base}{path}", CHANNEL, [])
    started = time.time()
    (result,), rebuilt = await run(poll)
    assert message in result.error and rebuilt == 0 and live.engine is engine
    feed = state.feed(f"{site.base}{path}")
    assert feed.failures == 1 and message in feed.last_error
    assert feed.next_poll - started > live.settings.feed_poll_seconds * 2 * 0.9   # backed off
    assert not (Path(live.settings.seeds_dir) / "web").exists()


async def test_a_feed_of_10000_entries_costs_a_handful_of_fetches(live, site, watch):
    state, poll, _ = watch
    live.fetcher.limits = dataclasses.replace(live.fetcher.limits, max_bytes=5_000_000)   # 1.3 MB of XML
    state.follow(f"{site.base}/big-feed.xml", CHANNEL, ["kerman"])
    started = time.monotonic()
    (result,), rebuilt = await run(poll)
    assert time.monotonic() - started < 60
    feed = state.feed(f"{site.base}/big-feed.xml")
    # The 5 newest (feed_max_entries) are tried (their links are 404 here); the rest skipped.
    assert (feed.added, feed.failed, feed.skipped) == (0, 5, 9_995) and rebuilt == 0
    assert sum(v for k, v in site.hits.items() if k.startswith("/missing/")) == 5
    assert not (Path(live.settings.seeds_dir) / "web").exists()
    (again,), _ = await run(poll)                       # all 10,000 are seen now
    assert state.feed(f"{site.base}/big-feed.xml").failed == 5


def test_a_feed_entrys_date_is_the_articles_when_the_page_gives_none(tmp_path):
    import json

    from config import load_settings
    from web.feeds import Entry, entry_provenance
    from web.fetch import Response
    from web.pages import save_page

    settings = load_settings().replace(seeds_dir=tmp_path / "seeds")
    (tmp_path / "seeds").mkdir()
    entry = Entry("e1", "Floods", "https://news.example/floods", "", time.mktime((2025, 4, 14, 12, 0, 0, 0, 0, 0)))
    body = ("<html><body><article><h1>Floods hit Lowtown</h1><p>" + "Floods killed 17 people in Lowtown, "
            "officials said, and hundreds were evacuated from the valley overnight. " * 6 + "</p></article></body></html>")
    page = Response("https://news.example/floods", 200, "text/html", "utf-8", body.encode())
    saved = save_page(settings, page, set(), entry_provenance("https://news.example/feed", entry))
    sidecar = json.loads(saved.path.with_name(saved.path.name + ".meta.json").read_text(encoding="utf-8"))
    assert sidecar["published"] == "2025-04-14" and sidecar["feed"] == "https://news.example/feed"
    assert saved.article.published == "2025-04-14"


async def test_a_channels_settings_choose_where_its_alerts_go_and_which_measures_they_follow(live, site, watch):
    state, poll, _ = watch
    site.feed_entries = [RELEVANT]
    state.follow(f"{site.base}/feed.xml", CHANNEL, [])
    state.set_channel_settings(CHANNEL, ChannelSettings(alert_channel=777, alert_measures=("injured",)), "mod")
    await run(poll)
    [alert] = state.pending_alerts()
    text = "\n".join(alert.body["lines"])
    assert alert.channel_id == 777 and "New source: [Local News]" in text   # a new article is news anyway
    assert not re.search(r"\b95\b", text) and "killed" not in text         # killed is not followed here
