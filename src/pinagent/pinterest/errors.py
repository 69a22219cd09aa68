"""Every failure the Pinterest client raises, and the one function that maps a wire response to it.

The tree::

    PinterestError                  status, code, message, request_id, pinterest_request_id, operation
    ├── AuthenticationError         401 code 2, code 1104, 401 code 283 / OAuth invalid_grant: token,
    │                               authorization code or refresh token invalid/expired/revoked/reused
    ├── ScopeError                  401 code 3: the token lacks a scope (``required_scopes``)
    ├── PermissionDeniedError       403 (e.g. code 29), 401 code 7: no access to this resource
    ├── NotFoundError               404
    ├── InvalidRequestError         400 and other 4xx: bad input (``field`` when the message names one)
    ├── RateLimitError              429 (code 8): ``retry_after``, ``reset_at``, ``is_daily``
    ├── ServerError                 5xx
    └── PinterestConnectionError    network failure or timeout; ``ambiguous`` when a write may have landed

``request_id`` is pinagent's own id for the call (sent as ``X-Request-Id``); ``pinterest_request_id``
comes from the ``x-pinterest-rid`` response header. Both are in ``str(err)`` so a person can quote
them to support. Messages are scrubbed of anything that looks like a token before they are stored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2

__all__ = [
    "INVALID_GRANT_CODE",
    "AuthenticationError",
    "InvalidRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "PinterestConnectionError",
    "PinterestError",
    "RateLimitError",
    "ScopeError",
    "ServerError",
    "error_from_response",
    "redact",
]

#: 401 code 283 "The authorization grant is invalid": the authorization code or refresh token is
#: invalid, expired, revoked or was already used (pinterest/pinterest-python-sdk#114).
INVALID_GRANT_CODE = 283
_INVALID_GRANT_HINT = "the authorization code or refresh token is invalid, expired, revoked or was already used"

#: Seconds to reset above which a 429 is the daily (Trial) quota: Standard limits are per minute, so a
#: reset further away than one minute window can only be the day's. (In the last minute of a UTC day a
#: daily reset looks like a minute's, and "retry after N seconds" is then true either way.)
DAILY_RESET_THRESHOLD_SECONDS = 60.0

# Scopes each known operation needs (FACTS §2), used when a code-3 message does not name them.
_OPERATION_SCOPES: dict[str, tuple[str, ...]] = {
    "user_account/get": ("user_accounts:read",),
    "ad_accounts/list": ("ads:read",),
    "ad_accounts/get": ("ads:read",),
    "ad_account/analytics": ("ads:read",),
    "campaigns/list": ("ads:read",),
    "campaigns/get": ("ads:read",),
    "campaigns/analytics": ("ads:read",),
    "campaigns/create": ("ads:write",),
    "campaigns/update": ("ads:write",),
    "ad_groups/list": ("ads:read",),
    "ad_groups/get": ("ads:read",),
    "ad_groups/analytics": ("ads:read",),
    "ad_groups/create": ("ads:write",),
    "ad_groups/update": ("ads:write",),
    "ads/list": ("ads:read",),
    "ads/get": ("ads:read",),
    "ads/analytics": ("ads:read",),
    "ads/create": ("ads:write",),
    "ads/update": ("ads:write",),
    "audiences/list": ("ads:read",),
    "audiences/get": ("ads:read",),
    "audiences/create": ("ads:write",),
    "audiences/update": ("ads:write",),
    "boards/list": ("boards:read",),
    "boards/get": ("boards:read",),
    "boards/create": ("boards:read", "boards:write"),
    "boards/list_pins": ("boards:read", "pins:read"),
    "pins/list": ("boards:read", "pins:read"),
    "pins/get": ("boards:read", "pins:read"),
    "pins/create": ("boards:read", "boards:write", "pins:read", "pins:write"),
    "pins/analytics": ("boards:read", "pins:read"),
}

# Pinterest access/refresh tokens start with pina_/pinr_; also catch a stray "Bearer <x>".
_TOKEN_PATTERN = re.compile(r"\bpin[ar]_[A-Za-z0-9._~+/=-]{8,}|\bBearer\s+\S+", re.IGNORECASE)
_SCOPE_PATTERN = re.compile(r"\b[a-z_]+:(?:read|write|read_secret|write_secret)\b")
_FIELD_PATTERN = re.compile(r"(?:[Pp]arameter\s+)?'([A-Za-z_][\w.\[\]]*)'")
_AUTH_OAUTH_ERRORS = frozenset({"invalid_grant", "invalid_token", "invalid_client", "unauthorized_client"})


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Remove the given secrets and anything shaped like a Pinterest token from ``text``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[REDACTED]")
    return _TOKEN_PATTERN.sub("[REDACTED]", text)


class PinterestError(Exception):
    """Base class of every error the client raises."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: int | None = None,
        request_id: str = "",
        pinterest_request_id: str | None = None,
        operation: str | None = None,
    ) -> None:
        self.message = redact(message)
        self.status = status
        self.code = code
        self.request_id = request_id
        self.pinterest_request_id = pinterest_request_id
        self.operation = operation
        #: For chunked bulk writes: results of the chunks that succeeded before this error.
        self.completed_results: list[Any] = []
        super().__init__(self.message)

    def _reference(self) -> str:
        parts = []
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.code is not None:
            parts.append(f"Pinterest code {self.code}")
        if self.operation:
            parts.append(f"operation {self.operation}")
        if self.request_id:
            parts.append(f"request id {self.request_id}")
        if self.pinterest_request_id:
            parts.append(f"Pinterest request id {self.pinterest_request_id}")
        return "; ".join(parts)

    def __str__(self) -> str:
        reference = self._reference()
        return f"{self.message} ({reference})" if reference else self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status={self.status}, code={self.code})"


class AuthenticationError(PinterestError):
    """The access token is invalid, expired or revoked (or the app credentials were rejected)."""


class ScopeError(PinterestError):
    """The token was not granted a scope this operation needs."""

    def __init__(self, message: str, *, required_scopes: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.required_scopes = required_scopes

    def __str__(self) -> str:
        base = super().__str__()
        if self.required_scopes:
            return f"{base} [required scopes: {', '.join(self.required_scopes)}]"
        return base


class PermissionDeniedError(PinterestError):
    """The user may not access this resource (e.g. no Business Access role on the ad account)."""


class NotFoundError(PinterestError):
    """The resource does not exist or is not visible to this user."""


class InvalidRequestError(PinterestError):
    """Pinterest rejected the input; ``field`` names the offending parameter when it can be read."""

    def __init__(self, message: str, *, field: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.field = field


class RateLimitError(PinterestError):
    """A rate limit was hit; nothing was executed. ``retry_after`` is in seconds."""

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        reset_at: datetime | None = None,
        is_spam_block: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after
        self.reset_at = reset_at
        self.is_spam_block = is_spam_block

    @property
    def is_daily(self) -> bool:
        """Heuristic: a reset more than an hour away means the daily quota is exhausted."""
        return self.retry_after is not None and self.retry_after > DAILY_RESET_THRESHOLD_SECONDS

    def __str__(self) -> str:
        base = super().__str__()
        if self.reset_at is None:
            return base
        when = self.reset_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        scope = "daily limit exhausted until" if self.is_daily else "retry after"
        return f"{base} [{scope} {when}]"


class ServerError(PinterestError):
    """Pinterest failed (5xx). A failed write may or may not have been applied."""


class PinterestConnectionError(PinterestError):
    """The request failed on the network or timed out.

    ``ambiguous`` is True when a write may have reached Pinterest (timeout or disconnect after the
    request was sent): re-read before trying again.
    """

    def __init__(self, message: str, *, ambiguous: bool = False, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.ambiguous = ambiguous


def _parse_body(response: httpx2.Response) -> dict[str, Any]:
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _retry_after(response: httpx2.Response, now: datetime) -> float | None:
    raw = response.headers.get("x-ratelimit-reset") or response.headers.get("retry-after")
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    # Some servers send an epoch timestamp rather than a delay; treat big values as one.
    if value > 1_000_000_000:
        value -= now.timestamp()
    return max(value, 0.0)


def error_from_response(
    response: httpx2.Response,
    *,
    request_id: str = "",
    operation: str | None = None,
    secrets: Iterable[str | None] = (),
    now: datetime | None = None,
) -> PinterestError:
    """Map an unsuccessful Pinterest response to the error tree.

    Reads ``{"code", "message", "message_detail"}`` (and OAuth's ``{"error", "error_description"}``)
    from the body, ``x-pinterest-rid`` and the rate-limit headers. ``secrets`` are scrubbed from the
    message.
    """
    body = _parse_body(response)
    status = response.status_code
    code = _int_or_none(body.get("code"))
    oauth_error = body.get("error") if isinstance(body.get("error"), str) else None
    raw_message = body.get("message") or body.get("error_description") or oauth_error
    if not isinstance(raw_message, str) or not raw_message:
        raw_message = response.reason_phrase or f"HTTP {status}"
    detail = body.get("message_detail")
    if isinstance(detail, str) and detail and detail not in raw_message:
        raw_message = f"{raw_message} {detail}"
    message = redact(raw_message, secrets)
    common: dict[str, Any] = {
        "status": status,
        "code": code,
        "request_id": request_id,
        "pinterest_request_id": response.headers.get("x-pinterest-rid"),
        "operation": operation,
    }
    if status == 429:
        now = now or datetime.now(UTC)
        retry_after = _retry_after(response, now)
        reset_at = now + timedelta(seconds=retry_after) if retry_after is not None else None
        spam = "spam" in message.lower()
        return RateLimitError(message, retry_after=retry_after, reset_at=reset_at, is_spam_block=spam, **common)
    if code == 3 and status in (401, 403):
        scopes = tuple(dict.fromkeys(_SCOPE_PATTERN.findall(message)))
        return ScopeError(message, required_scopes=scopes or _OPERATION_SCOPES.get(operation or "", ()), **common)
    if code == INVALID_GRANT_CODE:
        return AuthenticationError(f"{message.rstrip('.')}: {_INVALID_GRANT_HINT}", **common)
    if code == 1104 or oauth_error in _AUTH_OAUTH_ERRORS:
        return AuthenticationError(message, **common)
    if status == 401:
        if code == 7:
            return PermissionDeniedError(message, **common)
        return AuthenticationError(message, **common)
    if status == 403:
        return PermissionDeniedError(message, **common)
    if status == 404:
        return NotFoundError(message, **common)
    if 400 <= status < 500:
        match = _FIELD_PATTERN.search(message)
        return InvalidRequestError(message, field=match.group(1) if match else None, **common)
    if status >= 500:
        return ServerError(message, **common)
    return PinterestError(message, **common)
