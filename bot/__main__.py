"""crosscheck from the command line.

    python -m bot                      Discord when DISCORD_TOKEN is set, else the console
    python -m bot console              the bot's commands in a terminal, no token needed
    python -m bot ask "QUESTION"       [--json] [--batch FILE]
    python -m bot compare "TOPIC"      [--sources ID,ID] [--json]
    python -m bot figures | sources    [--json]     (figures: --png FILE draws the disagreements)
    python -m bot timeline "MEASURE"   [--json] [--png FILE]
    python -m bot corrections list | export FILE | import FILE     moderators' corrections
    python -m bot feedback             [--json]     readers' thumbs and reports, per question
Every command takes --seeds DIR and --index DIR; the index is built first when it is missing
or older than the articles.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path

from bot import render
from bot.answer import Engine
from bot.service import Charts, RebuildBusy, RebuildReport, Service, UploadRejected, measure_names, open_engine
from bot.timeline import build_timeline
from index.__main__ import BarProgress, add_location_options, settings_from
from index.build import BuildError
from index.store import IndexProblem, load_index
from config import Settings
from corrections.apply import Stale, resolve
from corrections.model import Correction
from corrections.transfer import from_json, to_json
from state import State, StateError

log = logging.getLogger("crosscheck")

CONSOLE_HELP = """Commands (the same as the bot's slash commands):
  /ask QUESTION        the answer at a glance: each value with its sources, a few passages (plain text works too)
  /quotes [QUESTION]   every sentence behind each value (of the last question when none is given)
  /timeline MEASURE    how a measure's values changed over time, across sources
  /compare TOPIC       what each source says on a topic; /compare TOPIC | id1, id2 for some sources
  /figures             every figure on which the sources disagree
  /sources             the indexed articles
  /corrections         the moderators' corrections in force (made on Discord or imported)
  /reindex             rebuild the index from the articles folder
  /help                this list;  /quit  leave"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command")
    ask = commands.add_parser("ask", help="answer a question with cited passages and every figure")
    ask.add_argument("question", nargs="?", help="the question (or use --batch)")
    ask.add_argument("--batch", type=Path, help="answer one question per line; print one JSON object per line")
    compare = commands.add_parser("compare", help="what each source says on a topic")
    compare.add_argument("topic")
    compare.add_argument("--sources", help="comma-separated article ids to compare (default: all)")
    figures = commands.add_parser("figures", help="every figure on which the sources disagree")
    figures.add_argument("--png", type=Path, help="also draw them: each disputed measure's values and sources")
    timeline = commands.add_parser("timeline", help="how a measure's values changed over time")
    timeline.add_argument("measure", help="what was counted, e.g. killed")
    timeline.add_argument("--png", type=Path, help="also draw the timeline into this PNG file")
    commands.add_parser("sources", help="the indexed articles")
    corrections = commands.add_parser("corrections", help="list, export or import moderators' corrections")
    corrections.add_argument("action", choices=("list", "export", "import"))
    corrections.add_argument("file", nargs="?", type=Path, help="the JSON file to write (export) or read (import)")
    commands.add_parser("feedback", help="questions with readers' thumbs and reports, the weakest first")
    commands.add_parser("console", help="run the bot's commands in this terminal")
    commands.add_parser("discord", help="connect to Discord (needs DISCORD_TOKEN)")
    for sub in commands.choices.values():
        add_location_options(sub)
        sub.add_argument("--json", action="store_true", help="print JSON")
    add_location_options(parser)
    return parser


def run_once(engine: Engine, args: argparse.Namespace) -> str:
    """One command's output, as text or JSON."""
    if args.command == "ask" and args.batch:
        lines = args.batch.read_text(encoding="utf-8").splitlines()
        return "\n".join(render.dumps(render.answer_json(engine.ask(q)), pretty=False) for q in lines if q.strip())
    if args.command == "ask":
        answer = engine.ask(args.question or "")
        return render.dumps(render.answer_json(answer)) if args.json else render.answer_text(answer)
    if args.command == "compare":
        ids = [i.strip() for i in args.sources.split(",")] if args.sources else None
        comparison = engine.compare(args.topic, ids)
        return render.dumps(render.comparison_json(comparison)) if args.json else render.comparison_text(comparison)
    if args.command == "timeline":
        return timeline_once(engine, args)
    if args.command == "figures":
        found = engine.disagreements()
        if args.png:
            from bot.charts import disagreements_png   # matplotlib only when a chart is asked for
            write_png(args.png, disagreements_png(found))
        return render.dumps(render.disagreements_json(found)) if args.json else render.disagreements_text(found)
    listed = engine.sources()
    return render.dumps(render.sources_json(listed)) if args.json else render.sources_text(listed)


class UnknownMeasure(LookupError):
    """No source gives a figure for the measure asked about; str() says which are close."""


def write_png(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    print(f"wrote {path} ({len(data)} bytes)", file=sys.stderr)


def unknown_measure(engine: Engine, measure: str) -> str:
    close = [m for m in measure_names(engine) if measure.lower() in m.lower()][:8]
    return f"no source gives a figure for {measure!r}" + (f"; did you mean: {', '.join(close)}?" if close else "")


def timeline_once(engine: Engine, args: argparse.Namespace) -> str:
    if args.measure not in engine.figures_by_measure:
        raise UnknownMeasure(unknown_measure(engine, args.measure))
    timeline = build_timeline(engine.measure_figures(args.measure))
    if args.png:
        from bot.charts import timeline_png   # matplotlib only when a chart is asked for
        write_png(args.png, timeline_png(timeline))
    return render.dumps(render.timeline_json(timeline)) if args.json else render.timeline_text(timeline)


def rebuild_text(report: RebuildReport) -> str:
    lines = [f"warning: {w}" for w in report.warnings]
    lines += [f"saved {name}" for name in report.saved_uploads]
    lines.append(f"{len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed, "
                 f"{len(report.unchanged)} unchanged; {report.passages} passages in {report.seconds:.1f} s")
    for label, ids in (("added", report.added), ("changed", report.changed), ("removed", report.removed)):
        lines += [f"  {label}: {i}" for i in ids]
    if report.new_disagreements:
        lines.append("Now disputed:")
        lines += [f"  {m.summary}" for m in report.new_disagreements]
    return "\n".join(lines)


async def console(service: Service, stdin=sys.stdin, stdout=sys.stdout) -> None:
    """A terminal stand-in for the Discord bot: the same commands, answered by the same service."""
    await service.start()
    print(f"crosscheck console: {len(service.source_ids())} articles indexed. /help lists commands.", file=stdout)
    last = ""
    while True:
        print("> ", end="", file=stdout, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            break
        command, _, rest = line.strip().partition(" ")
        if not command:
            continue
        if not command.startswith("/"):
            command, rest = "/ask", line.strip()
        try:
            if command in ("/quit", "/exit"):
                break
            elif command == "/help":
                out = CONSOLE_HELP
            elif command == "/ask":
                last = rest
                out = render.glance_text(await service.ask(rest))
            elif command == "/quotes":
                out = render.answer_text(await service.ask(rest or last)) if rest or last else "ask a question first"
            elif command == "/timeline":
                known = Charts(service).measures()
                out = (render.timeline_text(await Charts(service).timeline(rest)) if rest in known
                       else unknown_measure(service._ready(), rest))
            elif command == "/compare":
                topic, _, ids = rest.partition("|")
                chosen = [i.strip() for i in ids.split(",") if i.strip()] or None
                out = render.comparison_text(await service.compare(topic, chosen))
            elif command == "/figures":
                out = render.disagreements_text(await service.disagreements())
            elif command == "/sources":
                out = render.sources_text(await service.sources())
            elif command == "/corrections":
                engine = service._ready()
                out = render.corrections_text(engine.corrections, engine.stale_corrections)
            elif command == "/reindex":
                out = rebuild_text(await service.rebuild())
            else:
                out = f"unknown command {command}; /help lists commands"
        except (RebuildBusy, UploadRejected, BuildError, IndexProblem) as error:
            out = f"error: {error}"
        print(out, file=stdout, flush=True)


def moderation_command(settings: Settings, args: argparse.Namespace) -> int:
    """`corrections list|export|import` and `feedback`: the state database, no index needed
    (list marks stale corrections when an index is there to check them against)."""
    if args.command == "corrections" and args.action != "list" and args.file is None:
        print(f"error: corrections {args.action} needs a FILE", file=sys.stderr)
        return 2
    try:
        state = State(settings.state_path)
    except StateError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        if args.command == "feedback":
            found = state.feedback()
            print(render.dumps(render.feedback_json(found, state.reports(None))) if args.json
                  else render.feedback_text(found))
        elif args.action == "export":
            data = to_json(state.corrections())
            args.file.write_text(render.dumps(data) + "\n", encoding="utf-8")
            print(f"wrote {len(data['corrections'])} corrections to {args.file}", file=sys.stderr)
        elif args.action == "import":
            try:
                taken, known = state.import_corrections(from_json(json.loads(args.file.read_text(encoding="utf-8"))),
                                                        by=f"import of {args.file.name}")
            except (ValueError, UnicodeDecodeError) as error:   # BadCorrectionsFile and JSON errors
                print(f"error: {args.file}: {error}; nothing was imported", file=sys.stderr)
                return 1
            print(f"imported {taken} corrections ({known} already here); every answer applies them from now on",
                  file=sys.stderr)
        else:
            corrections = state.corrections()
            stale = stale_corrections(settings, corrections)
            print(render.dumps({"corrections": [render.correction_json(c, stale.get(c.id)) for c in corrections]})
                  if args.json else render.corrections_text(corrections, stale))
        return 0
    finally:
        state.close()


def stale_corrections(settings: Settings, corrections: list[Correction]) -> dict[int, Stale]:
    """Why each correction no longer applies, checked against the indexed articles' text."""
    try:
        articles = load_index(Path(settings.index_dir)).articles
    except IndexProblem:
        return {}
    return resolve(corrections, {a.id: a.text for a in articles})[1]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    settings = settings_from(args)
    command = args.command or ("discord" if os.environ.get("DISCORD_TOKEN") else "console")
    try:
        if command == "discord":
            from bot.discord_app import run_discord  # only the Discord front end needs discord.py

            token = os.environ.get("DISCORD_TOKEN", "").strip()
            if not token:
                print("error: set DISCORD_TOKEN to connect to Discord (or run `python -m bot console`)",
                      file=sys.stderr)
                return 2
            return run_discord(settings, Service(settings), token)
        if command == "console":
            if not args.command:
                log.info("DISCORD_TOKEN is not set: running the console instead of the Discord bot")
            asyncio.run(console(Service(settings)))
            return 0
        if command in ("corrections", "feedback"):
            return moderation_command(settings, args)
        if command == "ask" and not (args.question or args.batch):
            print("error: give a question or --batch FILE", file=sys.stderr)
            return 2
        print(run_once(open_engine(settings, progress=BarProgress), args))
        return 0
    except (IndexProblem, BuildError, OSError, UnknownMeasure) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
