"""``client.capture()``: the request ids of every attempt, for change history and support."""

from __future__ import annotations

import asyncio
import datetime as dt

import httpx2
import pytest
from pinterest_fakes import BASE_URL, TOKEN, Sleeps, error, make_client, reply, sequence

from pinagent.pinterest import (
    AuthenticationError,
    CallRecord,
    NotFoundError,
    PinterestClient,
    PinterestConnectionError,
    StaticToken,
    capture_calls,
    refresh_token,
)

AID = "549755885175"
ACCOUNT = {"id": AID, "name": "ACME", "currency": "USD"}
NEW_TOKEN = "pina_NEWtokenAFTERrefresh0123456789"


def rid(value: str) -> dict[str, str]:
    return {"x-pinterest-rid": value}


async def test_successful_calls_are_recorded_with_both_request_ids() -> None:
    client, recorder = make_client(lambda request: reply(200, ACCOUNT, rid("rid-ok")))
    async with client:
        await client.ad_accounts.get(AID)  # outside any capture: not recorded
        with client.capture() as calls:
            await client.ad_accounts.get(AID)
        await client.ad_accounts.get(AID)

    assert calls == [
        CallRecord(
            operation="ad_accounts/get",
            method="GET",
            path=f"/v5/ad_accounts/{AID}",
            status=200,
            request_id=recorder.requests[1].headers["X-Request-Id"],
            pinterest_request_id="rid-ok",
            attempt=1,
            duration_ms=calls[0].duration_ms,
        )
    ]
    assert calls[0].ok


async def test_every_retry_is_its_own_record_under_one_request_id() -> None:
    handler = sequence(
        error(503, 503, "busy", rid("rid-1")),
        error(429, 8, "Rate limited", {"X-RateLimit-Reset": "1", **rid("rid-2")}),
        reply(200, ACCOUNT, rid("rid-3")),
    )
    client, _ = make_client(handler, sleeps=Sleeps())
    async with client:
        with client.capture() as calls:
            await client.ad_accounts.get(AID)

    assert [(c.status, c.pinterest_request_id, c.attempt) for c in calls] == [
        (503, "rid-1", 1),
        (429, "rid-2", 2),
        (200, "rid-3", 3),
    ]
    assert len({c.request_id for c in calls}) == 1


async def test_failures_are_recorded_too() -> None:
    handler = sequence(
        httpx2.ReadTimeout("timed out"),
        httpx2.ReadTimeout("timed out"),
        httpx2.ReadTimeout("timed out"),
        error(404, 2, "Campaign not found.", rid("rid-404")),
    )
    client, _ = make_client(handler, sleeps=Sleeps())
    async with client:
        with client.capture() as calls:
            with pytest.raises(PinterestConnectionError):
                await client.campaigns.get(AID, "1")
            with pytest.raises(NotFoundError) as caught:
                await client.campaigns.get(AID, "2")

    assert [(c.status, c.error) for c in calls] == [
        (None, "ReadTimeout"),
        (None, "ReadTimeout"),
        (None, "ReadTimeout"),
        (404, None),
    ]
    assert not calls[0].ok
    assert calls[3].request_id == caught.value.request_id
    assert calls[3].pinterest_request_id == caught.value.pinterest_request_id == "rid-404"


async def test_refused_token_and_retried_call_are_both_recorded() -> None:
    class Refreshing:
        async def get_token(self) -> str:
            return TOKEN

        async def refresh(self, rejected_token: str) -> str | None:
            return NEW_TOKEN

    handler = sequence(error(401, 2, "Authentication failed."), reply(200, ACCOUNT))
    client, _ = make_client(handler, auth=Refreshing())
    async with client:
        with client.capture() as calls:
            await client.ad_accounts.get(AID)
    assert [c.status for c in calls] == [401, 200]


async def test_fan_out_tasks_record_into_the_enclosing_capture() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return reply(200, [{"CAMPAIGN_ID": i} for i in request.url.params.get_list("campaign_ids")])

    client, _ = make_client(handler)
    async with client:
        with client.capture() as calls:
            await client.campaigns.analytics(
                AID, [str(i) for i in range(600)], dt.date(2021, 4, 1), dt.date(2021, 4, 7), ["SPEND_IN_DOLLAR"]
            )
    assert len(calls) == 3
    assert {c.operation for c in calls} == {"campaigns/analytics"}
    assert len({c.request_id for c in calls}) == 3


async def test_concurrent_tasks_each_see_their_own_calls() -> None:
    b_answered = asyncio.Event()

    async def handler(request: httpx2.Request) -> httpx2.Response:
        campaign_id = request.url.path.rsplit("/", 1)[-1]
        if campaign_id == "A":
            await b_answered.wait()  # A is still in flight while B completes
        else:
            b_answered.set()
        return reply(200, {"id": campaign_id}, rid(f"rid-{campaign_id}"))

    client = PinterestClient(BASE_URL, auth=StaticToken(TOKEN), transport=httpx2.MockTransport(handler))

    async def task(campaign_id: str) -> list[CallRecord]:
        with client.capture() as calls:
            await client.campaigns.get(AID, campaign_id)
        return calls

    async with client:
        with client.capture() as everything:
            calls_a, calls_b = await asyncio.gather(task("A"), task("B"))

    assert [c.pinterest_request_id for c in calls_a] == ["rid-A"]
    assert [c.pinterest_request_id for c in calls_b] == ["rid-B"]
    assert [c.pinterest_request_id for c in everything] == ["rid-B", "rid-A"], "outer captures see both"


async def test_a_capture_covers_only_its_client_and_capture_calls_covers_all() -> None:
    first, _ = make_client(lambda request: reply(200, ACCOUNT, rid("rid-first")))
    second, _ = make_client(lambda request: reply(200, ACCOUNT, rid("rid-second")))
    async with first, second:
        with capture_calls() as every_call, first.capture() as first_calls:
            await first.ad_accounts.get(AID)
            await second.ad_accounts.get(AID)

    assert [c.pinterest_request_id for c in first_calls] == ["rid-first"]
    assert [c.pinterest_request_id for c in every_call] == ["rid-first", "rid-second"]


async def test_capture_calls_records_token_endpoint_failures() -> None:
    transport = httpx2.MockTransport(
        lambda request: error(401, 283, "The authorization grant is invalid", rid("rid-oauth"))
    )
    with capture_calls() as calls, pytest.raises(AuthenticationError):
        await refresh_token("http://pinterest.test/v5", "app", "secret", "pinr_oldTOKEN0123456789", transport=transport)
    assert [(c.operation, c.method, c.path, c.status, c.pinterest_request_id) for c in calls] == [
        ("oauth/token", "POST", "/v5/oauth/token", 401, "rid-oauth")
    ]
