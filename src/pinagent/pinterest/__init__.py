"""Typed async client for the Pinterest REST API v5.

Knows nothing of storage, tools or MCP. Start with :class:`PinterestClient`; errors are in
:mod:`pinagent.pinterest.errors`, money conversion in :mod:`pinagent.pinterest.money`.
"""

from . import errors
from .auth import StaticToken, TokenProvider
from .client import DEFAULT_BASE_URL, PinterestClient
from .errors import (
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
    AdAccount,
    AdAccountOwner,
    AnalyticsRow,
    BulkItemException,
    BulkItemResult,
    Campaign,
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
    "AdAccount",
    "AdAccountOwner",
    "AnalyticsRow",
    "AuthenticationError",
    "BulkItemException",
    "BulkItemResult",
    "Campaign",
    "InvalidRequestError",
    "NotFoundError",
    "Page",
    "Pager",
    "PermissionDeniedError",
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
    "default_jitter",
    "errors",
    "exchange_code",
    "format_money",
    "micro_to_units",
    "refresh_token",
    "units_to_micro",
]
