"""Pydantic models of what Pinterest returns, with wire field names.

Every model keeps unknown fields (``extra="allow"``) so nothing Pinterest adds is lost. Enum-like
fields are plain strings so a new value does not break parsing. Money stays in micro-currency ints
as on the wire; convert with :mod:`pinagent.pinterest.money`.
"""

from __future__ import annotations

from typing import Any, Generic, TypedDict, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = [
    "Ad",
    "AdAccount",
    "AdAccountOwner",
    "AdGroup",
    "AnalyticsRow",
    "Audience",
    "Board",
    "BoardOwner",
    "BulkItemException",
    "BulkItemResult",
    "Campaign",
    "Pin",
    "PinAnalytics",
    "PinAnalyticsMetrics",
    "PinDailyMetrics",
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


class AdGroup(PinterestModel):
    """An ad group. Budgets and bids are micro-currency ints; times are Unix seconds.

    ``targeting_spec`` maps keys like ``GEO``, ``AGE_BUCKET`` or ``INTEREST`` to lists of values.
    """

    id: str | None = None
    ad_account_id: str | None = None
    campaign_id: str | None = None
    name: str | None = None
    status: str | None = None
    summary_status: str | None = None
    budget_in_micro_currency: int | None = None
    bid_in_micro_currency: int | None = None
    budget_type: str | None = None
    bid_strategy_type: str | None = None
    billable_event: str | None = None
    start_time: int | None = None
    end_time: int | None = None
    targeting_spec: dict[str, Any] | None = None
    lifetime_frequency_cap: int | None = None
    tracking_urls: dict[str, Any] | None = None
    auto_targeting_enabled: bool | None = None
    placement_group: str | None = None
    pacing_delivery_type: str | None = None
    optimization_goal_metadata: dict[str, Any] | None = None
    bid_multiplier: float | None = None
    created_time: int | None = None
    updated_time: int | None = None
    type: str | None = None


class Ad(PinterestModel):
    """An ad (a promoted Pin). ``review_status`` and ``rejected_reasons`` explain a rejection."""

    id: str | None = None
    ad_account_id: str | None = None
    campaign_id: str | None = None
    ad_group_id: str | None = None
    pin_id: str | None = None
    name: str | None = None
    creative_type: str | None = None
    status: str | None = None
    summary_status: str | None = None
    review_status: str | None = None
    rejected_reasons: list[str] | None = None
    rejection_labels: list[str] | None = None
    destination_url: str | None = None
    click_tracking_url: str | None = None
    view_tracking_url: str | None = None
    tracking_urls: dict[str, Any] | None = None
    is_pin_deleted: bool | None = None
    is_removable: bool | None = None
    created_time: int | None = None
    updated_time: int | None = None
    type: str | None = None


class Audience(PinterestModel):
    """An audience of an ad account; ``rule`` depends on ``audience_type`` (FACTS §8)."""

    id: str | None = None
    ad_account_id: str | None = None
    name: str | None = None
    description: str | None = None
    audience_type: str | None = None
    rule: dict[str, Any] | None = None
    size: int | None = None
    status: str | None = None
    created_by_company_name: str | None = None
    created_timestamp: int | None = None
    updated_timestamp: int | None = None
    type: str | None = None


class BoardOwner(PinterestModel):
    username: str | None = None


class Board(PinterestModel):
    """A board. ``privacy`` is PUBLIC, PROTECTED or SECRET; ``created_at`` is an ISO date-time string."""

    id: str | None = None
    name: str | None = None
    description: str | None = None
    privacy: str | None = None
    owner: BoardOwner | None = None
    pin_count: int | None = None
    follower_count: int | None = None
    collaborator_count: int | None = None
    is_ads_only: bool | None = None
    media: dict[str, Any] | None = None
    created_at: str | None = None
    board_pins_modified_at: str | None = None


class Pin(PinterestModel):
    """A Pin. ``media`` describes images or video; ``created_at`` is an ISO date-time string."""

    id: str | None = None
    board_id: str | None = None
    board_section_id: str | None = None
    board_owner: BoardOwner | None = None
    title: str | None = None
    description: str | None = None
    link: str | None = None
    alt_text: str | None = None
    dominant_color: str | None = None
    media: dict[str, Any] | None = None
    creative_type: str | None = None
    parent_pin_id: str | None = None
    has_been_promoted: bool | None = None
    is_owner: bool | None = None
    is_standard: bool | None = None
    pin_metrics: dict[str, Any] | None = None
    created_at: str | None = None


class PinDailyMetrics(TypedDict, total=False):
    """One day of ``GET /pins/{id}/analytics``: ``data_status`` is READY, PROCESSING, ESTIMATE, …"""

    date: str
    data_status: str
    metrics: dict[str, float]


class PinAnalyticsMetrics(TypedDict, total=False):
    """The metrics of one split value (``"all"`` with NO_SPLIT, e.g. ``"WEB"`` with APP_TYPE)."""

    daily_metrics: list[PinDailyMetrics]
    summary_metrics: dict[str, float]
    lifetime_metrics: dict[str, float]


#: ``GET /pins/{id}/analytics`` as on the wire: a plain dict keyed by split value.
PinAnalytics = dict[str, PinAnalyticsMetrics]


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
