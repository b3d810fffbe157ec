"""The development question set and its metrics, shared by the bench scripts and tests.

Relevance (from the set's "about"): a retrieved passage is relevant when its text contains one
of the question's relevant quotes from the named source, ignoring case and runs of white space.
Sources are named by the article id's leading number ("001" for 001_89f4….txt).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_QUESTIONS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "questions.json"


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    relevant: tuple[tuple[str, str], ...]       # (source prefix, quote)
    expect: tuple[tuple[str, ...], ...] = ()    # spellings of each expected value
    forbid: tuple[str, ...] = ()


def questions_path() -> Path:
    return Path(os.environ.get("CROSSCHECK_EVAL_QUESTIONS", DEFAULT_QUESTIONS))


def load_questions(path: Path | None = None) -> list[Question]:
    data = json.loads((path or questions_path()).read_text(encoding="utf-8"))
    return [
        Question(
            id=q["id"], question=q["question"],
            relevant=tuple((r["source"], r["quote"]) for r in q.get("relevant", [])),
            expect=tuple(tuple(v) for v in q.get("values", {}).get("expect", [])),
            forbid=tuple(q.get("values", {}).get("forbid", [])),
        )
        for q in data["questions"]
    ]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def source_matches(article_id: str, source: str) -> bool:
    name = article_id.rsplit("/", 1)[-1]
    return name == source or name.startswith(source + "_") or name.startswith(source + ".")


def relevant_source(question: Question, article_id: str, text: str) -> str | None:
    """The relevant source a passage stands for, or None when it is not relevant."""
    body = squash(text)
    for source, quote in question.relevant:
        if source_matches(article_id, source) and squash(quote) in body:
            return source
    return None


@dataclass(frozen=True)
class RetrievalScores:
    hit_at_5: float
    mrr_at_10: float
    source_recall_at_5: float


def retrieval_scores(questions: list[Question], ranked: list[list[tuple[str, str]]]) -> RetrievalScores:
    """Metrics over ranked (article id, passage text) lists, one per question.

    SourceRecall@5: of the sources with a relevant quote, the share that appear with a relevant
    passage in the top 5 (out of at most 5 such sources).
    """
    hits, reciprocal, recall = [], [], []
    for question, results in zip(questions, ranked):
        marks = [relevant_source(question, article_id, text) for article_id, text in results[:10]]
        first = next((i for i, mark in enumerate(marks) if mark), None)
        hits.append(1.0 if first is not None and first < 5 else 0.0)
        reciprocal.append(1.0 / (first + 1) if first is not None else 0.0)
        wanted = {source for source, _ in question.relevant}
        found = {mark for mark in marks[:5] if mark}
        recall.append(len(found) / min(5, len(wanted)))
    count = len(questions)
    return RetrievalScores(sum(hits) / count, sum(reciprocal) / count, sum(recall) / count)
