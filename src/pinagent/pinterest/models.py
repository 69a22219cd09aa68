"""Pydantic models of what Pinterest returns, with wire field names.

Every model keeps unknown fields (``extra="allow"``) so nothing Pinterest adds is lost. Enum-like
fields are plain strings so a new value does not break parsing. Money stays in micro-currency ints
as on the wire; convert with :mod:`pinagent.pinterest.money`.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "AdAccount",
    "AdAccountOwner",
    "AnalyticsRow",
    "BulkItemException",
    "BulkItemResult",
    "Campaign",
    "PinterestModel",
    "TokenResponse",
    "UserAccount",
]

T = TypeVar("T")


class PinterestModel(BaseModel):
    """Base of all models: unknown fields are kept."""

    model_config = ConfigDict(extra="allow")


class UserAccount(PinterestModel):
    """``GET /user_account``. ``account_type`` is PINNER or BUSINESS (ads need BUSINESS)."""

    id: str | None = None
    username: str | None = None
    account_type: str | None = None
    business_name: str | None = None
    profile_image: str | None = None
    website_url: str | None = None
    about: str | None = None
    board_count: int | None = None
    follower_count: int | None = None
    following_count: int | None = None
    pin_count: int | None = None
    monthly_views: int | None = None


class AdAccountOwner(PinterestModel):
    id: str | None = None
    username: str | None = None


class AdAccount(PinterestModel):
    """An ad account; ``permissions`` are the user's Business Access roles (e.g. OWNER, ANALYST)."""

    id: str
    name: str | None = None
    owner: AdAccountOwner | None = None
    country: str | None = None
    currency: str | None = None
    permissions: list[str] = Field(default_factory=list)
    created_time: int | None = None
    updated_time: int | None = None


class Campaign(PinterestModel):
    """A campaign. Spend caps and budgets are micro-currency ints; times are Unix seconds."""

    id: str | None = None
    ad_account_id: str | None = None
    name: str | None = None
    status: str | None = None
    summary_status: str | None = None
    objective_type: str | None = None
    daily_spend_cap: int | None = None
    lifetime_spend_cap: int | None = None
    default_ad_group_budget_in_micro_currency: int | None = None
    is_campaign_budget_optimization: bool | None = None
    is_flexible_daily_budgets: bool | None = None
    is_performance_plus: bool | None = None
    is_automated_campaign: bool | None = None
    start_time: int | None = None
    end_time: int | None = None
    created_time: int | None = None
    updated_time: int | None = None
    order_line_id: str | None = None
    tracking_urls: dict[str, Any] | None = None
    bid_options: dict[str, Any] | None = None
    type: str | None = None


class BulkItemException(PinterestModel):
    """One per-item failure of a bulk create/update."""

    code: int | None = None
    message: str | None = None


class BulkItemResult(PinterestModel, Generic[T]):
    """One item of a bulk create/update response: the entity, or why it failed.

    ``exceptions`` is a list even where the spec types it as a single object (ads, FACTS §7).
    """

    data: T | None = None
    exceptions: list[BulkItemException] = Field(default_factory=list)

    @field_validator("exceptions", mode="before")
    @classmethod
    def _exceptions_as_list(cls, value: Any) -> Any:
        if value is None:
            return []
        if isinstance(value, dict):
            return [value] if value else []
        return value

    @property
    def ok(self) -> bool:
        """True when the item reported no exception."""
        return not self.exceptions


class AnalyticsRow(dict[str, Any]):
    """One flat analytics row, e.g. ``{"DATE": "2021-04-01", "CAMPAIGN_ID": "5476", "SPEND_IN_DOLLAR": 30}``.

    A plain dict (columns are dynamic); missing columns may simply be absent.
    """

    @property
    def date(self) -> str | None:
        """The ``DATE`` column (only present for time-based granularities)."""
        value = self.get("DATE")
        return value if isinstance(value, str) else None


class TokenResponse(PinterestModel):
    """``POST /oauth/token`` answer. Tokens are hidden from ``repr``; store the new refresh token."""

    access_token: str = Field(repr=False)
    token_type: str = "bearer"  # noqa: S105 - a token type, not a secret
    expires_in: int | None = None
    scope: str | None = None
    response_type: str | None = None
    refresh_token: str | None = Field(default=None, repr=False)
    refresh_token_expires_in: int | None = None
    refresh_token_expires_at: int | None = None

    @property
    def scopes(self) -> list[str]:
        """Granted scopes (the wire value is comma-separated)."""
        if not self.scope:
            return []
        return [s for s in self.scope.replace(" ", ",").split(",") if s]
