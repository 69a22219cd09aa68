"""``client.campaigns``: list, read, bulk create/update and analytics of an ad account's campaigns."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from typing import Any

from pinagent.pinterest.models import AnalyticsRow, BulkItemResult, Campaign
from pinagent.pinterest.pagination import MAX_PAGE_SIZE, Pager
from pinagent.pinterest.transport import Transport

from ._common import (
    ANALYTICS_CONCURRENCY,
    ANALYTICS_IDS_PER_REQUEST,
    OptValue,
    Order,
    analytics_fan_out,
    analytics_params,
    bulk_write,
    extra_params,
    page_fetcher,
    repeated,
    segment,
)

__all__ = ["CampaignsService"]


def _with_account(items: Sequence[dict[str, Any]], ad_account_id: str) -> builtins.list[dict[str, Any]]:
    # Pinterest wants ad_account_id repeated in every body item; copy so the caller's dicts stay as given.
    if not items:
        raise ValueError("items must contain at least one campaign")
    return [{"ad_account_id": ad_account_id, **item} for item in items]


class CampaignsService:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    @staticmethod
    def _path(ad_account_id: str) -> str:
        return f"ad_accounts/{segment(ad_account_id)}/campaigns"

    def list(
        self,
        ad_account_id: str,
        campaign_ids: Sequence[str] | None = None,
        entity_statuses: Sequence[str] | None = None,
        order: Order | None = None,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Pager[Campaign]:
        """Campaigns of an ad account, as an ``async for`` pager.

        ``entity_statuses`` defaults (on Pinterest's side) to ACTIVE and PAUSED.

        Raises:
            ValueError: more than 250 ``campaign_ids``.
        """
        if campaign_ids is not None and len(campaign_ids) > ANALYTICS_IDS_PER_REQUEST:
            raise ValueError(f"at most {ANALYTICS_IDS_PER_REQUEST} campaign_ids per list call")
        params = [*repeated("campaign_ids", campaign_ids), *repeated("entity_statuses", entity_statuses)]
        if order:
            params.append(("order", order))
        fetch = page_fetcher(self._transport, self._path(ad_account_id), "campaigns/list", params, Campaign)
        return Pager(fetch, page_size=page_size, limit=limit)

    async def get(self, ad_account_id: str, campaign_id: str) -> Campaign:
        """One campaign.

        Raises:
            NotFoundError: no such campaign in this ad account.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        body = await self._transport.request(
            "GET", f"{self._path(ad_account_id)}/{segment(campaign_id)}", operation="campaigns/get"
        )
        return Campaign.model_validate(body or {})

    async def create(
        self, ad_account_id: str, items: Sequence[dict[str, Any]]
    ) -> builtins.list[BulkItemResult[Campaign]]:
        """Create campaigns, 30 per request; one result per item, in order. Never retried on 5xx.

        Each item needs ``name`` and ``objective_type``; ``ad_account_id`` is filled in if absent.
        Check ``result.exceptions`` for per-item failures.

        Raises:
            ValueError: ``items`` is empty.
            PinterestError: a whole request failed; ``completed_results`` holds earlier chunks' results.
        """
        return await bulk_write(
            self._transport,
            "POST",
            self._path(ad_account_id),
            "campaigns/create",
            _with_account(items, ad_account_id),
            BulkItemResult[Campaign],
        )

    async def update(
        self, ad_account_id: str, items: Sequence[dict[str, Any]]
    ) -> builtins.list[BulkItemResult[Campaign]]:
        """Update campaigns (each item needs ``id``), 30 per request; one result per item, in order.

        Raises:
            ValueError: ``items`` is empty.
            PinterestError: a whole request failed; ``completed_results`` holds earlier chunks' results.
        """
        return await bulk_write(
            self._transport,
            "PATCH",
            self._path(ad_account_id),
            "campaigns/update",
            _with_account(items, ad_account_id),
            BulkItemResult[Campaign],
        )

    async def analytics(
        self,
        ad_account_id: str,
        campaign_ids: Sequence[str],
        start_date: dt.date,
        end_date: dt.date,
        columns: Sequence[str] | str,
        granularity: str = "DAY",
        *,
        concurrency: int = ANALYTICS_CONCURRENCY,
        **opts: OptValue,
    ) -> builtins.list[AnalyticsRow]:
        """Analytics rows for any number of campaigns: 250 ids per request, run concurrently.

        ``opts`` are further query parameters, e.g. ``click_window_days=7``.

        Raises:
            ValueError: no ids, no columns or ``start_date`` after ``end_date``.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        params = [*analytics_params(start_date, end_date, columns, granularity), *extra_params(opts)]
        return await analytics_fan_out(
            self._transport,
            f"{self._path(ad_account_id)}/analytics",
            "campaigns/analytics",
            "campaign_ids",
            campaign_ids,
            params,
            concurrency,
        )
