"""End to end: `python -m bot ask --batch FILE --json` over the reworded questions, against the
plain baseline answering the same questions in the same run.

    python -m bench.batch [--out DIR] [--repeat N]

The bot's time per answer is what a batch adds per question: (time of the whole batch - time
of a batch of one) / (questions - 1), so start-up (imports, the model, the index) is left out;
each answer is searched, its figures gathered, rendered to JSON and printed. The baseline
(bench/latency.Baseline: rank-bm25 get_scores + numpy cosine + RRF + the questions' measures)
answers the same questions in this process and its answers are rendered to JSON too. Medians
of --repeat runs, interleaved.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import common
from bench.latency import Baseline, open_engine
from bench.questions import latency_questions


def run_batch(questions_file: Path, index: Path, seeds: Path) -> float:
    began = time.perf_counter()
    done = subprocess.run([common.PYTHON, "-m", "bot", "ask", "--batch", str(questions_file), "--json",
                           "--index", str(index), "--seeds", str(seeds)],
                          cwd=common.PROJECT, capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"python -m bot ask --batch failed: {done.stderr[-2000:]}")
    return elapsed


def baseline_seconds(baseline: Baseline, questions: list[str]) -> float:
    """Mean seconds per answer of the baseline, its answer rendered to JSON like ours."""
    from bot import render

    began = time.perf_counter()
    for question in questions:
        baseline.answer(question)
        citations, figures = baseline.last
        json.dumps({"question": question,
                    "passages": [{"source": p.article_id, "start": p.start, "end": p.end, "text": p.text,
                                  "score": score} for p, score in citations],
                    "figures": [render.measure_json(m) for m in figures]}, ensure_ascii=False)
    return (time.perf_counter() - began) / len(questions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=common.DEFAULT_OUT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    seeds = common.PROJECT / "seeds"
    engine, encoder = open_engine(seeds, None, args.out)
    index = args.out / "index-seeds"
    questions = latency_questions()
    every = args.out / "batch-questions.txt"
    every.write_text("\n".join(questions) + "\n", encoding="utf-8")
    one = args.out / "batch-one.txt"
    one.write_text(questions[0] + "\n", encoding="utf-8")
    baseline = Baseline(engine, encoder)
    baseline_seconds(baseline, questions[:20])                 # warm up
    ours, theirs = [], []
    for _ in range(args.repeat):
        whole = run_batch(every, index, seeds)
        single = run_batch(one, index, seeds)
        ours.append((whole - single) / (len(questions) - 1))
        theirs.append(baseline_seconds(baseline, questions))
    ours_ms, theirs_ms = statistics.median(ours) * 1000, statistics.median(theirs) * 1000
    print(f"{len(questions)} questions, {args.repeat} runs; load average {common.load_average()[0]:.2f}")
    print(f"python -m bot ask --batch --json: {ours_ms:.2f} ms per answer (runs: "
          + ", ".join(f"{x * 1000:.2f}" for x in ours) + ")")
    print(f"plain baseline, answer + JSON:    {theirs_ms:.2f} ms per answer (runs: "
          + ", ".join(f"{x * 1000:.2f}" for x in theirs) + ")")
    print(f"ours is {theirs_ms / ours_ms:.2f}x faster than the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
