"""The public pytest fixture drives the emulator like any client would."""

from __future__ import annotations

from pinagent.emulator import DEFAULT_USERNAME
from pinagent.emulator.inprocess import EmulatedPinterest

pytest_plugins = ["pinagent.emulator.pytest_plugin"]


async def test_fixture_serves_the_default_dataset(pinterest_emulator: EmulatedPinterest) -> None:
    assert pinterest_emulator.base_url == "http://pinterest.emulator/v5"
    token = await pinterest_emulator.issue_token(DEFAULT_USERNAME, ["user_accounts:read"])
    async with pinterest_emulator.client(token["access_token"]) as client:
        me = (await client.get("/user_account")).json()
    assert me["business_name"] == "Acme Outdoor Co."
    assert (await pinterest_emulator.stats())["requests"] == {"user_account/get": 1}
