"""What the agent is told when Pinterest rate-limits it (PRODUCT.md §8)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mcp import Client

from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.conftest import Agent
from tests.support.flows import Emulator, connected_services


async def test_rate_limited_call_says_when_to_retry(connected: Services, emulator: Emulator) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = (await agent("list_ad_accounts"))["items"][0]
        await emulator.admin("faults", {"operation": "campaigns/list", "kind": "rate_limit", "count": 1})
        text = await agent.error("list_campaigns", ad_account_id=account["id"])
        assert "rate limit" in text
        assert "Retry after 60 seconds" in text
        assert "x-pinterest-rid" in text  # the reference a person can quote to support
        # The limit was the only problem: the next call goes through.
        assert (await agent("list_campaigns", ad_account_id=account["id"]))["rows"]


async def test_exhausted_daily_limit_is_stated_with_its_end(tmp_path: Path) -> None:
    env = {"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "daily"}
    options = {"rate_limits": "trial", "rate_limit_overrides": {"ads_read": 4}}
    async with connected_services(env, options) as services, Client(build_server(services)) as client:
        now = dt.datetime.now(dt.UTC)
        to_midnight = (dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), dt.UTC) - now).total_seconds()
        if to_midnight < 300:  # in the last minutes of a day the quota resets within a minute window
            async with Emulator(services) as emulator:
                await emulator.admin("clock", {"advance_seconds": to_midnight + 3600})
        agent = Agent(client)
        account = (await agent("list_ad_accounts"))["items"][0]["id"]
        text = ""
        for _ in range(6):
            result = await client.call_tool("get_ad_account", {"ad_account_id": account})
            if result.is_error:
                text = result.content[0].text  # type: ignore[union-attr]
                break
        assert "daily request limit" in text
        assert "exhausted until" in text
        assert "UTC" in text
