"""Access tokens for a workspace: refreshed before expiry and on 401, rotated safely.

Pinterest rotates the refresh token on every refresh, so the new pair is written to the
database before the new access token is used; a refresher that loses a race (another worker
or process refreshed first) adopts the winner's tokens instead of declaring the connection broken.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import update

from pinagent.connect.app import PinterestApp
from pinagent.connect.errors import NeedsReconnectError, NotConnectedError
from pinagent.connect.states import ConnectionStatus
from pinagent.connect.vault import TokenVault
from pinagent.pinterest import oauth
from pinagent.pinterest.errors import PinterestConnectionError, PinterestError, RateLimitError, ServerError
from pinagent.pinterest.models import TokenResponse
from pinagent.store.db import Database
from pinagent.store.models import Connection, utcnow
from pinagent.store.repos import connection_for

logger = logging.getLogger(__name__)

REFRESH_MARGIN = timedelta(minutes=5)
# How long a refresher whose refresh token was just used by another process waits for that winner's tokens.
ROTATION_GRACE_SECONDS = 2.0
RECONNECT_HINT = "click Reconnect on the Pinterest card in the pinagent console (or run `pinagent connect`)"

_refresh_locks: dict[str, asyncio.Lock] = {}


def token_expiries(tokens: TokenResponse, now: datetime) -> tuple[datetime | None, datetime | None]:
    access = now + timedelta(seconds=tokens.expires_in) if tokens.expires_in else None
    refresh_in = tokens.refresh_token_expires_in
    refresh = now + timedelta(seconds=refresh_in) if refresh_in else None
    return access, refresh


class WorkspaceTokens:
    """The TokenProvider the Pinterest client uses for one workspace."""

    def __init__(
        self,
        db: Database,
        vault: TokenVault,
        app: PinterestApp,
        workspace_id: str,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._db = db
        self._vault = vault
        self._app = app
        self._workspace_id = workspace_id
        self._clock = clock

    async def get_token(self) -> str:
        """The current access token, refreshed first when it is about to expire.

        Raises:
            NotConnectedError: the workspace never connected or was disconnected.
            NeedsReconnectError: the connection is broken and needs a new consent.
        """
        connection = await self._load()
        expires = connection.access_expires_at
        if expires is not None and expires - self._clock() < REFRESH_MARGIN:
            return await self._refresh(connection.token_version)
        assert connection.access_token_enc is not None
        return self._vault.decrypt(connection.access_token_enc)

    async def refresh(self, rejected_token: str) -> str | None:
        """Called after Pinterest answered 401 to ``rejected_token``."""
        connection = await self._load()
        assert connection.access_token_enc is not None
        current = self._vault.decrypt(connection.access_token_enc)
        if current != rejected_token:
            return current  # another request already refreshed
        return await self._refresh(connection.token_version)

    async def _load(self) -> Connection:
        async with self._db.session() as session:
            connection = await connection_for(session, self._workspace_id)
        status = ConnectionStatus(connection.status)
        if status is ConnectionStatus.NEEDS_RECONNECT:
            raise NeedsReconnectError(connection.status_reason or "Pinterest no longer accepts the stored access")
        if status is not ConnectionStatus.ACTIVE or not connection.access_token_enc:
            raise NotConnectedError()
        return connection

    async def _refresh(self, seen_version: int) -> str:
        lock = _refresh_locks.setdefault(self._workspace_id, asyncio.Lock())
        async with lock:
            connection = await self._load()
            assert connection.access_token_enc is not None
            if connection.token_version != seen_version:
                return self._vault.decrypt(connection.access_token_enc)
            if connection.refresh_token_enc is None:
                reason = "Pinterest gave no refresh token, so the expired access cannot be renewed"
                await mark_needs_reconnect(self._db, self._workspace_id, reason)
                raise NeedsReconnectError(reason)
            try:
                tokens = await oauth.refresh_token(
                    self._app.api_url,
                    self._app.app_id,
                    self._app.app_secret,
                    self._vault.decrypt(connection.refresh_token_enc),
                    transport=self._app.transport(),
                )
            except (PinterestConnectionError, ServerError, RateLimitError):
                # Pinterest is unwell or busy, not refusing: keep the connection and let the next call retry
                # (a refresh that Pinterest committed but never answered shows up as Needs reconnect then).
                raise
            except PinterestError as exc:
                return await self._refresh_failed(seen_version, exc)
            await self._store(seen_version, tokens)
            logger.info("Refreshed Pinterest tokens for workspace %s", self._workspace_id)
            return tokens.access_token

    async def _store(self, seen_version: int, tokens: TokenResponse) -> None:
        access_expires, refresh_expires = token_expiries(tokens, self._clock())
        values: dict[str, object] = {
            "access_token_enc": self._vault.encrypt(tokens.access_token),
            "access_expires_at": access_expires,
            "token_version": seen_version + 1,
            "updated_at": self._clock(),
        }
        if tokens.refresh_token:
            values["refresh_token_enc"] = self._vault.encrypt(tokens.refresh_token)
            values["refresh_expires_at"] = refresh_expires
        async with self._db.session() as session:
            result = await session.execute(
                update(Connection)
                .where(
                    Connection.workspace_id == self._workspace_id,
                    Connection.token_version == seen_version,
                    Connection.status == ConnectionStatus.ACTIVE,
                )
                .values(**values)
            )
        if not result.rowcount:  # type: ignore[attr-defined]
            # Disconnected (or reconnected) while refreshing: the new token must not be used.
            await self._load()
            raise NotConnectedError()

    async def _refresh_failed(self, seen_version: int, exc: PinterestError) -> str:
        # Another process may have used the same refresh token a moment earlier: Pinterest then refuses
        # ours as already used, and the winner's new pair lands in the database within moments.
        deadline = asyncio.get_running_loop().time() + ROTATION_GRACE_SECONDS
        while True:
            connection = await self._load()
            if connection.token_version != seen_version and connection.access_token_enc:
                return self._vault.decrypt(connection.access_token_enc)
            if asyncio.get_running_loop().time() >= deadline:
                break
            await asyncio.sleep(0.1)
        reason = f"Pinterest refused to refresh the access token ({exc.message})"
        await mark_needs_reconnect(self._db, self._workspace_id, reason)
        raise NeedsReconnectError(reason) from exc


async def mark_needs_reconnect(db: Database, workspace_id: str, reason: str) -> None:
    """Record that the connection needs a new consent; tokens stay until reconnect or disconnect."""
    async with db.session() as session:
        connection = await connection_for(session, workspace_id)
        if connection.status == ConnectionStatus.ACTIVE:
            connection.status = ConnectionStatus.NEEDS_RECONNECT
            connection.status_reason = reason
    logger.warning("Pinterest connection of workspace %s needs reconnect: %s", workspace_id, reason)
