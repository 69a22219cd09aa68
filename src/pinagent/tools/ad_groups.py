"""Toolset ``ads``: ad groups (budget, bid, schedule, targeting)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.changes.entities import AD_GROUP
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

COLUMNS = ("id", "name", "status", "campaign_id", "budget", "budget_type", "bid")
Targeting = Annotated[
    dict[str, list[str]] | None,
    Field(description="e.g. {'GEO': ['DE'], 'AGE_BUCKET': ['25-34']}"),
]


class AdGroupOut(BaseModel):
    id: str
    name: str
    status: str
    currency: str
    campaign_id: str | None = None
    budget: float | None = None
    budget_type: str | None = None
    bid: float | None = None
    bid_strategy: str | None = None
    billable_event: str | None = None
    summary_status: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    targeting_spec: dict[str, Any] | None = None
    auto_targeting: bool | None = None
    pacing: str | None = None
    placement_group: str | None = None


class AdGroupCreate(BaseModel):
    campaign_id: EntityId
    name: str = Field(min_length=1, max_length=255)
    billable_event: Literal["CLICKTHROUGH", "IMPRESSION", "VIDEO_V_50_MRC"]
    budget: float | None = Field(None, ge=0, description="Per day unless budget_type LIFETIME")
    budget_type: Literal["DAILY", "LIFETIME"] = "DAILY"
    bid: float | None = Field(None, ge=0)
    bid_strategy: Literal["AUTOMATIC_BID", "MAX_BID", "TARGET_AVG"] | None = None
    targeting_spec: Targeting = None
    optimization_goal_metadata: dict[str, Any] | None = None
    status: CreateStatus = "PAUSED"
    start_time: int | None = Field(None, description="Unix seconds")
    end_time: int | None = Field(None, description="Unix seconds")


class AdGroupUpdate(BaseModel):
    ad_group_id: EntityId
    name: str | None = Field(None, min_length=1, max_length=255)
    status: Status | None = None
    budget: float | None = Field(None, ge=0)
    bid: float | None = Field(None, ge=0)
    start_time: int | None = None
    end_time: int | None = None
    targeting_spec: Targeting = None


def _row(group: Any) -> dict[str, Any]:
    return {
        "id": group.id,
        "name": group.name or "",
        "status": group.status or "",
        "campaign_id": group.campaign_id,
        "budget": units(group.budget_in_micro_currency),
        "budget_type": group.budget_type,
        "bid": units(group.bid_in_micro_currency),
    }


def _money(label: str, budget: float | None, bid: float | None) -> dict[str, int]:
    return money_fields(label, {"budget": ("budget_in_micro_currency", budget), "bid": ("bid_in_micro_currency", bid)})


@agent_tool
async def list_ad_groups(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    campaign_ids: Ids | None = None,
    ad_group_ids: Ids | None = None,
    status: Statuses = None,
    limit: Limit = 50,
    cursor: str | None = None,
) -> Table:
    """Ad groups (by campaign or ids) as compact rows; money in currency units."""
    if campaign_ids and ad_group_ids:
        raise ToolProblem("Filter by campaign_ids or by ad_group_ids, not both (Pinterest allows one).")
    services, caller, shared = await on_account(ctx, ad_account_id)
    async with services.connect.client(caller.workspace_id) as client:
        pager = client.ad_groups.list(
            ad_account_id,
            campaign_ids=campaign_ids,
            ad_group_ids=ad_group_ids,
            entity_statuses=list(status) if status else None,
        )
        page = await pager.list_page(bookmark=cursor, page_size=limit)
    return table(
        [_row(g) for g in page.items], COLUMNS, optional=("bid",), currency=shared.currency, next_cursor=page.bookmark
    )


@agent_tool
async def get_ad_group(ctx: Context[Any, Any], ad_account_id: AdAccountId, ad_group_id: EntityId) -> AdGroupOut:
    """One ad group: budget, bid, billing, schedule and targeting."""
    services, caller, shared = await on_account(ctx, ad_account_id)
    async with services.connect.client(caller.workspace_id) as client:
        group = await client.ad_groups.get(ad_account_id, ad_group_id)
    return AdGroupOut(
        **_row(group),
        currency=shared.currency,
        bid_strategy=group.bid_strategy_type,
        billable_event=group.billable_event,
        summary_status=group.summary_status,
        start_time=iso_time(group.start_time),
        end_time=iso_time(group.end_time),
        targeting_spec=group.targeting_spec,
        auto_targeting=group.auto_targeting_enabled,
        pacing=group.pacing_delivery_type,
        placement_group=group.placement_group,
    )


@agent_tool
async def create_ad_groups(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    ad_groups: Annotated[list[AdGroupCreate], Field(min_length=1, max_length=100)],
    reason: Reason = None,
) -> ChangePlanOut:
    """Plan new ad groups (PAUSED unless asked). Writes nothing: returns a plan for apply_change."""
    services, caller, shared = await on_account(ctx, ad_account_id, write=True)
    items = []
    for new in ad_groups:
        item: dict[str, Any] = {
            "campaign_id": new.campaign_id,
            "name": new.name,
            "billable_event": new.billable_event,
            "budget_type": new.budget_type,
            "status": new.status,
        }
        item |= _money(f"Ad group “{new.name}”", new.budget, new.bid)
        item |= given(
            {
                "bid_strategy_type": new.bid_strategy,
                "targeting_spec": new.targeting_spec,
                "optimization_goal_metadata": new.optimization_goal_metadata,
                "start_time": new.start_time,
                "end_time": new.end_time,
            }
        )
        items.append(item)
    return await plan_create(
        services, caller, AD_GROUP, ad_account_id, shared.currency, items, reason, "create_ad_groups"
    )


@agent_tool
async def update_ad_groups(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    updates: Annotated[list[AdGroupUpdate], Field(min_length=1, max_length=100)],
    reason: Reason = None,
) -> ChangePlanOut:
    """Plan ad group changes (budget, bid, schedule, targeting, status). Returns a plan for apply_change."""
    services, caller, shared = await on_account(ctx, ad_account_id, write=True)
    edits = []
    for update in updates:
        label = f"Ad group {update.ad_group_id}"
        wire = given(
            {
                "name": update.name,
                "status": update.status,
                "start_time": update.start_time,
                "end_time": update.end_time,
                "targeting_spec": update.targeting_spec,
            }
        )
        wire |= _money(label, update.budget, update.bid)
        if not wire:
            raise ToolProblem(f"{label}: nothing to change; give at least one field to set.")
        edits.append(Edit(update.ad_group_id, wire))
    return await plan_update(
        services, caller, AD_GROUP, ad_account_id, shared.currency, edits, reason, "update_ad_groups"
    )


TOOLS = [
    ToolSpec(list_ad_groups, "ads", "List ad groups", read_only=True, idempotent=True),
    ToolSpec(get_ad_group, "ads", "Get ad group", read_only=True, idempotent=True),
    ToolSpec(create_ad_groups, "ads", "Plan new ad groups", read_only=False),
    ToolSpec(update_ad_groups, "ads", "Plan ad group updates", read_only=False),
]
