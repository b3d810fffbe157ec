"""The SQLite state: schema version, WAL, transactions, feeds, seen entries, facts and alerts."""
from __future__ import annotations

import sqlite3

import pytest

from state import SCHEMA_VERSION, State, StateError


def test_a_new_database_has_the_schema_version_and_wal(tmp_path):
    State(tmp_path / "state.sqlite3").close()
    db = sqlite3.connect(tmp_path / "state.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "state.sqlite3")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StateError, match="newer crosscheck"):
        State(tmp_path / "state.sqlite3")


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    (tmp_path / "state.sqlite3").write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(StateError, match="cannot use the state database"):
        State(tmp_path / "state.sqlite3")


def test_feeds_survive_a_reopen_and_polls_are_counted(tmp_path):
    state = State(tmp_path / "s.db")
    assert state.follow("http://a.example/feed", 42, ["kerman", "iran"]) is True
    assert state.follow("http://a.example/feed", 43, []) is False      # updated, not doubled
    state.record_poll("http://a.example/feed", next_poll=100.0, etag='"x"',
                      entries=[("e1", "added", "web/a/e1.html", None), ("e2", "skipped", None, "other story")])
    state.record_poll("http://a.example/feed", next_poll=200.0, error="timed out")
    state.close()
    feed = State(tmp_path / "s.db").feed("http://a.example/feed")
    assert (feed.channel_id, feed.keywords, feed.etag, feed.added, feed.skipped) == (43, (), '"x"', 1, 1)
    assert (feed.failures, feed.last_error, feed.next_poll) == (1, "timed out", 200.0)
    assert State(tmp_path / "s.db").seen_entries("http://a.example/feed", ["e1", "e2", "e3"]) == {"e1", "e2"}


def test_unfollow_forgets_the_feed_and_its_entries(tmp_path):
    state = State(tmp_path / "s.db")
    state.follow("http://a.example/feed", 1, [])
    state.record_poll("http://a.example/feed", next_poll=0, entries=[("e1", "added", "x", None)])
    assert state.unfollow("http://a.example/feed") and not state.unfollow("http://a.example/feed")
    assert state.feeds() == [] and state.seen_entries("http://a.example/feed", ["e1"]) == set()


def test_facts_alerts_and_causes_settle_together(tmp_path):
    state = State(tmp_path / "s.db")
    assert state.facts() is None                       # no baseline yet
    cause = state.add_cause(7, "/add")
    state.settle({"f1", "f2"}, [(7, "/add", {"lines": ["New source: A"]})], [cause])
    assert state.facts() == {"f1", "f2"} and state.causes() == []
    [alert] = state.pending_alerts()
    assert state.claim_alert(alert.id) and not state.claim_alert(alert.id)
    state.finish_alert(alert.id, "pending")          # Discord refused: queued again
    assert [a.id for a in state.pending_alerts()] == [alert.id]
    assert state.claim_alert(alert.id)
    state.finish_alert(alert.id, "posted")
    assert state.pending_alerts() == [] and [a.body for a in state.posted_alerts()] == [{"lines": ["New source: A"]}]


def test_a_failed_transaction_changes_nothing(tmp_path):
    state = State(tmp_path / "s.db")
    with pytest.raises(sqlite3.Error):
        # The second alert's channel is NULL: the whole settle rolls back, facts included.
        state.settle({"f1"}, [(1, "x", {}), (None, "y", {})], [])
    assert state.facts() is None and state.pending_alerts() == []
