"""How a change plan is shown to the agent (shared by every create/update tool)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from pinagent.store.models import ChangePlan
from pinagent.tools.formatting import iso_utc


class FieldChangeOut(BaseModel):
    target_id: str
    target: str
    field: str
    before: Any = None
    after: Any = None


class ChangePlanOut(BaseModel):
    change_id: str
    status: str
    description: str
    changes: list[FieldChangeOut]
    warnings: list[str]
    requires_approval: bool
    expires_at: str
    next_step: str


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
        expires_at=iso_utc(plan.expires_at),
        next_step=step,
    )
