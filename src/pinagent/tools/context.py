"""What a tool call runs with: the shared services, the calling workspace and who is calling."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Protocol

from mcp.server.mcpserver import Context

from pinagent.services import Services
from pinagent.store.repos import api_key_by_hash

API_KEY_PREFIX = "pa_"


def hash_api_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class Caller:
    workspace_id: str
    actor: str  # who, for the change history: "mcp:stdio" or "api-key:<prefix>"
    can_elicit: bool


async def resolve_caller(services: Services, ctx: Context[Any, Any]) -> Caller:
    """The workspace a call acts for: its API key's over HTTP, the data dir's default over stdio."""
    capabilities = ctx.client_capabilities
    can_elicit = bool(capabilities and capabilities.elicitation)
    headers = ctx.headers
    authorization = headers.get("authorization", "") if headers else ""
    if authorization.lower().startswith("bearer "):
        key = authorization[7:].strip()
        async with services.db.session() as session:
            api_key = await api_key_by_hash(session, hash_api_key(key))
        if api_key is not None:
            return Caller(api_key.workspace_id, f"api-key:{api_key.prefix}", can_elicit)
    return Caller(await services.default_workspace_id(), "mcp:stdio", can_elicit)


class ServicesSource(Protocol):
    async def get(self) -> Services: ...


async def services_of(ctx: Context[Any, Any]) -> Services:
    """The process's services: given directly (console), or started on first use (stdio)."""
    state: Services | ServicesSource = ctx.request_context.lifespan_context
    if isinstance(state, Services):
        return state
    return await state.get()
