"""``client.ad_groups``: list filters, paging, chunked bulk writes and the analytics fan-out."""

from __future__ import annotations

import datetime as dt
import json

import httpx2
import pytest
from pinterest_fakes import bulk_echo, error, make_client, paged, reply

from pinagent.pinterest import AdGroup, InvalidRequestError

AID = "549755885175"
APRIL_1 = dt.date(2021, 4, 1)
APRIL_7 = dt.date(2021, 4, 7)

AD_GROUP = {
    "id": "2680060704746",
    "ad_account_id": AID,
    "campaign_id": "626735565838",
    "name": "Spring shoppers",
    "status": "ACTIVE",
    "budget_in_micro_currency": 25_000_000,
    "bid_in_micro_currency": 1_500_000,
    "budget_type": "DAILY",
    "billable_event": "CLICKTHROUGH",
    "start_time": 1617235200,
    "end_time": None,
    "targeting_spec": {"GEO": ["US"], "AGE_BUCKET": ["25-34"]},
    "summary_status": "RUNNING",
    "dca_assets": None,
}


async def test_list_sends_repeated_filters_and_walks_pages() -> None:
    groups = [{**AD_GROUP, "id": str(i)} for i in range(5)]
    client, recorder = make_client(paged(groups))
    async with client:
        pager = client.ad_groups.list(
            AID, campaign_ids=["11", "22"], entity_statuses=["ACTIVE", "PAUSED"], order="ASCENDING", page_size=2
        )
        got = await pager.collect()

    assert [g.id for g in got] == ["0", "1", "2", "3", "4"]
    assert all(isinstance(g, AdGroup) for g in got)
    assert len(recorder.requests) == 3
    first, second = recorder.requests[0].url, recorder.requests[1].url
    assert first.path == f"/v5/ad_accounts/{AID}/ad_groups"
    assert b"campaign_ids=11&campaign_ids=22" in first.query
    assert first.params.get_list("entity_statuses") == ["ACTIVE", "PAUSED"]
    assert (first.params["order"], first.params["page_size"]) == ("ASCENDING", "2")
    assert "bookmark" not in first.params
    assert second.params["bookmark"] == "2"


async def test_list_defaults_to_pages_of_250_and_honours_limit() -> None:
    client, recorder = make_client(paged([{**AD_GROUP, "id": str(i)} for i in range(300)]))
    async with client:
        everything = await client.ad_groups.list(AID).collect()
        some = await client.ad_groups.list(AID, ad_group_ids=["1", "2"], limit=3).collect()

    assert len(everything) == 300
    assert [r.url.params["page_size"] for r in recorder.requests[:2]] == ["250", "250"]
    assert len(some) == 3
    assert recorder.requests[2].url.params["page_size"] == "3"
    assert recorder.requests[2].url.params.get_list("ad_group_ids") == ["1", "2"]


async def test_list_refuses_both_id_filters_before_sending() -> None:
    client, recorder = make_client(paged([]))
    async with client:
        with pytest.raises(ValueError, match="only one of campaign_ids, ad_group_ids"):
            client.ad_groups.list(AID, campaign_ids=["1"], ad_group_ids=["2"])
        with pytest.raises(ValueError, match="250"):
            client.ad_groups.list(AID, ad_group_ids=[str(i) for i in range(251)])
    assert recorder.requests == []


async def test_get_keeps_wire_names_money_in_micro_and_unknown_fields() -> None:
    client, recorder = make_client(lambda request: reply(200, AD_GROUP))
    async with client:
        group = await client.ad_groups.get(AID, "2680060704746")

    assert recorder.requests[0].url.path == f"/v5/ad_accounts/{AID}/ad_groups/2680060704746"
    assert group.budget_in_micro_currency == 25_000_000
    assert group.bid_in_micro_currency == 1_500_000
    assert group.targeting_spec == {"GEO": ["US"], "AGE_BUCKET": ["25-34"]}
    assert group.billable_event == "CLICKTHROUGH"
    assert group.model_extra == {"dca_assets": None}


async def test_create_of_31_items_takes_2_requests_and_reports_item_exceptions() -> None:
    def failing(item: dict[str, object]) -> list[dict[str, object]] | None:
        if item["name"] == "g7":
            return [{"code": 2, "message": "Campaign not found."}]
        return None

    items = [{"campaign_id": "626735565838", "name": f"g{i}", "billable_event": "IMPRESSION"} for i in range(31)]
    client, recorder = make_client(bulk_echo(failing))
    async with client:
        results = await client.ad_groups.create(AID, items)

    bodies = [json.loads(r.content) for r in recorder.requests]
    assert [len(b) for b in bodies] == [30, 1]
    assert all(r.method == "POST" and r.url.path.endswith("/ad_groups") for r in recorder.requests)
    assert "ad_account_id" not in bodies[0][0], "ad group items carry no ad_account_id"
    assert len(results) == 31
    assert [i for i, r in enumerate(results) if not r.ok] == [7]
    assert results[7].exceptions[0].message == "Campaign not found."
    assert results[30].data is not None
    assert results[30].data.name == "g30"


async def test_update_sends_patch_and_keeps_callers_dicts() -> None:
    items = [{"id": "1", "budget_in_micro_currency": 30_000_000}]
    client, recorder = make_client(bulk_echo(lambda item: None))
    async with client:
        results = await client.ad_groups.update(AID, items)
        with pytest.raises(ValueError, match="at least one ad group"):
            await client.ad_groups.update(AID, [])

    assert len(recorder.requests) == 1
    assert recorder.requests[0].method == "PATCH"
    assert json.loads(recorder.requests[0].content) == items
    assert results[0].data is not None
    assert results[0].data.budget_in_micro_currency == 30_000_000


async def test_analytics_fans_out_by_250_ids_with_comma_columns() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        ids = request.url.params.get_list("ad_group_ids")
        return reply(200, [{"AD_GROUP_ID": i, "DATE": "2021-04-01", "TOTAL_IMPRESSION": 10} for i in ids])

    ids = [str(5000 + i) for i in range(501)]
    client, recorder = make_client(handler)
    async with client:
        rows = await client.ad_groups.analytics(
            AID, [*ids, ids[0]], APRIL_1, APRIL_7, ["TOTAL_IMPRESSION", "SPEND_IN_MICRO_DOLLAR"], "WEEK", concurrency=2
        )

    assert sorted(len(r.url.params.get_list("ad_group_ids")) for r in recorder.requests) == [1, 250, 250]
    assert [row["AD_GROUP_ID"] for row in rows] == ids, "duplicates dropped, chunk order kept"
    url = recorder.requests[0].url
    assert url.path == f"/v5/ad_accounts/{AID}/ad_groups/analytics"
    assert b"columns=TOTAL_IMPRESSION%2CSPEND_IN_MICRO_DOLLAR" in url.query
    assert url.params["granularity"] == "WEEK"


async def test_analytics_error_and_guards() -> None:
    client, recorder = make_client(lambda request: error(400, 400, "Invalid ad group analytics parameters."))
    async with client:
        with pytest.raises(ValueError, match="ad_group_ids"):
            await client.ad_groups.analytics(AID, [], APRIL_1, APRIL_7, ["SPEND_IN_DOLLAR"])
        assert recorder.requests == []
        with pytest.raises(InvalidRequestError) as caught:
            await client.ad_groups.analytics(AID, ["1"], APRIL_1, APRIL_7, ["SPEND_IN_DOLLAR"])
    assert caught.value.operation == "ad_groups/analytics"
