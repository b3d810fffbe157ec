"""Followed feeds, their poll status and the entries already seen."""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass

from state.database import Database


@dataclass(frozen=True)
class Feed:
    url: str
    channel_id: int | None
    keywords: tuple[str, ...]
    etag: str | None
    last_modified: str | None
    last_poll: float | None
    next_poll: float
    failures: int
    last_error: str | None
    added: int
    skipped: int
    failed: int                      # entries whose page could not be fetched or read



class FeedTables(Database):
    def follow(self, url: str, channel_id: int | None, keywords: Sequence[str]) -> bool:
        """Follow a feed (or change its channel and keywords); True if it is new."""
        with self._transaction() as db:
            new = not db.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)).fetchone()
            db.execute("INSERT INTO feeds (url, channel_id, keywords, followed_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT(url) DO UPDATE SET channel_id = excluded.channel_id, "
                       "keywords = excluded.keywords, next_poll = 0",
                       (url, channel_id, "\n".join(keywords), time.time()))
        return new

    def unfollow(self, url: str) -> bool:
        with self._transaction() as db:
            db.execute("DELETE FROM entries WHERE feed_url = ?", (url,))
            return db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0

    def feeds(self) -> list[Feed]:
        return [_feed(row) for row in self._query("SELECT * FROM feeds ORDER BY followed_at, url")]

    def feed(self, url: str) -> Feed | None:
        rows = self._query("SELECT * FROM feeds WHERE url = ?", (url,))
        return _feed(rows[0]) if rows else None

    def due_feeds(self, now: float) -> list[Feed]:
        return [_feed(r) for r in self._query("SELECT * FROM feeds WHERE next_poll <= ? ORDER BY next_poll", (now,))]

    def seen_entries(self, url: str, entry_ids: Sequence[str]) -> set[str]:
        seen: set[str] = set()
        for start in range(0, len(entry_ids), 500):       # SQLite's bound on parameters
            chunk = entry_ids[start:start + 500]
            rows = self._query(f"SELECT entry_id FROM entries WHERE feed_url = ? AND entry_id IN "
                               f"({','.join('?' * len(chunk))})", (url, *chunk))
            seen.update(row["entry_id"] for row in rows)
        return seen

    def record_poll(self, url: str, *, next_poll: float, etag: str | None = None,
                    last_modified: str | None = None, error: str | None = None,
                    entries: Sequence[tuple[str, str, str | None, str | None]] = ()) -> None:
        """One poll's outcome: the feed's status and each entry seen (id, status, article id, note),
        in one transaction. An error keeps the previous ETag and Last-Modified."""
        now = time.time()
        counts = {status: sum(1 for _, s, _, _ in entries if s == status) for status in ("added", "skipped", "failed")}
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?)",
                           [(url, entry_id, status, article_id, note, now)
                            for entry_id, status, article_id, note in entries])
            if error is None:
                db.execute("UPDATE feeds SET last_poll = ?, next_poll = ?, failures = 0, last_error = NULL, "
                           "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE url = ?",
                           (now, next_poll, etag, last_modified, url))
            else:
                db.execute("UPDATE feeds SET last_poll = ?, next_poll = ?, failures = failures + 1, "
                           "last_error = ? WHERE url = ?", (now, next_poll, error[:500], url))
            db.execute("UPDATE feeds SET added = added + ?, skipped = skipped + ?, failed = failed + ? WHERE url = ?",
                       (counts["added"], counts["skipped"], counts["failed"], url))


def _feed(row: sqlite3.Row) -> Feed:
    return Feed(row["url"], row["channel_id"], tuple(k for k in row["keywords"].split("\n") if k),
                row["etag"], row["last_modified"], row["last_poll"], row["next_poll"], row["failures"],
                row["last_error"], row["added"], row["skipped"], row["failed"])
