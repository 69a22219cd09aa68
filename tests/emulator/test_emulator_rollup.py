"""Ads analytics at four levels: ads add up to ad groups, campaigns and the account; ad-level problems."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import httpx2
import pytest

from tests.emulator.emulator_ids import (
    ACME_EU,
    CAPPED_TENTS,
    COOKWARE,
    FIRST_GROUP,
    HIGH_CPC_AD,
    NARROW_GROUP,
    REJECTED_AD,
    SPRING_BOOTS,
)
from tests.emulator.test_emulator_ads import all_pages

ADDITIVE = (
    "SPEND_IN_MICRO_DOLLAR",
    "PAID_IMPRESSION",
    "TOTAL_IMPRESSION",
    "CLICKTHROUGH_1",
    "TOTAL_CLICKTHROUGH",
    "OUTBOUND_CLICK_1",
    "TOTAL_ENGAGEMENT",
    "TOTAL_CONVERSIONS",
    "TOTAL_CHECKOUT",
    "TOTAL_CHECKOUT_VALUE_IN_MICRO_DOLLAR",
)
COLUMNS = ",".join((*ADDITIVE, "SPEND_IN_DOLLAR", "CTR", "CPC_IN_MICRO_DOLLAR"))


def window(days: int) -> dict[str, str]:
    today = dt.datetime.now(dt.UTC).date()
    return {"start_date": str(today - dt.timedelta(days=days - 1)), "end_date": str(today)}


async def rows(client: httpx2.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    response = await client.get(f"/ad_accounts/{ACME_EU}{path}", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, list)
    return body


async def test_ads_add_up_to_groups_campaigns_and_the_account(client: httpx2.AsyncClient) -> None:
    statuses = ["ACTIVE", "PAUSED", "ARCHIVED"]
    groups, _ = await all_pages(client, f"/ad_accounts/{ACME_EU}/ad_groups", page_size=250, entity_statuses=statuses)
    ads, _ = await all_pages(client, f"/ad_accounts/{ACME_EU}/ads", page_size=250, entity_statuses=statuses)
    campaigns, _ = await all_pages(client, f"/ad_accounts/{ACME_EU}/campaigns", page_size=250, entity_statuses=statuses)
    params = {"columns": COLUMNS, "granularity": "DAY", **window(21)}
    ad_rows = await rows(client, "/ads/analytics", ad_ids=[a["id"] for a in ads], **params)
    group_rows = await rows(client, "/ad_groups/analytics", ad_group_ids=[g["id"] for g in groups], **params)
    campaign_rows = await rows(client, "/campaigns/analytics", campaign_ids=[c["id"] for c in campaigns], **params)
    account_rows = await rows(client, "/analytics", **params)
    group_of = {a["id"]: a["ad_group_id"] for a in ads}
    campaign_of = {g["id"]: g["campaign_id"] for g in groups}
    expected_groups: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(ADDITIVE, 0))
    for row in ad_rows:
        assert row["CLICKTHROUGH_1"] <= row["PAID_IMPRESSION"]
        assert row["TOTAL_CONVERSIONS"] <= row["TOTAL_CLICKTHROUGH"]
        for column in ADDITIVE:
            expected_groups[(group_of[row["AD_ID"]], row["DATE"])][column] += row[column]
    expected_campaigns: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(ADDITIVE, 0))
    for row in group_rows:
        assert {c: row[c] for c in ADDITIVE} == expected_groups[(row["AD_GROUP_ID"], row["DATE"])]
        for column in ADDITIVE:
            expected_campaigns[(campaign_of[row["AD_GROUP_ID"]], row["DATE"])][column] += row[column]
    expected_account: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(ADDITIVE, 0))
    for row in campaign_rows:
        assert {c: row[c] for c in ADDITIVE} == expected_campaigns[(row["CAMPAIGN_ID"], row["DATE"])]
        for column in ADDITIVE:
            expected_account[row["DATE"]][column] += row[column]
    assert len(account_rows) == 21
    for row in account_rows:
        assert {c: row[c] for c in ADDITIVE} == expected_account[row["DATE"]]
        spend, clicks = row["SPEND_IN_MICRO_DOLLAR"], row["CLICKTHROUGH_1"]
        assert row["SPEND_IN_DOLLAR"] == pytest.approx(spend / 1e6)
        assert row["CPC_IN_MICRO_DOLLAR"] == pytest.approx(spend / clicks if clicks else 0)


async def test_group_spend_stays_within_group_and_campaign_budgets(client: httpx2.AsyncClient) -> None:
    groups = (await client.get(f"/ad_accounts/{ACME_EU}/ad_groups", params={"campaign_ids": [CAPPED_TENTS]})).json()
    budget = {g["id"]: g["budget_in_micro_currency"] for g in groups["items"]}
    assert sum(budget.values()) > 80_000_000  # together they want more than the campaign cap
    params = {"columns": "SPEND_IN_MICRO_DOLLAR", "granularity": "DAY", **window(30)}
    group_rows = await rows(client, "/ad_groups/analytics", ad_group_ids=list(budget), **params)
    per_day: dict[str, int] = defaultdict(int)
    for row in group_rows:
        assert row["SPEND_IN_MICRO_DOLLAR"] <= budget[row["AD_GROUP_ID"]]
        per_day[row["DATE"]] += row["SPEND_IN_MICRO_DOLLAR"]
    assert set(per_day.values()) == {80_000_000}


async def test_ad_level_problems(client: httpx2.AsyncClient) -> None:
    params = {
        "columns": "SPEND_IN_MICRO_DOLLAR,PAID_IMPRESSION,CPC_IN_MICRO_DOLLAR",
        "granularity": "TOTAL",
        **window(30),
    }
    rejected = await rows(client, "/ads/analytics", ad_ids=[REJECTED_AD], **params)
    assert rejected[0]["SPEND_IN_MICRO_DOLLAR"] == 0
    first_group = await rows(client, "/ad_groups/analytics", ad_group_ids=[FIRST_GROUP], **params)
    assert first_group[0]["SPEND_IN_MICRO_DOLLAR"] == 0  # its only ad was rejected
    boots = (await client.get(f"/ad_accounts/{ACME_EU}/ad_groups", params={"campaign_ids": [SPRING_BOOTS]})).json()
    boot_rows = await rows(client, "/ad_groups/analytics", ad_group_ids=[g["id"] for g in boots["items"]], **params)
    narrow = next(r for r in boot_rows if r["AD_GROUP_ID"] == NARROW_GROUP)
    others = [r["PAID_IMPRESSION"] for r in boot_rows if r["AD_GROUP_ID"] != NARROW_GROUP]
    assert narrow["PAID_IMPRESSION"] * 10 < min(others)
    cookware = (await client.get(f"/ad_accounts/{ACME_EU}/ads", params={"campaign_ids": [COOKWARE]})).json()["items"]
    cpc = {
        r["AD_ID"]: r["CPC_IN_MICRO_DOLLAR"]
        for r in await rows(client, "/ads/analytics", ad_ids=[a["id"] for a in cookware], **params)
    }
    assert cpc[HIGH_CPC_AD] > 2.5 * max(v for k, v in cpc.items() if k != HIGH_CPC_AD)


async def test_ads_analytics_by_campaign_and_pin(client: httpx2.AsyncClient) -> None:
    ads = (await client.get(f"/ad_accounts/{ACME_EU}/ads", params={"campaign_ids": [COOKWARE]})).json()["items"]
    pin = ads[0]["pin_id"]
    params = {"columns": "SPEND_IN_MICRO_DOLLAR,PIN_ID", "granularity": "TOTAL", **window(7)}
    found = await rows(client, "/ads/analytics", campaign_ids=[COOKWARE], pin_ids=[pin], **params)
    assert {r["AD_ID"] for r in found} == {a["id"] for a in ads if a["pin_id"] == pin}
    assert {r["PIN_ID"] for r in found} == {pin}


@pytest.mark.contract_responses_only(reason="invalid analytics requests on purpose")
@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/ad_groups/analytics", {"columns": "SPEND_IN_DOLLAR", "granularity": "DAY", **window(7)}),
        ("/ads/analytics", {"columns": "SPEND_IN_DOLLAR", "granularity": "DAY", **window(7)}),
        (
            "/ads/analytics",
            {"columns": "SPEND_IN_DOLLAR", "granularity": "DAY", "campaign_ids": [COOKWARE], **window(7)},
        ),
        ("/ads/analytics", {"columns": "SPEND_IN_DOLLAR", "granularity": "DAY", "ad_ids": [REJECTED_AD], **window(91)}),
        (
            "/ads/analytics",
            {
                "columns": "SPEND_IN_DOLLAR",
                "granularity": "DAY",
                "campaign_ids": [COOKWARE],
                "pin_ids": [str(n) for n in range(101)],
                **window(7),
            },
        ),
        (
            "/ad_groups/analytics",
            {
                "columns": "SPEND_IN_DOLLAR",
                "granularity": "DAY",
                "ad_group_ids": [str(10**12 + n) for n in range(251)],
                **window(7),
            },
        ),
    ],
)
async def test_analytics_limits(client: httpx2.AsyncClient, path: str, params: dict[str, Any]) -> None:
    response = await client.get(f"/ad_accounts/{ACME_EU}{path}", params=params)
    assert (response.status_code, response.json()["code"]) == (400, 400)
