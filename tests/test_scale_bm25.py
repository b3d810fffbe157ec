"""BM25 at scale: our postings build the arrays rank-bm25 builds, and rank passages exactly as
rank-bm25's get_scores (same Lucene IDF) and get_batch_scores over only the passages that hold
a query term do, on a few thousand generated passages."""
from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from bench.questions import latency_questions
from bench.synth import generate
from conftest import SEEDS_DIR
from index.articles import read_articles
from index.bm25 import LuceneIdfBM25, Postings, TermCounts, tokenize
from index.passages import chunk_article
from index.search import _top

FIELDS = ("term_start", "doc_ids", "term_freqs", "idf", "doc_len")


def assert_same(ours: Postings, reference: Postings) -> None:
    assert ours.vocabulary == reference.vocabulary
    for name in FIELDS:
        a, b = getattr(ours, name), getattr(reference, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name
    assert (ours.avgdl, ours.k1, ours.b) == (reference.avgdl, reference.k1, reference.b)


@pytest.fixture(scope="module")
def passages(tmp_path_factory) -> list[list[str]]:
    out = tmp_path_factory.mktemp("bm25-scale") / "corpus"
    generate(out, 200, SEEDS_DIR)
    articles = read_articles(out, 2_000_000).articles
    tokens = [tokenize(p.text) for a in articles for p in chunk_article(a, 450, 600)]
    assert len(tokens) > 3000
    return tokens


@hypothesis_settings(max_examples=200, deadline=None)
@given(corpus=st.lists(st.lists(st.sampled_from("abcdefghij"), max_size=12), min_size=1, max_size=40))
def test_build_equals_the_rank_bm25_route(corpus):
    assert_same(Postings.build(corpus, 1.2, 0.2), Postings._build_with_rank_bm25(corpus, 1.2, 0.2))


@hypothesis_settings(max_examples=150, deadline=None)
@given(corpus=st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=10), min_size=1, max_size=30),
       extra=st.lists(st.lists(st.sampled_from("fghijk"), max_size=10), max_size=5), data=st.data())
def test_reused_counts_equal_a_fresh_build(corpus, extra, data):
    """What an incremental build does: keep some passages' stored counts, add fresh ones, reorder."""
    stored = Postings.build(corpus, 1.2, 0.2).term_counts()
    keep = data.draw(st.lists(st.integers(0, len(corpus) - 1), unique=True))
    if not keep and not extra:
        return
    merged = TermCounts.concat([stored.take(np.array(keep, dtype=np.int64)), TermCounts.from_tokens(extra)])
    order = data.draw(st.permutations(range(merged.size)))
    texts = [corpus[i] for i in keep] + extra
    assert_same(Postings.from_counts(merged.take(np.array(order, dtype=np.int64)), 1.2, 0.2),
                Postings._build_with_rank_bm25([texts[i] for i in order], 1.2, 0.2))


def test_build_equals_the_rank_bm25_route_on_generated_passages(passages):
    assert_same(Postings.build(passages, 1.2, 0.2), Postings._build_with_rank_bm25(passages, 1.2, 0.2))


def test_rankings_equal_rank_bm25_get_scores_and_get_batch_scores(passages):
    postings = Postings.build(passages, 1.2, 0.2)
    reference = LuceneIdfBM25(passages, k1=1.2, b=0.2)
    questions = latency_questions()
    for question in random.Random(3).sample(questions, 60):
        query = tokenize(question)
        ours = postings.scores(query)
        full = reference.get_scores(query)
        np.testing.assert_allclose(ours, full, rtol=1e-5, atol=1e-6)
        holding = np.flatnonzero(full > 0)
        batch = np.zeros(len(passages))
        if len(holding):
            batch[holding] = reference.get_batch_scores(query, holding.tolist())
        mine = _top(ours, 100, ours > 0).rows
        assert np.array_equal(mine, _top(full, 100, full > 0).rows), question
        assert np.array_equal(mine, _top(batch, 100, batch > 0).rows), question


@hypothesis_settings(max_examples=200, deadline=None)
@given(corpus=st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=10), min_size=1, max_size=30),
       extra=st.lists(st.lists(st.sampled_from("fghijk"), max_size=10), max_size=6), data=st.data())
def test_updated_postings_equal_a_fresh_build(corpus, extra, data):
    """Postings.updated, as an incremental build calls it: passages kept in their order (some
    dropped), fresh ones slotted in anywhere."""
    old = Postings.build(corpus, 1.2, 0.2)
    keep = sorted(data.draw(st.lists(st.integers(0, len(corpus) - 1), unique=True)))
    if not keep and not extra:
        return
    slots = sorted(data.draw(st.lists(st.integers(0, len(keep) + len(extra) - 1), unique=True,
                                      min_size=len(extra), max_size=len(extra))))
    kept_slots = [i for i in range(len(keep) + len(extra)) if i not in slots]
    rows = np.full(len(corpus), -1, dtype=np.int64)
    rows[keep] = kept_slots
    texts = [None] * (len(keep) + len(extra))
    for row, slot in zip(keep, kept_slots):
        texts[slot] = corpus[row]
    for tokens, slot in zip(extra, slots):
        texts[slot] = tokens
    updated = old.updated(rows, TermCounts.from_tokens(extra), np.array(slots, dtype=np.int64))
    assert_same(updated, Postings._build_with_rank_bm25(texts, 1.2, 0.2))
