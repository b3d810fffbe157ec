"""Readers' reports and moderators' corrections.

Acting on a report writes the decision, every figure it is about and the report's new status
in one transaction: after a crash at any point the decision is wholly there or not at all.
"""
from __future__ import annotations

import dataclasses
import json
import sqlite3
import time
from collections.abc import Sequence
from itertools import zip_longest
from typing import Any

from corrections.model import Correction, FigureRef, Report
from state.database import Database


class ReportClosed(LookupError):
    """The report was already acted on or dismissed (another moderator was quicker)."""


class ModerationTables(Database):
    # ------------------------------------------------------------------ reports

    def add_report(self, *, reason: str, note: str, asked: str, measure: str | None, value: str | None,
                   figures: Sequence[FigureRef], reporter_id: int, reporter: str, guild_id: int | None,
                   channel_id: int | None, message_url: str | None,
                   extracted: Sequence[dict[str, Any] | None] = ()) -> int:
        """A reader's report, with the figures it is about and (`extracted`, one per figure) each
        figure as the extractor read it: kind, measure, value, bounds, unit, attribution."""
        stored = [{**dataclasses.asdict(f), "extracted": e} for f, e in zip_longest(figures, extracted[:len(figures)])]
        with self._transaction() as db:
            return db.execute(
                "INSERT INTO reports (status, reason, note, asked, measure, value, figures, reporter_id, reporter, "
                "guild_id, channel_id, message_url, created_at) VALUES ('open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (reason, note, asked, measure, value, json.dumps(stored),
                 reporter_id, reporter, guild_id, channel_id, message_url, time.time())).lastrowid

    def reports_since(self, reporter_id: int, since: float) -> int:
        """How many reports a reader made since `since`: the rate limit counts these, across restarts."""
        return self._query("SELECT count(*) FROM reports WHERE reporter_id = ? AND created_at >= ?",
                           (reporter_id, since))[0][0]

    def reports(self, status: str | None = "open") -> list[Report]:
        rows = (self._query("SELECT * FROM reports WHERE status = ? ORDER BY id", (status,)) if status
                else self._query("SELECT * FROM reports ORDER BY id"))
        return [_report(row) for row in rows]

    def report(self, report_id: int) -> Report | None:
        rows = self._query("SELECT * FROM reports WHERE id = ?", (report_id,))
        return _report(rows[0]) if rows else None

    def dismiss(self, report_id: int, by: str) -> None:
        with self._transaction() as db:
            self._close_report(db, report_id, "dismissed", by)

    # ------------------------------------------------------------------ corrections

    def correct(self, action: str, figures: Sequence[FigureRef], *, by: str, target: str | None = None,
                note: str = "", report_id: int | None = None, made_at: float | None = None) -> int:
        """Record a decision about `figures` (closing its report): one transaction. A decision in
        force on any of the same figures is replaced by this one. ReportClosed when the report
        was closed meanwhile."""
        with self._transaction() as db:
            return self._insert_correction(db, action, figures, by, target, note, report_id, made_at)

    def _insert_correction(self, db: sqlite3.Connection, action: str, figures: Sequence[FigureRef], by: str,
                           target: str | None, note: str, report_id: int | None, made_at: float | None) -> int:
        if not figures:
            raise ValueError("a correction needs at least one figure")
        if report_id is not None:
            self._close_report(db, report_id, "acted", by)
        now = time.time()
        correction_id = db.execute(
            "INSERT INTO corrections (action, target, note, made_by, made_at, report_id) VALUES (?, ?, ?, ?, ?, ?)",
            (action, target, note, by, made_at or now, report_id)).lastrowid
        for figure in figures:
            db.execute("UPDATE corrections SET undone_by = ?, undone_at = ? WHERE undone_at IS NULL AND id IN "
                       "(SELECT correction_id FROM corrected_figures WHERE article_id = ? AND start = ? AND words = ?)",
                       (f"replaced by #{correction_id}", now, figure.article_id, figure.start, figure.words))
        db.executemany("INSERT OR IGNORE INTO corrected_figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(correction_id, f.article_id, f.start, f.end, f.words, f.sentence_start, f.sentence,
                         f.measure, f.value) for f in figures])
        return correction_id

    def _close_report(self, db: sqlite3.Connection, report_id: int, status: str, by: str) -> None:
        closed = db.execute("UPDATE reports SET status = ?, resolved_by = ?, resolved_at = ? "
                            "WHERE id = ? AND status = 'open'", (status, by, time.time(), report_id)).rowcount
        if not closed:
            raise ReportClosed(f"report #{report_id} is no longer open")

    def undo(self, correction_id: int, by: str) -> bool:
        """Take a decision out of force; False if it was not in force."""
        with self._transaction() as db:
            return db.execute("UPDATE corrections SET undone_by = ?, undone_at = ? WHERE id = ? AND undone_at IS NULL",
                              (by, time.time(), correction_id)).rowcount == 1

    def corrections(self, in_force: bool = True) -> list[Correction]:
        rows = self._query("SELECT * FROM corrections" + (" WHERE undone_at IS NULL" if in_force else "")
                           + " ORDER BY id")
        figures: dict[int, list[FigureRef]] = {}
        for row in self._query("SELECT * FROM corrected_figures ORDER BY correction_id, start"):
            figures.setdefault(row["correction_id"], []).append(FigureRef(
                row["article_id"], row["start"], row["end"], row["words"], row["sentence_start"], row["sentence"],
                row["measure"], row["value"]))
        return [Correction(r["id"], r["action"], tuple(figures.get(r["id"], ())), r["target"], r["note"],
                           r["made_by"], r["made_at"], r["report_id"], r["undone_by"], r["undone_at"]) for r in rows]

    def import_corrections(self, corrections: Sequence[Correction], by: str) -> tuple[int, int]:
        """Take decisions from another install, all or nothing: (taken, already here). One already
        here is the same action, target and figures as a decision in force."""
        here = {_identity(c) for c in self.corrections()}
        taken = 0
        with self._transaction() as db:
            for correction in corrections:
                if _identity(correction) in here:
                    continue
                here.add(_identity(correction))
                note = correction.note or f"imported from {correction.made_by}"
                self._insert_correction(db, correction.action, correction.figures, by, correction.target, note,
                                        None, correction.made_at or None)
                taken += 1
        return taken, len(corrections) - taken


def _identity(correction: Correction) -> tuple:
    return correction.action, correction.target, frozenset(f.key for f in correction.figures)


def _report(row: sqlite3.Row) -> Report:
    stored = json.loads(row["figures"])
    extracted = tuple(f.pop("extracted", None) for f in stored)
    return Report(row["id"], row["status"], row["reason"], row["note"], row["asked"], row["measure"], row["value"],
                  tuple(FigureRef(**f) for f in stored), row["reporter_id"], row["reporter"],
                  row["guild_id"], row["channel_id"], row["message_url"], row["created_at"], row["resolved_by"],
                  row["resolved_at"], extracted)
