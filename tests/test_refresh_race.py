"""Two workers refresh the same rotating token at the same moment: the loser adopts the winner's tokens.

Each worker is its own Services (as in two processes); a barrier in front of Pinterest's token endpoint
holds both refresh requests until both have been sent, so the race happens every time.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from pinagent.config import Settings
from pinagent.connect import tokens
from pinagent.services import Services
from pinagent.store.repos import connection_for
from tests.support.flows import Emulator, connect_workspace


class LockPerCaller(dict[str, asyncio.Lock]):
    """What two processes see: each caller gets its own refresh lock."""

    def setdefault(self, key: str, default: asyncio.Lock | None = None) -> asyncio.Lock:
        return asyncio.Lock()


class TokenEndpointBarrier:
    """ASGI wrapper: requests to /v5/oauth/token wait until ``parties`` of them have arrived."""

    def __init__(self, app: Any, parties: int) -> None:
        self.app = app
        self.parties = parties
        self.arrived = 0
        self.all_here = asyncio.Event()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("path") == "/v5/oauth/token" and not self.all_here.is_set():
            self.arrived += 1
            if self.arrived >= self.parties:
                self.all_here.set()
            await asyncio.wait_for(self.all_here.wait(), timeout=10)
        await self.app(scope, receive, send)


async def test_racing_refreshers_keep_the_connection(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    first = await Services.start(Settings.from_env(env))
    second = await Services.start(Settings.from_env(env))
    try:
        async with Emulator(first) as emulator:
            await connect_workspace(first, emulator)
            await emulator.admin("clock", {"advance_seconds": 31 * 24 * 3600})  # access token expired
            token_calls = (await emulator.admin("stats"))["requests"]["oauth/token"]
        barrier = TokenEndpointBarrier(first.app.emulator_asgi, parties=2)
        for services in (first, second):
            services.app.emulator_asgi = barrier
        # Separate processes do not share the in-process refresh lock.
        monkeypatch.setattr(tokens, "_refresh_locks", LockPerCaller())

        workspace_id = await first.default_workspace_id()

        async def profile(services: Services) -> str | None:
            async with services.connect.client(workspace_id) as client:
                return (await client.user_account.get()).username

        names = await asyncio.gather(profile(first), profile(second))
        assert names == ["acme_outdoor", "acme_outdoor"]
        assert barrier.arrived == 2  # both refreshed at once; one refresh token was already rotated away
        async with first.db.session() as session:
            connection = await connection_for(session, workspace_id)
        assert connection.status == "active"
        async with Emulator(first) as emulator:
            assert (await emulator.admin("stats"))["requests"]["oauth/token"] == token_calls + 2
    finally:
        await first.close()
        await second.close()
