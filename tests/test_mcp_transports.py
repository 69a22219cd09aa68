"""The same state over every surface: MCP over HTTP (API keys) and stdio on the console's data dir."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx2
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from tests.conftest import error_text, structured
from tests.support.console import ConsoleUser
from tests.support.processes import PINAGENT, pinagent_serve, process_env


@pytest.fixture
def console_env(tmp_path: Path) -> dict[str, str]:
    return {"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "transport-test"}


@pytest.fixture
def console(console_env: dict[str, str]) -> Iterator[tuple[str, ConsoleUser]]:
    with pinagent_serve(console_env) as base:
        user = ConsoleUser(base)
        try:
            yield base, user
        finally:
            user.close()


@asynccontextmanager
async def _http_client(base: str, key: str) -> AsyncIterator[Client]:
    async with (
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {key}"}, timeout=30) as http,
        Client(streamable_http_client(f"{base}/mcp", http_client=http)) as client,
    ):
        yield client


async def test_mcp_over_http_needs_a_workspace_api_key(console: tuple[str, ConsoleUser]) -> None:
    base, user = console
    user.connect()
    key = user.create_api_key()
    assert key.startswith("pa_")

    denied = httpx2.post(f"{base}/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "ping"})
    assert denied.status_code == 401
    assert "API key" in denied.json()["error_description"]
    wrong = httpx2.post(f"{base}/mcp", json={}, headers={"Authorization": "Bearer pa_wrong"})
    assert wrong.status_code == 401

    async with _http_client(base, key) as client:
        status = structured(await client.call_tool("get_connection_status", {}))
        assert status["status"] == "active"
        assert status["api_base_url"] == f"{base}/v5"
        accounts = structured(await client.call_tool("list_ad_accounts", {}))["items"]
        assert accounts

        # Revoked at Pinterest: the tool says what to do, and the console card shows it.
        user_name = structured(await client.call_tool("get_user_account", {}))["username"]
        assert (
            httpx2.post(f"{base}/_emulator/faults", json={"kind": "revoke_tokens", "user": user_name}).status_code
            == 200
        )
        assert "Reconnect" in error_text(await client.call_tool("list_ad_accounts", {}))
    assert user.status() == "Needs reconnect"

    # Reconnect re-runs consent and keeps the selection: the same key works again at once.
    user.connect(purpose="reconnect", share_all=False)
    assert user.status() == "Active"
    async with _http_client(base, key) as client:
        again = structured(await client.call_tool("list_ad_accounts", {}))["items"]
    assert {a["id"] for a in again} == {a["id"] for a in accounts}


async def test_stdio_server_uses_the_console_connection_and_emulator(
    console: tuple[str, ConsoleUser], console_env: dict[str, str]
) -> None:
    base, user = console
    user.connect()
    before = httpx2.get(f"{base}/_emulator/stats").json()["requests"].get("ad_accounts/list", 0)

    params = StdioServerParameters(command=PINAGENT, args=["mcp"], env=process_env(console_env))
    async with Client(params) as client:
        status = structured(await client.call_tool("get_connection_status", {}))
        assert status["status"] == "active"
        assert status["pinterest"] == "Emulated Pinterest"
        accounts: list[dict[str, Any]] = structured(await client.call_tool("list_ad_accounts", {}))["items"]
        assert len(accounts) >= 3

    # The console's admin API counts what the stdio server asked the shared emulator.
    after = httpx2.get(f"{base}/_emulator/stats").json()["requests"]["ad_accounts/list"]
    assert after > before


def test_stdio_tool_filters(console_env: dict[str, str]) -> None:
    import subprocess

    listed = subprocess.run(
        [PINAGENT, "mcp", "--read-only", "--list-tools"],
        env=process_env(console_env),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "list_campaigns" in listed
    assert "apply_change" not in listed
    only = subprocess.run(
        [PINAGENT, "mcp", "--toolsets", "account", "--list-tools"],
        env=process_env(console_env),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert only == ["get_connection_status", "get_user_account"]
    bad = subprocess.run(
        [PINAGENT, "mcp", "--tools", "no_such_tool"], env=process_env(console_env), capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert "Unknown tool" in bad.stderr
