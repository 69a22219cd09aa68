"""Synchronous analytics of ad groups (``ad_groups/analytics``) and ads (``ads/analytics``).

Same parameters, windows and errors as campaign analytics (FACTS.md §6); HOUR ranges are at most
3 days. ``ad_groups/analytics`` needs ``ad_group_ids`` (1–250) and accepts
``aggregate_report_rows``. ``ads/analytics`` takes ``ad_ids`` (≤ 250) or both ``campaign_ids``
(≤ 250) and ``pin_ids`` (≤ 100): then every ad of those campaigns promoting one of those Pins.
Rows come entity by entity (in request order), date by date, zero-filled; unknown ids give no rows.
"""

from __future__ import annotations

from typing import Any

from pinagent.emulator import params
from pinagent.emulator.ad_accounts import require_account
from pinagent.emulator.analytics import Delivery, account_attrs, id_list, parse_query, report
from pinagent.emulator.delivery import day_number
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import ads_validation
from pinagent.emulator.state import Doc, Tx


def group_attrs(account: Doc, group: Doc) -> dict[str, Any]:
    """Attribute columns of an ad group row."""
    budget = group.get("budget_in_micro_currency")
    return {
        **account_attrs(account),
        "CAMPAIGN_ID": group["campaign_id"],
        "AD_GROUP_ID": group["id"],
        "AD_GROUP_NAME": group["name"],
        "AD_GROUP_ENTITY_STATUS": group["status"],
        "AD_GROUP_BUDGET_TYPE": group.get("budget_type"),
        "AD_GROUP_BUDGET_IN_LOCAL_CURRENCY": None if budget is None else budget / 1_000_000,
        "AD_GROUP_BID_MULTIPLIER": group.get("bid_multiplier"),
    }


def ad_attrs(account: Doc, ad: Doc) -> dict[str, Any]:
    """Attribute columns of an ad row."""
    return {
        **account_attrs(account),
        "CAMPAIGN_ID": ad["campaign_id"],
        "AD_GROUP_ID": ad["ad_group_id"],
        "AD_ID": ad["id"],
        "PIN_PROMOTION_ID": ad["id"],
        "AD_NAME": ad.get("name"),
        "PIN_ID": ad.get("pin_id"),
    }


def ad_group_analytics(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/ad_groups/analytics``."""
    account, _ = require_account(tx, ctx)
    label = "ad account group analytics"
    ids = id_list(ctx, "ad_group_ids", 250, label)
    if not ids:
        raise ads_validation(f"Invalid {label} parameters. 'ad_group_ids' is required (1 to 250 ids).")
    aggregate = params.optional_bool(ctx, "aggregate_report_rows", False)
    query = parse_query(ctx, tx, label, hour_range_limit=True)
    groups = [g for g in (tx.get("ad_group", i) for i in ids) if g is not None and g["ad_account_id"] == account["id"]]
    wanted = {g["id"] for g in groups}
    source = Delivery(tx, account["id"], day_number(query.today), {g["campaign_id"] for g in groups})
    if aggregate:
        rows = report(query, source, lambda c, g, a: "" if g in wanted else None, [("", account_attrs(account))], None)
        return Reply(rows)
    entities = [(g["id"], group_attrs(account, g)) for g in groups]
    return Reply(report(query, source, lambda c, g, a: g if g in wanted else None, entities, "AD_GROUP_ID"))


def _ads_for(ctx: RequestContext, tx: Tx, account: Doc, label: str) -> list[Doc]:
    ad_ids = id_list(ctx, "ad_ids", 250, label)
    campaign_ids = id_list(ctx, "campaign_ids", 250, label)
    pin_ids = id_list(ctx, "pin_ids", 100, label)
    if ad_ids and (campaign_ids or pin_ids):
        raise ads_validation(f"Invalid {label} parameters. Send 'ad_ids', or both 'campaign_ids' and 'pin_ids'.")
    if ad_ids:
        docs = [tx.get("ad", i) for i in ad_ids]
        return [d for d in docs if d is not None and d["ad_account_id"] == account["id"]]
    if not (campaign_ids and pin_ids):
        raise ads_validation(
            f"Invalid {label} parameters. 'ad_ids' (1 to 250), or both 'campaign_ids' (1 to 250) and 'pin_ids' "
            "(1 to 100), are required."
        )
    campaigns, pins = set(campaign_ids), set(pin_ids)
    return [a for a in tx.list("ad", owner=account["id"]) if a["campaign_id"] in campaigns and a.get("pin_id") in pins]


def ads_analytics(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/ads/analytics``."""
    account, _ = require_account(tx, ctx)
    label = "ad account ads analytics"
    ads = _ads_for(ctx, tx, account, label)
    query = parse_query(ctx, tx, label, hour_range_limit=True)
    wanted = {a["id"] for a in ads}
    source = Delivery(tx, account["id"], day_number(query.today), {a["campaign_id"] for a in ads})
    entities = [(a["id"], ad_attrs(account, a)) for a in ads]
    return Reply(report(query, source, lambda c, g, a: a if a in wanted else None, entities, "AD_ID"))


BASE = "/v5/ad_accounts/{ad_account_id}"
OPERATIONS = [
    Operation(
        "ad_groups/analytics", "GET", BASE + "/ad_groups/analytics", "ads_analytics", ("ads:read",), ad_group_analytics
    ),
    Operation("ads/analytics", "GET", BASE + "/ads/analytics", "ads_analytics", ("ads:read",), ads_analytics),
]
