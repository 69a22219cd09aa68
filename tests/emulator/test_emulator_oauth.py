"""The consent page, the token endpoint (code exchange, refresh rotation, expiry) and bearer checks."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest

from pinagent.emulator import DEFAULT_APP_ID, DEFAULT_APP_SECRET, DEFAULT_USERNAME
from pinagent.emulator.inprocess import ORIGIN, EmulatedPinterest

pytestmark = pytest.mark.contract_responses_only(reason="sends invalid requests on purpose")

REDIRECT = "http://127.0.0.1:8765/callback"
SCOPES = "user_accounts:read,ads:read,ads:write"
BASIC = httpx2.BasicAuth(DEFAULT_APP_ID, DEFAULT_APP_SECRET)


def web(emu: EmulatedPinterest) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(transport=emu.transport, base_url=ORIGIN)


async def consent(emu: EmulatedPinterest, **form: str | list[str]) -> httpx2.Response:
    data: dict[str, str | list[str]] = {
        "client_id": DEFAULT_APP_ID,
        "redirect_uri": REDIRECT,
        "requested_scope": SCOPES,
        "state": "xyz",
        "username": DEFAULT_USERNAME,
        "scope": SCOPES.split(","),
        "decision": "allow",
    }
    data.update(form)
    async with web(emu) as c:
        return await c.post("/oauth/", data=data)


async def exchange(emu: EmulatedPinterest, data: dict[str, str]) -> httpx2.Response:
    async with web(emu) as c:
        return await c.post("/v5/oauth/token", data=data, auth=BASIC)


async def authorize(emu: EmulatedPinterest, username: str = DEFAULT_USERNAME, scopes: str = SCOPES) -> dict[str, Any]:
    response = await consent(emu, username=username, scope=scopes.split(","))
    code = parse_qs(urlsplit(response.headers["location"]).query)["code"][0]
    token = await exchange(emu, {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT})
    assert token.status_code == 200, token.text
    return dict(token.json())


async def test_consent_page_lists_users_scopes_and_buttons(emu: EmulatedPinterest) -> None:
    async with web(emu) as c:
        page = await c.get(
            "/oauth/",
            params={
                "client_id": DEFAULT_APP_ID,
                "redirect_uri": "http://localhost:50123/any/path",
                "response_type": "code",
                "scope": SCOPES,
                "state": "s1",
            },
        )
    assert page.status_code == 200
    html = page.text
    assert "Emulated Pinterest" in html
    assert 'id="consent"' in html
    assert re.search(r'name="username" value="acme_outdoor" checked', html)
    for username in ("northpeak_agency", "lena_pins"):
        assert f'value="{username}"' in html
    assert "PINNER" in html
    assert html.count('name="scope"') == 3
    assert '<button type="submit" name="decision" value="allow">Allow access</button>' in html
    assert '<button type="submit" name="decision" value="deny">Deny</button>' in html


@pytest.mark.parametrize(
    ("client_id", "redirect_uri"),
    [("999", REDIRECT), (DEFAULT_APP_ID, "https://evil.example/cb"), (DEFAULT_APP_ID, "http://10.0.0.1:80/cb")],
)
async def test_consent_rejects_unknown_app_or_redirect_without_redirecting(
    emu: EmulatedPinterest, client_id: str, redirect_uri: str
) -> None:
    async with web(emu) as c:
        page = await c.get(
            "/oauth/",
            params={"client_id": client_id, "redirect_uri": redirect_uri, "response_type": "code", "scope": SCOPES},
        )
    assert page.status_code == 400
    assert "location" not in page.headers


async def test_deny_redirects_with_access_denied(emu: EmulatedPinterest) -> None:
    response = await consent(emu, decision="deny")
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["location"]).query) == {"error": ["access_denied"], "state": ["xyz"]}


async def test_code_exchange_grants_only_checked_scopes(emu: EmulatedPinterest) -> None:
    token = await authorize(emu, scopes="user_accounts:read,ads:read")
    assert token["token_type"] == "bearer"
    assert token["expires_in"] == 2592000
    assert token["refresh_token_expires_in"] == 5184000
    assert token["response_type"] == "authorization_code"
    assert token["scope"] == "user_accounts:read,ads:read"
    async with emu.client(token["access_token"]) as c:
        assert (await c.get("/user_account")).json()["username"] == DEFAULT_USERNAME
        denied = await c.post(f"/ad_accounts/{'549764001001'}/campaigns", json=[{"name": "x"}])
    assert denied.status_code == 401
    assert denied.json()["code"] == 3
    assert "ads:write" in denied.json()["message"]


async def test_code_is_single_use_and_bound_to_redirect_uri(emu: EmulatedPinterest) -> None:
    response = await consent(emu)
    code = parse_qs(urlsplit(response.headers["location"]).query)["code"][0]
    wrong = await exchange(emu, {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT + "x"})
    assert (wrong.status_code, wrong.json()["code"]) == (401, 283)
    first = await exchange(emu, {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT})
    assert first.status_code == 200
    again = await exchange(emu, {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT})
    assert (again.status_code, again.json()["code"]) == (401, 283)


async def test_code_expires_after_ten_minutes(emu: EmulatedPinterest) -> None:
    response = await consent(emu)
    code = parse_qs(urlsplit(response.headers["location"]).query)["code"][0]
    await emu.advance_clock(601)
    late = await exchange(emu, {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT})
    assert (late.status_code, late.json()["code"]) == (401, 283)


async def test_bad_client_authentication(emu: EmulatedPinterest) -> None:
    async with web(emu) as c:
        response = await c.post(
            "/v5/oauth/token",
            data={"grant_type": "refresh_token", "refresh_token": "x"},
            auth=httpx2.BasicAuth(DEFAULT_APP_ID, "wrong"),
        )
    assert response.status_code == 401
    assert response.json() == {"code": 2, "message": "Authentication failed."}


async def test_refresh_rotates_and_old_refresh_token_is_rejected(emu: EmulatedPinterest) -> None:
    token = await authorize(emu)
    refreshed = await exchange(emu, {"grant_type": "refresh_token", "refresh_token": token["refresh_token"]})
    assert refreshed.status_code == 200
    body = refreshed.json()
    assert body["response_type"] == "refresh_token"
    assert body["refresh_token"] != token["refresh_token"]
    assert body["access_token"] != token["access_token"]
    assert isinstance(body["refresh_token_expires_at"], int)
    reused = await exchange(emu, {"grant_type": "refresh_token", "refresh_token": token["refresh_token"]})
    assert (reused.status_code, reused.json()["code"]) == (401, 283)
    narrowed = await exchange(
        emu, {"grant_type": "refresh_token", "refresh_token": body["refresh_token"], "scope": "ads:read"}
    )
    assert narrowed.json()["scope"] == "ads:read"


async def test_refresh_cannot_widen_scopes(emu: EmulatedPinterest) -> None:
    token = await authorize(emu, scopes="ads:read")
    wider = await exchange(
        emu, {"grant_type": "refresh_token", "refresh_token": token["refresh_token"], "scope": "ads:read,ads:write"}
    )
    assert (wider.status_code, wider.json()["code"]) == (400, 1)


async def test_access_token_expires_after_30_days_and_refresh_token_after_60(emu: EmulatedPinterest) -> None:
    token = await authorize(emu)
    await emu.advance_clock(2592000 + 1)
    async with emu.client(token["access_token"]) as c:
        expired = await c.get("/user_account")
    assert (expired.status_code, expired.json()) == (401, {"code": 2, "message": "Authentication failed."})
    refreshed = await exchange(emu, {"grant_type": "refresh_token", "refresh_token": token["refresh_token"]})
    assert refreshed.status_code == 200
    await emu.advance_clock(5184000 + 1)
    late = await exchange(emu, {"grant_type": "refresh_token", "refresh_token": refreshed.json()["refresh_token"]})
    assert late.status_code == 401


@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic abc", "Bearer "])
async def test_missing_or_unknown_token_is_401_code_2(emu: EmulatedPinterest, header: str | None) -> None:
    headers = {} if header is None else {"Authorization": header}
    async with emu.client(headers=headers) as c:
        response = await c.get("/ad_accounts")
    assert response.status_code == 401
    assert response.json() == {"code": 2, "message": "Authentication failed."}
    assert response.headers["x-pinterest-rid"]


async def test_revoke_tokens_fault_invalidates_access_and_refresh(emu: EmulatedPinterest) -> None:
    token = await authorize(emu)
    await emu.fault(kind="revoke_tokens", user=DEFAULT_USERNAME)
    async with emu.client(token["access_token"]) as c:
        assert (await c.get("/user_account")).status_code == 401
    again = await exchange(emu, {"grant_type": "refresh_token", "refresh_token": token["refresh_token"]})
    assert again.status_code == 401


@pytest.mark.contract_responses_only("sends a JSON body on purpose")
async def test_token_endpoint_accepts_only_a_form_body(emu: EmulatedPinterest) -> None:
    async with web(emu) as c:
        response = await c.post(
            "/v5/oauth/token", json={"grant_type": "refresh_token", "refresh_token": "anything"}, auth=BASIC
        )
    assert response.status_code == 400
    assert response.json()["code"] == 1
    assert "x-www-form-urlencoded" in response.json()["message"]
