"""Cold start: from `python -m bot ask "..."` to the printed answer, and where the time goes.

    python -m bench.coldstart [--seeds DIR] [--index DIR] [--out DIR] [--repeat N] [--no-doc]

Runs the real command line --repeat times (an index already built and current, so nothing is
rebuilt; the page cache warm after the first run) and reports the median wall time. Then the
same steps in a probe process with a timer around each: interpreter start, importing crosscheck,
checking the index is current, loading the question encoder (without torch when an earlier
start kept its ONNX export: index/onnx_query.py), loading the index, setting up the engine, the
first answer and a second one. Finally `python -X importtime` names the heaviest imports.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bench import common

QUESTION = "How many people were killed in the Kerman bombings?"


def cli_runs(seeds: Path, index: Path, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        completed = subprocess.run([common.PYTHON, "-m", "bot", "ask", QUESTION, "--seeds", str(seeds),
                                    "--index", str(index)], cwd=common.PROJECT, capture_output=True, text=True)
        times.append(time.perf_counter() - began)
        if completed.returncode != 0 or "Traceback" in completed.stderr:
            raise RuntimeError(f"python -m bot ask failed:\n{completed.stderr[-2000:]}")
        if "embedding" in completed.stderr and "passage" in completed.stderr:
            raise RuntimeError("the index was rebuilt during a cold-start run: build it first")
    return times


def heaviest_imports(count: int = 8) -> list[tuple[str, float]]:
    completed = subprocess.run([common.PYTHON, "-X", "importtime", "-c",
                                "import bot.__main__, bot.service, onnxruntime, tokenizers"],
                               cwd=common.PROJECT, capture_output=True, text=True)
    found = []
    for line in completed.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(3)) <= 1:  # top-level imports only
            found.append((match.group(4), int(match.group(2)) / 1e6))
    return sorted(found, key=lambda item: -item[1])[:count]


def measure(seeds: Path, index: Path, repeat: int) -> dict:
    if not (index / "CURRENT").exists():
        raise SystemExit(f"no index in {index}: build it first (python -m index build --seeds {seeds} --index {index})")
    before = common.load_average()
    runs = cli_runs(seeds, index, repeat)
    probes = [common.run_probe("coldstart", "--seeds", str(seeds), "--index", str(index), "--question", QUESTION)
              for _ in range(repeat)]
    steps = {name: common.median([p["steps"][name]["wall"] for p in probes]) for name in probes[0]["steps"]}
    return {"cli": runs, "cli_median": common.median(runs), "steps": steps,
            "probe_total": common.median([p["total"] for p in probes]),
            "torch": any(p["torch"] for p in probes),
            "memory": probes[-1]["memory"], "imports": heaviest_imports(),
            "load_before": before, "load_after": common.load_average()}


def report(name: str, result: dict) -> str:
    rows = [[step, f"{seconds:.2f}"] for step, seconds in result["steps"].items()]
    imports = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in result["imports"])
    return "\n".join([
        f"{name}: `python -m bot ask \"{QUESTION}\"` takes **{result['cli_median']:.1f} s** from start to answer "
        f"(median of {len(result['cli'])}: " + ", ".join(f"{t:.1f}" for t in result["cli"]) + " s). Where it goes "
        f"(probe, medians; the probe's own total {result['probe_total']:.1f} s):\n",
        common.table(["step", "seconds"], rows), "",
        f"torch imported: {'yes' if result['torch'] else 'no'}. "
        f"Heaviest imports (`python -X importtime`, cumulative): {imports}. "
        f"Resident memory after the answer: {common.mb(result['memory']['VmRSS'])} MB. "
        f"{common.busy_note(result['load_before'], result['load_after'])}.",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=common.PROJECT / "seeds")
    parser.add_argument("--index", type=Path, default=None, help="default: a fresh index of --seeds under --out")
    parser.add_argument("--out", type=Path, default=common.DEFAULT_OUT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args(argv)
    index = args.index
    if index is None:
        index = args.out / "index-seeds-coldstart"
        completed = subprocess.run([common.PYTHON, "-m", "index", "build", "--seeds", str(args.seeds),
                                    "--index", str(index)], cwd=common.PROJECT, capture_output=True, text=True)
        if completed.returncode != 0:
            raise SystemExit(completed.stderr)
    result = measure(args.seeds, index, args.repeat)
    result["machine"] = common.machine()
    name = "seed corpus" if args.seeds.resolve() == (common.PROJECT / "seeds").resolve() else args.seeds.name
    common.save_results(args.out, f"coldstart-{args.seeds.name}", result)
    text = report(name, result)
    print(text)
    if not args.no_doc:
        common.update_doc(f"coldstart-{args.seeds.name}", f"## Cold start ({name})\n\n"
                          f"`python -m bench.coldstart --seeds {args.seeds}`\n\n" + text)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
