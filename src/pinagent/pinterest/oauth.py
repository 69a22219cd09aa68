"""OAuth 2.0 helpers: the authorize URL, code exchange and token refresh (FACTS §9).

The token call is ``POST {api_base}/oauth/token``, form-encoded, with HTTP Basic
``app_id:app_secret``. Failures map into :mod:`.errors`: Pinterest answers an invalid, expired,
revoked or reused code or refresh token with 401 code 283 "The authorization grant is invalid", which
is an ``AuthenticationError``. The token call carries no bearer token, so a failure here never
triggers a token refresh (which would call this endpoint again).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from urllib.parse import urlencode

import httpx2

from .client import DEFAULT_USER_AGENT
from .models import TokenResponse
from .retry import RetryPolicy
from .transport import Transport

__all__ = ["DEFAULT_OAUTH_BASE", "authorize_url", "exchange_code", "refresh_token"]

DEFAULT_OAUTH_BASE = "https://www.pinterest.com/oauth/"


def authorize_url(oauth_base: str, app_id: str, redirect_uri: str, scopes: Sequence[str], state: str) -> str:
    """The URL to send a person to so they grant ``scopes`` (``oauth_base`` is usually
    :data:`DEFAULT_OAUTH_BASE`).

    Raises:
        ValueError: no scopes or no state.
    """
    if not scopes:
        raise ValueError("at least one scope is needed")
    if not state:
        raise ValueError("state must not be empty (it protects the callback against CSRF)")
    query = urlencode(
        {
            "client_id": app_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": ",".join(scopes),
            "state": state,
        }
    )
    separator = "&" if "?" in oauth_base else "?"
    return f"{oauth_base}{separator}{query}"


async def _token_call(
    http_base_url: str,
    app_id: str,
    app_secret: str,
    form: dict[str, str],
    transport: httpx2.AsyncBaseTransport | None,
    request_timeout: float,
    retry: RetryPolicy | None,
    secrets: tuple[str, ...],
) -> TokenResponse:
    basic = base64.b64encode(f"{app_id}:{app_secret}".encode()).decode("ascii")
    client = Transport(
        http_base_url.rstrip("/") + "/",
        auth=None,
        transport=transport,
        timeout=request_timeout,
        retry=retry,
        user_agent=DEFAULT_USER_AGENT,
    )
    try:
        body = await client.request(
            "POST",
            "oauth/token",
            operation="oauth/token",
            form=form,
            headers={"Authorization": f"Basic {basic}"},
            secrets=(app_secret, basic, *secrets),
        )
    finally:
        await client.aclose()
    return TokenResponse.model_validate(body or {})


async def exchange_code(
    http_base_url: str,
    app_id: str,
    app_secret: str,
    code: str,
    redirect_uri: str,
    transport: httpx2.AsyncBaseTransport | None = None,
    *,
    continuous_refresh: bool = False,
    request_timeout: float = 30.0,
    retry: RetryPolicy | None = None,
) -> TokenResponse:
    """Exchange an authorization ``code`` for tokens (``http_base_url`` e.g. ``https://api.pinterest.com/v5``).

    Set ``continuous_refresh`` for apps created before 2025-09-25 (FACTS §9).

    Raises:
        ValueError: a required argument is empty.
        AuthenticationError: the code is invalid, expired or was already used (401 code 283), or the
            app credentials were refused (401 code 2).
        InvalidRequestError: a parameter is missing or malformed (400 code 1).
        PinterestError: any other failure.
    """
    _require(app_id=app_id, app_secret=app_secret, code=code, redirect_uri=redirect_uri)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    if continuous_refresh:
        form["continuous_refresh"] = "true"
    return await _token_call(http_base_url, app_id, app_secret, form, transport, request_timeout, retry, (code,))


async def refresh_token(
    http_base_url: str,
    app_id: str,
    app_secret: str,
    refresh_token: str,
    transport: httpx2.AsyncBaseTransport | None = None,
    *,
    scope: Sequence[str] | None = None,
    continuous_refresh: bool = False,
    request_timeout: float = 30.0,
    retry: RetryPolicy | None = None,
) -> TokenResponse:
    """Get a new access token; store the returned ``refresh_token`` too (it rotates).

    Raises:
        ValueError: a required argument is empty.
        AuthenticationError: the refresh token is invalid, expired, revoked or was already rotated
            away (401 code 283), or the app credentials were refused (401 code 2).
        PinterestError: any other failure.
    """
    _require(app_id=app_id, app_secret=app_secret, refresh_token=refresh_token)
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    if scope:
        form["scope"] = ",".join(scope)
    if continuous_refresh:
        form["continuous_refresh"] = "true"
    return await _token_call(
        http_base_url, app_id, app_secret, form, transport, request_timeout, retry, (refresh_token,)
    )


def _require(**values: str) -> None:
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
