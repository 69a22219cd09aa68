"""Toolset ``ads``: ad accounts and campaigns (ad groups and ads follow the same shape)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.changes.campaigns import CampaignEdit, PlanningError, plan_campaign_updates
from pinagent.changes.plans import save_plan
from pinagent.store.repos import shared_accounts, workspace_by_id
from pinagent.tools.changes import ChangePlanOut, plan_out
from pinagent.tools.context import resolve_caller, services_of
from pinagent.tools.errors import ToolProblem, agent_tool
from pinagent.tools.formatting import iso_time, micro, units
from pinagent.tools.guards import active_connection, shared_ad_account
from pinagent.tools.registry import ToolSpec

AdAccountId = Annotated[str, Field(pattern=r"^\d+$", description="Ad account id")]
CampaignStatus = Literal["ACTIVE", "PAUSED", "ARCHIVED"]


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


class CampaignRow(BaseModel):
    id: str
    name: str
    status: str
    objective: str | None = None
    daily_budget: float | None = None
    lifetime_budget: float | None = None


LIST_COLUMNS = ["id", "name", "status", "daily_budget", "lifetime_budget"]


class CampaignList(BaseModel):
    """Rows are positional (see ``columns``) to keep long lists small in the agent's context."""

    currency: str
    columns: list[str] = Field(description="Meaning of each position in a row")
    rows: list[list[str | int | float | None]]
    next_cursor: str | None = Field(None, description="Pass as cursor for the next page")


def campaign_list(currency: str, campaigns: list[CampaignRow], next_cursor: str | None) -> CampaignList:
    columns = LIST_COLUMNS if any(c.lifetime_budget is not None for c in campaigns) else LIST_COLUMNS[:-1]
    rows = [[_number(getattr(c, col)) for col in columns] for c in campaigns]
    return CampaignList(currency=currency, columns=columns, rows=rows, next_cursor=next_cursor)


def _number(value: str | float | None) -> str | int | float | None:
    # 40.0 → 40: two bytes a row add up over a long list.
    return int(value) if isinstance(value, float) and value.is_integer() else value


class CampaignOut(CampaignRow):
    currency: str
    summary_status: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    created_time: str | None = None
    updated_time: str | None = None
    is_campaign_budget_optimization: bool | None = None


class CampaignUpdate(BaseModel):
    campaign_id: str = Field(pattern=r"^\d+$")
    name: str | None = Field(None, min_length=1, max_length=255)
    status: CampaignStatus | None = None
    daily_budget: float | None = Field(None, ge=0, description="Currency units per day, e.g. 25.5")
    lifetime_budget: float | None = Field(None, ge=0, description="Currency units in total")
    end_time: int | None = Field(None, description="Unix seconds")


def _row(campaign: Any) -> CampaignRow:
    return CampaignRow(
        id=campaign.id,
        name=campaign.name or "",
        status=campaign.status or "",
        objective=campaign.objective_type,
        daily_budget=units(campaign.daily_spend_cap),
        lifetime_budget=units(campaign.lifetime_spend_cap),
    )


@agent_tool
async def list_ad_accounts(ctx: Context[Any, Any]) -> AdAccountList:
    """Ad accounts shared with pinagent, with currency and what the agent may do on each."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    await active_connection(services, caller)
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
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    shared = await shared_ad_account(services, caller, ad_account_id)
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


@agent_tool
async def list_campaigns(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    status: Annotated[list[CampaignStatus] | None, Field(description="Default ACTIVE and PAUSED")] = None,
    campaign_ids: Annotated[list[str] | None, Field(max_length=250)] = None,
    name_contains: Annotated[str | None, Field(description="Case-insensitive name filter")] = None,
    limit: Annotated[int, Field(ge=1, le=250)] = 50,
    cursor: str | None = None,
) -> CampaignList:
    """Campaigns of a shared ad account as compact rows (budgets in currency units)."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    shared = await shared_ad_account(services, caller, ad_account_id)
    statuses = list(status) if status else None
    async with services.connect.client(caller.workspace_id) as client:
        pager = client.campaigns.list(ad_account_id, campaign_ids=campaign_ids, entity_statuses=statuses)
        if name_contains:
            needle = name_contains.casefold()
            rows = [_row(c) async for c in pager if needle in (c.name or "").casefold()][:limit]
            return campaign_list(shared.currency, rows, None)
        page = await pager.list_page(bookmark=cursor, page_size=limit)
    return campaign_list(shared.currency, [_row(c) for c in page.items], page.bookmark)


@agent_tool
async def get_campaign(ctx: Context[Any, Any], ad_account_id: AdAccountId, campaign_id: str) -> CampaignOut:
    """One campaign with status, objective, budgets (currency units) and schedule."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    shared = await shared_ad_account(services, caller, ad_account_id)
    async with services.connect.client(caller.workspace_id) as client:
        campaign = await client.campaigns.get(ad_account_id, campaign_id)
    return CampaignOut(
        **_row(campaign).model_dump(),
        currency=shared.currency,
        summary_status=getattr(campaign, "summary_status", None),
        start_time=iso_time(campaign.start_time),
        end_time=iso_time(campaign.end_time),
        created_time=iso_time(campaign.created_time),
        updated_time=iso_time(campaign.updated_time),
        is_campaign_budget_optimization=getattr(campaign, "is_campaign_budget_optimization", None),
    )


@agent_tool
async def update_campaigns(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    updates: Annotated[list[CampaignUpdate], Field(min_length=1, max_length=100)],
    reason: Annotated[str | None, Field(description="Why, in the person's words (kept in history)")] = None,
) -> ChangePlanOut:
    """Plan campaign changes (status, budgets, name, end). Writes nothing: returns a plan for apply_change."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    shared = await shared_ad_account(services, caller, ad_account_id, write=True)
    edits: list[CampaignEdit] = []
    for update in updates:
        wire: dict[str, Any] = {}
        if update.name is not None:
            wire["name"] = update.name
        if update.status is not None:
            wire["status"] = update.status
        if update.daily_budget is not None and update.lifetime_budget is not None:
            raise ToolProblem(
                f"Campaign {update.campaign_id}: set daily_budget or lifetime_budget, not both (Pinterest allows one)."
            )
        try:
            if update.daily_budget is not None:
                wire["daily_spend_cap"] = micro(update.daily_budget, "daily_budget")
            if update.lifetime_budget is not None:
                wire["lifetime_spend_cap"] = micro(update.lifetime_budget, "lifetime_budget")
        except ValueError as exc:
            raise ToolProblem(f"Campaign {update.campaign_id}: {exc}") from exc
        if update.end_time is not None:
            wire["end_time"] = update.end_time
        if not wire:
            raise ToolProblem(
                f"Campaign {update.campaign_id}: nothing to change; give at least one of name, status, "
                "daily_budget, lifetime_budget, end_time."
            )
        edits.append(CampaignEdit(update.campaign_id, wire))
    async with services.connect.client(caller.workspace_id) as client:
        try:
            draft = await plan_campaign_updates(client, ad_account_id, shared.currency, edits, reason)
        except PlanningError as exc:
            raise ToolProblem(str(exc)) from exc
    async with services.db.session() as session:
        workspace = await workspace_by_id(session, caller.workspace_id)
    policy = workspace.approval_policy if workspace else "spend_and_activation"
    plan = await save_plan(services.db, caller.workspace_id, caller.actor, draft, policy)
    return plan_out(plan)


TOOLS = [
    ToolSpec(list_ad_accounts, "ads", "List shared ad accounts", read_only=True, idempotent=True),
    ToolSpec(get_ad_account, "ads", "Get ad account", read_only=True, idempotent=True),
    ToolSpec(list_campaigns, "ads", "List campaigns", read_only=True, idempotent=True),
    ToolSpec(get_campaign, "ads", "Get campaign", read_only=True, idempotent=True),
    ToolSpec(update_campaigns, "ads", "Plan campaign updates", read_only=False),
]
