"""``client.boards`` and ``client.pins``: organic paging, Business Access and Pin analytics."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pinterest_fakes import make_client, paged, reply

from pinagent.pinterest import Board, Pin

AID = "549755885175"
BOARD = {
    "id": "549755885175",
    "name": "Summer Recipes",
    "description": "My favorite summer recipes",
    "privacy": "PUBLIC",
    "owner": {"username": "acme"},
    "pin_count": 12,
    "follower_count": 3,
    "created_at": "2020-01-01T20:10:40",
    "media": {"image_cover_url": "https://i.pinimg.com/x.jpg", "pin_thumbnail_urls": []},
}
PIN = {
    "id": "813744226420795884",
    "board_id": "549755885175",
    "title": "Lemonade",
    "description": "Fresh",
    "link": "https://shop.example/lemonade",
    "alt_text": "A glass of lemonade",
    "created_at": "2022-03-01T10:00:00",
    "media": {"media_type": "image", "images": {"600x": {"url": "https://i.pinimg.com/600x/x.jpg"}}},
    "creative_type": "REGULAR",
    "note": "private",
}
PIN_ANALYTICS = {
    "all": {
        "daily_metrics": [
            {"date": "2021-04-01", "data_status": "READY", "metrics": {"IMPRESSION": 240, "SAVE": 20}},
            {"date": "2021-04-02", "data_status": "PROCESSING", "metrics": {}},
        ],
        "summary_metrics": {"IMPRESSION": 240, "SAVE": 20},
        "lifetime_metrics": {"TOTAL_COMMENTS": 10},
    }
}


async def test_boards_list_with_privacy_and_business_access() -> None:
    client, recorder = make_client(paged([{**BOARD, "id": str(i)} for i in range(3)]))
    async with client:
        boards = await client.boards.list(privacy="PUBLIC_AND_SECRET", ad_account_id=AID, page_size=2).collect()

    assert [b.id for b in boards] == ["0", "1", "2"]
    assert isinstance(boards[0], Board)
    assert boards[0].owner is not None
    assert boards[0].owner.username == "acme"
    url = recorder.requests[0].url
    assert url.path == "/v5/boards"
    assert (url.params["privacy"], url.params["ad_account_id"]) == ("PUBLIC_AND_SECRET", AID)
    assert recorder.requests[1].url.params["bookmark"] == "2"


async def test_boards_get_and_create() -> None:
    client, recorder = make_client(lambda request: reply(201 if request.method == "POST" else 200, BOARD))
    async with client:
        board = await client.boards.get("549755885175")
        created = await client.boards.create({"name": "Summer Recipes", "privacy": "SECRET"}, ad_account_id=AID)
        with pytest.raises(ValueError, match="name"):
            await client.boards.create({"description": "no name"})

    get, post = recorder.requests
    assert (get.url.path, get.url.query) == ("/v5/boards/549755885175", b"")
    assert (board.pin_count, board.created_at) == (12, "2020-01-01T20:10:40")
    assert (post.method, post.url.path, post.url.params["ad_account_id"]) == ("POST", "/v5/boards", AID)
    assert json.loads(post.content) == {"name": "Summer Recipes", "privacy": "SECRET"}
    assert created.name == "Summer Recipes"


async def test_boards_list_pins_is_a_pager() -> None:
    client, recorder = make_client(paged([{**PIN, "id": str(i)} for i in range(5)]))
    async with client:
        pins = await client.boards.list_pins("549755885175", creative_types=["REGULAR", "VIDEO"], limit=4).collect()

    assert [p.id for p in pins] == ["0", "1", "2", "3"]
    url = recorder.requests[0].url
    assert url.path == "/v5/boards/549755885175/pins"
    assert b"creative_types=REGULAR&creative_types=VIDEO" in url.query
    assert url.params["page_size"] == "4"


async def test_pins_list_sends_filters() -> None:
    client, recorder = make_client(paged([PIN]))
    async with client:
        pins = await client.pins.list(
            pin_filter="exclude_repins", include_protected_pins=True, pin_type="PRIVATE", ad_account_id=AID
        ).collect()

    assert isinstance(pins[0], Pin)
    assert pins[0].model_extra == {"note": "private"}
    params = recorder.requests[0].url.params
    assert recorder.requests[0].url.path == "/v5/pins"
    assert (params["pin_filter"], params["include_protected_pins"], params["pin_type"]) == (
        "exclude_repins",
        "true",
        "PRIVATE",
    )
    assert params["ad_account_id"] == AID


async def test_pins_get_and_create() -> None:
    client, recorder = make_client(lambda request: reply(201 if request.method == "POST" else 200, PIN))
    body = {
        "board_id": "549755885175",
        "title": "Lemonade",
        "media_source": {"source_type": "image_url", "url": "https://shop.example/l.jpg"},
    }
    async with client:
        pin = await client.pins.get("813744226420795884", ad_account_id=AID)
        created = await client.pins.create(body)
        with pytest.raises(ValueError, match="board_id"):
            await client.pins.create({})

    get, post = recorder.requests
    assert get.url.path == "/v5/pins/813744226420795884"
    assert get.url.params["ad_account_id"] == AID
    assert (pin.board_id, pin.alt_text, pin.link) == (
        "549755885175",
        "A glass of lemonade",
        "https://shop.example/lemonade",
    )
    assert pin.media is not None
    assert pin.media["media_type"] == "image"
    assert (post.method, post.url.path, post.url.query) == ("POST", "/v5/pins", b"")
    assert json.loads(post.content) == body
    assert created.id == "813744226420795884"


async def test_pin_analytics_sends_comma_metric_types_and_returns_the_wire_dict() -> None:
    client, recorder = make_client(lambda request: reply(200, PIN_ANALYTICS))
    async with client:
        result = await client.pins.analytics(
            "813744226420795884",
            dt.date(2021, 4, 1),
            dt.datetime(2021, 4, 2, 23, 0),
            ["IMPRESSION", "SAVE"],
            app_types="WEB",
            split_field="NO_SPLIT",
            ad_account_id=AID,
        )

    url = recorder.requests[0].url
    assert url.path == "/v5/pins/813744226420795884/analytics"
    assert b"metric_types=IMPRESSION%2CSAVE" in url.query
    assert (url.params["start_date"], url.params["end_date"]) == ("2021-04-01", "2021-04-02")
    assert (url.params["app_types"], url.params["split_field"], url.params["ad_account_id"]) == ("WEB", "NO_SPLIT", AID)
    assert result == PIN_ANALYTICS
    assert result["all"]["summary_metrics"]["IMPRESSION"] == 240
    assert result["all"]["daily_metrics"][1]["data_status"] == "PROCESSING"


async def test_pin_analytics_guards() -> None:
    client, recorder = make_client(lambda request: reply(200, PIN_ANALYTICS))
    async with client:
        with pytest.raises(ValueError, match="metric"):
            await client.pins.analytics("1", dt.date(2021, 4, 1), dt.date(2021, 4, 2), [])
        with pytest.raises(ValueError, match="after"):
            await client.pins.analytics("1", dt.date(2021, 4, 2), dt.date(2021, 4, 1), "IMPRESSION")
    assert recorder.requests == []
