"""Change plans: what will change (before → after), why it matters, and the exact payload.

A plan stores the wire payload and its SHA-256; apply sends exactly that payload, nothing else.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from pinagent.store.db import Database
from pinagent.store.models import ChangeEvent, ChangePlan, utcnow

PLAN_TTL = timedelta(hours=24)
APPROVAL_POLICIES = ("all_writes", "spend_and_activation", "none")


@dataclass(frozen=True)
class FieldChange:
    """One field of one entity: shown in currency units, sent in wire units."""

    target_id: str
    target_name: str
    field: str  # the name people and agents see, e.g. "daily_budget"
    before: Any
    after: Any
    wire_field: str  # Pinterest's name, e.g. "daily_spend_cap"
    wire_before: Any
    wire_after: Any


@dataclass(frozen=True)
class MoneyChange:
    """A budget or bid a plan sets (micro-currency), for warnings and spend caps."""

    target_name: str
    field: str
    before: int | None
    after: int
    daily: bool


@dataclass
class PlanDraft:
    tool: str
    operation: str  # Pinterest operationId the apply step will call
    ad_account_id: str
    currency: str
    items: list[dict[str, Any]]
    changes: list[FieldChange]
    description: str
    warnings: list[str] = field(default_factory=list)
    spend_increase: bool = False
    activation: bool = False
    reason: str | None = None
    money: list[MoneyChange] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        return {"operation": self.operation, "ad_account_id": self.ad_account_id, "items": self.items}


def payload_hash(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def needs_approval(policy: str, draft: PlanDraft) -> bool:
    """Whether a person must approve, per the workspace's approval policy (PRODUCT.md §7)."""
    if policy == "all_writes":
        return True
    if policy == "none":
        return False
    return draft.spend_increase or draft.activation


async def save_plan(db: Database, workspace_id: str, actor: str, draft: PlanDraft, policy: str) -> ChangePlan:
    payload = draft.payload()
    plan = ChangePlan(
        id="chg_" + secrets.token_hex(8),
        workspace_id=workspace_id,
        tool=draft.tool,
        ad_account_id=draft.ad_account_id,
        description=draft.description,
        payload=payload,
        payload_hash=payload_hash(payload),
        diff=[asdict(change) for change in draft.changes],
        warnings=draft.warnings,
        money=[asdict(m) for m in draft.money],
        requires_approval=needs_approval(policy, draft),
        status="planned",
        reason=draft.reason,
        created_by=actor,
        expires_at=utcnow() + PLAN_TTL,
    )
    async with db.session() as session:
        session.add(plan)
        record_event(
            session,
            plan,
            "planned",
            actor,
            {
                "description": draft.description,
                "diff": plan.diff,
                "warnings": draft.warnings,
                "reason": draft.reason,
            },
        )
    return plan


def record_event(
    session: AsyncSession,
    plan: ChangePlan,
    kind: str,
    actor: str,
    detail: dict[str, Any] | None = None,
    pinterest_request_ids: list[str] | None = None,
) -> None:
    """Append one row to the change history (never updated, never deleted)."""
    session.add(
        ChangeEvent(
            workspace_id=plan.workspace_id,
            change_id=plan.id,
            kind=kind,
            actor=actor,
            detail=detail or {},
            pinterest_request_ids=pinterest_request_ids or [],
        )
    )


def percent_change(before: int, after: int) -> float | None:
    return None if before == 0 else round((after - before) * 100 / before, 1)
