"""Fixtures for the emulator's own tests: an in-process emulated Pinterest and tokens for it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx2
import pytest

from pinagent.emulator import DEFAULT_USERNAME, EmulatorConfig, emulated_pinterest
from pinagent.emulator.inprocess import EmulatedPinterest

ALL_SCOPES = [
    "user_accounts:read",
    "ads:read",
    "ads:write",
    "boards:read",
    "boards:read_secret",
    "boards:write",
    "boards:write_secret",
    "pins:read",
    "pins:read_secret",
    "pins:write",
    "pins:write_secret",
]
ACME_EU = "549764001001"  # owned by acme_outdoor, 14 campaigns
SHARED_ANALYST = "549764001002"  # owned by northpeak_agency, acme_outdoor is ANALYST
ACME_CATALOG = "549764001003"  # owned by acme_outdoor, 320 campaigns
NORTHPEAK_ONLY = "549764001004"  # not shared with acme_outdoor


@pytest.fixture
def config() -> EmulatorConfig:
    return EmulatorConfig(hang_seconds=0.3)


@pytest.fixture
async def emu(config: EmulatorConfig) -> AsyncIterator[EmulatedPinterest]:
    async with emulated_pinterest(config) as emulated:
        yield emulated


@pytest.fixture
async def token(emu: EmulatedPinterest) -> str:
    issued = await emu.issue_token(DEFAULT_USERNAME, ALL_SCOPES)
    return str(issued["access_token"])


@pytest.fixture
async def client(emu: EmulatedPinterest, token: str) -> AsyncIterator[httpx2.AsyncClient]:
    async with emu.client(token) as c:
        yield c
