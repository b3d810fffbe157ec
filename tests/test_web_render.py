"""What the web commands and alerts show: within Discord's limits, mentions defused, links to
sources; and the per-channel rate limit on alerts."""
from __future__ import annotations

from bot import discord_render as render
from bot import web_render
from bot.answer import FigureValue, MeasureFigures, Quote, Source
from web.alerts import ChannelLimiter
from web.changes import Changes, NewValue, Revision
from state import Feed

HOSTILE = Source("web/x/a.html", "Blasts @everyone <@123> [link](http://evil)", "Wire @here",
                 "https://news.example/a(1)")


def quote(source: Source, words: str, **notes) -> Quote:
    return Quote(source, 0, 30, f"Officials said {words} were killed.", words, **notes)


def test_change_lines_link_sources_and_defuse_mentions():
    revised = quote(HOSTILE, "84", attributed_to="the interior minister", revision="current", revision_of="95")
    value = FigureValue("84", 84.0, 84.0, 84.0, (revised,), conflicts_with=("103",))
    changes = Changes(sources=(HOSTILE,), values=(NewValue("killed", value),),
                      revisions=(Revision("killed", "84", revised),),
                      disputes=(MeasureFigures("killed", "count", (value, FigureValue(
                          "103", 103.0, 103.0, 103.0, (quote(HOSTILE, "103"),), conflicts_with=("84",)))),))
    lines = web_render.change_lines(changes, markdown=True)
    text = "\n".join(lines)
    assert "@everyone" not in text and "@here" not in text and "<@123>" not in text
    assert lines[0] == ("New source: [Wire @\u200bhere](https://news.example/a%281%29) — "
                        "Blasts @\u200beveryone <@\u200b123> \\[link](http://evil)")
    assert any(line.startswith("Revised: killed: 95 → 84, per the interior minister, in [") for line in lines)
    assert any(line.startswith("Sources disagree on killed") for line in lines)
    plain = web_render.changes_text(changes)
    assert "Revised: killed: 95 → 84, per the interior minister, in Wire @here [web/x/a.html]" in plain


def test_an_alert_of_many_changes_fits_one_embed():
    sources = tuple(Source(f"web/x/{i}.html", "t" * 300, "o" * 200, f"https://x.example/{i}") for i in range(500))
    lines = web_render.change_lines(Changes(sources=sources), markdown=True)
    assert len(lines) == web_render.SHOWN_PER_KIND + 1 and lines[-1] == "… and 492 more new sources"
    embed = web_render.alert_embed(lines * 20, "https://feed.example/" + "x" * 500, warn=False)
    assert len(embed) <= render.EMBED_TOTAL_MAX and len(embed.title) <= render.TITLE_MAX
    assert len(embed.description) <= render.DESCRIPTION_MAX
    assert "more page(s) of changes" in embed.footer.text


def test_no_change_says_so():
    assert not Changes() and web_render.changes_text(Changes()) == "Nothing new for the answers."


def test_feeds_status_fits_and_shows_errors():
    feeds = [Feed(f"https://feed.example/{i}", 1, ("kerman",), None, None, 1.7e9, 1.7e9 + 600, 2,
                  "timed out @everyone " * 50, 3, 4, 5) for i in range(60)]
    pages = web_render.feeds_pages(feeds)
    for page in pages:
        assert len(page) <= render.EMBED_TOTAL_MAX
    assert "Entries added 3 · skipped 4 · failed 5" in pages[0].description
    assert "@everyone" not in pages[0].description and "2 in a row" in pages[0].description


def test_alerts_are_rate_limited_per_channel():
    limiter = ChannelLimiter(per_minute=2)
    assert [limiter.allow(1, t) for t in (0, 1, 2)] == [True, True, False]
    assert limiter.allow(2, 2)                    # another channel has its own budget
    assert not limiter.allow(1, 59) and limiter.allow(1, 60.5)
