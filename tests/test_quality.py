"""Retrieval and figure quality on the development question set (../shared/eval), when present.

The numbers themselves are printed by bench/retrieval.py and bench/figures.py; these tests only
keep them from sliding below what the issues promise.
"""
from __future__ import annotations

import pytest

from bench.evalset import load_questions, questions_path, retrieval_scores
from bench.figures import score_answer
from bench.retrieval import rank_all
from bot.answer import Engine
from index.search import Searcher

pytestmark = pytest.mark.skipif(not questions_path().exists(), reason="no development question set beside the project")


@pytest.fixture(scope="module")
def questions():
    return load_questions()


def test_hybrid_retrieval_meets_the_bar_and_beats_each_retriever(seed_index, encoder, questions, settings_for,
                                                                    seed_index_dir):
    settings = settings_for(seed_index_dir.parent / "seeds", seed_index_dir)
    searcher = Searcher(seed_index, encoder, settings)
    hybrid = retrieval_scores(questions, rank_all(searcher, questions, settings))
    assert hybrid.hit_at_5 == 1.0
    assert hybrid.mrr_at_10 >= 0.92
    for alone in ("bm25", "embedding"):
        single = retrieval_scores(questions, rank_all(searcher, questions, alone))
        assert hybrid.mrr_at_10 >= single.mrr_at_10 and hybrid.source_recall_at_5 > single.source_recall_at_5


def test_every_expected_figure_is_shown_and_no_forbidden_one(seed_index, encoder, questions, settings_for,
                                                               seed_index_dir):
    engine = Engine(seed_index, encoder, settings_for(seed_index_dir.parent / "seeds", seed_index_dir))
    texts = {a.id: a.text for a in seed_index.articles}
    figure_questions = [q for q in questions if q.expect]
    assert figure_questions
    for q in figure_questions:
        score = score_answer(engine.ask(q.question), q.expect, q.forbid, texts, noise_ids=set())
        assert (score.found, score.forbidden) == (score.expected, 0), q.id
        assert score.quotes_ok == score.quotes > 0, q.id
