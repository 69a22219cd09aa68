"""Toolset ``analytics``: paid performance at every level, in currency units."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from pydantic import BaseModel, Field

from pinagent.insights.kpis import BASE_COLUMNS, kpis_from_row, total
from pinagent.tools.ads import AdAccountId
from pinagent.tools.context import resolve_caller, services_of
from pinagent.tools.errors import ToolProblem, agent_tool
from pinagent.tools.guards import shared_ad_account
from pinagent.tools.registry import ToolSpec

MAX_DAYS_BACK = 90  # Pinterest's sync analytics window (FACTS §6)
ID_KEYS = {"ad_account": "AD_ACCOUNT_ID", "campaign": "CAMPAIGN_ID"}


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


@agent_tool
async def get_ads_analytics(
    ctx: Context[Any, Any],
    ad_account_id: AdAccountId,
    start_date: dt.date,
    end_date: dt.date,
    level: Literal["ad_account", "campaign"] = "ad_account",
    ids: Annotated[
        list[str] | None, Field(description="Campaign ids (level=campaign); default all active/paused")
    ] = None,
    granularity: Literal["TOTAL", "DAY", "WEEK", "MONTH"] = "TOTAL",
) -> AnalyticsOut:
    """Spend, impressions, clicks, conversions, CTR, CPC, CPM, CPA, ROAS for an account or its campaigns."""
    services = await services_of(ctx)
    caller = await resolve_caller(services, ctx)
    shared = await shared_ad_account(services, caller, ad_account_id)
    check_window(start_date, end_date, dt.datetime.now(dt.UTC).date())
    columns = list(BASE_COLUMNS.values())
    names: dict[str, str] = {}
    async with services.connect.client(caller.workspace_id) as client:
        if level == "ad_account":
            raw = await client.ad_accounts.analytics(ad_account_id, start_date, end_date, columns, granularity)
        else:
            if not ids:
                async for campaign in client.campaigns.list(ad_account_id):
                    names[str(campaign.id)] = campaign.name or ""
                ids = list(names)
            if not ids:
                raw = []
            else:
                raw = await client.campaigns.analytics(ad_account_id, ids, start_date, end_date, columns, granularity)
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


TOOLS = [
    ToolSpec(get_ads_analytics, "analytics", "Ads analytics", read_only=True, idempotent=True),
]
