"""Plans for campaign changes: read the campaigns, diff the requested fields, warn about spend."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pinagent.changes.plans import FieldChange, PlanDraft, percent_change
from pinagent.pinterest import PinterestClient
from pinagent.pinterest.money import format_money, micro_to_units

ALL_STATUSES = ["ACTIVE", "PAUSED", "ARCHIVED", "DRAFT"]

# field people use → Pinterest wire field
CAMPAIGN_FIELDS = {
    "name": "name",
    "status": "status",
    "daily_budget": "daily_spend_cap",
    "lifetime_budget": "lifetime_spend_cap",
    "end_time": "end_time",
}
MONEY_FIELDS = {"daily_spend_cap", "lifetime_spend_cap"}


class PlanningError(ValueError):
    """The request cannot become a plan (unknown campaign, nothing to change, conflicting fields)."""


@dataclass(frozen=True)
class CampaignEdit:
    campaign_id: str
    wire_changes: dict[str, Any]  # wire field → new wire value (micro-currency for money)


async def read_campaigns(client: PinterestClient, ad_account_id: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Current wire state of the given campaigns, keyed by id (all statuses)."""
    found: dict[str, dict[str, Any]] = {}
    async for campaign in client.campaigns.list(ad_account_id, campaign_ids=ids, entity_statuses=ALL_STATUSES):
        found[str(campaign.id)] = campaign.model_dump(mode="json")
    return found


def _display(wire_field: str, value: Any) -> Any:
    if wire_field in MONEY_FIELDS and value is not None:
        return float(micro_to_units(int(value)))
    return value


async def plan_campaign_updates(
    client: PinterestClient,
    ad_account_id: str,
    currency: str,
    edits: list[CampaignEdit],
    reason: str | None,
) -> PlanDraft:
    """Describe the edits against the campaigns' current state.

    Raises:
        PlanningError: a campaign does not exist in the account, or no field would change.
    """
    ids = [edit.campaign_id for edit in edits]
    if len(set(ids)) != len(ids):
        raise PlanningError("Each campaign may appear only once per plan; merge its changes into one item.")
    current = await read_campaigns(client, ad_account_id, ids)
    missing = [i for i in ids if i not in current]
    if missing:
        raise PlanningError(f"Campaign(s) {', '.join(missing)} not found in ad account {ad_account_id}.")
    changes: list[FieldChange] = []
    items: list[dict[str, Any]] = []
    warnings: list[str] = []
    spend_increase = activation = False
    daily_delta = 0
    for edit in edits:
        campaign = current[edit.campaign_id]
        name = campaign.get("name") or edit.campaign_id
        item: dict[str, Any] = {"id": edit.campaign_id, "ad_account_id": ad_account_id}
        for wire_field, after in edit.wire_changes.items():
            before = campaign.get(wire_field)
            if before == after:
                continue
            item[wire_field] = after
            public = next(k for k, v in CAMPAIGN_FIELDS.items() if v == wire_field)
            changes.append(
                FieldChange(
                    edit.campaign_id,
                    name,
                    public,
                    _display(wire_field, before),
                    _display(wire_field, after),
                    wire_field,
                    before,
                    after,
                )
            )
            if wire_field in MONEY_FIELDS and after is not None and int(after) > int(before or 0):
                spend_increase = True
                pct = percent_change(int(before or 0), int(after))
                increase = format_money(micro_to_units(int(after) - int(before or 0)), currency)
                per = " per day" if wire_field == "daily_spend_cap" else " in total"
                warnings.append(
                    f"Spend increase on “{name}”: {public} +{increase}{per}"
                    + (f" (+{pct}%)" if pct is not None else " (from no cap)")
                )
            if wire_field == "daily_spend_cap":
                daily_delta += int(after or 0) - int(before or 0)
            if wire_field == "status" and after == "ACTIVE" and before != "ACTIVE":
                activation = True
                warnings.append(f"Activation: “{name}” goes from {before} to ACTIVE and will start spending.")
        if len(item) > 2:
            items.append(item)
    if not items:
        raise PlanningError("Nothing would change: every requested value equals the campaign's current value.")
    if daily_delta:
        sign = "+" if daily_delta > 0 else "−"
        warnings.append(
            f"Daily budget change across this plan: {sign}{format_money(micro_to_units(abs(daily_delta)), currency)}."
        )
    description = _describe(changes, currency)
    return PlanDraft(
        tool="update_campaigns",
        operation="campaigns/update",
        ad_account_id=ad_account_id,
        currency=currency,
        items=items,
        changes=changes,
        description=description,
        warnings=warnings,
        spend_increase=spend_increase,
        activation=activation,
        reason=reason,
    )


def _describe(changes: list[FieldChange], currency: str) -> str:
    lines = []
    for change in changes:
        before, after = change.before, change.after
        if change.wire_field in MONEY_FIELDS:
            before = "no cap" if before is None else format_money(before, currency)
            after = "no cap" if after is None else format_money(after, currency)
        lines.append(f"{change.target_name} ({change.target_id}): {change.field} {before} → {after}")
    head = f"Update {len({c.target_id for c in changes})} campaign(s)"
    return head + ":\n" + "\n".join(f"- {line}" for line in lines)
