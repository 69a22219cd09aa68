"""``client.pins``: the user's Pins, creating Pins, and a Pin's organic analytics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pinagent.pinterest.models import Pin, PinAnalytics
from pinagent.pinterest.pagination import MAX_PAGE_SIZE, Pager
from pinagent.pinterest.transport import Transport

from ._common import as_date, extra_params, page_fetcher, segment

__all__ = ["PinsService"]

PinFilter = Literal["exclude_native", "exclude_repins", "has_been_promoted"]
AppType = Literal["ALL", "MOBILE", "TABLET", "WEB"]
SplitField = Literal["NO_SPLIT", "APP_TYPE"]


class PinsService:
    """Organic endpoints: ``ad_account_id`` acts on behalf of that ad account's owner (Business Access)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(
        self,
        pin_filter: PinFilter | None = None,
        include_protected_pins: bool | None = None,
        pin_type: Literal["PRIVATE"] | None = None,
        ad_account_id: str | None = None,
        *,
        creative_types: Sequence[str] | None = None,
        pin_metrics: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Pager[Pin]:
        """The user's Pins, as an ``async for`` pager (nothing is fetched until used)."""
        params = extra_params(
            {
                "pin_filter": pin_filter,
                "include_protected_pins": include_protected_pins,
                "pin_type": pin_type,
                "creative_types": creative_types,
                "pin_metrics": pin_metrics,
                "ad_account_id": ad_account_id,
            }
        )
        fetch = page_fetcher(self._transport, "pins", "pins/list", params, Pin)
        return Pager(fetch, page_size=page_size, limit=limit)

    async def get(self, pin_id: str, ad_account_id: str | None = None, *, pin_metrics: bool | None = None) -> Pin:
        """One Pin.

        Raises:
            NotFoundError: no such Pin, or not visible to this user.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        body = await self._transport.request(
            "GET",
            f"pins/{segment(pin_id)}",
            operation="pins/get",
            params=extra_params({"ad_account_id": ad_account_id, "pin_metrics": pin_metrics}),
        )
        return Pin.model_validate(body or {})

    async def create(self, body: Mapping[str, Any], ad_account_id: str | None = None) -> Pin:
        """Create a Pin from ``{board_id, media_source, title?, description?, link?, alt_text?, …}``.

        The spec marks no field required (``board_id`` plus ``media_source``, or ``parent_pin_id`` to
        save an existing Pin, are what Pinterest needs in practice), so only an empty body is refused.
        Never retried on 5xx. A Trial app gets 403 code 29 (FACTS §5).

        Raises:
            ValueError: ``body`` is empty.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        if not body:
            raise ValueError("a Pin needs at least a board_id and a media_source")
        answer = await self._transport.request(
            "POST",
            "pins",
            operation="pins/create",
            params=extra_params({"ad_account_id": ad_account_id}),
            json_body=dict(body),
        )
        return Pin.model_validate(answer or {})

    async def analytics(
        self,
        pin_id: str,
        start_date: dt.date,
        end_date: dt.date,
        metric_types: Sequence[str] | str,
        app_types: AppType | None = None,
        split_field: SplitField | None = None,
        ad_account_id: str | None = None,
    ) -> PinAnalytics:
        """A Pin's organic metrics (``GET /pins/{id}/analytics``), as on the wire.

        A plain dict keyed by split value (``"all"`` without a split), each holding
        ``daily_metrics`` (``[{date, data_status, metrics}]``), ``summary_metrics`` and
        ``lifetime_metrics``. ``metric_types`` are sent comma-separated.

        Raises:
            ValueError: no metric types or ``start_date`` after ``end_date``.
            PinterestError: see :mod:`pinagent.pinterest.errors`.
        """
        start, end = as_date(start_date), as_date(end_date)
        if start > end:
            raise ValueError(f"start_date {start} is after end_date {end}")
        names = [m.strip() for m in metric_types.split(",")] if isinstance(metric_types, str) else list(metric_types)
        names = [m for m in names if m]
        if not names:
            raise ValueError("metric_types must name at least one metric")
        params = [
            ("start_date", start.isoformat()),
            ("end_date", end.isoformat()),
            ("metric_types", ",".join(names)),
            *extra_params({"app_types": app_types, "split_field": split_field, "ad_account_id": ad_account_id}),
        ]
        body = await self._transport.request(
            "GET", f"pins/{segment(pin_id)}/analytics", operation="pins/analytics", params=params
        )
        return body if isinstance(body, dict) else {}
