"""What the scale work changed in the index, checked to change no result: the lazy passage
table, the faster JSON lines, memory-mapped embeddings, chunk and BM25 reuse in incremental
builds, the query-vector cache and the per-measure figure cache."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from bench.synth import generate
from bot.answer import Engine
from conftest import SEEDS_DIR, make_settings
from fakes import HashEncoder
from index.bm25 import Postings, tokenize
from index.build import build_index
from index.models import Passage
from index.passages import chunk_article
from index.search import Searcher
from index.store import IndexCorrupt, PassageTable, _read_jsonl, current_generation, load_index, write_index


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("scale") / "corpus"
    generate(out, 60, SEEDS_DIR)
    return out


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    root = tmp_path_factory.mktemp("scale-index") / "index"
    build_index(make_settings(corpus, root, model="fake-hash"), encoder_factory=HashEncoder)
    return root


def test_passage_table_behaves_like_the_tuple(built):
    index = load_index(built)
    assert isinstance(index.passages, PassageTable)
    texts = {a.id: a.text for a in index.articles}
    eager = tuple(Passage(index.articles[a].id, s, e, index.articles[a].text[s:e])
                  for a, s, e in np.load(index.path / "passages.npy").tolist())
    assert len(index.passages) == len(eager) > 500
    assert tuple(index.passages) == eager and index.passages == eager and eager == index.passages
    assert index.passages[0] == eager[0] and index.passages[-1] == eager[-1]
    assert index.passages[10:20] == eager[10:20] and index.passages[::-7] == eager[::-7]
    assert eager[5] in index.passages and index.passages.index(eager[5]) == 5
    assert hash(index.passages) == hash(eager)
    assert index.passages == load_index(built).passages
    assert index.passages != eager[:-1]
    with pytest.raises(IndexError):
        index.passages[len(eager)]
    for p in index.passages:
        assert texts[p.article_id][p.start:p.end] == p.text


def test_loaded_embeddings_are_read_only_and_shared_from_disk(built):
    index = load_index(built)
    assert index.embeddings.dtype == np.float32 and not index.embeddings.flags.writeable
    np.testing.assert_array_equal(index.embeddings, np.load(index.path / "embeddings.npy"))


def test_jsonl_rows_read_as_json_loads_reads_them(tmp_path):
    lines = ['{"a": 1, "b": "x"}', ' {"a": 2}', '{"a": 3}  ', '{"a": "\\u00e9", "b": [1, 2]}', "[1, 2]", "7"]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    assert _read_jsonl(path) == [json.loads(line) for line in lines]
    path.write_text('{"a": 1}\n{"a": 2} {"b": 3}\n', encoding="utf-8")
    with pytest.raises(ValueError):
        _read_jsonl(path)


def test_a_damaged_figure_row_is_still_reported(built, tmp_path):
    root = tmp_path / "index"
    shutil.copytree(built, root)
    path = current_generation(root) / "figures.jsonl"
    rows = path.read_text(encoding="utf-8").splitlines()
    rows[3] = rows[3].replace('"measure"', '"measured"')
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    manifest_path = current_generation(root) / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"]["figures.jsonl"] = path.stat().st_size
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexCorrupt):
        load_index(root)


def test_writing_a_loaded_index_gives_the_same_files(built, tmp_path):
    index = load_index(built)
    path = write_index(tmp_path / "copy", index)
    for name in ("articles.jsonl", "figures.jsonl", "passages.npy", "embeddings.npy", "bm25.npz",
                 "bm25_vocabulary.json"):
        assert (path / name).read_bytes() == (index.path / name).read_bytes(), name


def test_incremental_build_equals_a_fresh_build(corpus, built, tmp_path):
    """Adding and removing articles reuses stored spans and BM25 counts; the index is the one a
    build from nothing makes of the same articles (embeddings aside: those are reused on purpose)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus, seeds)
    root = tmp_path / "index"
    shutil.copytree(built, root)
    gone = sorted(seeds.iterdir())[7]
    gone.unlink()
    (seeds / "aaa-new.txt").write_text((SEEDS_DIR / sorted(p.name for p in SEEDS_DIR.iterdir())[2]).read_text()
                                       .replace("84", "91") + "\nA new closing line.\n", encoding="utf-8")
    encoder = HashEncoder()
    report = build_index(make_settings(seeds, root, model="fake-hash"), encoder_factory=lambda: encoder)
    assert report.added == ("aaa-new.txt",) and report.removed == (gone.name,)
    incremental = load_index(root)
    assert encoder.texts == [p.text for p in incremental.passages if p.article_id == "aaa-new.txt"]

    fresh_root = tmp_path / "fresh"
    build_index(make_settings(seeds, fresh_root, model="fake-hash"), encoder_factory=HashEncoder)
    fresh = load_index(fresh_root)
    assert incremental.passages == fresh.passages
    assert incremental.figures == fresh.figures
    np.testing.assert_array_equal(incremental.embeddings, fresh.embeddings)
    assert incremental.bm25.vocabulary == fresh.bm25.vocabulary
    for name in ("term_start", "doc_ids", "term_freqs", "idf", "doc_len"):
        a, b = getattr(incremental.bm25, name), getattr(fresh.bm25, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name
    assert incremental.bm25.avgdl == fresh.bm25.avgdl
    for name in ("articles.jsonl", "figures.jsonl", "passages.npy", "embeddings.npy", "bm25.npz",
                 "bm25_vocabulary.json"):  # rows copied from the previous files are the bytes a fresh build writes
        assert (incremental.path / name).read_bytes() == (fresh.path / name).read_bytes(), name
    for article in incremental.articles:  # the reused spans are the ones chunking gives
        mine = [p for p in incremental.passages if p.article_id == article.id]
        assert mine == chunk_article(article, 450, 600)


def test_stored_counts_are_not_reused_by_another_tokenizer(corpus, built, tmp_path, monkeypatch):
    import index.build as build_module

    root = tmp_path / "index"
    shutil.copytree(built, root)
    passages = len(load_index(root).passages)
    calls = []
    original = build_module.Postings.build

    def counting(token_lists, k1, b):
        calls.append(len(token_lists))
        return original(token_lists, k1, b)

    monkeypatch.setattr(build_module.Postings, "build", staticmethod(counting))
    build_index(make_settings(corpus, root, model="fake-hash"), encoder_factory=HashEncoder)
    assert calls == []  # same tokenizer: the stored counts were reused
    monkeypatch.setattr(build_module, "tokenizer_fingerprint", lambda: "another")
    build_index(make_settings(corpus, root, model="fake-hash"), encoder_factory=HashEncoder)
    assert calls == [passages]  # another tokenizer: every passage tokenised afresh
    assert load_index(root).manifest.tokenizer == "another"


def test_postings_build_equals_rank_bm25_on_generated_passages(built):
    index = load_index(built)
    tokens = [tokenize(p.text) for p in index.passages]
    ours, reference = Postings.build(tokens, 1.2, 0.2), Postings._build_with_rank_bm25(tokens, 1.2, 0.2)
    assert ours.vocabulary == reference.vocabulary and ours.avgdl == reference.avgdl
    for name in ("term_start", "doc_ids", "term_freqs", "idf", "doc_len"):
        a, b = getattr(ours, name), getattr(reference, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name


def test_query_vectors_are_cached_and_answers_unchanged(built):
    index = load_index(built)
    settings = make_settings(SEEDS_DIR, built, model="fake-hash")
    encoder = HashEncoder()
    cached = Engine(index, encoder, settings)
    uncached_encoder = HashEncoder()
    uncached = Engine(index, uncached_encoder, settings)
    uncached.searcher = Searcher(index, uncached_encoder, settings, query_cache_size=0)
    questions = ["How many people were killed?", "Who claimed the attack?", "How many people were killed?"]
    answers = [cached.ask(q) for q in questions[:2]]
    calls = encoder.calls
    answers.append(cached.ask(questions[2]))
    assert encoder.calls == calls                       # the repeated question is not encoded again
    assert answers == [uncached.ask(q) for q in questions]
    assert uncached_encoder.calls > encoder.calls
    vector = cached.searcher.query_vector("How many people were killed?")
    assert not vector.flags.writeable


def test_figures_of_a_measure_are_grouped_once_per_engine(built):
    index = load_index(built)
    settings = make_settings(SEEDS_DIR, built, model="fake-hash")
    engine = Engine(index, HashEncoder(), settings)
    measure = max(engine.figures_by_measure, key=lambda m: len(engine.figures_by_measure[m]))
    first = engine.measure_figures(measure)
    assert engine.measure_figures(measure) is first
    assert first == engine._measure_figures(measure, None) and len(first.values) > 5
    some = {index.articles[0].id, index.articles[9].id}
    assert engine.measure_figures(measure, some) == engine._measure_figures(measure, some)
    assert engine.measure_figures(measure, some) is not engine.measure_figures(measure, some)


def test_texts_with_unicode_line_separators_load(tmp_path):
    """JSON leaves U+0085, U+2028 and U+2029 unescaped; rows are split at "\\n" alone, so an
    article holding them still loads (str.splitlines() cut its row in two: "index damaged")."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("A headline about floods\nThe river rose and 12 people died.\x85 Officials"
                                 "\u2028said more.\u2029 Then 3 more.\n", encoding="utf-8")
    build_index(make_settings(seeds, tmp_path / "index", model="fake-hash"), encoder_factory=HashEncoder)
    index = load_index(tmp_path / "index")
    assert "\u2028" in index.articles[0].text and "\x85" in index.articles[0].text
    (seeds / "b.txt").write_text("Another story\nNothing else happened.\n", encoding="utf-8")
    build_index(make_settings(seeds, tmp_path / "index", model="fake-hash"), encoder_factory=HashEncoder)
    assert [a.id for a in load_index(tmp_path / "index").articles] == ["a.txt", "b.txt"]


def test_time_flags_from_offsets_equal_searching_each_passage(built):
    from types import SimpleNamespace

    from index.models import Article
    from index.search import _TIME_EXPRESSION, _states_time

    index = load_index(built)
    expected = np.array([bool(_TIME_EXPRESSION.search(p.text)) for p in index.passages])
    assert np.array_equal(_states_time(index), expected) and expected.any() and not expected.all()
    # Passages that start inside a word: "\b" at their start must see the start of their text.
    text = "x2024 was the year. Monday_ came.  yMonday then_12:30 and 19999 or 1999"
    article = Article("a.txt", text, "t")
    spans = [(0, 1, 19), (0, 0, 19), (0, 21, 27), (0, 27, 34), (0, 36, 43), (0, 45, 54), (0, 58, 63),
             (0, 67, 71), (0, 66, 71), (0, 55, 59)]
    table = PassageTable((article,), np.array(spans))
    wanted = [bool(_TIME_EXPRESSION.search(p.text)) for p in table]
    assert _states_time(SimpleNamespace(passages=table)).tolist() == wanted
    assert True in wanted and False in wanted
