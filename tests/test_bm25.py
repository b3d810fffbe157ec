"""BM25: the Lucene IDF against rank-bm25's floored one, postings == get_scores, tokenisation."""
from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st
from rank_bm25 import BM25Okapi

from index.bm25 import LuceneIdfBM25, Postings, tokenize

# --------------------------------------------------------------------------- (a) the IDF trap

# Ten passages about one event: "Kerman" is in 7, "blast" and "Iran" in all 10, a few words once.
EVENT_PASSAGES = [
    "Kerman memorial blast in Iran.",
    "Kerman memorial blast in Iran, crowds.",
    "Kerman memorial blast Iran.",
    "Kerman memorial blast Iran mourners.",
    "Kerman memorial blast Iran cemetery.",
    "Kerman memorial blast Iran ceremony.",
    "Kerman memorial blast Iran funeral.",
    "Memorial blast in Iran.",
    "Memorial blast Iran, officials said.",
    "A drone strike, blast, Iran.",
]
WITH_KERMAN = list(range(7))
WITHOUT_KERMAN = [7, 8, 9]


@pytest.fixture(scope="module")
def event_tokens() -> list[list[str]]:
    tokens = [tokenize(text) for text in EVENT_PASSAGES]
    assert sum("kerman" in t for t in tokens) == 7
    assert sum("drone" in t for t in tokens) == 1
    return tokens


def test_plain_bm25okapi_floors_the_idf_of_a_common_term(event_tokens):
    plain = BM25Okapi(event_tokens)
    raw_idf = math.log((10 - 7 + 0.5) / (7 + 0.5))
    assert raw_idf < 0  # in more than half the passages: rank-bm25 replaces it
    assert plain.idf["kerman"] == pytest.approx(plain.epsilon * plain.average_idf)
    # The floor erases the difference between a term in 7 of 10 passages and one in all 10.
    assert plain.idf["kerman"] == plain.idf["blast"] == plain.idf["iran"]


def test_lucene_idf_is_positive_above_plain_and_below_a_rare_term(event_tokens):
    plain = BM25Okapi(event_tokens)
    ours = LuceneIdfBM25(event_tokens)
    assert ours.idf["kerman"] == pytest.approx(math.log(1 + 3.5 / 7.5))
    assert ours.idf["kerman"] > 0
    assert ours.idf["kerman"] > plain.idf["kerman"]
    assert ours.idf["kerman"] < ours.idf["drone"]
    assert ours.idf["blast"] < ours.idf["kerman"]  # rarer still ranks higher
    assert all(value > 0 for value in ours.idf.values())


def test_common_term_query_ranks_passages_containing_it_first(event_tokens):
    scores = Postings.build(event_tokens, k1=1.2, b=0.2).scores(tokenize("Kerman"))
    assert min(scores[WITH_KERMAN]) > 0
    assert min(scores[WITH_KERMAN]) > max(scores[WITHOUT_KERMAN])
    assert np.all(scores[WITHOUT_KERMAN] == 0)


def test_plain_bm25okapi_ranks_passages_without_the_common_term_first():
    """When most of the vocabulary is common (a one-event corpus), rank-bm25's average IDF is
    negative, the floor is negative, and a query for "Kerman" puts passages without it on top."""
    tokens = [["kerman", "memori", "blast", "iran"]] * 7 + [["memori", "blast", "iran"]] * 2 + [["drone", "blast", "iran"]]
    plain = BM25Okapi(tokens, k1=1.2, b=0.2)
    assert plain.average_idf < 0
    plain_scores = plain.get_scores(["kerman"])
    assert max(plain_scores[WITH_KERMAN]) < min(plain_scores[WITHOUT_KERMAN])  # plain fails

    ours = Postings.build(tokens, k1=1.2, b=0.2).scores(["kerman"])
    assert min(ours[WITH_KERMAN]) > max(ours[WITHOUT_KERMAN])  # ours does not
    ranked = np.argsort(-ours, kind="stable")
    assert set(ranked[:7].tolist()) == set(WITH_KERMAN)


def test_common_term_weighs_more_than_plain_relative_to_a_rare_term(event_tokens):
    # Query "Kerman drone": rank-bm25 gives "kerman" under a tenth of the weight of "drone";
    # the Lucene IDF keeps a term in 7 of 10 passages at a fifth of a term in one.
    plain = BM25Okapi(event_tokens)
    ours = LuceneIdfBM25(event_tokens)
    assert plain.idf["kerman"] / plain.idf["drone"] < 0.1
    assert ours.idf["kerman"] / ours.idf["drone"] > 0.15


# --------------------------------------------------------------------------- (b) postings == get_scores

def random_corpus(rng: random.Random, size: int, vocabulary: int, allow_empty: bool) -> list[list[str]]:
    words = [f"w{i}" for i in range(vocabulary)]
    weights = [1 / (i + 1) for i in range(vocabulary)]  # Zipf-like: some terms in most passages
    low = 0 if allow_empty else 1
    return [rng.choices(words, weights, k=rng.randint(low, 25)) for _ in range(size)]


def random_query(rng: random.Random, vocabulary: int) -> list[str]:
    query = [f"w{rng.randrange(vocabulary)}" for _ in range(rng.randint(0, 6))]
    if query and rng.random() < 0.5:
        query.append(rng.choice(query))            # a repeated term
    if rng.random() < 0.4:
        query.append(f"unknown{rng.randrange(3)}")  # a term no passage has
    rng.shuffle(query)
    return query


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("k1, b", [(1.2, 0.2), (1.5, 0.75), (0.9, 1.0), (2.0, 0.0)])
def test_postings_scores_equal_rank_bm25_get_scores(seed, k1, b):
    rng = random.Random(seed)
    vocabulary = rng.randint(3, 60)
    corpus = random_corpus(rng, rng.randint(1, 120), vocabulary, allow_empty=False)
    postings = Postings.build(corpus, k1=k1, b=b)
    reference = LuceneIdfBM25(corpus, k1=k1, b=b)
    for _ in range(25):
        query = random_query(rng, vocabulary)
        ours = postings.scores(query)
        assert ours.shape == (len(corpus),)
        np.testing.assert_allclose(ours, reference.get_scores(query), rtol=1e-5, atol=1e-6, err_msg=str(query))


def test_repeated_and_unknown_terms():
    corpus = [["kerman", "blast"], ["kerman"], ["drone", "strike", "blast"]]
    postings = Postings.build(corpus, k1=1.2, b=0.75)
    once = postings.scores(["blast"])
    assert np.allclose(postings.scores(["blast", "blast"]), 2 * once)
    assert np.allclose(postings.scores(["blast", "nowhere", "zzz"]), once)
    assert np.all(postings.scores(["nowhere"]) == 0)
    assert np.all(postings.scores([]) == 0)
    assert postings.scores(["blast"])[1] == 0 and once[0] > 0 and once[2] > 0


@hypothesis_settings(max_examples=150, deadline=None)
@given(
    corpus=st.lists(st.lists(st.sampled_from("abcdefghij"), min_size=1, max_size=15), min_size=1, max_size=40),
    query=st.lists(st.sampled_from("abcdefghijxyz"), max_size=8),
)
def test_postings_equal_get_scores_on_random_corpora(corpus, query):
    postings = Postings.build(corpus, k1=1.2, b=0.2)
    np.testing.assert_allclose(postings.scores(query), LuceneIdfBM25(corpus, k1=1.2, b=0.2).get_scores(query),
                               rtol=1e-5, atol=1e-6)


def test_postings_equal_get_scores_when_some_passages_have_no_tokens():
    """A passage of only stopwords ("By", a seed byline line) tokenises to []. Postings.build then
    gives it a dummy "" token, which changes its length and the average length, so the scores
    are no longer the numbers rank-bm25 computes for the same passages (the module doc says
    they are; the dummy is only needed when every passage is empty)."""
    rng = random.Random(7)
    corpus = random_corpus(rng, 50, 30, allow_empty=True)
    assert any(not tokens for tokens in corpus) and not all(not tokens for tokens in corpus)
    postings = Postings.build(corpus, k1=1.2, b=0.2)
    reference = LuceneIdfBM25(corpus, k1=1.2, b=0.2)
    for query in (["w1"], ["w2", "w2", "w5"], ["w0", "w9", "nowhere"]):
        np.testing.assert_allclose(postings.scores(query), reference.get_scores(query), rtol=1e-5, atol=1e-6)


def test_postings_of_only_empty_passages_still_score():
    postings = Postings.build([[], []], k1=1.2, b=0.2)
    assert np.all(postings.scores(["kerman"]) == 0)
    with pytest.raises(ValueError):
        Postings.build([], k1=1.2, b=0.2)


# --------------------------------------------------------------------------- (c) tokenize

def test_stopwords_are_dropped():
    assert tokenize("What was the death toll in Kerman?") == ["death", "toll", "kerman"]
    assert tokenize("How many were there and who did it") == ["mani"]
    assert tokenize("the of and a an to in") == []


@pytest.mark.parametrize("group", [
    ("injured", "injuries", "injury", "Injured"),
    ("claimed", "claims", "claim", "claiming"),
    ("killed", "kills", "killing"),
    ("responsible", "responsibility"),
    ("explosion", "explosions"),
])
def test_stemming_joins_word_forms(group):
    stems = {tuple(tokenize(word)) for word in group}
    assert len(stems) == 1 and len(next(iter(stems))) == 1, stems


def test_stemming_keeps_different_words_apart():
    assert tokenize("killed") != tokenize("injured")
    assert tokenize("claims") != tokenize("clams")


@pytest.mark.parametrize("accented, plain", [
    ("Kermán", "Kerman"),
    ("Kerma\u0301n", "Kerman"),   # decomposed accent
    ("Qāsem Soleimānī", "Qasem Soleimani"),
    ("CAFÉ", "cafe"),
    ("ﬁrst", "first"),            # ligature folded by NFKD
])
def test_accents_are_folded(accented, plain):
    assert tokenize(accented) == tokenize(plain)
    assert tokenize(accented)


def test_possessives_and_apostrophes():
    assert tokenize("Soleimani's") == tokenize("Soleimani’s") == tokenize("Soleimani")
    assert tokenize("Iran’s guard") == ["iran", "guard"]


def test_tokenize_odd_inputs():
    assert tokenize("") == []
    assert tokenize("?!… 💥🔥 — | ---") == []
    assert tokenize("84 people, 284 wounded") == ["84", "peopl", "284", "wound"]
