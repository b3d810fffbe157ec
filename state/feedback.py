"""Readers' thumbs on answers, one per reader per question, and what they add up to."""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from state.database import Database


@dataclass(frozen=True)
class QuestionFeedback:
    question: str
    up: int
    down: int
    reports: tuple[int, ...]     # ids of reports made on answers to it


def question_key(question: str) -> str:
    """Questions that differ only in case and spacing are one question."""
    return hashlib.sha256(" ".join(question.lower().split()).encode()).hexdigest()[:16]


class FeedbackTables(Database):
    def vote(self, question: str, user_id: int, vote: int, channel_id: int | None) -> None:
        """Record a reader's 👍 (1) or 👎 (-1); a second thumb replaces the first."""
        if vote not in (1, -1):
            raise ValueError("a vote is 1 or -1")
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO votes VALUES (?, ?, ?, ?, ?, ?)",
                       (question_key(question), question, user_id, vote, channel_id, time.time()))

    def feedback(self) -> list[QuestionFeedback]:
        """Every question with thumbs or reports, the most disliked first."""
        found: dict[str, list] = {}
        for row in self._query("SELECT question_key, max(question) AS question, sum(vote > 0) AS up, "
                               "sum(vote < 0) AS down FROM votes GROUP BY question_key"):
            found[row["question_key"]] = [row["question"], row["up"], row["down"], []]
        for row in self._query("SELECT id, asked FROM reports ORDER BY id"):
            question = row["asked"].partition(": ")[2]
            found.setdefault(question_key(question), [question, 0, 0, []])[3].append(row["id"])
        listed = [QuestionFeedback(q, up, down, tuple(reports)) for q, up, down, reports in found.values()]
        return sorted(listed, key=lambda f: (-(f.down + len(f.reports)), f.up, f.question))
