"""Change history: every plan and its append-only events, filtered by GET parameters, exportable as CSV."""

from __future__ import annotations

import csv
import io

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pinagent.services import Services
from pinagent.store.models import utcnow
from pinagent.store.repos import shared_accounts
from pinagent.tools.formatting import iso_utc
from pinagent.web.change_views import (
    HISTORY_LIMIT,
    STATUSES,
    HistoryFilter,
    events_of,
    find_plans,
    plan_view,
    tools_used,
)
from pinagent.web.render import page

CSV_COLUMNS = (
    "change_id",
    "at",
    "kind",
    "actor",
    "tool",
    "ad_account_id",
    "status",
    "description",
    "reason",
    "pinterest_request_ids",
)


async def history_page(request: Request) -> Response:
    services: Services = request.app.state.services
    workspace_id = await services.default_workspace_id()
    filters = HistoryFilter.from_query(request.query_params)
    async with services.db.session() as session:
        plans = await find_plans(session, workspace_id, filters)
        events = await events_of(session, workspace_id, [p.id for p in plans])
        accounts = await shared_accounts(session, workspace_id)
        tools = await tools_used(session, workspace_id)
    currencies = {a.ad_account_id: a.currency for a in accounts}
    query = filters.query_string()
    return await page(
        request,
        "changes.html",
        status_code=400 if filters.problems else 200,
        plans=[plan_view(p, currencies.get(p.ad_account_id, ""), events[p.id]) for p in plans],
        filters=filters,
        statuses=STATUSES,
        tools=tools,
        accounts=accounts,
        limited=len(plans) >= HISTORY_LIMIT,
        limit=HISTORY_LIMIT,
        csv_url="/changes.csv" + (f"?{query}" if query else ""),
        error=" ".join(filters.problems) or None,
    )


def _cell(value: str) -> str:
    # A spreadsheet runs cells that start like a formula; free text (the agent's reason) must not.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


async def history_csv(request: Request) -> Response:
    """One row per history event of the plans the filters select (no limit: an export is complete)."""
    services: Services = request.app.state.services
    workspace_id = await services.default_workspace_id()
    filters = HistoryFilter.from_query(request.query_params)
    if filters.problems:
        return Response(" ".join(filters.problems), status_code=400, media_type="text/plain")
    async with services.db.session() as session:
        plans = await find_plans(session, workspace_id, filters, limit=100_000)
        events = await events_of(session, workspace_id, [p.id for p in plans])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for plan in plans:
        for event in events[plan.id]:
            writer.writerow(
                [
                    plan.id,
                    iso_utc(event.at),
                    event.kind,
                    _cell(event.actor),
                    plan.tool,
                    plan.ad_account_id,
                    plan.status,
                    _cell(plan.description),
                    _cell(plan.reason or ""),
                    " ".join(event.pinterest_request_ids),
                ]
            )
    stamp = utcnow().strftime("%Y%m%d-%H%M")
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="pinagent-changes-{stamp}.csv"'},
    )


routes = [
    Route("/changes", history_page, methods=["GET"]),
    Route("/changes.csv", history_csv, methods=["GET"]),
]
