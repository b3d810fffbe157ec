"""Hostile and broken input: any question or topic, any result text, any article file, any
upload name or source option. Nothing escapes as an exception, nothing breaks Discord's limits,
nothing pings, nothing outside seeds/ is read.

Property-based (hypothesis) with a CI number of examples; the *_long variants run many more
with CROSSCHECK_LONG_TESTS=1 (see docs/RELIABILITY.md).
"""
from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import discord
import pytest
import simcord
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from bot import discord_render, render
from bot import service as service_module
from bot.answer import (Answer, Citation, Comparison, Disagreements, Engine, FigureValue, MeasureFigures,
                        Quote, Source, SourceList, SourceSummary, SourceView)
from bot.discord_app import CrosscheckBot
from bot.service import RebuildReport, Service, UploadRejected, check_upload
from conftest import PROJECT, SEEDS_DIR, copy_seeds, make_settings
from index.articles import ArticleError, read_article
from index.build import build_index
from index.figures import extract_figures
from index.passages import chunk_article
from index.search import MAX_QUERY_CHARS
from index.store import load_index
from test_discord import GUILD_ID, assert_embed_within_limits, assert_never_pings, assert_within_limits, make_world, text_of
from test_index_build import LONG_TESTS, SEED_IDS, subprocess_env

SLOW = (pytest.mark.slow, pytest.mark.skipif(not LONG_TESTS, reason="set CROSSCHECK_LONG_TESTS=1 for the long run"))


def long_variant(test):
    for mark in SLOW:
        test = mark(test)
    return test


# ---------------------------------------------------------------- hostile text

FRAGMENTS = [
    # pings, in every form Discord parses, and near misses
    "@everyone", "@here", "@EVERYONE", "@everyones", "@here_", "@\u200beveryone", "<@123456789012345678>",
    "<@!123456789012345678>", "<@&123456789012345678>", "<#123456789012345678>", "</ask:123456789012345678>",
    "<@", "<@!", "<@&", "<#", "@",
    # Markdown and code
    "```py\nprint('x')\n```", "```", "`", "**", "__", "~~", "||spoiler||", "> ", ">>> ", "# ", "-# ", "* ",
    "[link](https://evil.example)", "<https://evil.example>", "\\", "\\\\", "*", "_", "|", "~", ">",
    # zero-width, direction, control and odd line breaks
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066", "\u00ad", "\x00", "\x07", "\x1b[31m",
    "\r\n", "\r", "\n\n\n", "\t", "\x7f", "\x85", "\u2028", "\u2029", "\x0b\x0c",
    # combining marks, emoji sequences, wide and right-to-left scripts
    "e\u0301\u0301\u0301", "\U0001F468\u200d\U0001F469\u200d\U0001F467", "\U0001F1EE\U0001F1F7", "\U0001F4A9",
    "\ufdfd", "\U0001242b", "كرمان", "克尔曼", "Z\u0351\u0352\u0353\u0354",
    # what the engine looks for, and injection-shaped strings
    "How many people were killed?", "84", "nearly 100", "103", "Kerman", "killed", " ", ":", ",", "&amp;",
    "<script>alert(1)</script>", "%s%n", "{0}", "${jndi:ldap://x}", "'; DROP TABLE x; --",
    "../../etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini",
]
_unicode = st.characters(codec="utf-8")   # any code point but lone surrogates (not valid UTF-8)


def hostile(max_size: int) -> st.SearchStrategy[str]:
    """Any text up to max_size characters: random code points, runs of the fragments above mixed
    with random text, or a few fragments repeated up to the limit."""
    return st.one_of(
        st.text(_unicode, max_size=max_size),
        st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(_unicode, max_size=40)),
                 max_size=max(max_size // 40, 4)).map(lambda parts: "".join(parts)[:max_size]),
        st.builds(lambda pieces, times: (pieces * times)[:max_size],
                  st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map("".join), st.integers(1, max_size)),
    )


hostile_text = hostile(10_000)          # questions and topics: up to 10,000 characters
mid_hostile_text = hostile(2_000)       # passages and quoted sentences
short_hostile_text = hostile(200)       # names, labels, ids

# Discord would ping for these (were pings allowed at all): the bot must never send them raw.
RAW_MENTION = re.compile(r"@(?:everyone|here)|<@[!&]?\d|<#\d", re.IGNORECASE)


def assert_no_raw_mentions(text: str) -> None:
    found = RAW_MENTION.search(text)
    assert found is None, f"raw mention {found.group()!r} in {text[max(found.start() - 60, 0):found.end() + 60]!r}"


def embed_texts(embed: discord.Embed) -> list[str]:
    return [embed.title or "", embed.description or "", embed.footer.text or "", embed.author.name or "",
            *(f"{f.name}\n{f.value}" for f in embed.fields)]


def check_pages(pages: list[discord.Embed]) -> None:
    """What the cogs would send: every page within Discord's limits, no raw mention anywhere."""
    assert pages
    for page in pages:
        assert_embed_within_limits(page)
        for text in embed_texts(page):
            assert_no_raw_mentions(text)


# ---------------------------------------------------------------- the engine and both renderers


@pytest.fixture(scope="module")
def engine(seed_index, encoder, settings_for) -> Engine:
    return Engine(seed_index, encoder, settings_for(SEEDS_DIR, Path("unused")))


def check_engine(engine: Engine, question: str, topic: str, sources: list[str]) -> None:
    answer = engine.ask(question)
    assert len(answer.question) <= MAX_QUERY_CHARS
    assert not any(ch in answer.question for ch in "\x00\u200b\ufeff\u202e\n")
    check_pages(discord_render.answer_pages(answer))
    comparison = engine.compare(topic, sources or None)
    assert {v.source.id for v in comparison.views} | {s.id for s in comparison.silent} <= set(engine.sources_by_id)
    check_pages(discord_render.comparison_pages(comparison))
    for text in (render.answer_text(answer), render.comparison_text(comparison),
                 render.dumps(render.answer_json(answer)), render.dumps(render.comparison_json(comparison))):
        assert isinstance(text, str)
    json.loads(render.dumps(render.answer_json(answer)))


def _engine_property(examples: int):
    @hypothesis_settings(max_examples=examples, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(question=hostile_text, topic=hostile_text,
           sources=st.lists(st.one_of(st.sampled_from(SEED_IDS), short_hostile_text), max_size=4))
    def test(engine, question, topic, sources):
        check_engine(engine, question, topic, sources)
    return test


test_any_question_or_topic_is_answered_within_limits = _engine_property(25)
test_any_question_or_topic_is_answered_within_limits_long = long_variant(_engine_property(400))


@pytest.mark.parametrize("question", [
    "", " ", "\u200b" * 5000, "\x00" * 10_000, "@everyone " * 1000, "<@123456789012345678>" * 400,
    "```" * 3333, "How many people were killed?" * 344, "\u202eHow many were killed?\u202c",
    "||How many were killed?||", "> **How** _many_ ~~were~~ `killed`?", "\U0001F4A9" * 10_000,
])
def test_known_hostile_questions(engine, question):
    check_engine(engine, question, question, [question[:100]])


# Results with hostile text in every field the renderer shows: titles, outlets, URLs, dates,
# passages, figure labels and words, attributions, revisions, warnings, ids.

def _source(draw) -> Source:
    return Source(draw(short_hostile_text), draw(short_hostile_text),
                  draw(st.none() | short_hostile_text),
                  draw(st.none() | st.sampled_from(["https://e.com/@everyone", "https://e.com/a_(1)<@1>",
                                                    "javascript:alert(1)", "https://e.com/" + "x" * 3000])
                       | short_hostile_text.map(lambda t: "https://e.com/" + t)),
                  draw(st.none() | short_hostile_text))


@st.composite
def sources_st(draw) -> Source:
    return _source(draw)


@st.composite
def quote_st(draw) -> Quote:
    sentence = draw(mid_hostile_text)
    words = draw(st.sampled_from(["84", "nearly 100"]) | short_hostile_text)
    if draw(st.booleans()):
        sentence = sentence[: len(sentence) // 2] + words + sentence[len(sentence) // 2:]
    return Quote(draw(sources_st()), 0, len(sentence), sentence, words,
                 draw(st.none() | short_hostile_text), draw(st.sampled_from([None, "current", "earlier"])),
                 draw(st.none() | short_hostile_text))


measure_st = st.builds(
    MeasureFigures, short_hostile_text, st.sampled_from(["count", "date", "ordinal"]),
    st.lists(st.builds(FigureValue, short_hostile_text, st.floats(allow_nan=False) | short_hostile_text,
                       st.none() | st.floats(allow_nan=False), st.none() | st.floats(allow_nan=False),
                       st.lists(quote_st(), min_size=1, max_size=3).map(tuple)),
             min_size=1, max_size=3).map(tuple))
citation_st = st.builds(Citation, st.integers(0, 99), sources_st(), st.integers(0, 10**6), st.integers(0, 10**6),
                        mid_hostile_text, st.floats(allow_nan=False))
degraded_st = st.none() | short_hostile_text
names_st = st.lists(short_hostile_text, max_size=12).map(tuple)


def _render_property(examples: int):
    @hypothesis_settings(max_examples=examples, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(answer=st.builds(Answer, hostile_text, st.lists(citation_st, max_size=5).map(tuple),
                            st.lists(measure_st, max_size=2).map(tuple), degraded_st),
           comparison=st.builds(Comparison, hostile_text,
                                st.lists(st.builds(SourceView, sources_st(), st.none() | citation_st,
                                                   st.lists(measure_st, max_size=2).map(tuple)),
                                         max_size=4).map(tuple),
                                st.lists(sources_st(), max_size=6).map(tuple), degraded_st),
           measures=st.lists(measure_st, max_size=4).map(tuple),
           summaries=st.lists(st.builds(SourceSummary, sources_st(), st.integers(0, 10**6), st.integers(0, 10**6)),
                              max_size=12).map(tuple),
           report=st.builds(RebuildReport, names_st, names_st, names_st, names_st, st.integers(0, 10**7),
                            st.floats(0, 10**6), names_st, st.lists(measure_st, max_size=2).map(tuple), names_st),
           message=hostile_text)
    def test(answer, comparison, measures, summaries, report, message):
        check_pages(discord_render.answer_pages(answer))
        check_pages(discord_render.comparison_pages(comparison))
        check_pages(discord_render.disagreement_pages(Disagreements(measures)))
        check_pages(discord_render.source_pages(SourceList(summaries)))
        check_pages(discord_render.rebuild_pages(report))
        content = discord_render.content(message)
        assert len(content) <= discord_render.CONTENT_MAX
        assert_no_raw_mentions(content)
        for text in (render.answer_text(answer), render.comparison_text(comparison),
                     render.disagreements_text(Disagreements(measures)), render.sources_text(SourceList(summaries)),
                     render.dumps(render.answer_json(answer)), render.dumps(render.comparison_json(comparison))):
            assert isinstance(text, str)
    return test


test_any_result_text_renders_within_limits_and_pings_nobody = _render_property(100)
test_any_result_text_renders_within_limits_and_pings_nobody_long = long_variant(_render_property(3000))


# ---------------------------------------------------------------- through the cogs, on simulated Discord


@pytest.fixture(scope="module")
async def service(tmp_path_factory, seed_index_dir: Path, encoder, settings_for) -> Service:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(seed_index_dir.parent / "seeds", root / "seeds")
    shutil.copytree(seed_index_dir, root / "var" / "index")
    started = Service(settings_for(root / "seeds", root / "var" / "index", guild_ids=()))
    with pytest.MonkeyPatch.context() as patch:   # the session's model, not a second copy of it
        patch.setattr(service_module, "load_encoder", lambda settings: (encoder, None))
        await started.start()
    return started


def slash_text(text: str) -> str:
    """What Discord lets through as a string option: 1 to 1000 characters (it strips outer space)."""
    return text.strip()[:1000] or "?"


async def check_through_discord(service: Service, question: str, topic: str, sources: str) -> None:
    async with simcord.run(CrosscheckBot(service.settings, service), settle_timeout=120) as env:
        world = make_world(env, service.settings.rebuild_role)
        asked = await world.alice.slash(world.channel, "ask", question=slash_text(question))
        compared = await world.manager.slash(world.channel, "compare", topic=slash_text(topic),
                                             sources=slash_text(sources))
        mention = world.bot.user.mention
        await world.keeper.send(world.channel, f"{mention} {question}"[:2000])
        replies = [m for m in world.channel.history() if m.author.id == world.bot.user.id]
        for message in (asked.response.message, compared.response.message, *replies):
            assert_within_limits(message)
            assert_no_raw_mentions(text_of(message))
            assert not message.mention_everyone and not message.role_mentions and not message.mentions
        assert asked.response.embeds and not asked.ephemeral
        assert compared.response.embeds or compared.response.content.startswith("Unknown source: ")
        assert_never_pings(env)
        simcord.assert_no_errors(env)


def _discord_property(examples: int):
    @hypothesis_settings(max_examples=examples, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                HealthCheck.function_scoped_fixture])
    @given(question=hostile_text, topic=hostile_text,
           sources=st.one_of(st.sampled_from(SEED_IDS), short_hostile_text,
                             st.lists(st.sampled_from(SEED_IDS), min_size=1, max_size=3).map(", ".join)))
    async def test(service, question, topic, sources):
        await check_through_discord(service, question, topic, sources)
    return test


test_hostile_input_through_the_cogs = _discord_property(20)
test_hostile_input_through_the_cogs_long = long_variant(_discord_property(150))


# ---------------------------------------------------------------- fuzzed article files


# Figure extraction takes time quadratic in the figures of one sentence (see docs/RELIABILITY.md,
# findings): a line of 28 kB of numbers and words without a full stop takes about a second, one of
# 111 kB about 17 s. The giant lines here stay near the first size so CI time stays predictable.
GIANT_LINE_MAX = 25_000


def _article_bytes(kind: str, rng: random.Random, size: int) -> bytes:
    words = ["Kerman", "killed", "84", "people", "wounded", "<b>", "</p>", "&amp;", "nearly", "100", "blast",
             "\u00e9", "\u062a", "\u200b", "\x07", "---", "|", "#", "*", "[x](y)", "```", "\r", "\n", "\n\n"]
    if kind == "random bytes":
        return rng.randbytes(size)
    if kind == "giant line":
        return " ".join(rng.choice(words[:12]) for _ in range(min(size, GIANT_LINE_MAX) // 6)).encode()
    if kind == "nested html":
        depth = size // 10
        return ("<div><span>" * depth + "The blast killed 84 people." + "</span>" * (depth // 2)).encode()
    if kind == "broken html":
        parts = ["<html", "<body>", "<p>", "</div>", "<script>", "<style>", "<!--", "-->", "<![CDATA[", "&#x110000;",
                 "&#0;", "&bogus;", "<p class='", "\"", "<article>", "</article>", "<title>", "<meta content=\""]
        return "".join(rng.choice(parts + words) for _ in range(size // 5)).encode()
    text = " ".join(rng.choice(words) for _ in range(size // 6))
    encoding = {"latin-1": "latin-1", "utf-16": "utf-16", "utf-16-le": "utf-16-le", "shift_jis": "shift_jis",
                "cp1252": "cp1252"}[kind]
    return text.encode(encoding, errors="replace")


ARTICLE_KINDS = ["random bytes", "giant line", "nested html", "broken html", "latin-1", "utf-16", "utf-16-le",
                 "shift_jis", "cp1252"]
SUFFIXES = [".txt", ".md", ".html", ".htm", ".markdown", ".TXT"]


def check_article_file(tmp_path: Path, name: str, data: bytes) -> None:
    """Read as the indexer reads a seed file: an article, or ArticleError; then its passages and
    figures, with exact offsets."""
    folder = tmp_path / "fuzz"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / name).write_bytes(data)
    try:
        article = read_article(folder / name, folder, 300_000)
    except ArticleError as error:
        assert str(error)
        return
    for passage in chunk_article(article, 450, 600):
        assert article.text[passage.start:passage.end] == passage.text and len(passage.text) <= 600
    for figure in extract_figures(article.id, article.text):
        assert article.text[figure.start:figure.end] == figure.text


def _article_property(examples: int):
    @hypothesis_settings(max_examples=examples, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                HealthCheck.function_scoped_fixture])
    @given(suffix=st.sampled_from(SUFFIXES), data=st.one_of(
        st.binary(max_size=20_000),
        st.text(_unicode, max_size=20_000).map(lambda t: t.encode("utf-8")),
        st.builds(_article_bytes, st.sampled_from(ARTICLE_KINDS), st.integers(0, 2**32).map(random.Random),
                  st.integers(1, 2_000) | st.sampled_from([30_000, 120_000]))))
    def test(tmp_path, suffix, data):
        check_article_file(tmp_path, "article" + suffix, data)
    return test


test_any_article_file_is_read_or_refused_with_a_reason = _article_property(120)
test_any_article_file_is_read_or_refused_with_a_reason_long = long_variant(_article_property(1500))


def test_a_build_with_broken_files_finishes_with_warnings_and_indexes_the_good_ones(tmp_path, seed_index_dir,
                                                                                   encoder):
    """The real model, on the seeds plus one file of each broken kind (the seeds' embeddings are
    reused from the session index, so only the broken files' readable text is embedded)."""
    seeds = copy_seeds(tmp_path / "seeds")
    shutil.copytree(seed_index_dir, tmp_path / "index")
    rng = random.Random(7)
    sizes = {"giant line": 20_000, "random bytes": 5_000, "nested html": 60_000, "broken html": 8_000}
    for number, kind in enumerate(ARTICLE_KINDS):
        suffix = ".html" if "html" in kind else ".txt"
        (seeds / f"fuzz{number}_{kind.replace(' ', '_')}{suffix}").write_bytes(
            _article_bytes(kind, rng, sizes.get(kind, 2_000)))
    (seeds / "too_big.txt").write_bytes(b"Kerman " * 50_000)                  # over max_article_bytes
    (seeds / "empty.md").write_bytes(b"")
    (seeds / "furniture.md").write_bytes(b"---\n|\n***\n")
    (seeds / "nuls.txt").write_bytes(b"The blast\x00 killed\x00 84.\x00" * 200)
    (seeds / "good.txt").write_text("Survivors recount Kerman blasts\nWitnesses said 40 people were "
                                    "treated at the city hospital on Wednesday night.\n")
    (seeds / "good.txt.meta.json").write_text("{\"title\": ")                   # a broken sidecar
    (seeds / "other.txt").write_text("Another report\nNine people were hurt.\n")
    (seeds / "other.txt.meta.json").write_text(json.dumps({"title": 123, "published": ["x"], "url": None}))
    (seeds / "orphan.txt.meta.json").write_text("{}")
    (seeds / "outside.txt").symlink_to("/etc/passwd")                          # never read: outside seeds/
    settings = make_settings(seeds, tmp_path / "index", max_article_bytes=200_000)
    report = build_index(settings, encoder_factory=lambda: encoder)

    index = load_index(tmp_path / "index")
    ids = {a.id for a in index.articles}
    assert set(SEED_IDS) | {"good.txt", "other.txt"} <= ids
    assert set(report.unchanged) == set(SEED_IDS)
    warned = " ".join(report.warnings)
    for name in ("too_big.txt", "empty.md", "good.txt.meta.json", "orphan.txt.meta.json", "outside.txt",
                 "fuzz0_random_bytes.txt"):
        assert name in warned, (name, report.warnings)
    assert "outside.txt" not in ids and not any("root:" in a.text for a in index.articles)
    texts = {a.id: a.text for a in index.articles}
    assert all(texts[p.article_id][p.start:p.end] == p.text for p in index.passages)
    answer = Engine(index, encoder, settings).ask("How many people were treated at the hospital?")
    assert "good.txt" in {c.source.id for c in answer.citations}


# ---------------------------------------------------------------- options that name a source or a file

TRAVERSALS = ["../../etc/passwd", "/etc/passwd", "seeds/../../etc/passwd", "..", ".", "~/.ssh/id_rsa",
              "%2e%2e%2fetc%2fpasswd", "..\\..\\windows\\win.ini", "C:\\Windows\\win.ini", "file:///etc/passwd",
              "000_f88b6be7cb54ebcd.txt/../../../etc/passwd", "\x00/etc/passwd", "not-indexed.txt"]


async def test_compare_sources_cannot_name_anything_outside_the_index(service: Service):
    (service.settings.seeds_dir / "not-indexed.txt").write_text("A file in seeds/ the index does not hold.\n")
    try:
        async with simcord.run(CrosscheckBot(service.settings, service), settle_timeout=120) as env:
            guild = env.create_guild(id=GUILD_ID)
            channel = guild.create_text_channel("news")
            for number, name in enumerate(TRAVERSALS):
                user = guild.add_member(env.create_user(f"user{number}"))
                result = await user.slash(channel, "compare", topic="death toll", sources=name)
                assert result.ephemeral and result.response.content.startswith("Unknown source: "), name
                choices = await user.autocomplete(channel, "compare", "sources", name, topic="toll")
                assert {c["value"] for c in choices} <= set(service.source_ids()), name
            mixed = await guild.add_member(env.create_user("mixed")).slash(
                channel, "compare", topic="death toll", sources=f"{SEED_IDS[0]}, /etc/passwd")
            assert mixed.response.content == "Unknown source: /etc/passwd. Pick from the suggestions or see /sources."
            for request in env.http_requests:
                assert "root:x:0:0" not in json.dumps(request.json)
            simcord.assert_no_errors(env)
    finally:
        (service.settings.seeds_dir / "not-indexed.txt").unlink()
    # Beneath the cog, the engine ignores ids it does not hold: nothing is opened by name.
    comparison = service.engine.compare("death toll", TRAVERSALS)
    assert comparison.views == () and comparison.silent == ()


upload_names = st.one_of(st.sampled_from(TRAVERSALS + ["../evil.txt", "..\\evil.txt", "a/../../b.txt", "/tmp/x.txt",
                                                      ".hidden.txt", "ok.txt\x00.exe", "x" * 300 + ".txt",
                                                      "CON.txt", " spaced .txt", "évil.txt", "a\nb.txt"]),
                         st.text(_unicode, max_size=200).map(lambda t: t + ".txt"), st.text(_unicode, max_size=60))


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=upload_names)
def test_an_upload_name_can_only_land_directly_inside_seeds(tmp_path, settings_for, name):
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    settings = settings_for(seeds, tmp_path / "index")
    try:
        saved, _ = check_upload(name, b"A report\nNine people were hurt in Kerman.\n", settings, seeds, set())
    except UploadRejected as error:
        assert str(error)
        return
    assert "/" not in saved and "\\" not in saved and ".." not in saved and "\x00" not in saved
    assert (seeds / saved).resolve().parent == seeds.resolve()


async def test_traversal_upload_names_are_refused_on_discord(service: Service):
    before = sorted(p.name for p in service.settings.seeds_dir.iterdir())
    async with simcord.run(CrosscheckBot(service.settings, service), settle_timeout=120) as env:
        world = make_world(env, service.settings.rebuild_role)
        for name in ("../../evil.txt", "..\\evil.txt", "/etc/cron.d/evil.txt", ".hidden.txt"):
            result = await world.manager.slash(world.channel, "reindex", file1=(name, b"Evil\nNine were hurt.\n"))
            assert result.response.content.startswith("Upload rejected: "), (name, result.response.content)
            await env.advance_time(11)  # past the cooldown
    assert sorted(p.name for p in service.settings.seeds_dir.iterdir()) == before
    assert not (service.settings.seeds_dir.parent / "evil.txt").exists()


# ---------------------------------------------------------------- the token


class _RejectingDiscord(BaseHTTPRequestHandler):
    """Discord's answer to a bad token, for every request; records what it was sent."""
    seen: list[str] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        body = b'{"message": "401: Unauthorized", "code": 0}'
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize("api", ["rejects the token", "unreachable"])
def test_the_token_never_reaches_the_output_when_login_fails(tmp_path, api):
    """`python -m bot` with a token Discord rejects, and with Discord unreachable: it stops,
    and neither its logs nor its error output show the token. (A successful run is checked in
    test_e2e.py; the in-process rejection in test_discord.py.)"""
    token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.s3cr3t-t0ken-for-the-test_abcdefghij"
    server = HTTPServer(("127.0.0.1", 0), _RejectingDiscord)
    port = server.server_address[1]
    if api == "unreachable":
        server.server_close()                      # nothing listens there any more
    else:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    env = subprocess_env()
    env.update(DISCORD_TOKEN=token, CROSSCHECK_DISCORD_API=f"http://127.0.0.1:{port}/api/v10",
               CROSSCHECK_SEEDS_DIR=str(copy_seeds(tmp_path / "seeds")),
               CROSSCHECK_INDEX_DIR=str(tmp_path / "var" / "index"))
    try:
        result = subprocess.run([sys.executable, "-m", "bot", "discord"], cwd=PROJECT, env=env,
                                capture_output=True, text=True, timeout=120)
    finally:
        if api != "unreachable":
            server.shutdown()
            server.server_close()
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert token not in output and token.split(".")[-1] not in output
    if api == "rejects the token":
        assert "Discord rejected the bot token" in output
        assert _RejectingDiscord.seen and all(token not in path for path in _RejectingDiscord.seen)
    else:
        assert "error: Cannot connect to host 127.0.0.1" in output
    assert not (tmp_path / "var" / "index").exists()   # it stopped before loading anything
