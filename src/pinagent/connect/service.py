"""The connect flow: consent, token exchange, ad-account choice, reconnect and disconnect."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete

from pinagent.config import REQUESTED_SCOPES
from pinagent.connect.app import PinterestApp
from pinagent.connect.errors import ConnectError
from pinagent.connect.states import AccountMode, ConnectionStatus, can_write_ads
from pinagent.connect.tokens import WorkspaceTokens, token_expiries
from pinagent.connect.vault import TokenVault
from pinagent.pinterest import PinterestClient, oauth
from pinagent.pinterest.errors import PinterestError
from pinagent.store.db import Database
from pinagent.store.models import OAuthState, SharedAdAccount, utcnow
from pinagent.store.repos import connection_for, shared_accounts

logger = logging.getLogger(__name__)

STATE_TTL = timedelta(minutes=15)


@dataclass(frozen=True)
class AccountChoice:
    """An ad account the connected user can access, as offered in the picker."""

    ad_account_id: str
    name: str
    currency: str
    permissions: list[str]
    owner_username: str | None
    can_write: bool
    shared_mode: str | None  # the current selection: None, "read" or "read_write"


@dataclass(frozen=True)
class ConsentResult:
    workspace_id: str
    purpose: str


class ConnectService:
    """Drives a workspace's Pinterest connection through its states (PRODUCT.md §5)."""

    def __init__(self, db: Database, vault: TokenVault, app: PinterestApp) -> None:
        self.db = db
        self.vault = vault
        self.app = app

    def client(self, workspace_id: str) -> PinterestClient:
        """A Pinterest client acting with the workspace's tokens."""
        tokens = WorkspaceTokens(self.db, self.vault, self.app, workspace_id)
        return PinterestClient(self.app.api_url, auth=tokens, transport=self.app.transport(), timeout=self.app.timeout)

    async def begin(self, workspace_id: str, redirect_uri: str, purpose: str = "connect") -> str:
        """Start a consent round trip; returns the Pinterest authorization URL to send the person to."""
        state = secrets.token_urlsafe(24)
        async with self.db.session() as session:
            session.add(
                OAuthState(
                    state=state,
                    workspace_id=workspace_id,
                    redirect_uri=redirect_uri,
                    purpose=purpose,
                    expires_at=utcnow() + STATE_TTL,
                )
            )
        return oauth.authorize_url(self.app.oauth_url, self.app.app_id, redirect_uri, list(REQUESTED_SCOPES), state)

    async def complete(self, state: str, code: str | None, error: str | None) -> ConsentResult:
        """Finish consent: exchange the code and store the encrypted tokens.

        Raises:
            ConnectError: the state is unknown or expired, consent was denied, or the exchange failed.
        """
        async with self.db.session() as session:
            pending = await session.get(OAuthState, state)
            if pending is not None:
                await session.delete(pending)
        if pending is None or pending.expires_at < utcnow():
            raise ConnectError("This Pinterest sign-in link has expired or was already used. Click Connect again.")
        if error or not code:
            raise ConnectError(
                "Pinterest access was not granted"
                + (f" ({error})" if error else "")
                + ". Click Connect and choose Allow to connect Pinterest."
            )
        try:
            tokens = await oauth.exchange_code(
                self.app.api_url,
                self.app.app_id,
                self.app.app_secret,
                code,
                pending.redirect_uri,
                transport=self.app.transport(),
            )
        except PinterestError as exc:
            raise ConnectError(f"Pinterest did not accept the sign-in: {exc.message}. Click Connect again.") from exc
        now = utcnow()
        access_expires, refresh_expires = token_expiries(tokens, now)
        async with self.db.session() as session:
            connection = await connection_for(session, pending.workspace_id)
            previous_user = connection.pinterest_user_id
            connection.status = ConnectionStatus.ACTIVE
            connection.status_reason = None
            connection.api_base_url = self.app.api_url
            connection.scopes = sorted(s for s in (tokens.scope or "").replace(",", " ").split() if s)
            connection.access_token_enc = self.vault.encrypt(tokens.access_token)
            connection.refresh_token_enc = self.vault.encrypt(tokens.refresh_token) if tokens.refresh_token else None
            connection.access_expires_at = access_expires
            connection.refresh_expires_at = refresh_expires
            connection.token_version = connection.token_version + 1
            connection.connected_at = now
        user_id = await self._load_profile(pending.workspace_id)
        if previous_user and previous_user != user_id:
            await self._recheck_selection(pending.workspace_id)
        logger.info("Workspace %s connected Pinterest (%s)", pending.workspace_id, pending.purpose)
        return ConsentResult(workspace_id=pending.workspace_id, purpose=pending.purpose)

    async def _recheck_selection(self, workspace_id: str) -> None:
        """Another Pinterest user now: keep only the shared accounts they can reach, with their roles."""
        offered = {choice.ad_account_id: choice for choice in await self.account_choices(workspace_id)}
        async with self.db.session() as session:
            for row in await shared_accounts(session, workspace_id):
                choice = offered.get(row.ad_account_id)
                if choice is None:
                    await session.delete(row)
                    continue
                row.permissions = choice.permissions
                if not choice.can_write:
                    row.mode = AccountMode.READ.value
        logger.info("Workspace %s reconnected as another Pinterest user; shared accounts re-checked", workspace_id)

    async def _load_profile(self, workspace_id: str) -> str | None:
        async with self.client(workspace_id) as client:
            user = await client.user_account.get()
        async with self.db.session() as session:
            connection = await connection_for(session, workspace_id)
            connection.username = user.username
            connection.account_type = user.account_type
            connection.business_name = user.business_name
            connection.pinterest_user_id = user.id
        return user.id

    async def account_choices(self, workspace_id: str) -> list[AccountChoice]:
        """Every ad account the connected user can access, with the current selection."""
        async with self.db.session() as session:
            current = {row.ad_account_id: row.mode for row in await shared_accounts(session, workspace_id)}
        choices: list[AccountChoice] = []
        async with self.client(workspace_id) as client:
            async for account in client.ad_accounts.list():
                permissions = list(account.permissions or [])
                choices.append(
                    AccountChoice(
                        ad_account_id=account.id,
                        name=account.name or account.id,
                        currency=account.currency or "",
                        permissions=permissions,
                        owner_username=account.owner.username if account.owner else None,
                        can_write=can_write_ads(permissions),
                        shared_mode=current.get(account.id),
                    )
                )
        return sorted(choices, key=lambda c: c.name.lower())

    async def save_selection(self, workspace_id: str, selection: dict[str, AccountMode]) -> list[SharedAdAccount]:
        """Replace the shared ad accounts with ``selection`` (ad account id → mode).

        Raises:
            ConnectError: an id is not accessible to the connected user, or read_write was chosen
                where the user has no write role.
        """
        offered = {choice.ad_account_id: choice for choice in await self.account_choices(workspace_id)}
        rows: list[SharedAdAccount] = []
        for ad_account_id, mode in selection.items():
            choice = offered.get(ad_account_id)
            if choice is None:
                raise ConnectError(f"Ad account {ad_account_id} is not accessible to the connected Pinterest user.")
            if mode is AccountMode.READ_WRITE and not choice.can_write:
                raise ConnectError(
                    f"{choice.name} can only be shared read-only: the connected user's role there "
                    f"({', '.join(choice.permissions) or 'none'}) does not allow changes."
                )
            rows.append(
                SharedAdAccount(
                    workspace_id=workspace_id,
                    ad_account_id=ad_account_id,
                    name=choice.name,
                    currency=choice.currency,
                    permissions=choice.permissions,
                    mode=mode.value,
                )
            )
        async with self.db.session() as session:
            await session.execute(delete(SharedAdAccount).where(SharedAdAccount.workspace_id == workspace_id))
            session.add_all(rows)
        return rows

    async def disconnect(self, workspace_id: str) -> None:
        """Delete the tokens at once; from here no tool can reach Pinterest."""
        async with self.db.session() as session:
            connection = await connection_for(session, workspace_id)
            connection.status = ConnectionStatus.DISCONNECTED
            connection.status_reason = None
            connection.access_token_enc = None
            connection.refresh_token_enc = None
            connection.access_expires_at = None
            connection.refresh_expires_at = None
            connection.token_version = connection.token_version + 1
        logger.info("Workspace %s disconnected Pinterest", workspace_id)
