"""One call to Pinterest: auth header, request id, retries, token refresh, error mapping, logging.

Every call gets its own pinagent request id (sent as ``X-Request-Id``, kept across its retries) so a
person can match an error, a log line and Pinterest's ``x-pinterest-rid``. Every attempt is also
offered to the open capture scopes (:mod:`.calls`).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import httpx2

from .auth import TokenProvider
from .calls import CallRecord, record
from .errors import (
    INVALID_GRANT_CODE,
    AuthenticationError,
    PinterestConnectionError,
    PinterestError,
    error_from_response,
    redact,
)
from .retry import RetryPolicy

__all__ = ["QueryParams", "Transport", "new_request_id"]

logger = logging.getLogger("pinagent.pinterest")

QueryParams = Sequence[tuple[str, str]]

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Failures that happen before any byte of the request left: nothing can have been executed.
_NOT_SENT = (httpx2.ConnectError, httpx2.ConnectTimeout, httpx2.PoolTimeout, httpx2.UnsupportedProtocol)


def new_request_id() -> str:
    """pinagent's own id for one call."""
    return f"pa-{uuid.uuid4().hex}"


def _is_token_endpoint(path: str, operation: str | None) -> bool:
    return (operation or "").startswith("oauth/") or path.strip("/").startswith("oauth/")


def _is_refreshable(error: PinterestError, path: str, operation: str | None) -> bool:
    # A failure of the token endpoint itself (or a refused grant) can never be cured by refreshing:
    # refreshing would call the token endpoint again, or loop.
    if error.code == INVALID_GRANT_CODE or _is_token_endpoint(path, operation):
        return False
    return isinstance(error, AuthenticationError) and (error.status == 401 or error.code == 1104)


def _describe(exc: httpx2.TransportError) -> str:
    if isinstance(exc, httpx2.TimeoutException):
        return f"Timed out talking to Pinterest ({type(exc).__name__})"
    return f"Could not reach Pinterest ({type(exc).__name__})"


class Transport:
    """Sends requests to the Pinterest API and turns failures into :mod:`.errors`."""

    def __init__(
        self,
        base_url: str,
        *,
        auth: TokenProvider | None,
        transport: httpx2.AsyncBaseTransport | None,
        timeout: float,
        retry: RetryPolicy | None,
        user_agent: str,
    ) -> None:
        self._auth = auth
        self.retry = retry or RetryPolicy()
        self._http = httpx2.AsyncClient(
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": user_agent, "Accept": "application/json"},
            follow_redirects=False,
        )

    @property
    def base_url(self) -> str:
        return str(self._http.base_url)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        operation: str | None = None,
        params: QueryParams | None = None,
        json_body: Any = None,
        form: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
    ) -> Any:
        """Send one call and return its decoded JSON body (``None`` when empty).

        ``path`` is relative to the base URL. ``secrets`` are scrubbed from error messages.

        Raises:
            PinterestError: a subclass from :mod:`pinagent.pinterest.errors`.
        """
        method = method.upper()
        is_read = method in _READ_METHODS
        request_id = new_request_id()
        secrets = tuple(secrets)
        token = await self._auth.get_token() if self._auth is not None else None
        refreshed = False
        attempt = 1
        while True:
            request = self._http.build_request(
                method,
                path.lstrip("/"),
                params=list(params or ()),
                json=json_body,
                data=form,
                headers=headers,
            )
            request.headers["X-Request-Id"] = request_id
            if token is not None:
                request.headers["Authorization"] = f"Bearer {token}"
            try:
                response = await self._send(request, request_id, operation, attempt)
            except httpx2.TransportError as exc:
                error: PinterestError = PinterestConnectionError(
                    redact(f"{_describe(exc)}: {exc}", (token, *secrets)),
                    ambiguous=not is_read and not isinstance(exc, _NOT_SENT),
                    request_id=request_id,
                    operation=operation,
                )
                cause: BaseException | None = exc
            else:
                if response.is_success:
                    return self._decode(response, request_id, operation)
                error = error_from_response(
                    response, request_id=request_id, operation=operation, secrets=(token, *secrets)
                )
                cause = None
                if (
                    _is_refreshable(error, path, operation)
                    and self._auth is not None
                    and token is not None
                    and not refreshed
                ):
                    refreshed = True
                    new_token = await self._auth.refresh(token)
                    if new_token:
                        logger.debug("token refreshed after 401; retrying (request_id=%s)", request_id)
                        token = new_token
                        continue
            delay = self.retry.delay_before_retry(error, attempt=attempt, is_read=is_read)
            if delay is None:
                raise error from cause
            logger.debug(
                "retrying %s %s in %.2fs after %s (attempt %d, request_id=%s)",
                method,
                request.url.path,
                delay,
                type(error).__name__,
                attempt,
                request_id,
            )
            await self.retry.sleep(delay)
            attempt += 1

    async def _send(
        self, request: httpx2.Request, request_id: str, operation: str | None, attempt: int
    ) -> httpx2.Response:
        started = time.perf_counter()
        try:
            response = await self._http.send(request)
        except httpx2.TransportError as exc:
            self._record(request, None, request_id, operation, attempt, started, type(exc).__name__)
            logger.debug(
                "%s %s failed: %s after %.0f ms (attempt %d, request_id=%s, operation=%s)",
                request.method,
                request.url.path,
                type(exc).__name__,
                (time.perf_counter() - started) * 1000,
                attempt,
                request_id,
                operation,
            )
            raise
        self._record(request, response, request_id, operation, attempt, started, None)
        logger.debug(
            "%s %s -> %d in %.0f ms (attempt %d, request_id=%s, pinterest_request_id=%s, operation=%s)",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
            attempt,
            request_id,
            response.headers.get("x-pinterest-rid"),
            operation,
        )
        return response

    def _record(
        self,
        request: httpx2.Request,
        response: httpx2.Response | None,
        request_id: str,
        operation: str | None,
        attempt: int,
        started: float,
        error: str | None,
    ) -> None:
        record(
            self,
            CallRecord(
                operation=operation,
                method=request.method,
                path=request.url.path,
                status=response.status_code if response is not None else None,
                request_id=request_id,
                pinterest_request_id=response.headers.get("x-pinterest-rid") if response is not None else None,
                attempt=attempt,
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                error=error,
            ),
        )

    @staticmethod
    def _decode(response: httpx2.Response, request_id: str, operation: str | None) -> Any:
        if not response.content:
            return None
        try:
            return json.loads(response.content)
        except ValueError:
            raise PinterestError(
                "Pinterest returned a response that is not valid JSON",
                status=response.status_code,
                request_id=request_id,
                pinterest_request_id=response.headers.get("x-pinterest-rid"),
                operation=operation,
            ) from None
