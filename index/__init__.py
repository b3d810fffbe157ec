"""The index: articles -> passages -> figures -> embeddings + BM25 -> disk, and search over it.

Thread pools. An answer runs torch (the query encoder, OpenMP threads) and numpy (the cosine
scan, OpenBLAS threads) back to back, two threads each on a 2-core machine. By default both
keep their threads spinning after their work (OpenBLAS for up to 2**28 cycles, about 0.1 s), so
each finds the cores it needs taken by the other's idle threads: at 10,000 articles the answer's
p95 was 126 ms with the defaults and 31 ms with idle threads that sleep at once (bench/,
docs/BENCHMARKS.md); batch encoding is as fast either way. These settings change when idle
threads sleep, never what is computed. Both libraries read them when they load, so they are
set here, before any module of the index imports numpy or torch; a value already in the
environment wins.
"""
import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")
