"""One measurement in a fresh interpreter, for the scale, build and cold-start benchmarks.

    python -m bench.probe load --index DIR [--repeat N]
    python -m bench.probe build --seeds DIR --index DIR
    python -m bench.probe encode --index DIR [--sample N]
    python -m bench.probe coldstart --seeds DIR --index DIR --question TEXT
    python -m bench.probe ranking --index DIR [--sample N]

Each prints one JSON object on its last line (seconds, bytes). A fresh process is the only way
to see an import or a load as a starting bot sees it, and its peak memory alone.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

_BEGAN = time.perf_counter()


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(mark: tuple[float, float]) -> dict[str, float]:
    return {"wall": time.perf_counter() - mark[0], "cpu": time.process_time() - mark[1]}


def _memory() -> dict[str, int]:
    from bench.common import rss_bytes

    return rss_bytes()


def load(args) -> dict:
    """Index load (load_index) and engine set-up, repeated in this process; the first is cold
    for Python (imports done), the page cache is whatever the machine has."""
    from bot.answer import Engine
    from config import settings as configured_settings
    from index.store import load_index

    settings = configured_settings().replace(index_dir=args.index)
    loads, engines = [], []
    for _ in range(args.repeat):
        mark = _clock()
        index = load_index(args.index)
        loads.append(_since(mark))
        mark = _clock()
        engine = Engine(index, None, settings)
        engines.append(_since(mark))
        del engine, index
    return {"load": loads, "engine": engines, "memory": _memory()}


def build(args) -> dict:
    """A build as `python -m index build` does it, with the model load timed apart."""
    from config import settings as configured_settings
    from index.build import build_index
    from index.embeddings import SentenceEncoder

    settings = configured_settings().replace(seeds_dir=args.seeds, index_dir=args.index)
    mark = _clock()
    encoder = SentenceEncoder.for_settings(settings)
    model = _since(mark)
    loaded = []

    def factory():
        loaded.append(True)
        return encoder

    mark = _clock()
    report = build_index(settings, encoder_factory=factory)
    seconds = _since(mark)
    return {"model_load": model, "build": seconds, "passages": report.passages, "encoded": report.encoded,
            "figures": report.figures, "added": len(report.added), "removed": len(report.removed),
            "changed": len(report.changed), "unchanged": len(report.unchanged), "path": str(report.path),
            "memory": _memory()}


def encode(args) -> dict:
    """The raw encoder on the index's passages (or an evenly spread sample of them): one
    encode call over all texts, the model's own batching, nothing else."""
    from config import settings as configured_settings
    from index.embeddings import SentenceEncoder
    from index.store import load_index

    settings = configured_settings()
    index = load_index(args.index)
    texts = [p.text for p in index.passages]
    if args.sample and args.sample < len(texts):
        step = len(texts) / args.sample
        texts = [texts[int(i * step)] for i in range(args.sample)]
    encoder = SentenceEncoder.for_settings(settings)
    encoder.encode(texts[:64])  # warm-up
    mark = _clock()
    encoder.encode(texts)
    seconds = _since(mark)
    return {"passages": len(texts), "encode": seconds, "chars": sum(map(len, texts))}


def coldstart(args) -> dict:
    """What `python -m bot ask` spends its time on, step by step, in a fresh interpreter."""
    marks = {"interpreter": {"wall": time.perf_counter() - _BEGAN, "cpu": time.process_time()}}
    mark = _clock()
    from bot import render
    from bot.__main__ import build_parser  # noqa: F401
    from bot.service import index_is_stale, load_encoder
    from config import settings as configured_settings
    from bot.answer import Engine
    from index.store import load_index
    marks["import crosscheck"] = _since(mark)
    settings = configured_settings().replace(seeds_dir=args.seeds, index_dir=args.index)
    mark = _clock()
    stale = index_is_stale(settings)
    marks["check the index is current"] = _since(mark)
    mark = _clock()
    encoder, _ = load_encoder(settings)
    # the ONNX export kept from an earlier start, checked; the whole model only without one
    marks["question encoder load"] = _since(mark)
    mark = _clock()
    index = load_index(Path(settings.index_dir))
    marks["index load"] = _since(mark)
    mark = _clock()
    engine = Engine(index, encoder, settings)
    marks["engine set-up"] = _since(mark)
    mark = _clock()
    answer = engine.ask(args.question)
    marks["first answer"] = _since(mark)
    mark = _clock()
    render.answer_text(answer)
    marks["render"] = _since(mark)
    mark = _clock()
    engine.searcher.query_vector.cache_clear()
    engine.ask(args.question)
    marks["second answer (warm, not cached)"] = _since(mark)
    return {"steps": marks, "stale": stale, "torch": "torch" in sys.modules,
            "total": time.perf_counter() - _BEGAN, "memory": _memory()}


def ranking(args) -> dict:
    """Our postings' BM25 ranking against rank-bm25's get_scores (same Lucene IDF) and its
    get_batch_scores over only the passages holding a query term: the top candidates of every
    latency question, row by row."""
    import numpy as np

    from bench.questions import latency_questions
    from bot.answer import clean_query
    from config import settings as configured_settings
    from index.bm25 import LuceneIdfBM25, tokenize
    from index.search import _top
    from index.store import load_index

    settings = configured_settings()
    index = load_index(args.index)
    mark = _clock()
    tokens = [tokenize(p.text) for p in index.passages]
    reference = LuceneIdfBM25(tokens, k1=index.bm25.k1, b=index.bm25.b)
    reference_build = _since(mark)
    questions = latency_questions()
    if args.sample:
        questions = questions[:args.sample]
    same_full = same_batch = same_top = 0
    max_diff = 0.0
    ours_s, full_s, batch_s = [], [], []
    first_difference = None
    for question in questions:
        query = tokenize(clean_query(question))
        mark = time.perf_counter()
        ours = index.bm25.scores(query)
        ours_rank = _top(ours, settings.candidates, ours > 0)
        ours_s.append(time.perf_counter() - mark)

        mark = time.perf_counter()
        full = reference.get_scores(query)
        full_rank = _top(full, settings.candidates, full > 0)
        full_s.append(time.perf_counter() - mark)

        mark = time.perf_counter()
        holding = np.unique(np.concatenate(
            [index.bm25.doc_ids[index.bm25.term_start[t]:index.bm25.term_start[t + 1]]
             for t in (index.bm25.vocabulary.get(term) for term in set(query)) if t is not None]
            or [np.zeros(0, dtype=np.int32)]))
        batch = np.zeros(len(tokens))
        if len(holding):
            batch[holding] = reference.get_batch_scores(query, holding.tolist())
        batch_rank = _top(batch, settings.candidates, batch > 0)
        batch_s.append(time.perf_counter() - mark)

        max_diff = max(max_diff, float(np.max(np.abs(ours - full))) if len(ours) else 0.0)
        same_full += np.array_equal(ours_rank.rows, full_rank.rows)
        same_batch += np.array_equal(ours_rank.rows, batch_rank.rows)
        same_top += np.array_equal(ours_rank.rows[:settings.results], full_rank.rows[:settings.results])
        if first_difference is None and not np.array_equal(ours_rank.rows, full_rank.rows):
            k = int(np.argmax(ours_rank.rows[:len(full_rank.rows)] != full_rank.rows[:len(ours_rank.rows)]))
            first_difference = {"question": question, "position": k,
                                "ours": ours_rank.rows[k:k + 3].tolist(), "reference": full_rank.rows[k:k + 3].tolist(),
                                "ours_scores": ours[ours_rank.rows[k:k + 3]].tolist(),
                                "reference_scores": full[full_rank.rows[k:k + 3]].tolist()}
    from bench.common import median, p95
    return {"questions": len(questions), "passages": len(tokens), "candidates": settings.candidates,
            "identical_full": int(same_full), "identical_batch": int(same_batch), "identical_top5": int(same_top),
            "max_abs_score_difference": max_diff, "first_difference": first_difference,
            "reference_build": reference_build,
            "ours_p50": median(ours_s), "ours_p95": p95(ours_s),
            "get_scores_p50": median(full_s), "get_scores_p95": p95(full_s),
            "get_batch_scores_p50": median(batch_s), "get_batch_scores_p95": p95(batch_s)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("load")
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--repeat", type=int, default=3)
    p = commands.add_parser("build")
    p.add_argument("--seeds", type=Path, required=True)
    p.add_argument("--index", type=Path, required=True)
    p = commands.add_parser("encode")
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--sample", type=int, default=0)
    p = commands.add_parser("coldstart")
    p.add_argument("--seeds", type=Path, required=True)
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--question", required=True)
    p = commands.add_parser("ranking")
    p.add_argument("--index", type=Path, required=True)
    p.add_argument("--sample", type=int, default=0)
    args = parser.parse_args(argv)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    result = {"load": load, "build": build, "encode": encode, "coldstart": coldstart,
              "ranking": ranking}[args.command](args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
