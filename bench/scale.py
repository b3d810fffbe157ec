"""Scale: the seed corpus, then synthetic corpora of 1,000 and 10,000 articles, side by side.

    python -m bench.scale [--out DIR] [--sizes 1000,10000] [--repeat N] [--encoder-sample N]
                          [--reuse] [--no-doc]

For each corpus (the 5 seeds, then bench/synth.py corpora of N articles, seeds included):
  build      a full build in a fresh process (model load apart): seconds, passages per second
  encoder    the raw encoder's passages per second on the index's passages (a spread sample
             of --encoder-sample at most): the ceiling the build is held against
  size       the index generation's bytes on disk
  load       load_index + engine set-up in a fresh process (median of 3)
  memory     resident memory of the running bot: `python -m bot console` on the index, after
             answering every latency question (VmRSS now, VmHWM peak)
  latency    bench/latency.py on the index (ours, cached, staged, baseline; p50/p95)
  ranking    our postings' BM25 ranking against rank-bm25's get_scores with the same IDF,
             and get_batch_scores over only the passages holding a query term
  add        one article added to the built index, then removed (bench/build.py)
  cold       `python -m bot ask` from start to answer (bench/coldstart.py)

Every step's result is saved under --out as soon as it is measured (scale-<corpus>.json); with
--reuse a step already saved (and the generated corpora and built indexes) are kept, so a long
run can be resumed. The 10,000-article build embeds about 175,000 passages: on 2 cores that
takes hours; run it in the background (nohup python -m bench.scale ... > /tmp/scale.log &).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench import build as build_bench
from bench import coldstart, common
from bench.questions import latency_questions


def bot_memory(corpus: Path, index: Path, questions: list[str]) -> dict:
    """Resident memory of `python -m bot console` after it answered every question."""
    process = subprocess.Popen([common.PYTHON, "-m", "bot", "console", "--seeds", str(corpus), "--index", str(index)],
                               cwd=common.PROJECT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        began = time.perf_counter()
        process.stdin.write("".join(q.replace("\n", " ") + "\n" for q in questions) + "/help\n")
        process.stdin.flush()
        seen = ""
        while "/quit  leave" not in seen:
            chunk = process.stdout.readline()
            if not chunk:
                raise RuntimeError("the console ended before answering every question")
            seen = seen[-200:] + chunk
        memory = common.rss_bytes(process.pid)
        memory["seconds"] = time.perf_counter() - began
        process.stdin.write("/quit\n")
        process.stdin.flush()
        process.wait(timeout=60)
        return memory
    finally:
        if process.poll() is None:
            process.kill()


def corpus_for(out: Path, size: str, reuse: bool) -> Path:
    from bench.synth import generate

    corpus = out / f"corpus-{size}"
    if reuse and corpus.exists():
        return corpus
    if size == "seeds":
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.copytree(common.PROJECT / "seeds", corpus)
        for path in corpus.iterdir():
            path.chmod(0o644)
    else:
        generate(corpus, int(size), common.PROJECT / "seeds")
    return corpus


def run_size(out: Path, size: str, args) -> dict:
    record_path = out / f"scale-{size}.json"
    record = json.loads(record_path.read_text()) if args.reuse and record_path.exists() else {}
    fresh_build = not (args.reuse and "build" in record)
    corpus = corpus_for(out, size, args.reuse and not fresh_build)
    index = out / f"index-corpus-{size}"

    def step(name: str, work):
        if name in record and args.reuse:
            print(f"[{size}] {name}: kept from {record_path}", file=sys.stderr)
            return record[name]
        print(f"[{size}] {name} ...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        record[name] = work()
        record[name + "_seconds"] = time.perf_counter() - began
        record_path.write_text(json.dumps(record, indent=1, default=str))
        print(f"[{size}] {name}: done in {record[name + '_seconds']:.0f} s", file=sys.stderr, flush=True)
        return record[name]

    questions = latency_questions()
    step("build", lambda: build_bench.full_build(corpus, index, reuse=False))
    step("load", lambda: common.run_probe("load", "--index", str(index), "--repeat", "3"))
    step("latency", lambda: _latency(out, index, args.repeat))
    step("memory", lambda: bot_memory(corpus, index, questions))
    step("ranking", lambda: common.run_probe("ranking", "--index", str(index)))
    step("encoder", lambda: build_bench.raw_encoder(index, args.encoder_sample))
    step("add", lambda: build_bench.incremental(corpus, index, args.rounds))
    step("cold", lambda: coldstart.measure(corpus, index, 3))
    record["size"] = size
    record_path.write_text(json.dumps(record, indent=1, default=str))
    return record


def _latency(out: Path, index: Path, repeat: int) -> dict:
    completed = subprocess.run([common.PYTHON, "-m", "bench.latency", "--index", str(index), "--out", str(out),
                                "--repeat", str(repeat), "--no-doc"], cwd=common.PROJECT, capture_output=True,
                               text=True)
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-3000:])
    result = json.loads((out / f"latency-{index.name}.json").read_text())
    result.pop("machine", None)
    return result


def _cell(record: dict, path: str, fmt) -> str:
    value = record
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return "-"
        value = value[key]
    return fmt(value)


def report(records: list[dict]) -> str:
    names = [("5 seeds" if r["size"] == "seeds" else f"{int(r['size']):,}") for r in records]
    s = lambda v: f"{v:,.2f} s"  # noqa: E731
    m = lambda v: f"{v * 1000:,.1f}"  # noqa: E731
    rows = [
        ("articles", "latency.articles", lambda v: f"{v:,}"),
        ("passages", "latency.passages", lambda v: f"{v:,}"),
        ("figures", "latency.figures", lambda v: f"{v:,}"),
        ("full build (model load apart)", "build.build.wall", lambda v: f"{v:,.0f} s"),
        ("build, CPU seconds", "build.build.cpu", lambda v: f"{v:,.0f} s"),
        ("build passages/s", "build_rate", lambda v: f"{v:.1f}"),
        ("raw encoder passages/s", "raw_rate", lambda v: f"{v:.1f}"),
        ("build / raw encoder (wall; CPU)", "ratios", lambda v: v),
        ("index size on disk", "build.size_bytes", lambda v: f"{v / 1e6:,.1f} MB"),
        ("index load (load_index)", "load_median", s),
        ("engine set-up after load", "engine_median", s),
        ("bot resident memory (now / peak)", "memory_text", lambda v: v),
        ("answer p50, ms (ours)", "latency.summary.ours.total.p50", m),
        ("answer p95, ms (ours)", "latency.summary.ours.total.p95", m),
        ("  encode p50 / p95", "latency.summary.ours_staged.encode", lambda v: f"{m(v['p50'])} / {m(v['p95'])}"),
        ("  BM25 p50 / p95", "latency.summary.ours_staged.bm25", lambda v: f"{m(v['p50'])} / {m(v['p95'])}"),
        ("  embedding search p50 / p95", "latency.summary.ours_staged.embedding",
         lambda v: f"{m(v['p50'])} / {m(v['p95'])}"),
        ("  fusion p50 / p95", "latency.summary.ours_staged.fusion", lambda v: f"{m(v['p50'])} / {m(v['p95'])}"),
        ("  figures p50 / p95", "latency.summary.ours_staged.figures", lambda v: f"{m(v['p50'])} / {m(v['p95'])}"),
        ("answer p50 / p95, ms (repeated question, cached vector)", "latency.summary.ours_cached.total",
         lambda v: f"{m(v['p50'])} / {m(v['p95'])}"),
        ("baseline p50 / p95, ms", "latency.summary.baseline.total", lambda v: f"{m(v['p50'])} / {m(v['p95'])}"),
        ("  baseline BM25 (get_scores) p50", "latency.summary.baseline.bm25.p50", m),
        ("answers/s with 1 / 2 / 4 questions in flight", "latency.concurrency",
         lambda v: " / ".join(f"{c['per_second']:.1f}" for c in v)),
        ("  p95 ms with 1 / 2 / 4 in flight", "latency.concurrency",
         lambda v: " / ".join(f"{c['p95'] * 1000:.0f}" for c in v)),
        ("ours vs baseline (p50; p95)", "latency", lambda v: f"{v['speedup_p50']:.2f}x; {v['speedup_p95']:.2f}x"),
        ("BM25 ranking = rank-bm25 get_scores (top 100)", "ranking",
         lambda v: f"{v['identical_full']}/{v['questions']} questions"),
        ("BM25 ranking = get_batch_scores on term holders", "ranking",
         lambda v: f"{v['identical_batch']}/{v['questions']} questions"),
        ("BM25 scoring p50: postings / get_scores / get_batch_scores", "ranking",
         lambda v: f"{m(v['ours_p50'])} / {m(v['get_scores_p50'])} / {m(v['get_batch_scores_p50'])} ms"),
        ("add one article (model load apart)", "add.add_wall", s),
        ("remove it again", "add.remove_wall", s),
        ("model load", "add.model_load", s),
        ("cold start `python -m bot ask`", "cold.cli_median", s),
    ]
    for r in records:
        build, encoder = r.get("build"), r.get("encoder")
        if build and encoder:
            rates = build_bench.throughput(build, encoder)
            r["build_rate"], r["raw_rate"] = rates["build_rate"], rates["raw_rate"]
            r["ratios"] = f"{rates['ratio']:.0%}; {rates['cpu_ratio']:.0%}"
        if r.get("load"):
            r["load_median"] = common.median([x["wall"] for x in r["load"]["load"]])
            r["engine_median"] = common.median([x["wall"] for x in r["load"]["engine"]])
        if r.get("memory"):
            r["memory_text"] = f"{common.mb(r['memory']['VmRSS'])} / {common.mb(r['memory']['VmHWM'])} MB"
    table = common.table(["", *names], [[label, *(_cell(r, path, fmt) for r in records)]
                                         for label, path, fmt in rows])
    notes = []
    for r, name in zip(records, names):
        loads = [r[k]["load_before"][0] for k in ("build", "add", "encoder") if isinstance(r.get(k), dict)
                 and "load_before" in r[k]] + ([r["latency"]["load_before"][0]] if r.get("latency") else [])
        if loads:
            notes.append(f"{name}: load average {min(loads):.1f} to {max(loads):.1f} at the start of its steps")
    return table + "\n\nMachine load while measuring (2 cores; above 2 means other work shared them): " + \
        "; ".join(notes) + "."


def growth(records: list[dict]) -> str:
    """How each measure grows from the 1,000- to the 10,000-article corpus."""
    by = {r["size"]: r for r in records}
    if "1000" not in by or "10000" not in by:
        return ""
    a, b = by["1000"], by["10000"]

    def ratio(path: str) -> str:
        x, y = _cell(a, path, float), _cell(b, path, float)
        return "-" if "-" in (x, y) else f"x{float(y) / float(x):.1f}"

    rows = [["passages", ratio("latency.passages")], ["full build time", ratio("build.build.wall")],
            ["index size", ratio("build.size_bytes")], ["index load", ratio("load_median")],
            ["bot resident memory", ratio("memory.VmRSS")], ["answer p50", ratio("latency.summary.ours.total.p50")],
            ["answer p95", ratio("latency.summary.ours.total.p95")],
            ["embedding search p50", ratio("latency.summary.ours_staged.embedding.p50")],
            ["BM25 p50", ratio("latency.summary.ours_staged.bm25.p50")],
            ["baseline p50", ratio("latency.summary.baseline.total.p50")],
            ["add one article", ratio("add.add_wall")]]
    return "Growth from 1,000 to 10,000 articles (10x the articles):\n\n" + common.table(["", "factor"], rows)


def targets(records: list[dict]) -> str:
    by = {r["size"]: r for r in records}
    rows = []
    if "seeds" in by and by["seeds"].get("latency"):
        lat = by["seeds"]["latency"]
        p50, p95 = lat["summary"]["ours"]["total"]["p50"], lat["summary"]["ours"]["total"]["p95"]
        rows += [["seeds: answer p50 <= 12 ms", f"{p50 * 1000:.1f} ms", common.verdict(p50, 0.012)],
                 ["seeds: answer p95 <= 25 ms", f"{p95 * 1000:.1f} ms", common.verdict(p95, 0.025)],
                 ["seeds: >= 2x baseline", f"{lat['speedup_p50']:.2f}x", common.verdict(lat["speedup_p50"], 2, False)]]
    big = by.get("10000")
    if big:
        if big.get("latency"):
            p95 = big["latency"]["summary"]["ours"]["total"]["p95"]
            rows.append(["10k: answer p95 <= 50 ms", f"{p95 * 1000:.1f} ms", common.verdict(p95, 0.050)])
        if big.get("memory"):
            rows.append(["10k: bot memory <= 1.5 GB", f"{big['memory']['VmHWM'] / 1e9:.2f} GB peak",
                         common.verdict(big["memory"]["VmHWM"], 1.5e9)])
        if big.get("load_median") is not None:
            rows.append(["10k: index load <= 2 s", f"{big['load_median']:.2f} s", common.verdict(big["load_median"], 2)])
        if big.get("add"):
            rows.append(["10k: add one article <= 5 s + model load", f"{big['add']['add_wall']:.2f} s "
                         f"+ {big['add']['model_load']:.1f} s", common.verdict(big["add"]["add_wall"], 5)])
        if big.get("build") and big.get("encoder"):
            rates = build_bench.throughput(big["build"], big["encoder"])
            rows.append(["10k: build >= 90% of raw encoder", f"{rates['ratio']:.0%} (CPU {rates['cpu_ratio']:.0%})",
                         common.verdict(rates["ratio"], 0.9, False)])
    return common.table(["target", "measured", ""], rows) if rows else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=common.DEFAULT_OUT)
    parser.add_argument("--sizes", default="seeds,1000,10000", help="comma-separated: seeds and article counts")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the latency questions")
    parser.add_argument("--rounds", type=int, default=3, help="add/remove rounds")
    parser.add_argument("--encoder-sample", type=int, default=20000)
    parser.add_argument("--reuse", action="store_true", help="keep corpora, indexes and steps already measured")
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    records = []
    for size in args.sizes.split(","):
        records.append(run_size(args.out, size.strip(), args))
        text = report(records)
        print(text, flush=True)
    body = ["## Scale: seed corpus, 1,000 and 10,000 articles\n",
            f"`python -m bench.scale --out {args.out} --sizes {args.sizes}` (synthetic corpora from "
            "`bench/synth.py`: the seeds' own sentences with varied figures, names and dates, realistic "
            "article sizes; the 5 real seeds are part of every corpus).\n", report(records), "",
            growth(records), "", "### Targets\n", targets(records)]
    print("\n".join(body[-4:]))
    if not args.no_doc:
        common.update_doc("machine", "## Machine\n\n" + common.machine_markdown())
        common.update_doc("scale", "\n".join(body))
    return 0


if __name__ == "__main__":
    sys.exit(main())
