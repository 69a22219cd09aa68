"""`pinagent analytics export`: paid metrics for every entity of a level, as CSV rows."""

from __future__ import annotations

import csv
import datetime as dt
from typing import IO, Any

from pinagent.insights.kpis import kpis_from_row
from pinagent.insights.levels import ID_KEYS, Progress, entity_names, level_rows
from pinagent.pinterest import PinterestClient

METRICS = ["spend", "impressions", "clicks", "outbound_clicks", "engagements", "conversions", "checkouts",
           "checkout_value", "ctr", "cpc", "cpm", "cpa", "roas", "cost_per_checkout"]  # fmt: skip


async def export_rows(
    client: PinterestClient,
    account: str,
    level: str,
    start: dt.date,
    end: dt.date,
    granularity: str,
    progress: Progress,
) -> list[dict[str, Any]]:
    """One row per entity (and period) for every active and paused entity of ``level``."""
    names = {account: ""} if level == "ad_account" else await entity_names(client, level, account, None)
    raw = await level_rows(client, level, account, list(names), start, end, granularity, progress)
    rows = []
    for row in raw:
        entity = str(row.get(ID_KEYS[level]) or account)
        metrics = kpis_from_row(row).as_dict()
        rows.append(
            {"date": row.get("DATE", ""), "level": level, "id": entity, "name": names.get(entity, ""), **metrics}
        )
    return sorted(rows, key=lambda r: (r["date"], r["id"]))


def write_csv(rows: list[dict[str, Any]], currency: str, out: IO[str]) -> None:
    writer = csv.DictWriter(
        out, fieldnames=["date", "level", "id", "name", "currency", *METRICS], extrasaction="ignore"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "currency": currency})
