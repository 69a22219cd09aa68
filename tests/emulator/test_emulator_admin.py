"""The admin API: stats, rate limits, faults, reset, clock; shared state; traffic recording."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx2
import pytest

from pinagent.emulator import DEFAULT_USERNAME, EmulatorConfig, create_app, emulated_pinterest
from pinagent.emulator.inprocess import ORIGIN, EmulatedPinterest
from tests.emulator.emulator_ids import ACME_EU, ALL_SCOPES

CAMPAIGNS = f"/ad_accounts/{ACME_EU}/campaigns"


async def test_stats_count_operations_and_categories(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    await client.get("/ad_accounts")
    await client.get(CAMPAIGNS)
    await client.get(CAMPAIGNS)
    await client.patch(CAMPAIGNS, json=[{"id": "626744100001", "ad_account_id": ACME_EU, "name": "Renamed"}])
    stats = await emu.stats()
    assert stats["requests"] == {"ad_accounts/list": 1, "campaigns/list": 2, "campaigns/update": 1}
    assert stats["by_category"] == {"ads_read": 3, "ads_write": 1}
    assert stats["rate_limited"] == 0


@pytest.mark.parametrize("config", [EmulatorConfig(rate_limit_overrides={"ads_read": 3})])
async def test_rate_limit_429_with_reset_header(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    for _ in range(3):
        assert (await client.get(CAMPAIGNS)).status_code == 200
    limited = await client.get("/ad_accounts")
    assert limited.status_code == 429
    assert limited.json()["code"] == 8
    assert 1 <= int(limited.headers["X-RateLimit-Reset"]) <= 60
    assert (await client.get("/user_account")).status_code == 200  # another category
    assert (await emu.stats())["rate_limited"] == 1
    await emu.advance_clock(61)
    assert (await client.get(CAMPAIGNS)).status_code == 200


@pytest.mark.parametrize("config", [EmulatorConfig(rate_limits="trial", rate_limit_overrides={"ads_write": 1})])
async def test_trial_limits_are_per_day(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    item = [{"id": "626744100001", "ad_account_id": ACME_EU, "name": "A"}]
    assert (await client.patch(CAMPAIGNS, json=item)).status_code == 200
    limited = await client.patch(CAMPAIGNS, json=item)
    assert limited.status_code == 429
    assert int(limited.headers["X-RateLimit-Reset"]) > 60


async def test_standard_limits_apply_by_default(emu: EmulatedPinterest) -> None:
    runtime = emu.emulator
    assert runtime.config.rate_limits == "standard"
    from pinagent.emulator.ratelimits import limit_for

    assert limit_for("ads_analytics", runtime.config) == (300, 60)
    assert limit_for("ads_read", EmulatorConfig(rate_limits="off")) is None


async def test_error_5xx_and_rate_limit_faults(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    await emu.fault(operation="campaigns/list", kind="error_5xx", count=2)
    await emu.fault(operation="*", kind="rate_limit", count=1)
    assert (await client.get("/ad_accounts")).status_code == 429  # '*' matches first for this op
    first, second = await client.get(CAMPAIGNS), await client.get(CAMPAIGNS)
    assert (first.status_code, second.status_code) == (500, 500)
    assert first.json()["code"] == 500
    assert (await client.get(CAMPAIGNS)).status_code == 200
    assert (await emu.stats())["rate_limited"] == 1


async def test_timeout_fault_hangs_and_applies_nothing(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    await emu.fault(operation="campaigns/update", kind="timeout")
    started = time.monotonic()
    item = [{"id": "626744100001", "ad_account_id": ACME_EU, "name": "Never applied"}]
    response = await client.patch(CAMPAIGNS, json=item)
    assert time.monotonic() - started >= 0.3
    assert response.status_code == 504
    assert (await client.get(f"{CAMPAIGNS}/626744100001")).json()["name"] != "Never applied"


async def test_commit_then_timeout_applies_the_write(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    await emu.fault(operation="campaigns/update", kind="commit_then_timeout")
    item = [{"id": "626744100001", "ad_account_id": ACME_EU, "name": "Applied anyway"}]
    response = await client.patch(CAMPAIGNS, json=item)
    assert response.status_code == 504
    assert (await client.get(f"{CAMPAIGNS}/626744100001")).json()["name"] == "Applied anyway"


async def test_latency_fault(emu: EmulatedPinterest, client: httpx2.AsyncClient) -> None:
    await emu.fault(operation="ad_accounts/list", kind="latency", latency_ms=250, count=1)
    started = time.monotonic()
    assert (await client.get("/ad_accounts")).status_code == 200
    assert time.monotonic() - started >= 0.25


@pytest.mark.parametrize("config", [EmulatorConfig(latency_ms=200)])
async def test_configured_latency_applies_to_every_call(client: httpx2.AsyncClient) -> None:
    started = time.monotonic()
    await client.get("/user_account")
    assert time.monotonic() - started >= 0.2


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "explode"},
        {"kind": "error_5xx", "operation": "campaigns/delete"},
        {"kind": "error_5xx", "count": 0},
        {"kind": "latency", "latency_ms": -1},
        {"kind": "revoke_tokens"},
        {"kind": "revoke_tokens", "user": "nobody"},
    ],
)
async def test_invalid_fault_requests_are_400(emu: EmulatedPinterest, body: dict[str, object]) -> None:
    async with httpx2.AsyncClient(transport=emu.transport, base_url=ORIGIN) as admin:
        response = await admin.post("/_emulator/faults", json=body)
    assert response.status_code == 400
    assert response.json()["message"]


async def test_reset_restores_dataset_tokens_stats_faults_and_clock(
    emu: EmulatedPinterest, client: httpx2.AsyncClient
) -> None:
    await client.patch(CAMPAIGNS, json=[{"id": "626744100001", "ad_account_id": ACME_EU, "name": "Changed"}])
    await emu.fault(kind="error_5xx", count=5)
    await emu.advance_clock(3600)
    await emu.reset()
    assert (await client.get("/user_account")).status_code == 401  # tokens are gone
    token = await emu.issue_token(DEFAULT_USERNAME, ALL_SCOPES)
    async with emu.client(token["access_token"]) as fresh:
        campaign = (await fresh.get(f"{CAMPAIGNS}/626744100001")).json()
    assert campaign["name"] == "Spring Sale – Conversions"
    assert (await emu.stats())["requests"] == {"user_account/get": 1, "campaigns/get": 1}
    async with httpx2.AsyncClient(transport=emu.transport, base_url=ORIGIN) as admin:
        info = (await admin.get("/_emulator/")).json()
    assert info["pending_faults"] == []
    assert info["clock"]["offset_seconds"] == 0


async def test_two_apps_on_one_state_file_share_everything(tmp_path: Path) -> None:
    config = EmulatorConfig(state_path=tmp_path / "emulator.sqlite3")
    async with emulated_pinterest(config) as one, emulated_pinterest(config) as two:
        token = await one.issue_token(DEFAULT_USERNAME, ALL_SCOPES)
        async with one.client(token["access_token"]) as c1, two.client(token["access_token"]) as c2:
            item = [{"ad_account_id": ACME_EU, "name": "From app one", "objective_type": "AWARENESS"}]
            created = (await c1.post(CAMPAIGNS, json=item)).json()["items"][0]["data"]
            seen = await c2.get(f"{CAMPAIGNS}/{created['id']}")
            assert seen.json()["name"] == "From app one"
        assert (await two.stats())["requests"] == {"campaigns/create": 1, "campaigns/get": 1}
        await two.fault(operation="user_account/get", kind="error_5xx")
        async with one.client(token["access_token"]) as c1:
            assert (await c1.get("/user_account")).status_code == 500
    async with emulated_pinterest(config) as later:  # state survives the apps
        assert (await later.stats())["requests"]["campaigns/create"] == 1


async def test_recording_redacts_tokens(
    emu: EmulatedPinterest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "traffic.jsonl"
    monkeypatch.setenv("PINAGENT_EMULATOR_RECORD", str(target))
    token = await emu.issue_token(DEFAULT_USERNAME, ALL_SCOPES)
    async with emu.client(token["access_token"]) as c:
        await c.get(CAMPAIGNS, params={"page_size": 2})
    async with httpx2.AsyncClient(transport=emu.transport, base_url=ORIGIN) as web:
        await web.post(
            "/v5/oauth/token",
            data={"grant_type": "refresh_token", "refresh_token": token["refresh_token"]},
            auth=httpx2.BasicAuth("1500001", "emulator-secret-1500001-not-for-production"),
        )
    text = target.read_text()
    assert token["access_token"] not in text
    assert token["refresh_token"] not in text
    lines = [json.loads(line) for line in text.splitlines()]
    assert [line["operation_id"] for line in lines] == ["campaigns/list", "oauth/token"]
    listing, refresh = lines
    assert listing["query"] == "page_size=2"
    assert "authorization" not in {k.lower() for k in listing["request_headers"]}
    assert listing["status"] == 200
    assert len(listing["response_body"]["items"]) == 2
    assert listing["response_headers"]["x-pinterest-rid"]
    assert refresh["request_body"]["refresh_token"] == "***"
    assert refresh["response_body"]["access_token"] == "***"
    assert refresh["response_body"]["refresh_token"] == "***"


def test_create_app_mounts_full_paths() -> None:
    app = create_app(EmulatorConfig())
    paths = {getattr(route, "path", "") for route in app.routes}
    assert {"/v5/ad_accounts", "/oauth/", "/_emulator/stats", "/v5/oauth/token"} <= paths
    app.state.emulator.close()
