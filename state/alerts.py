"""Alerts: the facts already announced, rebuild causes still to announce, the alert queue."""
from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from state.database import Database


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


class AlertTables(Database):
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


