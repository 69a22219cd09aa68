"""OAuth: the consent URL, and the token calls with HTTP Basic and form fields."""

from __future__ import annotations

import base64
import logging
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from pinterest_fakes import BASE_URL, Recorder, reply

from pinagent.pinterest import (
    DEFAULT_OAUTH_BASE,
    AuthenticationError,
    InvalidRequestError,
    authorize_url,
    exchange_code,
    refresh_token,
)

APP_ID = "1234567"
APP_SECRET = "app-secret-do-not-leak"
REFRESH = "pinr_REFRESHtokenSECRET0123456789"
TOKENS = {
    "access_token": "pina_ACCESStokenSECRET0123456789",
    "token_type": "bearer",
    "expires_in": 2592000,
    "scope": "ads:read,ads:write,user_accounts:read",
    "refresh_token": REFRESH,
    "refresh_token_expires_in": 5184000,
    "refresh_token_expires_at": 1767225600,
    "response_type": "authorization_code",
}


def form_of(request: httpx2.Request) -> dict[str, list[str]]:
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    return parse_qs(request.content.decode())


def basic_of(request: httpx2.Request) -> str:
    scheme, _, value = request.headers["Authorization"].partition(" ")
    assert scheme == "Basic"
    return base64.b64decode(value).decode()


def test_authorize_url() -> None:
    url = authorize_url(
        DEFAULT_OAUTH_BASE, APP_ID, "https://app.test/callback", ["ads:read", "user_accounts:read"], "st4te"
    )
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://www.pinterest.com/oauth/"
    assert parse_qs(parts.query) == {
        "client_id": [APP_ID],
        "redirect_uri": ["https://app.test/callback"],
        "response_type": ["code"],
        "scope": ["ads:read,user_accounts:read"],
        "state": ["st4te"],
    }


def test_authorize_url_needs_scopes_and_state() -> None:
    with pytest.raises(ValueError, match="scope"):
        authorize_url(DEFAULT_OAUTH_BASE, APP_ID, "https://app.test/cb", [], "s")
    with pytest.raises(ValueError, match="state"):
        authorize_url(DEFAULT_OAUTH_BASE, APP_ID, "https://app.test/cb", ["ads:read"], "")


async def test_exchange_code_sends_basic_auth_and_form() -> None:
    recorder = Recorder(lambda request: reply(200, TOKENS))
    tokens = await exchange_code(
        BASE_URL, APP_ID, APP_SECRET, "the-code", "https://app.test/callback", httpx2.MockTransport(recorder)
    )

    request = recorder.requests[0]
    assert (request.method, str(request.url)) == ("POST", f"{BASE_URL}/oauth/token")
    assert basic_of(request) == f"{APP_ID}:{APP_SECRET}"
    assert form_of(request) == {
        "grant_type": ["authorization_code"],
        "code": ["the-code"],
        "redirect_uri": ["https://app.test/callback"],
    }
    assert tokens.access_token == TOKENS["access_token"]
    assert tokens.refresh_token == REFRESH
    assert tokens.scopes == ["ads:read", "ads:write", "user_accounts:read"]
    assert REFRESH not in repr(tokens)
    assert TOKENS["access_token"] not in repr(tokens)


async def test_refresh_sends_the_refresh_token_and_flags() -> None:
    recorder = Recorder(lambda request: reply(200, {**TOKENS, "response_type": "refresh_token"}))
    tokens = await refresh_token(
        BASE_URL,
        APP_ID,
        APP_SECRET,
        REFRESH,
        transport=httpx2.MockTransport(recorder),
        continuous_refresh=True,
    )

    request = recorder.requests[0]
    assert basic_of(request) == f"{APP_ID}:{APP_SECRET}"
    assert form_of(request) == {
        "grant_type": ["refresh_token"],
        "refresh_token": [REFRESH],
        "continuous_refresh": ["true"],
    }
    assert tokens.response_type == "refresh_token"


async def test_revoked_refresh_token_is_an_authentication_error(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    body = {"code": 2, "message": f"Authentication failed for refresh token {REFRESH}"}
    transport = httpx2.MockTransport(lambda request: reply(401, body))
    with pytest.raises(AuthenticationError) as caught:
        await refresh_token(BASE_URL, APP_ID, APP_SECRET, REFRESH, transport=transport)

    assert caught.value.operation == "oauth/token"
    for text in [str(caught.value), *(r.getMessage() for r in caplog.records)]:
        assert REFRESH not in text
        assert APP_SECRET not in text


async def test_used_code_is_an_invalid_request() -> None:
    transport = httpx2.MockTransport(lambda request: reply(400, {"code": 1, "message": "Invalid code."}))
    with pytest.raises(InvalidRequestError):
        await exchange_code(BASE_URL, APP_ID, APP_SECRET, "used", "https://app.test/cb", transport)


async def test_missing_credentials_are_refused_before_sending() -> None:
    with pytest.raises(ValueError, match="app_secret"):
        await refresh_token(BASE_URL, APP_ID, "", REFRESH)


INVALID_GRANT = {"code": 283, "message": "The authorization grant is invalid"}


async def test_refused_refresh_token_283_is_an_authentication_error_with_a_clear_message() -> None:
    recorder = Recorder(lambda request: reply(401, INVALID_GRANT))
    with pytest.raises(AuthenticationError) as caught:
        await refresh_token(BASE_URL, APP_ID, APP_SECRET, REFRESH, transport=httpx2.MockTransport(recorder))

    err = caught.value
    assert (err.status, err.code, err.operation) == (401, 283, "oauth/token")
    assert err.message.startswith("The authorization grant is invalid: ")
    assert "refresh token is invalid, expired, revoked or was already used" in err.message
    assert len(recorder.requests) == 1, "a refused grant is never retried"
    assert "Authorization" in recorder.requests[0].headers
    assert recorder.requests[0].headers["Authorization"].startswith("Basic ")


async def test_reused_code_283_is_an_authentication_error() -> None:
    recorder = Recorder(lambda request: reply(401, INVALID_GRANT))
    with pytest.raises(AuthenticationError, match="authorization grant is invalid") as caught:
        await exchange_code(BASE_URL, APP_ID, APP_SECRET, "used", "https://app.test/cb", httpx2.MockTransport(recorder))
    assert caught.value.code == 283
    assert len(recorder.requests) == 1
