"""``client.ads``: list, read, bulk create/update and analytics of an ad account's ads."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from typing import Any

from pinagent.pinterest.models import Ad, AnalyticsRow, BulkItemResult
from pinagent.pinterest.pagination import MAX_PAGE_SIZE, Pager
from pinagent.pinterest.transport import Transport

from ._common import (
    ANALYTICS_CONCURRENCY,
    MAX_FILTER_IDS,
    PIN_IDS_PER_REQUEST,
    OptValue,
    Order,
    analytics_fan_out,
    analytics_params,
    bulk_write,
    extra_params,
    id_filter,
    page_fetcher,
    repeated,
    require_items,
    segment,
)

__all__ = ["AdsService"]


class AdsService:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    @staticmethod
    def _path(ad_account_id: str) -> str:
        return f"ad_accounts/{segment(ad_account_id)}/ads"

    def list(
        self,
        ad_account_id: str,
        campaign_ids: Sequence[str] | None = None,
        ad_group_ids: Sequence[str] | None = None,
        ad_ids: Sequence[str] | None = None,
        entity_statuses: Sequence[str] | None = None,
        order: Order | None = None,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Pager[Ad]:
        """Ads of an ad account, as an ``async for`` pager (nothing is fetched until used).

        Filter by only one of ``campaign_ids``, ``ad_group_ids`` and ``ad_ids``; with none, all ads
        (in ``entity_statuses``, by default ACTIVE and PAUSED) are listed.

        Raises:
            ValueError: more than one id filter is given, or one has more than 250 ids.
        """
        params = [
            *id_filter({"campaign_ids": campaign_ids, "ad_group_ids": ad_group_ids, "ad_ids": ad_ids}),
            *repeated("entity_statuses", entity_statuses),
            *extra_params({"order": order}),
        ]
        fetch = page_fetcher(self._transport, self._path(ad_account_id), "ads/list", params, Ad)
        return Pager(fetch, page_size=page_size, limit=limit)

    async def get(self, ad_account_id: str, ad_id: str) -> Ad:
        """One ad, with its ``review_status`` and ``rejected_reasons``.

        Raises:
            NotFoundError: no such ad in this ad account.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        body = await self._transport.request(
            "GET", f"{self._path(ad_account_id)}/{segment(ad_id)}", operation="ads/get"
        )
        return Ad.model_validate(body or {})

    async def create(self, ad_account_id: str, items: Sequence[dict[str, Any]]) -> builtins.list[BulkItemResult[Ad]]:
        """Create ads, 30 per request; one result per item, in order. Never retried on 5xx.

        Each item needs ``ad_group_id``, ``creative_type`` and ``pin_id``. Pinterest types an ad
        item's ``exceptions`` as a single object; it is read into a list like the other families.

        Raises:
            ValueError: ``items`` is empty.
            PinterestError: a whole request failed; ``completed_results`` holds earlier chunks' results.
        """
        return await bulk_write(
            self._transport,
            "POST",
            self._path(ad_account_id),
            "ads/create",
            require_items(items, "ad"),
            BulkItemResult[Ad],
        )

    async def update(self, ad_account_id: str, items: Sequence[dict[str, Any]]) -> builtins.list[BulkItemResult[Ad]]:
        """Update ads (each item needs ``id``; ``pin_id`` only on drafts), 30 per request, results in order.

        Raises:
            ValueError: ``items`` is empty.
            PinterestError: a whole request failed; ``completed_results`` holds earlier chunks' results.
        """
        return await bulk_write(
            self._transport,
            "PATCH",
            self._path(ad_account_id),
            "ads/update",
            require_items(items, "ad"),
            BulkItemResult[Ad],
        )

    async def analytics(
        self,
        ad_account_id: str,
        ad_ids: Sequence[str],
        start_date: dt.date,
        end_date: dt.date,
        columns: Sequence[str] | str,
        granularity: str = "DAY",
        *,
        concurrency: int = ANALYTICS_CONCURRENCY,
        **opts: OptValue,
    ) -> builtins.list[AnalyticsRow]:
        """Analytics rows for any number of ads: 250 ids per request, run concurrently.

        Rows carry ``AD_ID``. ``opts`` are further query parameters, e.g. ``click_window_days=7``.

        Raises:
            ValueError: no ids, no columns or ``start_date`` after ``end_date``.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        params = [*analytics_params(start_date, end_date, columns, granularity), *extra_params(opts)]
        return await analytics_fan_out(
            self._transport,
            f"{self._path(ad_account_id)}/analytics",
            "ads/analytics",
            "ad_ids",
            ad_ids,
            params,
            concurrency,
        )

    async def analytics_by_pins(
        self,
        ad_account_id: str,
        campaign_ids: Sequence[str],
        pin_ids: Sequence[str],
        start_date: dt.date,
        end_date: dt.date,
        columns: Sequence[str] | str,
        granularity: str = "DAY",
        *,
        concurrency: int = ANALYTICS_CONCURRENCY,
        **opts: OptValue,
    ) -> builtins.list[AnalyticsRow]:
        """Analytics rows of the ads promoting ``pin_ids`` in ``campaign_ids`` (``GET …/ads/analytics``).

        Every request repeats all ``campaign_ids`` (at most 250) and carries up to 100 ``pin_ids``;
        more Pins are fanned out over concurrent requests.

        Raises:
            ValueError: no campaign or pin ids, more than 250 campaign ids, no columns or
                ``start_date`` after ``end_date``.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        if not campaign_ids:
            raise ValueError("campaign_ids must contain at least one id")
        campaigns = list(dict.fromkeys(str(i) for i in campaign_ids))
        if len(campaigns) > MAX_FILTER_IDS:
            raise ValueError(f"at most {MAX_FILTER_IDS} campaign_ids per call")
        params = [
            *analytics_params(start_date, end_date, columns, granularity),
            *repeated("campaign_ids", campaigns),
            *extra_params(opts),
        ]
        return await analytics_fan_out(
            self._transport,
            f"{self._path(ad_account_id)}/analytics",
            "ads/analytics",
            "pin_ids",
            pin_ids,
            params,
            concurrency,
            chunk_size=PIN_IDS_PER_REQUEST,
        )
