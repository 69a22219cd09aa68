"""``client.ad_accounts``: ad accounts the user owns or was given Business Access to."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence

from pinagent.pinterest.models import AdAccount, AnalyticsRow
from pinagent.pinterest.pagination import MAX_PAGE_SIZE, Pager
from pinagent.pinterest.transport import Transport

from ._common import OptValue, analytics_params, extra_params, page_fetcher, scalar, segment

__all__ = ["AdAccountsService"]


class AdAccountsService:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(
        self,
        include_shared_accounts: bool = True,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Pager[AdAccount]:
        """Ad accounts visible to the user, as an ``async for`` pager (nothing is fetched until used)."""
        params = [("include_shared_accounts", scalar(include_shared_accounts))]
        fetch = page_fetcher(self._transport, "ad_accounts", "ad_accounts/list", params, AdAccount)
        return Pager(fetch, page_size=page_size, limit=limit)

    async def get(self, ad_account_id: str) -> AdAccount:
        """One ad account.

        Raises:
            NotFoundError: no such ad account, or not shared with this user.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        body = await self._transport.request(
            "GET", f"ad_accounts/{segment(ad_account_id)}", operation="ad_accounts/get"
        )
        return AdAccount.model_validate(body or {})

    async def analytics(
        self,
        ad_account_id: str,
        start_date: dt.date,
        end_date: dt.date,
        columns: Sequence[str] | str,
        granularity: str = "DAY",
        **opts: OptValue,
    ) -> builtins.list[AnalyticsRow]:
        """Account-level analytics rows (``GET /ad_accounts/{id}/analytics``).

        ``opts`` are further query parameters, e.g. ``click_window_days=7``.

        Raises:
            ValueError: ``start_date`` after ``end_date`` or no columns.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        params = [*analytics_params(start_date, end_date, columns, granularity), *extra_params(opts)]
        body = await self._transport.request(
            "GET",
            f"ad_accounts/{segment(ad_account_id)}/analytics",
            operation="ad_account/analytics",
            params=params,
        )
        return [AnalyticsRow(row) for row in body or [] if isinstance(row, dict)]
