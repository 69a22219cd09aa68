"""Stories for paid capabilities: campaigns, ad groups and ads, planned and applied through MCP."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mcp import Client

from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.conftest import Agent, rows
from tests.support.flows import Emulator


async def _writable_account(agent: Agent) -> dict[str, Any]:
    accounts = (await agent("list_ad_accounts"))["items"]
    # The EUR account the default user owns, with the realistic campaigns (not the 300-campaign one).
    return min((a for a in accounts if a["mode"] == "read_write"), key=lambda a: a["id"])


async def test_campaign_is_created_paused_and_visible(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _writable_account(agent)
        plan = await agent(
            "create_campaigns",
            ad_account_id=account["id"],
            campaigns=[{"name": "AW27 Launch", "objective": "AWARENESS", "daily_budget": 25.5}],
            reason="Launch the AW27 collection",
        )
        assert {(c["field"], c["after"]) for c in plan["changes"]} >= {("status", "PAUSED"), ("daily_budget", 25.5)}
        assert plan["requires_approval"] is False  # PAUSED: no spend until activated
        outcome = await agent("apply_change", change_id=plan["change_id"])
        assert outcome["status"] == "applied"
        (new_id,) = outcome["applied"]
        campaign = await agent("get_campaign", ad_account_id=account["id"], campaign_id=new_id)
        assert (campaign["name"], campaign["status"], campaign["daily_budget"]) == ("AW27 Launch", "PAUSED", 25.5)
        assert campaign["objective"] == "AWARENESS"


async def test_active_create_needs_a_person(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _writable_account(agent)
        plan = await agent(
            "create_campaigns",
            ad_account_id=account["id"],
            campaigns=[{"name": "Go live now", "objective": "CONSIDERATION", "daily_budget": 10, "status": "ACTIVE"}],
        )
        assert plan["requires_approval"] is True
        assert any("Activation" in w for w in plan["warnings"])
        assert "pinagent approve" in await agent.error("apply_change", change_id=plan["change_id"])


async def test_ad_groups_listed_read_created_and_retargeted(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _writable_account(agent)
        campaigns = rows(await agent("list_campaigns", ad_account_id=account["id"], status=["ACTIVE"]))
        details = [await agent("get_campaign", ad_account_id=account["id"], campaign_id=c["id"]) for c in campaigns]
        campaign = next(c for c in details if c["objective"] == "AWARENESS")
        groups = rows(await agent("list_ad_groups", ad_account_id=account["id"], campaign_ids=[campaign["id"]]))
        assert groups
        assert {g["campaign_id"] for g in groups} == {campaign["id"]}
        group = await agent("get_ad_group", ad_account_id=account["id"], ad_group_id=groups[0]["id"])
        assert group["currency"] == account["currency"]
        assert group["billable_event"]

        outcome = await agent.plan_and_apply(
            "create_ad_groups",
            ad_account_id=account["id"],
            ad_groups=[
                {
                    "campaign_id": campaign["id"],
                    "name": "DE 25-34",
                    "billable_event": "IMPRESSION",
                    "budget": 15,
                    "bid": 2.5,
                    "targeting_spec": {"GEO": ["DE"], "AGE_BUCKET": ["25-34"]},
                }
            ],
        )
        assert outcome["status"] == "applied", outcome["message"]
        (group_id,) = outcome["applied"]
        created = await agent("get_ad_group", ad_account_id=account["id"], ad_group_id=group_id)
        assert (created["status"], created["budget"], created["bid"]) == ("PAUSED", 15, 2.5)
        assert created["targeting_spec"]["GEO"] == ["DE"]

        plan = await agent(
            "update_ad_groups",
            ad_account_id=account["id"],
            updates=[{"ad_group_id": group_id, "bid": 3, "targeting_spec": {"GEO": ["DE", "AT"]}}],
        )
        assert {c["field"] for c in plan["changes"]} == {"bid", "targeting_spec"}
        assert any("bid" in w for w in plan["warnings"])  # a higher bid is more spend…
        assert plan["requires_approval"] is True  # …so a person approves it under the default policy
        text = await agent.error("list_ad_groups", ad_account_id=account["id"], campaign_ids=["1"], ad_group_ids=["2"])
        assert "not both" in text


async def test_ads_show_review_status_and_are_created_from_pins(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _writable_account(agent)
        ads = rows(await agent("list_ads", ad_account_id=account["id"], status=["ACTIVE", "PAUSED"], limit=250))
        rejected = [a for a in ads if a["review_status"] == "REJECTED"]
        assert rejected, "the dataset has a rejected ad to explain"
        detail = await agent("get_ad", ad_account_id=account["id"], ad_id=rejected[0]["id"])
        assert detail["rejected_reasons"] or detail["rejection_labels"]

        group_id = ads[0]["ad_group_id"]
        pin_id = ads[0]["pin_id"]
        outcome = await agent.plan_and_apply(
            "create_ads",
            ad_account_id=account["id"],
            ads=[{"ad_group_id": group_id, "pin_id": pin_id, "name": "Second"}],
        )
        assert outcome["status"] == "applied", outcome["message"]
        (ad_id,) = outcome["applied"]
        assert (await agent("get_ad", ad_account_id=account["id"], ad_id=ad_id))["status"] == "PAUSED"

        paused = await agent.plan_and_apply(
            "update_ads", ad_account_id=account["id"], updates=[{"ad_id": ad_id, "status": "ARCHIVED"}]
        )
        assert paused["status"] == "applied"


async def test_analytics_roll_up_from_ads_to_the_account(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _writable_account(agent)
        end = dt.date.today() - dt.timedelta(days=1)
        window = {"ad_account_id": account["id"], "start_date": str(end - dt.timedelta(days=13)), "end_date": str(end)}
        totals = {}
        for level in ("ad_account", "campaign", "ad_group", "ad"):
            totals[level] = (await agent("get_ads_analytics", level=level, **window))["totals"]
        spends = {level: t["spend"] for level, t in totals.items()}
        assert spends["ad_account"] > 0
        for level in ("campaign", "ad_group", "ad"):
            assert abs(spends[level] - spends["ad_account"]) < 0.05, spends
            assert totals[level]["impressions"] == totals["ad_account"]["impressions"]
        daily = await agent("get_ads_analytics", level="ad_group", granularity="DAY", **window)
        assert {r["date"] for r in daily["rows"]} >= {str(end)}
        assert all(r["metrics"]["clicks"] <= r["metrics"]["impressions"] for r in daily["rows"])


async def test_invalid_input_is_caught_before_any_request(connected: Services, emulator: Emulator) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        account = await _writable_account(agent)
        before = (await emulator.admin("stats"))["requests"]
        text = await agent.error(
            "update_campaigns", ad_account_id=account["id"], updates=[{"campaign_id": "1", "daily_budget": -5}]
        )
        assert "daily_budget" in text
        text = await agent.error("list_ads", ad_account_id=account["id"], campaign_ids=["1"], ad_ids=["2"])
        assert "only one of" in text
        text = await agent.error("get_campaign", ad_account_id="abc", campaign_id="1")
        assert "digits" in text
        text = await agent.error("list_ads", ad_account_id=account["id"], ad_ids=["12 34"])
        assert "digits" in text
        too_many = [str(n) for n in range(251)]
        text = await agent.error(
            "get_ads_analytics",
            ad_account_id=account["id"],
            level="ad",
            ids=too_many,
            start_date="2026-11-01",
            end_date="2026-11-02",
        )
        assert "250" in text
        after = (await emulator.admin("stats"))["requests"]
        assert after == before, "no request was sent for input pinagent knew was invalid"
