"""The arguments behind page buttons, by short key, so buttons work after a restart."""
from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from typing import Any

from state.database import Database


class PageTables(Database):
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



def query_key(kind: str, args: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps([kind, args], sort_keys=True).encode()).hexdigest()[:16]


