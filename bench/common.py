"""Shared by the performance benchmarks: the machine, percentiles, memory, subprocesses and the
sections of docs/BENCHMARKS.md each benchmark rewrites.

Each benchmark owns one section of docs/BENCHMARKS.md, between the lines
    <!-- bench:NAME -->  and  <!-- /bench:NAME -->
and replaces only that, so every command can be re-run on its own.
"""
from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BENCHMARKS_DOC = PROJECT / "docs" / "BENCHMARKS.md"
DEFAULT_OUT = Path("/tmp/crosscheck-bench")
PYTHON = sys.executable


# --------------------------------------------------------------------------- numbers

def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear between closest ranks (numpy's default)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def p50(values: list[float]) -> float:
    return percentile(values, 50)


def p95(values: list[float]) -> float:
    return percentile(values, 95)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def mb(size: float) -> str:
    return f"{size / 1e6:,.0f}"


class Stopwatch:
    """Wall and CPU seconds of a block: `with Stopwatch() as s: ...; s.wall, s.cpu`."""

    def __enter__(self) -> "Stopwatch":
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


# --------------------------------------------------------------------------- machine and load

def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    versions = {}
    for package in ("torch", "sentence-transformers", "transformers", "tokenizers", "onnxruntime", "numpy",
                    "rank-bm25", "snowballstemmer", "orjson"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory_bytes": memory,
            "python": platform.python_version(), "system": f"{platform.system()} {platform.release()}",
            "versions": versions}


def machine_markdown(info: dict | None = None) -> str:
    info = info or machine()
    v = info["versions"]
    return (f"- CPU: {info['cpus']} cores ({info['cpu']}), RAM {info['memory_bytes'] / 2**30:.0f} GiB, "
            f"{info['system']}\n"
            f"- Python {info['python']}, torch {v['torch']}, sentence-transformers {v['sentence-transformers']}, "
            f"transformers {v['transformers']}, tokenizers {v['tokenizers']}, onnxruntime {v['onnxruntime']}, "
            f"numpy {v['numpy']}, rank-bm25 {v['rank-bm25']}, snowballstemmer {v['snowballstemmer']}, "
            f"orjson {v['orjson']}\n"
            f"- Model: all-MiniLM-L6-v2 (384 dimensions) on the CPU")


def load_average() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"),) * 3


def busy_note(before: tuple[float, ...], after: tuple[float, ...], cpus: int | None = None) -> str:
    """How busy the machine was: other processes' load skews wall-clock times."""
    cpus = cpus or os.cpu_count() or 1
    worst = max(before[0], after[0])
    note = f"load average {before[0]:.1f} before, {after[0]:.1f} after ({cpus} cores)"
    if worst > cpus + 0.5:
        note += ": **the machine was shared with other work; wall-clock times are inflated**"
    return note


# --------------------------------------------------------------------------- memory

def rss_bytes(pid: int | str = "self") -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (peak resident) of a process, in bytes."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            found[key] = int(value.split()[0]) * 1024
    return found


# --------------------------------------------------------------------------- subprocesses

def run_probe(*args: str, env: dict | None = None, timeout: float | None = None) -> dict:
    """Run `python -m bench.probe ARGS` in a fresh interpreter; return the JSON it prints last."""
    completed = subprocess.run([PYTHON, "-m", "bench.probe", *args], cwd=PROJECT, capture_output=True,
                               text=True, env={**os.environ, **(env or {})}, timeout=timeout)
    if completed.returncode != 0:
        raise RuntimeError(f"bench.probe {' '.join(args)} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def generation(index_dir: Path) -> Path:
    return index_dir / (index_dir / "CURRENT").read_text().strip()


# --------------------------------------------------------------------------- results and docs

def save_results(out: Path, name: str, results: dict) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.json"
    path.write_text(json.dumps(results, indent=1, default=str))
    return path


def load_results(out: Path, name: str) -> dict | None:
    path = out / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


DOC_HEADER = """# Benchmarks

Speed and scale of crosscheck, measured by the scripts in `bench/` (one command each; every
command prints its numbers and rewrites its own section below). Generated corpora and indexes
live outside the repository (`--out`, default `/tmp/crosscheck-bench`). Targets are those of
the scale issue; each table says where we stand, met or not. `docs/SCALING.md` reads these
numbers to say where one process stops being enough.

Wall-clock numbers depend on what else the machine runs: every section records the load
average around its run, and CPU seconds where a shared machine would blur the wall time.
"""


def update_doc(section: str, body: str, doc: Path = BENCHMARKS_DOC) -> None:
    """Replace (or append) one benchmark's section of docs/BENCHMARKS.md."""
    doc.parent.mkdir(parents=True, exist_ok=True)
    text = doc.read_text(encoding="utf-8") if doc.exists() else DOC_HEADER
    begin, end = f"<!-- bench:{section} -->", f"<!-- /bench:{section} -->"
    block = f"{begin}\n{body.strip()}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(value: float, target: float, lower_is_better: bool = True) -> str:
    met = value <= target if lower_is_better else value >= target
    return "met" if met else "**missed**"
