"""The running answer service: one loaded engine, swapped after each rebuild.

Used by every front end (command line, console, Discord). Heavy work runs in worker threads
(asyncio.to_thread) so an event loop, and a Discord gateway heartbeat, never stalls. Questions
are answered from the current engine while a rebuild runs; the new one replaces it only when
the rebuild has finished and loaded.
"""
from __future__ import annotations

import asyncio
import logging
import os
import re
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from bot.answer import Answer, Comparison, Disagreements, Engine, MeasureFigures, SourceList
from bot.timeline import Timeline, build_timeline
from config import Settings
from corrections.model import Correction
from index.articles import SUPPORTED_SUFFIXES, ArticleError, read_article
from index.build import BuildError, ProgressFactory, build_index
from index.embeddings import Encoder, EncoderUnavailable, SentenceEncoder
from index.models import Article
from index.store import IndexCorrupt, IndexProblem, load_index, read_manifest
from state import StateError, corrections_stamp, load_corrections
from web import pages
from web.changes import Changes, changes_since, facts
from web.fetch import Fetcher

log = logging.getLogger(__name__)

T = TypeVar("T")
CORRECTIONS_CHECK_SECONDS = 2.0
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]{0,120}")


class RebuildBusy(RuntimeError):
    """A rebuild is already running."""


class UploadRejected(ValueError):
    """An uploaded article was refused; str() is the reason to show the user."""


@dataclass(frozen=True)
class RebuildReport:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]
    passages: int
    seconds: float
    warnings: tuple[str, ...]
    new_disagreements: tuple[MeasureFigures, ...]   # disputed now, or disputed with new values
    saved_uploads: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageAdded:
    article: Article             # the page as indexed
    rebuild: RebuildReport
    changes: Changes             # what the page added to the answers


def load_encoder(settings: Settings) -> tuple[Encoder | None, str | None]:
    """The embedding model, or (None, why) so answers can run on BM25 alone, marked degraded."""
    try:
        return SentenceEncoder.for_settings(settings), None
    except EncoderUnavailable as error:
        log.error("%s; answering from BM25 alone until it loads", error)
        return None, f"the embedding model is unavailable, so passages are ranked by keywords alone ({error})"


def index_is_stale(settings: Settings) -> bool:
    """True when there is no usable index, or a file in the seeds folder is newer than it."""
    try:
        built_at = read_manifest(Path(settings.index_dir)).built_at
    except IndexProblem:
        return True
    seeds = Path(settings.seeds_dir)
    newest = seeds.stat().st_mtime if seeds.exists() else 0.0
    for folder, _, files in os.walk(seeds):
        newest = max([newest, Path(folder).stat().st_mtime] + [_mtime(Path(folder) / f) for f in files])
    return newest > built_at


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def open_engine(settings: Settings, progress: ProgressFactory | None = None,
                encoder: tuple[Encoder | None, str | None] | None = None) -> Engine:
    """Load the index (building it first if it is missing or older than the seeds) and the model,
    with the moderators' corrections in force.

    A failed build keeps the last good index serving; with no index at all the error stands.
    An index whose manifest reads but whose files are damaged (truncated, missing, hand-edited)
    is rebuilt too, when the model is there to do it; without it, IndexCorrupt names the fix.
    """
    model, why = encoder or load_encoder(settings)
    stale = index_is_stale(settings)
    if not stale and model is not None:
        try:
            return Engine(load_index(Path(settings.index_dir)), model, settings, why, corrections_in_force(settings))
        except IndexCorrupt as error:
            log.error("%s", error)
            stale = True
    if stale:
        if model is None:
            log.error("cannot build the index without the embedding model; serving the last index")
        else:
            try:
                report = build_index(settings, encoder_factory=lambda: model, progress=progress)
                for warning in report.warnings:
                    log.warning("%s", warning)
            except (BuildError, OSError) as error:  # OSError: e.g. a read-only index folder
                log.error("index build failed: %s", error)
    return Engine(load_index(Path(settings.index_dir)), model, settings, why, corrections_in_force(settings))


def read_stamp(settings: Settings) -> tuple:
    try:
        return corrections_stamp(settings.state_path)
    except (sqlite3.Error, OSError) as error:
        log.warning("cannot check the corrections for changes: %s", error)
        return ()


def corrections_in_force(settings: Settings) -> list[Correction]:
    """The corrections the state database holds; none (logged) when it cannot be read, so
    answers go on."""
    try:
        return load_corrections(settings.state_path)
    except (StateError, OSError, sqlite3.Error) as error:
        log.error("cannot read the corrections, answering without them: %s", error)
        return []


class Service:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.engine: Engine | None = None
        self._encoder: tuple[Encoder | None, str | None] | None = None
        self._rebuild_lock = asyncio.Lock()
        # Held while an engine is made and swapped in: corrections saved during a rebuild are
        # in the engine it swaps in, or applied to it right after.
        self._swap_lock = threading.Lock()
        self.fetcher = Fetcher.of(settings)
        # Called in the worker thread with the old and the new engine, right after the swap.
        self.on_swap: list[Callable[[Engine, Engine], None]] = []
        # Corrections written by another process (an import) are noticed within this many seconds.
        self.corrections_check_seconds = CORRECTIONS_CHECK_SECONDS
        self._corrections_stamp: tuple = ()
        self._corrections_checked = float("-inf")

    async def start(self) -> None:
        def load() -> Engine:
            self._encoder = load_encoder(self.settings)
            self._corrections_stamp = read_stamp(self.settings)
            engine = open_engine(self.settings, encoder=self._encoder)
            warm_up(engine)
            return engine

        self.engine = await asyncio.to_thread(load)

    def _ready(self) -> Engine:
        if self.engine is None:
            raise RuntimeError("the service has not started")
        return self.engine

    async def ask(self, question: str) -> Answer:
        await self._follow_corrections()
        return await asyncio.to_thread(self._ready().ask, question)

    async def compare(self, topic: str, sources: Sequence[str] | None = None) -> Comparison:
        await self._follow_corrections()
        return await asyncio.to_thread(self._ready().compare, topic, sources)

    async def disagreements(self) -> Disagreements:
        await self._follow_corrections()
        return await asyncio.to_thread(self._ready().disagreements)

    async def sources(self) -> SourceList:
        return await asyncio.to_thread(self._ready().sources)

    async def apply_corrections(self) -> Engine:
        """Answer with the corrections the state database holds now: at once, without a rebuild."""
        def apply() -> Engine:
            with self._swap_lock:
                self._corrections_stamp = read_stamp(self.settings)
                self.engine = self._ready().with_corrections(corrections_in_force(self.settings))
                return self.engine

        return await asyncio.to_thread(apply)

    async def _follow_corrections(self) -> None:
        """Apply corrections another process wrote, checking at most every few seconds."""
        now = time.monotonic()
        if now - self._corrections_checked < self.corrections_check_seconds:
            return
        self._corrections_checked = now
        if await asyncio.to_thread(read_stamp, self.settings) != self._corrections_stamp:
            await self.apply_corrections()

    def source_ids(self) -> list[str]:
        return list(self._ready().sources_by_id)

    @property
    def rebuilding(self) -> bool:
        return self._rebuild_lock.locked()

    async def exclusive(self, work: Callable[[], T]) -> T:
        """Run work() in a worker thread while no other rebuild can start (RebuildBusy if one
        is running): the seeds folder is written and rebuilt by one job at a time."""
        if self._rebuild_lock.locked():
            raise RebuildBusy("a rebuild is already running")
        async with self._rebuild_lock:
            return await asyncio.to_thread(work)

    async def rebuild(self, uploads: Sequence[tuple[str, bytes]] = ()) -> RebuildReport:
        """Save checked uploads into the seeds folder, rebuild, and swap the new index in."""
        return await self.exclusive(lambda: self._rebuild(list(uploads)))

    def _rebuild(self, uploads: list[tuple[str, bytes]]) -> RebuildReport:
        before = self._ready()
        saved = save_uploads(self.settings, uploads, before)
        return self.build_and_swap(before, tuple(saved))

    def build_and_swap(self, before: Engine, saved: tuple[str, ...] = ()) -> RebuildReport:
        """Rebuild from the seeds folder and swap the new engine in; only inside exclusive()."""
        model = self._encoder[0] if self._encoder else None
        if model is None:
            raise BuildError("the embedding model is unavailable, so the index cannot be rebuilt")
        report = build_index(self.settings, encoder_factory=lambda: model)
        index = load_index(Path(self.settings.index_dir))
        with self._swap_lock:
            self._corrections_stamp = read_stamp(self.settings)
            after = Engine(index, model, self.settings, corrections=corrections_in_force(self.settings))
            self.engine = after  # the swap: a reference assignment, atomic for readers
        for callback in self.on_swap:
            try:
                callback(before, after)
            except Exception:    # a listener (alerts) must not turn a good rebuild into an error
                log.exception("after-rebuild step failed")
        return RebuildReport(report.added, report.changed, report.removed, report.unchanged, report.passages,
                             report.seconds, report.warnings, new_disagreements(before, after), saved)

    async def add_url(self, url: str) -> PageAdded:
        """Fetch a page into the seeds folder and rebuild; FetchError or PageRejected say why not,
        and then nothing was written."""
        return await self.exclusive(lambda: self._add_url(url))

    def _add_url(self, url: str) -> PageAdded:
        before = self._ready()
        saved = pages.add_url(self.settings, self.fetcher, url, {a.content_hash for a in before.index.articles})
        report = self.build_and_swap(before, (saved.article.id,))
        return PageAdded(saved.article, report, changes_since(facts(before), self._ready()))


def warm_up(engine: Engine) -> None:
    """Encode one throwaway text at start-up: torch's first call (kernel choice, allocations)
    costs several times an ordinary one, and would otherwise land on the first question."""
    encoder = engine.searcher.encoder
    if encoder is None:
        return
    try:
        encode_one = getattr(encoder, "encode_query", None)
        encode_one("warm-up") if encode_one is not None else encoder.encode(["warm-up"])
    except Exception as error:  # a warm-up must never stop the service; the question will say
        log.warning("encoder warm-up failed: %s", error)


def new_disagreements(before: Engine, after: Engine) -> tuple[MeasureFigures, ...]:
    """Measures disputed after a rebuild that were not, or that gained values."""
    old = {m.measure: {v.label for v in m.values} for m in before.disagreements().measures}
    return tuple(m for m in after.disagreements().measures
                 if m.measure not in old or {v.label for v in m.values} - old[m.measure])


def save_uploads(settings: Settings, uploads: list[tuple[str, bytes]], engine: Engine) -> list[str]:
    """Check every upload first (all or nothing), then write each into the seeds folder."""
    seeds = Path(settings.seeds_dir)
    known = {a.content_hash for a in engine.index.articles}
    checked: list[tuple[str, bytes]] = []
    for name, data in uploads:
        safe_name, content_hash = check_upload(name, data, settings, seeds, known)
        known.add(content_hash)
        checked.append((safe_name, data))
    for name, data in checked:
        tmp = seeds / f".{name}.part"
        tmp.write_bytes(data)
        os.replace(tmp, seeds / name)
    return [name for name, _ in checked]


def check_upload(name: str, data: bytes, settings: Settings, seeds: Path,
                 known_hashes: set[str]) -> tuple[str, str]:
    """(safe file name, content hash) for an upload, or UploadRejected saying why not.

    The upload is read by the same reader as the seeds, so it is refused for the same reasons
    (empty, binary, ...) a seed file would be skipped for.
    """
    base = name.strip()
    if not _SAFE_NAME.fullmatch(base) or ".." in base:
        raise UploadRejected(f"{name!r}: use a plain file name (letters, digits, . _ - and spaces)")
    if Path(base).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UploadRejected(f"{base}: only {', '.join(sorted(SUPPORTED_SUFFIXES))} files are accepted")
    if len(data) > min(settings.max_upload_bytes, settings.max_article_bytes):
        raise UploadRejected(f"{base}: larger than {settings.max_upload_bytes} bytes")
    if (seeds / base).exists():
        raise UploadRejected(f"{base}: an article with this name already exists")
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / base).write_bytes(data)
        try:
            article = read_article(Path(folder) / base, Path(folder), settings.max_article_bytes)
        except ArticleError as error:
            raise UploadRejected(f"{base}: {error}") from None
    if article.content_hash in known_hashes:
        raise UploadRejected(f"{base}: the same text is already indexed")
    return base, article.content_hash


# ------------------------------------------------------------------ timelines and charts

def measure_names(engine: Engine) -> list[str]:
    """The measures present, the most stated first: what /timeline completes over."""
    return sorted(engine.figures_by_measure, key=lambda m: (-len(engine.figures_by_measure[m]), m))


class Charts:
    """Timelines and charts for a Service. Every chart is drawn in a worker thread (matplotlib
    is imported only then), and only when one is asked for."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def measures(self) -> list[str]:
        return measure_names(self.service._ready())

    async def timeline(self, measure: str) -> Timeline:
        engine = self.service._ready()
        return await asyncio.to_thread(lambda: build_timeline(engine.measure_figures(measure)))

    async def timeline_chart(self, measure: str) -> tuple[Timeline, bytes | None]:
        """The timeline and its PNG (None when no statement has a known time: nothing to place)."""
        engine = self.service._ready()

        def draw() -> tuple[Timeline, bytes | None]:
            from bot.charts import timeline_png
            timeline = build_timeline(engine.measure_figures(measure))
            return timeline, timeline_png(timeline) if timeline.steps else None

        return await asyncio.to_thread(draw)

    async def disagreements_chart(self) -> bytes:
        engine = self.service._ready()

        def draw() -> bytes:
            from bot.charts import disagreements_png
            return disagreements_png(engine.disagreements())

        return await asyncio.to_thread(draw)
