"""Stories for accounts: only shared ad accounts are visible; personal accounts are told what to do."""

from __future__ import annotations

from mcp import Client

from pinagent.connect.states import AccountMode
from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.conftest import Agent
from tests.support.flows import Emulator, connect_workspace


async def test_only_shared_ad_accounts_are_listed(services: Services, emulator: Emulator) -> None:
    workspace_id = await connect_workspace(services, emulator, share={})
    choices = await services.connect.account_choices(workspace_id)
    chosen = choices[0]
    await services.connect.save_selection(workspace_id, {chosen.ad_account_id: AccountMode.READ})
    async with Client(build_server(services)) as client:
        agent = Agent(client)
        listed = (await agent("list_ad_accounts"))["items"]
        assert [(a["id"], a["mode"]) for a in listed] == [(chosen.ad_account_id, "read")]
        other = choices[1].ad_account_id
        assert "not shared" in await agent.error("get_ad_account", ad_account_id=other)


async def test_a_personal_account_is_told_to_convert_or_connect_another(services: Services, emulator: Emulator) -> None:
    await connect_workspace(services, emulator, username="lena_pins", share={})
    async with Client(build_server(services)) as client:
        agent = Agent(client)
        assert (await agent("get_user_account"))["account_type"] == "PINNER"
        text = await agent.error("list_ad_accounts")
        assert "not a Business account" in text
        assert "Convert" in text
        # Organic Pinterest still works for a personal account.
        assert "columns" in await agent("list_boards")
