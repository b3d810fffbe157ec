"""The web-page reader on trafilatura's evaluation corpus, side by side with trafilatura itself.

    python -m bench.reader TRAFILATURA_CHECKOUT [--limit N] [--write-doc]

TRAFILATURA_CHECKOUT is a folder holding tests/evaldata.json, tests/eval/ and tests/cache/ of the
adbar/trafilatura repository (not committed here: 990 pages, 146 MB). Scoring is that corpus's
own (tests/eval_common.py): for each page, every "with" string found in the extracted text,
whitespace-normalised, is a true positive and every "without" string found a false positive; a
crash or no text counts every "with" string as missed. Precision, recall and F1 are over the
summed counts. trafilatura runs as its evaluation runs it ("fallback" runner: fast=False,
tables kept, comments and formatting dropped); ours is index.articles.read_document, exactly
what the index stores for an .html file.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.common import table, update_doc
from index.articles import ArticleError, read_document


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    seconds: float = 0.0
    failures: int = 0

    def add(self, item: dict, result: str | None) -> None:
        found = norm(result) if isinstance(result, str) else None
        tp = sum(1 for w in item["with"] if found is not None and norm(w) in found)
        fp = sum(1 for w in item["without"] if found is not None and norm(w) in found)
        self.tp += tp
        self.fp += fp
        self.fn += len(item["with"]) - tp
        self.tn += len(item["without"]) - fp

    def scores(self) -> tuple[float, float, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 0.0
        return precision, recall, f1


def ours(data: bytes) -> str | None:
    try:
        return read_document(data, ".html")[0]
    except ArticleError:
        return None


def theirs(data: bytes) -> str | None:
    from trafilatura import extract

    return extract(data, fast=False, include_comments=False, include_tables=True, include_formatting=False)


def corpus(checkout: Path, limit: int | None) -> list[tuple[dict, bytes]]:
    tests = checkout / "tests"
    evaldata = json.loads((tests / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url in sorted(evaldata)[:limit]:
        item = evaldata[url]
        path = next((p for p in (tests / "cache" / item["file"], tests / "eval" / item["file"]) if p.is_file()), None)
        if path is None:
            raise SystemExit(f"{url}: page file not found: {item['file']}")
        pages.append((item, path.read_bytes()))
    return pages


def score(reader: Callable[[bytes], str | None], pages: list[tuple[dict, bytes]]) -> Counts:
    counts = Counts()
    for item, data in pages:
        started = time.perf_counter()
        try:
            result = reader(data)
        except Exception:           # the corpus's rule: a crash is a full miss
            result = None
            counts.failures += 1
        counts.seconds += time.perf_counter() - started
        counts.add(item, result)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reader", description=__doc__.split("\n\n")[0])
    parser.add_argument("checkout", type=Path, help="folder with trafilatura's tests/evaldata.json, eval/, cache/")
    parser.add_argument("--limit", type=int, help="only the first N pages (by URL)")
    parser.add_argument("--write-doc", action="store_true", help="write the table into docs/BENCHMARKS.md")
    args = parser.parse_args(argv)
    pages = corpus(args.checkout, args.limit)
    rows = []
    for name, reader in (("crosscheck reader (index/articles.py)", ours), ("trafilatura extract", theirs)):
        counts = score(reader, pages)
        precision, recall, f1 = counts.scores()
        rows.append([name, f"{precision:.3f}", f"{recall:.3f}", f"{f1:.3f}", str(counts.failures),
                     f"{counts.seconds / len(pages) * 1000:.0f} ms"])
    from importlib.metadata import version

    body = (f"{len(pages)} pages of trafilatura's evaluation corpus, trafilatura {version('trafilatura')}, "
            f"scored as its tests/eval_common.py does.\n\n"
            + table(["reader", "precision", "recall", "F1", "crashes", "time per page"], rows))
    print(body)
    if args.write_doc:
        update_doc("reader", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
