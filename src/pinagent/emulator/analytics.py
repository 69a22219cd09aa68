"""Synchronous ads analytics: ``ad_account/analytics`` and ``campaigns/analytics``.

Parameters per FACTS.md §6. Validation failures are 400 with code 400 and a message starting like
the spec's ("Invalid ad account campaign analytics parameters.") followed by what is wrong. Dates
are UTC days of the emulator's clock; windows: non-HOUR start ≥ today − 90 days and at most 90 days
(inclusive) per request; HOUR start ≥ today − 8 days and (campaigns) at most 3 days. Rows are
zero-filled up to today (no rows for future days); unknown campaign ids yield no rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pinagent.emulator import metrics, params
from pinagent.emulator.ad_accounts import require_account
from pinagent.emulator.columns import SYNC_COLUMNS
from pinagent.emulator.dispatch import Operation, Reply, RequestContext
from pinagent.emulator.errors import ApiError, ads_validation
from pinagent.emulator.state import Doc, Tx

GRANULARITIES = ("TOTAL", "DAY", "HOUR", "WEEK", "MONTH")
WINDOW_DAYS = ("0", "1", "7", "14", "30", "60")
EPOCH_ORDINAL = metrics.EPOCH.toordinal()


@dataclass(frozen=True)
class Query:
    """A validated analytics request."""

    start: dt.date
    end: dt.date
    today: dt.date
    columns: tuple[str, ...]
    granularity: str


def _day_number(day: dt.date) -> int:
    return day.toordinal() - EPOCH_ORDINAL


def _parse_date(ctx: RequestContext, name: str, fail: Callable[[str], ApiError]) -> dt.date:
    raw = ctx.first(name)
    if raw is None:
        raise fail(f"'{name}' is required (YYYY-MM-DD).")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise fail(f"'{name}' must be a date formatted YYYY-MM-DD (got '{raw}').") from None


def parse_query(ctx: RequestContext, tx: Tx, label: str, hour_range_limit: bool) -> Query:
    """Validate the common analytics parameters.

    Raises:
        ApiError: 400 code 400 naming the parameter and the rule broken.
    """

    def fail(detail: str) -> ApiError:
        return ads_validation(f"Invalid {label} parameters. {detail}")

    start, end = _parse_date(ctx, "start_date", fail), _parse_date(ctx, "end_date", fail)
    raw_columns = ",".join(ctx.values("columns"))
    columns = tuple(c.strip() for c in raw_columns.split(",") if c.strip())
    if not columns:
        raise fail("'columns' is required: a comma-separated list of reporting columns.")
    for column in columns:
        if column not in SYNC_COLUMNS:
            raise fail(f"Unknown column '{column}' in 'columns'.")
    granularity = ctx.first("granularity")
    if granularity not in GRANULARITIES:
        raise fail(f"'granularity' is required and must be one of {', '.join(GRANULARITIES)}.")
    for name in ("click_window_days", "engagement_window_days", "view_window_days"):
        value = ctx.first(name)
        if value is not None and value not in WINDOW_DAYS:
            raise fail(f"'{name}' must be one of {', '.join(WINDOW_DAYS)} (got '{value}').")
    checks = {
        "conversion_report_time": ("TIME_OF_AD_ACTION", "TIME_OF_CONVERSION"),
        "reporting_timezone": ("PINTEREST_TIME_ZONE", "AD_ACCOUNT_TIME_ZONE"),
    }
    for name, allowed in checks.items():
        value = ctx.first(name)
        if value is not None and value not in allowed:
            raise fail(f"'{name}' must be one of {', '.join(allowed)} (got '{value}').")
    today = dt.datetime.fromtimestamp(tx.now(), dt.UTC).date()
    if start > end:
        raise fail(f"'start_date' ({start}) must not be after 'end_date' ({end}).")
    back, max_range = (8, 3 if hour_range_limit else None) if granularity == "HOUR" else (90, 90)
    if start < today - dt.timedelta(days=back):
        raise fail(
            f"'start_date' {start} is more than {back} days before today ({today}); "
            f"you can only get data from the last {back} days."
        )
    if max_range is not None and (end - start).days + 1 > max_range:
        raise fail(f"the date range {start}..{end} is longer than {max_range} days.")
    return Query(start, end, today, columns, granularity)


def buckets(query: Query) -> list[tuple[str | None, list[int]]]:
    """``(DATE label, day numbers)`` per output row; no days after today."""
    last = min(query.end, query.today)
    days = [query.start + dt.timedelta(days=n) for n in range(max(0, (last - query.start).days + 1))]
    if query.granularity == "TOTAL":
        return [(None, [_day_number(d) for d in days])]
    groups: dict[dt.date, list[int]] = {}
    for day in days:
        if query.granularity == "WEEK":
            key = max(query.start, day - dt.timedelta(days=day.weekday()))
        elif query.granularity == "MONTH":
            key = max(query.start, day.replace(day=1))
        else:
            key = day
        groups.setdefault(key, []).append(_day_number(day))
    return [(key.isoformat(), numbers) for key, numbers in groups.items()]


def _overrides(tx: Tx, campaign_id: str, today: int) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for row in tx.list("daily_metrics", owner=campaign_id):
        if "date" in row:
            found[_day_number(dt.date.fromisoformat(str(row["date"])))] = row
        elif "days_ago" in row:
            found[today - int(row["days_ago"])] = row
    return found


class CampaignSeries:
    """Base rows of one campaign, with its dataset overrides."""

    def __init__(self, tx: Tx, doc: Doc, today: int) -> None:
        self.doc = doc
        self.model = metrics.CampaignModel.from_doc(doc)
        self.today = today
        self.overrides = _overrides(tx, str(doc["id"]), today)

    def total(self, days: list[int]) -> metrics.Base:
        """Sum of the base rows over ``days``."""
        return metrics.sum_days(self.model, days, self.today, self.overrides)


def _values(columns: tuple[str, ...], base: metrics.Base, attrs: dict[str, Any], hourly: bool) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in columns:
        if column in attrs:
            row[column] = attrs[column]
        elif column in metrics.COLUMNS and not (hourly and metrics.is_conversion_column(column)):
            row[column] = metrics.COLUMNS[column](base)
    return row


def rows_for(
    query: Query, series: list[CampaignSeries], id_key: str | None, entity_id: str | None, attrs: dict[str, Any]
) -> list[dict[str, Any]]:
    """Output rows for one entity made of ``series`` (summed)."""
    out: list[dict[str, Any]] = []
    head = {} if id_key is None else {id_key: entity_id}
    for label, days in buckets(query):
        if query.granularity == "HOUR":
            for day in days:
                day_total = metrics.add(s.total([day]) for s in series)
                date = (metrics.EPOCH + dt.timedelta(days=day)).isoformat()
                for hour, base in enumerate(metrics.split_hours(day_total, (entity_id, day))):
                    stamp = {"DATE": date, "HOUR": hour}  # the spec types DATE as a date
                    out.append({**head, **stamp, **_values(query.columns, base, attrs, True)})
            continue
        base = metrics.add(s.total(days) for s in series)
        out.append({**head, **({} if label is None else {"DATE": label}), **_values(query.columns, base, attrs, False)})
    return out


def _account_attrs(account: Doc) -> dict[str, Any]:
    return {"AD_ACCOUNT_ID": account["id"], "ADVERTISER_ID": account["id"]}


def account_analytics(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/analytics``: the sum over every campaign."""
    account, _ = require_account(tx, ctx)
    query = parse_query(ctx, tx, "ad account analytics", hour_range_limit=False)
    today = _day_number(query.today)
    series = [CampaignSeries(tx, doc, today) for doc in tx.list("campaign", owner=account["id"])]
    return Reply(rows_for(query, series, "AD_ACCOUNT_ID", account["id"], _account_attrs(account)))


def campaign_analytics(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/campaigns/analytics``."""
    account, _ = require_account(tx, ctx)
    label = "ad account campaign analytics"
    try:
        ids = params.id_list(ctx, "campaign_ids", 250)
    except ApiError as err:
        raise ads_validation(f"Invalid {label} parameters. {err.message}") from None
    if not ids:
        raise ads_validation(f"Invalid {label} parameters. 'campaign_ids' is required (1 to 250 ids).")
    aggregate = params.optional_bool(ctx, "aggregate_report_rows", False)
    query = parse_query(ctx, tx, label, hour_range_limit=True)
    today = _day_number(query.today)
    series = []
    for campaign_id in dict.fromkeys(ids):
        doc = tx.get("campaign", campaign_id)
        if doc is not None and doc["ad_account_id"] == account["id"]:
            series.append(CampaignSeries(tx, doc, today))
    if aggregate:
        return Reply(rows_for(query, series, None, None, _account_attrs(account)))
    rows: list[dict[str, Any]] = []
    for s in series:
        doc = s.doc
        attrs = {
            **_account_attrs(account),
            "CAMPAIGN_ID": doc["id"],
            "CAMPAIGN_NAME": doc["name"],
            "CAMPAIGN_ENTITY_STATUS": doc["status"],
            "CAMPAIGN_OBJECTIVE_TYPE": doc["objective_type"],
            "CAMPAIGN_DAILY_SPEND_CAP": doc.get("daily_spend_cap"),
            "CAMPAIGN_LIFETIME_SPEND_CAP": doc.get("lifetime_spend_cap"),
        }
        rows += rows_for(query, [s], "CAMPAIGN_ID", str(doc["id"]), attrs)
    return Reply(rows)


OPERATIONS = [
    Operation(
        "ad_account/analytics",
        "GET",
        "/v5/ad_accounts/{ad_account_id}/analytics",
        "ads_analytics",
        ("ads:read",),
        account_analytics,
    ),
    Operation(
        "campaigns/analytics",
        "GET",
        "/v5/ad_accounts/{ad_account_id}/campaigns/analytics",
        "ads_analytics",
        ("ads:read",),
        campaign_analytics,
    ),
]
