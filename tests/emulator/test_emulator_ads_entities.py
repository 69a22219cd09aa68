"""Ads: list filters and pagination, review status, bulk create/update, Pin visibility."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from pinagent.emulator.inprocess import EmulatedPinterest
from tests.emulator.emulator_ids import (
    ACME_CATALOG,
    ACME_EU,
    ACME_PIN,
    ADS_ONLY_PIN,
    FIRST_GROUP,
    NARROW_GROUP,
    NORTHPEAK_PUBLIC_PIN,
    REJECTED_AD,
    SHARED_ANALYST,
    SPRING_SALE,
)
from tests.emulator.test_emulator_ads import all_pages

URL = f"/ad_accounts/{ACME_EU}/ads"


def new_ad(**extra: Any) -> dict[str, Any]:
    return {
        "ad_group_id": NARROW_GROUP,
        "creative_type": "REGULAR",
        "pin_id": ACME_PIN,
        "name": "New creative",
        **extra,
    }


async def test_rejected_ad_has_review_status_and_reasons(client: httpx2.AsyncClient) -> None:
    ad = (await client.get(f"{URL}/{REJECTED_AD}")).json()
    assert (ad["review_status"], ad["summary_status"], ad["status"]) == ("REJECTED", "REJECTED", "ACTIVE")
    assert ad["rejected_reasons"] == ["PROMOTIONS_AND_PRICES", "CAPS_AND_SYMBOLS"]
    assert ad["pin_id"] == ADS_ONLY_PIN
    assert (ad["campaign_id"], ad["ad_group_id"]) == (SPRING_SALE, FIRST_GROUP)
    others = (await client.get(URL, params={"campaign_ids": [SPRING_SALE]})).json()["items"]
    assert {a["review_status"] for a in others if a["id"] != REJECTED_AD} == {"APPROVED"}
    assert all("rejected_reasons" not in a for a in others if a["id"] != REJECTED_AD)


async def test_list_filters_and_pagination(client: httpx2.AsyncClient) -> None:
    everything, _ = await all_pages(client, URL, page_size=250)
    by_group = (await client.get(URL, params={"ad_group_ids": [FIRST_GROUP]})).json()["items"]
    assert [a["id"] for a in by_group] == [REJECTED_AD]
    by_id = (await client.get(URL, params={"ad_ids": [REJECTED_AD]})).json()["items"]
    assert [a["id"] for a in by_id] == [REJECTED_AD]
    assert len(everything) > 40
    catalog, pages = await all_pages(client, f"/ad_accounts/{ACME_CATALOG}/ads", page_size=250)
    assert pages >= 4
    assert len({a["id"] for a in catalog}) == len(catalog)


@pytest.mark.contract_responses_only(reason="two filters on purpose")
async def test_only_one_filter_is_allowed(client: httpx2.AsyncClient) -> None:
    response = await client.get(URL, params={"campaign_ids": [SPRING_SALE], "ad_ids": [REJECTED_AD]})
    assert (response.status_code, response.json()["code"]) == (400, 400)


async def test_create_is_pending_then_approved_and_marks_the_pin(
    emu: EmulatedPinterest, client: httpx2.AsyncClient
) -> None:
    items = [new_ad(), new_ad(pin_id="821047200009999999"), new_ad(pin_id=NORTHPEAK_PUBLIC_PIN, status="PAUSED")]
    results = (await client.post(URL, json=items)).json()["items"]
    created = results[0]["data"]
    assert "exceptions" not in results[0]
    assert (created["review_status"], created["summary_status"], created["status"]) == ("PENDING", "PENDING", "ACTIVE")
    assert created["campaign_id"]
    assert created["type"] == "pinpromotion"
    assert results[1]["exceptions"] == {"code": 2, "message": "Pin not found."}  # one object, as in the spec
    assert results[2]["data"]["summary_status"] == "PAUSED"
    assert (await client.get(f"/pins/{NORTHPEAK_PUBLIC_PIN}")).json()["has_been_promoted"] is True
    await emu.advance_clock(601)
    again = (await client.get(f"{URL}/{created['id']}")).json()
    assert (again["review_status"], again["summary_status"]) == ("APPROVED", "APPROVED")


@pytest.mark.contract_responses_only(reason="invalid ads on purpose")
@pytest.mark.parametrize(
    ("item", "fragment"),
    [
        ({"creative_type": "REGULAR", "pin_id": ACME_PIN}, "ad_group_id"),
        (new_ad(creative_type="BANNER"), "creative_type"),
        (new_ad(creative_type="SHOP_THE_PIN"), "COLLECTION"),
        (new_ad(pin_id=None), "pin_id"),
        (new_ad(ad_group_id="2680064200001"), "AdGroup not found"),
        (new_ad(destination_url="acme-outdoor.example"), "URL"),
        (new_ad(name="x" * 256), "255"),
        (new_ad(customizable_cta_type="CLICK_HERE"), "customizable_cta_type"),
        (new_ad(pin_id="821047200000000105"), "Pin not found"),  # northpeak secret board
    ],
)
async def test_create_validation_errors(client: httpx2.AsyncClient, item: dict[str, Any], fragment: str) -> None:
    result = (await client.post(URL, json=[item])).json()["items"][0]
    assert "data" not in result
    assert fragment in result["exceptions"]["message"]


async def test_update_status_and_review_resubmission(client: httpx2.AsyncClient) -> None:
    results = (
        await client.patch(
            URL,
            json=[
                {"id": REJECTED_AD, "destination_url": "https://acme-outdoor.example/spring-sale"},
                {"id": "687200100002", "status": "PAUSED", "name": "Paused creative"},
                {"id": "687200100003", "pin_id": ACME_PIN},
                {"id": "687209999999", "name": "ghost"},
            ],
        )
    ).json()["items"]
    resubmitted, paused, pin_change, ghost = results
    assert resubmitted["data"]["review_status"] == "PENDING"
    assert "rejected_reasons" not in resubmitted["data"]
    assert (paused["data"]["status"], paused["data"]["name"]) == ("PAUSED", "Paused creative")
    assert "DRAFT" in pin_change["exceptions"]["message"]
    assert ghost["exceptions"] == {"code": 2, "message": "Ad not found."}


async def test_analyst_cannot_create_ads(client: httpx2.AsyncClient) -> None:
    url = f"/ad_accounts/{SHARED_ANALYST}/ads"
    assert (await client.get(url)).status_code == 200
    refused = await client.post(url, json=[new_ad()])
    assert (refused.status_code, refused.json()["code"]) == (403, 29)
