"""Boards and Pins: secret scopes, privacy filters, pagination, creation rules, Pin analytics."""

from __future__ import annotations

import base64
import datetime as dt

import httpx2
import pytest

from pinagent.emulator import DEFAULT_USERNAME
from pinagent.emulator.inprocess import EmulatedPinterest
from tests.emulator.emulator_ids import (
    ACME_EU,
    ACME_PIN,
    ADS_ONLY_BOARD,
    LENA_PUBLIC_BOARD,
    NORTHPEAK_SECRET_BOARD,
    PUBLIC_BOARD,
    SECRET_BOARD,
    SECRET_PIN,
    SHARED_ANALYST,
)
from tests.emulator.test_emulator_ads import all_pages

NO_SECRETS = ["boards:read", "boards:write", "pins:read", "pins:write", "user_accounts:read", "ads:read"]
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16).decode()


@pytest.fixture
async def plain(emu: EmulatedPinterest) -> httpx2.AsyncClient:
    token = (await emu.issue_token(DEFAULT_USERNAME, NO_SECRETS))["access_token"]
    return emu.client(token)


async def test_boards_list_with_and_without_secret_scope(client: httpx2.AsyncClient, plain: httpx2.AsyncClient) -> None:
    everything = (await client.get("/boards")).json()["items"]
    assert {b["privacy"] for b in everything} == {"PUBLIC", "PROTECTED", "SECRET"}
    assert all(b["owner"] == {"username": DEFAULT_USERNAME} for b in everything)
    secret = next(b for b in everything if b["id"] == SECRET_BOARD)
    assert secret["pin_count"] == 4
    assert secret["created_at"].endswith("Z")
    only_secret = (await client.get("/boards", params={"privacy": "SECRET"})).json()["items"]
    assert [b["id"] for b in only_secret] == [SECRET_BOARD]
    visible = (await plain.get("/boards")).json()["items"]
    assert SECRET_BOARD not in {b["id"] for b in visible}
    assert len(visible) == len(everything) - 1
    assert (await plain.get("/boards", params={"privacy": "SECRET"})).json()["items"] == []
    protected = (await client.get("/boards", params={"privacy": "PROTECTED"})).json()["items"]
    assert [b["id"] for b in protected] == [ADS_ONLY_BOARD]


async def test_secret_board_and_pin_reads_need_the_secret_scopes(
    client: httpx2.AsyncClient, plain: httpx2.AsyncClient
) -> None:
    assert (await client.get(f"/boards/{SECRET_BOARD}")).json()["privacy"] == "SECRET"
    refused = await plain.get(f"/boards/{SECRET_BOARD}")
    assert refused.status_code == 403
    assert "boards:read_secret" in refused.json()["message"]
    pin = await plain.get(f"/pins/{SECRET_PIN}")
    assert pin.status_code == 403
    assert "pins:read_secret" in pin.json()["message"]
    assert (await client.get(f"/pins/{SECRET_PIN}")).json()["board_id"] == SECRET_BOARD
    pins = (await plain.get("/pins", params={"page_size": 250})).json()["items"]
    assert SECRET_PIN not in {p["id"] for p in pins}
    others = await client.get(f"/boards/{NORTHPEAK_SECRET_BOARD}")
    assert (others.status_code, others.json()["code"]) == (404, 40)
    assert (await client.get(f"/boards/{LENA_PUBLIC_BOARD}")).json()["owner"]["username"] == "lena_pins"


async def test_pins_list_filters_and_pagination(client: httpx2.AsyncClient) -> None:
    pins, pages = await all_pages(client, "/pins", page_size=5)
    assert len(pins) >= 18
    assert pages == -(-len(pins) // 5)
    assert all(p["board_owner"]["username"] == DEFAULT_USERNAME and p["is_owner"] for p in pins)
    assert all(p["created_at"].endswith("Z") for p in pins)
    assert ADS_ONLY_BOARD not in {p["board_id"] for p in pins}  # PROTECTED pins need include_protected_pins
    with_protected, _ = await all_pages(client, "/pins", page_size=50, include_protected_pins="true")
    assert len(with_protected) == len(pins) + 2
    private = (await client.get("/pins", params={"pin_type": "PRIVATE"})).json()["items"]
    assert {p["board_id"] for p in private} == {SECRET_BOARD}
    promoted = (await client.get("/pins", params={"pin_filter": "has_been_promoted", "page_size": 50})).json()["items"]
    assert promoted
    assert all(p["has_been_promoted"] for p in promoted)
    on_board, _ = await all_pages(client, f"/boards/{PUBLIC_BOARD}/pins", page_size=3, pin_metrics="true")
    assert len(on_board) == 4
    assert set(on_board[0]["pin_metrics"]) == {"90d", "lifetime_metrics"}


async def test_create_board_and_pins(client: httpx2.AsyncClient) -> None:
    board = await client.post("/boards", json={"name": "AW27 drafts", "privacy": "SECRET", "description": "Next year"})
    assert board.status_code == 201
    board_id = board.json()["id"]
    assert (board.json()["privacy"], board.json()["pin_count"]) == ("SECRET", 0)
    by_url = await client.post(
        "/pins",
        json={
            "board_id": board_id,
            "title": "Parka",
            "link": "https://acme-outdoor.example/parka",
            "alt_text": "A red parka",
            "media_source": {"source_type": "image_url", "url": "https://images.example/parka.jpg"},
        },
    )
    assert by_url.status_code == 201
    assert by_url.json()["media"]["media_type"] == "image"
    by_data = await client.post(
        "/pins",
        json={
            "board_id": board_id,
            "media_source": {"source_type": "image_base64", "content_type": "image/png", "data": PNG},
        },
    )
    assert by_data.status_code == 201
    assert (await client.get(f"/boards/{board_id}")).json()["pin_count"] == 2
    listed = (await client.get(f"/boards/{board_id}/pins")).json()["items"]
    assert {p["id"] for p in listed} == {by_url.json()["id"], by_data.json()["id"]}


async def test_secret_creation_needs_the_write_secret_scopes(emu: EmulatedPinterest, plain: httpx2.AsyncClient) -> None:
    refused = await plain.post("/boards", json={"name": "Hidden", "privacy": "SECRET"})
    assert (refused.status_code, refused.json()["code"]) == (401, 3)
    assert "boards:write_secret" in refused.json()["message"]
    token = await emu.issue_token(DEFAULT_USERNAME, [*NO_SECRETS, "boards:read_secret", "pins:read_secret"])
    async with emu.client(token["access_token"]) as reader:
        media = {"source_type": "image_url", "url": "https://images.example/a.jpg"}
        pin = await reader.post("/pins", json={"board_id": SECRET_BOARD, "media_source": media})
    assert (pin.status_code, pin.json()["code"]) == (401, 3)
    assert "pins:write_secret" in pin.json()["message"]


@pytest.mark.contract_responses_only(reason="invalid pins on purpose")
@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"board_id": PUBLIC_BOARD}, 400),
        ({"media_source": {"source_type": "image_url", "url": "https://x.example/a.jpg"}}, 400),
        (
            {
                "board_id": PUBLIC_BOARD,
                "title": "t" * 101,
                "media_source": {"source_type": "image_url", "url": "https://x/a"},
            },
            400,
        ),
        (
            {
                "board_id": PUBLIC_BOARD,
                "description": "d" * 801,
                "media_source": {"source_type": "image_url", "url": "https://x/a"},
            },
            400,
        ),
        (
            {
                "board_id": PUBLIC_BOARD,
                "alt_text": "a" * 501,
                "media_source": {"source_type": "image_url", "url": "https://x/a"},
            },
            400,
        ),
        (
            {
                "board_id": PUBLIC_BOARD,
                "link": "https://x/" + "l" * 2048,
                "media_source": {"source_type": "image_url", "url": "https://x/a"},
            },
            400,
        ),
        (
            {
                "board_id": PUBLIC_BOARD,
                "media_source": {"source_type": "image_base64", "content_type": "image/gif", "data": PNG},
            },
            400,
        ),
        (
            {
                "board_id": PUBLIC_BOARD,
                "media_source": {"source_type": "image_base64", "content_type": "image/png", "data": "no!"},
            },
            400,
        ),
        ({"board_id": PUBLIC_BOARD, "media_source": {"source_type": "image_url"}}, 400),
        ({"board_id": "821047100009999999", "media_source": {"source_type": "image_url", "url": "https://x/a"}}, 404),
        ({"board_id": LENA_PUBLIC_BOARD, "media_source": {"source_type": "image_url", "url": "https://x/a"}}, 403),
    ],
)
async def test_pin_validation(client: httpx2.AsyncClient, body: dict[str, object], status: int) -> None:
    response = await client.post("/pins", json=body)
    assert response.status_code == status, response.text


@pytest.mark.contract_responses_only(reason="invalid board on purpose")
async def test_board_name_is_required(client: httpx2.AsyncClient) -> None:
    response = await client.post("/boards", json={"description": "no name"})
    assert (response.status_code, response.json()["code"]) == (400, 1)


@pytest.mark.contract_responses_only(
    reason="the spec's metric_types items are a oneOf of two overlapping enums: IMPRESSION, SAVE… match both branches"
)
async def test_pin_analytics_shape_and_consistency(client: httpx2.AsyncClient) -> None:
    today = dt.datetime.now(dt.UTC).date()
    dates = {"start_date": str(today - dt.timedelta(days=29)), "end_date": str(today)}
    metrics = "IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK,SAVE_RATE,TOTAL_COMMENTS"
    body = (await client.get(f"/pins/{ACME_PIN}/analytics", params={**dates, "metric_types": metrics})).json()
    assert set(body) == {"all"}
    block = body["all"]
    assert len(block["daily_metrics"]) == 30
    day = block["daily_metrics"][-1]
    assert (day["date"], day["data_status"]) == (str(today), "READY")
    assert set(day["metrics"]) == {"IMPRESSION", "SAVE", "PIN_CLICK", "OUTBOUND_CLICK", "SAVE_RATE"}
    total = sum(d["metrics"]["IMPRESSION"] for d in block["daily_metrics"])
    assert block["summary_metrics"]["IMPRESSION"] == total > 0
    assert set(block["lifetime_metrics"]) == {"TOTAL_COMMENTS"}
    split = (
        await client.get(
            f"/pins/{ACME_PIN}/analytics", params={**dates, "metric_types": "IMPRESSION", "split_field": "APP_TYPE"}
        )
    ).json()
    assert set(split) == {"MOBILE", "TABLET", "WEB"}
    assert sum(s["summary_metrics"]["IMPRESSION"] for s in split.values()) == total
    again = (await client.get(f"/pins/{ACME_PIN}/analytics", params={**dates, "metric_types": metrics})).json()
    assert again == body


@pytest.mark.contract_responses_only(reason="invalid pin analytics on purpose")
async def test_pin_analytics_limits(client: httpx2.AsyncClient) -> None:
    today = dt.datetime.now(dt.UTC).date()
    old = {"start_date": str(today - dt.timedelta(days=91)), "end_date": str(today), "metric_types": "IMPRESSION"}
    response = await client.get(f"/pins/{ACME_PIN}/analytics", params=old)
    assert (response.status_code, response.json()["code"]) == (400, 400)
    missing = await client.get(
        f"/pins/{ACME_PIN}/analytics", params={**old, "start_date": str(today), "metric_types": ""}
    )
    assert missing.status_code == 400
    others = await client.get("/pins/821047200000000101/analytics", params={**old, "start_date": str(today)})
    assert (others.status_code, others.json()["code"]) == (403, 403)


async def test_business_access_reads_the_account_owners_boards(client: httpx2.AsyncClient) -> None:
    boards = (await client.get("/boards", params={"ad_account_id": SHARED_ANALYST})).json()["items"]
    assert {b["owner"]["username"] for b in boards} == {"northpeak_agency"}
    assert (await client.get("/boards", params={"ad_account_id": "549764001004"})).status_code == 403
    assert (await client.get("/boards", params={"ad_account_id": ACME_EU})).status_code == 200
