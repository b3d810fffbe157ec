"""Answer-engine results -> Discord embeds that always fit Discord's limits.

Pure functions: no client, no I/O. The cogs send what these return. Article and user
text always passes through `clean`, which escapes Markdown and defuses mentions, so
quoting a source can neither break the layout nor ping anyone (even when copied).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote as url_quote

import discord
from discord.utils import escape_markdown

from bot.answer import (
    Answer,
    Citation,
    Comparison,
    Disagreements,
    FigureValue,
    MeasureFigures,
    Quote,
    Source,
    SourceList,
    SourceView,
)

from bot import timeline
from bot.render import figure_words, glance_passages, holds_figure
from bot.timeline import figure_position, glance_order, latest_label

if TYPE_CHECKING:  # service.py imports heavy modules; only its report type is needed here
    from bot.service import RebuildReport

# Discord's limits for one message and its embeds.
CONTENT_MAX = 2000
EMBEDS_PER_MESSAGE = 10
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000

# A page's description stays well under the hard limit: long walls of text read badly,
# and the slack absorbs the title and footer within the 6000-character total.
PAGE_BUDGET = 3500
PASSAGE_QUOTE_MAX = 600      # raw characters of a cited passage
FIGURE_QUOTE_MAX = 280       # raw characters of the sentence a figure is quoted from
ELLIPSIS = "…"
ZWSP = "\u200b"

OK_COLOUR = discord.Colour.blurple()
WARN_COLOUR = discord.Colour.orange()

# @everyone, @here, <@123>, <@!123>, <@&123>, <#123>: a zero-width space after the sigil
# keeps the text readable but makes it inert for Discord's mention parser.
# No word boundary after everyone/here, as in discord.utils.escape_mentions: text such as
# "@everyones" never reaches Discord with a raw "@everyone" in it.
_MENTION = re.compile(r"@(?=everyone|here)|<(?:@[!&]?|#)(?=\d)", re.IGNORECASE)
# In a link's address an @ stays readable as %40, which means the same in a URL path.
_URL_MENTION = re.compile(r"@(?=everyone|here)", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- text safety and limits

def neutralize_mentions(text: str) -> str:
    return _MENTION.sub(lambda m: m.group(0) + ZWSP, text)


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending with an ellipsis.

    The cut prefers a paragraph, line, sentence or word boundary in the last quarter, so a
    reader never sees half a word when a whole one was close by.
    """
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    cut = text[: limit - len(ELLIPSIS)]
    floor = limit * 3 // 4
    for separator, keep in (("\n\n", 0), ("\n", 0), (". ", 1), (" ", 0)):
        at = cut.rfind(separator, floor)
        if at > 0:
            cut = cut[: at + keep]
            break
    # A trailing backslash would escape the ellipsis; a trailing space looks sloppy.
    return cut.rstrip().rstrip("\\") + ELLIPSIS


def clean(text: str, limit: int | None = None) -> str:
    """Article or user text made safe to show: one line, shortened, Markdown escaped, mentions defused."""
    text = _WHITESPACE.sub(" ", text).strip()
    if limit is not None:
        text = truncate(text, limit)
    return neutralize_mentions(escape_markdown(text))


def content(text: str) -> str:
    """A plain message's content within Discord's limit; mentions defused."""
    return truncate(neutralize_mentions(text), CONTENT_MAX)


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Bring every part of `embed` within Discord's limits, in place; returns it.

    The one place limits are enforced: every embed this module builds passes through here.
    """
    if embed.title:
        embed.title = truncate(embed.title, TITLE_MAX)
    if embed.description:
        embed.description = truncate(embed.description, DESCRIPTION_MAX)
    if embed.author.name:
        embed.set_author(name=truncate(embed.author.name, AUTHOR_MAX), url=embed.author.url,
                         icon_url=embed.author.icon_url)
    if embed.footer.text:
        embed.set_footer(text=truncate(embed.footer.text, FOOTER_MAX), icon_url=embed.footer.icon_url)
    fields = embed.fields[:FIELDS_MAX]
    embed.clear_fields()
    for field in fields:
        # Discord rejects empty names and values; a zero-width space is the usual stand-in.
        embed.add_field(name=truncate(field.name or ZWSP, FIELD_NAME_MAX),
                        value=truncate(field.value or ZWSP, FIELD_VALUE_MAX), inline=field.inline)
    excess = len(embed) - EMBED_TOTAL_MAX
    if excess > 0 and embed.description:
        embed.description = truncate(embed.description, max(len(embed.description) - excess, 1))
    while len(embed) > EMBED_TOTAL_MAX and embed.fields:
        embed.remove_field(-1)
    return embed


def paginate(
    title: str,
    blocks: Iterable[str],
    *,
    colour: discord.Colour = OK_COLOUR,
    fields: Sequence[tuple[str, str]] = (),
) -> list[discord.Embed]:
    """Blocks of Markdown packed into as many embeds (pages) as they need.

    A block never straddles two pages when it fits on one; an oversized block is split at
    its line breaks. `fields` go on the first page, whose text budget shrinks to make room.
    """
    first_budget = PAGE_BUDGET - sum(min(len(n), FIELD_NAME_MAX) + min(len(v), FIELD_VALUE_MAX)
                                     for n, v in fields[:FIELDS_MAX])
    pages = [""]

    def budget() -> int:
        return max(first_budget, 500) if len(pages) == 1 else PAGE_BUDGET

    def add(text: str, separator: str) -> None:
        if pages[-1] and len(pages[-1]) + len(separator) + len(text) > budget():
            pages.append("")
        pages[-1] = f"{pages[-1]}{separator}{text}" if pages[-1] else truncate(text, budget())

    for block in blocks:
        if len(block) <= budget():
            add(block, "\n\n")
        else:
            for index, line in enumerate(block.split("\n")):
                add(line, "\n" if index else "\n\n")

    embeds = []
    for number, text in enumerate(pages, 1):
        embed = discord.Embed(title=title, description=text or None, colour=colour)
        if number == 1:
            for name, value in fields:
                embed.add_field(name=name, value=value, inline=True)
        if len(pages) > 1:
            embed.set_footer(text=f"Page {number}/{len(pages)}")
        embeds.append(fit_embed(embed))
    return embeds


# ---------------------------------------------------------------- building blocks

def _link(label: str, url: str | None) -> str:
    """A Markdown link when the URL is a plain web address, else just the label."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return label
    # Brackets in the label and parentheses or spaces in the URL would end the link early.
    label = label.replace("[", "(").replace("]", ")")
    return f"[{label}]({_URL_MENTION.sub('%40', url_quote(url, safe=':/?#@!$&*+,;=%~'))})"


def _source_name(source: Source) -> str:
    return _link(clean(source.name, 60), source.url)


def _source_line(source: Source) -> str:
    """Outlet (linked), then the title when the outlet is known, then the date."""
    parts = [_source_name(source)]
    if source.outlet:
        parts.append(f"*{clean(source.title, 200)}*")
    if source.published:
        parts.append(clean(source.published, 40))
    return " · ".join(parts)


def _passage(text: str) -> str:
    return f"> “{clean(text, PASSAGE_QUOTE_MAX)}”"


def _figure_quote(quote: Quote) -> str:
    """The sentence a figure comes from, the figure in bold, shortened around it."""
    return _bold_around(quote.quote, quote.words, FIGURE_QUOTE_MAX)


def _bold_around(text: str, words: str, limit: int) -> str:
    """`text` quoted, `words` in it in bold, shortened to about `limit` raw characters around them."""
    at = figure_position(text, words)
    if at < 0:
        return f"“{clean(text, limit)}”"
    room = max(limit - len(words), 0) // 2
    before = _WHITESPACE.sub(" ", text[:at])
    after = _WHITESPACE.sub(" ", text[at + len(words):])
    # Not `clean`: these pieces keep their edge spaces around the bold figure.
    return (f"“{neutralize_mentions(escape_markdown(_tail(before, room)))}**{clean(words)}**"
            f"{neutralize_mentions(escape_markdown(truncate(after, room)))}”")


def _tail(text: str, limit: int) -> str:
    """The end of `text` in at most `limit` characters, cut at a word start: the words nearest a figure."""
    if len(text) <= limit:
        return text
    cut = text[len(text) - limit + len(ELLIPSIS):]
    space = cut.find(" ", 0, limit // 4)
    return ELLIPSIS + (cut[space + 1:] if space >= 0 else cut)


def _quote_notes(quote: Quote) -> list[str]:
    notes = []
    if quote.attributed_to:
        notes.append(f"according to {clean(quote.attributed_to, 100)}")
    if quote.revision == "earlier":
        revised = f" to {clean(quote.revision_of, 60)}" if quote.revision_of else ""
        notes.append(f"earlier figure, revised{revised}")
    elif quote.revision == "current":
        was = f" (was {clean(quote.revision_of, 60)})" if quote.revision_of else ""
        notes.append(f"revised figure{was}")
    if quote.correction:
        notes.append(f"✎ {clean(quote.correction, 100)}")
    return notes


def _quote_line(quote: Quote, *, name_source: bool) -> str:
    who = [_source_name(quote.source)] if name_source else []
    tail = ", ".join(who + [f"*{note}*" for note in _quote_notes(quote)])
    return f"> {_figure_quote(quote)}" + (f" — {tail}" if tail else "")


def _measure_block(measure: MeasureFigures) -> str:
    """Every value given for a measure, who gives it, and the sentence each says it in."""
    lines = [f"{_mark(measure)} **{clean(measure.summary, 300)}**"]
    for value in measure.values:  # each quote names its source, so the value line just counts them
        count = value.source_count
        lines.append(f"• **{clean(value.label, 100)}** ({count} source{'s' if count != 1 else ''})")
        lines.extend(_quote_line(q, name_source=True) for q in value.quotes)
    if measure.hidden_note and measure.values:
        lines.append(f"✎ *{clean(measure.hidden_note, 200)} (/corrections)*")
    return "\n".join(lines)


def _source_figures(measure: MeasureFigures) -> list[str]:
    """One source's figures for a measure: the source is already named by its block."""
    lines = []
    for value in measure.values:
        lines.append(f"• {clean(measure.measure, 80)}: **{clean(value.label, 100)}**")
        lines.extend(_quote_line(q, name_source=False) for q in value.quotes)
    return lines


def _degraded(reason: str | None) -> list[str]:
    return [f"⚠️ **Incomplete answer:** {clean(reason, 500)}"] if reason else []


def _headed(heading: str, blocks: list[str]) -> list[str]:
    """`blocks` under a heading that stays on the same page as the first of them."""
    return [f"__**{heading}**__\n{blocks[0]}", *blocks[1:]] if blocks else []


def _citation(citation: Citation) -> str:
    return f"**[{citation.number}]** {_source_line(citation.source)}\n{_passage(citation.text)}"


# ---------------------------------------------------------------- results -> pages

def answer_pages(answer: Answer) -> list[discord.Embed]:
    # Figures first: whether the sources disagree is what a reader must see at a glance.
    blocks = _degraded(answer.degraded) + _headed("Figures", [_measure_block(m) for m in answer.figures])
    citations = [_citation(c) for c in answer.citations]
    blocks += (_headed("Passages", citations) if answer.figures else citations) or [
        "No passage in the indexed articles answers this question."]
    colour = WARN_COLOUR if answer.degraded else OK_COLOUR
    return paginate(clean(answer.question, TITLE_MAX), blocks, colour=colour)


def _view_block(view: SourceView, number: int) -> str:
    lines = [f"**[{number}]** {_source_line(view.source)}"]
    if view.best:
        lines.append(_passage(view.best.text))
    for measure in view.figures:
        lines += _source_figures(measure)
    return "\n".join(lines)


def comparison_pages(comparison: Comparison) -> list[discord.Embed]:
    blocks = _degraded(comparison.degraded)
    blocks += [_view_block(view, number) for number, view in enumerate(comparison.views, 1)]
    if not comparison.views:
        blocks.append("None of the indexed articles speaks to this topic.")
    if comparison.silent:
        blocks.append("**Say nothing on this:** " + ", ".join(_source_name(s) for s in comparison.silent))
    colour = WARN_COLOUR if comparison.degraded else OK_COLOUR
    return paginate(f"Compare: {clean(comparison.topic, TITLE_MAX)}", blocks, colour=colour)


def disagreement_pages(disagreements: Disagreements) -> list[discord.Embed]:
    blocks = [_measure_block(m) for m in disagreements.measures]
    if not blocks:
        blocks.append("The indexed sources do not disagree on any figure.")
    count = len(disagreements.measures)
    return paginate(f"Figures the sources disagree on ({count})", blocks,
                    colour=WARN_COLOUR if count else OK_COLOUR)


def source_pages(source_list: SourceList) -> list[discord.Embed]:
    blocks = [
        f"{_source_line(s.source)}\n{s.passages} passages · {s.figures} figures · id {clean(s.source.id, 200)}"
        for s in source_list.sources
    ]
    if not blocks:
        blocks.append("No articles are indexed yet.")
    return paginate(f"Indexed sources ({len(source_list.sources)})", blocks)


def _names(ids: Sequence[str]) -> str:
    return ", ".join(clean(i, 200) for i in ids) or "—"


def rebuild_pages(report: RebuildReport) -> list[discord.Embed]:
    blocks = [f"{report.passages} passages indexed in {report.seconds:.1f} s."]
    if report.saved_uploads:
        blocks.append("**Saved uploads:** " + _names(report.saved_uploads))
    if report.warnings:
        blocks.append("**Warnings**\n" + "\n".join(f"• {clean(w, 500)}" for w in report.warnings))
    blocks += _headed("New disagreements", [_measure_block(m) for m in report.new_disagreements])
    fields = [(f"{label} ({len(ids)})", _names(ids)) for label, ids in (
        ("Added", report.added), ("Changed", report.changed),
        ("Removed", report.removed), ("Unchanged", report.unchanged))]
    colour = WARN_COLOUR if report.warnings or report.new_disagreements else OK_COLOUR
    return paginate("Index rebuilt", blocks, colour=colour, fields=fields)


def help_pages(commands: Sequence[tuple[str, str]], mention: str) -> list[discord.Embed]:
    """`commands` are (usage, description) pairs; `mention` is how to address the bot in chat."""
    intro = (f"I answer questions about one news event from a folder of articles, citing the passages "
             f"and showing **every** figure the sources give when they disagree.\n"
             f"You can also mention me with a question: {mention} how many people were injured?")
    return paginate("crosscheck: commands", [intro], fields=[(f"/{u}", d) for u, d in commands])


# ---------------------------------------------------------------- the answer at a glance

GLANCE_MAX = 1500            # the whole first embed of an answer: taken in at a glance
GLANCE_VALUES = timeline.GLANCE_VALUES   # value lines per measure; the rest are counted
GLANCE_NAMES = 3             # source names on a value line; the rest are counted
GLANCE_NAME_CHARS = 24
GLANCE_LINK_MAX = 100        # longer URLs cost more of the budget than they help: name only
GLANCE_PASSAGES = 3
GLANCE_PASSAGE_CHARS = 170   # raw characters of a short cited passage
GLANCE_PASSAGE_RESERVE = 420  # room kept for at least two short passages under the figures
GLANCE_FOOTER = "Quotes: every sentence behind each value, for you alone"


@dataclass(frozen=True)
class Glance:
    """The first embed of an answer, and what it names: values listed and counted, sources named."""
    embed: discord.Embed
    values: int                  # every value the answer has
    listed: int                  # values with a line of their own
    counted: int                 # values only counted ("and 3 more values")
    sources: int                 # distinct sources named on value lines or passages


def short_source(source: Source, link: bool) -> str:
    """A source as a glance names it: short, linked when its URL is short enough; with `link`
    and no URL, its short id beside it ("Islamic State Claims… `000`"), so two articles with
    alike titles stay apart."""
    name = clean(source.name, GLANCE_NAME_CHARS)
    if link and source.url and len(source.url) <= GLANCE_LINK_MAX:
        return _link(name, source.url)
    return f"{name} `{short_id(source.id)}`" if link else name


def short_id(article_id: str) -> str:
    """"000" for 000_f88b6be7cb54ebcd.txt, "wire" for wire_aug04_evening.txt: the id's first part."""
    stem = article_id.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("`", "'")
    first = re.split(r"[_\s-]", stem, maxsplit=1)[0]
    return first if 0 < len(first) <= 12 else stem[:16]


def _value_marks(value: FigureValue) -> list[str]:
    """Attribution and revision marks of a value's sources: "IRNA", "revised to 84"."""
    marks: list[str] = []
    for quote in value.quotes:
        if quote.attributed_to:
            marks.append(clean(quote.attributed_to, 40))
        if quote.revision == "earlier":
            marks.append(f"revised to {clean(quote.revision_of, 30)}" if quote.revision_of else "later revised")
        elif quote.revision == "current":
            marks.append(f"revised from {clean(quote.revision_of, 30)}" if quote.revision_of else "a revision")
        if quote.correction:
            marks.append("✎ corrected")
    return list(dict.fromkeys(marks))[:3]


def _value_lines(value: FigureValue, latest: bool = False) -> list[str]:
    """One value's line, from the fullest to the shortest form: the caller takes the first that fits."""
    sources = list({q.source.id: q.source for q in value.quotes}.values())
    count = len(sources)
    head = f"• **{clean(value.label, 60)}** · {count} source{'s' if count != 1 else ''}"
    marks = _value_marks(value) + (["latest"] if latest else [])
    tail = f" ({'; '.join(marks)})" if marks else ""
    more = f" +{count - GLANCE_NAMES}" if count > GLANCE_NAMES else ""
    shown = sources[:GLANCE_NAMES]
    return [f"{head}: {', '.join(short_source(s, True) for s in shown)}{more}{tail}",
            f"{head}: {', '.join(short_source(s, False) for s in shown)}{more}{tail}",
            f"{head}{tail}", head]


def _measure_heading(measure: MeasureFigures) -> str:
    name = clean(measure.measure, 80)
    if measure.hidden_note:
        return f"{_plain_heading(measure, name)}\n✎ *{clean(measure.hidden_note, 200)}*"
    return _plain_heading(measure, name)


def _plain_heading(measure: MeasureFigures, name: str) -> str:
    if not measure.values:
        return f"✎ **No value shown for {name}**"
    return f"{_mark(measure)} **{measure.state} {name}**"


def _mark(measure: MeasureFigures) -> str:
    return "⚠️" if measure.disagree else "🔹" if measure.separate else "✅"


def _glance_passage(citation: Citation, words: Sequence[str]) -> str:
    found = next((w for w in words if holds_figure(citation.text, w)), "")
    text = _bold_around(citation.text, found, GLANCE_PASSAGE_CHARS)
    return f"**[{citation.number}]** {short_source(citation.source, True)}: {text}"


def glance(answer: Answer) -> Glance:
    """The answer's first embed: per measure whether sources conflict and one line per value
    (its sources, linked, with revision and attribution marks), then two or three short cited
    passages with the figure in bold; all under GLANCE_MAX characters. Values that do not fit
    are counted, never dropped silently; the Quotes button shows every sentence."""
    title = clean(answer.question, TITLE_MAX) or "Answer"
    budget = GLANCE_MAX - len(title) - len(GLANCE_FOOTER) - 4
    lines = _degraded(answer.degraded)
    used = sum(len(line) + 1 for line in lines)
    figure_budget = budget - (GLANCE_PASSAGE_RESERVE if answer.citations else 0)
    total = sum(len(m.values) for m in answer.figures)
    listed = counted = 0
    named: set[str] = set()
    for number, measure in enumerate(answer.figures):
        heading = _measure_heading(measure)
        if used + len(heading) + 1 > figure_budget:
            rest = sum(len(m.values) for m in answer.figures[number:])
            lines.append(f"*…and {len(answer.figures) - number} more measures ({rest} values): see Quotes*")
            counted += rest
            used += len(lines[-1]) + 1
            break
        lines.append(heading)
        used += len(heading) + 1
        ordered = glance_order(measure)
        newest = latest_label(measure)
        hidden = 0
        for index, value in enumerate(ordered):
            # Keep room for the "and N more" line while values remain after this one.
            reserve = 40 if index + 1 < len(ordered) else 0
            forms = _value_lines(value, value.label == newest) if index < GLANCE_VALUES else []
            fits = [i for i, form in enumerate(forms) if used + len(form) + 1 + reserve <= figure_budget]
            if not fits:
                hidden = len(ordered) - index
                break
            lines.append(forms[fits[0]])
            used += len(lines[-1]) + 1
            listed += 1
            if fits[0] < 2:  # the forms that name the sources
                named.update(list(dict.fromkeys(q.source.id for q in value.quotes))[:GLANCE_NAMES])
        if hidden:
            lines.append(f"*…and {hidden} more value{'s' if hidden != 1 else ''}: see Quotes*")
            used += len(lines[-1]) + 1
            counted += hidden
    words = figure_words(answer)
    passages = glance_passages(answer)
    shown = 0
    for citation in passages[:GLANCE_PASSAGES + 2]:
        line = _glance_passage(citation, words)
        separator = 2 if shown == 0 else 1
        if shown >= GLANCE_PASSAGES or used + len(line) + separator > budget:
            continue
        if shown == 0 and answer.figures:
            line = f"\n{line}"
        lines.append(line)
        used += len(line) + 1
        shown += 1
        named.add(citation.source.id)
    if not answer.citations and not answer.figures:
        lines.append("No passage in the indexed articles answers this question.")
    embed = discord.Embed(title=title, description="\n".join(lines)[:DESCRIPTION_MAX] or None,
                          colour=WARN_COLOUR if answer.degraded or any(m.disagree for m in answer.figures)
                          else OK_COLOUR)
    embed.set_footer(text=GLANCE_FOOTER)
    return Glance(fit_embed(embed), total, listed, counted, len(named))


def glance_embed(answer: Answer) -> discord.Embed:
    return glance(answer).embed


def quote_pages(answer: Answer) -> list[discord.Embed]:
    """Every sentence behind each value of an answer, with its source linked; then the passages."""
    return answer_pages(answer)


def with_image(pages: list[discord.Embed], filename: str) -> list[discord.Embed]:
    """Every page showing the image the message attaches as `filename`; returns the pages."""
    for page in pages:
        page.set_image(url=f"attachment://{filename}")
    return pages
