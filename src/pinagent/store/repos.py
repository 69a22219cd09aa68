"""Queries over pinagent's own tables, so services never build SQL themselves."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pinagent.store.models import ApiKey, ChangeEvent, ChangePlan, Connection, SharedAdAccount, Workspace

DEFAULT_WORKSPACE_NAME = "Default workspace"


async def default_workspace(session: AsyncSession) -> Workspace:
    """The data dir's default workspace, created on first use."""
    workspace = (await session.scalars(select(Workspace).where(Workspace.is_default.is_(True)))).first()
    if workspace is None:
        workspace = Workspace(name=DEFAULT_WORKSPACE_NAME, is_default=True)
        session.add(workspace)
        await session.flush()
    return workspace


async def workspace_by_id(session: AsyncSession, workspace_id: str) -> Workspace | None:
    return await session.get(Workspace, workspace_id)


async def connection_for(session: AsyncSession, workspace_id: str) -> Connection:
    """The workspace's connection row (a 'not_connected' one is created on first use)."""
    connection = (await session.scalars(select(Connection).where(Connection.workspace_id == workspace_id))).first()
    if connection is None:
        connection = Connection(workspace_id=workspace_id, status="not_connected", scopes=[])
        session.add(connection)
        await session.flush()
    return connection


async def shared_accounts(session: AsyncSession, workspace_id: str) -> list[SharedAdAccount]:
    rows = await session.scalars(
        select(SharedAdAccount).where(SharedAdAccount.workspace_id == workspace_id).order_by(SharedAdAccount.name)
    )
    return list(rows)


async def shared_account(session: AsyncSession, workspace_id: str, ad_account_id: str) -> SharedAdAccount | None:
    return (
        await session.scalars(
            select(SharedAdAccount).where(
                SharedAdAccount.workspace_id == workspace_id,
                SharedAdAccount.ad_account_id == ad_account_id,
            )
        )
    ).first()


async def api_key_by_hash(session: AsyncSession, key_hash: str) -> ApiKey | None:
    return (
        await session.scalars(select(ApiKey).where(ApiKey.key_hash == key_hash, ApiKey.revoked_at.is_(None)))
    ).first()


async def api_keys(session: AsyncSession, workspace_id: str) -> list[ApiKey]:
    rows = await session.scalars(
        select(ApiKey).where(ApiKey.workspace_id == workspace_id).order_by(ApiKey.created_at.desc())
    )
    return list(rows)


async def change_plans(
    session: AsyncSession, workspace_id: str, status: str | None = None, limit: int = 50
) -> list[ChangePlan]:
    query = select(ChangePlan).where(ChangePlan.workspace_id == workspace_id)
    if status:
        query = query.where(ChangePlan.status == status)
    rows = await session.scalars(query.order_by(ChangePlan.created_at.desc()).limit(limit))
    return list(rows)


async def change_events(session: AsyncSession, workspace_id: str, change_id: str | None = None) -> list[ChangeEvent]:
    query = select(ChangeEvent).where(ChangeEvent.workspace_id == workspace_id)
    if change_id:
        query = query.where(ChangeEvent.change_id == change_id)
    return list(await session.scalars(query.order_by(ChangeEvent.id)))
