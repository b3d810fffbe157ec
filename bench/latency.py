"""Answer latency, warm, in one process: ours against a plain baseline, question by question.

    python -m bench.latency [--seeds DIR] [--index DIR] [--out DIR] [--repeat N] [--no-doc]

Loads the model and an index (by default a fresh index of seeds/ built under --out), then
answers the development questions and their paraphrases (bench/questions.py, 315 of them)
--repeat times, in four ways, interleaved question by question so a busy machine slows all
of them alike:

  ours           Engine.ask as the bot runs it, with the query-vector cache emptied before each
                 question: every question is encoded (the honest number for new questions).
  ours, cached   the same question asked again at once: its vector comes from the cache (what
                 a channel repeating a question sees).
  ours, staged   Engine.ask again, on a second engine with a timer around each step (class
                 Stages): query encoding, BM25, embedding search, fusion (with source
                 diversity) and figures. Its answers are checked equal to the first engine's.
  baseline       the same parts without our work: rank-bm25's BM25Okapi.get_scores over every
                 passage, numpy cosine over every passage, full sorts, reciprocal rank fusion,
                 the same encoder through sentence-transformers' encode, and the figures of the
                 question's measures grouped afresh for each question.

Figures are included in every total. p50 and p95 are over all questions and repeats.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

import numpy as np

from bench import common
from bench.questions import latency_questions

STAGES = ("encode", "bm25", "embedding", "fusion", "figures")
STAGED = (*STAGES, "other")


class Baseline:
    """Plain retrieval from the same parts: rank-bm25 get_scores + numpy cosine + RRF."""

    def __init__(self, engine, encoder):
        from rank_bm25 import BM25Okapi

        from index.bm25 import tokenize

        self.engine = engine
        self.encoder = encoder
        self.settings = engine.settings
        index = engine.index
        self.passages = index.passages
        self.bm25 = BM25Okapi([tokenize(p.text) for p in index.passages],
                              k1=self.settings.bm25_k1, b=self.settings.bm25_b)
        self.embeddings = np.array(index.embeddings)  # an ordinary in-memory matrix

    def answer(self, question: str) -> dict[str, float]:
        from bot.answer import clean_query
        from index.bm25 import tokenize
        from index.figures import question_measures

        times = {}
        clock = time.perf_counter
        question = clean_query(question)
        began = clock()
        vector = self.encoder.encode([question])[0]
        times["encode"] = clock() - began

        began = clock()
        bm25 = self.bm25.get_scores(tokenize(question))
        lexical = np.argsort(-bm25, kind="stable")[:self.settings.candidates]
        times["bm25"] = clock() - began

        began = clock()
        cosine = self.embeddings @ vector
        semantic = np.argsort(-cosine, kind="stable")[:self.settings.candidates]
        times["embedding"] = clock() - began

        began = clock()
        fused: dict[int, float] = {}
        for ranking in (lexical, semantic):
            for rank, row in enumerate(ranking.tolist(), start=1):
                fused[row] = fused.get(row, 0.0) + 1.0 / (self.settings.rrf_k + rank)
        best = sorted(fused.items(), key=lambda item: -item[1])[:self.settings.results]
        citations = [(self.passages[row], score) for row, score in best]
        times["fusion"] = clock() - began

        began = clock()
        engine = self.engine
        measures = question_measures(question, engine.figures_by_measure)
        figures = [engine._measure_figures(m, None) for m in measures if m in engine.figures_by_measure]
        times["figures"] = clock() - began
        times["total"] = sum(times[s] for s in STAGES)
        self.last = (citations, figures)
        return times


class Stages:
    """Timers around the steps of Engine.ask, installed on one engine's instance: Engine.ask
    itself runs, so the staged answer is the answer (nothing is re-implemented here).

    encode     Searcher.query_vector (inside the embedding ranking)
    bm25       Searcher.bm25_ranking
    embedding  Searcher.embedding_ranking, less its query encoding
    fusion     Searcher.fuse (reciprocal rank fusion, boosts, source diversity, hits)
    figures    Engine.measures_asked
    other      the rest of Engine.ask: cleaning the question, citations, the answer object
    """

    def __init__(self, engine):
        self.times: dict[str, float] = {}
        searcher = engine.searcher
        self._wrap(searcher, "query_vector", "encode")
        self._wrap(searcher, "bm25_ranking", "bm25")
        self._wrap(searcher, "embedding_ranking", "embedding")
        self._wrap(searcher, "fuse", "fusion")
        self._wrap(engine, "measures_asked", "figures")
        self.engine = engine

    def _wrap(self, owner, name: str, stage: str) -> None:
        inner = getattr(owner, name)
        times = self.times

        def timed(*args, **kwargs):
            began = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                times[stage] = times.get(stage, 0.0) + time.perf_counter() - began

        if hasattr(inner, "cache_clear"):
            timed.cache_clear = inner.cache_clear  # type: ignore[attr-defined]
        setattr(owner, name, timed)

    def ask(self, question: str):
        self.times.clear()
        began = time.perf_counter()
        answer = self.engine.ask(question)
        total = time.perf_counter() - began
        times = {stage: self.times.get(stage, 0.0) for stage in STAGES}
        times["embedding"] -= times["encode"]  # the encoding happens inside the embedding ranking
        times["other"] = total - sum(times.values())
        times["total"] = total
        return times, answer


def measure(engine, encoder, questions: list[str], repeat: int, progress: bool = True) -> dict:
    """Latency samples (seconds) of every mode, and the checks that ours is Engine.ask."""
    from bot.answer import Engine

    baseline = Baseline(engine, encoder)
    clear = engine.searcher.query_vector.cache_clear
    # A second engine on the same index and encoder carries the stage timers.
    staged_engine = Engine(engine.index, engine.searcher.encoder, engine.settings, engine.degraded)
    stages = Stages(staged_engine)
    # Warm up: the first calls pay for lazy initialisation (torch kernels, figure groups, caches).
    for question in questions[:20]:
        clear()
        engine.ask(question)
        baseline.answer(question)
    for question in questions:   # every measure's values grouped once, as a warm bot has them
        engine.measures_asked(question)
        staged_engine.measures_asked(question)

    samples: dict[str, dict[str, list[float]]] = {
        "ours": {"total": []}, "ours_cached": {"total": []},
        "ours_staged": {s: [] for s in (*STAGED, "total")}, "baseline": {s: [] for s in (*STAGES, "total")},
    }
    mismatches = 0
    load_before = common.load_average()
    cpu_before = time.process_time()
    gc.collect()
    for round_ in range(repeat):
        for n, question in enumerate(questions):
            order = (n + round_) % 3
            for step in range(3):
                kind = (order + step) % 3
                if kind == 0:
                    clear()
                    began = time.perf_counter()
                    expected = engine.ask(question)
                    samples["ours"]["total"].append(time.perf_counter() - began)
                    began = time.perf_counter()
                    again = engine.ask(question)
                    samples["ours_cached"]["total"].append(time.perf_counter() - began)
                    if again != expected:
                        mismatches += 1
                elif kind == 1:
                    staged_engine.searcher.query_vector.cache_clear()
                    times, staged = stages.ask(question)
                    for stage, value in times.items():
                        samples["ours_staged"][stage].append(value)
                else:
                    for stage, value in baseline.answer(question).items():
                        samples["baseline"][stage].append(value)
            if round_ == 0 and staged != expected:
                mismatches += 1
            if progress and n % 50 == 0:
                print(f"  round {round_ + 1}/{repeat}: {n}/{len(questions)} questions", file=sys.stderr)
    cpu = time.process_time() - cpu_before
    load_after = common.load_average()

    summary = {mode: {stage: {"p50": common.p50(v), "p95": common.p95(v), "mean": float(np.mean(v))}
                      for stage, v in stages.items()} for mode, stages in samples.items()}
    index = engine.index
    return {
        "questions": len(questions), "repeat": repeat, "samples": len(samples["ours"]["total"]),
        "articles": len(index.articles), "passages": len(index.passages), "figures": len(index.figures),
        "summary": summary, "mismatches": mismatches, "cpu_seconds": cpu,
        "speedup_p50": summary["baseline"]["total"]["p50"] / summary["ours"]["total"]["p50"],
        "speedup_p95": summary["baseline"]["total"]["p95"] / summary["ours"]["total"]["p95"],
        "load_before": load_before, "load_after": load_after,
        "torch_threads": _torch_threads(),
    }


def concurrency(engine, questions: list[str], levels: list[int], seconds: float = 20.0) -> list[dict]:
    """Answers per second with `level` questions in flight at once (threads, as the bot's
    asyncio.to_thread runs them), every question encoded (no query-vector cache)."""
    from concurrent.futures import ThreadPoolExecutor

    from bot.answer import Engine
    from index.search import Searcher

    uncached = Engine(engine.index, engine.searcher.encoder, engine.settings)
    uncached.searcher = Searcher(engine.index, engine.searcher.encoder, engine.settings, query_cache_size=0)
    for question in questions:
        uncached.measures_asked(question)
    results = []
    for level in levels:
        latencies: list[float] = []
        stop = time.perf_counter() + seconds
        cpu = time.process_time()
        began = time.perf_counter()

        def worker(offset: int) -> None:
            n = offset
            while time.perf_counter() < stop:
                question = questions[n % len(questions)]
                n += level
                mark = time.perf_counter()
                uncached.ask(question)
                latencies.append(time.perf_counter() - mark)

        with ThreadPoolExecutor(level) as pool:
            list(pool.map(worker, range(level)))
        elapsed = time.perf_counter() - began
        results.append({"level": level, "answers": len(latencies), "per_second": len(latencies) / elapsed,
                        "p50": common.p50(latencies), "p95": common.p95(latencies),
                        "cpu_per_answer": (time.process_time() - cpu) / max(len(latencies), 1)})
    return results


def _torch_threads() -> int:
    import torch

    return torch.get_num_threads()


def correction_timing(engine, rounds: int = 5) -> dict[str, float]:
    """Seconds to put a moderator's correction into force (Engine.with_corrections, hiding one
    value) against making the engine afresh from the loaded index (what a reload would cost)."""
    from bot.answer import Engine
    from bot.moderation import shown_values
    from corrections.model import Correction

    measure = max(engine.figures_by_measure, key=lambda m: len(engine.figures_by_measure[m]))
    value = shown_values([engine.measure_figures(measure)])[0]
    corrections = [Correction(1, "hide", value.figures(), None, "", "bench", 0.0)]
    def seconds(work) -> float:
        start = time.perf_counter()
        work()
        return time.perf_counter() - start

    applied = [seconds(lambda: engine.with_corrections(corrections)) for _ in range(rounds)]
    fresh = [seconds(lambda: Engine(engine.index, engine.searcher.encoder, engine.settings, corrections=corrections))
             for _ in range(rounds)]
    return {"apply": common.median(applied), "fresh_engine": common.median(fresh)}


def report(result: dict, title: str) -> str:
    s = result["summary"]
    rows = []
    for label, mode in (("ours (every question encoded)", "ours"), ("ours, staged", "ours_staged"),
                        ("baseline (rank-bm25 get_scores + numpy cosine + RRF)", "baseline"),
                        ("ours, repeated question (vector cached)", "ours_cached")):
        stages = s[mode]
        cells = [f"{common.ms(stages[st]['p50'])} / {common.ms(stages[st]['p95'])}" if st in stages else "-"
                 for st in STAGED]
        rows.append([label, *cells, f"**{common.ms(stages['total']['p50'])}** / "
                                    f"**{common.ms(stages['total']['p95'])}**"])
    text = [f"{title}: {result['articles']:,} articles, {result['passages']:,} passages, "
            f"{result['figures']:,} figures; {result['questions']} questions x {result['repeat']} rounds = "
            f"{result['samples']} answers per mode. Milliseconds, p50 / p95.\n",
            common.table(["mode", *STAGED, "total"], rows), "",
            f"Ours is **{result['speedup_p50']:.2f}x** the baseline's speed at p50 and "
            f"**{result['speedup_p95']:.2f}x** at p95 (uncached, every question encoded). "
            f"Answers equal across modes (cached = uncached = staged): "
            f"{'yes' if result['mismatches'] == 0 else 'NO, ' + str(result['mismatches']) + ' differ'}. "
            f"torch threads: {result['torch_threads']}; {common.busy_note(result['load_before'], result['load_after'])}."]
    if result.get("correction"):
        c = result["correction"]
        text += ["", f"A moderator's correction put into force (`Engine.with_corrections`, one value hidden): "
                     f"**{common.ms(c['apply'])} ms** (median of 5), against {common.ms(c['fresh_engine'])} ms "
                     f"for an engine made afresh from the loaded index; no rebuild, no re-encoding."]
    if result.get("concurrency"):
        text += ["", "Throughput, every question encoded, questions in flight at once (threads, as the bot "
                 "runs them):\n", common.table(
                     ["in flight", "answers/s", "p50 ms", "p95 ms", "CPU s per answer"],
                     [[c["level"], f"{c['per_second']:.1f}", common.ms(c["p50"]), common.ms(c["p95"]),
                       f"{c['cpu_per_answer']:.3f}"] for c in result["concurrency"]])]
    return "\n".join(text)


def open_engine(seeds: Path | None, index: Path | None, out: Path):
    """(engine, encoder, build seconds or None) for an existing index, or a fresh one of the seeds."""
    from bot.answer import Engine
    from config import settings as configured_settings
    from index.build import build_index
    from index.embeddings import SentenceEncoder
    from index.store import load_index

    settings = configured_settings()
    encoder = SentenceEncoder.for_settings(settings)
    if index is None:
        index = out / "index-seeds"
        settings = settings.replace(seeds_dir=seeds or common.PROJECT / "seeds", index_dir=index)
        build_index(settings, encoder_factory=lambda: encoder)
    else:
        settings = settings.replace(index_dir=index)
    return Engine(load_index(index), encoder, settings), encoder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=None, help="articles to index (default: seeds/)")
    parser.add_argument("--index", type=Path, default=None, help="an existing index to use instead")
    parser.add_argument("--out", type=Path, default=common.DEFAULT_OUT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite docs/BENCHMARKS.md")
    parser.add_argument("--concurrency", default="1,2,4",
                        help="questions in flight at once for the throughput runs ('' to skip)")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each throughput run")
    args = parser.parse_args(argv)
    engine, encoder = open_engine(args.seeds, args.index, args.out)
    result = measure(engine, encoder, latency_questions(), args.repeat)
    result["correction"] = correction_timing(engine)
    if args.concurrency:
        result["concurrency"] = concurrency(engine, latency_questions(),
                                            [int(x) for x in args.concurrency.split(",")], args.seconds)
    result["machine"] = common.machine()
    name = "latency" if args.index is None and args.seeds is None else f"latency-{(args.index or args.seeds).name}"
    common.save_results(args.out, name, result)
    text = report(result, "Seed corpus" if name == "latency" else str(args.index or args.seeds))
    s = result["summary"]["ours"]["total"]
    targets = common.table(["target (seed corpus)", "measured", ""], [
        ["answer p50 <= 12 ms", common.ms(s["p50"]), common.verdict(s["p50"], 0.012)],
        ["answer p95 <= 25 ms", common.ms(s["p95"]), common.verdict(s["p95"], 0.025)],
        [">= 2x the baseline (p50)", f"{result['speedup_p50']:.2f}x", common.verdict(result["speedup_p50"], 2, False)],
    ])
    print(text + "\n\n" + targets)
    if not args.no_doc and name == "latency":
        common.update_doc("machine", "## Machine\n\n" + common.machine_markdown(result["machine"]))
        common.update_doc("latency", "## Answer latency (seed corpus)\n\n`python -m bench.latency`\n\n"
                          + text + "\n\n" + targets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
