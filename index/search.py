"""Hybrid search: BM25 and embedding rankings fused into one, diversified by source.

Fusion (settings.fusion):
  rrf       reciprocal rank fusion: sum over retrievers of 1 / (rrf_k + rank). Scale-free, so
            BM25's unbounded scores and cosine similarities need no calibration.
  weighted  min-max normalise each retriever's candidate scores to [0, 1], then
            weight_bm25 * bm25 + weight_embedding * cosine.
Diversification: passages are picked greedily; each passage's fused score is multiplied by
source_decay for every passage of its article already picked, so several sources that say the
same thing are all shown before one article's second take on it.
Answer type: for a question starting with "when", passages that state a time (a year, month,
weekday or clock time) have their fused score multiplied by WHEN_BOOST before diversification.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np

from config import Settings
from index.bm25 import tokenize
from index.embeddings import Encoder
from index.figures import MONTH_NAMES, WEEKDAYS
from index.figures.furniture import furniture_spans
from index.models import Hit
from index.store import PassageTable, StoredIndex, passage_article_rows

# Query vectors kept per Searcher (384 floats each: 1,024 of them take 1.5 MB).
QUERY_CACHE_SIZE = 1024
# Long questions are cut here: beyond it words add noise, not meaning (the model truncates too).
MAX_QUERY_CHARS = 1000
# Answer-type prior (classic question answering): a "when" question is answered by a passage that
# states a time. Small, so it only reorders near ties (bench/retrieval.py: 1.1 and 1.2 score alike).
WHEN_BOOST = 1.1
_WHEN_QUESTION = re.compile(r"\s*when\b", re.IGNORECASE)
_TIME_EXPRESSION = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d|\d{{1,2}}:\d\d|{'|'.join(MONTH_NAMES + WEEKDAYS)})\b")


@dataclass(frozen=True)
class Ranking:
    """One retriever's candidates: passage rows, best first, with their scores."""
    rows: np.ndarray
    scores: np.ndarray


class Searcher:
    def __init__(self, index: StoredIndex, encoder: Encoder | None, settings: Settings,
                 query_cache_size: int = QUERY_CACHE_SIZE):
        self.index = index
        self.encoder = encoder  # None: BM25 alone (answers say they are degraded)
        self.settings = settings
        self._article_of_row = passage_article_rows(index.articles, index.passages).astype(np.int32)
        self._states_time = _states_time(index)
        # A heading, byline, photo credit or "Related" line says nothing a reader can cite.
        self.citable = _citable(index)
        # Encoding the question is most of an answer's time; a channel repeats questions, and the
        # model gives the same vector for the same text, so recent ones are kept (read-only).
        self.query_vector = functools.lru_cache(maxsize=query_cache_size)(self._encode_query)

    def _encode_query(self, query: str) -> np.ndarray:
        one = getattr(self.encoder, "encode_query", None)  # a faster path for one text, when offered
        vector = one(query) if one is not None else self.encoder.encode([query])[0]  # type: ignore[union-attr]
        vector.setflags(write=False)
        return vector

    def bm25_ranking(self, query: str, candidates: int, mask: np.ndarray | None = None) -> Ranking:
        scores = self.index.bm25.scores(tokenize(query))
        keep = scores > 0
        return _top(scores, candidates, keep if mask is None else keep & mask)

    def embedding_ranking(self, query: str, candidates: int, mask: np.ndarray | None = None,
                          min_similarity: float | None = None) -> Ranking:
        if self.encoder is None:
            return Ranking(np.array([], dtype=np.int64), np.array([], dtype=np.float32))
        scores = self.index.embeddings @ self.query_vector(query)
        keep = mask
        if min_similarity is not None:
            keep = (scores >= min_similarity) if keep is None else keep & (scores >= min_similarity)
        return _top(scores, candidates, keep)

    def search(self, query: str, k: int | None = None, articles: set[str] | None = None) -> list[Hit]:
        """The k best passages for query, optionally only from the named articles."""
        return self.search_with_pool(query, k, 0, articles)[0]

    def search_with_pool(self, query: str, k: int | None, pool: int,
                         articles: set[str] | None = None) -> tuple[list[Hit], list[Hit]]:
        """(the k best passages, diversified by source; the `pool` best by fused score alone),
        from one pass of each retriever. The pool is where an answer looks for figures."""
        k = self.settings.results if k is None else k
        query = query[:MAX_QUERY_CHARS]
        mask = self.citable if articles is None else self.citable & self.article_mask(articles)
        lexical = self.bm25_ranking(query, self.settings.candidates, mask)
        semantic = self.embedding_ranking(query, self.settings.candidates, mask)
        boost = np.where(self._states_time, WHEN_BOOST, 1.0) if _WHEN_QUESTION.match(query) else None
        hits = self.fuse(lexical, semantic, k, boost=boost)
        if not pool:
            return hits, []
        fused = fuse_scores(lexical, semantic, self.settings)
        best = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:pool]
        cosine = dict(zip(semantic.rows.tolist(), semantic.scores.tolist()))
        passages = self.index.passages
        return hits, [Hit(passages[row], score, 0.0, cosine.get(row, 0.0)) for row, score in best]

    def best_per_article(self, query: str, articles: set[str]) -> dict[str, Hit]:
        """Each article's best passage on the query. An article is left out when none of its
        passages shares a word with the query or comes within settings.min_similarity of it."""
        query = query[:MAX_QUERY_CHARS]
        mask = self.citable & self.article_mask(articles)
        everything = int(mask.sum())
        lexical = self.bm25_ranking(query, everything, mask)
        semantic = self.embedding_ranking(query, everything, mask, self.settings.min_similarity)
        best: dict[str, Hit] = {}
        for hit in self.fuse(lexical, semantic, everything, decay=1.0):
            best.setdefault(hit.passage.article_id, hit)
        return best

    def article_mask(self, articles: set[str]) -> np.ndarray:
        wanted = [i for i, a in enumerate(self.index.articles) if a.id in articles]
        return np.isin(self._article_of_row, wanted)

    def fuse(self, lexical: Ranking, semantic: Ranking, k: int, decay: float | None = None,
             boost: np.ndarray | None = None) -> list[Hit]:
        """Fused, diversified hits; boost, when given, multiplies each row's fused score first."""
        fused = fuse_scores(lexical, semantic, self.settings)
        if boost is not None:
            fused = {row: score * float(boost[row]) for row, score in fused.items()}
        decay = self.settings.source_decay if decay is None else decay
        picked = diversify(fused, self._article_of_row, k, decay)
        bm25 = dict(zip(lexical.rows.tolist(), lexical.scores.tolist()))
        cosine = dict(zip(semantic.rows.tolist(), semantic.scores.tolist()))
        bm25_rank = {row: i + 1 for i, row in enumerate(lexical.rows.tolist())}
        cos_rank = {row: i + 1 for i, row in enumerate(semantic.rows.tolist())}
        return [
            Hit(self.index.passages[row], score, bm25.get(row, 0.0), cosine.get(row, 0.0),
                bm25_rank.get(row), cos_rank.get(row))
            for row, score in picked
        ]


def fuse_scores(lexical: Ranking, semantic: Ranking, settings: Settings) -> dict[int, float]:
    """Fused score per candidate row (see module doc)."""
    fused: dict[int, float] = {}
    if settings.fusion == "rrf":
        for ranking in (lexical, semantic):
            for rank, row in enumerate(ranking.rows.tolist(), start=1):
                fused[row] = fused.get(row, 0.0) + 1.0 / (settings.rrf_k + rank)
    elif settings.fusion == "weighted":
        for ranking, weight in ((lexical, settings.weight_bm25), (semantic, settings.weight_embedding)):
            if len(ranking.rows) == 0:
                continue
            low, high = float(ranking.scores.min()), float(ranking.scores.max())
            span = (high - low) or 1.0
            for row, score in zip(ranking.rows.tolist(), ranking.scores.tolist()):
                fused[row] = fused.get(row, 0.0) + weight * (score - low) / span
    else:
        raise ValueError(f"unknown fusion {settings.fusion!r}: use 'rrf' or 'weighted'")
    return fused


def diversify(fused: dict[int, float], article_of_row: np.ndarray, k: int, decay: float) -> list[tuple[int, float]]:
    """Pick k rows greedily, discounting each article by decay per passage already picked."""
    remaining = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
    picked: list[tuple[int, float]] = []
    shown: dict[int, int] = {}
    while remaining and len(picked) < k:
        best_index, best_score = 0, -1.0
        for i, (row, score) in enumerate(remaining):
            if score <= best_score:
                break  # sorted: no later row can beat the best discounted score
            discounted = score * decay ** shown.get(int(article_of_row[row]), 0)
            if discounted > best_score:
                best_index, best_score = i, discounted
        row, _ = remaining.pop(best_index)
        shown[int(article_of_row[row])] = shown.get(int(article_of_row[row]), 0) + 1
        picked.append((row, best_score))
    return picked


def _states_time(index: StoredIndex) -> np.ndarray:
    """For each passage, whether its text names a year, a date, a weekday or a clock time."""
    passages = index.passages
    if not isinstance(passages, PassageTable):
        return np.array([bool(_TIME_EXPRESSION.search(p.text)) for p in passages], dtype=bool)
    # Searched in the article's text between the passage's offsets, without making each
    # passage's text: the same as searching passage.text, except that \b at the start looks at
    # the character before it, so a passage that starts right after a word character is cut out.
    search = _TIME_EXPRESSION.search
    texts = [a.text for a in passages.articles]
    found = np.zeros(len(passages), dtype=bool)
    for row, (article, start, end) in enumerate(passages.spans.tolist()):
        text = texts[article]
        before = text[start - 1] if start else " "
        if before.isalnum() or before == "_":
            found[row] = search(text[start:end]) is not None
        else:
            found[row] = search(text, start, end) is not None
    return found


def _passage_texts(index: StoredIndex):
    passages = index.passages
    if not isinstance(passages, PassageTable):
        return (p.text for p in passages)
    texts = [a.text for a in passages.articles]
    return (texts[article][start:end] for article, start, end in passages.spans.tolist())


def _citable(index: StoredIndex) -> np.ndarray:
    """For each passage, whether it is more than page furniture or a heading standing alone."""
    return np.fromiter((is_citable(text) for text in _passage_texts(index)), dtype=bool, count=len(index.passages))


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def is_citable(text: str) -> bool:
    """Not a heading (one line, no closing stop, a dozen words at most), and not wholly page
    furniture (a byline, a photo credit, a "Related" line, a dateline or copyright line)."""
    stripped = text.strip()
    if not stripped:
        return False
    furniture = sum(end - start for start, end in furniture_spans(stripped))
    if furniture >= 0.8 * len(stripped):
        return False
    one_line = "\n" not in stripped
    return not (one_line and len(stripped.split()) <= 12 and not _SENTENCE_END.search(stripped))


def _top(scores: np.ndarray, count: int, keep: np.ndarray | None = None) -> Ranking:
    rows = np.flatnonzero(keep) if keep is not None else np.arange(len(scores))
    if count <= 0:
        rows = rows[:0]
    elif len(rows) > count:
        # With nothing filtered, scores[rows] is scores itself: skip the copy (same values, same picks).
        rows = rows[np.argpartition(-(scores if keep is None else scores[rows]), count - 1)[:count]]
    rows = rows[np.lexsort((rows, -scores[rows]))]  # best first, ties by passage order
    return Ranking(rows, scores[rows])
