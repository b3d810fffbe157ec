"""The bot's state that must survive a restart, in one SQLite database beside the index
(var/state.sqlite3): followed feeds and their poll status, the feed entries already seen,
the facts already announced and the alert log, the rebuild causes not yet announced, and the
arguments behind page buttons.

SQLite in WAL mode, every change in one transaction, so a crash leaves each table as it was
before or after a change, never between. The schema carries a version (PRAGMA user_version);
a database from a newer version is refused rather than misread. One connection, shared by the
event loop and worker threads behind a lock: every statement here is short.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    channel_id INTEGER,
    keywords TEXT NOT NULL DEFAULT '',
    etag TEXT, last_modified TEXT,
    last_poll REAL, next_poll REAL NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0, last_error TEXT,
    added INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
    followed_at REAL NOT NULL
);
CREATE TABLE entries (
    feed_url TEXT NOT NULL, entry_id TEXT NOT NULL,
    status TEXT NOT NULL,               -- added | skipped | failed
    article_id TEXT, note TEXT, seen_at REAL NOT NULL,
    PRIMARY KEY (feed_url, entry_id)
);
CREATE TABLE facts (key TEXT PRIMARY KEY);
CREATE TABLE causes (                   -- rebuilds whose changes are still to be announced
    id INTEGER PRIMARY KEY, channel_id INTEGER NOT NULL, label TEXT NOT NULL,
    feed_url TEXT,                      -- a feed: only its articles' changes go to this channel, NULL: all
    created_at REAL NOT NULL
);
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY, channel_id INTEGER NOT NULL, label TEXT NOT NULL,
    body TEXT NOT NULL,                 -- JSON the renderer reads back
    status TEXT NOT NULL,               -- pending | sending | posted | failed
    created_at REAL NOT NULL, posted_at REAL
);
CREATE TABLE pages (key TEXT PRIMARY KEY, kind TEXT NOT NULL, args TEXT NOT NULL, used_at REAL NOT NULL);
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class StateError(RuntimeError):
    """The state database cannot be used; str() says why."""


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


@dataclass(frozen=True)
class Cause:
    id: int
    channel_id: int
    label: str                       # "/add", "/reindex", or the feed's URL
    feed_url: str | None             # a feed's cause is about that feed's articles only


@dataclass(frozen=True)
class Alert:
    id: int
    channel_id: int
    label: str
    body: dict[str, Any]


class State:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=10)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")   # with WAL: durable at each checkpoint, never corrupt
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StateError(f"cannot use the state database {self.path}: {error}") from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def _migrate(self) -> None:
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StateError(f"{self.path} was written by a newer crosscheck (schema {version}, "
                                 f"this one knows {SCHEMA_VERSION})")
            if version == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # ------------------------------------------------------------------ page buttons

    def put_query(self, kind: str, args: dict[str, Any], limit: int) -> str:
        """The key of a paged result's arguments; beyond `limit` the least recently stored go."""
        key = query_key(kind, args)
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)",
                       (key, kind, json.dumps(args), time.time()))
            db.execute("DELETE FROM pages WHERE key NOT IN "
                       "(SELECT key FROM pages ORDER BY used_at DESC, rowid DESC LIMIT ?)", (limit,))
        return key

    def get_query(self, key: str) -> dict[str, Any] | None:
        rows = self._query("SELECT args FROM pages WHERE key = ?", (key,))
        return json.loads(rows[0]["args"]) if rows else None

    def import_queries(self, entries: Iterable[tuple[str, dict[str, Any]]]) -> int:
        """Old page-button entries (key, args), oldest first, kept in that order."""
        now, count = time.time(), 0
        with self._transaction() as db:
            for offset, (key, args) in enumerate(entries):
                db.execute("INSERT OR IGNORE INTO pages VALUES (?, ?, ?, ?)",
                           (key, "imported", json.dumps(args), now - 1 + offset * 1e-6))
                count += 1
        return count

    # ------------------------------------------------------------------ feeds

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

    # ------------------------------------------------------------------ facts, causes, alerts

    def facts(self) -> set[str] | None:
        """The facts already announced; None before the first baseline was taken."""
        if not self._query("SELECT 1 FROM meta WHERE name = 'facts_baseline'"):
            return None
        return {row["key"] for row in self._query("SELECT key FROM facts")}

    def add_cause(self, channel_id: int, label: str, feed_url: str | None = None) -> int:
        """Record, before anything is written, where a rebuild's changes are to be announced: a
        crash at any later point leaves the cause behind, and the rebuild after the restart
        announces them."""
        with self._transaction() as db:
            return db.execute("INSERT INTO causes (channel_id, label, feed_url, created_at) VALUES (?, ?, ?, ?)",
                              (channel_id, label, feed_url, time.time())).lastrowid

    def drop_cause(self, cause_id: int) -> None:
        """A job that failed cleanly (an error, not a crash) or added nothing has nothing to announce."""
        with self._transaction() as db:
            db.execute("DELETE FROM causes WHERE id = ?", (cause_id,))

    def causes(self) -> list[Cause]:
        return [Cause(r["id"], r["channel_id"], r["label"], r["feed_url"])
                for r in self._query("SELECT * FROM causes ORDER BY id")]

    def settle(self, new_facts: Iterable[str], alerts: Sequence[tuple[int, str, dict[str, Any]]],
               causes: Sequence[int]) -> None:
        """After a rebuild: its new facts become known, its alerts (channel, label, body) are
        queued and the causes it answers are closed, all or nothing. A fact is thus queued for
        announcement once, whatever happens next."""
        now = time.time()
        with self._transaction() as db:
            db.executemany("INSERT OR IGNORE INTO facts VALUES (?)", ((key,) for key in new_facts))
            db.execute("INSERT OR IGNORE INTO meta VALUES ('facts_baseline', ?)", (str(now),))
            db.executemany("INSERT INTO alerts (channel_id, label, body, status, created_at) VALUES (?, ?, ?, 'pending', ?)",
                           [(channel, label, json.dumps(body), now) for channel, label, body in alerts])
            db.executemany("DELETE FROM causes WHERE id = ?", ((cause,) for cause in causes))

    def pending_alerts(self) -> list[Alert]:
        return [Alert(r["id"], r["channel_id"], r["label"], json.loads(r["body"]))
                for r in self._query("SELECT * FROM alerts WHERE status = 'pending' ORDER BY id")]

    def claim_alert(self, alert_id: int) -> bool:
        """Mark an alert as being sent, before sending: after a crash mid-send it is not sent
        again (a lost alert is better than a repeated one). False if already claimed."""
        with self._transaction() as db:
            return db.execute("UPDATE alerts SET status = 'sending' WHERE id = ? AND status = 'pending'",
                              (alert_id,)).rowcount == 1

    def finish_alert(self, alert_id: int, status: str) -> None:
        """"posted"; "pending" when Discord answered an error, so it was not shown and goes back
        in the queue; "failed" when it never can be (the channel is gone or closed to the bot)."""
        with self._transaction() as db:
            db.execute("UPDATE alerts SET status = ?, posted_at = ? WHERE id = ?",
                       (status, time.time() if status == "posted" else None, alert_id))

    def posted_alerts(self) -> list[Alert]:
        return [Alert(r["id"], r["channel_id"], r["label"], json.loads(r["body"]))
                for r in self._query("SELECT * FROM alerts WHERE status = 'posted' ORDER BY id")]


def query_key(kind: str, args: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps([kind, args], sort_keys=True).encode()).hexdigest()[:16]


def _feed(row: sqlite3.Row) -> Feed:
    return Feed(row["url"], row["channel_id"], tuple(k for k in row["keywords"].split("\n") if k),
                row["etag"], row["last_modified"], row["last_poll"], row["next_poll"], row["failures"],
                row["last_error"], row["added"], row["skipped"], row["failed"])
