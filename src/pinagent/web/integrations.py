"""Integrations page: the Pinterest card, Connect/Reconnect/Disconnect and the ad-account picker."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from pinagent.config import REQUESTED_SCOPES
from pinagent.connect.errors import ConnectError, NeedsReconnectError, NotConnectedError
from pinagent.connect.states import AccountMode, ConnectionStatus
from pinagent.connect.vault import VaultError
from pinagent.pinterest.errors import PinterestError
from pinagent.services import Services
from pinagent.store.repos import connection_for, shared_accounts
from pinagent.web.csrf import verify
from pinagent.web.render import page

logger = logging.getLogger(__name__)


def _services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def _callback_url(request: Request) -> str:
    services = _services(request)
    base = services.settings.public_url or str(request.base_url).rstrip("/")
    return f"{base}/integrations/pinterest/callback"


async def integrations(request: Request, error: str | None = None, status_code: int = 200) -> Response:
    services = _services(request)
    workspace_id = await services.default_workspace_id()
    async with services.db.session() as session:
        connection = await connection_for(session, workspace_id)
        shared = await shared_accounts(session, workspace_id)
    status = ConnectionStatus(connection.status)
    granted = set(connection.scopes) if status in (ConnectionStatus.ACTIVE, ConnectionStatus.NEEDS_RECONNECT) else set()
    scopes = [{"name": s, "allows": allows, "granted": s in granted} for s, allows in REQUESTED_SCOPES.items()]
    return await page(
        request,
        "integrations.html",
        status_code=status_code,
        connection=connection,
        status=status,
        scopes=scopes,
        shared=shared,
        api_url=services.app.api_url,
        error=error or request.query_params.get("error"),
        notice=request.query_params.get("notice"),
    )


async def integrations_page(request: Request) -> Response:
    return await integrations(request)


async def start_connect(request: Request) -> Response:
    if not await verify(request):
        return await integrations(request, "The form expired; please try again.", 400)
    services = _services(request)
    form = await request.form()
    purpose = "reconnect" if form.get("purpose") == "reconnect" else "connect"
    workspace_id = await services.default_workspace_id()
    url = await services.connect.begin(workspace_id, _callback_url(request), purpose)
    return RedirectResponse(url, status_code=303)


async def callback(request: Request) -> Response:
    services = _services(request)
    params = request.query_params
    try:
        await services.connect.complete(params.get("state", ""), params.get("code"), params.get("error"))
    except ConnectError as exc:
        return await integrations(request, str(exc), 400)
    except PinterestError as exc:
        return await integrations(request, f"Pinterest did not answer as expected: {exc.message}", 502)
    except (NeedsReconnectError, NotConnectedError, VaultError) as exc:
        return await integrations(request, f"The connection could not be completed ({exc}). Click Connect again.", 502)
    return RedirectResponse("/integrations/pinterest/accounts", status_code=303)


async def account_picker(request: Request, error: str | None = None, status_code: int = 200) -> Response:
    services = _services(request)
    workspace_id = await services.default_workspace_id()
    try:
        choices = await services.connect.account_choices(workspace_id)
    except (NotConnectedError, NeedsReconnectError):
        return RedirectResponse("/integrations", status_code=303)
    except PinterestError as exc:
        return await integrations(request, f"Could not list your ad accounts: {exc.message}", 502)
    return await page(request, "accounts.html", status_code=status_code, choices=choices, error=error)


async def save_accounts(request: Request) -> Response:
    if not await verify(request):
        return await account_picker(request, "The form expired; please try again.", 400)
    services = _services(request)
    form = await request.form()
    selection: dict[str, AccountMode] = {}
    for ad_account_id in form.getlist("share"):
        mode = form.get(f"mode_{ad_account_id}", "read")
        try:
            selection[str(ad_account_id)] = AccountMode(str(mode))
        except ValueError:
            return await account_picker(request, f"Unknown access mode {mode!r}.", 400)
    workspace_id = await services.default_workspace_id()
    try:
        rows = await services.connect.save_selection(workspace_id, selection)
    except ConnectError as exc:
        return await account_picker(request, str(exc), 400)
    count = len(rows)
    notice = (
        f"Shared {count} ad account{'' if count == 1 else 's'} with pinagent."
        if count
        else ("No ad accounts are shared with pinagent; the agent can still use boards and Pins.")
    )
    return RedirectResponse(f"/integrations?notice={notice}", status_code=303)


async def disconnect(request: Request) -> Response:
    if not await verify(request):
        return await integrations(request, "The form expired; please try again.", 400)
    services = _services(request)
    await services.connect.disconnect(await services.default_workspace_id())
    return RedirectResponse("/integrations?notice=Pinterest disconnected; its tokens were deleted.", status_code=303)


routes = [
    Route("/integrations", integrations_page, methods=["GET"]),
    Route("/integrations/pinterest/connect", start_connect, methods=["POST"]),
    Route("/integrations/pinterest/callback", callback, methods=["GET"]),
    Route("/integrations/pinterest/accounts", account_picker, methods=["GET"]),
    Route("/integrations/pinterest/accounts", save_accounts, methods=["POST"]),
    Route("/integrations/pinterest/disconnect", disconnect, methods=["POST"]),
]
