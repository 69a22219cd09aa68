"""``client.ad_groups``: list, read, bulk create/update and analytics of an ad account's ad groups."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from typing import Any

from pinagent.pinterest.models import AdGroup, AnalyticsRow, BulkItemResult
from pinagent.pinterest.pagination import MAX_PAGE_SIZE, Pager
from pinagent.pinterest.transport import Transport

from ._common import (
    ANALYTICS_CONCURRENCY,
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

__all__ = ["AdGroupsService"]


class AdGroupsService:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    @staticmethod
    def _path(ad_account_id: str) -> str:
        return f"ad_accounts/{segment(ad_account_id)}/ad_groups"

    def list(
        self,
        ad_account_id: str,
        campaign_ids: Sequence[str] | None = None,
        ad_group_ids: Sequence[str] | None = None,
        entity_statuses: Sequence[str] | None = None,
        order: Order | None = None,
        *,
        translate_interests_to_names: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Pager[AdGroup]:
        """Ad groups of an ad account, as an ``async for`` pager (nothing is fetched until used).

        Filter by ``campaign_ids`` *or* ``ad_group_ids`` (Pinterest refuses both).
        ``entity_statuses`` defaults (on Pinterest's side) to ACTIVE and PAUSED.

        Raises:
            ValueError: both id filters are given, or one has more than 250 ids.
        """
        params = [
            *id_filter({"campaign_ids": campaign_ids, "ad_group_ids": ad_group_ids}),
            *repeated("entity_statuses", entity_statuses),
            *extra_params({"order": order, "translate_interests_to_names": translate_interests_to_names}),
        ]
        fetch = page_fetcher(self._transport, self._path(ad_account_id), "ad_groups/list", params, AdGroup)
        return Pager(fetch, page_size=page_size, limit=limit)

    async def get(self, ad_account_id: str, ad_group_id: str) -> AdGroup:
        """One ad group.

        Raises:
            NotFoundError: no such ad group in this ad account.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        body = await self._transport.request(
            "GET", f"{self._path(ad_account_id)}/{segment(ad_group_id)}", operation="ad_groups/get"
        )
        return AdGroup.model_validate(body or {})

    async def create(
        self, ad_account_id: str, items: Sequence[dict[str, Any]]
    ) -> builtins.list[BulkItemResult[AdGroup]]:
        """Create ad groups, 30 per request; one result per item, in order. Never retried on 5xx.

        Each item needs ``campaign_id``, ``name`` and ``billable_event``; money fields are
        micro-currency ints. Check ``result.exceptions`` for per-item failures.

        Raises:
            ValueError: ``items`` is empty.
            PinterestError: a whole request failed; ``completed_results`` holds earlier chunks' results.
        """
        return await bulk_write(
            self._transport,
            "POST",
            self._path(ad_account_id),
            "ad_groups/create",
            require_items(items, "ad group"),
            BulkItemResult[AdGroup],
        )

    async def update(
        self, ad_account_id: str, items: Sequence[dict[str, Any]]
    ) -> builtins.list[BulkItemResult[AdGroup]]:
        """Update ad groups (each item needs ``id``), 30 per request; one result per item, in order.

        Raises:
            ValueError: ``items`` is empty.
            PinterestError: a whole request failed; ``completed_results`` holds earlier chunks' results.
        """
        return await bulk_write(
            self._transport,
            "PATCH",
            self._path(ad_account_id),
            "ad_groups/update",
            require_items(items, "ad group"),
            BulkItemResult[AdGroup],
        )

    async def analytics(
        self,
        ad_account_id: str,
        ad_group_ids: Sequence[str],
        start_date: dt.date,
        end_date: dt.date,
        columns: Sequence[str] | str,
        granularity: str = "DAY",
        *,
        concurrency: int = ANALYTICS_CONCURRENCY,
        **opts: OptValue,
    ) -> builtins.list[AnalyticsRow]:
        """Analytics rows for any number of ad groups: 250 ids per request, run concurrently.

        Rows carry ``AD_GROUP_ID``. ``opts`` are further query parameters, e.g. ``click_window_days=7``.

        Raises:
            ValueError: no ids, no columns or ``start_date`` after ``end_date``.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        params = [*analytics_params(start_date, end_date, columns, granularity), *extra_params(opts)]
        return await analytics_fan_out(
            self._transport,
            f"{self._path(ad_account_id)}/analytics",
            "ad_groups/analytics",
            "ad_group_ids",
            ad_group_ids,
            params,
            concurrency,
        )
