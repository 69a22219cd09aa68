"""Workspace API keys for MCP over HTTP: created once, shown once, stored as a hash."""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from pinagent.services import Services
from pinagent.store.models import ApiKey, utcnow
from pinagent.store.repos import api_keys
from pinagent.tools.context import API_KEY_PREFIX, hash_api_key
from pinagent.web.csrf import verify
from pinagent.web.render import page


async def create_api_key(services: Services, workspace_id: str, name: str) -> str:
    """Create a key and return it; only its hash is kept."""
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    async with services.db.session() as session:
        session.add(ApiKey(workspace_id=workspace_id, name=name, prefix=key[:10], key_hash=hash_api_key(key)))
    return key


async def keys_page(
    request: Request, new_key: str | None = None, new_key_name: str | None = None, error: str | None = None
) -> Response:
    services: Services = request.app.state.services
    workspace_id = await services.default_workspace_id()
    async with services.db.session() as session:
        keys = await api_keys(session, workspace_id)
    base = services.settings.public_url or str(request.base_url).rstrip("/")
    return await page(
        request,
        "api_keys.html",
        keys=keys,
        new_key=new_key,
        new_key_name=new_key_name,
        mcp_url=f"{base}/mcp",
        error=error,
        status_code=400 if error else 200,
    )


async def create_key(request: Request) -> Response:
    if not await verify(request):
        return await keys_page(request, error="The form expired; please try again.")
    form = await request.form()
    name = str(form.get("name") or "").strip()[:100]
    if not name:
        return await keys_page(request, error="Give the key a name, e.g. the MCP client that will use it.")
    services: Services = request.app.state.services
    key = await create_api_key(services, await services.default_workspace_id(), name)
    return await keys_page(request, new_key=key, new_key_name=name)


async def revoke_key(request: Request) -> Response:
    if not await verify(request):
        return await keys_page(request, error="The form expired; please try again.")
    services: Services = request.app.state.services
    workspace_id = await services.default_workspace_id()
    async with services.db.session() as session:
        key = await session.get(ApiKey, request.path_params["key_id"])
        if key is not None and key.workspace_id == workspace_id and key.revoked_at is None:
            key.revoked_at = utcnow()
    return RedirectResponse("/settings/api-keys", status_code=303)


routes = [
    Route("/settings/api-keys", keys_page, methods=["GET"]),
    Route("/settings/api-keys", create_key, methods=["POST"]),
    Route("/settings/api-keys/{key_id}/revoke", revoke_key, methods=["POST"]),
]
