"""Checks made before any request that pinagent already knows cannot succeed (PRODUCT.md §8)."""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver import Context

from pinagent.connect.errors import NeedsReconnectError, NotConnectedError
from pinagent.connect.states import AccountMode, ConnectionStatus, can_write_ads
from pinagent.services import Services
from pinagent.store.models import Connection, SharedAdAccount
from pinagent.store.repos import connection_for, shared_account, shared_accounts
from pinagent.tools.context import Caller, resolve_caller, services_of
from pinagent.tools.errors import ToolProblem

BUSINESS_HINT = (
    "Ads need a Pinterest Business account. Convert this one for free in Pinterest (Settings → "
    "Account management → Convert to a business account), or reconnect with a Business account."
)


async def active_connection(services: Services, caller: Caller) -> Connection:
    """Raises: NotConnectedError, NeedsReconnectError."""
    async with services.db.session() as session:
        connection = await connection_for(session, caller.workspace_id)
    status = ConnectionStatus(connection.status)
    if status is ConnectionStatus.NEEDS_RECONNECT:
        raise NeedsReconnectError(connection.status_reason or "access was revoked")
    if status is not ConnectionStatus.ACTIVE:
        raise NotConnectedError()
    return connection


async def business_connection(services: Services, caller: Caller) -> Connection:
    """The active connection, if it is a Business account (ads need one).

    Raises:
        ToolProblem: the connected account is a personal (PINNER) account.
        NotConnectedError, NeedsReconnectError: the connection cannot be used.
    """
    connection = await active_connection(services, caller)
    if connection.account_type and connection.account_type != "BUSINESS":
        raise ToolProblem(
            f"The connected Pinterest account @{connection.username} is not a Business account. {BUSINESS_HINT}"
        )
    return connection


async def shared_ad_account(
    services: Services, caller: Caller, ad_account_id: str, *, write: bool = False
) -> SharedAdAccount:
    """The shared ad account, or a ToolProblem saying how to share it (or allow writes on it).

    Raises:
        ToolProblem: not shared, shared read-only, or the user's Pinterest role cannot write.
        NotConnectedError, NeedsReconnectError: the connection cannot be used.
    """
    connection = await active_connection(services, caller)
    if connection.account_type and connection.account_type != "BUSINESS":
        raise ToolProblem(
            f"The connected Pinterest account @{connection.username} is not a Business account. {BUSINESS_HINT}"
        )
    async with services.db.session() as session:
        account = await shared_account(session, caller.workspace_id, ad_account_id)
        shared = [] if account else await shared_accounts(session, caller.workspace_id)
    if account is None:
        listing = ", ".join(f"{a.name} ({a.ad_account_id})" for a in shared) or "none yet"
        raise ToolProblem(
            f"Ad account {ad_account_id} is not shared with pinagent (shared: {listing}). "
            "Reconnect the Pinterest integration and select it in the ad-account picker."
        )
    if write and not can_write_ads(list(account.permissions)):
        roles = ", ".join(account.permissions) or "no role"
        raise ToolProblem(
            f"The connected Pinterest user @{connection.username} has {roles} access on {account.name} "
            f"({ad_account_id}), which cannot change campaigns. The account's owner must grant Admin or "
            "Campaign manager access in Pinterest Business Access (business.pinterest.com → Business access)."
        )
    if write:
        await require_writable(services, caller)
    if write and account.mode != AccountMode.READ_WRITE:
        raise ToolProblem(
            f"{account.name} ({ad_account_id}) is shared with pinagent read-only. To allow changes, "
            "reconnect the Pinterest integration and choose “read + write” for it in the ad-account picker."
        )
    return account


def require_scopes(connection: Connection, scopes: list[str], purpose: str) -> None:
    """Raises: ToolProblem naming the scopes the connection lacks (no request is sent)."""
    from pinagent.config import REQUESTED_SCOPES

    missing = [scope for scope in scopes if scope not in connection.scopes]
    if missing:
        needs = "; ".join(f"{s}: {REQUESTED_SCOPES.get(s, '')}" for s in missing)
        raise ToolProblem(
            f"The Pinterest connection was not granted {', '.join(missing)} ({needs}), which is needed to "
            f"{purpose}. To allow it, click Reconnect on the Pinterest card (or run `pinagent connect`) and keep "
            "that permission checked."
        )


async def require_writable(services: Services, caller: Caller) -> None:
    """Raises: ToolProblem when an admin made the workspace read-only."""
    from pinagent.changes.policy import PolicyViolation, check_writable
    from pinagent.store.repos import workspace_by_id

    async with services.db.session() as session:
        workspace = await workspace_by_id(session, caller.workspace_id)
    try:
        check_writable(workspace)
    except PolicyViolation as exc:
        raise ToolProblem(str(exc)) from exc


async def on_account(
    ctx: Context[Any, Any], ad_account_id: str, *, write: bool = False
) -> tuple[Services, Caller, SharedAdAccount]:
    """The start of every ad-account tool: who calls, and the shared account it may use.

    Raises:
        ToolProblem, NotConnectedError, NeedsReconnectError: see shared_ad_account.
    """
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    return services, caller, await shared_ad_account(services, caller, ad_account_id, write=write)


async def on_connection(ctx: Context[Any, Any]) -> tuple[Services, Caller, Connection]:
    """The start of every tool that needs Pinterest but no ad account (profile, boards, Pins).

    Raises:
        NotConnectedError, NeedsReconnectError: the connection cannot be used.
    """
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    return services, caller, await active_connection(services, caller)
