"""Workspace rules an admin sets (approval policy, read-only, freeze, spend caps), shared by console and CLI.

Pure database work: no web framework is imported here, so `pinagent freeze` stays quick to start.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from pinagent.store.db import Database
from pinagent.store.models import ChangePlan, SharedAdAccount, Workspace, utcnow
from pinagent.store.repos import default_workspace

CONSOLE_USER = "console user"

# What each approval policy means, in the words the console and `pinagent policy` show.
POLICY_EXPLAINED: dict[str, str] = {
    "all_writes": "Every change needs a person's approval before it is applied, even pausing or renaming.",
    "spend_and_activation": (
        "A person approves changes that can raise spend: budget or bid increases, activating a campaign, "
        "ad group or ad, and anything created ACTIVE. Pausing, renaming or lowering a budget is applied "
        "as soon as the agent is asked."
    ),
    "none": (
        "No approval step: the agent applies a plan when you ask it to. Spend caps, read-only and the "
        "freeze still apply."
    ),
}
DEFAULT_POLICY = "spend_and_activation"


class UnknownPolicyError(ValueError):
    """Not one of the approval policies of PRODUCT.md §7."""


async def default_workspace_of(db: Database) -> Workspace:
    """The data dir's default workspace (created on first use)."""
    async with db.session() as session:
        return await default_workspace(session)


async def load_workspace(db: Database, workspace_id: str) -> Workspace:
    async with db.session() as session:
        return await _workspace(session, workspace_id)


async def set_policy(db: Database, workspace_id: str, policy: str) -> Workspace:
    """Set the approval policy; it decides for plans made from now on.

    Raises:
        UnknownPolicyError: ``policy`` is not all_writes, spend_and_activation or none.
    """
    if policy not in POLICY_EXPLAINED:
        raise UnknownPolicyError(f"Unknown approval policy {policy!r}; choose one of {', '.join(POLICY_EXPLAINED)}.")
    async with db.session() as session:
        workspace = await _workspace(session, workspace_id)
        workspace.approval_policy = policy
    return workspace


async def set_read_only(db: Database, workspace_id: str, read_only: bool) -> Workspace:
    async with db.session() as session:
        workspace = await _workspace(session, workspace_id)
        workspace.read_only = read_only
    return workspace


async def set_frozen(db: Database, workspace_id: str, frozen: bool, actor: str) -> Workspace:
    """Freeze (nothing is applied until unfrozen) or unfreeze; records who froze it and when."""
    async with db.session() as session:
        workspace = await _workspace(session, workspace_id)
        if frozen and not workspace.frozen:
            workspace.frozen_by = actor
            workspace.frozen_at = utcnow()
        elif not frozen:
            workspace.frozen_by = None
            workspace.frozen_at = None
        workspace.frozen = frozen
    return workspace


@dataclass(frozen=True)
class SpendCap:
    ad_account_id: str
    max_daily_budget: int | None  # micro-currency
    max_increase_pct: float | None


async def set_spend_caps(db: Database, workspace_id: str, caps: list[SpendCap]) -> None:
    """Store the caps of shared ad accounts (None = no cap); accounts not shared are ignored."""
    wanted = {cap.ad_account_id: cap for cap in caps}
    async with db.session() as session:
        accounts = await session.scalars(
            select(SharedAdAccount).where(
                SharedAdAccount.workspace_id == workspace_id, SharedAdAccount.ad_account_id.in_(wanted)
            )
        )
        for account in accounts:
            cap = wanted[account.ad_account_id]
            account.max_daily_budget = cap.max_daily_budget
            account.max_increase_pct = cap.max_increase_pct


async def pending_approval_count(db: Database, workspace_id: str) -> int:
    """Plans waiting for a person's approval (not expired)."""
    async with db.session() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(ChangePlan)
            .where(
                ChangePlan.workspace_id == workspace_id,
                ChangePlan.status == "planned",
                ChangePlan.requires_approval.is_(True),
                ChangePlan.expires_at > utcnow(),
            )
        )
    return int(count or 0)


def describe_freeze(workspace: Workspace) -> str:
    if not workspace.frozen:
        return "Changes are not frozen: plans can be applied."
    by = f" by {workspace.frozen_by}" if workspace.frozen_by else ""
    since = f" since {workspace.frozen_at:%Y-%m-%d %H:%M} UTC" if workspace.frozen_at else ""
    return f"Changes are frozen{by}{since}: plans can be made, but nothing is applied until unfrozen."


async def _workspace(session: AsyncSession, workspace_id: str) -> Workspace:
    workspace = await session.get(Workspace, workspace_id)
    if workspace is None:
        raise LookupError(f"No workspace {workspace_id}.")
    return workspace
