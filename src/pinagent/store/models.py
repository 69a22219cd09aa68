"""SQLAlchemy models: the service's own state (workspaces, connections, plans, history).

Pinterest's data is never stored here beyond what a connection needs (ids, names, currency) —
Pinterest stays the source of truth for campaigns and metrics.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite drops tzinfo otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; pinagent stores UTC-aware datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Workspace(Base):
    __tablename__ = "workspaces"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    approval_policy: Mapped[str] = mapped_column(String(32), default="spend_and_activation")
    # Read-only: no write or change tool works. Frozen: plans may be made, nothing is applied.
    read_only: Mapped[bool] = mapped_column(Boolean, default=False)
    frozen: Mapped[bool] = mapped_column(Boolean, default=False)
    frozen_by: Mapped[str | None] = mapped_column(String(200), default=None)
    frozen_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Connection(Base):
    """The workspace's Pinterest connection; tokens are encrypted with the vault key."""

    __tablename__ = "connections"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"), unique=True)
    status: Mapped[str] = mapped_column(String(32), default="not_connected")
    status_reason: Mapped[str | None] = mapped_column(Text, default=None)
    api_base_url: Mapped[str] = mapped_column(String(500), default="")
    pinterest_user_id: Mapped[str | None] = mapped_column(String(64), default=None)
    username: Mapped[str | None] = mapped_column(String(200), default=None)
    account_type: Mapped[str | None] = mapped_column(String(32), default=None)
    business_name: Mapped[str | None] = mapped_column(String(200), default=None)
    scopes: Mapped[list[Any]] = mapped_column(default=list)
    access_token_enc: Mapped[str | None] = mapped_column(Text, default=None)
    refresh_token_enc: Mapped[str | None] = mapped_column(Text, default=None)
    access_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    refresh_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    # Bumped on every token rotation so concurrent refreshers can detect they lost the race.
    token_version: Mapped[int] = mapped_column(Integer, default=0)
    connected_at: Mapped[datetime | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SharedAdAccount(Base):
    """An ad account the admin chose to share with the agent, and how (read or read_write)."""

    __tablename__ = "shared_ad_accounts"
    __table_args__ = (UniqueConstraint("workspace_id", "ad_account_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"), index=True)
    ad_account_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(300))
    currency: Mapped[str] = mapped_column(String(8))
    permissions: Mapped[list[Any]] = mapped_column(default=list)
    mode: Mapped[str] = mapped_column(String(16), default="read")
    # Spend caps an admin sets: the largest daily budget in micro-currency, the largest % raise per change.
    max_daily_budget: Mapped[int | None] = mapped_column(BigInteger, default=None)
    max_increase_pct: Mapped[float | None] = mapped_column(Float, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OAuthState(Base):
    """A consent round trip in flight (CSRF state and where to come back to)."""

    __tablename__ = "oauth_states"

    state: Mapped[str] = mapped_column(String(64), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"))
    redirect_uri: Mapped[str] = mapped_column(String(500))
    purpose: Mapped[str] = mapped_column(String(16), default="connect")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()


class ApiKey(Base):
    """A workspace API key for MCP over HTTP; only its SHA-256 is stored."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class ChangePlan(Base):
    """A described, not yet applied change; the payload is bound by its hash."""

    __tablename__ = "change_plans"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"), index=True)
    tool: Mapped[str] = mapped_column(String(64))
    ad_account_id: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column()
    payload_hash: Mapped[str] = mapped_column(String(64))
    diff: Mapped[list[Any]] = mapped_column()
    warnings: Mapped[list[Any]] = mapped_column(default=list)
    # Budgets and bids the plan sets, so spend caps are checked again at apply time.
    money: Mapped[list[Any]] = mapped_column(default=list)
    requires_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="planned", index=True)
    reason: Mapped[str | None] = mapped_column(Text, default=None)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    approved_by: Mapped[str | None] = mapped_column(String(200), default=None)
    applied_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class ChangeEvent(Base):
    """Append-only history: one row per plan, approval, refusal, apply, readback, undo."""

    __tablename__ = "change_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workspace_id: Mapped[str] = mapped_column(ForeignKey("workspaces.id"), index=True)
    change_id: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    pinterest_request_ids: Mapped[list[Any]] = mapped_column(default=list)
