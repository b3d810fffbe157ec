"""Hybrid search over the seed index: fusion, source diversity, odd queries, filters, BM25 alone."""
from __future__ import annotations

import numpy as np
import pytest

import config
from index.bm25 import tokenize
from index.models import Hit
from index.search import is_citable, MAX_QUERY_CHARS, Ranking, Searcher, diversify, fuse_scores

SETTINGS = config.load_settings(environ={})
QUESTIONS = ["How many people were killed?", "How many were injured?", "Who claimed responsibility?",
             "When did the explosions happen?", "What did Iran's leaders say?"]


class CachedEncoder:
    """The real encoder, each distinct query embedded once (the tests ask the same questions often)."""

    def __init__(self, inner):
        self.inner, self.name, self.dimension = inner, inner.name, inner.dimension
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self.inner.encode(missing)))
        return np.array([self._cache[t] for t in texts], dtype=np.float32).reshape(len(texts), self.dimension)


@pytest.fixture(scope="module")
def cached_encoder(encoder):
    return CachedEncoder(encoder)


@pytest.fixture(scope="module")
def searcher_for(seed_index, cached_encoder):
    def make(encoder_on: bool = True, **changes) -> Searcher:
        return Searcher(seed_index, cached_encoder if encoder_on else None, SETTINGS.replace(**changes))
    return make


def check_hits(index, hits: list[Hit], k: int) -> None:
    texts = {a.id: a.text for a in index.articles}
    assert len(hits) == k
    assert len({(h.passage.article_id, h.passage.start) for h in hits}) == len(hits), "a passage twice"
    for hit in hits:
        assert texts[hit.passage.article_id][hit.passage.start:hit.passage.end] == hit.passage.text
        assert hit.passage in index.passages
    scores = [h.score for h in hits]
    assert all(a >= b for a, b in zip(scores, scores[1:])), scores


# --------------------------------------------------------------------------- diversity

def test_figure_question_draws_on_several_sources(seed_index, searcher_for):
    question = "How many people were killed?"
    diverse = searcher_for(source_decay=0.6).search(question, k=5)
    plain = searcher_for(source_decay=1.0).search(question, k=5)
    diverse_sources = {h.passage.article_id for h in diverse}
    plain_sources = {h.passage.article_id for h in plain}
    assert len(diverse_sources) >= 3
    assert len(plain_sources) <= len(diverse_sources)
    check_hits(seed_index, diverse, 5)
    check_hits(seed_index, plain, 5)


@pytest.mark.parametrize("fusion", ["rrf", "weighted"])
@pytest.mark.parametrize("question", QUESTIONS)
def test_decay_never_reduces_the_number_of_sources(searcher_for, fusion, question):
    diverse = searcher_for(fusion=fusion, source_decay=0.6).search(question, k=5)
    plain = searcher_for(fusion=fusion, source_decay=1.0).search(question, k=5)
    assert len({h.passage.article_id for h in diverse}) >= len({h.passage.article_id for h in plain})


def test_without_decay_hits_are_the_top_fused_scores(searcher_for):
    searcher = searcher_for(source_decay=1.0)
    question = "How many people were killed?"
    lexical = searcher.bm25_ranking(question, SETTINGS.candidates)
    semantic = searcher.embedding_ranking(question, SETTINGS.candidates)
    fused = fuse_scores(lexical, semantic, searcher.settings)
    best = sorted(fused.values(), reverse=True)[:5]
    assert [h.score for h in searcher.search(question, k=5)] == pytest.approx(best)


def test_diversify_discounts_each_article_per_passage_shown():
    article_of_row = np.array([0, 0, 0, 1, 2])
    fused = {0: 1.0, 1: 0.9, 2: 0.8, 3: 0.5, 4: 0.4}
    picked = diversify(fused, article_of_row, k=5, decay=0.5)
    # 0 (1.0); then 1 at 0.45 < 3 at 0.5; then 1 at 0.45; then 4 at 0.4 > 2 at 0.8 * 0.25
    assert picked == [(0, 1.0), (3, 0.5), (1, 0.45), (4, 0.4), (2, pytest.approx(0.2))]
    assert diversify(fused, article_of_row, k=5, decay=1.0) == sorted(fused.items(), key=lambda i: -i[1])
    assert diversify(fused, article_of_row, k=2, decay=0.5) == [(0, 1.0), (3, 0.5)]
    assert diversify({}, article_of_row, k=3, decay=0.5) == []


# --------------------------------------------------------------------------- fusion

@pytest.mark.parametrize("fusion", ["rrf", "weighted"])
@pytest.mark.parametrize("k", [1, 5, 12])
def test_fusion_returns_k_hits_in_score_order(seed_index, searcher_for, fusion, k):
    for question in QUESTIONS:
        hits = searcher_for(fusion=fusion).search(question, k=k)
        check_hits(seed_index, hits, k)
        assert all(h.score > 0 for h in hits[:-1])


def test_default_k_comes_from_settings(seed_index, searcher_for):
    assert len(searcher_for(results=7).search("Kerman")) == 7


def test_hit_scores_are_the_retrievers_scores(seed_index, searcher_for, cached_encoder):
    question = "Islamic State claimed the Kerman bombings"
    searcher = searcher_for(fusion="rrf")
    hits = searcher.search(question, k=8)
    bm25 = seed_index.bm25.scores(tokenize(question))
    cosine = seed_index.embeddings @ cached_encoder.encode([question])[0]
    rows = {p: i for i, p in enumerate(seed_index.passages)}
    # Ranks are among the passages a reader can cite (headings and bylines are never ranked).
    citable = searcher.citable
    positive = np.flatnonzero((bm25 > 0) & citable)
    bm25_order = positive[np.lexsort((positive, -bm25[positive]))].tolist()  # best first, ties by row
    rankable = np.flatnonzero(citable)
    cosine_order = rankable[np.lexsort((rankable, -cosine[rankable]))].tolist()
    for hit in hits:
        row = rows[hit.passage]
        assert hit.bm25 == pytest.approx(float(bm25[row]), rel=1e-5)
        assert hit.embedding == pytest.approx(float(cosine[row]), abs=1e-4)
        assert hit.rank_bm25 == (bm25_order.index(row) + 1 if row in bm25_order else None)
        assert hit.rank_embedding is not None and abs(hit.rank_embedding - (cosine_order.index(row) + 1)) <= 1
    assert hits[0].rank_bm25 is not None and hits[0].rank_embedding is not None


def test_unknown_fusion_is_an_error(searcher_for):
    with pytest.raises(ValueError, match="fusion"):
        searcher_for(fusion="max").search("killed")


def test_weighted_fusion_normalises_each_retriever():
    settings = SETTINGS.replace(fusion="weighted", weight_bm25=0.5, weight_embedding=0.5)
    lexical = Ranking(np.array([3, 1]), np.array([10.0, 2.0]))
    semantic = Ranking(np.array([1, 2]), np.array([0.8, 0.4]))
    fused = fuse_scores(lexical, semantic, settings)
    assert fused == pytest.approx({3: 0.5, 1: 0.5, 2: 0.0})
    rrf = fuse_scores(lexical, semantic, SETTINGS.replace(fusion="rrf", rrf_k=60))
    assert rrf == pytest.approx({3: 1 / 61, 1: 1 / 62 + 1 / 61, 2: 1 / 62})


# --------------------------------------------------------------------------- odd queries

def test_very_long_query(seed_index, searcher_for):
    query = ("How many people were killed in the Kerman blasts at the memorial? " * 200)[:10_000]
    assert len(query) == 10_000 > MAX_QUERY_CHARS
    for fusion in ("rrf", "weighted"):
        hits = searcher_for(fusion=fusion).search(query, k=5)
        check_hits(seed_index, hits, 5)
    bm25_only = searcher_for(encoder_on=False).search(query, k=5)
    check_hits(seed_index, bm25_only, 5)


@pytest.mark.parametrize("query", ["", "?!?", "…—–|---", "💥🔥😢 👨‍👩‍👧", "\u200b\u200d", "   \n\t  "])
def test_query_without_words(seed_index, searcher_for, query):
    assert tokenize(query) == []
    hits = searcher_for().search(query, k=5)
    check_hits(seed_index, hits, 5)  # the embedding still ranks something
    assert all(h.bm25 == 0 and h.rank_bm25 is None for h in hits)
    assert searcher_for(encoder_on=False).search(query, k=5) == []  # nothing to match lexically


# --------------------------------------------------------------------------- article filter

def test_articles_filter_restricts_hits(seed_index, searcher_for):
    ids = [a.id for a in seed_index.articles]
    for chosen in ({ids[0]}, {ids[1], ids[3]}, {ids[4]}):
        for fusion in ("rrf", "weighted"):
            hits = searcher_for(fusion=fusion).search("How many people were killed?", k=5, articles=chosen)
            available = sum(p.article_id in chosen for p in seed_index.passages)
            check_hits(seed_index, hits, min(5, available))
            assert {h.passage.article_id for h in hits} <= chosen
        bm25_only = searcher_for(encoder_on=False).search("Kerman killed", k=5, articles=chosen)
        assert bm25_only and {h.passage.article_id for h in bm25_only} <= chosen


def test_articles_filter_with_unknown_or_no_article(searcher_for):
    assert searcher_for().search("killed", k=5, articles=set()) == []
    assert searcher_for().search("killed", k=5, articles={"nope.txt"}) == []


def test_filter_ranks_within_the_chosen_articles(seed_index, searcher_for, cached_encoder):
    # With two candidates per retriever, the chosen article's passages may be outside the global
    # top two; the filter still ranks the article's own best ones.
    searcher = searcher_for(candidates=2)
    question = "How many people were killed?"
    chosen = seed_index.articles[-1].id
    own_rows = [i for i, p in enumerate(seed_index.passages) if p.article_id == chosen]
    hits = searcher.search(question, k=5, articles={chosen})
    assert 1 <= len(hits) <= 4 and {h.passage.article_id for h in hits} == {chosen}
    cosine = seed_index.embeddings[own_rows] @ cached_encoder.encode([question])[0]
    best_own = seed_index.passages[own_rows[int(np.argmax(cosine))]]
    assert best_own in [h.passage for h in hits]


def test_best_per_article(seed_index, searcher_for):
    searcher = searcher_for()
    ids = {a.id for a in seed_index.articles}
    best = searcher.best_per_article("How many people were killed?", ids)
    assert set(best) <= ids and len(best) >= 3
    # Each is its article's highest fused score over the same rankings.
    question = "How many people were killed?"
    mask = searcher.article_mask(ids) & searcher.citable
    lexical = searcher.bm25_ranking(question, len(seed_index.passages), mask)
    semantic = searcher.embedding_ranking(question, len(seed_index.passages), mask, SETTINGS.min_similarity)
    fused = fuse_scores(lexical, semantic, searcher.settings)
    for article_id, hit in best.items():
        assert hit.passage.article_id == article_id
        own = {row: score for row, score in fused.items() if seed_index.passages[row].article_id == article_id}
        assert hit.score == pytest.approx(max(own.values()))
        assert hit.passage == seed_index.passages[max(own, key=lambda row: (own[row], -row))]
    chosen = sorted(ids)[:2]
    assert set(searcher.best_per_article("How many people were killed?", set(chosen))) <= set(chosen)
    # Nothing shares a word with the query and nothing is similar enough: no article.
    assert searcher_for(min_similarity=0.99).best_per_article("💥 ?!", ids) == {}


@pytest.mark.parametrize("text, citable", [
    ("By Rana Haddad and Tom Keller", False),
    ("Huge port explosion devastates Beirut; at least 78 dead", False),          # a headline alone
    ("PHOTO: Smoke billows over the port on Tuesday. (Staff photo)", False),
    ("RELATED\n- Hospitals say wards are full", False),
    ("(c) 2020 Levant Wire Service. All rights reserved.", False),
    ("The explosion killed 78 people.", True),
    ("Rescuers searched the rubble through the night, officials said.", True),
])
def test_headings_bylines_and_credits_are_never_cited(text, citable):
    assert is_citable(text) is citable


def test_no_search_result_is_a_heading_or_byline(seed_index, searcher_for):
    searcher = searcher_for()
    for question in ("Who claimed responsibility?", "How many were killed?", "Kerman"):
        assert all(is_citable(hit.passage.text) for hit in searcher.search(question, k=10))


# --------------------------------------------------------------------------- BM25 alone

def test_bm25_only_mode(seed_index, searcher_for):
    question = "How many people were killed in Kerman?"
    query_terms = set(tokenize(question))
    searcher = searcher_for(encoder_on=False, source_decay=1.0)
    hits = searcher.search(question, k=5)
    check_hits(seed_index, hits, 5)
    for hit in hits:
        assert hit.embedding == 0.0 and hit.rank_embedding is None
        assert hit.bm25 > 0 and query_terms & set(tokenize(hit.passage.text))
    # Without diversification the order is BM25's.
    assert [h.bm25 for h in hits] == sorted((h.bm25 for h in hits), reverse=True)
    assert [h.rank_bm25 for h in hits] == [1, 2, 3, 4, 5]
    diverse = searcher_for(encoder_on=False, source_decay=0.6).search(question, k=5)
    check_hits(seed_index, diverse, 5)
    assert len({h.passage.article_id for h in diverse}) >= 3


def test_when_questions_prefer_passages_that_state_a_time(seed_index, encoder, settings_for, seed_index_dir,
                                                          monkeypatch):
    import index.search as search_module

    settings = settings_for(seed_index_dir.parent / "seeds", seed_index_dir)
    question = "When and how was Qassem Soleimani killed?"
    boosted = Searcher(seed_index, encoder, settings).search(question)
    monkeypatch.setattr(search_module, "WHEN_BOOST", 1.0)
    plain = Searcher(seed_index, encoder, settings).search(question)

    def timed(hits):
        return sum(bool(search_module._TIME_EXPRESSION.search(h.passage.text)) for h in hits)
    assert timed(boosted) > timed(plain)
