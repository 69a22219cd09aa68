"""The process-wide services every surface (console, MCP, CLI) shares."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pinagent.config import Settings
from pinagent.connect.app import PinterestApp, resolve_pinterest_app
from pinagent.connect.service import ConnectService
from pinagent.connect.vault import TokenVault
from pinagent.store.db import Database
from pinagent.store.repos import default_workspace


@dataclass
class Services:
    settings: Settings
    db: Database
    vault: TokenVault
    app: PinterestApp
    connect: ConnectService

    @classmethod
    async def start(
        cls, settings: Settings, local_url: str | None = None, emulator_options: Mapping[str, Any] | None = None
    ) -> Services:
        """Open the database (migrating it to the newest schema) and resolve the Pinterest in use."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        db = Database(settings.database_url)
        await db.upgrade()
        vault = TokenVault.from_settings(settings.secret_key, settings.data_dir)
        app = resolve_pinterest_app(settings, local_url, emulator_options)
        return cls(settings=settings, db=db, vault=vault, app=app, connect=ConnectService(db, vault, app))

    async def default_workspace_id(self) -> str:
        async with self.db.session() as session:
            return (await default_workspace(session)).id

    async def close(self) -> None:
        await self.db.dispose()
