"""Typed async client for the Pinterest REST API v5.

Knows nothing of storage, tools or MCP. Start with :class:`PinterestClient`; errors are in
:mod:`pinagent.pinterest.errors`, money conversion in :mod:`pinagent.pinterest.money`, and the
per-attempt request-id records of ``client.capture()`` in :mod:`pinagent.pinterest.calls`.
"""

from . import errors
from .auth import StaticToken, TokenProvider
from .calls import CallRecord, capture_calls
from .client import DEFAULT_BASE_URL, PinterestClient
from .errors import (
    INVALID_GRANT_CODE,
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    PinterestConnectionError,
    PinterestError,
    RateLimitError,
    ScopeError,
    ServerError,
)
from .models import (
    Ad,
    AdAccount,
    AdAccountOwner,
    AdGroup,
    AnalyticsRow,
    Audience,
    Board,
    BoardOwner,
    BulkItemException,
    BulkItemResult,
    Campaign,
    Pin,
    PinAnalytics,
    PinAnalyticsMetrics,
    TokenResponse,
    UserAccount,
)
from .money import format_money, micro_to_units, units_to_micro
from .oauth import DEFAULT_OAUTH_BASE, authorize_url, exchange_code, refresh_token
from .pagination import Page, Pager
from .retry import RetryPolicy, default_jitter

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_OAUTH_BASE",
    "INVALID_GRANT_CODE",
    "Ad",
    "AdAccount",
    "AdAccountOwner",
    "AdGroup",
    "AnalyticsRow",
    "Audience",
    "AuthenticationError",
    "Board",
    "BoardOwner",
    "BulkItemException",
    "BulkItemResult",
    "CallRecord",
    "Campaign",
    "InvalidRequestError",
    "NotFoundError",
    "Page",
    "Pager",
    "PermissionDeniedError",
    "Pin",
    "PinAnalytics",
    "PinAnalyticsMetrics",
    "PinterestClient",
    "PinterestConnectionError",
    "PinterestError",
    "RateLimitError",
    "RetryPolicy",
    "ScopeError",
    "ServerError",
    "StaticToken",
    "TokenProvider",
    "TokenResponse",
    "UserAccount",
    "authorize_url",
    "capture_calls",
    "default_jitter",
    "errors",
    "exchange_code",
    "format_money",
    "micro_to_units",
    "refresh_token",
    "units_to_micro",
]
