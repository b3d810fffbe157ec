"""Retrieval quality on the development question set: hybrid vs BM25 alone vs embeddings alone.

    python -m bench.retrieval [--questions FILE] [--seeds DIR]

Builds a fresh index of the seeds in a temporary folder, ranks every question with each method
and prints Hit@5, MRR@10 and SourceRecall@5 (see bench/evalset.py), plus the average passage
length. The configured method is marked with *.
"""
from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
from pathlib import Path

import numpy as np

from bench.evalset import load_questions, retrieval_scores
from config import Settings, settings as configured_settings
from index.build import build_index
from index.embeddings import SentenceEncoder
from index.search import Ranking, Searcher
from index.store import load_index


def methods(base: Settings) -> dict[str, Settings | str]:
    """Name -> settings for a hybrid run, or "bm25"/"embedding" for one retriever alone."""
    return {
        "bm25 alone": "bm25",
        "embedding alone": "embedding",
        "hybrid rrf, no source diversity": base.replace(fusion="rrf", source_decay=1.0),
        "hybrid rrf": base.replace(fusion="rrf"),
        "hybrid weighted 0.3/0.7": base.replace(fusion="weighted", weight_bm25=0.3, weight_embedding=0.7),
        "hybrid weighted 0.5/0.5": base.replace(fusion="weighted", weight_bm25=0.5, weight_embedding=0.5),
    }


def rank_all(searcher: Searcher, questions, method) -> list[list[tuple[str, str]]]:
    ranked = []
    empty = Ranking(np.array([], dtype=int), np.array([]))
    for question in questions:
        if method == "bm25":
            hits = searcher.fuse(searcher.bm25_ranking(question.question, 10), empty, 10)
        elif method == "embedding":
            hits = searcher.fuse(empty, searcher.embedding_ranking(question.question, 10), 10)
        else:
            searcher.settings = method
            hits = searcher.search(question.question, 10)
        ranked.append([(h.passage.article_id, h.passage.text) for h in hits])
    return ranked


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=None)
    parser.add_argument("--seeds", type=Path, default=None)
    args = parser.parse_args(argv)
    questions = load_questions(args.questions)
    base = configured_settings()
    with tempfile.TemporaryDirectory() as tmp:
        settings = base.replace(seeds_dir=args.seeds, index_dir=Path(tmp) / "index")
        build_index(settings)
        index = load_index(Path(settings.index_dir))
        encoder = SentenceEncoder.for_settings(settings)
        lengths = [p.end - p.start for p in index.passages]
        print(f"{len(questions)} questions, {len(index.articles)} articles, {len(index.passages)} passages, "
              f"average passage {statistics.mean(lengths):.0f} characters (max {max(lengths)})")
        print(f"{'method':36} {'Hit@5':>6} {'MRR@10':>7} {'SrcRecall@5':>12}")
        for name, method in methods(settings).items():
            searcher = Searcher(index, encoder, settings)
            scores = retrieval_scores(questions, rank_all(searcher, questions, method))
            configured = isinstance(method, Settings) and dataclasses.astuple(method) == dataclasses.astuple(settings)
            print(f"{name + (' *' if configured else ''):36} {scores.hit_at_5:6.3f} {scores.mrr_at_10:7.3f} "
                  f"{scores.source_recall_at_5:12.3f}")


if __name__ == "__main__":
    main()
