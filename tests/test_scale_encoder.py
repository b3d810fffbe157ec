"""The one-text paths of the sentence encoder give the vectors of its batch path: torch's
direct call bit for bit, ONNX Runtime (the configured one) to 1e-5 per component."""
from __future__ import annotations

import numpy as np
import pytest

from bench.questions import latency_questions
from index.embeddings import SentenceEncoder
from conftest import MODEL

TEXTS = latency_questions()[::6] + ["", " ", "x", "émoji 😀 and accents: café, naïve", "word " * 400]


@pytest.fixture(scope="module")
def torch_encoder():
    return SentenceEncoder(MODEL, query_runtime="torch")


def test_direct_torch_path_equals_encode_bit_for_bit(torch_encoder):
    for text in TEXTS:
        assert np.array_equal(torch_encoder.encode_query(text), torch_encoder.encode([text])[0]), text
    assert torch_encoder.query_path == "torch, direct"
    assert torch_encoder.encode_query("a").dtype == np.float32


def test_onnx_path_equals_encode(encoder):
    for text in TEXTS:
        np.testing.assert_allclose(encoder.encode_query(text), encoder.encode([text])[0], rtol=0, atol=1e-5,
                                   err_msg=text)
    assert encoder.query_path == "ONNX Runtime"
