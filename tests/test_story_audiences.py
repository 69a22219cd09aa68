"""Stories for audiences: list, read, create (rule checked before any request), update."""

from __future__ import annotations

from mcp import Client

from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.conftest import Agent, rows
from tests.support.flows import Emulator


async def test_audiences_listed_created_and_renamed(connected: Services, emulator: Emulator) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        accounts = (await agent("list_ad_accounts"))["items"]
        account = min((a for a in accounts if a["mode"] == "read_write"), key=lambda a: a["id"])
        audiences = rows(await agent("list_audiences", ad_account_id=account["id"]))
        assert audiences
        seed = audiences[0]
        detail = await agent("get_audience", ad_account_id=account["id"], audience_id=seed["id"])
        assert detail["audience_type"] == seed["audience_type"]

        before = (await emulator.admin("stats"))["requests"]
        text = await agent.error(
            "create_audience",
            ad_account_id=account["id"],
            name="Lookalike 20%",
            audience_type="ACTALIKE",
            rule={"seed_id": [seed["id"]], "country": "DE", "percentage": 20},
        )
        assert "between 1 and 10" in text
        assert (await emulator.admin("stats"))["requests"] == before

        created = await agent.plan_and_apply(
            "create_audience",
            ad_account_id=account["id"],
            name="Lookalike 5%",
            audience_type="ACTALIKE",
            rule={"seed_id": [seed["id"]], "country": "DE", "percentage": 5},
            description="Buyers' lookalike",
        )
        assert created["status"] == "applied", created["message"]
        (audience_id,) = created["applied"]
        renamed = await agent.plan_and_apply(
            "update_audience", ad_account_id=account["id"], audience_id=audience_id, name="Lookalike 5% DE"
        )
        assert renamed["status"] == "applied", renamed["message"]
        got = await agent("get_audience", ad_account_id=account["id"], audience_id=audience_id)
        assert got["name"] == "Lookalike 5% DE"
