"""Campaigns: list, get, bulk create and bulk update.

Bulk calls take a JSON array of 1–30 items and answer 200 with one ``{data, exceptions}`` element
per item, in request order. A valid item is applied (``"exceptions": []``); an invalid one is not and
comes back without ``data`` and with one exception ``{code, message}`` (code 1 invalid parameter,
code 2 campaign not found). Unknown fields are rejected rather than silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pinagent.emulator import fields, pagination, params
from pinagent.emulator.ad_accounts import public, require_account
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import invalid_parameter, not_found
from pinagent.emulator.state import Doc, Tx

OBJECTIVES = ("AWARENESS", "CONSIDERATION", "WEB_CONVERSION", "CATALOG_SALES", "VIDEO_COMPLETION")
STATUSES = fields.STATUSES


RULES: dict[str, fields.Rule] = {
    "ad_account_id": fields.digits,
    "name": fields.name_rule,
    "status": fields.enum(STATUSES),
    "objective_type": fields.enum(OBJECTIVES),
    "daily_spend_cap": fields.spend_cap,
    "lifetime_spend_cap": fields.spend_cap,
    "default_ad_group_budget_in_micro_currency": fields.micro,
    "start_time": fields.timestamp,
    "end_time": fields.timestamp,
    "tracking_urls": fields.tracking,
    "order_line_id": fields.digits,
    "is_campaign_budget_optimization": fields.nullable_boolean,
    "is_flexible_daily_budgets": fields.boolean,
    "is_automated_campaign": fields.boolean,
    "is_performance_plus": fields.boolean,
    "bid_options": fields.json_object,
}
UPDATE_RULES = {**RULES, "id": fields.digits}
DEFAULTS: dict[str, Any] = {
    "status": "ACTIVE",
    "daily_spend_cap": None,
    "lifetime_spend_cap": None,
    "end_time": None,
    "tracking_urls": None,
    "order_line_id": None,
    "is_campaign_budget_optimization": False,
    "is_flexible_daily_budgets": False,
    "is_automated_campaign": False,
    "is_performance_plus": False,
    "default_ad_group_budget_in_micro_currency": None,
}


summary_status = fields.summary_status


def serialize(doc: Doc, now: float) -> dict[str, Any]:
    """A ``CampaignResponse``."""
    return {**public(doc), "type": "campaign", "summary_status": summary_status(doc, now)}


def _check_budget_and_schedule(doc: dict[str, Any]) -> None:
    if doc.get("daily_spend_cap") is not None and doc.get("lifetime_spend_cap") is not None:
        raise invalid_parameter("'daily_spend_cap' and 'lifetime_spend_cap' cannot be set at the same time.")
    if (
        doc.get("is_campaign_budget_optimization")
        and doc.get("daily_spend_cap") is None
        and (doc.get("lifetime_spend_cap") is None)
    ):
        raise invalid_parameter("campaign budget optimization needs 'daily_spend_cap' or 'lifetime_spend_cap'.")
    start, end = doc.get("start_time"), doc.get("end_time")
    if start is not None and end is not None and end <= start:
        raise invalid_parameter("'end_time' must be after 'start_time'.")


def _same_account(item: dict[str, Any], ad_account_id: str) -> None:
    if "ad_account_id" not in item:
        raise invalid_parameter("'ad_account_id' is required in every item.")
    if item["ad_account_id"] != ad_account_id:
        raise invalid_parameter(
            f"'ad_account_id' {item['ad_account_id']!r} does not match the ad account in the path ({ad_account_id})."
        )


def _create_one(tx: Tx, item: Any, ad_account_id: str, now: int) -> Doc:
    if not isinstance(item, dict):
        raise invalid_parameter("each campaign must be a JSON object.")
    fields.check_fields(item, RULES)
    _same_account(item, ad_account_id)
    for field in ("name", "objective_type"):
        if field not in item:
            raise invalid_parameter(f"'{field}' is required.")
    if item.get("status") == "DELETED_DRAFT":
        raise invalid_parameter("a campaign cannot be created as DELETED_DRAFT.")
    doc: Doc = {**DEFAULTS, "start_time": now, **item}
    _check_budget_and_schedule(doc)
    doc.update(id=tx.new_id(), name=item["name"].strip(), created_time=now, updated_time=now)
    doc.update(_profile={}, _initial_status=doc["status"], _status_log=[])
    tx.put("campaign", doc["id"], doc, owner=ad_account_id)
    return doc


def _update_one(tx: Tx, item: Any, ad_account_id: str, now: int) -> Doc:
    if not isinstance(item, dict):
        raise invalid_parameter("each campaign must be a JSON object.")
    fields.check_fields(item, UPDATE_RULES)
    if "id" not in item:
        raise invalid_parameter("'id' is required in every item.")
    _same_account(item, ad_account_id)
    doc = tx.get("campaign", item["id"])
    if doc is None or doc["ad_account_id"] != ad_account_id:
        raise not_found("Campaign")
    current = doc["status"]
    if current == "ARCHIVED":
        raise invalid_parameter(f"campaign {doc['id']} is ARCHIVED; archived campaigns cannot be updated.")
    for field in ("objective_type", "is_performance_plus"):
        if field in item and item[field] != doc.get(field) and current != "DRAFT":
            raise invalid_parameter(f"'{field}' can only be changed on DRAFT campaigns.")
    new_status = item.get("status", current)
    if new_status != current and (new_status == "DRAFT" or (new_status == "DELETED_DRAFT" and current != "DRAFT")):
        raise invalid_parameter(f"cannot change status from {current} to {new_status}.")
    merged: Doc = {**doc, **{k: v for k, v in item.items() if k not in ("id", "ad_account_id")}}
    _check_budget_and_schedule(merged)
    if isinstance(item.get("name"), str):
        merged["name"] = item["name"].strip()
    if new_status != current:
        merged["_status_log"] = [*doc.get("_status_log", []), [now, new_status]]
    merged["updated_time"] = now
    tx.put("campaign", merged["id"], merged, owner=ad_account_id)
    return merged


def _serialize(tx: Tx, doc: Doc, now: float) -> dict[str, Any]:
    return serialize(doc, now)


def _bulk(ctx: RequestContext, tx: Tx, apply_one: Callable[[Tx, Any, str, int], Doc]) -> Reply:
    account, _ = require_account(tx, ctx, write=True)
    return fields.bulk(ctx, tx, "campaigns", account["id"], apply_one, _serialize)


def create_campaigns(ctx: RequestContext, tx: Tx) -> Reply:
    """``POST /v5/ad_accounts/{ad_account_id}/campaigns``."""
    return _bulk(ctx, tx, _create_one)


def update_campaigns(ctx: RequestContext, tx: Tx) -> Reply:
    """``PATCH /v5/ad_accounts/{ad_account_id}/campaigns``."""
    return _bulk(ctx, tx, _update_one)


def list_campaigns(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/campaigns``."""
    account, _ = require_account(tx, ctx)
    ids = set(params.id_list(ctx, "campaign_ids", 250))
    statuses = set(params.enum_list(ctx, "entity_statuses", STATUSES, ("ACTIVE", "PAUSED")))
    order = params.optional_enum(ctx, "order", ("ASCENDING", "DESCENDING"), "ASCENDING")
    docs = [
        d for d in tx.list("campaign", owner=account["id"]) if d["status"] in statuses and (not ids or d["id"] in ids)
    ]
    page = pagination.paginate(ctx, docs, f"campaigns:{account['id']}", descending=order == "DESCENDING")
    now = tx.now()
    page["items"] = [serialize(d, now) for d in page["items"]]
    return Reply(page)


def get_campaign(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/campaigns/{campaign_id}``."""
    account, _ = require_account(tx, ctx)
    campaign_id = params.entity_id(ctx.path_params["campaign_id"], "campaign_id")
    doc = tx.get("campaign", campaign_id)
    if doc is None or doc["ad_account_id"] != account["id"]:
        raise not_found("Campaign")
    return Reply(serialize(doc, tx.now()))


BASE = "/v5/ad_accounts/{ad_account_id}/campaigns"
OPERATIONS = [
    Operation("campaigns/list", "GET", BASE, "ads_read", ("ads:read",), list_campaigns),
    Operation("campaigns/create", "POST", BASE, "ads_write", ("ads:write",), create_campaigns),
    Operation("campaigns/update", "PATCH", BASE, "ads_write", ("ads:write",), update_campaigns),
    Operation("campaigns/get", "GET", BASE + "/{campaign_id}", "ads_read", ("ads:read",), get_campaign),
]
