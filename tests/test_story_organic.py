"""Stories for organic Pinterest: boards (incl. secret), Pins, Pin analytics, and scope errors."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from mcp import Client

from pinagent.config import REQUESTED_SCOPES
from pinagent.mcp.server import build_server
from pinagent.services import Services
from tests.conftest import Agent, rows
from tests.support.flows import Emulator, connect_workspace

# A 1×1 transparent PNG.
PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )
).decode()


async def test_boards_and_pins_including_secret_ones(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        boards = rows(await agent("list_boards", limit=250))
        privacies = {b["privacy"] for b in boards}
        assert {"PUBLIC", "SECRET"} <= privacies
        secret = next(b for b in boards if b["privacy"] == "SECRET")
        assert (await agent("get_board", board_id=secret["id"]))["name"] == secret["name"]

        pins = rows(await agent("list_pins", board_id=secret["id"]))
        assert pins
        assert {p["board_id"] for p in pins} == {secret["id"]}
        pin = await agent("get_pin", pin_id=pins[0]["id"])
        assert pin["board_id"] == secret["id"]
        assert len(rows(await agent("list_pins", limit=250))) >= 20


async def test_secret_board_and_pins_from_url_and_base64(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        board = await agent.plan_and_apply(
            "create_board", name="AW27 drafts", privacy="SECRET", description="Next season"
        )
        assert board["status"] == "applied", board["message"]
        (board_id,) = board["applied"]
        assert (await agent("get_board", board_id=board_id))["privacy"] == "SECRET"

        by_url = await agent.plan_and_apply(
            "create_pin",
            board_id=board_id,
            image_url="https://images.example.com/aw27/parka.jpg",
            title="Alpine parka",
            description="Warm, packable, recycled down.",
            link="https://acme-outdoor.example.com/parka",
            alt_text="A red parka on a snowy ridge",
        )
        assert by_url["status"] == "applied", by_url["message"]
        plan = await agent("create_pin", board_id=board_id, image_base64=PNG, content_type="image/png", title="Swatch")
        assert "base64 characters" in str(plan["changes"])  # the plan does not echo the image back
        by_data = await agent("apply_change", change_id=plan["change_id"])
        assert by_data["status"] == "applied", by_data["message"]
        titles = {p["title"] for p in rows(await agent("list_pins", board_id=board_id))}
        assert titles == {"Alpine parka", "Swatch"}

        assert "exactly one image" in await agent.error("create_pin", board_id=board_id, title="No image")
        assert "not valid base64" in await agent.error(
            "create_pin", board_id=board_id, image_base64="%%%", content_type="image/png"
        )


async def test_pin_analytics(connected: Services) -> None:
    async with Client(build_server(connected)) as client:
        agent = Agent(client)
        pin = rows(await agent("list_pins", limit=5))[0]
        end = dt.date.today() - dt.timedelta(days=1)
        data = await agent(
            "get_pin_analytics", pin_id=pin["id"], start_date=str(end - dt.timedelta(days=6)), end_date=str(end)
        )
        assert len(data["daily"]) == 7
        assert data["totals"]["IMPRESSION"] >= data["totals"].get("SAVE", 0)
        assert data["totals"]["IMPRESSION"] == pytest.approx(sum(d.get("IMPRESSION", 0) for d in data["daily"]))


async def test_missing_secret_scope_is_named_and_nothing_is_sent(services: Services, emulator: Emulator) -> None:
    without = [s for s in REQUESTED_SCOPES if s not in ("boards:write_secret", "boards:read_secret")]
    await connect_workspace(services, emulator, scopes=without)
    async with Client(build_server(services)) as client:
        agent = Agent(client)
        status = await agent("get_connection_status")
        assert set(status["scopes_missing"]) == {"boards:write_secret", "boards:read_secret"}
        before = (await emulator.admin("stats"))["requests"]
        text = await agent.error("create_board", name="Hidden", privacy="SECRET")
        assert "boards:write_secret" in text
        assert "Reconnect" in text
        assert (await emulator.admin("stats"))["requests"] == before
        assert {b["privacy"] for b in rows(await agent("list_boards", limit=250))} <= {"PUBLIC", "PROTECTED"}
        public = await agent("create_board", name="Open board")
        assert public["requires_approval"] is False
