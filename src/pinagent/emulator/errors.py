"""Pinterest error bodies.

Every failure of a ``/v5`` call is an :class:`ApiError` carrying the HTTP status and Pinterest's
``{"code", "message"}`` body. The codes follow the official spec and FACTS.md §5:

- 1 (400): invalid parameter (type, range, pattern, unknown field);
- 2 (401): authentication failed (missing, unknown, expired or revoked token; bad client auth);
- 2 (404): entity not found ("AdAccount not found.", "Campaign not found.");
- 3 (401): the token lacks a scope the operation needs;
- 8 (429): rate limit exceeded;
- 29 (403): the user's Business Access role does not allow the operation;
- 283 (401): invalid, expired or reused authorization code / refresh token (observed on the wire,
  pinterest/pinterest-python-sdk#114);
- 400 (400): ads validation, e.g. analytics parameters ("code = HTTP status");
- 500/504: injected faults.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ApiError(Exception):
    """An error answered to the client with Pinterest's error body."""

    status: int
    code: int
    message: str
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, object]:
        """The JSON body Pinterest sends: ``{"code": int, "message": str}``."""
        return {"code": self.code, "message": self.message}


AUTH_FAILED = "Authentication failed."
NOT_PERMITTED = "You are not permitted to access that resource."
SCOPE_MESSAGE = (
    "Your token does not have sufficient permissions to perform this operation. "
    "Please ensure your token is authorized with the correct set of scopes."
)
RATE_LIMIT_MESSAGE = (
    "This request exceeded a rate limit. This can happen if the client exceeds one "
    "of the published rate limits within a short time window."
)


def invalid_parameter(detail: str) -> ApiError:
    """400 code 1: a parameter has the wrong type, range or pattern."""
    return ApiError(400, 1, f"Invalid parameter: {detail}")


def authentication_failed() -> ApiError:
    """401 code 2: no usable token."""
    return ApiError(401, 2, AUTH_FAILED)


def missing_scope(scope: str) -> ApiError:
    """401 code 3: the token was not granted ``scope``."""
    return ApiError(401, 3, f"{SCOPE_MESSAGE} Missing scope: {scope}.")


def not_permitted() -> ApiError:
    """403 code 29: the user's role on the resource does not allow this."""
    return ApiError(403, 29, NOT_PERMITTED)


def not_found(what: str) -> ApiError:
    """404 code 2: e.g. ``not_found("AdAccount")`` → "AdAccount not found."."""
    return ApiError(404, 2, f"{what} not found.")


def invalid_grant() -> ApiError:
    """401 code 283: the authorization code or refresh token cannot be used."""
    return ApiError(401, 283, "The authorization grant is invalid")


def rate_limited(reset_seconds: int) -> ApiError:
    """429 code 8 with the seconds until the window resets in ``X-RateLimit-Reset``."""
    return ApiError(429, 8, RATE_LIMIT_MESSAGE, {"X-RateLimit-Reset": str(max(reset_seconds, 1))})


def ads_validation(message: str) -> ApiError:
    """400 with code 400, the ads endpoints' validation error."""
    return ApiError(400, 400, message)
