"""Ad accounts and campaigns as Business Access lets the default user see and change them."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from pinagent.emulator.inprocess import EmulatedPinterest
from tests.emulator.emulator_ids import ACME_CATALOG, ACME_EU, NORTHPEAK_ONLY, SHARED_ANALYST


async def all_pages(client: httpx2.AsyncClient, url: str, **params: Any) -> tuple[list[dict[str, Any]], int]:
    items: list[dict[str, Any]] = []
    pages = 0
    bookmark = None
    while True:
        query = {**params, **({"bookmark": bookmark} if bookmark else {})}
        response = await client.get(url, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        pages += 1
        bookmark = body.get("bookmark")
        if not bookmark:
            return items, pages


async def test_ad_accounts_list_shows_owned_and_shared_with_roles(client: httpx2.AsyncClient) -> None:
    body = (await client.get("/ad_accounts")).json()
    by_id = {a["id"]: a for a in body["items"]}
    assert set(by_id) == {ACME_EU, SHARED_ANALYST, ACME_CATALOG}
    assert body["bookmark"] is None
    assert by_id[ACME_EU]["permissions"] == ["OWNER"]
    assert by_id[ACME_EU]["currency"] == "EUR"
    assert by_id[SHARED_ANALYST]["permissions"] == ["ANALYST"]
    assert by_id[SHARED_ANALYST]["owner"]["username"] == "northpeak_agency"
    owned = (await client.get("/ad_accounts", params={"include_shared_accounts": "false"})).json()
    assert {a["id"] for a in owned["items"]} == {ACME_EU, ACME_CATALOG}


async def test_ad_accounts_pagination(client: httpx2.AsyncClient) -> None:
    items, pages = await all_pages(client, "/ad_accounts", page_size=1)
    assert [a["id"] for a in items] == [ACME_EU, SHARED_ANALYST, ACME_CATALOG]
    assert pages == 3


async def test_get_ad_account_access(client: httpx2.AsyncClient) -> None:
    assert (await client.get(f"/ad_accounts/{SHARED_ANALYST}")).json()["permissions"] == ["ANALYST"]
    hidden = await client.get(f"/ad_accounts/{NORTHPEAK_ONLY}")
    assert (hidden.status_code, hidden.json()["code"]) == (403, 29)
    missing = await client.get("/ad_accounts/123456789012")
    assert missing.status_code == 404
    assert missing.json() == {"code": 2, "message": "AdAccount not found."}


@pytest.mark.contract_responses_only(reason="invalid parameters on purpose")
@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/ad_accounts", {"page_size": "0"}),
        ("/ad_accounts", {"page_size": "251"}),
        ("/ad_accounts", {"page_size": "many"}),
        ("/ad_accounts", {"bookmark": "garbage"}),
        (f"/ad_accounts/{ACME_EU}/campaigns", {"entity_statuses": "ACTIVE,PAUSED"}),
        (f"/ad_accounts/{ACME_EU}/campaigns", {"order": "NEWEST"}),
        ("/ad_accounts/abc", {}),
    ],
)
async def test_invalid_parameters_are_400_code_1(client: httpx2.AsyncClient, url: str, params: dict[str, str]) -> None:
    response = await client.get(url, params=params)
    assert response.status_code == 400
    assert response.json()["code"] == 1
    assert response.json()["message"].startswith("Invalid parameter")


async def test_user_account_via_business_access(client: httpx2.AsyncClient) -> None:
    owner = (await client.get("/user_account", params={"ad_account_id": SHARED_ANALYST})).json()
    assert owner["username"] == "northpeak_agency"
    hidden = await client.get("/user_account", params={"ad_account_id": NORTHPEAK_ONLY})
    assert hidden.status_code == 403


async def test_campaign_pagination_over_300_campaigns(client: httpx2.AsyncClient) -> None:
    items, pages = await all_pages(client, f"/ad_accounts/{ACME_CATALOG}/campaigns", page_size=250)
    assert pages == 2
    assert len(items) > 250
    assert len({c["id"] for c in items}) == len(items)
    assert {c["status"] for c in items} == {"ACTIVE", "PAUSED"}
    ids = [int(c["id"]) for c in items]
    assert ids == sorted(ids)
    everything, _ = await all_pages(
        client,
        f"/ad_accounts/{ACME_CATALOG}/campaigns",
        page_size=100,
        entity_statuses=["ACTIVE", "PAUSED", "ARCHIVED"],
        order="DESCENDING",
    )
    assert len(everything) == 320
    assert [int(c["id"]) for c in everything] == sorted((int(c["id"]) for c in everything), reverse=True)
    default_page = (await client.get(f"/ad_accounts/{ACME_CATALOG}/campaigns")).json()
    assert len(default_page["items"]) == 25


@pytest.mark.contract_responses_only(reason="sends 251 campaign ids on purpose")
async def test_campaign_ids_filter_and_get(client: httpx2.AsyncClient) -> None:
    url = f"/ad_accounts/{ACME_EU}/campaigns"
    wanted = ["626744100004", "626744100006"]
    body = (await client.get(url, params={"campaign_ids": wanted})).json()
    assert [c["id"] for c in body["items"]] == wanted
    paused = body["items"][1]
    assert (paused["status"], paused["summary_status"]) == ("PAUSED", "PAUSED")
    one = (await client.get(f"{url}/626744100004")).json()
    assert one["name"] == "Summer Tents – Catalog Sales"
    assert one["type"] == "campaign"
    assert (await client.get(f"{url}/626744200001")).status_code == 404  # another account's campaign
    too_many = await client.get(url, params={"campaign_ids": [str(10**11 + n) for n in range(251)]})
    assert too_many.status_code == 400


async def test_bulk_create_with_a_per_item_exception(client: httpx2.AsyncClient) -> None:
    url = f"/ad_accounts/{ACME_EU}/campaigns"
    good = {"ad_account_id": ACME_EU, "name": "Autumn Boots", "objective_type": "WEB_CONVERSION"}
    bad = {**good, "name": "Both caps", "daily_spend_cap": 10_000_000, "lifetime_spend_cap": 90_000_000}
    paused = {**good, "name": "Paused one", "status": "PAUSED", "daily_spend_cap": 25_000_000}
    response = await client.post(url, json=[good, bad, paused])
    assert response.status_code == 200
    items = response.json()["items"]
    assert items[0]["exceptions"] == []
    assert items[0]["data"]["status"] == "ACTIVE"
    assert "data" not in items[1]
    assert items[1]["exceptions"][0]["code"] == 1
    assert items[2]["data"]["daily_spend_cap"] == 25_000_000
    created_id = items[0]["data"]["id"]
    assert created_id.isdigit()
    assert len(created_id) >= 12
    listed = (await client.get(url, params={"campaign_ids": [created_id, items[2]["data"]["id"]]})).json()
    assert len(listed["items"]) == 2


@pytest.mark.contract_responses_only(reason="invalid campaigns on purpose")
@pytest.mark.parametrize(
    "item",
    [
        {"name": "x", "objective_type": "WEB_SESSIONS"},
        {"name": "x"},
        {"name": "", "objective_type": "AWARENESS"},
        {"name": "x", "objective_type": "AWARENESS", "daily_spend_cap": 50},
        {"name": "x", "objective_type": "AWARENESS", "daily_budget": 5_000_000},
        {"name": "x", "objective_type": "AWARENESS", "ad_account_id": SHARED_ANALYST},
    ],
)
async def test_create_validation_errors(client: httpx2.AsyncClient, item: dict[str, Any]) -> None:
    body = {"ad_account_id": ACME_EU, **item}
    response = await client.post(f"/ad_accounts/{ACME_EU}/campaigns", json=[body])
    assert response.status_code == 200
    assert response.json()["items"][0]["exceptions"][0]["code"] == 1


@pytest.mark.contract_responses_only(reason="invalid bodies on purpose")
@pytest.mark.parametrize("body", [[], {"name": "x"}, [{"id": str(n)} for n in range(31)]])
async def test_bulk_body_must_be_array_of_1_to_30(client: httpx2.AsyncClient, body: Any) -> None:
    response = await client.patch(f"/ad_accounts/{ACME_EU}/campaigns", json=body)
    assert (response.status_code, response.json()["code"]) == (400, 1)


async def test_bulk_update_and_unknown_id(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    url = f"/ad_accounts/{ACME_EU}/campaigns"
    before = (await client.get(f"{url}/626744100001")).json()
    await emu.advance_clock(120)
    response = await client.patch(
        url,
        json=[
            {"id": "626744100001", "ad_account_id": ACME_EU, "daily_spend_cap": 120_000_000, "status": "PAUSED"},
            {"id": "999999999999", "ad_account_id": ACME_EU, "name": "ghost"},
        ],
    )
    items = response.json()["items"]
    updated = items[0]["data"]
    assert (updated["daily_spend_cap"], updated["status"]) == (120_000_000, "PAUSED")
    assert updated["updated_time"] > before["updated_time"]
    assert items[1]["exceptions"] == [{"code": 2, "message": "Campaign not found."}]
    again = (await client.get(f"{url}/626744100001")).json()
    assert again["status"] == "PAUSED"


async def test_archived_campaigns_cannot_be_updated(client: httpx2.AsyncClient) -> None:
    url = f"/ad_accounts/{ACME_EU}/campaigns"
    response = await client.patch(url, json=[{"id": "626744100010", "ad_account_id": ACME_EU, "status": "ACTIVE"}])
    assert response.json()["items"][0]["exceptions"][0]["code"] == 1


async def test_analyst_cannot_write(client: httpx2.AsyncClient) -> None:
    url = f"/ad_accounts/{SHARED_ANALYST}/campaigns"
    assert (await client.get(url)).status_code == 200
    item = {"ad_account_id": SHARED_ANALYST, "name": "Nope", "objective_type": "AWARENESS"}
    response = await client.post(url, json=[item])
    assert response.status_code == 403
    assert response.json() == {"code": 29, "message": "You are not permitted to access that resource."}


async def test_pinner_has_no_ad_accounts(emu: EmulatedPinterest) -> None:
    token = await emu.issue_token("lena_pins", ["ads:read", "user_accounts:read"])
    async with emu.client(token["access_token"]) as c:
        assert (await c.get("/user_account")).json()["account_type"] == "PINNER"
        assert (await c.get("/ad_accounts")).json() == {"items": [], "bookmark": None}
        assert (await c.get(f"/ad_accounts/{ACME_EU}")).status_code == 403
