"""Followed feeds: parsing (feedparser, RSS and Atom), the polling schedule and which entries
are added.

Decides:
- when a feed is polled next: every feed_poll_seconds, with ±10% jitter so feeds followed
  together drift apart, and after errors backing off to twice the interval per failure in a
  row, at most a day;
- how it is asked: a conditional GET with the ETag and Last-Modified of its last answer, so an
  unchanged feed costs a 304 and nothing more;
- which entries are considered: the feed_max_entries newest not seen before (a feed of 10,000
  entries is 20 fetches, not 10,000; the rest are recorded as skipped);
- which of those are about this story: any of the keywords given in the title or summary, or,
  without keywords, a summary similar enough (settings.min_similarity, the /compare threshold)
  to a passage already indexed. Others are skipped and counted;
- what an entry becomes: its link fetched and saved exactly as /add does (web/pages.py).

poll_and_rebuild runs in a worker thread: it saves the pages, then rebuilds once per poll.
"""
from __future__ import annotations


import calendar
import random
import re
import time
from datetime import datetime, timezone
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import feedparser

from bot.answer import Engine
from config import Settings
from web import pages
from web.fetch import FEED_TYPES, Fetcher, FetchError
from state import Feed, State

MAX_BACKOFF_SECONDS = 86_400.0
JITTER = 0.1
_TAG = re.compile(r"<[^>]{0,1000}>")


class FeedError(ValueError):
    """A feed that cannot be read; str() says why."""


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str | None
    summary: str                 # plain text
    published: float | None      # seconds since the epoch, when the feed says


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: tuple[Entry, ...]   # newest first


@dataclass
class FeedPoll:
    """One feed's poll: what it added, for the rebuild cause and the /feeds status."""
    feed: Feed
    article_ids: list[str] = field(default_factory=list)
    skipped: int = 0
    error: str | None = None


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """Entries newest first; FeedError when the body is no feed at all. A feed with a flaw
    (feedparser's "bozo") but readable entries is read: feeds in the wild often have one."""
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version"):
        raise FeedError(f"{url} is not an RSS or Atom feed"
                        + (f" ({parsed.get('bozo_exception')})" if parsed.bozo else ""))
    entries = []
    for raw in parsed.entries:
        link = raw.get("link") or None
        title = _text(raw.get("title", ""))
        entry_id = raw.get("id") or link or title
        if not entry_id:
            continue
        stamp = raw.get("published_parsed") or raw.get("updated_parsed")
        entries.append(Entry(entry_id, title, link, _text(raw.get("summary", "")),
                             calendar.timegm(stamp) if stamp else None))
    if parsed.bozo and not entries:
        raise FeedError(f"{url} is not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
    # Feeds list newest first by convention; when every entry is dated, the dates decide.
    if entries and all(e.published is not None for e in entries):
        entries.sort(key=lambda e: -e.published)
    return ParsedFeed(_text(parsed.feed.get("title", "")) or url, tuple(entries))


def next_poll(now: float, interval: float, failures: int, rng: random.Random) -> float:
    """When to poll again: the interval, doubled per failure in a row (at most a day), ±10%."""
    wait = min(interval * 2 ** min(failures, 20), max(interval, MAX_BACKOFF_SECONDS))
    return now + wait * rng.uniform(1 - JITTER, 1 + JITTER)


def is_relevant(entry: Entry, keywords: Sequence[str], engine: Engine, min_similarity: float) -> bool:
    text = f"{entry.title}. {entry.summary}".strip()
    if keywords:
        lowered = text.lower()
        return any(keyword.lower() in lowered for keyword in keywords)
    hits = engine.searcher.search(text, k=3)
    if engine.searcher.encoder is None:      # keywords alone: any shared word counts
        return any(hit.bm25 > 0 for hit in hits)
    return max((hit.embedding for hit in hits), default=0.0) >= min_similarity


def poll_feeds(settings: Settings, state: State, fetcher: Fetcher, engine: Engine, due: Sequence[Feed],
               rng: random.Random | None = None) -> list[FeedPoll]:
    """Poll each due feed once (blocking: a worker thread), save its new relevant entries as
    seed files and record everything in the state. No rebuild here."""
    rng = rng or random.Random()
    known_hashes = {a.content_hash for a in engine.index.articles}
    results = []
    for feed in due:
        poll = FeedPoll(feed)
        records: list[tuple[str, str, str | None, str | None]] = []
        headers = {k: v for k, v in (("If-None-Match", feed.etag), ("If-Modified-Since", feed.last_modified)) if v}
        response = None
        try:
            response = fetcher.fetch_blocking(feed.url, FEED_TYPES, headers)
            if not response.not_modified:
                records = _take_entries(settings, state, fetcher, engine, feed, parse_feed(response.body, response.url),
                                        known_hashes, poll)
        except (FetchError, FeedError) as error:
            poll.error = str(error)
        failures = feed.failures + 1 if poll.error else 0
        state.record_poll(feed.url, next_poll=next_poll(time.time(), settings.feed_poll_seconds, failures, rng),
                          etag=response.etag if response else None,
                          last_modified=response.last_modified if response else None,
                          error=poll.error, entries=records)
        results.append(poll)
    return results


def poll_and_rebuild(settings: Settings, state: State, fetcher: Fetcher, engine: Engine, due: Sequence[Feed],
                     rebuild: Callable[[], object]) -> list[FeedPoll]:
    """Poll the due feeds, then rebuild once for everything they added (not at all if nothing).

    Each feed's channel is recorded as a cause before anything is fetched, so the rebuild's
    alerts find their way there even when a crash cuts the poll or the rebuild short and the
    start-up rebuild has to announce them. A feed that added nothing drops its cause.
    """
    causes = {feed.url: state.add_cause(feed.channel_id, feed.url, feed.url) for feed in due if feed.channel_id}
    polls = poll_feeds(settings, state, fetcher, engine, due)
    for poll in polls:
        if not poll.article_ids and poll.feed.url in causes:
            state.drop_cause(causes[poll.feed.url])
    if any(p.article_ids for p in polls):
        rebuild()
    return polls


def _take_entries(settings: Settings, state: State, fetcher: Fetcher, engine: Engine, feed: Feed,
                  parsed: ParsedFeed, known_hashes: set[str], poll: FeedPoll) -> list[tuple[str, str, str | None, str | None]]:
    seen = state.seen_entries(feed.url, [e.id for e in parsed.entries])
    fresh = [e for e in parsed.entries if e.id not in seen]
    records: list[tuple[str, str, str | None, str | None]] = [
        (e.id, "skipped", None, f"older than the newest {settings.feed_max_entries}")
        for e in fresh[settings.feed_max_entries:]]
    for entry in fresh[: settings.feed_max_entries]:
        if not entry.link:
            records.append((entry.id, "skipped", None, "no link"))
        elif not is_relevant(entry, feed.keywords, engine, settings.min_similarity):
            records.append((entry.id, "skipped", None, "about another story"))
        else:
            try:
                saved = pages.add_url(settings, fetcher, entry.link, known_hashes, entry_provenance(feed.url, entry))
            except pages.AlreadyAdded as error:
                # Saved by a poll a crash cut short before it could record the entry.
                records.append((entry.id, "added", error.article_id, "saved before a restart"))
                continue
            except (FetchError, pages.PageRejected) as error:
                records.append((entry.id, "failed", None, str(error)[:500]))
                continue
            known_hashes.add(saved.article.content_hash)
            records.append((entry.id, "added", saved.article.id, None))
            poll.article_ids.append(saved.article.id)
    poll.skipped = sum(1 for r in records if r[1] == "skipped")
    return records


def _text(html: str) -> str:
    return " ".join(_TAG.sub(" ", html).split())


def entry_provenance(feed_url: str, entry) -> dict[str, str]:
    """What a saved page records of the feed it came from: the feed, and the entry's date (used as
    the article's publication date when the page itself gives none)."""
    found = {"feed": feed_url}
    if entry.published is not None:
        found["published"] = datetime.fromtimestamp(entry.published, timezone.utc).date().isoformat()
    return found
