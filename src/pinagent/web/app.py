"""The console app: pages, /mcp, and (on the embedded emulator) Pinterest itself at /v5 and /oauth."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from pinagent.mcp.server import build_server
from pinagent.services import Services
from pinagent.web import api_keys, approvals, brake, history, integrations, settings
from pinagent.web.access import ConsoleAccess, allowed_hosts, console_token
from pinagent.web.mcp_http import mcp_route


async def home(_request: Request) -> Response:
    return RedirectResponse("/integrations", status_code=303)


async def health(request: Request) -> Response:
    services: Services = request.app.state.services
    return JSONResponse({"status": "ok", "pinterest": services.app.label, "api_base_url": services.app.api_url})


def create_console(
    services: Services, *, host: str = "127.0.0.1", port: int = 8000, read_only: bool = False
) -> ConsoleAccess:
    """The whole `pinagent serve` app around already started services, behind the console's access checks."""
    server = build_server(services, read_only=read_only)
    routes: list[BaseRoute] = [
        Route("/", home),
        Route("/healthz", health),
        *integrations.routes,
        *api_keys.routes,
        *approvals.routes,
        *history.routes,
        *settings.routes,
        *brake.routes,
        mcp_route(server, services, host, services.settings.public_url),
        Mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static"),
    ]
    if services.app.emulator_asgi is not None:
        # The embedded emulator answers everything else: /v5, /oauth/ and /_emulator/.
        routes.append(Mount("/", app=services.app.emulator_asgi))

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        async with server.session_manager.run():
            yield

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.services = services
    token = console_token(services.settings.data_dir)
    return ConsoleAccess(app, token=token, hosts=allowed_hosts(host, port, services.settings.public_url))
