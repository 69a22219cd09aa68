"""Turn requested creates and updates into plans: read current state, diff, warn about money."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pinagent.changes.entities import EntityKind
from pinagent.changes.plans import FieldChange, MoneyChange, PlanDraft, percent_change
from pinagent.pinterest import PinterestClient
from pinagent.pinterest.money import format_money, micro_to_units

DAILY_MONEY = {"daily_spend_cap", "budget_in_micro_currency"}


class PlanningError(ValueError):
    """The request cannot become a plan (unknown entity, nothing to change, conflicting fields)."""


@dataclass(frozen=True)
class Edit:
    """Requested new values (Pinterest field → wire value) for one existing entity."""

    entity_id: str
    wire_changes: dict[str, Any]


def is_daily(wire_field: str, entity: dict[str, Any]) -> bool:
    """Whether a money field is spent per day (an ad group's budget may be a lifetime budget)."""
    if wire_field == "budget_in_micro_currency":
        return bool(entity.get("budget_type", "DAILY") == "DAILY")
    return wire_field in DAILY_MONEY


def display(kind: EntityKind, wire_field: str, value: Any) -> Any:
    """A wire value as people read it: money in currency units."""
    if wire_field in kind.money and value is not None:
        return float(micro_to_units(int(value)))
    return value


class _Warnings:
    """Collects warnings and the facts the approval policy looks at."""

    def __init__(self, kind: EntityKind, currency: str) -> None:
        self.kind = kind
        self.currency = currency
        self.lines: list[str] = []
        self.spend_increase = False
        self.activation = False
        self.daily_delta = 0
        self.money_changes: list[MoneyChange] = []

    def money(self, label: str, wire_field: str, before: Any, after: Any, entity: dict[str, Any]) -> None:
        if wire_field not in self.kind.money or after is None:
            return
        old, new = int(before or 0), int(after)
        daily = is_daily(wire_field, entity)
        public = self.kind.public_name(wire_field)
        self.money_changes.append(MoneyChange(label, public, None if before is None else old, new, daily))
        if new <= old:
            return
        amount = format_money(micro_to_units(new - old), self.currency)
        if before is None:
            # A new entity's budget is spent only once it is ACTIVE (which is an activation of its own).
            self.lines.append(f"New {public} on “{label}”: {amount}{' per day' if daily else ''}.")
            return
        self.spend_increase = True
        pct = percent_change(old, new)
        change = f" (+{pct}%)" if pct is not None else ""
        self.lines.append(f"Spend increase on “{label}”: {public} +{amount}{change}")

    def daily_budget(self, before: dict[str, Any], after: dict[str, Any]) -> None:
        """Count the change in daily money an entity can spend: its daily budget while it is ACTIVE.

        Activating a campaign with a 50 EUR cap adds 50 EUR a day, as much as raising the cap would.
        """
        for wire_field in self.kind.money:
            if is_daily(wire_field, after):
                spend_before = int(before.get(wire_field) or 0) if before.get("status") == "ACTIVE" else 0
                spend_after = int(after.get(wire_field) or 0) if after.get("status") == "ACTIVE" else 0
                self.daily_delta += spend_after - spend_before

    def status(self, label: str, before: Any, after: Any) -> None:
        if after == "ACTIVE" and before != "ACTIVE":
            self.activation = True
            if before is None:
                self.lines.append(f"Activation: “{label}” is created ACTIVE and can start spending at once.")
            else:
                self.lines.append(f"Activation: “{label}” goes from {before} to ACTIVE and can start spending.")

    def finish(self) -> list[str]:
        if self.daily_delta:
            sign = "+" if self.daily_delta > 0 else "−"
            amount = format_money(micro_to_units(abs(self.daily_delta)), self.currency)
            self.lines.append(f"Daily budget change across this plan: {sign}{amount}.")
        return self.lines


async def plan_updates(
    kind: EntityKind,
    client: PinterestClient,
    ad_account_id: str,
    currency: str,
    edits: list[Edit],
    reason: str | None,
    tool: str,
) -> PlanDraft:
    """Describe ``edits`` against the entities' current state.

    Raises:
        PlanningError: an entity is missing, listed twice, or nothing would change.
    """
    assert kind.read is not None
    ids = [edit.entity_id for edit in edits]
    if len(set(ids)) != len(ids):
        raise PlanningError(f"Each {kind.name} may appear only once per plan; merge its changes into one item.")
    current = await kind.read(client, ad_account_id, ids)
    if missing := [i for i in ids if i not in current]:
        raise PlanningError(
            f"{kind.plural.capitalize()} not found in ad account {ad_account_id}: {', '.join(missing)}."
        )
    notes = _Warnings(kind, currency)
    changes: list[FieldChange] = []
    items: list[dict[str, Any]] = []
    for edit in edits:
        entity = current[edit.entity_id]
        label = str(entity.get(kind.label_field) or edit.entity_id)
        if kind.validate and (problem := kind.validate(entity, edit.wire_changes)):
            raise PlanningError(f"{kind.name.capitalize()} “{label}” ({edit.entity_id}): {problem}.")
        item: dict[str, Any] = {"id": edit.entity_id}
        for wire_field, after in edit.wire_changes.items():
            before = entity.get(wire_field)
            if before == after:
                continue
            item[wire_field] = after
            changes.append(
                FieldChange(
                    edit.entity_id,
                    label,
                    kind.public_name(wire_field),
                    display(kind, wire_field, before),
                    display(kind, wire_field, after),
                    wire_field,
                    before,
                    after,
                )
            )
            notes.money(label, wire_field, before, after, entity)
            if wire_field == "status":
                notes.status(label, before, after)
        if len(item) > 1:
            items.append(item)
            notes.daily_budget(entity, entity | item)
    if not items:
        raise PlanningError(f"Nothing would change: every requested value equals the {kind.name}'s current value.")
    return PlanDraft(
        tool=tool,
        operation=f"{kind.plural.replace(' ', '_')}/update",
        ad_account_id=ad_account_id,
        currency=currency,
        items=items,
        changes=changes,
        description=describe(kind, changes, currency, "Update"),
        warnings=notes.finish(),
        spend_increase=notes.spend_increase,
        activation=notes.activation,
        reason=reason,
        money=notes.money_changes,
    )


def plan_creates(
    kind: EntityKind, ad_account_id: str, currency: str, items: list[dict[str, Any]], reason: str | None, tool: str
) -> PlanDraft:
    """Describe new entities; each field is shown as a change from nothing."""
    notes = _Warnings(kind, currency)
    changes: list[FieldChange] = []
    for number, item in enumerate(items, 1):
        label = str(item.get(kind.label_field) or f"new {kind.name} {number}")
        target = f"new:{number}"
        for wire_field, value in item.items():
            if wire_field == "ad_account_id" or value is None:
                continue
            public = kind.public_name(wire_field)
            shown = display(kind, wire_field, value)
            if wire_field == "media_source" and isinstance(value, dict) and "data" in value:
                shown = {**value, "data": f"<{len(str(value['data']))} base64 characters>"}
            changes.append(FieldChange(target, label, public, None, shown, wire_field, None, value))
            notes.money(label, wire_field, None, value, item)
            if wire_field == "status":
                notes.status(label, None, value)
        notes.daily_budget({}, item)
    return PlanDraft(
        tool=tool,
        operation=f"{kind.plural.replace(' ', '_')}/create",
        ad_account_id=ad_account_id,
        currency=currency,
        items=items,
        changes=changes,
        description=describe(kind, changes, currency, "Create"),
        warnings=notes.finish(),
        spend_increase=notes.spend_increase,
        activation=notes.activation,
        reason=reason,
        money=notes.money_changes,
    )


def describe(kind: EntityKind, changes: list[FieldChange], currency: str, verb: str) -> str:
    lines = []
    for change in changes:
        before, after = change.before, change.after
        if change.wire_field in kind.money:
            before = "none" if before is None else format_money(before, currency)
            after = "none" if after is None else format_money(after, currency)
        if verb == "Create":
            lines.append(f"{change.target_name}: {change.field} = {after}")
        else:
            lines.append(f"{change.target_name} ({change.target_id}): {change.field} {before} → {after}")
    count = len({c.target_id for c in changes})
    noun = kind.name if count == 1 else kind.plural
    return f"{verb} {count} {noun}:\n" + "\n".join(f"- {line}" for line in lines)
