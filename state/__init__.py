"""The bot's state that must survive a restart, in one SQLite database beside the index
(var/state.sqlite3), one module per concern: page buttons, followed feeds, alerts, readers'
reports and moderators' corrections, thumbs, per-channel settings (state/database.py holds the
connection, the transactions and the schema)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from corrections.model import Correction
from state.alerts import Alert, AlertTables, Cause
from state.channels import ChannelSettings, ChannelTables
from state.database import SCHEMA_VERSION, StateError
from state.feedback import FeedbackTables, QuestionFeedback
from state.feeds import Feed, FeedTables
from state.moderation import ModerationTables, ReportClosed
from state.pages import PageTables, query_key

__all__ = ["SCHEMA_VERSION", "Alert", "Cause", "ChannelSettings", "Feed", "QuestionFeedback", "ReportClosed",
           "State", "StateError", "corrections_stamp", "load_corrections", "query_key"]


class State(PageTables, FeedTables, AlertTables, ModerationTables, FeedbackTables, ChannelTables):
    """Every table of the state database, over one connection."""


def corrections_stamp(path: Path) -> tuple:
    """What changes whenever a decision is made, undone or imported, by any process: a running
    bot compares it to notice corrections written elsewhere (`python -m bot corrections import`)."""
    if not Path(path).exists():
        return ()
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    try:
        stamp = tuple(db.execute("SELECT count(*), max(id), max(undone_at) FROM corrections").fetchone())
        return stamp if stamp[0] else ()      # no decision yet: the same as no database
    except sqlite3.OperationalError:      # a database from before corrections existed
        return ()
    finally:
        db.close()


def load_corrections(path: Path) -> list[Correction]:
    """The corrections in force in the state database at `path` (none when it does not exist yet):
    what every front end applies to its answers."""
    if not Path(path).exists():
        return []
    state = State(path)
    try:
        return state.corrections()
    finally:
        state.close()
