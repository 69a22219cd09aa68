"""Shared fixtures: a data dir, pinagent's services on the embedded emulator, an MCP client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from pinagent.config import Settings
from pinagent.services import Services
from tests.support.flows import Emulator, connect_workspace

pytest_plugins = ["tests.support.browser_fixtures", "tests.support.contract_fixtures"]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def env(data_dir: Path) -> dict[str, str]:
    """The environment a pinagent process of this test runs with."""
    return {"PINAGENT_DATA_DIR": str(data_dir), "PINAGENT_SECRET_KEY": "test-secret-key"}


@pytest.fixture
async def services(env: dict[str, str]) -> AsyncIterator[Services]:
    # Faults that hang answer 504 after a fifth of a second instead of a minute.
    started = await Services.start(Settings.from_env(env), emulator_options={"hang_seconds": 0.2})
    yield started
    await started.close()


@pytest.fixture
async def emulator(services: Services) -> AsyncIterator[Emulator]:
    async with Emulator(services) as emu:
        yield emu


@pytest.fixture
async def connected(services: Services, emulator: Emulator) -> Services:
    """A workspace connected as the default user, sharing every account it may (read+write where allowed)."""
    await connect_workspace(services, emulator)
    return services


def structured(result: Any) -> dict[str, Any]:
    """The structured content of a successful tool call (fails the test on a tool error)."""
    assert not result.is_error, result.content[0].text if result.content else result
    assert result.structured_content is not None
    return dict(result.structured_content)


def error_text(result: Any) -> str:
    assert result.is_error, f"expected a tool error, got {result.structured_content}"
    return str(result.content[0].text)


def rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A list tool's positional rows, named by its columns as an agent would read them."""
    return [dict(zip(data["columns"], row, strict=True)) for row in data["rows"]]


class Agent:
    """An MCP client session with the calls a test story makes, failing loudly on tool errors."""

    def __init__(self, client: Any) -> None:
        self.client = client

    async def __call__(self, tool: str, **arguments: Any) -> dict[str, Any]:
        return structured(await self.client.call_tool(tool, arguments))

    async def error(self, tool: str, **arguments: Any) -> str:
        return error_text(await self.client.call_tool(tool, arguments))

    async def plan_and_apply(self, tool: str, **arguments: Any) -> dict[str, Any]:
        plan = await self(tool, **arguments)
        return await self("apply_change", change_id=plan["change_id"])
