"""BM25 over passages: rank-bm25's Okapi formula with a Lucene-style IDF, scored from postings.

Why not plain BM25Okapi: its IDF, log((N - n + 0.5) / (n + 0.5)), is negative for terms in more
than half the passages, and rank-bm25 then floors it to a small epsilon. In a corpus about one
event, the words that matter ("Kerman", "killed", "explosion") are exactly such terms, so they
would weigh next to nothing. Lucene's IDF, log(1 + (N - n + 0.5) / (n + 0.5)), stays positive
and still ranks rarer terms higher.

Scoring from postings touches only the passages that contain a query term; the scores are the
same numbers rank-bm25's get_scores computes (a test checks it).
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np
import snowballstemmer
from rank_bm25 import BM25Okapi

# Bump when tokenisation changes: the BM25 postings are rebuilt (they always are; it is cheap).
TOKENIZER_VERSION = 2

_STEMMER = snowballstemmer.stemmer("english")
_POSSESSIVE = re.compile(r"[’']s$")
_WORD = re.compile(r"\w+(?:[’']\w+)*")
_STOPWORDS = frozenset(
    """a an and are as at be been but by did do does for from had has have he her his how i if in
    into is it its me my of on or our she so than that the their them then there these they this
    those to was we were what when where which who whom why will with would you your""".split()
)


def tokenize(text: str) -> list[str]:
    """Lower-cased, accent-folded, Snowball-stemmed words without stopwords.

    Stemming lets "claimed" match "claims" and "responsible" match "responsibility".
    """
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [_stem(word) for word in _WORD.findall(folded) if word not in _STOPWORDS]


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    stem = _STEMMER.stemWord(_POSSESSIVE.sub("", word))
    # Snowball turns a final y into i ("injuries", "injury" -> "injuri") but "injured" -> "injur":
    # dropping that i joins the noun and the verb.
    return stem[:-1] if len(stem) > 4 and stem.endswith("i") else stem


class LuceneIdfBM25(BM25Okapi):
    """rank-bm25's BM25Okapi with an IDF that is never negative or floored (see module doc)."""

    def _calc_idf(self, nd: dict[str, int]) -> None:
        for word, freq in nd.items():
            self.idf[word] = math.log(1 + (self.corpus_size - freq + 0.5) / (freq + 0.5))
        self.average_idf = sum(self.idf.values()) / len(self.idf) if self.idf else 0.0


@dataclass(frozen=True)
class Postings:
    """For each term, the passages containing it and how often (CSR layout)."""
    vocabulary: dict[str, int]
    term_start: np.ndarray   # int64, len(vocabulary) + 1
    doc_ids: np.ndarray      # int32
    term_freqs: np.ndarray   # float32
    idf: np.ndarray          # float32 per term
    doc_len: np.ndarray      # float32 per passage
    avgdl: float
    k1: float
    b: float

    @classmethod
    def build(cls, token_lists: list[list[str]], k1: float, b: float) -> "Postings":
        if not token_lists:
            raise ValueError("BM25 needs at least one passage")
        # rank-bm25 divides by the average length: give empty passages one dummy token.
        model = LuceneIdfBM25([tokens or [""] for tokens in token_lists], k1=k1, b=b)
        vocabulary = {term: i for i, term in enumerate(sorted(model.idf))}
        per_term: list[list[tuple[int, int]]] = [[] for _ in vocabulary]
        for doc_id, freqs in enumerate(model.doc_freqs):
            for term, freq in freqs.items():
                per_term[vocabulary[term]].append((doc_id, freq))
        lengths = np.array([0] + [len(entries) for entries in per_term], dtype=np.int64)
        flat = [entry for entries in per_term for entry in entries]
        return cls(
            vocabulary=vocabulary,
            term_start=np.cumsum(lengths),
            doc_ids=np.array([d for d, _ in flat], dtype=np.int32),
            term_freqs=np.array([f for _, f in flat], dtype=np.float32),
            idf=np.array([model.idf[t] for t in vocabulary], dtype=np.float32),
            doc_len=np.array(model.doc_len, dtype=np.float32),
            avgdl=float(model.avgdl),
            k1=k1,
            b=b,
        )

    @property
    def size(self) -> int:
        return len(self.doc_len)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage (zeros where no query term occurs)."""
        scores = np.zeros(self.size, dtype=np.float32)
        norm = self.k1 * (1 - self.b + self.b * self.doc_len / self.avgdl)
        # Repeated query terms count again, as in rank-bm25's get_scores.
        for term, times in Counter(query_tokens).items():
            term_id = self.vocabulary.get(term)
            if term_id is None:
                continue
            lo, hi = self.term_start[term_id], self.term_start[term_id + 1]
            docs, tf = self.doc_ids[lo:hi], self.term_freqs[lo:hi]
            scores[docs] += times * self.idf[term_id] * tf * (self.k1 + 1) / (tf + norm[docs])
        return scores
