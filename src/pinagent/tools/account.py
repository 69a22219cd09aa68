"""Toolset ``account``: the connection and the connected Pinterest user."""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.config import REQUESTED_SCOPES
from pinagent.connect.states import ConnectionStatus
from pinagent.store.repos import connection_for, shared_accounts
from pinagent.tools.context import resolve_caller, services_of
from pinagent.tools.errors import agent_tool
from pinagent.tools.guards import on_connection
from pinagent.tools.registry import ToolSpec


class SharedAccountOut(BaseModel):
    id: str
    name: str
    currency: str
    mode: str = Field(description="read or read_write")


class ConnectionStatusOut(BaseModel):
    status: str = Field(description="not_connected | active | needs_reconnect | disconnected")
    status_label: str
    pinterest: str = Field(description="Which Pinterest: Pinterest, Pinterest (sandbox) or Emulated Pinterest")
    api_base_url: str
    username: str | None = None
    account_type: str | None = None
    scopes_granted: list[str] = []
    scopes_missing: list[str] = []
    shared_ad_accounts: list[SharedAccountOut] = []
    next_step: str | None = None


class UserAccountOut(BaseModel):
    id: str | None = None
    username: str | None = None
    account_type: str | None = None
    business_name: str | None = None
    website_url: str | None = None
    follower_count: int | None = None
    pin_count: int | None = None
    board_count: int | None = None
    monthly_views: int | None = None


def _next_step(status: ConnectionStatus, shared: int, reason: str | None) -> str | None:
    if status in (ConnectionStatus.NOT_CONNECTED, ConnectionStatus.DISCONNECTED):
        return "Connect Pinterest: console → Integrations → Pinterest → Connect, or run `pinagent connect`."
    if status is ConnectionStatus.NEEDS_RECONNECT:
        return f"{reason or 'Access was revoked'}. Click Reconnect on the Pinterest card (or `pinagent connect`)."
    if shared == 0:
        return "No ad accounts are shared yet: open the ad-account picker (Pinterest card → Ad accounts)."
    return None


@agent_tool
async def get_connection_status(ctx: Context[Any, Any]) -> ConnectionStatusOut:
    """Pinterest connection state, granted scopes and shared ad accounts. Call first when unsure."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    async with services.db.session() as session:
        connection = await connection_for(session, caller.workspace_id)
        shared = await shared_accounts(session, caller.workspace_id)
    status = ConnectionStatus(connection.status)
    granted = list(connection.scopes) if status is not ConnectionStatus.DISCONNECTED else []
    return ConnectionStatusOut(
        status=status.value,
        status_label=status.label,
        pinterest=services.app.label,
        api_base_url=services.app.api_url,
        username=connection.username,
        account_type=connection.account_type,
        scopes_granted=granted,
        scopes_missing=[s for s in REQUESTED_SCOPES if granted and s not in granted],
        shared_ad_accounts=[
            SharedAccountOut(id=a.ad_account_id, name=a.name, currency=a.currency, mode=a.mode) for a in shared
        ],
        next_step=_next_step(status, len(shared), connection.status_reason),
    )


@agent_tool
async def get_user_account(ctx: Context[Any, Any]) -> UserAccountOut:
    """The connected Pinterest user's profile (username, account type, counts)."""
    services, caller, _ = await on_connection(ctx)
    async with services.connect.client(caller.workspace_id) as client:
        user = await client.user_account.get()
    return UserAccountOut(
        id=user.id,
        username=user.username,
        account_type=user.account_type,
        business_name=user.business_name,
        website_url=user.website_url,
        follower_count=user.follower_count,
        pin_count=user.pin_count,
        board_count=user.board_count,
        monthly_views=user.monthly_views,
    )


TOOLS = [
    ToolSpec(get_connection_status, "account", "Connection status", read_only=True, idempotent=True),
    ToolSpec(get_user_account, "account", "Pinterest user profile", read_only=True, idempotent=True),
]
