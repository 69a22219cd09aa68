"""Toolset ``ads``: campaigns."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.changes.entities import CAMPAIGN
from pinagent.changes.planner import Edit
from pinagent.tools.common import (
    AdAccountId,
    CreateStatus,
    EntityId,
    Ids,
    Limit,
    Reason,
    Status,
    Statuses,
    Table,
    table,
)
from pinagent.tools.errors import ToolProblem, agent_tool
from pinagent.tools.formatting import iso_time, units
from pinagent.tools.guards import on_account
from pinagent.tools.plan_view import ChangePlanOut
from pinagent.tools.planning import given, money_fields, plan_create, plan_update
from pinagent.tools.registry import ToolSpec

Objective = Literal["AWARENESS", "CONSIDERATION", "WEB_CONVERSION", "CATALOG_SALES", "VIDEO_COMPLETION"]
COLUMNS = ("id", "name", "status", "daily_budget", "lifetime_budget")


class CampaignOut(BaseModel):
    id: str
    name: str
    status: str
    currency: str
    objective: str | None = None
    daily_budget: float | None = None
    lifetime_budget: float | None = None
    summary_status: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    created_time: str | None = None
    updated_time: str | None = None
    is_campaign_budget_optimization: bool | None = None


class CampaignCreate(BaseModel):
    name: str = Field(min_length=1, max_length=255)
    objective: Objective
    daily_budget: float | None = Field(None, ge=0, description="Currency units per day")
    lifetime_budget: float | None = Field(None, ge=0, description="Currency units in total")
    status: CreateStatus = "PAUSED"
    start_time: int | None = Field(None, description="Unix seconds")
    end_time: int | None = Field(None, description="Unix seconds")


class CampaignUpdate(BaseModel):
    campaign_id: EntityId
    name: str | None = Field(None, min_length=1, max_length=255)
    status: Status | None = None
    daily_budget: float | None = Field(None, ge=0)
    lifetime_budget: float | None = Field(None, ge=0)
    end_time: int | None = Field(None, description="Unix seconds")


def _row(campaign: Any) -> dict[str, Any]:
    return {
        "id": campaign.id,
        "name": campaign.name or "",
        "status": campaign.status or "",
        "daily_budget": units(campaign.daily_spend_cap),
        "lifetime_budget": units(campaign.lifetime_spend_cap),
    }


def _budgets(label: str, daily: float | None, lifetime: float | None) -> dict[str, int]:
    if daily is not None and lifetime is not None:
        raise ToolProblem(f"{label}: set daily_budget or lifetime_budget, not both (Pinterest allows one).")
    return money_fields(
        label, {"daily_budget": ("daily_spend_cap", daily), "lifetime_budget": ("lifetime_spend_cap", lifetime)}
    )


@agent_tool
async def list_campaigns(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    status: Statuses = None,
    campaign_ids: Ids | None = None,
    name_contains: Annotated[str | None, Field(description="Case-insensitive; searches all pages, up to limit")] = None,
    limit: Limit = 50,
    cursor: str | None = None,
) -> Table:
    """Campaigns of a shared ad account as compact rows (budgets in currency units)."""
    services, caller, shared = await on_account(ctx, ad_account_id)
    statuses = list(status) if status else None
    async with services.connect.client(caller.workspace_id) as client:
        pager = client.campaigns.list(ad_account_id, campaign_ids=campaign_ids, entity_statuses=statuses)
        if name_contains:
            needle = name_contains.casefold()
            rows = [_row(c) async for c in pager if needle in (c.name or "").casefold()][:limit]
            return table(rows, COLUMNS, optional=COLUMNS[3:], currency=shared.currency)
        page = await pager.list_page(bookmark=cursor, page_size=limit)
    rows = [_row(c) for c in page.items]
    return table(rows, COLUMNS, optional=COLUMNS[3:], currency=shared.currency, next_cursor=page.bookmark)


@agent_tool
async def get_campaign(ctx: Context[Any, Any], ad_account_id: AdAccountId, campaign_id: EntityId) -> CampaignOut:
    """One campaign with status, objective, budgets (currency units) and schedule."""
    services, caller, shared = await on_account(ctx, ad_account_id)
    async with services.connect.client(caller.workspace_id) as client:
        campaign = await client.campaigns.get(ad_account_id, campaign_id)
    extra = campaign.model_dump()
    return CampaignOut(
        **_row(campaign),
        currency=shared.currency,
        objective=campaign.objective_type,
        summary_status=extra.get("summary_status"),
        start_time=iso_time(campaign.start_time),
        end_time=iso_time(campaign.end_time),
        created_time=iso_time(campaign.created_time),
        updated_time=iso_time(campaign.updated_time),
        is_campaign_budget_optimization=extra.get("is_campaign_budget_optimization"),
    )


@agent_tool
async def create_campaigns(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    campaigns: Annotated[list[CampaignCreate], Field(min_length=1, max_length=100)],
    reason: Reason = None,
) -> ChangePlanOut:
    """Plan new campaigns (PAUSED unless asked). Writes nothing: returns a plan for apply_change."""
    services, caller, shared = await on_account(ctx, ad_account_id, write=True)
    items = []
    for new in campaigns:
        item: dict[str, Any] = {
            "ad_account_id": ad_account_id,
            "name": new.name,
            "objective_type": new.objective,
            "status": new.status,
        }
        item |= _budgets(f"Campaign “{new.name}”", new.daily_budget, new.lifetime_budget)
        item |= given({"start_time": new.start_time, "end_time": new.end_time})
        items.append(item)
    return await plan_create(
        services, caller, CAMPAIGN, ad_account_id, shared.currency, items, reason, "create_campaigns"
    )


@agent_tool
async def update_campaigns(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    updates: Annotated[list[CampaignUpdate], Field(min_length=1, max_length=100)],
    reason: Reason = None,
) -> ChangePlanOut:
    """Plan campaign changes (status, budgets, name, end). Writes nothing: returns a plan for apply_change."""
    services, caller, shared = await on_account(ctx, ad_account_id, write=True)
    edits = []
    for update in updates:
        label = f"Campaign {update.campaign_id}"
        wire = given({"name": update.name, "status": update.status, "end_time": update.end_time})
        wire |= _budgets(label, update.daily_budget, update.lifetime_budget)
        if not wire:
            raise ToolProblem(
                f"{label}: nothing to change; give at least one of name, status, daily_budget, lifetime_budget, end_time."
            )
        edits.append(Edit(update.campaign_id, wire))
    return await plan_update(
        services, caller, CAMPAIGN, ad_account_id, shared.currency, edits, reason, "update_campaigns"
    )


TOOLS = [
    ToolSpec(list_campaigns, "ads", "List campaigns", read_only=True, idempotent=True),
    ToolSpec(get_campaign, "ads", "Get campaign", read_only=True, idempotent=True),
    ToolSpec(create_campaigns, "ads", "Plan new campaigns", read_only=False),
    ToolSpec(update_campaigns, "ads", "Plan campaign updates", read_only=False),
]
