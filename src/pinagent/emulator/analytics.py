"""Synchronous ads analytics: parameters, the delivery source, rows; ``ad_account/analytics`` and
``campaigns/analytics`` (ad groups and ads: :mod:`pinagent.emulator.ad_analytics`).

Parameters per FACTS.md §6. Validation failures are 400 with code 400 and a message starting like
the spec's ("Invalid ad account campaign analytics parameters.") followed by what is wrong. Dates
are UTC days of the emulator's clock; windows: non-HOUR start ≥ today − 90 days and at most 90 days
(inclusive) per request; HOUR start ≥ today − 8 days and (campaigns) at most 3 days. Rows are
zero-filled up to today (no rows for future days); unknown ids yield no rows. Every level sums the
same ad rows (:mod:`pinagent.emulator.delivery`), so ads add up to ad groups, campaigns, accounts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from pinagent.emulator import delivery, metrics, params
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


def _overrides(tx: Tx, today: int) -> dict[tuple[str, int], dict[str, Any]]:
    found: dict[tuple[str, int], dict[str, Any]] = {}
    for row in tx.list("daily_metrics"):
        entity_id = str(row.get("ad_id") or row.get("ad_group_id") or row.get("campaign_id") or row.get("id"))
        if "date" in row:
            found[(entity_id, _day_number(dt.date.fromisoformat(str(row["date"]))))] = row
        elif "days_ago" in row:
            found[(entity_id, today - int(row["days_ago"]))] = row
    return found


Select = Callable[[str, str, str], str | None]  # (campaign id, ad group id, ad id) -> output key or None


class Delivery:
    """The delivery models of (some of) an ad account's campaigns, with the dataset's overrides."""

    def __init__(self, tx: Tx, account_id: str, today: int, campaign_ids: Collection[str] | None = None) -> None:
        self.today = today
        wanted = None if campaign_ids is None else set(campaign_ids)
        campaigns = [c for c in tx.list("campaign", owner=account_id) if wanted is None or c["id"] in wanted]
        keep = {c["id"] for c in campaigns}
        groups: dict[str, list[Doc]] = {}
        for group in tx.list("ad_group", owner=account_id):
            if group["campaign_id"] in keep:
                groups.setdefault(group["campaign_id"], []).append(group)
        ads: dict[str, list[Doc]] = {}
        for ad in tx.list("ad", owner=account_id):
            if ad["campaign_id"] in keep:
                ads.setdefault(ad["campaign_id"], []).append(ad)
        self.campaigns = {c["id"]: c for c in campaigns}
        self.models = [
            delivery.CampaignModel.from_docs(c, groups.get(c["id"], []), ads.get(c["id"], [])) for c in campaigns
        ]
        self.overrides = _overrides(tx, today)

    def totals(self, days: list[int], select: Select) -> dict[str, list[int]]:
        """Sums of the ad rows over ``days``, keyed by ``select``."""
        out: dict[str, list[int]] = {}
        for model in self.models:
            for day in days:
                for group_id, ad_id, values in delivery.day_rows(model, day, self.today, self.overrides):
                    key = select(model.id, group_id, ad_id)
                    if key is None:
                        continue
                    acc = out.get(key)
                    if acc is None:
                        out[key] = list(values)
                    else:
                        for i, value in enumerate(values):
                            acc[i] += value
        return out


def _values(columns: tuple[str, ...], base: metrics.Base, attrs: dict[str, Any], hourly: bool) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in columns:
        if column in attrs:
            row[column] = attrs[column]
        elif column in metrics.COLUMNS and not (hourly and metrics.is_conversion_column(column)):
            row[column] = metrics.COLUMNS[column](base)
    return row


def _base(values: list[int] | None) -> metrics.Base:
    return metrics.zero() if values is None else dict(zip(metrics.FIELDS, values, strict=True))


def report(
    query: Query, source: Delivery, select: Select, entities: list[tuple[str, dict[str, Any]]], id_key: str | None
) -> list[dict[str, Any]]:
    """Rows for each ``(entity key, attributes)``: entity by entity, date by date, zero-filled."""
    out: dict[str, list[dict[str, Any]]] = {key: [] for key, _ in entities}
    attrs = dict(entities)
    for label, days in buckets(query):
        if query.granularity == "HOUR":
            for day in days:
                totals = source.totals([day], select)
                date = (metrics.EPOCH + dt.timedelta(days=day)).isoformat()
                for key in out:
                    head = {} if id_key is None else {id_key: key}
                    for hour, base in enumerate(metrics.split_hours(_base(totals.get(key)), (key, day))):
                        stamp = {"DATE": date, "HOUR": hour}  # the spec types DATE as a date
                        out[key].append({**head, **stamp, **_values(query.columns, base, attrs[key], True)})
            continue
        totals = source.totals(days, select)
        for key in out:
            head = {} if id_key is None else {id_key: key}
            stamp = {} if label is None else {"DATE": label}
            out[key].append({**head, **stamp, **_values(query.columns, _base(totals.get(key)), attrs[key], False)})
    return [row for rows in out.values() for row in rows]


def id_list(ctx: RequestContext, name: str, max_items: int, label: str) -> list[str]:
    """A repeated id parameter; format errors are analytics validation errors (400 code 400).

    Raises:
        ApiError: 400 code 400.
    """
    try:
        return list(dict.fromkeys(params.id_list(ctx, name, max_items)))
    except ApiError as err:
        raise ads_validation(f"Invalid {label} parameters. {err.message}") from None


def account_attrs(account: Doc) -> dict[str, Any]:
    return {"AD_ACCOUNT_ID": account["id"], "ADVERTISER_ID": account["id"]}


def account_analytics(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/analytics``: the sum over every ad of the account."""
    account, _ = require_account(tx, ctx)
    query = parse_query(ctx, tx, "ad account analytics", hour_range_limit=False)
    source = Delivery(tx, account["id"], _day_number(query.today))
    rows = report(query, source, lambda *_: account["id"], [(account["id"], account_attrs(account))], "AD_ACCOUNT_ID")
    return Reply(rows)


def campaign_attrs(account: Doc, doc: Doc) -> dict[str, Any]:
    """Attribute columns of a campaign row."""
    return {
        **account_attrs(account),
        "CAMPAIGN_ID": doc["id"],
        "CAMPAIGN_NAME": doc["name"],
        "CAMPAIGN_ENTITY_STATUS": doc["status"],
        "CAMPAIGN_OBJECTIVE_TYPE": doc["objective_type"],
        "CAMPAIGN_DAILY_SPEND_CAP": doc.get("daily_spend_cap"),
        "CAMPAIGN_LIFETIME_SPEND_CAP": doc.get("lifetime_spend_cap"),
    }


def campaign_analytics(ctx: RequestContext, tx: Tx) -> Reply:
    """``GET /v5/ad_accounts/{ad_account_id}/campaigns/analytics``."""
    account, _ = require_account(tx, ctx)
    label = "ad account campaign analytics"
    ids = id_list(ctx, "campaign_ids", 250, label)
    if not ids:
        raise ads_validation(f"Invalid {label} parameters. 'campaign_ids' is required (1 to 250 ids).")
    aggregate = params.optional_bool(ctx, "aggregate_report_rows", False)
    query = parse_query(ctx, tx, label, hour_range_limit=True)
    source = Delivery(tx, account["id"], _day_number(query.today), ids)
    found = [i for i in ids if i in source.campaigns]
    if aggregate:
        return Reply(report(query, source, lambda *_: "", [("", account_attrs(account))], None))
    entities = [(i, campaign_attrs(account, source.campaigns[i])) for i in found]
    return Reply(report(query, source, lambda c, g, a: c, entities, "CAMPAIGN_ID"))


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
