"""A local web server for the web tests: a news site on 127.0.0.1 (aiohttp's test server) with
good pages, a feed whose entries tests can add, and hostile routes.

Shared by tests/test_fetch.py, tests/test_feeds.py and the end-to-end tests.
"""
from __future__ import annotations

import asyncio
import shutil
from dataclasses import dataclass, field

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot import service as service_module
from bot.service import Service
from conftest import copy_seeds, make_settings

FILLER = ("Rescue teams searched the area near the cemetery in Kerman through the night, the provincial "
          "governor told reporters, as families gathered outside the city's hospitals. ")


def article_html(title: str, body: str, site: str = "Local News", published: str = "2024-01-05") -> str:
    return (f"<!doctype html><html><head><title>{title} | {site}</title>"
            f"<meta property='og:title' content='{title}'><meta property='og:site_name' content='{site}'>"
            f"<meta property='article:published_time' content='{published}T10:00:00Z'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1><p>{body}</p><p>{FILLER * 2}</p></article>"
            f"<footer><p>Copyright 2024 {site}. 12 comments.</p></footer></body></html>")


BOILERPLATE = ("<html><head><title>Local News</title></head><body><nav><a href=/>Home</a> <a href=/w>World</a></nav>"
               "<div class=cookie>We use cookies to improve your experience. <button>Accept</button></div>"
               "<div class=most-read><h2>Most read</h2><ol><li><a href=/a>Story one about a thing happening today</a>"
               "</li><li><a href=/b>Story two: 12 comments</a></li></ol></div>"
               "<footer><p>Copyright 2024 Local News. All rights reserved.</p></footer></body></html>")


@dataclass
class Site:
    """What the server serves; tests change it between polls. Counts hits per path."""
    pages: dict[str, str] = field(default_factory=dict)          # path -> HTML
    feed_entries: list[tuple[str, str, str]] = field(default_factory=list)  # (id, title, path)
    feed_etag: str = '"v1"'
    hits: dict[str, int] = field(default_factory=dict)
    user_agents: set[str] = field(default_factory=set)
    robots: str = "User-agent: *\nDisallow: /private/\n"
    base: str = ""                     # http://127.0.0.1:PORT once the server runs

    def feed_xml(self) -> str:
        items = "".join(f"<item><guid>{i}</guid><title>{t}</title><link>{{base}}{p}</link>"
                        f"<description>{t}</description></item>" for i, t, p in self.feed_entries)
        return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Local News</title>{items}</channel></rss>"


def make_app(site: Site) -> web.Application:
    async def count(request: web.Request, handler):
        site.hits[request.path] = site.hits.get(request.path, 0) + 1
        site.user_agents.add(request.headers.get("User-Agent", ""))
        return await handler(request)

    async def page(request: web.Request) -> web.Response:
        html = site.pages.get(request.path)
        if html is None:
            raise web.HTTPNotFound()
        return web.Response(text=html, content_type="text/html")

    async def feed(request: web.Request) -> web.Response:
        if request.headers.get("If-None-Match") == site.feed_etag:
            return web.Response(status=304)
        base = f"http://{request.host}"
        return web.Response(text=site.feed_xml().replace("{base}", base), content_type="application/rss+xml",
                            headers={"ETag": site.feed_etag})

    async def robots(request: web.Request) -> web.Response:
        return web.Response(text=site.robots, content_type="text/plain")

    async def huge(request: web.Request) -> web.StreamResponse:
        # 50 MB announced by nothing (chunked): only counting while reading can stop it.
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        try:
            for _ in range(50 * 16):
                await response.write(chunk)
        except (ConnectionError, RuntimeError):
            pass                       # the client hung up, as it should
        return response

    async def huge_declared(request: web.Request) -> web.Response:
        return web.Response(body=b"x" * 50_000_000, content_type="text/html")

    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        try:
            for _ in range(600):
                await response.write(b"<p>a</p>")
                await asyncio.sleep(0.1)
        except (ConnectionError, RuntimeError, asyncio.CancelledError):
            pass
        return response

    async def loop_a(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop-b")

    async def loop_b(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop-a")

    async def hop(request: web.Request) -> web.Response:
        left = int(request.match_info["left"])
        raise web.HTTPFound(f"/hop/{left - 1}" if left > 1 else "/story")

    async def to_private(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query.get("to", "http://10.0.0.7/admin"))

    async def image(request: web.Request) -> web.Response:
        return web.Response(body=b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png")

    async def malformed_feed(request: web.Request) -> web.Response:
        return web.Response(text="<rss><channel><item><title>broken & <b>unclosed", content_type="application/rss+xml")

    async def big_feed(request: web.Request) -> web.Response:
        items = "".join(f"<item><guid>e{i}</guid><title>Kerman blasts update {i}</title>"
                        f"<link>http://{request.host}/missing/{i}</link></item>" for i in range(10_000))
        return web.Response(text=f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>",
                            content_type="application/rss+xml")

    app = web.Application(middlewares=[web.middleware(count)])
    app.router.add_get("/robots.txt", robots)
    app.router.add_get("/feed.xml", feed)
    app.router.add_get("/huge", huge)
    app.router.add_get("/huge-declared", huge_declared)
    app.router.add_get("/drip", drip)
    app.router.add_get("/loop-a", loop_a)
    app.router.add_get("/loop-b", loop_b)
    app.router.add_get("/hop/{left:\\d+}", hop)
    app.router.add_get("/to-private", to_private)
    app.router.add_get("/image.png", image)
    app.router.add_get("/malformed.xml", malformed_feed)
    app.router.add_get("/big-feed.xml", big_feed)
    app.router.add_get("/{tail:.*}", page)
    return app


STORY = article_html("Kerman toll revised", "Officials said 95 people were killed in the Kerman blasts.")
UPDATE = article_html("Kerman bombing toll rises", "The health ministry said 103 people were killed in Kerman.",
                      site="Wire Service")


@pytest.fixture
async def site():
    site = Site(pages={"/story": STORY, "/menu": BOILERPLATE, "/private/secret": STORY})
    server = TestServer(make_app(site), host="127.0.0.1")
    await server.start_server()
    site.base = f"http://127.0.0.1:{server.port}"
    yield site
    await server.close()


@pytest.fixture
async def live(tmp_path, encoder, seed_index_dir, monkeypatch) -> Service:
    monkeypatch.setattr(service_module, "load_encoder", lambda settings: (encoder, None))
    seeds = copy_seeds(tmp_path / "seeds")
    shutil.copytree(seed_index_dir, tmp_path / "index")
    service = Service(make_settings(seeds, tmp_path / "index", allow_private_urls=True, fetch_timeout_seconds=2.0,
                                    fetch_max_bytes=1_000_000, feed_max_entries=5))
    await service.start()
    return service


