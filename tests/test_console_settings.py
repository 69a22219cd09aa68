"""Settings: freeze, read-only, approval policy, spend caps and the pause brake, as the agent feels them."""

from __future__ import annotations

import re
import subprocess
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from pinagent.changes.plans import APPROVAL_POLICIES
from pinagent.cli_admin import ApprovalPolicy
from pinagent.pinterest.money import format_money
from tests.conftest import Agent, rows
from tests.support.console import ChangeControl, ConsoleUser, mcp_over_http
from tests.support.processes import PINAGENT, pinagent_serve, process_env


@pytest.fixture
def console_env(tmp_path: Path) -> dict[str, str]:
    return {"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "settings-test"}


@pytest.fixture
def console(console_env: dict[str, str]) -> Iterator[tuple[str, ConsoleUser]]:
    with pinagent_serve(console_env) as base:
        user = ConsoleUser(base)
        try:
            user.connect()
            yield base, user
        finally:
            user.close()


@asynccontextmanager
async def agent_of(console: tuple[str, ConsoleUser]) -> AsyncIterator[Agent]:
    """The agent, over MCP on HTTP with a workspace API key (entered in the test's own task)."""
    base, user = console
    async with mcp_over_http(base, user.create_api_key("agent")) as client:
        yield Agent(client)


@pytest.fixture
def control(console: tuple[str, ConsoleUser]) -> ChangeControl:
    return ChangeControl(console[1])


async def _account(agent: Agent) -> dict[str, Any]:
    return next(a for a in (await agent("list_ad_accounts"))["items"] if a["mode"] == "read_write")


async def _campaign(agent: Agent, account_id: str, status: str) -> dict[str, Any]:
    listed = rows(await agent("list_campaigns", ad_account_id=account_id, status=[status]))
    return next(c for c in listed if c.get("daily_budget"))


def admin_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`pinagent freeze|policy …` as a person types it."""
    return subprocess.run([PINAGENT, *args], env=process_env(env), capture_output=True, text=True, timeout=60)


async def test_freeze_in_settings_blocks_apply_until_unfrozen(
    console: tuple[str, ConsoleUser], control: ChangeControl
) -> None:
    async with agent_of(console) as agent:
        account = await _account(agent)
        campaign = await _campaign(agent, account["id"], "ACTIVE")
        plan = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "status": "PAUSED"}],
        )
        assert plan["requires_approval"] is False

        control.set_frozen(True)
        page = control.settings()
        assert 'data-testid="freeze-state">Frozen<' in page
        assert "frozen by console user" in page
        refusal = await agent.error("apply_change", change_id=plan["change_id"])
        assert "Changes are frozen for this workspace by console user" in refusal
        assert "pinagent freeze --off" in refusal
        still = await agent("get_campaign", ad_account_id=account["id"], campaign_id=campaign["id"])
        assert still["status"] == "ACTIVE"

        control.set_frozen(False)
        assert 'data-testid="freeze-state">Not frozen<' in control.settings()
        assert (await agent("apply_change", change_id=plan["change_id"]))["status"] == "applied"


async def test_cli_freeze_and_policy_act_on_the_console_workspace(
    console: tuple[str, ConsoleUser], control: ChangeControl, console_env: dict[str, str]
) -> None:
    async with agent_of(console) as agent:
        assert [p.value for p in ApprovalPolicy] == list(APPROVAL_POLICIES)
        account = await _account(agent)
        campaign = await _campaign(agent, account["id"], "ACTIVE")

        frozen = admin_cli("freeze", env=console_env)
        assert frozen.returncode == 0, frozen.stderr
        assert "Changes are frozen by" in frozen.stdout
        assert "(terminal)" in frozen.stdout
        assert 'data-testid="freeze-state">Frozen<' in control.settings()
        pause = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "status": "PAUSED"}],
        )
        assert "Changes are frozen" in await agent.error("apply_change", change_id=pause["change_id"])

        thawed = admin_cli("freeze", "--off", env=console_env)
        assert thawed.returncode == 0, thawed.stderr
        assert "not frozen" in thawed.stdout
        assert 'data-testid="freeze-state">Not frozen<' in control.settings()

        shown = admin_cli("policy", env=console_env)
        assert shown.returncode == 0, shown.stderr
        assert "Approval policy: spend_and_activation" in shown.stdout
        changed = admin_cli("policy", "none", env=console_env)
        assert changed.returncode == 0, changed.stderr
        assert "Approval policy: none" in changed.stdout
        assert re.search(r'value="none"\s+checked', control.settings())
        raise_plan = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "daily_budget": round(campaign["daily_budget"] * 1.2, 2)}],
        )
        assert raise_plan["requires_approval"] is False
        bad = admin_cli("policy", "sometimes", env=console_env)
        assert bad.returncode == 2
        assert "sometimes" in bad.stderr

        control.set_policy("all_writes")
        assert "Approval policy: all_writes" in admin_cli("policy", env=console_env).stdout
        rejected = control.post("/settings", "/settings/policy", policy="sometimes")
        assert rejected.status_code == 400
        assert "Unknown approval policy" in control.flash(rejected)


async def test_spend_caps_from_settings_refuse_plans_over_them(
    console: tuple[str, ConsoleUser], control: ChangeControl
) -> None:
    async with agent_of(console) as agent:
        account = await _account(agent)
        campaign = await _campaign(agent, account["id"], "ACTIVE")
        budget, currency = campaign["daily_budget"], account["currency"]
        raised = round(budget * 1.2, 2)
        updates = [{"campaign_id": campaign["id"], "daily_budget": raised}]

        cap = round(budget * 1.1, 2)
        saved = control.set_caps({account["id"]: (str(cap), "")})
        assert saved.status_code == 303, saved.text
        assert f'name="daily_{account["id"]}" value="{cap:g}"' in control.settings()
        refusal = await agent.error("update_campaigns", ad_account_id=account["id"], updates=updates)
        assert f"maximum daily budget of {format_money(cap, currency)}" in refusal
        assert "Settings → Spend caps" in refusal

        assert control.set_caps({account["id"]: ("", "10")}).status_code == 303
        refusal = await agent.error("update_campaigns", ad_account_id=account["id"], updates=updates)
        assert "above the maximum of 10% per change" in refusal
        small = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "daily_budget": round(budget * 1.05, 2)}],
        )
        assert small["change_id"]

        # Mistakes are shown next to the field, what was typed is kept, and nothing is saved.
        wrong = control.set_caps({account["id"]: ("12,5", "-3")})
        assert wrong.status_code == 400
        assert re.search(rf'id="err-daily_{account["id"]}">[^<]*is not an amount', wrong.text)
        assert re.search(rf'id="err-pct_{account["id"]}">[^<]*from 0 to 10,000', wrong.text)
        assert f'name="daily_{account["id"]}" value="12,5"' in wrong.text
        assert f'name="pct_{account["id"]}" value="10"' in control.settings()

        assert control.set_caps({account["id"]: ("", "")}).status_code == 303
        assert (await agent("update_campaigns", ad_account_id=account["id"], updates=updates))["change_id"]


async def test_pause_what_the_agent_started_and_apply_it_from_the_console(
    console: tuple[str, ConsoleUser], control: ChangeControl
) -> None:
    async with agent_of(console) as agent:
        account = await _account(agent)
        campaign = await _campaign(agent, account["id"], "PAUSED")
        activate = await agent(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "status": "ACTIVE"}],
        )
        assert activate["requires_approval"] is True
        control.approve(activate["change_id"])
        assert (await agent("apply_change", change_id=activate["change_id"]))["status"] == "applied"

        wrong = control.plan_pause("a day")
        assert wrong.status_code == 400
        assert re.search(r'id="err-hours">[^<]*not a number of hours', wrong.text)

        # Frozen: the pause plan can be made, not applied; the page says so.
        control.set_frozen(True)
        planned = control.plan_pause("1")
        notice = control.flash(planned)
        assert "Changes are frozen" in notice
        change_id = re.findall(r"chg_[0-9a-f]{16}", notice)[0]
        page = control.settings()
        assert 'id="brake-frozen"' in page
        assert f'<form method="post" action="/changes/{change_id}/apply"' in page
        refused = control.apply(change_id)
        assert refused.status_code == 409
        assert "Changes are frozen for this workspace by console user" in control.flash(refused)
        assert (await agent("get_campaign", ad_account_id=account["id"], campaign_id=campaign["id"]))[
            "status"
        ] == "ACTIVE"

        control.set_frozen(False)
        applied = control.apply(change_id)
        assert applied.status_code == 303, applied.text
        assert f"{change_id} applied" in control.flash(applied)
        assert (await agent("get_campaign", ad_account_id=account["id"], campaign_id=campaign["id"]))[
            "status"
        ] == "PAUSED"
        change = await agent("get_change", change_id=change_id)
        assert change["tool"] == "pause_recent"
        assert change["created_by"] == "console user"
        assert [(e["kind"], e["actor"]) for e in change["history"]][-1] == ("applied", "console user")
        assert control.history_ids(tool="pause_recent", status="applied") == [change_id]

        # Nothing the agent started is still active now.
        assert "nothing to pause" in control.flash(control.plan_pause("1"))


async def test_read_only_workspace_refuses_plans(console: tuple[str, ConsoleUser], control: ChangeControl) -> None:
    async with agent_of(console) as agent:
        account = await _account(agent)
        campaign = await _campaign(agent, account["id"], "ACTIVE")
        control.set_read_only(True)
        assert 'data-testid="read-only-state">Read-only<' in control.settings()
        refusal = await agent.error(
            "update_campaigns",
            ad_account_id=account["id"],
            updates=[{"campaign_id": campaign["id"], "status": "PAUSED"}],
        )
        assert "read-only" in refusal
        control.set_read_only(False)
        assert (
            await agent(
                "update_campaigns",
                ad_account_id=account["id"],
                updates=[{"campaign_id": campaign["id"], "status": "PAUSED"}],
            )
        )["change_id"]
