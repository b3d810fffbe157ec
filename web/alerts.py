"""Alerts: after a rebuild, what changed is queued once for the channels that caused it.

A rebuild's causes (a followed feed with the articles it saved, /add, /reindex) are recorded
in the state before it starts. After any rebuild, and once at start-up, settle() compares the
new engine with the facts already announced (web/changes.py), queues one message per channel
(a feed's channel hears about its own articles; /add and /reindex about everything the rebuild
changed) and records the facts as known, in one transaction. So a change is queued once: a
second rebuild finds nothing new, and a rebuild interrupted by a crash leaves its causes for
the rebuild at the next start-up to announce. Nothing is queued when nothing changed. The very
first settle only takes stock: an existing index is not news.
"""
from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from bot.answer import Engine
from bot.web_render import change_lines
from web import pages
from web.changes import changes_since, facts
from state import State


@dataclass(frozen=True)
class Queued:
    channel_id: int
    label: str                       # the causes: "/add", a feed's URL, ...


_settling = threading.Lock()   # one settle at a time: each reads the known facts, then adds to them


def take_stock(state: State, engine: Engine) -> None:
    """Before the first alert can be worked out: what `engine` shows is known, not news."""
    with _settling:
        if state.facts() is None:
            state.settle(facts(engine), [], [])


def settle(state: State, engine: Engine, seeds: Path) -> list[Queued]:
    """Queue the alerts for what `engine` shows that was not announced yet; returns them."""
    take_stock(state, engine)
    with _settling:
        return _settle(state, engine, seeds)


def _settle(state: State, engine: Engine, seeds: Path) -> list[Queued]:
    known = state.facts() or set()
    causes = state.causes()
    found = changes_since(known, engine)
    # One message per channel: causes that share one merge (None, "everything", absorbs ids).
    by_channel: dict[int, tuple[list[str], set[str] | None]] = {}
    for cause in causes:
        labels, ids = by_channel.setdefault(cause.channel_id, ([], set()))
        labels.append(cause.label)
        # A feed's articles are known by the feed named in their sidecars: written with the
        # page, so a crash cannot leave a page whose feed is unknown.
        mine = pages.feed_articles(seeds, cause.feed_url) if cause.feed_url else None
        merged = None if ids is None or mine is None else ids | mine
        by_channel[cause.channel_id] = (labels, merged)
    alerts = []
    for channel, (labels, ids) in by_channel.items():
        # The channel's /settings: which measures its alerts follow, and where they are posted.
        settings = state.channel_settings(channel)
        part = found.about(ids).following(set(settings.alert_measures))
        if part:
            alerts.append((settings.alert_channel or channel, ", ".join(dict.fromkeys(labels)),
                           {"lines": change_lines(part, markdown=True), "warn": bool(part.disputes or part.revisions)}))
    state.settle(found.keys, alerts, [c.id for c in causes])
    return [Queued(channel, label) for channel, label, _ in alerts]


class ChannelLimiter:
    """At most `per_minute` alerts per channel in any 60 s: a busy story does not flood a
    channel (nor hit Discord's own limits); what waits stays queued, in order."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = max(per_minute, 1)
        self._sent: dict[int, deque[float]] = {}

    def allow(self, channel_id: int, now: float) -> bool:
        """Counts a post and returns True, or returns False when the channel must wait."""
        sent = self._sent.setdefault(channel_id, deque())
        while sent and sent[0] <= now - 60:
            sent.popleft()
        if len(sent) >= self.per_minute:
            return False
        sent.append(now)
        return True
