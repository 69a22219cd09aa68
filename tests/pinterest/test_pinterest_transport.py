"""Auth, retries and logging of one call: what Pinterest sees and what the caller gets."""

from __future__ import annotations

import json
import logging
from collections.abc import MutableMapping
from typing import Any

import httpx2
import pytest
from pinterest_fakes import BASE_URL, TOKEN, Sleeps, error, make_client, reply, sequence

from pinagent.pinterest import (
    AuthenticationError,
    PinterestClient,
    PinterestConnectionError,
    PinterestError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    StaticToken,
    TokenProvider,
)

ACCOUNT = {"id": "549755885175", "name": "ACME", "currency": "EUR", "permissions": ["OWNER"]}
NEW_TOKEN = "pina_NEWtokenAFTERrefresh0123456789"


class RefreshingToken:
    """A token provider whose refresh hands out ``NEW_TOKEN`` (or nothing)."""

    def __init__(self, new_token: str | None = NEW_TOKEN) -> None:
        self.token = TOKEN
        self.new_token = new_token
        self.rejected: list[str] = []

    async def get_token(self) -> str:
        return self.token

    async def refresh(self, rejected_token: str) -> str | None:
        self.rejected.append(rejected_token)
        if self.new_token:
            self.token = self.new_token
        return self.new_token


def test_refreshing_token_is_a_token_provider() -> None:
    assert isinstance(RefreshingToken(), TokenProvider)
    assert isinstance(StaticToken(TOKEN), TokenProvider)
    assert TOKEN not in repr(StaticToken(TOKEN))


async def test_sends_bearer_token_request_id_and_user_agent_under_the_base_path() -> None:
    client, recorder = make_client(lambda request: reply(200, ACCOUNT))
    async with client:
        account = await client.ad_accounts.get("549755885175")

    assert account.currency == "EUR"
    request = recorder.requests[0]
    assert str(request.url) == f"{BASE_URL}/ad_accounts/549755885175"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["User-Agent"].startswith("pinagent/")
    assert request.headers["X-Request-Id"].startswith("pa-")


async def test_ids_cannot_escape_their_path_segment() -> None:
    client, recorder = make_client(lambda request: reply(200, ACCOUNT))
    async with client:
        await client.ad_accounts.get("../user_account")
    assert recorder.requests[0].url.raw_path == b"/v5/ad_accounts/..%2Fuser_account"


async def test_expired_token_is_refreshed_and_the_call_retried_once() -> None:
    provider = RefreshingToken()
    handler = sequence(error(401, 2, "Authentication failed."), reply(200, ACCOUNT))
    client, recorder = make_client(handler, auth=provider)
    async with client:
        account = await client.ad_accounts.get("549755885175")

    assert account.id == "549755885175"
    assert provider.rejected == [TOKEN]
    assert [r.headers["Authorization"] for r in recorder.requests] == [
        f"Bearer {TOKEN}",
        f"Bearer {NEW_TOKEN}",
    ]
    assert recorder.requests[0].headers["X-Request-Id"] == recorder.requests[1].headers["X-Request-Id"]


async def test_token_refused_again_after_refresh_raises() -> None:
    provider = RefreshingToken()
    handler = sequence(error(401, 2, "Authentication failed."), error(401, 2, "Authentication failed."))
    client, recorder = make_client(handler, auth=provider)
    async with client:
        with pytest.raises(AuthenticationError):
            await client.ad_accounts.get("549755885175")
    assert len(recorder.requests) == 2
    assert provider.rejected == [TOKEN]


async def test_token_that_cannot_be_refreshed_raises_at_once() -> None:
    provider = RefreshingToken(new_token=None)
    client, recorder = make_client(lambda request: error(401, 1104, "Token expired."), auth=provider)
    async with client:
        with pytest.raises(AuthenticationError):
            await client.user_account.get()
    assert len(recorder.requests) == 1


async def test_rate_limit_waits_the_reset_seconds_then_retries() -> None:
    sleeps = Sleeps()
    handler = sequence(error(429, 8, "Rate limited", {"X-RateLimit-Reset": "7"}), reply(200, ACCOUNT))
    client, recorder = make_client(handler, sleeps=sleeps)
    async with client:
        await client.ad_accounts.get("549755885175")
    assert sleeps.waits == [7.0]
    assert len(recorder.requests) == 2


async def test_rate_limited_write_is_retried_too() -> None:
    sleeps = Sleeps()
    ok = reply(200, {"items": [{"data": {"id": "1", "name": "A"}, "exceptions": []}]})
    handler = sequence(error(429, 8, "Rate limited", {"X-RateLimit-Reset": "3"}), ok)
    client, recorder = make_client(handler, sleeps=sleeps)
    async with client:
        results = await client.campaigns.update("549755885175", [{"id": "1", "name": "A"}])
    assert results[0].ok
    assert sleeps.waits == [3.0]
    assert [r.method for r in recorder.requests] == ["PATCH", "PATCH"]


async def test_daily_rate_limit_is_raised_without_waiting() -> None:
    sleeps = Sleeps()
    client, recorder = make_client(
        lambda request: error(429, 8, "Rate limited", {"X-RateLimit-Reset": "67150"}), sleeps=sleeps
    )
    async with client:
        with pytest.raises(RateLimitError) as caught:
            await client.ad_accounts.get("549755885175")
    assert caught.value.is_daily
    assert caught.value.retry_after == 67150.0
    assert sleeps.waits == []
    assert len(recorder.requests) == 1


async def test_server_errors_on_reads_are_retried_with_backoff() -> None:
    sleeps = Sleeps()
    handler = sequence(error(500, 500, "oops"), error(503, 503, "oops"), reply(200, ACCOUNT))
    client, recorder = make_client(handler, sleeps=sleeps)
    async with client:
        await client.ad_accounts.get("549755885175")
    assert sleeps.waits == [0.5, 1.0]
    assert len(recorder.requests) == 3


async def test_server_errors_on_reads_give_up_after_max_attempts() -> None:
    client, recorder = make_client(lambda request: error(500, 500, "oops"))
    async with client:
        with pytest.raises(ServerError):
            await client.ad_accounts.get("549755885175")
    assert len(recorder.requests) == 3


async def test_server_error_on_a_write_is_not_retried() -> None:
    sleeps = Sleeps()
    client, recorder = make_client(lambda request: error(500, 500, "oops"), sleeps=sleeps)
    async with client:
        with pytest.raises(ServerError):
            await client.campaigns.update("549755885175", [{"id": "1", "daily_spend_cap": 5_000_000}])
    assert len(recorder.requests) == 1
    assert sleeps.waits == []


async def test_timeout_on_a_write_is_ambiguous_and_not_retried() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ReadTimeout("timed out", request=request)

    client, recorder = make_client(handler)
    async with client:
        with pytest.raises(PinterestConnectionError) as caught:
            await client.campaigns.create("549755885175", [{"name": "New", "objective_type": "AWARENESS"}])
    assert caught.value.ambiguous
    assert caught.value.request_id == recorder.requests[0].headers["X-Request-Id"]
    assert len(recorder.requests) == 1


async def test_connect_failure_on_a_write_is_not_ambiguous() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("connection refused", request=request)

    client, _ = make_client(handler)
    async with client:
        with pytest.raises(PinterestConnectionError) as caught:
            await client.campaigns.create("549755885175", [{"name": "New", "objective_type": "AWARENESS"}])
    assert not caught.value.ambiguous


async def test_network_errors_on_reads_are_retried() -> None:
    sleeps = Sleeps()
    handler = sequence(httpx2.ReadTimeout("timed out"), reply(200, ACCOUNT))
    client, recorder = make_client(handler, sleeps=sleeps)
    async with client:
        await client.ad_accounts.get("549755885175")
    assert len(recorder.requests) == 2
    assert sleeps.waits == [0.5]


async def test_response_that_is_not_json_is_an_error() -> None:
    client, _ = make_client(lambda request: httpx2.Response(200, content=b"<html>"))
    async with client:
        with pytest.raises(PinterestError, match="not valid JSON"):
            await client.ad_accounts.get("549755885175")


async def test_raw_request_reaches_endpoints_without_a_wrapper() -> None:
    client, recorder = make_client(lambda request: reply(200, {"items": [], "bookmark": None}))
    async with client:
        body = await client.request("GET", "boards", operation="boards/list", params=[("privacy", "ALL")])
    assert body == {"items": [], "bookmark": None}
    assert str(recorder.requests[0].url) == f"{BASE_URL}/boards?privacy=ALL"


async def test_no_token_in_logs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    provider = RefreshingToken()
    body = {"code": 2, "message": f"Authentication failed for {TOKEN}"}
    handler = sequence(
        reply(401, body),
        error(500, 500, "oops"),
        reply(401, {"code": 2, "message": f"Bearer {NEW_TOKEN} refused"}),
    )
    client, _ = make_client(handler, auth=provider)
    async with client:
        with pytest.raises(AuthenticationError) as caught:
            await client.user_account.get()

    assert caplog.records, "expected DEBUG request logs"
    assert any("/v5/user_account" in record.getMessage() for record in caplog.records)
    for text in [str(caught.value), repr(caught.value), *(r.getMessage() for r in caplog.records)]:
        assert TOKEN not in text
        assert NEW_TOKEN not in text


def test_retry_policy_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)


def test_default_jitter_stays_within_the_delay() -> None:
    policy = RetryPolicy()
    for attempt in (1, 2, 3, 10):
        delay = policy.backoff(attempt)
        assert 0 <= delay <= min(0.5 * 2 ** (attempt - 1), policy.max_wait_seconds)


async def test_client_without_auth_sends_no_authorization_header() -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return reply(200, ACCOUNT)

    async with PinterestClient(BASE_URL + "/", transport=httpx2.MockTransport(handler)) as client:
        assert client.base_url == BASE_URL + "/"
        await client.ad_accounts.get("1")
    assert "Authorization" not in seen[0].headers


async def test_works_over_an_asgi_transport_with_a_base_path() -> None:
    seen: list[tuple[str, bytes]] = []

    async def app(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        seen.append((scope["path"], scope["query_string"]))
        body = json.dumps({"id": "42", "username": "emulated"}).encode()
        headers = [(b"content-type", b"application/json"), (b"x-pinterest-rid", b"asgi-rid")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    transport = httpx2.ASGITransport(app=app)
    async with PinterestClient("http://emulator/v5", auth=StaticToken(TOKEN), transport=transport) as client:
        user = await client.user_account.get(ad_account_id="7")
    assert user.username == "emulated"
    assert seen == [("/v5/user_account", b"ad_account_id=7")]


async def test_a_refused_grant_on_a_normal_call_is_not_refreshed() -> None:
    provider = RefreshingToken()
    client, recorder = make_client(lambda request: error(401, 283, "The authorization grant is invalid"), auth=provider)
    async with client:
        with pytest.raises(AuthenticationError) as caught:
            await client.user_account.get()
    assert caught.value.code == 283
    assert provider.rejected == []
    assert len(recorder.requests) == 1


async def test_a_failure_of_the_token_endpoint_never_triggers_a_refresh() -> None:
    provider = RefreshingToken()
    client, recorder = make_client(lambda request: error(401, 2, "Authentication failed."), auth=provider)
    async with client:
        with pytest.raises(AuthenticationError):
            await client.request("POST", "oauth/token", operation="oauth/token")
        with pytest.raises(AuthenticationError):
            await client.request("POST", "/oauth/token/revoke")
    assert provider.rejected == []
    assert len(recorder.requests) == 2
