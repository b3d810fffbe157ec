"""A local stand-in for Discord: just enough of HTTP API v10 and the gateway for discord.py
2.7 to log in, connect, sync slash commands and answer interactions and mentions.

An aiohttp server on 127.0.0.1. Point the bot at it with CROSSCHECK_DISCORD_API set to
`FakeDiscord.api_base` (see bot/discord_app.py): discord.py then sends its REST calls here,
asks GET /gateway/bot for the gateway and connects to ws://127.0.0.1:PORT/gateway.

What it serves (paths under /api/v10):
  GET  /users/@me, /oauth2/applications/@me          the bot user and its application
  GET  /gateway, /gateway/bot                        the local gateway URL
  PUT  /applications/{app}/commands                  global command sync (recorded)
  PUT  /applications/{app}/guilds/{guild}/commands   guild command sync (recorded)
  GET  the same two                                  the commands last synced there
  POST /interactions/{id}/{token}/callback           interaction responses (recorded, timed)
  POST /webhooks/{app}/{token}                       followup messages (recorded)
  GET/PATCH/DELETE /webhooks/{app}/{token}/messages/{id or @original}
                                                     (@original of a component's interaction
                                                     deferred or updated: the message it is on)
  POST /channels/{id}/messages, /channels/{id}/typing
Everything else answers 404 and lands in `unhandled`, so a test can notice a call the fake
does not know. Bot-authenticated routes want `Authorization: Bot <token>` (401 otherwise);
webhook and interaction routes, like Discord's, authenticate by the token in the URL.
Every request is also kept in `request_log` (method, path, query, status, time, fault).

Faults, injected deterministically: `fail_next("POST", "/webhooks/*/*", status=429,
retry_after=0.5)` answers the next matching request (a glob on the path under /api/v10, `*`
within one segment) with a 429 shaped like Discord's (JSON body with retry_after and global,
Retry-After, X-RateLimit-* and Via headers: discord.py takes a 429 without Via for a
Cloudflare ban and does not retry it) or with a 5xx (JSON for 500, an HTML proxy page
otherwise). By default the request never reaches its handler, as when Discord refuses it;
`after_handler=True` lets the handler act first and then swaps in the error, as when Discord
did the work but the answer was lost on the way back.

The gateway speaks JSON in plain text frames whatever `compress` the client asks for
(discord.py only decompresses binary frames), sends HELLO, answers heartbeats with
HEARTBEAT_ACK, answers IDENTIFY with READY (the guild unavailable, a new session) then
GUILD_CREATE (one text channel, the @everyone role, the bot as a member). RESUME with the
current session id and a sequence it has sent is accepted: the dispatches after that
sequence are replayed, then RESUMED; any other RESUME gets INVALID_SESSION (not resumable)
and the client identifies afresh. `drop_gateway` cuts the connection with a TCP reset (no
close frame), `close_gateway(code)` closes it with a close frame (optionally invalidating the
session first, as Discord does for 4009), `request_reconnect` sends op 7 RECONNECT.
`dispatch(..., lost_in_flight=True)` numbers an event but never sends it, for a RESUME to
replay. `gateway_events` is the timeline of all of it. `send_command`, `click` and `send_mention`
dispatch INTERACTION_CREATE and MESSAGE_CREATE to the connected bot; `submit_modal` fills in a
modal the bot answered an interaction with (callback type 9) and dispatches its MODAL_SUBMIT.

Members: the guild owner has every permission; anyone else has @everyone's plus those of the
roles they are given (`add_role` makes one, announced by GUILD_ROLE_CREATE when the bot is
connected, and part of GUILD_CREATE from then on). An interaction's member carries these as
"permissions", computed as Discord does (no channel overwrites here) unless a test overrides it.

All times are time.monotonic() in the process running the fake.
"""
from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import re
import secrets
import socket
import struct
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterator

from aiohttp import WSMsgType, web

DISCORD_EPOCH_MS = 1_420_070_400_000
API_PREFIX = "/api/v10"
HEARTBEAT_INTERVAL_MS = 41_250
HEARTBEAT_ACK_DELAY = 0.05

# Gateway opcodes.
DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 0, 1, 2, 6, 7, 9, 10, 11
REPLAY_LIMIT = 1000  # dispatches kept per session for a RESUME to replay
# Interaction callback types.
CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE, MODAL = 4, 5, 6, 7, 9
# Component types a modal may hold, and the ones submitted with a value.
ACTION_ROW, STRING_SELECT, TEXT_INPUT, TEXT_DISPLAY, LABEL = 1, 3, 4, 10, 18

ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5          # "Manage Server"
ALL_PERMISSIONS = (1 << 51) - 1  # what Discord reports for the owner or an administrator
EVERYONE_PERMISSIONS = "1071698660929"  # Discord's default @everyone permissions


def json_response(data: Any, *, status: int = 200) -> web.Response:
    """JSON with Discord's exact Content-Type: discord.py parses a body as JSON only when the
    header is exactly "application/json" (aiohttp's json_response adds "; charset=utf-8")."""
    return web.Response(body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"})


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat()


@dataclass
class RequestRecord:
    """One HTTP request the fake received and how it answered."""
    method: str
    path: str                       # the full path, /api/v10/...
    query: dict[str, str]
    at: float
    status: int | None = None       # None while in flight, or if the handler raised
    fault: Fault | None = None      # the injected fault that answered it, if any


def _glob(pattern: str) -> re.Pattern[str]:
    """`*` matches within one path segment; everything else literally."""
    return re.compile("[^/]*".join(re.escape(part) for part in pattern.split("*")))


@dataclass
class Fault:
    """An error the fake answers instead of (or after) handling the next matching request(s)."""
    method: str
    pattern: str                    # glob on the path under /api/v10, e.g. /webhooks/*/*
    status: int
    retry_after: float = 1.0        # 429 only
    is_global: bool = False         # 429 only
    after_handler: bool = False
    times: int = 1
    hits: list[RequestRecord] = field(default_factory=list)

    def matches(self, method: str, path: str) -> bool:
        return (not self.spent and method == self.method
                and _glob(self.pattern).fullmatch(path.removeprefix(API_PREFIX)) is not None)

    @property
    def spent(self) -> bool:
        return len(self.hits) >= self.times

    def response(self) -> web.Response:
        if self.status == 429:
            retry = self.retry_after
            headers = {"Retry-After": str(math.ceil(retry)), "Via": "1.1 google"}
            if self.is_global:
                headers.update({"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global"})
            else:
                headers.update({"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                                "X-RateLimit-Reset": f"{time.time() + retry:.3f}",
                                "X-RateLimit-Reset-After": f"{retry:.3f}",
                                "X-RateLimit-Bucket": "fake" + format(abs(hash(self.pattern)), "x"),
                                "X-RateLimit-Scope": "user"})
            response = json_response({"message": "You are being rate limited.", "retry_after": retry,
                                      "global": self.is_global}, status=429)
            response.headers.update(headers)
            return response
        if self.status == 500:
            return json_response({"message": "500: Internal Server Error", "code": 0}, status=500)
        reason = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}.get(self.status, "Error")
        return web.Response(status=self.status, content_type="text/html", headers={"Via": "1.1 google"},
                            text=f"<html><body><h1>{self.status} {reason}</h1></body></html>")


@dataclass
class Interaction:
    """One INTERACTION_CREATE sent to the bot, and what the bot did with it."""
    id: str
    token: str
    name: str
    payload: dict[str, Any]
    dispatched_at: float
    callbacks: list[dict[str, Any]] = field(default_factory=list)   # {type, data, at}
    followups: list[dict[str, Any]] = field(default_factory=list)   # message payloads sent, with "at"
    edits: list[dict[str, Any]] = field(default_factory=list)       # PATCHes of @original, with "at"

    @property
    def first_callback(self) -> dict[str, Any] | None:
        return self.callbacks[0] if self.callbacks else None

    def acknowledged_within(self) -> float | None:
        """Seconds from dispatch to the first callback, or None when none came."""
        return None if not self.callbacks else self.callbacks[0]["at"] - self.dispatched_at


class FakeDiscord:
    def __init__(self, token: str, *, host: str = "127.0.0.1") -> None:
        self.token = token
        self.host = host
        self.port = 0
        self._ids = itertools.count(1)
        self.application_id = self.snowflake()
        self.bot_user = self._user(self.application_id, "crosscheck", bot=True)
        self.guild_id = self.snowflake()
        self.channel_id = self.snowflake()
        self.owner = self._user(self.snowflake(), "owner")
        self.roles: list[dict[str, Any]] = [{
            "id": self.guild_id, "name": "@everyone", "permissions": EVERYONE_PERMISSIONS, "position": 0,
            "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}]  # @everyone first
        self.session_id = secrets.token_hex(16)               # the current session (a new one per IDENTIFY)

        # What happened, in order.
        self.requests: list[tuple[str, str]] = []             # (method, path) of every HTTP request
        self.request_log: list[RequestRecord] = []            # the same, with query, status, time and fault
        self.faults: list[Fault] = []                         # every fault armed by fail_next, spent or not
        self.unhandled: list[tuple[str, str]] = []            # requests answered 404 by the catch-all
        self.unauthorized: list[tuple[str, str]] = []         # requests answered 401
        self.gateway_connections: list[dict[str, str]] = []   # query parameters of each connection
        self.identifies: list[dict[str, Any]] = []            # IDENTIFY payloads, token replaced by a flag
        self.resumes: list[dict[str, Any]] = []               # RESUME payloads (token flagged), with "outcome"
        self.sessions: list[str] = []                         # session ids handed out in READY, in order
        self.gateway_closes: list[int | None] = []            # close code of each ended connection
        self.gateway_events: list[dict[str, Any]] = []        # {"event", "at", ...}: the gateway's timeline
        self.heartbeats = 0
        self.ready_sent_at: float | None = None
        self.command_syncs: list[dict[str, Any]] = []         # {"guild_id": None or id, "commands": [...], "at"}
        self.commands: dict[str | None, list[dict[str, Any]]] = {}  # scope -> commands last synced
        self.interactions: dict[str, Interaction] = {}        # by interaction id
        self.channel_messages: list[dict[str, Any]] = []      # POST /channels/{id}/messages payloads, with "at"
        self.typing: list[tuple[str, float]] = []

        self._ws: web.WebSocketResponse | None = None
        self._ws_request: web.Request | None = None            # the upgrade request of _ws (its transport)
        self._ws_ready = False                                  # READY or RESUMED sent on _ws
        self._sequence = 0                                      # of the current session
        self._sent: list[dict[str, Any]] = []                   # its dispatches, for RESUME to replay
        self._invalid_sessions: set[str] = set()
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._messages: dict[str, dict[str, Any]] = {}         # message id -> stored message
        self._tasks: set[asyncio.Task] = set()

    # ------------------------------------------------------------ ids and objects

    def snowflake(self) -> str:
        """A snowflake carrying the current time, as Discord's do (created_at, cooldowns)."""
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((ms << 22) | (next(self._ids) & 0x3FFFFF))

    @staticmethod
    def _user(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
        return {"id": user_id, "username": name, "global_name": name, "discriminator": "0",
                "avatar": None, "bot": bot, "system": False, "public_flags": 0, "flags": 0}

    def new_user(self, name: str) -> dict[str, Any]:
        return self._user(self.snowflake(), name)

    def _member(self, user: dict[str, Any], *, permissions: str | None = None,
                roles: list[str] | None = None) -> dict[str, Any]:
        member = {"user": user, "roles": roles or [], "joined_at": _now_iso(), "deaf": False, "mute": False,
                  "flags": 0, "nick": None, "avatar": None, "pending": False}
        if permissions is not None:
            member["permissions"] = permissions
        return member

    def _interaction_member(self, user: dict[str, Any], roles: list[str] | None,
                            permissions: str | None = None) -> dict[str, Any]:
        """The member object of an interaction: with its permissions, computed as Discord does
        unless given."""
        return self._member(user, roles=roles, permissions=permissions or self.permissions_of(user, roles))

    def permissions_of(self, user: dict[str, Any], roles: list[str] | None = None) -> str:
        """A member's permissions in the channel: all for the owner or an administrator, else
        @everyone's and their roles' together (the channel has no overwrites)."""
        if user["id"] == self.owner["id"]:
            return str(ALL_PERMISSIONS)
        value = 0
        for role in self.roles:
            if role["id"] == self.guild_id or role["id"] in (roles or []):
                value |= int(role["permissions"])
        return str(ALL_PERMISSIONS if value & ADMINISTRATOR else value)

    async def add_role(self, name: str, permissions: int = 0) -> str:
        """A new guild role; its id, for `roles=` of send_command, click and submit_modal. A
        connected bot hears of it by GUILD_ROLE_CREATE, a later one in GUILD_CREATE."""
        role = {**self.roles[0], "id": self.snowflake(), "name": name, "permissions": str(permissions),
                "position": len(self.roles)}
        self.roles.append(role)
        if self.connected:
            await self.dispatch("GUILD_ROLE_CREATE", {"guild_id": self.guild_id, "role": dict(role)})
        return role["id"]

    def channel(self) -> dict[str, Any]:
        return {"id": self.channel_id, "type": 0, "guild_id": self.guild_id, "name": "general", "position": 0,
                "permission_overwrites": [], "nsfw": False, "topic": None, "last_message_id": None,
                "rate_limit_per_user": 0, "parent_id": None, "flags": 0}

    def guild(self) -> dict[str, Any]:
        return {
            "id": self.guild_id, "name": "crosscheck test guild", "icon": None, "splash": None,
            "discovery_splash": None, "owner_id": self.owner["id"], "afk_channel_id": None, "afk_timeout": 300,
            "verification_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
            "roles": [dict(r) for r in self.roles], "emojis": [], "stickers": [], "features": [], "mfa_level": 0,
            "system_channel_id": None, "system_channel_flags": 0, "rules_channel_id": None,
            "vanity_url_code": None, "description": None, "banner": None, "premium_tier": 0,
            "premium_subscription_count": 0, "preferred_locale": "en-US", "public_updates_channel_id": None,
            "nsfw_level": 0, "premium_progress_bar_enabled": False,
            "joined_at": _now_iso(), "large": False, "unavailable": False, "member_count": 2,
            "voice_states": [], "members": [self._member(self.bot_user), self._member(self.owner)],
            "channels": [self.channel()], "threads": [], "presences": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": [],
        }

    def application(self) -> dict[str, Any]:
        return {"id": self.application_id, "name": "crosscheck", "icon": None, "description": "",
                "bot_public": True, "bot_require_code_grant": False, "owner": self.owner, "team": None,
                "verify_key": "0" * 64, "flags": 0, "summary": "", "bot": self.bot_user,
                "interactions_endpoint_url": None, "redirect_uris": [], "tags": []}

    def _message(self, payload: dict[str, Any], *, channel_id: str, message_id: str | None = None,
                 webhook_id: str | None = None) -> dict[str, Any]:
        """A message object as Discord returns it for what the bot sent."""
        message = {
            "id": message_id or self.snowflake(), "channel_id": channel_id, "guild_id": self.guild_id,
            "author": self.bot_user, "content": payload.get("content") or "", "timestamp": _now_iso(),
            "edited_timestamp": None, "tts": bool(payload.get("tts")), "mention_everyone": False,
            "mentions": [], "mention_roles": [], "embeds": payload.get("embeds") or [],
            "attachments": [{"id": self.snowflake(), "filename": name, "size": len(data),
                             "url": f"https://cdn.fake.invalid/{name}", "proxy_url": f"https://cdn.fake.invalid/{name}"}
                            for name, data in (payload.get("_files") or {}).items()],
            "components": payload.get("components") or [], "pinned": False, "type": 0,
            "flags": payload.get("flags") or 0,
        }
        if webhook_id:
            message["webhook_id"] = webhook_id
            message["application_id"] = self.application_id
        if payload.get("message_reference"):
            message["type"] = 19  # a reply
            message["message_reference"] = payload["message_reference"]
        self._messages[message["id"]] = message
        return message

    # ------------------------------------------------------------ lifecycle

    @property
    def api_base(self) -> str:
        return f"http://{self.host}:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/gateway"

    async def start(self, port: int = 0) -> str:
        """Serve on 127.0.0.1 (a free port unless given); returns api_base."""
        app = web.Application(middlewares=[self._middleware], client_max_size=32 * 1024 * 1024)
        p = API_PREFIX
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get(p + "/users/@me", self._users_me)
        app.router.add_get(p + "/oauth2/applications/@me", self._application_me)
        app.router.add_get(p + "/applications/@me", self._application_me)
        app.router.add_get(p + "/gateway", self._gateway_info)
        app.router.add_get(p + "/gateway/bot", self._gateway_info)
        app.router.add_put(p + "/applications/{app}/commands", self._sync_commands)
        app.router.add_put(p + "/applications/{app}/guilds/{guild}/commands", self._sync_commands)
        app.router.add_get(p + "/applications/{app}/commands", self._get_commands)
        app.router.add_get(p + "/applications/{app}/guilds/{guild}/commands", self._get_commands)
        app.router.add_post(p + "/interactions/{id}/{token}/callback", self._callback)
        app.router.add_post(p + "/webhooks/{app}/{token}", self._followup)
        app.router.add_get(p + "/webhooks/{app}/{token}/messages/{message}", self._get_webhook_message)
        app.router.add_patch(p + "/webhooks/{app}/{token}/messages/{message}", self._edit_webhook_message)
        app.router.add_delete(p + "/webhooks/{app}/{token}/messages/{message}", self._delete_webhook_message)
        app.router.add_post(p + "/channels/{channel}/messages", self._channel_message)
        app.router.add_post(p + "/channels/{channel}/typing", self._typing)
        app.router.add_route("*", "/{tail:.*}", self._unhandled)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, port)
        await site.start()
        self.port = self._runner.addresses[0][1]  # the port the OS picked
        return self.api_base

    async def stop(self) -> None:
        if self._ws is not None and not self._ws.closed:
            with contextlib.suppress(Exception):
                await self._ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ------------------------------------------------------------ waiting

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(self, condition: Callable[[], Any], timeout: float, what: str = "condition") -> Any:
        """Wait until condition() is truthy (re-checked after every recorded event); its value."""
        async def wait() -> Any:
            async with self._changed:
                while not (value := condition()):
                    await self._changed.wait()
                return value
        try:
            return await asyncio.wait_for(wait(), timeout)
        except asyncio.TimeoutError:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}") from None

    @property
    def connected(self) -> bool:
        """A gateway connection is open and has had READY or RESUMED: dispatches can go out."""
        return self._ws is not None and not self._ws.closed and self._ws_ready

    # ------------------------------------------------------------ faults

    def fail_next(self, method: str, path: str, *, status: int, retry_after: float = 1.0,
                  is_global: bool = False, after_handler: bool = False, times: int = 1) -> Fault:
        """Answer the next `times` requests matching (method, path glob under /api/v10) with
        `status`; returns the Fault, whose `hits` are the requests it answered."""
        fault = Fault(method.upper(), path, status, retry_after=retry_after, is_global=is_global,
                      after_handler=after_handler, times=times)
        self.faults.append(fault)
        return fault

    @property
    def armed_faults(self) -> list[Fault]:
        return [f for f in self.faults if not f.spent]

    def disarm_faults(self) -> None:
        self.faults = [f for f in self.faults if f.spent]

    def requests_matching(self, method: str, path: str) -> list[RequestRecord]:
        """Every request so far to (method, path glob under /api/v10), in order."""
        pattern = _glob(path)
        return [r for r in self.request_log
                if r.method == method.upper() and pattern.fullmatch(r.path.removeprefix(API_PREFIX))]

    # ------------------------------------------------------------ HTTP

    @web.middleware
    async def _middleware(self, request: web.Request, handler):
        path = request.path
        self.requests.append((request.method, path))
        record = RequestRecord(request.method, path, dict(request.query), time.monotonic())
        self.request_log.append(record)
        token_in_url = path.startswith((API_PREFIX + "/webhooks/", API_PREFIX + "/interactions/"))
        if path.startswith(API_PREFIX) and not token_in_url \
                and request.headers.get("Authorization") != f"Bot {self.token}":
            self.unauthorized.append((request.method, path))
            record.status = 401
            await self._notify()
            return json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        fault = next((f for f in self.faults if f.matches(request.method, path)), None)
        if fault is not None:
            fault.hits.append(record)  # taken now, so a concurrent request does not take it too
            record.fault = fault
        try:
            if fault is None or fault.after_handler:
                response = await handler(request)
            if fault is not None:
                response = fault.response()
            record.status = response.status
            return response
        finally:
            await self._notify()

    @staticmethod
    async def _payload(request: web.Request) -> dict[str, Any]:
        """The JSON body, or a multipart body's payload_json with its files under "_files"
        ({filename: bytes})."""
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            raw = form.get("payload_json")
            payload = json.loads(raw) if isinstance(raw, str) else {}
            files = {v.filename: v.file.read() for v in form.values() if isinstance(v, web.FileField)}
            return {**payload, "_files": files} if files else payload
        if not request.can_read_body:
            return {}
        return await request.json()

    async def _unhandled(self, request: web.Request) -> web.Response:
        self.unhandled.append((request.method, request.path))
        return json_response({"message": "404: Not Found (not in the fake)", "code": 0}, status=404)

    async def _users_me(self, request: web.Request) -> web.Response:
        return json_response(self.bot_user)

    async def _application_me(self, request: web.Request) -> web.Response:
        return json_response(self.application())

    async def _gateway_info(self, request: web.Request) -> web.Response:
        return json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": {
            "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})

    async def _sync_commands(self, request: web.Request) -> web.Response:
        if request.match_info["app"] != self.application_id:
            return json_response({"message": "Unknown Application", "code": 10002}, status=404)
        guild_id = request.match_info.get("guild")
        synced = []
        for command in await self._payload(request):
            known = next((c for c in self.commands.get(guild_id, []) if c["name"] == command["name"]), None)
            stored = {"type": 1, "default_member_permissions": None, "dm_permission": True, "nsfw": False,
                      "options": [], **command, "id": known["id"] if known else self.snowflake(),
                      "application_id": self.application_id, "version": self.snowflake()}
            if guild_id:
                stored["guild_id"] = guild_id
            synced.append(stored)
        self.commands[guild_id] = synced
        self.command_syncs.append({"guild_id": guild_id, "commands": synced, "at": time.monotonic()})
        return json_response(synced)

    async def _get_commands(self, request: web.Request) -> web.Response:
        return json_response(self.commands.get(request.match_info.get("guild"), []))

    def _interaction_for(self, token: str) -> Interaction | None:
        return next((i for i in self.interactions.values() if i.token == token), None)

    async def _callback(self, request: web.Request) -> web.Response:
        at = time.monotonic()
        interaction = self.interactions.get(request.match_info["id"])
        if interaction is None or interaction.token != request.match_info["token"]:
            return json_response({"message": "Unknown interaction", "code": 10062}, status=404)
        if interaction.callbacks:
            return json_response({"message": "Interaction has already been acknowledged.", "code": 40060},
                                     status=400)
        body = await self._payload(request)
        interaction.callbacks.append({"type": body.get("type"), "data": body.get("data"), "at": at})
        data = body.get("data") or {}
        response: dict[str, Any] = {"interaction": {
            "id": interaction.id, "type": interaction.payload["type"],
            "response_message_loading": body.get("type") == DEFERRED_CHANNEL_MESSAGE,
            "response_message_ephemeral": bool(data.get("flags", 0) & 64)}}
        if body.get("type") in (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE):
            original = self._message(data, channel_id=self.channel_id, webhook_id=self.application_id)
            self._messages[f"original:{interaction.token}"] = original
            response["interaction"]["response_message_id"] = original["id"]
            response["resource"] = {"type": body["type"], "message": original}
        elif body.get("type") in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE) and "message" in interaction.payload:
            # A component's (or its modal's) interaction: @original is the message it is on.
            message = self._messages[interaction.payload["message"]["id"]]
            self._messages[f"original:{interaction.token}"] = message
            if body["type"] == UPDATE_MESSAGE:
                self._update(message, data)
            response["resource"] = {"type": body["type"], "message": message}
        else:
            response["resource"] = {"type": body.get("type")}
        if request.query.get("with_response") in ("1", "true", "True"):
            return json_response(response)
        return web.Response(status=204)

    async def _followup(self, request: web.Request) -> web.Response:
        at = time.monotonic()
        interaction = self._interaction_for(request.match_info["token"])
        if interaction is None or request.match_info["app"] != self.application_id:
            return json_response({"message": "Unknown Webhook", "code": 10015}, status=404)
        body = await self._payload(request)
        interaction.followups.append({**body, "at": at})
        message = self._message(body, channel_id=self.channel_id, webhook_id=self.application_id)
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(message)
        return web.Response(status=204)

    def _webhook_message(self, request: web.Request) -> dict[str, Any] | None:
        key = request.match_info["message"]
        if key == "@original":
            key = f"original:{request.match_info['token']}"
        return self._messages.get(key)

    async def _get_webhook_message(self, request: web.Request) -> web.Response:
        message = self._webhook_message(request)
        if message is None:
            return json_response({"message": "Unknown Message", "code": 10008}, status=404)
        return json_response(message)

    async def _edit_webhook_message(self, request: web.Request) -> web.Response:
        at = time.monotonic()
        interaction = self._interaction_for(request.match_info["token"])
        message = self._webhook_message(request)
        if interaction is None or message is None:
            return json_response({"message": "Unknown Message", "code": 10008}, status=404)
        body = await self._payload(request)
        interaction.edits.append({**body, "message": request.match_info["message"], "at": at})
        self._update(message, body)
        return json_response(message)

    @staticmethod
    def _update(message: dict[str, Any], body: dict[str, Any]) -> None:
        """Apply an edit (a PATCH, or an UPDATE_MESSAGE callback's data) to a stored message."""
        for key in ("content", "embeds", "components", "flags"):
            if key in body:
                message[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
        message["edited_timestamp"] = _now_iso()

    async def _delete_webhook_message(self, request: web.Request) -> web.Response:
        if self._webhook_message(request) is None:
            return json_response({"message": "Unknown Message", "code": 10008}, status=404)
        return web.Response(status=204)

    async def _channel_message(self, request: web.Request) -> web.Response:
        at = time.monotonic()
        channel_id = request.match_info["channel"]
        if channel_id != self.channel_id:
            return json_response({"message": "Unknown Channel", "code": 10003}, status=404)
        body = await self._payload(request)
        self.channel_messages.append({**body, "channel_id": channel_id, "at": at})
        return json_response(self._message(body, channel_id=channel_id))

    async def _typing(self, request: web.Request) -> web.Response:
        self.typing.append((request.match_info["channel"], time.monotonic()))
        return web.Response(status=204)

    # ------------------------------------------------------------ gateway

    def _event(self, event: str, **details: Any) -> dict[str, Any]:
        entry = {"event": event, "at": time.monotonic(), **details}
        self.gateway_events.append(entry)
        return entry

    def events(self, name: str, since: float = float("-inf")) -> list[dict[str, Any]]:
        """The gateway events called `name` (connect, identify, ready, resume, resumed,
        invalid_session, reconnect_requested, drop, close, ended) at or after `since`."""
        return [e for e in self.gateway_events if e["event"] == name and e["at"] >= since]

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.gateway_connections.append(dict(request.query))
        self._event("connect", query=dict(request.query))
        if request.query.get("encoding", "json") != "json":
            await ws.close(code=4002, message=b"only encoding=json is faked")
            return ws
        if self._ws is not None and not self._ws.closed:
            await self._ws.close(code=4000, message=b"replaced by a new connection")
        self._ws, self._ws_request, self._ws_ready = ws, request, False
        await ws.send_json({"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": None, "t": None})
        await self._notify()
        async for frame in ws:
            if frame.type is not WSMsgType.TEXT:  # discord.py sends JSON text; ignore anything else
                continue
            message = json.loads(frame.data)
            op, data = message.get("op"), message.get("d")
            if op == HEARTBEAT:
                self.heartbeats += 1
                # Acknowledged a little later, as over a network: discord.py's heartbeat thread
                # stamps the send only after the send completes, so an instant loopback ACK can
                # beat the stamp and log a bogus "Can't keep up ... 41s behind".
                self._tasks.add(task := asyncio.create_task(self._ack_heartbeat(ws)))
                task.add_done_callback(self._tasks.discard)
            elif op == IDENTIFY:
                token_ok = data.get("token") == self.token
                self.identifies.append({**{k: v for k, v in data.items() if k != "token"}, "token_ok": token_ok})
                if not token_ok:
                    await ws.close(code=4004, message=b"Authentication failed.")
                    break
                if self.sessions:  # every IDENTIFY starts a new session; the first keeps __init__'s id
                    self.session_id = secrets.token_hex(16)
                self.sessions.append(self.session_id)
                self._sequence, self._sent = 0, []
                self._event("identify", session_id=self.session_id)
                await self._send(ws, "READY", {
                    "v": 10, "user": self.bot_user, "guilds": [{"id": self.guild_id, "unavailable": True}],
                    "session_id": self.session_id, "resume_gateway_url": self.gateway_url,
                    "application": {"id": self.application_id, "flags": 0},
                    "private_channels": [], "relationships": [], "user_settings": {}, "presences": [],
                    "_trace": ["crosscheck-fake-discord"],
                })
                await self._send(ws, "GUILD_CREATE", self.guild())
                self.ready_sent_at = time.monotonic()
                self._event("ready", session_id=self.session_id, seq=self._sequence)
                if self._ws is ws:
                    self._ws_ready = True
            elif op == RESUME:
                if not await self._resume(ws, data or {}):
                    break
            await self._notify()
        self.gateway_closes.append(ws.close_code)
        self._event("ended", close_code=ws.close_code)
        if self._ws is ws:
            self._ws, self._ws_request, self._ws_ready = None, None, False
        await self._notify()
        return ws

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> bool:
        """Handle RESUME as Discord does; False when the connection was closed."""
        session_id, seq = data.get("session_id"), data.get("seq")
        token_ok = data.get("token") == self.token
        resume = {"session_id": session_id, "seq": seq, "token_ok": token_ok}
        self.resumes.append(resume)
        event = self._event("resume", **resume)
        if not token_ok:
            resume["outcome"] = event["outcome"] = "closed 4004"
            await ws.close(code=4004, message=b"Authentication failed.")
            return False
        resumable = (session_id == self.session_id and session_id not in self._invalid_sessions
                     and isinstance(seq, int) and 0 <= seq <= self._sequence
                     and (not self._sent or seq >= self._sent[0]["s"] - 1))
        if not resumable:
            resume["outcome"] = event["outcome"] = "invalid_session"
            self._event("invalid_session", resumable=False)
            await ws.send_json({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return True
        missed = [m for m in self._sent if m["s"] > seq]
        for message in missed:
            await ws.send_json(message)
        await self._send(ws, "RESUMED", {"_trace": ["crosscheck-fake-discord"]})
        resume["outcome"] = event["outcome"] = "resumed"
        resume["replayed"] = len(missed)
        self._event("resumed", session_id=session_id, replayed=len(missed), seq=self._sequence)
        if self._ws is ws:
            self._ws_ready = True
        return True

    async def _ack_heartbeat(self, ws: web.WebSocketResponse) -> None:
        await asyncio.sleep(HEARTBEAT_ACK_DELAY)
        if not ws.closed:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await ws.send_json({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})

    async def _send(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any], *,
                    deliver: bool = True) -> None:
        self._sequence += 1
        message = {"op": DISPATCH, "t": event, "s": self._sequence, "d": data}
        self._sent.append(message)
        del self._sent[:-REPLAY_LIMIT]
        if deliver:
            await ws.send_json(message)
        else:
            self._event("lost", t=event, s=self._sequence)

    def _open_gateway(self) -> web.WebSocketResponse:
        if self._ws is None or self._ws.closed:
            raise RuntimeError("no gateway connection is open")
        return self._ws

    async def drop_gateway(self) -> None:
        """Cut the gateway connection as a network failure would: a TCP reset, no close frame."""
        self._open_gateway()
        transport = self._ws_request.transport if self._ws_request is not None else None
        if transport is None:
            raise RuntimeError("the gateway connection has no transport left")
        sock = transport.get_extra_info("socket")
        if sock is not None:  # linger 0: close() sends RST instead of FIN
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self._ws_ready = False
        self._event("drop")
        transport.abort()
        await self._notify()

    async def close_gateway(self, code: int, *, invalidate_session: bool = False) -> None:
        """Close the gateway connection with a close frame carrying `code`. With invalidate_session
        the session cannot be resumed afterwards (Discord's 4009 "Session timed out", say)."""
        ws = self._open_gateway()
        if invalidate_session:
            self._invalid_sessions.add(self.session_id)
        self._ws_ready = False
        self._event("close", code=code, invalidated=invalidate_session)
        await ws.close(code=code, message=b"closed by the fake")
        await self._notify()

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client should close and resume on a new connection."""
        ws = self._open_gateway()
        self._ws_ready = False
        self._event("reconnect_requested")
        await ws.send_json({"op": RECONNECT, "d": None, "s": None, "t": None})
        await self._notify()

    async def dispatch(self, event: str, data: dict[str, Any], *, lost_in_flight: bool = False) -> None:
        """Send one gateway event to the connected bot. lost_in_flight: give it its sequence
        number but never send it, as if the connection broke under it; a RESUME replays it."""
        if not self.connected:
            raise RuntimeError("no bot is connected to the fake gateway")
        await self._send(self._ws, event, data, deliver=not lost_in_flight)  # type: ignore[arg-type]

    # ------------------------------------------------------------ helpers for tests

    async def send_command(self, name: str, options: dict[str, Any] | None = None, *,
                           user: dict[str, Any] | None = None, permissions: str | None = None,
                           roles: list[str] | None = None, lost_in_flight: bool = False) -> Interaction:
        """Dispatch INTERACTION_CREATE for the slash command `name` (string options) in the guild
        channel, from `user` (the owner by default) with `roles` (ids from add_role); permissions
        overrides what they would come to (lost_in_flight: see dispatch)."""
        command = next((c for scope in (self.guild_id, None) for c in self.commands.get(scope, [])
                        if c["name"] == name), None)
        if command is None:
            raise LookupError(f"/{name} was never synced to the fake")
        interaction_id, token = self.snowflake(), "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)
        payload = {
            "id": interaction_id, "application_id": self.application_id, "type": 2, "token": token,
            "version": 1, "guild_id": self.guild_id, "channel_id": self.channel_id, "channel": self.channel(),
            "member": self._interaction_member(user or self.owner, roles, permissions),
            "data": {"id": command["id"], "name": name, "type": 1,
                     **({"guild_id": command["guild_id"]} if command.get("guild_id") else {}),
                     "options": [{"name": k, "type": 3, "value": v} for k, v in (options or {}).items()]},
            "locale": "en-US", "guild_locale": "en-US", "app_permissions": EVERYONE_PERMISSIONS,
            "entitlements": [], "authorizing_integration_owners": {"0": self.guild_id}, "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        # Known before it is sent, so a callback racing the send still finds it.
        interaction = Interaction(interaction_id, token, name, payload, time.monotonic())
        self.interactions[interaction_id] = interaction
        await self.dispatch("INTERACTION_CREATE", payload, lost_in_flight=lost_in_flight)
        return interaction

    async def click(self, message: dict[str, Any], custom_id: str, *, user: dict[str, Any] | None = None,
                    roles: list[str] | None = None) -> Interaction:
        """Dispatch INTERACTION_CREATE for a click on the button `custom_id` of `message` (a message
        object, or a payload the bot sent, e.g. a followup) by `user` (the owner by default) with
        `roles`."""
        buttons = [c["custom_id"] for row in message.get("components") or [] for c in row.get("components", [])]
        if custom_id not in buttons:
            raise LookupError(f"no button {custom_id!r} on the message (it has {buttons})")
        interaction_id, token = self.snowflake(), "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)
        stored = self._messages.get(str(message.get("id"))) or self._message(
            message, channel_id=self.channel_id, webhook_id=self.application_id)   # a followup's payload
        payload = {
            "id": interaction_id, "application_id": self.application_id, "type": 3, "token": token,
            "version": 1, "guild_id": self.guild_id, "channel_id": self.channel_id, "channel": self.channel(),
            "member": self._interaction_member(user or self.owner, roles), "message": stored,
            "data": {"custom_id": custom_id, "component_type": 2},
            "locale": "en-US", "guild_locale": "en-US", "app_permissions": EVERYONE_PERMISSIONS,
            "entitlements": [], "authorizing_integration_owners": {"0": self.guild_id}, "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        interaction = Interaction(interaction_id, token, custom_id, payload, time.monotonic())
        self.interactions[interaction_id] = interaction
        await self.dispatch("INTERACTION_CREATE", payload)
        return interaction

    async def submit_modal(self, interaction: Interaction, values: dict[str, str | list[str]], *,
                           user: dict[str, Any] | None = None, roles: list[str] | None = None) -> Interaction:
        """Fill in the modal the bot answered `interaction` with (callback type 9) and dispatch its
        INTERACTION_CREATE type 5 (MODAL_SUBMIT), as Discord does when the member presses Submit.

        `values` by custom_id: a string for a text input, a list of option values for a string
        select; a control left out is submitted empty. What Discord's client would not let
        through raises ValueError: a required control left empty, a value too long or too short,
        an option the select does not have, too few or too many options. The submitter is the
        member the modal was shown to unless `user` (with `roles`) is given.
        """
        callback = interaction.first_callback
        if callback is None or callback["type"] != MODAL:
            raise ValueError(f"interaction {interaction.name!r} was not answered with a modal: {callback}")
        modal = callback["data"]
        known = {leaf["custom_id"] for leaf in _modal_leaves(modal["components"])}
        if unknown := set(values) - known:
            raise LookupError(f"the modal has no control {sorted(unknown)} (it has {sorted(known)})")
        ids = itertools.count(1)   # Discord numbers the components that came without an id, in order
        submitted = [_submitted(component, values, ids) for component in modal["components"]]

        interaction_id, token = self.snowflake(), "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)
        shown_to = interaction.payload["member"]
        payload = {
            **{k: v for k, v in interaction.payload.items() if k in (
                "application_id", "version", "guild_id", "channel_id", "channel", "locale", "guild_locale",
                "app_permissions", "entitlements", "authorizing_integration_owners", "context",
                "attachment_size_limit", "message")},      # "message": when the modal came from a component
            "id": interaction_id, "type": 5, "token": token,
            "member": self._interaction_member(user, roles) if user is not None else shown_to,
            "data": {"custom_id": modal["custom_id"], "components": submitted},
        }
        submit = Interaction(interaction_id, token, f"modal:{modal['custom_id']}", payload, time.monotonic())
        self.interactions[interaction_id] = submit
        await self.dispatch("INTERACTION_CREATE", payload)
        return submit

    async def send_mention(self, text: str, *, user: dict[str, Any] | None = None) -> dict[str, Any]:
        """Dispatch MESSAGE_CREATE: `<@bot> text` from a member in the guild channel; the message."""
        author = user or self.owner
        message = {
            "id": self.snowflake(), "channel_id": self.channel_id, "guild_id": self.guild_id, "author": author,
            "member": self._member(author), "content": f"<@{self.application_id}> {text}",
            "timestamp": _now_iso(), "edited_timestamp": None, "tts": False, "mention_everyone": False,
            "mentions": [{**self.bot_user, "member": self._member(self.bot_user)}], "mention_roles": [],
            "attachments": [], "embeds": [], "components": [], "pinned": False, "type": 0, "flags": 0,
        }
        await self.dispatch("MESSAGE_CREATE", message)
        return message

    def replies_to(self, message_id: str) -> list[dict[str, Any]]:
        return [m for m in self.channel_messages
                if str((m.get("message_reference") or {}).get("message_id")) == str(message_id)]


def _modal_leaves(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The controls of a modal, inside their labels and action rows."""
    leaves = []
    for component in components:
        if component["type"] == LABEL:
            leaves += _modal_leaves([component["component"]])
        elif component["type"] == ACTION_ROW:
            leaves += _modal_leaves(component["components"])
        elif component["type"] != TEXT_DISPLAY:
            leaves.append(component)
    return leaves


def _submitted(component: dict[str, Any], values: dict[str, Any], ids: Iterator[int]) -> dict[str, Any]:
    """One component of a modal as Discord submits it: {type, id} and, for a label, its
    "component"; for an action row, its "components"; for a text input, custom_id and "value";
    for a string select, custom_id and "values"."""
    kind = component["type"]
    out: dict[str, Any] = {"type": kind, "id": component.get("id") or next(ids)}
    if kind == LABEL:
        out["component"] = _submitted(component["component"], values, ids)
    elif kind == ACTION_ROW:
        out["components"] = [_submitted(child, values, ids) for child in component["components"]]
    elif kind == TEXT_INPUT:
        custom_id, value = component["custom_id"], values.get(component["custom_id"], "")
        if not isinstance(value, str):
            raise ValueError(f"text input {custom_id!r} takes a string, not {value!r}")
        if component.get("required", True) and not value:
            raise ValueError(f"text input {custom_id!r} is required")
        if value and not component.get("min_length", 0) <= len(value) <= component.get("max_length", 4000):
            raise ValueError(f"text input {custom_id!r}: {len(value)} characters, outside "
                             f"{component.get('min_length', 0)}..{component.get('max_length', 4000)}")
        out.update(custom_id=custom_id, value=value)
    elif kind == STRING_SELECT:
        custom_id, chosen = component["custom_id"], values.get(component["custom_id"], [])
        if isinstance(chosen, str) or not all(isinstance(v, str) for v in chosen):
            raise ValueError(f"select {custom_id!r} takes a list of option values, not {chosen!r}")
        options = [o["value"] for o in component["options"]]
        if not set(chosen) <= set(options) or len(set(chosen)) != len(chosen):
            raise ValueError(f"select {custom_id!r} has options {options}, not {chosen}")
        least, most = component.get("min_values", 1), component.get("max_values", 1)
        if not (least <= len(chosen) <= most if chosen else least == 0 or not component.get("required", True)):
            raise ValueError(f"select {custom_id!r} takes {least}..{most} options, not {len(chosen)}")
        out.update(custom_id=custom_id, values=list(chosen))
    elif kind != TEXT_DISPLAY:
        raise NotImplementedError(f"the fake does not submit modal components of type {kind}")
    return out
