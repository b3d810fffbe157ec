"""When figures were stated and how a measure moved over time (bot/timeline.py), and the answer
at a glance (bot/discord_render.glance): plain data in, plain data out."""
from __future__ import annotations

from datetime import datetime

import pytest

from bot import discord_render as render
from bot.answer import Answer, Citation, FigureValue, MeasureFigures, Quote, Source
from bot.timeline import Stated, article_time, build_timeline, stated_time

THURSDAY = datetime(2020, 8, 13)


@pytest.mark.parametrize("sentence, expected, how", [
    ("As of Thursday evening, the toll stood at 171.", datetime(2020, 8, 13, 19), "text"),
    ("On Wednesday the ministry said 135 had died.", datetime(2020, 8, 12), "text"),
    ("By 10 August the toll was 158.", datetime(2020, 8, 10), "text"),
    ("Yesterday officials said 100 were missing.", datetime(2020, 8, 12), "text"),
    ("The toll was 84.", THURSDAY, "article"),
    # A moment after the article or weeks before it names something else: the article's time stands.
    ("The inquiry is due by 30 September; 84 died.", THURSDAY, "article"),
    ("On 4 August 2019 a fire killed 3.", THURSDAY, "article"),
])
def test_a_figure_is_stated_when_its_sentence_says_else_when_its_article_was(sentence, expected, how) -> None:
    stated = stated_time(sentence, THURSDAY)
    assert (stated.at, stated.how) == (expected, how)


def test_without_an_article_time_only_a_full_date_places_a_figure() -> None:
    assert stated_time("On Thursday the toll was 84.", None) == Stated(None, "unknown")
    assert stated_time("By 10 January the toll was 84.", None) == Stated(None, "unknown")
    assert stated_time("On 4 August 2020 at least 78 died.", None).at == datetime(2020, 8, 4)


@pytest.mark.parametrize("published, expected", [
    ("2024-01-04", datetime(2024, 1, 4)), ("2024-01-04T10:30:00+03:30", datetime(2024, 1, 4, 10, 30)),
    (None, None), ("someday", None)])
def test_article_time(published, expected) -> None:
    assert article_time(published) == expected


def source(name: str, published: str | None) -> Source:
    return Source(f"{name}.txt", name, name, f"https://{name}.example/a", published)


def value(label: str, number: float, *quotes: Quote, conflicts: tuple[str, ...] = ()) -> FigureValue:
    return FigureValue(label, number, number, number, quotes, conflicts_with=conflicts)


def q(src: Source, sentence: str, words: str, **extra) -> Quote:
    return Quote(src, 0, len(sentence), sentence, words, **extra)


TV, RESCUE, IRNA, PAPER = (source("statetv", "2024-01-03"), source("rescue", "2024-01-03"),
                           source("irna", "2024-01-04"), source("paper", "2024-01-06"))
UNDATED = source("blog", None)
KILLED = MeasureFigures("killed", "count", (
    value("20", 20, q(TV, "On Wednesday morning state TV said 20 were killed.", "20"), conflicts=("84",)),
    value("73", 73, q(RESCUE, "On Wednesday evening emergency services said 73 were killed.", "73",
                      attributed_to="emergency services")),
    value("103", 103, q(IRNA, "IRNA put the toll at 103.", "103", attributed_to="IRNA"),
          q(PAPER, "The toll, first given as 103, was revised to 84.", "103", revision="earlier", revision_of="84")),
    value("84", 84, q(PAPER, "The toll, first given as 103, was revised to 84.", "84", revision="current",
                      revision_of="103", attributed_to="interior minister"),
          q(UNDATED, "84 people died.", "84")),
))


def test_a_timeline_joins_revisions_across_articles_in_time_order() -> None:
    timeline = build_timeline(KILLED)
    assert [s.value.label for s in timeline.steps] == ["20", "73", "103", "103", "84"]
    assert timeline.chain_text() == "20 (statetv) → 73 (emergency services) → 103 (IRNA) → 84 (interior minister)"
    assert [s.quote.source.name for s in timeline.unknown] == ["blog"]   # listed apart, never placed


def test_a_timeline_whose_articles_lack_dates_places_nothing() -> None:
    undated = MeasureFigures("killed", "count", (value("84", 84, q(UNDATED, "On Thursday 84 died.", "84")),
                                                 value("90", 90, q(UNDATED, "Later 90 died.", "90"))))
    timeline = build_timeline(undated)
    assert timeline.steps == () and len(timeline.unknown) == 2 and timeline.chain_text() == ""


def test_a_measure_with_one_value_is_a_one_step_timeline() -> None:
    timeline = build_timeline(MeasureFigures("arrested", "count", (value("11", 11, q(IRNA, "11 were arrested.", "11")),)))
    assert [s.value.label for s in timeline.steps] == ["11"] and timeline.chain_text() == "11 (irna)"


# ---------------------------------------------------------------- the answer at a glance

def test_the_glance_lists_each_value_with_its_sources_and_marks() -> None:
    citation = Citation(1, PAPER, 0, 48, "The toll, first given as 103, was revised to 84.", 1.0)
    shown = render.glance(Answer("How many were killed?", (citation,), (KILLED,)))
    text = shown.embed.description
    assert text.startswith("⚠️ **Sources disagree on killed**")
    assert "• **103** · 2 sources: [irna](https://irna.example/a), [paper](https://paper.example/a) " \
           "(IRNA; revised to 84)\n" in text
    assert "• **84** · 2 sources: [paper](https://paper.example/a), [blog](https://blog.example/a) (interior minister; revised from 103; latest)" in text
    assert "**[1]** [paper](https://paper.example/a): “The toll, first given as **103**, was revised to 84.”" in text
    assert (shown.values, shown.listed, shown.counted) == (4, 4, 0)
    assert len(shown.embed) <= render.GLANCE_MAX


def test_many_values_list_the_most_cited_and_the_latest_and_count_the_rest() -> None:
    days = [source(f"s{i:02}", f"2024-01-{i + 1:02}") for i in range(30)]
    quoted_by = [[days[i]] + (days[:5] if i == 7 else days[i - 1:i] if i % 2 else []) for i in range(30)]
    values = [value(str(100 + i), 100 + i, *(q(d, f"The toll was {100 + i}.", str(100 + i)) for d in quoted_by[i]))
              for i in range(30)]
    shown = render.glance(Answer("How many?", (), (MeasureFigures("killed", "count", tuple(values)),)))
    text = shown.embed.description
    assert text.splitlines()[1].startswith("• **107** · 6 sources")       # the most cited first
    assert "• **129** · 2 sources: [s29](https://s29.example/a), [s28](https://s28.example/a) (latest)" in text                     # the latest stated is listed
    assert f"…and {30 - shown.listed} more values" in text
    assert shown.listed + shown.counted == 30 and len(shown.embed) <= render.GLANCE_MAX


def test_of_several_moments_in_a_sentence_the_one_nearest_the_figure_counts() -> None:
    sentence = "The number killed by Tuesday's explosion rose to 135 on Wednesday, the minister said; 78 on Monday."
    assert stated_time(sentence, THURSDAY, "135").words == "Wednesday"
    assert stated_time(sentence, THURSDAY, "78").words == "Monday"


# ---------------------------------------------------------------- charts

def test_charts_are_valid_pngs_within_discords_limit_even_when_empty() -> None:
    from bot import charts
    from bot.answer import Disagreements

    money = MeasureFigures("losses", "money", (
        FigureValue("between $3 billion and $5 billion", 4e9, 3e9, 5e9, (q(IRNA, "Losses: $3 billion to $5 billion.", "$3 billion to $5 billion"),),
                    kind="money", conflicts_with=("$15 billion",)),
        FigureValue("$15 billion", 15e9, 15e9, 15e9, (q(PAPER, "Losses reached $15 billion.", "$15 billion"),),
                    kind="money", conflicts_with=("between $3 billion and $5 billion",))))
    pictures = [charts.timeline_png(build_timeline(KILLED)), charts.timeline_png(build_timeline(money)),
                charts.timeline_png(build_timeline(MeasureFigures("killed", "count", (value("84", 84, q(UNDATED, "84 died.", "84")),)))),
                charts.disagreements_png(Disagreements((KILLED, money))), charts.disagreements_png(Disagreements(()))]
    for png in pictures:
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and 1000 < len(png) < charts.PNG_MAX_BYTES


def test_json_says_when_each_figure_was_stated() -> None:
    from bot import render as text_render

    data = text_render.measure_json(KILLED)
    stated = {(v["label"], q["source"]): q["stated"] for v in data["values"] for q in v["sources"]}
    assert stated[("73", "rescue.txt")] == {"at": "2024-01-03T19:00:00", "how": "text", "words": "Wednesday evening"}
    assert stated[("103", "irna.txt")] == {"at": "2024-01-04T00:00:00", "how": "article", "words": None}
    assert stated[("84", "blog.txt")] == {"at": None, "how": "unknown", "words": None}
    timeline = text_render.timeline_json(build_timeline(KILLED))
    assert [s["value"] for s in timeline["steps"]] == ["20", "73", "103", "103", "84"]
    assert [s["source"] for s in timeline["unknown"]] == ["blog.txt"]
