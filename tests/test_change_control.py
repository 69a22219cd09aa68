"""Change control through MCP: at-most-once apply, reconciliation, undo, discard, rules, history."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

from mcp import Client
from sqlalchemy import select, update

from pinagent.mcp.server import build_server
from pinagent.services import Services
from pinagent.store.models import ChangeEvent, ChangePlan, SharedAdAccount, Workspace, utcnow
from pinagent.store.repos import connection_for
from tests.conftest import Agent, rows
from tests.support.flows import Emulator, connected_services


async def _account(agent: Agent) -> dict[str, Any]:
    accounts = (await agent("list_ad_accounts"))["items"]
    return min((a for a in accounts if a["mode"] == "read_write"), key=lambda a: a["id"])


async def _active_campaign(agent: Agent, account_id: str) -> dict[str, Any]:
    listed = rows(await agent("list_campaigns", ad_account_id=account_id, status=["ACTIVE"]))
    return next(c for c in listed if c.get("daily_budget"))


async def _set_workspace(services: Services, **values: Any) -> None:
    async with services.db.session() as session:
        await session.execute(update(Workspace).values(**values))


async def _create_story(agent: Agent, account_id: str) -> dict[str, tuple[str, dict[str, Any], str, str]]:
    """For every create tool: (tool, arguments, emulator operation, list tool check)."""
    campaign = await _active_campaign(agent, account_id)
    details = [
        await agent("get_campaign", ad_account_id=account_id, campaign_id=c["id"])
        for c in rows(await agent("list_campaigns", ad_account_id=account_id, status=["ACTIVE"]))
    ]
    awareness = next(c for c in details if c["objective"] == "AWARENESS")
    ads = rows(await agent("list_ads", ad_account_id=account_id, limit=5))
    board = rows(await agent("list_boards"))[0]
    audience = rows(await agent("list_audiences", ad_account_id=account_id))[0]
    assert campaign
    return {
        "campaign": (
            "create_campaigns",
            {"ad_account_id": account_id, "campaigns": [{"name": "Once only", "objective": "AWARENESS"}]},
            "campaigns/create",
            "Once only",
        ),
        "ad group": (
            "create_ad_groups",
            {
                "ad_account_id": account_id,
                "ad_groups": [
                    {
                        "campaign_id": awareness["id"],
                        "name": "Once only",
                        "billable_event": "IMPRESSION",
                        "budget": 5,
                        "bid": 1,
                    }
                ],
            },
            "ad_groups/create",
            "Once only",
        ),
        "ad": (
            "create_ads",
            {
                "ad_account_id": account_id,
                "ads": [{"ad_group_id": ads[0]["ad_group_id"], "pin_id": ads[0]["pin_id"], "name": "Once only"}],
            },
            "ads/create",
            "Once only",
        ),
        "audience": (
            "create_audience",
            {
                "ad_account_id": account_id,
                "name": "Once only",
                "audience_type": "ACTALIKE",
                "rule": {"seed_id": [audience["id"]], "country": "DE", "percentage": 3},
            },
            "audiences/create",
            "Once only",
        ),
        "board": ("create_board", {"name": "Once only"}, "boards/create", "Once only"),
        "pin": (
            "create_pin",
            {"board_id": board["id"], "image_url": "https://images.example.com/once.jpg", "title": "Once only"},
            "pins/create",
            "Once only",
        ),
    }


async def _count_named(agent: Agent, kind: str, args: dict[str, Any], name: str) -> int:
    account = args.get("ad_account_id")
    if kind == "campaign":
        return len(
            rows(await agent("list_campaigns", ad_account_id=account, name_contains=name, status=["PAUSED", "ACTIVE"]))
        )
    if kind == "ad group":
        group = args["ad_groups"][0]
        listed = rows(
            await agent("list_ad_groups", ad_account_id=account, campaign_ids=[group["campaign_id"]], limit=250)
        )
        return sum(1 for g in listed if g["name"] == name)
    if kind == "ad":
        listed = rows(
            await agent("list_ads", ad_account_id=account, ad_group_ids=[args["ads"][0]["ad_group_id"]], limit=250)
        )
        return sum(1 for a in listed if a["name"] == name)
    if kind == "audience":
        return sum(
            1 for a in rows(await agent("list_audiences", ad_account_id=account, limit=250)) if a["name"] == name
        )
    if kind == "board":
        return sum(1 for b in rows(await agent("list_boards", limit=250)) if b["name"] == name)
    listed = rows(await agent("list_pins", board_id=args["board_id"], limit=250))
    return sum(1 for p in listed if p["title"] == name)


async def test_a_write_that_times_out_after_committing_is_never_duplicated(
    connected: Services, emulator: Emulator
) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _account(agent)
        for kind, (tool, args, operation, name) in (await _create_story(agent, account["id"])).items():
            plan = await agent(tool, **args)
            await emulator.admin("faults", {"operation": operation, "kind": "commit_then_timeout", "count": 1})
            sent = (await emulator.admin("stats"))["requests"].get(operation, 0)
            outcome = await agent("apply_change", change_id=plan["change_id"])
            assert outcome["status"] == "applied", (kind, outcome["message"])
            assert "already created (not sent again)" in outcome["message"], kind
            assert await _count_named(agent, kind, args, name) == 1, kind
            assert (await emulator.admin("stats"))["requests"][operation] == sent + 1, kind  # never resent


async def test_concurrent_applies_write_once(connected: Services, emulator: Emulator) -> None:
    async with Client(build_server(connected)) as one, Client(build_server(connected)) as two:
        agent = Agent(one)
        account = await _account(agent)
        campaign = await _active_campaign(agent, account["id"])
        plan = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "status": "PAUSED"}],
        )
        writes = (await emulator.admin("stats"))["requests"].get("campaigns/update", 0)
        first, second = await asyncio.gather(
            one.call_tool("apply_change", {"change_id": plan["change_id"]}),
            two.call_tool("apply_change", {"change_id": plan["change_id"]}),
        )
        outcomes = [first.structured_content, second.structured_content]
        assert {o["status"] for o in outcomes} == {"applied"}  # type: ignore[index]
        assert sorted(o.get("already_applied", False) for o in outcomes) == [False, True]  # type: ignore[union-attr]
        assert (await emulator.admin("stats"))["requests"]["campaigns/update"] == writes + 1


async def test_undo_restores_an_update_and_refuses_after_drift(connected: Services) -> None:
    await _set_workspace(connected, approval_policy="none")
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _account(agent)
        campaign = await _active_campaign(agent, account["id"])
        original = await agent("get_campaign", ad_account_id=account["id"], campaign_id=campaign["id"])
        change = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "daily_budget": original["daily_budget"] * 2, "name": "Doubled"}],
        )
        await agent("apply_change", change_id=change["change_id"])
        undo = await agent("undo_change", change_id=change["change_id"], reason="Too much")
        assert {(c["field"], c["after"]) for c in undo["changes"]} == {
            ("daily_budget", original["daily_budget"]),
            ("name", original["name"]),
        }
        await agent("apply_change", change_id=undo["change_id"])
        restored = await agent("get_campaign", ad_account_id=account["id"], campaign_id=campaign["id"])
        assert (restored["name"], restored["daily_budget"]) == (original["name"], original["daily_budget"])

        # Undoing the original again now finds its targets changed since: refused.
        assert "changed after it was applied" in await agent.error("undo_change", change_id=change["change_id"])
        history = await agent("get_change", change_id=change["change_id"])
        assert "undo_planned" in [e["kind"] for e in history["history"]]


async def test_undo_of_a_create_archives_or_explains(connected: Services) -> None:
    await _set_workspace(connected, approval_policy="none")
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _account(agent)
        created = await agent.plan_and_apply(
            "create_campaigns", ad_account_id=account["id"], campaigns=[{"name": "Temp", "objective": "AWARENESS"}]
        )
        undo = await agent("undo_change", change_id=created["change_id"])
        assert [(c["field"], c["after"]) for c in undo["changes"]] == [("status", "ARCHIVED")]
        board = await agent.plan_and_apply("create_board", name="Keep me")
        assert "Delete them in Pinterest" in await agent.error("undo_change", change_id=board["change_id"])


async def test_discarded_and_expired_plans_are_never_applied(connected: Services, emulator: Emulator) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _account(agent)
        campaign = await _active_campaign(agent, account["id"])
        args = {"ad_account_id": account["id"], "updates": [{"campaign_id": campaign["id"], "status": "PAUSED"}]}
        discarded = await agent("update_campaigns", **args)
        assert (await agent("discard_change", change_id=discarded["change_id"]))["status"] == "discarded"
        assert "discarded" in await agent.error("apply_change", change_id=discarded["change_id"])

        expired = await agent("update_campaigns", **args)
        async with connected.db.session() as session:
            await session.execute(
                update(ChangePlan)
                .where(ChangePlan.id == expired["change_id"])
                .values(expires_at=utcnow() - timedelta(minutes=1))
            )
        assert "expired" in await agent.error("apply_change", change_id=expired["change_id"])
        assert (await emulator.admin("stats"))["requests"].get("campaigns/update", 0) == 0
        listed = rows(await agent("list_changes"))
        assert {c["status"] for c in listed} == {"discarded", "expired"}


async def test_spend_caps_freeze_read_only_and_policies(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _account(agent)
        campaign = await _active_campaign(agent, account["id"])
        budget = campaign["daily_budget"]
        async with connected.db.session() as session:
            await session.execute(
                update(SharedAdAccount)
                .where(SharedAdAccount.ad_account_id == account["id"])
                .values(max_daily_budget=int(budget * 3 * 1_000_000), max_increase_pct=50)
            )
        raise_budget = {
            "ad_account_id": account["id"],
            "updates": [{"campaign_id": campaign["id"], "daily_budget": budget * 4}],
        }
        text = await agent.error("update_campaigns", **raise_budget)
        assert "maximum daily budget" in text
        assert account["currency"] in text
        text = await agent.error(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "daily_budget": budget * 1.6}],
        )
        assert "maximum of 50% per change" in text

        pause = {"ad_account_id": account["id"], "updates": [{"campaign_id": campaign["id"], "status": "PAUSED"}]}
        await _set_workspace(connected, approval_policy="all_writes")
        assert (await agent("update_campaigns", **pause))["requires_approval"] is True
        await _set_workspace(connected, approval_policy="none")
        plan = await agent("update_campaigns", **pause)
        assert plan["requires_approval"] is False

        await _set_workspace(connected, frozen=True, frozen_by="admin@example.com")
        assert "frozen" in await agent.error("apply_change", change_id=plan["change_id"])
        await _set_workspace(connected, frozen=False)
        assert (await agent("apply_change", change_id=plan["change_id"]))["status"] == "applied"

        await _set_workspace(connected, read_only=True)
        assert "read-only" in await agent.error("update_campaigns", **pause)


async def test_a_person_can_decline_through_elicitation(connected: Services, emulator: Emulator) -> None:
    async def person(_context: Any, _params: Any) -> Any:
        from mcp_types import ElicitResult

        return ElicitResult(action="accept", content={"approve": False})

    async with Client(build_server(connected), elicitation_callback=person, mode="legacy") as client:
        agent = Agent(client)
        account = await _account(agent)
        campaign = await _active_campaign(agent, account["id"])
        plan = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "daily_budget": campaign["daily_budget"] + 1}],
        )
        assert "did not approve" in await agent.error("apply_change", change_id=plan["change_id"])
        assert (await emulator.admin("stats"))["requests"].get("campaigns/update", 0) == 0
        kinds = [e["kind"] for e in (await agent("get_change", change_id=plan["change_id"]))["history"]]
        assert kinds == ["planned", "approval_declined"]


async def test_history_records_who_when_and_pinterest_ids_but_no_tokens(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _account(agent)
        campaign = await _active_campaign(agent, account["id"])
        plan = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "status": "PAUSED"}],
            reason="CPA above 40 EUR",
        )
        await agent("apply_change", change_id=plan["change_id"])
        change = await agent("get_change", change_id=plan["change_id"])
    assert change["reason"] == "CPA above 40 EUR"
    assert change["created_by"] == "mcp:stdio"
    kinds = [e["kind"] for e in change["history"]]
    assert kinds == ["planned", "apply_started", "applied"]
    applied = change["history"][-1]
    assert applied["pinterest_request_ids"]
    assert all(not rid.startswith("pinagent:") for rid in applied["pinterest_request_ids"])

    async with connected.db.session() as session:
        events = (await session.execute(select(ChangeEvent))).scalars().all()
        plans = (await session.execute(select(ChangePlan))).scalars().all()
        conn = await connection_for(session, plans[0].workspace_id)
    secrets = [
        connected.vault.decrypt(conn.access_token_enc or ""),
        connected.vault.decrypt(conn.refresh_token_enc or ""),
    ]
    dumped = repr([(e.detail, e.pinterest_request_ids) for e in events]) + repr([(p.payload, p.outcome) for p in plans])
    assert all(secret not in dumped for secret in secrets)


async def test_get_change_shows_the_exact_payload_in_micro_currency(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _account(agent)
        campaign = await _active_campaign(agent, account["id"])
        plan = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "daily_budget": 12.5}],
        )
        change = await agent("get_change", change_id=plan["change_id"])
    assert change["changes"][0]["after"] == 12.5
    assert change["payload"]["items"] == [{"id": campaign["id"], "daily_spend_cap": 12_500_000}]
    assert change["payload"]["operation"] == "campaigns/update"


async def test_a_batch_refused_half_way_is_recorded_as_partially_applied(tmp_path: Path) -> None:
    env = {"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "partial"}
    # One write request a day: the first chunk of 30 goes through, the second is rate-limited.
    options = {"rate_limits": "trial", "rate_limit_overrides": {"ads_write": 1}}
    async with connected_services(env, options) as services, Client(build_server(services)) as client:
        agent = Agent(client)
        account = await _account(agent)
        new = [{"name": f"Batch {n:02d}", "objective": "AWARENESS"} for n in range(35)]
        outcome = await agent.plan_and_apply("create_campaigns", ad_account_id=account["id"], campaigns=new)
        assert outcome["status"] == "partially_applied"
        assert len(outcome["applied"]) == 30
        assert len(outcome["failed"]) == 5
        assert "not sent" in outcome["failed"][0]["errors"][0]
        created = rows(
            await agent(
                "list_campaigns", ad_account_id=account["id"], name_contains="Batch", limit=250, status=["PAUSED"]
            )
        )
        assert len(created) == 30
        # What did land can be undone (archived) like any applied change.
        undo = await agent("undo_change", change_id=outcome["change_id"])
        assert len(undo["changes"]) == 30


async def test_a_token_endpoint_outage_does_not_break_the_connection(connected: Services, emulator: Emulator) -> None:
    await emulator.admin("clock", {"advance_seconds": 31 * 24 * 3600})  # the access token has expired
    await emulator.admin("faults", {"operation": "oauth/token", "kind": "error_5xx", "count": 1})
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        text = await agent.error("get_user_account")
        assert "internal error" in text
        assert (await agent("get_connection_status"))["status"] == "active"
        # Once Pinterest answers again, the same refresh token still works.
        assert (await agent("get_user_account"))["username"] == "acme_outdoor"


async def test_amounts_computed_by_the_agent_are_rounded_to_micro_units(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _account(agent)
        campaign = await _active_campaign(agent, account["id"])
        plan = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "daily_budget": 100 * 1.1}],  # 110.00000000000001
        )
        assert plan["changes"][0]["after"] == 110
        change = await agent("get_change", change_id=plan["change_id"])
        assert change["payload"]["items"][0]["daily_spend_cap"] == 110_000_000


async def test_a_write_whose_answer_never_comes_is_reconciled_not_resent(env: dict[str, str]) -> None:
    """A real client timeout (not a 504): the write committed, the answer never came."""
    async with connected_services(env, {"hang_seconds": 5}) as services:
        services.app.timeout = 0.5
        async with Emulator(services) as emulator, Client(build_server(services)) as client:
            agent = Agent(client)
            account = await _account(agent)
            plan = await agent(
                "create_campaigns", ad_account_id=account["id"], campaigns=[{"name": "Slow", "objective": "AWARENESS"}]
            )
            await emulator.admin("faults", {"operation": "campaigns/create", "kind": "commit_then_timeout", "count": 1})
            creates = (await emulator.admin("stats"))["requests"].get("campaigns/create", 0)
            outcome = await agent("apply_change", change_id=plan["change_id"])
            assert outcome["status"] == "applied", outcome["message"]
            assert "already created (not sent again)" in outcome["message"]
            assert (await emulator.admin("stats"))["requests"]["campaigns/create"] == creates + 1
            named = rows(
                await agent("list_campaigns", ad_account_id=account["id"], name_contains="Slow", status=["PAUSED"])
            )
            assert len(named) == 1


async def test_an_update_without_a_clean_answer_is_checked_by_reading_back(
    connected: Services, emulator: Emulator
) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _account(agent)
        first, second = rows(await agent("list_campaigns", ad_account_id=account["id"], status=["ACTIVE"]))[:2]
        landed = await agent(
            "update_campaigns", ad_account_id=account["id"], updates=[{"campaign_id": first["id"], "status": "PAUSED"}]
        )
        await emulator.admin("faults", {"operation": "campaigns/update", "kind": "commit_then_timeout", "count": 1})
        outcome = await agent("apply_change", change_id=landed["change_id"])
        assert outcome["status"] == "applied"
        assert "read the campaigns back" in outcome["message"]

        lost = await agent(
            "update_campaigns", ad_account_id=account["id"], updates=[{"campaign_id": second["id"], "status": "PAUSED"}]
        )
        await emulator.admin("faults", {"operation": "campaigns/update", "kind": "error_5xx", "count": 1})
        outcome = await agent("apply_change", change_id=lost["change_id"])
        assert outcome["status"] == "failed"
        assert "not applied" in outcome["failed"][0]["errors"][0]
        still = await agent("get_campaign", ad_account_id=account["id"], campaign_id=second["id"])
        assert still["status"] == "ACTIVE"
