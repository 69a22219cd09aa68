"""Find what the agent created or activated recently, and plan pausing it (the console's brake)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import select

from pinagent.changes.entities import KINDS
from pinagent.changes.planner import Edit, PlanningError, plan_updates
from pinagent.changes.plans import PlanDraft
from pinagent.pinterest import PinterestClient
from pinagent.store.db import Database
from pinagent.store.models import ChangePlan, utcnow

PAUSABLE = ("campaigns", "ad_groups", "ads")


async def recently_started(db: Database, workspace_id: str, hours: float) -> dict[tuple[str, str], set[str]]:
    """(ad account, kind) → ids of entities created or set ACTIVE by changes applied in the last ``hours``."""
    since = utcnow() - timedelta(hours=hours)
    async with db.session() as session:
        plans = await session.scalars(
            select(ChangePlan).where(
                ChangePlan.workspace_id == workspace_id,
                ChangePlan.status.in_(("applied", "partially_applied")),
                ChangePlan.applied_at >= since,
            )
        )
        found: dict[tuple[str, str], set[str]] = defaultdict(set)
        for plan in plans:
            kind_key, action = plan.payload["operation"].split("/")
            if kind_key not in PAUSABLE:
                continue
            applied = set((plan.outcome or {}).get("applied", []))
            if action == "create":
                found[(plan.ad_account_id, kind_key)] |= applied
            else:
                activated = {
                    c["target_id"] for c in plan.diff if c["wire_field"] == "status" and c["wire_after"] == "ACTIVE"
                }
                found[(plan.ad_account_id, kind_key)] |= activated & applied
    return dict(found)


async def plan_pause_recent(
    db: Database, client: PinterestClient, workspace_id: str, hours: float, currencies: dict[str, str]
) -> list[PlanDraft]:
    """One plan per ad account and kind that pauses what is still ACTIVE of ``recently_started``."""
    drafts: list[PlanDraft] = []
    for (account, kind_key), ids in sorted((await recently_started(db, workspace_id, hours)).items()):
        kind = KINDS[kind_key]
        assert kind.read is not None
        current = await kind.read(client, account, sorted(ids))
        edits = [Edit(i, {"status": "PAUSED"}) for i, entity in current.items() if entity.get("status") == "ACTIVE"]
        if not edits:
            continue
        reason = f"Pause what the agent started in the last {hours:g} hours"
        try:
            drafts.append(
                await plan_updates(kind, client, account, currencies.get(account, ""), edits, reason, "pause_recent")
            )
        except PlanningError:
            continue
    return drafts
