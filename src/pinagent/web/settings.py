"""Settings: approval policy, read-only, freeze and spend caps (the pause brake lives in brake.py)."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from pinagent.changes.workspace_admin import (
    CONSOLE_USER,
    POLICY_EXPLAINED,
    SpendCap,
    UnknownPolicyError,
    describe_freeze,
    load_workspace,
    set_frozen,
    set_policy,
    set_read_only,
    set_spend_caps,
)
from pinagent.pinterest.money import micro_to_units, units_to_micro
from pinagent.services import Services
from pinagent.store.models import SharedAdAccount
from pinagent.store.repos import shared_accounts
from pinagent.web.change_views import plan_view, recent_pause_plans
from pinagent.web.csrf import verify
from pinagent.web.render import page

MAX_DAILY_UNITS = Decimal(1_000_000_000)
MAX_INCREASE_PCT = 10_000.0
EXPIRED_FORM = "The form expired; please try again."


def _cap_values(account: SharedAdAccount) -> dict[str, str]:
    daily = "" if account.max_daily_budget is None else str(micro_to_units(account.max_daily_budget))
    pct = "" if account.max_increase_pct is None else f"{account.max_increase_pct:g}"
    return {f"daily_{account.ad_account_id}": daily, f"pct_{account.ad_account_id}": pct}


async def settings_view(
    request: Request,
    *,
    error: str | None = None,
    status_code: int = 200,
    cap_errors: dict[str, str] | None = None,
    cap_values: dict[str, str] | None = None,
    hours: str = "24",
    hours_error: str | None = None,
) -> Response:
    """The settings page; a failed form shows its errors next to its fields and keeps what was typed."""
    services: Services = request.app.state.services
    workspace_id = await services.default_workspace_id()
    workspace = await load_workspace(services.db, workspace_id)
    async with services.db.session() as session:
        accounts = await shared_accounts(session, workspace_id)
        pauses = await recent_pause_plans(session, workspace_id)
    currencies = {a.ad_account_id: a.currency for a in accounts}
    values: dict[str, str] = {}
    for account in accounts:
        values |= _cap_values(account)
    values |= cap_values or {}
    return await page(
        request,
        "settings.html",
        status_code=status_code,
        workspace=workspace,
        policies=POLICY_EXPLAINED,
        freeze_state=describe_freeze(workspace),
        accounts=accounts,
        cap_values=values,
        cap_errors=cap_errors or {},
        hours=hours,
        hours_error=hours_error,
        pauses=[plan_view(p, currencies.get(p.ad_account_id, "")) for p in pauses],
        error=error or request.query_params.get("error"),
        notice=request.query_params.get("notice"),
    )


async def settings_page(request: Request) -> Response:
    return await settings_view(request)


def _done(notice: str, anchor: str = "") -> Response:
    return RedirectResponse(f"/settings?notice={quote(notice)}{anchor}", status_code=303)


async def save_policy(request: Request) -> Response:
    if not await verify(request):
        return await settings_view(request, error=EXPIRED_FORM, status_code=400)
    services: Services = request.app.state.services
    policy = str((await request.form()).get("policy") or "")
    try:
        await set_policy(services.db, await services.default_workspace_id(), policy)
    except UnknownPolicyError as exc:
        return await settings_view(request, error=str(exc), status_code=400)
    return _done(f"Approval policy is now {policy}; it decides for plans made from now on.")


async def save_read_only(request: Request) -> Response:
    if not await verify(request):
        return await settings_view(request, error=EXPIRED_FORM, status_code=400)
    services: Services = request.app.state.services
    read_only = (await request.form()).get("read_only") == "on"
    await set_read_only(services.db, await services.default_workspace_id(), read_only)
    if read_only:
        return _done("The workspace is read-only: the agent may read Pinterest but not plan or apply changes.")
    return _done("The workspace accepts changes again.")


async def save_freeze(request: Request) -> Response:
    if not await verify(request):
        return await settings_view(request, error=EXPIRED_FORM, status_code=400)
    services: Services = request.app.state.services
    frozen = (await request.form()).get("frozen") == "on"
    workspace = await set_frozen(services.db, await services.default_workspace_id(), frozen, CONSOLE_USER)
    return _done(describe_freeze(workspace))


def parse_daily_cap(text: str) -> int | None:
    """A max daily budget typed in currency units → micro-currency (empty = no cap).

    Raises:
        ValueError: the text is not an amount from 0 to 1,000,000,000 with at most 6 decimals.
    """
    text = text.strip()
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{text[:20]}” is not an amount; type it in currency units, e.g. 150 or 99.50.") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_DAILY_UNITS:
        raise ValueError("Type an amount from 0 to 1,000,000,000, or leave it empty for no cap.")
    try:
        return units_to_micro(amount)
    except ValueError:
        raise ValueError("Use at most 6 decimals.") from None


def parse_increase_cap(text: str) -> float | None:
    """A max % increase per change (empty = no cap).

    Raises:
        ValueError: not a number from 0 to 10,000.
    """
    text = text.strip().removesuffix("%").strip()
    if not text:
        return None
    try:
        pct = float(text)
    except ValueError:
        raise ValueError(f"“{text[:20]}” is not a percentage; type e.g. 25 for 25%.") from None
    if not math.isfinite(pct) or pct < 0 or pct > MAX_INCREASE_PCT:
        raise ValueError("Type a percentage from 0 to 10,000, or leave it empty for no cap.")
    return pct


async def save_caps(request: Request) -> Response:
    if not await verify(request):
        return await settings_view(request, error=EXPIRED_FORM, status_code=400)
    services: Services = request.app.state.services
    workspace_id = await services.default_workspace_id()
    form = await request.form()
    async with services.db.session() as session:
        accounts = await shared_accounts(session, workspace_id)
    caps: list[SpendCap] = []
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    for account in accounts:
        daily_name, pct_name = f"daily_{account.ad_account_id}", f"pct_{account.ad_account_id}"
        typed[daily_name] = str(form.get(daily_name) or "")
        typed[pct_name] = str(form.get(pct_name) or "")
        parsed: dict[str, Any] = {}
        for name, parse in ((daily_name, parse_daily_cap), (pct_name, parse_increase_cap)):
            try:
                parsed[name] = parse(typed[name])
            except ValueError as exc:
                errors[name] = str(exc)
        if not errors:
            caps.append(SpendCap(account.ad_account_id, parsed[daily_name], parsed[pct_name]))
    if errors:
        return await settings_view(
            request,
            error="Some spend caps were not saved; see the fields marked below.",
            status_code=400,
            cap_errors=errors,
            cap_values=typed,
        )
    await set_spend_caps(services.db, workspace_id, caps)
    return _done("Spend caps saved; they apply to new plans and again when a plan is applied.", "#caps")


routes = [
    Route("/settings", settings_page, methods=["GET"]),
    Route("/settings/policy", save_policy, methods=["POST"]),
    Route("/settings/read-only", save_read_only, methods=["POST"]),
    Route("/settings/freeze", save_freeze, methods=["POST"]),
    Route("/settings/caps", save_caps, methods=["POST"]),
]
