"""``client.boards``: the user's boards, and the Pins on a board."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pinagent.pinterest.models import Board, Pin
from pinagent.pinterest.pagination import MAX_PAGE_SIZE, Pager
from pinagent.pinterest.transport import Transport

from ._common import extra_params, page_fetcher, segment

__all__ = ["BoardsService"]

BoardPrivacyFilter = Literal["ALL", "PUBLIC", "PROTECTED", "SECRET", "PUBLIC_AND_SECRET"]


class BoardsService:
    """Organic endpoints: ``ad_account_id`` acts on behalf of that ad account's owner (Business Access)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(
        self,
        privacy: BoardPrivacyFilter | None = None,
        ad_account_id: str | None = None,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Pager[Board]:
        """The user's boards, as an ``async for`` pager (nothing is fetched until used)."""
        params = extra_params({"privacy": privacy, "ad_account_id": ad_account_id})
        fetch = page_fetcher(self._transport, "boards", "boards/list", params, Board)
        return Pager(fetch, page_size=page_size, limit=limit)

    async def get(self, board_id: str, ad_account_id: str | None = None) -> Board:
        """One board.

        Raises:
            NotFoundError: no such board, or not visible to this user.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        body = await self._transport.request(
            "GET",
            f"boards/{segment(board_id)}",
            operation="boards/get",
            params=extra_params({"ad_account_id": ad_account_id}),
        )
        return Board.model_validate(body or {})

    async def create(self, body: Mapping[str, Any], ad_account_id: str | None = None) -> Board:
        """Create a board from ``{name, description?, privacy?, is_ads_only?}``. Never retried on 5xx.

        Raises:
            ValueError: ``name`` is missing.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        if not body.get("name"):
            raise ValueError("a board needs a name")
        answer = await self._transport.request(
            "POST",
            "boards",
            operation="boards/create",
            params=extra_params({"ad_account_id": ad_account_id}),
            json_body=dict(body),
        )
        return Board.model_validate(answer or {})

    def list_pins(
        self,
        board_id: str,
        creative_types: Sequence[str] | None = None,
        pin_metrics: bool | None = None,
        ad_account_id: str | None = None,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Pager[Pin]:
        """The Pins on a board, as an ``async for`` pager.

        Raises:
            ValueError: ``board_id`` is empty.
        """
        params = extra_params(
            {"creative_types": creative_types, "pin_metrics": pin_metrics, "ad_account_id": ad_account_id}
        )
        fetch = page_fetcher(self._transport, f"boards/{segment(board_id)}/pins", "boards/list_pins", params, Pin)
        return Pager(fetch, page_size=page_size, limit=limit)
