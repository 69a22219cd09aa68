"""MCP over streamable HTTP at /mcp, behind workspace API keys."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from mcp.server.mcpserver import MCPServer
from mcp.server.transport_security import TransportSecuritySettings
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from pinagent.services import Services
from pinagent.store.models import utcnow
from pinagent.store.repos import api_key_by_hash
from pinagent.tools.context import hash_api_key


class RequireApiKey:
    """Reject requests without a valid, unrevoked workspace API key before MCP sees them."""

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or [])
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        key = authorization[7:].strip() if authorization.lower().startswith("bearer ") else ""
        api_key = None
        if key:
            async with self.services.db.session() as session:
                api_key = await api_key_by_hash(session, hash_api_key(key))
                if api_key is not None:
                    api_key.last_used_at = utcnow()
        if api_key is None:
            body = json.dumps(
                {
                    "error": "invalid_token",
                    "error_description": "Send Authorization: Bearer <workspace API key> "
                    "(create one in the pinagent console under API keys).",
                }
            ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 401,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"www-authenticate", b'Bearer realm="pinagent"'),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def mcp_route(server: MCPServer[Any], services: Services, host: str, public_url: str | None) -> Route:
    """The /mcp route; the caller must run ``server.session_manager.run()`` in its lifespan."""
    hosts = ["127.0.0.1:*", "localhost:*", "[::1]:*"]
    origins = ["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"]
    if public_url:
        netloc = urlsplit(public_url).netloc
        hosts.append(netloc)
        origins.append(f"{urlsplit(public_url).scheme}://{netloc}")
    if host not in ("127.0.0.1", "localhost", "::1", "0.0.0.0"):  # noqa: S104 - a bind address, not a check
        hosts.append(f"{host}:*")
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=True, allowed_hosts=hosts, allowed_origins=origins
    )
    inner = server.streamable_http_app(streamable_http_path="/mcp", transport_security=security, host=host)
    route = next(r for r in inner.routes if isinstance(r, Route) and r.path == "/mcp")
    return Route("/mcp", endpoint=RequireApiKey(route.app, services))
