"""Read what the diagnosis needs from Pinterest in a handful of requests.

Entity lists first (campaigns, ad groups, ads: one page each for most accounts), then analytics:
account and campaigns per day over the history, ad groups and ads in total per period. The
client fans ids out 250 per request; everything independent runs concurrently.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from typing import Any

from pinagent.insights.kpis import BASE_COLUMNS, Kpis, kpis_from_row
from pinagent.insights.snapshot import AdData, AdGroupData, CampaignData, Daily, Snapshot, Window
from pinagent.pinterest import PinterestClient
from pinagent.pinterest.money import micro_to_units

COLUMNS = list(BASE_COLUMNS.values())


def _units(micro: int | None) -> float | None:
    return None if micro is None else float(micro_to_units(int(micro)))


def _daily(rows: Sequence[Any], id_key: str | None) -> dict[str, dict[dt.date, Kpis]]:
    by_entity: dict[str, dict[dt.date, Kpis]] = {}
    for row in rows:
        if not row.get("DATE"):
            continue
        entity = str(row.get(id_key)) if id_key else ""
        by_entity.setdefault(entity, {})[dt.date.fromisoformat(str(row["DATE"])[:10])] = kpis_from_row(row)
    return by_entity


def _totals(rows: Sequence[Any], id_key: str) -> dict[str, Kpis]:
    return {str(row.get(id_key)): kpis_from_row(row) for row in rows}


async def collect(client: PinterestClient, ad_account_id: str, currency: str, window: Window) -> Snapshot:
    """Everything :func:`pinagent.insights.diagnosis.diagnose` looks at, for ACTIVE and PAUSED entities.

    Raises:
        PinterestError: see :mod:`pinagent.pinterest.errors`.
    """

    async def listed(pager: Any) -> list[Any]:
        return [entity async for entity in pager]

    campaigns, groups, ads = await asyncio.gather(
        listed(client.campaigns.list(ad_account_id)),
        listed(client.ad_groups.list(ad_account_id)),
        listed(client.ads.list(ad_account_id)),
    )
    campaign_ids = [str(c.id) for c in campaigns]
    group_ids = [str(g.id) for g in groups]
    ad_ids = [str(a.id) for a in ads]
    history = (window.history_start, window.end)
    periods = {"current": (window.start, window.end), "previous": (window.previous_start, window.previous_end)}

    async def nothing() -> list[Any]:
        return []

    account_rows, campaign_rows, *level_rows = await asyncio.gather(
        client.ad_accounts.analytics(ad_account_id, *history, COLUMNS, "DAY"),
        client.campaigns.analytics(ad_account_id, campaign_ids, *history, COLUMNS, "DAY")
        if campaign_ids
        else nothing(),
        *(
            client.ad_groups.analytics(ad_account_id, group_ids, *span, COLUMNS, "TOTAL") if group_ids else nothing()
            for span in periods.values()
        ),
        *(
            client.ads.analytics(ad_account_id, ad_ids, *span, COLUMNS, "TOTAL") if ad_ids else nothing()
            for span in periods.values()
        ),
    )
    group_now, group_before, ad_now, ad_before = (
        _totals(level_rows[0], "AD_GROUP_ID"),
        _totals(level_rows[1], "AD_GROUP_ID"),
        _totals(level_rows[2], "AD_ID"),
        _totals(level_rows[3], "AD_ID"),
    )
    campaign_daily = _daily(campaign_rows, "CAMPAIGN_ID")
    account_daily: Daily = _daily(account_rows, None).get("", {})
    return Snapshot(
        ad_account_id=ad_account_id,
        currency=currency,
        window=window,
        account_daily=account_daily,
        campaigns=[
            CampaignData(
                id=str(c.id),
                name=c.name or "",
                status=c.status or "",
                objective=c.objective_type,
                daily_cap=_units(c.daily_spend_cap),
                daily=campaign_daily.get(str(c.id), {}),
            )
            for c in campaigns
        ],
        ad_groups=[
            AdGroupData(
                id=str(g.id),
                name=g.name or "",
                status=g.status or "",
                campaign_id=str(g.campaign_id),
                daily_budget=_units(g.budget_in_micro_currency) if (g.budget_type or "DAILY") == "DAILY" else None,
                current=group_now.get(str(g.id), Kpis()),
                previous=group_before.get(str(g.id), Kpis()),
            )
            for g in groups
        ],
        ads=[
            AdData(
                id=str(a.id),
                name=a.name or "",
                status=a.status or "",
                campaign_id=str(a.campaign_id),
                ad_group_id=str(a.ad_group_id),
                review_status=a.review_status,
                rejected_reasons=tuple(a.rejected_reasons or ()),
                current=ad_now.get(str(a.id), Kpis()),
                previous=ad_before.get(str(a.id), Kpis()),
            )
            for a in ads
        ],
    )
