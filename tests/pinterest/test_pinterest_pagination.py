"""Bookmark pagination: ``async for`` walks every page; cursor callers fetch one page at a time."""

from __future__ import annotations

import httpx2
import pytest
from pinterest_fakes import make_client, reply

from pinagent.pinterest import Page, Pager

AID = "549755885175"


def three_pages(request: httpx2.Request) -> httpx2.Response:
    """Campaigns c0..c6 in pages of at most 3 (or page_size), bookmarks "b3", "b6"."""
    campaigns = [{"id": f"c{i}", "name": f"Campaign {i}", "daily_spend_cap": 1_000_000 * i} for i in range(7)]
    start = int((request.url.params.get("bookmark") or "b0")[1:])
    size = min(3, int(request.url.params["page_size"]))
    end = start + size
    bookmark = f"b{end}" if end < len(campaigns) else None
    return reply(200, {"items": campaigns[start:end], "bookmark": bookmark})


async def test_async_for_follows_bookmarks_across_three_pages() -> None:
    client, recorder = make_client(three_pages)
    async with client:
        names = [c.id async for c in client.campaigns.list(AID)]

    assert names == [f"c{i}" for i in range(7)]
    assert [r.url.params.get("bookmark") for r in recorder.requests] == [None, "b3", "b6"]
    assert {r.url.params["page_size"] for r in recorder.requests} == {"250"}


async def test_limit_stops_after_n_items_and_asks_for_no_more() -> None:
    client, recorder = make_client(three_pages)
    async with client:
        campaigns = await client.campaigns.list(AID, limit=4).collect()

    assert [c.id for c in campaigns] == ["c0", "c1", "c2", "c3"]
    assert [r.url.params["page_size"] for r in recorder.requests] == ["4", "1"]


async def test_cursor_callers_fetch_one_page_at_a_time() -> None:
    client, recorder = make_client(three_pages)
    async with client:
        pager = client.campaigns.list(AID, page_size=3)
        first = await pager.first_page()
        second = await pager.list_page(bookmark=first.bookmark, page_size=2)

    assert [c.id for c in first.items] == ["c0", "c1", "c2"]
    assert first.bookmark == "b3"
    assert [c.id for c in second.items] == ["c3", "c4"]
    assert second.bookmark == "b5"
    assert len(recorder.requests) == 2


async def test_first_page_respects_limit() -> None:
    async def fetch(bookmark: str | None, size: int) -> Page[int]:
        return Page(items=list(range(10)), bookmark="next")

    assert (await Pager(fetch, limit=2).first_page()).items == [0, 1]
    assert (await Pager(fetch, limit=0).first_page()) == Page(items=[], bookmark=None)


async def test_repeated_bookmark_ends_the_walk() -> None:
    calls: list[str | None] = []

    async def fetch(bookmark: str | None, size: int) -> Page[int]:
        calls.append(bookmark)
        return Page(items=[1], bookmark="same")

    assert await Pager(fetch).collect() == [1, 1]
    assert calls == [None, "same"]


def test_page_size_is_bounded() -> None:
    async def fetch(bookmark: str | None, size: int) -> Page[int]:  # pragma: no cover
        return Page(items=[])

    with pytest.raises(ValueError, match="page_size"):
        Pager(fetch, page_size=251)
    with pytest.raises(ValueError, match="limit"):
        Pager(fetch, limit=-1)


async def test_list_page_rejects_a_bad_page_size() -> None:
    async def fetch(bookmark: str | None, size: int) -> Page[int]:  # pragma: no cover
        return Page(items=[])

    with pytest.raises(ValueError, match="page_size"):
        await Pager(fetch).list_page(page_size=0)


async def test_ad_accounts_list_includes_shared_accounts() -> None:
    account = {
        "id": "1",
        "name": "Shared",
        "currency": "USD",
        "owner": {"username": "acme"},
        "permissions": [],
    }
    client, recorder = make_client(lambda request: reply(200, {"items": [account], "bookmark": None}))
    async with client:
        accounts = [a async for a in client.ad_accounts.list()]
        await client.ad_accounts.list(include_shared_accounts=False).first_page()

    assert accounts[0].owner is not None
    assert accounts[0].owner.username == "acme"
    assert recorder.requests[0].url.params["include_shared_accounts"] == "true"
    assert recorder.requests[1].url.params["include_shared_accounts"] == "false"
