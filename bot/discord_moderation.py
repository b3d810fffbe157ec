"""Corrections on Discord: the "Report a problem" button and its modal, the 👍/👎 thumbs, and the
moderators' lists (/reports with its action buttons, /corrections with Undo).

Every button is a DynamicItem (its custom_id says what it acts on), so it works after a
restart. A moderator is a member with Manage Server or the rebuild role, checked at every
click: a button in a moderator's message does nothing for anyone else. Decisions are written
to the state database (state/moderation.py), then applied to the answers at once
(Service.apply_corrections), without a rebuild.
"""
from __future__ import annotations

import dataclasses
import logging
import re
import time
from typing import TYPE_CHECKING, Any

import discord

from bot import discord_render as render
from bot.answer import Source
from bot.discord_app import NO_PINGS, acknowledge, is_moderator, moderator_refusal
from bot.moderation import SHOWN_MAX, ShownValue, compared_measures, move_targets, shown_values
from corrections.apply import Stale
from corrections.model import ACTIONS, REASONS, Correction, Report
from state import ReportClosed

if TYPE_CHECKING:
    from bot.discord_app import CrosscheckBot

log = logging.getLogger(__name__)

MODAL_TITLE_MAX = 45          # Discord's limits on a modal's title, a label's text and a text input
LABEL_MAX = 45
TEXT_INPUT_MAX = 4000
NOTE_MAX = 1000               # what a report's or a decision's note keeps
OPTION_MAX = 100              # a select option's label, value and description
WHOLE_ANSWER = "answer"       # the select's value for a report about the answer as a whole
CORRECTIONS_PER_PAGE = 5      # one Undo button each: one action row
TOO_OLD = "This answer is too old to report; please ask again and report the new answer."
NO_STATE = "Reports and corrections are unavailable: the bot's state database could not be opened."


def member_name(user: discord.abc.User) -> str:
    return render.clean(user.display_name or user.name, 60)


# ---------------------------------------------------------------- reporting

async def shown_for(bot: CrosscheckBot, args: dict[str, Any]) -> list[ShownValue]:
    """The values the reported message showed, recomputed from its arguments."""
    what = args.get("what")
    service = bot.service
    if what == "ask":
        measures = list((await service.ask(args["question"])).figures)
    elif what == "compare":
        measures = compared_measures(await service.compare(args["topic"], args.get("sources")))
    elif what == "figures":
        measures = list((await service.disagreements()).measures)
    elif what == "timeline":
        measures = [service._ready().measure_figures(args["measure"])]
    else:
        raise ValueError(f"unknown report target {what!r}")
    return shown_values(measures)


def asked(args: dict[str, Any]) -> str:
    """What the reported message answered, as reports list it: "ask: How many died?"."""
    what = args.get("what", "?")
    text = args.get("question") or args.get("topic") or args.get("measure") or "every disagreement"
    return f"{what}: {text}"


class ReportButton(discord.ui.DynamicItem[discord.ui.Button], template=r"xc:report:(?P<key>[0-9a-f]{16})"):
    """Under every answer: opens the report modal for the values that answer showed."""

    def __init__(self, key: str) -> None:
        super().__init__(discord.ui.Button(label="Report a problem", emoji="🚩", style=discord.ButtonStyle.secondary,
                                           custom_id=f"xc:report:{key}", row=1))
        self.key = key

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str], /) -> ReportButton:
        return cls(match["key"])

    async def callback(self, interaction: discord.Interaction[CrosscheckBot]) -> None:
        bot = interaction.client
        args = bot.queries.get(self.key)
        if args is None:
            await bot.tell(interaction, TOO_OLD)
            return
        if bot.state is None:
            await bot.tell(interaction, NO_STATE)
            return
        settings = bot.settings
        made = bot.state.reports_since(interaction.user.id, time.time() - settings.report_seconds)
        if made >= settings.report_rate:
            await bot.tell(interaction, f"You have sent {made} reports in the last "
                                        f"{round(settings.report_seconds / 60)} minutes; please wait a little "
                                        "before sending another. Thank you for them!")
            return
        # A modal must be the interaction's first response: computing the values is fast (the
        # answer's figures come from memory), well within Discord's 3 s.
        await interaction.response.send_modal(report_modal(self.key, await shown_for(bot, args)))


def report_modal(key: str, shown: list[ShownValue]) -> discord.ui.Modal:
    """The report form for the answer whose arguments QueryStore holds under `key`: which value
    (one option per value shown, at most 24, then the answer as a whole), what is wrong, a note.

    Its custom_id carries `key` and each option's value is the value's own label, so a submit is
    understood without the form being held in memory (on_modal_submit), also after a restart."""
    modal = discord.ui.Modal(title="Report a problem with this answer"[:MODAL_TITLE_MAX], custom_id=f"xc:rm:{key}")
    listed = shown[:SHOWN_MAX - 1]
    options = [discord.SelectOption(label=render.truncate(render.clean(v.label), OPTION_MAX), value=v.label[:OPTION_MAX],
                                    description=render.truncate(render.clean(v.sources), OPTION_MAX) or None)
               for v in listed]
    options.append(discord.SelectOption(label="The answer as a whole, or a passage", value=WHOLE_ANSWER))
    more = len(shown) - len(listed)
    modal.add_item(discord.ui.Label(text="Which value", description=(
        f"{more} more values are in the answer: name yours in the note" if more > 0 else None),
        component=discord.ui.Select(custom_id="value", options=options, min_values=1, max_values=1)))
    modal.add_item(discord.ui.Label(text="What is wrong", component=discord.ui.Select(
        custom_id="reason", min_values=1, max_values=1,
        options=[discord.SelectOption(label=label, value=key) for key, label in REASONS.items()])))
    modal.add_item(discord.ui.Label(text="Note (optional)", component=discord.ui.TextInput(
        custom_id="note", style=discord.TextStyle.paragraph, required=False, max_length=NOTE_MAX,
        placeholder="What is wrong, and where you saw it right")))
    modal.stop()   # never held by discord.py: on_modal_submit reads every submit
    return modal


def submitted(interaction: discord.Interaction) -> dict[str, list[str] | str]:
    """A modal submit's controls by custom_id: a select's chosen values, a text input's text."""
    found: dict[str, list[str] | str] = {}
    stack = list((interaction.data or {}).get("components", []))
    while stack:
        component = stack.pop()
        stack += component.get("components", []) + ([component["component"]] if "component" in component else [])
        if "custom_id" in component and ("values" in component or "value" in component):
            found[component["custom_id"]] = component.get("values", component.get("value"))
    return found


async def on_report_submit(interaction: discord.Interaction[CrosscheckBot], key: str) -> None:
    bot = interaction.client
    args = bot.queries.get(key)
    if args is None or bot.state is None:
        await bot.tell(interaction, TOO_OLD if args is None else NO_STATE)
        return
    values = submitted(interaction)
    chosen = (values.get("value") or [WHOLE_ANSWER])[0]
    reason = (values.get("reason") or ["other"])[0]
    note = str(values.get("note") or "")[:NOTE_MAX]
    value = next((v for v in await shown_for(bot, args) if v.label[:OPTION_MAX] == chosen), None)
    if value is None and chosen != WHOLE_ANSWER:   # the answer changed since the form was opened
        note = f"[reported value no longer shown: {chosen}] {note}"[:NOTE_MAX]
    figures = value.figures() if value else ()
    engine = bot.service._ready()
    extracted = [dataclasses.asdict(found) if (found := engine.figure_at(f.article_id, f.start)) else None
                 for f in figures]
    report_id = bot.state.add_report(
        reason=reason if reason in REASONS else "other", note=note, asked=asked(args),
        measure=value.measure if value else None, value=value.value.label if value else None,
        figures=figures, reporter_id=interaction.user.id, reporter=member_name(interaction.user),
        guild_id=interaction.guild_id, channel_id=interaction.channel_id,
        message_url=interaction.message.jump_url if interaction.message else None, extracted=extracted)
    log.info("report #%d from user %s", report_id, interaction.user.id)
    what = f"**{render.clean(value.label, 200)}**" if value else "this answer"
    await bot.tell(interaction, f"Thank you: your report #{report_id} on {what} is with the moderators.")


class VoteButton(discord.ui.DynamicItem[discord.ui.Button],
                 template=r"xc:vote:(?P<vote>up|down):(?P<key>[0-9a-f]{16})"):
    """👍/👎 under an answer: one thumb per reader per question, the latest counts."""

    def __init__(self, vote: str, key: str) -> None:
        super().__init__(discord.ui.Button(emoji="👍" if vote == "up" else "👎", style=discord.ButtonStyle.secondary,
                                           custom_id=f"xc:vote:{vote}:{key}", row=1))
        self.vote = vote
        self.key = key

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str], /) -> VoteButton:
        return cls(match["vote"], match["key"])

    async def callback(self, interaction: discord.Interaction[CrosscheckBot]) -> None:
        bot = interaction.client
        args = bot.queries.get(self.key)
        if args is None or bot.state is None:
            await bot.tell(interaction, TOO_OLD if args is None else NO_STATE)
            return
        bot.state.vote(args["question"], interaction.user.id, 1 if self.vote == "up" else -1, interaction.channel_id)
        await bot.tell(interaction, "Thanks: your 👍 is counted." if self.vote == "up" else
                       "Thanks: your 👎 is counted. If a figure is wrong, 🚩 Report a problem says which.")


def feedback_items(bot: CrosscheckBot, what: str, args: dict[str, Any], thumbs: bool) -> list[discord.ui.Item]:
    """The second row under an answer: Report a problem, and the thumbs when the channel shows them."""
    items: list[discord.ui.Item] = [ReportButton(bot.queries.put("report", {"what": what, **args}))]
    if thumbs and what == "ask":
        key = bot.queries.put("vote", {"question": args["question"]})
        items += [VoteButton("up", key), VoteButton("down", key)]
    return items


# ---------------------------------------------------------------- reviewing reports

def _quote_lines(report: Report, sources: dict[str, Source]) -> list[str]:
    """Each statement of the reported value (four at most), the figure in bold, its source named
    as answers name it (linked where its URL is known)."""
    lines = []
    for figure in report.figures[:4]:
        sentence = render.clean(figure.sentence, 400)
        words = render.clean(figure.words, 100)
        if words and words in sentence:
            sentence = sentence.replace(words, f"**{words}**", 1)
        source = sources.get(figure.article_id)
        named = render.short_source(source, True) if source else f"`{render.short_id(figure.article_id)}` (removed)"
        lines.append(f"> {sentence}\n— {named}")
    if len(report.figures) > 4:
        lines.append(f"*…and {len(report.figures) - 4} more statements of this value*")
    return lines


def report_embed(report: Report, number: int, total: int, sources: dict[str, Source]) -> discord.Embed:
    what = (f"**{render.clean(report.measure or '', 80)}: {render.clean(report.value or '', 80)}**"
            if report.measure else "**The answer as a whole**")
    command, _, asked_text = report.asked.partition(": ")
    lines = [f"{what} — {REASONS.get(report.reason, report.reason)}",
             f"Reported by {render.clean(report.reporter, 60)} <t:{int(report.created_at)}:R>"
             + (f" · [the answer]({report.message_url})" if report.message_url else ""),
             f"On /{render.clean(command, 20)}: *{render.clean(asked_text, 300)}*"]
    if report.note:
        lines.append(f"Note: {render.clean(report.note, 1000)}")
    quotes = _quote_lines(report, sources)
    lines += ["", *quotes] if quotes else []
    embed = discord.Embed(title=f"Report #{report.id}", description="\n".join(lines), colour=render.WARN_COLOUR)
    embed.set_footer(text=f"Open report {number} of {total} · Hide, Move, Other event and Correct apply to "
                          "every statement of the value")
    return render.fit_embed(embed)


REVIEW_BUTTONS = (("hide", "Hide", discord.ButtonStyle.danger), ("move", "Move…", discord.ButtonStyle.primary),
                  ("other_event", "Other event", discord.ButtonStyle.secondary),
                  ("confirm", "Correct", discord.ButtonStyle.success),
                  ("dismiss", "Dismiss", discord.ButtonStyle.secondary))


def reports_message(bot: CrosscheckBot, page: int, notice: str | None = None) -> dict[str, Any]:
    """One open report per page, with its action buttons and the page buttons."""
    reports = bot.state.reports("open")
    content = render.content(notice) if notice else None
    if not reports:
        return {"content": content, "embed": discord.Embed(
            title="Open reports", description="No open reports. Every one has been dealt with.",
            colour=render.OK_COLOUR), "view": None, "allowed_mentions": NO_PINGS}
    page = min(max(page, 0), len(reports) - 1)
    report = reports[page]
    view = discord.ui.View(timeout=None)
    for action, label, style in REVIEW_BUTTONS:   # a report on the whole answer has no figure to correct
        view.add_item(ReviewButton(action, report.id, label=label, style=style,
                                   disabled=action in ("hide", "move", "other_event") and not report.figures))
    for button in page_buttons("reports", page, len(reports)) if len(reports) > 1 else []:
        view.add_item(button)
    sources = bot.service._ready().sources_by_id
    return {"content": content, "embed": report_embed(report, page + 1, len(reports), sources), "view": view,
            "allowed_mentions": NO_PINGS}


async def _refuse_non_moderator(interaction: discord.Interaction[CrosscheckBot]) -> bool:
    """True (after telling them) when the member may not act on reports or corrections."""
    bot = interaction.client
    if bot.state is None:
        await bot.tell(interaction, NO_STATE)
        return True
    if not is_moderator(interaction):
        await bot.tell(interaction, moderator_refusal(bot.settings, "act on reports and corrections"))
        return True
    return False


async def decide(bot: CrosscheckBot, report_id: int, action: str, by: str, target: str | None = None) -> str:
    """Carry out a moderator's decision on a report and apply it to the answers; what to tell them
    (also when another moderator was quicker and the report is closed)."""
    report = bot.state.report(report_id)
    if report is None or report.status != "open":
        return already_dealt_with(report_id)
    what = f"{report.measure}: {report.value}" if report.measure else "the answer as a whole"
    try:
        if action == "dismiss" or (action == "confirm" and not report.figures):
            bot.state.dismiss(report.id, by)
            return f"Report #{report.id} ({what}) {'dismissed' if action == 'dismiss' else 'closed: nothing to correct'}."
        correction_id = bot.state.correct(action, report.figures, by=by, target=target, report_id=report.id)
    except ReportClosed:
        return already_dealt_with(report_id)
    await bot.service.apply_corrections()
    done = f"moved to {target}" if action == "move" else ACTIONS[action]
    return (f"Report #{report.id}: {what} {done} (correction #{correction_id}, in every answer now; "
            "/corrections can undo it).")


def already_dealt_with(report_id: int) -> str:
    return f"Report #{report_id} was already dealt with."


class ReviewButton(discord.ui.DynamicItem[discord.ui.Button],
                   template=r"xc:rv:(?P<action>hide|move|other_event|confirm|dismiss):(?P<report>\d{1,12})"):
    def __init__(self, action: str, report_id: int, *, label: str = "Act",
                 style: discord.ButtonStyle = discord.ButtonStyle.secondary, disabled: bool = False) -> None:
        super().__init__(discord.ui.Button(label=label, style=style, disabled=disabled, row=0,
                                           custom_id=f"xc:rv:{action}:{report_id}"))
        self.action = action
        self.report_id = report_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str], /) -> ReviewButton:
        return cls(match["action"], int(match["report"]), label=item.label or "Act")

    async def callback(self, interaction: discord.Interaction[CrosscheckBot]) -> None:
        if await _refuse_non_moderator(interaction):
            return
        bot = interaction.client
        report = bot.state.report(self.report_id)
        if report is None or report.status != "open":
            await interaction.response.edit_message(**reports_message(bot, 0, already_dealt_with(self.report_id)))
            return
        if self.action == "move":
            targets = move_targets(bot.service._ready(), report.measure or "")
            await interaction.response.send_modal(move_modal(report, targets))
            return
        await acknowledge(interaction)   # applying to the answers regroups every figure
        notice = await decide(bot, report.id, self.action, member_name(interaction.user))
        await interaction.edit_original_response(**reports_message(bot, 0, notice))


def move_modal(report: Report, targets: list[str]) -> discord.ui.Modal:
    """Where a reported value goes: a measure of its kind (the closest names first), or a typed one.
    Stateless like the report form: its custom_id names the report."""
    modal = discord.ui.Modal(title=f"Move report #{report.id} to a measure"[:MODAL_TITLE_MAX],
                             custom_id=f"xc:mv:{report.id}")
    options = [discord.SelectOption(label=render.truncate(t, OPTION_MAX), value=t[:OPTION_MAX])
               for t in targets[:SHOWN_MAX]]
    if options:
        modal.add_item(discord.ui.Label(
            text="Measure it belongs to", description="Measures with this kind of figure, the closest names first",
            component=discord.ui.Select(custom_id="measure", required=False, min_values=0, max_values=1,
                                        options=options)))
    modal.add_item(discord.ui.Label(text="Or type a measure (wins over the list)", component=discord.ui.TextInput(
        custom_id="typed", required=not options, max_length=OPTION_MAX,
        placeholder="e.g. injured, or killed in the 2005 blast")))
    modal.stop()
    return modal


async def on_move_submit(interaction: discord.Interaction[CrosscheckBot], report_id: int) -> None:
    if await _refuse_non_moderator(interaction):
        return
    bot = interaction.client
    values = submitted(interaction)
    target = " ".join(str(values.get("typed") or "").split()) or next(iter(values.get("measure") or []), "")
    if not target:
        await bot.tell(interaction, "Pick a measure or type one to move the value to.")
        return
    await acknowledge(interaction)
    notice = await decide(bot, report_id, "move", member_name(interaction.user), target[:OPTION_MAX])
    await interaction.edit_original_response(**reports_message(bot, 0, notice))


MODAL_SUBMITS = re.compile(r"xc:(?P<form>rm|mv):(?P<key>[0-9a-f]{16}|\d{1,12})")


async def on_modal_submit(interaction: discord.Interaction[CrosscheckBot]) -> None:
    """Every submit of our forms: they are not held in memory, so this is the one place they land."""
    match = MODAL_SUBMITS.fullmatch(str((interaction.data or {}).get("custom_id", "")))
    if interaction.type is not discord.InteractionType.modal_submit or match is None:
        return
    try:
        if match["form"] == "rm":
            await on_report_submit(interaction, match["key"])
        else:
            await on_move_submit(interaction, int(match["key"]))
    except Exception as error:    # no tree error handler covers a modal
        await interaction.client.report_error(interaction, error)


# ---------------------------------------------------------------- corrections in force

def correction_line(correction: Correction, stale: Stale | None) -> str:
    line = (f"**#{correction.id}** {render.clean(correction.summary, 300)} — {render.clean(correction.made_by, 60)}, "
            f"<t:{int(correction.made_at)}:R>")
    if correction.report_id:
        line += f", report #{correction.report_id}"
    if correction.note:
        line += f"\n  *{render.clean(correction.note, 200)}*"
    if stale:
        line += f"\n  ⚠️ **{'stale, no longer applied' if stale.whole else 'partly stale'}:** " \
                f"{render.clean(stale.reason, 200)}"
    return line


def corrections_message(bot: CrosscheckBot, page: int, notice: str | None = None) -> dict[str, Any]:
    """The decisions in force (and the stale ones: still listed, no longer applied), five a page,
    each with an Undo button."""
    engine = bot.service._ready()
    corrections = bot.state.corrections()
    content = render.content(notice) if notice else None
    if not corrections:
        return {"content": content, "embed": discord.Embed(
            title="Corrections", colour=render.OK_COLOUR,
            description="No correction is in force. Readers' reports (/reports) are where they start."),
            "view": None, "allowed_mentions": NO_PINGS}
    pages = max((len(corrections) - 1) // CORRECTIONS_PER_PAGE + 1, 1)
    page = min(max(page, 0), pages - 1)
    shown = corrections[page * CORRECTIONS_PER_PAGE:(page + 1) * CORRECTIONS_PER_PAGE]
    stale = engine.stale_corrections
    embed = discord.Embed(title="Corrections in force", colour=render.OK_COLOUR,
                          description="\n".join(correction_line(c, stale.get(c.id)) for c in shown))
    stale_count = sum(1 for c in corrections if c.id in stale and stale[c.id].whole)
    embed.set_footer(text=f"Page {page + 1}/{pages} · {len(corrections)} corrections, {stale_count} stale · "
                          "Undo takes one out of every answer at once")
    view = discord.ui.View(timeout=None)
    for correction in shown:
        view.add_item(UndoButton(correction.id))
    for button in page_buttons("corrections", page, pages) if pages > 1 else []:
        view.add_item(button)
    return {"content": content, "embed": render.fit_embed(embed), "view": view, "allowed_mentions": NO_PINGS}


class UndoButton(discord.ui.DynamicItem[discord.ui.Button], template=r"xc:undo:(?P<correction>\d{1,12})"):
    def __init__(self, correction_id: int) -> None:
        super().__init__(discord.ui.Button(label=f"Undo #{correction_id}", style=discord.ButtonStyle.danger, row=0,
                                           custom_id=f"xc:undo:{correction_id}"))
        self.correction_id = correction_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str], /) -> UndoButton:
        return cls(int(match["correction"]))

    async def callback(self, interaction: discord.Interaction[CrosscheckBot]) -> None:
        if await _refuse_non_moderator(interaction):
            return
        bot = interaction.client
        await acknowledge(interaction)
        if bot.state.undo(self.correction_id, member_name(interaction.user)):
            await bot.service.apply_corrections()
            notice = f"Correction #{self.correction_id} undone: every answer shows the figures as read again."
        else:
            notice = f"Correction #{self.correction_id} was already undone."
        await interaction.edit_original_response(**corrections_message(bot, 0, notice))


class ListPage(discord.ui.DynamicItem[discord.ui.Button],
               template=r"xc:lp:(?P<list>reports|corrections):(?P<page>\d{1,5}):(?P<tag>[pn])"):
    """◀/▶ of the moderators' lists: each turn reads the list afresh (another moderator may have acted)."""

    def __init__(self, listing: str, page: int, label: str, disabled: bool = False) -> None:
        tag = "p" if label.startswith("◀") else "n"   # two buttons may point at one page
        super().__init__(discord.ui.Button(label=label, style=discord.ButtonStyle.secondary, disabled=disabled,
                                           row=1, custom_id=f"xc:lp:{listing}:{page}:{tag}"))
        self.listing = listing
        self.page = page

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: re.Match[str], /) -> ListPage:
        return cls(match["list"], int(match["page"]), item.label or "Page")

    async def callback(self, interaction: discord.Interaction[CrosscheckBot]) -> None:
        if await _refuse_non_moderator(interaction):
            return
        shown = reports_message if self.listing == "reports" else corrections_message
        await interaction.response.edit_message(**shown(interaction.client, self.page))


def page_buttons(listing: str, page: int, pages: int) -> list[ListPage]:
    return [ListPage(listing, max(page - 1, 0), "◀ Previous", disabled=page == 0),
            ListPage(listing, min(page + 1, pages - 1), "Next ▶", disabled=page == pages - 1)]


DYNAMIC_ITEMS = (ReportButton, VoteButton, ReviewButton, ListPage, UndoButton)
