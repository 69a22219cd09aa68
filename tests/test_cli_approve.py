"""`pinagent approve`: the person at the terminal approves a plan the agent made; the agent applies it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mcp import Client

from pinagent.config import Settings
from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.conftest import Agent, rows
from tests.support.flows import Emulator, connect_workspace
from tests.support.processes import PINAGENT, process_env


def _approve(env: dict[str, str], change_id: str, answer: str) -> subprocess.CompletedProcess[str]:
    """A person at a terminal: stdin is a pseudo-terminal they type ``answer`` into."""
    controller, terminal = os.openpty()
    try:
        with subprocess.Popen(
            [PINAGENT, "approve", change_id],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=process_env(env),
            text=True,
        ) as proc:
            os.write(controller, answer.encode())
            out, err = proc.communicate(timeout=60)
            return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    finally:
        os.close(controller)
        os.close(terminal)


def _piped(env: dict[str, str], change_id: str) -> subprocess.CompletedProcess[str]:
    """What an agent with a shell tool would try: pipe the answer in."""
    return subprocess.run(
        [PINAGENT, "approve", change_id],
        input="approve\n",
        env=process_env(env),
        capture_output=True,
        text=True,
        timeout=60,
    )


async def test_terminal_approval_lets_the_agent_apply(tmp_path: Path) -> None:
    env = {"PINAGENT_DATA_DIR": str(tmp_path / "data"), "PINAGENT_SECRET_KEY": "approve"}
    services = await Services.start(Settings.from_env(env))
    try:
        async with Emulator(services) as emulator:
            await connect_workspace(services, emulator)
        async with Client(build_server(services)) as client:
            agent = Agent(client)
            accounts = (await agent("list_ad_accounts"))["items"]
            account = min((a for a in accounts if a["mode"] == "read_write"), key=lambda a: a["id"])
            campaign = next(
                c
                for c in rows(await agent("list_campaigns", ad_account_id=account["id"], status=["ACTIVE"]))
                if c.get("daily_budget")
            )
            budget = round(campaign["daily_budget"] * 1.1, 2)
            plan = await agent(
                "update_campaigns",
                ad_account_id=account["id"],
                updates=[{"campaign_id": campaign["id"], "daily_budget": budget}],
                reason="Scale the winner",
            )
            assert plan["requires_approval"] is True

            piped = _piped(env, plan["change_id"])
            assert piped.returncode == 2, "a piped answer (an agent's shell) is never an approval"
            assert "person at a terminal" in piped.stderr

            declined = _approve(env, plan["change_id"], "y\n")
            assert declined.returncode == 1
            assert "Not approved" in declined.stdout
            assert "pinagent approve" in await agent.error("apply_change", change_id=plan["change_id"])

            approved = _approve(env, plan["change_id"], "approve\n")
            assert approved.returncode == 0, approved.stdout + approved.stderr
            assert "Spend increase" in approved.stdout  # the person saw the warning before saying yes
            assert "Reason given: Scale the winner" in approved.stdout
            assert (await agent("apply_change", change_id=plan["change_id"]))["status"] == "applied"
            history = await agent("get_change", change_id=plan["change_id"])
            approval = next(e for e in history["history"] if e["kind"] == "approved")
            assert approval["actor"].endswith("(terminal)")

            unknown = _approve(env, "chg_0000000000000000", "approve\n")
            assert unknown.returncode == 1
            assert "No change chg_0000000000000000" in unknown.stderr
    finally:
        await services.close()
