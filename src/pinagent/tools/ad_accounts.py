"""Toolset ``ads``: the ad accounts the workspace shared."""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.store.repos import shared_accounts
from pinagent.tools.common import AdAccountId
from pinagent.tools.context import resolve_caller, services_of
from pinagent.tools.errors import agent_tool
from pinagent.tools.guards import business_connection, on_account
from pinagent.tools.registry import ToolSpec


class AdAccountOut(BaseModel):
    id: str
    name: str
    currency: str
    mode: str = Field(description="What pinagent may do here: read or read_write")
    permissions: list[str] = Field(description="The connected user's Pinterest roles on the account")
    country: str | None = None
    owner: str | None = None


class AdAccountList(BaseModel):
    items: list[AdAccountOut]


@agent_tool
async def list_ad_accounts(ctx: Context[Any, Any]) -> AdAccountList:
    """Ad accounts shared with pinagent, with currency and what the agent may do on each."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    await business_connection(services, caller)
    async with services.db.session() as session:
        shared = {a.ad_account_id: a for a in await shared_accounts(session, caller.workspace_id)}
    items: list[AdAccountOut] = []
    if shared:
        async with services.connect.client(caller.workspace_id) as client:
            async for account in client.ad_accounts.list():
                if (row := shared.get(account.id)) is not None:
                    items.append(
                        AdAccountOut(
                            id=account.id,
                            name=account.name or row.name,
                            currency=account.currency or row.currency,
                            mode=row.mode,
                            permissions=list(account.permissions or []),
                            country=account.country,
                            owner=account.owner.username if account.owner else None,
                        )
                    )
    return AdAccountList(items=items)


@agent_tool
async def get_ad_account(ctx: Context[Any, Any], ad_account_id: AdAccountId) -> AdAccountOut:
    """One shared ad account: name, currency, country, owner and the user's roles."""
    services, caller, shared = await on_account(ctx, ad_account_id)
    async with services.connect.client(caller.workspace_id) as client:
        account = await client.ad_accounts.get(ad_account_id)
    return AdAccountOut(
        id=account.id,
        name=account.name or shared.name,
        currency=account.currency or shared.currency,
        mode=shared.mode,
        permissions=list(account.permissions or []),
        country=account.country,
        owner=account.owner.username if account.owner else None,
    )


TOOLS = [
    ToolSpec(list_ad_accounts, "ads", "List shared ad accounts", read_only=True, idempotent=True),
    ToolSpec(get_ad_account, "ads", "Get ad account", read_only=True, idempotent=True),
]
