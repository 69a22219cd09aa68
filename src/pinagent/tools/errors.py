"""Turn every anticipated failure into a tool error a person can act on (PRODUCT.md §8).

Two channels (STYLE practice 6): a failure of Pinterest or of the connection becomes a
readable tool error (``isError``); only misuse of the protocol is a protocol error.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import ParamSpec, TypeVar

from mcp.server.mcpserver.exceptions import ToolError

from pinagent.config import REQUESTED_SCOPES
from pinagent.connect.errors import NeedsReconnectError, NotConnectedError
from pinagent.connect.tokens import RECONNECT_HINT
from pinagent.connect.vault import VaultError
from pinagent.pinterest import errors as pe

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


class ToolProblem(Exception):
    """A failure pinagent detected itself, before or instead of asking Pinterest."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def reference(exc: BaseException | None = None) -> str:
    """The short reference a person can quote to support."""
    if isinstance(exc, pe.PinterestError):
        parts = [f"pinagent request {exc.request_id}"]
        if exc.pinterest_request_id:
            parts.append(f"x-pinterest-rid {exc.pinterest_request_id}")
        return "; ".join(parts)
    return f"pinagent request {uuid.uuid4().hex[:16]}"


def explain(exc: BaseException) -> str:
    """The person-facing text for an anticipated failure (without the reference)."""
    if isinstance(exc, ToolProblem):
        return exc.message
    if isinstance(exc, NotConnectedError):
        return (
            "Pinterest is not connected for this workspace. Open the pinagent console → Integrations → "
            "Pinterest → Connect (or run `pinagent connect`), then try again."
        )
    if isinstance(exc, NeedsReconnectError):
        return (
            f"Pinterest no longer accepts this workspace's access ({exc.reason}). The connection is marked "
            f"Needs reconnect: {RECONNECT_HINT}."
        )
    if isinstance(exc, VaultError | ValueError):
        # The client's own input guards (e.g. two id filters at once) say what is wrong in their message.
        return str(exc)
    if isinstance(exc, pe.PinterestError):
        return _explain_pinterest(exc)
    raise TypeError(f"not an anticipated failure: {type(exc).__name__}")


def _explain_pinterest(exc: pe.PinterestError) -> str:
    if isinstance(exc, pe.ScopeError):
        missing = ", ".join(exc.required_scopes) if exc.required_scopes else "a scope this call needs"
        needs = "; ".join(f"{s}: {REQUESTED_SCOPES[s]}" for s in exc.required_scopes if s in REQUESTED_SCOPES)
        return (
            f"The Pinterest connection was not granted {missing}" + (f" ({needs})" if needs else "") + ". "
            f"To allow it, {RECONNECT_HINT} and keep that permission checked."
        )
    if isinstance(exc, pe.AuthenticationError):
        return f"Pinterest rejected the stored access ({exc.message}). {RECONNECT_HINT[0].upper()}{RECONNECT_HINT[1:]}."
    if isinstance(exc, pe.PermissionDeniedError):
        return (
            f"Pinterest refused: {exc.message} The connected Pinterest user lacks the needed role on this "
            "ad account; its owner must grant it (Admin or Campaign manager) in Pinterest Business Access."
        )
    if isinstance(exc, pe.RateLimitError):
        return _explain_rate_limit(exc)
    if isinstance(exc, pe.InvalidRequestError):
        field = f" (field: {exc.field})" if exc.field else ""
        return f"Pinterest rejected the request as invalid{field}: {exc.message}"
    if isinstance(exc, pe.NotFoundError):
        return f"Pinterest could not find it: {exc.message}"
    if isinstance(exc, pe.PinterestConnectionError):
        if exc.ambiguous:
            return (
                "Pinterest did not answer after receiving a change, so it may or may not have been applied. "
                "Check the current state (for example with a get_ or list_ tool) before trying again."
            )
        return f"Pinterest could not be reached ({exc.message}). Try again in a minute."
    if isinstance(exc, pe.ServerError):
        return f"Pinterest had an internal error ({exc.status}: {exc.message}). Try again in a minute."
    return f"Pinterest returned an error ({exc.status}, code {exc.code}): {exc.message}"


def _explain_rate_limit(exc: pe.RateLimitError) -> str:
    at = exc.reset_at
    if at is None and exc.retry_after is not None:
        at = datetime.now(UTC) + timedelta(seconds=exc.retry_after)
    if exc.is_daily:
        until = f"{at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if at else "tomorrow"
        return f"Pinterest's daily request limit for this app is exhausted until {until}. Try again after that."
    wait = f"{exc.retry_after:.0f} seconds" if exc.retry_after is not None else "a minute"
    when = f" (at {at.astimezone(UTC):%H:%M:%S} UTC)" if at else ""
    return f"Pinterest's rate limit for this kind of request was reached. Retry after {wait}{when}."


ANTICIPATED = (ToolProblem, NotConnectedError, NeedsReconnectError, VaultError, pe.PinterestError, ValueError)


def agent_tool(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Report anticipated failures as readable tool errors, each with a reference."""

    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await fn(*args, **kwargs)
        except ANTICIPATED as exc:
            ref = reference(exc)
            logger.info("Tool %s failed (%s): %s", fn.__name__, ref, type(exc).__name__)
            raise ToolError(f"{explain(exc)} [Reference: {ref}]") from exc

    return wrapper
