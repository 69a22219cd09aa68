"""The brake: plan pausing what the agent started recently, and let the person apply a plan from the console.

A person applying here is allowed (they are the approver); the workspace's rules still hold: read-only,
the freeze and spend caps refuse the apply with the rule named.
"""

from __future__ import annotations

import logging
import math
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from pinagent.changes.apply import ApplyOutcome, ApplyRefused, apply_plan, load_plan
from pinagent.changes.approvals import ApprovalError, approve
from pinagent.changes.recent import plan_pause_recent
from pinagent.changes.workspace_admin import CONSOLE_USER, load_workspace
from pinagent.services import Services
from pinagent.store.repos import shared_accounts
from pinagent.tools.context import Caller
from pinagent.tools.errors import ANTICIPATED, explain, reference
from pinagent.tools.guards import shared_ad_account
from pinagent.tools.plan_view import ChangePlanOut
from pinagent.tools.planning import check_apply_rules, submit
from pinagent.web.csrf import verify
from pinagent.web.settings import EXPIRED_FORM, settings_view

logger = logging.getLogger(__name__)

MAX_HOURS = 720.0


def parse_hours(text: str) -> float:
    """Raises: ValueError unless a number of hours above 0 and at most 720 (30 days)."""
    try:
        hours = float(text.strip())
    except ValueError:
        raise ValueError(f"“{text.strip()[:20]}” is not a number of hours; type e.g. 24.") from None
    if not math.isfinite(hours) or hours <= 0 or hours > MAX_HOURS:
        raise ValueError("Type a number of hours above 0 and at most 720 (30 days).")
    return hours


def _failure(exc: BaseException) -> str:
    return f"{explain(exc)} [Reference: {reference(exc)}]"


async def plan_pauses(services: Services, workspace_id: str, hours: float) -> list[ChangePlanOut]:
    """Plan pausing what changes applied in the last ``hours`` created or activated, stored as the console user's.

    Raises:
        ToolProblem: the workspace is read-only (or a plan breaks a rule).
        NotConnectedError, NeedsReconnectError, PinterestError: Pinterest cannot be read.
    """
    async with services.db.session() as session:
        currencies = {a.ad_account_id: a.currency for a in await shared_accounts(session, workspace_id)}
    async with services.connect.client(workspace_id) as client:
        drafts = await plan_pause_recent(services.db, client, workspace_id, hours, currencies)
    caller = Caller(workspace_id, CONSOLE_USER, False)
    return [await submit(services, caller, draft) for draft in drafts]


async def pause_recent(request: Request) -> Response:
    if not await verify(request):
        return await settings_view(request, error=EXPIRED_FORM, status_code=400)
    services: Services = request.app.state.services
    typed = str((await request.form()).get("hours") or "")
    try:
        hours = parse_hours(typed)
    except ValueError as exc:
        return await settings_view(request, status_code=400, hours=typed, hours_error=str(exc))
    workspace_id = await services.default_workspace_id()
    try:
        plans = await plan_pauses(services, workspace_id, hours)
    except ANTICIPATED as exc:
        return await settings_view(request, error=_failure(exc), status_code=409, hours=typed)
    if not plans:
        notice = f"Nothing the agent started in the last {hours:g} hours is still active; nothing to pause."
    else:
        notice = f"Planned pausing what the agent started in the last {hours:g} hours: " + ", ".join(
            p.change_id for p in plans
        )
        if (await load_workspace(services.db, workspace_id)).frozen:
            notice += ". Changes are frozen: these plans can be applied only after you unfreeze."
        else:
            notice += ". Review them below and press Apply."
    return RedirectResponse(f"/settings?notice={quote(notice)}#brake", status_code=303)


async def apply_as_person(services: Services, workspace_id: str, change_id: str) -> ApplyOutcome:
    """Apply a plan as the console user, approving it first if it needs approval.

    Raises:
        ApplyRefused, ApprovalError: the plan cannot be applied as it stands.
        ToolProblem: a workspace rule refuses it (read-only, freeze, spend cap) or the account is not writable.
        NotConnectedError, NeedsReconnectError, PinterestError: Pinterest could not be reached or refused.
    """
    caller = Caller(workspace_id, CONSOLE_USER, False)
    plan = await load_plan(services.db, workspace_id, change_id)
    if plan.status in ("planned", "approved"):
        await check_apply_rules(services, caller, plan)
    if plan.ad_account_id:
        await shared_ad_account(services, caller, plan.ad_account_id, write=True)
    if plan.requires_approval and plan.status == "planned":
        plan = await approve(services.db, change_id, approver=CONSOLE_USER, workspace_id=workspace_id)
    async with services.connect.client(workspace_id) as client:
        return await apply_plan(services.db, client, plan, actor=CONSOLE_USER)


async def apply_from_console(request: Request) -> Response:
    if not await verify(request):
        return await settings_view(request, error=EXPIRED_FORM, status_code=400)
    services: Services = request.app.state.services
    change_id = request.path_params["change_id"]
    try:
        outcome = await apply_as_person(services, await services.default_workspace_id(), change_id)
    except (ApplyRefused, ApprovalError) as exc:
        return await settings_view(request, error=str(exc), status_code=409)
    except ANTICIPATED as exc:
        logger.info("Console apply of %s refused: %s", change_id, type(exc).__name__)
        return await settings_view(request, error=f"{change_id} was not applied: {_failure(exc)}", status_code=409)
    if outcome.status != "applied":
        return await settings_view(request, error=f"{change_id}: {outcome.message}", status_code=409)
    notice = f"{change_id} {'was already applied' if outcome.already_applied else 'applied'}: {outcome.message}"
    return RedirectResponse(f"/settings?notice={quote(notice)}#brake", status_code=303)


routes = [
    Route("/settings/pause-recent", pause_recent, methods=["POST"]),
    Route("/changes/{change_id}/apply", apply_from_console, methods=["POST"]),
]
