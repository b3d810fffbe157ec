"""Safe fetching of web pages and feeds for /add and /follow.

Decides what the bot may fetch and how much of it:
- only http and https, only hosts whose every address is public (not loopback, private,
  link-local such as 169.254.169.254, multicast, reserved or shared), checked at every hop of
  a redirect chain unless allow_private is on (tests only);
- the addresses checked are the addresses connected to: hostnames are resolved once, by the
  connector's resolver, which refuses before any connection is made and hands aiohttp only the
  checked addresses, so a DNS answer that changes between check and connect (rebinding) has no
  second lookup to hide in; IP literals, which aiohttp never resolves, are checked per hop;
- one deadline for the whole fetch, redirects included, so a server dripping a byte a second
  cannot hold a worker; the body is counted as it streams in and cut at max_bytes;
- at most max_redirects redirects, and none that revisits a URL;
- only the content types the caller accepts;
- robots.txt of each host is honoured for the bot's User-Agent.

Every refusal is a FetchError whose str() is a sentence a user can act on.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
import urllib.robotparser
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from config import Settings

USER_AGENT = "crosscheck-bot/0.1 (news cross-checking Discord bot; reads pages it is given)"
ROBOTS_AGENT = "crosscheck-bot"
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
# Feeds are often served as plain XML, and now and then as text/html: feedparser decides.
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "text/html")
_REDIRECTS = (301, 302, 303, 307, 308)
_ROBOTS_MAX_BYTES = 500_000
_ROBOTS_TTL_SECONDS = 3600.0
_CHUNK = 65_536

# host -> its addresses; injectable so tests can make a name resolve anywhere without DNS.
Lookup = Callable[[str, int], Awaitable[Sequence[str]]]


class FetchError(Exception):
    """A fetch that failed or was refused; str() says why, for the user."""


class HTTPStatus(FetchError):
    """The server answered with an error status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class PrivateAddress(FetchError):
    """The URL leads to an address the bot must not reach (SSRF)."""


@dataclass(frozen=True)
class FetchLimits:
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = False

    @classmethod
    def of(cls, settings: Settings) -> FetchLimits:
        return cls(settings.fetch_timeout_seconds, settings.fetch_max_bytes, settings.fetch_max_redirects,
                   settings.allow_private_urls)


@dataclass(frozen=True)
class Response:
    url: str                      # the final URL, after redirects
    status: int                   # 200, or 304 for a conditional request that found no change
    content_type: str             # "text/html", without parameters
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body decoded as the server says (or UTF-8), undecodable bytes replaced."""
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def is_public(address: str) -> bool:
    """True for an address on the public internet; False for loopback, private, link-local
    (cloud metadata at 169.254.169.254), multicast, reserved, shared and unspecified ones."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped        # ::ffff:10.0.0.1 is 10.0.0.1
    return ip.is_global and not ip.is_multicast


async def system_lookup(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


class _CheckedResolver(AbstractResolver):
    """Resolves a host once and refuses it unless every address is allowed: aiohttp connects
    to exactly the addresses returned here, never to a second lookup's."""

    def __init__(self, lookup: Lookup, allow_private: bool) -> None:
        self._lookup = lookup
        self._allow_private = allow_private

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        try:
            addresses = list(await self._lookup(host, port))
        except OSError as error:
            raise FetchError(f"cannot resolve {host}: {error.strerror or error}") from None
        if not addresses:
            raise FetchError(f"cannot resolve {host}")
        if not self._allow_private:
            for address in addresses:
                if not is_public(address):
                    raise PrivateAddress(f"refused: {host} resolves to {address}, which is not a public "
                                         "internet address")
        return [ResolveResult(hostname=host, host=a, port=port,
                              family=socket.AF_INET6 if ":" in a else socket.AF_INET,
                              proto=0, flags=socket.AI_NUMERICHOST) for a in addresses]

    async def close(self) -> None:
        return None


def check_url(url: str | URL, allow_private: bool) -> URL:
    """The URL parsed, or FetchError if it is not http(s) or names a non-public IP literal.

    Host names are checked when they are resolved (_CheckedResolver)."""
    try:
        parsed = URL(str(url))
    except (ValueError, TypeError):
        raise FetchError(f"not a valid URL: {str(url)[:200]}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise FetchError(f"only http:// and https:// URLs can be fetched, not {str(url)[:200]}")
    host = parsed.host.strip("[]")
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return parsed              # a name: checked by the resolver
    if not allow_private and not is_public(host):
        raise PrivateAddress(f"refused: {host} is not a public internet address")
    return parsed


@dataclass
class Fetcher:
    """Fetches with limits; remembers each host's robots.txt for an hour."""
    limits: FetchLimits
    lookup: Lookup = system_lookup
    _robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = field(default_factory=dict)

    @classmethod
    def of(cls, settings: Settings) -> Fetcher:
        return cls(FetchLimits.of(settings))

    async def fetch(self, url: str, accept: Sequence[str] = PAGE_TYPES,
                    headers: dict[str, str] | None = None) -> Response:
        """The response to GET url, following redirects; FetchError saying why not."""
        limits = self.limits
        try:
            async with asyncio.timeout(limits.timeout), self._session() as session:
                return await self._follow(session, url, accept, headers or {})
        except TimeoutError:
            raise FetchError(f"timed out after {limits.timeout:g} s: {url[:200]}") from None
        except aiohttp.ClientError as error:
            raise FetchError(f"could not fetch {url[:200]}: {_reason(error)}") from None

    def fetch_blocking(self, url: str, accept: Sequence[str] = PAGE_TYPES,
                       headers: dict[str, str] | None = None) -> Response:
        """fetch() for a worker thread (its own event loop), never the bot's."""
        return asyncio.run(self.fetch(url, accept, headers))

    def _session(self) -> aiohttp.ClientSession:
        connector = aiohttp.TCPConnector(resolver=_CheckedResolver(self.lookup, self.limits.allow_private),
                                         use_dns_cache=False, limit=4)
        return aiohttp.ClientSession(connector=connector, headers={"User-Agent": USER_AGENT},
                                     auto_decompress=True, trust_env=False)

    async def _follow(self, session: aiohttp.ClientSession, url: str | URL, accept: Sequence[str] | None,
                      headers: dict[str, str], max_bytes: int | None = None, robots: bool = True) -> Response:
        """GET url through its redirects, each hop checked. accept=None takes any content type."""
        seen: set[str] = set()
        current = check_url(url, self.limits.allow_private)
        for _ in range(self.limits.max_redirects + 1):
            if str(current) in seen:
                raise FetchError(f"redirect loop at {str(current)[:200]}")
            seen.add(str(current))
            if robots:
                await self._check_robots(session, current)
            async with session.get(current, headers=headers, allow_redirects=False) as response:
                if response.status in _REDIRECTS and "Location" in response.headers:
                    current = check_url(current.join(URL(response.headers["Location"])), self.limits.allow_private)
                    continue
                return await self._read(response, current, accept, max_bytes or self.limits.max_bytes)
        raise FetchError(f"more than {self.limits.max_redirects} redirects from {str(url)[:200]}")

    async def _read(self, response: aiohttp.ClientResponse, url: URL, accept: Sequence[str] | None,
                    max_bytes: int) -> Response:
        etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        if response.status == 304:
            return Response(str(url), 304, "", None, b"", etag, modified)
        if response.status != 200:
            raise HTTPStatus(response.status, f"{str(url)[:200]} answered HTTP {response.status} "
                                              f"{response.reason or ''}".rstrip())
        content_type = response.content_type.lower()
        if accept is not None and content_type not in accept:
            raise FetchError(f"{str(url)[:200]} is {content_type or 'of no stated type'}, not one of: "
                             + ", ".join(accept))
        body = await read_capped(response, max_bytes, url)
        return Response(str(url), 200, content_type, response.charset, body, etag, modified)

    async def _check_robots(self, session: aiohttp.ClientSession, url: URL) -> None:
        origin = str(url.origin())
        cached = self._robots.get(origin)
        if cached is None or cached[0] < time.monotonic():
            cached = (time.monotonic() + _ROBOTS_TTL_SECONDS, await self._load_robots(session, url.origin()))
            self._robots[origin] = cached
        if not cached[1].can_fetch(ROBOTS_AGENT, str(url)):
            raise FetchError(f"{origin}/robots.txt does not allow crosscheck to read {str(url)[:200]}")

    async def _load_robots(self, session: aiohttp.ClientSession, origin: URL) -> urllib.robotparser.RobotFileParser:
        """As urllib.robotparser reads it: 401/403 forbid everything, any other status allows it.
        Its redirects are checked like any other hop."""
        parser = urllib.robotparser.RobotFileParser()
        try:
            robots = await self._follow(session, origin.with_path("/robots.txt"), None, {},
                                        max_bytes=_ROBOTS_MAX_BYTES, robots=False)
        except HTTPStatus as error:
            parser.disallow_all = error.status in (401, 403)
            parser.allow_all = not parser.disallow_all
            return parser
        parser.parse(robots.body.decode("utf-8", errors="replace").splitlines())
        return parser


async def read_capped(response: aiohttp.ClientResponse, max_bytes: int, url: URL) -> bytes:
    """The body, or FetchError as soon as it passes max_bytes (whatever Content-Length said)."""
    too_big = FetchError(f"{str(url)[:200]} is larger than {max_bytes:,} bytes")
    if (response.content_length or 0) > max_bytes:
        raise too_big
    chunks, size = [], 0
    async for chunk in response.content.iter_chunked(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(error: aiohttp.ClientError) -> str:
    if isinstance(error, aiohttp.ClientConnectorError):
        return f"cannot connect to {error.host}:{error.port}"
    return str(error) or type(error).__name__
