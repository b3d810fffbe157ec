"""Fetched pages become seed files: seeds/web/<host>/<name>.html (or .txt) with a .meta.json
sidecar, so a rebuild from disk reads exactly what /add read, and the seeds folder stays the
one source of truth.

A page is read by the index's own reader before anything is written: a page that would not
become an article (all boilerplate, empty, binary, already indexed) is refused and leaves no
file behind.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Set
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from yarl import URL

from config import Settings
from index.articles import SIDECAR_SUFFIX, ArticleError, read_article
from index.models import Article
from web.fetch import Fetcher, Response

WEB_FOLDER = "web"
_SLUG = re.compile(r"[^a-z0-9]+")


class PageRejected(ValueError):
    """A fetched page that cannot be added; str() says why."""


class AlreadyAdded(PageRejected):
    """This URL's page is in the seeds folder already."""

    def __init__(self, message: str, article_id: str) -> None:
        super().__init__(message)
        self.article_id = article_id


@dataclass(frozen=True)
class SavedPage:
    article: Article             # as the index will read it
    path: Path


def page_path(seeds: Path, url: str, content_type: str) -> Path:
    """seeds/web/<host>/<last path words>-<hash of the URL>.<html|txt>: stable per URL, so the
    same URL is never stored twice, and readable in a folder listing."""
    parsed = URL(url)
    host = _SLUG.sub("-", (parsed.host or "page").lower()).strip("-")[:60] or "page"
    words = _SLUG.sub("-", parsed.path.lower()).strip("-")[-60:].strip("-") or "index"
    digest = hashlib.sha256(url.encode()).hexdigest()[:10]
    suffix = ".html" if content_type in ("text/html", "application/xhtml+xml") else (
        ".md" if content_type == "text/markdown" else ".txt")
    return seeds / WEB_FOLDER / host / f"{words}-{digest}{suffix}"


def save_page(settings: Settings, response: Response, known_hashes: Set[str],
              provenance: dict[str, str] | None = None) -> SavedPage:
    """Check the page reads as a new article, then write it and its sidecar under seeds/web/.

    The page is stored as UTF-8 text, so reading it again needs no charset guess.
    """
    seeds = Path(settings.seeds_dir)
    path = page_path(seeds, response.url, response.content_type)
    if path.exists():
        article_id = path.relative_to(seeds).as_posix()
        raise AlreadyAdded(f"{response.url} was already added (as {article_id})", article_id)
    data = response.text().encode("utf-8")
    if len(data) > settings.max_article_bytes:
        raise PageRejected(f"{response.url}: larger than {settings.max_article_bytes:,} bytes")
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / path.name
        trial.write_bytes(data)
        try:
            article = read_article(trial, Path(folder), settings.max_article_bytes)
        except ArticleError as error:
            raise PageRejected(f"{response.url}: {error}") from None
    if article.content_hash in known_hashes:
        raise PageRejected(f"{response.url}: the same text is already indexed")

    provenance = dict(provenance or {})
    # The page's own date first; a feed entry's date where the page gives none.
    published = article.published or provenance.pop("published", None)
    provenance.pop("published", None)
    metadata = {"title": article.title if article.title != trial.stem else None,
                "outlet": article.outlet or (URL(response.url).host or "").removeprefix("www.") or None,
                "author": article.author, "url": response.url, "published": published,
                "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), **provenance}
    path.parent.mkdir(parents=True, exist_ok=True)
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    _write(sidecar, json.dumps({k: v for k, v in metadata.items() if v}, ensure_ascii=False, indent=1).encode())
    _write(path, data)
    return SavedPage(read_article(path, seeds, settings.max_article_bytes), path)


def add_url(settings: Settings, fetcher: Fetcher, url: str, known_hashes: Set[str],
            provenance: dict[str, str] | None = None) -> SavedPage:
    """Fetch url in this (worker) thread and save it as a seed file; FetchError or PageRejected."""
    return save_page(settings, fetcher.fetch_blocking(url.strip()), known_hashes, provenance)


def feed_articles(seeds: Path, feed_url: str) -> set[str]:
    """The ids of the pages saved from a feed's entries (their sidecars name the feed)."""
    found = set()
    for sidecar in (seeds / WEB_FOLDER).glob(f"**/*{SIDECAR_SUFFIX}"):
        try:
            if json.loads(sidecar.read_text(encoding="utf-8")).get("feed") == feed_url:
                found.add(sidecar.relative_to(seeds).as_posix()[: -len(SIDECAR_SUFFIX)])
        except (OSError, ValueError, AttributeError):
            continue                 # the reader reports a broken sidecar; here it just is no feed's
    return found


def _write(path: Path, data: bytes) -> None:
    """Write then rename: a crash leaves the old file or the new one, never half of one."""
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(data)
    os.replace(partial, path)
