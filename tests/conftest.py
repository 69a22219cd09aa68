"""Shared fixtures: a data dir, pinagent's services on the embedded emulator, an MCP client."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from tests.support.flows import Emulator, connect_workspace

from pinagent.config import Settings
from pinagent.services import Services

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
    started = await Services.start(Settings.from_env(env))
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
