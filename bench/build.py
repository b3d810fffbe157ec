"""Build throughput against the raw encoder, and the time to add one article to a built index.

    python -m bench.build [--corpus DIR] [--out DIR] [--sample N] [--rounds N] [--reuse] [--no-doc]

Full build: a fresh `build_index` of the corpus (default: a generated 1,000-article corpus
under --out) in a fresh process, the model's load timed apart; passages per second of the
whole build (read, chunk, figures, encode, BM25, write) against the raw encoder's passages per
second on the same passages (one encode call over all their texts, nothing else; --sample N
encodes an evenly spread N of them). The encoder is the ceiling: the target is a build at 90%
of it or better.

Incremental: one new synthetic article written into the corpus, then a build; then the
article removed and a build again, --rounds times; medians. The model is loaded before each
build and timed apart ("adding one article <= 5 s plus model load").
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from bench import common


def full_build(corpus: Path, index: Path, reuse: bool = False) -> dict:
    """Fresh build of corpus into index (removed first unless reuse and a record exists)."""
    record = index.with_name(index.name + ".build.json")
    if reuse and record.exists() and (index / "CURRENT").exists():
        import json

        return json.loads(record.read_text())
    shutil.rmtree(index, ignore_errors=True)
    before = common.load_average()
    result = common.run_probe("build", "--seeds", str(corpus), "--index", str(index))
    result["load_before"], result["load_after"] = before, common.load_average()
    result["size_bytes"] = common.folder_size(common.generation(index))
    import json

    record.write_text(json.dumps(result))
    return result


def raw_encoder(index: Path, sample: int = 0) -> dict:
    before = common.load_average()
    result = common.run_probe("encode", "--index", str(index), *(["--sample", str(sample)] if sample else []))
    result["load_before"], result["load_after"] = before, common.load_average()
    return result


def throughput(build: dict, encoder: dict) -> dict:
    build_rate = build["passages"] / build["build"]["wall"]
    raw_rate = encoder["passages"] / encoder["encode"]["wall"]
    build_cpu_rate = build["passages"] / build["build"]["cpu"]
    raw_cpu_rate = encoder["passages"] / encoder["encode"]["cpu"]
    return {"build_rate": build_rate, "raw_rate": raw_rate, "ratio": build_rate / raw_rate,
            "build_cpu_rate": build_cpu_rate, "raw_cpu_rate": raw_cpu_rate, "cpu_ratio": build_cpu_rate / raw_cpu_rate}


def incremental(corpus: Path, index: Path, rounds: int = 3) -> dict:
    """Add one new article and build; remove it and build; `rounds` times."""
    from bench.synth import Generator, load_seeds

    generator = Generator(load_seeds(common.PROJECT / "seeds"), seed=7)
    adds, removes = [], []
    before = common.load_average()
    for round_ in range(rounds):
        text = generator.article(1_000_000 + round_)
        path = corpus / f"zz-added-{round_}.txt"
        path.write_text(text, encoding="utf-8")
        try:
            added = common.run_probe("build", "--seeds", str(corpus), "--index", str(index))
        finally:
            path.unlink()
        removed = common.run_probe("build", "--seeds", str(corpus), "--index", str(index))
        if added["added"] != 1 or added["encoded"] == 0 or removed["removed"] != 1 or removed["encoded"] != 0:
            raise RuntimeError(f"unexpected incremental builds: {added}, {removed}")
        adds.append(added)
        removes.append(removed)
    return {"rounds": rounds, "add": adds, "remove": removes,
            "add_wall": common.median([a["build"]["wall"] for a in adds]),
            "add_cpu": common.median([a["build"]["cpu"] for a in adds]),
            "remove_wall": common.median([r["build"]["wall"] for r in removes]),
            "model_load": common.median([a["model_load"]["wall"] for a in adds]),
            "encoded": adds[0]["encoded"], "passages": adds[0]["passages"],
            "load_before": before, "load_after": common.load_average()}


def report(name: str, build: dict, encoder: dict, rates: dict, inc: dict | None) -> str:
    rows = [
        ["full build", f"{build['passages']:,}", f"{build['build']['wall']:,.0f} s (CPU {build['build']['cpu']:,.0f} s)",
         f"{rates['build_rate']:.1f}", f"{rates['build_cpu_rate']:.1f}"],
        [f"raw encoder{' (sample)' if encoder['passages'] < build['passages'] else ''}", f"{encoder['passages']:,}",
         f"{encoder['encode']['wall']:,.0f} s (CPU {encoder['encode']['cpu']:,.0f} s)",
         f"{rates['raw_rate']:.1f}", f"{rates['raw_cpu_rate']:.1f}"],
    ]
    text = [f"{name}: model load {build['model_load']['wall']:.1f} s (not counted).\n",
            common.table(["", "passages", "time", "passages/s (wall)", "passages/CPU-s"], rows), "",
            f"Build at **{rates['ratio']:.0%}** of the raw encoder's passages per second by wall time, "
            f"{rates['cpu_ratio']:.0%} by CPU time (target >= 90%: {common.verdict(rates['ratio'], 0.9, False)}). "
            f"Build: {common.busy_note(build['load_before'], build['load_after'])}; encoder: "
            f"{common.busy_note(encoder['load_before'], encoder['load_after'])}."]
    if inc:
        text += ["", common.table(["incremental (median of %d)" % inc["rounds"], "wall", "CPU", "embedded"], [
            ["add one article", f"{inc['add_wall']:.2f} s", f"{inc['add_cpu']:.2f} s", f"{inc['encoded']} passages"],
            ["remove it again", f"{inc['remove_wall']:.2f} s", "", "0"],
            ["model load (apart)", f"{inc['model_load']:.1f} s", "", ""],
        ]), "", f"Adding one article: {inc['add_wall']:.2f} s plus {inc['model_load']:.1f} s of model load "
                f"(target <= 5 s plus model load: {common.verdict(inc['add_wall'], 5.0)}); "
                f"{common.busy_note(inc['load_before'], inc['load_after'])}."]
    return "\n".join(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None, help="articles (default: generate 1,000 under --out)")
    parser.add_argument("--out", type=Path, default=common.DEFAULT_OUT)
    parser.add_argument("--sample", type=int, default=0, help="passages for the raw encoder (default: all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep an existing full build of this corpus")
    parser.add_argument("--no-doc", action="store_true")
    args = parser.parse_args(argv)
    corpus = args.corpus
    if corpus is None:
        from bench.synth import generate

        corpus = args.out / "corpus-1000"
        if not (args.reuse and corpus.exists()):
            generate(corpus, 1000, common.PROJECT / "seeds")
    index = args.out / f"index-{corpus.name}"
    began = time.perf_counter()
    build = full_build(corpus, index, args.reuse)
    encoder = raw_encoder(index, args.sample)
    rates = throughput(build, encoder)
    inc = incremental(corpus, index, args.rounds) if args.rounds else None
    result = {"corpus": str(corpus), "build": build, "encoder": encoder, "rates": rates, "incremental": inc,
              "seconds": time.perf_counter() - began, "machine": common.machine()}
    common.save_results(args.out, f"build-{corpus.name}", result)
    text = report(corpus.name, build, encoder, rates, inc)
    print(text)
    if not args.no_doc:
        common.update_doc(f"build-{corpus.name}", f"## Build throughput and incremental add ({corpus.name})\n\n"
                          f"`python -m bench.build --corpus {corpus}`\n\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
