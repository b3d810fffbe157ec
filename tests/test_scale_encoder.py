"""The one-text path of the sentence encoder gives bit for bit the vectors of its batch path."""
from __future__ import annotations

import numpy as np

from bench.questions import latency_questions


def test_encode_query_equals_encode(encoder):
    texts = latency_questions()[::6] + ["", " ", "x", "émoji 😀 and accents: café, naïve", "word " * 400]
    for text in texts:
        assert np.array_equal(encoder.encode_query(text), encoder.encode([text])[0]), text
    assert encoder._direct is True  # the faster path is the one in use here
    assert encoder.encode_query("a").dtype == np.float32
