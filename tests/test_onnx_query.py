"""Questions encoded on ONNX Runtime: the same vectors as sentence-transformers, or not used."""
import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from index import onnx_query
from index.embeddings import SentenceEncoder
from conftest import MODEL


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory):
    """A cache folder where a first start exported the model and kept its manifest."""
    cache = tmp_path_factory.mktemp("models")
    SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=cache).encode_query("warm")
    return cache


@pytest.fixture(scope="module")
def onnx_encoder(tmp_path_factory):
    return SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="module")
def kept_encoder(warm_cache):
    encoder = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=warm_cache)
    assert encoder._model is None  # nothing loaded until passages are encoded
    return encoder


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_onnx_vectors_match_on_any_text(onnx_encoder, text):
    np.testing.assert_allclose(onnx_encoder.encode_query(text), onnx_encoder.encode([text])[0], rtol=0, atol=1e-5)


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_kept_encoder_matches_on_any_text(kept_encoder, text):
    """The later start's path (the model's tokenizer.json, no sentence-transformers) gives
    encode's vectors; encode itself loads the model when first asked."""
    np.testing.assert_allclose(kept_encoder.encode_query(text), kept_encoder.encode([text])[0], rtol=0, atol=1e-5)


def test_export_is_reused_from_the_cache(tmp_path, onnx_encoder, monkeypatch):
    cache = tmp_path / "models"
    first = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=cache)
    first.encode_query("warm")
    assert sorted(f.suffix for f in cache.iterdir()) == [".json", ".onnx"]
    next(cache.glob("*.json")).unlink()   # no manifest: the model is loaded, the export reused

    def refuse(*args):
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_query, "_export", refuse)
    second = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=cache)
    assert second.encode_query("How many were killed?") is not None and second.query_path == "ONNX Runtime"
    assert second._model is not None and len(list(cache.glob("*.json"))) == 1


def test_a_later_start_answers_questions_without_torch(warm_cache, kept_encoder):
    script = ("import json, sys\n"
              "from index.embeddings import SentenceEncoder\n"
              f"e = SentenceEncoder({MODEL!r}, query_runtime='onnx', cache_dir={str(warm_cache)!r})\n"
              "v = e.encode_query('How many were killed in the blast?')\n"
              "print(json.dumps({'loaded': sorted(m for m in ('torch', 'sentence_transformers', 'transformers')"
              " if m in sys.modules), 'path': e.query_path, 'dimension': e.dimension, 'vector': v.tolist()}))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          cwd=Path(__file__).resolve().parent.parent, env={**os.environ, "PYTHONPATH": "."})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["loaded"] == [] and seen["path"] == "ONNX Runtime" and seen["dimension"] == 384
    np.testing.assert_allclose(seen["vector"], kept_encoder.encode(["How many were killed in the blast?"])[0],
                               rtol=0, atol=1e-5)


@pytest.mark.parametrize("damage", ["vectors", "garbled", "export"])
def test_a_kept_encoder_that_fails_its_check_is_not_used(tmp_path, warm_cache, caplog, damage):
    cache = tmp_path / "models"
    cache.mkdir()
    for f in warm_cache.iterdir():
        (cache / f.name).write_bytes(f.read_bytes())
    manifest = next(cache.glob("*.json"))
    record = json.loads(manifest.read_text())
    if damage == "vectors":
        record["vectors"][0] = list(np.roll(record["vectors"][0], 1))
        manifest.write_text(json.dumps(record))
    elif damage == "garbled":
        manifest.write_text("{not json")
    else:
        (cache / record["file"]).write_bytes(b"not an onnx model")
    with caplog.at_level(logging.WARNING):
        encoder = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=cache)
    assert encoder._model is not None and "kept question encoder" in caplog.text
    np.testing.assert_allclose(encoder.encode_query("killed"), encoder.encode(["killed"])[0], rtol=0, atol=1e-5)


def test_the_manifest_is_named_by_the_model_files(tmp_path):
    model = tmp_path / "model"
    (model / "1_Pooling").mkdir(parents=True)
    (model / "config.json").write_text("{}")
    (model / "1_Pooling" / "config.json").write_text("{}")
    first = onnx_query._manifest_name(model)
    assert onnx_query._manifest_name(model) == first
    (model / "1_Pooling" / "config.json").write_text('{"pooling": "cls"}')
    assert onnx_query._manifest_name(model) != first


def test_damaged_cached_export_is_made_again(tmp_path):
    cache = tmp_path / "models"
    SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=cache).encode_query("warm")
    [cached] = cache.glob("*.onnx")
    cached.write_bytes(b"not an onnx model")
    again = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=cache)
    np.testing.assert_allclose(again.encode_query("killed"), again.encode(["killed"])[0], rtol=0, atol=1e-5)
    assert again.query_path == "ONNX Runtime" and cached.stat().st_size > 1_000_000


@pytest.mark.parametrize("cache", ["unwritable", "none"])
def test_without_a_usable_cache_folder_the_export_is_for_this_run_only(tmp_path, monkeypatch, cache):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    encoder = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=blocker / "models" if cache == "unwritable" else None)
    np.testing.assert_allclose(encoder.encode_query("killed"), encoder.encode(["killed"])[0], rtol=0, atol=1e-5)
    assert encoder.query_path == "ONNX Runtime"
    assert not list(scratch.iterdir())  # the temporary export is gone once loaded


def test_missing_onnxruntime_falls_back_to_torch(monkeypatch, caplog, tmp_path):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import raises ImportError
    encoder = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=tmp_path)
    with caplog.at_level(logging.WARNING):
        vector = encoder.encode_query("How many were killed?")
    assert encoder.query_path == "torch, direct"
    assert "ONNX Runtime is unavailable" in caplog.text
    np.testing.assert_allclose(vector, encoder.encode(["How many were killed?"])[0], rtol=0, atol=1e-6)


def test_an_export_that_disagrees_is_not_used(monkeypatch, caplog, tmp_path):
    monkeypatch.setattr(onnx_query, "onnx_query_function", lambda model, cache: onnx_query.OnnxQuery(
        lambda text: np.ones(384, dtype=np.float32) / np.sqrt(384), "", ("input_ids",), 256))
    encoder = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=tmp_path)
    with caplog.at_level(logging.WARNING):
        encoder.encode_query("killed")
    assert encoder.query_path == "torch, direct" and "gives other vectors" in caplog.text


def test_torch_runtime_never_loads_onnx(tmp_path):
    encoder = SentenceEncoder(MODEL, query_runtime="torch", cache_dir=tmp_path)
    encoder.encode_query("killed")
    assert encoder.query_path == "torch, direct" and not list(tmp_path.iterdir())
