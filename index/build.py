"""Build or update the index: articles -> passages -> figures -> embeddings + BM25 -> disk.

Incremental: an article whose text is unchanged keeps its stored embeddings (and figures, when
the extractor is unchanged); changed and new articles are embedded; removed ones disappear. A
different model or chunking setting re-embeds everything. The result is swapped in atomically.
"""
from __future__ import annotations

import dataclasses
import fcntl
import functools
import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from config import SETTINGS_FILE, Settings
from index import bm25 as bm25_module
from index import figures as figure_extraction
from index import articles as articles_module
from index.articles import ArticleError, ReadResult, check_seeds_folder, read_articles
from index.bm25 import TOKENIZER_VERSION, Postings, TermCounts, tokenize
from index.embeddings import Encoder, SentenceEncoder
from index.models import Article, Figure, Passage
from index.name_vectors import compared_names, name_vectors
from index.passages import CHUNKER_VERSION, chunk_article
from index.store import (FORMAT_VERSION, IndexProblem, Manifest, PassageTable, StoredIndex, load_index,
                         write_index)

logger = logging.getLogger(__name__)
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
    package = Path(figure_extraction.__file__).parent
    return _files_fingerprint(*sorted(package.glob("*.py")), MEASURES_FILE)


def reader_fingerprint() -> str:
    """Changes whenever the article reader changes, so no stored Article is taken for a file
    the new reader might read differently."""
    return _files_fingerprint(Path(articles_module.__file__))


def _files_fingerprint(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def tokenizer_fingerprint() -> str:
    """Changes whenever BM25 tokenisation may change, so stored term counts are not reused: the
    tokenizer's version, the stemmer's, and the code and word lists that make the tokens."""
    import inspect

    import snowballstemmer

    parts = [str(TOKENIZER_VERSION), getattr(snowballstemmer, "__version__", ""),
             " ".join(sorted(bm25_module._STOPWORDS)), bm25_module._WORD.pattern, bm25_module._POSSESSIVE.pattern]
    parts += [inspect.getsource(f) for f in (bm25_module.tokenize, bm25_module._stem.__wrapped__,
                                             bm25_module._documents)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """One build at a time per index folder, across processes."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle = open(root / ".build.lock", "a")  # "a": never truncates, works on an existing read-only file
    except OSError as error:
        raise BuildError(f"could not write the index to {root} ({error.strerror or error}); "
                         "the previous index is kept") from None
    with handle:
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
    # made at most once: passages and names may both need it
    encoder_factory = functools.cache(encoder_factory or (lambda: SentenceEncoder.for_settings(settings)))
    root = Path(settings.index_dir)
    try:
        check_seeds_folder(Path(settings.seeds_dir))  # said before any index folder is made
    except ArticleError as error:
        raise BuildError(str(error)) from None
    with build_lock(root):
        previous = _previous_index(root)
        reader = reader_fingerprint()
        read = _read(settings, previous, reader)
        chunking = chunking_settings(settings)
        fingerprint = figures_fingerprint()
        reusable = previous if previous and previous.manifest.embeddings_compatible(settings.model, chunking) else None
        old_hashes = previous.manifest.articles if previous else {}

        # Unchanged articles keep their stored passages (and BM25 counts): chunking is
        # deterministic, so re-cutting the same text with the same settings gives the same spans.
        same_chunks = (previous if previous and previous.manifest.format == FORMAT_VERSION
                       and previous.manifest.chunking == chunking else None)
        stored_rows = _stored_row_ranges(same_chunks, {a.id: a.content_hash for a in read.articles})
        fresh = {a.id: chunk_article(a, settings.passage_target_chars, settings.passage_max_chars)
                 for a in read.articles if a.id not in stored_rows}
        passages = _passage_table(read.articles, same_chunks, stored_rows, fresh)
        if not len(passages):
            raise BuildError(f"the articles in {settings.seeds_dir} have no text to index; "
                             "the existing index is kept")
        embeddings, encoded, dimension = _embeddings(read.articles, passages, reusable, encoder_factory, progress)
        figures, figure_warnings = _figures(read.articles, previous if previous and previous.manifest.figures_version
                                            == fingerprint else None)
        tokenizer = tokenizer_fingerprint()
        if same_chunks is not None and same_chunks.manifest.tokenizer == tokenizer:
            postings = _postings_reusing(read.articles, passages, same_chunks, stored_rows, settings)
        else:
            postings = Postings.build([tokenize(p.text) for p in passages], settings.bm25_k1, settings.bm25_b)
        manifest = Manifest(
            format=FORMAT_VERSION, model=settings.model, dimension=dimension, chunking=chunking,
            figures_version=fingerprint, built_at=time.time(), tokenizer=tokenizer,
            articles={a.id: a.content_hash for a in read.articles}, files={}, stamps=read.stamps,
            reader=reader,
        )
        names = name_vectors(compared_names(read.articles, figures), encoder_factory,
                             previous.names if previous and previous.manifest.model == settings.model else None)
        stored = StoredIndex(manifest, tuple(read.articles), passages, embeddings, postings, tuple(figures),
                             names=names)
        try:
            path = write_index(root, stored, previous)
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
        seconds=time.perf_counter() - began, warnings=(*read.warnings, *figure_warnings), path=path,
    )


def _read(settings: Settings, previous: StoredIndex | None, reader: str) -> ReadResult:
    """The articles of the seeds folder; files unchanged since the previous build, read by the
    same reader, are not read again (their stored Article is taken, see read_articles)."""
    known = {}
    if previous is not None and previous.manifest.reader == reader:
        stamps = previous.manifest.stamps
        known = {a.id: (stamps[a.id], a) for a in previous.articles if a.id in stamps}
    try:
        read = read_articles(Path(settings.seeds_dir), settings.max_article_bytes, known)
    except ArticleError as error:
        raise BuildError(str(error)) from None
    if not read.articles:
        raise BuildError(f"no readable articles in {settings.seeds_dir}; the existing index is kept")
    return read


def _previous_index(root: Path) -> StoredIndex | None:
    """The index being served, if it loads; a damaged one is simply rebuilt from scratch."""
    try:
        return load_index(root)
    except IndexProblem:
        return None


def _embeddings(
    articles: list[Article],
    passages: PassageTable,
    previous: StoredIndex | None,
    encoder_factory: Callable[[], Encoder],
    progress: ProgressFactory | None,
) -> tuple[np.ndarray, int, int]:
    """Stored rows for unchanged articles, fresh ones for the rest. Returns (matrix, encoded, dim)."""
    stored_rows = _stored_rows(previous, {a.id: a.content_hash for a in articles})
    ranges = _row_ranges(passages)
    to_encode = [p.text for a in articles if a.id not in stored_rows for p in passages[slice(*ranges[a.id])]]
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
            start, end = ranges[article.id]
            blocks.append(fresh[taken:taken + end - start])
            taken += end - start
    return np.ascontiguousarray(np.concatenate(blocks), dtype=np.float32), len(to_encode), dimension


def _row_ranges(passages: PassageTable) -> dict[str, tuple[int, int]]:
    """Rows [start, end) of each article's passages (passages are stored in article order)."""
    counts = np.bincount(passages.article_rows, minlength=len(passages.articles)).tolist()
    ranges, start = {}, 0
    for article, count in zip(passages.articles, counts):
        ranges[article.id] = (start, start + count)
        start += count
    return ranges


def _stored_row_ranges(previous: StoredIndex | None, new_hashes: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Rows [start, end) of the previous index's passages for each article whose text is unchanged."""
    if previous is None:
        return {}
    ranges = _row_ranges(PassageTable.of(previous.articles, previous.passages))
    return {a.id: ranges[a.id] for a in previous.articles if new_hashes.get(a.id) == a.content_hash}


def _passage_table(articles: list[Article], previous: StoredIndex | None, stored_rows: dict[str, tuple[int, int]],
                   fresh: dict[str, list[Passage]]) -> PassageTable:
    """The passages of the articles, in article order: stored spans for unchanged ones."""
    old = PassageTable.of(previous.articles, previous.passages).spans if previous is not None else None
    blocks = []
    for position, article in enumerate(articles):
        if article.id in stored_rows:
            block = old[slice(*stored_rows[article.id])].copy()  # type: ignore[index]
        else:
            block = np.array([(0, p.start, p.end) for p in fresh[article.id]], dtype=np.int64).reshape(-1, 3)
        block[:, 0] = position
        blocks.append(block)
    return PassageTable(articles, np.concatenate(blocks) if blocks else np.zeros((0, 3), dtype=np.int64))


def _postings_reusing(articles: list[Article], passages: PassageTable, previous: StoredIndex,
                      stored_rows: dict[str, tuple[int, int]], settings: Settings) -> Postings:
    """BM25 postings from the previous index's counts for unchanged articles and fresh tokens for
    the rest: the same arrays Postings.build gives for all passages, without re-tokenising."""
    ranges = _row_ranges(passages)
    rows = np.full(previous.bm25.size, -1, dtype=np.int64)  # previous row -> new row
    fresh: list[list[str]] = []
    fresh_rows: list[np.ndarray] = []
    for article in articles:
        start, end = ranges[article.id]
        if article.id in stored_rows:
            old_start, old_end = stored_rows[article.id]
            rows[old_start:old_end] = np.arange(start, end)
        else:
            fresh.extend(tokenize(p.text) for p in passages[start:end])
            fresh_rows.append(np.arange(start, end, dtype=np.int64))
    fresh_rows_all = np.concatenate(fresh_rows) if fresh_rows else np.zeros(0, dtype=np.int64)
    postings = previous.bm25.updated(rows, TermCounts.from_tokens(fresh), fresh_rows_all)
    if (postings.k1, postings.b) != (settings.bm25_k1, settings.bm25_b):
        postings = dataclasses.replace(postings, k1=settings.bm25_k1, b=settings.bm25_b)
    return postings


def _stored_rows(previous: StoredIndex | None, new_hashes: dict[str, str]) -> dict[str, np.ndarray]:
    """Embedding rows of the previous index for each article whose text is unchanged."""
    return {article_id: previous.embeddings[start:end]  # type: ignore[union-attr]
            for article_id, (start, end) in _stored_row_ranges(previous, new_hashes).items()}


def _encode_with_progress(encoder: Encoder, texts: list[str], progress: ProgressFactory | None) -> np.ndarray:
    # Encode in slices so a progress bar can move; each slice is still batched by the encoder.
    # The encoder sorts a slice by length before batching, so a batch pads to its longest text:
    # slices of 256 left batches of mixed lengths and cost 13-20% more CPU than one call over
    # all texts (bench/build.py). Slices of 128 batches are within about 1% of one call.
    bar = progress(len(texts)) if progress else Progress()
    step = max(256, getattr(encoder, "batch_size", 64) * 128)
    parts = []
    try:
        for start in range(0, len(texts), step):
            parts.append(encoder.encode(texts[start:start + step]))
            bar.update(min(start + step, len(texts)))
    finally:
        bar.close()
    return np.concatenate(parts)


def _figures(articles: list[Article], previous: StoredIndex | None) -> tuple[list[Figure], list[str]]:
    """Figures of every article, reusing stored ones for unchanged text and publication date (the
    date says which year is the article's own, so it changes which figures are another event's),
    and a warning for each article whose figures could not be read: a fault in the extractor on
    one article leaves it searchable without figures, not the whole build undone."""
    stored: dict[str, list[Figure]] = {}
    if previous is not None:
        for figure in previous.figures:
            stored.setdefault(figure.article_id, []).append(figure)
    old_hashes = previous.manifest.articles if previous else {}
    old_dates = {a.id: a.published for a in previous.articles} if previous else {}
    result, warnings = [], []
    for article in articles:
        if old_hashes.get(article.id) == article.content_hash and old_dates.get(article.id) == article.published:
            result.extend(stored.get(article.id, []))
            continue
        try:
            result.extend(figure_extraction.extract_figures(article.id, article.text, article.published))
        except Exception as error:       # a bug of ours on one text must not stop the other articles
            logger.exception("figures of %s could not be read", article.id)
            warnings.append(f"{article.id}: its figures could not be read ({type(error).__name__}); "
                            "its passages are indexed without figures")
    return result, warnings
