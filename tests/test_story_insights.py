"""Stories for diagnosis: what changed, where money is wasted, and recommendations turned into plans."""

from __future__ import annotations

from typing import Any

from mcp import Client

from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.conftest import Agent, rows
from tests.support.flows import Emulator

ACME_EU = "549764001001"  # EUR, with the default dataset's deliberate problems (docs/emulator.md)
HIGH_CPA, BUDGET_LIMITED, FALLING_CTR, PAUSED_TOP = "626744100003", "626744100004", "626744100005", "626744100006"


def _by_id(diagnosis: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in diagnosis["findings"]}


async def test_diagnosis_explains_what_changed_and_where_money_goes(connected: Services, emulator: Emulator) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        before = (await emulator.admin("stats"))["requests"]
        diagnosis = await agent("diagnose_performance", ad_account_id=ACME_EU, days=7)
        after = (await emulator.admin("stats"))["requests"]

    assert sum(after.values()) - sum(before.values()) <= 10, "a handful of requests, not one per entity"
    assert diagnosis["currency"] == "EUR"
    assert {"spend", "checkouts", "cpa", "ctr", "roas"} <= set(diagnosis["account"])
    spend = diagnosis["account"]["spend"]
    assert spend["now"] > 0
    assert spend["before"] > 0
    assert abs(spend["change"] - (spend["now"] - spend["before"])) < 0.01
    movers = rows(diagnosis["top_movers"])
    assert PAUSED_TOP in {m["id"] for m in movers}, "the paused campaign's spend went to zero"

    findings = _by_id(diagnosis)
    high_cpa = findings[f"high_cpa:{HIGH_CPA}"]
    assert high_cpa["severity"] == "high"
    assert high_cpa["evidence"]["cpa"] > 2 * high_cpa["evidence"]["account_cpa"]
    assert 60 < high_cpa["evidence"]["cpa"] < 200, "about €100 per checkout, in EUR, not micro-currency"
    assert {"spend", "spend_before", "cpa_before"} <= set(high_cpa["evidence"])
    assert high_cpa["change"].startswith("pause campaign")
    assert high_cpa["wasted"] > 0

    limited = findings[f"budget_limited:{BUDGET_LIMITED}"]
    assert limited["evidence"]["daily_budget"] == 80
    assert limited["evidence"]["days_at_cap"] >= 5
    assert "96" in limited["change"]

    falling = findings[f"falling_ctr:{FALLING_CTR}"]
    assert falling["evidence"]["ctr"] < 0.75 * falling["evidence"]["ctr_before"]
    assert "change" not in falling, "creative fatigue needs a person"

    paused = findings[f"paused_top_performer:{PAUSED_TOP}"]
    assert paused["evidence"]["roas_while_active"] > 1.5 * paused["evidence"]["account_roas"]
    assert paused["change"].startswith("reactivate")

    assert f"high_cpa:{'626744100001'}" not in findings, "the healthy reference is not flagged"
    severities = [{"high": 0, "medium": 1, "low": 2}[f["severity"]] for f in diagnosis["findings"]]
    assert severities == sorted(severities)


async def test_ad_level_problems_are_found(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        findings = _by_id(await Agent(client)("diagnose_performance", ad_account_id=ACME_EU))
    rejected = findings["rejected_ad:687200100001"]
    assert "PROMOTIONS_AND_PRICES" in rejected["evidence"]["rejected_reasons"]
    assert "delivers nothing" in rejected["explanation"]
    assert findings["high_cpc:687200100042"]["change"].startswith("pause ad")
    assert findings["low_delivery:2680064100008"]["evidence"]["delivery_pct"] < 25


async def test_recommendations_become_plans_and_the_pause_applies(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        result = await agent(
            "plan_recommendations",
            ad_account_id=ACME_EU,
            finding_ids=[f"high_cpa:{HIGH_CPA}", f"paused_top_performer:{PAUSED_TOP}", "rejected_ad:687200100001"],
        )
        plans = {(c["target_id"], c["after"]): p for p in result["plans"] for c in p["changes"]}
        pause = plans[(HIGH_CPA, "PAUSED")]
        reactivate = plans[(PAUSED_TOP, "ACTIVE")]
        assert pause["change_id"] != reactivate["change_id"], "savings do not wait for the approval of a spend increase"
        assert pause["requires_approval"] is False
        assert reactivate["requires_approval"] is True
        assert any("Activation" in w for w in reactivate["warnings"])
        assert [n["finding_id"] for n in result["needs_a_person"]] == ["rejected_ad:687200100001"]

        outcome = await agent("apply_change", change_id=pause["change_id"])
        assert outcome["status"] == "applied"
        campaign = await agent("get_campaign", ad_account_id=ACME_EU, campaign_id=HIGH_CPA)
        assert campaign["status"] == "PAUSED"
        assert "pinagent approve" in await agent.error("apply_change", change_id=reactivate["change_id"])

        # Re-diagnosed: the paused campaign is no longer a live high-CPA campaign.
        again = await agent("diagnose_performance", ad_account_id=ACME_EU)
        assert f"high_cpa:{HIGH_CPA}" not in _by_id(again)


async def test_all_recommendations_by_default(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        result = await Agent(client)("plan_recommendations", ad_account_id=ACME_EU)
    targets = {(c["target_id"], c["field"], c["after"]) for p in result["plans"] for c in p["changes"]}
    assert (BUDGET_LIMITED, "daily_budget", 96) in targets
    assert ("687200100042", "status", "PAUSED") in targets
    assert result["needs_a_person"] == [], "only findings with a change are planned by default"


async def test_unknown_findings_and_unshared_accounts_are_explained(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        text = await agent.error("plan_recommendations", ad_account_id=ACME_EU, finding_ids=["high_cpa:1"])
        assert "high_cpa:1" in text
        assert f"high_cpa:{HIGH_CPA}" in text
        for tool in ("diagnose_performance", "plan_recommendations"):
            assert "not shared" in await agent.error(tool, ad_account_id="549764001004")
        assert "Business Access" in await agent.error("plan_recommendations", ad_account_id="549764001002")
        text = await agent.error("diagnose_performance", ad_account_id=ACME_EU, days=45, as_of="2000-01-01")
        assert "90 days" in text
