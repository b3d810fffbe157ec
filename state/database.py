"""The connection under the bot's state: one SQLite database (var/state.sqlite3 by default).

SQLite in WAL mode, every change in one transaction, so a crash leaves each table as it was
before or after a change, never between. The schema carries a version (PRAGMA user_version)
and is brought up to date step by step; a database from a newer version is refused rather
than misread. One connection, shared by the event loop and worker threads behind a lock:
every statement is short.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# Each step takes the schema from the version before it to its own (index + 1).
MIGRATIONS = (
    """
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
""",
    """
CREATE TABLE reports (                  -- readers' reports of a wrong figure
    id INTEGER PRIMARY KEY,
    status TEXT NOT NULL,               -- open | acted | dismissed
    reason TEXT NOT NULL, note TEXT NOT NULL,
    asked TEXT NOT NULL,                -- what the answer was about: kind and question, topic or measure
    measure TEXT, value TEXT,           -- the value reported, as shown (NULL: the answer as a whole)
    figures TEXT NOT NULL,              -- JSON: the figures as extracted (article, offsets, words, sentence)
    reporter_id INTEGER NOT NULL, reporter TEXT NOT NULL,
    guild_id INTEGER, channel_id INTEGER, message_url TEXT,
    created_at REAL NOT NULL,
    resolved_by TEXT, resolved_at REAL
);
CREATE INDEX reports_by_reporter ON reports (reporter_id, created_at);
CREATE TABLE corrections (              -- moderators' decisions about figures
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,               -- hide | move | other_event | confirm
    target TEXT,                        -- move: the measure the figures belong to
    note TEXT NOT NULL DEFAULT '',
    made_by TEXT NOT NULL, made_at REAL NOT NULL,
    report_id INTEGER REFERENCES reports (id),
    undone_by TEXT, undone_at REAL      -- undone (or replaced) decisions stay listed, out of force
);
CREATE TABLE corrected_figures (        -- the figures a decision is about, keyed by where they stand
    correction_id INTEGER NOT NULL REFERENCES corrections (id),
    article_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, words TEXT NOT NULL,
    sentence_start INTEGER NOT NULL, sentence TEXT NOT NULL,
    measure TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (correction_id, article_id, start)
);
CREATE TABLE votes (                    -- one thumb per reader per question
    question_key TEXT NOT NULL, question TEXT NOT NULL, user_id INTEGER NOT NULL,
    vote INTEGER NOT NULL,              -- 1 or -1
    channel_id INTEGER, voted_at REAL NOT NULL,
    PRIMARY KEY (question_key, user_id)
);
CREATE TABLE channel_settings (
    channel_id INTEGER PRIMARY KEY,
    style TEXT, thumbs INTEGER, alert_channel INTEGER, alert_measures TEXT,
    updated_by TEXT, updated_at REAL NOT NULL
);
""",
)
SCHEMA_VERSION = len(MIGRATIONS)


class StateError(RuntimeError):
    """The state database cannot be used; str() says why."""


class Database:
    """One connection to the state database; the tables of each concern are mixed in (state/__init__.py)."""

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
            for step in MIGRATIONS[version:]:
                for statement in step.split(";"):
                    if statement.strip():
                        db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
