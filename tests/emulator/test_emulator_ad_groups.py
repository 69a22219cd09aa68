"""Ad groups: list filters and pagination, get, bulk create/update with Pinterest's rules."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from tests.emulator.emulator_ids import (
    ACME_CATALOG,
    ACME_EU,
    ARCHIVED_CAMPAIGN,
    CAPPED_TENTS,
    FIRST_GROUP,
    NARROW_GROUP,
    SHARED_ANALYST,
    SITE_VISITORS,
    SPRING_BOOTS,
    SPRING_SALE,
    VIDEO_CAMPAIGN,
)
from tests.emulator.test_emulator_ads import all_pages

URL = f"/ad_accounts/{ACME_EU}/ad_groups"
GOAL = {"conversion_tag_v3_goal_metadata": {"conversion_event": "CHECKOUT", "conversion_tag_id": "2613287301001"}}


def conversion_group(**extra: Any) -> dict[str, Any]:
    """A valid ad group of the WEB_CONVERSION campaign Spring Sale."""
    return {
        "campaign_id": SPRING_SALE,
        "name": "Autumn boots – retargeting",
        "billable_event": "CLICKTHROUGH",
        "budget_in_micro_currency": 20_000_000,
        "bid_strategy_type": "AUTOMATIC_BID",
        "optimization_goal_metadata": GOAL,
        "targeting_spec": {"LOCATION": ["DE"], "AUDIENCE_INCLUDE": [SITE_VISITORS]},
        **extra,
    }


async def test_list_filters_and_get(client: httpx2.AsyncClient) -> None:
    by_campaign = (await client.get(URL, params={"campaign_ids": [SPRING_SALE, SPRING_BOOTS]})).json()
    assert {g["campaign_id"] for g in by_campaign["items"]} == {SPRING_SALE, SPRING_BOOTS}
    assert all(g["type"] == "adgroup" and g["ad_account_id"] == ACME_EU for g in by_campaign["items"])
    by_id = (await client.get(URL, params={"ad_group_ids": [NARROW_GROUP]})).json()["items"]
    assert [g["name"] for g in by_id] == ["Boots – VIP lookalike 55+ (narrow)"]
    assert by_id[0]["targeting_spec"]["MINIMUM_AGE"] == "55"
    one = (await client.get(f"{URL}/{FIRST_GROUP}")).json()
    assert (one["campaign_id"], one["summary_status"], one["budget_in_micro_currency"]) == (
        SPRING_SALE,
        "RUNNING",
        one["budget_in_micro_currency"],
    )
    archived = (await client.get(URL, params={"campaign_ids": [ARCHIVED_CAMPAIGN]})).json()["items"]
    assert archived == []  # default entity_statuses are ACTIVE, PAUSED
    archived = (
        await client.get(URL, params={"campaign_ids": [ARCHIVED_CAMPAIGN], "entity_statuses": ["ARCHIVED"]})
    ).json()["items"]
    assert archived
    assert {g["status"] for g in archived} == {"ARCHIVED"}
    assert (await client.get(f"/ad_accounts/{SHARED_ANALYST}/ad_groups/{FIRST_GROUP}")).status_code == 404


@pytest.mark.contract_responses_only(reason="both filters on purpose")
async def test_campaign_ids_and_ad_group_ids_together_are_400(client: httpx2.AsyncClient) -> None:
    response = await client.get(URL, params={"campaign_ids": [SPRING_SALE], "ad_group_ids": [FIRST_GROUP]})
    assert response.status_code == 400
    assert response.json()["code"] == 400
    assert "not both" in response.json()["message"]


async def test_pagination_over_the_catalog_account(client: httpx2.AsyncClient) -> None:
    url = f"/ad_accounts/{ACME_CATALOG}/ad_groups"
    items, pages = await all_pages(client, url, page_size=100, entity_statuses=["ACTIVE", "PAUSED", "ARCHIVED"])
    assert len(items) > 600
    assert pages == -(-len(items) // 100)
    assert len({g["id"] for g in items}) == len(items)
    descending, _ = await all_pages(client, url, page_size=250, order="DESCENDING")
    ids = [int(g["id"]) for g in descending]
    assert ids == sorted(ids, reverse=True)


async def test_bulk_create_applies_valid_items_in_request_order(client: httpx2.AsyncClient) -> None:
    cbo_campaign = (
        await client.post(
            f"/ad_accounts/{ACME_EU}/campaigns",
            json=[
                {
                    "ad_account_id": ACME_EU,
                    "name": "CBO test",
                    "objective_type": "CONSIDERATION",
                    "is_campaign_budget_optimization": True,
                    "daily_spend_cap": 50_000_000,
                }
            ],
        )
    ).json()["items"][0]["data"]
    items = [
        conversion_group(),
        conversion_group(name="No budget", budget_in_micro_currency=None),
        {
            "campaign_id": cbo_campaign["id"],
            "name": "CBO group",
            "billable_event": "CLICKTHROUGH",
            "bid_in_micro_currency": 900_000,
        },
        conversion_group(name="Paused", status="PAUSED"),
    ]
    response = await client.post(URL, json=items)
    assert response.status_code == 200
    results = response.json()["items"]
    assert [("data" in r, len(r["exceptions"])) for r in results] == [(True, 0), (False, 1), (True, 0), (True, 0)]
    first, _, cbo, paused = (r.get("data") for r in results)
    assert first["status"] == "ACTIVE"
    assert first["budget_type"] == "DAILY"
    assert first["start_time"] is not None
    assert results[1]["exceptions"][0]["code"] == 1
    assert "budget_in_micro_currency" in results[1]["exceptions"][0]["message"]
    assert (cbo["budget_type"], cbo["budget_in_micro_currency"]) == ("CBO_ADGROUP", None)
    assert paused["status"] == "PAUSED"
    fetched = (await client.get(f"{URL}/{first['id']}")).json()
    assert fetched["name"] == "Autumn boots – retargeting"


@pytest.mark.contract_responses_only(reason="invalid ad groups on purpose")
@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        ({"name": "x", "billable_event": "CLICKTHROUGH"}, "campaign_id"),
        (conversion_group(billable_event="CPC"), "billable_event"),
        (conversion_group(name=""), "name"),
        (conversion_group(budget_in_micro_currency=20), "micro-currency"),
        (conversion_group(optimization_goal_metadata=None), "optimization_goal_metadata"),
        (conversion_group(targeting_spec={"COUNTRY": ["DE"]}), "COUNTRY"),
        (conversion_group(targeting_spec={"GENDER": ["robot"]}), "GENDER"),
        (conversion_group(targeting_spec={"MINIMUM_AGE": "18"}), "MAXIMUM_AGE"),
        (conversion_group(targeting_spec={"AUDIENCE_INCLUDE": ["2542620200001"]}), "audience"),
        (conversion_group(campaign_id="626744200001"), "Campaign not found"),
        (conversion_group(campaign_id=ARCHIVED_CAMPAIGN), "ARCHIVED"),
        (conversion_group(status="DELETED_DRAFT"), "DELETED_DRAFT"),
        (conversion_group(budget_type="LIFETIME"), "end_time"),
        (conversion_group(bid_strategy_type="MAX_BID"), "bid_in_micro_currency"),
        (conversion_group(lifetime_frequency_cap=3), "IMPRESSION"),
        (conversion_group(daily_budget=5), "unknown field"),
        (
            {
                "campaign_id": CAPPED_TENTS,
                "name": "no bid",
                "billable_event": "CLICKTHROUGH",
                "budget_in_micro_currency": 9_000_000,
            },
            "bid_in_micro_currency",
        ),
        (
            {
                "campaign_id": VIDEO_CAMPAIGN,
                "name": "video",
                "billable_event": "VIDEO_V_50_MRC",
                "budget_in_micro_currency": 9_000_000,
                "bid_strategy_type": "MAX_BID",
                "bid_in_micro_currency": 1_000_000,
            },
            "AUTOMATIC_BID",
        ),
    ],
)
async def test_create_validation_errors(client: httpx2.AsyncClient, item: dict[str, Any], fragment: str) -> None:
    response = await client.post(URL, json=[item])
    assert response.status_code == 200
    exception = response.json()["items"][0]["exceptions"][0]
    assert exception["code"] in (1, 2)
    assert fragment in exception["message"]


async def test_update_budget_bid_schedule_status_and_unknown_id(client: httpx2.AsyncClient) -> None:
    response = await client.patch(
        URL,
        json=[
            {"id": NARROW_GROUP, "budget_in_micro_currency": 60_000_000, "status": "PAUSED", "name": "Narrow (paused)"},
            {"id": "2680069999999", "name": "ghost"},
            {"id": FIRST_GROUP, "billable_event": "IMPRESSION"},
            {"id": FIRST_GROUP, "targeting_spec": {"LOCATION": ["DE", "AT"]}, "end_time": 4_102_444_800},
        ],
    )
    first, ghost, drafts_only, targeting = response.json()["items"]
    assert (first["data"]["status"], first["data"]["budget_in_micro_currency"]) == ("PAUSED", 60_000_000)
    assert first["data"]["summary_status"] == "PAUSED"
    assert ghost["exceptions"] == [{"code": 2, "message": "AdGroup not found."}]
    assert "DRAFT" in drafts_only["exceptions"][0]["message"]
    assert targeting["data"]["targeting_spec"] == {"LOCATION": ["DE", "AT"]}
    assert (await client.get(f"{URL}/{NARROW_GROUP}")).json()["name"] == "Narrow (paused)"


async def test_analyst_cannot_write_ad_groups(client: httpx2.AsyncClient) -> None:
    url = f"/ad_accounts/{SHARED_ANALYST}/ad_groups"
    listed = await client.get(url)
    assert listed.status_code == 200
    assert listed.json()["items"]
    refused = await client.patch(url, json=[{"id": listed.json()["items"][0]["id"], "name": "Nope"}])
    assert refused.status_code == 403
    assert refused.json() == {"code": 29, "message": "You are not permitted to access that resource."}
