"""Questions encoded on ONNX Runtime: the same vectors as sentence-transformers, or not used."""
import logging
import sys
import tempfile

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from index import onnx_query
from index.embeddings import SentenceEncoder
from conftest import MODEL


@pytest.fixture(scope="module")
def onnx_encoder(tmp_path_factory):
    return SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=tmp_path_factory.mktemp("models"))


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_onnx_vectors_match_on_any_text(onnx_encoder, text):
    np.testing.assert_allclose(onnx_encoder.encode_query(text), onnx_encoder.encode([text])[0], rtol=0, atol=1e-5)


def test_export_is_reused_from_the_cache(tmp_path, onnx_encoder, monkeypatch):
    cache = tmp_path / "models"
    first = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=cache)
    first.encode_query("warm")
    files = list(cache.iterdir())
    assert len(files) == 1 and files[0].suffix == ".onnx"

    def refuse(*args):
        raise AssertionError("exported again")

    monkeypatch.setattr(onnx_query, "_export", refuse)
    second = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=cache)
    assert second.encode_query("How many were killed?") is not None and second.query_path == "ONNX Runtime"


def test_damaged_cached_export_is_made_again(tmp_path):
    cache = tmp_path / "models"
    SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=cache).encode_query("warm")
    [cached] = cache.iterdir()
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
    monkeypatch.setattr(onnx_query, "onnx_query_function",
                        lambda model, cache: lambda text: np.ones(384, dtype=np.float32) / np.sqrt(384))
    encoder = SentenceEncoder(MODEL, query_runtime="onnx", cache_dir=tmp_path)
    with caplog.at_level(logging.WARNING):
        encoder.encode_query("killed")
    assert encoder.query_path == "torch, direct" and "gives other vectors" in caplog.text


def test_torch_runtime_never_loads_onnx(tmp_path):
    encoder = SentenceEncoder(MODEL, query_runtime="torch", cache_dir=tmp_path)
    encoder.encode_query("killed")
    assert encoder.query_path == "torch, direct" and not list(tmp_path.iterdir())
