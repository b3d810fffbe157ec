"""Command line: `python -m index build`, `python -m index search "QUERY"` and
`python -m index figures FILE...` (every figure extracted from article files, for checking an
extractor against an expected list), `python -m index read PATH...` (what the index would store
for each file) and `python -m index add URL` (fetch a page into the seeds folder and rebuild)."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from config import Settings, settings as configured_settings
from index.articles import ArticleError, read_article
from index.build import BuildError, BuildReport, Progress, build_index
from index.embeddings import EncoderUnavailable, SentenceEncoder
from index.figures import extract_figures
from index.models import Article, Figure
from index.search import Searcher
from index.store import IndexProblem, load_index


class BarProgress(Progress):
    """A tqdm bar on stderr while passages are embedded."""

    def __init__(self, total: int):
        from tqdm import tqdm

        self._bar = tqdm(total=total, unit="passage", desc="embedding", file=sys.stderr, dynamic_ncols=True)

    def update(self, done: int) -> None:
        self._bar.update(done - self._bar.n)

    def close(self) -> None:
        self._bar.close()


def add_location_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, help="folder of articles (default from config)")
    parser.add_argument("--index", type=Path, help="index folder (default from config)")


def settings_from(args: argparse.Namespace) -> Settings:
    return configured_settings().replace(seeds_dir=args.seeds, index_dir=args.index)


def describe_build(report: BuildReport) -> str:
    lines = [f"warning: {w}" for w in report.warnings]
    for label, ids in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
        lines += [f"{label}: {i}" for i in ids]
    lines.append(
        f"{len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed, "
        f"{len(report.unchanged)} unchanged; {report.passages} passages ({report.encoded} embedded), "
        f"{report.figures} figures in {report.seconds:.1f} s -> {report.path}"
    )
    return "\n".join(lines)


def figure_row(path: Path, article: Article, figure: Figure) -> dict:
    return {"file": str(path), "kind": figure.kind, "measure": figure.measure, "scope": figure.scope,
            "value": figure.value, "low": figure.low, "high": figure.high, "unit": figure.unit,
            "qualifier": figure.qualifier, "words": figure.text, "attributed_to": figure.attributed_to,
            "statement": figure.statement, "other_event": figure.other_event, "revision": figure.revision,
            "revision_of": figure.revision_of, "start": figure.start, "end": figure.end,
            "sentence": article.text[figure.sentence_start:figure.sentence_end]}


def print_figures(paths: list[Path], as_json: bool) -> int:
    """Every figure of each file, as the index would store it; unreadable files are errors."""
    status = 0
    for path in paths:
        try:
            article = read_article(path, path.parent, configured_settings().max_article_bytes)
        except ArticleError as error:
            print(f"error: {path}: {error}", file=sys.stderr)
            status = 1
            continue
        for figure in extract_figures(article.id, article.text, article.published):
            row = figure_row(path, article, figure)
            if as_json:
                print(json.dumps(row, ensure_ascii=False))
            else:
                flags = " [other event]" if figure.other_event else ""
                scope = f" in {figure.scope}" if figure.scope else ""
                print(f"{path.name}:{figure.start} {figure.kind:11} {figure.measure}{scope}: "
                      f"{figure.text!r}{flags}")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index", description="Build and search the crosscheck index.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build or update the index from the articles folder")
    add_location_options(build)
    search = commands.add_parser("search", help="rank passages for a query (BM25 + embeddings)")
    search.add_argument("query")
    search.add_argument("--k", type=int, default=None, help="how many passages (default from config)")
    search.add_argument("--json", action="store_true", help="print JSON")
    add_location_options(search)
    figures = commands.add_parser("figures", help="every figure extracted from article files (one JSON object each)")
    figures.add_argument("files", nargs="+", type=Path)
    figures.add_argument("--json", action="store_true", help="print one JSON object per line")
    read = commands.add_parser("read", help="show what the index stores for each file: metadata and text")
    read.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    read.add_argument("--json", action="store_true", help="print one JSON object per file")
    add_location_options(read)
    add = commands.add_parser("add", help="fetch a web page into the seeds folder, rebuild, show what it added")
    add.add_argument("url")
    add_location_options(add)
    args = parser.parse_args(argv)
    if args.command == "figures":
        return print_figures(args.files, args.json)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = settings_from(args)
    if args.command == "read":
        return read_files(args.paths, settings, args.json)
    if args.command == "add":
        return add_url(args.url, settings)
    try:
        if args.command == "build":
            print(describe_build(build_index(settings, progress=BarProgress)))
            return 0
        index = load_index(Path(settings.index_dir))
        hits = Searcher(index, SentenceEncoder.for_settings(settings), settings).search(
            args.query, args.k)
    except (BuildError, IndexProblem, EncoderUnavailable, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    rows = [{"source": h.passage.article_id, "start": h.passage.start, "end": h.passage.end,
             "text": h.passage.text, "score": h.score, "bm25": h.bm25, "embedding": h.embedding} for h in hits]
    if args.json:
        print(json.dumps({"query": args.query, "passages": rows}, ensure_ascii=False, indent=1))
    else:
        for rank, row in enumerate(rows, start=1):
            print(f"{rank}. {row['source']} [{row['start']}:{row['end']}] fused {row['score']:.4f} "
                  f"bm25 {row['bm25']:.2f} cosine {row['embedding']:.3f}\n   {row['text']}")
    return 0


def read_files(paths: list[Path], settings: Settings, as_json: bool) -> int:
    """Each file as the reader turns it into an article; 1 if any could not be read."""
    status = 0
    for path in paths:
        # Inside the seeds folder a file gets the id the index gives it; elsewhere its name.
        inside = Path(settings.seeds_dir).resolve() in path.resolve().parents
        try:
            article = read_article(path, Path(settings.seeds_dir) if inside else path.parent,
                                   settings.max_article_bytes)
        except ArticleError as error:
            print(f"error: {path}: {error}", file=sys.stderr)
            status = 1
            continue
        row = {"id": article.id, "title": article.title, "outlet": article.outlet, "author": article.author,
               "url": article.url, "published": article.published, "text": article.text}
        if as_json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            header = " | ".join(f"{key}: {row[key]}" for key in ("id", "title", "outlet", "author", "url", "published")
                                if row[key])
            print(f"{header}\n\n{article.text}\n")
    return status


def add_url(url: str, settings: Settings) -> int:
    """Fetch url into seeds/web/, rebuild incrementally, print what the page added."""
    from bot.answer import Engine
    from bot.web_render import changes_text
    from web import changes, pages
    from web.fetch import Fetcher, FetchError

    def engine() -> Engine | None:
        try:
            return Engine(load_index(Path(settings.index_dir)), None, settings)
        except IndexProblem:
            return None

    before = engine()
    known = changes.facts(before) if before else frozenset()
    hashes = {a.content_hash for a in before.index.articles} if before else set()
    try:
        saved = pages.add_url(settings, Fetcher.of(settings), url, hashes)
        print(f"saved {saved.path} ({saved.article.title})")
        report = build_index(settings, progress=BarProgress)
    except (FetchError, pages.PageRejected, BuildError, EncoderUnavailable, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(describe_build(report))
    print(changes_text(changes.changes_since(known, engine())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
