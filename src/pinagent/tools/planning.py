"""Shared steps of every create/update tool: plan against Pinterest's state, store, describe."""

from __future__ import annotations

from typing import Any

from pinagent.changes.entities import EntityKind
from pinagent.changes.planner import Edit, PlanningError, plan_creates, plan_updates
from pinagent.changes.plans import PlanDraft, save_plan
from pinagent.services import Services
from pinagent.store.repos import workspace_by_id
from pinagent.tools.context import Caller
from pinagent.tools.errors import ToolProblem
from pinagent.tools.formatting import micro
from pinagent.tools.plan_view import ChangePlanOut, plan_out


async def submit(services: Services, caller: Caller, draft: PlanDraft) -> ChangePlanOut:
    async with services.db.session() as session:
        workspace = await workspace_by_id(session, caller.workspace_id)
    policy = workspace.approval_policy if workspace else "spend_and_activation"
    return plan_out(await save_plan(services.db, caller.workspace_id, caller.actor, draft, policy))


async def plan_update(
    services: Services,
    caller: Caller,
    kind: EntityKind,
    ad_account_id: str,
    currency: str,
    edits: list[Edit],
    reason: str | None,
    tool: str,
) -> ChangePlanOut:
    """Raises: ToolProblem when the edits cannot become a plan."""
    async with services.connect.client(caller.workspace_id) as client:
        try:
            draft = await plan_updates(kind, client, ad_account_id, currency, edits, reason, tool)
        except PlanningError as exc:
            raise ToolProblem(str(exc)) from exc
    return await submit(services, caller, draft)


async def plan_create(
    services: Services,
    caller: Caller,
    kind: EntityKind,
    ad_account_id: str,
    currency: str,
    items: list[dict[str, Any]],
    reason: str | None,
    tool: str,
) -> ChangePlanOut:
    draft = plan_creates(kind, ad_account_id, currency, items, reason, tool)
    return await submit(services, caller, draft)


def money_fields(label: str, values: dict[str, tuple[str, float | None]]) -> dict[str, int]:
    """Currency-unit arguments → micro-currency wire fields, skipping the ones not given.

    ``values`` maps argument name → (wire field, amount).

    Raises:
        ToolProblem: an amount is negative or has more than 6 decimals.
    """
    wire: dict[str, int] = {}
    for argument, (wire_field, amount) in values.items():
        try:
            converted = micro(amount, argument)
        except ValueError as exc:
            raise ToolProblem(f"{label}: {exc}") from exc
        if converted is not None:
            wire[wire_field] = converted
    return wire


def given(values: dict[str, Any]) -> dict[str, Any]:
    """Only the fields the agent set (None means "leave as is")."""
    return {key: value for key, value in values.items() if value is not None}
