"""Who may use the console: a known Host, a same-origin form, and the console's access token.

The console is where a person approves changes, so an agent (or a web page) must not be able to
drive it. Three checks, in one ASGI middleware:

- Host: only the names this server answers to (loopback, the bind address, PINAGENT_PUBLIC_URL), which
  defeats DNS rebinding;
- Origin: a state-changing request from a browser must come from one of those origins;
- access token: console pages need the session cookie set by opening the link `pinagent serve` prints
  (``/?token=…``); the token lives in the data dir with mode 0600.

Pinterest's own surfaces on the same port are left alone: ``/mcp`` has its API keys, the embedded
emulator (``/v5``, ``/oauth/``, ``/_emulator/``) behaves like Pinterest, ``/healthz`` and ``/static`` are public.
"""

from __future__ import annotations

import hashlib
import hmac
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from pinagent.local_secrets import read_or_create

CONSOLE_ACCESS_FILE = "console.token"
COOKIE = "pinagent_console"
OPEN_PREFIXES = ("/mcp", "/v5", "/oauth", "/_emulator", "/healthz", "/static")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def console_token(data_dir: Path) -> str:
    """The console's access token, generated once (mode 0600) like the token-encryption key."""
    return read_or_create(data_dir / CONSOLE_ACCESS_FILE, 24)[0]


def allowed_hosts(bind_host: str, port: int, public_url: str | None) -> set[str]:
    names = {"127.0.0.1", "localhost", "[::1]", "::1"}
    if bind_host not in ("0.0.0.0", "::"):  # noqa: S104 - a bind address, not a check
        names.add(bind_host)
    hosts = {f"{name}:{port}" for name in names} | names
    if public_url:
        hosts.add(urlsplit(public_url).netloc)
    return hosts


class ConsoleAccess:
    def __init__(self, app: ASGIApp, *, token: str, hosts: set[str]) -> None:
        self.app = app
        self.hosts = hosts
        self._token = token
        # The cookie carries a digest of the token, never the token itself.
        self._session = hmac.new(token.encode(), b"pinagent-console-session", hashlib.sha256).hexdigest()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers") or []}
        if headers.get("host", "") not in self.hosts:
            await _plain(send, 421, "Unknown host: open pinagent through the address it printed at start.")
            return
        path: str = scope.get("path", "")
        if path.startswith(OPEN_PREFIXES):
            await self.app(scope, receive, send)
            return
        origin = headers.get("origin")
        if scope.get("method") not in SAFE_METHODS and origin and urlsplit(origin).netloc not in self.hosts:
            await _plain(send, 403, "Cross-origin form submissions are refused.")
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query and hmac.compare_digest(query["token"], self._token):
            rest = urlencode({k: v for k, v in query.items() if k != "token"})
            target = (path if path != "/" else "/integrations") + (f"?{rest}" if rest else "")
            cookie = f"{COOKIE}={self._session}; Path=/; HttpOnly; SameSite=Lax"
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [(b"location", target.encode()), (b"set-cookie", cookie.encode())],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        jar = SimpleCookie(headers.get("cookie", ""))
        session = jar[COOKIE].value if COOKIE in jar else ""
        if not hmac.compare_digest(session, self._session):
            await _plain(
                send,
                401,
                "The pinagent console needs its access link: open the URL `pinagent serve` printed "
                "(it ends in ?token=…), or read the token from console.token in the data dir.",
            )
            return
        await self.app(scope, receive, send)


async def _plain(send: Send, status: int, text: str) -> None:
    await send(
        {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain; charset=utf-8")]}
    )
    await send({"type": "http.response.body", "body": text.encode()})
