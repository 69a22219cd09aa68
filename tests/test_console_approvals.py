"""The person approves in the console what the agent planned over MCP; the history shows who did what."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest

from pinagent.pinterest.money import format_money
from tests.conftest import Agent, rows
from tests.support.console import ChangeControl, ConsoleUser, mcp_over_http
from tests.support.processes import console_url, pinagent_serve

pytestmark = pytest.mark.browser


@pytest.fixture
def console(tmp_path: Path) -> Iterator[tuple[str, ConsoleUser]]:
    env = {"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "approvals-test"}
    with pinagent_serve(env) as base:
        user = ConsoleUser(base)
        try:
            user.connect()
            yield base, user
        finally:
            user.close()


async def writable_account(agent: Agent) -> dict[str, Any]:
    return next(a for a in (await agent("list_ad_accounts"))["items"] if a["mode"] == "read_write")


async def campaigns_with_budget(agent: Agent, account_id: str, status: str) -> list[dict[str, Any]]:
    listed = rows(await agent("list_campaigns", ad_account_id=account_id, status=[status]))
    return [c for c in listed if c.get("daily_budget")]


async def plan_raise(agent: Agent, account_id: str, campaign: dict[str, Any], reason: str) -> dict[str, Any]:
    new_budget = round(campaign["daily_budget"] * 1.2, 2)
    return await agent(
        "update_campaigns",
        ad_account_id=account_id,
        updates=[{"campaign_id": campaign["id"], "daily_budget": new_budget}],
        reason=reason,
    )


async def test_person_approves_a_budget_raise_then_the_agent_applies_it(
    page: Any, console: tuple[str, ConsoleUser]
) -> None:
    base, user = console
    key = user.create_api_key("Claude Desktop")
    reason = "Spring campaign converts at half the target CPA; scale it"
    async with mcp_over_http(base, key) as client:
        agent = Agent(client)
        account = await writable_account(agent)
        campaign = (await campaigns_with_budget(agent, account["id"], "ACTIVE"))[0]
        new_budget = round(campaign["daily_budget"] * 1.2, 2)
        plan = await plan_raise(agent, account["id"], campaign, reason)
        change_id = plan["change_id"]
        assert plan["requires_approval"] is True
        refusal = await agent.error("apply_change", change_id=change_id)
        assert "approval" in refusal
        assert "pinagent console" in refusal

        # The person sees the badge, opens the inbox and reads the plan in currency units.
        await page.goto(console_url(base, "/integrations"))
        assert await page.get_by_test_id("approvals-count").inner_text() == "1"
        await page.get_by_role("link", name=re.compile("^Approvals")).click()
        await page.wait_for_url(re.compile(r"/approvals$"))
        card = page.locator(f"section.plan[data-change-id='{change_id}']")
        diff = await card.get_by_test_id("diff").inner_text()
        currency = account["currency"]
        assert "daily_budget" in diff
        assert format_money(campaign["daily_budget"], currency) in diff
        assert format_money(new_budget, currency) in diff
        warnings = await card.get_by_test_id("warnings").inner_text()
        assert "+20.0%" in warnings
        assert currency in warnings
        text = await card.inner_text()
        assert reason in text
        assert f"api-key:{key[:10]}" in text
        assert "expires" in text

        await card.get_by_role("button", name="Approve").click()
        await page.wait_for_url(re.compile(r"/approvals\?notice="))
        assert f"Approved {change_id}" in await page.locator(".flash-notice").inner_text()
        assert await page.locator("#no-approvals").is_visible()
        assert await page.get_by_test_id("approvals-count").count() == 0

        # Approved by the person, the agent's apply_change now applies it.
        applied = await agent("apply_change", change_id=change_id)
        assert applied["status"] == "applied"
        after = await agent("get_campaign", ad_account_id=account["id"], campaign_id=campaign["id"])
        assert after["daily_budget"] == new_budget

    # The history, narrowed to this change by the free-text filter.
    await page.goto(console_url(base, "/changes"))
    await page.locator("#history-filters input[name=q]").fill(change_id)
    await page.get_by_role("button", name="Filter").click()
    await page.wait_for_url(re.compile(r"/changes\?.*q=chg_"))
    changes = page.locator("tbody.change")
    assert await changes.count() == 1
    change = changes.first
    assert await change.get_attribute("data-change-id") == change_id
    assert await change.locator(".pill").inner_text() == "applied"
    events = change.locator("li.event")
    kinds = await events.locator(".event-kind").all_inner_texts()
    actors = await events.locator(".event-actor").all_inner_texts()
    api_actor = f"api-key:{key[:10]}"
    assert list(zip(kinds, actors, strict=True)) == [
        ("planned", api_actor),
        ("approved", "console user"),
        ("apply started", api_actor),
        ("applied", api_actor),
    ]
    request_ids = await change.locator("li.event[data-kind=applied] .request-ids").inner_text()
    assert request_ids.split()

    # Export CSV with the same filters, downloaded as a person's script would.
    href = await page.locator("#export-csv").get_attribute("href")
    assert href is not None
    assert parse_qs(urlsplit(href).query)["q"] == [change_id]
    exported = _signed_in_get(base, href)
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    csv_rows = ChangeControl(user).history_csv(f"?{urlsplit(href).query}")
    assert [(r["kind"], r["actor"]) for r in csv_rows] == [
        ("planned", api_actor),
        ("approved", "console user"),
        ("apply_started", api_actor),
        ("applied", api_actor),
    ]
    assert all(r["change_id"] == change_id and r["status"] == "applied" for r in csv_rows)
    assert all(r["tool"] == "update_campaigns" and r["ad_account_id"] == account["id"] for r in csv_rows)
    assert csv_rows[0]["reason"] == reason
    assert csv_rows[-1]["pinterest_request_ids"].split() == request_ids.split()

    # No secret ever reaches the history: not the API key, not a Pinterest token.
    history_html = _signed_in_get(base, "/changes").text
    for text in (exported.text, history_html):
        assert key not in text
        assert "pina_" not in text
        assert "pinr_" not in text


async def test_person_rejects_and_filters_narrow_the_history(page: Any, console: tuple[str, ConsoleUser]) -> None:
    base, user = console
    control = ChangeControl(user)
    key = user.create_api_key("agent")
    async with mcp_over_http(base, key) as client:
        agent = Agent(client)
        account = await writable_account(agent)
        first, second = (await campaigns_with_budget(agent, account["id"], "ACTIVE"))[:2]
        kept = await plan_raise(agent, account["id"], first, "Scale the winner")
        dropped = await plan_raise(agent, account["id"], second, "Try a bolder budget")

        await page.goto(console_url(base, "/approvals"))
        assert await page.locator("section.plan").count() == 2
        # Newest first.
        assert await page.locator("section.plan").first.get_attribute("data-change-id") == dropped["change_id"]
        await (
            page.locator(f"section.plan[data-change-id='{dropped['change_id']}']")
            .get_by_role("button", name="Reject")
            .click()
        )
        await page.wait_for_url(re.compile(r"/approvals\?notice="))
        assert "Rejected" in await page.locator(".flash-notice").inner_text()
        assert await page.locator("section.plan").count() == 1
        assert await page.get_by_test_id("approvals-count").inner_text() == "1"

        # A rejected plan is never applied, and approving it later is refused.
        refusal = await agent.error("apply_change", change_id=dropped["change_id"])
        assert "will not be applied: Rejected by console user" in refusal
        untouched = await agent("get_campaign", ad_account_id=account["id"], campaign_id=second["id"])
        assert untouched["daily_budget"] == second["daily_budget"]
        late = control.post("/approvals", f"/approvals/{dropped['change_id']}/approve")
        assert late.status_code == 409
        assert "only planned changes can be approved" in late.text

        control.approve(kept["change_id"])
        assert (await agent("apply_change", change_id=kept["change_id"]))["status"] == "applied"

    # Filters in the browser: status.
    await page.goto(console_url(base, "/changes"))
    assert await page.locator("tbody.change").count() == 2
    await page.locator("#history-filters select[name=status]").select_option("refused")
    await page.get_by_role("button", name="Filter").click()
    await page.wait_for_url(re.compile(r"status=refused"))
    assert await page.locator("tbody.change").get_attribute("data-change-id") == dropped["change_id"]
    assert await page.locator("tbody.change li.event[data-kind=rejected] .event-actor").inner_text() == ("console user")

    # And every other filter over plain GET parameters.
    today = datetime.now(UTC).date()
    assert control.history_ids(status="applied") == [kept["change_id"]]
    assert control.history_ids(q="bolder") == [dropped["change_id"]]
    assert control.history_ids(tool="update_campaigns", ad_account_id=account["id"]) == [
        dropped["change_id"],
        kept["change_id"],
    ]
    assert control.history_ids(ad_account_id="0") == []
    assert control.history_ids(tool="create_campaigns") == []
    assert control.history_ids(**{"from": today.isoformat(), "to": today.isoformat()}) == [
        dropped["change_id"],
        kept["change_id"],
    ]
    assert control.history_ids(**{"from": (today + timedelta(days=1)).isoformat()}) == []
    assert control.history_ids(to=(today - timedelta(days=1)).isoformat()) == []
    bad = user.http.get("/changes", params={"from": "yesterday"})
    assert bad.status_code == 400
    assert "is not a date" in bad.text

    refused_rows = control.history_csv(status="refused")
    assert {r["change_id"] for r in refused_rows} == {dropped["change_id"]}
    assert [r["kind"] for r in refused_rows] == ["planned", "rejected"]
    assert refused_rows[-1]["actor"] == "console user"


def _signed_in_get(base: str, path: str) -> httpx2.Response:
    """A person's script: the console's access link, then the page it redirects to."""
    with httpx2.Client(follow_redirects=True, timeout=30) as client:
        return client.get(console_url(base, path))
