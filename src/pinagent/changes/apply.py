"""Apply a stored plan exactly once: re-read for drift, write the bound payload, read back."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import update

from pinagent.changes.entities import KINDS, EntityKind, ItemOutcome, partial_outcomes
from pinagent.changes.planner import display
from pinagent.changes.plans import payload_hash, record_event
from pinagent.pinterest import PinterestClient
from pinagent.pinterest.calls import CallRecord
from pinagent.pinterest.errors import PinterestConnectionError, PinterestError, ServerError
from pinagent.store.db import Database
from pinagent.store.models import ChangePlan, utcnow

logger = logging.getLogger(__name__)

CLAIMABLE = ("planned", "approved")
FINAL = ("applied", "partially_applied", "failed", "refused", "discarded", "expired")


class ApplyRefused(Exception):
    """The plan cannot be applied as it stands; the message says why and what to do."""


@dataclass
class ApplyOutcome:
    change_id: str
    status: str
    message: str
    applied: list[str] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    readback_differences: list[dict[str, Any]] = field(default_factory=list)
    already_applied: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "change_id": self.change_id,
            "status": self.status,
            "message": self.message,
            "applied": self.applied,
            "failed": self.failed,
            "readback_differences": self.readback_differences,
        }


async def load_plan(db: Database, workspace_id: str, change_id: str) -> ChangePlan:
    """Raises: ApplyRefused when no such plan exists in this workspace."""
    async with db.session() as session:
        plan = await session.get(ChangePlan, change_id)
    if plan is None or plan.workspace_id != workspace_id:
        raise ApplyRefused(f"No change {change_id} in this workspace. List plans with list_changes.")
    return plan


def outcome_of(plan: ChangePlan, *, already: bool) -> ApplyOutcome:
    data = plan.outcome or {}
    return ApplyOutcome(
        change_id=plan.id,
        status=plan.status,
        message=data.get("message", ""),
        applied=list(data.get("applied", [])),
        failed=list(data.get("failed", [])),
        readback_differences=list(data.get("readback_differences", [])),
        already_applied=already,
    )


async def claim(db: Database, plan: ChangePlan, actor: str) -> bool:
    """Move the plan to 'applying' unless someone else did; the database decides the race."""
    async with db.session() as session:
        result = await session.execute(
            update(ChangePlan)
            .where(ChangePlan.id == plan.id, ChangePlan.status.in_(CLAIMABLE))
            .values(status="applying")
        )
        won = bool(result.rowcount)  # type: ignore[attr-defined]
        if won:
            record_event(session, plan, "apply_started", actor)
    return won


async def wait_for_outcome(db: Database, workspace_id: str, change_id: str, patience: float = 60.0) -> ChangePlan:
    deadline = asyncio.get_running_loop().time() + patience
    while True:
        plan = await load_plan(db, workspace_id, change_id)
        if plan.status != "applying" or asyncio.get_running_loop().time() > deadline:
            return plan
        await asyncio.sleep(0.1)


async def finish(
    db: Database,
    plan: ChangePlan,
    actor: str,
    status: str,
    outcome: ApplyOutcome,
    kind: str,
    request_ids: list[str] | None = None,
) -> ApplyOutcome:
    outcome.status = status
    async with db.session() as session:
        await session.execute(
            update(ChangePlan)
            .where(ChangePlan.id == plan.id)
            .values(status=status, outcome=outcome.as_dict(), applied_at=utcnow() if status != "refused" else None)
        )
        record_event(session, plan, kind, actor, outcome.as_dict(), request_ids)
    return outcome


async def apply_plan(db: Database, client: PinterestClient, plan: ChangePlan, actor: str) -> ApplyOutcome:
    """Apply a claimable plan. Callers check approval first; this enforces once-only and drift.

    Raises:
        ApplyRefused: the plan expired, was discarded, or its payload no longer matches its hash.
    """
    if plan.status in FINAL or plan.status == "applying":
        return await _earlier_outcome(db, plan)
    if plan.expires_at < utcnow():
        async with db.session() as session:
            await session.execute(update(ChangePlan).where(ChangePlan.id == plan.id).values(status="expired"))
            record_event(session, plan, "expired", actor)
        raise ApplyRefused(f"Change {plan.id} expired at {plan.expires_at:%Y-%m-%d %H:%M} UTC; make a new plan.")
    if payload_hash(plan.payload) != plan.payload_hash:
        raise ApplyRefused(f"Change {plan.id} does not match its recorded hash and will not be applied.")
    if not await claim(db, plan, actor):
        return await _earlier_outcome(db, plan)
    with client.capture() as calls:
        try:
            outcome, event = await _apply_claimed(client, plan)
        except PinterestError as exc:
            failure = ApplyOutcome(plan.id, "failed", f"Pinterest refused the change: {exc.message}")
            await finish(db, plan, actor, "failed", failure, "apply_failed", _request_ids(calls))
            raise
        except BaseException:
            # Unknown outcome (e.g. cancelled mid-write): leave a trace rather than a stuck 'applying'.
            failure = ApplyOutcome(plan.id, "failed", "The apply was interrupted; check the targets' state.")
            await asyncio.shield(finish(db, plan, actor, "failed", failure, "apply_interrupted", _request_ids(calls)))
            raise
    return await finish(db, plan, actor, outcome.status, outcome, event, _request_ids(calls))


async def _earlier_outcome(db: Database, plan: ChangePlan) -> ApplyOutcome:
    """Another call applied (or is applying) this plan: its outcome, or why nothing will be applied.

    Raises:
        ApplyRefused: the plan was discarded, expired, refused, or is still being applied.
    """
    settled = await wait_for_outcome(db, plan.workspace_id, plan.id)
    if settled.status in ("discarded", "expired"):
        raise ApplyRefused(f"Change {plan.id} was {settled.status}; make a new plan.")
    if settled.status == "applying":
        raise ApplyRefused(
            f"Change {plan.id} is still being applied by another call; look at it with get_change in a "
            "minute (its outcome and Pinterest's request ids are recorded there)."
        )
    if settled.status == "refused":
        said = (settled.outcome or {}).get("message") or "it was refused"
        raise ApplyRefused(f"Change {plan.id} will not be applied: {said} Make a new plan if still wanted.")
    return outcome_of(settled, already=True)


def _request_ids(calls: list[CallRecord]) -> list[str]:
    """Pinterest's ids of the requests an apply made, for the history (pinagent's own where none came back)."""
    return [call.pinterest_request_id or f"pinagent:{call.request_id}" for call in calls]


def _ambiguous(exc: PinterestError) -> bool:
    """A write whose outcome is unknown: no answer after sending, or a gateway error after it."""
    if isinstance(exc, PinterestConnectionError):
        return exc.ambiguous
    return isinstance(exc, ServerError)


Settled = tuple[ApplyOutcome, str]  # the outcome and the history event that records it


async def _apply_claimed(client: PinterestClient, plan: ChangePlan) -> Settled:
    kind_key, action = plan.payload["operation"].split("/")
    kind = KINDS[kind_key]
    if action == "update":
        return await _apply_update(client, plan, kind)
    return await _apply_create(client, plan, kind)


async def _apply_update(client: PinterestClient, plan: ChangePlan, kind: EntityKind) -> Settled:
    assert kind.read is not None
    assert kind.update is not None
    account = plan.payload["ad_account_id"]
    items: list[dict[str, Any]] = plan.payload["items"]
    ids = [str(item["id"]) for item in items]
    current = await kind.read(client, account, ids)
    drift = [
        f"{c['target_name']} ({c['target_id']}): {c['field']} is now "
        f"{display(kind, c['wire_field'], current.get(c['target_id'], {}).get(c['wire_field']))!r}, "
        f"planned from {c['before']!r}"
        for c in plan.diff
        if current.get(c["target_id"], {}).get(c["wire_field"]) != c["wire_before"]
    ]
    if drift:
        message = (
            f"Not applied: the {kind.plural} changed since this plan was made ("
            + "; ".join(drift)
            + "). Make a new plan from the current state."
        )
        return ApplyOutcome(plan.id, "refused", message), "refused_drift"
    note = ""
    try:
        outcomes = await kind.update(client, account, items)
    except PinterestError as exc:
        if (partial := partial_outcomes(exc, items)) is not None and not _ambiguous(exc):
            outcomes = partial
        elif _ambiguous(exc):
            # The update may or may not have landed: the read-back below tells which fields did.
            outcomes = [ItemOutcome({"id": i}) for i in ids]
        else:
            raise
        note = f" Pinterest did not answer the write cleanly; pinagent read the {kind.plural} back to check each field."
    applied = [item_id for item_id, outcome in zip(ids, outcomes, strict=True) if not outcome.errors]
    failed = [
        {"id": item_id, "errors": outcome.errors}
        for item_id, outcome in zip(ids, outcomes, strict=True)
        if outcome.errors
    ]
    after = await kind.read(client, account, applied) if applied else {}
    differences = _differences(plan, kind, {i: after.get(i, {}) for i in applied})
    if note and differences:
        failed_ids = {d["id"] for d in differences}
        applied = [i for i in applied if i not in failed_ids]
        failed = [
            {"id": i, "errors": ["not applied (checked after the write got no clean answer)"]} for i in failed_ids
        ]
        differences = []
    return _settle(plan, kind, ids, applied, failed, differences, note)


async def _apply_create(client: PinterestClient, plan: ChangePlan, kind: EntityKind) -> Settled:
    assert kind.create is not None
    account = plan.payload["ad_account_id"]
    items: list[dict[str, Any]] = plan.payload["items"]
    before = await _similar(kind, client, account, items)
    note = ""
    try:
        outcomes = await kind.create(client, account, items)
    except PinterestError as exc:
        if _ambiguous(exc) and kind.find_similar is not None:
            # Pinterest may have committed before the connection dropped: read before retrying anything.
            outcomes, note = await _reconcile(kind, client, account, items, before)
        elif (partial := partial_outcomes(exc, items)) is not None:
            outcomes = partial
        else:
            raise
    created = [(number, o.id) for number, o in enumerate(outcomes, 1) if not o.errors and o.id]
    failed = [{"id": f"new:{n}", "errors": o.errors} for n, o in enumerate(outcomes, 1) if o.errors or not o.id]
    applied = [entity_id for _, entity_id in created if entity_id]
    readback: dict[str, dict[str, Any]] = {}
    if kind.read is not None and applied:
        read = await kind.read(client, account, applied)
        readback = {f"new:{n}": read.get(entity_id or "", {}) for n, entity_id in created}
    else:
        readback = {f"new:{n}": outcomes[n - 1].entity or {} for n, _ in created}
    differences = _differences(plan, kind, readback)
    targets = [f"new:{n}" for n in range(1, len(items) + 1)]
    return _settle(plan, kind, targets, applied, failed, differences, note)


async def _similar(
    kind: EntityKind, client: PinterestClient, account: str, items: list[dict[str, Any]]
) -> list[set[str]]:
    if kind.find_similar is None:
        return [set() for _ in items]
    return [{str(e.get("id")) for e in await kind.find_similar(client, account, item)} for item in items]


async def _reconcile(
    kind: EntityKind, client: PinterestClient, account: str, items: list[dict[str, Any]], before: list[set[str]]
) -> tuple[list[ItemOutcome], str]:
    assert kind.find_similar is not None
    assert kind.create is not None
    outcomes: list[ItemOutcome] = []
    found = retried = 0
    for item, existing in zip(items, before, strict=True):
        new = [e for e in await kind.find_similar(client, account, item) if str(e.get("id")) not in existing]
        if new:
            outcomes.append(ItemOutcome(new[0]))
            found += 1
        else:
            # Verified absent, so creating it now cannot duplicate it.
            outcomes.extend(await kind.create(client, account, [item]))
            retried += 1
    note = (
        f" Pinterest stopped answering after the write; pinagent read the account back and found {found} "
        f"already created (not sent again) and created {retried} that were missing."
    )
    return outcomes, note


def _differences(plan: ChangePlan, kind: EntityKind, after: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": c["target_id"],
            "field": c["field"],
            "expected": c["after"],
            "actual": display(kind, c["wire_field"], after[c["target_id"]].get(c["wire_field"])),
        }
        for c in plan.diff
        if c["target_id"] in after
        and c["wire_field"] in after[c["target_id"]]
        and after[c["target_id"]].get(c["wire_field"]) != c["wire_after"]
    ]


def _settle(
    plan: ChangePlan,
    kind: EntityKind,
    targets: list[str],
    applied: list[str],
    failed: list[dict[str, Any]],
    differences: list[dict[str, Any]],
    note: str = "",
) -> Settled:
    status = "applied" if not failed else ("partially_applied" if applied else "failed")
    verb = "Created" if plan.payload["operation"].endswith("/create") else "Applied to"
    message = f"{verb} {len(applied)} of {len(targets)} {kind.plural}."
    if failed:
        message += f" Pinterest rejected {len(failed)}: " + "; ".join(
            f"{f['id']}: {', '.join(f['errors'])}" for f in failed
        )
    if differences:
        message += " Read-back found differences from the plan."
    outcome = ApplyOutcome(plan.id, status, message + note, applied, failed, differences)
    return outcome, "applied" if status == "applied" else status
