"""The index on disk: one directory per generation, swapped in atomically.

Layout of the index folder (settings.index_dir):
    CURRENT            name of the generation being served (replaced atomically)
    gen-<time>-<id>/   a complete generation: manifest.json, articles.jsonl, passages.npy,
                       embeddings.npy, bm25.npz, bm25_vocabulary.json, figures.jsonl,
                       names.json, names.npy
    tmp-<time>-<id>/   a generation being written; never read, removed by the next build

A generation is written in full and fsynced before CURRENT points at it, so a crash or kill at
any moment leaves CURRENT naming a complete generation: the previous one or the new one.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson

from index.bm25 import Postings
from index.models import Article, Figure, Passage
from index.name_vectors import NameVectors

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
    tokenizer: str = ""       # fingerprint of BM25 tokenisation: a match lets a build reuse stored counts
    rows: str = ""            # ROWS_FORMAT of the JSON lines: a match lets a build copy stored rows
    stamps: dict[str, str] = dataclasses.field(default_factory=dict)  # article id -> file stamp (articles.py)
    reader: str = ""          # fingerprint of the article reader: a match lets a build skip unchanged files

    def embeddings_compatible(self, model: str, chunking: dict) -> bool:
        return self.format == FORMAT_VERSION and self.model == model and self.chunking == chunking


class PassageTable(Sequence[Passage]):
    """The passages of a list of articles, kept as spans and made into Passage objects only
    when one is asked for (a 10,000-article index holds some 175,000: building them all at
    load would cost most of a second and tens of megabytes).

    Behaves like the tuple of those Passage objects: indexing, slicing (a tuple), iteration,
    len, `in`, and equality with a tuple or another table holding the same passages.
    """
    __slots__ = ("articles", "spans")

    def __init__(self, articles: Sequence[Article], spans: np.ndarray):
        self.articles = tuple(articles)
        # int64 (n, 3): position of the article in `articles`, start, end.
        self.spans = np.ascontiguousarray(np.asarray(spans, dtype=np.int64).reshape(-1, 3))

    @classmethod
    def of(cls, articles: Sequence[Article], passages: Sequence[Passage]) -> "PassageTable":
        """The table of Passage objects of those articles (article order need not be sorted)."""
        if isinstance(passages, PassageTable) and passages.articles == tuple(articles):
            return passages
        position = {a.id: i for i, a in enumerate(articles)}
        return cls(articles, np.array([(position[p.article_id], p.start, p.end) for p in passages],
                                      dtype=np.int64).reshape(-1, 3))

    @property
    def article_rows(self) -> np.ndarray:
        """For each passage, the position of its article in `articles`."""
        return self.spans[:, 0]

    def __len__(self) -> int:
        return len(self.spans)

    def _make(self, article: int, start: int, end: int) -> Passage:
        a = self.articles[article]
        return Passage(a.id, start, end, a.text[start:end])

    def __getitem__(self, item):
        if isinstance(item, slice):
            return tuple(self._make(*row) for row in self.spans[item].tolist())
        return self._make(*self.spans[item].tolist())  # numpy checks the index (IndexError)

    def __iter__(self) -> Iterator[Passage]:
        make = self._make
        for row in self.spans.tolist():
            yield make(*row)

    def __eq__(self, other) -> bool:
        if isinstance(other, PassageTable):
            return len(self) == len(other) and tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"PassageTable({len(self)} passages of {len(self.articles)} articles)"


def passage_article_rows(articles: Sequence[Article], passages: Sequence[Passage]) -> np.ndarray:
    """For each passage, the position of its article in `articles` (int64)."""
    if isinstance(passages, PassageTable) and passages.articles == tuple(articles):
        return passages.article_rows
    position = {a.id: i for i, a in enumerate(articles)}
    return np.array([position[p.article_id] for p in passages], dtype=np.int64)


@dataclass(frozen=True)
class StoredIndex:
    manifest: Manifest
    articles: tuple[Article, ...]
    passages: Sequence[Passage]  # a PassageTable when loaded; any sequence of Passage when built
    embeddings: np.ndarray    # float32 (len(passages), dimension), unit rows; read-only when loaded
    bm25: Postings
    figures: tuple[Figure, ...]
    path: Path | None = None
    # the vectors of the names answers compare with questions (index/name_vectors.py); none in
    # a generation written before they were kept: the engine then encodes names as it needs them
    names: NameVectors = dataclasses.field(default_factory=NameVectors)


def write_index(root: Path, index: StoredIndex, previous: StoredIndex | None = None) -> Path:
    """Write a new generation beside the current one, then swap it in. Returns its path.

    previous, the loaded generation this one was built from, lets rows it already holds
    (the same Article, the very Figure objects reused from it) be copied from its files
    instead of encoded again: the same bytes, a large part of an incremental build's time.
    """
    root.mkdir(parents=True, exist_ok=True)
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:8]}"
    tmp = root / f"tmp-{name}"
    tmp.mkdir()
    try:
        files = _write_files(tmp, index, previous)
        manifest = dataclasses.replace(index.manifest, files=files, rows=ROWS_FORMAT)
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
        manifest = Manifest(**json.loads((path / "manifest.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as error:
        raise IndexCorrupt(f"index manifest in {path} is unreadable ({error}): {REBUILD_HINT}") from None
    well_typed = (type(manifest.format) is int and type(manifest.dimension) is int
                  and all(isinstance(m, dict) for m in (manifest.files, manifest.articles, manifest.chunking)))
    if not well_typed:
        raise IndexCorrupt(f"index manifest in {path} has fields of the wrong type: {REBUILD_HINT}")
    if manifest.format != FORMAT_VERSION:
        raise IndexCorrupt(f"index in {path} has format {manifest.format}, this version reads "
                           f"{FORMAT_VERSION}: {REBUILD_HINT}")
    return manifest


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


def _write_files(folder: Path, index: StoredIndex, previous: StoredIndex | None = None) -> dict[str, int]:
    reuse = previous is not None and previous.path is not None and previous.manifest.rows == ROWS_FORMAT
    if reuse:
        stored = {a.id: (line, a) for line, a in enumerate(previous.articles)}  # type: ignore[union-attr]
        _write_bytes(folder / "articles.jsonl", _jsonl_reusing(
            index.articles, lambda a: stored[a.id][0] if a.id in stored and stored[a.id][1] == a else None,
            previous.path / "articles.jsonl", len(previous.articles)))  # type: ignore[union-attr]
    else:
        _write_bytes(folder / "articles.jsonl", _jsonl(_row(a) for a in index.articles))
    _save_npy(folder / "passages.npy", PassageTable.of(index.articles, index.passages).spans)
    _save_npy(folder / "embeddings.npy", np.ascontiguousarray(index.embeddings, dtype=np.float32))
    bm25 = index.bm25
    with open(folder / "bm25.npz", "wb") as handle:
        np.savez(handle, term_start=bm25.term_start, doc_ids=bm25.doc_ids, term_freqs=bm25.term_freqs,
                 idf=bm25.idf, doc_len=bm25.doc_len, params=np.array([bm25.avgdl, bm25.k1, bm25.b]))
        _flush(handle)
    terms = sorted(bm25.vocabulary, key=bm25.vocabulary.__getitem__)
    _write_bytes(folder / "bm25_vocabulary.json", json.dumps(terms).encode())
    if reuse:
        # Identity, not equality: a reused Figure is the very object loaded from that line.
        line_of = {id(f): line for line, f in enumerate(previous.figures)}  # type: ignore[union-attr]
        _write_bytes(folder / "figures.jsonl", _jsonl_reusing(
            index.figures, lambda f: line_of.get(id(f)), previous.path / "figures.jsonl",  # type: ignore[union-attr]
            len(previous.figures)))  # type: ignore[union-attr]
    else:
        _write_bytes(folder / "figures.jsonl", _jsonl(_row(f) for f in index.figures))
    _write_bytes(folder / "names.json", json.dumps(index.names.texts, ensure_ascii=False).encode())
    _save_npy(folder / "names.npy", index.names.vectors)
    return {p.name: p.stat().st_size for p in folder.iterdir()}


def _jsonl_reusing(items, stored_line, path: Path, count: int) -> bytes:
    """_jsonl of items, taking the line of each item stored_line finds in the file at path
    (written by _jsonl from that very item) instead of encoding it again."""
    try:
        lines = _lines(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        lines = []
    if len(lines) != count + 1 or lines[-1] != "":  # not the file that was loaded: encode all
        return _jsonl(_row(item) for item in items)
    encode = _ENCODER.encode
    out = []
    for item in items:
        line = stored_line(item)
        out.append(lines[line] if line is not None else encode(_row(item)))
        out.append("\n")
    return "".join(out).encode("utf-8")


def _read_files(path: Path, manifest: Manifest) -> StoredIndex:
    articles = tuple(_restore(Article, row) for row in _read_jsonl(path / "articles.jsonl"))
    spans = np.load(path / "passages.npy", allow_pickle=False)
    if spans.ndim != 2 or spans.shape[1] != 3 or not np.issubdtype(spans.dtype, np.integer):
        raise IndexCorrupt(f"passage spans have shape {spans.shape}, expected (n, 3) integers")
    if len(spans) and (spans[:, 0].min() < 0 or spans[:, 0].max() >= len(articles)):
        raise IndexError("a passage names an article that is not stored")
    passages = PassageTable(articles, spans)
    # Memory-mapped, read-only: nothing is copied at load, and processes serving the same
    # generation share one copy in the page cache. Generations are never changed in place.
    embeddings = np.load(path / "embeddings.npy", allow_pickle=False, mmap_mode="r")
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
    figures = tuple(_restore(Figure, row) for row in _read_jsonl(path / "figures.jsonl"))
    if [a.id for a in articles] != sorted(manifest.articles):
        raise IndexCorrupt("articles do not match the manifest")
    return StoredIndex(manifest, articles, passages, np.asarray(embeddings), bm25, figures, path,
                       _read_names(path, manifest))


def _read_names(path: Path, manifest: Manifest) -> NameVectors:
    if "names.json" not in manifest.files:
        return NameVectors()
    texts = json.loads((path / "names.json").read_text(encoding="utf-8"))
    # memory-mapped as the passages' vectors are: an answer reads a few rows of tens of thousands
    vectors = np.load(path / "names.npy", allow_pickle=False, mmap_mode="r")
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts) \
            or vectors.shape != (len(texts), manifest.dimension if texts else vectors.shape[1]):
        raise IndexCorrupt(f"name vectors have shape {vectors.shape} for {len(texts)} names")
    return NameVectors(tuple(texts), vectors)


_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in (Article, Figure)}
_FIELD_SETS = {cls: frozenset(names) for cls, names in _FIELDS.items()}
# The fields of stored rows, in order: a generation written with other fields has other rows.
ROWS_FORMAT = hashlib.sha256(repr(sorted((c.__name__, f) for c, f in _FIELDS.items())).encode()).hexdigest()[:16]


def _row(item) -> dict:
    """dataclasses.asdict for the flat records stored here, without its deep copy (same dict)."""
    return {name: getattr(item, name) for name in _FIELDS[type(item)]}


def _restore(cls, row: dict):
    """cls(**row) for a stored row, faster: a row holding exactly the fields is set directly
    (these frozen dataclasses have no __post_init__); anything else goes through cls(**row),
    which raises TypeError for a damaged row as before."""
    if type(row) is dict and row.keys() == _FIELD_SETS[cls]:
        item = object.__new__(cls)
        item.__dict__.update(row)
        return item
    return cls(**row)


def _current_name(root: Path) -> str | None:
    try:
        return (root / POINTER).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(row, ensure_ascii=False) uses


def _jsonl(rows) -> bytes:
    encode = _ENCODER.encode
    return "".join(encode(row) + "\n" for row in rows).encode("utf-8")


def _read_jsonl(path: Path) -> list[dict]:
    # Split as bytes at "\n" only: JSON escapes it inside strings, but not U+0085, U+2028 or
    # U+2029, which str.splitlines() would also split at, cutting an article's text in two.
    return [_loads(line) for line in path.read_bytes().split(b"\n") if line]


def _lines(text: str) -> list[str]:
    return text.split("\n")  # as _read_jsonl splits


def _loads(line: bytes):
    """json.loads(line), by orjson: about 3x faster on the 134,000 rows of a 10,000-article
    index, a second of every load. What orjson refuses goes to json.loads, which accepts it
    (NaN, Infinity: json writes them) or raises as it always has."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)


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
