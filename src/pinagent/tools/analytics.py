"""Toolset ``analytics``: paid performance at every level, in currency units."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.insights.kpis import kpis_from_row, total
from pinagent.insights.levels import ID_KEYS, entity_names, level_rows
from pinagent.tools.common import AdAccountId, EntityId, Ids
from pinagent.tools.errors import ToolProblem, agent_tool
from pinagent.tools.guards import on_account, on_connection
from pinagent.tools.registry import ToolSpec

MAX_DAYS_BACK = 90  # Pinterest's sync analytics window (FACTS §6)


class AnalyticsRowOut(BaseModel):
    id: str
    name: str | None = None
    date: str | None = None
    metrics: dict[str, float | int]


class AnalyticsOut(BaseModel):
    level: str
    currency: str
    start_date: str
    end_date: str
    granularity: str
    rows: list[AnalyticsRowOut]
    totals: dict[str, float | int] = Field(description="Summed over all rows; ratios from the sums")


def check_window(start: dt.date, end: dt.date, today: dt.date) -> None:
    """Raises: ToolProblem for a window Pinterest would reject (so no request is sent)."""
    if end < start:
        raise ToolProblem(f"end_date {end} is before start_date {start}; swap them.")
    if end > today:
        raise ToolProblem(f"end_date {end} is in the future; the latest allowed is {today}.")
    earliest = today - dt.timedelta(days=MAX_DAYS_BACK)
    if start < earliest:
        raise ToolProblem(
            f"start_date {start} is more than {MAX_DAYS_BACK} days ago; Pinterest allows {earliest} or later."
        )


Level = Literal["ad_account", "campaign", "ad_group", "ad"]
PIN_METRICS = ("IMPRESSION", "SAVE", "PIN_CLICK", "OUTBOUND_CLICK")


@agent_tool
async def get_ads_analytics(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    start_date: dt.date,
    end_date: dt.date,
    level: Level = "ad_account",
    ids: Annotated[Ids | None, Field(description="Ids at that level; default all active and paused")] = None,
    granularity: Literal["TOTAL", "DAY", "WEEK", "MONTH"] = "TOTAL",
) -> AnalyticsOut:
    """Spend, clicks, conversions, checkouts, CTR, CPC, CPM, CPA, ROAS per account, campaign, ad group or ad."""
    services, caller, shared = await on_account(ctx, ad_account_id)
    check_window(start_date, end_date, dt.datetime.now(dt.UTC).date())
    names: dict[str, str] = {}
    async with services.connect.client(caller.workspace_id) as client:
        if level != "ad_account":
            names = await entity_names(client, level, ad_account_id, ids)
            ids = ids or list(names)
        raw = await level_rows(client, level, ad_account_id, ids or [], start_date, end_date, granularity)
    id_key = ID_KEYS[level]
    rows = []
    parts = []
    for row in raw:
        kpis = kpis_from_row(row)
        parts.append(kpis)
        entity = str(row.get(id_key) or ad_account_id)
        rows.append(AnalyticsRowOut(id=entity, name=names.get(entity), date=row.get("DATE"), metrics=kpis.as_dict()))
    rows.sort(key=lambda r: (r.date or "", r.id))
    return AnalyticsOut(
        level=level,
        currency=shared.currency,
        start_date=start_date.isoformat(),
        end_date=end_date.isoformat(),
        granularity=granularity,
        rows=rows,
        totals=total(parts).as_dict(),
    )


class PinAnalyticsOut(BaseModel):
    pin_id: str
    start_date: str
    end_date: str
    totals: dict[str, float]
    daily: list[dict[str, Any]] = Field(description="One entry per day: date and metrics")


@agent_tool
async def get_pin_analytics(
    ctx: Context[Any, Any],
    pin_id: EntityId,
    start_date: dt.date,
    end_date: dt.date,
    metrics: list[Literal["IMPRESSION", "SAVE", "PIN_CLICK", "OUTBOUND_CLICK", "SAVE_RATE"]] | None = None,
) -> PinAnalyticsOut:
    """A Pin's organic impressions, saves, Pin clicks and outbound clicks, per day and in total."""
    services, caller, _ = await on_connection(ctx)
    check_window(start_date, end_date, dt.datetime.now(dt.UTC).date())
    async with services.connect.client(caller.workspace_id) as client:
        raw = await client.pins.analytics(pin_id, start_date, end_date, list(metrics or PIN_METRICS))
    split: dict[str, Any] = dict(raw.get("all") or next(iter(raw.values()), {}))
    daily = [{"date": d.get("date"), **(d.get("metrics") or {})} for d in split.get("daily_metrics", [])]
    totals = {k: float(v) for k, v in (split.get("summary_metrics") or {}).items() if v is not None}
    return PinAnalyticsOut(
        pin_id=pin_id, start_date=start_date.isoformat(), end_date=end_date.isoformat(), totals=totals, daily=daily
    )


TOOLS = [
    ToolSpec(get_ads_analytics, "analytics", "Ads analytics", read_only=True, idempotent=True),
    ToolSpec(get_pin_analytics, "analytics", "Pin analytics", read_only=True, idempotent=True),
]
