"""Approvals inbox: the person approves or rejects what the agent planned (the model never can)."""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import update
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from pinagent.changes.apply import ApplyOutcome
from pinagent.changes.approvals import ApprovalError, approve
from pinagent.changes.plans import record_event
from pinagent.changes.workspace_admin import CONSOLE_USER
from pinagent.services import Services
from pinagent.store.models import ChangePlan
from pinagent.store.repos import shared_accounts
from pinagent.web.change_views import awaiting_approval, plan_view
from pinagent.web.csrf import verify
from pinagent.web.render import page


class RejectError(Exception):
    """The plan is not waiting for a decision any more."""


async def reject(services: Services, workspace_id: str, change_id: str, actor: str) -> ChangePlan:
    """Refuse a planned change: it can never be applied; the history records who rejected it.

    Raises:
        RejectError: no such plan here, or it is no longer planned.
    """
    message = f"Rejected by {actor} in the pinagent console; nothing was applied."
    async with services.db.session() as session:
        plan = await session.get(ChangePlan, change_id)
        if plan is None or plan.workspace_id != workspace_id:
            raise RejectError(f"No change {change_id} in this workspace.")
        outcome = ApplyOutcome(plan.id, "refused", message).as_dict()
        result = await session.execute(
            update(ChangePlan)
            .where(ChangePlan.id == change_id, ChangePlan.status == "planned")
            .values(status="refused", outcome=outcome)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise RejectError(f"Change {change_id} is {plan.status}; only planned changes can be rejected.")
        record_event(session, plan, "rejected", actor, {"note": message})
    plan.status = "refused"
    return plan


async def inbox(request: Request, error: str | None = None, status_code: int = 200) -> Response:
    services: Services = request.app.state.services
    workspace_id = await services.default_workspace_id()
    async with services.db.session() as session:
        plans = await awaiting_approval(session, workspace_id)
        currencies = {a.ad_account_id: a.currency for a in await shared_accounts(session, workspace_id)}
    return await page(
        request,
        "approvals.html",
        status_code=status_code,
        plans=[plan_view(plan, currencies.get(plan.ad_account_id, "")) for plan in plans],
        error=error or request.query_params.get("error"),
        notice=request.query_params.get("notice"),
    )


async def inbox_page(request: Request) -> Response:
    return await inbox(request)


async def approve_plan(request: Request) -> Response:
    if not await verify(request):
        return await inbox(request, "The form expired; please try again.", 400)
    services: Services = request.app.state.services
    change_id = request.path_params["change_id"]
    try:
        await approve(services.db, change_id, approver=CONSOLE_USER, workspace_id=await services.default_workspace_id())
    except ApprovalError as exc:
        return await inbox(request, str(exc), 409)
    notice = f"Approved {change_id}. The agent can now apply it with apply_change."
    return RedirectResponse(f"/approvals?notice={quote(notice)}", status_code=303)


async def reject_plan(request: Request) -> Response:
    if not await verify(request):
        return await inbox(request, "The form expired; please try again.", 400)
    services: Services = request.app.state.services
    change_id = request.path_params["change_id"]
    try:
        await reject(services, await services.default_workspace_id(), change_id, CONSOLE_USER)
    except RejectError as exc:
        return await inbox(request, str(exc), 409)
    notice = f"Rejected {change_id}; it will not be applied."
    return RedirectResponse(f"/approvals?notice={quote(notice)}", status_code=303)


routes = [
    Route("/approvals", inbox_page, methods=["GET"]),
    Route("/approvals/{change_id}/approve", approve_plan, methods=["POST"]),
    Route("/approvals/{change_id}/reject", reject_plan, methods=["POST"]),
]
