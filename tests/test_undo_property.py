"""Property: applying any campaign update and then its undo restores every changed field."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mcp import Client
from sqlalchemy import update

from pinagent.config import Settings
from pinagent.mcp.server import build_server
from pinagent.services import Services
from pinagent.store.models import Workspace
from tests.conftest import Agent, rows
from tests.support.flows import Emulator, connect_workspace, connected_services

budgets = st.decimals(min_value=Decimal("1"), max_value=Decimal("900"), places=2).map(float)
names = st.text(alphabet="abcdefghij KLMNOP-–0123456789", min_size=1, max_size=40).map(str.strip).filter(bool)
edits = st.fixed_dictionaries(
    {},
    optional={
        "daily_budget": budgets,
        "status": st.sampled_from(["ACTIVE", "PAUSED"]),
        "name": names,
    },
).filter(bool)


async def _round_trip(data_dir: Path, edit: dict[str, object], pick: int) -> None:
    env = {"PINAGENT_DATA_DIR": str(data_dir), "PINAGENT_SECRET_KEY": "property"}
    services = await Services.start(Settings.from_env(env))
    try:
        async with Emulator(services) as emulator:
            await connect_workspace(services, emulator)
        async with services.db.session() as session:
            await session.execute(update(Workspace).values(approval_policy="none"))
        async with Client(build_server(services)) as client:
            agent = Agent(client)
            accounts = (await agent("list_ad_accounts"))["items"]
            account = min((a for a in accounts if a["mode"] == "read_write"), key=lambda a: a["id"])["id"]
            campaigns = rows(await agent("list_campaigns", ad_account_id=account))
            campaign = campaigns[pick % len(campaigns)]
            before = await agent("get_campaign", ad_account_id=account, campaign_id=campaign["id"])
            update_args = {"ad_account_id": account, "updates": [{"campaign_id": campaign["id"], **edit}]}
            result = await client.call_tool("update_campaigns", update_args)
            if result.is_error:
                # Refused at planning time, with nothing sent: a no-op, or a budget Pinterest would reject.
                text = result.content[0].text  # type: ignore[union-attr]
                assert "Nothing would change" in text or "daily and a lifetime budget together" in text, text
                return
            plan = result.structured_content
            assert plan is not None
            assert (await agent("apply_change", change_id=plan["change_id"]))["status"] == "applied"
            undo = await agent("undo_change", change_id=plan["change_id"])
            assert (await agent("apply_change", change_id=undo["change_id"]))["status"] == "applied"
            after = await agent("get_campaign", ad_account_id=account, campaign_id=campaign["id"])
            fields = ("name", "status", "daily_budget", "lifetime_budget")
            assert {f: after.get(f) for f in fields} == {f: before.get(f) for f in fields}
    finally:
        await services.close()


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=edits, pick=st.integers(min_value=0, max_value=20))
def test_apply_then_undo_restores_every_changed_field(
    tmp_path_factory: pytest.TempPathFactory, edit: dict[str, object], pick: int
) -> None:
    asyncio.run(_round_trip(tmp_path_factory.mktemp("undo") / "data", edit, pick))


group_edits = st.fixed_dictionaries(
    {},
    optional={
        "budget": budgets,
        "bid": st.decimals(min_value=Decimal("0.1"), max_value=Decimal("20"), places=2).map(float),
        "status": st.sampled_from(["ACTIVE", "PAUSED"]),
        "name": names,
        "targeting_spec": st.fixed_dictionaries(
            {"GEO": st.lists(st.sampled_from(["DE", "AT", "FR"]), min_size=1, max_size=3, unique=True)}
        ),
    },
).filter(bool)


async def _ad_group_round_trip(data_dir: Path, edit: dict[str, object], pick: int) -> None:
    env = {"PINAGENT_DATA_DIR": str(data_dir), "PINAGENT_SECRET_KEY": "property"}
    async with connected_services(env) as services:
        async with services.db.session() as session:
            await session.execute(update(Workspace).values(approval_policy="none"))
        async with Client(build_server(services)) as client:
            agent = Agent(client)
            accounts = (await agent("list_ad_accounts"))["items"]
            account = min((a for a in accounts if a["mode"] == "read_write"), key=lambda a: a["id"])["id"]
            groups = rows(await agent("list_ad_groups", ad_account_id=account, limit=250))
            group = groups[pick % len(groups)]
            before = await agent("get_ad_group", ad_account_id=account, ad_group_id=group["id"])
            result = await client.call_tool(
                "update_ad_groups", {"ad_account_id": account, "updates": [{"ad_group_id": group["id"], **edit}]}
            )
            if result.is_error:
                assert "Nothing would change" in result.content[0].text  # type: ignore[union-attr]
                return
            plan = result.structured_content
            assert plan is not None
            applied = await agent("apply_change", change_id=plan["change_id"])
            if applied["status"] != "applied":
                # Pinterest refused it (e.g. a bid its billing does not allow): nothing may have changed.
                assert applied["status"] == "failed", applied
                assert await agent("get_ad_group", ad_account_id=account, ad_group_id=group["id"]) == before
                return
            undo = await agent("undo_change", change_id=plan["change_id"])
            assert (await agent("apply_change", change_id=undo["change_id"]))["status"] == "applied"
            after = await agent("get_ad_group", ad_account_id=account, ad_group_id=group["id"])
            fields = ("name", "status", "budget", "bid", "targeting_spec")
            assert {f: after.get(f) for f in fields} == {f: before.get(f) for f in fields}


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit=group_edits, pick=st.integers(min_value=0, max_value=40))
def test_ad_group_apply_then_undo_restores_every_changed_field(
    tmp_path_factory: pytest.TempPathFactory, edit: dict[str, object], pick: int
) -> None:
    asyncio.run(_ad_group_round_trip(tmp_path_factory.mktemp("undo-groups") / "data", edit, pick))
