"""Toolset ``changes``: apply (and later inspect, undo, discard) change plans."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field
from sqlalchemy import update

from pinagent.changes.apply import ApplyRefused, apply_plan, load_plan
from pinagent.changes.plans import record_event
from pinagent.store.models import ChangePlan
from pinagent.tools.context import Caller, resolve_caller, services_of
from pinagent.tools.errors import ToolProblem, agent_tool
from pinagent.tools.guards import shared_ad_account
from pinagent.tools.registry import ToolSpec

ChangeId = Annotated[str, Field(pattern=r"^chg_[0-9a-f]{16}$", description="change_id from a plan")]


class FieldChangeOut(BaseModel):
    target_id: str
    target: str
    field: str
    before: Any
    after: Any


class ChangePlanOut(BaseModel):
    change_id: str
    status: str
    description: str
    changes: list[FieldChangeOut]
    warnings: list[str]
    requires_approval: bool
    expires_at: str
    next_step: str


class ApplyOut(BaseModel):
    change_id: str
    status: str = Field(description="applied | partially_applied | failed | refused")
    message: str
    applied: list[str]
    failed: list[dict[str, Any]]
    readback_differences: list[dict[str, Any]]
    already_applied: bool = Field(description="True when an earlier call applied it; nothing was sent again")


def plan_out(plan: ChangePlan) -> ChangePlanOut:
    if plan.requires_approval:
        step = (
            "Show the person this plan. Applying needs their approval: apply_change asks them where the "
            "client supports it; otherwise they approve in the pinagent console or with `pinagent approve "
            f"{plan.id}`."
        )
    else:
        step = f"Show the person this plan; if they agree, call apply_change(change_id='{plan.id}')."
    return ChangePlanOut(
        change_id=plan.id,
        status=plan.status,
        description=plan.description,
        changes=[
            FieldChangeOut(
                target_id=c["target_id"],
                target=c["target_name"],
                field=c["field"],
                before=c["before"],
                after=c["after"],
            )
            for c in plan.diff
        ],
        warnings=list(plan.warnings),
        requires_approval=plan.requires_approval,
        expires_at=plan.expires_at.isoformat().replace("+00:00", "Z"),
        next_step=step,
    )


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
    answer = await ctx.elicit(
        f"pinagent wants to apply this change:\n{plan.description}\n" + "\n".join(f"⚠ {w}" for w in plan.warnings),
        Approval,
    )
    approved = answer.action == "accept" and answer.data is not None and answer.data.approve
    async with services.db.session() as session:
        if approved:
            await session.execute(
                update(ChangePlan)
                .where(ChangePlan.id == plan.id, ChangePlan.status == "planned")
                .values(status="approved", approved_by=f"person via {caller.actor}")
            )
        record_event(session, plan, "approved" if approved else "approval_declined", f"person via {caller.actor}")
    if not approved:
        raise ToolProblem(f"The person did not approve change {plan.id}; nothing was applied.")
    plan.status = "approved"


@agent_tool
async def apply_change(ctx: Context[Any, Any], change_id: ChangeId) -> ApplyOut:
    """Apply a plan exactly as planned, at most once; refuses if the targets changed since."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    try:
        plan = await load_plan(services.db, caller.workspace_id, change_id)
        await shared_ad_account(services, caller, plan.ad_account_id, write=True)
        if plan.requires_approval and plan.status in ("planned", "approved"):
            await _obtain_approval(ctx, caller, plan)
        async with services.connect.client(caller.workspace_id) as client:
            outcome = await apply_plan(services.db, client, plan, caller.actor)
    except ApplyRefused as exc:
        raise ToolProblem(str(exc)) from exc
    return ApplyOut(**outcome.as_dict(), already_applied=outcome.already_applied)


TOOLS = [
    ToolSpec(apply_change, "changes", "Apply a change plan", read_only=False, destructive=True, idempotent=True),
]
