"""The first embed of every dev question's answer: how long it is, how many values and sources it names.

    python -m bench.glance [--corpus seeds,beirut] [--verbose]

Per question: the first embed's length (Discord counts title, description, fields and footer),
values listed and counted ("and 3 more values") against the values the JSON answer has, and the
sources named. Fails (exit 1) when an embed is over GLANCE_MAX characters or a value of the JSON
answer is neither listed nor counted.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.evalset import corpora, load_questions
from bot import discord_render
from bot.answer import Engine
from bot.render import answer_json
from config import settings as configured_settings
from index.build import build_index
from index.embeddings import SentenceEncoder
from index.store import load_index


def engine_for(corpus, encoder, tmp: Path) -> Engine:
    seeds = corpus.copy_articles(tmp / "seeds")
    settings = configured_settings().replace(seeds_dir=seeds, index_dir=tmp / "index")
    build_index(settings, encoder_factory=lambda: encoder)
    return Engine(load_index(Path(settings.index_dir)), encoder, settings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="seeds,beirut")
    parser.add_argument("--verbose", action="store_true", help="print each first embed too")
    args = parser.parse_args(argv)
    encoder = SentenceEncoder.for_settings(configured_settings())
    failures, lengths = 0, []
    for corpus in corpora(args.corpus):
        with tempfile.TemporaryDirectory() as tmp:
            engine = engine_for(corpus, encoder, Path(tmp))
        print(f"\n== {corpus.name}: {len(engine.sources_by_id)} articles")
        print(f"{'question':10} {'chars':>5} {'values':>6} {'listed':>6} {'counted':>7} {'sources':>7}  question")
        for q in load_questions(corpus.questions):
            answer = engine.ask(q.question)
            shown = discord_render.glance(answer)
            in_json = sum(len(m["values"]) for m in answer_json(answer)["figures"])
            length = len(shown.embed)
            lengths.append(length)
            bad = length > discord_render.GLANCE_MAX or shown.listed + shown.counted != in_json
            failures += bad
            print(f"{q.id:10} {length:5} {in_json:6} {shown.listed:6} {shown.counted:7} {shown.sources:7}  "
                  f"{q.question[:60]}{'  <-- FAIL' if bad else ''}")
            if args.verbose:
                print("   ", (shown.embed.description or "").replace("\n", "\n    "))
    print(f"\n{len(lengths)} questions: first embed max {max(lengths)} chars, mean {sum(lengths) / len(lengths):.0f}; "
          f"limit {discord_render.GLANCE_MAX}; {failures} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
