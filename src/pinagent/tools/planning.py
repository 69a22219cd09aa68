"""Shared steps of every create/update tool: plan against Pinterest's state, store, describe."""

from __future__ import annotations

from typing import Any

from pinagent.changes.entities import EntityKind
from pinagent.changes.planner import Edit, PlanningError, plan_creates, plan_updates
from pinagent.changes.plans import MoneyChange, PlanDraft, save_plan
from pinagent.changes.policy import PolicyViolation, check_not_frozen, check_spend_caps, check_writable
from pinagent.services import Services
from pinagent.store.models import ChangePlan
from pinagent.store.repos import shared_account, workspace_by_id
from pinagent.tools.context import Caller
from pinagent.tools.errors import ToolProblem
from pinagent.tools.formatting import micro
from pinagent.tools.plan_view import ChangePlanOut, plan_out


async def submit(services: Services, caller: Caller, draft: PlanDraft) -> ChangePlanOut:
    """Check the workspace's rules, then store the plan and describe it.

    Raises:
        ToolProblem: the workspace is read-only or the plan breaks a spend cap (named).
    """
    async with services.db.session() as session:
        workspace = await workspace_by_id(session, caller.workspace_id)
        account = (
            await shared_account(session, caller.workspace_id, draft.ad_account_id) if draft.ad_account_id else None
        )
    try:
        check_writable(workspace)
        check_spend_caps(draft.money, draft.currency, account)
    except PolicyViolation as exc:
        raise ToolProblem(str(exc)) from exc
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


async def check_apply_rules(services: Services, caller: Caller, plan: ChangePlan) -> None:
    """The rules apply_change enforces again: read-only, freeze, spend caps as they are now.

    Raises:
        ToolProblem: naming the rule that refuses the apply.
    """
    async with services.db.session() as session:
        workspace = await workspace_by_id(session, caller.workspace_id)
        account = await shared_account(session, caller.workspace_id, plan.ad_account_id) if plan.ad_account_id else None
    currency = account.currency if account else ""
    try:
        check_writable(workspace)
        check_not_frozen(workspace)
        check_spend_caps([MoneyChange(**m) for m in plan.money], currency, account)
    except PolicyViolation as exc:
        raise ToolProblem(str(exc)) from exc


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
