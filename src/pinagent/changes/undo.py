"""Undo: plan the reverse of an applied change from its recorded before-values."""

from __future__ import annotations

from typing import Any

from pinagent.changes.entities import KINDS
from pinagent.changes.planner import Edit, PlanningError, display, plan_updates
from pinagent.changes.plans import PlanDraft
from pinagent.pinterest import PinterestClient
from pinagent.store.models import ChangePlan

ARCHIVABLE = {"campaigns", "ad_groups", "ads"}
UNDOABLE_STATUSES = ("applied", "partially_applied")


async def plan_undo(client: PinterestClient, plan: ChangePlan, currency: str) -> PlanDraft:
    """The plan that reverses ``plan``.

    Raises:
        PlanningError: the change was not applied, its targets changed since (drift), or it cannot be
            undone through Pinterest's API (the message says what to do instead).
    """
    if plan.status not in UNDOABLE_STATUSES:
        raise PlanningError(f"Change {plan.id} is {plan.status}; only applied changes can be undone.")
    kind_key, action = plan.payload["operation"].split("/")
    kind = KINDS[kind_key]
    applied: list[str] = list((plan.outcome or {}).get("applied", []))
    account: str = plan.payload["ad_account_id"]
    reason = f"Undo of {plan.id}"
    if action == "create":
        if kind_key not in ARCHIVABLE:
            names = ", ".join(applied) or "none"
            raise PlanningError(
                f"pinagent cannot remove the {kind.plural} change {plan.id} created (ids: {names}): Pinterest "
                f"{kind.plural} are not archived through this API. Delete them in Pinterest if they should go."
            )
        edits = [Edit(entity_id, {"status": "ARCHIVED"}) for entity_id in applied]
        return await plan_updates(kind, client, account, currency, edits, reason, "undo_change")
    assert kind.read is not None
    current = await kind.read(client, account, applied)
    reverse: dict[str, dict[str, Any]] = {}
    drift: list[str] = []
    for change in plan.diff:
        target = change["target_id"]
        if target not in applied:
            continue
        now = current.get(target, {}).get(change["wire_field"])
        if now != change["wire_after"]:
            shown = display(kind, change["wire_field"], now)
            drift.append(
                f"{change['target_name']} ({target}): {change['field']} is now {shown!r}, not {change['after']!r}"
            )
            continue
        # A field that was unset before is cleared again (sent as null).
        reverse.setdefault(target, {})[change["wire_field"]] = change["wire_before"]
    if drift:
        raise PlanningError(
            f"Not undoing {plan.id}: its targets changed after it was applied (" + "; ".join(drift) + ")."
        )
    if not reverse:
        raise PlanningError(f"Change {plan.id} left nothing that can be set back.")
    edits = [Edit(target, fields) for target, fields in reverse.items()]
    return await plan_updates(kind, client, account, currency, edits, reason, "undo_change")
