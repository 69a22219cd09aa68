"""pinagent on PostgreSQL (PINAGENT_DATABASE_URL): migrations, the connect flow and a plan → apply."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from mcp import Client

from pinagent.config import Settings
from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.conftest import Agent, rows
from tests.support.flows import Emulator, connect_workspace

SERVER = "postgresql://postgres@127.0.0.1:5432"


@pytest.fixture
async def database_url() -> AsyncIterator[str]:
    """A fresh database on the machine's PostgreSQL, dropped afterwards."""
    name = f"pinagent_{uuid.uuid4().hex[:12]}"
    try:
        admin = await asyncpg.connect(f"{SERVER}/test")
    except (OSError, asyncpg.PostgresError) as exc:
        pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is needed for this test: {exc}")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield f"{SERVER}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_connect_plan_and_apply_on_postgresql(database_url: str, tmp_path: Path) -> None:
    env = {
        "PINAGENT_DATA_DIR": str(tmp_path / "data"),
        "PINAGENT_SECRET_KEY": "pg",
        "PINAGENT_DATABASE_URL": database_url,
    }
    settings = Settings.from_env(env)
    assert settings.database_url.startswith("postgresql+asyncpg://")
    services = await Services.start(settings)
    try:
        await services.db.upgrade()  # a second run is a no-op
        async with Emulator(services) as emulator:
            await connect_workspace(services, emulator)
        async with Client(build_server(services)) as client:
            agent = Agent(client)
            account = min(
                (a for a in (await agent("list_ad_accounts"))["items"] if a["mode"] == "read_write"),
                key=lambda a: a["id"],
            )
            campaign = rows(await agent("list_campaigns", ad_account_id=account["id"], status=["ACTIVE"]))[0]
            outcome = await agent.plan_and_apply(
                "update_campaigns",
                ad_account_id=account["id"],
                updates=[{"campaign_id": campaign["id"], "status": "PAUSED"}],
            )
            assert outcome["status"] == "applied"
            history = await agent("get_change", change_id=outcome["change_id"])
            assert [e["kind"] for e in history["history"]] == ["planned", "apply_started", "applied"]
    finally:
        await services.close()
