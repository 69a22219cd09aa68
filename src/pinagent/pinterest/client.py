"""The async Pinterest API v5 client: resource namespaces over one transport."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any, Self

import httpx2

from pinagent import __version__

from .auth import TokenProvider
from .calls import CallRecord, open_scope
from .resources import (
    AdAccountsService,
    AdGroupsService,
    AdsService,
    AudiencesService,
    BoardsService,
    CampaignsService,
    PinsService,
    UserAccountService,
)
from .retry import RetryPolicy
from .transport import QueryParams, Transport

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_USER_AGENT", "PinterestClient"]

DEFAULT_BASE_URL = "https://api.pinterest.com/v5"
DEFAULT_USER_AGENT = f"pinagent/{__version__}"


class PinterestClient:
    """Async client for the Pinterest REST API v5.

    Use as ``async with PinterestClient(auth=StaticToken(token)) as client: ...``. Pass
    ``transport=`` (``httpx2.MockTransport`` or ``httpx2.ASGITransport``) to talk to something other
    than the network, and a ``base_url`` with a path (e.g. ``"http://127.0.0.1:8000/v5"``) for an
    emulator or the sandbox.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        auth: TokenProvider | None = None,
        transport: httpx2.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
    ) -> None:
        self._transport = Transport(
            base_url.rstrip("/") + "/",
            auth=auth,
            transport=transport,
            timeout=timeout,
            retry=retry,
            user_agent=user_agent,
        )
        self.user_account = UserAccountService(self._transport)
        self.ad_accounts = AdAccountsService(self._transport)
        self.campaigns = CampaignsService(self._transport)
        self.ad_groups = AdGroupsService(self._transport)
        self.ads = AdsService(self._transport)
        self.audiences = AudiencesService(self._transport)
        self.boards = BoardsService(self._transport)
        self.pins = PinsService(self._transport)

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    async def request(
        self,
        method: str,
        path: str,
        *,
        operation: str | None = None,
        params: QueryParams | None = None,
        json_body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        """Call any endpoint without a typed wrapper, with the same auth, retries and errors.

        ``path`` is relative to the base URL (``"boards"``); ``params`` is a list of pairs so array
        parameters can repeat. Returns the decoded JSON body.

        Raises:
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        return await self._transport.request(
            method, path, operation=operation, params=params, json_body=json_body, headers=headers
        )

    def capture(self) -> AbstractContextManager[list[CallRecord]]:
        """Record every HTTP attempt this client makes within the block, successes included.

        ``with client.capture() as calls: ...`` gives a list that grows by one
        :class:`~pinagent.pinterest.calls.CallRecord` (operation, method, path, status, request_id,
        pinterest_request_id, attempt) per attempt, retries and refused tokens included. Tasks started
        inside the block record into it; a concurrent task outside it (or in its own capture) does not.
        Captures nest: an attempt is recorded in every open capture.
        """
        return open_scope(self._transport)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
