"""The emulator in the same process: :func:`emulated_pinterest` (async context manager)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

import httpx2
from starlette.applications import Starlette

from pinagent.emulator import oauth
from pinagent.emulator.app import Emulator, create_app
from pinagent.emulator.config import EmulatorConfig
from pinagent.emulator.generator import DEFAULT_APP_ID
from pinagent.emulator.state import Tx

ORIGIN = "http://pinterest.emulator"
BASE_URL = ORIGIN + "/v5"


def _mint(tx: Tx, username: str, scopes: list[str]) -> dict[str, Any]:
    users = [u for u in tx.list("user") if u["username"] == username]
    if not users:
        raise ValueError(f"unknown user '{username}'")
    return oauth.mint_tokens(tx, DEFAULT_APP_ID, users[0]["id"], scopes, "authorization_code")


class EmulatedPinterest:
    """A running in-process emulator: its app, an ASGI transport and admin helpers."""

    base_url = BASE_URL

    def __init__(self, app: Starlette) -> None:
        self.app = app
        self.transport = httpx2.ASGITransport(app=app)
        self._admin = httpx2.AsyncClient(transport=self.transport, base_url=ORIGIN)

    @property
    def emulator(self) -> Emulator:
        """The app's runtime (config, store, dataset)."""
        runtime = self.app.state.emulator
        assert isinstance(runtime, Emulator)
        return runtime

    def client(self, access_token: str | None = None, **kwargs: Any) -> httpx2.AsyncClient:
        """An ``httpx2.AsyncClient`` on the emulator's base URL, optionally with a bearer token."""
        headers = dict(kwargs.pop("headers", {}))
        if access_token:
            headers["Authorization"] = f"Bearer {access_token}"
        return httpx2.AsyncClient(transport=self.transport, base_url=BASE_URL, headers=headers, **kwargs)

    async def issue_token(self, username: str, scopes: list[str]) -> dict[str, Any]:
        """Mint a token pair for ``username`` (as if they approved ``scopes`` for the default app).

        Raises:
            ValueError: unknown username.
        """
        return await self.emulator.store.run(partial(_mint, username=username, scopes=list(scopes)))

    async def _admin_call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self._admin.request(method, f"/_emulator/{path}", json=body)
        if response.status_code != 200:
            raise ValueError(f"/_emulator/{path}: {response.status_code} {response.text}")
        result = response.json()
        assert isinstance(result, dict)
        return result

    async def stats(self) -> dict[str, Any]:
        """``GET /_emulator/stats``."""
        return await self._admin_call("GET", "stats")

    async def fault(self, **body: Any) -> dict[str, Any]:
        """``POST /_emulator/faults`` with ``body`` (e.g. ``operation=…, kind=…, count=…``)."""
        return await self._admin_call("POST", "faults", body)

    async def reset(self) -> None:
        """``POST /_emulator/reset``."""
        await self._admin_call("POST", "reset")

    async def advance_clock(self, seconds: float) -> dict[str, Any]:
        """``POST /_emulator/clock``: move the emulator's now forward."""
        return await self._admin_call("POST", "clock", {"advance_seconds": seconds})

    async def aclose(self) -> None:
        """Close the admin client, the transport and the database connection."""
        await self._admin.aclose()
        await self.transport.aclose()
        self.emulator.close()


@asynccontextmanager
async def emulated_pinterest(config: EmulatorConfig | None = None) -> AsyncIterator[EmulatedPinterest]:
    """An emulated Pinterest for the duration of the block (private in-memory state by default)."""
    emulated = EmulatedPinterest(create_app(config or EmulatorConfig()))
    try:
        yield emulated
    finally:
        await emulated.aclose()
