"""Built-in ad groups, ads and audiences (deterministic, derived from the campaigns).

Every campaign gets 2–4 ad groups (budgets sharing ~110% of the campaign cap, 125% for capped
campaigns so the cap binds) and every ad group 1–3 ads promoting the advertiser's PUBLIC Pins.
Ids follow the campaign numbering: ad groups ``26800641xxxxx`` (Acme EU), ``…42…``, ``…43…``,
``…44…``, large markets ``2680065000001 + k·100000``; ads ``6872001xxxxx`` likewise. Problems to
diagnose at the ad level live in Acme Outdoor – EU (see docs/emulator.md).
"""

from __future__ import annotations

import random
from typing import Any

from pinagent.emulator.generator_organic import PIN_BASE

M = 1_000_000
VISITOR_TAG = "2613287301001"
GROUP_BASES = {"549764001001": 2_680_064_100_001, "549764001002": 2_680_064_200_001}
GROUP_BASES |= {"549764001003": 2_680_064_300_001, "549764001004": 2_680_064_400_001}
AD_BASES = {"549764001001": 687_200_100_001, "549764001002": 687_200_200_001}
AD_BASES |= {"549764001003": 687_200_300_001, "549764001004": 687_200_400_001}
for _k in range(5):
    GROUP_BASES[str(549_764_001_101 + _k)] = 2_680_065_000_001 + _k * 100_000
    AD_BASES[str(549_764_001_101 + _k)] = 687_201_000_001 + _k * 100_000

SPRING_SALE, SPRING_BOOTS, COOKWARE, BRAND_AWARENESS = "626744100001", "626744100002", "626744100008", "626744100007"
NARROW_GROUP_NAME = "Boots – VIP lookalike 55+ (narrow)"
REJECTED_AD_NAME = "Spring Sale – 70% OFF!!! Last chance"
HIGH_CPC_AD_NAME = "Cookware – Camp kitchen (high CPC)"
REJECTED_PIN = str(PIN_BASE + 19)  # on the PROTECTED "Ad-only Pins" board


def _bidding(objective: str, rng: random.Random) -> dict[str, Any]:
    if objective == "AWARENESS":
        return {
            "billable_event": "IMPRESSION",
            "bid_strategy_type": "MAX_BID",
            "bid_in_micro_currency": rng.choice((4, 5, 6)) * M,
        }
    if objective in ("CONSIDERATION", "CATALOG_SALES"):
        bid = rng.choice((60, 80, 100, 120)) * 10_000
        return {"billable_event": "CLICKTHROUGH", "bid_strategy_type": "MAX_BID", "bid_in_micro_currency": bid}
    if objective == "VIDEO_COMPLETION":
        return {"billable_event": "VIDEO_V_50_MRC", "bid_strategy_type": "AUTOMATIC_BID", "bid_in_micro_currency": None}
    goal = {
        "conversion_tag_v3_goal_metadata": {
            "attribution_windows": {"click_window_days": 30, "engagement_window_days": 30, "view_window_days": 1},
            "conversion_event": "CHECKOUT",
            "conversion_tag_id": VISITOR_TAG,
            "cpa_goal_value_in_micro_currency": str(25 * M),
            "is_roas_optimized": False,
            "learning_mode_type": "NOT_ACTIVE",
        }
    }
    return {"billable_event": "CLICKTHROUGH", "bid_strategy_type": "AUTOMATIC_BID", "bid_in_micro_currency": None,
            "optimization_goal_metadata": goal}  # fmt: skip


def _campaign_budget_units(campaign: dict[str, Any]) -> int:
    if campaign.get("daily_spend_cap"):
        return int(campaign["daily_spend_cap"]) // M
    if campaign.get("lifetime_spend_cap"):
        return max(10, int(campaign["lifetime_spend_cap"]) // M // 30)
    return 40


def _group(campaign: dict[str, Any], group_id: int, name: str, budget_units: int, rng: random.Random) -> dict[str, Any]:
    profile = campaign.get("metrics_profile") or {}
    archived = campaign["status"] == "ARCHIVED"
    group: dict[str, Any] = {
        "id": str(group_id),
        "ad_account_id": campaign["ad_account_id"],
        "campaign_id": campaign["id"],
        "name": name,
        "status": "ARCHIVED" if archived else "ACTIVE",
        "budget_in_micro_currency": budget_units * M,
        "budget_type": "DAILY",
        "start_time": campaign["start_time"],
        "end_time": None,
        "targeting_spec": {"LOCATION": ["DE", "AT", "CH"], "LOCALE": ["de"], "MINIMUM_AGE": "25", "MAXIMUM_AGE": "54"},
        "tracking_urls": None,
        "auto_targeting_enabled": True,
        "placement_group": "ALL",
        "pacing_delivery_type": "STANDARD",
        "optimization_goal_metadata": None,
        "bid_multiplier": None,
        "is_creative_optimization": False,
        "conversion_learning_mode_type": None,
        "targeting_template_ids": None,
        "created_time": campaign["created_time"] + 600 + (group_id % 100) * 5,
        "updated_time": campaign["updated_time"],
        "metrics_profile": {"paused_days_ago": profile.get("paused_days_ago")} if archived else {},
        **_bidding(campaign["objective_type"], rng),
    }
    if campaign["ad_account_id"] in ("549764001002", "549764001004"):
        group["targeting_spec"] = {"LOCATION": ["US"], "LOCALE": ["en"]}
    return group


def _ad(group: dict[str, Any], ad_id: int, name: str, pin_id: str) -> dict[str, Any]:
    return {
        "id": str(ad_id),
        "ad_account_id": group["ad_account_id"],
        "campaign_id": group["campaign_id"],
        "ad_group_id": group["id"],
        "pin_id": pin_id,
        "creative_type": "REGULAR",
        "name": name,
        "status": group["status"],
        "destination_url": None,
        "customizable_cta_type": None,
        "tracking_urls": None,
        "review_status": "APPROVED",
        "created_time": group["created_time"] + 300 + (ad_id % 100) * 3,
        "updated_time": group["updated_time"],
        "metrics_profile": dict(group["metrics_profile"]),
    }


def _special(campaign_id: str, groups: list[dict[str, Any]], ads: list[dict[str, Any]]) -> None:
    """The ad-level problems to diagnose in Acme Outdoor – EU."""
    if campaign_id == SPRING_SALE:
        groups[-1]["targeting_spec"] = {**groups[-1]["targeting_spec"], "AUDIENCE_INCLUDE": ["2542620100001"]}
        rejected = next(a for a in ads if a["ad_group_id"] == groups[0]["id"])
        rejected.update(name=REJECTED_AD_NAME, pin_id=REJECTED_PIN, review_status="REJECTED")
        rejected.update(rejected_reasons=["PROMOTIONS_AND_PRICES", "CAPS_AND_SYMBOLS"])
        rejected["rejection_labels"] = ["Misleading or excessive price claims", "Excessive capitalization or symbols"]
    if campaign_id == SPRING_BOOTS:
        narrow = groups[-1]
        narrow.update(name=NARROW_GROUP_NAME, metrics_profile={"delivery": 0.08, "cpm_factor": 1.9})
        narrow["targeting_spec"] = {
            "LOCATION": ["AT"],
            "LOCALE": ["de"],
            "GENDER": ["female"],
            "MINIMUM_AGE": "55",
            "MAXIMUM_AGE": "64",
            "AUDIENCE_INCLUDE": ["2542620100005"],
        }
    if campaign_id == COOKWARE:
        costly = ads[-1]
        costly.update(name=HIGH_CPC_AD_NAME, metrics_profile={"ctr_factor": 0.3, "cpm_factor": 1.6, "weight": 1.6})
    if campaign_id == BRAND_AWARENESS:
        groups[-1].update(status="PAUSED", metrics_profile={"paused_days_ago": 20})


def ad_groups_and_ads(
    campaigns: list[dict[str, Any]], pins: list[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Ad groups and ads for ``campaigns`` (all in one ad account), promoting ``pins`` in turn."""
    if not campaigns:
        return [], []
    account_id = campaigns[0]["ad_account_id"]
    next_group, next_ad = GROUP_BASES[account_id], AD_BASES[account_id]
    groups: list[dict[str, Any]] = []
    ads: list[dict[str, Any]] = []
    detailed = account_id in ("549764001001", "549764001002")
    for index, campaign in enumerate(campaigns):
        rng = random.Random(f"groups-{campaign['id']}")
        n_groups = rng.randint(2, 4) if detailed else rng.randint(2, 3)
        capped = (campaign.get("metrics_profile") or {}).get("utilization", 0.8) >= 1.2
        budget = _campaign_budget_units(campaign) * (1.25 if capped else 1.1)
        weights = [rng.uniform(0.7, 1.3) for _ in range(n_groups)]
        short = campaign["name"].split(" – ")[0]
        mine_groups, mine_ads = [], []
        for g in range(n_groups):
            units = max(5, round(budget * weights[g] / sum(weights)))
            audience = ("Prospecting", "Retargeting", "Lookalike", "Interests")[g]
            group = _group(campaign, next_group, f"{short} – {audience}", units, rng)
            next_group += 1
            mine_groups.append(group)
            for k in range(rng.randint(1, 3) if detailed else rng.randint(1, 2)):
                pin_id = pins[(index * 5 + g * 2 + k) % len(pins)]
                mine_ads.append(_ad(group, next_ad, f"{short} – {audience} – Creative {k + 1}", pin_id))
                next_ad += 1
        _special(campaign["id"], mine_groups, mine_ads)
        groups += mine_groups
        ads += mine_ads
    return groups, ads


def _audience(
    account_id: str, number: int, name: str, kind: str, rule: dict[str, Any], size: int, **extra: Any
) -> dict[str, Any]:
    base = {"549764001001": 2_542_620_100_000, "549764001002": 2_542_620_200_000, "549764001003": 2_542_620_300_000}
    created = 1_735_689_600 - 120 * 86_400 + number * 86_400
    return {
        "id": str(base[account_id] + number),
        "ad_account_id": account_id,
        "name": name,
        "audience_type": kind,
        "description": extra.get("description"),
        "rule": rule,
        "size": size,
        "status": "READY" if size >= 100 else "TOO_SMALL",
        "created_by_company_name": extra.get("company", "Acme Outdoor Co."),
        "created_timestamp": created,
        "updated_timestamp": created + 3600,
        "ownership_type": extra.get("ownership", "OWNED"),
    }


def audiences() -> list[dict[str, Any]]:
    """A few audiences of every type per ad account."""
    eu, shared, catalog = "549764001001", "549764001002", "549764001003"
    visitor = {"visitor_source_id": VISITOR_TAG, "retention_days": 180, "event": "pagevisit"}
    return [
        _audience(eu, 1, "Site visitors – 180 days", "VISITOR", visitor, 48_200),
        _audience(eu, 2, "Newsletter subscribers", "CUSTOMER_LIST", {"customer_list_id": "2542671200001"}, 12_800),
        _audience(eu, 3, "Lookalike 1% – Buyers DE", "ACTALIKE",
                  {"seed_id": ["2542620100002"], "country": "DE", "percentage": 1}, 1_850_000),
        _audience(eu, 4, "Pin engagers – 90 days", "ENGAGEMENT",
                  {"engagement_domain": ["acme-outdoor.example"], "engager_type": 1, "retention_days": 90}, 10_800),
        _audience(eu, 5, "VIP customers (test list)", "CUSTOMER_LIST", {"customer_list_id": "2542671200002"}, 64,
                  description="Only 64 matched users: too small to target"),
        _audience(eu, 6, "Fjord Coffee buyers (shared by Northpeak)", "CUSTOMER_LIST",
                  {"customer_list_id": "2542671200003"}, 5_400, ownership="RECEIVED", company="Northpeak Digital Agency"),
        _audience(shared, 1, "Fjord Coffee – Site visitors", "VISITOR", {**visitor, "retention_days": 30}, 9_300,
                  company="Northpeak Digital Agency"),
        _audience(shared, 2, "Fjord Coffee – Lookalike 3% US", "ACTALIKE",
                  {"seed_id": ["2542620200001"], "country": "US", "percentage": 3}, 5_550_000,
                  company="Northpeak Digital Agency"),
        _audience(catalog, 1, "Catalog – Cart abandoners 14 days", "VISITOR",
                  {**visitor, "retention_days": 14, "event": "addtocart"}, 3_900),
        _audience(catalog, 2, "Catalog – Video viewers", "ENGAGEMENT",
                  {"engagement_domain": ["acme-outdoor.example"], "engagement_type": "click"}, 22_000),
    ]  # fmt: skip
