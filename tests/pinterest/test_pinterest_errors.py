"""Each Pinterest failure becomes one readable error from the tree, carrying both request ids."""

from __future__ import annotations

import pytest
from pinterest_fakes import TOKEN, error, make_client, reply

from pinagent.pinterest import errors
from pinagent.pinterest.errors import (
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    PinterestError,
    RateLimitError,
    ScopeError,
    ServerError,
)

SCOPE_MESSAGE = (
    "Your token does not have sufficient permissions to perform this operation. "
    "Please ensure your token is authorized with the correct set of scopes."
)


@pytest.mark.parametrize(
    ("status", "code", "message", "expected"),
    [
        (401, 2, "Authentication failed.", AuthenticationError),
        (401, 1104, "The token you provided is not valid or has expired.", AuthenticationError),
        (400, 1104, "The token you provided is not valid or has expired.", AuthenticationError),
        (401, 3, SCOPE_MESSAGE, ScopeError),
        (401, 7, "Not authorized to access board or Pin.", PermissionDeniedError),
        (403, 29, "You are not permitted to access that resource.", PermissionDeniedError),
        (404, 2, "AdAccount not found.", NotFoundError),
        (400, 1, "Parameter 'page_size' was not numeric (was 3e)", InvalidRequestError),
        (400, 400, "Invalid ad account campaign analytics parameters.", InvalidRequestError),
        (429, 8, "This request exceeded a rate limit.", RateLimitError),
        (500, 500, "Internal error", ServerError),
        (503, 503, "Service unavailable", ServerError),
    ],
)
async def test_each_status_and_code_maps_to_its_error(
    status: int, code: int, message: str, expected: type[PinterestError]
) -> None:
    client, recorder = make_client(lambda request: error(status, code, message), max_attempts=1)
    async with client:
        with pytest.raises(expected) as caught:
            await client.ad_accounts.get("549755885175")

    err = caught.value
    assert type(err) is expected
    assert (err.status, err.code, err.message) == (status, code, message)
    assert err.operation == "ad_accounts/get"
    assert err.pinterest_request_id == "rid-123"
    sent_id = recorder.requests[0].headers["X-Request-Id"]
    assert err.request_id == sent_id
    assert sent_id.startswith("pa-")
    text = str(err)
    assert message in text
    assert sent_id in text
    assert "rid-123" in text
    assert TOKEN not in text


async def test_scope_error_names_the_missing_scope() -> None:
    client, _ = make_client(lambda request: error(401, 3, SCOPE_MESSAGE))
    async with client:
        with pytest.raises(ScopeError) as caught:
            await client.campaigns.get("1", "2")
    assert caught.value.required_scopes == ("ads:read",)
    assert "ads:read" in str(caught.value)


def test_scopes_named_in_the_message_win() -> None:
    response = error(401, 3, "Missing scopes: boards:read, pins:write")
    err = errors.error_from_response(response, operation="campaigns/list")
    assert isinstance(err, ScopeError)
    assert err.required_scopes == ("boards:read", "pins:write")


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ("Parameter 'page_size' was not numeric (was 3e)", "page_size"),
        ("'feed_id' value '1511851494501_' must match the pattern: ^\\d+$", "feed_id"),
        ("Invalid request parameter.", None),
    ],
)
def test_invalid_request_names_the_field_when_it_can(message: str, field: str | None) -> None:
    err = errors.error_from_response(error(400, 1, message))
    assert isinstance(err, InvalidRequestError)
    assert err.field == field


def test_rate_limit_reads_the_reset_header() -> None:
    err = errors.error_from_response(error(429, 8, "Rate limited", {"X-RateLimit-Reset": "42"}))
    assert isinstance(err, RateLimitError)
    assert err.retry_after == 42.0
    assert not err.is_daily
    assert err.reset_at is not None
    assert "retry after" in str(err)


def test_a_reset_beyond_a_minute_window_is_the_daily_quota() -> None:
    # Late in the UTC day the daily quota resets in minutes, not hours; still a daily limit.
    err = errors.error_from_response(error(429, 8, "Rate limited", {"X-RateLimit-Reset": "1800"}))
    assert isinstance(err, RateLimitError)
    assert err.is_daily


def test_rate_limit_far_reset_is_the_daily_quota() -> None:
    err = errors.error_from_response(error(429, 8, "Rate limited", {"X-RateLimit-Reset": "67150"}))
    assert isinstance(err, RateLimitError)
    assert err.is_daily
    assert "daily limit exhausted until" in str(err)


def test_spam_block_is_flagged() -> None:
    err = errors.error_from_response(error(429, 8, "Your request was blocked as spam"))
    assert isinstance(err, RateLimitError)
    assert err.is_spam_block
    assert err.retry_after is None


def test_oauth_invalid_grant_is_an_authentication_error() -> None:
    body = {"error": "invalid_grant", "error_description": "Refresh token expired"}
    err = errors.error_from_response(reply(400, body))
    assert isinstance(err, AuthenticationError)
    assert err.message == "Refresh token expired"


def test_message_detail_is_kept() -> None:
    body = {"code": 1, "message": "Invalid parameters.", "message_detail": "name is too long"}
    err = errors.error_from_response(reply(400, body))
    assert err.message == "Invalid parameters. name is too long"


def test_body_that_is_not_json_still_maps() -> None:
    import httpx2

    err = errors.error_from_response(httpx2.Response(502, content=b"<html>bad gateway</html>"))
    assert isinstance(err, ServerError)
    assert err.code is None
    assert err.message == "Bad Gateway"


def test_tokens_are_scrubbed_from_messages() -> None:
    body = {"code": 2, "message": f"Authentication failed for Bearer {TOKEN} and pinr_refreshSECRET123456"}
    err = errors.error_from_response(reply(401, body), secrets=["my-app-secret"])
    assert TOKEN not in str(err)
    assert "pinr_refreshSECRET123456" not in str(err)
    assert "[REDACTED]" in err.message


def test_tree_is_re_exported() -> None:
    import pinagent.pinterest as package

    for name in errors.__all__:
        if name[0].isupper():
            assert getattr(package, name) is getattr(errors, name)


def test_invalid_grant_code_283_is_an_authentication_error() -> None:
    err = errors.error_from_response(error(401, 283, "The authorization grant is invalid"), operation="oauth/token")
    assert isinstance(err, AuthenticationError)
    assert err.code == errors.INVALID_GRANT_CODE == 283
    assert err.message == (
        "The authorization grant is invalid: the authorization code or refresh token is invalid, expired, "
        "revoked or was already used"
    )
    assert "operation oauth/token" in str(err)
