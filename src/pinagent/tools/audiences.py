"""Toolset ``audiences``: targeting audiences of an ad account."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.changes.entities import AUDIENCE
from pinagent.changes.planner import Edit
from pinagent.tools.common import AdAccountId, EntityId, Limit, Reason, Table, table
from pinagent.tools.errors import ToolProblem, agent_tool
from pinagent.tools.guards import on_account
from pinagent.tools.plan_view import ChangePlanOut
from pinagent.tools.planning import given, plan_create, plan_update
from pinagent.tools.registry import ToolSpec

AudienceType = Literal["CUSTOMER_LIST", "VISITOR", "ENGAGEMENT", "ACTALIKE", "PERSONA"]
COLUMNS = ("id", "name", "audience_type", "status", "size")


class AudienceOut(BaseModel):
    id: str
    name: str | None = None
    audience_type: str | None = None
    status: str | None = None
    size: int | None = None
    description: str | None = None
    rule: dict[str, Any] | None = None


def check_rule(audience_type: str, rule: dict[str, Any]) -> None:
    """Pinterest's rule constraints, checked before any request (FACTS §8).

    Raises:
        ToolProblem: naming the rule field, why, and the allowed values.
    """
    if audience_type == "ACTALIKE":
        if not rule.get("seed_id"):
            raise ToolProblem("rule.seed_id: an ACTALIKE audience needs seed audience ids, e.g. {'seed_id': ['123']}.")
        percentage = rule.get("percentage")
        if percentage is not None and not (isinstance(percentage, int | float) and 1 <= percentage <= 10):
            raise ToolProblem(f"rule.percentage must be between 1 and 10 (got {percentage!r}).")
    if audience_type == "VISITOR":
        days = rule.get("retention_days")
        if days is not None and not (isinstance(days, int) and 1 <= days <= 540):
            raise ToolProblem(f"rule.retention_days must be a whole number from 1 to 540 (got {days!r}).")
    if audience_type == "CUSTOMER_LIST" and not rule.get("customer_list_id"):
        raise ToolProblem("rule.customer_list_id: a CUSTOMER_LIST audience needs the id of an uploaded customer list.")


@agent_tool
async def list_audiences(
    ctx: Context[Any, Any], ad_account_id: AdAccountId, limit: Limit = 50, cursor: str | None = None
) -> Table:
    """Targeting audiences of a shared ad account (type, status, size)."""
    services, caller, _ = await on_account(ctx, ad_account_id)
    async with services.connect.client(caller.workspace_id) as client:
        page = await client.audiences.list(ad_account_id).list_page(bookmark=cursor, page_size=limit)
    return table([a.model_dump() for a in page.items], COLUMNS, optional=("size",), next_cursor=page.bookmark)


@agent_tool
async def get_audience(ctx: Context[Any, Any], ad_account_id: AdAccountId, audience_id: EntityId) -> AudienceOut:
    """One audience with its rule, status and size."""
    services, caller, _ = await on_account(ctx, ad_account_id)
    async with services.connect.client(caller.workspace_id) as client:
        audience = await client.audiences.get(ad_account_id, audience_id)
    data = audience.model_dump()
    return AudienceOut(**{name: data.get(name) for name in AudienceOut.model_fields})


@agent_tool
async def create_audience(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    name: Annotated[str, Field(min_length=1, max_length=255)],
    audience_type: AudienceType,
    rule: Annotated[dict[str, Any], Field(description="e.g. VISITOR {'visitor_source_id': …, 'retention_days': 30}")],
    description: str | None = None,
    reason: Reason = None,
) -> ChangePlanOut:
    """Plan a new targeting audience. Returns a plan for apply_change."""
    check_rule(audience_type, rule)
    services, caller, shared = await on_account(ctx, ad_account_id, write=True)
    item = {"ad_account_id": ad_account_id, "name": name, "audience_type": audience_type, "rule": rule}
    item |= given({"description": description})
    return await plan_create(
        services, caller, AUDIENCE, ad_account_id, shared.currency, [item], reason, "create_audience"
    )


@agent_tool
async def update_audience(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    audience_id: EntityId,
    name: str | None = None,
    description: str | None = None,
    rule: dict[str, Any] | None = None,
    reason: Reason = None,
) -> ChangePlanOut:
    """Plan changes to an audience's name, description or rule. Returns a plan for apply_change."""
    wire = given({"name": name, "description": description, "rule": rule})
    if not wire:
        raise ToolProblem("Nothing to change: give name, description or rule.")
    services, caller, shared = await on_account(ctx, ad_account_id, write=True)
    edits = [Edit(audience_id, wire)]
    return await plan_update(
        services, caller, AUDIENCE, ad_account_id, shared.currency, edits, reason, "update_audience"
    )


TOOLS = [
    ToolSpec(list_audiences, "audiences", "List audiences", read_only=True, idempotent=True),
    ToolSpec(get_audience, "audiences", "Get audience", read_only=True, idempotent=True),
    ToolSpec(create_audience, "audiences", "Plan a new audience", read_only=False),
    ToolSpec(update_audience, "audiences", "Plan an audience update", read_only=False),
]
