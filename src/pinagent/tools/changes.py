"""Toolset ``changes``: apply (and later inspect, undo, discard) change plans."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import update

from pinagent.changes.apply import ApplyRefused, apply_plan, load_plan
from pinagent.changes.approvals import ApprovalError, approve
from pinagent.changes.planner import PlanningError
from pinagent.changes.plans import record_event
from pinagent.changes.undo import plan_undo
from pinagent.store.models import ChangePlan, utcnow
from pinagent.store.repos import change_events, change_plans
from pinagent.tools.common import Reason, Table, table
from pinagent.tools.context import Caller, resolve_caller, services_of
from pinagent.tools.errors import ToolProblem, agent_tool
from pinagent.tools.formatting import iso_utc
from pinagent.tools.guards import active_connection, shared_ad_account
from pinagent.tools.plan_view import ChangePlanOut, plan_out
from pinagent.tools.planning import check_apply_rules, submit
from pinagent.tools.registry import ToolSpec


def _change_id(value: str) -> str:
    if not re.fullmatch(r"chg_[0-9a-f]{16}", value):
        raise ValueError(f"must be a change_id from a plan, like 'chg_0123456789abcdef' (got {value[:40]!r})")
    return value


ChangeId = Annotated[str, AfterValidator(_change_id)]


class ApplyOut(BaseModel):
    change_id: str
    status: str = Field(description="applied | partially_applied | failed | refused")
    message: str
    applied: list[str]
    failed: list[dict[str, Any]]
    readback_differences: list[dict[str, Any]]
    already_applied: bool = Field(description="True when an earlier call applied it; nothing was sent again")


class Approval(BaseModel):
    approve: bool = Field(description="Apply this change now?")


async def _obtain_approval(ctx: Context[Any, Any], caller: Caller, plan: ChangePlan) -> None:
    """Approval comes from the person, never from the model: ask through the client, or refuse."""
    services = await services_of(ctx)
    if plan.status == "approved":
        return
    if not caller.can_elicit:
        raise ToolProblem(
            f"Change {plan.id} needs a person's approval before it is applied ({'; '.join(plan.warnings) or 'policy'}). "
            f"Ask them to approve it in the pinagent console or run `pinagent approve {plan.id}`, then call "
            "apply_change again."
        )
    if plan.expires_at < utcnow():
        raise ToolProblem(f"Change {plan.id} expired at {plan.expires_at:%Y-%m-%d %H:%M} UTC; make a new plan.")
    answer = await ctx.elicit(
        f"pinagent wants to apply this change:\n{plan.description}\n" + "\n".join(f"⚠ {w}" for w in plan.warnings),
        Approval,
    )
    person = f"person via {caller.actor}"
    if not (answer.action == "accept" and answer.data is not None and answer.data.approve):
        async with services.db.session() as session:
            record_event(session, plan, "approval_declined", person)
        raise ToolProblem(f"The person did not approve change {plan.id}; nothing was applied.")
    try:
        await approve(services.db, plan.id, person, caller.workspace_id)
    except ApprovalError as exc:
        raise ToolProblem(str(exc)) from exc
    plan.status = "approved"


@agent_tool
async def apply_change(ctx: Context[Any, Any], change_id: ChangeId) -> ApplyOut:
    """Apply a plan exactly as planned, at most once; refuses if the targets changed since."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    try:
        plan = await load_plan(services.db, caller.workspace_id, change_id)
        if plan.status in ("planned", "approved"):
            await check_apply_rules(services, caller, plan)
        if plan.ad_account_id:
            await shared_ad_account(services, caller, plan.ad_account_id, write=True)
        else:
            await active_connection(services, caller)
        if plan.requires_approval and plan.status in ("planned", "approved"):
            await _obtain_approval(ctx, caller, plan)
        async with services.connect.client(caller.workspace_id) as client:
            outcome = await apply_plan(services.db, client, plan, caller.actor)
    except ApplyRefused as exc:
        raise ToolProblem(str(exc)) from exc
    return ApplyOut(**outcome.as_dict(), already_applied=outcome.already_applied)


class EventOut(BaseModel):
    at: str
    kind: str
    actor: str
    pinterest_request_ids: list[str] = []


class ChangeOut(ChangePlanOut):
    tool: str
    ad_account_id: str
    reason: str | None = None
    created_by: str
    created_at: str
    approved_by: str | None = None
    outcome: dict[str, Any] | None = None
    payload: dict[str, Any] = Field(description="Exactly what apply sends to Pinterest (money in micro-currency)")
    history: list[EventOut]


@agent_tool
async def get_change(ctx: Context[Any, Any], change_id: ChangeId) -> ChangeOut:
    """One change: its plan, status, outcome and full history (who, when, Pinterest request ids)."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    try:
        plan = await load_plan(services.db, caller.workspace_id, change_id)
    except ApplyRefused as exc:
        raise ToolProblem(str(exc)) from exc
    async with services.db.session() as session:
        events = await change_events(session, caller.workspace_id, change_id)
    return ChangeOut(
        **plan_out(plan).model_dump(),
        tool=plan.tool,
        ad_account_id=plan.ad_account_id,
        reason=plan.reason,
        created_by=plan.created_by,
        created_at=iso_utc(plan.created_at),
        approved_by=plan.approved_by,
        outcome=plan.outcome,
        payload=plan.payload,
        history=[
            EventOut(at=iso_utc(e.at), kind=e.kind, actor=e.actor, pinterest_request_ids=list(e.pinterest_request_ids))
            for e in events
        ],
    )


@agent_tool
async def list_changes(
    ctx: Context[Any, Any],
    status: Literal["planned", "approved", "applied", "partially_applied", "failed", "refused", "discarded", "expired"]
    | None = None,
    limit: Annotated[int, Field(ge=1, le=200)] = 20,
) -> Table:
    """Recent change plans in this workspace, newest first."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    async with services.db.session() as session:
        plans = await change_plans(session, caller.workspace_id, status, limit)
    rows = [
        {
            "change_id": p.id,
            "status": p.status,
            "tool": p.tool,
            "summary": p.description.split("\n", 1)[0],
            "created_at": iso_utc(p.created_at),
        }
        for p in plans
    ]
    return table(rows, ("change_id", "status", "tool", "summary", "created_at"))


@agent_tool
async def discard_change(ctx: Context[Any, Any], change_id: ChangeId) -> ChangePlanOut:
    """Drop a plan that was not applied; it can then never be applied."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    async with services.db.session() as session:
        plan = await session.get(ChangePlan, change_id)
        if plan is None or plan.workspace_id != caller.workspace_id:
            raise ToolProblem(f"No change {change_id} in this workspace. List plans with list_changes.")
        result = await session.execute(
            update(ChangePlan)
            .where(ChangePlan.id == change_id, ChangePlan.status.in_(("planned", "approved")))
            .values(status="discarded")
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise ToolProblem(f"Change {change_id} is {plan.status}; only planned changes can be discarded.")
        record_event(session, plan, "discarded", caller.actor)
    plan.status = "discarded"
    return plan_out(plan)


@agent_tool
async def undo_change(ctx: Context[Any, Any], change_id: ChangeId, reason: Reason = None) -> ChangePlanOut:
    """Plan the reverse of an applied change (refuses if its targets changed since). Apply it like any plan."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    try:
        original = await load_plan(services.db, caller.workspace_id, change_id)
    except ApplyRefused as exc:
        raise ToolProblem(str(exc)) from exc
    if original.ad_account_id:
        currency = (await shared_ad_account(services, caller, original.ad_account_id, write=True)).currency
    else:
        await active_connection(services, caller)
        currency = ""
    async with services.connect.client(caller.workspace_id) as client:
        try:
            draft = await plan_undo(client, original, currency)
        except PlanningError as exc:
            raise ToolProblem(str(exc)) from exc
    if reason:
        draft.reason = f"{draft.reason}: {reason}"
    undo = await submit(services, caller, draft)
    async with services.db.session() as session:
        record_event(session, original, "undo_planned", caller.actor, {"undo_change_id": undo.change_id})
    return undo


TOOLS = [
    ToolSpec(apply_change, "changes", "Apply a change plan", read_only=False, destructive=True, idempotent=True),
    ToolSpec(get_change, "changes", "Get a change", read_only=True, idempotent=True),
    ToolSpec(list_changes, "changes", "List changes", read_only=True, idempotent=True),
    ToolSpec(undo_change, "changes", "Plan an undo", read_only=False),
    ToolSpec(discard_change, "changes", "Discard a plan", read_only=False, idempotent=True),
]
