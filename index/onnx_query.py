"""Questions encoded on ONNX Runtime: the same sentence-transformers model, exported once.

Encoding the question is most of an answer's time (docs/BENCHMARKS.md). For one short text,
torch spends most of it dispatching small operations one by one; ONNX Runtime runs the same
graph fused, about three times faster on this machine, and gives the same vector to about
1e-7. Passages are still encoded by sentence-transformers (batches, where torch is fast).

The export is made with torch's exporter from the loaded model, kept in the cache folder under
a hash of the model's weights and structure (a changed model is exported again), and checked
against sentence-transformers' own vectors before it is used (SentenceEncoder.encode_query).

Once checked, a manifest beside it (named by a hash of the model folder's files and of the
library versions) keeps sentence-transformers' vectors of the probe texts, so a later start
reads questions through ONNX Runtime and the model's own `tokenizer.json` without importing
torch at all (about 4 s of a cold start); the vectors are checked against the kept ones first.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

# How one question is encoded: text in, unit-length float32 vector out.
QueryFunction = Callable[[str], np.ndarray]

# What the libraries' versions change: the export, the tokenizer, sentence-transformers' vectors.
_LIBRARIES = ("torch", "sentence-transformers", "transformers", "tokenizers", "onnxruntime")


@dataclass(frozen=True)
class OnnxQuery:
    """A question encoder on ONNX Runtime, and what a later start needs to find it again."""
    encode: QueryFunction
    file: str                 # the export's name in the cache folder ("" when kept for this run only)
    inputs: tuple[str, ...]   # the graph's input names, in order
    max_length: int           # tokens kept of a text, as sentence-transformers cuts it


def onnx_query_function(model, cache_dir: Path | None) -> OnnxQuery:
    """An ONNX Runtime encoder for one text with `model` (a loaded SentenceTransformer),
    exported into cache_dir. Without a cache folder, or one that cannot be written, the export
    is made in a temporary folder for this process and removed once loaded.

    Raises ImportError when onnxruntime/onnx are missing, or the exporter's or runtime's
    error: the caller then keeps torch.
    """
    sample = model.preprocess(["How many were killed?"])
    names = tuple(name for name, value in sample.items() if hasattr(value, "numpy"))
    name = f"query-{_fingerprint(model)}.onnx"
    session = None
    if cache_dir is not None:
        path = Path(cache_dir) / name
        try:
            session = _session(path)
        except Exception:  # not exported yet, or a damaged file: export (again)
            try:
                session = _session(_export(model, sample, names, path))
            except OSError as error:
                log.warning("cannot keep the question encoder in %s (%s); exporting it for this run only",
                            cache_dir, error)
                name = ""
    else:
        name = ""
    if session is None:
        with tempfile.TemporaryDirectory(prefix="crosscheck-") as folder:
            session = _session(_export(model, sample, names, Path(folder) / "query.onnx"))

    def encode(text: str) -> np.ndarray:
        features = model.preprocess([text])
        return _run(session, {name: features[name].numpy() for name in names})

    return OnnxQuery(encode, name, names, int(model.max_seq_length))


def remember(model_dir: Path, cache_dir: Path, query: OnnxQuery, probes: Sequence[str], vectors: np.ndarray) -> None:
    """Keep what a later start needs to encode questions without torch: the export's name and
    inputs, and sentence-transformers' vectors of the probe texts, to check it against. Kept
    only when the model's own tokenizer gives those vectors through the export here too."""
    if not query.file or not (model_dir / "tokenizer.json").is_file():
        return
    try:
        fast = _tokenizer_query(model_dir, Path(cache_dir) / query.file, query.inputs, query.max_length)
        if not same_vectors(fast, probes, vectors):
            log.warning("the model's tokenizer.json cuts texts otherwise than sentence-transformers; "
                        "questions will load torch at every start")
            return
        record = {"file": query.file, "inputs": list(query.inputs), "max_length": query.max_length,
                  "probes": list(probes), "vectors": np.asarray(vectors, dtype=np.float64).tolist()}
        with _written_aside(Path(cache_dir) / _manifest_name(model_dir)) as tmp:
            tmp.write_text(json.dumps(record), encoding="utf-8")
    except Exception as error:  # a start without torch is a saving, never a condition
        log.warning("cannot keep the question encoder's manifest in %s (%s)", cache_dir, error)


def kept_query_function(model_dir: Path, cache_dir: Path) -> tuple[QueryFunction, int] | None:
    """(encoder, dimension) through an export kept for exactly this model folder and these
    libraries, without importing torch; None when there is none, or when its vectors of the
    probe texts are not the ones sentence-transformers gave (checked to 1e-5, as at export)."""
    path = Path(cache_dir) / _manifest_name(model_dir)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        encode = _tokenizer_query(model_dir, Path(cache_dir) / record["file"], tuple(record["inputs"]),
                                  int(record["max_length"]))
        vectors = np.asarray(record["vectors"], dtype=np.float32)
        if same_vectors(encode, record["probes"], vectors):
            return encode, int(vectors.shape[1])
        log.warning("the kept question encoder in %s gives other vectors; loading the model", cache_dir)
    except FileNotFoundError:
        pass
    except Exception as error:  # a damaged manifest or export: the model is loaded, as before any
        log.warning("cannot use the kept question encoder in %s (%s: %s)", cache_dir, type(error).__name__, error)
    return None


def same_vectors(encode: QueryFunction, texts: Sequence[str], vectors: np.ndarray) -> bool:
    """Whether encode gives the expected vector (one row per text) to 1e-5 per component."""
    return all(np.allclose(encode(text), row, rtol=0, atol=1e-5) for text, row in zip(texts, vectors))


def _tokenizer_query(model_dir: Path, export: Path, inputs: tuple[str, ...], max_length: int) -> QueryFunction:
    """One text through the model's tokenizer.json (cut at max_length tokens, unpadded) and the export."""
    import tokenizers

    tokenizer = tokenizers.Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length)
    session = _session(export)
    fields = {"input_ids": "ids", "attention_mask": "attention_mask", "token_type_ids": "type_ids"}
    if not set(inputs) <= set(fields):
        raise ValueError(f"inputs {inputs} are not a tokenizer's")

    def encode(text: str) -> np.ndarray:
        encoding = tokenizer.encode(text)
        return _run(session, {name: np.array([getattr(encoding, fields[name])], dtype=np.int64) for name in inputs})

    return encode


def _session(path: Path):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = min(2, os.cpu_count() or 1)
    # Idle threads sleep at once, as torch's and numpy's do (index/__init__.py): a spinning
    # pool would take the cores the cosine scan runs on next.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def _run(session, feed: dict[str, np.ndarray]) -> np.ndarray:
    return np.ascontiguousarray(session.run(None, feed)[0][0], dtype=np.float32)


def _manifest_name(model_dir: Path) -> str:
    """Named by every file of the model folder (path, size, time) and the libraries' versions:
    a changed model or library finds no manifest, and the model is loaded and checked again."""
    digest = hashlib.sha256(str(model_dir.resolve()).encode())
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(model_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={importlib.metadata.version(library)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    return f"query-{digest.hexdigest()[:20]}.json"


@contextlib.contextmanager
def _written_aside(path: Path) -> Iterator[Path]:
    """A file beside path to write, renamed onto path when the block ends without error, so a
    half-written file is never read; removed otherwise. Raises OSError when the folder cannot
    be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    os.close(handle)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _fingerprint(model) -> str:
    """Hash of the model's weights and module structure: the export is valid for exactly these."""
    import torch

    digest = hashlib.sha256(repr(model).encode())
    digest.update(torch.__version__.encode())
    for name, tensor in model.state_dict().items():
        digest.update(name.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return digest.hexdigest()[:20]


def _export(model, sample: dict, names: tuple[str, ...], path: Path) -> Path:
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

    with _written_aside(path) as tmp:
        # The tracer warns that shapes become constants; a traced single text has no padding,
        # and the vectors are checked against sentence-transformers before use.
        with torch.inference_mode(False), torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(  # the tracing exporter: it needs no onnxscript and takes ~1 s here
                Embedding().eval(), tuple(sample[name] for name in names), str(tmp), input_names=list(names),
                output_names=["embedding"], dynamic_axes={name: {0: "batch", 1: "tokens"} for name in names},
                opset_version=17, dynamo=False)
    return path
