"""Questions encoded on ONNX Runtime: the same sentence-transformers model, exported once.

Encoding the question is most of an answer's time (docs/BENCHMARKS.md). For one short text,
torch spends most of it dispatching small operations one by one; ONNX Runtime runs the same
graph fused, about three times faster on this machine, and gives the same vector to about
1e-7. Passages are still encoded by sentence-transformers (batches, where torch is fast).

The export is made with torch's exporter from the loaded model, kept in the cache folder under
a hash of the model's weights and structure (a changed model is exported again), and checked
against sentence-transformers' own vectors before it is used (SentenceEncoder.encode_query).
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

# How one question is encoded: text in, unit-length float32 vector out.
QueryFunction = Callable[[str], np.ndarray]


def onnx_query_function(model, cache_dir: Path | None) -> QueryFunction:
    """An ONNX Runtime encoder for one text with `model` (a loaded SentenceTransformer),
    exported into cache_dir. Without a cache folder, or one that cannot be written, the export
    is made in a temporary folder for this process and removed once loaded.

    Raises ImportError when onnxruntime/onnx are missing, or the exporter's or runtime's
    error: the caller then keeps torch.
    """
    import onnxruntime

    sample = model.preprocess(["How many were killed?"])
    names = [name for name, value in sample.items() if hasattr(value, "numpy")]
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = min(2, os.cpu_count() or 1)
    # Idle threads sleep at once, as torch's and numpy's do (index/__init__.py): a spinning
    # pool would take the cores the cosine scan runs on next.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")

    def session_from(path: Path):
        return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    name = f"query-{_fingerprint(model)}.onnx"
    session = None
    if cache_dir is not None:
        path = Path(cache_dir) / name
        try:
            session = session_from(path)
        except Exception:  # not exported yet, or a damaged file: export (again)
            try:
                session = session_from(_export(model, sample, names, path))
            except OSError as error:
                log.warning("cannot keep the question encoder in %s (%s); exporting it for this run only",
                            cache_dir, error)
    if session is None:
        with tempfile.TemporaryDirectory(prefix="crosscheck-") as folder:
            session = session_from(_export(model, sample, names, Path(folder) / name))

    def encode(text: str) -> np.ndarray:
        features = model.preprocess([text])
        vector = session.run(None, {name: features[name].numpy() for name in names})[0][0]
        return np.ascontiguousarray(vector, dtype=np.float32)

    return encode


def _fingerprint(model) -> str:
    """Hash of the model's weights and module structure: the export is valid for exactly these."""
    import torch

    digest = hashlib.sha256(repr(model).encode())
    digest.update(torch.__version__.encode())
    for name, tensor in model.state_dict().items():
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()[:20]


def _export(model, sample: dict, names: list[str], path: Path) -> Path:
    """Export model(features) -> normalised sentence embedding to path, written aside and
    renamed so a half-written file is never loaded. Raises OSError when the folder cannot be
    written."""
    import torch

    constants = {name: value for name, value in sample.items() if name not in names}

    class Embedding(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, *tensors):
            features = {**constants, **dict(zip(names, tensors))}
            vector = self.model(features)["sentence_embedding"]
            return torch.nn.functional.normalize(vector, p=2, dim=1)

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    os.close(handle)
    try:
        # The tracer warns that shapes become constants; a traced single text has no padding,
        # and the vectors are checked against sentence-transformers before use.
        with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(  # the tracing exporter: it needs no onnxscript and takes ~1 s here
                Embedding().eval(), tuple(sample[name] for name in names), tmp, input_names=names,
                output_names=["embedding"], dynamic_axes={name: {0: "batch", 1: "tokens"} for name in names},
                opset_version=17, dynamo=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
