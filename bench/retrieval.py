"""Retrieval quality on every evaluation event: ours against each retriever alone and a plain baseline.

    python -m bench.retrieval [--corpus all|seeds,beirut,flood]

For each corpus a fresh index is built in a temporary folder; every question is ranked by
  hybrid (configured)   index/search.py as the bot runs it
  bm25 alone            our BM25 (Lucene IDF, stemmed, citable passages only)
  embedding alone       cosine over the same passages
  plain baseline        rank-bm25's BM25Okapi with its defaults over lower-cased words, MiniLM
                        cosine, reciprocal rank fusion with k=60, over the same passages
and scored with Hit@5, MRR@10 and SourceRecall@5 (bench/evalset.py), for the questions used
while choosing settings ("tuned") and the held-back ones apart; the events marked held back in
bench/evalset.CORPORA are held back whole. The configured method is marked with *.
"""
from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

import numpy as np

from bench.evalset import Corpus, Question, corpora, is_tuning_question, load_questions, retrieval_scores
from config import Settings, settings as configured_settings
from index.build import build_index
from index.embeddings import SentenceEncoder
from index.search import Ranking, Searcher
from index.store import load_index

PLAIN_RRF_K = 60


def rank_all(searcher: Searcher, questions: list[Question], method) -> list[list[tuple[str, str]]]:
    """(article id, passage text) of the top 10 for each question, by a method: "bm25",
    "embedding", or settings for a hybrid run."""
    ranked = []
    empty = Ranking(np.array([], dtype=int), np.array([]))
    for question in questions:
        if method == "bm25":
            hits = searcher.fuse(searcher.bm25_ranking(question.question, 10, searcher.citable), empty, 10)
        elif method == "embedding":
            hits = searcher.fuse(empty, searcher.embedding_ranking(question.question, 10, searcher.citable), 10)
        else:
            searcher.settings = method
            hits = searcher.search(question.question, 10)
        ranked.append([(h.passage.article_id, h.passage.text) for h in hits])
    return ranked


class PlainBaseline:
    """rank-bm25 BM25Okapi (defaults, lower-cased words) + MiniLM cosine + RRF (k=60)."""

    def __init__(self, index, encoder):
        from rank_bm25 import BM25Okapi

        self.passages = index.passages
        self.texts = [p.text for p in index.passages]
        self.bm25 = BM25Okapi([self.words(t) for t in self.texts])
        self.embeddings = np.asarray(index.embeddings)
        self.encoder = encoder

    @staticmethod
    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    def rank(self, question: str, k: int = 10) -> list[tuple[str, str]]:
        lexical = np.argsort(-self.bm25.get_scores(self.words(question)), kind="stable")[:100]
        semantic = np.argsort(-(self.embeddings @ self.encoder.encode([question])[0]), kind="stable")[:100]
        fused: dict[int, float] = {}
        for ranking in (lexical, semantic):
            for rank, row in enumerate(ranking.tolist(), start=1):
                fused[row] = fused.get(row, 0.0) + 1.0 / (PLAIN_RRF_K + rank)
        best = sorted(fused, key=lambda row: -fused[row])[:k]
        return [(self.passages[row].article_id, self.texts[row]) for row in best]


def evaluate(corpus: Corpus, encoder, base: Settings) -> dict[str, dict[str, tuple]]:
    """{part: {method: (Hit@5, MRR@10, SourceRecall@5, questions)}}."""
    questions = [q for q in load_questions(corpus.questions) if q.relevant]
    with tempfile.TemporaryDirectory() as tmp:
        seeds = corpus.copy_articles(Path(tmp) / "seeds")
        settings = base.replace(seeds_dir=seeds, index_dir=Path(tmp) / "index")
        build_index(settings, encoder_factory=lambda: encoder)
        index = load_index(Path(settings.index_dir))
    searcher = Searcher(index, encoder, settings)
    plain = PlainBaseline(index, encoder)
    rankings = {
        "hybrid (configured) *": rank_all(searcher, questions, settings),
        "bm25 alone": rank_all(searcher, questions, "bm25"),
        "embedding alone": rank_all(searcher, questions, "embedding"),
        "plain baseline": [plain.rank(q.question) for q in questions],
    }
    parts = {"tuned": [i for i, q in enumerate(questions) if not corpus.held_back and is_tuning_question(q.id)]}
    parts["held back"] = [i for i in range(len(questions)) if i not in parts["tuned"]]
    results: dict[str, dict[str, tuple]] = {}
    for part, rows in parts.items():
        if not rows:
            continue
        chosen = [questions[i] for i in rows]
        results[part] = {}
        for method, ranked in rankings.items():
            scores = retrieval_scores(chosen, [ranked[i] for i in rows])
            results[part][method] = (scores.hit_at_5, scores.mrr_at_10, scores.source_recall_at_5, len(rows))
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="all")
    args = parser.parse_args(argv)
    base = configured_settings()
    encoder = SentenceEncoder.for_settings(base)
    pooled: dict[str, dict[str, list]] = {}
    for corpus in corpora(args.corpus):
        print(f"\n== {corpus.name}{' (held-back event)' if corpus.held_back else ''}")
        for part, methods in evaluate(corpus, encoder, base).items():
            print(f"  {part}:")
            print(f"    {'method':24} {'Hit@5':>6} {'MRR@10':>7} {'SrcRecall@5':>12}  questions")
            for method, (hit, mrr, recall, count) in methods.items():
                print(f"    {method:24} {hit:6.3f} {mrr:7.3f} {recall:12.3f}  {count}")
                pooled.setdefault(part, {}).setdefault(method, []).append((hit, mrr, recall, count))
    print("\n== all corpora, weighted by questions")
    for part, methods in pooled.items():
        print(f"  {part}:")
        for method, rows in methods.items():
            total = sum(r[3] for r in rows)
            mean = [sum(r[k] * r[3] for r in rows) / total for k in range(3)]
            print(f"    {method:24} {mean[0]:6.3f} {mean[1]:7.3f} {mean[2]:12.3f}  {total}")


if __name__ == "__main__":
    main()
