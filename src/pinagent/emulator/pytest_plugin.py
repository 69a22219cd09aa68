"""pytest fixture ``pinterest_emulator``: an in-process emulated Pinterest per test.

Enable with ``pytest_plugins = ["pinagent.emulator.pytest_plugin"]`` in a conftest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from pinagent.emulator.inprocess import EmulatedPinterest, emulated_pinterest


@pytest_asyncio.fixture
async def pinterest_emulator() -> AsyncIterator[EmulatedPinterest]:
    """A fresh emulated Pinterest (default dataset, in-memory state)."""
    async with emulated_pinterest() as emulated:
        yield emulated
