"""``client.ads``: one id filter, paging, bulk writes with the single-object exceptions quirk, analytics."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx2
import pytest
from pinterest_fakes import make_client, paged, reply

from pinagent.pinterest import Ad, NotFoundError

AID = "549755885175"
APRIL_1 = dt.date(2021, 4, 1)
APRIL_7 = dt.date(2021, 4, 7)

AD = {
    "id": "687195134316",
    "ad_account_id": AID,
    "ad_group_id": "2680060704746",
    "campaign_id": "626735565838",
    "pin_id": "394205773611545468",
    "creative_type": "REGULAR",
    "status": "ACTIVE",
    "review_status": "REJECTED",
    "rejected_reasons": ["HASHTAGS"],
    "rejection_labels": ["Hashtags in the description"],
    "summary_status": "REJECTED",
    "destination_url": "https://shop.example/spring",
    "name": "Spring ad",
    "quiz_pin_data": None,
}


async def test_list_sends_one_repeated_filter_and_pages() -> None:
    client, recorder = make_client(paged([{**AD, "id": str(i)} for i in range(3)]))
    async with client:
        ads = await client.ads.list(
            AID, ad_group_ids=["7", "8"], entity_statuses=["PAUSED"], order="DESCENDING", page_size=2
        ).collect()

    assert [ad.id for ad in ads] == ["0", "1", "2"]
    url = recorder.requests[0].url
    assert url.path == f"/v5/ad_accounts/{AID}/ads"
    assert b"ad_group_ids=7&ad_group_ids=8" in url.query
    assert "campaign_ids" not in url.params
    assert "ad_ids" not in url.params
    assert url.params.get_list("entity_statuses") == ["PAUSED"]
    assert url.params["order"] == "DESCENDING"
    assert recorder.requests[1].url.params["bookmark"] == "2"


async def test_list_without_filter_lists_all_ads() -> None:
    client, recorder = make_client(paged([AD]))
    async with client:
        ads = await client.ads.list(AID).collect()
    assert len(ads) == 1
    assert set(recorder.requests[0].url.params) == {"page_size"}


@pytest.mark.parametrize(
    ("campaign_ids", "ad_group_ids", "ad_ids"),
    [(["1"], None, ["2"]), (["1"], ["2"], None), (None, ["1"], ["2"]), (["1"], ["2"], ["3"])],
)
async def test_list_refuses_more_than_one_id_filter(
    campaign_ids: list[str] | None, ad_group_ids: list[str] | None, ad_ids: list[str] | None
) -> None:
    client, recorder = make_client(paged([]))
    async with client:
        with pytest.raises(ValueError, match="only one of campaign_ids, ad_group_ids, ad_ids"):
            client.ads.list(AID, campaign_ids=campaign_ids, ad_group_ids=ad_group_ids, ad_ids=ad_ids)
    assert recorder.requests == []


async def test_get_reads_review_fields() -> None:
    client, recorder = make_client(lambda request: reply(200, AD))
    async with client:
        ad = await client.ads.get(AID, "687195134316")
    assert recorder.requests[0].url.path == f"/v5/ad_accounts/{AID}/ads/687195134316"
    assert (ad.review_status, ad.rejected_reasons, ad.summary_status) == ("REJECTED", ["HASHTAGS"], "REJECTED")
    assert ad.rejection_labels == ["Hashtags in the description"]
    assert ad.pin_id == "394205773611545468"
    assert ad.model_extra == {"quiz_pin_data": None}


async def test_get_missing_ad_is_not_found() -> None:
    client, _ = make_client(lambda request: reply(404, {"code": 2, "message": "Ad not found."}))
    async with client:
        with pytest.raises(NotFoundError) as caught:
            await client.ads.get(AID, "1")
    assert caught.value.operation == "ads/get"


def ad_bulk(request: httpx2.Request) -> httpx2.Response:
    """Answers like AdArrayResponse: ``exceptions`` is a single object (empty or null on success)."""
    results: list[dict[str, Any]] = []
    for index, item in enumerate(json.loads(request.content)):
        if item.get("pin_id") == "bad":
            results.append({"data": None, "exceptions": {"code": 2, "message": "Pin not found."}})
        else:
            results.append(
                {"data": {"id": item.get("id", f"a{index}"), **item}, "exceptions": {} if index % 2 else None}
            )
    return reply(200, {"items": results})


async def test_create_chunks_by_30_and_reads_single_object_exceptions() -> None:
    items = [{"ad_group_id": "2680060704746", "creative_type": "REGULAR", "pin_id": str(i)} for i in range(45)]
    items[33]["pin_id"] = "bad"
    client, recorder = make_client(ad_bulk)
    async with client:
        results = await client.ads.create(AID, items)

    assert [len(json.loads(r.content)) for r in recorder.requests] == [30, 15]
    assert all(r.method == "POST" for r in recorder.requests)
    assert len(results) == 45
    assert [i for i, r in enumerate(results) if not r.ok] == [33]
    assert results[33].exceptions[0].code == 2
    assert results[33].exceptions[0].message == "Pin not found."
    assert isinstance(results[0].data, Ad)


async def test_update_patches_and_refuses_empty() -> None:
    client, recorder = make_client(ad_bulk)
    async with client:
        results = await client.ads.update(AID, [{"id": "687195134316", "status": "PAUSED"}])
        with pytest.raises(ValueError, match="at least one ad"):
            await client.ads.create(AID, [])
    assert [r.method for r in recorder.requests] == ["PATCH"]
    assert results[0].ok
    assert results[0].data is not None
    assert results[0].data.status == "PAUSED"


async def test_analytics_fans_out_ad_ids_by_250() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return reply(200, [{"AD_ID": i, "CTR": 0.01} for i in request.url.params.get_list("ad_ids")])

    ids = [str(9000 + i) for i in range(260)]
    client, recorder = make_client(handler)
    async with client:
        rows = await client.ads.analytics(
            AID,
            ids,
            APRIL_1,
            APRIL_7,
            "CTR,TOTAL_CLICKTHROUGH",
            granularity="TOTAL",
            conversion_report_time="TIME_OF_CONVERSION",
        )

    assert sorted(len(r.url.params.get_list("ad_ids")) for r in recorder.requests) == [10, 250]
    assert [row["AD_ID"] for row in rows] == ids
    params = recorder.requests[0].url.params
    assert recorder.requests[0].url.path == f"/v5/ad_accounts/{AID}/ads/analytics"
    assert params["columns"] == "CTR,TOTAL_CLICKTHROUGH"
    assert params["conversion_report_time"] == "TIME_OF_CONVERSION"


async def test_analytics_by_pins_repeats_campaigns_and_fans_out_pins_by_100() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        pins = request.url.params.get_list("pin_ids")
        return reply(200, [{"PIN_ID": p, "AD_ID": f"ad-{p}", "SPEND_IN_DOLLAR": 1} for p in pins])

    pins = [str(100_000 + i) for i in range(230)]
    client, recorder = make_client(handler)
    async with client:
        rows = await client.ads.analytics_by_pins(AID, ["11", "22"], pins, APRIL_1, APRIL_7, ["SPEND_IN_DOLLAR"])

    assert sorted(len(r.url.params.get_list("pin_ids")) for r in recorder.requests) == [30, 100, 100]
    assert all(r.url.params.get_list("campaign_ids") == ["11", "22"] for r in recorder.requests)
    assert all("ad_ids" not in r.url.params for r in recorder.requests)
    assert [row["PIN_ID"] for row in rows] == pins


async def test_analytics_by_pins_guards() -> None:
    client, recorder = make_client(lambda request: reply(200, []))
    async with client:
        with pytest.raises(ValueError, match="campaign_ids"):
            await client.ads.analytics_by_pins(AID, [], ["1"], APRIL_1, APRIL_7, ["CTR"])
        with pytest.raises(ValueError, match="250"):
            await client.ads.analytics_by_pins(AID, [str(i) for i in range(251)], ["1"], APRIL_1, APRIL_7, ["CTR"])
        with pytest.raises(ValueError, match="pin_ids"):
            await client.ads.analytics_by_pins(AID, ["1"], [], APRIL_1, APRIL_7, ["CTR"])
        with pytest.raises(ValueError, match="after"):
            await client.ads.analytics(AID, ["1"], APRIL_7, APRIL_1, ["CTR"])
    assert recorder.requests == []
