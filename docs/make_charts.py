"""Regenerate docs/timeline-killed.png and docs/figures.png: the charts /timeline and /figures attach.

    python docs/make_charts.py [--corpus beirut] [--measure killed]

Everything comes from the real code: the corpus's articles (bench/evalset.CORPORA; the Beirut
development corpus by default, whose articles carry dates, unlike the five seed articles) are
indexed into a temporary folder (bot.service.open_engine), and the bot's own chart path draws
them (bot.service.Charts, the worker-thread calls /timeline and /figures make). About 20 s.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

import config  # noqa: E402
from bench.evalset import CORPORA  # noqa: E402
from bot.service import Charts, Service, open_engine  # noqa: E402

log = logging.getLogger("make_charts")


async def draw(corpus: str, measure: str, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="crosscheck-charts-") as folder:
        settings = config.load_settings(environ={}).replace(
            seeds_dir=CORPORA[corpus].copy_articles(Path(folder) / "seeds"), index_dir=Path(folder) / "index")
        service = Service(settings)
        service.engine = await asyncio.to_thread(open_engine, settings)
        charts = Charts(service)
        timeline, png = await charts.timeline_chart(measure)
        if png is None:
            raise SystemExit(f"no statement of {measure!r} has a known time in {corpus}")
        (out / f"timeline-{measure}.png").write_bytes(png)
        log.info("timeline of %s: %d statements placed, %d of unknown time: %s", measure, len(timeline.steps),
                 len(timeline.unknown), timeline.chain_text())
        (out / "figures.png").write_bytes(await charts.disagreements_chart())
        log.info("wrote %s and %s", out / f"timeline-{measure}.png", out / "figures.png")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="beirut", choices=sorted(CORPORA))
    parser.add_argument("--measure", default="killed")
    parser.add_argument("--out", type=Path, default=PROJECT / "docs")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    asyncio.run(draw(args.corpus, args.measure, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
