"""Read paid analytics at any level (ad account, campaign, ad group, ad) the same way everywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pinagent.insights.kpis import BASE_COLUMNS
from pinagent.pinterest import PinterestClient

CHUNK = 250  # ids per analytics request (Pinterest's limit)
ID_KEYS = {"ad_account": "AD_ACCOUNT_ID", "campaign": "CAMPAIGN_ID", "ad_group": "AD_GROUP_ID", "ad": "AD_ID"}

Progress = Callable[[int, int], None]


async def entity_names(client: PinterestClient, level: str, account: str, ids: list[str] | None) -> dict[str, str]:
    """Entity id → name for the level (all active and paused ones when ``ids`` is None)."""
    if level == "campaign":
        pager: Any = client.campaigns.list(account, campaign_ids=ids)
    elif level == "ad_group":
        pager = client.ad_groups.list(account, ad_group_ids=ids)
    else:
        pager = client.ads.list(account, ad_ids=ids)
    return {str(entity.id): entity.name or "" async for entity in pager}


async def level_rows(
    client: PinterestClient,
    level: str,
    account: str,
    ids: list[str],
    start: dt.date,
    end: dt.date,
    granularity: str,
    progress: Progress | None = None,
) -> list[Any]:
    """Pinterest's analytics rows for ``ids`` at ``level`` (the account itself for ``ad_account``).

    ``progress(done, total)`` is called after each request of at most 250 ids.
    """
    columns = list(BASE_COLUMNS.values())
    if level == "ad_account":
        rows = list(await client.ad_accounts.analytics(account, start, end, columns, granularity))
        if progress:
            progress(1, 1)
        return rows
    fetch: dict[str, Any] = {
        "campaign": client.campaigns.analytics,
        "ad_group": client.ad_groups.analytics,
        "ad": client.ads.analytics,
    }
    chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    rows = []
    for done, chunk in enumerate(chunks, 1):
        rows.extend(await fetch[level](account, chunk, start, end, columns, granularity))
        if progress:
            progress(done, len(chunks))
    return rows
