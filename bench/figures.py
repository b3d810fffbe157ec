"""Figures on the development question set, and what figures add to an answer's time.

    python -m bench.figures [--questions FILE] [--repeat N]

For every question with "values": figure recall (each expected value shown), forbidden hits
(a value from another event shown as one of this measure's) and citation precision (every shown
quote is the article's exact text between its offsets and contains the figure's words). Then
the time of a full answer against the search alone, medians over repeated runs.
"""
from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from bench.evalset import load_questions
from bot.answer import Answer, Engine, FigureValue
from config import settings as configured_settings
from index.build import build_index
from index.embeddings import SentenceEncoder
from index.store import load_index


def spellings(value: FigureValue) -> set[str]:
    """Every way a shown value reads: its label, its number, and each source's own words."""
    number = value.value
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return {value.label.lower(), str(number).lower(), *(q.words.lower() for q in value.quotes)}


def shows(values: list[FigureValue], spelling: str) -> bool:
    wanted = spelling.lower()
    return any(wanted == s or re.search(rf"(?<![\w.]){re.escape(wanted)}(?![\w.])", s)
               for v in values for s in spellings(v))


def check(answer: Answer, expect, forbid, texts: dict[str, str]) -> tuple[int, int, int, int, int]:
    values = [v for m in answer.figures for v in m.values]
    found = sum(1 for options in expect if any(shows(values, s) for s in options))
    forbidden = sum(1 for f in forbid if any(f.lower() in spellings(v) for v in values))
    quotes = [q for v in values for q in v.quotes]
    exact = sum(1 for q in quotes if texts[q.source.id][q.start:q.end] == q.quote and q.words in q.quote)
    return found, len(expect), forbidden, exact, len(quotes)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    questions = [q for q in load_questions(args.questions) if q.expect]
    with tempfile.TemporaryDirectory() as tmp:
        settings = configured_settings().replace(index_dir=Path(tmp) / "index")
        build_index(settings)
        index = load_index(Path(settings.index_dir))
        engine = Engine(index, SentenceEncoder.for_settings(settings), settings)
        texts = {a.id: a.text for a in index.articles}
        totals = [0, 0, 0, 0, 0]
        for q in questions:
            answer = engine.ask(q.question)
            result = check(answer, q.expect, q.forbid, texts)
            totals = [a + b for a, b in zip(totals, result)]
            shown = "; ".join(m.summary for m in answer.figures) or "no figures"
            print(f"{q.id}: {result[0]}/{result[1]} expected values, {result[2]} forbidden - {shown}")
        found, expected, forbidden, exact, quotes = totals
        print(f"figure recall {found}/{expected} = {found / expected:.0%}; forbidden hits {forbidden}; "
              f"citation precision {exact}/{quotes} = {exact / max(quotes, 1):.0%}")

        every = [q.question for q in load_questions(args.questions)]
        search_ms, answer_ms = [], []
        for _ in range(args.repeat):
            for question in every:
                began = time.perf_counter()
                engine.searcher.search(question)
                search_ms.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                engine.ask(question)
                answer_ms.append((time.perf_counter() - began) * 1000)
        s, a = statistics.median(search_ms), statistics.median(answer_ms)
        print(f"latency over {len(search_ms)} runs: search alone median {s:.2f} ms, full answer median {a:.2f} ms, "
              f"figures and answer assembly add {a - s:.2f} ms")


if __name__ == "__main__":
    main()
