"""Safe fetching and /add by URL against a local server: SSRF refusals, hostile servers, robots.txt,
and a page added by URL that is then answered from."""
from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from bot.service import Service
from conftest import copy_seeds, make_settings
from web import fetch as fetch_module
from web.fetch import Fetcher, FetchError, FetchLimits, PrivateAddress
from web.pages import PageRejected
from web_server import live, site  # noqa: F401 (fixtures)


def fetcher(allow_private: bool = True, lookup=None, **limits) -> Fetcher:
    limits = FetchLimits(**{"timeout": 5.0, "max_bytes": 1_000_000, "max_redirects": 3,
                            "allow_private": allow_private, **limits})
    return Fetcher(limits, lookup) if lookup else Fetcher(limits)


async def fixed(host: str, port: int) -> list[str]:
    """A resolver for made-up names: no DNS is asked."""
    return {"intranet.example": ["10.1.2.3"], "mixed.example": ["93.184.215.14", "192.168.1.9"],
            "news.example": ["127.0.0.1"]}[host]


async def test_a_page_is_fetched_with_a_user_agent_naming_the_bot(site):
    response = await fetcher().fetch(f"{site.base}/story")
    assert response.status == 200 and response.content_type == "text/html"
    assert b"95 people were killed" in response.body
    assert site.user_agents == {fetch_module.USER_AGENT} and "crosscheck" in fetch_module.USER_AGENT


async def test_connections_go_to_the_addresses_the_resolver_checked(site):
    # news.example is known only to this resolver: reaching the server proves the connection
    # used the looked-up (and checked) address, not a second lookup of its own.
    response = await fetcher(lookup=fixed).fetch(f"http://news.example:{site.base.rsplit(':', 1)[1]}/story")
    assert response.status == 200


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.0.0.1:8080/admin", "http://10.0.0.7/", "http://10.255.1.1:9000/x",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://[::1]:8080/",
    "http://[::ffff:10.0.0.1]/", "http://192.168.1.1/", "http://172.16.0.1/", "http://224.0.0.1/",
    "http://0.0.0.0/", "http://[fd00:ec2::254]/", "http://intranet.example/", "http://mixed.example/",
    "http://localhost/", "http://localhost:6379/",
])
async def test_non_public_addresses_are_refused_before_any_connection(url):
    lookup = fixed if ".example" in url else fetch_module.system_lookup
    with pytest.raises(PrivateAddress, match="refused: .* not a public"):
        await fetcher(allow_private=False, lookup=lookup).fetch(url)


@pytest.mark.parametrize("url", ["http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/",
                                 "http://[0:0:0:0:0:ffff:127.0.0.1]/", "http://LOCALHOST/"])
async def test_other_spellings_of_loopback_are_refused_too(url):
    # aiohttp itself refuses the legacy numeric forms; the rest resolve to 127.0.0.1 and are refused.
    with pytest.raises(FetchError, match="refused|not a canonical IPv4 address"):
        await fetcher(allow_private=False).fetch(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://x/", "not a url"])
async def test_only_http_urls(url):
    with pytest.raises(FetchError, match="only http"):
        await fetcher(allow_private=False).fetch(url)


@pytest.mark.parametrize("target", ["http://10.0.0.7/admin", "http://169.254.169.254/latest/meta-data/",
                                    "http://[::1]:22/", "http://intranet.example/"])
async def test_a_redirect_to_a_private_address_is_refused(site, monkeypatch, target):
    # The test server is on 127.0.0.1: count that one address as public, and nothing else.
    real = fetch_module.is_public
    monkeypatch.setattr(fetch_module, "is_public", lambda address: address == "127.0.0.1" or real(address))

    async def lookup(host, port):
        return ["127.0.0.1"] if host == "127.0.0.1" else await fixed(host, port)

    with pytest.raises(PrivateAddress):
        await fetcher(allow_private=False, lookup=lookup).fetch(f"{site.base}/to-private?to={target}")


@pytest.mark.parametrize("path, message", [
    ("/huge", "larger than 1,000,000 bytes"),
    ("/huge-declared", "larger than 1,000,000 bytes"),
    ("/drip", "timed out after 1 s"),
    ("/loop-a", "redirect loop"),
    ("/image.png", "is image/png, not one of"),
    ("/missing", "answered HTTP 404"),
    ("/private/secret", "robots.txt does not allow crosscheck"),
])
async def test_hostile_servers_get_a_clear_message(site, path, message):
    with pytest.raises(FetchError, match=message):
        await fetcher(timeout=1.0).fetch(f"{site.base}{path}")


async def test_redirects_are_followed_up_to_the_limit(site):
    assert (await fetcher().fetch(f"{site.base}/hop/3")).url == f"{site.base}/story"
    with pytest.raises(FetchError, match="more than 3 redirects"):
        await fetcher().fetch(f"{site.base}/hop/4")


async def test_a_closed_port_is_a_clear_message():
    with pytest.raises(FetchError, match="could not fetch"):
        await fetcher().fetch("http://127.0.0.1:9/")


# --- /add by URL, through the service ---------------------------------------------------------

def web_files(service: Service) -> list[str]:
    folder = Path(service.settings.seeds_dir) / "web"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) if folder.exists() else []


async def test_a_page_added_by_url_is_answered_from(live, site):
    added = await live.add_url(f"{site.base}/story")
    assert added.article.id.startswith("web/127-0-0-1/story-") and added.article.title == "Kerman toll revised"
    assert added.article.url == f"{site.base}/story" and added.article.outlet == "Local News"
    assert "Home" not in added.article.text and "comments" not in added.article.text
    assert added.rebuild.added == (added.article.id,)
    assert [s.id for s in added.changes.sources] == [added.article.id]
    assert "killed" in {m.measure for m in added.changes.disputes} | {v.measure for v in added.changes.values}
    answer = await live.ask("How many people were killed?")
    killed = next(m for m in answer.figures if m.measure == "killed")
    assert any(q.source.id == added.article.id for v in killed.values if v.label == "95" for q in v.quotes)
    # The page and its sidecar are on disk: a rebuild from the folder gives the same index.
    assert len(web_files(live)) == 3      # the host folder, the page, its .meta.json
    report = await live.rebuild()
    assert added.article.id in report.unchanged and not report.added


async def test_the_same_url_twice_is_refused(live, site):
    await live.add_url(f"{site.base}/story")
    with pytest.raises(PageRejected, match="already added"):
        await live.add_url(f"{site.base}/story")


@pytest.mark.parametrize("path, error, message", [
    ("/menu", PageRejected, "no article text"),
    ("/huge", FetchError, "larger than"),
    ("/drip", FetchError, "timed out"),
    ("/loop-a", FetchError, "redirect loop"),
    ("/image.png", FetchError, "image/png"),
])
async def test_a_bad_page_adds_nothing_and_the_index_keeps_serving(live, site, path, error, message):
    engine = live.engine
    with pytest.raises(error, match=message):
        await live.add_url(f"{site.base}{path}")
    assert live.engine is engine and web_files(live) in ([], ["127-0-0-1"])
    assert (await live.ask("How many people were killed?")).figures


async def test_private_urls_are_refused_unless_allowed(live, site):
    live.fetcher = Fetcher(FetchLimits(allow_private=False))
    with pytest.raises(PrivateAddress):
        await live.add_url(f"{site.base}/story")
    assert web_files(live) == []


async def test_index_add_fetches_rebuilds_and_reports_what_the_page_added(tmp_path, seed_index_dir, site, capsys,
                                                                     monkeypatch):
    import index.__main__ as cli

    seeds = copy_seeds(tmp_path / "seeds")
    shutil.copytree(seed_index_dir, tmp_path / "index")
    monkeypatch.setattr(cli, "configured_settings", lambda: make_settings(seeds, tmp_path / "index",
                                                                         allow_private_urls=True))
    # In a thread, as a separate process would: the test server runs on this test's loop.
    assert await asyncio.to_thread(cli.main, ["add", f"{site.base}/story"]) == 0
    out = capsys.readouterr().out
    assert "1 added" in out and "New source: Local News [web/127-0-0-1/story-" in out
    assert "Sources disagree on killed" in out or "New value: killed: 95" in out
    assert await asyncio.to_thread(cli.main, ["add", f"{site.base}/menu"]) == 1
    assert "no article text" in capsys.readouterr().err
