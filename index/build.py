"""Build or update the index: articles -> passages -> figures -> embeddings + BM25 -> disk.

Incremental: an article whose text is unchanged keeps its stored embeddings (and figures, when
the extractor is unchanged); changed and new articles are embedded; removed ones disappear. A
different model or chunking setting re-embeds everything. The result is swapped in atomically.
"""
from __future__ import annotations

import fcntl
import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from config import SETTINGS_FILE, Settings
from index import figures as figure_extraction
from index.articles import ArticleError, read_articles
from index.bm25 import TOKENIZER_VERSION, Postings, tokenize
from index.embeddings import Encoder, SentenceEncoder
from index.models import Article, Figure, Passage
from index.passages import CHUNKER_VERSION, chunk_article
from index.store import FORMAT_VERSION, IndexProblem, Manifest, StoredIndex, load_index, write_index

MEASURES_FILE = SETTINGS_FILE.with_name("measures.toml")
ProgressFactory = Callable[[int], "Progress"]


class BuildError(RuntimeError):
    """A build could not finish; the previous index (if any) is untouched and keeps serving."""


class Progress:
    """What the builder reports while embedding; the command line shows it as a bar."""

    def update(self, done: int) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class BuildReport:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]
    passages: int
    figures: int
    encoded: int              # passages sent to the encoder in this build
    seconds: float
    warnings: tuple[str, ...]
    path: Path


def chunking_settings(settings: Settings) -> dict:
    return {"chunker": CHUNKER_VERSION, "target_chars": settings.passage_target_chars,
            "max_chars": settings.passage_max_chars}


def figures_fingerprint() -> str:
    """Changes whenever the figure extractor or its vocabulary changes, so stored figures are redone."""
    digest = hashlib.sha256()
    for path in (Path(figure_extraction.__file__), MEASURES_FILE):
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One build at a time per index folder, across processes."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".build.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build of {root} is running") from None
        yield


def build_index(
    settings: Settings,
    encoder_factory: Callable[[], Encoder] | None = None,
    progress: ProgressFactory | None = None,
) -> BuildReport:
    """Build or update the index in settings.index_dir from settings.seeds_dir."""
    began = time.perf_counter()
    encoder_factory = encoder_factory or (lambda: SentenceEncoder(settings.model, settings.embed_batch_size))
    root = Path(settings.index_dir)
    try:
        read = read_articles(Path(settings.seeds_dir), settings.max_article_bytes)
    except ArticleError as error:
        raise BuildError(str(error)) from None
    if not read.articles:
        raise BuildError(f"no readable articles in {settings.seeds_dir}; the existing index is kept")

    with build_lock(root):
        previous = _previous_index(root)
        chunking = chunking_settings(settings)
        fingerprint = figures_fingerprint()
        reusable = previous if previous and previous.manifest.embeddings_compatible(settings.model, chunking) else None
        old_hashes = previous.manifest.articles if previous else {}

        passages_by_article = {
            a.id: chunk_article(a, settings.passage_target_chars, settings.passage_max_chars) for a in read.articles
        }
        passages = [p for a in read.articles for p in passages_by_article[a.id]]
        embeddings, encoded, dimension = _embeddings(read.articles, passages_by_article, reusable,
                                                     encoder_factory, progress)
        figures = _figures(read.articles, previous if previous and previous.manifest.figures_version == fingerprint
                           else None)
        postings = Postings.build([tokenize(p.text) for p in passages], settings.bm25_k1, settings.bm25_b)
        manifest = Manifest(
            format=FORMAT_VERSION, model=settings.model, dimension=dimension, chunking=chunking,
            figures_version=fingerprint, built_at=time.time(),
            articles={a.id: a.content_hash for a in read.articles}, files={},
        )
        stored = StoredIndex(manifest, tuple(read.articles), tuple(passages), embeddings, postings, tuple(figures))
        try:
            path = write_index(root, stored)
        except OSError as error:
            raise BuildError(f"could not write the index to {root} ({error.strerror or error}); "
                             "the previous index is kept") from None

    new_hashes = {a.id: a.content_hash for a in read.articles}
    return BuildReport(
        added=tuple(sorted(set(new_hashes) - set(old_hashes))),
        changed=tuple(sorted(i for i in new_hashes if i in old_hashes and old_hashes[i] != new_hashes[i])),
        removed=tuple(sorted(set(old_hashes) - set(new_hashes))),
        unchanged=tuple(sorted(i for i in new_hashes if old_hashes.get(i) == new_hashes[i])),
        passages=len(passages), figures=len(figures), encoded=encoded,
        seconds=time.perf_counter() - began, warnings=tuple(read.warnings), path=path,
    )


def _previous_index(root: Path) -> StoredIndex | None:
    """The index being served, if it loads; a damaged one is simply rebuilt from scratch."""
    try:
        return load_index(root)
    except IndexProblem:
        return None


def _embeddings(
    articles: list[Article],
    passages_by_article: dict[str, list[Passage]],
    previous: StoredIndex | None,
    encoder_factory: Callable[[], Encoder],
    progress: ProgressFactory | None,
) -> tuple[np.ndarray, int, int]:
    """Stored rows for unchanged articles, fresh ones for the rest. Returns (matrix, encoded, dim)."""
    stored_rows = _stored_rows(previous, {a.id: a.content_hash for a in articles})
    to_encode = [p.text for a in articles if a.id not in stored_rows for p in passages_by_article[a.id]]
    if to_encode:
        fresh = _encode_with_progress(encoder_factory(), to_encode, progress)
        dimension = fresh.shape[1]
    else:
        dimension = previous.manifest.dimension  # type: ignore[union-attr]  # all reused: there is one
        fresh = np.zeros((0, dimension), dtype=np.float32)

    blocks, taken = [], 0
    for article in articles:
        if article.id in stored_rows:
            blocks.append(stored_rows[article.id])
        else:
            count = len(passages_by_article[article.id])
            blocks.append(fresh[taken:taken + count])
            taken += count
    return np.ascontiguousarray(np.concatenate(blocks), dtype=np.float32), len(to_encode), dimension


def _stored_rows(previous: StoredIndex | None, new_hashes: dict[str, str]) -> dict[str, np.ndarray]:
    """Embedding rows of the previous index for each article whose text is unchanged."""
    if previous is None:
        return {}
    counts = Counter(p.article_id for p in previous.passages)
    rows, start = {}, 0
    for article in previous.articles:  # passages are stored in article order
        end = start + counts[article.id]
        if new_hashes.get(article.id) == article.content_hash:
            rows[article.id] = previous.embeddings[start:end]
        start = end
    return rows


def _encode_with_progress(encoder: Encoder, texts: list[str], progress: ProgressFactory | None) -> np.ndarray:
    # Encode in slices so a progress bar can move; each slice is still batched by the encoder.
    bar = progress(len(texts)) if progress else Progress()
    step = max(256, getattr(encoder, "batch_size", 64) * 4)
    parts = []
    try:
        for start in range(0, len(texts), step):
            parts.append(encoder.encode(texts[start:start + step]))
            bar.update(min(start + step, len(texts)))
    finally:
        bar.close()
    return np.concatenate(parts)


def _figures(articles: list[Article], previous: StoredIndex | None) -> list[Figure]:
    """Figures of every article, reusing stored ones for unchanged text."""
    stored: dict[str, list[Figure]] = {}
    if previous is not None:
        for figure in previous.figures:
            stored.setdefault(figure.article_id, []).append(figure)
    old_hashes = previous.manifest.articles if previous else {}
    result = []
    for article in articles:
        if old_hashes.get(article.id) == article.content_hash:
            result.extend(stored.get(article.id, []))
        else:
            result.extend(figure_extraction.extract_figures(article.id, article.text))
    return result
