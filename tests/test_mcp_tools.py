"""The agent's first tools through the official MCP client, against the embedded emulator."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from mcp import Client

from pinagent.connect.states import AccountMode
from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.conftest import error_text, structured
from tests.support.flows import Emulator, connect_workspace

FIRST_SLICE = {
    "get_connection_status",
    "get_user_account",
    "list_ad_accounts",
    "get_ad_account",
    "list_campaigns",
    "get_campaign",
    "get_ads_analytics",
    "update_campaigns",
    "apply_change",
}


async def _accounts(client: Client) -> list[dict[str, Any]]:
    return list(structured(await client.call_tool("list_ad_accounts", {}))["items"])


async def _writable(client: Client) -> dict[str, Any]:
    return next(a for a in await _accounts(client) if a["mode"] == "read_write")


def campaign_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """list_campaigns rows are positional; name them as the agent would."""
    return [dict(zip(data["columns"], row, strict=True)) for row in data["rows"]]


async def _active_campaign(client: Client, account_id: str) -> dict[str, Any]:
    data = structured(await client.call_tool("list_campaigns", {"ad_account_id": account_id, "status": ["ACTIVE"]}))
    return next(r for r in campaign_rows(data) if r.get("daily_budget"))


async def test_tools_are_listed_with_annotations_and_output_schemas(services: Services) -> None:
    async with Client(build_server(services)) as mcp_client:
        tools = {tool.name: tool for tool in (await mcp_client.list_tools()).tools}
        assert set(tools) >= FIRST_SLICE
        for tool in tools.values():
            assert tool.annotations is not None
            assert tool.annotations.read_only_hint is not None
            assert tool.output_schema is not None
            assert tool.description
        assert tools["list_campaigns"].annotations.read_only_hint is True
        assert tools["apply_change"].annotations.read_only_hint is False
        assert tools["update_campaigns"].annotations.read_only_hint is False


async def test_read_only_server_has_no_write_tools(services: Services) -> None:
    async with Client(build_server(services, read_only=True)) as client:
        names = {tool.name for tool in (await client.list_tools()).tools}
    assert "update_campaigns" not in names
    assert "apply_change" not in names
    assert "list_campaigns" in names


async def test_status_before_and_after_connecting(services: Services, emulator: Emulator) -> None:
    async with Client(build_server(services)) as mcp_client:
        status = structured(await mcp_client.call_tool("get_connection_status", {}))
        assert status["status"] == "not_connected"
        assert status["pinterest"] == "Emulated Pinterest"
        assert status["api_base_url"].endswith("/v5")
        assert "pinagent connect" in status["next_step"]
        assert "Connect" in error_text(await mcp_client.call_tool("list_ad_accounts", {}))

        await connect_workspace(services, emulator)
        status = structured(await mcp_client.call_tool("get_connection_status", {}))
        assert status["status"] == "active"
        assert status["scopes_missing"] == []
        assert len(status["shared_ad_accounts"]) >= 3


async def test_reading_the_account(connected: Services) -> None:
    async with Client(build_server(connected)) as mcp_client:
        user = structured(await mcp_client.call_tool("get_user_account", {}))
        assert user["account_type"] == "BUSINESS"

        accounts = await _accounts(mcp_client)
        assert {a["mode"] for a in accounts} == {"read", "read_write"}
        account = structured(await mcp_client.call_tool("get_ad_account", {"ad_account_id": accounts[0]["id"]}))
        assert account["currency"] == accounts[0]["currency"]

        campaign = await _active_campaign(mcp_client, accounts[0]["id"])
        detail = structured(
            await mcp_client.call_tool(
                "get_campaign", {"ad_account_id": accounts[0]["id"], "campaign_id": campaign["id"]}
            )
        )
        assert detail["name"] == campaign["name"]
        assert detail["daily_budget"] == campaign["daily_budget"]
        assert detail["currency"] == accounts[0]["currency"]


async def test_campaign_pages_follow_the_cursor(connected: Services) -> None:
    async with Client(build_server(connected)) as mcp_client:
        big = None
        for account in await _accounts(mcp_client):
            page = structured(
                await mcp_client.call_tool("list_campaigns", {"ad_account_id": account["id"], "limit": 250})
            )
            if page.get("next_cursor"):
                big = (account, page)
        assert big is not None, "one account has more than 250 campaigns"
        account, first = big
        second = structured(
            await mcp_client.call_tool(
                "list_campaigns", {"ad_account_id": account["id"], "limit": 250, "cursor": first["next_cursor"]}
            )
        )
        first_ids = {c["id"] for c in campaign_rows(first)}
        assert len(first_ids) == 250
        assert second["rows"]
        assert first_ids.isdisjoint(c["id"] for c in campaign_rows(second))


async def test_fifty_campaigns_fit_in_four_kilobytes(connected: Services) -> None:
    async with Client(build_server(connected)) as mcp_client:
        for account in await _accounts(mcp_client):
            result = await mcp_client.call_tool("list_campaigns", {"ad_account_id": account["id"], "limit": 50})
            data = structured(result)
            if len(data["rows"]) == 50:
                assert len(result.content[0].text.encode()) < 4096  # what the model reads
                assert len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()) < 4096
                assert {"id", "name", "status", "daily_budget"} <= set(data["columns"])
                return
        raise AssertionError("no account with 50 campaigns")


async def test_analytics_at_account_and_campaign_level_agree(connected: Services) -> None:
    async with Client(build_server(connected)) as mcp_client:
        account = (await _accounts(mcp_client))[0]
        end = dt.date.today() - dt.timedelta(days=1)
        window = {"ad_account_id": account["id"], "start_date": str(end - dt.timedelta(days=6)), "end_date": str(end)}
        totals = structured(await mcp_client.call_tool("get_ads_analytics", {**window, "level": "ad_account"}))
        by_campaign = structured(await mcp_client.call_tool("get_ads_analytics", {**window, "level": "campaign"}))
        assert totals["currency"] == account["currency"]
        assert totals["totals"]["spend"] > 0
        assert abs(by_campaign["totals"]["spend"] - totals["totals"]["spend"]) < 0.05
        assert by_campaign["totals"]["impressions"] == totals["totals"]["impressions"]
        assert all(row["metrics"]["clicks"] <= row["metrics"]["impressions"] for row in by_campaign["rows"])

        too_old = {**window, "start_date": str(end - dt.timedelta(days=120))}
        assert "90 days" in error_text(await mcp_client.call_tool("get_ads_analytics", too_old))


async def test_plan_then_apply_changes_pinterest_once(connected: Services, emulator: Emulator) -> None:
    async with Client(build_server(connected)) as mcp_client:
        account = await _writable(mcp_client)
        campaign = await _active_campaign(mcp_client, account["id"])
        plan = structured(
            await mcp_client.call_tool(
                "update_campaigns",
                {
                    "ad_account_id": account["id"],
                    "updates": [
                        {"campaign_id": campaign["id"], "status": "PAUSED", "name": campaign["name"] + " (paused)"}
                    ],
                    "reason": "CPA too high",
                },
            )
        )
        assert plan["status"] == "planned"
        assert {(c["field"], c["before"], c["after"]) for c in plan["changes"]} == {
            ("status", "ACTIVE", "PAUSED"),
            ("name", campaign["name"], campaign["name"] + " (paused)"),
        }
        assert plan["requires_approval"] is False  # pausing neither raises spend nor activates
        before_writes = (await emulator.admin("stats"))["requests"].get("campaigns/update", 0)

        # Planning wrote nothing.
        unchanged = await mcp_client.call_tool(
            "get_campaign", {"ad_account_id": account["id"], "campaign_id": campaign["id"]}
        )
        assert structured(unchanged)["status"] == "ACTIVE"

        applied = structured(await mcp_client.call_tool("apply_change", {"change_id": plan["change_id"]}))
        assert applied["status"] == "applied"
        assert applied["readback_differences"] == []
        after = await mcp_client.call_tool(
            "get_campaign", {"ad_account_id": account["id"], "campaign_id": campaign["id"]}
        )
        assert structured(after)["status"] == "PAUSED"

        again = structured(await mcp_client.call_tool("apply_change", {"change_id": plan["change_id"]}))
        assert again["already_applied"] is True
        assert (await emulator.admin("stats"))["requests"]["campaigns/update"] == before_writes + 1


async def test_budget_plan_shows_money_in_units_and_needs_a_person(connected: Services) -> None:
    async with Client(build_server(connected)) as mcp_client:
        account = await _writable(mcp_client)
        campaign = await _active_campaign(mcp_client, account["id"])
        new_budget = round(campaign["daily_budget"] * 1.2, 2)
        plan = structured(
            await mcp_client.call_tool(
                "update_campaigns",
                {
                    "ad_account_id": account["id"],
                    "updates": [{"campaign_id": campaign["id"], "daily_budget": new_budget}],
                },
            )
        )
        change = plan["changes"][0]
        assert (change["field"], change["before"], change["after"]) == (
            "daily_budget",
            campaign["daily_budget"],
            new_budget,
        )
        assert plan["requires_approval"] is True
        assert any("+20.0%" in w and account["currency"] in w for w in plan["warnings"])
        # The model cannot approve: without a person the apply is refused and nothing is written.
        refusal = error_text(await mcp_client.call_tool("apply_change", {"change_id": plan["change_id"]}))
        assert "pinagent approve" in refusal


async def test_a_person_approves_through_elicitation(connected: Services) -> None:
    asked: list[str] = []

    async def person(_context: Any, params: Any) -> Any:
        from mcp_types import ElicitResult

        asked.append(params.message)
        return ElicitResult(action="accept", content={"approve": True})

    async with Client(build_server(connected), elicitation_callback=person, mode="legacy") as client:
        account = await _writable(client)
        campaign = await _active_campaign(client, account["id"])
        plan = structured(
            await client.call_tool(
                "update_campaigns",
                {"ad_account_id": account["id"], "updates": [{"campaign_id": campaign["id"], "daily_budget": 999}]},
            )
        )
        applied = structured(await client.call_tool("apply_change", {"change_id": plan["change_id"]}))
    assert applied["status"] == "applied"
    assert asked
    assert "999" in asked[0]


async def test_apply_refuses_when_the_campaign_changed_since_the_plan(connected: Services) -> None:
    async with Client(build_server(connected)) as mcp_client:
        account = await _writable(mcp_client)
        campaign = await _active_campaign(mcp_client, account["id"])
        args = {"ad_account_id": account["id"], "updates": [{"campaign_id": campaign["id"], "status": "PAUSED"}]}
        first = structured(await mcp_client.call_tool("update_campaigns", args))
        rename = {"ad_account_id": account["id"], "updates": [{"campaign_id": campaign["id"], "status": "ARCHIVED"}]}
        second = structured(await mcp_client.call_tool("update_campaigns", rename))
        structured(await mcp_client.call_tool("apply_change", {"change_id": second["change_id"]}))

        refused = structured(await mcp_client.call_tool("apply_change", {"change_id": first["change_id"]}))
        assert refused["status"] == "refused"
        assert "changed since this plan" in refused["message"]


async def test_errors_name_the_fix(services: Services, emulator: Emulator) -> None:
    async with Client(build_server(services)) as mcp_client:
        workspace_id = await services.default_workspace_id()
        await connect_workspace(services, emulator, share={})
        choices = await services.connect.account_choices(workspace_id)
        writable = next(c for c in choices if c.can_write)
        analyst = next(c for c in choices if not c.can_write)
        await services.connect.save_selection(
            workspace_id, {writable.ad_account_id: AccountMode.READ, analyst.ad_account_id: AccountMode.READ}
        )
        unshared = next(c for c in choices if c.ad_account_id not in (writable.ad_account_id, analyst.ad_account_id))

        text = error_text(await mcp_client.call_tool("list_campaigns", {"ad_account_id": unshared.ad_account_id}))
        assert "not shared" in text
        assert "Reconnect the Pinterest integration and select it" in text
        assert "Reference: pinagent request" in text

        update = {"updates": [{"campaign_id": "1", "status": "PAUSED"}]}
        text = error_text(
            await mcp_client.call_tool("update_campaigns", {"ad_account_id": analyst.ad_account_id, **update})
        )
        assert "Business Access" in text
        assert "ANALYST" in text

        text = error_text(
            await mcp_client.call_tool("update_campaigns", {"ad_account_id": writable.ad_account_id, **update})
        )
        assert "read-only" in text

        username = (await mcp_client.call_tool("get_user_account", {})).structured_content["username"]  # type: ignore[index]
        await emulator.admin("faults", {"kind": "revoke_tokens", "user": username})
        text = error_text(await mcp_client.call_tool("list_ad_accounts", {}))
        assert "click Reconnect on the Pinterest card" in text
        status = structured(await mcp_client.call_tool("get_connection_status", {}))
        assert status["status"] == "needs_reconnect"
