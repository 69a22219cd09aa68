"""Connecting Pinterest: consent, account choice, refresh, revoke, reconnect and disconnect."""

from __future__ import annotations

import sqlite3
from urllib.parse import parse_qs, urlsplit

import pytest

from pinagent.connect.errors import ConnectError
from pinagent.connect.states import AccountMode
from pinagent.services import Services
from pinagent.store.repos import connection_for, shared_accounts
from tests.support.flows import Emulator, connect_workspace

CALLBACK = "http://127.0.0.1:8000/integrations/pinterest/callback"
# PRODUCT.md §5, exactly.
PRODUCT_SCOPES = [
    "user_accounts:read",
    "ads:read",
    "ads:write",
    "boards:read",
    "boards:read_secret",
    "boards:write",
    "boards:write_secret",
    "pins:read",
    "pins:read_secret",
    "pins:write",
    "pins:write_secret",
]


async def _connection(services: Services):  # type: ignore[no-untyped-def]
    async with services.db.session() as session:
        return await connection_for(session, await services.default_workspace_id())


async def test_consent_connects_and_offers_only_accessible_accounts(services: Services, emulator: Emulator) -> None:
    workspace_id = await services.default_workspace_id()
    url = await services.connect.begin(workspace_id, CALLBACK)
    asked = parse_qs(urlsplit(url).query)["scope"][0].split(",")
    assert asked == PRODUCT_SCOPES

    answer = await emulator.consent(url)
    await services.connect.complete(answer["state"], answer["code"], None)

    connection = await _connection(services)
    assert connection.status == "active"
    assert connection.account_type == "BUSINESS"
    assert "ads:write" in connection.scopes
    choices = await services.connect.account_choices(workspace_id)
    assert len(choices) >= 3
    read_only = [c for c in choices if not c.can_write]
    assert read_only, "the default user has one account without a write role"
    assert all(c.permissions for c in choices)


async def test_tokens_are_encrypted_at_rest(connected: Services, data_dir) -> None:  # type: ignore[no-untyped-def]
    connection = await _connection(connected)
    token = connected.vault.decrypt(connection.access_token_enc or "")
    raw = sqlite3.connect(data_dir / "pinagent.sqlite3").execute("select access_token_enc from connections").fetchone()
    assert token not in raw[0]
    assert token not in (data_dir / "pinagent.sqlite3").read_bytes().decode("latin-1")


async def test_read_write_is_refused_where_the_role_cannot_write(services: Services, emulator: Emulator) -> None:
    await connect_workspace(services, emulator, share={})
    workspace_id = await services.default_workspace_id()
    analyst = next(c for c in await services.connect.account_choices(workspace_id) if not c.can_write)
    with pytest.raises(ConnectError, match="read-only"):
        await services.connect.save_selection(workspace_id, {analyst.ad_account_id: AccountMode.READ_WRITE})


async def test_denied_consent_and_replayed_state_are_explained(services: Services, emulator: Emulator) -> None:
    workspace_id = await services.default_workspace_id()
    url = await services.connect.begin(workspace_id, CALLBACK)
    answer = await emulator.consent(url, decision="deny")
    assert answer["error"] == "access_denied"
    with pytest.raises(ConnectError, match="not granted"):
        await services.connect.complete(answer["state"], None, answer["error"])
    with pytest.raises(ConnectError, match="expired or was already used"):
        await services.connect.complete(answer["state"], "whatever", None)
    assert (await _connection(services)).status == "not_connected"


async def test_expired_access_token_is_refreshed_and_rotated(connected: Services, emulator: Emulator) -> None:
    before = await _connection(connected)
    # A month later Pinterest rejects the access token; pinagent refreshes and stores the new pair.
    await emulator.admin("clock", {"advance_seconds": 31 * 24 * 3600})
    async with connected.connect.client(await connected.default_workspace_id()) as client:
        user = await client.user_account.get()
    assert user.username == before.username
    after = await _connection(connected)
    assert after.token_version == before.token_version + 1
    assert connected.vault.decrypt(after.refresh_token_enc or "") != connected.vault.decrypt(
        before.refresh_token_enc or ""
    )
    stats = await emulator.admin("stats")
    assert stats["requests"]["oauth/token"] >= 2  # the code exchange and the refresh


async def test_reconnect_keeps_the_account_selection(connected: Services, emulator: Emulator) -> None:
    workspace_id = await connected.default_workspace_id()
    async with connected.db.session() as session:
        before = {(a.ad_account_id, a.mode) for a in await shared_accounts(session, workspace_id)}
    url = await connected.connect.begin(workspace_id, CALLBACK, "reconnect")
    answer = await emulator.consent(url)
    await connected.connect.complete(answer["state"], answer["code"], None)
    choices = await connected.connect.account_choices(workspace_id)
    assert {(c.ad_account_id, c.shared_mode) for c in choices if c.shared_mode} == before


async def test_disconnect_deletes_tokens_at_once(connected: Services) -> None:
    await connected.connect.disconnect(await connected.default_workspace_id())
    connection = await _connection(connected)
    assert connection.status == "disconnected"
    assert connection.access_token_enc is None
    assert connection.refresh_token_enc is None


async def test_access_token_is_refreshed_before_it_expires(connected: Services, emulator: Emulator) -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from pinagent.store.models import Connection, utcnow

    before = await _connection(connected)
    # pinagent's own record says the token expires in a minute: it refreshes before using it.
    async with connected.db.session() as session:
        await session.execute(update(Connection).values(access_expires_at=utcnow() + timedelta(minutes=1)))
    tokens_before = (await emulator.admin("stats"))["requests"]["oauth/token"]
    async with connected.connect.client(await connected.default_workspace_id()) as client:
        await client.user_account.get()
    after = await _connection(connected)
    assert after.token_version == before.token_version + 1
    assert after.access_expires_at is not None
    assert after.access_expires_at > utcnow() + timedelta(days=20)
    assert (await emulator.admin("stats"))["requests"]["oauth/token"] == tokens_before + 1


async def test_local_key_is_generated_once_with_owner_only_access(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging
    import stat

    from pinagent.config import Settings

    env = {"PINAGENT_DATA_DIR": str(tmp_path / "data")}
    with caplog.at_level(logging.WARNING):
        first = await Services.start(Settings.from_env(env))
        await first.close()
        second = await Services.start(Settings.from_env(env))
        await second.close()
    key = tmp_path / "data" / "secret.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    warnings = [r.getMessage() for r in caplog.records if "PINAGENT_SECRET_KEY is not set" in r.getMessage()]
    assert len(warnings) == 1  # generated once, then reused
    assert first.vault.decrypt(second.vault.encrypt("x")) == "x"


async def test_reconnecting_as_another_user_rechecks_the_shared_accounts(
    connected: Services, emulator: Emulator
) -> None:
    workspace_id = await connected.default_workspace_id()
    url = await connected.connect.begin(workspace_id, CALLBACK, "reconnect")
    answer = await emulator.consent(url, username="northpeak_agency")
    await connected.connect.complete(answer["state"], answer["code"], None)
    reachable = {c.ad_account_id: c for c in await connected.connect.account_choices(workspace_id)}
    async with connected.db.session() as session:
        shared = await shared_accounts(session, workspace_id)
    assert shared
    for row in shared:
        assert row.ad_account_id in reachable  # accounts the new user cannot reach are no longer shared
        assert row.permissions == reachable[row.ad_account_id].permissions
        if not reachable[row.ad_account_id].can_write:
            assert row.mode == "read"
    assert "549764001003" not in {row.ad_account_id for row in shared}  # acme_outdoor's own catalog account


async def test_no_token_or_code_reaches_any_log(services: Services, emulator: Emulator, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    from mcp import Client

    from pinagent.emulator import DEFAULT_APP_SECRET
    from pinagent.mcp.server import build_server

    codes: list[str] = []
    original = emulator.consent

    async def remember_code(*args, **kwargs):  # type: ignore[no-untyped-def]
        answer = await original(*args, **kwargs)
        codes.append(answer.get("code", ""))
        return answer

    emulator.consent = remember_code  # type: ignore[method-assign]
    with caplog.at_level(logging.DEBUG):
        await connect_workspace(services, emulator)
        first = await _connection(services)
        await emulator.admin("clock", {"advance_seconds": 31 * 24 * 3600})  # forces a refresh on the next call
        async with Client(build_server(services)) as client:
            await client.call_tool("list_ad_accounts", {})
            await client.call_tool("get_user_account", {})
        second = await _connection(services)
    secrets = [services.vault.decrypt(connection.access_token_enc or "") for connection in (first, second)] + [
        services.vault.decrypt(connection.refresh_token_enc or "") for connection in (first, second)
    ]
    secrets += [code for code in codes if code] + [DEFAULT_APP_SECRET]
    logged = "\n".join(f"{r.name}: {r.getMessage()} {r.args!r}" for r in caplog.records)
    assert len(caplog.records) > 10  # the scenario did log (requests, refresh, connect)
    for secret in secrets:
        assert secret not in logged
