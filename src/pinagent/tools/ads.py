"""Toolset ``ads``: ads (a promoted Pin in an ad group), with review status."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.changes.entities import AD
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
from pinagent.tools.formatting import iso_time
from pinagent.tools.guards import on_account
from pinagent.tools.plan_view import ChangePlanOut
from pinagent.tools.planning import given, plan_create, plan_update
from pinagent.tools.registry import ToolSpec

COLUMNS = ("id", "name", "status", "ad_group_id", "pin_id", "review_status")
CreativeType = Literal["REGULAR", "VIDEO", "SHOPPING", "CAROUSEL", "MAX_VIDEO", "COLLECTION", "IDEA"]


class AdOut(BaseModel):
    id: str
    name: str | None = None
    status: str | None = None
    ad_group_id: str | None = None
    campaign_id: str | None = None
    pin_id: str | None = None
    creative_type: str | None = None
    review_status: str | None = None
    rejected_reasons: list[str] | None = None
    rejection_labels: list[str] | None = None
    summary_status: str | None = None
    destination_url: str | None = None
    created_time: str | None = None
    updated_time: str | None = None


class AdCreate(BaseModel):
    ad_group_id: EntityId
    pin_id: EntityId
    creative_type: CreativeType = "REGULAR"
    name: str | None = Field(None, max_length=255)
    destination_url: str | None = Field(None, max_length=2048)
    status: CreateStatus = "PAUSED"


class AdUpdate(BaseModel):
    ad_id: EntityId
    name: str | None = Field(None, max_length=255)
    status: Status | None = None
    destination_url: str | None = Field(None, max_length=2048)


@agent_tool
async def list_ads(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    campaign_ids: Ids | None = None,
    ad_group_ids: Ids | None = None,
    ad_ids: Ids | None = None,
    status: Statuses = None,
    limit: Limit = 50,
    cursor: str | None = None,
) -> Table:
    """Ads (by campaign, ad group or ids; one filter) as compact rows with review status."""
    if sum(bool(f) for f in (campaign_ids, ad_group_ids, ad_ids)) > 1:
        raise ToolProblem("Filter by only one of campaign_ids, ad_group_ids or ad_ids (Pinterest allows one).")
    services, caller, _ = await on_account(ctx, ad_account_id)
    async with services.connect.client(caller.workspace_id) as client:
        pager = client.ads.list(
            ad_account_id,
            campaign_ids=campaign_ids,
            ad_group_ids=ad_group_ids,
            ad_ids=ad_ids,
            entity_statuses=list(status) if status else None,
        )
        page = await pager.list_page(bookmark=cursor, page_size=limit)
    return table([a.model_dump() for a in page.items], COLUMNS, next_cursor=page.bookmark)


@agent_tool
async def get_ad(ctx: Context[Any, Any], ad_account_id: AdAccountId, ad_id: EntityId) -> AdOut:
    """One ad with its Pin, review status and any rejection reasons."""
    services, caller, _ = await on_account(ctx, ad_account_id)
    async with services.connect.client(caller.workspace_id) as client:
        ad = await client.ads.get(ad_account_id, ad_id)
    data = ad.model_dump()
    fields = {name: data.get(name) for name in AdOut.model_fields if name not in ("created_time", "updated_time")}
    return AdOut(**fields, created_time=iso_time(ad.created_time), updated_time=iso_time(ad.updated_time))


@agent_tool
async def create_ads(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    ads: Annotated[list[AdCreate], Field(min_length=1, max_length=100)],
    reason: Reason = None,
) -> ChangePlanOut:
    """Plan ads promoting existing Pins (PAUSED unless asked). Returns a plan for apply_change."""
    services, caller, shared = await on_account(ctx, ad_account_id, write=True)
    items = [
        {"ad_group_id": new.ad_group_id, "pin_id": new.pin_id, "creative_type": new.creative_type, "status": new.status}
        | given({"name": new.name, "destination_url": new.destination_url})
        for new in ads
    ]
    return await plan_create(services, caller, AD, ad_account_id, shared.currency, items, reason, "create_ads")


@agent_tool
async def update_ads(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    updates: Annotated[list[AdUpdate], Field(min_length=1, max_length=100)],
    reason: Reason = None,
) -> ChangePlanOut:
    """Plan ad changes (status, name, destination URL). Returns a plan for apply_change."""
    services, caller, shared = await on_account(ctx, ad_account_id, write=True)
    edits = []
    for update in updates:
        wire = given({"name": update.name, "status": update.status, "destination_url": update.destination_url})
        if not wire:
            raise ToolProblem(f"Ad {update.ad_id}: nothing to change; give name, status or destination_url.")
        edits.append(Edit(update.ad_id, wire))
    return await plan_update(services, caller, AD, ad_account_id, shared.currency, edits, reason, "update_ads")


TOOLS = [
    ToolSpec(list_ads, "ads", "List ads", read_only=True, idempotent=True),
    ToolSpec(get_ad, "ads", "Get ad", read_only=True, idempotent=True),
    ToolSpec(create_ads, "ads", "Plan new ads", read_only=False),
    ToolSpec(update_ads, "ads", "Plan ad updates", read_only=False),
]
