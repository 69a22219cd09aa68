"""Resource namespaces: what goes on the wire (query arrays, chunks) and what comes back."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx2
import pytest
from pinterest_fakes import BASE_URL, error, make_client, reply

from pinagent.pinterest import BulkItemResult, Campaign, InvalidRequestError, ServerError

AID = "549755885175"
APRIL_1 = dt.date(2021, 4, 1)
APRIL_7 = dt.date(2021, 4, 7)


async def test_user_account_get_with_business_access() -> None:
    user = {"id": "2783136121146311751", "username": "acme", "account_type": "BUSINESS", "new_field": 1}
    client, recorder = make_client(lambda request: reply(200, user))
    async with client:
        me = await client.user_account.get()
        owner = await client.user_account.get(ad_account_id=AID)

    assert me.account_type == "BUSINESS"
    assert me.model_extra == {"new_field": 1}
    assert owner.username == "acme"
    assert str(recorder.requests[0].url) == f"{BASE_URL}/user_account"
    assert recorder.requests[1].url.params["ad_account_id"] == AID


async def test_campaign_list_repeats_id_params() -> None:
    client, recorder = make_client(lambda request: reply(200, {"items": [], "bookmark": None}))
    async with client:
        pager = client.campaigns.list(
            AID, campaign_ids=["11", "22"], entity_statuses=["ACTIVE", "DRAFT"], order="DESCENDING"
        )
        await pager.collect()

    url = recorder.requests[0].url
    assert url.path == f"/v5/ad_accounts/{AID}/campaigns"
    assert url.params.get_list("campaign_ids") == ["11", "22"]
    assert url.params.get_list("entity_statuses") == ["ACTIVE", "DRAFT"]
    assert url.params["order"] == "DESCENDING"
    assert b"campaign_ids=11&campaign_ids=22" in url.query


async def test_campaign_get_keeps_money_in_micro() -> None:
    campaign = {"id": "1", "ad_account_id": AID, "daily_spend_cap": 12_500_000, "status": "PAUSED"}
    client, _ = make_client(lambda request: reply(200, campaign))
    async with client:
        got = await client.campaigns.get(AID, "1")
    assert got.daily_spend_cap == 12_500_000
    assert got.status == "PAUSED"


async def test_bulk_update_of_65_items_takes_3_requests_and_keeps_order() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        items = json.loads(request.content)
        results: list[dict[str, Any]] = []
        for item in items:
            if item["id"] == "c40":
                results.append({"data": None, "exceptions": [{"code": 2, "message": "Campaign not found."}]})
            else:
                results.append({"data": {**item, "status": "PAUSED"}, "exceptions": []})
        return reply(200, {"items": results})

    items = [{"id": f"c{i}", "status": "PAUSED"} for i in range(65)]
    client, recorder = make_client(handler)
    async with client:
        results = await client.campaigns.update(AID, items)

    bodies = [json.loads(r.content) for r in recorder.requests]
    assert [len(b) for b in bodies] == [30, 30, 5]
    assert all(r.method == "PATCH" for r in recorder.requests)
    assert all(item["ad_account_id"] == AID for body in bodies for item in body)
    assert "ad_account_id" not in items[0], "the caller's dicts are not changed"
    assert [r.data.id if r.data else None for r in results] == [f"c{i}" if i != 40 else None for i in range(65)]
    failed = [i for i, r in enumerate(results) if not r.ok]
    assert failed == [40]
    assert results[40].exceptions[0].message == "Campaign not found."


async def test_bulk_create_tolerates_a_single_exception_object() -> None:
    body = {
        "items": [
            {
                "data": {"id": "9", "name": "New"},
                "exceptions": {"code": 2, "message": "Advertiser not found."},
            }
        ]
    }
    client, recorder = make_client(lambda request: reply(200, body))
    async with client:
        results = await client.campaigns.create(AID, [{"name": "New", "objective_type": "AWARENESS"}])

    assert recorder.requests[0].method == "POST"
    assert results[0].exceptions[0].code == 2
    assert isinstance(results[0].data, Campaign)


def test_bulk_item_result_accepts_missing_or_empty_exceptions() -> None:
    assert BulkItemResult[Campaign].model_validate({"data": {"id": "1"}, "exceptions": None}).ok
    assert BulkItemResult[Campaign].model_validate({"data": {"id": "1"}, "exceptions": {}}).ok
    assert BulkItemResult[Campaign].model_validate({"data": {"id": "1"}}).ok


async def test_bulk_failure_midway_reports_what_was_applied() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        items = json.loads(request.content)
        if items[0]["id"] == "c30":
            return error(500, 500, "oops")
        return reply(200, {"items": [{"data": item, "exceptions": []} for item in items]})

    client, recorder = make_client(handler)
    async with client:
        with pytest.raises(ServerError) as caught:
            await client.campaigns.update(AID, [{"id": f"c{i}"} for i in range(40)])

    assert len(recorder.requests) == 2
    assert len(caught.value.completed_results) == 30


async def test_bulk_write_of_nothing_sends_nothing() -> None:
    client, recorder = make_client(lambda request: reply(200, {"items": []}))
    async with client:
        with pytest.raises(ValueError, match="at least one"):
            await client.campaigns.create(AID, [])
    assert recorder.requests == []


async def test_campaign_analytics_fans_out_600_ids_into_3_requests() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        ids = request.url.params.get_list("campaign_ids")
        return reply(200, [{"CAMPAIGN_ID": i, "DATE": "2021-04-01", "SPEND_IN_DOLLAR": 1} for i in ids])

    ids = [str(1000 + i) for i in range(600)]
    client, recorder = make_client(handler)
    async with client:
        rows = await client.campaigns.analytics(
            AID, ids, APRIL_1, APRIL_7, ["SPEND_IN_DOLLAR", "TOTAL_CLICKTHROUGH"], click_window_days=7
        )

    assert len(recorder.requests) == 3
    assert sorted(len(r.url.params.get_list("campaign_ids")) for r in recorder.requests) == [100, 250, 250]
    assert [row["CAMPAIGN_ID"] for row in rows] == ids
    assert rows[0].date == "2021-04-01"
    params = recorder.requests[0].url.params
    assert params["columns"] == "SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH"
    assert (params["start_date"], params["end_date"], params["granularity"]) == (
        "2021-04-01",
        "2021-04-07",
        "DAY",
    )
    assert params["click_window_days"] == "7"
    assert b"columns=SPEND_IN_DOLLAR%2CTOTAL_CLICKTHROUGH" in recorder.requests[0].url.query


async def test_campaign_analytics_raises_the_first_failing_chunk() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        if "1250" in request.url.params.get_list("campaign_ids"):
            return error(400, 400, "Invalid ad account campaign analytics parameters.")
        return reply(200, [])

    client, _ = make_client(handler)
    async with client:
        with pytest.raises(InvalidRequestError):
            await client.campaigns.analytics(
                AID, [str(1000 + i) for i in range(600)], APRIL_1, APRIL_7, "SPEND_IN_DOLLAR", concurrency=2
            )


async def test_analytics_refuses_what_cannot_succeed() -> None:
    client, recorder = make_client(lambda request: reply(200, []))
    async with client:
        with pytest.raises(ValueError, match="after"):
            await client.campaigns.analytics(AID, ["1"], APRIL_7, APRIL_1, ["SPEND_IN_DOLLAR"])
        with pytest.raises(ValueError, match="column"):
            await client.campaigns.analytics(AID, ["1"], APRIL_1, APRIL_7, [])
        with pytest.raises(ValueError, match="campaign_ids"):
            await client.campaigns.analytics(AID, [], APRIL_1, APRIL_7, ["SPEND_IN_DOLLAR"])
    assert recorder.requests == []


async def test_ad_account_analytics() -> None:
    client, recorder = make_client(
        lambda request: reply(200, [{"AD_ACCOUNT_ID": AID, "SPEND_IN_MICRO_DOLLAR": 30_000_000}])
    )
    async with client:
        rows = await client.ad_accounts.analytics(
            AID, APRIL_1, dt.datetime(2021, 4, 7, 12, 0), "SPEND_IN_MICRO_DOLLAR", granularity="TOTAL"
        )

    assert rows == [{"AD_ACCOUNT_ID": AID, "SPEND_IN_MICRO_DOLLAR": 30_000_000}]
    url = recorder.requests[0].url
    assert url.path == f"/v5/ad_accounts/{AID}/analytics"
    assert url.params["end_date"] == "2021-04-07"
    assert url.params["granularity"] == "TOTAL"
