"""A stand-in for the sentence encoder, for tests that need embeddings but not the model.

Imported by tests (`from fakes import …`) and by the scripts they start in other processes
(`from tests.fakes import …`, with the project on PYTHONPATH).
"""
from __future__ import annotations

import hashlib
import time

import numpy as np

FAKE_MODEL = "fake-hash"


def hash_vector(text: str, dimension: int = 384) -> np.ndarray:
    """A unit vector fixed by the text's hash: the same text always gets the same vector."""
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")
    vector = np.random.default_rng(seed).standard_normal(dimension)
    return (vector / np.linalg.norm(vector)).astype(np.float32)


class HashEncoder:
    """A fast, deterministic encoder: each text's vector comes from its hash. Counts its calls
    and records the texts it was given; seconds_per_text makes it take an encoder's time."""
    batch_size = 64

    def __init__(self, name: str = FAKE_MODEL, dimension: int = 384, seconds_per_text: float = 0.0):
        self.name = name
        self.dimension = dimension
        self.seconds_per_text = seconds_per_text
        self.calls = 0
        self.texts: list[str] = []

    def encode(self, texts):
        self.calls += 1
        self.texts.extend(texts)
        if self.seconds_per_text:
            time.sleep(self.seconds_per_text * len(texts))
        return np.array([hash_vector(t, self.dimension) for t in texts], dtype=np.float32).reshape(-1, self.dimension)
