"""The index on disk: one directory per generation, swapped in atomically.

Layout of the index folder (settings.index_dir):
    CURRENT            name of the generation being served (replaced atomically)
    gen-<time>-<id>/   a complete generation: manifest.json, articles.jsonl, passages.npy,
                       embeddings.npy, bm25.npz, bm25_vocabulary.json, figures.jsonl
    tmp-<time>-<id>/   a generation being written; never read, removed by the next build

A generation is written in full and fsynced before CURRENT points at it, so a crash or kill at
any moment leaves CURRENT naming a complete generation: the previous one or the new one.
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.bm25 import Postings
from index.models import Article, Figure, Passage

FORMAT_VERSION = 1
POINTER = "CURRENT"
REBUILD_HINT = "run `python -m index build` to rebuild it"


class IndexProblem(RuntimeError):
    """Base for index problems; messages name the folder and the fix."""


class IndexMissing(IndexProblem):
    pass


class IndexCorrupt(IndexProblem):
    pass


@dataclass(frozen=True)
class Manifest:
    format: int
    model: str
    dimension: int
    chunking: dict            # chunker version and passage sizes: a change re-embeds everything
    figures_version: str     # fingerprint of the figure extractor: a change re-extracts figures
    built_at: float
    articles: dict[str, str]  # article id -> content hash
    files: dict[str, int]     # file name -> size in bytes, to catch truncation at load

    def embeddings_compatible(self, model: str, chunking: dict) -> bool:
        return self.format == FORMAT_VERSION and self.model == model and self.chunking == chunking


@dataclass(frozen=True)
class StoredIndex:
    manifest: Manifest
    articles: tuple[Article, ...]
    passages: tuple[Passage, ...]
    embeddings: np.ndarray    # float32 (len(passages), dimension), unit rows
    bm25: Postings
    figures: tuple[Figure, ...]
    path: Path | None = None


def write_index(root: Path, index: StoredIndex) -> Path:
    """Write a new generation beside the current one, then swap it in. Returns its path."""
    root.mkdir(parents=True, exist_ok=True)
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    tmp = root / f"tmp-{name}"
    tmp.mkdir()
    try:
        files = _write_files(tmp, index)
        manifest = dataclasses.replace(index.manifest, files=files)
        _write_bytes(tmp / "manifest.json", json.dumps(dataclasses.asdict(manifest), indent=1).encode())
        _fsync_dir(tmp)
        final = root / f"gen-{name}"
        os.rename(tmp, final)
        _fsync_dir(root)
        pointer_tmp = root / f"{POINTER}.{uuid.uuid4().hex[:8]}.tmp"
        _write_bytes(pointer_tmp, final.name.encode())
        os.replace(pointer_tmp, root / POINTER)  # the atomic moment
        _fsync_dir(root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    remove_stale(root)
    return final


def remove_stale(root: Path) -> None:
    """Delete unfinished and superseded generations (never the one CURRENT names)."""
    current = _current_name(root)
    for entry in root.iterdir():
        stale_generation = entry.name.startswith("gen-") and entry.name != current
        if entry.is_dir() and (stale_generation or entry.name.startswith("tmp-")):
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(POINTER + ".") and entry.name.endswith(".tmp"):
            entry.unlink(missing_ok=True)


def current_generation(root: Path) -> Path:
    name = _current_name(root)
    if name is None:
        raise IndexMissing(f"no index in {root}: {REBUILD_HINT}")
    path = root / name
    if not path.is_dir():
        raise IndexCorrupt(f"index folder {root} names generation {name!r}, which is missing: {REBUILD_HINT}")
    return path


def read_manifest(root: Path) -> Manifest:
    path = current_generation(root)
    try:
        return Manifest(**json.loads((path / "manifest.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as error:
        raise IndexCorrupt(f"index manifest in {path} is unreadable ({error}): {REBUILD_HINT}") from None


def load_index(root: Path) -> StoredIndex:
    """Load the current generation, checking it is whole; raise IndexMissing/IndexCorrupt."""
    manifest = read_manifest(root)
    path = current_generation(root)
    try:
        for name, size in manifest.files.items():
            actual = (path / name).stat().st_size
            if actual != size:
                raise IndexCorrupt(f"{path / name} is {actual} bytes, expected {size}")
        return _read_files(path, manifest)
    except IndexCorrupt as error:
        raise IndexCorrupt(f"index in {path} is damaged: {error}; {REBUILD_HINT}") from None
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        raise IndexCorrupt(
            f"index in {path} is damaged ({type(error).__name__}: {error}); {REBUILD_HINT}"
        ) from None


def _write_files(folder: Path, index: StoredIndex) -> dict[str, int]:
    article_rows = [dataclasses.asdict(a) for a in index.articles]
    _write_bytes(folder / "articles.jsonl", _jsonl(article_rows))
    position = {a.id: i for i, a in enumerate(index.articles)}
    spans = np.array([(position[p.article_id], p.start, p.end) for p in index.passages], dtype=np.int64)
    _save_npy(folder / "passages.npy", spans.reshape(-1, 3))
    _save_npy(folder / "embeddings.npy", np.ascontiguousarray(index.embeddings, dtype=np.float32))
    bm25 = index.bm25
    with open(folder / "bm25.npz", "wb") as handle:
        np.savez(handle, term_start=bm25.term_start, doc_ids=bm25.doc_ids, term_freqs=bm25.term_freqs,
                 idf=bm25.idf, doc_len=bm25.doc_len, params=np.array([bm25.avgdl, bm25.k1, bm25.b]))
        _flush(handle)
    terms = sorted(bm25.vocabulary, key=bm25.vocabulary.__getitem__)
    _write_bytes(folder / "bm25_vocabulary.json", json.dumps(terms).encode())
    _write_bytes(folder / "figures.jsonl", _jsonl(dataclasses.asdict(f) for f in index.figures))
    return {p.name: p.stat().st_size for p in folder.iterdir()}


def _read_files(path: Path, manifest: Manifest) -> StoredIndex:
    articles = tuple(Article(**row) for row in _read_jsonl(path / "articles.jsonl"))
    spans = np.load(path / "passages.npy", allow_pickle=False)
    passages = tuple(
        Passage(articles[a].id, s, e, articles[a].text[s:e]) for a, s, e in spans.tolist()
    )
    embeddings = np.load(path / "embeddings.npy", allow_pickle=False)
    if embeddings.shape != (len(passages), manifest.dimension):
        raise IndexCorrupt(
            f"embeddings have shape {embeddings.shape}, expected ({len(passages)}, {manifest.dimension})"
        )
    with np.load(path / "bm25.npz", allow_pickle=False) as arrays:
        avgdl, k1, b = arrays["params"].tolist()
        terms = json.loads((path / "bm25_vocabulary.json").read_text(encoding="utf-8"))
        bm25 = Postings({t: i for i, t in enumerate(terms)}, arrays["term_start"], arrays["doc_ids"],
                        arrays["term_freqs"], arrays["idf"], arrays["doc_len"], avgdl, k1, b)
    if bm25.size != len(passages) or len(bm25.term_start) != len(terms) + 1:
        raise IndexCorrupt("BM25 postings do not match the passages")
    figures = tuple(Figure(**row) for row in _read_jsonl(path / "figures.jsonl"))
    if [a.id for a in articles] != sorted(manifest.articles):
        raise IndexCorrupt("articles do not match the manifest")
    return StoredIndex(manifest, articles, passages, embeddings, bm25, figures, path)


def _current_name(root: Path) -> str | None:
    try:
        return (root / POINTER).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


def _jsonl(rows) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        _flush(handle)


def _save_npy(path: Path, array: np.ndarray) -> None:
    with open(path, "wb") as handle:
        np.save(handle, array, allow_pickle=False)
        _flush(handle)


def _flush(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
