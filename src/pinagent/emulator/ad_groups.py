"""Ad groups: list, get, bulk create and bulk update (FACTS.md §2, §7, §8).

Create items need ``campaign_id`` (a campaign of the path's account, not ARCHIVED), ``name`` and
``billable_event``. ``budget_in_micro_currency`` is required unless the campaign uses budget
optimization (CBO: ``budget_type`` CBO_ADGROUP, at most 70 ad groups, STANDARD pacing).
``bid_in_micro_currency`` is required for AWARENESS/IMPRESSION, CONSIDERATION/CLICKTHROUGH and
CATALOG_SALES/CLICKTHROUGH, and for MAX_BID / TARGET_AVG bidding; VIDEO_COMPLETION campaigns bid
AUTOMATIC_BID only; WEB_CONVERSION campaigns need ``optimization_goal_metadata``. Updates need
``id``; ``billable_event`` and ``budget_type`` change on DRAFT ad groups only; ARCHIVED ones are frozen.
"""

from __future__ import annotations

from typing import Any

from pinagent.emulator import fields, pagination, params, targeting
from pinagent.emulator.ad_accounts import public, require_account
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import ads_validation, invalid_parameter, not_found
from pinagent.emulator.state import Doc, Tx

BILLABLE_EVENTS = ("CLICKTHROUGH", "IMPRESSION", "VIDEO_V_50_MRC")
BID_STRATEGIES = ("AUTOMATIC_BID", "MAX_BID", "TARGET_AVG")
BUDGET_TYPES = ("DAILY", "LIFETIME", "CBO_ADGROUP")
BID_REQUIRED = {("AWARENESS", "IMPRESSION"), ("CONSIDERATION", "CLICKTHROUGH"), ("CATALOG_SALES", "CLICKTHROUGH")}
MIN_BID = 10_000  # 0.01 currency units: a bid sent in units instead of micro-currency fails loudly
MAX_CBO_GROUPS = 70


def _bid(value: Any) -> str | None:
    if value is None or (fields.is_int(value) and value >= MIN_BID):
        return None
    return "must be an integer in micro-currency (1 unit = 1,000,000) of at least 10,000, or null"


def _multiplier(value: Any) -> str | None:
    ok = value is None or (isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 10)
    return None if ok else "must be a number between 0 and 10, or null"


def _frequency_cap(value: Any) -> str | None:
    return None if fields.is_int(value) and value >= 1 else "must be a positive integer"


def _campaign_ref(value: Any) -> str | None:
    ok = isinstance(value, str) and params.DIGITS.match(value.removeprefix("C")) is not None
    return None if ok else "must be a campaign id (digits, optionally prefixed with 'C')"


RULES: dict[str, fields.Rule] = {
    "campaign_id": _campaign_ref,
    "name": fields.name_rule,
    "status": fields.enum(fields.STATUSES),
    "budget_in_micro_currency": fields.spend_cap,
    "bid_in_micro_currency": _bid,
    "budget_type": fields.enum(BUDGET_TYPES),
    "start_time": fields.timestamp,
    "end_time": fields.timestamp,
    "targeting_spec": targeting.targeting_spec,
    "lifetime_frequency_cap": _frequency_cap,
    "tracking_urls": fields.tracking,
    "auto_targeting_enabled": fields.nullable_boolean,
    "placement_group": fields.enum(("ALL", "SEARCH", "BROWSE", "OTHER")),
    "pacing_delivery_type": fields.enum(("STANDARD", "ACCELERATED")),
    "billable_event": fields.enum(BILLABLE_EVENTS),
    "bid_strategy_type": fields.enum(BID_STRATEGIES, nullable=True),
    "optimization_goal_metadata": targeting.optimization_goal_metadata,
    "bid_multiplier": _multiplier,
    "is_creative_optimization": fields.nullable_boolean,
    "promotion_id": fields.digits,
    "promotion_application_level": fields.enum(("NONE", "ITEM", "AD_GROUP"), nullable=True),
    "targeting_template_ids": fields.digit_list(max_items=1),
    "dca_assets": fields.anything,
}
UPDATE_RULES = {**RULES, "id": fields.digits}
DEFAULTS: dict[str, Any] = {
    "status": "ACTIVE",
    "budget_in_micro_currency": None,
    "bid_in_micro_currency": None,
    "budget_type": "DAILY",
    "end_time": None,
    "targeting_spec": {},
    "tracking_urls": None,
    "auto_targeting_enabled": True,
    "placement_group": "ALL",
    "pacing_delivery_type": "STANDARD",
    "bid_strategy_type": None,
    "optimization_goal_metadata": None,
    "bid_multiplier": None,
    "is_creative_optimization": False,
    "conversion_learning_mode_type": None,
    "targeting_template_ids": None,
}


def serialize(doc: Doc, now: float) -> dict[str, Any]:
    """An ``AdGroupResponse``."""
    return {**public(doc), "type": "adgroup", "summary_status": fields.summary_status(doc, now)}


def _serialize(tx: Tx, doc: Doc, now: float) -> dict[str, Any]:
    return serialize(doc, now)


def _campaign_of(tx: Tx, campaign_id: str, account_id: str) -> Doc:
    campaign = tx.get("campaign", campaign_id.removeprefix("C"))
    if campaign is None or campaign["ad_account_id"] != account_id:
        raise not_found("Campaign")
    return campaign


def _check_rules(tx: Tx, doc: Doc, campaign: Doc) -> None:
    """Budget, bid, bidding strategy, goal and schedule rules of a complete ad group."""
    objective = campaign["objective_type"]
    cbo = bool(campaign.get("is_campaign_budget_optimization"))
    if cbo and doc["budget_type"] != "CBO_ADGROUP":
        raise invalid_parameter("ad groups of a budget-optimized (CBO) campaign must use budget_type CBO_ADGROUP.")
    if not cbo and doc["budget_type"] == "CBO_ADGROUP":
        raise invalid_parameter("budget_type CBO_ADGROUP needs a campaign with campaign budget optimization.")
    if cbo and doc["pacing_delivery_type"] != "STANDARD":
        raise invalid_parameter("CBO ad groups only allow pacing_delivery_type STANDARD.")
    if not cbo and doc.get("budget_in_micro_currency") is None:
        raise invalid_parameter("'budget_in_micro_currency' is required for ad groups of non-CBO campaigns.")
    if doc["budget_type"] == "LIFETIME" and doc.get("end_time") is None:
        raise invalid_parameter("budget_type LIFETIME requires 'end_time'.")
    strategy = doc.get("bid_strategy_type")
    if objective == "VIDEO_COMPLETION" and strategy not in (None, "AUTOMATIC_BID"):
        raise invalid_parameter("VIDEO_COMPLETION campaigns only support bid_strategy_type AUTOMATIC_BID.")
    needs_bid = (objective, doc["billable_event"]) in BID_REQUIRED or strategy in ("MAX_BID", "TARGET_AVG")
    if needs_bid and doc.get("bid_in_micro_currency") is None:
        reason = f"bid_strategy_type {strategy}" if strategy in ("MAX_BID", "TARGET_AVG") else "this combination"
        raise invalid_parameter(
            f"'bid_in_micro_currency' is required for {objective} campaigns with billable_event "
            f"{doc['billable_event']} ({reason})."
        )
    if objective == "WEB_CONVERSION" and not doc.get("optimization_goal_metadata"):
        raise invalid_parameter("'optimization_goal_metadata' is required for WEB_CONVERSION campaigns.")
    if doc.get("lifetime_frequency_cap") is not None:
        if doc["billable_event"] != "IMPRESSION":
            raise invalid_parameter("'lifetime_frequency_cap' is only available for IMPRESSION (CPM) ad groups.")
        if doc.get("end_time") is None:
            raise invalid_parameter("'lifetime_frequency_cap' requires 'end_time'.")
    start, end = doc.get("start_time"), doc.get("end_time")
    if start is not None and end is not None and end <= start:
        raise invalid_parameter("'end_time' must be after 'start_time'.")
    if start is not None and campaign.get("start_time") is not None and start < campaign["start_time"]:
        raise invalid_parameter("'start_time' cannot precede the campaign's start_time.")
    if end is not None and campaign.get("end_time") is not None and end > campaign["end_time"]:
        raise invalid_parameter("'end_time' cannot be after the campaign's end_time.")
    targeting.check_audiences(tx, doc.get("targeting_spec") or {}, campaign["ad_account_id"])


def _create_one(tx: Tx, raw: Any, account_id: str, now: int) -> Doc:
    item = fields.as_object(raw, "ad group")
    fields.check_fields(item, RULES)
    fields.require(item, "campaign_id", "name", "billable_event")
    campaign = _campaign_of(tx, item["campaign_id"], account_id)
    if campaign["status"] == "ARCHIVED":
        raise invalid_parameter(f"campaign {campaign['id']} is ARCHIVED; no ad groups can be added to it.")
    if item.get("status") == "DELETED_DRAFT":
        raise invalid_parameter("an ad group cannot be created as DELETED_DRAFT.")
    defaults = dict(DEFAULTS)
    if campaign.get("is_campaign_budget_optimization"):
        defaults["budget_type"] = "CBO_ADGROUP"
        siblings = [g for g in tx.list("ad_group", owner=account_id) if g["campaign_id"] == campaign["id"]]
        if len(siblings) >= MAX_CBO_GROUPS:
            raise invalid_parameter(f"a CBO campaign holds at most {MAX_CBO_GROUPS} ad groups.")
    if campaign["objective_type"] == "VIDEO_COMPLETION":
        defaults["bid_strategy_type"] = "AUTOMATIC_BID"
    doc: Doc = {**defaults, "start_time": campaign.get("start_time"), **item, "campaign_id": campaign["id"]}
    _check_rules(tx, doc, campaign)
    doc.update(id=tx.new_id(), ad_account_id=account_id, name=item["name"].strip(), created_time=now, updated_time=now)
    doc.update(_profile={}, _initial_status=doc["status"], _status_log=[])
    tx.put("ad_group", doc["id"], doc, owner=account_id)
    return doc


def _update_one(tx: Tx, raw: Any, account_id: str, now: int) -> Doc:
    item = fields.as_object(raw, "ad group")
    fields.check_fields(item, UPDATE_RULES)
    fields.require(item, "id")
    doc = tx.get("ad_group", item["id"])
    if doc is None or doc["ad_account_id"] != account_id:
        raise not_found("AdGroup")
    if "campaign_id" in item and item["campaign_id"].removeprefix("C") != doc["campaign_id"]:
        raise invalid_parameter("an ad group cannot move to another campaign ('campaign_id' differs).")
    current = doc["status"]
    if current == "ARCHIVED":
        raise invalid_parameter(f"ad group {doc['id']} is ARCHIVED; archived ad groups cannot be updated.")
    for field in ("billable_event", "budget_type"):
        if field in item and item[field] != doc.get(field) and current != "DRAFT":
            raise invalid_parameter(f"'{field}' can only be changed on DRAFT ad groups.")
    fields.check_status_change(current, str(item.get("status", current)), "ad group")
    merged: Doc = {**doc, **{k: v for k, v in item.items() if k not in ("id", "campaign_id")}}
    _check_rules(tx, merged, _campaign_of(tx, doc["campaign_id"], account_id))
    if isinstance(item.get("name"), str):
        merged["name"] = item["name"].strip()
    fields.log_status(doc, merged, now)
    merged["updated_time"] = now
    tx.put("ad_group", merged["id"], merged, owner=account_id)
    return merged


def create_ad_groups(ctx: RequestContext, tx: Tx) -> Reply:
    """``POST /v5/ad_accounts/{ad_account_id}/ad_groups``."""
    account, _ = require_account(tx, ctx, write=True)
    return fields.bulk(ctx, tx, "ad groups", account["id"], _create_one, _serialize)


def update_ad_groups(ctx: RequestContext, tx: Tx) -> Reply:
    """``PATCH /v5/ad_accounts/{ad_account_id}/ad_groups``."""
    account, _ = require_account(tx, ctx, write=True)
    return fields.bulk(ctx, tx, "ad groups", account["id"], _update_one, _serialize)


def list_ad_groups(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/ad_groups``."""
    account, _ = require_account(tx, ctx)
    campaign_ids = set(params.id_list(ctx, "campaign_ids", 250))
    group_ids = set(params.id_list(ctx, "ad_group_ids", 250))
    if campaign_ids and group_ids:
        raise ads_validation(
            "Invalid ad account group parameters. Filter by 'campaign_ids' or 'ad_group_ids', not both."
        )
    statuses = set(params.enum_list(ctx, "entity_statuses", fields.STATUSES, ("ACTIVE", "PAUSED")))
    order = params.optional_enum(ctx, "order", ("ASCENDING", "DESCENDING"), "ASCENDING")
    params.optional_bool(ctx, "translate_interests_to_names", False)
    docs = [
        d
        for d in tx.list("ad_group", owner=account["id"])
        if d["status"] in statuses
        and (not campaign_ids or d["campaign_id"] in campaign_ids)
        and (not group_ids or d["id"] in group_ids)
    ]
    page = pagination.paginate(ctx, docs, f"ad_groups:{account['id']}", descending=order == "DESCENDING")
    now = tx.now()
    page["items"] = [serialize(d, now) for d in page["items"]]
    return Reply(page)


def get_ad_group(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/ad_groups/{ad_group_id}``."""
    account, _ = require_account(tx, ctx)
    group_id = params.entity_id(ctx.path_params["ad_group_id"], "ad_group_id")
    doc = tx.get("ad_group", group_id)
    if doc is None or doc["ad_account_id"] != account["id"]:
        raise not_found("AdGroup")
    return Reply(serialize(doc, tx.now()))


BASE = "/v5/ad_accounts/{ad_account_id}/ad_groups"
OPERATIONS = [
    Operation("ad_groups/list", "GET", BASE, "ads_read", ("ads:read",), list_ad_groups),
    Operation("ad_groups/create", "POST", BASE, "ads_write", ("ads:write",), create_ad_groups),
    Operation("ad_groups/update", "PATCH", BASE, "ads_write", ("ads:write",), update_ad_groups),
    Operation("ad_groups/get", "GET", BASE + "/{ad_group_id}", "ads_read", ("ads:read",), get_ad_group),
]
