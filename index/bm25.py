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


def _documents(token_lists: list[list[str]]) -> list[list[str]]:
    # A passage without tokens keeps length 0, as in rank-bm25 (a dummy token would shift the
    # average length). A corpus of such passages has average length 0: see Postings.scores.
    return token_lists


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
        """Postings of the token lists, equal to what rank-bm25 (LuceneIdfBM25) computes for them.

        The counting is done here rather than by rank-bm25's constructor, in numpy, because it is
        the same arithmetic several times faster; tests/test_scale_bm25.py checks every array
        equals the rank-bm25 route (_build_with_rank_bm25).
        """
        return cls.from_counts(TermCounts.from_tokens(token_lists), k1, b)

    @classmethod
    def _build_with_rank_bm25(cls, token_lists: list[list[str]], k1: float, b: float) -> "Postings":
        """The reference construction: rank-bm25's own counts, IDF and lengths."""
        if not token_lists:
            raise ValueError("BM25 needs at least one passage")
        model = LuceneIdfBM25(_documents(token_lists), k1=k1, b=b)
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

    @classmethod
    def from_counts(cls, counts: "TermCounts", k1: float, b: float) -> "Postings":
        """Postings from per-passage term counts, with rank-bm25's IDF, lengths and average."""
        size = len(counts.lengths)
        if size == 0:
            raise ValueError("BM25 needs at least one passage")
        local = np.asarray(counts.term_ids, dtype=np.int64)
        doc_freq = np.bincount(local, minlength=len(counts.terms))
        present = np.flatnonzero(doc_freq)
        terms = sorted((counts.terms[i], i) for i in present.tolist())
        vocabulary = {term: new for new, (term, _) in enumerate(terms)}
        remap = np.full(len(counts.terms), -1, dtype=np.int64)
        remap[[old for _, old in terms]] = np.arange(len(terms))
        term_ids = remap[local]
        docs = np.repeat(np.arange(size, dtype=np.int32), np.diff(counts.passage_start))
        order = np.argsort(term_ids, kind="stable")  # by term, then (already) by passage
        per_term = np.bincount(term_ids, minlength=len(terms))
        # rank-bm25's formulas on Python numbers, exactly: the same floats before the cast.
        idf = [math.log(1 + (size - n + 0.5) / (n + 0.5)) for n in doc_freq[[old for _, old in terms]].tolist()]
        return cls(
            vocabulary=vocabulary,
            term_start=np.concatenate([[0], np.cumsum(per_term)]).astype(np.int64),
            doc_ids=docs[order],
            term_freqs=np.asarray(counts.freqs)[order].astype(np.float32),
            idf=np.array(idf, dtype=np.float32),
            doc_len=np.asarray(counts.lengths).astype(np.float32),
            avgdl=int(np.asarray(counts.lengths, dtype=np.int64).sum()) / size,
            k1=k1,
            b=b,
        )

    def updated(self, rows: np.ndarray, fresh: "TermCounts", fresh_rows: np.ndarray) -> "Postings":
        """The postings of a changed corpus, as from_counts would build them from scratch.

        rows[i] is the new row of this index's passage i, or -1 when it is gone; fresh holds the
        counts of the new passages, which go to fresh_rows. Kept passages' entries are taken as
        they are: they are sorted by term, then passage, and keep that order under the new rows
        (an incremental build keeps passages in article order), so one nearly sorted merge
        replaces re-tokenising and re-counting every passage.
        """
        rows = np.asarray(rows, dtype=np.int64)
        fresh_rows = np.asarray(fresh_rows, dtype=np.int64)
        size = int(max(rows.max(initial=-1), fresh_rows.max(initial=-1))) + 1
        if size == 0:
            raise ValueError("BM25 needs at least one passage")
        old_terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        old_term_of_entry = np.repeat(np.arange(len(old_terms), dtype=np.int64), np.diff(self.term_start))
        old_docs = rows[self.doc_ids]
        kept = old_docs >= 0
        old_term_of_entry, old_docs = old_term_of_entry[kept], old_docs[kept]
        old_freqs = self.term_freqs[kept]
        fresh_local = np.asarray(fresh.term_ids, dtype=np.int64)
        fresh_docs = fresh_rows[np.repeat(np.arange(fresh.size, dtype=np.int64), np.diff(fresh.passage_start))]

        # The new vocabulary: every term some passage still holds, sorted as from_counts sorts it.
        old_present = np.flatnonzero(np.bincount(old_term_of_entry, minlength=len(old_terms)))
        fresh_present = np.flatnonzero(np.bincount(fresh_local, minlength=len(fresh.terms)))
        terms = sorted({old_terms[i] for i in old_present.tolist()} | {fresh.terms[i] for i in fresh_present.tolist()})
        vocabulary = {term: i for i, term in enumerate(terms)}
        old_remap = np.array([vocabulary.get(t, -1) for t in old_terms], dtype=np.int64)
        fresh_remap = np.array([vocabulary.get(t, -1) for t in fresh.terms], dtype=np.int64)
        term_ids = np.concatenate([old_remap[old_term_of_entry], fresh_remap[fresh_local]])
        docs = np.concatenate([old_docs, fresh_docs])
        freqs = np.concatenate([old_freqs, np.asarray(fresh.freqs).astype(np.float32)])
        order = np.argsort(term_ids * size + docs, kind="stable")  # timsort: one long run plus a few
        per_term = np.bincount(term_ids, minlength=len(terms))
        lengths = np.zeros(size, dtype=np.int64)
        lengths[rows[rows >= 0]] = self.doc_len[rows >= 0].astype(np.int64)
        lengths[fresh_rows] = np.asarray(fresh.lengths, dtype=np.int64)
        idf = [math.log(1 + (size - n + 0.5) / (n + 0.5)) for n in per_term.tolist()]
        return Postings(
            vocabulary=vocabulary,
            term_start=np.concatenate([[0], np.cumsum(per_term)]).astype(np.int64),
            doc_ids=docs[order].astype(np.int32),
            term_freqs=freqs[order],
            idf=np.array(idf, dtype=np.float32),
            doc_len=lengths.astype(np.float32),
            avgdl=int(lengths.sum()) / size,
            k1=self.k1,
            b=self.b,
        )

    def term_counts(self) -> "TermCounts":
        """The postings turned around: each passage's terms and counts (what from_counts takes).

        An incremental build takes unchanged passages' counts from here instead of tokenising
        their text again.
        """
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        term_of_entry = np.repeat(np.arange(len(terms), dtype=np.int32), np.diff(self.term_start))
        order = np.argsort(self.doc_ids, kind="stable")  # by passage, then (already) by term
        per_passage = np.bincount(self.doc_ids, minlength=self.size)
        return TermCounts(
            terms=terms,
            passage_start=np.concatenate([[0], np.cumsum(per_passage)]).astype(np.int64),
            term_ids=term_of_entry[order],
            freqs=self.term_freqs[order].astype(np.int64),
            lengths=self.doc_len.astype(np.int64),
        )

    @property
    def size(self) -> int:
        return len(self.doc_len)

    @functools.cached_property
    def _norm(self) -> np.ndarray:
        """k1 * (1 - b + b * length / average) per passage: the same for every query, so made once."""
        # avgdl is 0 only when no passage has a token; then no term matches and any divisor works.
        return self.k1 * (1 - self.b + self.b * self.doc_len / (self.avgdl or 1.0))

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage (zeros where no query term occurs)."""
        scores = np.zeros(self.size, dtype=np.float32)
        norm = self._norm
        # Repeated query terms count again, as in rank-bm25's get_scores.
        for term, times in Counter(query_tokens).items():
            term_id = self.vocabulary.get(term)
            if term_id is None:
                continue
            lo, hi = self.term_start[term_id], self.term_start[term_id + 1]
            docs, tf = self.doc_ids[lo:hi], self.term_freqs[lo:hi]
            scores[docs] += times * self.idf[term_id] * tf * (self.k1 + 1) / (tf + norm[docs])
        return scores


@dataclass(frozen=True)
class TermCounts:
    """Each passage's distinct terms and how often they occur (CSR by passage).

    terms[term_ids[passage_start[i]:passage_start[i + 1]]] are the terms of passage i, with
    freqs alongside; lengths are the passages' token counts (rank-bm25's doc_len). Passages
    are rows in order; terms may be listed in any order and need not all occur.
    """
    terms: list[str]
    passage_start: np.ndarray   # int64, passages + 1
    term_ids: np.ndarray        # int, into terms
    freqs: np.ndarray           # int
    lengths: np.ndarray         # int, per passage

    @classmethod
    def from_tokens(cls, token_lists: list[list[str]]) -> "TermCounts":
        documents = _documents(token_lists)
        vocabulary: dict[str, int] = {}
        ids = np.fromiter((vocabulary.setdefault(t, len(vocabulary)) for d in documents for t in d),
                          dtype=np.int64)
        lengths = np.fromiter((len(d) for d in documents), dtype=np.int64, count=len(documents))
        passages = np.repeat(np.arange(len(documents), dtype=np.int64), lengths)
        # One key per (passage, term): sorted, so counts come out by passage, then term id.
        keys, freqs = np.unique(passages * max(len(vocabulary), 1) + ids, return_counts=True)
        term_ids = keys % max(len(vocabulary), 1)
        per_passage = np.bincount(keys // max(len(vocabulary), 1), minlength=len(documents))
        return cls(list(vocabulary), np.concatenate([[0], np.cumsum(per_passage)]).astype(np.int64),
                   term_ids, freqs, lengths)

    @property
    def size(self) -> int:
        return len(self.lengths)

    def take(self, rows: np.ndarray) -> "TermCounts":
        """The counts of the given passages, in the given order."""
        rows = np.asarray(rows, dtype=np.int64)
        starts, ends = self.passage_start[rows], self.passage_start[rows + 1]
        sizes = ends - starts
        new_start = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        entries = np.repeat(starts - new_start[:-1], sizes) + np.arange(int(new_start[-1]), dtype=np.int64)
        return TermCounts(self.terms, new_start, self.term_ids[entries], self.freqs[entries], self.lengths[rows])

    @staticmethod
    def concat(parts: list["TermCounts"]) -> "TermCounts":
        """The passages of every part, one after another, over one shared term list."""
        vocabulary: dict[str, int] = {}
        starts, term_ids, freqs, lengths, offset = [np.zeros(1, dtype=np.int64)], [], [], [], 0
        for part in parts:
            remap = np.array([vocabulary.setdefault(t, len(vocabulary)) for t in part.terms], dtype=np.int64)
            term_ids.append(remap[part.term_ids] if len(part.terms) else np.zeros(0, dtype=np.int64))
            freqs.append(np.asarray(part.freqs, dtype=np.int64))
            lengths.append(np.asarray(part.lengths, dtype=np.int64))
            starts.append(part.passage_start[1:] + offset)
            offset += int(part.passage_start[-1])
        return TermCounts(list(vocabulary), np.concatenate(starts), np.concatenate(term_ids or [np.zeros(0, np.int64)]),
                          np.concatenate(freqs or [np.zeros(0, np.int64)]),
                          np.concatenate(lengths or [np.zeros(0, np.int64)]))
